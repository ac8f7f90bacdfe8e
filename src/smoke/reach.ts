// Pure: who reached the twins. The servers' own connection logs (PostgreSQL's
// log_connections, MySQL's general log, Redis' verbose log) name the client
// address of every connection; the smoke run maps addresses to its
// containers. A container whose compose definition uses the database or the
// cache (depends_on, links, a variable the plan rewrote) must have connected.
//
// Decided: when no container that uses a service reached it, the smoke test
// fails (the app went up without its database: on Beanstalk it would go Green
// while broken). When some reached it and another did not, that one gets a
// warning: a web container that depends on the database only for its start
// order and connects on its first real request is common and works.

import { lineTime } from '../adapters/docker/container-logs.js'
import type { DevService } from './dev-services.js'

/** One connection a twin saw, by the client's container (undefined: an address of no app container). */
export interface ServerConnection {
  container?: string
  /** The user it logged in as (databases), when the log says. */
  user?: string
  ok: boolean
  /** The server's reason for refusing it. */
  failure?: string
  /** The TLS handshake failed, in the server's words (`tlsv1 alert unknown ca`: the client rejected its certificate). */
  tlsFailure?: string
}

interface RawConnection {
  address: string
  /** When the server logged it (ms), from the engine's stamp on the line: an address can change hands. */
  at?: number
  user?: string
  ok: boolean
  failure?: string
  tlsFailure?: string
}

/**
 * PostgreSQL's log with log_connections on: `[pid] LOG:  connection received: host=… port=…`, then
 * `[pid] LOG:  connection authorized: user=…` or `[pid] FATAL:  password authentication failed…`.
 */
export function postgresConnections(log: string): RawConnection[] {
  const byPid = new Map<string, RawConnection>()
  for (const line of log.split('\n')) {
    const pid = /\[(\d+)\]/.exec(line)?.[1]
    if (!pid) continue
    const received = /connection received: host=([0-9a-fA-F.:]+)/.exec(line)
    if (received?.[1]) {
      const at = lineTime(line)
      byPid.set(pid, { address: received[1], ok: false, ...(at !== undefined && { at }) })
      continue
    }
    const connection = byPid.get(pid)
    if (!connection) continue
    const authorized = /connection authorized: user=(\S+)/.exec(line)
    if (authorized?.[1]) {
      connection.ok = true
      connection.user = authorized[1]
      continue
    }
    const handshake = /could not accept SSL connection: (.*)$/.exec(line)?.[1]
    if (handshake && !connection.ok) {
      connection.tlsFailure = handshake.trim()
      continue
    }
    const fatal = /FATAL:\s+(.*)$/.exec(line)?.[1]
    if (fatal && !connection.ok && connection.failure === undefined) {
      connection.failure = fatal.trim()
      const user =
        /for user "([^"]*)"/.exec(fatal)?.[1] ??
        /role "([^"]*)" does not exist/.exec(fatal)?.[1] ??
        /, user "([^"]*)", database "/.exec(fatal)?.[1]
      if (user !== undefined) connection.user = user
    }
  }
  return [...byPid.values()]
}

/**
 * Rows of `SELECT user_host, argument FROM mysql.general_log WHERE command_type = 'Connect'`
 * (tab-separated): `app[app] @  [172.20.0.3]` and `app@172.20.0.3 on db using TCP/IP`, or
 * `Access denied for user 'x'@'172.20.0.3' (using password: YES)`.
 */
export function mysqlConnections(rows: string): RawConnection[] {
  const connections: RawConnection[] = []
  for (const row of rows.split('\n')) {
    const [userHost = '', argument = ''] = row.split('\t')
    const denied = /Access denied for user '([^']*)'@'([^']*)'/.exec(argument)
    if (denied) {
      connections.push({
        address: denied[2] ?? '',
        user: denied[1] ?? '',
        ok: false,
        failure: argument.trim()
      })
      continue
    }
    const address = /\[([0-9a-fA-F.:]+)\]/.exec(userHost)?.[1] ?? /@(\S+) on /.exec(argument)?.[1]
    const user = /^(\S+?)@/.exec(argument)?.[1] ?? /^(\S+?)\[/.exec(userHost)?.[1]
    if (address) connections.push({ address, ok: true, ...(user !== undefined && { user }) })
  }
  return connections
}

/** Redis / Valkey at loglevel verbose: `Accepted 172.20.0.3:41234` per connection. */
export function redisConnections(log: string): RawConnection[] {
  return log.split('\n').flatMap(line => {
    const address = /Accepted (?:[a-z]+:\/\/)?\[?([0-9a-fA-F.:]+?)\]?:\d+\s*$/.exec(line)?.[1]
    if (address === undefined) return []
    const at = lineTime(line)
    return [{ address, ok: true, ...(at !== undefined && { at }) }]
  })
}

/** An app container's run: the addresses it was seen with, when it started and (a job that exited) ended, in ms. */
export interface ContainerLifetime {
  name: string
  addresses: string[]
  startedAt: number
  finishedAt?: number
}

/** How late after a job's end the engine may stamp a line the server logged while the job was connected. */
const LOG_DELAY_MS = 1000
/** How far before a container's recorded start its first connection may be stamped. */
const START_SKEW_MS = 250

/**
 * Which container had `address` when a connection was logged at `at`: the one seen with it that started there last
 * before then. Docker gives the address of a job that exited (a migration) to the next container it starts on
 * that network, so a web container's connections would otherwise be the job's, or the job's the web's. A job too
 * quick to show its address is the one container of unknown address that was running then, if only one was.
 * Without a time, the last container seen with the address.
 */
export function addressOwner(
  lifetimes: readonly ContainerLifetime[],
  address: string,
  at?: number
): string | undefined {
  const latest = (candidates: readonly ContainerLifetime[]): ContainerLifetime | undefined =>
    candidates.reduce<ContainerLifetime | undefined>(
      (found, candidate) =>
        found === undefined || candidate.startedAt >= found.startedAt ? candidate : found,
      undefined
    )
  const seen = lifetimes.filter(lifetime => lifetime.addresses.includes(address))
  const holder = latest(seen.filter(lifetime => at === undefined || lifetime.startedAt <= at))
  if (holder !== undefined || at === undefined) return holder?.name
  // The engine records a start once the process runs: a client that connects at once can be logged a moment
  // before its own start time (a bash /dev/tcp probe was). The first container started just after the stamp.
  const starting = seen
    .filter(lifetime => lifetime.startedAt <= at + START_SKEW_MS)
    .sort((a, b) => a.startedAt - b.startedAt)[0]
  if (starting !== undefined) return starting.name
  const unknown = lifetimes.filter(
    lifetime =>
      lifetime.addresses.length === 0 &&
      lifetime.startedAt <= at &&
      (lifetime.finishedAt === undefined || at <= lifetime.finishedAt + LOG_DELAY_MS)
  )
  return unknown.length === 1 ? unknown[0]?.name : undefined
}

/** The client addresses → app container names. */
export function attribute(
  connections: RawConnection[],
  containerAt: (address: string, at?: number) => string | undefined
): ServerConnection[] {
  return connections.map(({ address, at, ...rest }) => {
    const container = containerAt(address, at)
    return { ...rest, ...(container !== undefined && { container }) }
  })
}

export interface ReachFinding {
  /** Failures: the smoke test fails with them. */
  causes: string[]
  warnings: string[]
  /** Role → the containers that reached its twin, for the passed line. */
  reached: { role: DevService['role']; containers: string[] }[]
}

/**
 * What the connections prove. `users` are the containers whose compose definition uses the
 * service; `connections` undefined means the engine gives no way to tell (Memcached).
 */
export function reachFindings(
  checks: {
    service: Pick<DevService, 'role' | 'name' | 'managed' | 'host' | 'port' | 'username'>
    users: string[]
    connections: ServerConnection[] | undefined
    /** Users whose reach cannot be proven here for a reason already said (a certificate only RDS can present). */
    unproven?: string[]
  }[]
): ReachFinding {
  const finding: ReachFinding = { causes: [], warnings: [], reached: [] }
  for (const { service, users, connections, unproven = [] } of checks) {
    if (users.length === 0) continue
    const where = `${service.managed}'s twin at ${service.host}:${service.port}`
    if (connections === undefined) {
      finding.warnings.push(
        `whether ${users.join(', ')} reached the ${service.role} (${where}) is not checked: ${service.name}'s engine logs no connections`
      )
      continue
    }
    const reached = [
      ...new Set(connections.filter(c => c.ok && c.container !== undefined).map(c => c.container as string))
    ]
    finding.reached.push({ role: service.role, containers: reached })
    if (reached.length === 0 && !users.some(user => unproven.includes(user))) {
      finding.causes.push(
        `no container reached the ${service.role} during the smoke test: ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it (compose service ${service.name}), but none connected to ${where}; on Beanstalk the app would run without it. If the app reads its address from a variable or a file the compose file does not name, name that variable in the service's environment with the compose name (KEY: ${service.name}) so the action rewrites it; if only some pages use it, set smoke-test-path to one that does; if no page does until the app's tables exist, run its migrations as a one-shot job the app depends on (condition: service_completed_successfully), which the smoke test and every deploy run first`
      )
      continue
    }
    const missing = users.filter(candidate => !reached.includes(candidate) && !unproven.includes(candidate))
    for (const user of missing) {
      finding.warnings.push(
        `${user} uses the ${service.role} (compose service ${service.name}) but did not connect to ${where} during the smoke test`
      )
    }
  }
  return finding
}

const EXITED = /^container (\S+) exited/

/**
 * The smoke test's causes by strength: what the logs tell (diagnosed: the reason a container
 * failed, with the fix), then the essential containers that exited (the line quotes their last
 * log lines), then what the twins saw, then the health check's other causes. A service whose
 * users all exited was not reached because they died: its reach verdict would only send the
 * user to smoke-test-path, so it is given only for services a running container failed to
 * reach, and only when no log told more.
 */
export function rankedCauses(
  healthCauses: string[],
  diagnosed: string[],
  checks: Parameters<typeof reachFindings>[0]
): string[] {
  const exitedNames = new Set(healthCauses.flatMap(cause => EXITED.exec(cause)?.[1] ?? []))
  const exited = healthCauses.filter(cause => EXITED.test(cause))
  const otherHealth = healthCauses.filter(cause => !EXITED.test(cause))
  const reach = reachFindings(checks.filter(check => check.users.some(user => !exitedNames.has(user))))
  return [...diagnosed, ...exited, ...(diagnosed.length === 0 ? reach.causes : []), ...otherHealth]
}
