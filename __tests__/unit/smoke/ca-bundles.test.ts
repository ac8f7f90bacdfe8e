// Which CA bundles a container names, and whether one holds an RDS CA (src/smoke/ca-bundles.ts), with the stand-in's
// own reading of the same (stand-in/rds-pki.ts), written apart: both must agree on these cases.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'

import { bundleSubjects, caBundlePaths } from '../../../src/smoke/ca-bundles.js'
import { holdsRdsCa, namedCaBundles } from '../../../stand-in/rds-pki.js'
import { twinCertificate } from '../../../src/smoke/twin-tls.js'

const fixture = (name: string) => readFileSync(`__tests__/fixtures/twin-app/${name}`, 'utf8')

describe('the CA bundles a container names', () => {
  const environment = {
    NODE_EXTRA_CA_CERTS: '/app/global-bundle.pem',
    PGSSLROOTCERT: ' /etc/ssl/rds.pem ',
    DB_SSL_CA: 'relative/ca.pem',
    DATABASE_URL: 'postgres://u@db/app?sslmode=verify-full&sslrootcert=%2Fsrv%2Frds%20ca.pem',
    OTHER_DSN: 'host=db sslrootcert=/etc/ssl/rds.pem',
    CA_COUNT: '3',
    RAILS_ENV: 'production'
  }

  it('takes absolute paths from CA variables and sslrootcert=, once each', () => {
    expect(caBundlePaths(Object.entries(environment).map(([name, value]) => ({ name, value })))).toEqual([
      { variable: 'NODE_EXTRA_CA_CERTS', path: '/app/global-bundle.pem' },
      { variable: 'PGSSLROOTCERT', path: '/etc/ssl/rds.pem' },
      { variable: 'DATABASE_URL', path: '/srv/rds ca.pem' }
    ])
    expect(namedCaBundles(environment)).toEqual([
      '/app/global-bundle.pem',
      '/etc/ssl/rds.pem',
      '/srv/rds ca.pem'
    ])
  })
})

describe('whether a bundle holds an RDS CA', () => {
  it('reads the subjects of every certificate in it', async () => {
    const rdsLike = fixture('rds-like-ca.pem')
    const notRds = fixture('not-the-twins-ca.pem')
    expect(bundleSubjects(`${notRds}\n${rdsLike}`)).toEqual({
      subjects: [
        "CN=Not the smoke twin's CA (fixture)",
        "C=US, O=Fixture\\, not Amazon, OU=Amazon RDS, CN=Amazon RDS fixture Root CA (not AWS's)"
      ],
      rds: true
    })
    expect(bundleSubjects(notRds).rds).toBe(false)
    expect(
      bundleSubjects('not a certificate\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')
    ).toEqual({
      subjects: [],
      rds: false
    })
    expect(holdsRdsCa(`${notRds}\n${rdsLike}`)).toBe(true)
    expect(holdsRdsCa(notRds)).toBe(false)
    // The smoke twin's own throwaway CA is no RDS CA.
    expect(bundleSubjects((await twinCertificate('db.example.com')).ca).rds).toBe(false)
  })
})
