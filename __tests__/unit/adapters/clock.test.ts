import { describe, expect, test } from '@jest/globals'

import { Backoff } from '../../../src/adapters/clock.js'
import { DEPLOY_POLL_MS } from '../../../src/deploy/wait.js'

/** Polls a schedule makes in `seconds`, a change (reset) at each of `changesAt` seconds. */
function pollsWithin(backoff: Backoff, seconds: number, changesAt: number[] = []): number {
  let time = 0
  let polls = 0
  const changes = [...changesAt]
  for (;;) {
    time += backoff.next() / 1000
    if (time > seconds) return polls
    polls++
    if (changes.length > 0 && time >= (changes[0] as number)) {
      changes.shift()
      backoff.reset()
    }
  }
}

describe('Backoff', () => {
  test('grows by the factor up to the longest interval; reset goes back to the first', () => {
    const backoff = new Backoff(2_000, 15_000)
    expect(Array.from({ length: 7 }, () => backoff.next())).toEqual([
      2_000, 3_000, 4_500, 6_750, 10_125, 15_000, 15_000
    ])
    backoff.reset()
    expect(backoff.next()).toBe(2_000)
  })

  test('a quick start comes first; a reset during it keeps it', () => {
    const backoff = Backoff.of({ quick: { ms: 1_000, polls: 3 }, first: 2_000, max: 15_000 })
    expect(backoff.next()).toBe(1_000)
    backoff.reset()
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      1_000, 1_000, 2_000, 3_000
    ])
  })

  test('slowDown ends the quick start and doubles the interval, up to the longest', () => {
    const backoff = Backoff.of({ quick: { ms: 1_000, polls: 4 }, first: 2_000, max: 15_000 })
    backoff.next()
    backoff.slowDown()
    expect(backoff.next()).toBe(4_000)
    backoff.slowDown()
    backoff.slowDown()
    expect(backoff.next()).toBe(15_000)
  })

  test('the deploy wait sees a result late by a share of the time it took, for a few polls more per wait', () => {
    // The schedule the deploy wait had before issue 19: a look at once, then 2 s growing by half to 15 s.
    const before = (seconds: number, changes: number[] = []) =>
      1 + pollsWithin(new Backoff(2_000, 15_000), seconds, changes)
    const after = (seconds: number, changes: number[] = []) =>
      pollsWithin(Backoff.of(DEPLOY_POLL_MS), seconds, changes)
    for (const seconds of [60, 180, 600]) {
      // Each poll is at most two calls: at most 14 calls more in a whole wait.
      expect(after(seconds) - before(seconds)).toBeLessThanOrEqual(7)
      // Beanstalk's events of a deploy (starting, deploying, deployed, completed) each reset the
      // interval (to 1 s): about two polls more per event.
      const events = [1, 20, 60, 90]
      expect(after(seconds, events) - before(seconds, events)).toBeLessThanOrEqual(2 + 2 * events.length)
    }
    // When a result that took t seconds is seen: within 0.5 s up to 3 s, then within about a third of t;
    // after an event (progress) within 1 s, growing again from there.
    const seenAt = (seconds: number) => {
      const backoff = Backoff.of(DEPLOY_POLL_MS)
      let time = 0
      while (time < seconds) time += backoff.next() / 1000
      return time
    }
    expect(seenAt(2.9)).toBe(3)
    for (const seconds of [3.1, 4, 6, 10, 30])
      expect(seenAt(seconds) - seconds).toBeLessThanOrEqual(seconds / 3)
  })
})
