// Dev-only backing services (PostgreSQL, MySQL, Redis, Memcached) in a
// compose file, recognised by the image they run, and the values the app
// gets once RDS and ElastiCache replace them.

import type { ComposeService } from './compose/model.js'
import type {
  BackingBinding,
  BackingEngine,
  BackingRole,
  BackingReplacement,
  BackingSource,
  QueryMember
} from './plan/types.js'

/** Image names (the last path component, without tag or digest) of each engine. */
const ENGINE_IMAGES: [BackingEngine, RegExp][] = [
  ['postgres', /^(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector|pgvecto-rs|[\w.-]*-postgres(ql)?)$/],
  ['mysql', /^(mysql|mysql-server|mariadb|percona|percona-server)$/],
  ['redis', /^(redis|redis-stack|redis-stack-server|valkey|keydb|dragonfly)$/],
  ['memcached', /^memcached$/]
]

export const ENGINE_ROLE: Record<BackingEngine, BackingRole> = {
  postgres: 'database',
  mysql: 'database',
  redis: 'cache',
  memcached: 'cache'
}

export const DEFAULT_PORT: Record<BackingEngine, number> = {
  postgres: 5432,
  mysql: 3306,
  redis: 6379,
  memcached: 11211
}

/**
 * The variable libpq (PostgreSQL) or libmysqlclient (MySQL) reads the password from when a connection gives none.
 * Only drivers built on them (or copying libpq: node-postgres, sqlx) read it; JDBC, PHP's mysqlnd (PDO, Doctrine),
 * Go's and Node's MySQL drivers do not.
 */
export const DRIVER_PASSWORD_ENV: Partial<Record<BackingEngine, string>> = {
  postgres: 'PGPASSWORD',
  mysql: 'MYSQL_PWD'
}

/** `ghcr.io/acme/postgres:15@sha256:…` → `postgres`. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0] as string
  const last = (withoutDigest.split('/').at(-1) as string).toLowerCase()
  return last.split(':')[0] as string
}

export function engineOfImage(image: string | undefined): BackingEngine | undefined {
  if (!image) return undefined
  const name = imageName(image)
  return ENGINE_IMAGES.find(([, pattern]) => pattern.test(name))?.[0]
}

/**
 * The engine a service runs, from its image — or, for a service built from a
 * Dockerfile, from the image that Dockerfile starts FROM (a postgres image
 * with init scripts baked in is still a database). Never from its name: an
 * app may be called "postgres", and a "cache" may run varnish.
 */
export function backingEngineOf(service: ComposeService): BackingEngine | undefined {
  // A client command is a job whatever the image: a backup sidecar may mount the server's data folder too.
  if (runsClient(service)) return undefined
  return (
    engineOfImage(service.build ? service.build.contents?.baseImage : service.image) ??
    engineOfServer(service)
  )
}

/** What the official images' entrypoints run a command with; the command after it is what matters. */
const ENTRYPOINT_SCRIPTS = /^(docker-entrypoint\.sh|docker-entrypoint|tini|dumb-init)$/

/**
 * A database image run with a command that is not its server: a job using the image for its client (`sh -c 'psql
 * "$DATABASE_URL" -f schema.sql'`, `pg_dump …`, `redis-cli …`) — a container to run, not a database to replace. The
 * server is run by the image's own command (none given), by flags to it (`-c max_connections=200`, `--appendonly
 * yes`), or by name (`postgres`, `redis-server`), also from inside a shell line.
 */
function runsClient(service: ComposeService): boolean {
  const argv = [...(service.entrypoint ?? []), ...(service.command ?? [])].filter(
    word => !ENTRYPOINT_SCRIPTS.test(word.split('/').at(-1) ?? '')
  )
  const [first] = argv
  if (first === undefined || first.startsWith('-')) return false
  const servers = Object.keys(SERVER_COMMANDS)
  return !argv.some(word =>
    word.split(/[\s;&|()'"]+/).some(token => servers.includes(token.split('/').at(-1) ?? ''))
  )
}

/** Server executables: `command: postgres -c …` runs PostgreSQL whatever the image is called. */
const SERVER_COMMANDS: Record<string, BackingEngine> = {
  postgres: 'postgres',
  mysqld: 'mysql',
  mariadbd: 'mysql',
  'redis-server': 'redis',
  'valkey-server': 'redis',
  'keydb-server': 'redis',
  memcached: 'memcached'
}

/** Data folders only the server writes (an app mounting them would be a backup job, run as a container). */
const SERVER_DATA: [BackingEngine, RegExp][] = [
  ['postgres', /^\/var\/lib\/postgresql(\/data)?$/],
  ['mysql', /^\/var\/lib\/mysql$/]
]

/**
 * An image of another name that runs a database server (an auto-upgrade or
 * extension image): its command starts the server, or its volume is the
 * server's data folder and it has the server's own variables.
 */
function engineOfServer(service: ComposeService): BackingEngine | undefined {
  const byCommand = [service.entrypoint?.[0], service.command?.[0]]
    .map(word => word?.split('/').at(-1))
    .map(name =>
      name !== undefined && Object.hasOwn(SERVER_COMMANDS, name) ? SERVER_COMMANDS[name] : undefined
    )
    .find(engine => engine !== undefined)
  if (byCommand) return byCommand
  const variables = Object.keys(service.environment)
  return SERVER_DATA.find(
    ([engine, folder]) =>
      service.volumes.some(volume => folder.test(volume.target)) &&
      variables.some(
        name => name.startsWith(engine === 'postgres' ? 'POSTGRES_' : 'MYSQL_') || name.startsWith('MARIADB_')
      )
  )?.[0]
}

export const ROLE_PRODUCT: Record<BackingRole, string> = { database: 'RDS', cache: 'ElastiCache' }

const ENGINE_LABEL: Record<BackingEngine, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL/MariaDB',
  redis: 'Redis/Valkey',
  memcached: 'Memcached'
}

/**
 * The protocol family of a managed service's engine as AWS names it, or of an endpoint URL's scheme. RDS
 * `Engine`: postgres, aurora-postgresql, mysql, mariadb, aurora-mysql (and `aurora`, MySQL 5.6-compatible),
 * oracle-*, sqlserver-*, db2-* (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html);
 * ElastiCache `Engine`: redis, valkey, memcached
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html). `undefined`: a
 * name of no family this action replaces (an Oracle instance, a `tcp://` URL).
 */
export function engineFamily(name: string): BackingEngine | undefined {
  const lower = name.toLowerCase()
  if (lower.includes('postgres') || lower.includes('postgis')) return 'postgres'
  if (lower.includes('mysql') || lower.includes('maria') || lower === 'aurora') return 'mysql'
  if (lower.includes('redis') || lower.includes('valkey')) return 'redis'
  if (lower.includes('memcache')) return 'memcached'
  return undefined
}

/**
 * Why the managed service cannot stand in for the compose service it replaces: it speaks another protocol (a
 * MySQL app given a PostgreSQL instance connects to nothing). `managed`: the engine AWS reports (`undefined`:
 * not reported, nothing to check) and `what` names the service in the message.
 */
export function engineMismatch(
  replacement: Pick<BackingReplacement, 'engine' | 'composeService' | 'role'>,
  managed: string | undefined,
  what: string
): string | undefined {
  if (managed === undefined) return undefined
  const family = engineFamily(managed)
  if (family === replacement.engine) return undefined
  const wanted = ENGINE_LABEL[replacement.engine]
  return `compose service "${replacement.composeService}" runs ${wanted}, but ${what} is ${family === undefined ? managed : ENGINE_LABEL[family]} (${managed}): the app would speak the wrong protocol; give a ${wanted} ${replacement.role === 'database' ? 'RDS instance' : 'ElastiCache cluster'} or endpoint`
}

export function describeBackingSource(source: BackingSource): string {
  switch (source.kind) {
    case 'rds':
      return `RDS instance ${source.id}`
    case 'elasticache':
      return `ElastiCache ${source.id}`
    case 'endpoint':
      return source.url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1@')
    case 'unset':
      return 'not given yet (plan only)'
  }
}

/** A managed endpoint as the AWS lookup found it (or as the user gave it). */
export interface BackingEndpoint {
  host: string
  port: number
  /** Database user (RDS MasterUsername) when known. */
  username?: string
  /** Database name (RDS DBName) when known. */
  databaseName?: string
  /**
   * The endpoint serves TLS: Redis in-transit encryption (rediss://), or a
   * database that accepts encrypted connections (every RDS instance does).
   */
  tls?: boolean
  /** The RDS instance's EngineVersion (`16.4`) when looked up: PostgreSQL 15+ refuses plain connections. */
  engineVersion?: string
  /**
   * ElastiCache accepts TLS connections only: in-transit encryption in its `required` mode (not `preferred`, which
   * accepts both while a cache migrates).
   */
  tlsOnly?: boolean
}

/**
 * RDS for PostgreSQL 15 and later default to rds.force_ssl = 1 and refuse unencrypted connections
 * (`no pg_hba.conf entry for host …, no encryption`):
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
 * Unknown (an endpoint URL input names no version): not assumed.
 */
export function refusesPlainConnections(engine: BackingEngine, endpoint: BackingEndpoint): boolean {
  if (engine !== 'postgres' || endpoint.engineVersion === undefined) return false
  const major = Number.parseInt(endpoint.engineVersion, 10)
  return Number.isFinite(major) && major >= 15
}

const DEFAULT_SCHEME: Record<BackingEngine, string> = {
  postgres: 'postgres',
  mysql: 'mysql',
  redis: 'redis',
  memcached: 'memcached'
}

/** Query parameters that turn TLS off or carry a password: development settings, never carried to AWS. */
export function isDevOnlyQueryParameter(name: string, value: string): boolean {
  const key = name.toLowerCase()
  if (isCredentialParameter(key)) return true
  if (key === 'sslmode') return /^(disable|allow)$/i.test(value)
  return /^(ssl|tls|usessl|use_ssl)$/.test(key) && /^(false|0|no|off|disable|disabled)$/i.test(value)
}

/**
 * A URL the app gave the dev service, pointed at the managed endpoint: the
 * app's own scheme and path are kept (mysql2://, postgresql+psycopg2://,
 * ecto://, a Redis db index), user and database name come from the managed
 * service when it says, the password never (it travels by reference), and
 * development-only query parameters are left out.
 */
export function rewriteUrl(
  value: string,
  role: BackingRole,
  endpoint: BackingEndpoint,
  query: Readonly<Record<string, QueryMember>> = {}
): string {
  // JDBC (jdbc:postgresql://db:5432/app): the driver takes the user from its own setting, not the URL's userinfo.
  const jdbc = /^jdbc:/i.exec(value)
  const url = parseUrl(jdbc ? value.slice(jdbc[0].length) : value)
  if (!url) return value
  const scheme = redisScheme(url.protocol.replace(/:$/, ''), endpoint)
  // A URL that carries its user or database only in the query (NocoDB's `pg://db:5432?u=…&d=…`) keeps that shape.
  const inQuery = new Set(Object.values(query))
  const user =
    jdbc || (url.username === '' && inQuery.has('user'))
      ? ''
      : (endpoint.username ?? (url.username ? decodeURIComponent(url.username) : undefined))
  const ownPath = url.pathname !== '' && url.pathname !== '/'
  const path =
    role === 'database' && endpoint.databaseName && (ownPath || !inQuery.has('database'))
      ? `/${endpoint.databaseName}`
      : url.pathname
  return `${jdbc?.[0] ?? ''}${composeUrl(scheme, user, endpoint, path, keptQuery(url, query, endpoint))}`
}

/** Query parameters that carry a credential (`?password=`, `sslpassword`, `auth_token`…). */
export function isCredentialParameter(name: string): boolean {
  return /pass|pwd|secret|token/i.test(name) || /^auth$/i.test(name)
}

/** The URL written into the database-env / cache-env variable when the app's environment did not have it. */
export function managedUrl(replacement: BackingReplacement, endpoint: BackingEndpoint): string {
  if (replacement.devUrl) return rewriteUrl(replacement.devUrl, replacement.role, endpoint)
  // No URL in the compose file: the endpoint input's scheme, else the engine's (mysql:// for MariaDB).
  const given = replacement.source.kind === 'endpoint' ? parseUrl(replacement.source.url) : undefined
  const scheme = redisScheme(
    given?.protocol.replace(/:$/, '') ?? DEFAULT_SCHEME[replacement.engine],
    endpoint
  )
  const path = replacement.role === 'database' && endpoint.databaseName ? `/${endpoint.databaseName}` : ''
  return composeUrl(scheme, endpoint.username, endpoint, path, '')
}

function redisScheme(scheme: string, endpoint: BackingEndpoint): string {
  if (scheme === 'redis' && endpoint.tls) return 'rediss'
  if (scheme === 'rediss' && endpoint.tls === false) return 'redis'
  return scheme
}

function composeUrl(
  scheme: string,
  user: string | undefined,
  endpoint: BackingEndpoint,
  path: string,
  query: string
): string {
  const auth = user ? `${encodeURIComponent(user)}@` : ''
  return `${scheme}://${auth}${endpoint.host}:${endpoint.port}${path === '/' ? '' : path}${query}`
}

function keptQuery(
  url: URL,
  query: Readonly<Record<string, QueryMember>>,
  endpoint: BackingEndpoint
): string {
  const managed: Record<QueryMember, string | undefined> = {
    user: endpoint.username || undefined,
    database: endpoint.databaseName,
    password: undefined,
    host: endpoint.host,
    port: String(endpoint.port)
  }
  // Parameters as written, encoding and all: libpq does not decode `+`, so re-encoding `%20` would change them.
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter(raw => raw !== '')
    .flatMap(raw => {
      const equals = raw.indexOf('=')
      const [name, value] = [...new URLSearchParams(raw)][0] ?? [raw, '']
      const member = query[name]
      if (member === 'password' || isDevOnlyQueryParameter(name, value)) return []
      const replacement = member && managed[member]
      if (replacement === undefined || replacement === value) return [raw]
      return [`${equals < 0 ? raw : raw.slice(0, equals)}=${encodeURIComponent(replacement)}`]
    })
  return kept.length === 0 ? '' : `?${kept.join('&')}`
}

/** The URL's dev-only query parameters (sslmode=disable…), for the note saying they were left out. */
export function devOnlyQueryParameters(value: string): string[] {
  const url = parseUrl(value)
  if (!url) return []
  return [...url.searchParams]
    .filter(([name, parameterValue]) => isDevOnlyQueryParameter(name, parameterValue))
    .map(([name]) => name)
}

export function parseUrl(value: string | undefined): URL | undefined {
  if (!value || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

/**
 * A container that takes the cache's address in host and port variables (which carry no scheme the action could make
 * `rediss://`), against an ElastiCache that accepts TLS connections only: its client connects in plain text
 * unless the app turns TLS on itself, and the smoke test, which reaches the cache without TLS (its twin cannot
 * present a certificate the client trusts), cannot show it. One warning per container; none when the cache takes
 * plain connections too.
 */
export function plainCacheAddressWarnings(
  containers: readonly { name: string; bindings: readonly BackingBinding[] }[],
  cache: BackingEndpoint | undefined,
  cacheName: string
): string[] {
  if (cache?.tlsOnly !== true) return []
  return containers.flatMap(container => {
    // A URL beside them (a Celery broker URL) gets rediss:// but says nothing of the client reading host and port.
    const bindings = container.bindings.filter(
      binding => binding.role === 'cache' && ['host', 'port', 'host-port'].includes(binding.kind)
    )
    if (bindings.length === 0) return []
    const variables = [...new Set(bindings.map(binding => binding.variable))].join(', ')
    return [
      `${container.name}: ${variables} give the cache's address with no scheme, and ${cacheName} accepts TLS connections only (in-transit encryption, mode required): turn TLS on in the app's cache client (a rediss:// URL, or its TLS option), or it reaches no cache on AWS; the smoke test reaches the cache without TLS and cannot show it`
    ]
  })
}
