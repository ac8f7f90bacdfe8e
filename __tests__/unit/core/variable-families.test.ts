// Issue 23 classes 3, 4 and 6: the minimal reproduction of each instance the
// issue names, and of the other instances of each class found since (public
// apps' spellings: Paperless, Listmonk, Mealie, Immich, Gitea, Spring).

import { describe, expect, it } from '@jest/globals'
import { renderDockerrun, type Resolution } from '../../../src/core/dockerrun.js'
import type { ContainerDefinition, DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import type { RawInputs } from '../../../src/core/inputs.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { DeployPlan } from '../../../src/core/plan/types.js'
import { configFor } from './support.js'
import { composeIn, type FakeWorkspace } from './workspace-fake.js'

const ROLE = 'arn:aws:iam::123456789012:role/exec'
const RDS_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf:password::'
const GIVEN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf'
const RDS_HOST = 'app.rds.amazonaws.com'
const rds = (tls = true): NonNullable<Resolution['backing']> => ({
  database: {
    endpoint: { host: RDS_HOST, port: 5432, username: 'master', databaseName: 'appdb', ...(tls && { tls }) },
    secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: RDS_SECRET }]
  },
  cache: { endpoint: { host: 'app.cache.amazonaws.com', port: 6379 }, secrets: [] }
})
const managed: RawInputs = { database: 'app-db', cache: 'app-cache', 'execution-role-arn': ROLE }
const IMAGE = 'app@sha256:1111111111111111111111111111111111111111111111111111111111111111'

function plan(text: string, inputs: RawInputs = managed, workspace: FakeWorkspace = {}): DeployPlan {
  return buildPlan(configFor(inputs), composeIn(text, workspace))
}

function render(
  text: string,
  inputs: RawInputs = managed,
  workspace: FakeWorkspace = {},
  backing = rds()
): DockerrunV2 {
  return renderDockerrun(plan(text, inputs, workspace), { backing, images: { app: IMAGE } })
}

function container(document: DockerrunV2, name: string): ContainerDefinition {
  const found = document.containerDefinitions.find(candidate => candidate.name === name)
  if (!found) throw new Error(`no container ${name}`)
  return found
}

const envOf = (found: ContainerDefinition): Record<string, string> =>
  Object.fromEntries((found.environment ?? []).map(({ name, value }) => [name, value]))
const secretsOf = (found: ContainerDefinition): Record<string, string> =>
  Object.fromEntries((found.secrets ?? []).map(({ name, valueFrom }) => [name, valueFrom]))

describe('23.3 a replaced host implies its whole family', () => {
  it('adds POSTGRES_HOST, POSTGRES_PORT and POSTGRES_DB beside a rewritten host and POSTGRES_USER', () => {
    const text = `
services:
  app:
    build: .
    environment:
      DATABASE_URL: postgres://app@db/app
      POSTGRES_USER: app
  db:
    image: postgres:16
    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: devpass, POSTGRES_DB: app}
`
    const app = container(render(text), 'app')
    expect(envOf(app)).toEqual({
      DATABASE_URL: `postgres://master@${RDS_HOST}:5432/appdb`,
      POSTGRES_USER: 'master',
      POSTGRES_HOST: RDS_HOST,
      POSTGRES_PORT: '5432',
      POSTGRES_DB: 'appdb'
    })
    expect(Object.keys(secretsOf(app))).toEqual(['DATABASE_PASSWORD', 'PGPASSWORD', 'POSTGRES_PASSWORD'])
    expect(plan(text).notes).toContain(
      'app: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_PASSWORD added beside POSTGRES_USER (the compose file leaves them to the app’s defaults, which point at the development db): set from RDS at deploy'.replace(
        '’',
        "'"
      )
    )
  })

  it('completes PAPERLESS_DBHOST with PAPERLESS_DBUSER, DBNAME, DBPASS and DBPORT (a prebuilt app image with code defaults)', () => {
    const text = `
services:
  webserver:
    image: ghcr.io/paperless-ngx/paperless-ngx:latest
    ports: ["8000:8000"]
    environment:
      PAPERLESS_DBHOST: db
  db:
    image: postgres:17
    environment: {POSTGRES_DB: paperless, POSTGRES_USER: paperless, POSTGRES_PASSWORD: paperless}
`
    const web = container(render(text), 'webserver')
    expect(envOf(web)).toEqual({
      PAPERLESS_DBHOST: RDS_HOST,
      PAPERLESS_DBPORT: '5432',
      PAPERLESS_DBUSER: 'master',
      PAPERLESS_DBNAME: 'appdb'
    })
    expect(Object.keys(secretsOf(web))).toEqual(['DATABASE_PASSWORD', 'PAPERLESS_DBPASS', 'PGPASSWORD'])
    expect(JSON.stringify(web)).not.toContain('paperless"')
  })

  it('replaces a development user root or postgres by the RDS master user', () => {
    const text = `
services:
  app:
    build: .
    environment:
      DB_HOST: db
      DB_USERNAME: root
      DB_DATABASE: shop
  db:
    image: mysql:8
    environment: {MYSQL_ROOT_PASSWORD: devroot, MYSQL_DATABASE: shop}
`
    const app = container(render(text), 'app')
    // Laravel's spellings: DB_USERNAME goes with DB_DATABASE, so the password is DB_PASSWORD.
    expect(envOf(app)).toMatchObject({ DB_USERNAME: 'master', DB_DATABASE: 'appdb', DB_PORT: '5432' })
    expect(Object.keys(secretsOf(app))).toContain('DB_PASSWORD')
    expect(JSON.stringify(app)).not.toMatch(/"root"|devroot/)
  })

  it('rewrites a JDBC URL and completes its family with the user (Spring: SPRING_DATASOURCE_USERNAME: root)', () => {
    const text = `
services:
  backend:
    build: .
    environment:
      SPRING_DATASOURCE_URL: jdbc:postgresql://db:5432/example
      SPRING_DATASOURCE_USERNAME: postgres
  db:
    image: postgres
    environment: {POSTGRES_PASSWORD: devpass}
`
    const backend = container(render(text), 'backend')
    expect(envOf(backend)).toEqual({
      SPRING_DATASOURCE_URL: `jdbc:postgresql://${RDS_HOST}:5432/appdb`,
      SPRING_DATASOURCE_USERNAME: 'master'
    })
    expect(Object.keys(secretsOf(backend))).toEqual([
      'DATABASE_PASSWORD',
      'PGPASSWORD',
      'SPRING_DATASOURCE_PASSWORD'
    ])
  })

  // apache/fineract's docker-compose-postgresql.yml (found by a new user, 2026-12-07): the JDBC URL's variable has one
  // word more than its siblings, and the tenant store spells the user ODBC's way (UID/PWD).
  it('takes a …_JDBC_URL into the family of its siblings, and UID for the user', () => {
    const text = `
services:
  fineract:
    build: .
    environment:
      FINERACT_HIKARI_JDBC_URL: jdbc:postgresql://db:5432/fineract_tenants
      FINERACT_HIKARI_USERNAME: postgres
      FINERACT_HIKARI_PASSWORD: skdcnwauicn2ucnaecasdsajdnizucawencascdca
      FINERACT_DEFAULT_TENANTDB_HOSTNAME: db
      FINERACT_DEFAULT_TENANTDB_PORT: 5432
      FINERACT_DEFAULT_TENANTDB_UID: postgres
      FINERACT_DEFAULT_TENANTDB_PWD: skdcnwauicn2ucnaecasdsajdnizucawencascdca
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: skdcnwauicn2ucnaecasdsajdnizucawencascdca}
`
    const fineract = container(render(text), 'fineract')
    expect(envOf(fineract)).toMatchObject({
      FINERACT_HIKARI_USERNAME: 'master',
      FINERACT_DEFAULT_TENANTDB_UID: 'master',
      FINERACT_DEFAULT_TENANTDB_HOSTNAME: RDS_HOST
    })
    const names = [...Object.keys(envOf(fineract)), ...Object.keys(secretsOf(fineract))]
    expect(names).not.toContain('FINERACT_HIKARI_JDBC_USER')
    expect(names).not.toContain('FINERACT_DEFAULT_TENANTDB_USER')
    expect(Object.keys(secretsOf(fineract))).toEqual(
      expect.arrayContaining(['FINERACT_HIKARI_PASSWORD', 'FINERACT_DEFAULT_TENANTDB_PWD'])
    )
  })

  it('turns a non-URL sslmode=disable into require on RDS, and keeps it for a dev container without TLS', () => {
    const text = `
services:
  app:
    build: .
    environment:
      DB_HOST: db
      DB_SSLMODE: disable
      PGSSLMODE: allow
  db:
    image: postgres:16
`
    expect(envOf(container(render(text), 'app'))).toMatchObject({
      DB_SSLMODE: 'require',
      PGSSLMODE: 'require'
    })
    expect(envOf(container(render(text, managed, {}, rds(false)), 'app'))).toMatchObject({
      DB_SSLMODE: 'disable',
      PGSSLMODE: 'allow'
    })
  })

  it('turns MySQL’s --ssl-mode DISABLED into REQUIRED, and says a boolean TLS switch is off', () => {
    const text = `
services:
  app:
    build: .
    environment:
      MYSQL_HOST: db
      MYSQL_SSL_MODE: DISABLED
      DB_POSTGRESDB_HOST: db
      DB_POSTGRESDB_SSL_ENABLED: "false"
  db:
    image: mariadb:11
`
    expect(envOf(container(render(text), 'app'))).toMatchObject({ MYSQL_SSL_MODE: 'REQUIRED' })
    expect(plan(text).notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^app: DB_POSTGRESDB_SSL_ENABLED=false turns TLS off/)])
    )
  })

  it('adds no DATABASE_URL beside the app’s own settings, and adds it (saying so) when the app names none', () => {
    const own = plan(
      'services:\n  app:\n    build: .\n    environment:\n      DB_HOST: db\n  db:\n    image: postgres\n'
    )
    expect(Object.keys(own.containers[0]?.environment ?? {})).not.toContain('DATABASE_URL')
    expect(own.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^app: DATABASE_URL not added: the app reaches db through DB_HOST/)
      ])
    )
    const bare = plan('services:\n  app:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres\n')
    expect(bare.containers[0]?.bindings.map(binding => binding.variable)).toContain('DATABASE_URL')
    expect(bare.notes).toContain(
      'app: DATABASE_URL added (no variable of its own that the action rewrites names db): set to the RDS URL at deploy, and PGHOST, PGPORT, PGUSER, PGDATABASE, DB_HOST, DB_PORT, DB_USER, DB_USERNAME, DB_NAME, DB_DATABASE, DB_PASSWORD (the spellings apps and client libraries read by default) to its parts; the app must read one of them — a host "db" written in its code or config does not resolve on Beanstalk'
    )
  })

  it('follows each app’s spelling: lowercase LISTMONK_db__host, POSTGRES_SERVER, DB_HOSTNAME, host:port', () => {
    const text = `
services:
  listmonk:
    image: listmonk/listmonk
    environment:
      LISTMONK_db__host: db
  mealie:
    image: ghcr.io/mealie-recipes/mealie
    environment:
      POSTGRES_SERVER: db
      POSTGRES_USER: mealie
  immich:
    image: ghcr.io/immich-app/immich-server
    environment:
      DB_HOSTNAME: db
      DB_USERNAME: postgres
      DB_DATABASE_NAME: immich
  gitea:
    image: gitea/gitea
    environment:
      GITEA__database__HOST: db:5432
  db:
    image: postgres
`
    const document = render(text, { ...managed, proxy: '' })
    expect(envOf(container(document, 'listmonk'))).toEqual({
      LISTMONK_db__host: RDS_HOST,
      LISTMONK_db__port: '5432',
      LISTMONK_db__user: 'master',
      LISTMONK_db__username: 'master',
      LISTMONK_db__name: 'appdb'
    })
    expect(Object.keys(secretsOf(container(document, 'listmonk')))).toContain('LISTMONK_db__password')
    expect(envOf(container(document, 'mealie'))).toMatchObject({
      POSTGRES_SERVER: RDS_HOST,
      POSTGRES_USER: 'master',
      POSTGRES_DB: 'appdb',
      POSTGRES_PORT: '5432'
    })
    expect(envOf(container(document, 'immich'))).toMatchObject({
      DB_HOSTNAME: RDS_HOST,
      DB_USERNAME: 'master',
      DB_DATABASE_NAME: 'appdb'
    })
    // host:port carries its port: none added.
    expect(envOf(container(document, 'gitea'))).toEqual({
      GITEA__database__HOST: `${RDS_HOST}:5432`,
      GITEA__database__USER: 'master',
      GITEA__database__USERNAME: 'master',
      GITEA__database__NAME: 'appdb'
    })
  })

  it('warns when a password variable holds the path of a compose secret file (awesome-compose react-express-mysql)', () => {
    const planned = plan(
      'services:\n  backend:\n    build: .\n    environment:\n      DATABASE_HOST: db\n      DATABASE_USER: root\n      DATABASE_PASSWORD: /run/secrets/db-password\n    secrets: [db-password]\n  db:\n    image: mariadb\nsecrets:\n  db-password:\n    file: db/password.txt\n'
    )
    expect(planned.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^backend: DATABASE_PASSWORD is the path \/run\/secrets\/db-password, and the app reads the password from that file/
        )
      ])
    )
  })

  it("sets a port variable that names the database's published host port from RDS, and warns of any other port", () => {
    // dennismachel/jng-sof: POSTGRES_PORT '5433' where db publishes 5433:5432 (new-user trial, 2026-12-07).
    const published = (port: string) =>
      `services:\n  web:\n    build: .\n    environment:\n      POSTGRES_HOST: db\n      POSTGRES_PORT: '${port}'\n  db:\n    image: postgres:15\n    ports: ['5433:5432']\n`
    const rewritten = render(published('5433'))
    expect(envOf(container(rewritten, 'web')).POSTGRES_PORT).toBe('5432')
    expect(plan(published('5433')).notes).toEqual(
      expect.arrayContaining([
        'web: POSTGRES_PORT=5433 is the port db is published on for the host, not the one it listens on (5432): set from RDS at deploy'
      ])
    )
    const other = plan(published('6543'))
    expect(other.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^web: POSTGRES_PORT=6543 is not the port db listens on \(5432\)/)
      ])
    )
    expect(plan(published('5432')).warnings).toEqual([])
  })

  it('completes no family from a password alone (DATABASE_PASSWORD that .env holds for interpolation, Ghost)', () => {
    const planned = plan(
      'services:\n  ghost:\n    image: ghost:6\n    env_file: .env\n    environment:\n      database__connection__host: db\n  db:\n    image: mysql:8\n',
      managed,
      { files: { '.env': 'DATABASE_PASSWORD=devpass\n' } }
    )
    const names = Object.keys(planned.containers[0]?.environment ?? {})
    expect(names).not.toContain('DATABASE_HOST')
    expect(names).toContain('database__connection__user')
  })

  it('adds DB_HOSTNAME beside DB_HOST to a family of long forms reached by depends_on alone (Immich)', () => {
    const text = `
services:
  server:
    image: ghcr.io/immich-app/immich-server:release
    env_file: .env
    depends_on: [database]
  ml:
    image: ghcr.io/immich-app/immich-machine-learning:release
    env_file: .env
  database:
    image: ghcr.io/immich-app/postgres:14
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
      POSTGRES_USER: \${DB_USERNAME}
`
    const workspace = {
      files: { '.env': 'DB_PASSWORD=postgres\nDB_USERNAME=postgres\nDB_DATABASE_NAME=immich\n' }
    }
    const document = render(text, managed, workspace)
    expect(envOf(container(document, 'server'))).toMatchObject({
      DB_HOST: RDS_HOST,
      DB_HOSTNAME: RDS_HOST,
      DB_USERNAME: 'master',
      DB_DATABASE_NAME: 'appdb'
    })
    // The machine-learning service does not use the database: .env's password is not shipped to it.
    expect(envOf(container(document, 'ml')).DB_PASSWORD).toBeUndefined()
  })

  it('leaves a family whose host is another database alone', () => {
    const app = container(
      render(
        'services:\n  app:\n    build: .\n    depends_on: [db]\n    environment:\n      POSTGRES_HOST: analytics.example.com\n      POSTGRES_USER: reader\n  db:\n    image: postgres\n'
      ),
      'app'
    )
    expect(envOf(app)).toMatchObject({ POSTGRES_HOST: 'analytics.example.com', POSTGRES_USER: 'reader' })
    expect(envOf(app).POSTGRES_PORT).toBeUndefined()
  })
})

describe('23.4 the secrets input reaches every container the README says', () => {
  const text = `
services:
  web:
    build: .
    ports: ["80:3000"]
    environment:
      DB_HOST: db
  app:
    image: ghcr.io/acme/prebuilt-app:1
    environment:
      APP_DATABASE_HOST: db
  proxy:
    image: nginx:1.27
  db:
    image: postgres:16
`
  const inputs = {
    ...managed,
    'proxy-service': 'web',
    secrets: `DATABASE_PASSWORD=${GIVEN}\nSECRET_KEY_BASE=arn:aws:ssm:eu-west-1:123456789012:parameter/skb`
  }

  it('gives the database password to an image-only service that uses the database', () => {
    const document = renderDockerrun(plan(text, inputs), {
      backing: { database: { endpoint: { host: RDS_HOST, port: 5432, username: 'master' }, secrets: [] } },
      images: { web: IMAGE }
    })
    const app = secretsOf(container(document, 'app'))
    expect(app.DATABASE_PASSWORD).toBe(GIVEN)
    expect(app.APP_DATABASE_PASSWORD).toBe(GIVEN)
    expect(app.PGPASSWORD).toBe(GIVEN)
    expect(secretsOf(container(document, 'web')).DATABASE_PASSWORD).toBe(GIVEN)
  })

  it('gives an unnamed secret to the app’s containers, not to a proxy', () => {
    const planned = plan(text, inputs)
    const names = (name: string): string[] =>
      (planned.containers.find(candidate => candidate.name === name)?.secrets ?? []).map(
        secret => secret.name
      )
    expect(names('web')).toContain('SECRET_KEY_BASE')
    expect(names('app')).toContain('SECRET_KEY_BASE')
    expect(names('proxy')).toEqual([])
  })
})

describe('23.6 secrets written in clear', () => {
  const text = `
services:
  web:
    build: .
    ports: ["80:3000"]
    env_file: .env.app
    environment:
      DATABASE_URL: postgres://app@db/app
      APP_NAME: \${APP_NAME}
      SECRET_KEY_BASE: \${SECRET_KEY_BASE}
      DEVISE_SECRET: literal-in-compose
  mail:
    image: axllent/mailpit
    env_file: .env.app
  db:
    image: postgres:16
    env_file: .env.app
`
  const workspace: FakeWorkspace = {
    files: {
      '.env': 'APP_NAME=Shop\nSECRET_KEY_BASE=dev-skb\n',
      '.env.app': 'POSTGRES_PASSWORD=devpass\nSMTP_PASSWORD=smtp-secret\nSTRIPE_API_KEY=sk_test_123\n'
    }
  }
  const inputs = { ...managed, 'proxy-service': 'web' }

  it('warns for each secret-looking value written in clear, with the two ways to pass it', () => {
    const planned = plan(text, inputs, workspace)
    expect(planned.clearSecrets).toEqual(
      expect.arrayContaining([
        { container: 'web', variable: 'DEVISE_SECRET', source: 'compose file' },
        { container: 'web', variable: 'SMTP_PASSWORD', source: 'env_file' },
        { container: 'web', variable: 'STRIPE_API_KEY', source: 'env_file' }
      ])
    )
    const warning = planned.warnings.find(line => line.startsWith('SMTP_PASSWORD'))
    expect(warning).toBe(
      'SMTP_PASSWORD is written in clear into the bundle in S3 (web, mail; from the env_file): pass it by reference with the secrets input (SMTP_PASSWORD=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write SMTP_PASSWORD: ${SMTP_PASSWORD} in the compose file'
    )
    expect(planned.notes.join('\n')).not.toMatch(/written into the bundle as given/)
  })

  it('takes a non-secret ${VAR} from .env as a value, and leaves a secret one to the environment, saying .env has it', () => {
    const planned = plan(text, inputs, workspace)
    const web = planned.containers.find(candidate => candidate.name === 'web')
    expect(web?.environment.APP_NAME).toBe('Shop')
    expect(planned.runtimeVariables).toEqual([{ container: 'web', name: 'SECRET_KEY_BASE' }])
    expect(
      JSON.stringify(renderDockerrun(planned, { backing: rds(), images: { web: IMAGE } }))
    ).not.toContain('dev-skb')
    expect(planned.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^web: SECRET_KEY_BASE is \$\{SECRET_KEY_BASE\} and \.env gives it a development value/
        )
      ])
    )
  })

  it('drops the dev database password from a container that does not use the database', () => {
    const planned = plan(text, inputs, workspace)
    const mail = planned.containers.find(candidate => candidate.name === 'mail')
    expect(mail?.environment.POSTGRES_PASSWORD).toBeUndefined()
    expect(planned.notes).toContain(
      'mail: POSTGRES_PASSWORD dropped: it holds the development password of db, which mail does not use'
    )
    const document = renderDockerrun(planned, { backing: rds(), images: { web: IMAGE } })
    expect(JSON.stringify(document)).not.toContain('devpass')
  })

  it('takes no numeric or boolean setting for a secret', () => {
    const planned = plan(
      'services:\n  app:\n    build: .\n    environment:\n      PASSWORD_MIN_LENGTH: "8"\n      TOKEN_AUTH_ENABLED: "false"\n'
    )
    expect(planned.clearSecrets).toBeUndefined()
  })
})

describe('fresh apps, round 9: the replaced service named by its container_name or a network alias', () => {
  const compose = (hostValue: string, naming: string) => `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    depends_on: [database]
    environment: {APP_DB_HOST: ${hostValue}, APP_DB_USER: app, APP_DB_PASSWORD: devpass, APP_DB_NAME: app}
  database:
    image: postgres:16
${naming}
    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: devpass, POSTGRES_DB: app}
`
  it.each([
    ['container_name (Leantime: LEAN_DB_HOST: mysql_leantime)', 'pg_main', '    container_name: pg_main'],
    ['a network alias', 'pg.internal', '    networks:\n      default:\n        aliases: [pg.internal]'],
    [
      'an alias of a named network',
      'pg.internal',
      '    networks:\n      back:\n        aliases: [pg.internal]'
    ]
  ])('%s: the whole family is rewritten, no DATABASE_URL is added beside it', (_name, host, naming) => {
    const rendered = render(compose(host, naming), { ...managed, cache: 'none' })
    const app = container(rendered, 'app')
    expect(envOf(app)).toEqual({
      APP_DB_HOST: RDS_HOST,
      APP_DB_USER: 'master',
      APP_DB_NAME: 'appdb',
      APP_DB_PORT: '5432'
    })
    expect(Object.keys(secretsOf(app))).toEqual(expect.arrayContaining(['APP_DB_PASSWORD']))
    expect(rendered.containerDefinitions.map(found => found.name)).toEqual(['app'])
  })

  it('a deployed service reached by its container_name is linked under that name', () => {
    const text = `
services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
    environment: {API_URL: "http://api_main:8080"}
  api:
    image: example/api:1
    container_name: api_main
`
    const web = container(render(text), 'web')
    expect(web.links).toEqual(['api:api_main'])
  })
})

describe('fresh apps, round 9: connection strings that are not URLs', () => {
  const mysql = (): NonNullable<Resolution['backing']> => ({
    ...rds(),
    database: {
      endpoint: { host: RDS_HOST, port: 3306, username: 'master', databaseName: 'appdb', tls: true },
      secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: RDS_SECRET }]
    }
  })
  const app = (
    variable: string,
    value: string,
    server = 'postgres:16',
    dependsOn = '    depends_on: [db]\n'
  ) => `
services:
  api:
    image: example/api:1
    ports: ["80:8080"]
${dependsOn}    environment:
      ${variable}: "${value}"
  db:
    image: ${server}
    environment: {POSTGRES_PASSWORD: devpass, MYSQL_ROOT_PASSWORD: devpass}
`
  it.each([
    [
      'Npgsql (ASP.NET Core)',
      'ConnectionStrings__DefaultConnection',
      'Host=db;Port=5432;Database=app;Username=postgres;Password=devpass',
      `Host=${RDS_HOST};Port=5432;Database=appdb;Username=master`
    ],
    [
      'libpq keyword form (Go lib/pq, psycopg)',
      'DB_DSN',
      "host=db port=5432 user=postgres password='dev pass' dbname=app sslmode=disable",
      `host=${RDS_HOST} port=5432 user=master dbname=appdb sslmode=require`
    ]
  ])(
    '%s: host, port, user and database from RDS, the password left out',
    (_name, variable, value, expected) => {
      const api = container(render(app(variable, value), { ...managed, cache: 'none' }), 'api')
      expect(envOf(api)[variable]).toBe(expected)
      expect(envOf(api).DATABASE_URL).toBeUndefined()
      expect(secretsOf(api)).toMatchObject({ DATABASE_PASSWORD: RDS_SECRET, PGPASSWORD: RDS_SECRET })
    }
  )

  it.each([
    [
      'MySqlConnector',
      'ConnectionStrings__Default',
      'Server=db;Port=3306;Database=app;Uid=root;Pwd=devpass;SslMode=None',
      `Server=${RDS_HOST};Port=3306;Database=appdb;Uid=master;SslMode=Required`
    ],
    [
      'Ory’s DSN (a Go MySQL DSN behind mysql://)',
      'DSN',
      'mysql://root:secret@tcp(db:3306)/mysql?max_conns=20&parseTime=true',
      `mysql://master@tcp(${RDS_HOST}:3306)/appdb?max_conns=20&parseTime=true`
    ],
    [
      'Go MySQL driver',
      'MYSQL_DSN',
      'root:devpass@tcp(db:3306)/app?parseTime=true',
      `master@tcp(${RDS_HOST}:3306)/appdb?parseTime=true`
    ]
  ])('%s against MySQL', (_name, variable, value, expected) => {
    const document = renderDockerrun(plan(app(variable, value, 'mysql:8'), { ...managed, cache: 'none' }), {
      backing: mysql(),
      images: { app: IMAGE }
    })
    expect(envOf(container(document, 'api'))[variable]).toBe(expected)
  })

  it('a connection string is how the app reaches db: db is replaced, not dropped as unused, without depends_on', () => {
    const text = app(
      'NBXPLORER_POSTGRES',
      'User ID=postgres;Host=db;Port=5432;Database=nbx',
      'postgres:16',
      ''
    )
    const planned = plan(text, { ...managed, cache: 'none' })
    expect(planned.backing.map(replacement => replacement.composeService)).toEqual(['db'])
    expect(planned.notes.join('\n')).not.toMatch(/DATABASE_URL added/)
    expect(envOf(container(render(text, { ...managed, cache: 'none' }), 'api')).NBXPLORER_POSTGRES).toBe(
      `User ID=master;Host=${RDS_HOST};Port=5432;Database=appdb`
    )
  })

  it('a connection string to another server is left alone', () => {
    const value = 'Host=analytics.example.com;Database=a;Username=u'
    expect(envOf(container(render(app('ANALYTICS', value)), 'api')).ANALYTICS).toBe(value)
  })
})

describe('fresh apps, round 9: credentials in a rewritten URL’s query', () => {
  const app = (value: string) => `
services:
  api:
    image: example/api:1
    ports: ["80:8080"]
    environment:
      NC_DB: "${value}"
  db:
    image: postgres:16
    environment: {POSTGRES_USER: postgres, POSTGRES_PASSWORD: password, POSTGRES_DB: root_db}
`
  it.each([
    [
      'NocoDB (?u=&p=&d=)',
      'pg://db:5432?u=postgres&p=password&d=root_db',
      `pg://${RDS_HOST}:5432?u=master&d=appdb`
    ],
    [
      'libpq query parameters',
      'postgres://db:5432/app?user=postgres&password=password&sslmode=prefer',
      `postgres://${RDS_HOST}:5432/appdb?user=master&sslmode=prefer`
    ],
    [
      'Connector/J (user in the query)',
      'jdbc:postgresql://db:5432/app?user=postgres&password=password',
      `jdbc:postgresql://${RDS_HOST}:5432/appdb?user=master`
    ],
    [
      'the host in the query (libpq)',
      'postgresql:///app?host=db&user=postgres',
      `postgresql://${RDS_HOST}:5432/appdb?host=${RDS_HOST}&user=master`
    ]
  ])('%s: the managed user and database, the development password left out', (_name, value, expected) => {
    const rendered = render(app(value), { ...managed, cache: 'none' })
    expect(envOf(container(rendered, 'api')).NC_DB).toBe(expected)
    expect(JSON.stringify(rendered)).not.toContain('password&')
  })
})

describe('fresh apps, round 9: members read from files (the official images’ *_FILE convention)', () => {
  const metabase = `
services:
  metabase:
    image: metabase/metabase:v0.50
    ports: ["80:3000"]
    environment:
      MB_DB_TYPE: postgres
      MB_DB_DBNAME: metabase
      MB_DB_PORT: 5432
      MB_DB_HOST: db
      MB_DB_USER_FILE: /run/secrets/db_user
      MB_DB_PASS_FILE: /run/secrets/db_password
    secrets: [db_user, db_password]
  db:
    image: postgres:16
    environment:
      POSTGRES_USER_FILE: /run/secrets/db_user
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets: [db_user, db_password]
secrets:
  db_user: {file: db_user.txt}
  db_password: {file: db_password.txt}
`
  it('Metabase’s docker-secrets example: MB_DB_USER and MB_DB_PASS in place of their _FILE forms, nothing beside them', () => {
    const metabase_ = container(render(metabase, { ...managed, cache: 'none' }), 'metabase')
    expect(envOf(metabase_)).toEqual({
      MB_DB_TYPE: 'postgres',
      MB_DB_DBNAME: 'appdb',
      MB_DB_PORT: '5432',
      MB_DB_HOST: RDS_HOST,
      MB_DB_USER: 'master'
    })
    expect(Object.keys(secretsOf(metabase_)).sort()).toEqual([
      'DATABASE_PASSWORD',
      'MB_DB_PASS',
      'PGPASSWORD'
    ])
    expect(plan(metabase, { ...managed, cache: 'none' }).notes).toContain(
      'metabase: MB_DB_PASS_FILE names a file Beanstalk does not mount (a compose secret); MB_DB_PASS is set in its place from RDS at deploy (the official images read MB_DB_PASS when MB_DB_PASS_FILE is unset)'
    )
  })

  it('a family of _FILE members under a known prefix (POSTGRES_USER_FILE in the app) is completed the same way', () => {
    const text = `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    depends_on: [db]
    environment: {POSTGRES_HOST: db, POSTGRES_USER_FILE: /run/secrets/u, POSTGRES_PASSWORD_FILE: /run/secrets/p}
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: devpass}
`
    const app = container(render(text, { ...managed, cache: 'none' }), 'app')
    expect(envOf(app)).toEqual({
      POSTGRES_HOST: RDS_HOST,
      POSTGRES_USER: 'master',
      POSTGRES_PORT: '5432',
      POSTGRES_DB: 'appdb'
    })
    expect(secretsOf(app)).toMatchObject({ POSTGRES_PASSWORD: RDS_SECRET })
  })
})

describe('fresh apps, round 9: any other value naming a compose secret’s file', () => {
  it('is a warning naming the secrets input, once per variable', () => {
    const text = `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    environment: {SECRET_KEY_FILE: /run/secrets/key, DB_PASSWORD: /run/secrets/db, DB_HOST: db}
  db:
    image: postgres:16
`
    const warnings = plan(text, { ...managed, cache: 'none' }).warnings.filter(warning =>
      warning.includes('/run/secrets/')
    )
    expect(warnings).toEqual([
      expect.stringMatching(/^app: DB_PASSWORD is the path \/run\/secrets\/db/),
      'app: SECRET_KEY_FILE is /run/secrets/key, the file of a compose secret, which Beanstalk does not mount: pass the value with the secrets input (SECRET_KEY=<Secrets Manager or SSM ARN>) and have the app read it from the variable'
    ])
  })
})

describe('fresh apps, round 9: two databases of one development server', () => {
  it('Superset’s DATABASE_DB and EXAMPLES_DB: a warning that they now share the one RDS database', () => {
    const text = `
services:
  superset:
    image: apache/superset:4
    ports: ["80:8088"]
    environment: {DATABASE_HOST: db, DATABASE_DB: superset, EXAMPLES_HOST: db, EXAMPLES_DB: examples}
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: devpass}
`
    expect(plan(text, { ...managed, cache: 'none' }).warnings).toContain(
      "superset: DATABASE_DB=superset, EXAMPLES_DB=examples name different databases of the development db, and each is set to the RDS instance's one database name: they share that one database on AWS (the action creates no database on the instance)"
    )
  })

  it('one database name spelt twice is no warning', () => {
    const text = `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    environment: {DB_HOST: db, DB_NAME: app, POSTGRES_DB: app}
  db:
    image: postgres:16
`
    expect(plan(text, { ...managed, cache: 'none' }).warnings.join('\n')).not.toMatch(/different databases/)
  })
})

describe('fresh apps, round 9, verified on more apps', () => {
  const managedOnly = { ...managed, cache: 'none' }

  it('Authelia’s …_ADDRESS: tcp://db:5432 is an address: host and port change, the family around it is rewritten', () => {
    const text = `
services:
  authelia:
    image: authelia/authelia:4
    ports: ["80:9091"]
    environment:
      AUTHELIA_STORAGE_POSTGRES_ADDRESS: tcp://db:5432
      AUTHELIA_STORAGE_POSTGRES_USERNAME: authelia
      AUTHELIA_STORAGE_POSTGRES_DATABASE: authelia
  db:
    image: postgres:16
    environment: {POSTGRES_USER: authelia, POSTGRES_PASSWORD: devpass}
`
    const env = envOf(container(render(text, managedOnly), 'authelia'))
    expect(env).toMatchObject({
      AUTHELIA_STORAGE_POSTGRES_ADDRESS: `tcp://${RDS_HOST}:5432`,
      AUTHELIA_STORAGE_POSTGRES_USERNAME: 'master',
      AUTHELIA_STORAGE_POSTGRES_DATABASE: 'appdb'
    })
  })

  it('Grafana’s GF_DATABASE_PASSWORD__FILE (double underscore) is replaced like _FILE', () => {
    const text = `
services:
  grafana:
    image: grafana/grafana:11
    ports: ["80:3000"]
    environment:
      GF_DATABASE_TYPE: postgres
      GF_DATABASE_HOST: db:5432
      GF_DATABASE_USER: grafana
      GF_DATABASE_PASSWORD__FILE: /run/secrets/db_password
  db:
    image: postgres:16
`
    const grafana = container(render(text, managedOnly), 'grafana')
    expect(envOf(grafana).GF_DATABASE_PASSWORD__FILE).toBeUndefined()
    expect(secretsOf(grafana)).toMatchObject({ GF_DATABASE_PASSWORD: RDS_SECRET })
  })

  it('databases named in URL paths and connection strings count for the two-databases warning (eShopOnAbp)', () => {
    const text = `
services:
  identity:
    image: example/identity:1
    ports: ["80:8080"]
    environment:
      ConnectionStrings__Identity: "Host=db;Database=EShop_Identity;Username=postgres"
      ConnectionStrings__Ordering: "Host=db;Database=EShop_Ordering;Username=postgres"
      AUDIT_URL: postgres://db/EShop_Audit
  db:
    image: postgres:16
`
    expect(plan(text, managedOnly).warnings.join('\n')).toContain(
      'identity: ConnectionStrings__Identity=EShop_Identity, ConnectionStrings__Ordering=EShop_Ordering, AUDIT_URL=EShop_Audit name different databases'
    )
  })

  it('a URL’s query keeps its own encoding (libpq does not decode "+")', () => {
    const text = `
services:
  api:
    image: example/api:1
    ports: ["80:8080"]
    environment: {DATABASE_URL: "postgres://app@db/app?options=-c%20search_path%3Dx&user=app"}
  db:
    image: postgres:16
    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: devpass}
`
    expect(envOf(container(render(text, managedOnly), 'api')).DATABASE_URL).toBe(
      `postgres://master@${RDS_HOST}:5432/appdb?options=-c%20search_path%3Dx&user=master`
    )
  })
})

describe('fresh apps, round 9: .NET’s Redis configuration strings (StackExchange.Redis)', () => {
  const text = (variable: string, value: string) => `
services:
  api:
    image: example/api:1
    ports: ["80:8080"]
    environment:
      ${variable}: "${value}"
      QUEUE_CONNECTION: redis
  redis:
    image: redis:7
`
  const tlsCache = (): NonNullable<Resolution['backing']> => ({
    ...rds(),
    cache: { endpoint: { host: 'app.cache.amazonaws.com', port: 6379, tls: true }, secrets: [] }
  })
  it.each([
    [
      'EX_ConnectionStrings__Redis',
      'redis,abortConnect=false',
      'app.cache.amazonaws.com:6379,abortConnect=false,ssl=true'
    ],
    ['Redis__Configuration', 'redis', 'app.cache.amazonaws.com:6379,ssl=true'],
    ['CACHE', 'redis:6379,password=devpw,ssl=False', 'app.cache.amazonaws.com:6379,ssl=true']
  ])('%s: %s → the cache’s endpoint, TLS on, no password', (variable, value, expected) => {
    const rendered = renderDockerrun(plan(text(variable, value), { ...managed, database: 'none' }), {
      backing: tlsCache(),
      images: { app: IMAGE }
    })
    const env = envOf(container(rendered, 'api'))
    expect(env[variable]).toBe(expected)
    // Laravel's QUEUE_CONNECTION names a connection, not a host: left alone.
    expect(env.QUEUE_CONNECTION).toBe('redis')
  })
})

describe('fresh apps, round 9: the review’s cases', () => {
  const managedOnly = { ...managed, cache: 'none' }

  it('NocoDB with one dev word for user, password and database (postgres): u and d take the managed values, p is left out', () => {
    const text = `
services:
  nocodb:
    image: nocodb/nocodb:latest
    ports: ["80:8080"]
    environment: {NC_DB: "pg://db:5432?u=postgres&p=postgres&d=postgres"}
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: postgres}
`
    expect(envOf(container(render(text, managedOnly), 'nocodb')).NC_DB).toBe(
      `pg://${RDS_HOST}:5432?u=master&d=appdb`
    )
  })

  it('REDIS_HOST holding a redis:// URL stays a URL: rediss:// for a cache that serves TLS', () => {
    const text = `
services:
  api:
    image: example/api:1
    ports: ["80:8080"]
    environment: {REDIS_HOST: "redis://redis:6379"}
  redis:
    image: redis:7
`
    const document = renderDockerrun(plan(text, { ...managed, database: 'none' }), {
      backing: {
        ...rds(),
        cache: { endpoint: { host: 'app.cache.amazonaws.com', port: 6379, tls: true }, secrets: [] }
      },
      images: { app: IMAGE }
    })
    expect(envOf(container(document, 'api')).REDIS_HOST).toBe('rediss://app.cache.amazonaws.com:6379')
  })

  it('a service already linked by depends_on and named by its container_name is linked under that name too', () => {
    const text = `
services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
    depends_on: [api]
    environment: {API_URL: "http://api-server:3000"}
  api:
    image: example/api:1
    container_name: api-server
`
    expect(container(render(text), 'web').links).toEqual(['api', 'api:api-server'])
  })

  it('a dev URL password with a bare % does not stop the plan', () => {
    const text = `
services:
  api:
    image: example/api:1
    ports: ["80:8080"]
    environment: {DATABASE_URL: "postgres://app:50%off@db/app"}
  db:
    image: postgres:16
`
    expect(envOf(container(render(text, managedOnly), 'api')).DATABASE_URL).toBe(
      `postgres://master@${RDS_HOST}:5432/appdb`
    )
  })
})

describe('fresh apps, round 11', () => {
  const withDatabase = (environment: string) => `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    depends_on: [db]
    environment:
${environment}
  db:
    image: postgres:16
    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: devpass, POSTGRES_DB: app}
`
  it.each([
    [
      'a YAML document in one variable (Kestra: KESTRA_CONFIGURATION)',
      'KESTRA_CONFIGURATION',
      '      KESTRA_CONFIGURATION: |\n        datasources:\n          postgres:\n            url: jdbc:postgresql://db:5432/app\n            username: app\n            password: devpass'
    ],
    [
      'Spring Boot JSON (SPRING_APPLICATION_JSON)',
      'SPRING_APPLICATION_JSON',
      `      SPRING_APPLICATION_JSON: '{"spring":{"datasource":{"url":"jdbc:postgresql://db:5432/app","username":"app","password":"devpass"}}}'`
    ],
    [
      'JVM options (JAVA_OPTS -Dspring.datasource.url=…)',
      'JAVA_OPTS',
      '      JAVA_OPTS: "-Xmx512m -Dspring.datasource.url=jdbc:postgresql://db:5432/app -Dspring.datasource.password=devpass"'
    ]
  ])(
    '%s: the host inside it is a warning, and the development password in it a secret in clear',
    (_name, variable, environment) => {
      const planned = plan(withDatabase(environment))
      expect(planned.warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(
              `^app: environment ${variable} names db, the compose name of the database this deploy replaces with RDS; nothing rewrites it, and on Beanstalk that name does not resolve`
            )
          )
        ])
      )
      expect(planned.clearSecrets).toEqual(
        expect.arrayContaining([{ container: 'app', variable, source: 'compose file' }])
      )
      expect(planned.notes.join('\n')).toMatch(
        /DATABASE_URL added \(no variable of its own that the action rewrites names db\)/
      )
    }
  )

  it('Kimai: a URL the app reads alone loses its password; the note names the secrets input road', () => {
    const planned = plan(
      withDatabase('      DATABASE_URL: "mysql://app:devpass@db:3306/app?charset=utf8mb4"')
        .replace('postgres:16', 'mysql:8')
        .replace(
          '{POSTGRES_USER: app, POSTGRES_PASSWORD: devpass, POSTGRES_DB: app}',
          '{MYSQL_USER: app, MYSQL_PASSWORD: devpass, MYSQL_DATABASE: app}'
        ),
      { ...managed, cache: 'none' }
    )
    expect(planned.notes.join('\n')).toContain(
      "MYSQL_PWD is read by libmysqlclient (mysqlclient, Ruby's mysql2; not PHP's PDO or Doctrine, JDBC, Go's or Node's drivers); DATABASE_URL carries no password, so an app that takes it only from the URL must read DATABASE_PASSWORD instead, or get the whole URL from a secret: secrets input `DATABASE_URL=<ARN of a secret holding it>`"
    )
  })

  it('Immich: a cache the compose file gives no variable gets the split spellings apps read by default', () => {
    const text = `
services:
  server:
    image: example/server:1
    ports: ["80:2283"]
    depends_on: [redis, db]
    environment: {DB_USERNAME: app, DB_PASSWORD: devpass, DB_DATABASE_NAME: app}
  redis:
    image: valkey/valkey:8
  db:
    image: postgres:16
    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: devpass, POSTGRES_DB: app}
`
    const server = container(render(text, { ...managed }), 'server')
    expect(envOf(server)).toMatchObject({
      REDIS_HOST: expect.any(String),
      REDIS_HOSTNAME: expect.any(String),
      REDIS_PORT: '6379'
    })
    expect(envOf(server).REDIS_HOSTNAME).toBe(envOf(server).REDIS_HOST)
    expect(envOf(server).REDIS_HOST).not.toBe('redis')
    expect(envOf(server).REDIS_URL).toMatch(/^rediss?:\/\//)
  })

  it('no split spellings beside the app’s own settings of that store (a family pointing elsewhere)', () => {
    const planned = plan(withDatabase('      DB_HOST: db.example.com\n      DB_USER: app'))
    const variables = planned.containers[0]?.bindings.map(binding => binding.variable) ?? []
    expect(variables).not.toContain('PGHOST')
    expect(variables).not.toContain('DB_PORT')
  })
})

describe('fresh apps, round 11 verified on seven more (Alfresco, Sentry, Halo, Lemmy, GitLab, Redis Commander, authentik)', () => {
  const app = (environment: string, password = 'devpass') => `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    depends_on: [postgres]
    environment:
${environment}
  postgres:
    image: postgres:16
    environment: {POSTGRES_USER: airflow, POSTGRES_PASSWORD: ${password}, POSTGRES_DB: airflow}
`
  it('a dev password counts only where a credential sits, not in names and paths (Airflow: password "airflow")', () => {
    const planned = plan(
      app(
        '      AIRFLOW__CORE__AUTH_MANAGER: airflow.api_fastapi.auth.managers.simple.SimpleAuthManager\n      AIRFLOW_CONFIG: /opt/airflow/airflow.cfg\n      JAVA_TOOL_OPTIONS: "-Dx.password=airflow -Dy=1"',
        'airflow'
      )
    )
    expect(planned.clearSecrets).toEqual([
      { container: 'app', variable: 'JAVA_TOOL_OPTIONS', source: 'compose file' }
    ])
  })

  it('a linuxserver.io PGID is no setting of a database: the default spellings are still added', () => {
    const planned = plan(app('      PUID: "1000"\n      PGID: "1000"'))
    const variables = planned.containers[0]?.bindings.map(binding => binding.variable) ?? []
    expect(variables).toEqual(expect.arrayContaining(['PGHOST', 'DB_HOST']))
  })

  it('GitLab: a host key inside a longer value (gitlab_rails[\'db_host\'] = "postgres") is seen and warned of', () => {
    const planned = plan(
      app(
        `      GITLAB_OMNIBUS_CONFIG: |\n        external_url 'http://gitlab.example.com'\n        gitlab_rails['db_host'] = "postgres"`
      )
    )
    expect(planned.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^app: environment GITLAB_OMNIBUS_CONFIG names postgres/)
      ])
    )
  })

  it('an image tag (postgres:16-alpine) is not a host', () => {
    const planned = plan(app('      BACKUP_IMAGE: postgres:16-alpine'))
    expect(planned.warnings.join('\n')).not.toMatch(/BACKUP_IMAGE/)
  })
})

describe('fresh apps, round 11 verified: a label before host:port', () => {
  it("Redis Commander's REDIS_HOSTS=local:redis:6379 names the cache (warned of: nothing rewrites it)", () => {
    const planned = plan(`
services:
  commander:
    image: example/commander:1
    ports: ["80:8081"]
    environment: {REDIS_HOSTS: "local:redis:6379"}
  redis:
    image: redis:7
`)
    expect(planned.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^commander: environment REDIS_HOSTS names redis/)])
    )
  })
})

describe('review of round 11', () => {
  const app = (environment: string) => `
services:
  app:
    image: example/app:1
    ports: ["80:8080"]
    depends_on: [postgres]
    environment:
${environment}
  postgres:
    image: postgres:16
    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: devpass, POSTGRES_DB: app}
`
  it("a dev password after a Ruby hash key or a flag is a secret in clear (gitlab_rails['db_password'] = '…')", () => {
    const planned = plan(
      app(
        `      GITLAB_OMNIBUS_CONFIG: "gitlab_rails['db_password'] = 'devpass'"\n      ARGS: "--password devpass"`
      )
    )
    expect(planned.clearSecrets).toEqual(
      expect.arrayContaining([
        { container: 'app', variable: 'GITLAB_OMNIBUS_CONFIG', source: 'compose file' },
        { container: 'app', variable: 'ARGS', source: 'compose file' }
      ])
    )
  })

  it('PG_HOST or TYPEORM_HOST pointing elsewhere are the app’s own settings: no default spellings beside them', () => {
    for (const variable of ['PG_HOST', 'TYPEORM_HOST']) {
      const variables =
        plan(app(`      ${variable}: db.example.com`)).containers[0]?.bindings.map(
          binding => binding.variable
        ) ?? []
      expect(variables).not.toContain('PGHOST')
      expect(variables).not.toContain('DB_HOST')
    }
  })
})
