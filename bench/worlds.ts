// The builder benchmark: a code change deployed from a FRESH runner of each
// runner world (README "Builders"), for each Dockerfile shape, beside a plain
// build and push with no cache on the same kind of runner.
//   worlds: (a) no buildx, daemon BuildKit; (b) buildx, docker driver, classic
//           image store (the action's run builder cannot start here, so its
//           inline-cache fall-back); (c) buildx, docker driver, containerd store.
//   shapes: multi-stage (examples/puppies/Dockerfile, as `rails new` writes
//           it) and single-stage (bench/fixtures/single-stage.Dockerfile).
// Per pair: the cache is seeded by a build on the world's runner (the shared
// daemon for a/b, a Docker 26 daemon for c), one line of app code changes,
// and buildAndPush runs on a new empty daemon of that world. Figures: layer
// bytes the registry received ÷ bytes of the layers the change altered, and
// the build seconds buildAndPush reports.

import { execFile } from 'node:child_process'
import { appendFile, copyFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { ECRClient } from '@aws-sdk/client-ecr'

import { createCommandRunner } from '../src/adapters/docker/command-runner.js'
import type { Manifest } from '../src/adapters/docker/registry-api.js'
import { EcrRegistry } from '../src/adapters/ecr.js'
import { buildAndPush, type ImageReport } from '../src/build/build-and-push.js'
import type { ImageBuild } from '../src/core/plan/types.js'
import { PROJECT_ROOT } from '../test-support/run-action.js'
import { startStandIn, type StandIn } from '../stand-in/server.js'
import {
  loadImages,
  startFreshDaemon,
  stopFreshDaemon,
  type FreshDaemon
} from '../test-support/fresh-daemon.js'
import { bytesText, fixed } from './lib/stats.js'
import { buildxDockerConfig, buildxEnvironment, startContainerdDaemon } from '../test-support/worlds.js'

const execFileAsync = promisify(execFile)
const quiet = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}

export type WorldId = 'a' | 'b' | 'c'
export type Shape = 'multi-stage' | 'single-stage'

export interface WorldSample {
  world: WorldId
  shape: Shape
  /** ours: buildAndPush with the cache in ECR; plain: build and push with no cache. */
  path: 'ours' | 'plain'
  /** The build path buildAndPush took (its report), or the plain command. */
  how: string
  changedLayers: number
  changedLayerBytes: number
  layerBytesUploaded: number
  /** Build seconds (buildAndPush's report: with buildx's registry cache this includes the push). */
  buildSeconds: number
  /** Build and push, wall. */
  totalSeconds: number
  error?: string
}

export const WORLD_NAMES: Record<WorldId, string> = {
  a: '(a) no buildx: daemon BuildKit',
  b: '(b) buildx, docker driver, classic store',
  c: '(c) buildx, docker driver, containerd store'
}

interface Runner {
  /** Variables for the docker CLI: PATH, DOCKER_CONFIG, DOCKER_HOST. */
  env: Record<string, string>
  stop(): Promise<void>
}

let daemons = 0
/** Bridges in 10.150-174.x, created networks in 10.175-199.x: apart from the tests' (10.200-249.x). */
function bridge(): { bridgeName: string; bridgeAddress: string; addressPool: string } {
  daemons += 1
  return {
    bridgeName: `bbw${process.pid.toString(36)}${daemons}`.slice(0, 15),
    bridgeAddress: `10.${150 + (daemons % 25)}.${process.pid % 250}.1/24`,
    addressPool: `10.${175 + (daemons % 25)}.${process.pid % 250}.0/24`
  }
}

async function onDaemon(daemon: FreshDaemon, env: Record<string, string>): Promise<Runner> {
  await loadImages(daemon.host)
  return { env: { ...env, DOCKER_HOST: daemon.host }, stop: () => stopFreshDaemon(daemon) }
}

/** The seed runner (first) and a fresh runner (later) of each world. */
async function runnerOf(world: WorldId, kind: 'seed' | 'fresh', dockerConfig: string): Promise<Runner> {
  const noBuildx = { PATH: `/usr/bin:${process.env.PATH ?? ''}`, DOCKER_CONFIG: dockerConfig }
  const withBuildx = buildxEnvironment(dockerConfig)
  if (world === 'c') return onDaemon(await startContainerdDaemon({ ...bridge(), nat: true }), withBuildx)
  const env = world === 'a' ? noBuildx : withBuildx
  if (kind === 'seed') return { env, stop: async () => undefined }
  const root = await mkdtemp(path.join(tmpdir(), 'bench-dockerd-'))
  return onDaemon(await startFreshDaemon(root, { ...bridge(), nat: true }), env)
}

export async function runWorldsBench(options: { log?: (line: string) => void } = {}): Promise<WorldSample[]> {
  const log = options.log ?? (() => undefined)
  const samples: WorldSample[] = []
  const workdir = await mkdtemp(path.join(tmpdir(), 'bench-worlds-'))
  const standIn = await startStandIn({ runContainers: false })
  const ecr = new ECRClient(standIn.clientConfig)
  const savedPath = process.env.PATH
  try {
    for (const world of ['a', 'b', 'c'] as const) {
      for (const shape of ['multi-stage', 'single-stage'] as const) {
        log(`worlds: ${WORLD_NAMES[world]}, ${shape}`)
        samples.push(...(await measure(world, shape, workdir, standIn, ecr, log)))
      }
    }
    return samples
  } finally {
    process.env.PATH = savedPath
    ecr.destroy()
    await removeOurImages(standIn)
    await standIn.stop()
    await rm(workdir, { recursive: true, force: true })
  }
}

async function measure(
  world: WorldId,
  shape: Shape,
  workdir: string,
  standIn: StandIn,
  ecr: ECRClient,
  log: (line: string) => void
): Promise<WorldSample[]> {
  const folder = `${world}-${shape}`
  const app = path.join(workdir, folder)
  await cp(path.join(PROJECT_ROOT, 'examples/puppies'), app, { recursive: true })
  if (shape === 'single-stage') {
    await copyFile(
      path.join(PROJECT_ROOT, 'bench/fixtures/single-stage.Dockerfile'),
      path.join(app, 'Dockerfile')
    )
  }
  const image: ImageBuild = {
    id: 'web',
    services: ['web', 'worker'],
    repository: `bench-${folder}/web`,
    context: folder,
    dockerfile: 'Dockerfile',
    args: {}
  }
  // World (a) has no buildx: its DOCKER_CONFIG holds no cli-plugins/.
  const dockerConfig =
    world === 'a' ? await mkdtemp(path.join(workdir, 'docker-config-')) : await buildxDockerConfig(workdir)
  let commit = 0
  const registryOf = (env: Record<string, string>) => new EcrRegistry(ecr, createCommandRunner(env), quiet)
  const build = async (runner: Runner): Promise<{ report: ImageReport; seconds: number }> => {
    // @actions/exec finds `docker` on the process's PATH: the world's CLI goes first.
    process.env.PATH = runner.env.PATH
    const started = performance.now()
    const [report] = (await buildAndPush([image], {
      workspace: workdir,
      commitSha: `bench-${folder}-${++commit}`,
      versionLabel: `v${commit}`,
      registry: registryOf(runner.env),
      run: createCommandRunner(runner.env),
      logger: quiet,
      runBuilderName: `bdd-bench-${process.pid}`
    })) as [ImageReport]
    return { report, seconds: (performance.now() - started) / 1000 }
  }
  const manifestOf = async (reference: string): Promise<Manifest> => {
    const manifest = await registryOf({}).getManifest(image.repository, reference)
    if (!manifest) throw new Error(`no manifest ${image.repository}@${reference}`)
    return manifest
  }
  const codeChange = () =>
    appendFile(path.join(app, 'app/controllers/health_controller.rb'), `\n# benchmark change ${commit}\n`)
  const figures = (before: Manifest, after: Manifest, uploadsBefore: number) => {
    const known = new Set(before.layers.map(layer => layer.digest))
    const changed = after.layers.filter(layer => !known.has(layer.digest))
    const inImage = new Set(after.layers.map(layer => layer.digest))
    const uploaded = (standIn.registry?.uploads() ?? [])
      .slice(uploadsBefore)
      .filter(upload => upload.repository === image.repository && inImage.has(upload.digest))
    return {
      changedLayers: changed.length,
      changedLayerBytes: changed.reduce((sum, layer) => sum + layer.size, 0),
      layerBytesUploaded: uploaded.reduce((sum, upload) => sum + upload.bytes, 0)
    }
  }
  const withRunner = async <T>(runner: Runner, body: (runner: Runner) => Promise<T>): Promise<T> => {
    try {
      return await body(runner)
    } finally {
      await runner.stop()
    }
  }

  const seeded = await withRunner(await runnerOf(world, 'seed', dockerConfig), build)
  const before = await manifestOf(seeded.report.digest)
  await codeChange()
  const uploadsBefore = standIn.registry?.uploads().length ?? 0
  const fresh = await withRunner(await runnerOf(world, 'fresh', dockerConfig), build)
  const ours: WorldSample = {
    world,
    shape,
    path: 'ours',
    how: fresh.report.builder,
    ...figures(before, await manifestOf(fresh.report.digest), uploadsBefore),
    buildSeconds: fresh.report.buildSeconds,
    totalSeconds: fresh.seconds
  }
  log(`worlds: ours ${JSON.stringify(ours)}`)

  // Plain: the same code change built on another fresh runner with no cache at all, then pushed.
  await codeChange()
  const tag = `${standIn.registry?.host}/${image.repository}:plain`
  const plainUploadsBefore = standIn.registry?.uploads().length ?? 0
  const plainCommand = world === 'a' ? 'docker build && docker push' : 'docker buildx build --push'
  const plain = await withRunner(await runnerOf(world, 'fresh', dockerConfig), async runner => {
    const env = { ...process.env, ...runner.env, DOCKER_BUILDKIT: '1' }
    const started = performance.now()
    const args =
      world === 'a'
        ? [
            ['build', '--quiet', '-t', tag, app],
            ['push', '--quiet', tag]
          ]
        : [['buildx', 'build', '--quiet', '--provenance=false', '--push', '-t', tag, app]]
    try {
      for (const command of args) await execFileAsync('docker', command, { env, maxBuffer: 64 * 1024 * 1024 })
      return { seconds: (performance.now() - started) / 1000 }
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error)
      return { seconds: (performance.now() - started) / 1000, error: message }
    }
  })
  const plainSample: WorldSample = {
    world,
    shape,
    path: 'plain',
    how: plainCommand,
    ...(plain.error === undefined
      ? figures(await manifestOf(fresh.report.digest), await manifestOf('plain'), plainUploadsBefore)
      : { changedLayers: 0, changedLayerBytes: 0, layerBytesUploaded: 0 }),
    buildSeconds: plain.seconds,
    totalSeconds: plain.seconds,
    ...(plain.error !== undefined && { error: plain.error })
  }
  // Plain builds share no layer with ours: the layers the change altered are those of ours' code change.
  plainSample.changedLayers = ours.changedLayers
  plainSample.changedLayerBytes = ours.changedLayerBytes
  log(`worlds: plain ${JSON.stringify(plainSample)}`)
  await rm(dockerConfig, { recursive: true, force: true })
  return [ours, plainSample]
}

async function removeOurImages(standIn: StandIn): Promise<void> {
  const host = standIn.registry?.host
  if (!host) return
  const listed = await execFileAsync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).catch(
    () => ({ stdout: '' })
  )
  const ours = listed.stdout.split('\n').filter(reference => reference.startsWith(`${host}/bench-`))
  if (ours.length > 0)
    await execFileAsync('docker', ['image', 'rm', '--force', ...ours]).catch(() => undefined)
}

const ratioOf = (sample: WorldSample): number => sample.layerBytesUploaded / sample.changedLayerBytes

/** The RESULTS.md section: one row per world, shape and path. */
export function renderWorldsSection(samples: WorldSample[]): string {
  const rows = samples.map(sample =>
    [
      WORLD_NAMES[sample.world],
      sample.shape,
      sample.path === 'ours' ? `ours: ${sample.how}` : `plain: \`${sample.how}\``,
      sample.changedLayers,
      bytesText(sample.changedLayerBytes),
      bytesText(sample.layerBytesUploaded),
      sample.error ? `failed: ${sample.error}` : fixed(ratioOf(sample)),
      fixed(sample.buildSeconds, 1),
      fixed(sample.totalSeconds, 1)
    ].join(' | ')
  )
  return [
    '| world | Dockerfile | path | changed layers | changed bytes | layer bytes uploaded | ratio | build s | build + push s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(row => `| ${row} |`)
  ].join('\n')
}

/** The worst ratio of ours in world (c), the one the ≤ 1.10 target is stated for. */
export function containerdRatio(samples: WorldSample[]): number {
  return Math.max(...samples.filter(s => s.world === 'c' && s.path === 'ours').map(ratioOf))
}
