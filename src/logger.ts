// Where every stage writes its progress. The default goes to @actions/core;
// tests and tools pass their own.

import * as core from '@actions/core'

export interface Logger {
  info(message: string): void
  warning(message: string): void
  /** Masks a value in every later log line (registry passwords, resolved secrets). */
  setSecret(secret: string): void
}

export const actionsLogger: Logger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  setSecret: secret => core.setSecret(secret)
}
