// RDS (Query protocol): DescribeDBInstances over seeded instances. Seeding can
// start a real postgres container reachable under the instance's endpoint
// address, and can store the master password as an RDS-managed secret.

import { randomUUID } from 'node:crypto'

import type { QueryService, StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import type { BackingContainers } from '../backing-containers.js'
import { rdsInstanceHost } from '../aws-names.js'
import { NamedList, type XmlValue } from '../protocols/xml.js'
import type { SecretsManagerService } from './secrets-manager.js'

export interface DbInstanceSeed {
  id: string
  dbName?: string
  username?: string
  password?: string
  /** EngineVersion, `15.7` unless given: from 15 on the instance refuses unencrypted connections (rds.force_ssl). */
  engineVersion?: string
  /** Store the credentials as an RDS-managed master user secret (JSON {username, password}). */
  manageMasterSecret?: boolean
}

export interface DbInstanceRecord {
  id: string
  dbName: string
  username: string
  password: string
  address: string
  port: number
  engineVersion: string
  createdAt: Date
  masterSecretArn?: string
  container?: string
}

const POSTGRES_PORT = 5432

export class RdsService implements QueryService {
  readonly signingName = 'rds'
  readonly xmlns = 'http://rds.amazonaws.com/doc/2014-10-31/'
  readonly instances = new Map<string, DbInstanceRecord>()

  constructor(
    private readonly ctx: StandInContext,
    private readonly secrets: SecretsManagerService,
    private readonly containers?: BackingContainers
  ) {}

  async seed(spec: DbInstanceSeed): Promise<DbInstanceRecord> {
    if (this.instances.has(spec.id)) throw new Error(`DB instance ${spec.id} is already seeded`)
    const record: DbInstanceRecord = {
      id: spec.id,
      dbName: spec.dbName ?? 'app',
      username: spec.username ?? 'postgres',
      password: spec.password ?? randomUUID(),
      address: rdsInstanceHost(spec.id, this.ctx.accountId, this.ctx.region),
      port: POSTGRES_PORT,
      engineVersion: spec.engineVersion ?? '15.7',
      createdAt: new Date()
    }
    if (spec.manageMasterSecret) {
      // The naming RDS uses for managed master secrets: rds!db-<uuid>.
      const created = this.secrets.createSecret({
        Name: `rds!db-${randomUUID()}`,
        SecretString: JSON.stringify({ username: record.username, password: record.password })
      })
      record.masterSecretArn = String(created.ARN)
    }
    if (this.containers) {
      record.container = await this.containers.startPostgres({
        id: spec.id,
        aliases: [record.address],
        dbName: record.dbName,
        username: record.username,
        password: record.password,
        engineVersion: record.engineVersion
      })
    }
    this.instances.set(spec.id, record)
    return record
  }

  async handle(action: string, params: Record<string, string>): Promise<XmlValue> {
    if (action !== 'DescribeDBInstances') {
      // Query APIs' common InvalidAction text (AWS common errors).
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`)
    }
    const id = params.DBInstanceIdentifier
    let records = [...this.instances.values()]
    if (id !== undefined) {
      const record = this.instances.get(id)
      // RDS's wire text for a missing instance, as seen in public reports (e.g. "DBInstance x not found.").
      if (!record) throw new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404)
      records = [record]
    }
    return {
      DBInstances: new NamedList(
        'DBInstance',
        records.map(record => this.view(record))
      )
    }
  }

  private view(record: DbInstanceRecord): XmlValue {
    return {
      DBInstanceIdentifier: record.id,
      DBInstanceClass: 'db.t4g.micro',
      Engine: 'postgres',
      DBInstanceStatus: 'available',
      MasterUsername: record.username,
      DBName: record.dbName,
      Endpoint: { Address: record.address, Port: record.port, HostedZoneId: 'Z2R2ITUGPM61AM' },
      AllocatedStorage: 20,
      InstanceCreateTime: record.createdAt,
      AvailabilityZone: `${this.ctx.region}a`,
      MultiAZ: false,
      EngineVersion: record.engineVersion,
      PubliclyAccessible: false,
      StorageType: 'gp3',
      DBInstanceArn: `arn:aws:rds:${this.ctx.region}:${this.ctx.accountId}:db:${record.id}`,
      MasterUserSecret: record.masterSecretArn
        ? {
            SecretArn: record.masterSecretArn,
            SecretStatus: 'active',
            KmsKeyId: `arn:aws:kms:${this.ctx.region}:${this.ctx.accountId}:key/stand-in`
          }
        : undefined
    }
  }
}
