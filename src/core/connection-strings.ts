// Connection strings that are not URLs, pointed at a managed database. Many
// drivers take key=value strings instead: ADO.NET / Npgsql / MySqlConnector
// (`Host=db;Port=5432;Database=app;Username=app;Password=…`, ASP.NET Core's
// `ConnectionStrings__*`), libpq's keyword form (`host=db user=app dbname=app`,
// Go's lib/pq and pgx, psycopg), and the Go MySQL driver's DSN
// (`app:pw@tcp(db:3306)/app?parseTime=true`). Like a URL they are rewritten
// whole: host, port, user and database name from the managed service, TLS that
// was turned off turned on, and the password left out (it travels by
// reference in a variable of its own, never inside another value).
// Formats: https://www.npgsql.org/doc/connection-string-parameters.html,
// https://mysqlconnector.net/connection-options/,
// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-KEYWORD-VALUE,
// https://github.com/go-sql-driver/mysql#dsn-data-source-name

export type ConnectionStringFormat = 'keyed' | 'libpq' | 'go-mysql'

export interface ConnectionString {
  format: ConnectionStringFormat
  /** The host it connects to (without a port). */
  host: string
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

const GO_MYSQL = /^(?:([^:@/]*)(?::([^@]*))?@)?tcp\(([^():/]+)(?::(\d{1,5}))?\)\/([^?]*)(\?.*)?$/
const LIBPQ_PAIR = /([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s';]*)/g
const LIBPQ = /^\s*(?:[A-Za-z_]+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s';]*)\s*)+$/

interface Pair {
  key: string
  value: string
}

function keyedPairs(value: string): Pair[] | undefined {
  if (!value.includes(';') || !value.includes('=')) return undefined
  const pairs: Pair[] = []
  for (const part of value.split(';')) {
    if (part.trim() === '') continue
    const equals = part.indexOf('=')
    if (equals <= 0) return undefined
    pairs.push({ key: part.slice(0, equals).trim(), value: part.slice(equals + 1).trim() })
  }
  return pairs
}

function libpqPairs(value: string): Pair[] | undefined {
  if (!LIBPQ.test(value)) return undefined
  return [...value.matchAll(LIBPQ_PAIR)].map(match => ({
    key: match[1] as string,
    value: (match[2] as string).replace(/^'(.*)'$/s, '$1').replace(/\\(.)/g, '$1')
  }))
}

/** A host value's own port (`db:5432`, SQL Server's `db,1433`), split off. */
const splitHost = (value: string): { host: string; separator?: string } => {
  const match = /^([^:,]+)([:,])\d{1,5}$/.exec(value)
  return match ? { host: match[1] as string, separator: match[2] as string } : { host: value }
}

/** The connection string a value holds, if it is one with a single host. Pure. */
export function parseConnectionString(value: string): ConnectionString | undefined {
  const go = GO_MYSQL.exec(value)
  if (go) return { format: 'go-mysql', host: go[3] as string }
  for (const [format, pairs] of [
    ['keyed', keyedPairs(value)],
    ['libpq', libpqPairs(value)]
  ] as const) {
    const hosts = (pairs ?? []).filter(pair => memberOf(pair.key) === 'host')
    if (hosts.length === 1) return { format, host: splitHost((hosts[0] as Pair).value).host }
  }
  return undefined
}

/** The connection string pointed at the managed service, without its password. Pure. */
export function rewriteConnectionString(value: string, target: ConnectionTarget): string {
  const go = GO_MYSQL.exec(value)
  if (go) {
    const user = target.username ?? go[1] ?? ''
    const database = target.databaseName ?? go[5] ?? ''
    return `${user ? `${user}@` : ''}tcp(${target.host}:${target.port})/${database}${go[6] ?? ''}`
  }
  const keyed = keyedPairs(value)
  const pairs = keyed ?? libpqPairs(value)
  if (!pairs) return value
  const written = pairs.flatMap(pair => {
    const member = memberOf(pair.key)
    const next = (replacement: string | undefined): Pair[] => [
      { key: pair.key, value: replacement ?? pair.value }
    ]
    switch (member) {
      case 'host': {
        const { separator } = splitHost(pair.value)
        return next(separator ? `${target.host}${separator}${target.port}` : target.host)
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
          target.tls === true && /^(disable|disabled|allow|none)$/i.test(pair.value) ? 'require' : undefined
        )
      default:
        return next(undefined)
    }
  })
  if (keyed) return written.map(pair => `${pair.key}=${pair.value}`).join(';')
  return written
    .map(
      pair =>
        `${pair.key}=${/[\s'\\]|^$/.test(pair.value) ? `'${pair.value.replace(/(['\\])/g, '\\$1')}'` : pair.value}`
    )
    .join(' ')
}
