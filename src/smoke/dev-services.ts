// Pure: what the smoke run needs to boot the app for real on the runner
// without reaching RDS or ElastiCache. The compose file's own dev-only
// backing services (the ones the plan replaced) become throwaway containers,
// and the Dockerrun rendered for the smoke run points at them instead of the
// managed endpoints.

import type { ComposeProject, ComposeService } from '../core/compose/model.js'
import type { ResolvedBacking, Resolution } from '../core/dockerrun.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { BackingRole, DeployPlan } from '../core/plan-types.js'

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
  /** The password the compose file gives the app (its URL) or the server (POSTGRES_PASSWORD…). */
  password?: string
  /** `docker exec` argv that succeeds once the server accepts connections; undefined when unknown. */
  readinessProbe?: string[]
}

const PASSWORD_VARIABLES = ['POSTGRES_PASSWORD', 'MYSQL_PASSWORD', 'MARIADB_PASSWORD', 'MYSQL_ROOT_PASSWORD']
const USER_VARIABLES = ['POSTGRES_USER', 'MYSQL_USER', 'MARIADB_USER']

type Engine = 'postgres' | 'mysql' | 'redis' | 'valkey'

function engineOf(image: string, role: BackingRole): Engine {
  const name = image.toLowerCase()
  if (/(^|\/)(mysql|mariadb)(:|@|$)/.test(name)) return 'mysql'
  if (/(^|\/)valkey(:|@|$)/.test(name)) return 'valkey'
  if (/(^|\/)redis(:|@|$)/.test(name)) return 'redis'
  return role === 'database' ? 'postgres' : 'redis'
}

const DEFAULT_PORT: Record<Engine, number> = { postgres: 5432, mysql: 3306, redis: 6379, valkey: 6379 }

/**
 * Probes run inside the server's own container over TCP: PostgreSQL's entrypoint restarts the
 * server once after initdb with TCP off, so only the final server answers these.
 */
export function readinessProbeFor(engine: Engine, user: string | undefined): string[] {
  switch (engine) {
    case 'postgres':
      return ['pg_isready', '-h', '127.0.0.1', ...(user ? ['-U', user] : [])]
    case 'mysql':
      return ['sh', '-c', 'mysqladmin ping -h 127.0.0.1 --silent || mariadb-admin ping -h 127.0.0.1 --silent']
    case 'redis':
      return ['redis-cli', '-h', '127.0.0.1', 'ping']
    case 'valkey':
      return ['valkey-cli', '-h', '127.0.0.1', 'ping']
  }
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined
  try {
    return new URL(value)
  } catch {
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
    if (!service?.image) {
      throw new Error(
        `the dev service ${replacement.composeService} has no image in the compose file, so the smoke test cannot start it`
      )
    }
    const engine = engineOf(service.image, replacement.role)
    const environment = literalEnvironment(service)
    const devUrl = parseUrl(replacement.devUrl)
    const urlNamesService = devUrl?.hostname === replacement.composeService
    const password =
      (urlNamesService && devUrl.password ? decodeURIComponent(devUrl.password) : undefined) ??
      PASSWORD_VARIABLES.map(name => environment[name]).find(value => value !== undefined)
    const user =
      (urlNamesService && devUrl.username ? decodeURIComponent(devUrl.username) : undefined) ??
      USER_VARIABLES.map(name => environment[name]).find(value => value !== undefined)
    return {
      role: replacement.role,
      name: replacement.composeService,
      image: service.image,
      environment,
      ...(service.command && { command: service.command }),
      ...(service.entrypoint && { entrypoint: service.entrypoint }),
      ...(service.memoryLimit !== undefined && { memoryBytes: service.memoryLimit }),
      port: urlNamesService && devUrl.port ? Number(devUrl.port) : DEFAULT_PORT[engine],
      ...(password !== undefined && { password }),
      readinessProbe: readinessProbeFor(engine, user)
    }
  })
}

/** Resolution.backing for the smoke run: every replaced service points at its dev container (alias = compose service name). */
export function smokeBacking(services: DevService[]): Partial<Record<BackingRole, ResolvedBacking>> {
  const backing: Partial<Record<BackingRole, ResolvedBacking>> = {}
  for (const service of services) {
    backing[service.role] = { endpoint: { host: service.name, port: service.port }, secrets: [] }
  }
  return backing
}

export function smokeResolution(
  base: Pick<Resolution, 'logDriver' | 'logGroup' | 'region'>,
  images: Record<string, string>,
  services: DevService[]
): Resolution {
  return { ...base, images, backing: smokeBacking(services) }
}

/**
 * The deployed bundle gets the database password by secret reference (RDS-managed); the smoke
 * run gives the dev service's password as a plain value instead, to the containers that use the
 * database and do not already receive that variable.
 */
export function withDevDatabasePassword(
  doc: DockerrunV2,
  plan: DeployPlan,
  passwordEnv: string,
  password: string | undefined
): DockerrunV2 {
  if (password === undefined) return doc
  const users = new Set(
    plan.containers.filter(container => container.uses.includes('database')).map(c => c.name)
  )
  return {
    ...doc,
    containerDefinitions: doc.containerDefinitions.map(container => {
      const has =
        (container.environment ?? []).some(entry => entry.name === passwordEnv) ||
        (container.secrets ?? []).some(secret => secret.name === passwordEnv)
      if (!users.has(container.name) || has) return container
      return {
        ...container,
        environment: [...(container.environment ?? []), { name: passwordEnv, value: password }]
      }
    })
  }
}

/**
 * Values for the document's `secrets`, by valueFrom: the database password variable gets the
 * dev service's password; every other secret (its real value lives in AWS) a placeholder.
 */
export function smokeSecretValues(
  doc: DockerrunV2,
  databasePasswordEnv: string,
  devPassword: string | undefined,
  placeholder: (name: string) => string
): Map<string, string> {
  const values = new Map<string, string>()
  for (const container of doc.containerDefinitions) {
    for (const secret of container.secrets ?? []) {
      const isDatabasePassword = secret.name === databasePasswordEnv && devPassword !== undefined
      if (isDatabasePassword) values.set(secret.valueFrom, devPassword)
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
