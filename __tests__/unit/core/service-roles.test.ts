// Issue 23, class 2: a service's role misjudged. Minimal reproductions of the
// instances found in public apps, then other forms of the same rule: a
// service that runs and exits is never essential (its exit would stop the
// task), and a database server is recognised whatever its image is called.

import { describe, expect, it } from '@jest/globals'
import { backingEngineOf } from '../../../src/core/backing-engines.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../src/core/inputs.js'
import { configFor } from './support.js'
import { composeIn } from './workspace-fake.js'

const none: RawInputs = { database: 'none', cache: 'none' }

function essentials(text: string, inputs: RawInputs = none): Record<string, boolean> {
  const plan = buildPlan(configFor(inputs), composeIn(text))
  return Object.fromEntries(plan.containers.map(container => [container.name, container.essential]))
}

describe('jobs are not essential', () => {
  it('a migration job nobody waits for (issue 23)', () => {
    expect(
      essentials(
        'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  migrate:\n    image: app\n    command: bundle exec rails db:migrate\n'
      )
    ).toEqual({ web: true, migrate: false })
  })

  it('other migration commands: Django, Alembic, Prisma, Ecto, Knex', () => {
    for (const command of [
      'python manage.py migrate',
      'alembic upgrade head',
      'npx prisma migrate deploy',
      'mix ecto.migrate',
      'npx knex migrate:latest'
    ]) {
      const roles = essentials(
        `services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  job:\n    image: app\n    command: ${command}\n`
      )
      expect({ command, job: roles.job }).toEqual({ command, job: false })
    }
  })

  it('a server that migrates first (sh -c "migrate && serve") stays essential', () => {
    expect(
      essentials(
        'services:\n  web:\n    image: app\n    ports: ["80:8000"]\n    command: ["sh", "-c", "python manage.py migrate && gunicorn app.wsgi"]\n'
      )
    ).toEqual({ web: true })
  })

  it('a css/js build with restart: "no" (issue 23), also written as an unquoted no', () => {
    expect(
      essentials(
        'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  css:\n    image: app\n    command: yarn build:css\n    restart: "no"\n  js:\n    image: app\n    command: yarn build\n    restart: no\n'
      )
    ).toEqual({ web: true, css: false, js: false })
  })

  it('restart: "no" on the only service that serves keeps it essential', () => {
    expect(
      essentials('services:\n  web:\n    image: app\n    ports: ["80:3000"]\n    restart: "no"\n')
    ).toEqual({
      web: true
    })
  })
})

describe('development asset watchers', () => {
  const text =
    'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  js:\n    image: app\n    command: yarn build --watch\n  css:\n    image: app\n    command: bin/rails tailwindcss:watch\n'

  it('are not deployed, with a note saying why (issue 23: yarn build --watch)', () => {
    const plan = buildPlan(configFor(none), composeIn(text))
    expect(plan.containers.map(container => container.name)).toEqual(['web'])
    expect(plan.notes).toContain(
      'service js is a development asset watcher (yarn build --watch): not deployed; build the assets into the image (name it in services to deploy it anyway, as a non-essential job)'
    )
    expect(plan.notes.some(note => note.startsWith('service css is a development asset watcher'))).toBe(true)
  })

  it('named in services, they are deployed as non-essential jobs', () => {
    expect(essentials(text, { ...none, services: 'web js' })).toEqual({ web: true, js: false })
  })
})

describe('a database server under another image name', () => {
  it('an auto-upgrade image run with command: postgres … is PostgreSQL (issue 23)', () => {
    const project = composeIn(
      'services:\n  db:\n    image: pgautoupgrade/pgautoupgrade:16-alpine\n    command: postgres -c shared_buffers=256MB\n    environment: {POSTGRES_PASSWORD: dev}\n'
    )
    expect(backingEngineOf(project.services.db!)).toBe('postgres')
  })

  it('is replaced by RDS when database names one, not kept as a container', () => {
    const plan = buildPlan(
      configFor({
        database: 'app-db',
        cache: 'none',
        'execution-role-arn': 'arn:aws:iam::123456789012:role/exec'
      }),
      composeIn(
        'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n    environment: {DATABASE_URL: "postgres://app:dev@db:5432/app"}\n  db:\n    image: pgautoupgrade/pgautoupgrade:16-alpine\n    command: ["postgres", "-c", "max_connections=200"]\n'
      )
    )
    expect(plan.containers.map(container => container.name)).toEqual(['web'])
    expect(plan.backing.map(replacement => replacement.composeService)).toEqual(['db'])
  })

  it('other forms: mysqld and redis-server commands, a PostgreSQL data folder with POSTGRES_ variables', () => {
    const project = composeIn(
      'services:\n  a: {image: acme/mysql-tuned, command: mysqld --max-connections=500}\n  b: {image: acme/kv, entrypoint: [redis-server, --appendonly, "yes"]}\n  c: {image: acme/pg, environment: {POSTGRES_DB: app}, volumes: ["pg:/var/lib/postgresql/data"]}\n  d: {image: acme/app, environment: {POSTGRES_HOST: c}, command: node server.js}\n'
    )
    expect(Object.values(project.services).map(service => backingEngineOf(service))).toEqual([
      'mysql',
      'redis',
      'postgres',
      undefined
    ])
  })
})
