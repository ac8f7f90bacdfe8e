// The smoke run's view of the plan: which dev services start, how the app is
// pointed at them, and which values stand in for what only AWS has.

import { describe, expect, it } from '@jest/globals'
import { loadCompose } from '../../../src/core/compose/load.js'
import { renderDockerrun } from '../../../src/core/dockerrun.js'
import { buildPlan } from '../../../src/core/plan.js'
import { devServiceRun } from '../../../src/smoke/dev-containers.js'
import {
  devServices,
  placeholderEnvironment,
  readinessProbeFor,
  smokeResolution,
  smokeSecretValues,
  DEV_PASSWORD_REFERENCE
} from '../../../src/smoke/dev-services.js'
import { configFor, loadPuppies } from '../core/support.js'

const backed = {
  database: 'puppies-db',
  cache: 'puppies-cache',
  'execution-role-arn': 'arn:aws:iam::123456789012:role/exec',
  secrets: 'SECRET_KEY_BASE=arn:aws:secretsmanager:us-east-1:123456789012:secret:skb-AbCdEf'
}
const images = { web: 'local/web:1', nginx: 'local/nginx:1' }

function composeOf(text: string) {
  return loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
}

describe('devServices: the puppies example', () => {
  const compose = loadPuppies()
  const plan = buildPlan(configFor(backed), compose)
  const services = devServices(plan, compose)

  it('starts the compose file’s own db and redis with their image, environment and memory', () => {
    expect(services).toEqual([
      {
        role: 'database',
        name: 'db',
        image: 'postgres:15',
        environment: { POSTGRES_USER: 'puppies', POSTGRES_PASSWORD: 'puppies', POSTGRES_DB: 'puppies' },
        memoryBytes: 256 * 1024 * 1024,
        port: 5432,
        username: 'puppies',
        databaseName: 'puppies',
        password: 'puppies',
        readinessProbe: ['pg_isready', '-h', '127.0.0.1', '-U', 'puppies']
      },
      {
        role: 'cache',
        name: 'redis',
        image: 'redis:7',
        environment: {},
        memoryBytes: 64 * 1024 * 1024,
        port: 6379,
        readinessProbe: ['redis-cli', '-h', '127.0.0.1', 'ping']
      }
    ])
  })

  it('renders the same containers with the URLs pointing at the dev services, not RDS / ElastiCache', () => {
    const doc = renderDockerrun(plan, smokeResolution({ logDriver: 'awslogs' }, images, services))
    expect(doc.containerDefinitions.map(container => [container.name, container.image])).toEqual([
      ['web', 'local/web:1'],
      ['worker', 'local/web:1'],
      ['nginx', 'local/nginx:1']
    ])
    const web = doc.containerDefinitions[0]
    expect(web?.environment).toEqual(
      expect.arrayContaining([
        { name: 'DATABASE_URL', value: 'postgres://puppies@db:5432/puppies' },
        { name: 'REDIS_URL', value: 'redis://redis:6379/0' }
      ])
    )
    expect(web?.secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: DEV_PASSWORD_REFERENCE },
      { name: 'PGPASSWORD', valueFrom: DEV_PASSWORD_REFERENCE },
      {
        name: 'SECRET_KEY_BASE',
        valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:skb-AbCdEf'
      }
    ])
  })

  it('passes the dev password by reference to every password variable, only in the containers that use the database', () => {
    const doc = renderDockerrun(plan, smokeResolution({}, images, services))
    const passwordsOf = (name: string) =>
      doc.containerDefinitions
        .find(container => container.name === name)
        ?.secrets?.filter(secret => secret.valueFrom === DEV_PASSWORD_REFERENCE)
        .map(secret => secret.name)
    expect([passwordsOf('web'), passwordsOf('worker'), passwordsOf('nginx')]).toEqual([
      ['DATABASE_PASSWORD', 'PGPASSWORD'],
      ['DATABASE_PASSWORD', 'PGPASSWORD'],
      undefined
    ])
    const values = smokeSecretValues(doc, 'DATABASE_PASSWORD', 'puppies', name => `placeholder-${name}`)
    expect(values.get(DEV_PASSWORD_REFERENCE)).toBe('puppies')
  })

  it('resolves the database password secret to the dev password and every other secret to a placeholder', () => {
    const doc = renderDockerrun(plan, {
      ...smokeResolution({}, images, services),
      backing: {
        database: {
          endpoint: { host: 'db', port: 5432 },
          secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: 'arn:rds-managed:password::' }]
        }
      }
    })
    const values = smokeSecretValues(doc, 'DATABASE_PASSWORD', 'puppies', name => `placeholder-${name}`)
    expect(Object.fromEntries(values)).toEqual({
      'arn:rds-managed:password::': 'puppies',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:skb-AbCdEf': 'placeholder-SECRET_KEY_BASE'
    })
  })

  it('gives run-time variables (environment properties on Beanstalk) placeholders', () => {
    const runtimePlan = buildPlan(configFor({ database: 'puppies-db', cache: 'puppies-cache' }), compose)
    expect(placeholderEnvironment(runtimePlan, name => `placeholder-${name}`)).toEqual({
      SECRET_KEY_BASE: 'placeholder-SECRET_KEY_BASE'
    })
  })

  it('runs a dev service with its compose settings, values in its env file and out of argv', () => {
    const [db] = services
    const run = db && devServiceRun(db, 'p1', 'p1-dev')
    expect(run?.envFile).toBe('POSTGRES_DB=puppies\nPOSTGRES_PASSWORD=puppies\nPOSTGRES_USER=puppies\n')
    expect(run?.args).toEqual([
      '--detach',
      '--name',
      'p1-dev-db',
      '--label',
      'beanstalk-docker-deploy.runner-project=p1',
      '--network',
      'p1-dev',
      '--network-alias',
      'db',
      '--memory',
      String(256 * 1024 * 1024),
      '--',
      'postgres:15'
    ])
  })

  it.each(['-v=/:/hostroot', '--privileged', 'postgres 15', 'Postgres:15'])(
    'refuses a dev service image that is not an image reference: %s',
    image => {
      const [db] = services
      expect(() => db && devServiceRun({ ...db, image }, 'p1', 'p1-dev')).toThrow(
        `dev service db: image "${image}" is not an image reference`
      )
    }
  )
})

describe('devServices: other compose files', () => {
  it('takes port and password from the URL the app was given, and the command and entrypoint from compose', () => {
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
      MARIADB_PASSWORD: other
  cache:
    image: valkey/valkey:8
    entrypoint: ['valkey-server', '--port']
    command: ['6380']
`)
    const plan = buildPlan(
      configFor({ application: 'shop', database: 'shop-db', cache: 'shop-cache', 'cache-env': 'CACHE_URL' }),
      compose
    )
    const services = devServices(plan, compose)
    expect(
      services.map(service => [service.name, service.port, service.password, service.readinessProbe?.[0]])
    ).toEqual([
      ['database', 3307, 's3cret', 'sh'],
      ['cache', 6380, undefined, 'valkey-cli']
    ])
    const cache = services[1]
    expect(cache && devServiceRun(cache, 'p', 'p-dev').args.slice(-6)).toEqual([
      '--entrypoint',
      'valkey-server',
      '--',
      'valkey/valkey:8',
      '--port',
      '6380'
    ])
  })

  it('knows a readiness probe for each engine', () => {
    expect(readinessProbeFor('postgres', undefined)).toEqual(['pg_isready', '-h', '127.0.0.1'])
    expect(readinessProbeFor('redis', 'ignored')).toEqual(['redis-cli', '-h', '127.0.0.1', 'ping'])
  })
})
