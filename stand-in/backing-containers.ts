// Real containers behind the RDS and ElastiCache records: postgres:15 and
// redis:7 on a private docker network, each reachable under the AWS-style
// host name that DescribeDBInstances / DescribeCacheClusters return (a network
// alias), so app containers joined to ctx.backingNetwork connect exactly as
// they would in AWS.

import { existsSync } from 'node:fs'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { docker, imageExists } from './docker.js'
import { rdsServerCertificate } from './rds-pki.js'

const run = promisify(execFile)

export const POSTGRES_IMAGE = 'postgres:15'
export const REDIS_IMAGE = 'redis:7'
const BACKING_IMAGES_SCRIPT = fileURLToPath(new URL('../scripts/backing-images.sh', import.meta.url))
const READY_TIMEOUT_MS = 90_000

export interface PostgresSpec {
  id: string
  aliases: string[]
  dbName: string
  username: string
  password: string
  /** The instance's EngineVersion (`15.7`): from 15 on, plain connections are refused, as rds.force_ssl = 1 does. */
  engineVersion: string
}

/**
 * RDS for PostgreSQL 15 and later defaults to rds.force_ssl = 1, which turns the instance's pg_hba.conf
 * rules into `hostssl` ones (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html,
 * https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates): a plain connection then matches
 * no rule and gets RDS's own refusal, `no pg_hba.conf entry for host "…", user "…", database "…", no encryption`.
 */
export function forcesTls(engineVersion: string): boolean {
  const major = Number.parseInt(engineVersion, 10)
  return Number.isFinite(major) && major >= 15
}

export class BackingContainers {
  readonly network: string
  private readonly containers: string[] = []
  private networkCreated = false
  private imagesReady?: Promise<void>

  /** `prefix` is unique per stand-in, so parallel stand-ins never share or remove each other's containers. */
  constructor(
    private readonly prefix: string,
    private readonly log: (message: string) => void
  ) {
    this.network = `${prefix}-backing`
  }

  async createNetwork(): Promise<void> {
    await docker(['network', 'create', '--label', `stand-in=${this.prefix}`, this.network])
    this.networkCreated = true
  }

  async startPostgres(spec: PostgresSpec): Promise<string> {
    await this.ensureImages()
    const name = await this.run(
      `rds-${spec.id}`,
      spec.aliases,
      [
        '-e',
        `POSTGRES_USER=${spec.username}`,
        '-e',
        'POSTGRES_PASSWORD',
        '-e',
        `POSTGRES_DB=${spec.dbName}`,
        POSTGRES_IMAGE,
        // Every RDS instance serves TLS (and PostgreSQL 15+ requires it by default, rds.force_ssl = 1:
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html), so an
        // app whose TLS mode the plan raised to `require` connects here as it would there. Debian's snakeoil
        // certificate, which its postgresql package installs. Plain connections are refused below for 15+.
        'postgres',
        '-c',
        'ssl=on',
        '-c',
        'ssl_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem',
        '-c',
        'ssl_key_file=/etc/ssl/private/ssl-cert-snakeoil.key'
      ],
      { POSTGRES_PASSWORD: spec.password }
    )
    // The entrypoint restarts the server once after initdb, so ask over TCP, which only the final server accepts.
    await this.waitFor(name, ['pg_isready', '-h', '127.0.0.1', '-U', spec.username, '-d', spec.dbName])
    await this.installCertificate(name, spec)
    if (forcesTls(spec.engineVersion)) await this.forceSsl(name, spec.username)
    return name
  }

  /**
   * The instance's certificate for its endpoint, signed by the stand-in's RDS CA (rds-pki.ts), written over the
   * snakeoil files the server was started with (its command line names them, which ALTER SYSTEM cannot override;
   * `cat >` keeps their owners and modes); the server re-reads them on reload. As root, who owns them.
   */
  private async installCertificate(container: string, spec: PostgresSpec): Promise<void> {
    const certificate = await rdsServerCertificate(spec.aliases)
    // The key arrives on stdin and the password in the environment: neither is ever in argv, which an error prints.
    const script = [
      'set -eu',
      `printf '%s\\n' "$1" | cat >/etc/ssl/certs/ssl-cert-snakeoil.pem`,
      'cat >/etc/ssl/private/ssl-cert-snakeoil.key',
      `psql -U "$2" -d postgres -Atc 'select pg_reload_conf()' >/dev/null`,
      // Reloaded asynchronously, and a certificate it cannot load leaves it on the old one: prove TLS works.
      'sleep 0.5',
      `psql "host=127.0.0.1 sslmode=require user=$2 dbname=postgres" -Atc 'select ssl from pg_stat_ssl where pid = pg_backend_pid()' | grep -qx t`
    ].join('\n')
    await docker(
      [
        'exec',
        '-i',
        '-u',
        'root',
        '-e',
        'PGPASSWORD',
        container,
        'sh',
        '-c',
        script,
        'rds-tls',
        certificate.cert,
        spec.username
      ],
      30_000,
      { env: { PGPASSWORD: spec.password }, input: certificate.key }
    )
  }

  /**
   * rds.force_ssl = 1: every `host` rule becomes `hostssl`, then the server reloads (pg_hba.conf is re-read on
   * SIGHUP). Done before seed() returns, so no client has connected yet. As the `postgres` user, who owns the file.
   */
  private async forceSsl(container: string, username: string): Promise<void> {
    const script = [
      'set -eu',
      `hba=$(psql -U "$1" -d postgres -Atc 'show hba_file')`,
      `sed -i 's/^host[[:space:]]/hostssl /' "$hba"`,
      `psql -U "$1" -d postgres -Atc 'select pg_reload_conf()' >/dev/null`
    ].join('\n')
    await docker(['exec', '-u', 'postgres', container, 'sh', '-c', script, 'force-ssl', username], 30_000)
  }

  /** `suffix` names the container after the resource (e.g. `cache-<id>`, `rg-<id>`). */
  async startRedis(suffix: string, aliases: string[]): Promise<string> {
    await this.ensureImages()
    const name = await this.run(suffix, aliases, [REDIS_IMAGE])
    await this.waitFor(name, ['redis-cli', '-h', '127.0.0.1', 'ping'])
    return name
  }

  async stop(): Promise<void> {
    const containers = this.containers.splice(0)
    if (containers.length > 0)
      await docker(['rm', '-f', '-v', ...containers]).catch(error => this.log(String(error)))
    if (this.networkCreated) {
      this.networkCreated = false
      await docker(['network', 'rm', this.network]).catch(error => this.log(String(error)))
    }
  }

  /** `env`: values of `-e NAME` flags, given to the docker process so that no error line can print them. */
  private async run(
    suffix: string,
    aliases: string[],
    imageAndArgs: string[],
    env: Record<string, string> = {}
  ): Promise<string> {
    const name = `${this.prefix}-${suffix}`
    const aliasArgs = aliases.flatMap(alias => ['--network-alias', alias])
    this.containers.push(name)
    await docker(
      [
        'run',
        '-d',
        '--name',
        name,
        '--label',
        `stand-in=${this.prefix}`,
        '--network',
        this.network,
        ...aliasArgs,
        ...imageAndArgs
      ],
      undefined,
      { env }
    )
    this.log(`backing: started ${name} as ${aliases.join(', ')}`)
    return name
  }

  private async waitFor(container: string, probe: string[]): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS
    let lastError = ''
    while (Date.now() < deadline) {
      try {
        await docker(['exec', container, ...probe], 10_000)
        return
      } catch (error) {
        lastError = (error as Error).message
        const state = await docker(['inspect', '--format', '{{.State.Status}}', container]).catch(
          () => 'gone'
        )
        if (state !== 'running') {
          const logs = await docker(['logs', '--tail', '30', container]).catch(() => '')
          throw new Error(`backing container ${container} is ${state}:\n${logs}`)
        }
      }
      await new Promise(resolve => setTimeout(resolve, 500))
    }
    throw new Error(`backing container ${container} not ready within ${READY_TIMEOUT_MS} ms: ${lastError}`)
  }

  /** The images come from scripts/backing-images.sh (no registry is reachable to pull them). */
  private ensureImages(): Promise<void> {
    this.imagesReady ??= (async () => {
      const present = await Promise.all([POSTGRES_IMAGE, REDIS_IMAGE].map(imageExists))
      if (present.every(Boolean)) return
      if (!existsSync(BACKING_IMAGES_SCRIPT)) {
        throw new Error(
          `${POSTGRES_IMAGE} / ${REDIS_IMAGE} are missing and ${BACKING_IMAGES_SCRIPT} does not exist`
        )
      }
      this.log('backing: building postgres:15 and redis:7 with scripts/backing-images.sh')
      await run('bash', [BACKING_IMAGES_SCRIPT], { timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 })
    })()
    return this.imagesReady
  }
}
