// How a Dockerfile's text reads as BuildKit reads it (src/core/compose/dockerfile-words.ts): parser directives,
// continuations, heredocs, and the word processing of arguments (mutation triage, issue 27 §6: 75.7 % first run).

import { describe, expect, it } from '@jest/globals'
import {
  expandWord,
  nameValues,
  quotedWords,
  readDockerfile
} from '../../../../src/core/compose/dockerfile-words.js'

describe('readDockerfile', () => {
  it('the escape directive (a backtick), continuations kept as BuildKit joins them, a <<- heredoc skipped', () => {
    expect(
      readDockerfile(
        '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\nRUN echo a `\n  b\nCOPY <<-EOT /x\n\tline\n\tEOT\nCOPY a b\n'
      )
    ).toEqual({
      escape: '`',
      instructions: [
        { keyword: 'FROM', rest: 'alpine' },
        { keyword: 'RUN', rest: 'echo a   b' },
        { keyword: 'COPY', rest: '<<-EOT /x' },
        { keyword: 'COPY', rest: 'a b' }
      ]
    })
  })

  it('directives in any case; blank and comment lines inside a continuation left out; a last line ending in the escape', () => {
    expect(
      readDockerfile(
        '# Escape=\\\n\n  from alpine  \nRUN a \\\n\n  # comment\n  b\nCOPY <<EOF /y\nEOF\n   \nENV A=1 \\\n'
      )
    ).toEqual({
      escape: '\\',
      instructions: [
        { keyword: 'FROM', rest: 'alpine' },
        { keyword: 'RUN', rest: 'a   b' },
        { keyword: 'COPY', rest: '<<EOF /y' },
        { keyword: 'ENV', rest: 'A=1' }
      ]
    })
  })

  it('a directive after the first instruction is a comment', () => {
    expect(readDockerfile('FROM a\n# escape=`\nRUN x `\n')).toEqual({
      escape: '\\',
      instructions: [
        { keyword: 'FROM', rest: 'a' },
        { keyword: 'RUN', rest: 'x `' }
      ]
    })
  })
})

describe('expandWord', () => {
  const values = new Map<string, string | undefined>([
    ['A', 'va'],
    ['E', ''],
    ['U', undefined]
  ])
  const closed = { values, closed: true }
  const open = { values, closed: false }

  it.each<[string, string | undefined, string | undefined]>([
    ['$A', 'va', 'va'],
    ['${A}', 'va', 'va'],
    ['"$A b"', 'va b', 'va b'],
    ["'$A'", '$A', '$A'],
    ['\\$A', '$A', '$A'],
    ['$', '$', '$'],
    ['${A:-d}', 'va', 'va'],
    ['${E:-d}', 'd', 'd'],
    ['${U:-d}', 'd', 'd'],
    ['${A:+x}', 'x', 'x'],
    ['${E:+x}', '', ''],
    ['x$A-y', 'xva-y', 'xva-y'],
    ['a\\"b', 'a"b', 'a"b'],
    ['"a\\$A"', 'a$A', 'a$A'],
    ['"a\\zb"', 'a\\zb', 'a\\zb'],
    // A name the Dockerfile never defines: empty when every value is known, unknown while build args may add it.
    ['$Q', '', undefined],
    ['$1', '', undefined],
    // What the parser cannot read: unknown, never guessed.
    ['${A?}', undefined, undefined],
    ['${}', undefined, undefined],
    ['"unclosed', undefined, undefined],
    ['${A', undefined, undefined]
  ])('%s → %p (closed scope), %p (open)', (word, inClosed, inOpen) => {
    expect(expandWord(word, closed, '\\')).toBe(inClosed)
    expect(expandWord(word, open, '\\')).toBe(inOpen)
  })
})

describe('words of an instruction', () => {
  it('quotedWords: blank-separated, quotes and escaped blanks kept inside a word', () => {
    expect(quotedWords('a "b c" \'d e\' f\\ g  ', '\\')).toEqual(['a', '"b c"', "'d e'", 'f\\ g'])
    expect(quotedWords('', '\\')).toEqual([])
  })

  it('nameValues: NAME=value words (a bare name has no value), or the legacy "NAME value" form', () => {
    expect(nameValues('A=1 B="two words" C', '\\')).toEqual([
      ['A', '1'],
      ['B', '"two words"'],
      ['C', undefined]
    ])
    expect(nameValues('A b c', '\\')).toEqual([['A', 'b c']])
  })
})
