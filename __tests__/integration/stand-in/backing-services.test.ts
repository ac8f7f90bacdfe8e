// RDS and ElastiCache lookups through the real SDK v3 clients, and (with
// Docker) the real postgres / redis containers answering on the AWS-style
// host names those lookups return, from another container on the network.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient
} from '@aws-sdk/client-elasticache'
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds'

import { describeIn, dockerEngine } from '../helpers/docker.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'

const run = promisify(execFile)
const dockerDescribe = describeIn(dockerEngine)

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 's' }
})

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to fail')
}

describe('records only (no containers)', () => {
  let standIn: StandIn
  let rds: RDSClient
  let elasticache: ElastiCacheClient

  beforeAll(async () => {
    standIn = await startStandIn({ registry: false, runContainers: false })
    rds = new RDSClient(clientConfig(standIn.endpoint))
    elasticache = new ElastiCacheClient(clientConfig(standIn.endpoint))
    await standIn.seed.dbInstance({
      id: 'orders-db',
      dbName: 'orders',
      username: 'orders',
      password: 'pw',
      manageMasterSecret: true
    })
    await standIn.seed.dbInstance({ id: 'plain-db' })
    await standIn.seed.cacheCluster({ id: 'sessions' })
    await standIn.seed.replicationGroup({ id: 'jobs' })
    await standIn.seed.replicationGroup({ id: 'sharded', clusterMode: true })
  })

  afterAll(async () => {
    rds?.destroy()
    elasticache?.destroy()
    await standIn?.stop()
  })

  test('DescribeDBInstances returns endpoint, engine, status, names and the managed master secret', async () => {
    const { DBInstances } = await rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'orders-db' })
    )
    expect(DBInstances).toHaveLength(1)
    const instance = DBInstances?.[0]
    expect(instance?.Endpoint?.Address).toMatch(/^orders-db\.c[a-z0-9]{11}\.us-east-1\.rds\.amazonaws\.com$/)
    expect(instance?.Endpoint?.Port).toBe(5432)
    expect(instance?.Engine).toBe('postgres')
    expect(instance?.DBInstanceStatus).toBe('available')
    expect(instance?.MasterUsername).toBe('orders')
    expect(instance?.DBName).toBe('orders')
    expect(instance?.MasterUserSecret?.SecretStatus).toBe('active')

    const secretArn = instance?.MasterUserSecret?.SecretArn ?? ''
    expect(secretArn).toMatch(/:secret:rds!db-/)
    expect(JSON.parse(await standIn.ctx.resolveSecret(secretArn))).toEqual({
      username: 'orders',
      password: 'pw'
    })
    expect(await standIn.ctx.resolveSecret(`${secretArn}:password::`)).toBe('pw')

    const all = await rds.send(new DescribeDBInstancesCommand({}))
    expect(all.DBInstances?.map(db => db.DBInstanceIdentifier).sort()).toEqual(['orders-db', 'plain-db'])
    expect(
      all.DBInstances?.find(db => db.DBInstanceIdentifier === 'plain-db')?.MasterUserSecret
    ).toBeUndefined()
  })

  test('an unknown instance is DBInstanceNotFoundFault with the real message', async () => {
    const error = await errorOf(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'ghost' })))
    expect(error.name).toBe('DBInstanceNotFoundFault')
    expect(error.message).toBe('DBInstance ghost not found.')
  })

  test('DescribeCacheClusters shows node endpoints only with ShowCacheNodeInfo', async () => {
    const bare = await elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'sessions' }))
    expect(bare.CacheClusters?.[0]?.CacheNodes).toBeUndefined()
    const withNodes = await elasticache.send(
      new DescribeCacheClustersCommand({ CacheClusterId: 'sessions', ShowCacheNodeInfo: true })
    )
    const cluster = withNodes.CacheClusters?.[0]
    expect(cluster?.Engine).toBe('redis')
    expect(cluster?.CacheClusterStatus).toBe('available')
    expect(cluster?.CacheNodes?.[0]?.Endpoint?.Address).toMatch(
      /^sessions\.[a-z0-9]{6}\.0001\.use1\.cache\.amazonaws\.com$/
    )
    expect(cluster?.CacheNodes?.[0]?.Endpoint?.Port).toBe(6379)

    const outsideGroups = await elasticache.send(
      new DescribeCacheClustersCommand({ ShowCacheClustersNotInReplicationGroups: true })
    )
    expect(outsideGroups.CacheClusters?.map(c => c.CacheClusterId)).toEqual(['sessions'])
    const error = await errorOf(
      elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'ghost' }))
    )
    expect(error.name).toBe('CacheClusterNotFoundFault')
  })

  test('DescribeReplicationGroups: primary endpoint per node group, configuration endpoint in cluster mode', async () => {
    const { ReplicationGroups } = await elasticache.send(
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'jobs' })
    )
    const group = ReplicationGroups?.[0]
    expect(group?.MemberClusters).toEqual(['jobs-001'])
    expect(group?.NodeGroups?.[0]?.PrimaryEndpoint?.Address).toMatch(
      /^master\.jobs\.[a-z0-9]{6}\.use1\.cache\.amazonaws\.com$/
    )
    expect(group?.NodeGroups?.[0]?.NodeGroupMembers?.[0]?.CacheClusterId).toBe('jobs-001')
    expect(group?.ConfigurationEndpoint).toBeUndefined()
    expect(group?.ClusterEnabled).toBe(false)

    const sharded = await elasticache.send(
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'sharded' })
    )
    expect(sharded.ReplicationGroups?.[0]?.ConfigurationEndpoint?.Address).toMatch(/^clustercfg\.sharded\./)
    expect(sharded.ReplicationGroups?.[0]?.NodeGroups?.[0]?.PrimaryEndpoint).toBeUndefined()

    const error = await errorOf(
      elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'ghost' }))
    )
    expect(error.name).toBe('ReplicationGroupNotFoundFault')
  })
})

dockerDescribe('container-backed resources', () => {
  let standIn: StandIn
  let rds: RDSClient
  let elasticache: ElastiCacheClient

  beforeAll(async () => {
    standIn = await startStandIn({ registry: false, runContainers: true, backing: { seedExample: true } })
    rds = new RDSClient(clientConfig(standIn.endpoint))
    elasticache = new ElastiCacheClient(clientConfig(standIn.endpoint))
  }, 600_000)

  afterAll(async () => {
    rds?.destroy()
    elasticache?.destroy()
    const network = standIn?.ctx.backingNetwork
    await standIn?.stop()
    if (network) {
      // stop() removed the network and containers it created (checked here, after stop(), so thrown, not expected).
      const left = await run('docker', ['network', 'inspect', network]).then(
        () => true,
        () => false
      )
      if (left) throw new Error(`stand-in stop() left its backing network ${network} behind`)
    }
  }, 120_000)

  async function onNetwork(
    image: string,
    command: string[],
    env: Record<string, string> = {}
  ): Promise<string> {
    const envArgs = Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`])
    const { stdout } = await run(
      'docker',
      [
        'run',
        '--rm',
        '--network',
        standIn.ctx.backingNetwork ?? '',
        ...envArgs,
        '--entrypoint',
        command[0] ?? '',
        image,
        ...command.slice(1)
      ],
      { timeout: 120_000 }
    )
    return stdout.trim()
  }

  test('postgres answers on the DescribeDBInstances address with the managed secret password', async () => {
    const { DBInstances } = await rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'puppies-db' })
    )
    const instance = DBInstances?.[0]
    const address = instance?.Endpoint?.Address ?? ''
    const password = await standIn.ctx.resolveSecret(`${instance?.MasterUserSecret?.SecretArn}:password::`)
    const ready = await onNetwork('postgres:15', ['pg_isready', '-h', address, '-p', '5432'])
    expect(ready).toContain('accepting connections')
    const query = (sql: string, env: Record<string, string> = {}) =>
      onNetwork(
        'postgres:15',
        [
          'psql',
          '-h',
          address,
          '-U',
          instance?.MasterUsername ?? '',
          '-d',
          instance?.DBName ?? '',
          '-tAc',
          sql
        ],
        { PGPASSWORD: password, ...env }
      )
    expect(await query('select 40 + 2')).toBe('42')
    // As on RDS, the server serves TLS: a client that requires it (the plan raises sslmode=disable to require) connects.
    const encrypted = await query('select ssl from pg_stat_ssl where pid = pg_backend_pid()', {
      PGSSLMODE: 'require'
    })
    expect(encrypted).toBe('t')
  }, 180_000)

  test('redis answers on the cache node address', async () => {
    const { CacheClusters } = await elasticache.send(
      new DescribeCacheClustersCommand({ CacheClusterId: 'puppies-cache', ShowCacheNodeInfo: true })
    )
    const address = CacheClusters?.[0]?.CacheNodes?.[0]?.Endpoint?.Address ?? ''
    expect(await onNetwork('redis:7', ['redis-cli', '-h', address, 'ping'])).toBe('PONG')
  }, 180_000)
})
