// `npm run bench`: every benchmark in one run on this machine, then
// bench/RESULTS.md with the figures, the method and the machine. Ratios are
// the headline figures: the machine is shared and absolute times are noisy.
// Not a test: nothing here runs in `npm test`.
//
// BENCH_DEPLOYS (default 20), BENCH_ROUNDS (default 2), BENCH_PATH_ROUNDS (default 2), BENCH_UPLOAD_MIB
// (default 200), BENCH_BUNDLE_MIB (default 512) shorten a trial run. BENCH_SKIP (a comma-separated list of
// images, worlds, path, team) leaves out the longest sections (§1–2, §6, §7, §8): their text and Targets
// rows are carried over from the bench/RESULTS.md already there, which says so at its top.
// BENCH_TEAM_WORLDS (default a,c) picks §8's runner worlds; BENCH_NATIVE_SOURCES (default "libxml2 libxslt")
// shortens its compiled dependency stage for a trial run (e.g. zlib).

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { PROJECT_ROOT } from '../test-support/run-action.js'
import { runBundleBench, type BundleBenchResult } from './bundle.js'
import {
  criticalPathFigures,
  criticalPathNotes,
  criticalPathSection,
  runCriticalPathBench,
  type CriticalPathResult
} from './critical-path.js'
import { runDeployBench, type DeployBenchResult } from './deploy.js'
import { runTeamBench, type TeamResult, type TeamWorld } from './team.js'
import { TEAM_HEADING, teamFigures, teamNotes, teamSection, teamTargets } from './team-report.js'
import { runImagesBench, type ImagesBenchResult } from './images.js'
import { containerdRatio, renderWorldsSection, runWorldsBench, type WorldSample } from './worlds.js'
import { machineInfo, sampleLoad, type LoadSummary, type MachineInfo } from './lib/machine.js'
import { worldInstallMissing } from '../test-support/worlds.js'
import { bytesText, fixed, max, median, percentile, table, verdict } from './lib/stats.js'
import { runComposeParseBench, runPlanScaleBench, type PlanScaleSample } from './plan-scale.js'
import { runUploadBench, type UploadBenchResult, type UploadSample } from './upload.js'

const deploys = Number(process.env.BENCH_DEPLOYS ?? 20)
const rounds = Number(process.env.BENCH_ROUNDS ?? 2)
const uploadMiB = Number(process.env.BENCH_UPLOAD_MIB ?? 200)
const bundleMiB = Number(process.env.BENCH_BUNDLE_MIB ?? 512)
const pathRounds = Number(process.env.BENCH_PATH_ROUNDS ?? 2)
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean))
const SKIPPABLE = ['images', 'worlds', 'path', 'team']
const unknownSkip = [...skip].filter(section => !SKIPPABLE.includes(section))
if (unknownSkip.length > 0)
  throw new Error(`BENCH_SKIP: only ${SKIPPABLE.join(', ')} can be left out, not ${unknownSkip.join(', ')}`)
const teamWorlds = (process.env.BENCH_TEAM_WORLDS ?? 'a,c').split(',').filter(Boolean) as TeamWorld[]
if (teamWorlds.some(world => world !== 'a' && world !== 'c'))
  throw new Error(`BENCH_TEAM_WORLDS: a list of a and c, not ${teamWorlds.join(',')}`)
// The worlds section and §8's world (c) need scripts/worlds.sh's private install: say so before any section
// starts daemons, rather than failing after twenty minutes with its bridges and registries left behind.
const needsWorlds = !skip.has('worlds') || (!skip.has('team') && teamWorlds.includes('c'))
const worldsMissing = needsWorlds ? worldInstallMissing() : undefined
if (worldsMissing) throw new Error(`bench: ${worldsMissing} (or BENCH_SKIP=worlds,team)`)
const RESULTS = path.join(PROJECT_ROOT, 'bench/RESULTS.md')
/** The run whose sections a partial run carries over. */
const previous = skip.size > 0 ? await readFile(RESULTS, 'utf8') : ''
const GREEN_TO_EXIT_TARGET = 1.5 // issue 19
const OVERHEAD_TARGET = 1.5 // issue 19
const COLD_START_TARGET = 0.5 // issue 27 (was 0.25, issue 19): under 0.5 s is plenty for a step that builds images
const say = (line: string): void => console.log(`bench: ${line}`)

const started = new Date()
const loadOverRun = sampleLoad()
const machine = await machineInfo()
say(
  `machine: ${machine.nproc} cores, ${machine.memoryGiB} GiB, docker ${machine.dockerServer}, node ${machine.node}`
)

say('plan rendering at scale')
const plan = runPlanScaleBench(200)
const composeParse = runComposeParseBench()
say(`bundle of a shipped folder of 3 × ${bundleMiB} MiB`)
const bundle = runBundleBench(bundleMiB)
say('bundle upload: single PutObject vs multipart')
const upload = await runUploadBench(uploadMiB, 3)
say(`deploys through dist/index.js (${deploys} + scale)`)
const deploy = await runDeployBench({ deploys, scaleEnvironments: 10, log: say })
let criticalPath: CriticalPathResult | undefined
if (!skip.has('path')) {
  say(
    'critical path: a code change from a fresh runner with the smoke test on, before/after, and a peer pipeline'
  )
  criticalPath = await runCriticalPathBench({ rounds: pathRounds, log: say })
}
let team: TeamResult | undefined
if (!skip.has('team')) {
  say(`a team's pipelines: a compiled dependency stage, worlds ${teamWorlds.join(', ')}`)
  team = await runTeamBench({ worlds: teamWorlds, log: say })
}
let images: ImagesBenchResult | undefined
if (!skip.has('images')) {
  say('images on fresh runners')
  images = await runImagesBench({ rounds, log: say })
}
let worlds: WorldSample[] | undefined
if (!skip.has('worlds')) {
  say('builders: a code change from a fresh runner of each runner world')
  worlds = await runWorldsBench({ log: say })
}

const report = render({
  machine,
  plan,
  composeParse,
  bundle,
  upload,
  deploy,
  images,
  worlds,
  criticalPath,
  team,
  load: loadOverRun(),
  seconds: (Date.now() - started.getTime()) / 1000
})
await writeFile(RESULTS, report)
say('wrote bench/RESULTS.md')
console.log(report)
process.exit(0)

interface Everything {
  machine: MachineInfo
  plan: PlanScaleSample[]
  composeParse: ReturnType<typeof runComposeParseBench>
  bundle: BundleBenchResult
  upload: UploadBenchResult
  deploy: DeployBenchResult
  images: ImagesBenchResult | undefined
  worlds: WorldSample[] | undefined
  criticalPath: CriticalPathResult | undefined
  team: TeamResult | undefined
  /** The 1-minute load average over the run: other engineers' work on the same cores. */
  load: LoadSummary
  seconds: number
}

/** A `## ` section of the previous RESULTS.md, heading included, up to the next one. */
function previousSection(heading: string): string {
  const start = previous.indexOf(`\n## ${heading}`)
  if (start < 0)
    return `## ${heading}\n\nNot run (BENCH_SKIP), and not found in the previous bench/RESULTS.md.\n`
  const end = previous.indexOf('\n## ', start + 1)
  return `${previous.slice(start + 1, end < 0 ? undefined : end).trimEnd()}\n`
}

/** The previous run's Targets row for `figure`, when this run left its section out. */
function previousTarget(figure: string): string[] {
  const row = previous.split('\n').find(line => line.startsWith(`| ${figure} |`))
  const cells = row?.split(' | ').map(cell => cell.replace(/^\| | \|$/g, ''))
  return cells && cells.length === 4 ? cells : [figure, '', 'not run', verdict(false)]
}

/** When the carried-over sections were measured: the previous file's own date line. */
/** When the carried-over sections were measured: the previous file's own carry-over date, else its run's. */
function previousDate(): string {
  const carried = /carried over unchanged from the run of (\S+?)\.?$/m.exec(previous)?.[1]
  return carried ?? /^Written by .* on (\S+) in/m.exec(previous)?.[1] ?? 'an unknown date'
}

function render(all: Everything): string {
  const { machine, plan, bundle, upload, deploy, images, worlds, criticalPath } = all
  const worldsRatio = worlds ? containerdRatio(worlds) : Number.NaN
  const ours = images?.push.find(sample => sample.path.startsWith('ours'))
  const plain = images?.push.find(sample => sample.path.startsWith('plain'))
  const ratio = (sample: typeof ours, field: 'layerBytesUploaded' | 'allBytesUploaded'): number =>
    sample && sample.changedLayerBytes > 0 ? sample[field] / sample.changedLayerBytes : Number.NaN
  const pushRatio = ratio(ours, 'layerBytesUploaded')
  const plainRatio = ratio(plain, 'layerBytesUploaded')

  const phaseRatios = (images?.buildPhase ?? []).map(
    round => round.bothSeconds / Math.max(round.webSeconds, round.nginxSeconds)
  )
  const buildRatio = median(phaseRatios)

  const latencies = deploy.samples.map(sample => sample.greenToExitSeconds)
  const latencyP95 = percentile(latencies, 95)
  const callsPerPoll = deploy.samples.map(sample => sample.waitCalls / sample.polls)
  const maxCallsPerPoll = max(callsPerPoll)
  const intervals = deploy.samples.map(sample => sample.pollIntervalSeconds)
  const latencyOverInterval = deploy.samples.map(
    sample => sample.greenToExitSeconds / sample.pollIntervalSeconds
  )

  const overheads = deploy.samples.map(sample => sample.overheadSeconds)
  const coldStarts = [deploy.first, ...deploy.samples].map(sample => sample.coldStartSeconds)
  const rss = [deploy.first, ...deploy.samples].flatMap(sample =>
    sample.peakRssMiB === undefined ? [] : [sample.peakRssMiB]
  )
  const phaseNames = Object.keys(deploy.samples[0]?.phases ?? {})

  const [one, many] = deploy.scale
  const scaleRatio = one && many ? many.wallSeconds / one.wallSeconds : Number.NaN

  const uploadRow = (method: UploadSample['method'], failures: number) => {
    const samples = upload.samples.filter(
      sample => sample.method === method && sample.injectedFailures === failures
    )
    return {
      seconds: median(samples.map(sample => sample.seconds)),
      resent: median(samples.map(sample => sample.bytesResent)),
      requests: median(samples.map(sample => sample.requests))
    }
  }
  const uploadRows = (['single PutObject', 'multipart (ours)'] as const).flatMap(method =>
    [0, 1].map(failures => {
      const row = uploadRow(method, failures)
      return [method, failures, fixed(row.seconds), bytesText(row.resent), row.requests]
    })
  )
  const putFail = uploadRow('single PutObject', 1)
  const multiFail = uploadRow('multipart (ours)', 1)

  const scaleSample = plan.find(sample => sample.services === 50)
  const { composeParse } = all
  const smallSample = plan.find(sample => sample.name === 'examples/puppies')

  const path7 = criticalPath ? criticalPathFigures(criticalPath) : undefined
  const team8 = all.team ? teamFigures(all.team) : []
  const imagesTargets = images
    ? [
        [
          '1. Fresh-runner code change: layer bytes pushed ÷ changed layer bytes',
          '≤ 1.10',
          fixed(pushRatio),
          verdict(pushRatio <= 1.1)
        ],
        [
          '2. Build phase: web+worker+nginx ÷ slowest image alone (median)',
          '≤ 1.15',
          fixed(buildRatio),
          verdict(buildRatio <= 1.15)
        ]
      ]
    : [
        previousTarget('1. Fresh-runner code change: layer bytes pushed ÷ changed layer bytes'),
        previousTarget('2. Build phase: web+worker+nginx ÷ slowest image alone (median)')
      ]
  const worldsTarget = worlds
    ? [
        '1. The same on buildx with a containerd image store (world c), both Dockerfile shapes',
        '≤ 1.10',
        fixed(worldsRatio),
        verdict(worldsRatio <= 1.1)
      ]
    : previousTarget('1. The same on buildx with a containerd image store (world c), both Dockerfile shapes')
  const targets = [
    imagesTargets[0] as string[],
    worldsTarget,
    imagesTargets[1] as string[],
    [
      `3. Green → action exit, p95 of ${latencies.length}`,
      `≤ ${GREEN_TO_EXIT_TARGET} s`,
      `${fixed(latencyP95)} s`,
      verdict(latencyP95 <= GREEN_TO_EXIT_TARGET)
    ],
    ['3. AWS calls per poll (worst deploy)', '≤ 2', fixed(maxCallsPerPoll), verdict(maxCallsPerPoll <= 2)],
    [
      '4. Overhead: wall − build/push − stand-in transitions (median)',
      `≤ ${OVERHEAD_TARGET} s`,
      `${fixed(median(overheads))} s`,
      verdict(median(overheads) <= OVERHEAD_TARGET)
    ],
    [
      '4. Cold start: spawn → first API call (median)',
      `≤ ${COLD_START_TARGET} s`,
      `${fixed(median(coldStarts))} s`,
      verdict(median(coldStarts) <= COLD_START_TARGET)
    ],
    [
      '4. Peak RSS of the action (max over deploys)',
      '≤ 200 MiB',
      `${fixed(max(rss), 0)} MiB`,
      verdict(max(rss) <= 200)
    ],
    ...pathTargets(path7),
    ...(all.team ? teamTargets(team8, previousTarget) : teamTargets([], previousTarget))
  ]

  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${started.toISOString()} in ${fixed(all.seconds / 60, 1)} minutes.
Every figure below comes from that run; nothing is typed in by hand. Ratios are the headline figures: the machine
is shared with other work and absolute times are noisy.${
    skip.size > 0
      ? `\n\nThis run left out ${[...skip].join(', ')} (BENCH_SKIP): ${[images ? '' : '§1, §2', worlds ? '' : '§6', criticalPath ? '' : '§7', all.team ? '' : '§8'].filter(Boolean).join(', ')} and their Targets rows are carried over unchanged from the run of ${previousDate()}.`
      : ''
  }

## Machine

${table(
  [
    'nproc',
    'CPU',
    'memory',
    'docker (server / client used)',
    'node',
    'kernel',
    '1-min load average over the run (median / max)'
  ],
  [
    [
      machine.nproc,
      machine.cpuModel,
      `${machine.memoryGiB} GiB`,
      `${machine.dockerServer} / ${machine.dockerClient}`,
      machine.node,
      machine.kernel,
      `${fixed(all.load.median, 1)} / ${fixed(all.load.max, 1)}`
    ]
  ]
)}${
    all.load.median > machine.nproc
      ? `\n\nThe load average stayed above the ${machine.nproc} cores for most of the run (other work on the ` +
        'shared machine: mutation testing, other suites): every absolute time here is slower than on an idle ' +
        'machine of this size, and times that include an app booting (the smoke test) most.'
      : ''
  }

## Targets

${table(['Figure', 'Target', 'Measured', 'Verdict'], targets)}

${images ? imagesSections(images, { pushRatio, plainRatio, phaseRatios }) : `${previousSection('1. A code change on a fresh runner (examples/puppies)')}\n${previousSection('2. Build phase')}`}
## 3. Wait latency and calls per poll

${deploy.samples.length} deploys of the example through \`dist/index.js\` (spawned as the runner does) against the stand-in,
which records the moment each environment turns Ready + Green (\`turnedGreen\`, stand-in/services/beanstalk).
The stand-in's transition delay is ${deploy.transitionMs} ms × a factor drawn in [${deploy.slowRange.join(', ')}] per deploy
(seeded), so Green falls at every phase of the poll cycle. The stand-in runs no containers here: health follows
the bundle's validity, so the figures are the action's loop, not the app's boot. Smoke test off, images already
in ECR for the commit (reused), a new version label each time. Calls per poll: Beanstalk Describe* calls from
UpdateEnvironment to exit ÷ DescribeEnvironments calls in that window.

${table(
  ['', 'min', 'median', 'p95', 'max'],
  [
    [
      'Green → exit (s)',
      fixed(Math.min(...latencies)),
      fixed(median(latencies)),
      fixed(latencyP95),
      fixed(max(latencies))
    ],
    [
      'poll interval in effect when Green was seen (s)',
      fixed(Math.min(...intervals)),
      fixed(median(intervals)),
      fixed(percentile(intervals, 95)),
      fixed(max(intervals))
    ],
    [
      'Green → exit ÷ that interval',
      fixed(Math.min(...latencyOverInterval)),
      fixed(median(latencyOverInterval)),
      fixed(percentile(latencyOverInterval, 95)),
      fixed(max(latencyOverInterval))
    ],
    [
      'calls per poll',
      fixed(Math.min(...callsPerPoll)),
      fixed(median(callsPerPoll)),
      fixed(percentile(callsPerPoll, 95)),
      fixed(maxCallsPerPoll)
    ]
  ]
)}

## 4. Overhead, cold start, memory

Overhead = wall time − the action's "build and push" phase − the stand-in's transition delays (application version
processing + UpdateEnvironment → Green). What is left is the action's own time: start-up, lookups, bundle,
upload, the poll that notices Green, the summary. Cold start = the stand-in's first request − spawn time. Peak
RSS = VmHWM of the action process, sampled from /proc every 20 ms.

${table(
  ['', 'min', 'median', 'p95', 'max'],
  [
    [
      'overhead (s)',
      fixed(Math.min(...overheads)),
      fixed(median(overheads)),
      fixed(percentile(overheads, 95)),
      fixed(max(overheads))
    ],
    [
      'cold start (s)',
      fixed(Math.min(...coldStarts)),
      fixed(median(coldStarts)),
      fixed(percentile(coldStarts, 95)),
      fixed(max(coldStarts))
    ],
    [
      'peak RSS (MiB)',
      fixed(Math.min(...rss), 0),
      fixed(median(rss), 0),
      fixed(percentile(rss, 95), 0),
      fixed(max(rss), 0)
    ],
    ...phaseNames.map(name => {
      const values = deploy.samples.map(sample => sample.phases[name] ?? 0)
      return [
        `phase "${name}" (s, action's own timing)`,
        fixed(Math.min(...values), 1),
        fixed(median(values), 1),
        fixed(percentile(values, 95), 1),
        fixed(max(values), 1)
      ]
    })
  ]
)}

The first deploy of the run (images built on the shared daemon with a warm BuildKit cache, pushed to an empty
registry): wall ${fixed(deploy.first.wallSeconds, 1)} s, build and push ${fixed(deploy.first.buildAndPushSeconds, 1)} s, overhead
${fixed(deploy.first.overheadSeconds)} s, cold start ${fixed(deploy.first.coldStartSeconds)} s, peak RSS ${fixed(deploy.first.peakRssMiB ?? Number.NaN, 0)} MiB.

## 5. Scale

One run of the action deploying to ${many?.environments ?? '?'} environments at once (the \`environment\` input lists them),
beside the same run with one environment (stand-in without containers, transition ${deploy.transitionMs} ms).

${table(
  [
    'environments',
    'wall (s)',
    'overhead (s)',
    'Beanstalk wait calls',
    'DescribeEnvironments',
    'max Green → exit (s)',
    'peak RSS (MiB)'
  ],
  deploy.scale.map(sample => [
    sample.environments,
    fixed(sample.wallSeconds),
    fixed(sample.overheadSeconds),
    sample.waitCalls,
    sample.polls,
    fixed(sample.maxGreenToExitSeconds),
    fixed(sample.peakRssMiB ?? Number.NaN, 0)
  ])
)}

Wall time for ${many?.environments ?? '?'} environments ÷ 1 environment: **${fixed(scaleRatio)}**.

Plan rendering (\`loadCompose\` + \`buildPlan\` + \`renderDockerrun\`, in process, median of ${scaleSample?.iterations ?? '?'} runs
after a warm-up; retained heap = heap kept by one compose model + plan + document after a full GC, averaged over 20):

${table(
  ['compose file', 'services', 'containers', 'median (ms)', 'retained heap (KiB)', 'Dockerrun JSON'],
  plan.map(sample => [
    sample.name,
    sample.services,
    sample.containers,
    fixed(sample.medianMs),
    fixed(sample.retainedKiB, 0),
    bytesText(sample.documentBytes)
  ])
)}

50 services ÷ 5 services: ${fixed((scaleSample?.medianMs ?? Number.NaN) / (smallSample?.medianMs ?? Number.NaN))}× the time for 10× the services.

A compose file whose environment mapping has ${composeParse.keys} keys (${bytesText(composeParse.bytes)}): \`loadCompose\` takes
${fixed(composeParse.medianMs)} ms (median of 5; the yaml library's own duplicate-key check took 27 s for it).

Bundle of a shipped folder of ${bundle.files} × ${bundle.fileMiB} MiB (sparse files of zeros; \`writeBundle\` streams the
zip to disk in 1 MiB chunks, in a child process of its own): ${fixed(bundle.seconds, 1)} s, a
${bytesText(bundle.bundleBytes)} zip, peak RSS **${fixed(bundle.peakRssMiB, 0)} MiB** (the whole folder in memory
before the stream: 3 × 1.9 GB took 5.9 GB).

## 6. Builders: a code change from a fresh runner of each runner world

Which path each runner gets is in the README's "Builders" section. Per world and Dockerfile shape (bench/worlds.ts):
the layer cache in ECR is seeded by a build on the world's runner (the shared 20.10 daemon for a and b, a Docker 26
daemon with the containerd image store for c), one line of app code changes, and \`buildAndPush\` runs on a new
empty daemon of the same world (with its own NAT, so a step that misses the cache can run \`apt-get\`). Plain: the
same change built and pushed on another empty daemon with no cache. Multi-stage is examples/puppies/Dockerfile (the
shape \`rails new\` writes: a \`build\` stage with the compilers and the gems, a final stage copying them and the
app); single-stage is bench/fixtures/single-stage.Dockerfile. Ratio = layer bytes the registry received ÷ bytes of
the layers the change altered. Build seconds are buildAndPush's own (with a registry cache they include the push).
World (b) takes the fall-back here: its docker-container builder cannot start because moby/buildkit cannot be
pulled on this machine; on a GitHub-hosted runner it starts and the figures are those of a registry cache (c).

${worlds ? renderWorldsSection(worlds) : previousSection('6. Builders: a code change from a fresh runner of each runner world').split('those of a registry cache (c).\n').slice(1).join('').trimStart()}

${criticalPath && path7 ? criticalPathSection(criticalPath, path7) : previousSection('7. Critical path: a code change from a fresh runner, smoke test on, and a peer pipeline')}
${all.team ? teamSection(all.team, team8) : previousSection(TEAM_HEADING)}

## Peer comparison: bundle upload with one failure

A ${uploadMiB} MiB incompressible bundle to the stand-in's S3, once clean and once with one injected upload failure
(\`faults.set({ s3UploadFailures: 1 })\`, an HTTP 500 on the first PutObject/UploadPart). "Single PutObject" is what
einaregilsson/beanstalk-deploy does (the file read into memory, one PutObject, the SDK's retries); ours is
\`uploadBundle\` (src/adapters/s3.ts: lib-storage multipart, 8 MiB parts, 4 at a time). Bytes are counted by a
TCP proxy in front of the stand-in; "re-sent" = bytes sent − file size (headers make a clean run show a few KiB).
Median of 3.

${table(['method', 'injected failures', 'seconds', 're-sent', 'requests'], uploadRows)}

With one failure the single PUT re-sends ${bytesText(putFail.resent)} (the whole file) and ours ${bytesText(multiFail.resent)} (one part).

## What is not met, and why

${notes(targets, { pushRatio, buildRatio, latencyP95, maxCallsPerPoll, overhead: median(overheads), coldStart: median(coldStarts), rss: max(rss), deploy, path: [...(criticalPath && path7 ? criticalPathNotes(criticalPath, path7) : []), ...teamNotes(team8), ...loadNote(all)] })}
`
}

/** Said beside the targets not met when other work kept the shared machine's cores busy during the run. */
function loadNote(all: Everything): string[] {
  if (!(all.load.median > all.machine.nproc)) return []
  return [
    `- This run shared its ${all.machine.nproc} cores with other work: the 1-minute load average was ` +
      `${fixed(all.load.median, 1)} (median of ${all.load.samples} samples) and up to ${fixed(all.load.max, 1)}. ` +
      'Ratios between pipelines measured one after the other carry that noise.'
  ]
}

function imagesSections(
  images: ImagesBenchResult,
  figures: { pushRatio: number; plainRatio: number; phaseRatios: number[] }
): string {
  const { pushRatio, plainRatio, phaseRatios } = figures
  const ratio =
    (
      sample: ImagesBenchResult['push'][number]
    ): ((field: 'layerBytesUploaded' | 'allBytesUploaded') => number) =>
    field =>
      sample.changedLayerBytes > 0 ? sample[field] / sample.changedLayerBytes : Number.NaN
  return `## 1. A code change on a fresh runner (examples/puppies)

A fresh runner is a second dockerd with an empty data-root and its own bridge (test-support/fresh-daemon.ts), with
only \`debian:bookworm-slim\` loaded (docker save | load, as a runner pulls it). ECR is the stand-in's real
registry; bytes are what it received (\`registry.uploads()\`). One line is added to
\`app/controllers/health_controller.rb\`; the changed layers are the layers of the new web image whose digests
were not in the previous one. Ours: \`buildAndPush\` (web+worker and nginx) with the layer cache kept in ECR. Plain:
\`docker build && docker push\` of the web image, nothing cached (its changed layers are the same top layers).

${table(
  [
    'Path',
    'changed layers',
    'changed bytes',
    'layer bytes uploaded',
    'all blob bytes (configs too)',
    'blob uploads',
    'ratio (layers)',
    'ratio (all blobs)',
    'seconds'
  ],
  images.push.map(sample => [
    sample.path,
    sample.changedLayers,
    bytesText(sample.changedLayerBytes),
    bytesText(sample.layerBytesUploaded),
    bytesText(sample.allBytesUploaded),
    sample.blobUploads,
    fixed(ratio(sample)('layerBytesUploaded')),
    fixed(ratio(sample)('allBytesUploaded')),
    sample.error ? `failed: ${sample.error}` : fixed(sample.seconds, 1)
  ])
)}

Ours re-sends no unchanged layer (ratio ${fixed(pushRatio)}); the plain path uploads ${fixed(plainRatio, 0)}× the
changed bytes, because an empty cache re-runs \`apt-get\` and \`bundle install\` and produces new layer digests. The
image config (a few KiB) is also uploaded on every change: against a layer of a few hundred bytes it dominates the
"all blobs" ratio, which is why the target is stated on layer bytes.

## 2. Build phase

Wall time of \`buildAndPush\` on a fresh runner after a code change, each measurement on its own fresh daemon:
both images (web+worker share one) together, then web alone, then nginx alone. ${rounds} round(s).

Before each fresh-runner measurement the cache in ECR is re-seeded by a build on the shared daemon: an image built
on a fresh runner from the ECR cache does not carry the cache of its lower layers on (BuildKit inline cache, docker
20.10), so a second fresh-runner build in a row missed the cache and re-ran \`apt-get\` (found by this benchmark).

${table(
  ['round', 'both (s)', 'web alone (s)', 'nginx alone (s)', 'both ÷ slowest'],
  images.buildPhase.map((round, index) => [
    round.round,
    fixed(round.bothSeconds, 1),
    fixed(round.webSeconds, 1),
    fixed(round.nginxSeconds, 1),
    fixed(phaseRatios[index] as number)
  ])
)}

`
}

function notes(
  targets: string[][],
  figures: {
    pushRatio: number
    buildRatio: number
    latencyP95: number
    maxCallsPerPoll: number
    overhead: number
    coldStart: number
    rss: number
    deploy: DeployBenchResult
    path: string[]
  }
): string {
  const lines: string[] = []
  const unmet = targets.filter(target => target[3] === verdict(false))
  // Notes on how far a met figure can be trusted (the shared machine's noise) are kept when every target is met.
  if (unmet.length === 0) return ['Every target is met in this run.', ...figures.path].join('\n')
  if (figures.latencyP95 > GREEN_TO_EXIT_TARGET) {
    lines.push(
      `- Green → exit p95 ${fixed(figures.latencyP95)} s: the wait loop looks every 0.5 s six times after UpdateEnvironment, then ` +
        'backs off (×1.5 from 0.75 s, back to 1 s on a new event or state); a slow transition is seen up to one backed-off ' +
        'interval late, and the exit itself (summary, cleanup of old versions) follows the poll that sees Green ' +
        '(the interval in effect is in §3).'
    )
  }
  if (figures.maxCallsPerPoll > 2) {
    lines.push(
      `- Calls per poll ${fixed(figures.maxCallsPerPoll)}: DescribeEnvironmentHealth is asked while health is not Green.`
    )
  }
  if (figures.overhead > OVERHEAD_TARGET) {
    const phases = figures.deploy.samples[0]?.phases ?? {}
    lines.push(
      `- Overhead ${fixed(figures.overhead)} s: it includes the cold start (${fixed(figures.coldStart)} s), the application-version ` +
        'wait (the version is polled every 1 s after processing) and the Green → exit latency of the wait loop ' +
        `(median ${fixed(median(figures.deploy.samples.map(sample => sample.greenToExitSeconds)))} s); the phases of one deploy: ` +
        Object.entries(phases)
          .map(([name, seconds]) => `${name} ${seconds} s`)
          .join(', ') +
        '.'
    )
  }
  if (figures.coldStart > COLD_START_TARGET) {
    lines.push(
      `- Cold start ${fixed(figures.coldStart)} s: Node's own start, dist/index.js with every SDK client package (issue 27; ` +
        'the later stages are chunks loaded while the first calls are in flight), and parsing the ' +
        'inputs and compose file before the first call, on 2 cores shared with other work.'
    )
  }
  if (figures.buildRatio > 1.15) {
    lines.push(
      `- Build phase ${fixed(figures.buildRatio)}: with 2 cores, the two builds and pushes compete for CPU; web alone already uses ` +
        'most of the machine.'
    )
  }
  if (figures.pushRatio > 1.1)
    lines.push(`- Push ratio ${fixed(figures.pushRatio)}: unchanged layers were uploaded again.`)
  if (figures.rss > 200) lines.push(`- Peak RSS ${fixed(figures.rss, 0)} MiB is above 200 MiB.`)
  lines.push(...figures.path)
  return lines.join('\n')
}

/** §7's Targets rows, or the previous run's when §7 was left out. */
function pathTargets(path7: ReturnType<typeof criticalPathFigures> | undefined): string[][] {
  // Inside the function: the report is rendered by top-level code above any module-level constant down here.
  const PATH_ROWS = [
    '7. Fresh-runner code change, smoke test on: process start → UpdateEnvironment, after ÷ before (median)',
    '7. The same, last build → UpdateEnvironment (the sequencing after the build), after ÷ before (median)',
    '7. Commit → Green: ours ÷ the peer pipeline (median)'
  ] as const
  if (!path7) return PATH_ROWS.map(previousTarget)
  return [
    [
      PATH_ROWS[0],
      '< 1.00',
      `${fixed(path7.updateRatio)} (${fixed(path7.after.toUpdate, 1)} s ÷ ${fixed(path7.before.toUpdate, 1)} s)`,
      verdict(path7.updateRatio < 1)
    ],
    [
      PATH_ROWS[1],
      '< 1.00',
      `${fixed(path7.afterBuildRatio)} (${fixed(path7.after.afterBuild, 1)} s ÷ ${fixed(path7.before.afterBuild, 1)} s)`,
      verdict(path7.afterBuildRatio < 1)
    ],
    [
      PATH_ROWS[2],
      '< 1.00',
      `${fixed(path7.peerRatio)} (${fixed(path7.after.toGreen, 1)} s ÷ ${fixed(path7.peer.toGreen, 1)} s)`,
      verdict(path7.peerRatio < 1)
    ]
  ]
}
