// Which compose services a plan deploys (src/core/plan/selection.ts), and the extension warning of a replaced
// PostgreSQL (src/core/plan/extensions.ts).

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import { extensionWarning } from '../../../../src/core/plan/extensions.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const none: RawInputs = { database: 'none', cache: 'none' }
const planOf = (text: string, inputs: RawInputs = {}, env: Record<string, string> = {}) =>
  buildPlan(configFor({ ...none, ...inputs }), composeIn(text, { env }))
const names = (plan: ReturnType<typeof planOf>) => plan.containers.map(container => container.name)

describe('selectServices', () => {
  const APP =
    'services:\n  web:\n    image: app\n    ports: ["80:80"]\n  worker:\n    image: app\n  db:\n    image: postgres:16\n'

  it('the services input: those services, the others said (not the replaced backing stores)', () => {
    const plan = planOf(APP, { services: 'worker' })
    expect(names(plan)).toEqual(['worker'])
    expect(plan.notes).toContain('services names worker: web is not deployed')
    const two = planOf(`${APP}  admin:\n    image: admin\n`, { services: 'worker' })
    expect(two.notes).toContain('services names worker: web, admin are not deployed')
  })

  it('refuses a services input naming what the file does not have, listing what it has', () => {
    expect(() => planOf(APP, { services: 'wrker' })).toThrow(
      `Input 'services': "wrker" is not a service of the compose file (it has: web, worker, db)`
    )
    expect(() => planOf(APP, { services: 'a,b' })).toThrow(`Input 'services': "a", "b" are not a service of`)
  })

  it('by default: every service compose starts, but backing stores, services without build or image, asset watchers', () => {
    const plan = planOf(
      `${APP}  assets:\n    image: node\n    command: yarn build --watch\n  tool:\n    command: echo\n`
    )
    expect(names(plan)).toEqual(['web', 'worker'])
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'service tool has neither build nor image: skipped',
        'service assets is a development asset watcher (yarn build --watch): not deployed; build the assets into the image (name it in services to deploy it anyway, as a non-essential job)'
      ])
    )
  })

  it('profiles: those not active are said; COMPOSE_PROFILES turns them on, and is said', () => {
    const text = `${APP}  debug:\n    image: debug\n    profiles: [dev, tools]\n`
    const plan = planOf(text)
    expect(names(plan)).toEqual(['web', 'worker'])
    expect(plan.notes).toContain(
      'service debug belongs to profile(s) dev, tools, not active: not deployed (set COMPOSE_PROFILES or name it in services)'
    )
    expect(plan.notes.join('\n')).not.toContain('active profiles (COMPOSE_PROFILES)')
    const on = planOf(text, {}, { COMPOSE_PROFILES: 'tools' })
    expect(names(on)).toEqual(['web', 'worker', 'debug'])
    expect(on.notes).toContain('active profiles (COMPOSE_PROFILES): tools')
  })

  it('a bare YAML template is not deployed, said; one that is used or complete is', () => {
    const template = 'services:\n  base: &base\n    image: app\n  web:\n    <<: *base\n    ports: ["80:80"]\n'
    const plan = planOf(template)
    expect(names(plan)).toEqual(['web'])
    expect(plan.notes).toContain(
      'service base only serves as a YAML template for other services: not deployed (name it in services to deploy it)'
    )
    expect(names(planOf(`${template}    depends_on: [base]\n`))).toEqual(['base', 'web'])
    expect(names(planOf(`${template}    environment: {API: "http://base"}\n`))).toEqual(['base', 'web'])
    expect(
      names(planOf(template.replace('    image: app\n', '    image: app\n    expose: ["9000"]\n')))
    ).toEqual(['base', 'web'])
    expect(names(planOf(template, { services: 'base,web' }))).toEqual(['base', 'web'])
  })

  it('nothing but backing stores is refused', () => {
    expect(() => planOf('services:\n  db:\n    image: postgres:16\n')).toThrow(
      "Input 'services': the compose file has no service to deploy besides backing stores"
    )
  })
})

describe('extensionWarning', () => {
  const db = (fields: string) => composeIn(`services:\n  db:\n${fields}`).services.db!

  it('an extension RDS does not offer', () => {
    expect(extensionWarning(db('    image: tensorchord/pgvecto-rs:pg16-v0.2.0\n'))).toBe(
      "db: tensorchord/pgvecto-rs:pg16-v0.2.0 brings pgvecto.rs; RDS for PostgreSQL does not offer pgvecto.rs: the app's queries that need it fail there. Check the extensions the app uses against RDS for PostgreSQL (docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html)"
    )
  })

  it('an extension RDS offers, found in the command', () => {
    expect(
      extensionWarning(
        db('    image: postgres:16\n    command: postgres -c shared_preload_libraries=vector.so\n')
      )
    ).toBe(
      'db: postgres:16 brings pgvector; RDS offers pgvector: run CREATE EXTENSION on the RDS database. Check the extensions the app uses against RDS for PostgreSQL (docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html)'
    )
  })

  it('both kinds, from a Dockerfile’s base image', () => {
    const service = composeIn('services:\n  db:\n    build: ./db\n', {
      files: { 'db/Dockerfile': 'FROM timescale/timescaledb-ha:pg16-all\n' }
    }).services.db!
    expect(
      extensionWarning({ ...service, command: ['postgres', '-c', 'shared_preload_libraries=postgis'] })
    ).toContain(
      "db: timescale/timescaledb-ha:pg16-all brings TimescaleDB, PostGIS; RDS for PostgreSQL does not offer TimescaleDB: the app's queries that need it fail there. RDS offers PostGIS: run CREATE EXTENSION on the RDS database. "
    )
  })

  it.each(['postgres:16', 'bitnami/postgresql:16', 'postgres:16-vectorless'])('%s: no warning', image => {
    expect(extensionWarning(db(`    image: ${image}\n`))).toBeUndefined()
  })
})
