// ElastiCache (Query protocol): DescribeCacheClusters and
// DescribeReplicationGroups over seeded Redis resources, each optionally
// backed by a real redis container answering on its AWS-style host names.

import type { QueryService, StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import type { BackingContainers } from '../backing-containers.js'
import { cacheNodeHost, replicationGroupHosts } from '../aws-names.js'
import { queryBoolean } from '../protocols/query.js'
import { NamedList, type XmlValue } from '../protocols/xml.js'

export interface CacheClusterRecord {
  id: string
  nodeAddress: string
  port: number
  createdAt: Date
  replicationGroupId?: string
  container?: string
}

export interface ReplicationGroupSeed {
  id: string
  /** Cluster mode enabled: clients use the configuration endpoint instead of a primary endpoint. */
  clusterMode?: boolean
}

export interface ReplicationGroupRecord {
  id: string
  clusterMode: boolean
  primaryAddress: string
  readerAddress: string
  configurationAddress: string
  memberClusters: string[]
  port: number
  createdAt: Date
}

const REDIS_PORT = 6379
const NODE_ID = '0001'

export class ElastiCacheService implements QueryService {
  readonly signingName = 'elasticache'
  readonly xmlns = 'http://elasticache.amazonaws.com/doc/2015-02-02/'
  readonly cacheClusters = new Map<string, CacheClusterRecord>()
  readonly replicationGroups = new Map<string, ReplicationGroupRecord>()

  constructor(
    private readonly ctx: StandInContext,
    private readonly containers?: BackingContainers
  ) {}

  async seedCacheCluster(spec: { id: string }): Promise<CacheClusterRecord> {
    if (this.cacheClusters.has(spec.id)) throw new Error(`Cache cluster ${spec.id} is already seeded`)
    const record: CacheClusterRecord = {
      id: spec.id,
      nodeAddress: cacheNodeHost(spec.id, NODE_ID, this.ctx.accountId, this.ctx.region),
      port: REDIS_PORT,
      createdAt: new Date()
    }
    if (this.containers)
      record.container = await this.containers.startRedis(`cache-${spec.id}`, [record.nodeAddress])
    this.cacheClusters.set(spec.id, record)
    return record
  }

  async seedReplicationGroup(spec: ReplicationGroupSeed): Promise<ReplicationGroupRecord> {
    if (this.replicationGroups.has(spec.id)) throw new Error(`Replication group ${spec.id} is already seeded`)
    const hosts = replicationGroupHosts(spec.id, this.ctx.accountId, this.ctx.region)
    const memberId = `${spec.id}-001`
    const member: CacheClusterRecord = {
      id: memberId,
      nodeAddress: cacheNodeHost(memberId, NODE_ID, this.ctx.accountId, this.ctx.region),
      port: REDIS_PORT,
      createdAt: new Date(),
      replicationGroupId: spec.id
    }
    const record: ReplicationGroupRecord = {
      id: spec.id,
      clusterMode: spec.clusterMode === true,
      primaryAddress: hosts.primary,
      readerAddress: hosts.reader,
      configurationAddress: hosts.configuration,
      memberClusters: [memberId],
      port: REDIS_PORT,
      createdAt: member.createdAt
    }
    if (this.containers) {
      // One redis serves every name of the group: a single-node group (no replicas to fail over to).
      const aliases = record.clusterMode
        ? [record.configurationAddress, member.nodeAddress]
        : [record.primaryAddress, record.readerAddress, member.nodeAddress]
      member.container = await this.containers.startRedis(`rg-${spec.id}`, aliases)
    }
    this.cacheClusters.set(memberId, member)
    this.replicationGroups.set(spec.id, record)
    return record
  }

  async handle(action: string, params: Record<string, string>): Promise<XmlValue> {
    switch (action) {
      case 'DescribeCacheClusters':
        return this.describeCacheClusters(params)
      case 'DescribeReplicationGroups':
        return this.describeReplicationGroups(params)
      default:
        // Query APIs' common InvalidAction text (AWS common errors).
        throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`)
    }
  }

  private describeCacheClusters(params: Record<string, string>): XmlValue {
    const id = params.CacheClusterId
    let records = [...this.cacheClusters.values()]
    if (id !== undefined) {
      const record = this.cacheClusters.get(id)
      // ElastiCache's wire text as seen in public reports ("CacheCluster not found: x").
      if (!record) throw new AwsError('CacheClusterNotFound', `CacheCluster not found: ${id}`, 404)
      records = [record]
    } else if (queryBoolean(params, 'ShowCacheClustersNotInReplicationGroups')) {
      records = records.filter(record => !record.replicationGroupId)
    }
    const showNodes = queryBoolean(params, 'ShowCacheNodeInfo') === true
    return {
      CacheClusters: new NamedList(
        'CacheCluster',
        records.map(record => this.clusterView(record, showNodes))
      )
    }
  }

  private clusterView(record: CacheClusterRecord, showNodes: boolean): XmlValue {
    return {
      CacheClusterId: record.id,
      CacheNodeType: 'cache.t4g.micro',
      Engine: 'redis',
      EngineVersion: '7.1.0',
      CacheClusterStatus: 'available',
      NumCacheNodes: 1,
      PreferredAvailabilityZone: `${this.ctx.region}a`,
      CacheClusterCreateTime: record.createdAt,
      CacheNodes: showNodes
        ? new NamedList('CacheNode', [
            {
              CacheNodeId: NODE_ID,
              CacheNodeStatus: 'available',
              CacheNodeCreateTime: record.createdAt,
              Endpoint: { Address: record.nodeAddress, Port: record.port },
              ParameterGroupStatus: 'in-sync',
              CustomerAvailabilityZone: `${this.ctx.region}a`
            }
          ])
        : undefined,
      AutoMinorVersionUpgrade: true,
      ReplicationGroupId: record.replicationGroupId,
      TransitEncryptionEnabled: false,
      AtRestEncryptionEnabled: false,
      ARN: `arn:aws:elasticache:${this.ctx.region}:${this.ctx.accountId}:cluster:${record.id}`
    }
  }

  private describeReplicationGroups(params: Record<string, string>): XmlValue {
    const id = params.ReplicationGroupId
    let records = [...this.replicationGroups.values()]
    if (id !== undefined) {
      const record = this.replicationGroups.get(id)
      if (!record)
        // Real text unknown beyond the code (ReplicationGroupNotFoundFault, service model).
        throw new AwsError('ReplicationGroupNotFoundFault', `ReplicationGroup ${id} not found`, 404)
      records = [record]
    }
    return {
      ReplicationGroups: new NamedList(
        'ReplicationGroup',
        records.map(record => this.groupView(record))
      )
    }
  }

  private groupView(record: ReplicationGroupRecord): XmlValue {
    const memberNodes = record.memberClusters.map(clusterId => ({
      CacheClusterId: clusterId,
      CacheNodeId: NODE_ID,
      ReadEndpoint: record.clusterMode
        ? undefined
        : { Address: this.cacheClusters.get(clusterId)?.nodeAddress, Port: record.port },
      PreferredAvailabilityZone: `${this.ctx.region}a`,
      CurrentRole: record.clusterMode ? undefined : 'primary'
    }))
    return {
      ReplicationGroupId: record.id,
      Description: `stand-in replication group ${record.id}`,
      Status: 'available',
      MemberClusters: new NamedList('ClusterId', record.memberClusters),
      NodeGroups: new NamedList('NodeGroup', [
        {
          NodeGroupId: NODE_ID,
          Status: 'available',
          // Cluster mode has no primary/reader endpoints per node group, only the configuration endpoint.
          PrimaryEndpoint: record.clusterMode
            ? undefined
            : { Address: record.primaryAddress, Port: record.port },
          ReaderEndpoint: record.clusterMode
            ? undefined
            : { Address: record.readerAddress, Port: record.port },
          Slots: record.clusterMode ? '0-16383' : undefined,
          NodeGroupMembers: new NamedList('NodeGroupMember', memberNodes)
        }
      ]),
      AutomaticFailover: 'disabled',
      MultiAZ: 'disabled',
      ConfigurationEndpoint: record.clusterMode
        ? { Address: record.configurationAddress, Port: record.port }
        : undefined,
      ClusterEnabled: record.clusterMode,
      CacheNodeType: 'cache.t4g.micro',
      TransitEncryptionEnabled: false,
      AtRestEncryptionEnabled: false,
      ARN: `arn:aws:elasticache:${this.ctx.region}:${this.ctx.accountId}:replicationgroup:${record.id}`,
      ReplicationGroupCreateTime: record.createdAt,
      ClusterMode: record.clusterMode ? 'enabled' : 'disabled',
      Engine: 'redis'
    }
  }
}
