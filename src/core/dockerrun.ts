// DeployPlan + what the deploy resolved (image digests, managed endpoints) →
// the Dockerrun.aws.json v2 document. Pure.

import {
  describeBackingSource,
  managedUrl,
  rewriteBackingReference,
  type BackingEndpoint
} from './backing.js'
import type {
  ContainerDefinition,
  DockerrunV2,
  LogConfiguration,
  SecretReference
} from './dockerrun-types.js'
import { ComposeError } from './errors.js'
import type { BackingRole, ContainerPlan, DeployPlan } from './plan-types.js'
import { dockerrunProblems } from './validate-dockerrun.js'

export interface ResolvedBacking {
  endpoint: BackingEndpoint
  /** Secret references that come with the managed service (the RDS-managed master password). */
  secrets: SecretReference[]
}

export interface Resolution {
  /** Image id (ImageBuild.id) → pinned image, `<repositoryUri>@sha256:…`. */
  images?: Record<string, string>
  /** Registry host for images not pushed yet (plan mode): `<registry>/<repository>:<label>`. */
  registry?: string
  backing?: Partial<Record<BackingRole, ResolvedBacking>>
  region?: string
  logDriver?: 'awslogs' | 'json-file' | 'none'
  logGroup?: string
}

export function renderDockerrun(plan: DeployPlan, resolution: Resolution = {}): DockerrunV2 {
  const containerDefinitions = plan.containers.map(container => renderContainer(plan, container, resolution))
  const document: DockerrunV2 = {
    AWSEBDockerrunVersion: 2,
    ...(plan.executionRoleArn !== undefined && { executionRoleArn: plan.executionRoleArn }),
    ...(plan.volumes.length > 0 && {
      volumes: plan.volumes.map(volume => ({ name: volume.name, host: { sourcePath: volume.sourcePath } }))
    }),
    containerDefinitions
  }
  const problems = dockerrunProblems(document)
  if (problems.length > 0) {
    throw new ComposeError(
      `Dockerrun.aws.json would be rejected: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).join('; ')})` : ''}`
    )
  }
  return document
}

function renderContainer(
  plan: DeployPlan,
  container: ContainerPlan,
  resolution: Resolution
): ContainerDefinition {
  const environment = { ...container.environment }
  const secrets = [...container.secrets]
  for (const replacement of plan.backing) {
    if (!container.uses.includes(replacement.role)) continue
    const resolved = resolution.backing?.[replacement.role]
    const endpoint = resolved?.endpoint ?? endpointFromInput(replacement.source)
    if (!endpoint) {
      // Plan mode without a lookup: say where the value will come from.
      environment[replacement.envName] =
        `<${replacement.source.kind === 'unset' ? 'not set' : `resolved at deploy from ${describeBackingSource(replacement.source)}`}>`
      continue
    }
    for (const [name, value] of Object.entries(environment)) {
      const rewritten = rewriteBackingReference(value, replacement.composeService, endpoint)
      if (rewritten !== undefined) environment[name] = rewritten
    }
    environment[replacement.envName] = managedUrl(replacement, endpoint)
    for (const secret of resolved?.secrets ?? []) {
      if (!secrets.some(existing => existing.name === secret.name)) secrets.push(secret)
      delete environment[secret.name]
    }
  }

  const logConfiguration = renderLogConfiguration(plan, container, resolution)
  return {
    name: container.name,
    image: imageOf(plan, container, resolution),
    essential: container.essential,
    ...(container.memory !== undefined && { memory: container.memory }),
    ...(container.memoryReservation !== undefined && { memoryReservation: container.memoryReservation }),
    ...(container.portMappings.length > 0 && { portMappings: container.portMappings }),
    ...(container.links.length > 0 && { links: container.links }),
    ...(Object.keys(environment).length > 0 && {
      environment: Object.entries(environment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value }))
    }),
    ...(secrets.length > 0 && { secrets: [...secrets].sort((a, b) => a.name.localeCompare(b.name)) }),
    ...(container.command && { command: container.command }),
    ...(container.entryPoint && { entryPoint: container.entryPoint }),
    ...(container.workingDirectory && { workingDirectory: container.workingDirectory }),
    ...(container.mountPoints.length > 0 && { mountPoints: container.mountPoints }),
    ...(logConfiguration && { logConfiguration })
  }
}

function imageOf(plan: DeployPlan, container: ContainerPlan, resolution: Resolution): string {
  if (container.image.kind === 'prebuilt') return container.image.ref
  const buildId = container.image.buildId
  const pinned = resolution.images?.[buildId]
  if (pinned) return pinned
  const build = plan.images.find(image => image.id === buildId)
  if (!build) throw new ComposeError(`container ${container.name}: no image build ${buildId} in the plan`)
  const repository = resolution.registry ? `${resolution.registry}/${build.repository}` : build.repository
  return `${repository}:${plan.versionLabel || 'latest'}`
}

/** awslogs sends container output to CloudWatch Logs, where `eb logs --cloudwatch-logs` and the console find it. */
function renderLogConfiguration(
  plan: DeployPlan,
  container: ContainerPlan,
  resolution: Resolution
): LogConfiguration | undefined {
  const driver = resolution.logDriver ?? 'awslogs'
  if (driver === 'none') return undefined
  if (driver === 'json-file')
    return { logDriver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } }
  return {
    logDriver: 'awslogs',
    options: {
      'awslogs-group':
        // Per application, not per environment: one bundle can serve several environments.
        resolution.logGroup ?? `/aws/elasticbeanstalk/${plan.application}/containers`,
      ...(resolution.region !== undefined && { 'awslogs-region': resolution.region }),
      'awslogs-stream-prefix': container.name,
      'awslogs-create-group': 'true'
    }
  }
}

function endpointFromInput(source: DeployPlan['backing'][number]['source']): BackingEndpoint | undefined {
  if (source.kind !== 'endpoint') return undefined
  const url = new URL(source.url)
  const defaultPort = /^redis/.test(url.protocol) ? 6379 : /^mysql/.test(url.protocol) ? 3306 : 5432
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : defaultPort,
    ...(url.username && { username: decodeURIComponent(url.username) }),
    ...(url.pathname.length > 1 && !/^redis/.test(url.protocol) && { databaseName: url.pathname.slice(1) }),
    ...(url.protocol === 'rediss:' && { tls: true })
  }
}

/** Stable, readable JSON: the same plan always gives the same bytes. */
export function serialiseDockerrun(document: DockerrunV2): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
