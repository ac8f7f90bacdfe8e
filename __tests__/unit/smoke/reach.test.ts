// Who reached the twins, read from the servers' own connection logs.

import { describe, expect, it } from '@jest/globals'
import {
  addressOwner,
  attribute,
  mysqlConnections,
  postgresConnections,
  rankedCauses,
  reachFindings,
  redisConnections
} from '../../../src/smoke/reach.js'

describe('connection logs', () => {
  it('PostgreSQL: received, then authorized or refused, by backend pid', () => {
    const log = [
      '2026-12-06 19:30:00.120 UTC [85] LOG:  connection received: host=172.20.0.3 port=40000',
      '2026-12-06 19:30:00.121 UTC [86] LOG:  connection received: host=172.20.0.4 port=40002',
      '2026-12-06 19:30:00.125 UTC [85] LOG:  connection authorized: user=paper_admin database=paper',
      '2026-12-06 19:30:00.126 UTC [86] FATAL:  password authentication failed for user "paperless"',
      '2026-12-06 19:30:00.126 UTC [86] DETAIL:  Role "paperless" does not exist.',
      '2026-12-06 19:30:00.130 UTC [87] LOG:  connection received: host=[local]'
    ].join('\n')
    expect(postgresConnections(log)).toEqual([
      { address: '172.20.0.3', ok: true, user: 'paper_admin' },
      {
        address: '172.20.0.4',
        ok: false,
        user: 'paperless',
        failure: 'password authentication failed for user "paperless"'
      }
    ])
  })

  it('MySQL: the general log’s Connect rows', () => {
    const rows = [
      'shop[shop] @  [172.20.0.3]\tshop@172.20.0.3 on shop using TCP/IP',
      "[shop] @  [172.20.0.4]\tAccess denied for user 'dev'@'172.20.0.4' (using password: YES)"
    ].join('\n')
    expect(mysqlConnections(rows)).toEqual([
      { address: '172.20.0.3', ok: true, user: 'shop' },
      {
        address: '172.20.0.4',
        ok: false,
        user: 'dev',
        failure: "Access denied for user 'dev'@'172.20.0.4' (using password: YES)"
      }
    ])
  })

  it('Redis at loglevel verbose: Accepted <address>', () => {
    const log = [
      '1:M 06 Dec 2026 19:06:17.561 - Accepted 172.17.0.2:55886',
      '1:M 06 Dec 2026 19:06:17.562 - Client closed connection id=4 addr=172.17.0.2:55886'
    ].join('\n')
    expect(redisConnections(log)).toEqual([{ address: '172.17.0.2', ok: true }])
    const names = new Map([['172.17.0.2', 'worker']])
    expect(attribute(redisConnections(log), address => names.get(address))).toEqual([
      { container: 'worker', ok: true }
    ])
  })
})

// A new user's Flask app (2026-12-07): web started on the address its migration job had before it exited, and
// web's connections were the job's ("web uses the database … but did not connect" on a passing run).
describe('an address that changes hands', () => {
  const stamp = (iso: string, line: string) => `${iso} ${line}`
  const postgresLog = [
    stamp(
      '2026-12-07T12:00:01.000000000Z',
      '2026-12-07 12:00:01.000 UTC [40] LOG:  connection received: host=192.168.128.3 port=4000'
    ),
    stamp(
      '2026-12-07T12:00:01.010000000Z',
      '2026-12-07 12:00:01.010 UTC [40] LOG:  connection authorized: user=app database=app'
    ),
    stamp(
      '2026-12-07T12:00:09.000000000Z',
      '2026-12-07 12:00:09.000 UTC [41] LOG:  connection received: host=192.168.128.3 port=4100'
    ),
    stamp(
      '2026-12-07T12:00:09.010000000Z',
      '2026-12-07 12:00:09.010 UTC [41] LOG:  connection authorized: user=app database=app'
    )
  ].join('\n')
  const t = (clock: string) => Date.parse(`2026-12-07T12:00:${clock}Z`)
  const lifetimes = [
    { name: 'migrate', addresses: ['192.168.128.3'], startedAt: t('00.500'), finishedAt: t('07.000') },
    { name: 'web', addresses: ['192.168.128.3'], startedAt: t('08.000') },
    { name: 'worker', addresses: ['192.168.128.4'], startedAt: t('00.600') }
  ]

  it('each connection is the container that had the address when the server logged it', () => {
    const connections = postgresConnections(postgresLog)
    expect(connections.map(connection => connection.at)).toEqual([t('01.000'), t('09.000')])
    expect(attribute(connections, (address, at) => addressOwner(lifetimes, address, at))).toEqual([
      { container: 'migrate', ok: true, user: 'app' },
      { container: 'web', ok: true, user: 'app' }
    ])
    const redisLog = stamp(
      '2026-12-07T12:00:10.000000000Z',
      '1:M 07 Dec 2026 12:00:10.000 - Accepted 192.168.128.3:55886'
    )
    expect(redisConnections(redisLog)).toEqual([{ address: '192.168.128.3', ok: true, at: t('10.000') }])
  })

  it('a job gone before its address was read is the one container of unknown address running then', () => {
    const quick = [
      { name: 'migrate', addresses: [], startedAt: t('00.500'), finishedAt: t('01.200') },
      { name: 'web', addresses: ['192.168.128.3'], startedAt: t('08.000') }
    ]
    expect(addressOwner(quick, '192.168.128.3', t('01.000'))).toBe('migrate')
    // The engine may stamp the line a little after the job ended.
    expect(addressOwner(quick, '192.168.128.3', t('02.100'))).toBe('migrate')
    expect(addressOwner(quick, '192.168.128.3', t('09.000'))).toBe('web')
    expect(addressOwner(quick, '192.168.128.3', t('05.000'))).toBeUndefined()
    const twoQuick = [
      ...quick,
      { name: 'seed', addresses: [], startedAt: t('00.700'), finishedAt: t('01.500') }
    ]
    expect(addressOwner(twoQuick, '192.168.128.3', t('01.000'))).toBeUndefined()
  })

  // CI, 2026-12-07: a web whose bash probe connected at once was logged 40 ms before its own recorded start.
  it('a connection stamped just before the start of the container seen there is that container’s', () => {
    const web = [{ name: 'web', addresses: ['192.168.128.3'], startedAt: t('08.000') }]
    expect(addressOwner(web, '192.168.128.3', t('07.960'))).toBe('web')
    expect(addressOwner(web, '192.168.128.3', t('07.500'))).toBeUndefined()
    const both = [...lifetimes.slice(0, 2)]
    // The job's own first connection, stamped before its start, stays the job's: the web started long after.
    expect(addressOwner(both, '192.168.128.3', t('00.450'))).toBe('migrate')
  })

  it('without a time, the container seen there last; an address nobody had is nobody’s', () => {
    expect(addressOwner(lifetimes, '192.168.128.3')).toBe('web')
    expect(addressOwner(lifetimes, '192.168.128.4', t('05.000'))).toBe('worker')
    expect(addressOwner(lifetimes, '192.168.128.4', t('00.000'))).toBeUndefined()
    expect(addressOwner(lifetimes, '192.168.128.9')).toBeUndefined()
  })
})

describe('reachFindings', () => {
  const service = {
    role: 'database' as const,
    name: 'db',
    managed: 'RDS instance d',
    host: 'd.rds.amazonaws.com',
    port: 5432,
    username: 'admin'
  }

  it('fails when no container that uses the service reached it', () => {
    const finding = reachFindings([{ service, users: ['web', 'worker'], connections: [] }])
    expect(finding.causes).toEqual([
      "no container reached the database during the smoke test: web, worker use it (compose service db), but none connected to RDS instance d's twin at d.rds.amazonaws.com:5432; on Beanstalk the app would run without it. If the app reads its address from a variable or a file the compose file does not name, name that variable in the service's environment with the compose name (KEY: db) so the action rewrites it; if only some pages use it, set smoke-test-path to one that does; if no page does until the app's tables exist, run its migrations as a one-shot job the app depends on (condition: service_completed_successfully), which the smoke test and every deploy run first"
    ])
  })

  it('a refused login is no proof', () => {
    const finding = reachFindings([
      { service, users: ['web'], connections: [{ container: 'web', ok: false, failure: 'x' }] }
    ])
    expect(finding.causes).toHaveLength(1)
  })

  it('warns of a user that did not connect while another did', () => {
    const finding = reachFindings([
      { service, users: ['web', 'worker'], connections: [{ container: 'worker', ok: true, user: 'admin' }] }
    ])
    expect(finding).toEqual({
      causes: [],
      warnings: [
        "web uses the database (compose service db) but did not connect to RDS instance d's twin at d.rds.amazonaws.com:5432 during the smoke test"
      ],
      reached: [{ role: 'database', containers: ['worker'] }]
    })
  })

  it('cannot tell for an engine that logs no connections, and says so', () => {
    const finding = reachFindings([
      { service: { ...service, role: 'cache', name: 'memcached' }, users: ['web'], connections: undefined }
    ])
    expect(finding.causes).toEqual([])
    expect(finding.warnings[0]).toMatch(/^whether web reached the cache .* is not checked/)
  })
})

describe('causes by strength (trial D4)', () => {
  const database = {
    role: 'database' as const,
    name: 'db',
    managed: 'RDS app-db',
    host: 'app-db.abc.us-east-1.rds.amazonaws.com',
    port: 5432,
    username: 'app'
  }
  const cache = { ...database, role: 'cache' as const, name: 'redis', managed: 'ElastiCache c', port: 6379 }

  it('a container that exited leads; the reach verdict of the services only it used is left out', () => {
    // App C of the trial: api exited (nodemon not found), so it never reached the database or the cache.
    expect(
      rankedCauses(
        ['container api exited with code 127'],
        [],
        [
          { service: database, users: ['api'], connections: [] },
          { service: cache, users: ['api'], connections: [] }
        ]
      )
    ).toEqual(['container api exited with code 127'])
  })

  it('keeps the reach verdict of a service that a running container failed to reach', () => {
    const causes = rankedCauses(
      ['container worker exited with code 1'],
      [],
      [
        { service: database, users: ['web'], connections: [] },
        { service: cache, users: ['worker'], connections: [] }
      ]
    )
    expect(causes[0]).toBe('container worker exited with code 1')
    expect(causes.slice(1)).toEqual([
      expect.stringMatching(/^no container reached the database during the smoke test: web uses it/)
    ])
  })

  it('a cause read in a log leads (it says why and what to change), then the exit, the health check last', () => {
    expect(
      rankedCauses(
        ['health check failed: GET / returned 502', 'container web exited with code 1'],
        ['web tried to reach the cache on 127.0.0.1'],
        [{ service: cache, users: ['web'], connections: [] }]
      )
    ).toEqual([
      'web tried to reach the cache on 127.0.0.1',
      'container web exited with code 1',
      'health check failed: GET / returned 502'
    ])
  })

  it('with no exit, the reach verdict stays', () => {
    expect(rankedCauses([], [], [{ service: database, users: ['web'], connections: [] }])).toEqual([
      expect.stringMatching(/^no container reached the database/)
    ])
  })
})
