// The end-to-end check every runner world passes (README "Builders"): the
// example app deployed to the AWS stand-in through dist/index.js, as a
// workflow step runs it on that runner, Green and its page served; then a code
// change deployed from a FRESH runner of the same world (an empty daemon),
// measured as layer bytes the registry received ÷ bytes of the layers the
// change altered. Each world's suite file gives its runner; this file is the
// one flow they share.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { ECRClient } from '@aws-sdk/client-ecr'
import { execFile, spawn } from 'node:child_process'
import { appendFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { loadImages, stopFreshDaemon, type FreshDaemon } from '../../../test-support/fresh-daemon.js'
import { createCommandRunner } from '../../../src/adapters/docker/command-runner.js'
import type { Manifest } from '../../../src/adapters/docker/registry-api.js'
import { EcrRegistry } from '../../../src/adapters/ecr.js'
import { actionEnvironment, createExampleEnvironment } from '../../../test-support/example-environment.js'
import { PROJECT_ROOT, runAction, type ActionRun } from '../../../test-support/run-action.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { describeIn, type World } from './docker.js'

const execFileAsync = promisify(execFile)

/** A runner of one world: the environment a step gets there, and what stops it. */
export interface WorldRunner {
  env: Record<string, string>
  stop(): Promise<void>
}

export interface WorldSpec {
  world: World
  title: string
  /** The runner the first deploy runs on (its daemon may already hold the build cache of other tests). */
  runner(): Promise<WorldRunner>
  /** A fresh runner of the same world: an empty daemon with only the base image. */
  freshRunner(): Promise<WorldRunner>
  /** The most layer bytes a fresh-runner code change may upload, as a multiple of the changed layers' bytes. */
  maxRatio: number
  /** Facts the suite builds into its runner itself (its plugin, its daemon): checked on every machine. */
  intended?: Partial<RunnerEvidence>
}

/**
 * What the machine did during a run, found by the test itself rather than read from the action's log: whether the
 * runner's CLI has buildx, the daemon's image store, and whether the BuildKit container of the docker-container
 * builder the action creates for the run started (the daemon's own event stream). A GitHub-hosted runner pulls
 * moby/buildkit and starts that builder; this machine, with no Docker Hub, cannot: each run is held to the README
 * "Builders" row of what really happened, never to the row one machine happens to take.
 */
export interface RunnerEvidence {
  buildx: boolean
  cliMajor: number
  imageStore: 'classic' | 'containerd'
  runBuilderStarted: boolean
}

/** The README "Builders" row a runner with this evidence takes: its "Image builder:" line and whether a fresh runner
 * finds the build stage's gem step cached (a mode=max registry cache keeps it; an inline cache keeps it in the build
 * stage's own cache image, src/build/daemon-build.ts; the legacy builder has none). */
export function expectedBuild(evidence: RunnerEvidence): { line: RegExp; buildStageCached: boolean } {
  if (!evidence.buildx) {
    return evidence.cliMajor < 23
      ? {
          line: /^Image builder: docker build on the daemon's BuildKit with an inline cache in ECR — no buildx/,
          buildStageCached: true
        }
      : {
          line: /^Image builder: the legacy docker builder, from the previous image pulled from ECR — /,
          buildStageCached: false
        }
  }
  if (evidence.imageStore === 'containerd') {
    return {
      line: /^Image builder: buildx builder "default" with a registry cache \(mode=max\) in ECR — buildx .*, builder "default" \(docker driver, containerd image store\) exports a registry cache$/,
      buildStageCached: true
    }
  }
  return evidence.runBuilderStarted
    ? {
        line: /^Image builder: buildx docker-container builder "(bdd-[0-9a-f]+)" with a registry cache \(mode=max\) in ECR — buildx .*, builder "default" \(docker driver, classic image store\) cannot export a registry cache: created \1 for this run$/,
        buildStageCached: true
      }
    : {
        line: /^Image builder: buildx builder "default" with an inline cache in ECR \(a cache image per stage\) — buildx .*, builder "default" \(docker driver, classic image store\) cannot export a registry cache, and the docker-container builder for this run could not start$/,
        buildStageCached: true
      }
}

async function answers(env: Record<string, string>, args: string[]): Promise<string | undefined> {
  try {
    return (await execFileAsync('docker', args, { env: { ...process.env, ...env }, timeout: 60_000 })).stdout
  } catch {
    return undefined
  }
}

/** Runs `work` with the runner's daemon event stream open; returns its result and the runner's evidence. */
export async function witnessed(
  env: Record<string, string>,
  work: () => Promise<ActionRun>
): Promise<{ run: ActionRun; evidence: RunnerEvidence }> {
  const fullEnv = { ...process.env, ...env }
  const since = Math.floor(Date.now() / 1000) - 1
  const events = spawn(
    'docker',
    [
      'events',
      '--since',
      String(since),
      '--filter',
      'type=container',
      '--filter',
      'event=start',
      '--format',
      '{{.Actor.Attributes.name}}'
    ],
    { env: fullEnv, stdio: ['ignore', 'pipe', 'ignore'] }
  )
  let started = ''
  events.stdout.on('data', (chunk: Buffer) => (started += chunk.toString()))
  let run: ActionRun
  try {
    run = await work()
  } finally {
    // The builder's start is long past; give the stream a moment to deliver it, then close it.
    await new Promise(resolve => setTimeout(resolve, 1000))
    events.kill()
  }
  const name = /(?:created|Could not start the docker-container builder) (bdd-[0-9a-f]+)/.exec(
    run.stdout
  )?.[1]
  const info = (await answers(env, ['info', '--format', '{{json .DriverStatus}}'])) ?? ''
  const evidence: RunnerEvidence = {
    buildx: (await answers(env, ['buildx', 'version'])) !== undefined,
    cliMajor: Number(
      /^(\d+)/.exec((await answers(env, ['version', '--format', '{{.Client.Version}}'])) ?? '')?.[1] ?? 0
    ),
    imageStore: info.includes('io.containerd.snapshotter') ? 'containerd' : 'classic',
    runBuilderStarted: name !== undefined && started.split('\n').includes(`buildx_buildkit_${name}0`)
  }
  console.log(`runner evidence: ${JSON.stringify(evidence)}`)
  return { run, evidence }
}

/**
 * Per process and per call: daemons running at once on this machine must not share a subnet, for their
 * bridge (10.200-224.x) or for the networks they create (10.225-249.x).
 */
let bridges = 0
export function bridgeFor(): { bridgeName: string; bridgeAddress: string; addressPool: string } {
  bridges += 1
  const pid = process.pid
  return {
    bridgeName: `bdw${pid.toString(36)}${bridges}`.slice(0, 15),
    bridgeAddress: `10.${200 + (bridges % 25)}.${pid % 250}.1/24`,
    addressPool: `10.${225 + (bridges % 25)}.${pid % 250}.0/24`
  }
}

/** The end of a failed run's log: the smoke test's container logs are there. */
function explainFailure(run: ActionRun): string {
  return run.status === 0
    ? ''
    : `\n${run.stdout.split('\n').slice(-80).join('\n')}\n${run.stderr.slice(-2000)}`
}

/** A runner on a daemon started for it: the images it needs loaded, stopped (with its storage) afterwards. */
export async function runnerOn(
  daemon: FreshDaemon,
  env: Record<string, string>,
  images: string[] = ['debian:bookworm-slim']
): Promise<WorldRunner> {
  try {
    await loadImages(daemon.host, images)
  } catch (error) {
    await stopFreshDaemon(daemon)
    throw error
  }
  return { env: { ...env, DOCKER_HOST: daemon.host }, stop: () => stopFreshDaemon(daemon) }
}

export interface CodeChangeFigure {
  world: string
  buildPath: string
  changedLayers: number
  changedLayerBytes: number
  layerBytesUploaded: number
  ratio: number
  buildSeconds: number
}

/** Whether BuildKit's log of the web image shows the build stage's gem step (`RUN gems=…`) as CACHED. */
/** Whether the web build took the gem step from the cache, with the lines that tell why (shown when it differs). */
function gemStepCached(run: ActionRun): { cached: boolean; evidence: string[] } {
  const lines = run.stdout.split('\n')
  const step = lines.map(line => /\[web\] #(\d+) \[build \d+\/\d+\] RUN gems=/.exec(line)?.[1]).find(Boolean)
  if (step === undefined) throw new Error('the web build log shows no gem step of the build stage')
  return {
    cached: lines.some(line => line.trim() === `[web] #${step} CACHED`),
    evidence: lines.filter(line => line.includes(`[web] #${step} `) || /cache|error|warn/i.test(line))
  }
}

function imageLine(run: ActionRun, id: string): string {
  return run.stdout.split('\n').find(line => line.startsWith(`${id}: `)) ?? ''
}

export function describeWorldDeploy(spec: WorldSpec): void {
  describeIn(spec.world)(spec.title, () => {
    let standIn: StandIn
    let ecr: ECRClient
    let workspace: string
    let inputs: Record<string, string>
    let runner: WorldRunner | undefined
    let first: ActionRun
    let firstEvidence: RunnerEvidence

    beforeAll(async () => {
      workspace = await mkdtemp(path.join(tmpdir(), 'bdd-world-'))
      await cp(path.join(PROJECT_ROOT, 'examples/puppies'), path.join(workspace, 'examples/puppies'), {
        recursive: true
      })
      standIn = await startStandIn()
      ecr = new ECRClient(standIn.clientConfig)
      inputs = (await createExampleEnvironment(standIn, { environment: 'puppies-world' })).inputs
      runner = await spec.runner()
      const env = { ...actionEnvironment(standIn), ...runner.env }
      ;({ run: first, evidence: firstEvidence } = await witnessed(env, () =>
        runAction({ inputs, env, workspace, post: true })
      ))
    }, 20 * 60_000)

    afterAll(async () => {
      await runner?.stop()
      ecr?.destroy()
      await standIn?.stop()
      if (workspace) await rm(workspace, { recursive: true, force: true })
    }, 5 * 60_000)

    async function manifestOf(imageUri: string): Promise<Manifest> {
      const [repositoryHost, digest] = imageUri.split('@') as [string, string]
      const repository = repositoryHost.slice(repositoryHost.indexOf('/') + 1)
      const registry = new EcrRegistry(ecr, createCommandRunner(), {
        info: () => undefined,
        warning: () => undefined,
        error: () => undefined,
        setSecret: () => undefined
      })
      const manifest = await registry.getManifest(repository, digest)
      if (!manifest) throw new Error(`no manifest ${imageUri}`)
      return manifest
    }

    it('deploys the example through dist/index.js: Green, page served, on the path this runner takes', async () => {
      if (first.status !== 0) console.log(`first deploy failed:${explainFailure(first)}`)
      expect(first.errors).toEqual([])
      expect(first.status).toBe(0)
      expect(first.outputs.health).toBe('Green')
      const decision = first.stdout.split('\n').filter(line => line.startsWith('Image builder: '))
      expect(decision).toHaveLength(1)
      expect(firstEvidence).toMatchObject(spec.intended ?? {})
      expect(decision[0]).toMatch(expectedBuild(firstEvidence).line)
      expect(first.stdout).toMatch(/Smoke test passed/)
      const page = await fetch(`${first.outputs['environment-url']}/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Puppies')
    })

    it(
      'ships a code change from a fresh runner uploading only the changed layers',
      async () => {
        const previous = await manifestOf(
          (JSON.parse(first.outputs.images ?? '{}') as Record<string, string>).web as string
        )
        await appendFile(
          path.join(workspace, 'examples/puppies/app/controllers/health_controller.rb'),
          '\n# shipped from a fresh runner\n'
        )
        const fresh = await spec.freshRunner()
        let second: ActionRun
        let secondEvidence: RunnerEvidence
        const uploadsBefore = standIn.registry?.uploads().length ?? 0
        try {
          const env = {
            ...actionEnvironment(standIn),
            ...fresh.env,
            GITHUB_SHA: 'fedcba9876543210fedcba9876543210fedcba98'
          }
          ;({ run: second, evidence: secondEvidence } = await witnessed(env, () =>
            runAction({
              // The fresh runner has no dev database image for a smoke test; the first deploy ran one.
              inputs: { ...inputs, 'smoke-test': 'false' },
              env,
              workspace,
              post: true
            })
          ))
        } finally {
          await fresh.stop()
        }
        if (second.status !== 0) console.log(`fresh-runner deploy failed:${explainFailure(second)}`)
        expect(second.errors).toEqual([])
        expect(second.outputs.health).toBe('Green')
        const web = await manifestOf(
          (JSON.parse(second.outputs.images ?? '{}') as Record<string, string>).web as string
        )
        const known = new Set(previous.layers.map(layer => layer.digest))
        const changed = web.layers.filter(layer => !known.has(layer.digest))
        const inWeb = new Set(web.layers.map(layer => layer.digest))
        const uploaded = (standIn.registry?.uploads() ?? [])
          .slice(uploadsBefore)
          .filter(upload => upload.repository.endsWith('/web') && inWeb.has(upload.digest))
        const line = imageLine(second, 'web')
        const figure: CodeChangeFigure = {
          world: spec.title,
          buildPath: /built with (\S+)/.exec(line)?.[1] ?? '?',
          changedLayers: changed.length,
          changedLayerBytes: changed.reduce((sum, layer) => sum + layer.size, 0),
          layerBytesUploaded: uploaded.reduce((sum, upload) => sum + upload.bytes, 0),
          ratio: 0,
          buildSeconds: Number(/in ([\d.]+)s/.exec(line)?.[1] ?? NaN)
        }
        figure.ratio = figure.layerBytesUploaded / figure.changedLayerBytes
        console.log(`fresh-runner code change: ${JSON.stringify(figure)}`)
        // Base, Ruby and gem layers kept their digests: only the application layer changed.
        expect(changed.length).toBe(1)
        expect(changed[0]?.digest).toBe(web.layers.at(-1)?.digest)
        expect(figure.ratio).toBeLessThanOrEqual(spec.maxRatio)
        const decision = second.stdout.split('\n').filter(line => line.startsWith('Image builder: '))
        expect(decision).toEqual([expect.stringMatching(expectedBuild(secondEvidence).line)])
        expect(gemStepCached(second)).toEqual({
          cached: expectedBuild(secondEvidence).buildStageCached,
          evidence: expect.any(Array)
        })
        const page = await fetch(`${second.outputs['environment-url']}/up`)
        expect(page.status).toBe(200)
      },
      20 * 60_000
    )

    it('leaves no builder of its own behind once the post step ran', async () => {
      const env = { ...process.env, ...actionEnvironment(standIn), ...runner?.env }
      const { stdout } = await execFileAsync('docker', ['ps', '-a', '--format', '{{.Names}}'], { env })
      expect(stdout.split('\n').filter(name => name.startsWith('buildx_buildkit_bdd-'))).toEqual([])
      const instances = path.join(env.DOCKER_CONFIG ?? '', 'buildx', 'instances')
      const left = await readdir(instances).catch(() => [])
      expect(left.filter(name => name.startsWith('bdd-'))).toEqual([])
    })
  })
}
