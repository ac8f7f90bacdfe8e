// Who receives which secret, which values stay out of the bundle, and what the plan says about each: the rules of
// src/core/plan/environment.ts, on small compose files (mutation triage, issue 27 §6).

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn, type FakeWorkspace } from '../workspace-fake.js'

const SKB = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/skb-AbCdEf'
const DBPW = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf'
const rds: RawInputs = { database: 'app-db', cache: 'none' }
const planOf = (text: string, inputs: RawInputs = rds, workspace: FakeWorkspace = {}) =>
  buildPlan(configFor(inputs), composeIn(text, workspace))
const secretsOf = (plan: ReturnType<typeof planOf>) =>
  Object.fromEntries(
    plan.containers.map(container => [container.name, container.secrets.map(secret => secret.name)])
  )
const container = (plan: ReturnType<typeof planOf>, name: string) => {
  const found = plan.containers.find(candidate => candidate.name === name)
  if (!found) throw new Error(`no container ${name}`)
  return found
}

const APP = `services:
  web:
    build: .
    environment: {DATABASE_URL: "postgres://app:devpw@db:5432/app"}
    depends_on: [db]
  worker:
    build: .
    command: bin/worker
    environment: {DATABASE_URL: "postgres://app:devpw@db:5432/app"}
  jobs:
    image: ghcr.io/acme/jobs:1
    environment: {DATABASE_URL: "postgres://app:devpw@db:5432/app"}
  proxy:
    image: nginx:1.25
    ports: ["80:80"]
  mail:
    image: mailhog/mailhog
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: devpw}
`

describe('which container receives which secret', () => {
  it('a secret no service names goes to the app containers (built, or prebuilt and using the database), not to a proxy or a mail catcher', () => {
    const plan = planOf(APP, { ...rds, secrets: `SECRET_KEY_BASE=${SKB}` })
    expect(secretsOf(plan)).toEqual({
      web: ['SECRET_KEY_BASE'],
      worker: ['SECRET_KEY_BASE'],
      jobs: ['SECRET_KEY_BASE'],
      proxy: [],
      mail: []
    })
  })

  it('a secret a service names goes to that service only', () => {
    const text = APP.replace(
      'image: mailhog/mailhog',
      'image: mailhog/mailhog\n    environment: [SECRET_KEY_BASE]'
    )
    expect(secretsOf(planOf(text, { ...rds, secrets: `SECRET_KEY_BASE=${SKB}` }))).toEqual({
      web: [],
      worker: [],
      jobs: [],
      proxy: [],
      mail: ['SECRET_KEY_BASE']
    })
  })

  it('the database password goes to every container that uses the database, and to each variable its driver reads', () => {
    const plan = planOf(APP, { ...rds, secrets: `DATABASE_PASSWORD=${DBPW}` })
    expect(secretsOf(plan)).toEqual({
      web: ['DATABASE_PASSWORD', 'PGPASSWORD'],
      worker: ['DATABASE_PASSWORD', 'PGPASSWORD'],
      jobs: ['DATABASE_PASSWORD', 'PGPASSWORD'],
      proxy: [],
      mail: []
    })
    for (const secret of container(plan, 'web').secrets) expect(secret.valueFrom).toBe(DBPW)
  })

  it('without a database to use, a prebuilt image gets no unnamed secret', () => {
    const plan = planOf(APP, { database: 'none', cache: 'none', secrets: `SECRET_KEY_BASE=${SKB}` })
    expect(container(plan, 'jobs').secrets).toEqual([])
    expect(container(plan, 'web').secrets).toEqual([{ name: 'SECRET_KEY_BASE', valueFrom: SKB }])
  })

  it('a compose value for a variable the secrets input gives is replaced by the reference, with a note', () => {
    const text = APP.replace(
      'command: bin/worker\n    environment: {DATABASE_URL: "postgres://app:devpw@db:5432/app"}',
      'command: bin/worker\n    environment: {DATABASE_URL: "postgres://app:devpw@db:5432/app", SECRET_KEY_BASE: dev-only-value}'
    )
    expect(text).toContain('dev-only-value')
    const plan = planOf(text, { ...rds, secrets: `SECRET_KEY_BASE=${SKB}` })
    expect(container(plan, 'worker').environment.SECRET_KEY_BASE).toBeUndefined()
    expect(container(plan, 'worker').secrets).toEqual([{ name: 'SECRET_KEY_BASE', valueFrom: SKB }])
    expect(plan.notes).toContain(
      'worker: SECRET_KEY_BASE is passed by reference from the secrets input instead of its compose value'
    )
    expect(plan.notes.filter(note => note.includes('instead of its compose value'))).toHaveLength(1)
    expect(JSON.stringify(plan.containers)).not.toContain('dev-only-value')
  })
})

describe('values that look secret', () => {
  const one = (environment: string, workspace: FakeWorkspace = {}) =>
    planOf(
      `services:\n  web:\n    image: app\n    ports: ["80:80"]\n    environment:\n${environment}`,
      { database: 'none', cache: 'none' },
      workspace
    )

  it('a literal secret is reported with where it came from; settings, paths and empty values are not', () => {
    const plan = one(
      [
        '      API_TOKEN: abc123secret',
        '      SECRET_KEY: dev-${DEV_KEY}',
        '      PASSWORD_MIN_LENGTH: "8"',
        '      TOKEN_AUTH: "false"',
        '      SECRET_KEY_FILE: /run/secrets/key',
        '      PASSWORD_PATH: /etc/pw',
        '      API_KEY: ""'
      ].join('\n') + '\n',
      { files: { '.env': 'DEV_KEY=from-dotenv\n' } }
    )
    expect(plan.clearSecrets).toEqual([
      { container: 'web', variable: 'API_TOKEN', source: 'compose file' },
      { container: 'web', variable: 'SECRET_KEY', source: '.env' }
    ])
  })

  it('a secret read from an env_file says so', () => {
    const plan = one('      PLAIN: x\n    env_file: app.env\n', {
      files: { 'app.env': 'STRIPE_SECRET=sk_live_1\n' }
    })
    expect(plan.clearSecrets).toEqual([{ container: 'web', variable: 'STRIPE_SECRET', source: 'env_file' }])
  })

  // Fresh sample (Documenso, 2026-12-07): NEXT_PRIVATE_DATABASE_URL holds the dev password, but the bundle gets the
  // managed URL, which carries none: "written in clear" was false.
  it('a secret-looking URL the managed database rewrites is not written in clear', () => {
    const plan = planOf(`services:
  web:
    build: .
    environment:
      NEXT_PRIVATE_DATABASE_URL: postgres://app:devpw@db:5432/app
      NEXT_PRIVATE_API_TOKEN: dev-token
    depends_on: [db]
  db:
    image: postgres:16
`)
    expect(container(plan, 'web').bindings).toContainEqual({
      role: 'database',
      variable: 'NEXT_PRIVATE_DATABASE_URL',
      kind: 'url'
    })
    expect(plan.clearSecrets).toEqual([
      { container: 'web', variable: 'NEXT_PRIVATE_API_TOKEN', source: 'compose file' }
    ])
    expect(plan.warnings.filter(line => line.includes('written in clear'))).toEqual([
      expect.stringMatching(/^NEXT_PRIVATE_API_TOKEN is written in clear/)
    ])
  })

  // Fresh sample (Infisical, 2026-12-07): one .env is the env_file of the app, postgres and redis; the cache's
  // rules dropped POSTGRES_PASSWORD "because it does not open ElastiCache" while the database's bound it.
  it('a password the database binds is not dropped for the cache with a note saying so', () => {
    const plan = planOf(
      `services:
  backend:
    image: infisical/infisical:v0.1
    env_file: .env
    depends_on: [db, redis]
  db:
    image: postgres:16
    env_file: .env
  redis:
    image: redis:7
    env_file: .env
`,
      { database: 'app-db', cache: 'app-cache' },
      { files: { '.env': 'POSTGRES_USER=infisical\nPOSTGRES_PASSWORD=devpw\nPOSTGRES_DB=infisical\n' } }
    )
    expect(plan.notes.filter(line => line.includes('POSTGRES_PASSWORD dropped'))).toEqual([])
    expect(container(plan, 'backend').bindings).toContainEqual({
      role: 'database',
      variable: 'POSTGRES_PASSWORD',
      kind: 'password'
    })
  })

  // Fresh sample (Dify's defaults, 2026-12-07): one dev password for PostgreSQL and Redis; the database's rules took
  // REDIS_PASSWORD by its value, and the RDS master password became the password the app sent to Redis.
  it("a REDIS_ password with the database's dev value stays the cache's; a DB_ one with the cache's stays the database's", () => {
    const plan = planOf(
      `services:
  api:
    build: .
    environment:
      DB_PASSWORD: difyai123456
      REDIS_PASSWORD: difyai123456
      APP_SQL_PASS: difyai123456
      CACHE_PASS: difyai123456
    depends_on: [db, redis]
  db:
    image: postgres:15
    environment: {POSTGRES_PASSWORD: difyai123456}
  redis:
    image: redis:7
    command: redis-server --requirepass difyai123456
`,
      { database: 'app-db', cache: 'app-cache' }
    )
    const bindings = container(plan, 'api').bindings
    const roleOf = (variable: string) => bindings.find(binding => binding.variable === variable)?.role
    expect(roleOf('DB_PASSWORD')).toBe('database')
    expect(roleOf('APP_SQL_PASS')).toBe('database')
    expect(roleOf('REDIS_PASSWORD')).toBeUndefined()
    expect(roleOf('CACHE_PASS')).toBeUndefined()
    expect(plan.notes.filter(line => / dropped: /.test(line))).toEqual([
      'api: REDIS_PASSWORD dropped: its development password does not open ElastiCache; pass the AUTH token with the secrets input if the cluster has one',
      'api: CACHE_PASS dropped: its development password does not open ElastiCache; pass the AUTH token with the secrets input if the cluster has one'
    ])
  })

  it('a ${VAR} left to the environment whose .env holds a development value: not written, and said', () => {
    const plan = one('      API_TOKEN: ${API_TOKEN}\n', { files: { '.env': 'API_TOKEN=dev-token\n' } })
    expect(plan.runtimeVariables).toEqual([{ container: 'web', name: 'API_TOKEN' }])
    expect(JSON.stringify(plan.containers)).not.toContain('dev-token')
    expect(plan.notes).toContain(
      'web: API_TOKEN is ${API_TOKEN} and .env gives it a development value, which is not written into the bundle (the name looks secret): pass it with the secrets input, or set it as an environment property of the Beanstalk environment'
    )
  })

  it('a runner variable in a secret-looking name is refused; one from .env is not', () => {
    expect(() =>
      buildPlan(
        configFor({ database: 'none', cache: 'none' }),
        composeIn(
          'services:\n  web:\n    image: app\n    environment:\n      API_TOKEN: tok-${FROM_RUNNER}\n',
          {
            env: { FROM_RUNNER: 'x' }
          }
        )
      )
    ).toThrow(
      'service "web" environment API_TOKEN takes ${FROM_RUNNER} from the runner\'s environment, which would write a secret in clear into the bundle; pass API_TOKEN with the secrets input (API_TOKEN=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write API_TOKEN: ${API_TOKEN}'
    )
    expect(() => one('      API_TOKEN: tok-${DEV}\n', { files: { '.env': 'DEV=x\n' } })).not.toThrow()
  })
})

describe('development passwords of replaced services', () => {
  it('a container that does not use the database loses its development password, with a note', () => {
    const plan = planOf(
      `services:
  web:
    build: .
    ports: ["80:80"]
    environment: {DATABASE_URL: "postgres://app:devpw@db:5432/app"}
  metrics:
    image: prom/statsd
    environment: {ADMIN_PASSWORD: devpw}
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: devpw}
`,
      { database: 'app-db' }
    )
    expect(container(plan, 'metrics').environment.ADMIN_PASSWORD).toBeUndefined()
    expect(plan.notes).toContain(
      'metrics: ADMIN_PASSWORD dropped: it holds the development password of db, which metrics does not use'
    )
  })

  it('a variable pointing at a database the deploy drops is not set, with a note', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:80"]\n    environment: {DATABASE_URL: "postgres://db/app", OTHER: x}\n  db:\n    image: postgres:16\n',
      { database: 'none', cache: 'none' }
    )
    expect(container(plan, 'web').environment).toEqual({ OTHER: 'x' })
    expect(plan.notes).toContain('web: DATABASE_URL points at the dropped service db: not set')
  })
})
