// Where every stage writes its progress. The default goes to @actions/core;
// tests and tools pass their own.
//
// Much of what the action prints comes from outside: compose text, container
// and build logs, Beanstalk events, AWS errors. The runner reads any stdout
// line starting with `::` (after spaces) as a workflow command, and `##[`
// anywhere in a line as an old-style one: a service named
// "x\n::stop-commands::t" would switch off `::add-mask::` for the rest of the
// job. So every info line goes through neutralise(). Warnings and errors need
// no such care: @actions/core escapes their line breaks itself.

import * as core from '@actions/core'

export interface Logger {
  info(message: string): void
  warning(message: string): void
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

export const actionsLogger: Logger = {
  info: message => core.info(neutralise(message)),
  warning: message => core.warning(message),
  setSecret: secret => core.setSecret(secret)
}
