// Smoke-test stage: between the build and the push, the rendered Dockerrun
// runs on the runner against the compose file's own dev db / redis, and an
// unhealthy app fails the step before anything is pushed or deployed.
// Cancelling the job (SIGINT / SIGTERM) still removes what the run created.

import { randomBytes } from 'node:crypto'
import { actionsLogger } from '../logger.js'
import { DockerCli } from '../adapters/docker/command-runner.js'
import { failureMessage, passedDetail, smokeDecision, type SmokeTestReport } from '../smoke/decision.js'
import type { SmokeOutcome, SmokeRunOptions } from '../smoke/run-smoke.js'
import type { DeployPlan } from '../core/plan-types.js'
import type { Prepared } from '../prepare.js'

/** The app was not healthy on the runner; the run stops before any push (the mode writes the summary). */
export class SmokeTestFailedError extends Error {
  constructor(
    message: string,
    readonly report: SmokeTestReport
  ) {
    super(message)
    this.name = 'SmokeTestFailedError'
  }
}

export interface SmokeStageOptions extends Partial<Omit<SmokeRunOptions, 'project' | 'onCleanup'>> {
  region?: string
}

const DEFAULTS = {
  healthTimeoutMs: 180_000,
  settleMs: 5_000,
  settledFailureMs: 15_000,
  devReadyTimeoutMs: 90_000
}
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

export interface SmokeTestStep {
  /** For publishImages: runs the smoke test between the build and the push (none when it is skipped). */
  hooks: { beforePush?: (built: Record<string, string>) => Promise<void> }
  /** The result once the hook ran; the skip reason when it does not run; undefined before. */
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
  const dockerAnswers =
    setting !== 'false' &&
    (await new DockerCli(options.docker).call(['info']).catch(() => undefined))?.exitCode === 0
  const decision = smokeDecision(setting, dockerAnswers)
  if (!decision.run) {
    actionsLogger.info(`Smoke test skipped: ${decision.reason}`)
    const skipped: SmokeTestReport = { result: 'skipped', seconds: 0, detail: decision.reason }
    return { hooks: {}, report: () => skipped }
  }
  let report: SmokeTestReport | undefined
  return {
    hooks: {
      beforePush: async images => {
        // Each target's bundle runs on its own, as its environment will run it.
        const reports: SmokeTestReport[] = []
        for (const target of prepared.targets) {
          reports.push(await smokeTestStage(prepared, target.plan, images, options))
        }
        report = combinedReport(prepared, reports)
      }
    },
    report: () => report
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
  options: SmokeStageOptions = {}
): Promise<SmokeTestReport> {
  const { config, compose, workspace } = prepared
  const started = Date.now()
  const seconds = (): number => (Date.now() - started) / 1000
  const project = `bdd-smoke-${randomBytes(4).toString('hex')}`
  actionsLogger.info(
    `Smoke test: running the bundle on this runner as ${project}, expecting GET ${config.smokeTestPath} to answer 2xx/3xx`
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
        resolution: {
          logDriver: config.logDriver,
          ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
          ...(options.region !== undefined && { region: options.region })
        }
      },
      {
        ...DEFAULTS,
        ...options,
        project,
        onCleanup: cleanup => removeHandlers.push(...cleanUpOnSignals(cleanup))
      }
    )
  } catch (error) {
    // The app could not even be started (a missing image, a bad mount): that is a failed smoke test too.
    outcome = { healthy: false, causes: [error instanceof Error ? error.message : String(error)], logs: [] }
  } finally {
    for (const remove of removeHandlers) remove()
  }

  if (outcome.healthy) {
    const report: SmokeTestReport = {
      result: 'passed',
      seconds: seconds(),
      detail: passedDetail(outcome, config.smokeTestPath)
    }
    actionsLogger.info(`Smoke test passed in ${report.seconds.toFixed(1)} s: ${report.detail}`)
    return report
  }
  for (const log of outcome.logs) {
    actionsLogger.info(`Smoke test: last log lines of ${log.container}:`)
    for (const line of log.text.trimEnd().split('\n')) actionsLogger.info(`  [${log.container}] ${line}`)
  }
  if (outcome.httpStatus !== undefined)
    actionsLogger.info(`Smoke test: last HTTP status ${outcome.httpStatus}`)
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

/** The smoke test ran inside the build-and-push phase: give it a phase of its own in the summary. */
export function recordSmokePhase(phases: [string, number][], report: SmokeTestReport | undefined): void {
  if (!report || report.result === 'skipped') return
  const last = phases.at(-1)
  if (last) last[1] = Math.max(0, last[1] - report.seconds)
  phases.push(['smoke test', report.seconds])
}
