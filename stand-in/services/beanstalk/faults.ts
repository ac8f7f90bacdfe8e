// Runtime fault knobs, so tests and demos can make deployments misbehave.
// Environment-scoped knobs take an environment name or '*' for every one.
// Sources of the behaviours they play: docs/stand-in.md.

import type { HealthPhase } from './dynamics.js'
import type { Severity } from './model.js'

export interface BeanstalkFaults {
  /** The next deploy of this environment ('*': of any) goes Red with "Failed to deploy application.". Consumed by it. */
  forceRed?: string | undefined
  /** Updates of this environment ('*': of any) stay Updating until aborted or until this is cleared. */
  stuckUpdating?: string | undefined
  /** Multiplies every transition delay (e.g. 10 makes Launching/Updating ten times slower). */
  slowTransitions?: number | undefined
  /** The next version processing ends FAILED whatever the bundle. Consumed by it. */
  failProcessing?: boolean
  /**
   * The next deploy of `environment` puts the version on Green instances but ends with this event (ERROR
   * unless `severity` says otherwise) in place of "Environment update completed successfully.", e.g. one of
   * the EB CLI's failure texts; with `completes`, Beanstalk still says "completed successfully" after it, as
   * in eb_deployer#10 (docs/deploy-decision.md). Consumed by it.
   */
  failureEvent?:
    { environment: string; message: string; severity?: Severity; completes?: boolean } | undefined
  /**
   * The next deploy of this environment is reverted: the previous version keeps serving, Green, and the
   * update ends with "The environment was reverted to the previous configuration setting.". Consumed by it.
   */
  revert?: string | undefined
  /**
   * Health after the next successful deploy of `environment`, replacing the service's profile
   * (BeanstalkOptions.dynamics); a last phase without `ms` stays. Consumed by it.
   */
  healthAfterDeploy?: { environment: string; phases: HealthPhase[] } | undefined
}

export function appliesTo(target: string | undefined, environmentName: string): boolean {
  return target === '*' || target === environmentName
}
