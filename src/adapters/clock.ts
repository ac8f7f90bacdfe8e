// Time, injected: the loops read `now` and wait with `sleep`, so tests drive
// them with a fake clock and never wait for real.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}

/** Poll intervals, ms: an optional quick start, then `first` growing up to `max`. */
export interface PollIntervals {
  first: number
  max: number
  /**
   * The polls right after an action whose result often shows within seconds
   * (UpdateEnvironment, CreateApplicationVersion): `polls` of them, `ms` apart,
   * before the growing intervals start.
   */
  quick?: { ms: number; polls: number }
}

/**
 * Poll intervals: the quick start when there is one, then intervals growing
 * by `factor` up to `max` (from the quick interval, else from `first`).
 * `reset()` after a change goes back to `first` (a quick start still running
 * goes on: it is faster); `slowDown()` after a throttled poll ends the quick
 * start and doubles the interval.
 */
export class Backoff {
  private current: number
  private quickLeft: number
  private readonly quickMs: number

  constructor(
    private readonly first = 2_000,
    private readonly max = 15_000,
    private readonly factor = 1.5,
    quick?: { ms: number; polls: number }
  ) {
    this.quickLeft = quick?.polls ?? 0
    this.quickMs = quick?.ms ?? first
    // After a quick start the intervals grow on from it instead of jumping to
    // `first`: how late a result is seen stays proportional to how long it took.
    this.current = quick ? Math.min(first, Math.round(quick.ms * factor)) : first
  }

  /** A Backoff from injectable intervals (`pollMs` options), with the caller's defaults. */
  static of(intervals: PollIntervals, factor?: number): Backoff {
    return new Backoff(intervals.first, intervals.max, factor, intervals.quick)
  }

  next(): number {
    if (this.quickLeft > 0) {
      this.quickLeft--
      return this.quickMs
    }
    const value = this.current
    this.current = Math.min(this.max, Math.round(this.current * this.factor))
    return value
  }

  reset(): void {
    this.current = this.first
  }

  slowDown(): void {
    this.quickLeft = 0
    this.current = Math.min(this.max, Math.max(this.first, this.current) * 2)
  }
}
