// Compose byte values (mem_limit, shm_size, tmpfs size): each expectation what `docker compose config` (2.26) printed
// for the same value on 2026-12-07.

import { describe, expect, it } from '@jest/globals'
import { parseByteValue, toMiB } from '../../../../src/core/compose/memory.js'

describe('parseByteValue', () => {
  it.each([
    [1024, 1024],
    ['1024', 1024],
    ['1.25g', 1342177280],
    ['512mb', 536870912],
    ['1GB', 1073741824],
    ['1 g', 1073741824],
    ['12kb', 12288],
    ['0.5k', 512],
    ['1.5', 1],
    ['1tb', 1099511627776]
  ])('%j is %d bytes', (value, bytes) => {
    expect(parseByteValue(value, 'service "web" mem_limit')).toBe(bytes)
  })

  // compose refuses "1e3"; it takes -1 (no limit) and petabytes, which the action refuses rather than guess.
  it.each(['1e3', 'lots', '', -1, Number.POSITIVE_INFINITY, Number.NaN, true, null])('refuses %j', value => {
    expect(() => parseByteValue(value, 'service "web" mem_limit')).toThrow(
      `service "web" mem_limit: "${String(value)}" is not a memory size (use a number of bytes or e.g. 512m, 1g)`
    )
  })
})

describe('toMiB', () => {
  it('rounds up, so that a limit is never tightened', () => {
    expect(toMiB(512 * 1024 * 1024)).toBe(512)
    expect(toMiB(512 * 1024 * 1024 + 1)).toBe(513)
    expect(toMiB(1)).toBe(1)
  })
})
