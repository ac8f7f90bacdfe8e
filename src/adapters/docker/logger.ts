// What the build stage writes to the job log. The default goes to
// @actions/core; callers may pass their own (the CLI, tests).

import * as core from '@actions/core'

export interface StageLogger {
  info(message: string): void
  warning(message: string): void
  /** Masks a value in every later log line (registry passwords). */
  setSecret(secret: string): void
}

export const actionsLogger: StageLogger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  setSecret: secret => core.setSecret(secret)
}
