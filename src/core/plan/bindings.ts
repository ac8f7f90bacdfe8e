// Which of a container's variables take their value from a managed backing
// service, and how. Hosts are rewritten: URL hosts (JDBC URLs too), and bare
// `name` / `name:port` values of variables whose names say host, server,
// address, URL or endpoint (DB_CONNECTION=mysql and CACHE_DRIVER=redis stay
// as they are). Around each rewritten host lies a family of settings — the
// same prefix with host, port, user, name, password and TLS mode spelled the
// way apps spell them (DB_HOST/DB_USER, PAPERLESS_DBHOST/PAPERLESS_DBPASS,
// LISTMONK_db__host/LISTMONK_db__user, POSTGRES_HOST/POSTGRES_DB, PGHOST…).
// A family is rewritten as a whole: the members the file sets get the managed
// values, and the members it leaves to the app's code defaults (which point
// at the development database: user "paperless", database "paperless") are
// added, each named in a note. Nothing is added that could change which
// settings the app reads: see databaseEnvBinding.

import {
  devOnlyQueryParameters,
  DRIVER_PASSWORD_ENV,
  isCredentialParameter,
  parseUrl,
  ROLE_PRODUCT
} from '../backing-engines.js'
import type { ComposeService } from '../compose/model.js'
import {
  connectionStringDatabase,
  parseConnectionString,
  parseRedisConfiguration
} from '../connection-strings.js'
import {
  ADDRESS_KINDS,
  type BackingBinding,
  type BackingReplacement,
  type BindingKind,
  type QueryMember
} from './types.js'
import { developmentFacts, queryMembers } from './development.js'
import { familyMembers, namesHostMember, type Family, type Member } from './families.js'
import { isConnectionSettingName, isHostVariable } from './references.js'

/** Schemes whose URL the rewrite knows (rediss for a TLS cache, user and database): a host variable's too. */
const KNOWN_SCHEME = /^(postgres(ql)?|mysql2?|mariadb|rediss?|valkeys?|memcached?)(\+[\w.-]+)?:$/i
const PASSWORD_VARIABLE = /(PASSWORD|PASSWD|(^|_)PASS|(^|_)PWD)$/i
const USER_VARIABLE = /(^|_)(USER|USERNAME|USR)$/i
/** Names that speak of a data store (APP_SQL_PASS, DJANGO_DB_PASSWORD). */
/** Words that name a store, per role; a name with the other role's word is that role's (REDIS_PASSWORD, DB_PASS). */
const DATABASE_WORD = /DB|DATABASE|SQL|POSTGRES|PG|MYSQL|MARIA/i
const CACHE_WORD = /REDIS|CACHE|VALKEY|MEMCACHE/i
/** The database words a cache variable may not hold; not `DB` alone, which REDIS_DB (the Redis database number) has. */
const DATABASE_PRODUCT = /DATABASE|SQL|POSTGRES|MYSQL|MARIA|(^|_)PG/i
const namesStore = (name: string, role: BackingReplacement['role']): boolean =>
  role === 'database'
    ? DATABASE_WORD.test(name) && !CACHE_WORD.test(name)
    : CACHE_WORD.test(name) && !DATABASE_PRODUCT.test(name)

/**
 * A variable of the app's own settings for a store, word by word (`APP_DB_HOST`, `PAPERLESS_DBHOST`, `PGHOST`,
 * `REDIS_URL`), not by a substring: linuxserver.io's `PGID` or a `STUDIO_DBG` flag says nothing of a database.
 */
function speaksOfStore(name: string, role: BackingReplacement['role']): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/)
  return role === 'database'
    ? words.some(
        word =>
          /^(DB(HOST|HOSTNAME|SERVER|USER|USERNAME|PASS|PASSWD|PASSWORD|NAME|PORT|SSLMODE|URL|URI)?|DATABASE\w*|\w*SQL|POSTGRES\w*|MARIA\w*|JDBC|DATASOURCE)$/.test(
            word
          ) ||
          /^PG(HOST|HOSTADDR|PORT|USER|PASSWORD|DATABASE|SSLMODE|SERVICE|SQL)?$/.test(word) ||
          /^(TYPEORM|SQLALCHEMY|SEQUELIZE|PRISMA|KNEX|HIBERNATE)$/.test(word)
      )
    : words.some(word => /^(REDIS|VALKEY|CACHE|MEMCACHE)\w*$|^BROKER$/.test(word))
}

/** TLS turned off: libpq's sslmode (disable, allow) and MySQL's --ssl-mode (DISABLED). */
const TLS_OFF_MODE = /^(disable|disabled|allow)$/i
const FALSE = /^(false|0|no|off|disable|disabled)$/i
/** Stands for the value of a member left to the environment: bound whatever it is. */
const RUNTIME = '\0runtime'

export interface ContainerBindings {
  bindings: BackingBinding[]
  /** Development passwords beside a managed cache: no managed value exists, so they are not written. */
  droppedPasswords: string[]
  /** Variables the compose file did not set, added with their development value (the render replaces it). */
  added: Record<string, string>
  notes: string[]
  /** What will not work on Beanstalk whatever the plan does (a password read from a compose secret file). */
  warnings: string[]
  /** `<member>_FILE` variables (a file Beanstalk does not mount) → the member variable set in their place. */
  replacedFiles: Record<string, string>
}

export function bindingsFor(
  service: ComposeService,
  replacement: BackingReplacement,
  devService: ComposeService | undefined,
  databasePasswordEnv: string
): ContainerBindings {
  const hosts = new Set([
    replacement.composeService,
    // Its container_name and network aliases name it as well (Leantime's LEAN_DB_HOST: mysql_leantime).
    ...(devService?.otherNames ?? []),
    ...service.links
      .filter(link => link.service === replacement.composeService && link.alias)
      .map(link => link.alias as string)
  ])
  const database = replacement.role === 'database'
  const result: ContainerBindings = {
    bindings: [],
    droppedPasswords: [],
    added: {},
    notes: [],
    warnings: [],
    replacedFiles: {}
  }
  const { bindings, notes } = result
  const bound = (variable: string): boolean => bindings.some(binding => binding.variable === variable)
  const bind = (variable: string, kind: BindingKind, query?: Record<string, QueryMember>): void => {
    if (!bound(variable))
      bindings.push({
        role: replacement.role,
        variable,
        kind,
        ...(query && Object.keys(query).length > 0 && { query })
      })
  }
  const literals = new Map(
    Object.entries(service.environment).flatMap(([name, value]) =>
      value.kind === 'literal' ? [[name, value.value] as const] : []
    )
  )
  const jdbcUrls: string[] = []
  const development = developmentFacts(replacement, devService)

  for (const [name, value] of literals) {
    const jdbc = /^jdbc:/i.test(value)
    const url = parseUrl(jdbc ? value.slice(5) : value)
    // libpq takes the host from the query too (`postgresql:///app?host=db`).
    if (
      url &&
      (hosts.has(url.hostname) || (url.hostname === '' && hosts.has(url.searchParams.get('host') ?? '')))
    ) {
      // A host variable holding scheme and address only (Authelia's `…_ADDRESS: tcp://db:5432`): the app takes user
      // and database from its family, so only host and port change, and the family is found from it.
      if (
        namesHostMember(name) &&
        !KNOWN_SCHEME.test(url.protocol) &&
        !url.username &&
        (url.pathname === '' || url.pathname === '/') &&
        !url.search
      ) {
        bind(name, 'address')
        continue
      }
      const query = queryMembers(url, development, database)
      bind(name, 'url', query)
      if (jdbc) jdbcUrls.push(name)
      const dropped = [
        ...devOnlyQueryParameters(value.replace(/^jdbc:/i, '')),
        ...Object.keys(query).filter(key => query[key] === 'password' && !isCredentialParameter(key))
      ]
      if (dropped.length > 0) {
        notes.push(
          `${service.name}: ${name}: ${dropped.join(', ')} left out of the managed URL (a development setting)`
        )
      }
      continue
    }
    // A database's key=value connection string or Go MySQL DSN (Npgsql, MySqlConnector, libpq, go-sql-driver).
    const connection = database
      ? parseConnectionString(value)
      : replacement.engine === 'redis' && !isHostVariable(name)
        ? parseRedisConfiguration(value, isConnectionSettingName(name))
        : undefined
    if (connection?.hosts.some(host => hosts.has(host))) {
      bind(name, 'connection-string')
      continue
    }
    const hostPort = /^([^:\s]+):(\d{1,5})$/.exec(value)
    if (isHostVariable(name) && hosts.has(value)) bind(name, 'host')
    else if (isHostVariable(name) && hostPort && hosts.has(hostPort[1] as string)) bind(name, 'host-port')
    else if (hostPort && hosts.has(hostPort[1] as string)) {
      // On Beanstalk the name does not resolve: a warning (environment.ts says the same of longer values).
      result.warnings.push(
        `${service.name}: ${name} names ${value}, which ${ROLE_PRODUCT[replacement.role]} replaces; not rewritten because its name does not say host, server, address, URL or endpoint — point it at the managed service yourself`
      )
    }
  }

  // Members left to the environment (`DB_PASSWORD: ${DB_PASSWORD}`) belong to the family too: the
  // managed service decides them, not an environment property that would have to match it.
  const families = familyMembers(Object.keys(service.environment), bindings, jdbcUrls, replacement.engine)
  const claimed = new Set<string>()
  for (const family of families) {
    const host = family.present.get('host')
    // A family whose host points elsewhere (an external database) is not this service's.
    if (host !== undefined && !bound(host)) continue
    for (const [member, variable] of family.present) {
      claimed.add(variable)
      if (bound(variable)) continue
      const value = literals.get(variable)
      if (value !== undefined) bindMember(member, variable, value)
      else if (database && (member === 'password' || member === 'user' || member === 'name'))
        bindMember(member, variable, RUNTIME)
    }
    replaceFileMembers(family)
    if (family.complete) completeFamily(family)
  }

  // A credential outside any family that holds a development credential (APP_SQL_PASS: devpass).
  for (const [name, value] of literals) {
    // By its name, not its value: one dev password for the database and the cache (Dify's) is still two passwords.
    if (
      claimed.has(name) ||
      bound(name) ||
      !namesStore(name, replacement.role) ||
      !development.credentials.has(value)
    )
      continue
    if (PASSWORD_VARIABLE.test(name)) bindMember('password', name, value)
    else if (USER_VARIABLE.test(name)) bindMember('user', name, value)
  }

  databaseEnvBinding()
  mergedDatabases()

  if (database) {
    bind(databasePasswordEnv, 'password')
    const driver = DRIVER_PASSWORD_ENV[replacement.engine]
    if (driver) bind(driver, 'password')
  }
  return result

  function bindMember(member: Member, variable: string, value: string): void {
    switch (member) {
      case 'password':
        if (value.startsWith('/')) {
          // A path (/run/secrets/db-password): the app reads a file, which no platform mount provides.
          result.warnings.push(
            `${service.name}: ${variable} is the path ${value}, and the app reads the password from that file (a compose secret): Beanstalk mounts no such file, so the app cannot read the ${ROLE_PRODUCT[replacement.role]} password there; make it read the password from a variable's value: on Beanstalk ${databasePasswordEnv} holds the password itself, by reference`
          )
          return
        }
        // An empty development password (trust auth) still names where the app reads the managed one.
        if (database) bind(variable, 'password')
        else if (value !== '' && value !== RUNTIME) result.droppedPasswords.push(variable)
        return
      case 'user':
        if (database) bind(variable, 'user')
        return
      case 'name':
        if (database) bind(variable, 'database')
        return
      case 'port':
        if (value === development.port) bind(variable, 'port')
        else if (development.publishedPorts.has(value)) {
          // The port the host reaches the dev service on: containers reach it on its own port, and RDS on RDS's.
          bind(variable, 'port')
          notes.push(
            `${service.name}: ${variable}=${value} is the port ${replacement.composeService} is published on for the host, not the one it listens on (${development.port}): set from ${ROLE_PRODUCT[replacement.role]} at deploy`
          )
        } else if (value !== RUNTIME && value !== '') {
          result.warnings.push(
            `${service.name}: ${variable}=${value} is not the port ${replacement.composeService} listens on (${development.port}), so it is kept, and on Beanstalk the app would reach ${ROLE_PRODUCT[replacement.role]} on port ${value}: set it to the port ${replacement.composeService} listens on (the action then sets it from ${ROLE_PRODUCT[replacement.role]}), or remove it`
          )
        }
        return
      case 'sslmode':
        if (database && TLS_OFF_MODE.test(value)) bind(variable, 'sslmode')
        return
      case 'ssl':
        if (database && FALSE.test(value)) {
          notes.push(
            `${service.name}: ${variable}=${value} turns TLS off, and RDS for PostgreSQL 15 and later, MySQL 9.7 and MariaDB 11.8 refuse connections without it by default (rds.force_ssl, require_secure_transport): turn it on, or set that parameter to 0 in the instance's parameter group`
          )
        }
        return
      case 'host':
        return
    }
  }

  /**
   * `MB_DB_PASS_FILE: /run/secrets/db_password`: the app reads the member from a compose secret's file, which
   * Beanstalk does not mount. The official images' file_env convention reads `MB_DB_PASS` when `MB_DB_PASS_FILE`
   * is unset (and refuses both at once), so the member is set under that name in its place.
   */
  function replaceFileMembers(family: Family): void {
    const host = family.present.get('host')
    if (host !== undefined && !bound(host)) return
    for (const [member, fileVariable] of family.files) {
      if (family.present.has(member) || !['user', 'name', 'password', 'host', 'port'].includes(member))
        continue
      if (!database && member !== 'host' && member !== 'port' && member !== 'password') continue
      const variable = fileVariable.replace(/_{1,2}FILE$/i, '')
      if (variable in service.environment || bound(variable)) continue
      const kind = (
        { host: 'host', port: 'port', user: 'user', name: 'database', password: 'password' } as const
      )[member as 'host' | 'port' | 'user' | 'name' | 'password']
      if (!database && kind === 'password') {
        result.droppedPasswords.push(fileVariable)
        continue
      }
      bind(variable, kind)
      const value = {
        host: replacement.composeService,
        port: development.port,
        user: development.user,
        database: development.database,
        password: undefined
      }[kind]
      if (value !== undefined) result.added[variable] = value
      result.replacedFiles[fileVariable] = variable
      claimed.add(fileVariable)
    }
  }

  /** The members of a family the compose file left unset, added with the managed values. */
  function completeFamily(family: Family): void {
    const wanted: Member[] = database ? ['host', 'port', 'user', 'name', 'password'] : ['host', 'port']
    const added: string[] = []
    for (const member of wanted) {
      if (family.present.has(member) || family.files.has(member)) continue
      // Host and port sit inside a JDBC URL, and a host:port value carries its port.
      if (family.url && (member === 'host' || member === 'port' || member === 'name')) continue
      if (member === 'port' && family.hostPort) continue
      const variable = family.spell(member)
      if (literals.has(variable) || variable in service.environment || bound(variable)) continue
      const value = {
        host: replacement.composeService,
        port: development.port,
        user: development.user,
        name: development.database,
        password: ''
      }[member as Exclude<Member, 'sslmode' | 'ssl'>]
      const kind: BindingKind = {
        host: 'host',
        port: 'port',
        user: 'user',
        name: 'database',
        password: 'password'
      }[member as Exclude<Member, 'sslmode' | 'ssl'>] as BindingKind
      bind(variable, kind)
      if (member === 'host') {
        for (const also of family.alsoHost) {
          if (also in service.environment || bound(also)) continue
          bind(also, 'host')
          result.added[also] = replacement.composeService
          added.push(also)
        }
      }
      // Without a development value the managed one alone decides (a database name RDS may not have).
      if (member !== 'password' && value !== undefined) result.added[variable] = value
      added.push(variable)
      for (const also of family.alternates(member)) {
        if (literals.has(also) || also in service.environment || bound(also)) continue
        bind(also, kind)
        if (value !== undefined) result.added[also] = value
        added.push(also)
      }
    }
    if (added.length > 0) {
      notes.push(
        `${service.name}: ${added.join(', ')} added beside ${family.anchor} (the compose file leaves ${added.length === 1 ? 'it' : 'them'} to the app's defaults, which point at the development ${replacement.composeService}): set from ${ROLE_PRODUCT[replacement.role]} at deploy`
      )
    }
  }

  /**
   * Two database names of one development server (Superset's DATABASE_DB=superset, EXAMPLES_DB=examples): RDS
   * has one database name, which both now take, so what the app kept apart shares one database.
   */
  function mergedDatabases(): void {
    if (!database) return
    const named = bindings.flatMap(binding => {
      const value = databaseNameIn(binding.kind, literals.get(binding.variable))
      return value !== undefined && value !== '' ? [`${binding.variable}=${value}`] : []
    })
    if (new Set(named.map(entry => entry.slice(entry.indexOf('=') + 1))).size < 2) return
    result.warnings.push(
      `${service.name}: ${named.join(', ')} name different databases of the development ${replacement.composeService}, and each is set to the RDS instance's one database name: they share that one database on AWS (the action creates no database on the instance)`
    )
  }

  /**
   * database-env / cache-env (DATABASE_URL, REDIS_URL): rewritten when the
   * app has it; added only when the app's environment names no other way to
   * the service (it reached it through links, depends_on or its own config).
   * Beside the app's own host or URL variables it is not added: Rails,
   * dj-database-url, Prisma and many others give DATABASE_URL precedence over
   * their own settings, so the added variable would change what the app reads.
   */
  function databaseEnvBinding(): void {
    // A Memcached client reads only the hosts rewritten above.
    if (replacement.engine === 'memcached') return
    const envName = replacement.envName
    const envValue = service.environment[envName]
    if (envValue?.kind === 'literal') {
      if (!bound(envName)) {
        notes.push(
          `${service.name}: ${envName} keeps its own value (it does not point at ${replacement.composeService})`
        )
      }
      return
    }
    // `REDIS_URL: ${REDIS_URL}` with nothing setting it (the git-ignored .env absent on a runner): the
    // variable the action itself names for this replaced service, so it is set as if it had its dev value.
    const unsetOwnName = envValue?.kind === 'runtime' && envValue.variable === envName
    if (envValue !== undefined && !unsetOwnName) return
    if (unsetOwnName && !bound(envName)) {
      bind(envName, 'url')
      notes.push(
        `${service.name}: ${envName} is \${${envName}} with no value here (a .env the checkout does not have?); it is how the app reaches ${replacement.composeService}, which ${ROLE_PRODUCT[replacement.role]} replaces, so it is set to that URL at deploy`
      )
      return
    }
    const own = bindings.filter(binding => ADDRESS_KINDS.includes(binding.kind))
    if (own.length > 0) {
      notes.push(
        `${service.name}: ${envName} not added: the app reaches ${replacement.composeService} through ${own.map(binding => (binding.variable in service.environment ? binding.variable : `${binding.variable} (added above)`)).join(', ')}, and an added ${envName} takes precedence over an app's own settings in many frameworks`
      )
      return
    }
    bind(envName, 'url')
    // The app reaches the service through its own defaults (Immich's REDIS_HOSTNAME, default "redis"): the
    // spellings apps and client libraries read by default are added too, so that more of them find it.
    // Not beside variables of the app's own that speak of a store (a family pointing at an external database):
    // those are the app's settings, and a half-managed family would mix two servers.
    const ownSettings = Object.keys(service.environment).some(name => speaksOfStore(name, replacement.role))
    const split: string[] = []
    for (const [variable, kind] of ownSettings ? [] : (DEFAULT_SPELLINGS[replacement.engine] ?? [])) {
      if (variable in service.environment || bound(variable)) continue
      bind(variable, kind)
      const value = {
        host: replacement.composeService,
        port: development.port,
        user: development.user,
        database: development.database
      }[kind as 'host' | 'port' | 'user' | 'database']
      if (value !== undefined) result.added[variable] = value
      split.push(variable)
    }
    notes.push(
      `${service.name}: ${envName} added (no variable of its own that the action rewrites names ${replacement.composeService}): set to the ${ROLE_PRODUCT[replacement.role]} URL at deploy${split.length > 0 ? `, and ${split.join(', ')} (the spellings apps and client libraries read by default) to its parts` : ''}; the app must read one of them — a host "${replacement.composeService}" written in its code or config does not resolve on Beanstalk`
    )
  }
}

/**
 * What an app that the compose file gives no variable for most often reads by default: libpq's own variables
 * (https://www.postgresql.org/docs/current/libpq-envars.html), the DB_* of Laravel, Wiki.js and many more, and
 * REDIS_HOST / REDIS_HOSTNAME / REDIS_PORT (Immich reads REDIS_HOSTNAME). MySQL's client library reads no user
 * or database variable, so its MYSQL_HOST alone would half-manage a family. A password is added by reference only under DB_PASSWORD
 * (DATABASE_PASSWORD and PGPASSWORD / MYSQL_PWD are added for every container that uses the database).
 */
const SPLIT_DATABASE: [string, BindingKind][] = [
  ['DB_HOST', 'host'],
  ['DB_PORT', 'port'],
  ['DB_USER', 'user'],
  ['DB_USERNAME', 'user'],
  ['DB_NAME', 'database'],
  ['DB_DATABASE', 'database'],
  ['DB_PASSWORD', 'password']
]
const DEFAULT_SPELLINGS: Partial<Record<BackingReplacement['engine'], [string, BindingKind][]>> = {
  postgres: [
    ['PGHOST', 'host'],
    ['PGPORT', 'port'],
    ['PGUSER', 'user'],
    ['PGDATABASE', 'database'],
    ...SPLIT_DATABASE
  ],
  mysql: SPLIT_DATABASE,
  redis: [
    ['REDIS_HOST', 'host'],
    ['REDIS_HOSTNAME', 'host'],
    ['REDIS_PORT', 'port']
  ]
}

/** The database name a bound value names: itself, a URL's path, a connection string's Database. */
function databaseNameIn(kind: BindingKind, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (kind === 'database') return value
  if (kind === 'url') return parseUrl(value.replace(/^jdbc:/i, ''))?.pathname.replace(/^\//, '')
  if (kind === 'connection-string') return connectionStringDatabase(value)
  return undefined
}
