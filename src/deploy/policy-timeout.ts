// How long the deploy wait lasts when the workflow sets no wait-timeout: by the
// environment's deployment policy, from its option settings
// (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html):
// - all at once: 20 minutes (the deploy command is bounded by aws:elasticbeanstalk:command
//   Timeout, 600 s by default, to which Beanstalk adds 240 s);
// - rolling: 5 minutes a batch, at least 20 (a batch deploys, then needs two minutes of
//   passing health checks with enhanced health, rolling-version-deploy.html); the batch count
//   from BatchSizeType / BatchSize and the Auto Scaling group's MaxSize, one more with an
//   additional batch;
// - Immutable: a temporary Auto Scaling group, one instance first and then the rest, each
//   phase bounded by the command timeout: two of them and ten minutes of launches, at least 45
//   minutes (a public log shows 18 minutes for three instances, mup-aws-beanstalk#91 "up to an
//   hour" for two deploys);
// - traffic splitting: as Immutable, then part of the traffic goes to the new instances for
//   aws:elasticbeanstalk:trafficsplitting EvaluationTime (3 to 600 minutes, default 5).
// A wait that still ends first fails without an automatic rollback (wait-decision.ts, still-updating).

import { formatDuration } from '../core/duration.js'
import type { OptionSetting } from '../core/settings.js'

export const DEFAULT_WAIT_MS = 20 * 60_000
const MINUTE = 60_000
const NEW_INSTANCES_WAIT_MS = 45 * MINUTE
const LAUNCHES_MS = 10 * MINUTE
const BATCH_MS = 5 * MINUTE
/** Beanstalk adds 240 s to the command timeout it is given (command-options-general.html, Timeout). */
const COMMAND_OVERHEAD_MS = 240_000

const COMMAND = 'aws:elasticbeanstalk:command'
// By namespace and option only: DescribeConfigurationSettings gives the Auto Scaling group's MinSize and MaxSize
// with a ResourceName (AWSEBAutoScalingGroup), which the workflow's settings do not name.
const key = (Namespace: string | undefined, OptionName: string | undefined): string =>
  `${Namespace ?? ''} ${OptionName ?? ''}`
const POLICY = key(COMMAND, 'DeploymentPolicy')
const COMMAND_TIMEOUT = key(COMMAND, 'Timeout')
const BATCH_SIZE_TYPE = key(COMMAND, 'BatchSizeType')
const BATCH_SIZE = key(COMMAND, 'BatchSize')
const MIN_SIZE = key('aws:autoscaling:asg', 'MinSize')
const MAX_SIZE = key('aws:autoscaling:asg', 'MaxSize')
const EVALUATION = key('aws:elasticbeanstalk:trafficsplitting', 'EvaluationTime')

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
  const settings = new Map(
    current.map(setting => [key(setting.Namespace, setting.OptionName), setting.Value ?? ''])
  )
  for (const setting of applied) settings.set(key(setting.Namespace, setting.OptionName), setting.Value)
  const policy = settings.get(POLICY)
  const number = (name: string, fallback: number): number => {
    const given = Number(settings.get(name))
    return Number.isFinite(given) && given > 0 ? given : fallback
  }
  if (policy === 'Immutable' || policy === 'TrafficSplitting') {
    const phases = 2 * (number(COMMAND_TIMEOUT, 600) * 1000 + COMMAND_OVERHEAD_MS) + LAUNCHES_MS
    const launch = Math.max(NEW_INSTANCES_WAIT_MS, phases)
    if (policy === 'Immutable') return { ms: launch, reason: 'DeploymentPolicy Immutable' }
    const minutes = number(EVALUATION, 5)
    return {
      ms: launch + minutes * MINUTE,
      reason: `DeploymentPolicy TrafficSplitting, EvaluationTime ${minutes} minutes`
    }
  }
  if (policy === 'Rolling' || policy === 'RollingWithAdditionalBatch') {
    const size = number(BATCH_SIZE, 100)
    const batches =
      settings.get(BATCH_SIZE_TYPE) === 'Fixed'
        ? Math.ceil(Math.max(number(MIN_SIZE, 1), number(MAX_SIZE, 4)) / size)
        : Math.ceil(100 / Math.min(size, 100))
    const all = batches + (policy === 'RollingWithAdditionalBatch' ? 1 : 0)
    const ms = all * BATCH_MS
    if (ms > DEFAULT_WAIT_MS) return { ms, reason: `DeploymentPolicy ${policy}, ${all} batches` }
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
