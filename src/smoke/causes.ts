// Pure: why the twin failed, in words a user can act on, read from the
// containers' logs and the twins' connection logs: a host that does not
// resolve and is the compose name of a replaced service (or of a container it
// has no link to), a login refused for a user that is not the managed one (or
// with a password that did not come through the bundle's references), and
// `Permission denied` on a folder the bundle mounts.

import type { CaBundleFile } from './ca-bundles.js'
import { ADDRESS_KINDS, type BindingKind, type BackingRole } from '../core/plan/types.js'
import type { ServerConnection } from './reach.js'
import type { DevService } from './dev-services.js'

export interface ContainerFacts {
  name: string
  /** Names this container resolves other containers by (its links' aliases). */
  linkAliases: string[]
  /** Variables the plan binds to a managed service in this container. */
  bindings: { role: BackingRole; variable: string; kind: BindingKind }[]
  mounts: { containerPath: string; sourcePath: string; readOnly: boolean }[]
  /** The user it runs as (the image's USER or the document's `user`); undefined when root. */
  user?: string
  /** A variable of its environment that names a CA bundle (NODE_EXTRA_CA_CERTS, PGSSLROOTCERT, sslrootcert=…). */
  caBundle?: string
  /** What the CA bundle files it names by absolute path hold, read from its image (twin-trust.ts). */
  caFiles?: CaBundleFile[]
}

export type TwinFacts = Pick<
  DevService,
  'role' | 'engine' | 'name' | 'managed' | 'host' | 'username' | 'port'
>

const ENGINE_WORDS: Record<TwinFacts['engine'], RegExp> = {
  postgres: /postgres|psql|pg\b|[/:]5432\b|port 5432/i,
  mysql: /mysql|maria|[/:]3306\b|port 3306/i,
  redis: /redis|celery|sidekiq|[/:]6379\b|port 6379/i,
  valkey: /redis|valkey|celery|sidekiq|[/:]6379\b|port 6379/i,
  memcached: /memcache|[/:]11211\b/i
}

export interface DiagnosisInput {
  twins: TwinFacts[]
  containers: ContainerFacts[]
  /** Every container's recent log. */
  logs: { container: string; text: string }[]
  /** Connections each twin saw (by twin compose name), attributed to containers. */
  connections: Map<string, ServerConnection[] | undefined>
}

const NAME_RESOLUTION_FAILED =
  /could not translate host name|getaddrinfo|ENOTFOUND|EAI_AGAIN|Name or service not known|Temporary failure in name resolution|Unknown (?:MySQL|MariaDB) server host|no such host|UnknownHostException|nodename nor servname|Name does not resolve|Could not resolve host|failed to lookup address|No address associated with hostname|host not found|unknown host|could not resolve/i

const CONNECTION_REFUSED =
  /refused|ECONNREFUSED|Error 111|errno 111|Cannot assign requested address|EADDRNOTAVAIL|Error 99/i
const LOOPBACK = /(?<![\w.-])(localhost|127\.0\.0\.1|\[?::1\]?)(?![\w-])/i

/** PostgreSQL's refusal of a plain connection where only `hostssl` rules match (RDS's rds.force_ssl = 1). */
export const NO_ENCRYPTION = /no pg_hba\.conf entry for .*no encryption/

const PERMISSION_DENIED = /permission denied|EACCES|EPERM|operation not permitted|read-only file system/i

const HOST_VARIABLE: Record<TwinFacts['engine'], string> = {
  postgres: 'POSTGRES_HOST',
  mysql: 'MYSQL_HOST',
  redis: 'REDIS_HOST',
  valkey: 'REDIS_HOST',
  memcached: 'MEMCACHED_HOST'
}
const USER_VARIABLE: Partial<Record<TwinFacts['engine'], string>> = {
  postgres: 'POSTGRES_USER',
  mysql: 'MYSQL_USER'
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `name` as a host in a log line: not part of a longer name (`db` in `db_1` or `mydb.example`). */
function mentionsHost(line: string, name: string): boolean {
  return new RegExp(`(?<![\\w.-])${escapeRegExp(name)}(?![\\w-]|\\.\\w)`, 'i').test(line)
}

function boundVariables(
  container: ContainerFacts,
  role: BackingRole,
  kinds: readonly BindingKind[]
): string[] {
  return container.bindings
    .filter(binding => binding.role === role && kinds.includes(binding.kind))
    .map(binding => binding.variable)
}

function actionSets(variables: string[], container: string): string {
  return variables.length > 0
    ? `the action sets ${variables.join(', ')}`
    : `the action sets none in ${container}`
}

function unresolvedHostCause(
  input: DiagnosisInput,
  container: ContainerFacts,
  line: string
): string | undefined {
  for (const twin of input.twins) {
    if (!mentionsHost(line, twin.name)) continue
    const variables = boundVariables(container, twin.role, ADDRESS_KINDS)
    return `${container.name} tried to reach \`${twin.name}\`, the compose name of the ${twin.role} this deploy replaces with ${twin.managed} (${twin.host}); on Beanstalk it does not resolve: set the variable your app reads for the ${twin.role} host — ${actionSets(variables, container.name)} — or add it to the compose file as \`${HOST_VARIABLE[twin.engine]}: ${twin.name}\` so the action rewrites it`
  }
  for (const other of input.containers) {
    if (other.name === container.name || container.linkAliases.includes(other.name)) continue
    if (!mentionsHost(line, other.name)) continue
    return `${container.name} tried to reach \`${other.name}\`, another container of this app it has no link to; on Beanstalk (ECS bridge networking) containers reach each other only through links: add \`links: [${other.name}]\` to ${container.name} in the compose file`
  }
  return undefined
}

/**
 * A connection refused on the container's own loopback, naming a database or cache: a code default
 * (`redis://localhost:6379/0`) the app fell back to because it reads a variable the action does not set.
 */
function loopbackCause(input: DiagnosisInput, container: ContainerFacts, line: string): string | undefined {
  if (!CONNECTION_REFUSED.test(line)) return undefined
  const where = LOOPBACK.exec(line)?.[1]
  if (!where) return undefined
  const twin = input.twins.find(candidate => ENGINE_WORDS[candidate.engine].test(line))
  if (!twin) return undefined
  const variables = boundVariables(container, twin.role, ADDRESS_KINDS)
  return `${container.name} tried to reach the ${twin.role} on ${where}, where nothing listens on Beanstalk either: the ${twin.role} is ${twin.managed} (${twin.host}), and your app reads its address from a variable the action does not set (${actionSets(variables, container.name)}); add that variable to the compose file with its development value (the compose name ${twin.name}) so the action rewrites it`
}

function loginCause(
  twin: TwinFacts,
  container: ContainerFacts,
  user: string | undefined
): string | undefined {
  if (twin.role !== 'database') return undefined
  if (user !== undefined && twin.username !== undefined && user !== twin.username) {
    const variables = boundVariables(container, 'database', ['url', 'connection-string', 'user'])
    const example = USER_VARIABLE[twin.engine]
    return `${container.name} logged in to the database as \`${user}\`, but the user of ${twin.managed} is \`${twin.username}\`: the compose file's dev credentials do not work there; set the variable your app reads for the database user — ${actionSets(variables, container.name)}${example ? ` — or add it to the compose file as \`${example}: ${user}\` so the action rewrites it` : ''}`
  }
  const passwords = boundVariables(container, 'database', ['password'])
  return `${container.name} could not log in to the database as \`${user ?? twin.username ?? 'its user'}\`: the password it sent is not ${twin.managed}'s; on Beanstalk the app gets it only by reference, ${passwords.length > 0 ? `in ${passwords.join(', ')}: read it from there` : `and ${container.name} is given none: pass it with the secrets input (the database password variable) and read it in the app`}`
}

/** A refused login named by the app's own log (drivers quote the server's words). */
function loggedLoginFailure(line: string): { user: string } | undefined {
  const match =
    /password authentication failed for user "([^"]*)"/.exec(line) ??
    /role "([^"]*)" does not exist/.exec(line) ??
    /Access denied for user '([^']*)'@/.exec(line)
  return match ? { user: match[1] as string } : undefined
}

function permissionCause(container: ContainerFacts, line: string): string | undefined {
  const mount = container.mounts
    .filter(candidate => !candidate.readOnly)
    .filter(candidate =>
      new RegExp(
        `(?<![\\w.-])${escapeRegExp(candidate.containerPath.replace(/\/+$/, ''))}(?=$|[/'"\\s:,)\\]])`
      ).test(line)
    )
    .sort((a, b) => b.containerPath.length - a.containerPath.length)[0]
  if (!mount) return undefined
  return `${container.name} cannot write to ${mount.containerPath}: the folder is mounted from ${mount.sourcePath}, which belongs to root on the instance (as here), and ${container.name} runs as user \`${container.user ?? 'root'}\`; make it writable before the containers start (a .platform/hooks/predeploy script that chowns it under /var/app/staging), run the container as root, or write to a folder of the image or a volume instead`
}

/** Every cause found, the most specific first; at most one per container and kind. */
export function diagnose(input: DiagnosisInput): string[] {
  const causes: string[] = []
  const seen = new Set<string>()
  const add = (key: string, cause: string | undefined): void => {
    if (cause === undefined || seen.has(key)) return
    seen.add(key)
    causes.push(cause)
  }
  const facts = new Map(input.containers.map(container => [container.name, container]))
  for (const { container: name, text } of input.logs) {
    const container = facts.get(name)
    if (!container) continue
    for (const line of text.split('\n')) {
      if (NAME_RESOLUTION_FAILED.test(line)) add(`host:${name}`, unresolvedHostCause(input, container, line))
      add(`loopback:${name}`, loopbackCause(input, container, line))
      if (PERMISSION_DENIED.test(line)) add(`permission:${name}`, permissionCause(container, line))
    }
  }
  for (const twin of input.twins) {
    for (const connection of input.connections.get(twin.name) ?? []) {
      const container = connection.container ? facts.get(connection.container) : undefined
      if (!container || connection.ok || connection.failure === undefined) continue
      // A plain connection refused for want of TLS is tls-findings.ts' to explain, not a login's.
      if (NO_ENCRYPTION.test(connection.failure)) continue
      add(`login:${container.name}:${twin.role}`, loginCause(twin, container, connection.user))
    }
  }
  // Without the server's word (no connection log), the app's own.
  const database = input.twins.find(twin => twin.role === 'database')
  if (database) {
    for (const { container: name, text } of input.logs) {
      const container = facts.get(name)
      const failure = text
        .split('\n')
        .map(loggedLoginFailure)
        .find(found => found !== undefined)
      if (container && failure) add(`login:${name}:database`, loginCause(database, container, failure.user))
    }
  }
  return causes
}
