// Where every stage writes its progress. The default goes to @actions/core;
// tests and tools pass their own.
//
// Much of what the action prints comes from outside: compose text, container
// and build logs, Beanstalk events, AWS errors. The runner reads any stdout
// line starting with `::` (after spaces) as a workflow command, and `##[`
// anywhere in a line as an old-style one: a service named
// "x\n::stop-commands::t" would switch off `::add-mask::` for the rest of the
// job. So every info line goes through neutralise(). Warnings, errors and
// debug lines need no such care: @actions/core escapes their line breaks
// (and an annotation's title) itself.

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

/** U+200B ZERO WIDTH SPACE: the runner's TrimStart keeps it, so `:\u200B:` starts no command, and reads the same. */
const BREAK = '\u200b'

/**
 * Text from outside made safe to print: each of its lines (split wherever the
 * runner splits them: CR, LF, CRLF) is printed as it is, except that no line
 * can start a workflow command.
 */
export function neutralise(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(line => line.replace(/^(\s*):(?=:)/u, `$1:${BREAK}`).replace(/##\[/g, `#${BREAK}#[`))
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
