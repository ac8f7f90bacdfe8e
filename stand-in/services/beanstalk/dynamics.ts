// How health behaves around an update, and the two profiles a test picks
// from (BeanstalkOptions.dynamics). Both show Grey and the new label while
// Updating (botocore examples-1.json, UpdateEnvironment). 'fast' (the default,
// for a quick suite) turns Green as the update completes; 'realistic' plays
// what public deploy logs show after "Environment update completed
// successfully.": Red / Degraded, then Yellow / Warning, then Green / Ok
// (docs/stand-in.md, docs/deploy-decision.md), with durations a test can set.

import type { HealthColor, HealthStatus } from './model.js'

export interface HealthPhase {
  color: HealthColor
  status: HealthStatus
  causes: string[]
  /** How long the phase lasts; absent: it stays. */
  ms?: number
}

export interface DynamicsSettings {
  /** Health phases after a successful deploy, before Green / Ok. */
  afterDeploy: HealthPhase[]
}

/** An enhanced-health cause of an environment whose new instances are not yet passing the load balancer's checks. */
export const ELB_HEALTH_FAILING = 'ELB health is failing or not available for all instances.'

export function realisticDynamics(redMs = 1_500, yellowMs = 1_000): DynamicsSettings {
  return {
    afterDeploy: [
      { color: 'Red', status: 'Degraded', causes: [ELB_HEALTH_FAILING], ms: redMs },
      { color: 'Yellow', status: 'Warning', causes: [ELB_HEALTH_FAILING], ms: yellowMs }
    ]
  }
}

export const FAST_DYNAMICS: DynamicsSettings = { afterDeploy: [] }

export function resolveDynamics(
  option: 'fast' | 'realistic' | DynamicsSettings | undefined
): DynamicsSettings {
  if (option === undefined || option === 'fast') return FAST_DYNAMICS
  if (option === 'realistic') return realisticDynamics()
  return option
}

/**
 * The event enhanced health writes on a change of HealthStatus (botocore examples-1.json, DescribeEvents:
 * "Environment health has transitioned from Info to Ok."), with the first cause after it. No request id.
 */
export function healthTransitionMessage(from: HealthStatus, to: HealthStatus, causes: string[]): string {
  return `Environment health has transitioned from ${from} to ${to}.${causes[0] ? ` ${causes[0]}` : ''}`
}
