// Smoke-test stage: once the images are built, the rendered Dockerrun runs
// on the runner against twins of the managed database and cache (the RDS /
// ElastiCache host names, the RDS master user, a fresh password), beside the
// push, the bundle upload and CreateApplicationVersion; UpdateEnvironment
// waits for it, and an unhealthy app fails the step before anything is
// deployed (the mode deletes any version the run created). Its lines are
// printed as one group when it ends. Cancelling the job (SIGINT / SIGTERM)
// still removes what the run created: the entry point asks the run's
// cancellation to stop the smoke test (SmokeTest.stop), then exits.
//
// Decided in three steps: whether Docker answers (before any AWS call, so
// `smoke-test: true` without Docker changes nothing); whether the run is a
// no-op re-run (every environment already Ready and Green on the version:
// skipped, saying so); and, before any build, whether the dev images it
// needs (postgres:16, redis:7) are on the runner — pulled when they are not,
// so a missing one fails the run before minutes of building.

import { RunCancellation } from '../adapters/actions-runner/cancellation.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { DockerCli } from '../adapters/docker/command-runner.js'
import type { Resolution } from '../core/dockerrun.js'
import { smokeDecision, type SmokeDecision, type SmokeTestReport } from '../smoke/verdict.js'
import { devImagesOf, pullDevImages } from '../smoke/dev-images.js'
import type { ManagedBacking } from '../smoke/dev-services.js'
import type { Prepared } from '../planning/prepare.js'
import { PhaseLog } from '../report/phases.js'
import {
  DEFAULTS,
  smokeProject,
  smokeTestStage,
  SmokeTestFailedError,
  type DevServicesAhead,
  type SmokeStageOptions
} from '../smoke/target-run.js'

export { SmokeTestFailedError, type SmokeStageOptions }

/**
 * Where a smoke test is. Each transition is one method of SmokeTest:
 *
 *   idle ──startDevServices──▶ starting ──onBuilt──▶ running ──(run settles, containers removed)──▶ stopped
 *     │ └──────────────────────onBuilt───────────────▲   │
 *     └─skip──▶ skipped        starting, running ──stop (cancelled)──▶ stopping ──▶ stopped
 *
 * `skipped` is a smoke test that does not run (the decision, or a no-op re-run); `stopped` one that ran,
 * or whose dev services were removed without a run (ended() before onBuilt, or a cancel). A running smoke
 * test has its verdict (`outcome`) as soon as the app was judged: passed() and report() read it then, while
 * its containers are still being removed (UpdateEnvironment does not wait for `docker rm`; ended() does).
 */
export type SmokeState =
  | { name: 'idle' }
  | { name: 'skipped'; report: SmokeTestReport }
  | { name: 'starting'; ahead: Promise<DevServicesAhead>; untrack: () => void }
  | {
      name: 'running'
      /** The run's phase; its end moves the state to stopped (`settled`). */
      run: Promise<SmokeTestReport>
      settled: Promise<void>
      /** Dev services started ahead, until the first target's run hands over its cleanup (which removes them). */
      ahead: Promise<DevServicesAhead> | undefined
      /** Removes what the target being run has created (its project), until its run returns. */
      cleanup: { project: string; remove: () => Promise<void> } | undefined
      /** Each target's removal of what its run created, started once its run has its outcome. */
      removals: Promise<void>[]
      /** The verdict, once the run's phase has ended (its containers may still be being removed). */
      outcome?: SmokeOutcomeOf
      untrack: () => void
    }
  | { name: 'stopping'; stopped: Promise<void> }
  | { name: 'stopped'; report?: SmokeTestReport; failure?: unknown }

type Running = Extract<SmokeState, { name: 'running' }>

/** A smoke test's verdict: its report, and the failure that stops the run when it failed. */
interface SmokeOutcomeOf {
  report?: SmokeTestReport
  failure?: unknown
}

/** The smoke test of one run: the one owner of its state (see SmokeState). */
export class SmokeTest {
  #state: SmokeState

  constructor(
    private readonly prepared: Prepared,
    decision: SmokeDecision,
    private readonly docker: DockerCli,
    private readonly options: SmokeStageOptions,
    private readonly cancellation: RunCancellation
  ) {
    this.#state = { name: 'idle' }
    if (!decision.run) this.skip(decision.reason)
  }

  get state(): SmokeState['name'] {
    return this.#state.name
  }

  /** True while the smoke test is to run (Docker answered, and it was not skipped since). */
  get runs(): boolean {
    const { name } = this.#state
    return name === 'idle' || name === 'starting' || name === 'running'
  }

  /** idle → skipped: a smoke test that would have run does not, saying why (a no-op re-run). */
  skip(reason: string): void {
    if (this.#state.name !== 'idle') throw new Error(`A ${this.#state.name} smoke test cannot be skipped`)
    actionsLogger.info(`Smoke test skipped: ${reason}`)
    this.#state = { name: 'skipped', report: { result: 'skipped', seconds: 0, detail: reason } }
  }

  /** Before any build: the dev images the smoke run starts are on the runner, pulled when missing. */
  async pullDevImages(): Promise<void> {
    if (this.runs) await pullDevImages(devImagesOf(this.prepared.targets, this.prepared.compose), this.docker)
  }

  /**
   * idle → starting, as the builds start: the first target's twins start under the project its run takes on,
   * to be ready when its images are (a database takes seconds).
   */
  startDevServices(backing: ManagedBacking): void {
    const [first] = this.prepared.targets
    if (this.#state.name !== 'idle') return
    const project = smokeProject()
    const { options } = this
    // The runner loads when a smoke test runs, not with the mode.
    const ahead = import('../smoke/run-smoke.js').then(smoke => ({
      project,
      services: smoke.startDevServices(
        { plan: first.plan, compose: this.prepared.compose, backing },
        {
          project,
          devReadyTimeoutMs: options.devReadyTimeoutMs ?? DEFAULTS.devReadyTimeoutMs,
          ...(options.docker !== undefined && { docker: options.docker })
        }
      )
    }))
    ahead.catch(() => undefined)
    this.#state = { name: 'starting', ahead, untrack: this.cancellation.track(this) }
  }

  /** For publishImages: starts the smoke test, beside what follows, once every image is built. */
  hooks(
    resolution?: Pick<Resolution, 'executionRoleArn' | 'backing'> &
      Pick<SmokeStageOptions, 'healthChecks' | 'properties'>,
    phases = new PhaseLog()
  ): { onBuilt?: (built: Record<string, string>) => void } {
    if (!this.runs) return {}
    return { onBuilt: images => this.start(images, resolution, phases) }
  }

  /** idle | starting → running: every target's bundle runs on its own, as its environment will run it. */
  private start(
    images: Record<string, string>,
    resolution:
      | (Pick<Resolution, 'executionRoleArn' | 'backing'> &
          Pick<SmokeStageOptions, 'healthChecks' | 'properties'>)
      | undefined,
    phases: PhaseLog
  ): void {
    const from = this.#state
    if (from.name !== 'idle' && from.name !== 'starting') return
    const removals: Promise<void>[] = []
    const run = phases.run(
      'smoke test',
      async log => {
        const reports: SmokeTestReport[] = []
        for (const [index, target] of this.prepared.targets.entries()) {
          // The first target's run takes the services started ahead.
          const started = index === 0 && from.name === 'starting' ? from.ahead : undefined
          reports.push(
            await smokeTestStage(
              this.prepared,
              target.plan,
              images,
              {
                ...this.options,
                ...resolution,
                ...(started && { devServicesAhead: await started }),
                onCleanup: cleanup =>
                  this.whileRunning(running => ({ ...running, cleanup, ahead: undefined })),
                // The verdict does not wait for `docker rm`: settle() (hence ended()) does.
                removing: removal => {
                  removal.catch(() => undefined)
                  removals.push(removal)
                }
              },
              log
            )
          )
          this.whileRunning(running => ({ ...running, cleanup: undefined }))
        }
        return combinedReport(this.prepared, reports)
      },
      { collect: true, done: report => `passed: ${report.detail}` }
    )
    // The verdict is kept as soon as the run's phase ends, before its containers are removed.
    const judged = (outcome: SmokeOutcomeOf): SmokeOutcomeOf => {
      this.whileRunning(state => ({ ...state, outcome }))
      return outcome
    }
    const running: Running = {
      name: 'running',
      run,
      settled: run
        .then(
          report => judged({ report }),
          (failure: unknown) =>
            judged({
              failure,
              ...(failure instanceof SmokeTestFailedError && { report: failure.report })
            })
        )
        .then(outcome => this.settle(running, outcome)),
      ahead: from.name === 'starting' ? from.ahead : undefined,
      cleanup: undefined,
      removals,
      untrack: from.name === 'starting' ? from.untrack : this.cancellation.track(this)
    }
    // ended() reports a failure to remove the services; until then it must not go unhandled.
    running.settled.catch(() => undefined)
    this.#state = running
  }

  /** A change within the running state (a cancel may have moved on from it). */
  private whileRunning(change: (running: Running) => Running): void {
    if (this.#state.name === 'running') this.#state = change(this.#state)
  }

  /**
   * running → stopped, once the run's phase ended and what it created is removed; dev services it never took
   * are removed too. A removal that fails is a warning: the verdict stands.
   */
  private async settle(running: Running, result: SmokeOutcomeOf): Promise<void> {
    if (this.#state.name !== 'running') return
    const untaken = this.#state.ahead
    try {
      const removed = await Promise.allSettled([
        ...(untaken ? [stopAhead(untaken)] : []),
        ...running.removals
      ])
      for (const outcome of removed) {
        if (outcome.status === 'rejected')
          actionsLogger.warning(
            `Smoke test: could not remove what it created: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`
          )
      }
    } finally {
      if (this.#state.name === 'running') {
        running.untrack()
        this.#state = { name: 'stopped', ...result }
      }
    }
  }

  /** Throws the smoke test's failure as soon as it has failed: the run stops at its next step. */
  stopIfFailed(): void {
    const state = this.#state
    const failure =
      state.name === 'stopped' ? state.failure : state.name === 'running' ? state.outcome?.failure : undefined
    if (failure !== undefined) throw failure
  }

  /** Until the smoke test has passed (at once when it does not run); throws its failure. */
  async passed(): Promise<void> {
    const state = this.#state
    if (state.name === 'idle' || state.name === 'starting')
      throw new Error('The smoke test was to run but never started')
    // The verdict, not the removal of the containers: UpdateEnvironment does not wait for `docker rm`.
    if (state.name === 'running') await state.run
    this.stopIfFailed()
  }

  /**
   * Until the smoke test has ended, whatever its result: a run that failed elsewhere waits for its cleanup.
   * starting → stopped (the run stopped before the smoke test: its dev services are removed).
   */
  async ended(): Promise<void> {
    const state = this.#state
    if (state.name === 'running') await state.settled
    else if (state.name === 'stopping') await state.stopped
    else if (state.name === 'starting') {
      await this.removeStarted(state, () => stopAhead(state.ahead))
    }
  }

  /** A cancelled job (RunCancellation): starting | running → stopping → stopped, removing what it started. */
  async stop(): Promise<void> {
    const state = this.#state
    if (state.name === 'stopping') return state.stopped
    if (state.name !== 'starting' && state.name !== 'running') return
    await this.removeStarted(
      state,
      async () => {
        const ahead = state.ahead?.then(
          started => started.project,
          () => undefined
        )
        const projects = [await ahead, state.name === 'running' ? state.cleanup?.project : undefined]
        actionsLogger.info(
          `Smoke test: stopping, removing the containers of ${projects.filter(Boolean).join(', ') || 'nothing yet'}`
        )
        await Promise.all([
          state.ahead && stopAhead(state.ahead),
          state.name === 'running' ? state.cleanup?.remove() : undefined,
          ...(state.name === 'running' ? state.removals : [])
        ])
      },
      state.name === 'running' ? state.outcome : undefined
    )
  }

  /** Cancellable until done: a cancel meanwhile waits for this removal. */
  private async removeStarted(
    from: Extract<SmokeState, { name: 'starting' | 'running' }>,
    remove: () => Promise<void>,
    outcome?: SmokeOutcomeOf
  ): Promise<void> {
    const stopped = remove()
    this.#state = { name: 'stopping', stopped }
    try {
      await stopped
    } finally {
      from.untrack()
      this.#state = { name: 'stopped', ...outcome }
    }
  }

  /** The result once it ended; the skip reason when it does not run; undefined before. */
  report(): SmokeTestReport | undefined {
    const state = this.#state
    if (state.name === 'running') return state.outcome?.report
    return state.name === 'skipped' || state.name === 'stopped' ? state.report : undefined
  }
}

/** Removes dev services started ahead, once they are up (or failed to come up). */
async function stopAhead(ahead: Promise<DevServicesAhead>): Promise<void> {
  const started = await ahead.catch(() => undefined)
  if (!started) return
  await started.services.ready.catch(() => undefined)
  await started.services.dev.stop()
}

/**
 * Decides before any AWS call whether the smoke test runs (`smoke-test: true` on a runner
 * without Docker fails here), and returns the step that runs it. Cancelling `cancellation`
 * removes what it has started.
 */
export async function smokeTestStep(
  prepared: Prepared,
  options: SmokeStageOptions = {},
  cancellation: RunCancellation = new RunCancellation()
): Promise<SmokeTest> {
  const setting = prepared.config.smokeTest
  const docker = new DockerCli(options.docker)
  const dockerAnswers =
    setting !== 'false' && (await docker.call(['info']).catch(() => undefined))?.exitCode === 0
  return new SmokeTest(prepared, smokeDecision(setting, dockerAnswers), docker, options, cancellation)
}

/** One report for the run: each target's detail, named by its environments when there are several. */
function combinedReport(prepared: Prepared, reports: SmokeTestReport[]): SmokeTestReport {
  const [only, ...others] = reports
  if (only && others.length === 0) return only
  return {
    result: 'passed',
    seconds: reports.reduce((sum, report) => sum + report.seconds, 0),
    detail: reports
      .map((report, index) => `${prepared.targets[index]?.environments.join(', ')}: ${report.detail}`)
      .join('; ')
  }
}
