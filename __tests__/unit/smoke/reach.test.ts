// Who reached the twins, read from the servers' own connection logs.

import { describe, expect, it } from '@jest/globals'
import {
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
