// The log's shape, as docker/build-push-action and AWS's own Beanstalk
// action give it: each phase of a run (plan, smoke test, each image's build
// and push, bundle, version, deploy and wait, cleanup) prints its detail in a
// collapsed `::group::`, then one line outside the group saying how it went
// and how long it took. Groups cannot nest on GitHub: work that prints groups
// of its own runs in an ungrouped phase, and a phase that runs beside others
// (the smoke test, beside the push, the bundle and the version) keeps its
// lines and prints them as one group when it ends. The phases' seconds go to
// the job summary, and the first phase that failed names what the failure
// summary says went wrong.

import * as core from '@actions/core'

import { errorMessage } from '../core/errors.js'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'

export interface PhaseOptions<T> {
  /** The group's title; defaults to the phase name with a capital. */
  title?: string
  /** The line printed outside the group when the phase succeeded. */
  done?: (value: T) => string
  /**
   * True when the phase ended without throwing but did not do its work (an environment whose deploy failed while
   * the others went on): its line then carries the failure mark, never a check mark.
   */
  failed?: (value: T) => boolean
  /** False: the phase prints groups of its own (each image): it gets none. */
  group?: boolean
  /** True: the phase runs beside others; the logger `work` gets keeps its lines for its group at the end. */
  collect?: boolean
}

export interface PhaseFailure {
  phase: string
  message: string
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export class PhaseLog {
  /** Phase name → seconds, in the order the phases ended (the summary's Phases table). */
  readonly entries: [string, number][] = []
  private failure: PhaseFailure | undefined
  /** True while a phase's group streams live: a collected group waits for it to close. */
  private groupOpen = false
  private readonly waiting: (() => void)[] = []

  constructor(private readonly log: Logger = actionsLogger) {}

  /** The first phase that failed, and why; undefined while none has. */
  get failed(): PhaseFailure | undefined {
    return this.failure
  }

  /** Runs `work` as the phase; it prints through the logger it is given. */
  async run<T>(phase: string, work: (log: Logger) => Promise<T>, options: PhaseOptions<T> = {}): Promise<T> {
    if (options.collect) return this.collected(phase, work, options)
    const grouped = options.group ?? true
    const started = Date.now()
    if (grouped) this.openGroup(options.title ?? capital(phase))
    try {
      const value = await work(this.log)
      this.closeGroup(grouped, this.ended(phase, started, options, { value }))
      return value
    } catch (error) {
      this.closeGroup(grouped, this.ended(phase, started, options, { error }))
      throw error
    }
  }

  /** A phase beside others: its info lines kept, then printed as its group once no other group is open. */
  private async collected<T>(
    phase: string,
    work: (log: Logger) => Promise<T>,
    options: PhaseOptions<T>
  ): Promise<T> {
    const lines: string[] = []
    const started = Date.now()
    const print = (result: string): void => {
      const show = (): void => {
        if (lines.length > 0) {
          core.startGroup(options.title ?? capital(phase))
          for (const line of lines) this.log.info(line)
          core.endGroup()
        }
        this.log.info(result)
      }
      if (this.groupOpen) this.waiting.push(show)
      else show()
    }
    try {
      const value = await work({ ...this.log, info: message => lines.push(message) })
      print(this.ended(phase, started, options, { value }))
      return value
    } catch (error) {
      print(this.ended(phase, started, options, { error }))
      throw error
    }
  }

  /** Records the phase's seconds (and its failure); the line printed outside its group. */
  private ended<T>(
    phase: string,
    started: number,
    options: PhaseOptions<T>,
    outcome: { value: T } | { error: unknown }
  ): string {
    const elapsed = Date.now() - started
    this.entries.push([phase, elapsed / 1000])
    if ('error' in outcome) {
      this.failure ??= { phase, message: errorMessage(outcome.error) }
      return `✗ ${capital(phase)} failed after ${seconds(elapsed)}`
    }
    const line = options.done?.(outcome.value)
    const failed = options.failed?.(outcome.value) ?? false
    if (failed) this.failure ??= { phase, message: line ?? `${phase} failed` }
    return `${failed ? '✗' : '✓'} ${capital(phase)}${line ? `: ${line}` : ''} (${seconds(elapsed)})`
  }

  private openGroup(title: string): void {
    core.startGroup(title)
    this.groupOpen = true
  }

  /** Ends the phase's group, prints its line, then what waited for the group to close. */
  private closeGroup(grouped: boolean, line: string): void {
    if (grouped) core.endGroup()
    this.groupOpen = false
    this.log.info(line)
    for (const show of this.waiting.splice(0)) show()
  }
}
