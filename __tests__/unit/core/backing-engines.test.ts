// Which engine a service runs, and the URLs the managed service gets (src/core/backing-engines.ts). The URL rules
// are the ones a password must never slip through: it travels by reference, never in a URL written to the bundle.

import { describe, expect, it } from '@jest/globals'
import {
  backingEngineOf,
  describeBackingSource,
  devOnlyQueryParameters,
  engineOfImage,
  imageName,
  isCredentialParameter,
  isDevOnlyQueryParameter,
  managedUrl,
  parseUrl,
  plainCacheAddressWarnings,
  refusesPlainConnections,
  rewriteUrl
} from '../../../src/core/backing-engines.js'
import type { BackingReplacement } from '../../../src/core/plan/types.js'
import { composeIn } from './workspace-fake.js'

const rds = { host: 'app.abc.eu-west-1.rds.amazonaws.com', port: 5432 }

describe('engines', () => {
  it.each([
    ['postgres:16', 'postgres'],
    ['docker.io/library/postgres:16-alpine@sha256:abc', 'postgres'],
    ['bitnami/postgresql', 'postgres'],
    ['timescale/timescaledb-ha:pg16', 'postgres'],
    ['supabase/supabase-postgres:15', 'postgres'],
    ['MariaDB:11', 'mysql'],
    ['percona/percona-server:8', 'mysql'],
    ['valkey/valkey:8', 'redis'],
    ['redis/redis-stack-server', 'redis'],
    ['memcached:1.6', 'memcached'],
    ['nginx', undefined],
    ['postgres-exporter', undefined],
    [undefined, undefined]
  ])('%s → %s', (image, engine) => {
    expect(engineOfImage(image)).toBe(engine)
  })

  it('the image name is its last path part without tag or digest, in lower case', () => {
    expect(imageName('registry:5000/Team/Redis:7@sha256:abc')).toBe('redis')
  })

  const service = (fields: string, files: Record<string, string> = {}) =>
    composeIn(`services:\n  s:\n${fields}`, { files }).services.s!

  it.each([
    ['the image', '    image: postgres:16\n', 'postgres'],
    [
      'the server run with flags',
      '    image: postgres:16\n    command: -c max_connections=200\n',
      'postgres'
    ],
    [
      'the server by name in a shell line',
      '    image: redis:7\n    command: sh -c "redis-server --appendonly yes"\n',
      'redis'
    ],
    [
      'the entrypoint script before the server',
      '    image: mysql:8\n    command: [docker-entrypoint.sh, mysqld]\n',
      'mysql'
    ],
    [
      'another image running a server',
      '    image: pgautoupgrade/pgautoupgrade\n    command: postgres\n',
      'postgres'
    ],
    [
      'a server data folder with its variables',
      '    image: acme/db\n    volumes: ["pg:/var/lib/postgresql/data"]\n    environment: {POSTGRES_PASSWORD: x}\nvolumes: {pg: {}}\n',
      'postgres'
    ],
    [
      'the entrypoint script, by its path, before flags to the server',
      '    image: postgres:16\n    entrypoint: [/usr/local/bin/docker-entrypoint.sh]\n    command: [-c, max_connections=200]\n',
      'postgres'
    ],
    [
      'a MySQL data folder with its variables',
      '    image: acme/db\n    volumes: ["d:/var/lib/mysql"]\n    environment: {MYSQL_ROOT_PASSWORD: x}\nvolumes: {d: {}}\n',
      'mysql'
    ],
    [
      'a MariaDB data folder',
      '    image: acme/db\n    volumes: ["d:/var/lib/mysql"]\n    environment: {MARIADB_ROOT_PASSWORD: x}\nvolumes: {d: {}}\n',
      'mysql'
    ]
  ])('a server from %s', (_case, fields, engine) => {
    expect(backingEngineOf(service(fields))).toBe(engine)
  })

  it.each([
    [
      'a client command on the database image',
      '    image: postgres:16\n    command: sh -c \'psql "$DATABASE_URL" -f schema.sql\'\n'
    ],
    ['pg_dump', '    image: postgres:16\n    entrypoint: [pg_dump]\n'],
    [
      'a data folder without the server variables',
      '    image: acme/backup\n    volumes: ["pg:/var/lib/postgresql/data"]\nvolumes: {pg: {}}\n'
    ],
    ['an app named like a database', '    image: acme/app\n    environment: {POSTGRES_HOST: db}\n'],
    [
      'a PostgreSQL data folder with MySQL variables',
      '    image: acme/db\n    volumes: ["pg:/var/lib/postgresql/data"]\n    environment: {MYSQL_ROOT_PASSWORD: x}\nvolumes: {pg: {}}\n'
    ],
    [
      'a backup sidecar on the server data folder, running a client',
      '    image: acme/pg-backup\n    command: [pg_basebackup, -D, /backup]\n    volumes: ["pg:/var/lib/postgresql/data"]\n    environment: {POSTGRES_PASSWORD: x}\nvolumes: {pg: {}}\n'
    ]
  ])('not a server: %s', (_case, fields) => {
    expect(backingEngineOf(service(fields))).toBeUndefined()
  })

  it('a Dockerfile starting FROM a database image is that database', () => {
    expect(
      backingEngineOf(
        service('    build: ./db\n', {
          'db/Dockerfile': 'FROM postgres:16\nCOPY x.sql /docker-entrypoint-initdb.d/\n'
        })
      )
    ).toBe('postgres')
  })
})

describe('URLs for the managed service', () => {
  it('keeps the app’s scheme, path and settings; takes user and database from the managed service; never a password', () => {
    expect(
      rewriteUrl('postgresql+psycopg2://app:devpw@db:5432/app?application_name=web', 'database', {
        ...rds,
        username: 'master',
        databaseName: 'prod'
      })
    ).toBe('postgresql+psycopg2://master@app.abc.eu-west-1.rds.amazonaws.com:5432/prod?application_name=web')
    expect(rewriteUrl('postgres://app:devpw@db/app', 'database', rds)).toBe(
      'postgres://app@app.abc.eu-west-1.rds.amazonaws.com:5432/app'
    )
    expect(rewriteUrl('postgres://db', 'database', rds)).toBe(
      'postgres://app.abc.eu-west-1.rds.amazonaws.com:5432'
    )
  })

  it('leaves out development-only and credential parameters', () => {
    expect(
      rewriteUrl(
        'postgres://db/app?sslmode=disable&password=x&sslpassword=y&auth=z&connect_timeout=5&ssl=false&sslmode2=a',
        'database',
        rds
      )
    ).toBe('postgres://app.abc.eu-west-1.rds.amazonaws.com:5432/app?connect_timeout=5&sslmode2=a')
    expect(rewriteUrl('postgres://db/app?sslmode=require&ssl=true', 'database', rds)).toBe(
      'postgres://app.abc.eu-west-1.rds.amazonaws.com:5432/app?sslmode=require&ssl=true'
    )
    expect(devOnlyQueryParameters('mysql://db/app?useSSL=false&tls=0&ok=1&api_token=t')).toEqual([
      'useSSL',
      'tls',
      'api_token'
    ])
    expect(devOnlyQueryParameters('not a url')).toEqual([])
  })

  it('a JDBC URL keeps no user: the driver reads it from its own setting', () => {
    expect(
      rewriteUrl('jdbc:postgresql://app:pw@db:5432/app?sslmode=disable', 'database', {
        ...rds,
        username: 'master'
      })
    ).toBe('jdbc:postgresql://app.abc.eu-west-1.rds.amazonaws.com:5432/app')
  })

  it('Redis follows the endpoint’s TLS, and keeps its db index', () => {
    const cache = { host: 'c.cache.amazonaws.com', port: 6379 }
    expect(rewriteUrl('redis://:devpw@cache:6379/2', 'cache', { ...cache, tls: true })).toBe(
      'rediss://c.cache.amazonaws.com:6379/2'
    )
    expect(rewriteUrl('rediss://cache/0', 'cache', { ...cache, tls: false })).toBe(
      'redis://c.cache.amazonaws.com:6379/0'
    )
    expect(rewriteUrl('rediss://cache/0', 'cache', cache)).toBe('rediss://c.cache.amazonaws.com:6379/0')
    expect(rewriteUrl('redis://cache/1', 'cache', { ...cache, databaseName: 'x' })).toBe(
      'redis://c.cache.amazonaws.com:6379/1'
    )
  })

  it('a JDBC URL without a user gets none either, and a bare trailing slash is dropped', () => {
    expect(
      rewriteUrl('jdbc:mysql://db:3306/shop', 'database', { ...rds, port: 3306, username: 'admin' })
    ).toBe('jdbc:mysql://app.abc.eu-west-1.rds.amazonaws.com:3306/shop')
    expect(rewriteUrl('redis://cache:6379/', 'cache', { host: 'c', port: 6379 })).toBe('redis://c:6379')
  })

  it('development-only parameters are whole names and values: similar ones are the app’s own', () => {
    const devOnly = (name: string, value: string) => isDevOnlyQueryParameter(name, value)
    expect(devOnly('sslmode', 'disable')).toBe(true)
    expect(devOnly('SSLMODE', 'Allow')).toBe(true)
    expect(devOnly('sslmode', 'require')).toBe(false)
    expect(devOnly('sslmode', 'disable-later')).toBe(false)
    expect(devOnly('sslmode', 'not-allow')).toBe(false)
    expect(devOnly('use_ssl', 'off')).toBe(true)
    expect(devOnly('ssl', 'falsey')).toBe(false)
    expect(devOnly('ssl', 'nofalse')).toBe(false)
    expect(devOnly('ssl_ca', 'no')).toBe(false)
    expect(devOnly('nossl', 'no')).toBe(false)
    expect(isCredentialParameter('auth')).toBe(true)
    expect(isCredentialParameter('authSource')).toBe(false)
    expect(isCredentialParameter('oauth')).toBe(false)
  })

  it('a value that is not a URL is left as it is', () => {
    expect(rewriteUrl('db:5432', 'database', rds)).toBe('db:5432')
  })

  it('without a development URL: the endpoint input’s scheme, else the engine’s', () => {
    const replacement = (
      engine: BackingReplacement['engine'],
      source: BackingReplacement['source']
    ): BackingReplacement => ({
      role: engine === 'redis' ? 'cache' : 'database',
      engine,
      composeService: 'db',
      envName: 'DATABASE_URL',
      source
    })
    expect(
      managedUrl(replacement('mysql', { kind: 'rds', id: 'x' }), {
        ...rds,
        port: 3306,
        username: 'admin',
        databaseName: 'shop'
      })
    ).toBe('mysql://admin@app.abc.eu-west-1.rds.amazonaws.com:3306/shop')
    expect(
      managedUrl(replacement('mysql', { kind: 'endpoint', url: 'mysql2://h:3306' }), { ...rds, port: 3306 })
    ).toBe('mysql2://app.abc.eu-west-1.rds.amazonaws.com:3306')
    expect(
      managedUrl(replacement('redis', { kind: 'elasticache', id: 'c' }), { host: 'c', port: 6379, tls: true })
    ).toBe('rediss://c:6379')
    expect(
      managedUrl(replacement('redis', { kind: 'elasticache', id: 'c' }), { host: 'c', port: 6379 })
    ).toBe('redis://c:6379')
    expect(
      managedUrl(replacement('redis', { kind: 'endpoint', url: 'rediss://h:6379' }), {
        host: 'c',
        port: 6379
      })
    ).toBe('rediss://c:6379')
    expect(
      managedUrl(
        { ...replacement('postgres', { kind: 'rds', id: 'x' }), devUrl: 'postgres://u:p@db/app' },
        rds
      )
    ).toBe('postgres://u@app.abc.eu-west-1.rds.amazonaws.com:5432/app')
  })
})

describe('facts about sources and endpoints', () => {
  it('a source is described without its password', () => {
    expect(describeBackingSource({ kind: 'endpoint', url: 'postgres://admin:s3cret@h:5432/app' })).toBe(
      'postgres://admin@h:5432/app'
    )
    expect(describeBackingSource({ kind: 'rds', id: 'app-db' })).toBe('RDS instance app-db')
    expect(describeBackingSource({ kind: 'elasticache', id: 'c' })).toBe('ElastiCache c')
    expect(describeBackingSource({ kind: 'unset' })).toBe('not given yet (plan only)')
  })

  it('PostgreSQL 15 and later refuse plain connections; other engines and unknown versions are not assumed to', () => {
    expect(refusesPlainConnections('postgres', { ...rds, engineVersion: '15.2' })).toBe(true)
    expect(refusesPlainConnections('postgres', { ...rds, engineVersion: '16' })).toBe(true)
    expect(refusesPlainConnections('postgres', { ...rds, engineVersion: '14.9' })).toBe(false)
    expect(refusesPlainConnections('postgres', { ...rds, engineVersion: 'x' })).toBe(false)
    expect(refusesPlainConnections('postgres', rds)).toBe(false)
    expect(refusesPlainConnections('mysql', { ...rds, engineVersion: '16' })).toBe(false)
  })

  it('parseUrl takes only scheme://… values', () => {
    expect(parseUrl('postgres://db/app')?.hostname).toBe('db')
    expect(parseUrl('db:5432')).toBeUndefined()
    expect(parseUrl('http://[bad')).toBeUndefined()
    expect(parseUrl(undefined)).toBeUndefined()
    expect(parseUrl('')).toBeUndefined()
  })
})

// Fresh sample (Mastodon, 2026-12-07): REDIS_HOST / REDIS_PORT against a TLS-only ElastiCache; the app builds a
// plain redis:// address, and the smoke test, which reaches the cache without TLS, cannot show it.
describe('host and port variables of a TLS-only cache', () => {
  const tlsOnly = { host: 'c.cache.amazonaws.com', port: 6379, tls: true, tlsOnly: true }
  const bound = (
    name: string,
    ...bindings: [string, 'url' | 'host' | 'port' | 'host-port', ('cache' | 'database')?][]
  ) => ({
    name,
    bindings: bindings.map(([variable, kind, role = 'cache']) => ({ role, variable, kind }))
  })

  it('warns once per container naming its host and port variables, a URL beside them or not', () => {
    expect(
      plainCacheAddressWarnings(
        [
          bound('web', ['REDIS_HOST', 'host'], ['REDIS_PORT', 'port'], ['DB_HOST', 'host', 'database']),
          bound('streaming', ['REDIS_URL', 'url'], ['REDIS_HOST', 'host']),
          bound('sidekiq', ['CACHE_ADDR', 'host-port']),
          bound('nginx')
        ],
        tlsOnly,
        'ElastiCache mastodon-cache'
      )
    ).toEqual([
      "web: REDIS_HOST, REDIS_PORT give the cache's address with no scheme, and ElastiCache mastodon-cache accepts TLS connections only (in-transit encryption, mode required): turn TLS on in the app's cache client (a rediss:// URL, or its TLS option), or it reaches no cache on AWS; the smoke test reaches the cache without TLS and cannot show it",
      "streaming: REDIS_HOST give the cache's address with no scheme, and ElastiCache mastodon-cache accepts TLS connections only (in-transit encryption, mode required): turn TLS on in the app's cache client (a rediss:// URL, or its TLS option), or it reaches no cache on AWS; the smoke test reaches the cache without TLS and cannot show it",
      "sidekiq: CACHE_ADDR give the cache's address with no scheme, and ElastiCache mastodon-cache accepts TLS connections only (in-transit encryption, mode required): turn TLS on in the app's cache client (a rediss:// URL, or its TLS option), or it reaches no cache on AWS; the smoke test reaches the cache without TLS and cannot show it"
    ])
  })

  it('a URL alone gets rediss:// and no warning', () => {
    expect(plainCacheAddressWarnings([bound('web', ['REDIS_URL', 'url'])], tlsOnly, 'ElastiCache c')).toEqual(
      []
    )
  })

  it.each([
    ['a cache that takes plain connections', { host: 'c', port: 6379 }],
    ['TLS in the preferred mode (plain taken too)', { host: 'c', port: 6379, tls: true }],
    ['no cache resolved', undefined]
  ])('no warning: %s', (_title, endpoint) => {
    expect(
      plainCacheAddressWarnings([bound('web', ['REDIS_HOST', 'host'])], endpoint, 'ElastiCache c')
    ).toEqual([])
  })
})
