// Backing services stage: the managed database and cache every target needs
// (RDS / ElastiCache looked up by identifier, endpoint URLs as given), each
// role once — a web and a worker environment share one database —, the
// execution role the platform reads the secrets passed by reference with, and
// the environment properties the containers read but the environments lack.
// Read-only calls only: plan mode runs it too.

import type { AwsClients } from '../adapters/aws-clients.js'
import { resolveBacking } from '../adapters/backing-lookup.js'
import {
  environmentOptionSettings,
  environmentProperties,
  type OptionSettingsReader
} from '../adapters/beanstalk/environments.js'
import { findRole } from '../adapters/iam.js'
import { describeBackingSource, plainCacheAddressWarnings } from '../core/backing-engines.js'
import { passesSecretsByReference, type ResolvedBacking } from '../core/dockerrun.js'
import { errorMessage, InputError } from '../core/errors.js'
import { ENVIRONMENT_PROPERTIES } from '../core/settings.js'
import type { BackingReplacement, BackingRole, DeployPlan } from '../core/plan/types.js'
import { actionsLogger, debug } from '../adapters/actions-runner/logger.js'
import type { Prepared } from '../planning/prepare.js'
import { runtimeVariables } from '../report/log.js'

export type BackingServices = Partial<Record<BackingRole, ResolvedBacking>>

/** The role ECS's documentation and console create for tasks that read secrets: what most accounts have. */
export const CONVENTIONAL_EXECUTION_ROLE = 'ecsTaskExecutionRole'

export async function resolveBackingServices(
  prepared: Prepared,
  clients: AwsClients
): Promise<BackingServices> {
  const byRole = new Map<BackingRole, BackingReplacement>()
  for (const replacement of prepared.targets.flatMap(target => target.plan.backing)) {
    if (!byRole.has(replacement.role)) byRole.set(replacement.role, replacement)
  }
  if (byRole.size === 0) return {}
  const backing = await resolveBacking([...byRole.values()], clients, prepared.config, actionsLogger)
  const cache = byRole.get('cache')
  if (cache) {
    const containers = prepared.targets.flatMap(target => target.plan.containers)
    const unique = [...new Map(containers.map(container => [container.name, container])).values()]
    for (const line of plainCacheAddressWarnings(
      unique,
      backing.cache?.endpoint,
      describeBackingSource(cache.source)
    ))
      actionsLogger.warning(line)
  }
  return backing
}

/** `web passes DATABASE_PASSWORD, PGPASSWORD` — what needs the role, for the error line. */
function secretUsers(plan: DeployPlan, backing: BackingServices): string {
  const container = plan.containers.find(candidate =>
    passesSecretsByReference({ ...plan, containers: [candidate] }, { backing })
  )
  if (!container) return 'a container passes secrets'
  const names = [
    ...container.secrets.map(secret => secret.name),
    ...container.bindings
      .filter(binding => binding.kind === 'password' && (backing[binding.role]?.secrets.length ?? 0) > 0)
      .map(binding => binding.variable)
  ]
  return `${container.name} passes ${[...new Set(names)].join(', ')}`
}

/**
 * With `execution-role-arn` empty while a container passes secrets by
 * reference (the secrets input, or the RDS-managed master password): the
 * account's ecsTaskExecutionRole, looked up read-only (iam:GetRole). Without
 * one, one line saying what to set. Undefined when no role is needed or the
 * input names one.
 */
export async function findExecutionRole(
  prepared: Prepared,
  clients: Pick<AwsClients, 'iam'>,
  backing: BackingServices
): Promise<string | undefined> {
  if (prepared.config.executionRoleArn !== undefined) return undefined
  const plan = prepared.targets.find(target => passesSecretsByReference(target.plan, { backing }))?.plan
  if (!plan) return undefined
  const users = secretUsers(plan, backing)
  let arn: string | undefined
  try {
    arn = await findRole(clients.iam, CONVENTIONAL_EXECUTION_ROLE)
  } catch (error) {
    throw new InputError(
      'execution-role-arn',
      `is required: ${users} by reference, which the platform reads with the task's execution role, and looking up ${CONVENTIONAL_EXECUTION_ROLE} failed (${errorMessage(error).split('\n')[0]}); set execution-role-arn, or allow iam:GetRole`
    )
  }
  if (!arn) {
    throw new InputError(
      'execution-role-arn',
      `is required: ${users} by reference, which the platform reads with the task's execution role, and this account has no ${CONVENTIONAL_EXECUTION_ROLE}; set execution-role-arn to a role that may read those secrets`
    )
  }
  actionsLogger.info(
    `execution-role-arn is empty: the platform reads the secrets passed by reference with the account's ${CONVENTIONAL_EXECUTION_ROLE} (${arn})`
  )
  return arn
}

/**
 * Environment → the variables its containers read at run time (compose `FOO` /
 * `${FOO}`) that it has no property for. An environment whose settings cannot
 * be read (one being created) is left out, with a debug line.
 */
export async function missingProperties(
  prepared: Prepared,
  clients: Pick<AwsClients, 'beanstalk'>,
  environments: readonly string[],
  readSettings: OptionSettingsReader = name =>
    environmentOptionSettings(clients.beanstalk, prepared.config.application, name)
): Promise<Map<string, { name: string; containers: string[] }[]>> {
  const missing = new Map<string, { name: string; containers: string[] }[]>()
  // Properties the environment-variables / option-settings inputs set with this deploy.
  const fromWorkflow = new Set(
    prepared.config.settings
      .filter(setting => setting.Namespace === ENVIRONMENT_PROPERTIES)
      .map(setting => setting.OptionName)
  )
  for (const target of prepared.targets) {
    const needed = runtimeVariables([target.plan])
    if (needed.size === 0) continue
    for (const environment of target.environments.filter(name => environments.includes(name))) {
      let properties: Map<string, string>
      try {
        properties = await environmentProperties(readSettings, environment)
      } catch (error) {
        debug(`properties of ${environment} not read: ${errorMessage(error)}`)
        continue
      }
      const lacking = [...needed]
        .filter(([name]) => !properties.has(name) && !fromWorkflow.has(name))
        .map(([name, containers]) => ({ name, containers }))
      if (lacking.length > 0) missing.set(environment, lacking)
    }
  }
  return missing
}
