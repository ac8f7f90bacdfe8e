// Prerequisites checked before anything is built (core/prerequisites.ts says why each matters):
// - every environment runs the ECS platform branch, or the run stops with one line;
// - the task execution role may read every secret the documents pass by reference, asked of IAM with
//   iam:SimulatePrincipalPolicy. A role IAM says cannot read one stops the run with one line naming the secret and
//   the permission; when the simulation itself cannot be had (the deploy role lacks iam:SimulatePrincipalPolicy,
//   the role is in another account…) the run says so in a note and goes on: the check is a convenience, never a
//   new permission the deploy needs.
// Resource policies on the secrets and organisation SCPs are outside the simulation: a grant made only in a secret's
// resource policy is not seen (deny iam:SimulatePrincipalPolicy to the deploy role to skip the check then).

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'

import type { AwsClients } from '../adapters/aws-clients.js'
import type { BeanstalkApi } from '../adapters/beanstalk/environments.js'
import { simulatePrincipal } from '../adapters/iam.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import { errorMessage, InputError } from '../core/errors.js'
import { platformProblem, secretReads, type SecretRead } from '../core/prerequisites.js'
import { basicHealthHint, ENHANCED_HEALTH_SETTING } from '../deploy/health-hint.js'
import type { Logger } from '../adapters/actions-runner/logger.js'

/** Stops the run when an environment runs another platform than ECS. */
export function checkPlatforms(environments: Iterable<EnvironmentDescription>): void {
  for (const environment of environments) {
    const problem = platformProblem(environment)
    if (problem) throw new InputError('environment', problem)
  }
}

/**
 * Notes each environment with basic health: it deploys, but a failure there names no cause (deploy/health-hint.ts).
 * Returns the environments noted.
 */
export async function noteBasicHealth(
  environments: readonly string[],
  beanstalk: BeanstalkApi,
  logger: Logger
): Promise<string[]> {
  const basic: string[] = []
  for (const environment of environments) {
    const hint = await basicHealthHint(beanstalk, environment)
    if (hint === undefined) continue
    basic.push(environment)
    logger.info(
      `note: ${environment} has basic health: a failed deploy there will name no cause; enhanced health would (option-settings [${ENHANCED_HEALTH_SETTING}])`
    )
  }
  return basic
}

/** `secretsmanager:GetSecretValue on …:secret:db-AbCdEf (web/DATABASE_PASSWORD)` */
function describeRead(read: SecretRead): string {
  return `${read.action} on ${read.resource} (${read.variables.join(', ')})`
}

/**
 * Asks IAM whether the execution role may read each secret the documents pass; stops the run on a denial, notes
 * and goes on when IAM cannot be asked. Nothing to do when no secret is passed by reference or no role is known.
 * Returns the result in a few words, for the phase's line.
 */
export async function checkExecutionRoleReadsSecrets(
  documents: readonly DockerrunV2[],
  clients: Pick<AwsClients, 'iam'>,
  logger: Logger
): Promise<string> {
  const reads = secretReads(documents)
  const role = documents.find(document => document.executionRoleArn)?.executionRoleArn
  if (reads.length === 0) return 'no secret passed by reference'
  if (!role) return 'no execution role to check'
  const byAction = new Map<string, SecretRead[]>()
  for (const read of reads) byAction.set(read.action, [...(byAction.get(read.action) ?? []), read])
  const denied: string[] = []
  try {
    for (const [action, ofAction] of byAction) {
      const decisions = await simulatePrincipal(
        clients.iam,
        role,
        [action],
        ofAction.map(read => read.resource)
      )
      for (const read of ofAction) {
        const decision = decisions.find(entry => entry.resource === read.resource)?.decision
        if (decision !== 'allowed') denied.push(`${describeRead(read)}: ${decision ?? 'no decision'}`)
      }
    }
  } catch (error) {
    logger.info(
      `note: could not check that the execution role ${role} may read the ${reads.length} secret(s) passed by ` +
        `reference (iam:SimulatePrincipalPolicy: ${errorMessage(error).split('\n')[0]}); the platform reads them ` +
        'when the task starts'
    )
    return 'execution role not checked (see the note)'
  }
  if (denied.length > 0) {
    throw new InputError(
      'execution-role-arn',
      `${role} may not read what the containers are passed by reference, so their tasks would not start: ` +
        `${denied.join('; ')}; grant it those actions (and kms:Decrypt on a customer-managed key)`
    )
  }
  for (const read of reads) logger.info(`Execution role may read it: ${describeRead(read)}`)
  return `the execution role may read the ${reads.length} secret(s) passed by reference`
}
