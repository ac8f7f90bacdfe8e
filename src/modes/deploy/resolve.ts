// The deploy's "resolve" step: what it finds in the account before anything
// is built (the backing services and the execution role, each environment as
// it is, the properties they lack, the images' platforms), then the
// prerequisites checked against it.

import type { EnvironmentDescription } from '../../adapters/beanstalk/types.js'
import type { AwsClients } from '../../adapters/aws-clients.js'
import {
  environmentProperties,
  requireEnvironment,
  sharedOptionSettings,
  type OptionSettingsReader
} from '../../adapters/beanstalk/environments.js'
import type { Resolution } from '../../core/dockerrun.js'
import { deployWaitTimeoutMs } from '../../deploy/policy-timeout.js'
import { actionsLogger } from '../../adapters/actions-runner/logger.js'
import type { Prepared } from '../../planning/prepare.js'
import { environmentsLine } from '../../report/deploy-lines.js'
import type { PhaseLog } from '../../report/phases.js'
import {
  findExecutionRole,
  missingProperties,
  resolveBackingServices,
  type BackingServices
} from '../../stages/managed-services.js'
import { checkDocuments } from '../../stages/bundles.js'
import { healthChecks } from '../../stages/health-check.js'
import type { BeanstalkHealthCheck } from '../../core/health-check.js'
import { imagePlatforms, platformsLine, type ImagePlatforms } from '../../stages/platforms.js'
import {
  checkExecutionRoleReadsSecrets,
  checkPlatforms,
  noteBasicHealth
} from '../../stages/prerequisites.js'

export interface Resolved {
  backing: BackingServices
  /** Each environment as it is before the deploy: where an automatic rollback goes back to. */
  before: Map<string, EnvironmentDescription>
  /** Environment → its deploy's wait-timeout (the workflow's, or its deployment policy's: deploy/policy-timeout.ts). */
  waitTimeouts: Map<string, number>
  /** Environment → the properties its containers read that it does not set. */
  missing: Map<string, { name: string; containers: string[] }[]>
  platforms: ImagePlatforms
  /** Environment → its properties (name → value): Beanstalk gives them to every container, so the smoke test does. */
  properties: Map<string, Map<string, string>>
  /** Environment → the paths and codes its load balancer checks (the smoke test asks the same). */
  healthChecks: Map<string, BeanstalkHealthCheck>
  /** What every document is rendered with: the region, the backing services, the execution role found. */
  resolution: Required<Pick<Resolution, 'region' | 'backing'>> & Pick<Resolution, 'executionRoleArn'>
}

export function resolve(prepared: Prepared, clients: AwsClients, phases: PhaseLog): Promise<Resolved> {
  const environments = prepared.targets.flatMap(target => target.environments)
  return phases.run(
    'resolve',
    async log => {
      // The lookups run at once; the first failure in the order of the inputs (backing services, then
      // environments) is the one reported, whichever answered first.
      // The platforms, the missing properties and the health checks all read each environment's option
      // settings: once.
      const readSettings = sharedOptionSettings(clients.beanstalk, prepared.config.application)
      const [services, before, missing, platforms, checks, properties, waits] = await Promise.allSettled([
        resolveBackingServices(prepared, clients).then(async backing => ({
          backing,
          executionRoleArn: await findExecutionRole(prepared, clients, backing)
        })),
        environmentsBefore(prepared, clients),
        missingProperties(prepared, clients, environments, readSettings),
        imagePlatforms(prepared, clients, actionsLogger, readSettings),
        healthChecks(prepared, clients, readSettings),
        propertiesOf(environments, readSettings),
        waitTimeoutsOf(prepared, environments, readSettings)
      ])
      const found = {
        services: valueOf(services),
        before: valueOf(before),
        missing: valueOf(missing),
        platforms: valueOf(platforms),
        healthChecks: valueOf(checks),
        properties: valueOf(properties),
        waitTimeouts: valueOf(waits)
      }
      if (found.platforms.size > 0) actionsLogger.info(`Image platforms: ${platformsLine(found.platforms)}`)
      // Prerequisites (stages/prerequisites.ts), before anything is built: the platform, the documents' rules, the
      // execution role against the secrets it is handed, and a note for each environment with basic health.
      checkPlatforms(found.before.values())
      const { executionRoleArn } = found.services
      const resolution = {
        region: clients.region,
        backing: found.services.backing,
        ...(executionRoleArn !== undefined && { executionRoleArn })
      }
      const documents = checkDocuments(prepared, resolution)
      await Promise.all([
        checkExecutionRoleReadsSecrets(documents, clients, log),
        noteBasicHealth([...found.before.keys()], clients.beanstalk, log)
      ])
      return {
        backing: found.services.backing,
        before: found.before,
        missing: found.missing,
        platforms: found.platforms,
        healthChecks: found.healthChecks,
        properties: found.properties,
        waitTimeouts: found.waitTimeouts,
        resolution
      }
    },
    { title: 'Backing services and environments', done: ({ before }) => environmentsLine(before) }
  )
}

/** Each environment's wait-timeout: the workflow's, or its deployment policy's; unreadable settings leave the default. */
async function waitTimeoutsOf(
  prepared: Prepared,
  environments: readonly string[],
  readSettings: OptionSettingsReader
): Promise<Map<string, number>> {
  const { config } = prepared
  const waits = await Promise.all(
    environments.map(async name =>
      deployWaitTimeoutMs(config, await readSettings(name).catch(() => []), line =>
        actionsLogger.info(`${name}: ${line}`)
      )
    )
  )
  return new Map(environments.map((name, index) => [name, waits[index] ?? config.waitTimeoutMs]))
}

/** Each environment's properties; an environment whose settings cannot be read has none here. */
async function propertiesOf(
  environments: readonly string[],
  readSettings: OptionSettingsReader
): Promise<Map<string, Map<string, string>>> {
  const read = await Promise.all(
    environments.map(name => environmentProperties(readSettings, name).catch(() => new Map<string, string>()))
  )
  return new Map(environments.map((name, index) => [name, read[index] ?? new Map<string, string>()]))
}

/** Each environment as it is before the deploy (it must exist). */
async function environmentsBefore(
  prepared: Prepared,
  clients: AwsClients
): Promise<Map<string, EnvironmentDescription>> {
  const before = new Map<string, EnvironmentDescription>()
  for (const environmentName of prepared.targets.flatMap(target => target.environments)) {
    before.set(
      environmentName,
      await requireEnvironment(clients.beanstalk, prepared.config.application, environmentName)
    )
  }
  return before
}

/** A settled lookup's value, or its failure thrown. */
function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason
  return result.value
}
