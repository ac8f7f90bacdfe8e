// What a real team would feel: a one-line code change of an app whose
// dependency stage really compiles C (bench/fixtures/native-deps.Dockerfile
// over examples/puppies: libxml2 and libxslt from Debian's source packages, as
// nokogiri's `bundle install` compiles them), deployed from a FRESH runner by
// four pipelines, side by side in one run, in two runner worlds:
//   (a) no buildx, the daemon's BuildKit (Docker 20.10), inline caches only;
//   (c) buildx on a Docker 26 daemon with the containerd image store, where
//       GitHub-hosted runners are heading: registry caches, mode=max.
// Pipelines: the naive peer and the best-practice peer (bench/lib/peer-pipelines.ts),
// and this action with the smoke test on and off: this checkout's src/,
// bundled with ncc into a temporary folder as dist/index.js would be (dist/ is
// rebundled only on main, so it would hide a change to src/; tsx would charge
// ours seconds of compiling that no runner pays), spawned as the runner does.
// Per world: our cache in ECR is seeded by a deploy from the world's seed
// runner (the shared daemon for a, one long-lived Docker 26 daemon for c),
// then each cached pipeline is measured on a new empty daemon after its own
// one-line change, starting from the cache its previous run left (ours: on,
// then off; the best-practice peer after a seed of its own cache on the seed
// runner). The naive peer needs no seed. The clock starts when the pipeline
// does (the runner's set-up, the same for all, is outside it).
// Figures: commit → UpdateEnvironment, commit → Green noticed, layer bytes
// the registry received, and where the time went. The stand-in runs no
// containers (health follows the bundle) and its transitions take 500 ms, so
// the figures are the pipelines' own time.

import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { ECRClient } from '@aws-sdk/client-ecr'
import {
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { strFromU8, unzipSync } from 'fflate'

import { createCommandRunner } from '../src/adapters/docker/command-runner.js'
import type { Manifest } from '../src/adapters/docker/registry-api.js'
import { EcrRegistry } from '../src/adapters/ecr.js'
import { actionEnvironment, createExampleEnvironment } from '../test-support/example-environment.js'
import { PROJECT_ROOT } from '../test-support/run-action.js'
import { startStandIn, type StandIn } from '../stand-in/server.js'
import {
  bundleOf,
  errorsOf,
  lastBuildAt,
  phasesOf,
  runActionTimed,
  type TimedActionRun
} from './lib/action-process.js'
import {
  loadImages,
  startFreshDaemon,
  stopFreshDaemon,
  type FreshDaemon
} from '../test-support/fresh-daemon.js'
import {
  peerBuildAndPush,
  runPeerPipeline,
  type PeerClients,
  type PeerImage,
  type PeerKind,
  type PeerRunner
} from './lib/peer-pipelines.js'
import { slowSteps, stepSeconds } from './lib/buildkit-log.js'
import { bytesText, fixed } from './lib/stats.js'
import { buildxDockerConfig, buildxEnvironment, startContainerdDaemon } from '../test-support/worlds.js'

export const TEAM_POLL_SECONDS = 10
const TRANSITION_MS = 500
/** What a runner has pulled before the step: the base image, and the dev services the smoke test starts. */
const RUNNER_IMAGES = ['debian:bookworm-slim', 'postgres:15', 'redis:7']
const APP = 'native-app'
const DEFAULT_SOURCES = 'libxml2 libxslt'
const quiet = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}

export type TeamWorld = 'a' | 'c'
export type TeamPipeline = 'naive' | 'best-practice' | 'ours, smoke test on' | 'ours, smoke test off'
export const TEAM_PIPELINES: TeamPipeline[] = [
  'naive',
  'best-practice',
  'ours, smoke test on',
  'ours, smoke test off'
]
export const TEAM_WORLD_NAMES: Record<TeamWorld, string> = {
  a: '(a) no buildx: daemon BuildKit',
  c: '(c) buildx, containerd image store'
}

export interface TeamSample {
  world: TeamWorld
  pipeline: TeamPipeline
  /** How it built: the action's builder line, or the peer's commands. */
  how: string
  /** Seconds from the pipeline's start. */
  toLastBuildSeconds: number
  toUpdateSeconds: number
  /** The stand-in turned the environment Ready + Green on the pipeline's version. */
  toGreenSeconds: number
  /** The pipeline noticed it (ours: process exit; peers: the poll that saw it). */
  toNoticedSeconds: number
  /** Where the build time went: ours from its job summary's phases, peers from their commands. */
  buildSeconds: number
  pushSeconds: number
  smokeSeconds: number
  /** The C compile step's own seconds in this pipeline's web build (BuildKit's log), when it ran. */
  dependencyStageSeconds: number
  changedLayers: number
  changedLayerBytes: number
  /** Bytes of blobs the registry received that are layers of the deployed images. */
  layerBytesPushed: number
  /** Every blob the registry received in the pipeline's repositories (configs, cache manifests and cache layers too). */
  allBytesPushed: number
  /**
   * Where the time went, step by step: `+12.3 s <what ended>` from the pipeline's start (ours: its phase and
   * image lines; peers: their commands and calls), then the builds' slowest BuildKit steps with their seconds.
   */
  timeline: string[]
  /** Why the pipeline (or the seed it needed) failed; the figures are then NaN. */
  error?: string
}

export interface TeamResult {
  nativeSources: string
  transitionMs: number
  pollSeconds: number
  samples: TeamSample[]
}

interface Runner extends PeerRunner {
  host?: string
  stop(): Promise<void>
}

interface Context {
  standIn: StandIn
  clients: PeerClients
  registryHost: string
  workspace: string
  workdir: string
  /** This checkout's src/, bundled as dist/index.js would be (bench/lib/action-process.ts bundleOf). */
  script: string
  example: { application: string; environment: string; inputs: Record<string, string> }
  log: (line: string) => void
}

let daemons = 0
/**
 * Bridges in 10.120–123.x, their created networks in 10.124–127.x: apart from the other benchmarks' (10.150–199.x)
 * and the tests' (10.200–249.x). World (c)'s seed daemon lives beside its fresh ones, so it has a slot of its own
 * (0); fresh runners, one at a time, take 1–3 in turn. Two daemons on one subnet cut each other's network off.
 */
function bridge(kind: 'seed' | 'fresh'): { bridgeName: string; bridgeAddress: string; addressPool: string } {
  daemons += 1
  const slot = kind === 'seed' ? 0 : 1 + (daemons % 3)
  return {
    bridgeName: `btm${process.pid.toString(36)}${daemons}`.slice(0, 15),
    bridgeAddress: `10.${120 + slot}.${process.pid % 250}.1/24`,
    addressPool: `10.${124 + slot}.${process.pid % 250}.0/24`
  }
}

async function onDaemon(daemon: FreshDaemon, env: Record<string, string>, buildx: boolean): Promise<Runner> {
  return {
    env: { ...env, DOCKER_HOST: daemon.host },
    buildx,
    host: daemon.host,
    stop: () => stopFreshDaemon(daemon)
  }
}

/** A new empty runner of the world, with the images a runner has pulled. */
async function freshRunner(world: TeamWorld, workdir: string): Promise<Runner> {
  if (world === 'c') {
    const daemon = await startContainerdDaemon({ ...bridge('fresh'), nat: true })
    await loadImages(daemon.host, RUNNER_IMAGES)
    return onDaemon(daemon, buildxEnvironment(await buildxDockerConfig(workdir)), true)
  }
  const daemon = await startFreshDaemon(await mkdtemp(path.join(tmpdir(), 'bench-team-dockerd-')), {
    ...bridge('fresh'),
    nat: true
  })
  await loadImages(daemon.host, RUNNER_IMAGES)
  const dockerConfig = await mkdtemp(path.join(workdir, 'docker-config-'))
  return onDaemon(daemon, { PATH: `/usr/bin:${process.env.PATH ?? ''}`, DOCKER_CONFIG: dockerConfig }, false)
}

/** The world's seed runner: the shared daemon for (a), one Docker 26 daemon kept for the world for (c). */
async function seedRunner(world: TeamWorld, workdir: string): Promise<Runner> {
  if (world === 'c') {
    const daemon = await startContainerdDaemon({ ...bridge('seed'), nat: true })
    await loadImages(daemon.host, ['debian:bookworm-slim'])
    return onDaemon(daemon, buildxEnvironment(await buildxDockerConfig(workdir)), true)
  }
  const dockerConfig = await mkdtemp(path.join(workdir, 'docker-config-'))
  return {
    env: { PATH: `/usr/bin:${process.env.PATH ?? ''}`, DOCKER_CONFIG: dockerConfig },
    buildx: false,
    stop: async () => undefined
  }
}

const withRunner = async <T>(runner: Runner, body: (runner: Runner) => Promise<T>): Promise<T> => {
  try {
    return await body(runner)
  } finally {
    await runner.stop()
  }
}

export async function runTeamBench(
  options: { worlds?: TeamWorld[]; log?: (line: string) => void } = {}
): Promise<TeamResult> {
  const log = options.log ?? (() => undefined)
  const worlds = options.worlds ?? ['a', 'c']
  const nativeSources = process.env.BENCH_NATIVE_SOURCES ?? DEFAULT_SOURCES
  const workdir = await mkdtemp(path.join(tmpdir(), 'bench-team-'))
  const standIn = await startStandIn({
    runContainers: false,
    beanstalk: { transitionMs: TRANSITION_MS, instances: 'simulated' }
  })
  const clients: PeerClients = {
    ecr: new ECRClient(standIn.clientConfig),
    beanstalk: new ElasticBeanstalkClient(standIn.clientConfig),
    s3: new S3Client({ ...standIn.clientConfig, forcePathStyle: true })
  }
  const registryHost = standIn.registry?.host as string
  try {
    const workspace = path.join(workdir, 'workspace')
    await prepareApp(path.join(workspace, APP), nativeSources)
    const example = await createExampleEnvironment(standIn, { environment: 'bench-team' })
    const context: Context = {
      standIn,
      clients,
      registryHost,
      workspace,
      workdir,
      script: await bundleOf(undefined, path.join(workdir, 'action')),
      example: {
        ...example,
        inputs: { ...example.inputs, 'compose-file': `${APP}/docker-compose.yml` }
      },
      log
    }
    const samples: TeamSample[] = []
    for (const world of worlds) samples.push(...(await measureWorld(world, context)))
    return { nativeSources, transitionMs: TRANSITION_MS, pollSeconds: TEAM_POLL_SECONDS, samples }
  } finally {
    clients.ecr.destroy()
    clients.beanstalk.destroy()
    clients.s3.destroy()
    // Its stop removes the images the seed builds of world (a) tagged on the shared daemon.
    await standIn.stop()
    await rm(workdir, { recursive: true, force: true })
  }
}

/** The bench app: the example with the native-deps Dockerfile (its source list shortened by BENCH_NATIVE_SOURCES). */
async function prepareApp(folder: string, nativeSources: string): Promise<void> {
  await cp(path.join(PROJECT_ROOT, 'examples/puppies'), folder, { recursive: true })
  const dockerfile = await readFile(path.join(PROJECT_ROOT, 'bench/fixtures/native-deps.Dockerfile'), 'utf8')
  const line = `ARG NATIVE_SOURCES="${DEFAULT_SOURCES}"`
  if (!dockerfile.includes(line)) throw new Error(`bench/fixtures/native-deps.Dockerfile has no ${line}`)
  await writeFile(
    path.join(folder, 'Dockerfile'),
    dockerfile.replace(line, `ARG NATIVE_SOURCES="${nativeSources}"`)
  )
}

async function measureWorld(world: TeamWorld, context: Context): Promise<TeamSample[]> {
  const { log, workspace } = context
  const prefix = `bench-team-${world}`
  const images: PeerImage[] = [
    { repository: `${prefix}/web`, dockerfile: 'Dockerfile' },
    { repository: `${prefix}/nginx`, dockerfile: 'nginx/Dockerfile' }
  ]
  const app = path.join(workspace, APP)
  let commit = 0
  const codeChange = async (): Promise<void> => {
    commit += 1
    await appendFile(
      path.join(app, 'app/controllers/health_controller.rb'),
      `\n# bench change ${world}${commit}\n`
    )
  }
  const sha = (): string =>
    `${world === 'a' ? 'a' : 'c'}${commit.toString(16)}`.padStart(8, '0').padEnd(40, 'e')
  const say = (line: string): void => log(`team (${world}): ${line}`)
  const samples: TeamSample[] = []

  const ours = async (runner: Runner, smoke: boolean) => {
    const started = Date.now()
    const run = await runActionTimed({
      inputs: {
        ...context.example.inputs,
        'ecr-repository-prefix': prefix,
        'smoke-test': String(smoke)
      },
      env: { ...actionEnvironment(context.standIn), ...runner.env, GITHUB_SHA: sha() },
      workspace,
      script: context.script,
      ...(process.env.BENCH_VERBOSE && {
        onLine: (line: string) => say(`  | +${((Date.now() - started) / 1000).toFixed(1)} ${line}`)
      })
    })
    if (run.status !== 0) {
      const tail = run.lines
        .slice(-40)
        .map(line => line.text)
        .join('\n')
      throw new Error(
        `team (${world}): the action failed: ${errorsOf(run)}\n${tail}\n${run.stderr.slice(-2000)}`
      )
    }
    return { run, label: run.outputs['version-label'] ?? '' }
  }

  // A failed pipeline is a row saying why, not the end of the run: the other rows still mean something.
  const attempt = async (pipeline: TeamPipeline, body: () => Promise<TeamSample>): Promise<void> => {
    try {
      const sample = await body()
      samples.push(sample)
      say(summaryLine(sample))
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error))
        .split('\n')
        .slice(0, 3)
        .join(' ')
      samples.push(failedSample(world, pipeline, message))
      say(`${pipeline} failed: ${message}`)
    }
  }

  const seed = await seedRunner(world, context.workdir)
  try {
    say('seeding the action’s cache from the seed runner')
    let lastOurs: string
    try {
      lastOurs = (await ours(seed, false)).label
    } catch (error) {
      for (const pipeline of TEAM_PIPELINES) {
        await attempt(pipeline, () => Promise.reject(new Error(`the seed deploy failed: ${String(error)}`)))
      }
      return samples
    }
    for (const smoke of [true, false]) {
      const pipeline: TeamPipeline = smoke ? 'ours, smoke test on' : 'ours, smoke test off'
      await attempt(pipeline, async () => {
        await codeChange()
        const previous = await deployedImages(context)
        const measured = await withRunner(await freshRunner(world, context.workdir), async runner => {
          const { run, label } = await ours(runner, smoke)
          lastOurs = label
          const phases = phasesOf(run)
          const builder = run.lines.find(line => line.text.startsWith('Image builder: '))?.text ?? ''
          return {
            how: builder.replace(/^Image builder: /, '').split(' — ')[0] ?? '',
            startedAt: run.spawnedAt,
            lastBuildAt: lastBuildAt(run),
            noticedAt: run.exitedAt,
            label,
            buildSeconds: phases['build and push'] ?? Number.NaN,
            pushSeconds: Number.NaN,
            smokeSeconds: smoke ? (phases['smoke test'] ?? Number.NaN) : 0,
            dependencyStageSeconds: stepSeconds(
              run.lines.map(line => line.text).join('\n'),
              'deb-src',
              'web'
            ),
            timeline: actionTimeline(run)
          }
        })
        return sampleOf(world, pipeline, measured, previous, images, context)
      })
    }

    say('seeding the best-practice peer’s cache from the seed runner')
    const peerSeed = peerBuildAndPush({
      kind: 'best-practice',
      runner: seed,
      clients: context.clients,
      registryHost: context.registryHost,
      context: app,
      images,
      tag: `seed-${world}`
    }).then(
      () => undefined,
      (error: unknown) => error
    )
    const peerSeedError = await peerSeed
    for (const kind of ['best-practice', 'naive'] as PeerKind[]) {
      await attempt(kind, async () => {
        if (kind === 'best-practice' && peerSeedError !== undefined)
          throw new Error(`its cache seed failed: ${String(peerSeedError)}`)
        await codeChange()
        const previous = await deployedImages(context)
        const measured = await withRunner(await freshRunner(world, context.workdir), async runner => {
          const deployed = await runPeerPipeline({
            kind,
            runner,
            clients: context.clients,
            registryHost: context.registryHost,
            context: app,
            images,
            application: context.example.application,
            environment: context.example.environment,
            fromLabel: lastOurs,
            pollSeconds: TEAM_POLL_SECONDS
          })
          return {
            ...deployed,
            smokeSeconds: 0,
            dependencyStageSeconds: stepSeconds(deployed.output, 'deb-src'),
            timeline: [
              ...deployed.steps.map(step => `${offset(step.at - deployed.startedAt)} ${step.what}`),
              ...slowSteps(deployed.output).map(step => `BuildKit: ${step.step} ${fixed(step.seconds, 1)} s`)
            ]
          }
        })
        return sampleOf(world, kind, measured, previous, images, context)
      })
    }
    return samples
  } finally {
    await seed.stop()
  }
}

const offset = (ms: number): string => `+${fixed(ms / 1000, 1)} s`

/** Ours' steps: each phase's and image's closing line as it arrived, then each image's slow BuildKit steps. */
function actionTimeline(run: TimedActionRun): string[] {
  const closing = run.lines.filter(line => /^[✓✗] /.test(line.text))
  const log = run.lines.map(line => line.text).join('\n')
  const images = [...new Set(run.lines.flatMap(line => /^\[([\w.-]+)\] #\d+ /.exec(line.text)?.[1] ?? []))]
  return [
    ...closing.map(line => `${offset(line.at - run.spawnedAt)} ${line.text.slice(0, 160)}`),
    ...images.flatMap(image =>
      slowSteps(log, image).map(step => `BuildKit ${image}: ${step.step} ${fixed(step.seconds, 1)} s`)
    )
  ]
}

interface Measured {
  timeline: string[]
  how: string
  startedAt: number
  lastBuildAt: number
  noticedAt: number
  label: string
  buildSeconds: number
  pushSeconds: number
  smokeSeconds: number
  dependencyStageSeconds: number
}

async function sampleOf(
  world: TeamWorld,
  pipeline: TeamPipeline,
  measured: Measured,
  previous: Manifest[],
  images: PeerImage[],
  context: Context
): Promise<TeamSample> {
  const { standIn } = context
  const update = standIn.calls.find(
    call => call.operation === 'UpdateEnvironment' && call.time.getTime() >= measured.startedAt
  )
  if (!update) throw new Error(`team (${world}): no UpdateEnvironment in the ${pipeline} run`)
  const environment = standIn.services.beanstalk.state.liveEnvironmentNamed(context.example.environment)
  const green = environment?.turnedGreen?.filter(entry => entry.versionLabel === measured.label).at(-1)
  if (!green) throw new Error(`team (${world}): the environment never turned Green on ${measured.label}`)
  const deployed = await versionImages(context, measured.label)
  const known = new Set(previous.flatMap(manifest => manifest.layers.map(layer => layer.digest)))
  const layers = new Map(
    deployed.flatMap(manifest => manifest.layers.map(layer => [layer.digest, layer.size]))
  )
  const changed = [...layers].filter(([digest]) => !known.has(digest))
  const repositories = new Set(images.map(image => image.repository))
  const uploads = (standIn.registry?.uploads() ?? []).filter(
    upload =>
      repositories.has(upload.repository) &&
      upload.time.getTime() >= measured.startedAt &&
      upload.time.getTime() <= measured.noticedAt
  )
  const seconds = (at: number): number => (at - measured.startedAt) / 1000
  return {
    world,
    pipeline,
    how: measured.how,
    toLastBuildSeconds: seconds(measured.lastBuildAt),
    toUpdateSeconds: seconds(update.time.getTime()),
    toGreenSeconds: seconds(green.at.getTime()),
    toNoticedSeconds: seconds(measured.noticedAt),
    buildSeconds: measured.buildSeconds,
    pushSeconds: measured.pushSeconds,
    smokeSeconds: measured.smokeSeconds,
    dependencyStageSeconds: measured.dependencyStageSeconds,
    timeline: measured.timeline,
    changedLayers: changed.length,
    changedLayerBytes: changed.reduce((sum, [, size]) => sum + size, 0),
    layerBytesPushed: uploads
      .filter(upload => layers.has(upload.digest))
      .reduce((sum, u) => sum + u.bytes, 0),
    allBytesPushed: uploads.reduce((sum, upload) => sum + upload.bytes, 0)
  }
}

function failedSample(world: TeamWorld, pipeline: TeamPipeline, error: string): TeamSample {
  return {
    world,
    pipeline,
    how: '',
    toLastBuildSeconds: Number.NaN,
    toUpdateSeconds: Number.NaN,
    toGreenSeconds: Number.NaN,
    toNoticedSeconds: Number.NaN,
    buildSeconds: Number.NaN,
    pushSeconds: Number.NaN,
    smokeSeconds: Number.NaN,
    dependencyStageSeconds: Number.NaN,
    changedLayers: 0,
    changedLayerBytes: Number.NaN,
    layerBytesPushed: Number.NaN,
    allBytesPushed: Number.NaN,
    timeline: [],
    error
  }
}

const summaryLine = (sample: TeamSample): string =>
  `${sample.pipeline}: → UpdateEnvironment ${fixed(sample.toUpdateSeconds, 1)} s, → Green noticed ` +
  `${fixed(sample.toNoticedSeconds, 1)} s, layer bytes pushed ${bytesText(sample.layerBytesPushed)} ` +
  `(changed ${bytesText(sample.changedLayerBytes)}), ${sample.how}`

/** The manifests of the images the environment's current version runs. */
async function deployedImages(context: Context): Promise<Manifest[]> {
  const described = await context.clients.beanstalk.send(
    new DescribeEnvironmentsCommand({ EnvironmentNames: [context.example.environment] })
  )
  const label = described.Environments?.[0]?.VersionLabel
  return label ? versionImages(context, label) : []
}

/** The manifests of the distinct images a version's Dockerrun names (those in the stand-in's registry). */
async function versionImages(context: Context, label: string): Promise<Manifest[]> {
  const { clients, registryHost } = context
  const versions = await clients.beanstalk.send(
    new DescribeApplicationVersionsCommand({
      ApplicationName: context.example.application,
      VersionLabels: [label]
    })
  )
  const source = versions.ApplicationVersions?.[0]?.SourceBundle
  if (!source?.S3Bucket || !source.S3Key) throw new Error(`team: no bundle of ${label}`)
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: source.S3Bucket, Key: source.S3Key }))
  const files = unzipSync(
    await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()
  )
  const dockerrun = JSON.parse(strFromU8(files['Dockerrun.aws.json'] as Uint8Array)) as {
    containerDefinitions: { image: string }[]
  }
  const registry = new EcrRegistry(clients.ecr, createCommandRunner({}), quiet)
  const references = new Set(
    dockerrun.containerDefinitions
      .map(container => container.image)
      .filter(image => image.startsWith(`${registryHost}/`))
  )
  const manifests: Manifest[] = []
  for (const image of references) {
    const name = image.slice(registryHost.length + 1)
    const at = name.includes('@') ? name.indexOf('@') : name.lastIndexOf(':')
    const manifest = await registry.getManifest(name.slice(0, at), name.slice(at + 1))
    if (!manifest) throw new Error(`team: the registry has no manifest ${image}`)
    manifests.push(manifest)
  }
  return manifests
}
