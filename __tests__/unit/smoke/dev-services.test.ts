// The smoke run's twin of the managed services: which servers start, under
// which host names, with which credentials, and how the password reaches the
// app (only through the bundle's own secret references).

import { describe, expect, it } from '@jest/globals'
import { loadCompose } from '../../../src/core/compose/load.js'
import { renderDockerrun } from '../../../src/core/dockerrun.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import { devServiceRun } from '../../../src/smoke/dev-containers.js'
import {
  databasePasswordReferences,
  devServices,
  smokeEnvironment,
  readinessProbeFor,
  smokeSecretValues,
  twinEnvironment,
  type ManagedBacking
} from '../../../src/smoke/dev-services.js'
import { configFor, loadPuppies } from '../core/support.js'

const backed = {
  database: 'puppies-db',
  cache: 'puppies-cache',
  'execution-role-arn': 'arn:aws:iam::123456789012:role/exec',
  secrets: 'SECRET_KEY_BASE=arn:aws:secretsmanager:us-east-1:123456789012:secret:skb-AbCdEf'
}
const images = { web: 'local/web:1', nginx: 'local/nginx:1' }
const RDS_HOST = 'puppies-db.c9akciq32.us-east-1.rds.amazonaws.com'
const CACHE_HOST = 'puppies-cache.abc123.0001.use1.cache.amazonaws.com'
const MANAGED_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1a2b-Xy9Z:password::'
const backing: ManagedBacking = {
  database: {
    endpoint: {
      host: RDS_HOST,
      port: 5432,
      username: 'puppies_admin',
      databaseName: 'puppies_prod',
      tls: true,
      engineVersion: '16.4'
    },
    secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: MANAGED_SECRET }]
  },
  cache: { endpoint: { host: CACHE_HOST, port: 6379 }, secrets: [] }
}

function composeOf(text: string) {
  return loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
}

describe('devServices: the twin of the puppies example', () => {
  const compose = loadPuppies()
  const plan = buildPlan(configFor(backed), compose)
  const services = devServices(plan, compose, backing, () => 'fresh-password')

  it('answers under the managed host names with the RDS master user and database, never the dev credentials', () => {
    expect(services).toEqual([
      {
        role: 'database',
        engine: 'postgres',
        name: 'db',
        image: 'postgres:15',
        host: RDS_HOST,
        port: 5432,
        managed: 'RDS instance puppies-db',
        username: 'puppies_admin',
        databaseName: 'puppies_prod',
        password: 'fresh-password',
        environment: {
          POSTGRES_USER: 'puppies_admin',
          POSTGRES_PASSWORD: 'fresh-password',
          POSTGRES_DB: 'puppies_prod'
        },
        command: ['postgres', '-c', 'log_connections=on'],
        memoryBytes: 256 * 1024 * 1024,
        readinessProbe: ['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'puppies_admin'],
        // RDS for PostgreSQL 16: TLS, and plain connections refused (rds.force_ssl = 1).
        tls: { refusePlain: true }
      },
      {
        role: 'cache',
        engine: 'redis',
        name: 'redis',
        image: 'redis:7',
        host: CACHE_HOST,
        port: 6379,
        managed: 'ElastiCache puppies-cache',
        environment: { ALLOW_EMPTY_PASSWORD: 'yes' },
        command: ['redis-server', '--loglevel', 'verbose'],
        memoryBytes: 64 * 1024 * 1024,
        readinessProbe: ['redis-cli', '-h', '127.0.0.1', '-p', '6379', 'ping']
      }
    ])
  })

  it('refuses plain connections only where RDS does: PostgreSQL 15 and later, a version the lookup named', () => {
    const twinFor = (engineVersion: string | undefined) => {
      const endpoint = { ...backing.database!.endpoint }
      delete endpoint.engineVersion
      const database = {
        ...backing.database!,
        endpoint: { ...endpoint, ...(engineVersion !== undefined && { engineVersion }) }
      }
      return devServices(plan, compose, { ...backing, database }, () => 'pw')[0]?.tls
    }
    expect(twinFor('15.2')).toEqual({ refusePlain: true })
    expect(twinFor('17.1')).toEqual({ refusePlain: true })
    expect(twinFor('14.12')).toEqual({ refusePlain: false })
    expect(twinFor('9.6.22')).toEqual({ refusePlain: false })
    // An endpoint URL input names no version: TLS served, plain connections not assumed refused.
    expect(twinFor(undefined)).toEqual({ refusePlain: false })
  })

  it('draws a new password every run, with the characters an RDS password may hold that break a spliced URL', () => {
    const [first] = devServices(plan, compose, backing)
    const [second] = devServices(plan, compose, backing)
    expect(first?.password).toMatch(/^[0-9a-f]{16}#%\?:!\$&[0-9a-f]{8}\($/)
    expect(first?.password?.length).toBe(32)
    // Never what RDS refuses (/, ", @), nor a blank or a line break an env file would cut.
    expect(first?.password).not.toMatch(/[/"@\s]/)
    expect(first?.password).not.toBe(second?.password)
  })

  it('runs the twin under its managed host name only, values in its env file and out of argv', () => {
    const [db] = services
    const run = db && devServiceRun(db, 'p1', 'p1-dev')
    expect(run?.envFile).toBe(
      'POSTGRES_DB=puppies_prod\nPOSTGRES_PASSWORD=fresh-password\nPOSTGRES_USER=puppies_admin\n'
    )
    expect(run?.args).toEqual([
      '--detach',
      '--name',
      'p1-dev-db',
      '--label',
      'beanstalk-docker-deploy.runner-project=p1',
      '--network',
      'p1-dev',
      '--network-alias',
      RDS_HOST,
      '--memory',
      String(256 * 1024 * 1024),
      '--',
      'postgres:15',
      'postgres',
      '-c',
      'log_connections=on'
    ])
    expect(run?.args).not.toContain('db')
  })

  it('the password reaches the app only through the deployed document’s references', () => {
    const doc = renderDockerrun(plan, { images, backing })
    const web = doc.containerDefinitions.find(container => container.name === 'web')
    // The deployed document itself: RDS and ElastiCache hosts, no password anywhere in it.
    expect(web?.environment).toEqual(
      expect.arrayContaining([
        { name: 'DATABASE_URL', value: `postgres://puppies_admin@${RDS_HOST}:5432/puppies_prod` },
        { name: 'REDIS_URL', value: `redis://${CACHE_HOST}:6379/0` }
      ])
    )
    expect(JSON.stringify(doc)).not.toContain('fresh-password')
    const references = databasePasswordReferences(doc, plan, backing, 'DATABASE_PASSWORD')
    expect([...references]).toEqual([MANAGED_SECRET])
    const values = smokeSecretValues(doc, references, 'fresh-password', name => `placeholder-${name}`)
    expect(Object.fromEntries(values)).toEqual({
      [MANAGED_SECRET]: 'fresh-password',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:skb-AbCdEf': 'placeholder-SECRET_KEY_BASE'
    })
  })

  it('a password the secrets input gives for the database password variable is the twin’s too', () => {
    const given = buildPlan(
      configFor({
        ...backed,
        secrets: 'DATABASE_PASSWORD=arn:aws:ssm:us-east-1:123456789012:parameter/puppies/db-password'
      }),
      compose
    )
    const unmanaged: ManagedBacking = { ...backing, database: { ...backing.database!, secrets: [] } }
    const doc = renderDockerrun(given, { images, backing: unmanaged })
    const references = databasePasswordReferences(doc, given, unmanaged, 'DATABASE_PASSWORD')
    expect([...references]).toEqual(['arn:aws:ssm:us-east-1:123456789012:parameter/puppies/db-password'])
  })

  it('gives run-time variables placeholders, the environment’s properties, the database password variable the twin’s password', () => {
    const runtimePlan = buildPlan(configFor({ database: 'puppies-db', cache: 'puppies-cache' }), compose)
    const placeholder = (name: string) => `placeholder-${name}`
    expect(smokeEnvironment(runtimePlan, placeholder)).toEqual({
      SECRET_KEY_BASE: 'placeholder-SECRET_KEY_BASE'
    })
    // A property reaches every container (Django's DJANGO_SETTINGS_MODULE), and sets a run-time variable for real.
    expect(
      smokeEnvironment(runtimePlan, placeholder, {
        SECRET_KEY_BASE: 'from-the-env',
        DJANGO_SETTINGS_MODULE: 'app.prod'
      })
    ).toEqual({ SECRET_KEY_BASE: 'from-the-env', DJANGO_SETTINGS_MODULE: 'app.prod' })
    expect(
      smokeEnvironment(
        runtimePlan,
        placeholder,
        { SECRET_KEY_BASE: 'from-the-env' },
        {
          variable: 'SECRET_KEY_BASE',
          value: 'pw'
        }
      )
    ).toEqual({ SECRET_KEY_BASE: 'pw' })
  })

  it.each(['-v=/:/hostroot', '--privileged', 'postgres 15', 'Postgres:15'])(
    'refuses a twin image that is not an image reference: %s',
    image => {
      const [db] = services
      expect(() => db && devServiceRun({ ...db, image }, 'p1', 'p1-dev')).toThrow(
        `dev service db: image "${image}" is not an image reference`
      )
    }
  )
})

describe('devServices: other compose files', () => {
  const compose = composeOf(`
services:
  app:
    build: .
    environment:
      DATABASE_URL: mysql2://shop:s3cret@database:3307/shop
      CACHE_URL: redis://cache:6380/1
  database:
    image: mariadb:11
    environment:
      MARIADB_PASSWORD: \${MARIADB_PASSWORD}
      MARIADB_USER: shop
  cache:
    image: valkey/valkey:8
    entrypoint: ['valkey-server', '--port']
    command: ['6380']
`)
  const plan = buildPlan(
    configFor({
      application: 'shop',
      database: 'mysql://admin@shop.c1.eu-west-1.rds.amazonaws.com:3306/shop',
      cache: 'shop-cache',
      'cache-env': 'CACHE_URL'
    }),
    compose
  )

  it('ignores the dev service’s own settings and command: the endpoint’s port, user and database', () => {
    const services = devServices(
      plan,
      compose,
      { cache: { endpoint: { host: 'shop-cache.x.cache.amazonaws.com', port: 6379 }, secrets: [] } },
      () => 'pw'
    )
    expect(services.map(service => [service.name, service.host, service.port, service.environment])).toEqual([
      [
        'database',
        'shop.c1.eu-west-1.rds.amazonaws.com',
        3306,
        { MYSQL_ROOT_PASSWORD: 'pw', MYSQL_USER: 'admin', MYSQL_PASSWORD: 'pw', MYSQL_DATABASE: 'shop' }
      ],
      ['cache', 'shop-cache.x.cache.amazonaws.com', 6379, { ALLOW_EMPTY_PASSWORD: 'yes' }]
    ])
    const cache = services[1]
    expect(cache && devServiceRun(cache, 'p', 'p-dev').args.slice(-5)).toEqual([
      '--',
      'valkey/valkey:8',
      'valkey-server',
      '--loglevel',
      'verbose'
    ])
  })

  it('listens on a managed port that is not the engine’s default', () => {
    const services = devServices(
      plan,
      compose,
      { cache: { endpoint: { host: 'c.example', port: 6380 }, secrets: [] } },
      () => 'pw'
    )
    expect(services[1]?.command).toEqual(['valkey-server', '--loglevel', 'verbose', '--port', '6380'])
    expect(twinEnvironment('postgres', 5433, { username: 'u', password: 'p' })).toEqual({
      POSTGRES_USER: 'u',
      POSTGRES_PASSWORD: 'p',
      POSTGRES_DB: 'postgres',
      PGPORT: '5433'
    })
    expect(twinEnvironment('mysql', 3306, { username: 'root', password: 'p' })).toEqual({
      MYSQL_ROOT_PASSWORD: 'p'
    })
  })

  it('knows a readiness probe for each engine', () => {
    expect(readinessProbeFor('postgres', undefined)).toEqual(['pg_isready', '-h', '127.0.0.1', '-p', '5432'])
    expect(readinessProbeFor('redis', 'ignored')).toEqual([
      'redis-cli',
      '-h',
      '127.0.0.1',
      '-p',
      '6379',
      'ping'
    ])
  })
})
