// Key=value connection strings and Go MySQL DSNs (src/core/connection-strings.ts): what counts as one, and the
// rewrite's edges (quoting, ports inside the host, keys spelt with blanks, no host, several hosts).

import { describe, expect, it } from '@jest/globals'
import { parseConnectionString, rewriteConnectionString } from '../../../src/core/connection-strings.js'

const target = { host: 'rds.example', port: 5432, username: 'master', databaseName: 'appdb', tls: true }

describe('parseConnectionString', () => {
  it.each([
    ['Host=db;Port=5432;Database=app', { format: 'keyed', host: 'db' }],
    ['Data Source=db,1433;Initial Catalog=app;User ID=sa', { format: 'keyed', host: 'db' }],
    ['server = db:3306 ; uid=root', { format: 'keyed', host: 'db' }],
    ["host=db user=app password='a b' dbname=app", { format: 'libpq', host: 'db' }],
    ['root:pw@tcp(db:3306)/app?parseTime=true', { format: 'go-mysql', host: 'db' }],
    ['tcp(db)/app', { format: 'go-mysql', host: 'db' }]
  ])('%s', (value, expected) => {
    expect(parseConnectionString(value)).toEqual(expected)
  })

  it.each([
    ['level=info format=json'],
    ['a=b;c=d'],
    ['Host=db1;Host=db2;Database=app'],
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
    ['not a connection string', 'not a connection string']
  ])('%s', (value, expected) => {
    expect(rewriteConnectionString(value, target)).toBe(expected)
  })

  it('keeps the development user and database when the managed service gives none, and TLS as it was without TLS', () => {
    expect(
      rewriteConnectionString('Host=db;Username=app;Database=app;SslMode=Disable', { host: 'h', port: 1 })
    ).toBe('Host=h;Username=app;Database=app;SslMode=Disable')
    expect(rewriteConnectionString('app@tcp(db)/app', { host: 'h', port: 1 })).toBe('app@tcp(h:1)/app')
  })
})
