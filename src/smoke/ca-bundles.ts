// The CA bundle files a container names, and what they hold. Pure: twin-trust.ts reads the files from the images,
// tls-findings.ts judges a client that rejected the twin with them.

import { X509Certificate } from 'node:crypto'

/** Variable names that name a CA bundle (an app's own spellings included: DB_SSL_CA, REDIS_CA_CERT…). */
export const CA_VARIABLE =
  /^(NODE_EXTRA_CA_CERTS|PGSSLROOTCERT)$|SSL_?ROOT_?CERT|SSL_?CA(_|$)|CA_?(CERT|BUNDLE|FILE|PATH)/i

/** The first variable of a container's environment that names a CA bundle, if any. */
export function caBundleVariable(environment: { name: string; value: string }[]): string | undefined {
  const found = environment.find(
    ({ name, value }) => (CA_VARIABLE.test(name) && value.trim() !== '') || /sslrootcert=/i.test(value)
  )
  return found?.name
}

export interface CaBundlePath {
  variable: string
  path: string
}

/** What the file a container names as its CA bundle holds, read from its image. */
export interface CaBundleFile extends CaBundlePath {
  /** `rds`: an RDS CA certificate is in it; `other`: certificates, none of RDS; `missing`: not in the image. */
  holds: 'rds' | 'other' | 'missing'
  /** The subjects of its certificates (for `other`: what it trusts instead). */
  subjects: string[]
}

/** Absolute paths a container's environment names as CA bundles: by a CA variable, or `sslrootcert=` in a value. */
export function caBundlePaths(environment: readonly { name: string; value: string }[]): CaBundlePath[] {
  const found: CaBundlePath[] = []
  for (const { name, value } of environment) {
    const trimmed = value.trim()
    if (CA_VARIABLE.test(name) && trimmed.startsWith('/')) found.push({ variable: name, path: trimmed })
    const rootCert = /sslrootcert=([^&\s]+)/i.exec(value)?.[1]
    if (rootCert !== undefined) {
      const decoded = safeDecode(rootCert)
      if (decoded.startsWith('/')) found.push({ variable: name, path: decoded })
    }
  }
  return found.filter((entry, index) => found.findIndex(other => other.path === entry.path) === index)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The subjects of the PEM certificates in `text`, and whether one is a CA RDS endpoints chain to: the RDS CAs
 * ("Amazon RDS … Root CA", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html), or
 * Amazon Trust Services' roots, which RDS Proxy's certificates chain to
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls).
 */
export function bundleSubjects(text: string): { subjects: string[]; rds: boolean } {
  const subjects: string[] = []
  for (const block of text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
    try {
      subjects.push(new X509Certificate(block).subject.replace(/\n/g, ', '))
    } catch {
      // Not a certificate a client could load either.
    }
  }
  return { subjects, rds: subjects.some(subject => /Amazon RDS|Amazon Root CA/.test(subject)) }
}
