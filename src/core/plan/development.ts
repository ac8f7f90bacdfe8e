// What a replaced service was started with in development — its user, database name, port, published ports and
// passwords (POSTGRES_USER, --requirepass, its URL's) — which the app's own settings may repeat, and how a URL bound
// to it carries parts of that connection in its query. Pure.

import { DEFAULT_PORT, parseUrl } from '../backing-engines.js'
import type { ComposeService } from '../compose/model.js'
import type { BackingReplacement, QueryMember } from './types.js'

/** Variables in the dev service's own environment that hold its credentials. */
const SERVICE_PASSWORDS =
  /^(POSTGRES_PASSWORD|MYSQL_PASSWORD|MYSQL_ROOT_PASSWORD|MARIADB_PASSWORD|MARIADB_ROOT_PASSWORD|REDIS_PASSWORD)$/
/** A database or cache server's own password variable (a kept MariaDB container's MYSQL_PASSWORD). */
export const isServerPassword = (variable: string): boolean => SERVICE_PASSWORDS.test(variable)
const SERVICE_USERS = ['POSTGRES_USER', 'MYSQL_USER', 'MARIADB_USER']
const SERVICE_DATABASES = ['POSTGRES_DB', 'MYSQL_DATABASE', 'MARIADB_DATABASE']
/** What the official images fall back to: POSTGRES_USER defaults to postgres, and POSTGRES_DB to the user. */
const DEFAULT_USER: Partial<Record<BackingReplacement['engine'], string>> = {
  postgres: 'postgres',
  mysql: 'root'
}

/** What the dev service was started with: the values a family member the app leaves unset defaulted to. */
export interface Development {
  user?: string
  database?: string
  port: string
  /** Host ports the dev service publishes its port on (`5433:5432`): a port variable may name one by mistake. */
  publishedPorts: Set<string>
  credentials: Set<string>
}

/**
 * The query parameters of a URL bound to the replaced service that hold part of the connection: by name
 * (libpq's and Connector/J's `user`, `dbname`, `host`, `port`), or a short key holding the development user or
 * database name (NocoDB's `?u=postgres&d=root_db`); any key holding a development password is one.
 */
export function queryMembers(
  url: URL,
  development: Development,
  database: boolean
): Record<string, QueryMember> {
  const members: Record<string, QueryMember> = {}
  for (const [key, value] of url.searchParams) {
    const name = key.toLowerCase()
    const short = name.length <= 3
    const credential = development.credentials.has(value)
    // By name first; a short key by its value, a password-like one first (`?u=postgres&p=postgres`: the dev user
    // and password may be one word).
    if (database && /^(user|username|user_name)$/.test(name)) members[key] = 'user'
    else if (database && /^(dbname|database|db_name)$/.test(name)) members[key] = 'database'
    else if (database && name === 'host') members[key] = 'host'
    else if (database && name === 'port') members[key] = 'port'
    else if (credential && (!short || name.startsWith('p'))) members[key] = 'password'
    else if (
      database &&
      short &&
      value === development.database &&
      (name.startsWith('d') || value !== development.user)
    )
      members[key] = 'database'
    else if (database && short && value === development.user) members[key] = 'user'
    else if (credential) members[key] = 'password'
  }
  return members
}

/** The passwords a replaced service was given in development (POSTGRES_PASSWORD, --requirepass, its URL's). */
export function developmentPasswords(
  replacement: BackingReplacement,
  devService: ComposeService | undefined
): Set<string> {
  return developmentFacts(replacement, devService).credentials
}

/** User, database name, port and credential values the dev service was given (POSTGRES_USER, the URL's…). */
export function developmentFacts(
  replacement: BackingReplacement,
  devService: ComposeService | undefined
): Development {
  // A secret-looking `${VAR}` that .env defines is left to the environment, but .env's value is what the dev service ran with.
  const environment = new Map(
    Object.entries(devService?.environment ?? {}).flatMap(([name, value]) => {
      const text = value.kind === 'literal' ? value.value : value.dotenv
      return text !== undefined && text !== '' ? [[name, text] as const] : []
    })
  )
  const credentials = new Set<string>()
  for (const [name, value] of environment) if (SERVICE_PASSWORDS.test(name)) credentials.add(value)
  const command = devService?.command ?? []
  const requirepass = command.indexOf('--requirepass')
  if (requirepass >= 0 && command[requirepass + 1]) credentials.add(command[requirepass + 1] as string)
  const url = parseUrl(replacement.devUrl?.replace(/^jdbc:/i, ''))
  if (url?.password) credentials.add(decoded(url.password))
  const first = (names: string[]): string | undefined =>
    names.map(name => environment.get(name)).find(value => value !== undefined)
  const user =
    (url?.username ? decoded(url.username) : undefined) ??
    first(SERVICE_USERS) ??
    DEFAULT_USER[replacement.engine]
  const port = url?.port || String(DEFAULT_PORT[replacement.engine])
  const path = url?.pathname.replace(/^\//, '')
  const database =
    replacement.role === 'database'
      ? path || first(SERVICE_DATABASES) || (replacement.engine === 'postgres' ? user : undefined)
      : undefined
  return {
    ...(user !== undefined && replacement.role === 'database' && { user }),
    ...(database !== undefined && { database }),
    port,
    publishedPorts: new Set(
      (devService?.ports ?? [])
        .filter(mapping => String(mapping.containerPort) === port && mapping.hostPort !== undefined)
        .map(mapping => String(mapping.hostPort))
    ),
    credentials
  }
}

/** A URL's userinfo decoded; as written when it holds a bare `%` (`app:50%off@db`), which decodeURIComponent refuses. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
