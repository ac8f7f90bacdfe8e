// Smoke-test stage: once the images are built, the rendered Dockerrun runs
// on the runner against twins of the managed database and cache (the RDS /
// ElastiCache host names, the RDS master user, a fresh password), beside the
// push, the bundle upload and CreateApplicationVersion; UpdateEnvironment
// waits for it, and an unhealthy app fails the step before anything is
// deployed (the mode deletes any version the run created). Its lines are
// printed as one group when it ends. Cancelling the job (SIGINT / SIGTERM)
// still removes what the run created.
//
// Decided in three steps: whether Docker answers (before any AWS call, so
// `smoke-test: true` without Docker changes nothing); whether the run is a
// no-op re-run (every environment already Ready and Green on the version:
// skipped, saying so); and, before any build, whether the dev images it
// needs (postgres:16, redis:7) are on the runner — pulled when they are not,
// so a missing one fails the run before minutes of building.

import { randomBytes } from 'node:crypto'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'
import { DockerCli } from '../adapters/docker/command-runner.js'
import type { Resolution } from '../core/dockerrun.js'
import { errorMessage } from '../core/errors.js'
import { failureMessage, passedDetail, smokeDecision, type SmokeTestReport } from '../smoke/verdict.js'
import { twinImage, type ManagedBacking } from '../smoke/dev-services.js'
import type { SmokeOutcome, SmokeRunOptions } from '../smoke/run-smoke.js'
import type { DeployPlan } from '../core/plan/types.js'
import type { Prepared } from '../planning/prepare.js'
import type { StartedDevServices } from '../smoke/run-smoke.js'
import { PhaseLog } from '../report/phases.js'

/** The app was not healthy on the runner; the run stops before any deploy (the mode writes the summary). */
export class SmokeTestFailedError extends Error {
  constructor(
    message: string,
    readonly report: SmokeTestReport
  ) {
    super(message)
    this.name = 'SmokeTestFailedError'
  }
}

export interface SmokeStageOptions extends Partial<
  Omit<SmokeRunOptions, 'project' | 'onCleanup' | 'devServices'>
> {
  region?: string
  /** The execution role found for the account (rendering checks that secrets by reference have one). */
  executionRoleArn?: string
  /** The managed database and cache the deploy resolved: the twins answer as they will. */
  backing?: ManagedBacking
}

/** Dev services started ahead of a smoke run, under the project name the run takes on. */
interface DevServicesAhead {
  project: string
  services: StartedDevServices
}

/** The prefix of every container, network and folder of one smoke run. */
function smokeProject(): string {
  return `bdd-smoke-${randomBytes(4).toString('hex')}`
}

const DEFAULTS = {
  healthTimeoutMs: 180_000,
  settleMs: 5_000,
  settledFailureMs: 15_000,
  devReadyTimeoutMs: 90_000
}
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

export interface SmokeTestStep {
  /** True while the smoke test is to run (Docker answered, and it was not skipped since). */
  readonly runs: boolean
  /**
   * For publishImages: starts the smoke test once every image is built (none when it is skipped). It
   * runs beside what follows, as a phase of `phases`.
   */
  hooks(
    resolution?: Pick<Resolution, 'executionRoleArn' | 'backing'>,
    phases?: PhaseLog
  ): {
    onBuilt?: (built: Record<string, string>) => void
  }
  /** Throws the smoke test's failure as soon as it has failed: the run stops at its next step. */
  stopIfFailed(): void
  /** Until the smoke test has passed (at once when it does not run); throws its failure. */
  passed(): Promise<void>
  /** Until the smoke test has ended, whatever its result: a run that failed elsewhere waits for its cleanup. */
  ended(): Promise<void>
  /** Skips a smoke test that would have run, saying why (a no-op re-run). */
  skip(reason: string): void
  /** Before any build: the dev images the smoke run starts are on the runner, pulled when missing. */
  pullDevImages(): Promise<void>
  /**
   * As the builds start: the first target's twins start, to be ready when its images are (a
   * database takes seconds). The smoke run takes them; ended() removes them when it never ran.
   */
  startDevServices(backing: ManagedBacking): void
  /** The result once it ended; the skip reason when it does not run; undefined before. */
  report(): SmokeTestReport | undefined
}

/**
 * Decides before any AWS call whether the smoke test runs (`smoke-test: true` on a runner
 * without Docker fails here), and returns the hook that runs it.
 */
export async function smokeTestStep(
  prepared: Prepared,
  options: SmokeStageOptions = {}
): Promise<SmokeTestStep> {
  const setting = prepared.config.smokeTest
  const docker = new DockerCli(options.docker)
  const dockerAnswers =
    setting !== 'false' && (await docker.call(['info']).catch(() => undefined))?.exitCode === 0
  const decision = smokeDecision(setting, dockerAnswers)
  let report: SmokeTestReport | undefined
  let runs = decision.run
  let running: Promise<void> | undefined
  let failure: unknown
  let ahead: Promise<DevServicesAhead> | undefined
  let aheadTaken = false
  let removeAheadHandlers: (() => void)[] = []
  const stopAhead = async (): Promise<void> => {
    const started = await ahead?.catch(() => undefined)
    if (!started) return
    await started.services.ready.catch(() => undefined)
    await started.services.dev.stop()
  }
  /** The services started ahead, for the first target's run: from then on its cleanup removes them. */
  const takeAhead = async (): Promise<DevServicesAhead | undefined> => {
    if (!ahead || aheadTaken) return undefined
    aheadTaken = true
    for (const remove of removeAheadHandlers.splice(0)) remove()
    return ahead
  }
  const skip = (reason: string): void => {
    actionsLogger.info(`Smoke test skipped: ${reason}`)
    report = { result: 'skipped', seconds: 0, detail: reason }
    runs = false
  }
  if (!decision.run) skip(decision.reason)
  return {
    get runs() {
      return runs
    },
    hooks: (resolution, phases = new PhaseLog()) => {
      if (!runs) return {}
      return {
        onBuilt: images => {
          running = phases.run(
            'smoke test',
            async log => {
              // Each target's bundle runs on its own, as its environment will run it.
              const reports: SmokeTestReport[] = []
              try {
                for (const [index, target] of prepared.targets.entries()) {
                  const started = index === 0 ? await takeAhead() : undefined
                  reports.push(
                    await smokeTestStage(
                      prepared,
                      target.plan,
                      images,
                      { ...options, ...resolution, ...(started && { devServicesAhead: started }) },
                      log
                    )
                  )
                }
              } catch (error) {
                if (error instanceof SmokeTestFailedError) report = error.report
                throw error
              }
              report = combinedReport(prepared, reports)
            },
            { collect: true, done: () => `passed: ${report?.detail ?? ''}` }
          )
          // Kept for stopIfFailed and passed(): the run looks at it between its steps.
          running.catch((error: unknown) => {
            failure = error
          })
        }
      }
    },
    stopIfFailed: () => {
      if (failure !== undefined) throw failure
    },
    passed: async () => {
      if (runs && !running) throw new Error('The smoke test was to run but never started')
      await running
    },
    ended: async () => {
      await running?.catch(() => undefined)
      if (ahead && !aheadTaken) {
        aheadTaken = true
        await stopAhead()
        for (const remove of removeAheadHandlers.splice(0)) remove()
      }
    },
    skip,
    pullDevImages: async () => {
      if (runs) await pullDevImages(prepared, docker)
    },
    startDevServices: backing => {
      const first = prepared.targets[0]
      if (!runs || ahead || !first) return
      const project = smokeProject()
      // The runner loads when a smoke test runs, not with the mode.
      ahead = import('../smoke/run-smoke.js').then(smoke => ({
        project,
        services: smoke.startDevServices(
          { plan: first.plan, compose: prepared.compose, backing },
          {
            project,
            devReadyTimeoutMs: options.devReadyTimeoutMs ?? DEFAULTS.devReadyTimeoutMs,
            ...(options.docker !== undefined && { docker: options.docker })
          }
        )
      }))
      ahead.catch(() => undefined)
      removeAheadHandlers = cleanUpOnSignals(stopAhead)
    },
    report: () => report
  }
}

/** The distinct images of the twins every target's smoke run starts (the compose file's db, redis…). */
export function devImagesOf(prepared: Prepared): { image: string; services: string[] }[] {
  const images = new Map<string, Set<string>>()
  for (const target of prepared.targets) {
    for (const replacement of target.plan.backing) {
      const image = twinImage(replacement, prepared.compose)
      images.set(image, (images.get(image) ?? new Set()).add(replacement.composeService))
    }
  }
  return [...images].map(([image, services]) => ({ image, services: [...services] }))
}

async function pullDevImages(prepared: Prepared, docker: DockerCli): Promise<void> {
  for (const { image, services } of devImagesOf(prepared)) {
    // `--` ends the options: an image reference is never read as one.
    if ((await docker.call(['image', 'inspect', '--format', '{{.Id}}', '--', image])).exitCode === 0) {
      actionsLogger.info(`Smoke test: dev image ${image} (${services.join(', ')}) is on this runner`)
      continue
    }
    actionsLogger.info(`Smoke test: pulling dev image ${image} (${services.join(', ')})…`)
    try {
      await docker.run(['pull', '--quiet', '--', image])
    } catch (error) {
      throw new Error(
        `Smoke test: the dev image ${image} of ${services.join(', ')} is not on this runner and could not be pulled (${errorMessage(error).split('\n')[0]}); make it available to the runner, or set smoke-test: false`
      )
    }
  }
}

/** One report for the run: each target's detail, named by its environments when there are several. */
function combinedReport(prepared: Prepared, reports: SmokeTestReport[]): SmokeTestReport {
  if (reports.length === 1) return reports[0] as SmokeTestReport
  return {
    result: 'passed',
    seconds: reports.reduce((sum, report) => sum + report.seconds, 0),
    detail: reports
      .map((report, index) => `${prepared.targets[index]?.environments.join(', ')}: ${report.detail}`)
      .join('; ')
  }
}

/** Runs one target's bundle; throws SmokeTestFailedError when the app is unhealthy. */
export async function smokeTestStage(
  prepared: Prepared,
  plan: DeployPlan,
  images: Record<string, string>,
  options: SmokeStageOptions & { devServicesAhead?: DevServicesAhead } = {},
  log: Logger = actionsLogger
): Promise<SmokeTestReport> {
  const { config, compose, workspace } = prepared
  const started = Date.now()
  const seconds = (): number => (Date.now() - started) / 1000
  const ahead = options.devServicesAhead
  const project = ahead?.project ?? smokeProject()
  log.info(
    `Smoke test: running the bundle on this runner as ${project}${ahead ? ' (its dev services started with the builds)' : ''}, expecting GET ${config.smokeTestPath} to answer 2xx/3xx`
  )
  const removeHandlers: (() => void)[] = []
  let outcome: SmokeOutcome
  try {
    // The runner loads when a smoke test runs, not with the mode.
    const { runSmoke } = await import('../smoke/run-smoke.js')
    outcome = await runSmoke(
      {
        plan,
        compose,
        workspace,
        databasePasswordEnv: config.databasePasswordEnv,
        images,
        healthPath: config.smokeTestPath,
        backing: options.backing ?? {},
        resolution: {
          logDriver: config.logDriver,
          ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
          ...(options.region !== undefined && { region: options.region }),
          ...(options.executionRoleArn !== undefined && { executionRoleArn: options.executionRoleArn })
        }
      },
      {
        ...DEFAULTS,
        ...options,
        project,
        onCleanup: cleanup => removeHandlers.push(...cleanUpOnSignals(cleanup)),
        ...(ahead && { devServices: ahead.services })
      }
    )
  } catch (error) {
    // The app could not even be started (a missing image, a bad mount): that is a failed smoke test too.
    outcome = {
      healthy: false,
      causes: [error instanceof Error ? error.message : String(error)],
      logs: [],
      warnings: [],
      reached: []
    }
  } finally {
    for (const remove of removeHandlers) remove()
  }

  for (const warning of outcome.warnings) log.warning(`Smoke test: ${warning}`)
  if (outcome.healthy) {
    const report: SmokeTestReport = {
      result: 'passed',
      seconds: seconds(),
      detail: passedDetail(outcome, config.smokeTestPath)
    }
    log.info(`Smoke test passed in ${report.seconds.toFixed(1)} s: ${report.detail}`)
    return report
  }
  for (const container of outcome.logs) {
    log.info(`Smoke test: last log lines of ${container.container}:`)
    for (const line of container.text.trimEnd().split('\n')) log.info(`  [${container.container}] ${line}`)
  }
  if (outcome.httpStatus !== undefined) log.info(`Smoke test: last HTTP status ${outcome.httpStatus}`)
  const message = failureMessage(outcome)
  throw new SmokeTestFailedError(message, { result: 'failed', seconds: seconds(), detail: message })
}

/** Until removed, SIGINT / SIGTERM remove the run's containers, then end the process as the signal would. */
function cleanUpOnSignals(cleanup: () => Promise<void>): (() => void)[] {
  return (['SIGINT', 'SIGTERM'] as const).map(signal => {
    const handler = (): void => {
      actionsLogger.info(`Smoke test: ${signal} received, removing its containers`)
      void cleanup().finally(() => process.exit(SIGNAL_EXIT_CODES[signal] ?? 1))
    }
    process.once(signal, handler)
    return () => {
      process.removeListener(signal, handler)
    }
  })
}
