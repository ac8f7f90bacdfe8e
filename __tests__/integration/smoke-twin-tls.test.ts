// The database twin's TLS, through the action against the AWS stand-in, on the twin-app fixture with
// three client behaviours (psql's PGSSLMODE, set in code the action does not see): a client that never
// tries TLS (as node-postgres without `ssl`) is refused as RDS for PostgreSQL 15+ refuses it; one that
// requires TLS without verifying (libpq sslmode=require) goes Green; one that verifies the server
// against a trust store with no RDS CA, or a CA bundle that holds none, is stopped; one that names the RDS CA
// bundle is given the twin's throwaway CA in it, reaches the twin and goes Green.

import { expect, it } from '@jest/globals'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'
import { fixtureDeploys, smokeLeftovers } from './helpers/smoke.js'

const describeWithDocker = dockerSuite('smoke twin TLS')
const BUNDLE = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem'

describeWithDocker('the database twin is as strict about TLS as RDS for PostgreSQL 15+', () => {
  // The stand-in's instances are PostgreSQL 15.7 unless seeded otherwise.
  const deploys = fixtureDeploys({
    application: 'twin-tls',
    environment: 'twin-tls-fixtures',
    folders: ['__tests__/fixtures/smoke', '__tests__/fixtures/twin-app'],
    database: { id: 'paper-db', dbName: 'paper_prod', username: 'paper_admin' },
    cache: 'paper-cache',
    inputs: { 'smoke-test': 'true' }
  })

  it.each([
    [
      'twin-tls-plain',
      `::error::Smoke test failed: worker connected to the database without TLS and was refused: RDS instance paper-db runs RDS for PostgreSQL 15 or later, which refuses unencrypted connections (rds.force_ssl = 1), and so does its twin: make your client use TLS — libpq (psql, Rails, Django, Go's pgx): sslmode=require; node-postgres, which never tries TLS unless asked: the RDS CA bundle (${BUNDLE}) in NODE_EXTRA_CA_CERTS and sslmode=verify-full in the URL, or ssl: { ca } in its config, or PGSSLMODE when it connects with separate host variables (see docs/variable-families.md#tls)`
    ],
    [
      'twin-tls-verify-bundle',
      `::error::Smoke test failed: worker could not verify the database twin's TLS certificate: it verifies the server against /opt/app/not-the-twins-ca.pem (PGSSLROOTCERT), whose certificates (CN=Not the smoke twin's CA (fixture)) include no RDS CA, so it would reject RDS instance paper-db's certificate on AWS too: put the RDS CA bundle (${BUNDLE}) at /opt/app/not-the-twins-ca.pem in the image`
    ],
    [
      'twin-tls-verify',
      `::error::Smoke test failed: worker rejected the database twin's TLS certificate: its client verifies the server (sslmode=verify-full, or node-postgres' sslmode=require / ssl: true) against its default trust store, which has no RDS CA, so it would reject RDS instance paper-db's certificate on AWS too: give it the RDS CA bundle (${BUNDLE}) and name it in its environment — NODE_EXTRA_CA_CERTS=<path> for Node, PGSSLROOTCERT=<path> or sslrootcert=<path> for libpq; the smoke test then adds its own throwaway CA to that bundle for the smoke run, so the client verifies the twin as it will verify RDS`
    ]
  ])(
    '%s: stopped before any environment is updated, saying what the client needs',
    async (fixture, message) => {
      const updatesBefore = deploys.updateCalls().length
      const run = await deploys.run(fixture)
      expect(run.errors).toEqual([message])
      expect(run.status).not.toBe(0)
      expect(deploys.updateCalls()).toHaveLength(updatesBefore)
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'twin-tls-require: a client that requires TLS without verifying reaches the twin and goes Green',
    async () => {
      const run = await deploys.run('twin-tls-require')
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by worker/
      )
      expect(run.outputs.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'twin-tls-verify-rds-bundle: a client that verifies against the RDS CA bundle it names reaches the twin and goes Green',
    async () => {
      const run = await deploys.run('twin-tls-verify-rds-bundle')
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by (web, worker|worker, web)/
      )
      expect(run.stdout).not.toContain('::warning::Smoke test')
      expect(run.outputs.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )
})
