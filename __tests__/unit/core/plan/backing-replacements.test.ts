// Which development databases and caches are replaced by managed services, and what the plan says of each
// (src/core/plan/backing-replacements.ts).

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const planOf = (text: string, inputs: RawInputs, env: Record<string, string> = {}) =>
  buildPlan(configFor(inputs), composeIn(text, { env }))
const WEB = '  web:\n    build: .\n    ports: ["80:3000"]\n'

describe('replacedBackingServices', () => {
  it('replaces a used database and cache, each said with its source and variable', () => {
    const plan = planOf(
      `services:\n${WEB}    environment: {DATABASE_URL: "postgres://db/app", REDIS_URL: "redis://cache:6379"}\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n`,
      { database: 'app-db', cache: 'redis://cache.example.com:6379' }
    )
    expect(
      plan.backing.map(({ role, engine, composeService, envName, source, devUrl }) => ({
        role,
        engine,
        composeService,
        envName,
        source,
        devUrl
      }))
    ).toEqual([
      {
        role: 'database',
        engine: 'postgres',
        composeService: 'db',
        envName: 'DATABASE_URL',
        source: { kind: 'rds', id: 'app-db' },
        devUrl: 'postgres://db/app'
      },
      {
        role: 'cache',
        engine: 'redis',
        composeService: 'cache',
        envName: 'REDIS_URL',
        source: { kind: 'endpoint', url: 'redis://cache.example.com:6379' },
        devUrl: 'redis://cache:6379'
      }
    ])
    expect(plan.notes).toEqual([
      'service db (postgres) replaced by RDS: RDS instance app-db → DATABASE_URL',
      'service cache (redis) replaced by ElastiCache: redis://cache.example.com:6379 → REDIS_URL',
      'web: DATABASE_URL set from RDS (RDS instance app-db) at deploy',
      "web: the database password reaches DATABASE_PASSWORD, PGPASSWORD by reference (the RDS-managed master secret, or the secrets input's DATABASE_PASSWORD); PGPASSWORD is read by libpq and the drivers built on it (psycopg, node-postgres, sqlx; not JDBC); DATABASE_URL carries no password, so an app that takes it only from the URL must read DATABASE_PASSWORD instead, or get the whole URL from a secret: secrets input `DATABASE_URL=<ARN of a secret holding it>`",
      'web: REDIS_URL set from ElastiCache (redis://cache.example.com:6379) at deploy',
      'web: no memory limit in the compose file; reserving 256 MiB (memory-reservation input)'
    ])
  })

  it('the development URL is the one in the variable the action names, else any other naming the service', () => {
    const plan = planOf(
      `services:\n${WEB}    environment: {A_URL: "postgres://x@db/a", DATABASE_URL: "postgres://y@db/b"}\n  db:\n    image: postgres:16\n`,
      { database: 'app-db' }
    )
    expect(plan.backing[0]?.devUrl).toBe('postgres://y@db/b')
    const other = planOf(
      `services:\n${WEB}    environment: {A_URL: "postgres://x@db/a", B_URL: "postgres://elsewhere/b"}\n  db:\n    image: postgres:16\n`,
      { database: 'app-db' }
    )
    expect(other.backing[0]?.devUrl).toBe('postgres://x@db/a')
  })

  it('an ElastiCache identifier for the cache; the database-env and cache-env inputs name the variables', () => {
    const plan = planOf(
      `services:\n${WEB}    depends_on: [db, cache]\n  db:\n    image: mysql:8\n  cache:\n    image: redis:7\n`,
      {
        database: 'app-db',
        cache: 'app-cache',
        'database-env': 'DB_URL',
        'cache-env': 'CACHE_URL'
      }
    )
    expect(plan.backing.map(replacement => [replacement.source, replacement.envName])).toEqual([
      [{ kind: 'rds', id: 'app-db' }, 'DB_URL'],
      [{ kind: 'elasticache', id: 'app-cache' }, 'CACHE_URL']
    ])
  })

  it('a backing service no deployed service names is dropped, with a note', () => {
    const plan = planOf(`services:\n${WEB}  db:\n    image: postgres:16\n`, { database: 'app-db' })
    expect(plan.backing).toEqual([])
    expect(plan.notes).toEqual([
      'service db (postgres) is not named by any deployed service (environment, command, depends_on, links or mounted config): dropped; if the app reaches it through settings outside the compose file (its own .env or config), point those at the RDS endpoint',
      'the database input is set but the compose file has no database service that the deployed services use',
      'web: no memory limit in the compose file; reserving 256 MiB (memory-reservation input)'
    ])
  })

  it('"none" drops it, with a note', () => {
    const plan = planOf(`services:\n${WEB}    links: [cache]\n  cache:\n    image: redis:7\n`, {
      cache: 'none'
    })
    expect(plan.backing).toEqual([])
    expect(plan.notes).toEqual([
      'service cache (cache) dropped; cache is "none", so REDIS_URL is not set',
      'web: no memory limit in the compose file; reserving 256 MiB (memory-reservation input)',
      'web: links to replaced backing services removed'
    ])
  })

  it('an unset input is refused in deploy mode, naming what to give', () => {
    expect(() =>
      planOf(`services:\n${WEB}    depends_on: [cache]\n  cache:\n    image: redis:7\n`, {})
    ).toThrow(
      `Input 'cache': compose service "cache" is a dev-only cache (redis:7); on Beanstalk it is replaced by ElastiCache: give the ElastiCache cluster or replication group identifier or an endpoint URL, or "none"`
    )
  })

  it('an endpoint URL of another protocol than the compose service is refused', () => {
    const compose = `services:\n${WEB}    environment: {DB_HOST: mysql, CACHE: memcache}\n  mysql:\n    image: mysql:8\n  memcache:\n    image: memcached:1.6\n`
    expect(() => planOf(compose, { database: 'postgres://db.example.com:5432/app' })).toThrow(
      "Input 'database': compose service \"mysql\" runs MySQL/MariaDB, but the database input's URL is PostgreSQL (postgres): the app would speak the wrong protocol; give a MySQL/MariaDB RDS instance or endpoint"
    )
    expect(() => planOf(compose, { database: 'mysql2://db.example.com:3306/app' })).not.toThrow()
    const redis = `services:\n${WEB}    environment: {REDIS_URL: "redis://cache"}\n  cache:\n    image: valkey/valkey:8\n`
    expect(() => planOf(redis, { cache: 'rediss://c.example.com:6379' })).not.toThrow()
    expect(() => planOf(redis, { cache: 'memcached://c.example.com:11211' })).toThrow(
      'compose service "cache" runs Redis/Valkey, but the cache input\'s URL is Memcached (memcached)'
    )
  })

  it('two database services are refused, both named', () => {
    expect(() =>
      planOf(
        `services:\n${WEB}    depends_on: [db, legacy]\n  db:\n    image: postgres:16\n  legacy:\n    image: mysql:8\n`,
        { database: 'app-db' }
      )
    ).toThrow(
      "Input 'database': the compose file has two database services (db, legacy); deploy all but one of them as containers with the services input, or keep one database service"
    )
  })

  it('a database deployed as a container by the services input is not replaced', () => {
    const plan = planOf(
      `services:\n${WEB}    depends_on: [db, legacy]\n  db:\n    image: postgres:16\n  legacy:\n    image: mysql:8\n`,
      {
        database: 'app-db',
        services: 'web,legacy'
      }
    )
    expect(plan.backing.map(replacement => replacement.composeService)).toEqual(['db'])
    expect(plan.containers.map(container => container.name)).toEqual(['web', 'legacy'])
  })

  it('a service outside the active profiles is not there to replace; "*" activates them all', () => {
    const text = `services:\n${WEB}    depends_on: {db: {condition: service_started, required: false}}\n  db:\n    image: postgres:16\n    profiles: [full]\n`
    expect(planOf(text, { database: 'app-db' }).backing).toEqual([])
    expect(planOf(text, { database: 'app-db' }, { COMPOSE_PROFILES: 'full' }).backing).toHaveLength(1)
    expect(planOf(text, { database: 'app-db' }, { COMPOSE_PROFILES: '*' }).backing).toHaveLength(1)
  })

  it('memcached runs as a container, said, unless the cache input is a memcached endpoint', () => {
    const text = `services:\n${WEB}    environment: {MEMCACHED_SERVERS: "mc:11211"}\n  mc:\n    image: memcached:1.6\n`
    const container = planOf(text, {})
    expect(container.backing).toEqual([])
    expect(container.containers.map(service => service.name)).toEqual(['web', 'mc'])
    expect(container.notes).toEqual([
      'service mc (memcached) runs as a container on each instance (each instance has its own cache); to use ElastiCache Memcached, set the cache input to memcached://<configuration endpoint>',
      'web: no memory limit in the compose file; reserving 256 MiB (memory-reservation input)',
      'mc: no memory limit in the compose file; reserving 256 MiB (memory-reservation input)'
    ])
    expect(planOf(text, { services: 'web,mc' }).notes.join('\n')).not.toContain(
      'runs as a container on each instance'
    )
    const managed = planOf(text, { cache: 'memcached://mc.abc.cfg.use1.cache.amazonaws.com:11211' })
    expect(managed.backing.map(replacement => [replacement.engine, replacement.composeService])).toEqual([
      ['memcached', 'mc']
    ])
  })
})
