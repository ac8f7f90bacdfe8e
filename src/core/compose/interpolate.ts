// Compose's variable interpolation, as compose-go's `template` package reads
// it: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message},
// ${VAR?message}, ${VAR:+alt}, ${VAR+alt}, $VAR, $$ for a literal dollar, and
// defaults that nest (${A:-${B:-c}}). A "$" followed by anything else stays a
// dollar. One pass over the text, so a value costs time in its length only.
//
// Every substitution is recorded: the caller needs to know which variables a
// value took (a runner credential must never reach the bundle or an image).

import { ComposeError } from '../errors.js'

/** Plain name → value maps (the runner's environment, a dotenv file). */
export type Variables = Record<string, string | undefined>

export type Lookup = (name: string) => string | undefined

export interface Interpolated {
  value: string
  /** Variables whose value ended up in the result, in order of first use. */
  used: string[]
  /** Variables referenced without a default (`$X`, `${X}`) that had no value: compose makes them blank, with a warning. */
  unset: string[]
}

/** What an expansion read: the variables it took, and those it found unset. */
interface Seen {
  used: string[]
  unset: string[]
}

const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_]/

/** Whether a variable's value may be printed in an error (a runner credential may not). */
export type Quotable = (name: string) => boolean

export function interpolate(
  text: string,
  lookup: Lookup,
  where: string,
  quotable: Quotable = () => true
): Interpolated {
  const seen: Seen = { used: [], unset: [] }
  const value = expand(text, lookup, where, seen, quotable)
  return { value, ...seen }
}

/**
 * A `${VAR:?message}` message as compose prints it (expanded), except that a variable whose value may not be
 * printed stays as written: `${NOPE:?${GITHUB_TOKEN}}` must not put a runner credential in the log.
 */
function message(argument: string, lookup: Lookup, where: string, quotable: Quotable): string {
  return expand(
    argument,
    name => (quotable(name) ? lookup(name) : `\${${name}}`),
    where,
    { used: [], unset: [] },
    quotable
  )
}

function expand(text: string, lookup: Lookup, where: string, seen: Seen, quotable: Quotable): string {
  if (!text.includes('$')) return text
  let out = ''
  let index = 0
  while (index < text.length) {
    const dollar = text.indexOf('$', index)
    if (dollar < 0) {
      out += text.slice(index)
      break
    }
    out += text.slice(index, dollar)
    const next = text[dollar + 1]
    if (next === '$') {
      out += '$'
      index = dollar + 2
    } else if (next === '{') {
      const braced = readBraced(text, dollar, where)
      out += evaluate(braced, lookup, where, seen, quotable)
      index = braced.end
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2
      while (end < text.length && NAME_PART.test(text[end] as string)) end++
      const name = text.slice(dollar + 1, end)
      out += take(name, lookup, seen) ?? ''
      index = end
    } else {
      out += '$'
      index = dollar + 1
    }
  }
  return out
}

interface Braced {
  name: string
  operator?: string
  argument: string
  /** Index just past the closing brace. */
  end: number
}

function readBraced(text: string, dollar: number, where: string): Braced {
  let cursor = dollar + 2
  while (cursor < text.length && NAME_PART.test(text[cursor] as string)) cursor++
  const name = text.slice(dollar + 2, cursor)
  const invalid = (): ComposeError =>
    new ComposeError(
      `${where}: invalid interpolation "${text.slice(dollar, Math.min(text.length, dollar + 40))}"`
    )
  if (name === '' || !NAME_START.test(name[0] as string)) throw invalid()
  if (text[cursor] === '}') return { name, argument: '', end: cursor + 1 }
  const operator = /^:?[-?+]/.exec(text.slice(cursor, cursor + 2))?.[0]
  if (!operator) throw invalid()
  const start = cursor + operator.length
  // The argument ends at the brace that balances this one: every "{" opens one, as in compose-go
  // (getFirstBraceClosingIndex), so ${A:-{"json":1}} defaults to {"json":1}; the character after a "{" is skipped.
  let depth = 1
  for (let position = start; position < text.length; position++) {
    const char = text[position]
    if (char === '{') {
      depth++
      position++
    } else if (char === '}' && --depth === 0) {
      return { name, operator, argument: text.slice(start, position), end: position + 1 }
    }
  }
  throw invalid()
}

function evaluate(braced: Braced, lookup: Lookup, where: string, seen: Seen, quotable: Quotable): string {
  const { name, operator, argument } = braced
  const value = lookup(name)
  const set = value !== undefined
  const nonEmpty = set && value !== ''
  const nested = (): string => expand(argument, lookup, where, seen, quotable)
  switch (operator) {
    case undefined:
      return take(name, lookup, seen) ?? ''
    case ':-':
      return nonEmpty ? (take(name, lookup, seen) as string) : nested()
    case '-':
      return set ? (take(name, lookup, seen) as string) : nested()
    case ':?':
    case '?':
      if (operator === ':?' ? nonEmpty : set) return take(name, lookup, seen) as string
      throw new ComposeError(
        `${where}: required variable ${name} is missing a value${argument ? `: ${message(argument, lookup, where, quotable)}` : ''}`
      )
    case ':+':
      return nonEmpty ? nested() : ''
    default:
      return set ? nested() : ''
  }
}

/** A variable's value, recorded as used; unset when it has none (only a reference without a default asks then). */
function take(name: string, lookup: Lookup, seen: Seen): string | undefined {
  const value = lookup(name)
  const list = value === undefined ? seen.unset : seen.used
  if (!list.includes(name)) list.push(name)
  return value
}

/**
 * The variable a value consists of, when it is exactly one plain reference ("${X}", "$X") or one that requires it
 * ("${X:?message}", "${X?}": compose refuses to start without it; on Beanstalk the environment gives it).
 */
export function soleReference(text: string): string | undefined {
  return /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?\?[^{}]*)?\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/
    .exec(text)
    ?.slice(1)
    .find(Boolean)
}
