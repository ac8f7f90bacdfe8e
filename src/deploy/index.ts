// The AWS side of a deploy, as main.ts calls it.

export { createAwsClients, type AwsClients, type AwsClientOptions } from '../adapters/aws-clients.js'
export { resolveBacking, type BackingClients } from '../adapters/backing-lookup.js'
export {
  ensureApplicationVersion,
  VersionConflictError,
  type EnsuredVersion,
  type VersionInput
} from '../adapters/beanstalk/application-version.js'
export {
  createEnvironment,
  EnvironmentNotFoundError,
  type CreateEnvironmentInput
} from '../adapters/beanstalk/environments.js'
export { systemClock, type Clock, type PollIntervals } from './clock.js'
export type { DeployEvent, EnvironmentSnapshot } from './decision.js'
export {
  deployToEnvironment,
  deployVersion,
  type DeployResult,
  type DeployVersionInput,
  type EnvironmentDeployInput
} from './deploy-version.js'
export { actionsLogger, type Logger } from '../logger.js'
export { DeployFailedError, waitForDeploy } from './wait.js'
