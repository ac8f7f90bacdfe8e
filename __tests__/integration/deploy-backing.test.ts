// resolveBacking against the stand-in's RDS and ElastiCache through the real
// SDK clients: the example's instance with an RDS-managed master secret, a
// plain cache cluster, replication groups with and without cluster mode.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { createAwsClients, type AwsClients } from '../../src/adapters/aws-clients.js'
import { resolveBacking } from '../../src/adapters/backing-lookup.js'
import { managedUrl } from '../../src/core/backing-engines.js'
import type { BackingReplacement } from '../../src/core/plan/types.js'
import type { Logger } from '../../src/adapters/actions-runner/logger.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'

let standIn: StandIn
let clients: AwsClients
const savedEnv = { ...process.env }
const quiet: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}
const config = { databasePasswordEnv: 'DATABASE_PASSWORD' }

const database = (id: string): BackingReplacement => ({
  role: 'database',
  engine: 'postgres',
  composeService: 'db',
  envName: 'DATABASE_URL',
  source: { kind: 'rds', id },
  devUrl: 'postgres://postgres:postgres@db:5432/puppies_development'
})
const cache = (id: string): BackingReplacement => ({
  role: 'cache',
  engine: 'redis',
  composeService: 'redis',
  envName: 'REDIS_URL',
  source: { kind: 'elasticache', id },
  devUrl: 'redis://redis:6379/0'
})

beforeAll(async () => {
  standIn = await startStandIn({ registry: false, runContainers: false, backing: { seedExample: true } })
  await standIn.seed.replicationGroup({ id: 'puppies-rg' })
  await standIn.seed.replicationGroup({ id: 'puppies-cluster', clusterMode: true })
  Object.assign(process.env, standIn.env)
  clients = createAwsClients({ region: standIn.env.AWS_REGION ?? 'us-east-1' })
})

afterAll(async () => {
  clients?.destroy()
  await standIn?.stop()
  process.env = savedEnv
})

describe('resolveBacking against the stand-in', () => {
  test('the RDS instance resolves to its endpoint, user, database and managed secret, and the managed secret resolves', async () => {
    const replacement = database('puppies-db')
    const resolved = await resolveBacking([replacement], clients, config, quiet)
    const db = standIn.services.rds.instances.get('puppies-db')
    expect(resolved.database?.endpoint).toEqual({
      host: db?.address,
      port: 5432,
      username: 'puppies',
      databaseName: 'puppies',
      tls: true,
      // The smoke twin refuses plain connections from 15 on, as RDS does (rds.force_ssl).
      engineVersion: '15.7'
    })
    expect(resolved.database?.secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: `${db?.masterSecretArn}:password::` }
    ])
    // The reference is one the platform can resolve (ECS JSON-key syntax): it yields the password.
    expect(await standIn.ctx.resolveSecret(resolved.database?.secrets[0]?.valueFrom ?? '')).toBe(db?.password)
    expect(managedUrl(replacement, resolved.database!.endpoint)).toBe(
      `postgres://puppies@${db?.address}:5432/puppies`
    )
  })

  test('caches: a cluster node, a replication group primary, a cluster-mode configuration endpoint', async () => {
    const resolved = await resolveBacking([cache('puppies-cache')], clients, config, quiet)
    expect(resolved.cache?.endpoint.host).toBe(
      standIn.services.elasticache.cacheClusters.get('puppies-cache')?.nodeAddress
    )
    const group = await resolveBacking([cache('puppies-rg')], clients, config, quiet)
    expect(group.cache?.endpoint.host).toBe(
      standIn.services.elasticache.replicationGroups.get('puppies-rg')?.primaryAddress
    )
    const clustered = await resolveBacking([cache('puppies-cluster')], clients, config, quiet)
    expect(clustered.cache?.endpoint.host).toBe(
      standIn.services.elasticache.replicationGroups.get('puppies-cluster')?.configurationAddress
    )
  })

  test('unknown identifiers are input errors naming the region', async () => {
    await expect(resolveBacking([database('nope-db')], clients, config, quiet)).rejects.toThrow(
      `Input 'database': RDS DB instance "nope-db" not found in us-east-1`
    )
    await expect(resolveBacking([cache('nope-cache')], clients, config, quiet)).rejects.toThrow(
      `Input 'cache': no ElastiCache replication group or cache cluster "nope-cache" found in us-east-1`
    )
  })
})
