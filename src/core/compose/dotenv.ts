// `.env` and `env_file` files as compose (compose-go's dotenv parser) reads them:
// - `KEY=value`, `export KEY=value`, and the YAML-style `KEY: value`;
// - a bare `KEY` line takes KEY from the lookup (the runner's environment);
// - unquoted values end at the line, lose a ` #` comment and trailing blanks,
//   and are interpolated;
// - 'single quotes' are literal; "double quotes" may span lines, understand
//   compose-go's escapes (\n \t \" \$ …, \a \b \f \v, XSI octal \0NNN: see
//   unescape()), and are interpolated;
// - a comment may follow a closing quote (`SUBPATH="" # comment` is empty);
// - interpolation looks at the lookup first, then at the file's earlier keys
//   (`DB_PORT=${DB_PORT:-5432}` keeps the runner's DB_PORT when it has one).

import { ComposeError } from '../errors.js'
import { interpolate, type Lookup, type Quotable } from './interpolate.js'

export interface DotenvEntry {
  value: string
  /** Variables of the lookup (not of this file) whose value went into this one. */
  fromLookup: string[]
  /** Keys of this file whose value went into this one. */
  fromFile: string[]
}

export type DotenvValues = Map<string, DotenvEntry>

// Letters and digits of any script, and _ . - [ ] (compose-go's locateKeyName).
const KEY = /^[\p{L}\p{N}_.\-[\]]+$/u

/** Parses a dotenv text; `raw` is compose's `format: raw` (no quotes, no interpolation). */
export function parseDotenv(
  text: string,
  lookup: Lookup = () => undefined,
  where = '.env',
  raw = false,
  quotable: Quotable = () => true
): DotenvValues {
  const values: DotenvValues = new Map()
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  let index = 0
  let line = 1
  const fail = (message: string): never => {
    throw new ComposeError(`${where} line ${line}: ${message}`)
  }
  while (index < source.length) {
    // Blank space and comment lines between statements.
    const start = skipBlanksAndComments(source, index)
    line += countNewlines(source, index, start)
    index = start
    if (index >= source.length) break

    const lineEnd = endOfLine(source, index)
    let cursor = index
    const exported = /^export[ \t]+/.exec(source.slice(cursor, Math.min(lineEnd, cursor + 16)))
    if (exported) cursor += exported[0].length
    const keyEnd = firstOf(source, cursor, lineEnd, '=:')
    const key = source.slice(cursor, keyEnd < 0 ? lineEnd : keyEnd).trim()
    if (key === '') fail('a line with no variable name')
    if (!KEY.test(key)) fail(`"${key.slice(0, 40)}" is not a variable name`)
    if (keyEnd < 0) {
      // `KEY` alone: inherited from the environment compose runs in.
      const inherited = lookup(key)
      if (inherited !== undefined) values.set(key, { value: inherited, fromLookup: [key], fromFile: [] })
      index = lineEnd
      continue
    }
    cursor = skipSpaces(source, keyEnd + 1, lineEnd)
    const resolve = (value: string): DotenvEntry => {
      const fromLookup: string[] = []
      const fromFile: string[] = []
      const result = interpolate(
        value,
        name => {
          const outside = lookup(name)
          if (outside !== undefined) return outside
          return values.get(name)?.value
        },
        `${where} line ${line} ${key}`,
        // An earlier key of this file may be printed when every lookup variable it took may be.
        name =>
          lookup(name) !== undefined ? quotable(name) : (values.get(name)?.fromLookup ?? []).every(quotable)
      )
      for (const name of result.used) {
        if (lookup(name) !== undefined) fromLookup.push(name)
        else {
          fromFile.push(name)
          fromLookup.push(...(values.get(name)?.fromLookup ?? []))
        }
      }
      return { value: result.value, fromLookup: [...new Set(fromLookup)], fromFile }
    }
    const quote = source[cursor]
    if (raw || (quote !== '"' && quote !== "'")) {
      const text = source.slice(cursor, lineEnd)
      const value = raw ? text : (text.split(' #')[0] as string).replace(/\s+$/, '')
      values.set(key, raw ? { value, fromLookup: [], fromFile: [] } : resolve(value))
      index = lineEnd
      continue
    }
    const closed = readQuoted(source, cursor, quote)
    if (!closed) fail(`unterminated ${quote} quote in the value of ${key}`)
    const { text, end } = closed as { text: string; end: number }
    line += countNewlines(source, cursor, end)
    values.set(key, quote === "'" ? { value: text, fromLookup: [], fromFile: [] } : resolve(unescape(text)))
    // After the closing quote only blanks or a comment may follow on that line.
    const after = endOfLine(source, end)
    const rest = source.slice(end, after).trim()
    if (rest !== '' && !rest.startsWith('#'))
      fail(`unexpected "${rest.slice(0, 20)}" after the quoted value of ${key}`)
    index = after
  }
  return values
}

/** Name → value, for callers that need no provenance. */
export function dotenvValues(values: DotenvValues): Record<string, string> {
  return Object.fromEntries([...values].map(([key, entry]) => [key, entry.value]))
}

function readQuoted(source: string, open: number, quote: string): { text: string; end: number } | undefined {
  let text = ''
  for (let position = open + 1; position < source.length; position++) {
    const char = source[position] as string
    if (char === '\\' && position + 1 < source.length) {
      const next = source[position + 1] as string
      // An escaped quote loses its backslash; any other escape keeps it for unescape().
      text += next === quote ? next : `\\${next}`
      position++
    } else if (char === quote) {
      return { text, end: position + 1 }
    } else {
      text += char
    }
  }
  return undefined
}

/**
 * Double-quoted escapes, as compose-go's expandEscapes reads them; `\$`
 * becomes `$$` so interpolation leaves a literal dollar. `\0` and up to three
 * digits is an XSI echo octal escape (`\0123` is "S"); compose drops the 0
 * and keeps the rest as written when it is not three octal digits.
 */
function unescape(text: string): string {
  return text.replace(
    /\\(?:([abfnrtv$"\\])|0(\d{0,3}))/g,
    (_match, char: string | undefined, octal?: string) => {
      if (char === undefined) {
        const digits = octal ?? ''
        return /^[0-7]{3}$/.test(digits) && Number.parseInt(digits, 8) < 256
          ? String.fromCharCode(Number.parseInt(digits, 8))
          : `\\${digits}`
      }
      switch (char) {
        case 'n':
          return '\n'
        case 'r':
          return '\r'
        case 't':
          return '\t'
        case 'a':
          return '\x07'
        case 'b':
          return '\b'
        case 'f':
          return '\f'
        case 'v':
          return '\v'
        case '$':
          return '$$'
        default:
          return char
      }
    }
  )
}

function skipBlanksAndComments(source: string, from: number): number {
  let index = from
  for (;;) {
    while (index < source.length && /\s/.test(source[index] as string)) index++
    if (source[index] !== '#') return index
    index = endOfLine(source, index)
  }
}

function skipSpaces(source: string, from: number, limit: number): number {
  let index = from
  while (index < limit && (source[index] === ' ' || source[index] === '\t')) index++
  return index
}

function endOfLine(source: string, from: number): number {
  const newline = source.indexOf('\n', from)
  return newline < 0 ? source.length : newline
}

function firstOf(source: string, from: number, limit: number, chars: string): number {
  for (let index = from; index < limit; index++) if (chars.includes(source[index] as string)) return index
  return -1
}

function countNewlines(source: string, from: number, to: number): number {
  let count = 0
  for (let index = from; index < to; index++) if (source[index] === '\n') count++
  return count
}
