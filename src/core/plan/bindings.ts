// Which of a container's variables take their value from a managed backing
// service, and how. Only hosts are rewritten: URL hosts, and bare `name` /
// `name:port` values of variables whose names say host, server, address,
// URL or endpoint (DB_CONNECTION=mysql and CACHE_DRIVER=redis stay as they
// are). The development credentials beside such a host (DB_USER,
// POSTGRES_PASSWORD, REDIS_PASSWORD…) get the managed values, or go.

import {
  devOnlyQueryParameters,
  DEFAULT_PORT,
  DRIVER_PASSWORD_ENV,
  parseUrl,
  ROLE_PRODUCT
} from '../backing.js'
import type { ComposeService } from '../compose/model.js'
import type { BackingBinding, BackingReplacement, BindingKind } from '../plan-types.js'
import { isHostVariable } from './references.js'

const PASSWORD_VARIABLE = /(PASSWORD|PASSWD|(^|_)PASS|(^|_)PWD)$/i
const USER_VARIABLE = /(^|_)(USER|USERNAME|USR)$|^PGUSER$/i
const DATABASE_NAME_VARIABLE = /(^|_)(DB|DATABASE|DB_?NAME|DATABASE_NAME)$|^PGDATABASE$/i
const PORT_VARIABLE = /(^|_)PORT$|^PGPORT$/i
/** Names that speak of a data store (APP_SQL_PASS, DJANGO_DB_PASSWORD). */
const STORE_WORD = /DB|DATABASE|SQL|POSTGRES|PG|MYSQL|MARIA|REDIS|CACHE/i
const HOST_SUFFIX = /_?(HOST|HOSTNAME|SERVER|ADDR|ADDRESS|URL|URI|ENDPOINT|DSN)$/i

/** Prefixes that name a backing service's settings whatever the app calls its host variable. */
const KNOWN_PREFIXES: Record<BackingReplacement['engine'], string[]> = {
  postgres: ['POSTGRES', 'POSTGRESQL', 'PG', 'DATABASE', 'DB'],
  mysql: ['MYSQL', 'MARIADB', 'DATABASE', 'DB'],
  redis: ['REDIS', 'CACHE'],
  memcached: ['MEMCACHED', 'MEMCACHE']
}

/** Variables in the dev service's own environment that hold its credentials. */
const SERVICE_PASSWORDS =
  /^(POSTGRES_PASSWORD|MYSQL_PASSWORD|MYSQL_ROOT_PASSWORD|MARIADB_PASSWORD|MARIADB_ROOT_PASSWORD|REDIS_PASSWORD)$/

export interface ContainerBindings {
  bindings: BackingBinding[]
  /** Development passwords beside a managed cache: no managed value exists, so they are not written. */
  droppedPasswords: string[]
  notes: string[]
}

export function bindingsFor(
  service: ComposeService,
  replacement: BackingReplacement,
  devService: ComposeService | undefined,
  databasePasswordEnv: string
): ContainerBindings {
  const hosts = new Set([
    replacement.composeService,
    ...service.links
      .filter(link => link.service === replacement.composeService && link.alias)
      .map(link => link.alias as string)
  ])
  const bindings: BackingBinding[] = []
  const droppedPasswords: string[] = []
  const notes: string[] = []
  const bind = (variable: string, kind: BindingKind): void => {
    if (!bindings.some(binding => binding.variable === variable))
      bindings.push({ role: replacement.role, variable, kind })
  }
  const literals = Object.entries(service.environment).flatMap(([name, value]) =>
    value.kind === 'literal' ? [[name, value.value] as const] : []
  )

  for (const [name, value] of literals) {
    const url = parseUrl(value)
    if (url && hosts.has(url.hostname)) {
      bind(name, 'url')
      const dropped = devOnlyQueryParameters(value)
      if (dropped.length > 0) {
        notes.push(
          `${service.name}: ${name}: ${dropped.join(', ')} left out of the managed URL (a development setting)`
        )
      }
      continue
    }
    const hostPort = /^([^:\s]+):(\d{1,5})$/.exec(value)
    if (isHostVariable(name) && hosts.has(value)) bind(name, 'host')
    else if (isHostVariable(name) && hostPort && hosts.has(hostPort[1] as string)) bind(name, 'host-port')
    else if (hostPort && hosts.has(hostPort[1] as string)) {
      notes.push(
        `${service.name}: ${name} names ${value}, which ${ROLE_PRODUCT[replacement.role]} replaces; not rewritten because its name does not say host, server, address, URL or endpoint — point it at the managed service yourself`
      )
    }
  }

  // Settings beside a rewritten host: same prefix as its variable (DB_HOST → DB_USER,
  // DB_POSTGRESDB_HOST → DB_POSTGRESDB_PASSWORD) or a well-known prefix of the engine. Never
  // by value alone: an admin password may well equal the dev database's ("airflow").
  const prefixes = new Set([
    ...KNOWN_PREFIXES[replacement.engine],
    ...bindings.map(binding => binding.variable.replace(HOST_SUFFIX, '')).filter(Boolean)
  ])
  const devCredentials = developmentCredentials(replacement, devService)
  const associated = (name: string, value: string): boolean =>
    [...prefixes].some(prefix => name.toUpperCase().startsWith(`${prefix.toUpperCase()}_`)) ||
    (replacement.engine === 'postgres' && /^PG(USER|PASSWORD|DATABASE|PORT)$/.test(name)) ||
    (STORE_WORD.test(name) && devCredentials.has(value))
  const devPort = parseUrl(replacement.devUrl)?.port || String(DEFAULT_PORT[replacement.engine])
  for (const [name, value] of literals) {
    if (bindings.some(binding => binding.variable === name) || !associated(name, value)) continue
    if (PASSWORD_VARIABLE.test(name) && value !== '') {
      if (replacement.role === 'database') bind(name, 'password')
      else droppedPasswords.push(name)
    } else if (replacement.role === 'database' && USER_VARIABLE.test(name)) bind(name, 'user')
    else if (replacement.role === 'database' && DATABASE_NAME_VARIABLE.test(name)) bind(name, 'database')
    else if (
      PORT_VARIABLE.test(name) &&
      value === devPort &&
      bindings.some(binding => binding.kind === 'host')
    ) {
      bind(name, 'port')
    }
  }

  // cache-env names a Redis URL: a Memcached client reads only the hosts rewritten above.
  if (replacement.engine !== 'memcached') {
    const envValue = service.environment[replacement.envName]
    if (envValue?.kind === 'literal' && !bindings.some(binding => binding.variable === replacement.envName)) {
      notes.push(
        `${service.name}: ${replacement.envName} keeps its own value (it does not point at ${replacement.composeService})`
      )
    } else bind(replacement.envName, 'url')
  }

  if (replacement.role === 'database') {
    bind(databasePasswordEnv, 'password')
    const driver = DRIVER_PASSWORD_ENV[replacement.engine]
    if (driver) bind(driver, 'password')
  }
  return { bindings, droppedPasswords, notes }
}

/** Values the dev service was given as its user, password or database (POSTGRES_PASSWORD, the URL's password…). */
function developmentCredentials(
  replacement: BackingReplacement,
  devService: ComposeService | undefined
): Set<string> {
  const values = new Set<string>()
  for (const [name, value] of Object.entries(devService?.environment ?? {})) {
    if (value.kind === 'literal' && value.value !== '' && SERVICE_PASSWORDS.test(name))
      values.add(value.value)
  }
  const command = devService?.command ?? []
  const requirepass = command.indexOf('--requirepass')
  if (requirepass >= 0 && command[requirepass + 1]) values.add(command[requirepass + 1] as string)
  const url = parseUrl(replacement.devUrl)
  if (url?.password) values.add(decodeURIComponent(url.password))
  return values
}
