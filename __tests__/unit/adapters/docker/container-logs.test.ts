// docker logs' two streams merged back into the order the engine received their lines.

import { describe, expect, it } from '@jest/globals'

import {
  containerLogsArgs,
  lineTime,
  mergeLogStreams
} from '../../../../src/adapters/docker/container-logs.js'

describe('container logs', () => {
  it('asks for stamped lines, the last few or all', () => {
    expect(containerLogsArgs('abc', 100)).toEqual(['logs', '--timestamps', '--tail', '100', 'abc'])
    expect(containerLogsArgs('abc')).toEqual(['logs', '--timestamps', 'abc'])
  })

  it('puts a stack trace on stderr back after the stdout lines before it, and before those after it', () => {
    const stdout = [
      '2026-12-07T05:00:00.100000000Z Server listening on 3000',
      '2026-12-07T05:00:01.000000000Z GET /todos',
      '2026-12-07T05:00:02.000000000Z shutting down'
    ].join('\n')
    const stderr = [
      '2026-12-07T05:00:01.500000000Z error: relation "todos" does not exist',
      '2026-12-07T05:00:01.500000001Z     at Parser.parseErrorMessage (parser.js:287:98)',
      '2026-12-07T05:00:03.000000000Z Node.js v20.11.1'
    ].join('\n')
    expect(mergeLogStreams(`${stdout}\n`, `${stderr}\n`)).toBe(
      [
        'Server listening on 3000',
        'GET /todos',
        'error: relation "todos" does not exist',
        '    at Parser.parseErrorMessage (parser.js:287:98)',
        'shutting down',
        'Node.js v20.11.1',
        ''
      ].join('\n')
    )
  })

  it('keeps blank lines and a line without its stamp in place, stdout first on a tie', () => {
    expect(
      mergeLogStreams(
        '2026-12-07T05:00:00.000000000Z out\n2026-12-07T05:00:00.000000000Z \nno stamp\n',
        '2026-12-07T05:00:00.000000000Z err\n'
      )
    ).toBe('out\n\nno stamp\nerr\n')
    expect(mergeLogStreams('', '')).toBe('')
  })

  it('keeps the stamps when asked, for a reader that needs the time of a line', () => {
    const merged = mergeLogStreams(
      '2026-12-07T05:00:02.500000000Z second\n',
      '2026-12-07T05:00:01.250000000Z first\n',
      true
    )
    expect(merged).toBe('2026-12-07T05:00:01.250000000Z first\n2026-12-07T05:00:02.500000000Z second\n')
    expect(merged.split('\n').slice(0, 2).map(lineTime)).toEqual([
      Date.parse('2026-12-07T05:00:01.250Z'),
      Date.parse('2026-12-07T05:00:02.500Z')
    ])
    expect(lineTime('no stamp here')).toBeUndefined()
  })
})
