import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  passesSecretsByReference,
  renderDockerrun,
  serialiseDockerrun,
  type Resolution
} from '../../../src/core/dockerrun.js'
import type { ContainerDefinition, DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { ComposeError } from '../../../src/core/errors.js'
import type { RawInputs } from '../../../src/core/inputs.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import { configFor, fixturesDir, loadFixture, loadPuppies } from './support.js'

const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const ROLE = 'arn:aws:iam::123456789012:role/aws-elasticbeanstalk-ecs-execution'
const RDS_SECRET =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0f1e2d3c-4b5a-6789-abcd-ef0123456789-AbCdEf'
const SKB = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:puppies/secret-key-base-XyZ123'

const puppiesInputs: RawInputs = {
  database: 'puppies-db',
  cache: 'puppies-redis',
  'execution-role-arn': ROLE,
  secrets: `SECRET_KEY_BASE=${SKB}`
}

/** What a deploy resolves for puppies: pinned digests, the RDS and ElastiCache endpoints, the RDS-managed secret. */
const resolution: Resolution = {
  images: {
    web: `${REGISTRY}/puppies/web@sha256:${'a'.repeat(64)}`,
    nginx: `${REGISTRY}/puppies/nginx@sha256:${'b'.repeat(64)}`
  },
  backing: {
    database: {
      endpoint: {
        host: 'puppies-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com',
        port: 5432,
        username: 'puppies',
        databaseName: 'puppies'
      },
      secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: `${RDS_SECRET}:password::` }]
    },
    cache: {
      endpoint: { host: 'puppies-redis.abc123.ng.0001.euw1.cache.amazonaws.com', port: 6379 },
      secrets: []
    }
  },
  region: 'eu-west-1',
  logDriver: 'awslogs'
}

const container = (document: DockerrunV2, name: string): ContainerDefinition => {
  const found = document.containerDefinitions.find(definition => definition.name === name)
  if (!found) throw new Error(`no container ${name}`)
  return found
}
const envOf = (definition: ContainerDefinition): Record<string, string> =>
  Object.fromEntries((definition.environment ?? []).map(({ name, value }) => [name, value]))

describe('renderDockerrun: the puppies example, resolved', () => {
  // Rendered in each test, not here: mutation testing credits only what runs inside a test.
  const puppies = () => renderDockerrun(buildPlan(configFor(puppiesInputs), loadPuppies()), resolution)

  it('matches the reviewed golden file', () => {
    const golden = readFileSync(path.join(fixturesDir, 'puppies.Dockerrun.aws.json'), 'utf8')
    expect(serialiseDockerrun(puppies())).toBe(golden)
  })

  it('pins images by digest, web and worker sharing one', () => {
    expect(puppies().containerDefinitions.map(definition => definition.image)).toEqual([
      resolution.images?.web,
      resolution.images?.web,
      resolution.images?.nginx
    ])
  })

  it('writes managed URLs without a password, keeping the user and database name', () => {
    expect(envOf(container(puppies(), 'web'))).toEqual({
      DATABASE_URL: 'postgres://puppies@puppies-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com:5432/puppies',
      REDIS_URL: 'redis://puppies-redis.abc123.ng.0001.euw1.cache.amazonaws.com:6379/0',
      RAILS_ENV: 'production',
      RAILS_LOG_TO_STDOUT: '1'
    })
    expect(serialiseDockerrun(puppies())).not.toMatch(/puppies:puppies@|@db:|redis:\/\/redis:/)
  })

  it('passes the RDS-managed password and the secrets input by reference, with the execution role', () => {
    expect(puppies().executionRoleArn).toBe(ROLE)
    // The password reaches DATABASE_PASSWORD and PGPASSWORD, the variable libpq, pg and psycopg read.
    expect(container(puppies(), 'web').secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: `${RDS_SECRET}:password::` },
      { name: 'PGPASSWORD', valueFrom: `${RDS_SECRET}:password::` },
      { name: 'SECRET_KEY_BASE', valueFrom: SKB }
    ])
    expect(container(puppies(), 'nginx').secrets).toBeUndefined()
  })

  it('sends logs to CloudWatch with awslogs options per container', () => {
    expect(container(puppies(), 'nginx').logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/aws/elasticbeanstalk/puppies/containers',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'nginx',
        'awslogs-create-group': 'true'
      }
    })
  })
})

describe('renderDockerrun: choices', () => {
  it('refuses the RDS-managed secret without execution-role-arn, naming the input', () => {
    const plan = buildPlan(configFor({ database: 'puppies-db', cache: 'puppies-redis' }), loadPuppies())
    let error: unknown
    try {
      renderDockerrun(plan, resolution)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ComposeError)
    expect((error as Error).message).toMatch(
      /^Dockerrun\.aws\.json would be rejected: container web: passes DATABASE_PASSWORD, PGPASSWORD by reference, which needs an execution role: set the execution-role-arn input/
    )
  })

  it('keeps the development user and database name when the endpoint does not say', () => {
    const plan = buildPlan(configFor({ database: 'puppies-db', cache: 'puppies-redis' }), loadPuppies())
    const document = renderDockerrun(plan, {
      backing: { database: { endpoint: { host: 'rds.internal', port: 5432 }, secrets: [] } }
    })
    expect(envOf(container(document, 'worker')).DATABASE_URL).toBe(
      'postgres://puppies@rds.internal:5432/puppies'
    )
  })

  it('uses an endpoint input directly and rewrites other values naming the dev service', () => {
    const plan = buildPlan(
      configFor({
        database: 'postgres://app@db.internal:6543/app_production',
        cache: 'rediss://cache.internal:6380'
      }),
      loadFixture('backing-by-image')
    )
    expect(envOf(container(renderDockerrun(plan), 'app'))).toEqual({
      DATABASE_URL: 'postgres://app@db.internal:6543/app_production',
      DATABASE_HOST: 'db.internal',
      REDIS_URL: 'rediss://cache.internal:6380/1'
    })
  })

  it('writes placeholders in plan mode and tags unpushed images with the version label', () => {
    const plan = buildPlan(configFor({ mode: 'plan', cache: 'puppies-redis' }), loadPuppies())
    const document = renderDockerrun(plan, { registry: REGISTRY, logDriver: 'none' })
    const web = container(document, 'web')
    expect(web.image).toBe(`${REGISTRY}/puppies/web:sha-0123456789ab`)
    expect(envOf(web).DATABASE_URL).toBe('<not set>')
    expect(envOf(web).REDIS_URL).toBe('<set at deploy from ElastiCache puppies-redis>')
    expect(web.logConfiguration).toBeUndefined()
  })

  it('rotates json-file logs', () => {
    const document = renderDockerrun(buildPlan(configFor(), loadFixture('worker-only')), {
      logDriver: 'json-file'
    })
    expect(document.containerDefinitions[0]?.logConfiguration).toEqual({
      logDriver: 'json-file',
      options: { 'max-size': '10m', 'max-file': '3' }
    })
  })

  it('ships config mounts as bundle volumes', () => {
    const document = renderDockerrun(buildPlan(configFor(), loadFixture('volumes')), {
      images: { web: `w@sha256:${'1'.repeat(64)}` }
    })
    expect(document.volumes).toEqual([
      { name: 'nginx-nginx-conf', host: { sourcePath: '/var/app/current/nginx/nginx.conf' } },
      { name: 'public', host: { sourcePath: '/var/app/current/public' } }
    ])
    expect(container(document, 'nginx').mountPoints).toHaveLength(2)
  })

  it('never writes runtime variables into the document', () => {
    const compose = loadFixture('environment-list', {
      SECRET_KEY_BASE: 'runner-secret',
      API_TOKEN: 'runner-token'
    })
    const json = serialiseDockerrun(renderDockerrun(buildPlan(configFor(), compose)))
    expect(json).not.toMatch(/SECRET_KEY_BASE|API_TOKEN|runner-secret|runner-token/)
  })

  it('serialises with a trailing newline and two-space indent', () => {
    const json = serialiseDockerrun({ AWSEBDockerrunVersion: 2, containerDefinitions: [] })
    expect(json).toBe('{\n  "AWSEBDockerrunVersion": 2,\n  "containerDefinitions": []\n}\n')
  })
})

describe('passesSecretsByReference: whether the execution role must read secrets', () => {
  it('is true for the secrets input, or for the managed password a container binds; false otherwise', () => {
    const withSecrets = buildPlan(configFor(puppiesInputs), loadPuppies())
    expect(passesSecretsByReference(withSecrets)).toBe(true)
    const plain = buildPlan(configFor({ database: 'puppies-db', cache: 'puppies-redis' }), loadPuppies())
    expect(passesSecretsByReference(plain)).toBe(false)
    expect(passesSecretsByReference(plain, resolution)).toBe(true)
    // A managed secret of the cache is none of the database password's business.
    const cacheOnly: Resolution = {
      backing: { cache: { ...resolution.backing!.cache!, secrets: [{ name: 'X', valueFrom: 'arn:x' }] } }
    }
    expect(passesSecretsByReference(plain, cacheOnly)).toBe(false)
    const noPasswords = {
      ...plain,
      containers: plain.containers.map(container => ({ ...container, bindings: [] }))
    }
    expect(passesSecretsByReference(noPasswords, resolution)).toBe(false)
  })
})
