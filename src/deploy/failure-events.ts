// The Beanstalk event texts that end a deploy: the EB CLI's own list (`eb
// deploy` raises on them in _raise_if_error_event, and stops waiting at one
// of its success events). Texts, and whether the EB CLI compares them whole
// or by their start, are the EB CLI's:
// https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/operations/commonops.py#L249
// https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/resources/strings.py#L1030
// Left out: platform-builder, log-pulling and tag-update texts (no deploy
// emits them). See docs/deploy-decision.md.
//
// Beyond the EB CLI's texts, the wait classifies events the way the failures
// in public deploy logs look (docs/deploy-decision.md, "Events the EB CLI
// does not know"): an ERROR or FATAL event of our deploy, or an event shaped
// like a failed command whatever its severity, is an error of the deploy;
// health transitions never are (the colour and the recovery window judge
// those), and WARN alone is not (Beanstalk's ECS hook warns "Failed to start
// ECS task, retrying..." before a retry that may succeed).

import type { DeployEvent } from '../adapters/beanstalk/events.js'

export const FAILED_DEPLOY_MESSAGE = 'Failed to deploy application.'
/** event.failedupdate: Beanstalk put the environment back the way it was before the operation. */
export const REVERTED_MESSAGE = 'The environment was reverted to the previous configuration setting.'
/** event.redmessage (basic health). */
export const HEALTH_RED_MESSAGE = 'Environment health has been set to RED'
export const UPDATE_COMPLETED_MESSAGE = 'Environment update completed successfully.'
const LAUNCH_SUCCEEDED_PREFIX = 'Successfully launched environment:'
const PROCESSING_FINISHED_PREFIX = 'Finished processing application version'

export type FailureEventKind = 'failed' | 'reverted' | 'health-red' | 'processing-failed'

interface FailureText {
  text: string
  match: 'whole' | 'start'
  kind: FailureEventKind
}

/** The EB CLI's failure texts a deploy, a launch or a configuration update can produce. */
export const FAILURE_TEXTS: readonly FailureText[] = [
  { text: FAILED_DEPLOY_MESSAGE, match: 'whole', kind: 'failed' }, // event.faileddeploy
  { text: 'Failed to deploy configuration.', match: 'whole', kind: 'failed' }, // event.updatefailed
  { text: 'Failed to launch environment.', match: 'whole', kind: 'failed' }, // event.failedlaunch
  { text: REVERTED_MESSAGE, match: 'whole', kind: 'reverted' }, // event.failedupdate
  { text: HEALTH_RED_MESSAGE, match: 'whole', kind: 'health-red' }, // event.redmessage
  // event.updatebad / event.launchbad (the latter without its full stop, as the EB CLI has it).
  { text: 'Update environment operation is complete, but with errors.', match: 'start', kind: 'failed' },
  { text: 'Create environment operation is complete, but with errors', match: 'start', kind: 'failed' },
  // create.ecsdockerrun1: the EB CLI raises NotSupportedError (a v1 Dockerrun on the ECS platform).
  {
    text: 'ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion:',
    match: 'start',
    kind: 'failed'
  }
]

/** Which failure an event is, if any (`versionLabel`: processing failures of other versions are not ours). */
export function failureKind(event: DeployEvent, versionLabel: string): FailureEventKind | undefined {
  const message = event.message
  for (const entry of FAILURE_TEXTS) {
    if (entry.match === 'whole' ? message === entry.text : message.startsWith(entry.text)) return entry.kind
  }
  // event.launched_environment with "However, there were issues during launch."
  if (
    message.startsWith('Launched environment') &&
    message.includes('However, there were issues during launch.')
  )
    return 'failed'
  // appversion.finished … FAILED.
  if (
    message.startsWith(PROCESSING_FINISHED_PREFIX) &&
    message.endsWith('FAILED.') &&
    (event.versionLabel === undefined || event.versionLabel === versionLabel)
  )
    return 'processing-failed'
  return undefined
}

/**
 * Failures whatever their severity: shapes seen in public deploy logs (sources in docs/deploy-decision.md).
 * An INFO "Command execution completed on all instances. Summary: [Successful: 0, Failed: 1]." came before
 * Beanstalk's own "completed successfully" on a deploy that never ran (eb_deployer#10); the same summary counts
 * timed-out instances as `TimedOut: 1`, so any counter but `Successful` above zero is a failed command.
 */
export const FAILURE_SHAPES: readonly RegExp[] = [
  /\bSummary: \[(?:[^\]]*, )?(?!Successful:)\w+: [1-9]\d*/,
  // The platform engine's per-instance verdict ("Instance deployment: The ECR service failed to authenticate
  // your private repository. The deployment failed."); "The deployment didn't install …" is only a notice.
  /\bThe deployment failed\b/,
  // The completion-with-problems family: "… operation is complete, but with errors." / "… but with command
  // timeouts. Try increasing the timeout period." (troubleshooting-deployments.html).
  /\bcomplete(?:d)?, but with\b/i,
  /\bAborting the operation\b/,
  /^During an aborted deployment\b/,
  /\babort deployment\b/i,
  /^Failed to (?:deploy|launch environment|build Docker image|pull Docker image|download)\b/,
  /^Activity execution failed\b/,
  // Per-instance failures, with or without an "[Instance: i-…]" prefix (held-out samples, 2026-12-07).
  /\bInstance deployment failed\b/,
  /\bCommand failed on instance\b/,
  // The Docker platform's verdict on a container that exited ("The Docker container unexpectedly ended after it
  // was started", Docker on AL2023; wait11 notes).
  /\bcontainer unexpectedly ended\b/i,
  // CloudFormation under the environment: "Updating Auto Scaling group named: … failed Reason: …", "Creating
  // Auto Scaling launch configuration failed Reason: …", "Stack named '…' aborted operation. Current state: …"
  // (aws-elastic-beanstalk-cli#528, instance-scheduler-on-aws#705).
  /\bfailed\.? Reason: /,
  /\bStack named '[^']*' aborted operation\b/
]

/** Enhanced ("has transitioned from Ok to Severe") and basic ("has been set to RED") health events. */
export function isHealthTransition(message: string): boolean {
  return /^Environment health has (?:transitioned|been set)\b/.test(message)
}

/**
 * An error of the deploy the EB CLI has no text for: ERROR or FATAL, or a failure shape whatever the
 * severity. Health transitions are the colour's to judge; an event without a request id that names another
 * version (its processing, say) is about that version, not our deploy.
 */
export function isErrorEvent(event: DeployEvent, versionLabel: string): boolean {
  if (isHealthTransition(event.message)) return false
  if (
    event.requestId === undefined &&
    event.versionLabel !== undefined &&
    event.versionLabel !== versionLabel
  )
    return false
  if (event.severity === 'ERROR' || event.severity === 'FATAL') return true
  return FAILURE_SHAPES.some(shape => shape.test(event.message))
}

/** The EB CLI's success events of an environment operation: it stops waiting at the first one. */
export function isCompletionEvent(event: DeployEvent): boolean {
  return event.message === UPDATE_COMPLETED_MESSAGE || event.message.startsWith(LAUNCH_SUCCEEDED_PREFIX)
}
