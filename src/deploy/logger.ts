// Where the deploy writes its progress. The default goes to @actions/core;
// tests and the CLI pass their own.

import * as core from '@actions/core'

export interface DeployLogger {
  info(message: string): void
  warning(message: string): void
  /** Masks a value in every later log line. */
  setSecret(secret: string): void
}

export const actionsDeployLogger: DeployLogger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  setSecret: secret => core.setSecret(secret)
}
