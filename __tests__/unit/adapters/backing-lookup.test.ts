import { describe, expect, test } from '@jest/globals'
import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache'
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds'

import { resolveBacking } from '../../../src/adapters/backing-lookup.js'
import type { BackingReplacement } from '../../../src/core/plan/types.js'
import { FakeClient, MemoryLog, awsError } from '../deploy/fakes.js'

const database = (source: BackingReplacement['source']): BackingReplacement => ({
  role: 'database',
  engine: 'postgres',
  composeService: 'db',
  envName: 'DATABASE_URL',
  source
})
const cache = (id: string): BackingReplacement => ({
  role: 'cache',
  engine: 'redis',
  composeService: 'redis',
  envName: 'REDIS_URL',
  source: { kind: 'elasticache', id }
})
const config = { databasePasswordEnv: 'DATABASE_PASSWORD' }

function clients(rds = new FakeClient(), elasticache = new FakeClient()) {
  return { region: 'eu-west-1', rds, elasticache }
}

describe('resolveBacking', () => {
  test('an RDS instance gives endpoint, user, database and the managed secret as a JSON-key reference', async () => {
    const rds = new FakeClient().on(DescribeDBInstancesCommand, input => {
      expect(input).toEqual({ DBInstanceIdentifier: 'puppies-db' })
      return {
        DBInstances: [
          {
            DBInstanceStatus: 'available',
            Endpoint: { Address: 'puppies-db.abc.eu-west-1.rds.amazonaws.com', Port: 5432 },
            MasterUsername: 'puppies',
            DBName: 'puppies',
            MasterUserSecret: { SecretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:rds!db-1-AbCd' }
          }
        ]
      }
    })
    const log = new MemoryLog()
    const resolved = await resolveBacking(
      [database({ kind: 'rds', id: 'puppies-db' })],
      clients(rds),
      config,
      log
    )
    expect(resolved).toEqual({
      database: {
        endpoint: {
          host: 'puppies-db.abc.eu-west-1.rds.amazonaws.com',
          port: 5432,
          username: 'puppies',
          databaseName: 'puppies',
          tls: true
        },
        secrets: [
          {
            name: 'DATABASE_PASSWORD',
            valueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:rds!db-1-AbCd:password::'
          }
        ]
      }
    })
    expect(log.warnings).toEqual([])
  })

  test('a managed service of another protocol than the compose service is an input error, before any endpoint is used', async () => {
    const instance = (Engine: string) =>
      new FakeClient().on(DescribeDBInstancesCommand, () => ({
        DBInstances: [{ Engine, DBInstanceStatus: 'available', Endpoint: { Address: 'h', Port: 5432 } }]
      }))
    const mysqlService = { ...database({ kind: 'rds', id: 'todo-db' }), engine: 'mysql' as const }
    await expect(
      resolveBacking([mysqlService], clients(instance('postgres')), config, new MemoryLog())
    ).rejects.toThrow(
      'Input \'database\': compose service "db" runs MySQL/MariaDB, but RDS instance todo-db is PostgreSQL (postgres): the app would speak the wrong protocol; give a MySQL/MariaDB RDS instance or endpoint'
    )
    await expect(
      resolveBacking(
        [database({ kind: 'rds', id: 'x' })],
        clients(instance('sqlserver-ex')),
        config,
        new MemoryLog()
      )
    ).rejects.toThrow('but RDS instance x is sqlserver-ex (sqlserver-ex)')
    for (const same of ['aurora-mysql', 'mariadb', 'aurora'])
      await expect(
        resolveBacking([mysqlService], clients(instance(same)), config, new MemoryLog())
      ).resolves.toBeDefined()
    await expect(
      resolveBacking(
        [database({ kind: 'rds', id: 'x' })],
        clients(instance('aurora-postgresql')),
        config,
        new MemoryLog()
      )
    ).resolves.toBeDefined()

    const memcachedGroup = new FakeClient().on(DescribeReplicationGroupsCommand, () => ({
      ReplicationGroups: [{ Engine: 'memcached', Status: 'available' }]
    }))
    await expect(
      resolveBacking([cache('c')], clients(undefined, memcachedGroup), config, new MemoryLog())
    ).rejects.toThrow(
      'compose service "redis" runs Redis/Valkey, but ElastiCache replication group c is Memcached (memcached)'
    )
    const memcachedCluster = new FakeClient()
      .on(DescribeReplicationGroupsCommand, () => {
        throw awsError('ReplicationGroupNotFoundFault', 'not found')
      })
      .on(DescribeCacheClustersCommand, () => ({
        CacheClusters: [{ Engine: 'memcached', CacheNodes: [{ Endpoint: { Address: 'm', Port: 11211 } }] }]
      }))
    await expect(
      resolveBacking([cache('m')], clients(undefined, memcachedCluster), config, new MemoryLog())
    ).rejects.toThrow('but ElastiCache cluster m is Memcached (memcached)')
  })

  test('a missing RDS instance is an input error naming the region; a busy one is a warning', async () => {
    const missing = new FakeClient().on(DescribeDBInstancesCommand, () => {
      throw awsError('DBInstanceNotFoundFault', 'DBInstance x not found.')
    })
    await expect(
      resolveBacking([database({ kind: 'rds', id: 'x' })], clients(missing), config, new MemoryLog())
    ).rejects.toThrow(`Input 'database': RDS DB instance "x" not found in eu-west-1`)
    const busy = new FakeClient().on(DescribeDBInstancesCommand, () => ({
      DBInstances: [{ DBInstanceStatus: 'modifying', Endpoint: { Address: 'h', Port: 5432 } }]
    }))
    const log = new MemoryLog()
    const resolved = await resolveBacking([database({ kind: 'rds', id: 'x' })], clients(busy), config, log)
    expect(resolved.database?.secrets).toEqual([])
    expect(log.warnings).toEqual([
      'RDS DB instance "x" is modifying, not available; the app may not connect yet'
    ])
  })

  test('a replication group gives its primary endpoint, or its configuration endpoint in cluster mode, with TLS', async () => {
    const elasticache = new FakeClient().on(DescribeReplicationGroupsCommand, input =>
      input.ReplicationGroupId === 'plain'
        ? {
            ReplicationGroups: [
              {
                Status: 'available',
                NodeGroups: [{ PrimaryEndpoint: { Address: 'primary.cache', Port: 6379 } }]
              }
            ]
          }
        : {
            ReplicationGroups: [
              {
                Status: 'available',
                TransitEncryptionEnabled: true,
                ConfigurationEndpoint: { Address: 'config.cache', Port: 6380 },
                NodeGroups: [{}]
              }
            ]
          }
    )
    const plain = await resolveBacking(
      [cache('plain')],
      clients(undefined, elasticache),
      config,
      new MemoryLog()
    )
    expect(plain.cache).toEqual({ endpoint: { host: 'primary.cache', port: 6379 }, secrets: [] })
    const clustered = await resolveBacking(
      [cache('clustered')],
      clients(undefined, elasticache),
      config,
      new MemoryLog()
    )
    expect(clustered.cache).toEqual({
      endpoint: { host: 'config.cache', port: 6380, tls: true, tlsOnly: true },
      secrets: []
    })
  })

  test('in-transit encryption: required (or no mode) takes TLS only; preferred takes plain connections too', async () => {
    const modes: Record<string, string | undefined> = {
      required: 'required',
      preferred: 'preferred',
      unset: undefined
    }
    const elasticache = new FakeClient()
      .on(DescribeReplicationGroupsCommand, input => {
        const id = String(input.ReplicationGroupId ?? '')
        if (id === 'cluster') throw awsError('ReplicationGroupNotFoundFault', 'not found')
        return {
          ReplicationGroups: [
            {
              Status: 'available',
              TransitEncryptionEnabled: true,
              ...(modes[id] !== undefined && { TransitEncryptionMode: modes[id] }),
              NodeGroups: [{ PrimaryEndpoint: { Address: `${id}.cache`, Port: 6379 } }]
            }
          ]
        }
      })
      .on(DescribeCacheClustersCommand, () => ({
        CacheClusters: [
          {
            CacheClusterStatus: 'available',
            TransitEncryptionEnabled: true,
            TransitEncryptionMode: 'preferred',
            CacheNodes: [{ Endpoint: { Address: 'node.cache', Port: 6379 } }]
          }
        ]
      }))
    const endpointOf = async (id: string) =>
      (await resolveBacking([cache(id)], clients(undefined, elasticache), config, new MemoryLog())).cache
        ?.endpoint
    expect(await endpointOf('required')).toEqual({
      host: 'required.cache',
      port: 6379,
      tls: true,
      tlsOnly: true
    })
    expect(await endpointOf('unset')).toEqual({ host: 'unset.cache', port: 6379, tls: true, tlsOnly: true })
    expect(await endpointOf('preferred')).toEqual({ host: 'preferred.cache', port: 6379, tls: true })
    expect(await endpointOf('cluster')).toEqual({ host: 'node.cache', port: 6379, tls: true })
  })

  test('falls back to a cache cluster node, and reports neither as an input error', async () => {
    const elasticache = new FakeClient()
      .on(DescribeReplicationGroupsCommand, () => {
        throw awsError('ReplicationGroupNotFoundFault', 'not found')
      })
      .on(DescribeCacheClustersCommand, input => {
        if (input.CacheClusterId !== 'puppies-cache') throw awsError('CacheClusterNotFoundFault', 'not found')
        expect(input.ShowCacheNodeInfo).toBe(true)
        return {
          CacheClusters: [
            {
              CacheClusterStatus: 'available',
              CacheNodes: [{ Endpoint: { Address: 'node.cache', Port: 6379 } }]
            }
          ]
        }
      })
    const found = await resolveBacking(
      [cache('puppies-cache')],
      clients(undefined, elasticache),
      config,
      new MemoryLog()
    )
    expect(found.cache?.endpoint).toEqual({ host: 'node.cache', port: 6379 })
    await expect(
      resolveBacking([cache('nope')], clients(undefined, elasticache), config, new MemoryLog())
    ).rejects.toThrow(
      `Input 'cache': no ElastiCache replication group or cache cluster "nope" found in eu-west-1`
    )
  })

  test('endpoint inputs need no lookup; a password in them is masked', async () => {
    const rds = new FakeClient()
    const log = new MemoryLog()
    const resolved = await resolveBacking(
      [
        database({ kind: 'endpoint', url: 'postgres://app:s3cr%40t@db.internal:5432/app' }),
        database({ kind: 'unset' })
      ],
      clients(rds),
      config,
      log
    )
    expect(resolved).toEqual({})
    expect(rds.calls).toEqual([])
    expect(log.secrets).toEqual(['s3cr%40t', 's3cr@t'])
  })
})
