// The stand-in's RDS certificates, and the trust an RDS CA bundle gives on AWS.
//
// On AWS an RDS instance presents a certificate for its endpoint signed by the RDS CA, and an app that verifies it
// names the RDS CA bundle (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html). Here a
// throwaway "stand-in RDS CA" signs each instance's certificate, and a task whose container names a CA bundle file
// (NODE_EXTRA_CA_CERTS, PGSSLROOTCERT, sslrootcert=… in a URL) that holds an RDS CA certificate gets that file
// with the stand-in's CA appended: it verifies the stand-in's instances as it would verify RDS. A bundle without
// an RDS CA is left alone, and the app fails here as it would there. Written apart from the action's smoke test,
// which does the same for its twin, so that each checks the other.

import { X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

export interface ServerCertificate {
  cert: string
  key: string
}

let authority: Promise<ServerCertificate> | undefined

/** The stand-in's RDS CA: one per process, valid for a week. */
export function standInRdsCa(): Promise<ServerCertificate> {
  authority ??= generate([{ name: 'commonName', value: 'Stand-in RDS CA (throwaway)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
    ]
  }).then(generated => ({ cert: generated.cert, key: generated.private }))
  return authority
}

/** An instance's certificate for its endpoint host names, signed by the stand-in's RDS CA. */
export async function rdsServerCertificate(hosts: string[]): Promise<ServerCertificate> {
  const ca = await standInRdsCa()
  const generated = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600_000),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map(host => ({ type: 2, value: host })) }
    ]
  })
  return { cert: generated.cert, key: generated.private }
}

/** Variable names that name a CA bundle file (an app's own spellings included: DB_SSL_CA, REDIS_CA_CERT…). */
const CA_NAME =
  /^(NODE_EXTRA_CA_CERTS|PGSSLROOTCERT)$|SSL_?ROOT_?CERT|SSL_?CA(_|$)|CA_?(CERT|BUNDLE|FILE|PATH)/i

/** Absolute paths of the CA bundle files an environment names. */
export function namedCaBundles(environment: Record<string, string>): string[] {
  const paths = new Set<string>()
  for (const [name, value] of Object.entries(environment)) {
    if (CA_NAME.test(name) && value.trim().startsWith('/')) paths.add(value.trim())
    const rootCert = /sslrootcert=([^&\s]+)/i.exec(value)?.[1]
    if (rootCert !== undefined) {
      let file = rootCert
      try {
        file = decodeURIComponent(rootCert)
      } catch {
        // Kept as written.
      }
      if (file.startsWith('/')) paths.add(file)
    }
  }
  return [...paths]
}

/** Whether a PEM bundle holds an RDS CA certificate (their subjects say "Amazon RDS"). */
export function holdsRdsCa(pem: string): boolean {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).some(block => {
    try {
      return /Amazon RDS/.test(new X509Certificate(block).subject)
    } catch {
      return false
    }
  })
}
