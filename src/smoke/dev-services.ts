// Pure: what the smoke run needs to boot the app for real on the runner
// without reaching RDS or ElastiCache. The compose file's own dev-only
// backing services (the ones the plan replaced, recognised by their image)
// become throwaway containers, and the Dockerrun rendered for the smoke run
// points at them instead of the managed endpoints — with the same
// variables bound, so a missing password or a wrong host shows up here.

import { DEFAULT_PORT, imageName, parseUrl } from '../core/backing.js'
import type { ComposeProject, ComposeService } from '../core/compose/model.js'
import type { ResolvedBacking, Resolution } from '../core/dockerrun.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { BackingEngine, BackingRole, DeployPlan } from '../core/plan-types.js'

export interface DevService {
  role: BackingRole
  /** Compose service name; also the network alias the app reaches it by. */
  name: string
  image: string
  environment: Record<string, string>
  command?: string[]
  entrypoint?: string[]
  /** Hard memory limit in bytes, as in the compose file. */
  memoryBytes?: number
  port: number
  /** The user and database the compose file gives the server (or the app's URL). */
  username?: string
  databaseName?: string
  /** The password the compose file gives the app (its URL) or the server (POSTGRES_PASSWORD…). */
  password?: string
  /** `docker exec` argv that succeeds once the server accepts connections; undefined when unknown. */
  readinessProbe?: string[]
}

/** The reference the smoke run's Dockerrun uses for the database password; resolved to the dev password. */
export const DEV_PASSWORD_REFERENCE = 'smoke-test:dev-database-password'

const PASSWORD_VARIABLES = ['POSTGRES_PASSWORD', 'MYSQL_PASSWORD', 'MARIADB_PASSWORD', 'MYSQL_ROOT_PASSWORD']
const USER_VARIABLES = ['POSTGRES_USER', 'MYSQL_USER', 'MARIADB_USER']
const DATABASE_VARIABLES = ['POSTGRES_DB', 'MYSQL_DATABASE', 'MARIADB_DATABASE']

type ProbeEngine = BackingEngine | 'valkey'

/**
 * Probes run inside the server's own container over TCP: PostgreSQL's entrypoint restarts the
 * server once after initdb with TCP off, so only the final server answers these.
 */
export function readinessProbeFor(engine: ProbeEngine, user: string | undefined): string[] | undefined {
  switch (engine) {
    case 'postgres':
      return ['pg_isready', '-h', '127.0.0.1', ...(user ? ['-U', user] : [])]
    case 'mysql':
      return ['sh', '-c', 'mysqladmin ping -h 127.0.0.1 --silent || mariadb-admin ping -h 127.0.0.1 --silent']
    case 'redis':
      return ['redis-cli', '-h', '127.0.0.1', 'ping']
    case 'valkey':
      return ['valkey-cli', '-h', '127.0.0.1', 'ping']
    case 'memcached':
      // The memcached image has no client to ask with; the app's own retries cover its first second.
      return undefined
  }
}

function literalEnvironment(service: ComposeService): Record<string, string> {
  const environment: Record<string, string> = {}
  for (const [name, value] of Object.entries(service.environment)) {
    if (value.kind === 'literal') environment[name] = value.value
  }
  return environment
}

/** The plan's replaced backing services, as the compose file runs them in development. */
export function devServices(plan: DeployPlan, compose: ComposeProject): DevService[] {
  return plan.backing.map(replacement => {
    const service = compose.services[replacement.composeService]
    // A service built FROM postgres (init scripts baked in) runs as its base image here.
    const image = service?.build ? service.build.contents?.baseImage : service?.image
    if (!service || !image) {
      throw new Error(
        `the dev service ${replacement.composeService} has no image in the compose file, so the smoke test cannot start it`
      )
    }
    const environment = literalEnvironment(service)
    const devUrl = parseUrl(replacement.devUrl)
    const urlNamesService = devUrl?.hostname === replacement.composeService
    const fromUrl = (part: string | undefined): string | undefined =>
      urlNamesService && part ? decodeURIComponent(part) : undefined
    const fromServer = (names: string[]): string | undefined =>
      names.map(name => environment[name]).find(value => value !== undefined && value !== '')
    const password = fromUrl(devUrl?.password) ?? fromServer(PASSWORD_VARIABLES)
    const username = fromUrl(devUrl?.username) ?? fromServer(USER_VARIABLES)
    const databaseName =
      replacement.role === 'database'
        ? (fromUrl(devUrl?.pathname.replace(/^\//, '')) ?? fromServer(DATABASE_VARIABLES))
        : undefined
    const probeEngine =
      replacement.engine === 'redis' && imageName(image) === 'valkey' ? 'valkey' : replacement.engine
    const probe = readinessProbeFor(probeEngine, username)
    return {
      role: replacement.role,
      name: replacement.composeService,
      image,
      environment,
      ...(service.command && { command: service.command }),
      ...(service.entrypoint && { entrypoint: service.entrypoint }),
      ...(service.memoryLimit !== undefined && { memoryBytes: service.memoryLimit }),
      port: urlNamesService && devUrl.port ? Number(devUrl.port) : DEFAULT_PORT[replacement.engine],
      ...(username !== undefined && { username }),
      ...(databaseName !== undefined && { databaseName }),
      ...(password !== undefined && { password }),
      ...(probe && { readinessProbe: probe })
    }
  })
}

/**
 * Resolution.backing for the smoke run: every replaced service points at its dev container
 * (alias = compose service name), and the database password at the dev password.
 */
export function smokeBacking(services: DevService[]): Partial<Record<BackingRole, ResolvedBacking>> {
  const backing: Partial<Record<BackingRole, ResolvedBacking>> = {}
  for (const service of services) {
    backing[service.role] = {
      endpoint: {
        host: service.name,
        port: service.port,
        ...(service.username !== undefined && { username: service.username }),
        ...(service.databaseName !== undefined && { databaseName: service.databaseName })
      },
      secrets:
        service.role === 'database' && service.password !== undefined
          ? [{ name: 'password', valueFrom: DEV_PASSWORD_REFERENCE }]
          : []
    }
  }
  return backing
}

export function smokeResolution(
  base: Pick<Resolution, 'logDriver' | 'logGroup' | 'region' | 'executionRoleArn'>,
  images: Record<string, string>,
  services: DevService[]
): Resolution {
  return { ...base, images, backing: smokeBacking(services) }
}

/**
 * Values for the document's `secrets`, by valueFrom: the database password (the dev reference,
 * and whatever the secrets input gives for the database password variable) gets the dev
 * service's password; every other secret (its real value lives in AWS) a placeholder.
 */
export function smokeSecretValues(
  doc: DockerrunV2,
  databasePasswordEnv: string,
  devPassword: string | undefined,
  placeholder: (name: string) => string
): Map<string, string> {
  const passwordReferences = new Set([DEV_PASSWORD_REFERENCE])
  for (const container of doc.containerDefinitions) {
    for (const secret of container.secrets ?? []) {
      if (secret.name === databasePasswordEnv) passwordReferences.add(secret.valueFrom)
    }
  }
  const values = new Map<string, string>()
  for (const container of doc.containerDefinitions) {
    for (const secret of container.secrets ?? []) {
      if (devPassword !== undefined && passwordReferences.has(secret.valueFrom))
        values.set(secret.valueFrom, devPassword)
      else if (!values.has(secret.valueFrom)) values.set(secret.valueFrom, placeholder(secret.name))
    }
  }
  return values
}

/** Run-time variables (Beanstalk environment properties) have no value on the runner: placeholders. */
export function placeholderEnvironment(
  plan: DeployPlan,
  placeholder: (name: string) => string
): Record<string, string> {
  const environment: Record<string, string> = {}
  for (const variable of plan.runtimeVariables) environment[variable.name] ??= placeholder(variable.name)
  return environment
}
