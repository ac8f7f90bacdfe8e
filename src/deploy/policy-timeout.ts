// How long the deploy wait lasts when the workflow sets no wait-timeout: by the
// environment's deployment policy. An in-place deploy (all at once, rolling)
// updates the running instances: 20 minutes. An Immutable deploy launches a
// temporary Auto Scaling group, one instance first and then the rest, each
// phase bounded by the command timeout (600 s + 240 s by default,
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html,
// aws:elasticbeanstalk:command): 45 minutes (a public log shows 18 minutes for
// three instances, mup-aws-beanstalk#91 "up to an hour" for two deploys).
// Traffic splitting does the same, then sends part of the traffic to the new
// instances for its evaluation time (same page, aws:elasticbeanstalk:trafficsplitting
// EvaluationTime: 3 to 600 minutes, default 5).

import { formatDuration } from '../core/duration.js'
import { settingKey, type OptionSetting } from '../core/settings.js'

export const DEFAULT_WAIT_MS = 20 * 60_000
const NEW_INSTANCES_WAIT_MS = 45 * 60_000
const DEFAULT_EVALUATION_MINUTES = 5

const POLICY = settingKey({ Namespace: 'aws:elasticbeanstalk:command', OptionName: 'DeploymentPolicy' })
const EVALUATION = settingKey({
  Namespace: 'aws:elasticbeanstalk:trafficsplitting',
  OptionName: 'EvaluationTime'
})

/** An option setting as DescribeConfigurationSettings gives it. */
export interface ConfigurationSetting {
  Namespace?: string | undefined
  OptionName?: string | undefined
  ResourceName?: string | undefined
  Value?: string | undefined
}

export interface PolicyWait {
  ms: number
  /** Why the wait is longer than the default, for the log; undefined for the default. */
  reason?: string
}

/** The wait for a deploy to an environment with these settings, the workflow's applied in the same update over them. */
export function policyWait(
  current: readonly ConfigurationSetting[],
  applied: readonly OptionSetting[] = []
): PolicyWait {
  const settings = new Map(current.map(setting => [settingKey(setting), setting.Value ?? '']))
  for (const setting of applied) settings.set(settingKey(setting), setting.Value)
  const policy = settings.get(POLICY)
  if (policy === 'Immutable') return { ms: NEW_INSTANCES_WAIT_MS, reason: 'DeploymentPolicy Immutable' }
  if (policy === 'TrafficSplitting') {
    const given = Number(settings.get(EVALUATION))
    const minutes = Number.isFinite(given) && given > 0 ? given : DEFAULT_EVALUATION_MINUTES
    return {
      ms: NEW_INSTANCES_WAIT_MS + minutes * 60_000,
      reason: `DeploymentPolicy TrafficSplitting, EvaluationTime ${minutes} minutes`
    }
  }
  return { ms: DEFAULT_WAIT_MS }
}

/**
 * The wait-timeout of a deploy to an environment with these option settings: the workflow's, or, left out, the
 * policy's (said when it is longer than the default).
 */
export function deployWaitTimeoutMs(
  config: { waitTimeoutMs: number; waitTimeoutByPolicy: boolean; settings: readonly OptionSetting[] },
  current: readonly ConfigurationSetting[],
  note: (line: string) => void
): number {
  if (!config.waitTimeoutByPolicy) return config.waitTimeoutMs
  const wait = policyWait(current, config.settings)
  if (wait.reason !== undefined && wait.ms > config.waitTimeoutMs)
    note(`${wait.reason}: waiting up to ${formatDuration(wait.ms)} (wait-timeout is not set)`)
  return Math.max(config.waitTimeoutMs, wait.ms)
}
