// Pure: the Beanstalk twin of the managed backing services. In the smoke run
// each dev-only service the plan replaced (recognised by its image) runs as a
// throwaway container of the same engine, but as RDS / ElastiCache will
// answer on AWS: only under the managed endpoint's own host name and port,
// with the RDS instance's master user and database name, and a fresh random
// password that reaches the app only through the bundle's own secret
// references. The compose file's dev settings of the service (POSTGRES_*,
// MYSQL_*, its command, init scripts) play no part: RDS never sees them, so
// `${VAR}` in them no longer matters and its dev credentials are not accepted.

import { randomBytes } from 'node:crypto'
import {
  DEFAULT_PORT,
  describeBackingSource,
  imageName,
  refusesPlainConnections,
  ROLE_PRODUCT
} from '../core/backing-engines.js'
import type { BackingEndpoint } from '../core/backing-engines.js'
import type { ComposeProject } from '../core/compose/model.js'
import { endpointFromInput, type ResolvedBacking } from '../core/dockerrun.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { BackingEngine, BackingReplacement, BackingRole, DeployPlan } from '../core/plan/types.js'

export type ProbeEngine = BackingEngine | 'valkey'

export interface DevService {
  role: BackingRole
  engine: ProbeEngine
  /** Compose service name: names the twin's container and the messages, never a host name here. */
  name: string
  image: string
  /** The managed endpoint's host name: the twin's only network alias. */
  host: string
  port: number
  /** What the twin stands in for, e.g. `RDS instance puppies-db`. */
  managed: string
  /** The managed service's user (RDS MasterUsername) and database (DBName). */
  username?: string
  databaseName?: string
  /** The twin's fresh password (a database only): reaches the app only through secret references. */
  password?: string
  /** The twin's own settings (POSTGRES_USER…): never the compose file's. */
  environment: Record<string, string>
  command?: string[]
  /** Hard memory limit in bytes, as in the compose file. */
  memoryBytes?: number
  /** `docker exec` argv that succeeds once the server accepts connections; undefined when unknown. */
  readinessProbe?: string[]
  /** `docker exec` argv run once ready: turns on the log of connections the smoke test reads. */
  connectionLogging?: string[]
  /**
   * A PostgreSQL database twin serves TLS (self-signed, for `host`) as every RDS instance does, and with
   * `refusePlain` (RDS for PostgreSQL 15+, rds.force_ssl = 1) refuses unencrypted connections.
   */
  tls?: { refusePlain: boolean }
}

/** The managed backing services as the deploy resolved them (DescribeDBInstances…), by role. */
export type ManagedBacking = Partial<Record<BackingRole, ResolvedBacking>>

/** The image the twin of a replaced service runs: its own, or for a service built FROM postgres, that base. */
export function twinImage(replacement: BackingReplacement, compose: ComposeProject): string {
  const service = compose.services[replacement.composeService]
  const image = service?.build ? service.build.contents?.baseImage : service?.image
  if (!service || !image) {
    throw new Error(
      `the dev service ${replacement.composeService} has no image in the compose file, so the smoke test cannot start its twin`
    )
  }
  return image
}

/** The endpoint the app will reach on AWS: the lookup's answer, or the endpoint URL input. */
function managedEndpoint(replacement: BackingReplacement, backing: ManagedBacking): BackingEndpoint {
  const endpoint = backing[replacement.role]?.endpoint ?? endpointFromInput(replacement)
  if (!endpoint) {
    throw new Error(
      `the smoke test needs the ${replacement.role} endpoint (${describeBackingSource(replacement.source)}) to stand in for it`
    )
  }
  return endpoint
}

/** The engine's superuser when the managed service names no user (an endpoint URL without one). */
const DEFAULT_USER: Record<BackingEngine, string | undefined> = {
  postgres: 'postgres',
  mysql: 'root',
  redis: undefined,
  memcached: undefined
}

/**
 * New every run, so no dev password or guess ever logs in: random hex around characters an RDS password may hold
 * ("any printable ASCII character except /, \" or @",
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, MasterUserPassword) that
 * break an app splicing the password into a URL unescaped (`#` ends it, `?` starts a query, `%` starts an
 * escape): what would fail against RDS fails here. 32 characters: within RDS for MySQL's 41.
 */
export function twinPassword(): string {
  return `${randomBytes(8).toString('hex')}#%?:!$&${randomBytes(4).toString('hex')}(`
}

/**
 * Probes run inside the server's own container over TCP: PostgreSQL's entrypoint restarts the
 * server once after initdb with TCP off, so only the final server answers these.
 */
export function readinessProbeFor(
  engine: ProbeEngine,
  user: string | undefined,
  port = DEFAULT_PORT[engine === 'valkey' ? 'redis' : engine]
): string[] | undefined {
  switch (engine) {
    case 'postgres':
      return ['pg_isready', '-h', '127.0.0.1', '-p', String(port), ...(user ? ['-U', user] : [])]
    case 'mysql':
      return [
        'sh',
        '-c',
        `mysqladmin ping -h 127.0.0.1 -P ${port} --silent || mariadb-admin ping -h 127.0.0.1 -P ${port} --silent`
      ]
    case 'redis':
      return ['redis-cli', '-h', '127.0.0.1', '-p', String(port), 'ping']
    case 'valkey':
      return ['valkey-cli', '-h', '127.0.0.1', '-p', String(port), 'ping']
    case 'memcached':
      // The memcached image has no client to ask with; the app's own retries cover its first second.
      return undefined
  }
}

/**
 * For MySQL / MariaDB, turns on what the smoke test reads to prove who connected: the general log,
 * into its table. Runs once the server is ready, before any app container starts. PostgreSQL and
 * Redis log connections from their command line (twinCommand), with no call once they are up.
 */
export function connectionLoggingFor(engine: ProbeEngine): string[] | undefined {
  switch (engine) {
    case 'mysql':
      return [
        'sh',
        '-c',
        `q="SET GLOBAL log_output='TABLE'; SET GLOBAL general_log=1"; mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -e "$q" 2>/dev/null || mariadb -uroot -p"$MYSQL_ROOT_PASSWORD" -e "$q"`
      ]
    default:
      return undefined
  }
}

/** The server's settings as a fresh managed instance with this user, database and password has them. */
export function twinEnvironment(
  engine: ProbeEngine,
  port: number,
  credentials: { username?: string; databaseName?: string; password?: string }
): Record<string, string> {
  const { username, databaseName, password = '' } = credentials
  switch (engine) {
    case 'postgres':
      return {
        POSTGRES_USER: username ?? 'postgres',
        POSTGRES_PASSWORD: password,
        // RDS for PostgreSQL without a DBName has only its `postgres` database.
        POSTGRES_DB: databaseName ?? 'postgres',
        ...(port !== DEFAULT_PORT.postgres && { PGPORT: String(port) })
      }
    case 'mysql':
      return {
        MYSQL_ROOT_PASSWORD: password,
        // The images refuse MYSQL_USER=root: the master user is root itself then.
        ...(username !== undefined &&
          username !== 'root' && { MYSQL_USER: username, MYSQL_PASSWORD: password }),
        ...(databaseName !== undefined && { MYSQL_DATABASE: databaseName }),
        ...(port !== DEFAULT_PORT.mysql && { MYSQL_TCP_PORT: String(port) })
      }
    case 'redis':
    case 'valkey':
      // ElastiCache without an AUTH token asks for no password (Bitnami's images refuse that otherwise).
      return { ALLOW_EMPTY_PASSWORD: 'yes' }
    case 'memcached':
      return {}
  }
}

/**
 * The server's command: the images' own (`postgres`, `redis-server`; their entrypoints take it), with
 * the connections logged — PostgreSQL's log_connections, Redis' verbose log (`Accepted <ip>:<port>`) —
 * and the managed port when it is not the engine's.
 */
export function twinCommand(engine: ProbeEngine, port: number): string[] | undefined {
  const redisPort = port !== DEFAULT_PORT.redis ? ['--port', String(port)] : []
  switch (engine) {
    case 'postgres':
      return ['postgres', '-c', 'log_connections=on']
    case 'redis':
      return ['redis-server', '--loglevel', 'verbose', ...redisPort]
    case 'valkey':
      return ['valkey-server', '--loglevel', 'verbose', ...redisPort]
    case 'memcached':
      return port !== DEFAULT_PORT.memcached ? ['memcached', '-p', String(port)] : undefined
    case 'mysql':
      return undefined
  }
}

function describeManaged(replacement: BackingReplacement, endpoint: BackingEndpoint): string {
  const { source } = replacement
  if (source.kind === 'rds' || source.kind === 'elasticache') return describeBackingSource(source)
  return `${ROLE_PRODUCT[replacement.role]} endpoint ${endpoint.host}`
}

/**
 * The twins of the plan's replaced services, on the managed endpoints the deploy resolved. Each
 * database gets a fresh password (`password` makes it predictable for tests).
 */
export function devServices(
  plan: DeployPlan,
  compose: ComposeProject,
  backing: ManagedBacking,
  password: () => string = twinPassword
): DevService[] {
  return plan.backing.map(replacement => {
    const image = twinImage(replacement, compose)
    const endpoint = managedEndpoint(replacement, backing)
    const engine: ProbeEngine =
      replacement.engine === 'redis' && imageName(image) === 'valkey' ? 'valkey' : replacement.engine
    const port = endpoint.port
    const username =
      replacement.role === 'database' ? (endpoint.username ?? DEFAULT_USER[replacement.engine]) : undefined
    const databaseName = replacement.role === 'database' ? endpoint.databaseName : undefined
    const secret = replacement.role === 'database' ? password() : undefined
    const memoryBytes = compose.services[replacement.composeService]?.memoryLimit
    const command = twinCommand(engine, port)
    const credentials = {
      ...(username !== undefined && { username }),
      ...(databaseName !== undefined && { databaseName }),
      ...(secret !== undefined && { password: secret })
    }
    const probe = readinessProbeFor(engine, username, port)
    const logging = connectionLoggingFor(engine)
    return {
      role: replacement.role,
      engine,
      name: replacement.composeService,
      image,
      host: endpoint.host,
      port,
      managed: describeManaged(replacement, endpoint),
      ...credentials,
      environment: twinEnvironment(engine, port, credentials),
      ...(command && { command }),
      ...(memoryBytes !== undefined && { memoryBytes }),
      ...(probe && { readinessProbe: probe }),
      ...(logging && { connectionLogging: logging }),
      ...(engine === 'postgres' &&
        replacement.role === 'database' && {
          tls: { refusePlain: refusesPlainConnections('postgres', endpoint) }
        })
    }
  })
}

/**
 * The secret references that carry the database password in this document: the managed
 * service's own (the RDS-managed master secret), whatever the secrets input gives for the
 * database password variable, and any reference bound to a variable the plan treats as the
 * database password (PGPASSWORD…).
 */
export function databasePasswordReferences(
  doc: DockerrunV2,
  plan: DeployPlan,
  backing: ManagedBacking,
  databasePasswordEnv: string
): Set<string> {
  const references = new Set((backing.database?.secrets ?? []).map(secret => secret.valueFrom))
  const passwordVariables = new Set([databasePasswordEnv])
  for (const container of plan.containers) {
    for (const binding of container.bindings) {
      if (binding.role === 'database' && binding.kind === 'password') passwordVariables.add(binding.variable)
    }
  }
  for (const container of doc.containerDefinitions) {
    for (const secret of container.secrets ?? []) {
      if (passwordVariables.has(secret.name)) references.add(secret.valueFrom)
    }
  }
  return references
}

/**
 * What the smoke runner resolves each `secrets[].valueFrom` of the document to: the database
 * password references to the twin's password, every other secret (its real value lives in
 * AWS) to a placeholder.
 */
export function smokeSecretValues(
  doc: DockerrunV2,
  passwordReferences: Set<string>,
  twinDatabasePassword: string | undefined,
  placeholder: (name: string) => string
): Map<string, string> {
  const values = new Map<string, string>()
  for (const container of doc.containerDefinitions) {
    for (const secret of container.secrets ?? []) {
      if (twinDatabasePassword !== undefined && passwordReferences.has(secret.valueFrom))
        values.set(secret.valueFrom, twinDatabasePassword)
      else if (!values.has(secret.valueFrom)) values.set(secret.valueFrom, placeholder(secret.name))
    }
  }
  return values
}

/**
 * What every container gets besides its own environment, as on Beanstalk: the environment's properties (real
 * values); run-time variables that no property sets get placeholders (no value on the runner); the database
 * password variable, which on Beanstalk holds the password the team put there (a reference of its own kind),
 * gets the twin's password.
 */
export function smokeEnvironment(
  plan: DeployPlan,
  placeholder: (name: string) => string,
  properties: Record<string, string> = {},
  databasePassword?: { variable: string; value: string }
): Record<string, string> {
  const environment: Record<string, string> = {}
  for (const variable of plan.runtimeVariables) environment[variable.name] = placeholder(variable.name)
  Object.assign(environment, properties)
  if (databasePassword) environment[databasePassword.variable] = databasePassword.value
  return environment
}
