import { describe, expect, it } from '@jest/globals'
import { withoutTls } from '../../../src/smoke/run-smoke.js'

describe('the smoke run reaches its twins without TLS', () => {
  const secrets = [{ name: 'DATABASE_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:db' }]
  const backing = {
    database: {
      endpoint: { host: 'db.rds.example', port: 5432, username: 'admin', databaseName: 'app', tls: true },
      secrets
    },
    cache: { endpoint: { host: 'cache.example', port: 6379, tls: true }, secrets: [] }
  }

  it('drops the TLS flag of the database and the cache, and nothing else', () => {
    expect(withoutTls(backing)).toEqual({
      database: {
        endpoint: { host: 'db.rds.example', port: 5432, username: 'admin', databaseName: 'app' },
        secrets
      },
      cache: { endpoint: { host: 'cache.example', port: 6379 }, secrets: [] }
    })
  })

  it('leaves the deployed resolution untouched', () => {
    withoutTls(backing)
    expect(backing.database.endpoint.tls).toBe(true)
    expect(backing.cache.endpoint.tls).toBe(true)
  })

  it('keeps a backing without TLS or without a cache as it is', () => {
    const plain = { database: { endpoint: { host: 'db', port: 5432 }, secrets: [] } }
    expect(withoutTls(plain)).toEqual(plain)
  })
})
