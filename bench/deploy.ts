// Deploy benchmarks through dist/index.js against the AWS stand-in:
//  - wait latency: the stand-in records when the environment turned Green; the
//    action's exit time minus that, over N deploys whose transition delays vary
//    (so Green lands at every phase of the poll cycle), and the AWS calls per poll;
//  - overhead: wall time minus build + push and the stand-in's transition delays
//    (version processing, update → Green); cold start to the first API call;
//    peak RSS of the action process;
//  - scale: one run deploying to 10 environments concurrently, against one.
// The stand-in runs without containers here (health follows the bundle's
// validity): these figures are about the action's own loop, not the app's boot.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'

import { actionEnvironment, createExampleEnvironment } from '../test-support/example-environment.js'
import { seededRandom } from '../stand-in/prng.js'
import { startStandIn, type StandIn } from '../stand-in/server.js'
import { errorsOf, phasesOf, runActionTimed, type TimedActionRun } from './lib/action-process.js'

export interface DeploySample {
  label: string
  wallSeconds: number
  /** Spawn → first request the stand-in saw. */
  coldStartSeconds: number
  buildAndPushSeconds: number
  /** Version processing + UpdateEnvironment → Green, as the stand-in timed them. */
  transitionSeconds: number
  overheadSeconds: number
  /** Green (stand-in) → the action process exited. */
  greenToExitSeconds: number
  /** Gap between the poll that saw Green and the poll before it: the interval in effect. */
  pollIntervalSeconds: number
  polls: number
  waitCalls: number
  peakRssMiB?: number
  /** The action's own phase timings (job summary), seconds. */
  phases: Record<string, number>
}

export interface ScaleSample {
  environments: number
  wallSeconds: number
  /** Wall minus build + push and the longest transition. */
  overheadSeconds: number
  polls: number
  waitCalls: number
  peakRssMiB?: number
  maxGreenToExitSeconds: number
}

export interface DeployBenchResult {
  transitionMs: number
  slowRange: [number, number]
  first: DeploySample
  samples: DeploySample[]
  scale: ScaleSample[]
}

const WAIT_OPERATIONS = new Set(['DescribeEnvironments', 'DescribeEvents', 'DescribeEnvironmentHealth'])

function callsBetween(standIn: StandIn, from: number, to: number) {
  return standIn.calls.filter(call => call.time.getTime() >= from && call.time.getTime() <= to)
}

interface EnvironmentTiming {
  updateAt: number
  greenAt: number
  polls: number[]
  waitCalls: number
}

function environmentTiming(
  standIn: StandIn,
  run: TimedActionRun,
  environmentName: string,
  label: string
): EnvironmentTiming {
  const environment = standIn.services.beanstalk.state.liveEnvironmentNamed(environmentName)
  const green = environment?.turnedGreen?.filter(entry => entry.versionLabel === label).at(-1)
  if (!green) throw new Error(`${environmentName} never turned Green on ${label}`)
  const window = callsBetween(standIn, run.spawnedAt, run.exitedAt)
  // Every environment's UpdateEnvironment goes out at nearly the same time; the last one bounds the wait.
  const updates = window.filter(call => call.operation === 'UpdateEnvironment')
  const updateAt = updates.at(-1)?.time.getTime()
  if (updateAt === undefined) throw new Error(`no UpdateEnvironment in the run of ${label}`)
  const waiting = callsBetween(standIn, updateAt, run.exitedAt).filter(
    call => call.service === 'elasticbeanstalk' && WAIT_OPERATIONS.has(call.operation)
  )
  const polls = waiting
    .filter(call => call.operation === 'DescribeEnvironments')
    .map(call => call.time.getTime())
  return { updateAt, greenAt: green.at.getTime(), polls, waitCalls: waiting.length }
}

function processingSeconds(
  standIn: StandIn,
  application: string,
  label: string,
  run: TimedActionRun
): number {
  const version = standIn.services.beanstalk.state.versionsOf(application).get(label)
  if (!version || version.created.getTime() < run.spawnedAt) return 0
  return (version.updated.getTime() - version.created.getTime()) / 1000
}

function coldStart(standIn: StandIn, run: TimedActionRun): number {
  const first = standIn.calls.find(call => call.time.getTime() >= run.spawnedAt)
  return first ? (first.time.getTime() - run.spawnedAt) / 1000 : Number.NaN
}

function sample(
  standIn: StandIn,
  run: TimedActionRun,
  application: string,
  environmentName: string,
  label: string
): DeploySample {
  if (run.status !== 0) throw new Error(`deploy ${label} failed: ${errorsOf(run)} ${run.stderr}`)
  const timing = environmentTiming(standIn, run, environmentName, label)
  const wallSeconds = (run.exitedAt - run.spawnedAt) / 1000
  const buildAndPushSeconds = phasesOf(run)['build and push'] ?? 0
  const transitionSeconds =
    processingSeconds(standIn, application, label, run) + (timing.greenAt - timing.updateAt) / 1000
  const sawGreen = timing.polls.findIndex(time => time >= timing.greenAt)
  const pollIntervalSeconds =
    sawGreen > 0 ? ((timing.polls[sawGreen] as number) - (timing.polls[sawGreen - 1] as number)) / 1000 : 0
  return {
    label,
    wallSeconds,
    coldStartSeconds: coldStart(standIn, run),
    buildAndPushSeconds,
    transitionSeconds,
    overheadSeconds: wallSeconds - buildAndPushSeconds - transitionSeconds,
    greenToExitSeconds: (run.exitedAt - timing.greenAt) / 1000,
    pollIntervalSeconds,
    polls: timing.polls.length,
    waitCalls: timing.waitCalls,
    phases: phasesOf(run),
    ...(run.peakRssKiB !== undefined && { peakRssMiB: run.peakRssKiB / 1024 })
  }
}

/** More environments of the example's application (its RDS / ElastiCache are seeded once), waited until Ready. */
async function createEnvironments(standIn: StandIn, application: string, names: string[]): Promise<void> {
  const beanstalk = new ElasticBeanstalkClient({
    region: standIn.env.AWS_REGION as string,
    endpoint: standIn.endpoint,
    credentials: {
      accessKeyId: standIn.env.AWS_ACCESS_KEY_ID as string,
      secretAccessKey: standIn.env.AWS_SECRET_ACCESS_KEY as string
    }
  })
  try {
    for (const name of names) {
      await beanstalk.send(
        new CreateEnvironmentCommand({
          ApplicationName: application,
          EnvironmentName: name,
          SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS'
        })
      )
    }
    for (let attempt = 0; attempt < 300; attempt++) {
      const described = await beanstalk.send(
        new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: names })
      )
      if (described.Environments?.every(environment => environment.Status === 'Ready')) return
      await new Promise(resolve => setTimeout(resolve, 200))
    }
    throw new Error('the scale environments did not become Ready')
  } finally {
    beanstalk.destroy()
  }
}

export interface DeployBenchOptions {
  deploys: number
  scaleEnvironments: number
  transitionMs?: number
  log?: (line: string) => void
}

export async function runDeployBench(options: DeployBenchOptions): Promise<DeployBenchResult> {
  const log = options.log ?? (() => undefined)
  const transitionMs = options.transitionMs ?? 500
  const slowRange: [number, number] = [1, 8]
  const random = seededRandom(9)
  const standIn = await startStandIn({
    runContainers: false,
    beanstalk: { transitionMs, instances: 'simulated' }
  })
  const runnerTemp = await mkdtemp(path.join(tmpdir(), 'bench-deploy-'))
  try {
    const example = await createExampleEnvironment(standIn, {
      application: 'puppies',
      environment: 'bench-wait'
    })
    const env = { ...actionEnvironment(standIn), RUNNER_TEMP: runnerTemp }
    const deploy = async (label: string, environments: string[]): Promise<TimedActionRun> =>
      runActionTimed({
        inputs: {
          ...example.inputs,
          environment: environments.join(' '),
          'version-label': label,
          'smoke-test': 'false'
        },
        env,
        ...(process.env.BENCH_VERBOSE && { onLine: (line: string) => log(`  | ${line}`) })
      })

    log('deploy: first deploy (builds and pushes the example on the shared daemon)')
    const firstRun = await deploy('bench-first', [example.environment])
    const first = sample(standIn, firstRun, example.application, example.environment, 'bench-first')

    const samples: DeploySample[] = []
    for (let index = 0; index < options.deploys; index++) {
      const slow = slowRange[0] + random() * (slowRange[1] - slowRange[0])
      standIn.faults.set({ beanstalk: { slowTransitions: slow } })
      const label = `bench-wait-${index + 1}`
      const run = await deploy(label, [example.environment])
      const result = sample(standIn, run, example.application, example.environment, label)
      log(
        `deploy: ${label} wall ${result.wallSeconds.toFixed(1)}s, Green→exit ${result.greenToExitSeconds.toFixed(2)}s, ` +
          `overhead ${result.overheadSeconds.toFixed(2)}s, ${result.waitCalls} calls / ${result.polls} polls`
      )
      samples.push(result)
    }
    standIn.faults.set({ beanstalk: { slowTransitions: 1 } })

    const scale: ScaleSample[] = []
    const names = Array.from({ length: options.scaleEnvironments }, (_, index) => `bench-scale-${index + 1}`)
    await createEnvironments(standIn, example.application, names)
    for (const count of [1, options.scaleEnvironments]) {
      const label = `bench-scale-x${count}`
      const targets = names.slice(0, count)
      const run = await deploy(label, targets)
      if (run.status !== 0) throw new Error(`scale deploy failed: ${errorsOf(run)} ${run.stderr}`)
      const timings = targets.map(name => environmentTiming(standIn, run, name, label))
      const wallSeconds = (run.exitedAt - run.spawnedAt) / 1000
      const transitions = Math.max(...timings.map(timing => timing.greenAt - timing.updateAt)) / 1000
      const processing = processingSeconds(standIn, example.application, label, run)
      const waiting = callsBetween(standIn, Math.min(...timings.map(t => t.updateAt)), run.exitedAt).filter(
        call => call.service === 'elasticbeanstalk' && WAIT_OPERATIONS.has(call.operation)
      )
      const result: ScaleSample = {
        environments: count,
        wallSeconds,
        overheadSeconds: wallSeconds - (phasesOf(run)['build and push'] ?? 0) - transitions - processing,
        polls: waiting.filter(call => call.operation === 'DescribeEnvironments').length,
        waitCalls: waiting.length,
        maxGreenToExitSeconds: Math.max(...timings.map(timing => (run.exitedAt - timing.greenAt) / 1000)),
        ...(run.peakRssKiB !== undefined && { peakRssMiB: run.peakRssKiB / 1024 })
      }
      log(`deploy: ${count} environment(s) wall ${wallSeconds.toFixed(1)}s, ${result.waitCalls} wait calls`)
      scale.push(result)
    }
    return { transitionMs, slowRange, first, samples, scale }
  } finally {
    await standIn.stop()
    await rm(runnerTemp, { recursive: true, force: true })
  }
}
