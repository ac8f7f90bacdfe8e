// Families of connection settings: the variables that, with one prefix,
// tell an app where its database or cache is — host, port, user, database
// name, password, TLS mode — in the spellings apps use. The prefix comes from
// a variable that names the replaced service (DB_HOST → DB_, PAPERLESS_DBHOST
// → PAPERLESS_DB, LISTMONK_db__host → LISTMONK_db__, a JDBC URL's
// SPRING_DATASOURCE_URL → SPRING_DATASOURCE_), or is one an engine's own
// tools read (POSTGRES_*, PG*, MYSQL_*, MARIADB_*, DB_*, DATABASE_*, REDIS_*).

import type { BackingBinding, BackingEngine } from './types.js'

export type Member = 'host' | 'port' | 'user' | 'password' | 'name' | 'sslmode' | 'ssl'

const SUFFIXES: Record<Member, string[]> = {
  host: ['HOST', 'HOSTNAME', 'SERVER', 'ADDR', 'ADDRESS'],
  port: ['PORT'],
  user: ['USER', 'USERNAME', 'USR', 'UID'], // UID/PWD: ODBC's spelling
  password: ['PASSWORD', 'PASS', 'PASSWD', 'PWD', 'PW'],
  name: ['NAME', 'DB', 'DATABASE', 'DBNAME', 'DB_NAME', 'DATABASE_NAME'],
  sslmode: ['SSLMODE', 'SSL_MODE'],
  ssl: ['SSL', 'USE_SSL', 'SSL_ENABLED', 'SSL_ENABLE', 'TLS', 'USE_TLS', 'TLS_ENABLED']
}

/** Prefixes an engine's own clients, images or common frameworks read, with their separator. */
const KNOWN_PREFIXES: Record<BackingEngine, [string, string][]> = {
  postgres: [
    ['POSTGRES', '_'],
    ['POSTGRESQL', '_'],
    ['PG', ''],
    ['DATABASE', '_'],
    ['DB', '_']
  ],
  mysql: [
    ['MYSQL', '_'],
    ['MARIADB', '_'],
    ['DATABASE', '_'],
    ['DB', '_']
  ],
  redis: [['REDIS', '_']],
  memcached: [
    ['MEMCACHED', '_'],
    ['MEMCACHE', '_']
  ]
}

/** Prefixes whose convention says how the database name is spelled (the official images' own). */
const NAME_SPELLING: Record<string, string> = {
  POSTGRES: 'DB',
  POSTGRESQL: 'DB',
  PG: 'DATABASE',
  MYSQL: 'DATABASE',
  MARIADB: 'DATABASE'
}

const HOST_NAME = /^(.*?)(_{0,2})(HOSTNAME|HOST|SERVER|ADDRESS|ADDR)$/i
/** A variable whose name ends in a host member (DB_HOST, …_ADDRESS): a family's anchor. */
export const namesHostMember = (name: string): boolean => HOST_NAME.test(name)
const URL_NAME = /^(.*?)(_{0,2})(URL|URI|DSN|ENDPOINT|CONNECTION_STRING)$/i

export interface Family {
  /** The variable the family was found from (DB_HOST), for notes. */
  anchor: string
  /** Members the compose file sets: member → variable. */
  present: Map<Member, string>
  /**
   * Members the compose file sets as a file to read (`MB_DB_PASS_FILE: /run/secrets/db_password`, the official
   * images' file_env convention): member → that variable.
   */
  files: Map<Member, string>
  /** Whether missing members are added: a family found by a host name, a JDBC URL, or a member of a known prefix. */
  complete: boolean
  /** Found from a JDBC URL: host, port and database name live in the URL. */
  url: boolean
  /** Its host variable holds host:port. */
  hostPort: boolean
  /** The variable name a missing member gets, in the family's spelling. */
  spell(member: Member): string
  /**
   * Other spellings a missing user or database name also gets when nothing in the family shows which the app
   * reads: TYPEORM_HOST alone leaves TYPEORM_USER and TYPEORM_USERNAME equally likely (TypeORM reads the second).
   * Unused variables cost nothing; a missed one logs the app in as its development default.
   */
  alternates(member: Member): string[]
  /** Spellings of a missing host beside the first: an app of long forms (DB_USERNAME) may read DB_HOSTNAME. */
  alsoHost: string[]
}

export function familyMembers(
  names: readonly string[],
  bindings: readonly BackingBinding[],
  jdbcUrls: readonly string[],
  engine: BackingEngine
): Family[] {
  const families: Family[] = []
  const seen = new Set<string>()
  const add = (
    prefix: string,
    separator: string,
    anchor: string,
    options: { complete: boolean; url: boolean; hostPort: boolean; lowercase: boolean }
  ): void => {
    const key = `${prefix.toUpperCase()}|${separator}`
    if (prefix === '' || seen.has(key)) return
    const present = membersOf(names, prefix, separator)
    const files = fileMembersOf(names, prefix, separator)
    if (present.size === 0 && files.size === 0 && !options.complete) return
    seen.add(key)
    // A member read from a file still shows the family's spelling (MB_DB_USER_FILE: USER, not USERNAME).
    const spelled = new Map([...files, ...present])
    families.push({
      anchor,
      present,
      files,
      complete: options.complete,
      url: options.url,
      hostPort: options.hostPort,
      spell: member => spell(prefix, separator, member, spelled, options.lowercase),
      alternates: member => alternates(prefix, separator, member, spelled, options.lowercase),
      alsoHost: longForms(prefix, separator, spelled)
        ? [`${prefix}${separator}${options.lowercase ? 'hostname' : 'HOSTNAME'}`]
        : []
    })
  }
  for (const binding of bindings) {
    const host = HOST_NAME.exec(binding.variable)
    if (host && (binding.kind === 'host' || binding.kind === 'host-port' || binding.kind === 'address')) {
      add(host[1] as string, host[2] as string, binding.variable, {
        complete: true,
        url: false,
        hostPort: binding.kind !== 'host',
        lowercase: isLower(host[3] as string)
      })
    }
    const url = URL_NAME.exec(binding.variable)
    if (url && binding.kind === 'url') {
      const jdbc = jdbcUrls.includes(binding.variable)
      // FINERACT_HIKARI_JDBC_URL beside FINERACT_HIKARI_USERNAME: the family is FINERACT_HIKARI_, not …_JDBC_.
      const outer = /^(.+?)_{0,2}JDBC$/i.exec(url[1] as string)?.[1]
      const prefix =
        outer !== undefined &&
        membersOf(names, url[1] as string, url[2] as string).size === 0 &&
        membersOf(names, outer, url[2] as string).size > 0
          ? outer
          : (url[1] as string)
      add(prefix, url[2] as string, binding.variable, {
        complete: jdbc,
        url: true,
        hostPort: false,
        lowercase: isLower(url[3] as string)
      })
    }
  }
  for (const [prefix, separator] of KNOWN_PREFIXES[engine]) {
    const present = [...membersOf(names, prefix, separator), ...fileMembersOf(names, prefix, separator)]
    if (present.length === 0) continue
    // Only a TLS setting (PGSSLMODE) or a password (DATABASE_PASSWORD, which .env may hold for
    // interpolation): corrected, but it says nothing about where the app connects.
    const connection = present.some(
      ([member]) => member !== 'sslmode' && member !== 'ssl' && member !== 'password'
    )
    const anchor = (present.find(([member]) => member !== 'password') ?? present[0])?.[1] as string
    add(prefix, separator, anchor, { complete: connection, url: false, hostPort: false, lowercase: false })
  }
  return families
}

/** Members written as files: `_FILE` (the official images), `__FILE` (Grafana's `GF_…__FILE`, Gitea's). */
function fileMembersOf(names: readonly string[], prefix: string, separator: string): Map<Member, string> {
  return new Map([
    ...membersOf(names, prefix, separator, '__FILE'),
    ...membersOf(names, prefix, separator, '_FILE')
  ])
}

function membersOf(
  names: readonly string[],
  prefix: string,
  separator: string,
  ending = ''
): Map<Member, string> {
  const start = `${prefix}${separator}`.toUpperCase()
  const present = new Map<Member, string>()
  for (const name of names) {
    const upper = name.toUpperCase()
    if (!upper.startsWith(start) || !upper.endsWith(ending)) continue
    const rest = upper.slice(start.length, upper.length - ending.length)
    for (const [member, suffixes] of Object.entries(SUFFIXES) as [Member, string[]][]) {
      if (suffixes.includes(rest) && !present.has(member)) present.set(member, name)
    }
  }
  return present
}

function spell(
  prefix: string,
  separator: string,
  member: Member,
  present: ReadonlyMap<Member, string>,
  lowercase: boolean
): string {
  const upperPrefix = prefix.toUpperCase()
  const long = longForms(prefix, separator, present)
  const compact = separator === '' && upperPrefix !== 'PG'
  const conventional = upperPrefix in NAME_SPELLING
  const suffix = {
    host: 'HOST',
    port: 'PORT',
    user: !conventional && long ? 'USERNAME' : 'USER',
    password: compact ? 'PASS' : 'PASSWORD',
    name: NAME_SPELLING[upperPrefix] ?? (long ? 'DATABASE' : 'NAME'),
    sslmode: 'SSLMODE',
    ssl: 'SSL'
  }[member]
  return `${prefix}${separator}${lowercase ? suffix.toLowerCase() : suffix}`
}

/** Short and long forms of user and database name, when the family spells neither (libpq's PG* are its own). */
const SPELLINGS: Partial<Record<Member, string[]>> = {
  user: ['USER', 'USERNAME'],
  name: ['NAME', 'DATABASE', 'DB']
}

function alternates(
  prefix: string,
  separator: string,
  member: Member,
  present: ReadonlyMap<Member, string>,
  lowercase: boolean
): string[] {
  if (separator === '' || present.has('user') || present.has('name')) return []
  const main = spell(prefix, separator, member, present, lowercase)
  // DB_NAME, not DB_DB or DB_DATABASE: a database name after a prefix that already says database.
  const saysDatabase = /(^|_)(DB|DATABASE)$/i.test(prefix)
  return (SPELLINGS[member] ?? [])
    .filter(suffix => !(saysDatabase && member === 'name' && suffix !== 'NAME'))
    .map(suffix => `${prefix}${separator}${lowercase ? suffix.toLowerCase() : suffix}`)
    .filter(name => name !== main)
}

/** Laravel and its kind (DB_USERNAME goes with DB_DATABASE), Immich (DB_USERNAME, DB_DATABASE_NAME, DB_HOSTNAME). */
function longForms(prefix: string, separator: string, present: ReadonlyMap<Member, string>): boolean {
  const suffixOf = (name: string | undefined): string =>
    name === undefined ? '' : name.slice(prefix.length + separator.length).toUpperCase()
  return (
    suffixOf(present.get('user')) === 'USERNAME' ||
    ['DATABASE', 'DATABASE_NAME'].includes(suffixOf(present.get('name')))
  )
}

function isLower(text: string): boolean {
  return text === text.toLowerCase()
}
