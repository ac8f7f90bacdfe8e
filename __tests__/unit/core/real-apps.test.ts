// Issue 14 (and 18.6, 18.10, 18.14): the minimal reproductions of compose
// files that rendered a valid Dockerrun which Beanstalk then ran wrongly.
// Each case is the smallest compose file that showed the defect; the rule
// it checks holds for any app.

import { describe, expect, it } from '@jest/globals'
import { renderDockerrun, redactDockerrun, type Resolution } from '../../../src/core/dockerrun.js'
import type { ContainerDefinition, DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { ComposeError, InputError, notesOf } from '../../../src/core/errors.js'
import type { RawInputs } from '../../../src/core/inputs.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { DeployPlan } from '../../../src/core/plan/types.js'
import { dockerrunProblems } from '../../../src/core/validate-dockerrun.js'
import { configFor } from './support.js'
import { composeIn, type FakeWorkspace } from './workspace-fake.js'

const ROLE = 'arn:aws:iam::123456789012:role/exec'
const RDS_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf:password::'
const rds: NonNullable<Resolution['backing']> = {
  database: {
    endpoint: { host: 'app.rds.amazonaws.com', port: 5432, username: 'master', databaseName: 'appdb' },
    secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: RDS_SECRET }]
  },
  cache: { endpoint: { host: 'app.cache.amazonaws.com', port: 6379 }, secrets: [] }
}
const managed: RawInputs = { database: 'app-db', cache: 'app-cache', 'execution-role-arn': ROLE }

function plan(text: string, inputs: RawInputs = managed, workspace: FakeWorkspace = {}): DeployPlan {
  return buildPlan(configFor(inputs), composeIn(text, workspace))
}

function render(text: string, inputs: RawInputs = managed, workspace: FakeWorkspace = {}): DockerrunV2 {
  return renderDockerrun(plan(text, inputs, workspace), {
    backing: rds,
    images: { app: 'app@sha256:1111111111111111111111111111111111111111111111111111111111111111' }
  })
}

function definition(document: DockerrunV2, name: string): ContainerDefinition {
  const found = document.containerDefinitions.find(candidate => candidate.name === name)
  if (!found) throw new Error(`no container ${name}`)
  return found
}

function envOf(found: ContainerDefinition): Record<string, string> {
  return Object.fromEntries((found.environment ?? []).map(({ name, value }) => [name, value]))
}

function secretNames(found: ContainerDefinition): string[] {
  return (found.secrets ?? []).map(secret => secret.name)
}

function errorOf(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    if (error instanceof Error) return error
  }
  throw new Error('expected an error')
}

describe('14.1 the managed password reaches the app the way its driver reads it', () => {
  const text = `
services:
  app:
    build: .
    ports: ["80:3000"]
    environment:
      APP_DB_URL: postgres://app@db:5432/app
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: devpass
`
  it('rewrites the app’s own variable and gives the password to PGPASSWORD and DATABASE_PASSWORD by reference', () => {
    const app = definition(render(text), 'app')
    // DATABASE_URL is not added beside the app's own URL: it would take precedence in many frameworks (issue 23.3).
    expect(envOf(app)).toEqual({
      APP_DB_URL: 'postgres://master@app.rds.amazonaws.com:5432/appdb'
    })
    expect(app.secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: RDS_SECRET },
      { name: 'PGPASSWORD', valueFrom: RDS_SECRET }
    ])
  })

  it('gives MYSQL_PWD to a MySQL app, and the database-password-env input names the other variable', () => {
    const mysql = render(
      'services:\n  app:\n    build: .\n    environment:\n      SHOP_DSN: mysql2://shop@mysql/shop\n  mysql:\n    image: mysql:8\n',
      { ...managed, 'database-password-env': 'SHOP_DB_PASSWORD' }
    )
    expect(secretNames(definition(mysql, 'app'))).toEqual(['MYSQL_PWD', 'SHOP_DB_PASSWORD'])
    expect(envOf(definition(mysql, 'app')).SHOP_DSN).toBe('mysql2://master@app.rds.amazonaws.com:5432/appdb')
  })

  it('says which variables were rewritten and which receive the password', () => {
    expect(plan(text).notes).toEqual(
      expect.arrayContaining([
        'app: APP_DB_URL set from RDS (RDS instance app-db) at deploy',
        expect.stringMatching(/^app: DATABASE_URL not added: the app reaches db through APP_DB_URL/),
        expect.stringMatching(
          /^app: the database password reaches DATABASE_PASSWORD, PGPASSWORD by reference/
        )
      ])
    )
  })

  it('gives the password from the secrets input to every password variable when RDS does not manage it', () => {
    const given = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf'
    const document = renderDockerrun(plan(text, { ...managed, secrets: `DATABASE_PASSWORD=${given}` }), {
      backing: { database: { endpoint: { host: 'h', port: 5432 }, secrets: [] } },
      images: { app: 'a@sha256:1111111111111111111111111111111111111111111111111111111111111111' }
    })
    expect(definition(document, 'app').secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: given },
      { name: 'PGPASSWORD', valueFrom: given }
    ])
  })
})

describe('14.2 no development credential stays beside a managed host', () => {
  const text = `
services:
  app:
    build: .
    environment:
      POSTGRES_HOST: db
      POSTGRES_USER: dev
      POSTGRES_PASSWORD: devpass
      POSTGRES_DB: dev_db
      DB_USER: dev
      DB_PASSWORD: devpass
      DATABASE_URL: postgres://dev:devpass@db:5432/dev_db?sslmode=disable&pool=5
      REDIS_HOST: redis
      REDIS_PASSWORD: redispass
      UNRELATED_PASSWORD: smtp-secret
  db:
    image: postgres:16
    environment: {POSTGRES_USER: dev, POSTGRES_PASSWORD: devpass, POSTGRES_DB: dev_db}
  redis:
    image: redis:7
`
  it('takes user and database from the instance, the password by reference, and drops the cache password', () => {
    const app = definition(render(text), 'app')
    expect(envOf(app)).toEqual({
      POSTGRES_HOST: 'app.rds.amazonaws.com',
      POSTGRES_USER: 'master',
      POSTGRES_DB: 'appdb',
      // The families completed (issue 23.3): the app's code defaults would point at the dev database.
      POSTGRES_PORT: '5432',
      DB_HOST: 'app.rds.amazonaws.com',
      DB_PORT: '5432',
      DB_USER: 'master',
      DB_NAME: 'appdb',
      DATABASE_URL: 'postgres://master@app.rds.amazonaws.com:5432/appdb?pool=5',
      REDIS_HOST: 'app.cache.amazonaws.com',
      REDIS_PORT: '6379',
      UNRELATED_PASSWORD: 'smtp-secret'
    })
    expect(secretNames(app)).toEqual(['DATABASE_PASSWORD', 'DB_PASSWORD', 'PGPASSWORD', 'POSTGRES_PASSWORD'])
    expect(JSON.stringify(app)).not.toMatch(/devpass|redispass|dev_db/)
  })

  it('says that sslmode=disable and the cache password were left out', () => {
    expect(plan(text).notes).toEqual(
      expect.arrayContaining([
        'app: DATABASE_URL: sslmode left out of the managed URL (a development setting)',
        expect.stringMatching(
          /^app: REDIS_PASSWORD dropped: its development password does not open ElastiCache/
        )
      ])
    )
  })
})

describe('14.3 only hosts are rewritten', () => {
  const text = `
services:
  app:
    build: .
    environment:
      DB_CONNECTION: mysql
      DB_HOST: mysql
      DB_PORT: "3306"
      CACHE_DRIVER: redis
      QUEUE_CONNECTION: redis
      SESSION_DRIVER: redis
      REDIS_HOST: redis
      REDIS_CLIENT: phpredis
      CELERY_BROKER: redis://redis:6379/3
  mysql:
    image: mariadb:11
  redis:
    image: redis:7
`
  // Rendered in each test, not here: mutation testing credits only what runs inside a test.
  const app = () => definition(render(text), 'app')

  it('leaves values that merely equal a service name', () => {
    expect(envOf(app())).toMatchObject({
      DB_CONNECTION: 'mysql',
      CACHE_DRIVER: 'redis',
      QUEUE_CONNECTION: 'redis',
      SESSION_DRIVER: 'redis',
      REDIS_CLIENT: 'phpredis'
    })
  })

  it('rewrites host variables and URL hosts, keeping the app’s scheme and path', () => {
    expect(envOf(app())).toMatchObject({
      DB_HOST: 'app.rds.amazonaws.com',
      DB_PORT: '5432',
      REDIS_HOST: 'app.cache.amazonaws.com',
      CELERY_BROKER: 'redis://app.cache.amazonaws.com:6379/3'
    })
  })

  it('writes a mysql:// database URL for a MySQL service, never postgres://', () => {
    const bare = definition(
      render('services:\n  app:\n    build: .\n    depends_on: [mysql]\n  mysql:\n    image: mariadb:11\n'),
      'app'
    )
    expect(envOf(bare).DATABASE_URL).toBe('mysql://master@app.rds.amazonaws.com:5432/appdb')
  })

  it('writes the scheme of a mysql2:// database input into a DATABASE_URL the compose file did not have', () => {
    const document = renderDockerrun(
      plan('services:\n  app:\n    build: .\n    links: [db]\n  db:\n    image: mariadb\n', {
        database: 'mysql2://shop@shop.rds.amazonaws.com:3306/shop',
        cache: 'none'
      })
    )
    expect(envOf(definition(document, 'app'))).toEqual({
      DATABASE_URL: 'mysql2://shop@shop.rds.amazonaws.com:3306/shop',
      DB_HOST: 'shop.rds.amazonaws.com',
      DB_PORT: '3306',
      DB_USER: 'shop',
      DB_USERNAME: 'shop',
      DB_NAME: 'shop',
      DB_DATABASE: 'shop'
    })
  })

  it('keeps ecto://, postgresql+psycopg2:// and a Redis database index', () => {
    const elixir = definition(
      render(
        'services:\n  app:\n    build: .\n    environment:\n      DATABASE_URL: ecto://postgres:postgres@pg/app_dev\n      SQLALCHEMY_URL: postgresql+psycopg2://u@pg/x\n      CACHE: redis://kv:6379/2\n  pg:\n    image: postgres\n  kv:\n    image: valkey/valkey\n'
      ),
      'app'
    )
    expect(envOf(elixir)).toMatchObject({
      DATABASE_URL: 'ecto://master@app.rds.amazonaws.com:5432/appdb',
      SQLALCHEMY_URL: 'postgresql+psycopg2://master@app.rds.amazonaws.com:5432/appdb',
      CACHE: 'redis://app.cache.amazonaws.com:6379/2'
    })
  })
})

describe('14.4 backing stores are recognised by image, not by name', () => {
  it('keeps a memcached "cache" as a container (its host untouched), with a note', () => {
    const text =
      'services:\n  app:\n    build: .\n    environment:\n      MEMCACHED_HOST: cache:11211\n  cache:\n    image: memcached:1.6\n'
    const result = plan(text, { database: 'none' })
    expect(result.containers.map(container => container.name)).toEqual(['app', 'cache'])
    expect(result.containers[0]?.environment.MEMCACHED_HOST).toBe('cache:11211')
    expect(result.containers[0]?.links).toEqual(['cache'])
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^service cache \(memcached\) runs as a container/)
    )
  })

  it('replaces memcached by the ElastiCache Memcached endpoint the cache input names', () => {
    const text =
      'services:\n  app:\n    build: .\n    environment:\n      MEMCACHED_HOST: cache:11211\n  cache:\n    image: memcached:1.6\n'
    const document = renderDockerrun(plan(text, { cache: 'memcached://mc.cfg.cache.amazonaws.com:11211' }))
    expect(envOf(definition(document, 'app')).MEMCACHED_HOST).toBe('mc.cfg.cache.amazonaws.com:11211')
    expect(document.containerDefinitions.map(container => container.name)).toEqual(['app'])
  })

  it('deploys a varnish "cache" that serves port 80, and an app service called postgres', () => {
    const result = plan(
      'services:\n  cache:\n    image: varnish:7\n    ports: ["80:80"]\n    depends_on: [postgres]\n  postgres:\n    build: .\n',
      {}
    )
    expect(result.containers.map(container => [container.name, container.portMappings])).toEqual([
      ['cache', [{ hostPort: 80, containerPort: 80, protocol: 'tcp' }]],
      ['postgres', []]
    ])
  })

  it('takes a service built FROM postgres for a database', () => {
    const result = plan(
      'services:\n  app:\n    image: a\n    depends_on: [db]\n  db:\n    build: ./db\n',
      managed,
      {
        files: { 'db/Dockerfile': 'FROM postgres:16 AS base\nCOPY init.sql /docker-entrypoint-initdb.d/\n' }
      }
    )
    expect(result.backing.map(replacement => [replacement.composeService, replacement.engine])).toEqual([
      ['db', 'postgres']
    ])
  })
})

describe('14.5 one-shot jobs', () => {
  const text = `
services:
  web:
    build: .
    ports: ["80:3000"]
    depends_on:
      init: {condition: service_completed_successfully}
      db: {condition: service_healthy}
  init:
    build: .
    command: bin/migrate
    depends_on: [db]
  db:
    image: postgres:16
`
  it('renders the job non-essential, never linked, and the others after its success', () => {
    const document = render(text)
    expect(definition(document, 'init').essential).toBe(false)
    expect(definition(document, 'web')).toMatchObject({
      essential: true,
      dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }]
    })
    expect(definition(document, 'web').links).toBeUndefined()
    expect(dockerrunProblems(document)).toEqual([])
  })

  it('waits for a healthy container with HEALTHY when it has a healthcheck', () => {
    const result = plan(
      'services:\n  web:\n    image: a\n    ports: ["80:80"]\n    depends_on:\n      api: {condition: service_healthy}\n  api:\n    image: b\n    healthcheck:\n      test: curl -f http://localhost:8080/up\n'
    )
    expect(result.containers[0]).toMatchObject({
      links: ['api'],
      dependsOn: [{ containerName: 'api', condition: 'HEALTHY' }]
    })
  })

  it('refuses a document where a job others wait for is essential', () => {
    const document: DockerrunV2 = {
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        { name: 'web', image: 'a', memory: 64, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
        { name: 'init', image: 'a', memory: 64, essential: true }
      ]
    }
    expect(dockerrunProblems(document)).toEqual([
      'container web: waits for init to succeed, which ECS allows only for a non-essential container'
    ])
  })
})

describe('14.6 every name a service uses resolves', () => {
  it('links the services an environment value, a command or a shipped config file names', () => {
    const text = `
services:
  web:
    build: .
    environment:
      MAIL_URL: smtp://mailpit:1025
      OTEL_EXPORTER_OTLP_ENDPOINT: jaeger:4317
      API_BASE: http://apiserver:8080/v1
    command: ["wait-for", "search:9200", "--", "bin/web"]
  gateway:
    image: nginx
    ports: ["80:80"]
    volumes: ["./nginx/conf.d:/etc/nginx/conf.d:ro"]
  protected:
    image: taigaio/taiga-protected
  mailpit:
    image: axllent/mailpit
  jaeger:
    image: jaegertracing/all-in-one
  apiserver:
    image: api
  search:
    image: opensearch
`
    const result = plan(
      text,
      {},
      {
        files: {
          'nginx/conf.d/default.conf':
            'location /p/ { proxy_pass http://protected:8003; }\nupstream app { server web:3000; }'
        }
      }
    )
    const links = Object.fromEntries(result.containers.map(container => [container.name, container.links]))
    expect(links.web).toEqual(['mailpit', 'jaeger', 'apiserver', 'search'])
    expect(links.gateway?.sort()).toEqual(['protected', 'web'])
  })

  it('refuses a cycle, naming each link and why it is there', () => {
    const error = errorOf(() =>
      plan(
        'services:\n  a:\n    image: a\n    environment:\n      PEER_URL: http://b:80\n  b:\n    image: b\n    depends_on: [a]\n'
      )
    )
    expect(error).toBeInstanceOf(ComposeError)
    expect(error.message).toMatch(
      /^containers would link in a cycle: a → b \(environment PEER_URL\), b → a \(depends_on\); Docker links cannot be circular/
    )
  })

  it('says when a name points at a service that is not deployed', () => {
    const result = plan(
      'services:\n  web:\n    image: a\n    environment:\n      MAIL_URL: smtp://mailpit:1025\n  mailpit:\n    image: axllent/mailpit\n    profiles: [dev]\n'
    )
    expect(result.notes).toContain(
      'web: environment MAIL_URL names mailpit, which is not deployed: that name does not resolve on Beanstalk'
    )
  })
})

describe('14.7 bind mounts of the build context', () => {
  const text = `
services:
  app:
    build: .
    volumes:
      - .:/app
      - ./config:/app/config
      - ./docker/entrypoint.sh:/usr/local/bin/entrypoint.sh
      - ./.env:/app/.env
      - ./uploads:/app/public/uploads
`
  const files = {
    Dockerfile: 'FROM ruby\nWORKDIR /app\nCOPY docker/*.sh /usr/local/bin/\nCOPY Gemfile ./\n',
    '.dockerignore': '.env\nuploads\n',
    'config/app.yml': 'a: 1',
    'docker/entrypoint.sh': '#!/bin/sh',
    '.env': 'A=1',
    Gemfile: ''
  }

  it('drops only what the image contains there, ships the rest, and mounts missing folders from the instance', () => {
    const result = plan(text, {}, { files })
    expect(result.bundleFiles).toEqual([
      { source: 'config', target: 'config' },
      { source: '.env', target: '.env' }
    ])
    expect(result.volumes).toEqual([
      { name: 'config', sourcePath: '/var/app/current/config' },
      { name: 'env', sourcePath: '/var/app/current/.env' },
      { name: 'data-uploads', sourcePath: '/var/app/volumes/uploads' }
    ])
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'app: bind mount docker/entrypoint.sh:/usr/local/bin/entrypoint.sh dropped: the Dockerfile copies docker/entrypoint.sh to /usr/local/bin/entrypoint.sh, so the image already contains it'
      ])
    )
    // Where data survives is a warning, not a note (issue 23 class 5); so is code the image does not hold (the
    // Dockerfile copies only the Gemfile to /app).
    expect(result.warnings).toEqual([
      'app: bind mount .:/app dropped: it mounts the whole folder of the compose file (source code for development), which is not shipped in the bundle, and the Dockerfile of app does not copy it to /app, so /app starts without that code on Beanstalk; COPY it to /app in the Dockerfile',
      expect.stringMatching(
        /^app: uploads is not in the checkout \(ignored by git\?\): \/app\/public\/uploads is mounted from the instance folder \/var\/app\/volumes\/uploads, which keeps its data across deploys on that instance only; .*keep lasting data in S3, EFS or the database$/
      )
    ])
  })

  it('drops the whole-context mount when the Dockerfile copies the context there', () => {
    const result = plan(
      'services:\n  app:\n    build: .\n    volumes: [".:/app"]\n',
      {},
      {
        files: { Dockerfile: 'FROM node\nWORKDIR /app\nCOPY . .\n', 'index.js': '' }
      }
    )
    expect(result.volumes).toEqual([])
    expect(result.notes).toContain(
      'app: bind mount .:/app dropped: the Dockerfile copies the build context to /app, so the image already contains it'
    )
  })
})

describe('14.8 an image shared by name', () => {
  it('runs the image web builds in worker', () => {
    const result = plan(
      'services:\n  web:\n    build: .\n    image: shop/app:latest\n    ports: ["80:3000"]\n  worker:\n    image: shop/app:latest\n    command: sidekiq\n',
      {}
    )
    expect(result.images).toEqual([expect.objectContaining({ id: 'web', services: ['web', 'worker'] })])
    expect(result.containers.map(container => container.image)).toEqual([
      { kind: 'build', buildId: 'web' },
      { kind: 'build', buildId: 'web' }
    ])
  })
})

describe('14.9 an anchored main service', () => {
  it('deploys an anchored service that others use', () => {
    const result = plan(
      'services:\n  app: &app\n    build: .\n    expose: ["3000"]\n  worker:\n    <<: *app\n    command: sidekiq\n  nginx:\n    image: nginx\n    depends_on: [app]\n    ports: ["80:80"]\n',
      {}
    )
    expect(result.containers.map(container => container.name)).toEqual(['app', 'worker', 'nginx'])
    expect(result.containers[2]?.links).toEqual(['app'])
  })

  it('carries the notes gathered so far in a planning error', () => {
    const error = errorOf(() =>
      plan(
        'version: "3"\nservices:\n  nginx:\n    image: nginx\n    links: [missing]\n  other:\n    image: a\n    profiles: [x]\n',
        {}
      )
    )
    expect(error.message).toMatch(/^Input 'services': service nginx links to missing, which is not deployed/)
    expect(notesOf(error)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the "version" key/),
        expect.stringMatching(/^service other belongs to profile/)
      ])
    )
  })
})

describe('14.11 and 18.6 runner values that are secrets never reach the bundle or an image', () => {
  const runner = {
    SECRET_KEY_BASE: 'runner-secret-value',
    AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
    GITHUB_TOKEN: 'gh-token-value',
    RELEASE: 'v1'
  }
  const refuse = (service: string, inputs: RawInputs = {}): Error =>
    errorOf(() => plan(`services:\n  web:\n${service}`, inputs, { env: runner }))

  it.each([
    ['environment with a suffix', '    image: a\n    environment:\n      KEY: "${AWS_SECRET_ACCESS_KEY}-"\n'],
    ['environment with a default', '    image: a\n    environment:\n      KEY: ${GITHUB_TOKEN:-d}\n'],
    ['image', '    image: "acme/${GITHUB_TOKEN}"\n'],
    ['command', '    image: a\n    command: echo ${AWS_SECRET_ACCESS_KEY}\n'],
    ['working_dir', '    image: a\n    working_dir: /${GITHUB_TOKEN}\n'],
    ['labels', '    image: a\n    labels: {x: "${GITHUB_TOKEN}"}\n'],
    ['build args', '    build:\n      context: .\n      args: {TOKEN: "${GITHUB_TOKEN}"}\n'],
    ['an inherited build arg', '    build:\n      context: .\n      args: [GITHUB_TOKEN]\n']
  ])('refuses a runner credential in %s', (_case, service) => {
    const error = refuse(service)
    expect(error).toBeInstanceOf(ComposeError)
    expect(error.message).toMatch(
      /a credential of the runner: its value is never written into the bundle or an image/
    )
    expect(error.message).not.toMatch(/aws-secret-value|gh-token-value/)
  })

  it('points build args at BuildKit secrets', () => {
    expect(refuse('    build:\n      context: .\n      args: {T: "${GITHUB_TOKEN}"}\n').message).toMatch(
      /pass it as a BuildKit secret \(RUN --mount=type=secret\)/
    )
  })

  it('refuses SECRET_KEY_BASE: ${SECRET_KEY_BASE:-dev} taken from the runner, with the two ways to pass it', () => {
    const error = refuse('    image: a\n    environment:\n      SECRET_KEY_BASE: ${SECRET_KEY_BASE:-dev}\n')
    expect(error.message).toMatch(
      /pass it by reference with the secrets input, or as an environment property/
    )
    expect(error.message).not.toContain('runner-secret-value')
  })

  it('refuses any runner value in a variable whose name says secret', () => {
    const error = refuse('    image: a\n    environment:\n      API_TOKEN: "release-${RELEASE}"\n')
    expect(error.message).toBe(
      'service "web" environment API_TOKEN takes ${RELEASE} from the runner\'s environment, which would write a secret in clear into the bundle; pass API_TOKEN with the secrets input (API_TOKEN=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write API_TOKEN: ${API_TOKEN}'
    )
  })

  it('accepts it when the secrets input passes the variable by reference', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:skb-AbCdEf'
    const result = plan(
      'services:\n  web:\n    build: .\n    environment:\n      SECRET_KEY_BASE: ${SECRET_KEY_BASE:-dev}\n',
      { secrets: `SECRET_KEY_BASE=${arn}`, 'execution-role-arn': ROLE },
      { env: runner }
    )
    expect(JSON.stringify(result)).not.toContain('runner-secret-value')
    expect(result.containers[0]?.secrets).toEqual([{ name: 'SECRET_KEY_BASE', valueFrom: arn }])
  })

  it('shows names, never values, of variables from the runner, .env or an env_file in the log’s Dockerrun', () => {
    const result = plan(
      'services:\n  web:\n    image: a\n    env_file: app.env\n    environment:\n      RELEASE_NAME: "r-${RELEASE}"\n      FROM_DOTENV: ${DOTENV_VALUE}x\n      PLAIN: shown\n',
      {},
      { env: runner, files: { 'app.env': 'FROM_FILE=file-value', '.env': 'DOTENV_VALUE=dotenv-value' } }
    )
    const shown = redactDockerrun(renderDockerrun(result), result)
    expect(JSON.stringify(shown)).not.toMatch(/r-v1|dotenv-value|file-value/)
    expect(envOf(definition(shown, 'web'))).toEqual({
      FROM_FILE: '(hidden)',
      RELEASE_NAME: '(hidden)',
      FROM_DOTENV: '(hidden)',
      PLAIN: 'shown'
    })
  })

  // A fresh sample (FastAPI, 2026-12-07): its env_file named DATABASE_URL and POSTGRES_SERVER; the action set both
  // from RDS, and the log showed "(hidden)", so the user could not see what the app would get.
  it('shows the values the action itself wrote from the managed service, whatever file named the variable', () => {
    const result = plan(
      'services:\n  web:\n    image: a\n    env_file: app.env\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
      { database: 'app-db' },
      {
        files: {
          'app.env':
            'DATABASE_URL=postgres://dev:devpw@db:5432/app\nPOSTGRES_SERVER=db\nPOSTGRES_PASSWORD=devpw\nOTHER=file-value\n'
        }
      }
    )
    const endpoint = { host: 'app-db.rds.example', port: 5432, username: 'master', databaseName: 'app' }
    const rendered = renderDockerrun(result, { backing: { database: { endpoint, secrets: [] } } })
    const shown = envOf(definition(redactDockerrun(rendered, result), 'web'))
    expect(shown.DATABASE_URL).toBe('postgres://master@app-db.rds.example:5432/app')
    expect(shown.POSTGRES_SERVER).toBe('app-db.rds.example')
    expect(shown.OTHER).toBe('(hidden)')
    expect(JSON.stringify(shown)).not.toContain('devpw')
  })

  it('warns that a secret-looking build arg stays in the image history', () => {
    const result = plan(
      'services:\n  web:\n    build:\n      context: .\n      args: {NPM_TOKEN: "${NPM_TOKEN}"}\n',
      {},
      {
        files: { '.env': 'NPM_TOKEN=from-dotenv' }
      }
    )
    expect(result.warnings).toEqual([
      'web: build arg(s) NPM_TOKEN look secret: build args stay readable in the image history (docker history) pushed to ECR; pass secrets to the build as BuildKit secrets (RUN --mount=type=secret) instead'
    ])
  })
})

describe('14.12 container-definition settings compose has', () => {
  const text = `
services:
  app:
    build: .
    ports: ["80:3000"]
    user: "1000:1000"
    hostname: app.local
    extra_hosts: ["legacy:10.0.0.5", "gw:host-gateway"]
    labels: {team: core}
    ulimits: {nofile: {soft: 1024, hard: 4096}, nproc: 512}
    healthcheck: {test: ["CMD-SHELL", "curl -f localhost:3000/up"], interval: 1s, timeout: 90s, retries: 5, start_period: 20s}
    tmpfs: ["/run:size=16m,mode=1777"]
    shm_size: 256m
    init: true
    stop_grace_period: 1m30s
    cap_add: [SYS_PTRACE]
    cap_drop: [CAP_NET_RAW]
    read_only: true
    volumes_from: ["assets:ro"]
    stop_signal: SIGQUIT
  assets:
    image: acme/assets
`
  // Rendered in each test, not here: mutation testing credits only what runs inside a test.
  const document = () => render(text, {})
  const app = () => definition(document(), 'app')

  it('maps each to its ECS field', () => {
    expect(app()).toMatchObject({
      user: '1000:1000',
      hostname: 'app.local',
      extraHosts: [{ hostname: 'legacy', ipAddress: '10.0.0.5' }],
      dockerLabels: { team: 'core' },
      ulimits: [
        { name: 'nofile', softLimit: 1024, hardLimit: 4096 },
        { name: 'nproc', softLimit: 512, hardLimit: 512 }
      ],
      healthCheck: {
        command: ['CMD-SHELL', 'curl -f localhost:3000/up'],
        interval: 5,
        timeout: 60,
        retries: 5,
        startPeriod: 20
      },
      linuxParameters: {
        capabilities: { add: ['SYS_PTRACE'], drop: ['NET_RAW'] },
        initProcessEnabled: true,
        sharedMemorySize: 256,
        tmpfs: [{ containerPath: '/run', size: 16, mountOptions: ['mode=1777'] }]
      },
      stopTimeout: 90,
      readonlyRootFilesystem: true,
      volumesFrom: [{ sourceContainer: 'assets', readOnly: true }]
    })
  })

  it('drops nothing silently', () => {
    const notes = plan(text, {}).notes
    expect(notes).toEqual(
      expect.arrayContaining([
        'app: extra_hosts gw dropped ("host-gateway" is not an IP address (ECS extraHosts take addresses; host-gateway has no equivalent))',
        'app: stop_signal dropped (ECS stops containers with SIGTERM; set STOPSIGNAL in the Dockerfile)',
        "app: healthcheck interval 1 set to 5, within ECS's range 5–300",
        "app: healthcheck timeout 90 set to 60, within ECS's range 2–60"
      ])
    )
  })

  it('never moves TLS port 443 to host port 80, and proxy-service can name the container port', () => {
    const tls =
      'services:\n  proxy:\n    image: caddy\n    ports: ["443:443"]\n  web:\n    build: .\n    expose: ["3000"]\n'
    const error = errorOf(() => plan(tls, {}))
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(/proxy publishes only TLS port 443/)
    const named = plan(tls, { 'proxy-service': 'web:3000' })
    expect(named.containers.map(container => [container.name, container.portMappings])).toEqual([
      ['proxy', [{ hostPort: 443, containerPort: 443, protocol: 'tcp' }]],
      ['web', [{ hostPort: 80, containerPort: 3000, protocol: 'tcp' }]]
    ])
  })
})

describe('18.10 and 18.14 names and limits', () => {
  it('refuses two services whose names give one ECR repository, naming both', () => {
    const error = errorOf(() =>
      plan('services:\n  api_v1:\n    build: ./v1\n  api-v1:\n    build: ./v2\n', {})
    )
    expect(error.message).toBe(
      'services "api_v1" and "api-v1" build different images but both map to the ECR repository puppies/api-v1; rename one of them'
    )
  })

  it('refuses more containers than an ECS task definition holds, before anything else', () => {
    const services = Array.from({ length: 11 }, (_unused, index) => `  s${index}:\n    image: a\n`).join('')
    const error = errorOf(() => plan(`services:\n${services}`, {}))
    expect(error.message).toMatch(
      /^Input 'services': ECS runs at most 10 containers per task definition, and this environment would run 11/
    )
  })

  it('refuses a task definition larger than ECS takes', () => {
    const document: DockerrunV2 = {
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        { name: 'web', image: 'a', memory: 64, environment: [{ name: 'BIG', value: 'x'.repeat(70 * 1024) }] }
      ]
    }
    expect(dockerrunProblems(document)).toEqual([
      expect.stringMatching(
        /^the container definitions take 70\.\d KiB; an ECS task definition may take at most 64 KiB/
      )
    ])
  })
})
