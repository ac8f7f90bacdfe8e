// The log's shape, as docker/build-push-action and AWS's own Beanstalk
// action give it: each phase of a run (plan, smoke test, each image's build
// and push, bundle, version, deploy and wait, cleanup) prints its detail in a
// collapsed `::group::`, then one line outside the group saying how it went
// and how long it took. Groups cannot nest on GitHub: work that prints groups
// of its own runs in an ungrouped phase. The phases' seconds go to the job
// summary, and the first phase that failed names what the failure summary
// says went wrong.

import * as core from '@actions/core'

import { errorMessage } from '../core/errors.js'
import { actionsLogger, type Logger } from '../logger.js'

export interface PhaseOptions<T> {
  /** The group's title; defaults to the phase name with a capital. */
  title?: string
  /** The line printed outside the group when the phase succeeded. */
  done?: (value: T) => string
  /** False: the phase prints groups of its own (each image, the smoke test): it gets none. */
  group?: boolean
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

  constructor(private readonly log: Logger = actionsLogger) {}

  /** The first phase that failed, and why; undefined while none has. */
  get failed(): PhaseFailure | undefined {
    return this.failure
  }

  async run<T>(phase: string, work: () => Promise<T>, options: PhaseOptions<T> = {}): Promise<T> {
    const grouped = options.group ?? true
    const started = Date.now()
    if (grouped) core.startGroup(options.title ?? capital(phase))
    let value: T
    try {
      value = await work()
    } catch (error) {
      if (grouped) core.endGroup()
      const elapsed = Date.now() - started
      this.entries.push([phase, elapsed / 1000])
      this.failure ??= { phase, message: errorMessage(error) }
      this.log.info(`✗ ${capital(phase)} failed after ${seconds(elapsed)}`)
      throw error
    }
    if (grouped) core.endGroup()
    const elapsed = Date.now() - started
    this.entries.push([phase, elapsed / 1000])
    const line = options.done?.(value)
    this.log.info(`✓ ${capital(phase)}${line ? `: ${line}` : ''} (${seconds(elapsed)})`)
    return value
  }

  /** A phase that ran inside another (the smoke test between build and push): its own row, taken from the other's. */
  carveOut(phase: string, secondsSpent: number, from: string): void {
    const host = this.entries.find(([name]) => name === from)
    if (host) host[1] = Math.max(0, host[1] - secondsSpent)
    this.entries.push([phase, secondsSpent])
  }
}
