// Where every stage writes its progress. The default goes to @actions/core;
// tests and tools pass their own.
//
// Much of what the action prints comes from outside: compose text, file
// names, container and build logs, Beanstalk events, AWS errors. The runner
// (actions/runner, ActionCommand.TryParseV2 and TryParse) reads a stdout line
// (split at CR, LF, CRLF by StreamReader.ReadLine) as a workflow command when,
// after .NET's TrimStart() — Char.IsWhiteSpace, which includes U+0085 NEL and
// every Unicode space that JavaScript's \s misses or adds — it starts with
// `::`, or when it holds `##[` anywhere. Both tests are .NET's
// culture-sensitive StartsWith/IndexOf, which on the runner's ICU skip
// ignorable characters (controls, format characters such as U+200B). So
// every info line goes through neutralise(), which assumes the widest of
// those readings. Warnings, errors, debug lines and group titles need no such
// care: @actions/core escapes their line breaks (and an annotation's title)
// itself, so their text stays inside the command's data.

import * as core from '@actions/core'

export interface Logger {
  info(message: string): void
  /** A warning annotation; `title` (e.g. the environment it is about) heads it on the run's page. */
  warning(message: string, title?: string): void
  /** An error annotation that does not fail the step by itself (the step fails once, in main.ts). */
  error(message: string, title?: string): void
  /** Masks a value in every later log line (registry passwords, resolved secrets). */
  setSecret(secret: string): void
}

/** .NET's Char.IsWhiteSpace: what the runner's TrimStart() strips (Unicode White_Space, no U+FEFF). */
export const RUNNER_WHITESPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'
/** What an ICU comparison may skip anywhere: controls, format characters, default-ignorable code points. */
export const IGNORABLE = '\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}'

/** Leading skippables, then a colon: a space after that colon, which no reading skips, ends the `::`. */
const COMMAND_START = new RegExp(`^([${RUNNER_WHITESPACE}${IGNORABLE}]*):`, 'u')
/** `##[` with ignorables between: a space before the bracket. */
const OLD_COMMAND = new RegExp(`#([${IGNORABLE}]*)#([${IGNORABLE}]*)\\[`, 'gu')

/**
 * Text from outside made safe to print: each of its lines (split wherever the
 * runner splits them: CR, LF, CRLF) is printed as it is, except that a line
 * whose first visible character is a colon gets a space after it (`: :add-mask…`)
 * and `##[` becomes `## [`: no line can start a workflow command.
 */
export function neutralise(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(line => line.replace(COMMAND_START, '$1: ').replace(OLD_COMMAND, '#$1#$2 ['))
    .join('\n')
}

const annotation = (title: string | undefined): core.AnnotationProperties | undefined =>
  title === undefined ? undefined : { title }

export const actionsLogger: Logger = {
  info: message => core.info(neutralise(message)),
  warning: (message, title) => core.warning(message, annotation(title)),
  error: (message, title) => core.error(message, annotation(title)),
  setSecret: secret => core.setSecret(secret)
}

/** A logger that drops everything (tests, and callers that report through their own record). */
export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}

/**
 * Lines shown only with step debug logging on (the runner's "Enable debug
 * logging", RUNNER_DEBUG): each AWS call, each docker argv, each wait
 * decision. Not part of Logger: debug lines always go to the runner. Outside
 * a runner (GITHUB_ACTIONS unset, RUNNER_DEBUG not 1) nobody reads
 * `::debug::` commands, and they are not written.
 */
export function debug(message: string): void {
  if (process.env.GITHUB_ACTIONS === 'true' || process.env.RUNNER_DEBUG === '1') core.debug(message)
}

/** Every line prefixed (`[puppies-web] …`): several environments deploy at once and their lines interleave. */
export function prefixedLogger(log: Logger, prefix: string): Logger {
  return {
    info: message => log.info(`${prefix}${message}`),
    warning: (message, title) => log.warning(message, title),
    error: (message, title) => log.error(message, title),
    setSecret: secret => log.setSecret(secret)
  }
}
