// The dotenv escapes and forms `docker compose config` 2.26 (compose-go) gave for one `.env`, run through the
// action's parser: each value below is the oracle's (its `$$` printed form of a literal `$` read back as `$`).
// Cases the compose-go tables (compose-go-dotenv.test.ts) leave out: every single-letter escape, octal escapes of
// three digits and their limits, a BOM, `export` with two spaces, and an inline comment that needs a space.
import { describe, expect, it } from '@jest/globals'
import { dotenvValues, parseDotenv } from '../../../../src/core/compose/dotenv.js'
import { ComposeError } from '../../../../src/core/errors.js'

const parse = (text: string): Record<string, string> => dotenvValues(parseDotenv(text))

describe('dotenv, as compose 2.26 reads it', () => {
  it('every escape of a double-quoted value, octal escapes and what is not one', () => {
    const text = [
      '\uFEFFR="a\\rb"',
      'T="a\\tb"',
      'A="a\\ab"',
      'B="a\\bb"',
      'F="a\\fb"',
      'V="a\\vb"',
      'D="a\\$b"',
      'O="\\101"',
      'O2="\\0101"',
      'O3="\\0400"',
      'O4="\\012x"',
      'E="x\\qy"',
      'export  X=1',
      'C=val #comment',
      'C2=val#nocomment',
      "S='a\\tb'"
    ].join('\n')
    expect(parse(text)).toEqual({
      R: 'a\rb',
      T: 'a\tb',
      A: 'a\u0007b',
      B: 'a\bb',
      F: 'a\fb',
      V: 'a\u000bb',
      D: 'a$b',
      O: '\\101',
      O2: 'A',
      O3: '\\400',
      O4: '\\12x',
      E: 'x\\qy',
      X: '1',
      C: 'val',
      C2: 'val#nocomment',
      S: 'a\\tb'
    })
  })

  it('refuses text after a quoted value, and a line with no name, naming the line', () => {
    const refusal = (text: string): string => {
      try {
        parse(text)
      } catch (error) {
        if (error instanceof ComposeError) return error.message
        throw error
      }
      return 'accepted'
    }
    expect(refusal('A="x" y')).toMatch(/unexpected "y" after the quoted value of A/)
    expect(refusal('A="x" # a comment')).toBe('accepted')
    expect(refusal('=x')).toMatch(/line 1.*a line with no variable name/)
  })
})
