import { describe, expect, it } from '@jest/globals'
import type { ContainerFacts } from '../../../src/smoke/causes.js'
import { diagnose } from '../../../src/smoke/causes.js'
import { attribute, postgresConnections, reachFindings } from '../../../src/smoke/reach.js'
import { caBundleVariable } from '../../../src/smoke/ca-bundles.js'
import { tlsFindings, type TlsFindingsInput } from '../../../src/smoke/tls-findings.js'

const RDS_HOST = 'paper-db.c9akciq32.us-east-1.rds.amazonaws.com'
const twin = {
  role: 'database' as const,
  engine: 'postgres' as const,
  name: 'postgres',
  managed: 'RDS instance paper-db',
  host: RDS_HOST,
  port: 5432,
  username: 'paper_admin',
  tls: { refusePlain: true }
}

// The twin's own log lines (PostgreSQL 15 with log_connections, as the integration test saw them).
const TWIN_LOG = [
  '2026-12-06 23:31:03.027 UTC [144] LOG:  connection received: host=172.22.0.3 port=36424',
  '2026-12-06 23:31:03.069 UTC [144] LOG:  connection authorized: user=paper_admin database=paper_prod application_name=psql SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)',
  '2026-12-06 23:31:04.903 UTC [145] LOG:  connection received: host=172.22.0.4 port=36436',
  '2026-12-06 23:31:04.904 UTC [145] FATAL:  no pg_hba.conf entry for host "172.22.0.4", user "paper_admin", database "paper_prod", no encryption',
  '2026-12-06 23:31:07.792 UTC [147] LOG:  connection received: host=172.22.0.5 port=36448',
  '2026-12-06 23:31:07.798 UTC [147] LOG:  could not accept SSL connection: tlsv1 alert unknown ca'
].join('\n')

const containerAt = (address: string) =>
  ({ '172.22.0.3': 'web', '172.22.0.4': 'worker', '172.22.0.5': 'verifier' })[address]

function facts(name: string, extra: Partial<ContainerFacts> = {}): ContainerFacts {
  return { name, linkAliases: [], bindings: [], mounts: [], ...extra }
}

function input(overrides: Partial<TlsFindingsInput> = {}): TlsFindingsInput {
  return {
    twins: [twin],
    containers: [facts('web'), facts('worker'), facts('verifier')],
    logs: [],
    connections: new Map([['postgres', attribute(postgresConnections(TWIN_LOG), containerAt)]]),
    users: new Map([['postgres', ['web', 'worker', 'verifier']]]),
    ...overrides
  }
}

describe('the database twin log read for TLS', () => {
  it('keeps the refusal of a plain connection and the handshake the client aborted', () => {
    expect(postgresConnections(TWIN_LOG)).toEqual([
      { address: '172.22.0.3', ok: true, user: 'paper_admin' },
      {
        address: '172.22.0.4',
        ok: false,
        user: 'paper_admin',
        failure:
          'no pg_hba.conf entry for host "172.22.0.4", user "paper_admin", database "paper_prod", no encryption'
      },
      { address: '172.22.0.5', ok: false, tlsFailure: 'tlsv1 alert unknown ca' }
    ])
  })
})

describe('tlsFindings', () => {
  it('a plain connection refused by a 15+ twin fails with what the client needs, not as a bad login', () => {
    const found = tlsFindings(input())
    expect(found.causes[0]).toBe(
      "worker connected to the database without TLS and was refused: RDS instance paper-db runs RDS for PostgreSQL 15 or later, which refuses unencrypted connections (rds.force_ssl = 1), and so does its twin: make your client use TLS — libpq (psql, Rails, Django, Go's pgx): sslmode=require; node-postgres, which never tries TLS unless asked: the RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem) in NODE_EXTRA_CA_CERTS and sslmode=verify-full in the URL, or ssl: { ca } in its config, or PGSSLMODE when it connects with separate host variables (see docs/variable-families.md#tls)"
    )
    const { connections, containers } = input()
    // causes.ts leaves it alone: the password was never asked for.
    expect(diagnose({ twins: [twin], containers, logs: [], connections })).toEqual([])
  })

  it("leaves libpq's plain retry after a login refused over TLS to the login's cause", () => {
    const log = [
      '2026-12-07 00:05:01.001 UTC [200] LOG:  connection received: host=172.22.0.4 port=40000',
      '2026-12-07 00:05:01.002 UTC [200] FATAL:  password authentication failed for user "paperless"',
      '2026-12-07 00:05:01.003 UTC [201] LOG:  connection received: host=172.22.0.4 port=40002',
      '2026-12-07 00:05:01.004 UTC [201] FATAL:  no pg_hba.conf entry for host "172.22.0.4", user "paperless", database "paperless", no encryption'
    ].join('\n')
    const connections = new Map([['postgres', attribute(postgresConnections(log), containerAt)]])
    expect(tlsFindings(input({ connections })).causes).toEqual([])
    expect(diagnose({ twins: [twin], containers: input().containers, logs: [], connections })).toEqual([
      expect.stringMatching(
        /^worker logged in to the database as `paperless`, but the user of RDS instance paper-db is `paper_admin`/
      )
    ])
  })

  it('a client that rejected the certificate and names no CA bundle fails: its trust store lacks the RDS CA on AWS too', () => {
    const found = tlsFindings(input())
    expect(found.causes).toHaveLength(2)
    expect(found.causes[1]).toMatch(
      /^verifier rejected the database twin's TLS certificate: its client verifies the server .* it would reject RDS instance paper-db's certificate on AWS too: give it the RDS CA bundle \(https:\/\/truststore\.pki\.rds\.amazonaws\.com\/global\/global-bundle\.pem\) and name it in its environment — NODE_EXTRA_CA_CERTS=<path> for Node/
    )
    expect(found.warnings).toEqual([])
    expect(found.unproven.size).toBe(0)
  })

  it('one that names a CA bundle is warned of, unproven, and not failed for by the reach check', () => {
    const containers = [facts('verifier', { caBundle: 'NODE_EXTRA_CA_CERTS' })]
    const verifierOnly = input()
      .connections.get('postgres')
      ?.filter(c => c.container === 'verifier')
    const found = tlsFindings(
      input({
        containers,
        connections: new Map([['postgres', verifierOnly]]),
        users: new Map([['postgres', ['verifier']]])
      })
    )
    expect(found.causes).toEqual([])
    expect(found.warnings).toEqual([
      "verifier rejected the database twin's TLS certificate, as a client that verifies the server against the CA bundle it names in NODE_EXTRA_CA_CERTS should: the twin cannot present a certificate signed by the RDS CA, so whether verifier reaches RDS instance paper-db is not proven by the smoke test; it will on AWS if NODE_EXTRA_CA_CERTS names the RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem)"
    ])
    expect(found.unproven.get('postgres')).toEqual(['verifier'])
    const connections = input()
      .connections.get('postgres')
      ?.filter(c => c.container === 'verifier')
    const check = { service: twin, users: ['verifier'], connections }
    expect(reachFindings([check]).causes).toHaveLength(1)
    expect(reachFindings([{ ...check, unproven: ['verifier'] }])).toEqual({
      causes: [],
      warnings: [],
      reached: [{ role: 'database', containers: [] }]
    })
  })

  it('one whose CA bundle, read from its image, holds no RDS CA or is missing fails: it would reject RDS too', () => {
    const verifierOnly = input()
      .connections.get('postgres')
      ?.filter(c => c.container === 'verifier')
    const found = (file: NonNullable<ContainerFacts['caFiles']>[number]) =>
      tlsFindings(
        input({
          containers: [facts('verifier', { caBundle: 'PGSSLROOTCERT', caFiles: [file] })],
          connections: new Map([['postgres', verifierOnly]]),
          users: new Map([['postgres', ['verifier']]])
        })
      )
    const other = found({
      variable: 'PGSSLROOTCERT',
      path: '/app/ca.pem',
      holds: 'other',
      subjects: ['CN=Corp Root', 'CN=Corp Issuing']
    })
    expect(other.warnings).toEqual([])
    expect(other.causes).toEqual([
      "verifier could not verify the database twin's TLS certificate: it verifies the server against /app/ca.pem (PGSSLROOTCERT), whose certificates (CN=Corp Root; CN=Corp Issuing) include no RDS CA, so it would reject RDS instance paper-db's certificate on AWS too: put the RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem) at /app/ca.pem in the image"
    ])
    const missing = found({ variable: 'PGSSLROOTCERT', path: '/app/rds.pem', holds: 'missing', subjects: [] })
    expect(missing.causes[0]).toContain(
      'against /app/rds.pem (PGSSLROOTCERT), which is not in its image, so it'
    )
    // One that holds the RDS CA had the twin's CA added: a rejection then is unproven, as before.
    const rds = found({
      variable: 'PGSSLROOTCERT',
      path: '/app/rds.pem',
      holds: 'rds',
      subjects: ['CN=Amazon RDS']
    })
    expect(rds.causes).toEqual([])
    expect(rds.unproven.get('postgres')).toEqual(['verifier'])
  })

  it("reads Node's own words when the twin's log has no alert (Node checks the certificate after the handshake)", () => {
    const found = tlsFindings(
      input({
        connections: new Map([['postgres', []]]),
        logs: [
          {
            container: 'web',
            text: "Startup failed: Error: self-signed certificate\n  code: 'DEPTH_ZERO_SELF_SIGNED_CERT'"
          }
        ]
      })
    )
    expect(found.causes).toHaveLength(1)
    expect(found.causes[0]).toMatch(/^web rejected the database twin's TLS certificate/)
  })

  it("names a container that crashed on the refusal from its own log, when the twin's log cannot name it", () => {
    // node-postgres quotes the server; the container exited before its address was recorded.
    const found = tlsFindings(
      input({
        connections: new Map([['postgres', attribute(postgresConnections(TWIN_LOG), () => undefined)]]),
        logs: [
          {
            container: 'worker',
            text: 'error: no pg_hba.conf entry for host "172.22.0.9", user "paper_admin", database "paper_prod", no encryption\n    at Parser.parseErrorMessage\n}'
          }
        ]
      })
    )
    expect(found.causes).toHaveLength(1)
    expect(found.causes[0]).toMatch(/^worker connected to the database without TLS and was refused/)
  })

  it('says nothing of a container that reached the twin, or of a twin that serves no TLS', () => {
    const logs = [{ container: 'web', text: 'certificate verify failed' }]
    expect(tlsFindings(input({ logs, users: new Map([['postgres', ['web']]]) })).causes).toHaveLength(2)
    const { tls: _tls, ...withoutTls } = twin
    expect(tlsFindings(input({ logs, twins: [withoutTls] }))).toEqual({
      causes: [],
      warnings: [],
      unproven: new Map()
    })
  })
})

describe('caBundleVariable', () => {
  it('finds the variables that name a CA bundle', () => {
    expect(caBundleVariable([{ name: 'NODE_EXTRA_CA_CERTS', value: '/app/global-bundle.pem' }])).toBe(
      'NODE_EXTRA_CA_CERTS'
    )
    expect(caBundleVariable([{ name: 'PGSSLROOTCERT', value: '/certs/rds.pem' }])).toBe('PGSSLROOTCERT')
    expect(caBundleVariable([{ name: 'DB_SSL_CA', value: '/certs/rds.pem' }])).toBe('DB_SSL_CA')
    expect(
      caBundleVariable([
        { name: 'DATABASE_URL', value: 'postgres://h/db?sslmode=verify-full&sslrootcert=/c.pem' }
      ])
    ).toBe('DATABASE_URL')
    expect(
      caBundleVariable([{ name: 'DATABASE_URL', value: 'postgres://h/db?sslmode=require' }])
    ).toBeUndefined()
    expect(caBundleVariable([{ name: 'PGSSLROOTCERT', value: '' }])).toBeUndefined()
  })
})
