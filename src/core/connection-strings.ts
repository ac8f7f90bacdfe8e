// Connection strings that are not URLs, pointed at a managed database. Many
// drivers take key=value strings instead: ADO.NET / Npgsql / MySqlConnector
// (`Host=db;Port=5432;Database=app;Username=app;Password=…`, ASP.NET Core's
// `ConnectionStrings__*`), libpq's keyword form (`host=db user=app dbname=app`,
// Go's lib/pq and pgx, psycopg), and the Go MySQL driver's DSN
// (`app:pw@tcp(db:3306)/app?parseTime=true`). Like a URL they are rewritten
// whole: host, port, user and database name from the managed service, TLS that
// was turned off turned on, and the password left out (it travels by
// reference in a variable of its own, never inside another value).
// .NET's Redis client takes its own: StackExchange.Redis configuration strings
// (`redis:6379,password=…,ssl=False,abortConnect=false`), endpoints then options.
// Formats: https://www.npgsql.org/doc/connection-string-parameters.html,
// https://stackexchange.github.io/StackExchange.Redis/Configuration.html,
// https://mysqlconnector.net/connection-options/,
// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-KEYWORD-VALUE,
// https://github.com/go-sql-driver/mysql#dsn-data-source-name

export type ConnectionStringFormat = 'keyed' | 'libpq' | 'go-mysql' | 'stackexchange-redis'

export interface ConnectionString {
  format: ConnectionStringFormat
  /** The hosts it connects to (without ports): one, or Npgsql's failover list. */
  hosts: string[]
}

/** What a managed endpoint gives (BackingEndpoint's fields). */
export interface ConnectionTarget {
  host: string
  port: number
  username?: string
  databaseName?: string
  tls?: boolean
}

type Member = 'host' | 'port' | 'user' | 'database' | 'password' | 'sslmode'

/** Keys per member, lower case with blanks removed (`User ID` → `userid`), across ADO.NET and libpq. */
const KEYS: Record<Member, RegExp> = {
  host: /^(host|hostaddr|server|datasource|address|addr|networkaddress)$/,
  port: /^port$/,
  user: /^(user|username|userid|uid)$/,
  database: /^(database|dbname|initialcatalog)$/,
  password: /^(password|pwd|passwd)$/,
  sslmode: /^sslmode$/
}

const memberOf = (key: string): Member | undefined => {
  const normal = key.toLowerCase().replace(/\s+/g, '')
  return (Object.keys(KEYS) as Member[]).find(member => KEYS[member].test(normal))
}

/**
 * go-sql-driver/mysql: `[scheme://][user[:password]@]tcp(host[:port])/dbname[?params]`. The password may hold `@`
 * (the driver splits at the last one); Ory's DSNs carry a `mysql://` scheme in front, which is kept.
 */
const GO_MYSQL =
  /^([a-z][a-z0-9+.-]*:\/\/)?(?:([^:@/]*)(?::(.*))?@)?tcp\(([^():/]+)(?::(\d{1,5}))?\)\/([^?]*)(\?.*)?$/
const LIBPQ_PAIR = /([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s'=;]*)/g
/** Pairs separated by blanks; an unquoted value holds no `=`, so each pair splits one way only (no backtracking). */
const LIBPQ = /^\s*(?:[A-Za-z_]+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s'=;]*)(?:\s+|$))+$/

interface Pair {
  key: string
  value: string
  /** The value as written (quotes kept), for writing back the pairs the rewrite leaves alone. */
  raw: string
}

/** ADO.NET pairs: `;`-separated, a value may be quoted with `"` or `'` (doubled inside) and then hold `;`. */
function keyedPairs(value: string): Pair[] | undefined {
  if (!value.includes(';') || !value.includes('=')) return undefined
  const pairs: Pair[] = []
  let index = 0
  while (index < value.length) {
    const equals = value.indexOf('=', index)
    const semicolon = value.indexOf(';', index)
    if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
      if (value.slice(index, semicolon < 0 ? undefined : semicolon).trim() !== '') return undefined
      index = semicolon < 0 ? value.length : semicolon + 1
      continue
    }
    const key = value.slice(index, equals).trim()
    if (key === '') return undefined
    let at = equals + 1
    while (value[at] === ' ') at++
    const quote = value[at] === '"' || value[at] === "'" ? value[at] : undefined
    let end: number
    let text: string
    if (quote) {
      let close = at + 1
      for (;;) {
        close = value.indexOf(quote, close)
        if (close < 0) return undefined
        if (value[close + 1] === quote) close += 2
        else break
      }
      text = value.slice(at + 1, close).replaceAll(quote + quote, quote)
      end = value.indexOf(';', close)
      if (value.slice(close + 1, end < 0 ? undefined : end).trim() !== '') return undefined
    } else {
      end = value.indexOf(';', at)
      text = value.slice(at, end < 0 ? undefined : end).trim()
    }
    pairs.push({ key, value: text, raw: value.slice(equals + 1, end < 0 ? undefined : end).trim() })
    index = end < 0 ? value.length : end + 1
  }
  return pairs
}

function libpqPairs(value: string): Pair[] | undefined {
  if (!LIBPQ.test(value)) return undefined
  return [...value.matchAll(LIBPQ_PAIR)].map(match => ({
    key: match[1] as string,
    value: (match[2] as string).replace(/^'(.*)'$/s, '$1').replace(/\\(.)/g, '$1'),
    raw: match[2] as string
  }))
}

/**
 * A host value's hosts: `db`, `db:5432`, SQL Server's `db,1433` and `tcp:db,1433`, Npgsql's list `db1,db2:5433`.
 * `port`: the host value carried a port, and how it is written back.
 */
function hostsOf(value: string): { hosts: string[]; withPort?: (host: string, port: number) => string } {
  const sqlServer = /^(tcp:)?([^:,]+),(\d{1,5})$/.exec(value)
  if (sqlServer)
    return {
      hosts: [sqlServer[2] as string],
      withPort: (host, port) => `${sqlServer[1] ?? ''}${host},${port}`
    }
  const entries = value.split(',').map(entry => /^([^:]+)(?::(\d{1,5}))?$/.exec(entry.trim()))
  if (entries.some(entry => entry === null)) return { hosts: [value] }
  const hosts = entries.map(entry => (entry as RegExpExecArray)[1] as string)
  return entries.some(entry => entry?.[2] !== undefined)
    ? { hosts, withPort: (host, port) => `${host}:${port}` }
    : { hosts }
}

/** The connection string a value holds, if it is one with one host setting. Pure. */
export function parseConnectionString(value: string): ConnectionString | undefined {
  const go = GO_MYSQL.exec(value)
  if (go) return { format: 'go-mysql', hosts: [go[4] as string] }
  for (const [format, pairs] of [
    ['keyed', keyedPairs(value)],
    ['libpq', libpqPairs(value)]
  ] as const) {
    const hosts = (pairs ?? []).filter(pair => memberOf(pair.key) === 'host')
    if (hosts.length === 1) return { format, hosts: hostsOf((hosts[0] as Pair).value).hosts }
  }
  return undefined
}

/** The database name a connection string names, if any (for the two-databases warning). Pure. */
export function connectionStringDatabase(value: string): string | undefined {
  const go = GO_MYSQL.exec(value)
  if (go) return go[6] || undefined
  const pairs = keyedPairs(value) ?? libpqPairs(value) ?? []
  return pairs.find(pair => memberOf(pair.key) === 'database')?.value || undefined
}

/** The drivers' default ports, when the string names none. */
const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 } as const

/** A TLS mode that turns TLS off, in each driver's words (Npgsql/libpq `disable`, MySqlConnector `None`). */
const TLS_OFF = /^(disable|disabled|allow|none)$/i

/**
 * The connection string pointed at the managed service, without its password. `engine` decides the TLS word
 * (Npgsql and libpq `require`, MySqlConnector `Required`: each parses only its own). Pure.
 */
export function rewriteConnectionString(
  value: string,
  target: ConnectionTarget,
  engine: 'postgres' | 'mysql' = 'postgres'
): string {
  const go = GO_MYSQL.exec(value)
  if (go) {
    const user = target.username ?? go[2] ?? ''
    const database = target.databaseName ?? go[6] ?? ''
    // tls=false against a server that serves TLS: encrypt without verifying (the driver's skip-verify).
    const query =
      target.tls === true ? (go[7] ?? '').replace(/([?&]tls=)false(?=&|$)/, '$1skip-verify') : (go[7] ?? '')
    return `${go[1] ?? ''}${user ? `${user}@` : ''}tcp(${target.host}:${target.port})/${database}${query}`
  }
  const keyed = keyedPairs(value)
  const pairs = keyed ?? libpqPairs(value)
  if (!pairs) return value
  const written = pairs.flatMap((pair): { key: string; value: string; changed: boolean; raw: string }[] => {
    const next = (replacement: string | undefined) => [
      { key: pair.key, value: replacement ?? pair.value, changed: replacement !== undefined, raw: pair.raw }
    ]
    switch (memberOf(pair.key)) {
      case 'host': {
        const { withPort } = hostsOf(pair.value)
        return next(withPort ? withPort(target.host, target.port) : target.host)
      }
      case 'port':
        return next(String(target.port))
      case 'user':
        return next(target.username)
      case 'database':
        return next(target.databaseName)
      case 'password':
        return []
      case 'sslmode':
        return next(
          target.tls === true && TLS_OFF.test(pair.value)
            ? engine === 'mysql'
              ? 'Required'
              : 'require'
            : undefined
        )
      default:
        return next(undefined)
    }
  })
  // A string that names no port connects to the driver's default: a managed service elsewhere gets its port added.
  const hasPort = pairs.some(
    pair =>
      memberOf(pair.key) === 'port' ||
      (hostsOf(pair.value).withPort !== undefined && memberOf(pair.key) === 'host')
  )
  if (!hasPort && target.port !== DEFAULT_PORTS[engine])
    written.push({ key: keyed ? 'Port' : 'port', value: String(target.port), changed: true, raw: '' })
  if (keyed)
    return written.map(pair => `${pair.key}=${pair.changed ? quoteKeyed(pair.value) : pair.raw}`).join(';')
  return written.map(pair => `${pair.key}=${pair.changed ? quoteLibpq(pair.value) : pair.raw}`).join(' ')
}

const quoteKeyed = (value: string): string =>
  /[;"']/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
const quoteLibpq = (value: string): string =>
  /[\s'\\]|^$/.test(value) ? `'${value.replace(/(['\\])/g, '\\$1')}'` : value

const REDIS_ENDPOINT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::\d{1,5})?$/

/**
 * A StackExchange.Redis configuration string: comma-separated endpoints (`host[:port]`) and `key=value` options.
 * A bare host list (`redis`) counts only where the variable's name says it is one (`bare`). Pure.
 */
export function parseRedisConfiguration(value: string, bare: boolean): ConnectionString | undefined {
  const parts = value
    .split(',')
    .map(part => part.trim())
    .filter(part => part !== '')
  const endpoints = parts.filter(part => !part.includes('='))
  if (endpoints.length === 0 || !endpoints.every(endpoint => REDIS_ENDPOINT.test(endpoint))) return undefined
  if (!bare && endpoints.length === parts.length) return undefined
  return { format: 'stackexchange-redis', hosts: endpoints.map(endpoint => endpoint.split(':')[0] as string) }
}

/** The configuration string pointed at the managed cache: its endpoint, TLS on when it serves TLS, no password. */
export function rewriteRedisConfiguration(value: string, target: ConnectionTarget): string {
  const parts = value
    .split(',')
    .map(part => part.trim())
    .filter(part => part !== '')
  let endpointWritten = false
  const written = parts.flatMap(part => {
    const equals = part.indexOf('=')
    if (equals < 0) {
      if (endpointWritten) return []
      endpointWritten = true
      return [`${target.host}:${target.port}`]
    }
    const key = part.slice(0, equals).trim().toLowerCase()
    if (key === 'password' || key === 'user') return []
    if (key === 'ssl' && target.tls === true) return [`${part.slice(0, equals)}=true`]
    return [part]
  })
  const hasSsl = parts.some(part => /^ssl\s*=/i.test(part))
  return [...written, ...(target.tls === true && !hasSsl ? ['ssl=true'] : [])].join(',')
}
