// Sizes as the log and the job summary print them: bytes below a KiB, then KiB, then MiB, one decimal.

import { describe, expect, it } from '@jest/globals'

import { formatBytes } from '../../../src/core/bytes.js'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1024 ** 2 - 1, '1024.0 KiB'],
    [1024 ** 2, '1.0 MiB'],
    [12.25 * 1024 ** 2, '12.3 MiB'],
    [3 * 1024 ** 3, '3072.0 MiB']
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})
