// Dev-only backing services (PostgreSQL, Redis…) in a compose file, and the
// connection URLs the app gets once RDS and ElastiCache replace them.

import type { ComposeService } from './compose/model.js'
import type { BackingRole, BackingReplacement, BackingSource } from './plan-types.js'

const DATABASE_IMAGE = /(^|\/)(postgres|postgresql|postgis|mysql|mariadb)(:|@|$)/
const CACHE_IMAGE = /(^|\/)(redis|valkey)(:|@|$)/
const DATABASE_NAMES = ['db', 'database', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb']
const CACHE_NAMES = ['redis', 'cache', 'valkey']

/** Recognises a backing store by its image (postgres:15, bitnami/redis…) or, failing that, its name. */
export function backingRoleOf(service: ComposeService): BackingRole | undefined {
  const image = (service.image ?? '').toLowerCase()
  if (DATABASE_IMAGE.test(image)) return 'database'
  if (CACHE_IMAGE.test(image)) return 'cache'
  if (image === '' || !service.build) {
    if (DATABASE_NAMES.includes(service.name.toLowerCase())) return 'database'
    if (CACHE_NAMES.includes(service.name.toLowerCase())) return 'cache'
  }
  return undefined
}

export const ROLE_PRODUCT: Record<BackingRole, string> = { database: 'RDS', cache: 'ElastiCache' }

export function describeBackingSource(source: BackingSource): string {
  switch (source.kind) {
    case 'rds':
      return `RDS instance ${source.id}`
    case 'elasticache':
      return `ElastiCache ${source.id}`
    case 'endpoint':
      return source.url
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
  /** Redis in-transit encryption: rediss:// */
  tls?: boolean
}

const DEFAULT_SCHEME: Record<BackingRole, string> = { database: 'postgres', cache: 'redis' }

/**
 * The URL the app reads for a replaced backing service: scheme, user and
 * database name kept from the compose file's development URL where the
 * managed service does not say otherwise, host and port from the endpoint,
 * never a password (that travels by secret reference).
 */
export function managedUrl(replacement: BackingReplacement, endpoint: BackingEndpoint): string {
  const dev = parseUrl(replacement.devUrl)
  let scheme = dev?.protocol.replace(/:$/, '') ?? DEFAULT_SCHEME[replacement.role]
  if (replacement.role === 'cache') scheme = endpoint.tls ? 'rediss' : scheme === 'rediss' ? 'redis' : scheme
  const user = endpoint.username ?? (dev?.username ? decodeURIComponent(dev.username) : undefined)
  const path =
    replacement.role === 'database' && endpoint.databaseName
      ? `/${endpoint.databaseName}`
      : (dev?.pathname ?? '')
  const auth = user ? `${encodeURIComponent(user)}@` : ''
  const search = dev ? withoutCredentials(dev).search : ''
  return `${scheme}://${auth}${endpoint.host}:${endpoint.port}${path === '/' ? '' : path}${search}`
}

/** Query parameters that carry a credential (`?password=`, `sslpassword`, `auth_token`…). */
export function isCredentialParameter(name: string): boolean {
  return /pass|pwd|secret|token/i.test(name) || /^auth$/i.test(name)
}

/** The URL without its password, in the user-info part or in the query: the bundle never carries one. */
export function withoutCredentials(url: URL): URL {
  const clean = new URL(url.href)
  clean.password = ''
  for (const name of [...clean.searchParams.keys()]) {
    if (isCredentialParameter(name)) clean.searchParams.delete(name)
  }
  return clean
}

/** Rewrites a value that points at the dev service ("db", "db:5432", "postgres://u:p@db/app") to the managed endpoint. */
export function rewriteBackingReference(
  value: string,
  composeService: string,
  endpoint: BackingEndpoint
): string | undefined {
  if (value === composeService) return endpoint.host
  if (new RegExp(`^${escape(composeService)}:\\d+$`).test(value)) return `${endpoint.host}:${endpoint.port}`
  const parsed = parseUrl(value)
  if (parsed && parsed.hostname === composeService) {
    const url = withoutCredentials(parsed)
    url.hostname = endpoint.host
    url.port = String(endpoint.port)
    return url.toString()
  }
  return undefined
}

/** True when an environment value points at the named compose service. */
export function mentionsService(value: string, service: string): boolean {
  return (
    value === service ||
    new RegExp(`^${escape(service)}:\\d+$`).test(value) ||
    parseUrl(value)?.hostname === service
  )
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}
