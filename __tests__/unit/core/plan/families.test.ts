// Families of connection settings (src/core/plan/families.ts): which prefix a variable makes a family of, and how a
// missing member is spelled in that family's own style. The spellings are the ones real apps read (cited where the
// rule came from in variable-families.test.ts); here each rule is pinned on its own.

import { describe, expect, it } from '@jest/globals'
import { familyMembers, type Family, type Member } from '../../../../src/core/plan/families.js'
import type { BackingBinding } from '../../../../src/core/plan/types.js'

const host = (variable: string): BackingBinding => ({ role: 'database', variable, kind: 'host' })
const url = (variable: string): BackingBinding => ({ role: 'database', variable, kind: 'url' })
const MEMBERS: Member[] = ['host', 'port', 'user', 'password', 'name', 'sslmode', 'ssl']
const spelled = (family: Family | undefined) =>
  Object.fromEntries(MEMBERS.map(member => [member, family?.spell(member)]))
const summary = (family: Family) => ({
  anchor: family.anchor,
  present: Object.fromEntries(family.present),
  complete: family.complete,
  url: family.url,
  hostPort: family.hostPort,
  alsoHost: family.alsoHost
})

describe('familyMembers: where a family comes from', () => {
  it('a host variable naming the replaced service: complete, spelled with its prefix', () => {
    const families = familyMembers(['APP_DB_HOST', 'APP_DB_USER'], [host('APP_DB_HOST')], [], 'postgres')
    expect(families.map(summary)).toEqual([
      {
        anchor: 'APP_DB_HOST',
        present: { host: 'APP_DB_HOST', user: 'APP_DB_USER' },
        complete: true,
        url: false,
        hostPort: false,
        alsoHost: []
      }
    ])
    expect(spelled(families[0])).toEqual({
      host: 'APP_DB_HOST',
      port: 'APP_DB_PORT',
      user: 'APP_DB_USER',
      password: 'APP_DB_PASSWORD',
      name: 'APP_DB_NAME',
      sslmode: 'APP_DB_SSLMODE',
      ssl: 'APP_DB_SSL'
    })
  })

  it('a host:port variable says so', () => {
    const families = familyMembers(
      ['CACHE_ADDR'],
      [{ role: 'cache', variable: 'CACHE_ADDR', kind: 'host-port' }],
      [],
      'redis'
    )
    expect(families.map(summary)).toEqual([
      {
        anchor: 'CACHE_ADDR',
        present: { host: 'CACHE_ADDR' },
        complete: true,
        url: false,
        hostPort: true,
        alsoHost: []
      }
    ])
  })

  it('a host variable of another kind, or with no prefix, makes no family of its own', () => {
    expect(familyMembers(['APP_HOST'], [url('APP_HOST')], [], 'postgres')).toEqual([])
    expect(familyMembers(['HOST'], [host('HOST')], [], 'postgres')).toEqual([])
  })

  it('a plain URL variable: a family only of the members the compose file sets, never completed', () => {
    expect(familyMembers(['APP_DATABASE_URL'], [url('APP_DATABASE_URL')], [], 'postgres')).toEqual([])
    const families = familyMembers(
      ['APP_DATABASE_URL', 'APP_DATABASE_PASSWORD'],
      [url('APP_DATABASE_URL')],
      [],
      'postgres'
    )
    expect(families.map(summary)).toEqual([
      {
        anchor: 'APP_DATABASE_URL',
        present: { password: 'APP_DATABASE_PASSWORD' },
        complete: false,
        url: true,
        hostPort: false,
        alsoHost: []
      }
    ])
  })

  it('a JDBC URL: complete, its family the prefix before _URL', () => {
    const families = familyMembers(
      ['SPRING_DATASOURCE_URL'],
      [url('SPRING_DATASOURCE_URL')],
      ['SPRING_DATASOURCE_URL'],
      'postgres'
    )
    expect(families.map(summary)).toEqual([
      {
        anchor: 'SPRING_DATASOURCE_URL',
        present: {},
        complete: true,
        url: true,
        hostPort: false,
        alsoHost: []
      }
    ])
    expect(families[0]?.spell('user')).toBe('SPRING_DATASOURCE_USER')
  })

  it('a …_JDBC_URL joins the family its siblings spell (FINERACT_HIKARI_USERNAME), unless …_JDBC_ has members', () => {
    const jdbc = 'FINERACT_HIKARI_JDBC_URL'
    const outer = familyMembers([jdbc, 'FINERACT_HIKARI_USERNAME'], [url(jdbc)], [jdbc], 'postgres')
    expect(outer[0]?.spell('password')).toBe('FINERACT_HIKARI_PASSWORD')
    expect(outer[0]?.present.get('user')).toBe('FINERACT_HIKARI_USERNAME')
    const inner = familyMembers(
      [jdbc, 'FINERACT_HIKARI_JDBC_USER', 'FINERACT_HIKARI_USERNAME'],
      [url(jdbc)],
      [jdbc],
      'postgres'
    )
    expect(inner[0]?.spell('password')).toBe('FINERACT_HIKARI_JDBC_PASSWORD')
    const alone = familyMembers([jdbc], [url(jdbc)], [jdbc], 'postgres')
    expect(alone[0]?.spell('password')).toBe('FINERACT_HIKARI_JDBC_PASSWORD')
    const double = familyMembers(
      ['APP__JDBC__URL', 'APP__USER'],
      [url('APP__JDBC__URL')],
      ['APP__JDBC__URL'],
      'postgres'
    )
    expect(double[0]?.spell('password')).toBe('APP__PASSWORD')
  })

  it('a known prefix with a connection member: complete, anchored on a member that is not the password', () => {
    const families = familyMembers(['DB_PASSWORD', 'DB_USER'], [], [], 'postgres')
    expect(families.map(summary)).toEqual([
      {
        anchor: 'DB_USER',
        present: { password: 'DB_PASSWORD', user: 'DB_USER' },
        complete: true,
        url: false,
        hostPort: false,
        alsoHost: []
      }
    ])
  })

  it.each([
    [['DATABASE_PASSWORD'], 'DATABASE_PASSWORD'],
    [['PGSSLMODE'], 'PGSSLMODE'],
    [['DB_SSL', 'DB_PASSWORD'], 'DB_SSL']
  ])('a known prefix with only %j: corrected, not completed', (names, anchor) => {
    const families = familyMembers(names, [], [], 'postgres')
    expect(families.map(family => [family.anchor, family.complete])).toEqual([[anchor, false]])
  })

  it('each prefix makes one family, whatever its case or where it was found', () => {
    const families = familyMembers(['db_host', 'DB_USER'], [host('db_host')], [], 'postgres')
    expect(families.map(family => family.anchor)).toEqual(['db_host'])
  })

  it('the engine decides the known prefixes', () => {
    expect(familyMembers(['MYSQL_USER'], [], [], 'postgres')).toEqual([])
    expect(familyMembers(['MYSQL_USER'], [], [], 'mysql').map(family => family.anchor)).toEqual([
      'MYSQL_USER'
    ])
    expect(
      familyMembers(['REDIS_PASSWORD', 'REDIS_PORT'], [], [], 'redis').map(family => family.anchor)
    ).toEqual(['REDIS_PORT'])
    expect(familyMembers(['MEMCACHE_SERVER'], [], [], 'memcached').map(family => family.anchor)).toEqual([
      'MEMCACHE_SERVER'
    ])
  })
})

describe('familyMembers: spelling a missing member', () => {
  const only = (
    names: string[],
    bindings: BackingBinding[] = [],
    engine: 'postgres' | 'mysql' = 'postgres'
  ) => familyMembers(names, bindings, [], engine)[0]

  it('long forms (Laravel: DB_USERNAME, DB_DATABASE) ask for long forms, and a second host spelling', () => {
    const family = only(['DB_HOST', 'DB_USERNAME'], [host('DB_HOST')])
    expect(spelled(family)).toMatchObject({ user: 'DB_USERNAME', name: 'DB_DATABASE' })
    expect(family?.alsoHost).toEqual(['DB_HOSTNAME'])
    expect(only(['DB_HOST', 'DB_DATABASE_NAME'], [host('DB_HOST')])?.spell('user')).toBe('DB_USERNAME')
    expect(only(['DB_HOST', 'DB_DATABASE'], [host('DB_HOST')])?.alsoHost).toEqual(['DB_HOSTNAME'])
  })

  it('lower-case families are spelled in lower case (LISTMONK_db__host)', () => {
    const family = only(['LISTMONK_db__host', 'LISTMONK_db__username'], [host('LISTMONK_db__host')])
    expect(spelled(family)).toMatchObject({
      port: 'LISTMONK_db__port',
      password: 'LISTMONK_db__password',
      name: 'LISTMONK_db__database'
    })
    expect(family?.alsoHost).toEqual(['LISTMONK_db__hostname'])
  })

  it('a compact prefix (PAPERLESS_DBHOST) spells PASS; PG is its own convention (PGPASSWORD, PGDATABASE)', () => {
    expect(spelled(only(['PAPERLESS_DBHOST'], [host('PAPERLESS_DBHOST')]))).toMatchObject({
      password: 'PAPERLESS_DBPASS',
      user: 'PAPERLESS_DBUSER',
      name: 'PAPERLESS_DBNAME'
    })
    expect(spelled(only(['PGHOST'], [host('PGHOST')]))).toMatchObject({
      password: 'PGPASSWORD',
      name: 'PGDATABASE',
      user: 'PGUSER'
    })
  })

  it('the official images’ prefixes spell the name their way, and USER even beside long forms', () => {
    expect(only(['POSTGRES_USER'])?.spell('name')).toBe('POSTGRES_DB')
    expect(only(['POSTGRESQL_HOST'])?.spell('name')).toBe('POSTGRESQL_DB')
    expect(only(['MYSQL_HOST'], [], 'mysql')?.spell('name')).toBe('MYSQL_DATABASE')
    expect(only(['MARIADB_HOST'], [], 'mysql')?.spell('name')).toBe('MARIADB_DATABASE')
    expect(only(['MYSQL_HOST', 'MYSQL_DATABASE'], [], 'mysql')?.spell('user')).toBe('MYSQL_USER')
  })

  it('reads the members in their other spellings', () => {
    const family = only(['DB_SERVER', 'DB_UID', 'DB_PWD', 'DB_DBNAME', 'DB_SSL_MODE', 'DB_USE_TLS'])
    expect(Object.fromEntries(family?.present ?? [])).toEqual({
      host: 'DB_SERVER',
      user: 'DB_UID',
      password: 'DB_PWD',
      name: 'DB_DBNAME',
      sslmode: 'DB_SSL_MODE',
      ssl: 'DB_USE_TLS'
    })
  })
})
