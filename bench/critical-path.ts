// The critical path as a user feels it: a one-line code change of the
// example, deployed from a FRESH runner (an empty daemon with only the base
// and dev images, test-support/fresh-daemon.ts) with the smoke test on, through
//  - the action before issue 19 (BENCH_BEFORE_REF, built from that commit's
//    src/ into a temporary folder) and this checkout's dist/index.js: process
//    start → UpdateEnvironment and process start → exit (Green noticed);
//  - a "peer pipeline" on the same stand-in and the same kind of change:
//    `docker build --no-cache && docker push` of each image, one PutObject of
//    the bundle, CreateApplicationVersion, UpdateEnvironment and a fixed 10 s
//    poll of DescribeEnvironments (what AWS's own Beanstalk action and
//    einaregilsson/beanstalk-deploy do); start → the poll that sees Green.
// Before each fresh-runner run the layer cache in ECR is re-seeded by a
// deploy from the shared daemon (an image built on a fresh runner from the
// inline cache does not carry its lower layers' cache on, bench/images.ts).
// The stand-in runs no containers (health follows the bundle), transitions of
// a fixed 500 ms: the figures are the pipelines' own time.

import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { ECRClient } from '@aws-sdk/client-ecr'
import { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { S3Client } from '@aws-sdk/client-s3'

import { actionEnvironment, createExampleEnvironment } from '../test-support/example-environment.js'
import { PROJECT_ROOT } from '../test-support/run-action.js'
import { startStandIn } from '../stand-in/server.js'
import {
  loadImages,
  startFreshDaemon,
  stopFreshDaemon,
  type FreshDaemon
} from '../test-support/fresh-daemon.js'
import { runPeerPipeline, type PeerClients } from './lib/peer-pipelines.js'
import {
  bundleOf,
  errorsOf,
  lastBuildAt,
  phasesOf,
  runActionTimed,
  type TimedActionRun
} from './lib/action-process.js'
import { fixed, median, table } from './lib/stats.js'

/** The last main commit before issue 19's changes (waits, per-mode loading, the smoke test beside the push). */
export const DEFAULT_BEFORE_REF = 'e0a99938c81beb257c4fdeee7f4dd8bbe501434c'
const PEER_POLL_SECONDS = 10
const TRANSITION_MS = 500
/** What a runner has pulled before the step: the base image, and the dev services the smoke test starts. */
const RUNNER_IMAGES = ['debian:bookworm-slim', 'postgres:15', 'redis:7']

export interface ActionPathSample {
  code: 'before' | 'after'
  round: number
  /** Process start → UpdateEnvironment reached the stand-in. */
  toUpdateSeconds: number
  /** Process start → exit: Green noticed, the summary written. */
  toGreenSeconds: number
  /**
   * The last image's build ended (its "✓ Build" line) → UpdateEnvironment: what the action's own sequencing
   * (smoke test, push, bundle, version) adds after the build, apart from the build's noise on a shared CPU.
   */
  afterBuildSeconds: number
  phases: Record<string, number>
}

export interface PeerSample {
  round: number
  buildAndPushSeconds: number
  toUpdateSeconds: number
  /** Start → the poll that saw Green. */
  toGreenSeconds: number
}

export interface CriticalPathResult {
  beforeRef: string
  transitionMs: number
  pollSeconds: number
  samples: ActionPathSample[]
  peer: PeerSample[]
}

export async function runCriticalPathBench(options: {
  rounds: number
  log?: (line: string) => void
}): Promise<CriticalPathResult> {
  const log = options.log ?? (() => undefined)
  const beforeRef = process.env.BENCH_BEFORE_REF ?? DEFAULT_BEFORE_REF
  const workdir = await mkdtemp(path.join(tmpdir(), 'bench-path-'))
  const standIn = await startStandIn({
    runContainers: false,
    beanstalk: { transitionMs: TRANSITION_MS, instances: 'simulated' }
  })
  const clients = {
    ecr: new ECRClient(standIn.clientConfig),
    beanstalk: new ElasticBeanstalkClient(standIn.clientConfig),
    s3: new S3Client({ ...standIn.clientConfig, forcePathStyle: true })
  }
  const registryHost = standIn.registry?.host as string
  let daemons = 0
  try {
    log(`critical path: bundling the action at ${beforeRef.slice(0, 12)} (before)`)
    const scripts = {
      before: await bundleOf(beforeRef, path.join(workdir, 'before')),
      after: path.join(PROJECT_ROOT, 'dist/index.js')
    }
    const workspace = path.join(workdir, 'workspace')
    await cp(path.join(PROJECT_ROOT, 'examples/puppies'), path.join(workspace, 'examples/puppies'), {
      recursive: true
    })
    const example = await createExampleEnvironment(standIn, { environment: 'bench-path' })
    let commit = 0
    const nextSha = (): string => (++commit).toString(16).padStart(6, '0').padEnd(40, 'c')
    const codeChange = (): Promise<void> =>
      appendFile(
        path.join(workspace, 'examples/puppies/app/controllers/health_controller.rb'),
        `\n# critical-path change ${commit}\n`
      )
    const deploy = async (
      script: string,
      env: Record<string, string>,
      smoke: boolean
    ): Promise<{ run: TimedActionRun; label: string }> => {
      const sha = nextSha()
      const run = await runActionTimed({
        inputs: { ...example.inputs, 'smoke-test': String(smoke) },
        env: { ...actionEnvironment(standIn), ...env, GITHUB_SHA: sha },
        workspace,
        script,
        ...(process.env.BENCH_VERBOSE && { onLine: (line: string) => log(`  | ${line}`) })
      })
      if (run.status !== 0) {
        const tail = run.lines
          .slice(-40)
          .map(line => line.text)
          .join('\n')
        throw new Error(`critical path: deploy failed: ${errorsOf(run)}\n${tail}\n${run.stderr.slice(-2000)}`)
      }
      return { run, label: run.outputs['version-label'] ?? '' }
    }
    const onFreshRunner = async <T>(body: (daemon: FreshDaemon) => Promise<T>): Promise<T> => {
      daemons += 1
      const daemon = await startFreshDaemon(await mkdtemp(path.join(tmpdir(), 'bench-path-dockerd-')), {
        bridgeName: `bcp${process.pid.toString(36)}${daemons}`.slice(0, 15),
        bridgeAddress: `10.176.${process.pid % 250}.1/24`,
        addressPool: `10.177.${process.pid % 250}.0/24`,
        nat: true
      })
      try {
        await loadImages(daemon.host, RUNNER_IMAGES)
        return await body(daemon)
      } finally {
        await stopFreshDaemon(daemon)
      }
    }
    const updateAt = (run: TimedActionRun): number => {
      const update = standIn.calls.find(
        call => call.operation === 'UpdateEnvironment' && call.time.getTime() >= run.spawnedAt
      )
      if (!update) throw new Error('critical path: no UpdateEnvironment in the run')
      return update.time.getTime()
    }

    const samples: ActionPathSample[] = []
    const peer: PeerSample[] = []
    let lastLabel = ''
    for (let round = 1; round <= options.rounds; round++) {
      for (const code of ['before', 'after'] as const) {
        log(`critical path: round ${round}, ${code}: seeding the cache from the shared daemon`)
        await deploy(scripts[code], {}, false)
        await codeChange()
        const { run, label } = await onFreshRunner(daemon =>
          deploy(scripts[code], { DOCKER_HOST: daemon.host }, true)
        )
        lastLabel = label
        const sample: ActionPathSample = {
          code,
          round,
          toUpdateSeconds: (updateAt(run) - run.spawnedAt) / 1000,
          toGreenSeconds: (run.exitedAt - run.spawnedAt) / 1000,
          afterBuildSeconds: (updateAt(run) - lastBuildAt(run)) / 1000,
          phases: phasesOf(run)
        }
        log(
          `critical path: round ${round}, ${code}: start → UpdateEnvironment ${sample.toUpdateSeconds.toFixed(1)}s, → Green noticed ${sample.toGreenSeconds.toFixed(1)}s; phases ${JSON.stringify(sample.phases)}`
        )
        samples.push(sample)
      }
      await codeChange()
      log(`critical path: round ${round}, peer pipeline on a fresh runner`)
      const result = await onFreshRunner(daemon =>
        peerPipeline(daemon, { clients, registryHost, workspace, example, fromLabel: lastLabel })
      )
      log(
        `critical path: round ${round}, peer: build+push ${result.buildAndPushSeconds.toFixed(1)}s, → Green seen ${result.toGreenSeconds.toFixed(1)}s`
      )
      peer.push({ round, ...result })
    }
    return { beforeRef, transitionMs: TRANSITION_MS, pollSeconds: PEER_POLL_SECONDS, samples, peer }
  } finally {
    clients.ecr.destroy()
    clients.beanstalk.destroy()
    clients.s3.destroy()
    // Its stop removes the images the seeding deploys tagged on the shared daemon.
    await standIn.stop()
    await rm(workdir, { recursive: true, force: true })
  }
}

/**
 * The naive peer pipeline (bench/lib/peer-pipelines.ts, as bench/team.ts runs it) on a fresh runner of world (a):
 * Debian's 20.10 CLI builds with the daemon's BuildKit; its clock starts at its first command.
 */
async function peerPipeline(
  daemon: FreshDaemon,
  context: {
    clients: PeerClients
    registryHost: string
    workspace: string
    example: { application: string; environment: string }
    /** A version our action made: its bundle, with the peer's images in its Dockerrun, is the peer's bundle. */
    fromLabel: string
  }
): Promise<Omit<PeerSample, 'round'>> {
  const dockerConfig = await mkdtemp(path.join(tmpdir(), 'bench-path-docker-config-'))
  try {
    const deployed = await runPeerPipeline({
      kind: 'naive',
      runner: {
        env: {
          PATH: `/usr/bin:${process.env.PATH ?? ''}`,
          DOCKER_HOST: daemon.host,
          DOCKER_CONFIG: dockerConfig
        },
        buildx: false
      },
      clients: context.clients,
      registryHost: context.registryHost,
      context: path.join(context.workspace, 'examples/puppies'),
      images: [
        { repository: 'puppies/web', dockerfile: 'Dockerfile' },
        { repository: 'puppies/nginx', dockerfile: 'nginx/Dockerfile' }
      ],
      application: context.example.application,
      environment: context.example.environment,
      fromLabel: context.fromLabel,
      pollSeconds: PEER_POLL_SECONDS
    })
    const seconds = (at: number): number => (at - deployed.startedAt) / 1000
    return {
      buildAndPushSeconds: seconds(deployed.lastBuildAt),
      toUpdateSeconds: seconds(deployed.updateAt),
      toGreenSeconds: seconds(deployed.noticedAt)
    }
  } finally {
    await rm(dockerConfig, { recursive: true, force: true })
  }
}

export interface CriticalPathFigures {
  before: { toUpdate: number; toGreen: number; afterBuild: number }
  after: { toUpdate: number; toGreen: number; afterBuild: number }
  peer: { toUpdate: number; toGreen: number; buildAndPush: number }
  /** After ÷ before, process start → UpdateEnvironment (medians). */
  updateRatio: number
  /** Ours (after) ÷ the peer pipeline, start → Green noticed (medians). */
  peerRatio: number
  /** After ÷ before, last build → UpdateEnvironment (medians). */
  afterBuildRatio: number
}

export function criticalPathFigures(result: CriticalPathResult): CriticalPathFigures {
  const of = (code: 'before' | 'after') => {
    const samples = result.samples.filter(sample => sample.code === code)
    return {
      toUpdate: median(samples.map(sample => sample.toUpdateSeconds)),
      toGreen: median(samples.map(sample => sample.toGreenSeconds)),
      afterBuild: median(samples.map(sample => sample.afterBuildSeconds))
    }
  }
  const before = of('before')
  const after = of('after')
  const peer = {
    toUpdate: median(result.peer.map(sample => sample.toUpdateSeconds)),
    toGreen: median(result.peer.map(sample => sample.toGreenSeconds)),
    buildAndPush: median(result.peer.map(sample => sample.buildAndPushSeconds))
  }
  return {
    before,
    after,
    peer,
    updateRatio: after.toUpdate / before.toUpdate,
    afterBuildRatio: after.afterBuild / before.afterBuild,
    peerRatio: after.toGreen / peer.toGreen
  }
}

export function criticalPathSection(result: CriticalPathResult, figures: CriticalPathFigures): string {
  const phase = (sample: ActionPathSample, name: string): string =>
    fixed(sample.phases[name] ?? Number.NaN, 1)
  return `## 7. Critical path: a code change from a fresh runner, smoke test on, and a peer pipeline

One line is added to \`app/controllers/health_controller.rb\` of the example and deployed from a fresh runner (an
empty daemon with \`debian:bookworm-slim\`, \`postgres:15\` and \`redis:7\` loaded, as a runner pulls them) with the
smoke test on (bench/critical-path.ts). Before each run the layer cache in ECR is re-seeded by a deploy from the
shared daemon. "Before" is the action at ${result.beforeRef.slice(0, 12)} (the last main commit before issue 19),
bundled from that commit's src/; "after" is this checkout's dist/index.js. The stand-in runs no containers and its
transitions take ${result.transitionMs} ms. The peer pipeline runs on its own fresh runner after the same kind of
change: \`docker build --no-cache && docker push\` of each image (web, nginx) one after the other, one PutObject of the
bundle, CreateApplicationVersion, UpdateEnvironment, then DescribeEnvironments every ${result.pollSeconds} s until Green
(as AWS's own Beanstalk action and einaregilsson/beanstalk-deploy poll). ${result.peer.length} round(s).

${table(
  [
    'round',
    'pipeline',
    'start → UpdateEnvironment (s)',
    'last build → UpdateEnvironment (s)',
    'start → Green noticed (s)',
    'build and push (s)',
    'smoke test (s)',
    'application version (s)'
  ],
  [
    ...result.samples.map(sample => [
      sample.round,
      `ours, ${sample.code}`,
      fixed(sample.toUpdateSeconds, 1),
      fixed(sample.afterBuildSeconds, 1),
      fixed(sample.toGreenSeconds, 1),
      phase(sample, 'build and push'),
      phase(sample, 'smoke test'),
      phase(sample, 'application version')
    ]),
    ...result.peer.map(sample => [
      sample.round,
      'peer',
      fixed(sample.toUpdateSeconds, 1),
      fixed(sample.toUpdateSeconds - sample.buildAndPushSeconds, 1),
      fixed(sample.toGreenSeconds, 1),
      fixed(sample.buildAndPushSeconds, 1),
      '—',
      '—'
    ])
  ]
)}

Medians: start → UpdateEnvironment ${fixed(figures.before.toUpdate, 1)} s before, ${fixed(figures.after.toUpdate, 1)} s after
(**${fixed(figures.updateRatio)}×**); the last build's end → UpdateEnvironment, what the action's sequencing adds after
the build, ${fixed(figures.before.afterBuild, 1)} s before, ${fixed(figures.after.afterBuild, 1)} s after (**${fixed(figures.afterBuildRatio)}×**;
for the peer: after its last push); commit → Green ${fixed(figures.after.toGreen, 1)} s ours, ${fixed(figures.peer.toGreen, 1)} s the
peer pipeline (**${fixed(figures.peerRatio)}×**, with the smoke test that the peer does not run). The phases' seconds
are the action's own (job summary); after issue 19 the smoke test runs beside the push, the bundle and the version,
so the phases overlap.
`
}

/** Lines for "What is not met, and why", from this run's figures. */
export function criticalPathNotes(result: CriticalPathResult, figures: CriticalPathFigures): string[] {
  const phase = (code: 'before' | 'after', name: string): number =>
    median(result.samples.filter(sample => sample.code === code).map(sample => sample.phases[name] ?? 0))
  const lines: string[] = []
  if (!(figures.updateRatio < 1)) {
    lines.push(
      `- Start → UpdateEnvironment after ÷ before ${fixed(figures.updateRatio)}: the fresh runner's build dominates it ` +
        `(build and push ${fixed(phase('before', 'build and push'), 1)} s before, ${fixed(phase('after', 'build and push'), 1)} s after, ` +
        'medians) and varies with the shared CPU by more than the sequencing saves; the last build → UpdateEnvironment ' +
        `figure, ${fixed(figures.before.afterBuild, 1)} s before and ${fixed(figures.after.afterBuild, 1)} s after, is the part this change acts on.`
    )
  }
  if (!(figures.afterBuildRatio < 1)) {
    lines.push(
      `- Last build → UpdateEnvironment after ÷ before ${fixed(figures.afterBuildRatio)}: the smoke test after the last build ` +
        `(${fixed(phase('before', 'smoke test'), 1)} s before, ${fixed(phase('after', 'smoke test'), 1)} s after) is most of it, on this CPU.`
    )
  }
  if (!(figures.peerRatio < 1)) {
    lines.push(
      `- Commit → Green ours ÷ peer ${fixed(figures.peerRatio)}: ours runs the smoke test (${fixed(phase('after', 'smoke test'), 1)} s, ` +
        'the peer runs none) and builds both images from the ECR cache on the fresh runner ' +
        `(build and push ${fixed(phase('after', 'build and push'), 1)} s); the peer's no-cache build and push took ` +
        `${fixed(figures.peer.buildAndPush, 1)} s, its ${result.pollSeconds} s polls then cost it up to one interval per wait.`
    )
  }
  return lines
}
