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

/** First and longest poll interval, ms. */
export interface PollIntervals {
  first: number
  max: number
}

/** Poll intervals: `first` ms, growing by `factor` up to `max`; `reset()` after a change goes back to fast polling. */
export class Backoff {
  private current: number

  constructor(
    private readonly first = 2_000,
    private readonly max = 15_000,
    private readonly factor = 1.5
  ) {
    this.current = first
  }

  next(): number {
    const value = this.current
    this.current = Math.min(this.max, Math.round(this.current * this.factor))
    return value
  }

  reset(): void {
    this.current = this.first
  }
}
