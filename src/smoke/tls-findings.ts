// Pure: what the database twin's TLS tells about an app that could not reach it.
//
// - A container that connected without TLS to a twin of RDS for PostgreSQL 15+ was refused, as RDS
//   (rds.force_ssl = 1) will refuse it: the smoke test fails and says how to make the client use TLS.
// - A container whose client rejected the twin's certificate (the twin's log: `could not accept SSL
//   connection: tlsv1 alert unknown ca`; or the app's own log: `self-signed certificate`, `certificate
//   verify failed`) verifies the server. The twin cannot present a certificate signed by the RDS CA, so
//   this proves nothing about AWS by itself. Decided (docs/smoke-test.md, "TLS"): when the container's
//   environment names a CA bundle file (NODE_EXTRA_CA_CERTS, PGSSLROOTCERT, sslrootcert=…), that file is read
//   from the image (twin-trust.ts): one that holds an RDS CA gets the twin's throwaway CA added for the smoke
//   run, so the client connects; one that holds none, or is missing, fails the smoke test as it fails on AWS.
//   A bundle that could not be read (a relative path) is taken to work on AWS: a warning says its reach is
//   unproven. When it names none, the client verifies against its default trust store (Node's, the OS's),
//   which has no RDS CA on AWS either: the smoke test fails and says how to give it the bundle.

import { NO_ENCRYPTION, type ContainerFacts, type TwinFacts } from './causes.js'
import type { DevService } from './dev-services.js'
import type { ServerConnection } from './reach.js'
import type { CaBundleFile } from './ca-bundles.js'

/** Where RDS publishes its CA bundle (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html). */
export const RDS_CA_BUNDLE_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem'

/** The twin's words when the client aborted the handshake over its certificate. */
const CERTIFICATE_REJECTED_BY_CLIENT =
  /unknown ca|certificate unknown|bad certificate|unsupported certificate/i

/** A client's own words for a server certificate it does not trust (OpenSSL / libpq, Node, Java, Go, Python). */
const CERTIFICATE_NOT_TRUSTED =
  /self[- ]signed certificate|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first certificate|unable to get local issuer certificate|certificate verify failed|PKIX path building failed|x509: certificate signed by unknown authority|root certificate file .* does not exist/i

export interface TlsFindingsInput {
  twins: (TwinFacts & Pick<DevService, 'tls'>)[]
  containers: ContainerFacts[]
  logs: { container: string; text: string }[]
  connections: Map<string, ServerConnection[] | undefined>
  /** Twin compose name → the containers that use it. */
  users: Map<string, string[]>
}

export interface TlsFindings {
  causes: string[]
  warnings: string[]
  /** Twin compose name → containers whose reach only a certificate of RDS's could prove. */
  unproven: Map<string, string[]>
}

export function tlsFindings(input: TlsFindingsInput): TlsFindings {
  const findings: TlsFindings = { causes: [], warnings: [], unproven: new Map() }
  const facts = new Map(input.containers.map(container => [container.name, container]))
  for (const twin of input.twins) {
    if (!twin.tls) continue
    const connections = input.connections.get(twin.name) ?? []
    const reached = new Set(connections.filter(c => c.ok).map(c => c.container))
    const refusedPlain = new Set<string>()
    const rejectedCertificate = new Set<string>()
    for (const connection of connections) {
      if (connection.container === undefined || reached.has(connection.container)) continue
      if (connection.failure !== undefined && NO_ENCRYPTION.test(connection.failure))
        refusedPlain.add(connection.container)
      if (connection.tlsFailure !== undefined && CERTIFICATE_REJECTED_BY_CLIENT.test(connection.tlsFailure))
        rejectedCertificate.add(connection.container)
    }
    // Clients that check the certificate after the handshake (Node) leave no alert in the twin's log. And a
    // container that crashed on the refusal before its address was recorded cannot be named from the twin's
    // log: its own log quotes the server's words (node-postgres does).
    for (const user of input.users.get(twin.name) ?? []) {
      if (reached.has(user)) continue
      const log = input.logs.find(candidate => candidate.container === user)?.text ?? ''
      if (CERTIFICATE_NOT_TRUSTED.test(log)) rejectedCertificate.add(user)
      if (NO_ENCRYPTION.test(log)) refusedPlain.add(user)
    }
    // libpq's default (prefer) retries without TLS after a login refused over TLS: the login is the cause
    // (causes.ts says it), not the retry.
    const refusedLogin = new Set(
      connections.filter(c => c.failure !== undefined && !NO_ENCRYPTION.test(c.failure)).map(c => c.container)
    )
    for (const name of refusedPlain) {
      if (!refusedLogin.has(name)) findings.causes.push(plainRefusedCause(twin, name))
    }
    for (const name of rejectedCertificate) {
      if (refusedPlain.has(name)) continue
      const caBundle = facts.get(name)?.caBundle
      if (caBundle === undefined) {
        findings.causes.push(untrustedCause(twin, name))
        continue
      }
      // The file it names was read from its image: one without an RDS CA fails it here as on AWS.
      const wrong = facts.get(name)?.caFiles?.find(file => file.holds !== 'rds')
      if (wrong !== undefined) {
        findings.causes.push(wrongBundleCause(twin, name, wrong))
        continue
      }
      findings.warnings.push(unprovenWarning(twin, name, caBundle))
      findings.unproven.set(twin.name, [...(findings.unproven.get(twin.name) ?? []), name])
    }
  }
  return findings
}

function plainRefusedCause(twin: TwinFacts, container: string): string {
  return `${container} connected to the database without TLS and was refused: ${twin.managed} runs RDS for PostgreSQL 15 or later, which refuses unencrypted connections (rds.force_ssl = 1), and so does its twin: make your client use TLS — libpq (psql, Rails, Django, Go's pgx): sslmode=require; node-postgres, which never tries TLS unless asked: the RDS CA bundle (${RDS_CA_BUNDLE_URL}) in NODE_EXTRA_CA_CERTS and sslmode=verify-full in the URL, or ssl: { ca } in its config, or PGSSLMODE when it connects with separate host variables (see docs/variable-families.md#tls)`
}

function untrustedCause(twin: TwinFacts, container: string): string {
  return `${container} rejected the database twin's TLS certificate: its client verifies the server (sslmode=verify-full, or node-postgres' sslmode=require / ssl: true) against its default trust store, which has no RDS CA, so it would reject ${twin.managed}'s certificate on AWS too: give it the RDS CA bundle (${RDS_CA_BUNDLE_URL}) and name it in its environment — NODE_EXTRA_CA_CERTS=<path> for Node, PGSSLROOTCERT=<path> or sslrootcert=<path> for libpq; the smoke test then adds its own throwaway CA to that bundle for the smoke run, so the client verifies the twin as it will verify RDS`
}

function wrongBundleCause(twin: TwinFacts, container: string, file: CaBundleFile): string {
  const holds =
    file.holds === 'missing'
      ? 'which is not in its image'
      : `whose certificates (${file.subjects.join('; ') || 'none readable'}) include no RDS CA`
  return `${container} could not verify the database twin's TLS certificate: it verifies the server against ${file.path} (${file.variable}), ${holds}, so it would reject ${twin.managed}'s certificate on AWS too: put the RDS CA bundle (${RDS_CA_BUNDLE_URL}) at ${file.path} in the image`
}

function unprovenWarning(twin: TwinFacts, container: string, caBundle: string): string {
  return `${container} rejected the database twin's TLS certificate, as a client that verifies the server against the CA bundle it names in ${caBundle} should: the twin cannot present a certificate signed by the RDS CA, so whether ${container} reaches ${twin.managed} is not proven by the smoke test; it will on AWS if ${caBundle} names the RDS CA bundle (${RDS_CA_BUNDLE_URL})`
}
