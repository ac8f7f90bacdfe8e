// Which of a container's variables take their value from the managed service, and how (src/core/plan/bindings.ts),
// one rule at a time on a small compose file. The real apps each rule came from are in variable-families.test.ts,
// real-apps.test.ts and the compose corpus.

import { describe, expect, it } from '@jest/globals'
import { bindingsFor } from '../../../../src/core/plan/bindings.js'
import type { BackingReplacement } from '../../../../src/core/plan/types.js'
import { composeIn } from '../workspace-fake.js'

type Engine = BackingReplacement['engine']
const ROLE: Record<Engine, BackingReplacement['role']> = {
  postgres: 'database',
  mysql: 'database',
  redis: 'cache',
  memcached: 'cache'
}
const ENV: Record<Engine, string> = {
  postgres: 'DATABASE_URL',
  mysql: 'DATABASE_URL',
  redis: 'REDIS_URL',
  memcached: 'MEMCACHED_URL'
}

/** The app service `app` beside the development service `db`, and what bindingsFor makes of them. */
function bindingsOf(
  app: string,
  db = '    image: postgres:16\n',
  engine: Engine = 'postgres',
  devUrl?: string
) {
  const compose = composeIn(`services:\n  app:\n    image: app\n${app}  db:\n${db}`)
  const replacement: BackingReplacement = {
    role: ROLE[engine],
    engine,
    composeService: 'db',
    envName: ENV[engine],
    source: { kind: 'unset' },
    ...(devUrl !== undefined && { devUrl })
  }
  const found = bindingsFor(compose.services.app!, replacement, compose.services.db, 'DATABASE_PASSWORD')
  return {
    ...found,
    kinds: Object.fromEntries(found.bindings.map(binding => [binding.variable, binding.kind]))
  }
}
const env = (entries: Record<string, string>) =>
  `    environment:\n${Object.entries(entries)
    .map(([name, value]) => `      ${name}: ${JSON.stringify(value)}\n`)
    .join('')}`

describe('hosts', () => {
  it('a URL naming the service, a JDBC URL too, and a URL naming it by a link alias', () => {
    const found = bindingsOf(
      `${env({ DATABASE_URL: 'postgres://app:pw@db:5432/app', SPRING_DATASOURCE_URL: 'jdbc:postgresql://db:5432/app', ALIAS_URL: 'postgres://database/app', OTHER_URL: 'postgres://elsewhere/app' })}    links: ["db:database"]\n`
    )
    expect(found.kinds).toMatchObject({ DATABASE_URL: 'url', SPRING_DATASOURCE_URL: 'url', ALIAS_URL: 'url' })
    expect(found.kinds.OTHER_URL).toBeUndefined()
    // The JDBC URL makes a complete family: its user and password are added beside it.
    expect(found.kinds).toMatchObject({
      SPRING_DATASOURCE_USER: 'user',
      SPRING_DATASOURCE_PASSWORD: 'password'
    })
    expect(found.added).toMatchObject({ SPRING_DATASOURCE_USER: 'postgres' })
  })

  it('a URL’s development-only settings are left out, said once per variable', () => {
    const found = bindingsOf(env({ DATABASE_URL: 'postgres://db/app?sslmode=disable' }))
    expect(found.notes).toContain(
      'app: DATABASE_URL: sslmode left out of the managed URL (a development setting)'
    )
    expect(bindingsOf(env({ DATABASE_URL: 'jdbc:postgresql://db/app?sslmode=disable' })).notes).toContain(
      'app: DATABASE_URL: sslmode left out of the managed URL (a development setting)'
    )
    expect(bindingsOf(env({ DATABASE_URL: 'postgres://db/app' })).notes.join('\n')).not.toContain('left out')
  })

  it('host and host:port values of variables whose name says host; other names are only said', () => {
    const found = bindingsOf(env({ APP_DB_HOST: 'db', CACHE_ADDR: 'db:5432', PEER: 'db:5432', MODE: 'db' }))
    expect(found.kinds).toMatchObject({ APP_DB_HOST: 'host', CACHE_ADDR: 'host-port' })
    expect(found.kinds.PEER).toBeUndefined()
    expect(found.kinds.MODE).toBeUndefined()
    expect(found.warnings).toContain(
      'app: PEER names db:5432, which RDS replaces; not rewritten because its name does not say host, server, address, URL or endpoint — point it at the managed service yourself'
    )
    expect(bindingsOf(env({ APP_DB_HOST: 'db:5432:1' })).kinds.APP_DB_HOST).toBeUndefined()
  })
})

describe('families around a host', () => {
  it('members the file sets get the managed values; the port is checked against the one the service listens on', () => {
    const found = bindingsOf(
      env({
        DB_HOST: 'db',
        DB_PORT: '5432',
        DB_USER: 'app',
        DB_PASSWORD: 'pw',
        DB_NAME: 'app',
        DB_SSLMODE: 'disable'
      }),
      '    image: postgres:16\n    environment: {POSTGRES_PASSWORD: pw}\n'
    )
    expect(found.kinds).toEqual({
      DB_HOST: 'host',
      DB_PORT: 'port',
      DB_USER: 'user',
      DB_PASSWORD: 'password',
      DB_NAME: 'database',
      DB_SSLMODE: 'sslmode',
      DATABASE_PASSWORD: 'password',
      PGPASSWORD: 'password'
    })
    expect(found.added).toEqual({})
    expect(found.warnings).toEqual([])
  })

  it('a published host port is read as the service’s port, with a note; another port is kept, with a warning', () => {
    const published = bindingsOf(
      env({ DB_HOST: 'db', DB_PORT: '5433' }),
      '    image: postgres:16\n    ports: ["5433:5432"]\n'
    )
    expect(published.kinds.DB_PORT).toBe('port')
    expect(published.notes).toContain(
      'app: DB_PORT=5433 is the port db is published on for the host, not the one it listens on (5432): set from RDS at deploy'
    )
    const other = bindingsOf(env({ DB_HOST: 'db', DB_PORT: '6000' }))
    expect(other.kinds.DB_PORT).toBeUndefined()
    expect(other.warnings).toEqual([
      'app: DB_PORT=6000 is not the port db listens on (5432), so it is kept, and on Beanstalk the app would reach RDS on port 6000: set it to the port db listens on (the action then sets it from RDS), or remove it'
    ])
    expect(bindingsOf(env({ DB_HOST: 'db', DB_PORT: '' })).warnings).toEqual([])
  })

  it('TLS turned off: a mode is corrected, a switch is said', () => {
    expect(bindingsOf(env({ DB_HOST: 'db', DB_SSLMODE: 'require' })).kinds.DB_SSLMODE).toBeUndefined()
    const off = bindingsOf(env({ DB_HOST: 'db', DB_SSL: 'false' }))
    expect(off.kinds.DB_SSL).toBeUndefined()
    expect(off.notes).toContain(
      "app: DB_SSL=false turns TLS off, and RDS for PostgreSQL 15 and later, MySQL 9.7 and MariaDB 11.8 refuse connections without it by default (rds.force_ssl, require_secure_transport): turn it on, or set that parameter to 0 in the instance's parameter group"
    )
    expect(bindingsOf(env({ DB_HOST: 'db', DB_SSL: 'true' })).notes.join('\n')).not.toContain('turns TLS off')
  })

  it('members left to the environment belong to the family: the managed service decides them', () => {
    const found = bindingsOf(
      `    environment:\n      DB_HOST: db\n      DB_PASSWORD: \${DB_PASSWORD}\n      DB_USER:\n      DB_PORT: \${DB_PORT}\n`
    )
    expect(found.kinds).toMatchObject({ DB_PASSWORD: 'password', DB_USER: 'user' })
    expect(found.kinds.DB_PORT).toBeUndefined()
    expect(found.warnings).toEqual([])
  })

  it('a family whose host points elsewhere is left alone', () => {
    const found = bindingsOf(env({ DB_HOST: 'db.example.com', DB_USER: 'app', DB_PASSWORD: 'pw' }))
    expect(Object.keys(found.kinds).sort()).toEqual(['DATABASE_PASSWORD', 'DATABASE_URL', 'PGPASSWORD'])
  })

  it('a password read from a file is a warning: nothing mounts that file on Beanstalk', () => {
    const found = bindingsOf(env({ DB_HOST: 'db', DB_PASSWORD: '/run/secrets/db-password' }))
    expect(found.kinds.DB_PASSWORD).toBeUndefined()
    expect(found.warnings).toEqual([
      "app: DB_PASSWORD is the path /run/secrets/db-password, and the app reads the password from that file (a compose secret): Beanstalk mounts no such file, so the app cannot read the RDS password there; make it read the password from a variable's value: on Beanstalk DATABASE_PASSWORD holds the password itself, by reference"
    ])
  })

  it('members the file leaves to the app are added with the development values, named in one note', () => {
    const found = bindingsOf(
      env({ DB_HOST: 'db' }),
      '    image: postgres:16\n    environment: {POSTGRES_USER: shop, POSTGRES_DB: shopdb}\n'
    )
    // Nothing in the family says DB_USER or DB_USERNAME (Laravel's): both are set.
    expect(found.added).toEqual({ DB_PORT: '5432', DB_USER: 'shop', DB_USERNAME: 'shop', DB_NAME: 'shopdb' })
    expect(found.kinds).toMatchObject({
      DB_PORT: 'port',
      DB_USER: 'user',
      DB_NAME: 'database',
      DB_PASSWORD: 'password'
    })
    expect(found.notes).toContain(
      "app: DB_PORT, DB_USER, DB_USERNAME, DB_NAME, DB_PASSWORD added beside DB_HOST (the compose file leaves them to the app's defaults, which point at the development db): set from RDS at deploy"
    )
  })

  // A new user's Express + TypeORM app (2026-12-07): only TYPEORM_HOST in compose; TypeORM reads TYPEORM_USERNAME
  // and TYPEORM_DATABASE, and the app logged in as its image's default user while TYPEORM_USER was set.
  it('a family that spells neither user nor database name gets each common spelling of both', () => {
    const typeorm = bindingsOf(
      env({ TYPEORM_HOST: 'db' }),
      '    image: postgres:16\n    environment: {POSTGRES_USER: pguser, POSTGRES_DB: pgdb}\n'
    )
    expect(typeorm.added).toEqual({
      TYPEORM_PORT: '5432',
      TYPEORM_USER: 'pguser',
      TYPEORM_USERNAME: 'pguser',
      TYPEORM_NAME: 'pgdb',
      TYPEORM_DATABASE: 'pgdb',
      TYPEORM_DB: 'pgdb'
    })
    expect(typeorm.kinds).toMatchObject({ TYPEORM_USERNAME: 'user', TYPEORM_DATABASE: 'database' })
    // One member spelled is enough to follow it: no second spelling.
    const spelled = bindingsOf(env({ TYPEORM_HOST: 'db', TYPEORM_USERNAME: 'pguser' }))
    expect(Object.keys(spelled.added)).toEqual(['TYPEORM_PORT', 'TYPEORM_DATABASE'])
    // libpq's PG* names are its own: no PGUSERNAME.
    expect(Object.keys(bindingsOf(env({ PGHOST: 'db' })).added)).toEqual(['PGPORT', 'PGUSER', 'PGDATABASE'])
  })

  // A fresh sample (dvna, 2026-12-07): the note named MYSQL_HOST as the app's way to the database, though the
  // action had added it.
  it('says which host variables of the family the action added when it leaves the URL variable out', () => {
    const found = bindingsOf(env({ DB_USER: 'x', DB_NAME: 'y' }))
    expect(found.notes.find(note => note.includes('not added'))).toMatch(
      /^app: DATABASE_URL not added: the app reaches db through DB_HOST \(added above\), and /
    )
    const own = bindingsOf(env({ DB_HOST: 'db' }))
    expect(own.notes.find(note => note.includes('not added'))).toMatch(/through DB_HOST, and /)
  })

  // A new user's Flask app (2026-12-07): POSTGRES_PW held the development password and shipped in clear.
  it('a password spelled PW is a member of the family, passed by reference', () => {
    const found = bindingsOf(env({ POSTGRES_HOST: 'db', POSTGRES_PW: 'root' }))
    expect(found.kinds).toMatchObject({ POSTGRES_PW: 'password' })
  })

  it('one member added: "it"; long forms add a second host spelling', () => {
    const found = bindingsOf(env({ DB_HOST: 'db', DB_PORT: '5432', DB_USERNAME: 'x', DB_DATABASE: 'x' }))
    expect(found.notes).toContain(
      "app: DB_PASSWORD added beside DB_HOST (the compose file leaves it to the app's defaults, which point at the development db): set from RDS at deploy"
    )
    const laravel = bindingsOf(env({ DB_PORT: '5432', DB_USERNAME: 'x', DB_DATABASE: 'x', DB_PASSWORD: 'x' }))
    expect(laravel.added).toMatchObject({ DB_HOST: 'db', DB_HOSTNAME: 'db' })
    const hostnameSet = bindingsOf(
      `${env({ DB_PORT: '5432', DB_USERNAME: 'x', DB_DATABASE: 'x' })}      DB_HOSTNAME: \${X}\n`
    )
    expect(hostnameSet.added.DB_HOSTNAME).toBeUndefined()
  })

  it('a host:port family adds no port; a URL family adds no host, port or name', () => {
    expect(bindingsOf(env({ DB_ADDR: 'db:5432' })).added).toEqual({
      DB_USER: 'postgres',
      DB_USERNAME: 'postgres',
      DB_NAME: 'postgres'
    })
    // Spring Boot reads SPRING_DATASOURCE_USERNAME (spring.datasource.username, relaxed binding); the family
    // spells neither, so both are set.
    expect(bindingsOf(env({ SPRING_DATASOURCE_URL: 'jdbc:postgresql://db:5432/app' })).added).toEqual({
      SPRING_DATASOURCE_USER: 'postgres',
      SPRING_DATASOURCE_USERNAME: 'postgres'
    })
  })

  it('a variable the environment already names is not added', () => {
    const found = bindingsOf(`${env({ DB_HOST: 'db' })}      DB_USER: \${DB_USER}\n      DB_NAME:\n`)
    expect(found.added).toEqual({ DB_PORT: '5432' })
  })
})

describe('credentials outside a family', () => {
  it('a store-named variable holding the development password or user is bound', () => {
    const found = bindingsOf(
      env({ APP_SQL_PASS: 'devpw', APP_SQL_USER: 'devpw', SMTP_PASSWORD: 'devpw', APP_SQL_TOKEN: 'devpw' }),
      '    image: postgres:16\n    environment: {POSTGRES_PASSWORD: devpw}\n'
    )
    expect(found.kinds).toMatchObject({ APP_SQL_PASS: 'password', APP_SQL_USER: 'user' })
    expect(found.kinds.SMTP_PASSWORD).toBeUndefined()
    expect(found.kinds.APP_SQL_TOKEN).toBeUndefined()
    expect(
      bindingsOf(
        env({ APP_SQL_PASS: 'other' }),
        '    image: postgres:16\n    environment: {POSTGRES_PASSWORD: devpw}\n'
      ).kinds.APP_SQL_PASS
    ).toBeUndefined()
  })

  it('development passwords come from the service, its --requirepass, and its URL', () => {
    const cache = (app: Record<string, string>, db: string, devUrl?: string) =>
      bindingsOf(env(app), db, 'redis', devUrl)
    expect(
      cache({ CACHE_PASS: 'a' }, '    image: redis:7\n    command: redis-server --requirepass a\n')
        .droppedPasswords
    ).toEqual(['CACHE_PASS'])
    expect(
      cache({ CACHE_PASS: 'b%' }, '    image: redis:7\n', 'redis://:b%25@db:6379').droppedPasswords
    ).toEqual(['CACHE_PASS'])
    expect(
      cache({ CACHE_PASS: 'a' }, '    image: redis:7\n    command: redis-server --requirepass\n')
        .droppedPasswords
    ).toEqual([])
  })
})

describe('a cache', () => {
  it('host and port are rewritten; a development password is dropped, an empty one kept; no database password', () => {
    const found = bindingsOf(
      env({ REDIS_HOST: 'db', REDIS_PASSWORD: 'devpw', REDIS_USER: 'default' }),
      '    image: redis:7\n',
      'redis'
    )
    expect(found.kinds).toEqual({ REDIS_HOST: 'host', REDIS_PORT: 'port' })
    expect(found.added).toEqual({ REDIS_PORT: '6379' })
    expect(found.droppedPasswords).toEqual(['REDIS_PASSWORD'])
    expect(
      bindingsOf(env({ REDIS_HOST: 'db', REDIS_PASSWORD: '' }), '    image: redis:7\n', 'redis')
        .droppedPasswords
    ).toEqual([])
  })

  it('memcached: only the hosts, no URL added', () => {
    const found = bindingsOf(env({ MEMCACHED_SERVER: 'db:11211' }), '    image: memcached:1\n', 'memcached')
    expect(found.kinds).toEqual({ MEMCACHED_SERVER: 'host-port' })
    expect(bindingsOf('', '    image: memcached:1\n', 'memcached').kinds).toEqual({})
  })
})

describe("the action's own variable (database-env)", () => {
  it('added when nothing else names the service, with a note', () => {
    const found = bindingsOf('')
    expect(found.kinds).toEqual({
      DATABASE_URL: 'url',
      DATABASE_PASSWORD: 'password',
      PGPASSWORD: 'password',
      // What apps and libpq read when nothing names the database (Immich's defaults, fresh apps round 11).
      PGHOST: 'host',
      PGPORT: 'port',
      PGUSER: 'user',
      PGDATABASE: 'database',
      DB_HOST: 'host',
      DB_PORT: 'port',
      DB_USER: 'user',
      DB_USERNAME: 'user',
      DB_NAME: 'database',
      DB_DATABASE: 'database',
      DB_PASSWORD: 'password'
    })
    expect(found.notes).toEqual([
      'app: DATABASE_URL added (no variable of its own that the action rewrites names db): set to the RDS URL at deploy, and PGHOST, PGPORT, PGUSER, PGDATABASE, DB_HOST, DB_PORT, DB_USER, DB_USERNAME, DB_NAME, DB_DATABASE, DB_PASSWORD (the spellings apps and client libraries read by default) to its parts; the app must read one of them — a host "db" written in its code or config does not resolve on Beanstalk'
    ])
  })

  it('not added beside the app’s own host variables', () => {
    const found = bindingsOf(env({ APP_DB_HOST: 'db' }))
    expect(found.kinds.DATABASE_URL).toBeUndefined()
    expect(found.notes).toContain(
      "app: DATABASE_URL not added: the app reaches db through APP_DB_HOST, and an added DATABASE_URL takes precedence over an app's own settings in many frameworks"
    )
  })

  it('a value of its own is kept, and said', () => {
    const found = bindingsOf(env({ DATABASE_URL: 'postgres://managed.example.com/app' }))
    expect(found.kinds.DATABASE_URL).toBeUndefined()
    expect(found.notes).toContain('app: DATABASE_URL keeps its own value (it does not point at db)')
  })

  it('${DATABASE_URL} with nothing setting it is set, and said; another runtime variable is left alone', () => {
    const found = bindingsOf('    environment:\n      DATABASE_URL: ${DATABASE_URL}\n')
    expect(found.kinds.DATABASE_URL).toBe('url')
    expect(found.notes).toContain(
      'app: DATABASE_URL is ${DATABASE_URL} with no value here (a .env the checkout does not have?); it is how the app reaches db, which RDS replaces, so it is set to that URL at deploy'
    )
    const other = bindingsOf('    environment:\n      DATABASE_URL: ${MY_DB}\n')
    expect(other.kinds.DATABASE_URL).toBeUndefined()
    expect(other.notes).toEqual([])
  })

  it('mysql: the driver reads MYSQL_PWD', () => {
    expect(bindingsOf('', '    image: mysql:8\n', 'mysql').kinds).toEqual({
      DATABASE_URL: 'url',
      DATABASE_PASSWORD: 'password',
      MYSQL_PWD: 'password',
      // With nothing naming the database, the common split spellings too (fresh apps, round 11).
      DB_HOST: 'host',
      DB_PORT: 'port',
      DB_USER: 'user',
      DB_USERNAME: 'user',
      DB_NAME: 'database',
      DB_DATABASE: 'database',
      DB_PASSWORD: 'password'
    })
  })
})

describe('development facts', () => {
  it.each([
    [
      'the URL',
      'postgres://shop:pw@db:5433/shopdb',
      '    image: postgres:16\n',
      { DB_PORT: '5433', DB_USER: 'shop', DB_USERNAME: 'shop', DB_NAME: 'shopdb' }
    ],
    [
      'the image variables',
      undefined,
      '    image: postgres:16\n    environment: {POSTGRES_USER: u}\n',
      { DB_PORT: '5432', DB_USER: 'u', DB_USERNAME: 'u', DB_NAME: 'u' }
    ],
    [
      'the defaults',
      undefined,
      '    image: postgres:16\n',
      { DB_PORT: '5432', DB_USER: 'postgres', DB_USERNAME: 'postgres', DB_NAME: 'postgres' }
    ]
  ])('user, database and port from %s', (_case, devUrl, db, added) => {
    expect(bindingsOf(env({ DB_HOST: 'db' }), db, 'postgres', devUrl).added).toEqual(added)
  })

  it('mysql has no database name by default', () => {
    expect(bindingsOf(env({ DB_HOST: 'db' }), '    image: mysql:8\n', 'mysql').added).toEqual({
      DB_PORT: '3306',
      DB_USER: 'root',
      DB_USERNAME: 'root'
    })
    expect(
      bindingsOf(
        env({ DB_HOST: 'db' }),
        '    image: mysql:8\n    environment: {MYSQL_DATABASE: shop, MYSQL_USER: u}\n',
        'mysql'
      ).added
    ).toEqual({ DB_PORT: '3306', DB_USER: 'u', DB_USERNAME: 'u', DB_NAME: 'shop' })
  })
})
