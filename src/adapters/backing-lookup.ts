// Managed backing services named by identifier (an RDS instance, an
// ElastiCache replication group or cluster) → the endpoint the app connects
// to, and for an RDS-managed master password a secret reference the platform
// resolves at container start. Endpoint URL inputs need no lookup: the core
// renders them as given.

import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  type ElastiCacheClient
} from '@aws-sdk/client-elasticache'
import { DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds'

import { engineMismatch, type BackingEndpoint } from '../core/backing-engines.js'
import type { ActionConfig } from '../core/config-types.js'
import type { ResolvedBacking } from '../core/dockerrun.js'
import { InputError } from '../core/errors.js'
import type { BackingReplacement, BackingRole } from '../core/plan/types.js'
import { actionsLogger, type Logger } from './actions-runner/logger.js'
import { AwsErrorCode, isAwsError } from './aws-errors.js'

export interface BackingClients {
  region: string
  rds: Pick<RDSClient, 'send'>
  elasticache: Pick<ElastiCacheClient, 'send'>
}

export type BackingConfig = Pick<ActionConfig, 'databasePasswordEnv'>

export async function resolveBacking(
  backing: BackingReplacement[],
  clients: BackingClients,
  config: BackingConfig,
  log: Logger = actionsLogger
): Promise<Partial<Record<BackingRole, ResolvedBacking>>> {
  const resolved: Partial<Record<BackingRole, ResolvedBacking>> = {}
  for (const replacement of backing) {
    const { source } = replacement
    if (source.kind === 'rds') {
      resolved[replacement.role] = await lookupDbInstance(replacement, source.id, clients, config, log)
    } else if (source.kind === 'elasticache') {
      resolved[replacement.role] = {
        endpoint: await lookupCache(replacement, source.id, clients, log),
        secrets: []
      }
    } else if (source.kind === 'endpoint') {
      maskUrlPassword(source.url, log)
    }
  }
  return resolved
}

/** A password typed into an endpoint URL input must never reach the log, whatever prints the URL later. */
function maskUrlPassword(url: string, log: Logger): void {
  try {
    const password = new URL(url).password
    if (password) {
      log.setSecret(password)
      log.setSecret(decodeURIComponent(password))
    }
  } catch {
    // Not a URL: the core reports that.
  }
}

/** The service found must speak the compose service's protocol: a MySQL app given a PostgreSQL instance fails. */
function checkEngine(replacement: BackingReplacement, engine: string | undefined, what: string): void {
  const mismatch = engineMismatch(replacement, engine, what)
  if (mismatch) throw new InputError(replacement.role, mismatch)
}

async function lookupDbInstance(
  replacement: BackingReplacement,
  id: string,
  clients: BackingClients,
  config: BackingConfig,
  log: Logger
): Promise<ResolvedBacking> {
  let instance
  try {
    const answer = await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))
    instance = answer.DBInstances?.[0]
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.dbInstanceNotFound)) instance = undefined
    else throw error
  }
  if (!instance) throw new InputError('database', `RDS DB instance "${id}" not found in ${clients.region}`)
  checkEngine(replacement, instance.Engine, `RDS instance ${id}`)
  const address = instance.Endpoint?.Address
  if (!address) {
    throw new InputError(
      'database',
      `RDS DB instance "${id}" has no endpoint yet (status ${instance.DBInstanceStatus ?? 'unknown'})`
    )
  }
  if (instance.DBInstanceStatus && instance.DBInstanceStatus !== 'available') {
    log.warning(
      `RDS DB instance "${id}" is ${instance.DBInstanceStatus}, not available; the app may not connect yet`
    )
  }
  const endpoint: BackingEndpoint = {
    host: address,
    port: instance.Endpoint?.Port ?? defaultDatabasePort(instance.Engine),
    ...(instance.MasterUsername && { username: instance.MasterUsername }),
    ...(instance.DBName && { databaseName: instance.DBName }),
    // Every RDS instance serves TLS, and PostgreSQL 15+ requires it by default (rds.force_ssl = 1):
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
    tls: true,
    ...(instance.EngineVersion && { engineVersion: instance.EngineVersion })
  }
  const secretArn = instance.MasterUserSecret?.SecretArn
  const secrets = secretArn
    ? [{ name: config.databasePasswordEnv, valueFrom: `${secretArn}:password::` }]
    : []
  log.info(
    `Database: RDS ${id} → ${endpoint.host}:${endpoint.port}${secretArn ? ` (password from the RDS-managed secret into ${config.databasePasswordEnv})` : ''}`
  )
  return { endpoint, secrets }
}

function defaultDatabasePort(engine: string | undefined): number {
  return engine && /mysql|maria/i.test(engine) ? 3306 : 5432
}

async function lookupCache(
  replacement: BackingReplacement,
  id: string,
  clients: BackingClients,
  log: Logger
): Promise<BackingEndpoint> {
  const group = await describeReplicationGroup(id, clients)
  if (group) {
    checkEngine(replacement, group.Engine, `ElastiCache replication group ${id}`)
    const tls = group.TransitEncryptionEnabled === true
    const primary = group.NodeGroups?.[0]?.PrimaryEndpoint
    const address = group.ConfigurationEndpoint?.Address ?? primary?.Address
    const port = group.ConfigurationEndpoint?.Port ?? primary?.Port ?? 6379
    if (!address) {
      throw new InputError(
        'cache',
        `ElastiCache replication group "${id}" has no endpoint yet (status ${group.Status ?? 'unknown'})`
      )
    }
    if (group.Status && group.Status !== 'available') {
      log.warning(`ElastiCache replication group "${id}" is ${group.Status}, not available`)
    }
    const mode = group.ConfigurationEndpoint?.Address ? 'configuration endpoint' : 'primary endpoint'
    log.info(`Cache: ElastiCache replication group ${id} → ${address}:${port} (${mode}${tls ? ', TLS' : ''})`)
    return { host: address, port, ...(tls && { tls: true }), ...(tlsOnly(group) && { tlsOnly: true }) }
  }
  const cluster = await describeCacheCluster(id, clients)
  if (cluster) {
    checkEngine(replacement, cluster.Engine, `ElastiCache cluster ${id}`)
    const node = cluster.CacheNodes?.[0]?.Endpoint
    if (!node?.Address) {
      throw new InputError(
        'cache',
        `ElastiCache cluster "${id}" has no node endpoint yet (status ${cluster.CacheClusterStatus ?? 'unknown'})`
      )
    }
    if (cluster.CacheClusterStatus && cluster.CacheClusterStatus !== 'available') {
      log.warning(`ElastiCache cluster "${id}" is ${cluster.CacheClusterStatus}, not available`)
    }
    const tls = cluster.TransitEncryptionEnabled === true
    const port = node.Port ?? 6379
    log.info(`Cache: ElastiCache cluster ${id} → ${node.Address}:${port}${tls ? ' (TLS)' : ''}`)
    return { host: node.Address, port, ...(tls && { tls: true }), ...(tlsOnly(cluster) && { tlsOnly: true }) }
  }
  throw new InputError(
    'cache',
    `no ElastiCache replication group or cache cluster "${id}" found in ${clients.region}`
  )
}

/**
 * In-transit encryption in its `required` mode, or with no mode given (a cache created encrypted is `required` unless
 * the request asks for `preferred`): "required will drop all unencrypted connections"; `preferred` takes both, while
 * clients migrate. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html
 */
function tlsOnly(cache: {
  TransitEncryptionEnabled?: boolean | undefined
  TransitEncryptionMode?: string | undefined
}): boolean {
  return cache.TransitEncryptionEnabled === true && cache.TransitEncryptionMode !== 'preferred'
}

async function describeReplicationGroup(id: string, clients: BackingClients) {
  try {
    const answer = await clients.elasticache.send(
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })
    )
    return answer.ReplicationGroups?.[0]
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.replicationGroupNotFound)) return undefined
    throw error
  }
}

async function describeCacheCluster(id: string, clients: BackingClients) {
  try {
    const answer = await clients.elasticache.send(
      new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true })
    )
    return answer.CacheClusters?.[0]
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.cacheClusterNotFound)) return undefined
    throw error
  }
}
