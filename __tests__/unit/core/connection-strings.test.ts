// Key=value connection strings and Go MySQL DSNs (src/core/connection-strings.ts): what counts as one, and the
// rewrite's edges (quoting, ports inside the host, keys spelt with blanks, no host, several hosts).

import { describe, expect, it } from '@jest/globals'
import {
  parseConnectionString,
  parseRedisConfiguration,
  rewriteConnectionString,
  rewriteRedisConfiguration
} from '../../../src/core/connection-strings.js'

const target = { host: 'rds.example', port: 5432, username: 'master', databaseName: 'appdb', tls: true }

describe('parseConnectionString', () => {
  it.each([
    ['Host=db;Port=5432;Database=app', { format: 'keyed', hosts: ['db'] }],
    ['Data Source=db,1433;Initial Catalog=app;User ID=sa', { format: 'keyed', hosts: ['db'] }],
    ['server = db:3306 ; uid=root', { format: 'keyed', hosts: ['db'] }],
    ["host=db user=app password='a b' dbname=app", { format: 'libpq', hosts: ['db'] }],
    ['root:pw@tcp(db:3306)/app?parseTime=true', { format: 'go-mysql', hosts: ['db'] }],
    ['tcp(db)/app', { format: 'go-mysql', hosts: ['db'] }],
    ['mysql://root:secret@tcp(mysqld:3306)/mysql?parseTime=true', { format: 'go-mysql', hosts: ['mysqld'] }],
    ['root:p@ss@tcp(db)/app', { format: 'go-mysql', hosts: ['db'] }],
    ['Host=db1,db2:5433;Database=app', { format: 'keyed', hosts: ['db1', 'db2'] }],
    ['Server=tcp:db,1433;Database=app', { format: 'keyed', hosts: ['db'] }],
    ['Host=db;Password="a;b";Database=app', { format: 'keyed', hosts: ['db'] }]
  ])('%s', (value, expected) => {
    expect(parseConnectionString(value)).toEqual(expected)
  })

  it.each([
    ['level=info format=json'],
    ['a=b;c=d'],
    ['Host=db1;Host=db2;Database=app'],
    ['Host="unterminated;Database=app'],
    ['postgres://db/app'],
    ['db:5432'],
    ['just words'],
    ['Host;Database=app']
  ])('%s is none', value => {
    expect(parseConnectionString(value)).toBeUndefined()
  })
})

describe('rewriteConnectionString', () => {
  it.each([
    [
      'Host=db:5432;Database=app;Username=app;Password=devpw;SSL Mode=Disable;Pooling=true',
      'Host=rds.example:5432;Database=appdb;Username=master;SSL Mode=require;Pooling=true'
    ],
    ['Data Source=db,1433;Pwd=x;Uid=sa', 'Data Source=rds.example,5432;Uid=master'],
    [
      "host=db port=5433 user=app password='dev pw' dbname=app application_name='my app'",
      "host=rds.example port=5432 user=master dbname=appdb application_name='my app'"
    ],
    ['app:devpw@tcp(db:3306)/app', 'master@tcp(rds.example:5432)/appdb'],
    [
      'mysql://root:se@cret@tcp(mysqld:3306)/mysql?parseTime=true&tls=false',
      'mysql://master@tcp(rds.example:5432)/appdb?parseTime=true&tls=skip-verify'
    ],
    ['Host=db;Password="a;b";Application Name="x;y"', 'Host=rds.example;Application Name="x;y"'],
    ['Host=db1,db2:5433;Database=app', 'Host=rds.example:5432;Database=appdb'],
    ['Server=tcp:db,1433;Database=app', 'Server=tcp:rds.example,5432;Database=appdb'],
    ['not a connection string', 'not a connection string']
  ])('%s', (value, expected) => {
    expect(rewriteConnectionString(value, target)).toBe(expected)
  })

  it('adds the managed port when the string names none and it is not the driver’s default', () => {
    expect(rewriteConnectionString('Host=db;Database=app', { ...target, port: 5433 })).toBe(
      'Host=rds.example;Database=appdb;Port=5433'
    )
    expect(rewriteConnectionString('host=db dbname=app', { ...target, port: 5433 })).toBe(
      'host=rds.example dbname=appdb port=5433'
    )
    expect(rewriteConnectionString('Host=db;Database=app', target)).toBe('Host=rds.example;Database=appdb')
    expect(rewriteConnectionString('Server=db,1433;Database=app', { ...target, port: 5433 })).toBe(
      'Server=rds.example,5433;Database=appdb'
    )
  })

  it('an LDAP-like value is no connection string, and costs nothing to tell (no backtracking)', () => {
    expect(parseConnectionString(`uid=admin,${'dc=example,'.repeat(40)};`)).toBeUndefined()
  })

  it('turns TLS on in the words of the engine’s driver (MySqlConnector parses only its own)', () => {
    expect(rewriteConnectionString('Server=db;SslMode=None', { ...target, port: 3306 }, 'mysql')).toBe(
      'Server=rds.example;SslMode=Required'
    )
    expect(rewriteConnectionString('Host=db;SSL Mode=Disable', target, 'postgres')).toBe(
      'Host=rds.example;SSL Mode=require'
    )
  })

  it('keeps the development user and database when the managed service gives none, and TLS as it was without TLS', () => {
    expect(
      rewriteConnectionString('Host=db;Username=app;Database=app;SslMode=Disable', { host: 'h', port: 1 })
    ).toBe('Host=h;Username=app;Database=app;SslMode=Disable;Port=1')
    expect(rewriteConnectionString('app@tcp(db)/app', { host: 'h', port: 1 })).toBe('app@tcp(h:1)/app')
  })
})

describe('StackExchange.Redis configuration strings', () => {
  it.each([
    ['redis,abortConnect=false', false, ['redis']],
    ['redis:6379,replica:6380,ssl=False', false, ['redis', 'replica']],
    ['redis', true, ['redis']],
    ['redis', false, undefined],
    ['abortConnect=false', true, undefined],
    ['redis db,ssl=true', true, undefined],
    ['http://redis,ssl=true', true, undefined]
  ])('%s (bare: %s)', (value, bare, hosts) => {
    expect(parseRedisConfiguration(value, bare)?.hosts).toEqual(hosts)
  })

  it('one managed endpoint, no password or user, TLS as the cache serves it', () => {
    const cache = { host: 'c.example', port: 6380 }
    expect(
      rewriteRedisConfiguration('redis:6379,replica:6380,password=x,user=u,ssl=False,name=app', cache)
    ).toBe('c.example:6380,ssl=False,name=app')
    expect(rewriteRedisConfiguration('redis,SSL=false', { ...cache, tls: true })).toBe(
      'c.example:6380,SSL=true'
    )
    expect(rewriteRedisConfiguration('redis', { ...cache, tls: true })).toBe('c.example:6380,ssl=true')
  })
})
