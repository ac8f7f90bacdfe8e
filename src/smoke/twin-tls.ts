// The database twin serves TLS as every RDS instance does, and refuses plain
// connections where RDS would (PostgreSQL 15+, rds.force_ssl = 1). Its
// certificate is for the managed host name, signed by a throwaway CA, and new
// every run: the twin cannot present one signed by the RDS CA, so a client
// that verifies the server against its default trust store rejects it here
// (tls-findings.ts), and one that names a CA bundle is given the throwaway CA
// there for the smoke run (twin-trust.ts).
//
// The official postgres images may lack openssl, so the key and certificate
// are made on the runner and written into the running twin, then turned on
// with a reload (ssl and pg_hba.conf are re-read on SIGHUP). This happens
// once the server is ready and before any app container starts.

import { generate } from 'selfsigned'

export interface TwinCertificate {
  cert: string
  key: string
  /** The throwaway CA that signed `cert`: what a verifying client is given to trust in the smoke run. */
  ca: string
}

/** A throwaway certificate for `host`, signed by a throwaway CA of its own, both valid for a day. */
export async function twinCertificate(host: string): Promise<TwinCertificate> {
  const now = Date.now()
  // SHA-256 signatures: OpenSSL's default security level refuses a certificate signed with SHA-1 ("ca md too weak").
  const validity = {
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 3600_000),
    algorithm: 'sha256'
  }
  const ca = await generate([{ name: 'commonName', value: 'Smoke test database twin CA (throwaway)' }], {
    keyType: 'ec',
    curve: 'P-256',
    ...validity,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
    ]
  })
  const generated = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    ...validity,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: host }] }
    ]
  })
  return { cert: generated.cert, key: generated.private, ca: ca.cert }
}

/** Where the twin keeps them: a folder of the server's user (postgres), the key 0600 as the server requires. */
const TLS_DIR = '/tmp/bdd-twin-tls'

/**
 * `docker exec` argv (after the container name) that installs the certificate in a PostgreSQL twin and turns
 * TLS on; with `refusePlain`, every `host` rule of pg_hba.conf becomes `hostssl`, as rds.force_ssl = 1 does
 * on RDS (https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates), so a plain connection gets
 * RDS's own `no pg_hba.conf entry for host "…", user "…", database "…", no encryption`. Runs as the
 * container's user (root in the official images, which then hands the files to postgres) and asks the
 * server as the twin's superuser over its socket (trusted locally in every postgres image).
 */
export function postgresTlsSetup(certificate: TwinCertificate, user: string, refusePlain: boolean): string[] {
  const script = [
    'set -eu',
    'cert=$1 key=$2 user=$3 refuse=$4',
    `dir=${TLS_DIR}`,
    'umask 077',
    'mkdir -p "$dir"',
    `printf '%s\\n' "$cert" >"$dir/server.crt"`,
    `printf '%s\\n' "$key" >"$dir/server.key"`,
    'if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; fi',
    'sql() { psql -v ON_ERROR_STOP=1 -U "$user" -d postgres -Atc "$1"; }',
    // Rewritten in place (cat >), so the file keeps its owner and mode.
    'if [ "$refuse" = yes ]; then',
    '  hba=$(sql "show hba_file")',
    `  sed 's/^host[[:space:]]/hostssl /' "$hba" >"$dir/pg_hba.conf"`,
    '  cat "$dir/pg_hba.conf" >"$hba"',
    'fi',
    `sql "ALTER SYSTEM SET ssl_cert_file = '$dir/server.crt'" >/dev/null`,
    `sql "ALTER SYSTEM SET ssl_key_file = '$dir/server.key'" >/dev/null`,
    `sql "ALTER SYSTEM SET ssl = on" >/dev/null`,
    'sql "select pg_reload_conf()" >/dev/null',
    // The postmaster reloads asynchronously; a new session sees the new settings once it has.
    'tries=0',
    'until [ "$(sql "show ssl")" = on ]; do',
    '  tries=$((tries + 1))',
    '  if [ "$tries" -gt 100 ]; then echo "the twin did not turn TLS on (see its log)" >&2; exit 1; fi',
    '  sleep 0.1',
    'done'
  ].join('\n')
  return ['sh', '-c', script, 'twin-tls', certificate.cert, certificate.key, user, refusePlain ? 'yes' : 'no']
}
