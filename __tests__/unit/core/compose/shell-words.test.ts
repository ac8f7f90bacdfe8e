// A `command:` or `entrypoint:` string split as compose splits it (go-shellwords: POSIX quoting, no expansion, the
// words ending at an unquoted shell operator). The operator cases are checked against `docker compose config` by the
// integration test's variant shell-operators-in-commands.

import { describe, expect, it } from '@jest/globals'
import { shellWords } from '../../../../src/core/compose/shell-words.js'

describe('shellWords', () => {
  it.each([
    ['bin/web --port 3000', ['bin/web', '--port', '3000']],
    ['  spaced   out  ', ['spaced', 'out']],
    [`sh -c 'a && b'`, ['sh', '-c', 'a && b']],
    ['echo "a \\"quoted\\" \\$HOME \\n"', ['echo', 'a "quoted" $HOME \\n']],
    ["echo 'single \\ kept'", ['echo', 'single \\ kept']],
    ['echo \\a \\ ', ['echo', 'a', ' ']],
    ['\\x', ['x']],
    ['""', ['']],
    ['trailing\\', ['trailing']]
  ])('%s', (text, words) => {
    expect(shellWords(text, 'service "web" command')).toEqual(words)
  })

  it.each([
    [
      'kong migrations up && kong migrations finish',
      ['kong', 'migrations', 'up'],
      '&& kong migrations finish'
    ],
    ['cat x | grep y', ['cat', 'x'], '| grep y'],
    ['run > /log', ['run'], '> /log'],
    ['a; b', ['a'], '; b'],
    ['a <in', ['a'], '<in']
  ])('%s: the words end at the operator, the rest is reported', (text, words, rest) => {
    const stopped: string[] = []
    expect(shellWords(text, 'service "web" command', tail => stopped.push(tail))).toEqual(words)
    expect(stopped).toEqual([rest])
  })

  it('says nothing left out when no operator is unquoted', () => {
    const stopped: string[] = []
    shellWords(`sh -c "a | b; c"`, 'w', tail => stopped.push(tail))
    expect(stopped).toEqual([])
  })

  it.each(['(cd app)', 'echo )'])('refuses an unquoted parenthesis: %s', text => {
    const char = text.includes('(') ? '(' : ')'
    expect(() => shellWords(text, 'service "web" command')).toThrow(
      `service "web" command: "${text}" is not a command line compose accepts (unquoted "${char}")`
    )
  })

  it.each([
    [`echo 'open`, "'"],
    ['echo "open', '"']
  ])('refuses an unterminated quote: %s', (text, quote) => {
    expect(() => shellWords(text, 'w')).toThrow(`w: unterminated ${quote} quote in "${text}"`)
  })
})
