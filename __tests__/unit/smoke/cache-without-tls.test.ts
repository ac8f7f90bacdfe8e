import { describe, expect, it } from '@jest/globals'
import { cacheWithoutTls } from '../../../src/smoke/run-smoke.js'

describe('the smoke run reaches its cache twin without TLS, its database twin as deployed', () => {
  const secrets = [{ name: 'DATABASE_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:db' }]
  const backing = {
    database: {
      endpoint: { host: 'db.rds.example', port: 5432, username: 'admin', databaseName: 'app', tls: true },
      secrets
    },
    cache: { endpoint: { host: 'cache.example', port: 6379, tls: true }, secrets: [] }
  }

  it('drops the TLS flag of the cache only: the database twin serves TLS as RDS does', () => {
    expect(cacheWithoutTls(backing)).toEqual({
      database: backing.database,
      cache: { endpoint: { host: 'cache.example', port: 6379 }, secrets: [] }
    })
    expect(cacheWithoutTls(backing).database?.endpoint.tls).toBe(true)
  })

  it('leaves the deployed resolution untouched', () => {
    cacheWithoutTls(backing)
    expect(backing.database.endpoint.tls).toBe(true)
    expect(backing.cache.endpoint.tls).toBe(true)
  })

  it('keeps a backing without TLS or without a cache as it is', () => {
    const plain = { database: { endpoint: { host: 'db', port: 5432, tls: true }, secrets: [] } }
    expect(cacheWithoutTls(plain)).toEqual(plain)
  })
})
