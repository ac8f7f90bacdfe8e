// Runtime fault knobs, so tests and demos can make deployments misbehave.
// Environment-scoped knobs take an environment name or '*' for every one.

export interface BeanstalkFaults {
  /** The next deploy of this environment ('*': of any) goes Red with "Failed to deploy application.". Consumed by it. */
  forceRed?: string
  /** Updates of this environment ('*': of any) stay Updating until aborted or until this is cleared. */
  stuckUpdating?: string
  /** Multiplies every transition delay (e.g. 10 makes Launching/Updating ten times slower). */
  slowTransitions?: number
  /** The next version processing ends FAILED whatever the bundle. Consumed by it. */
  failProcessing?: boolean
}

export function appliesTo(target: string | undefined, environmentName: string): boolean {
  return target === '*' || target === environmentName
}
