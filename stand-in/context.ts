// What the stand-in's services share. The server (stand-in/server.ts) builds
// one StandInContext and hands it to every service module.

import type { QueryParams } from './protocols/query.js'
import type { XmlValue } from './protocols/xml.js'

export interface StoredObject {
  body: Buffer
  contentType?: string | undefined
  etag: string
  lastModified: Date
  metadata: Record<string, string>
}

/** The S3 stand-in's storage (kept on disk under dataDir), also read by Beanstalk to process bundles. */
export interface ObjectStore {
  createBucket(bucket: string): Promise<void>
  bucketExists(bucket: string): Promise<boolean>
  putObject(bucket: string, key: string, body: Buffer, contentType?: string): Promise<StoredObject>
  getObject(bucket: string, key: string): Promise<StoredObject | undefined>
  deleteObject(bucket: string, key: string): Promise<void>
  listObjects(
    bucket: string,
    prefix?: string
  ): Promise<{ key: string; size: number; etag: string; lastModified: Date }[]>
}

/** The loopback registry that stands in for ECR's registry endpoint. */
export interface RegistryInfo {
  /** host:port, e.g. 127.0.0.1:5123 — also the ECR repositoryUri prefix. */
  host: string
  username: string
  password: string
}

export interface StandInContext {
  region: string
  accountId: string
  /** Folder for S3 objects, registry data, extracted bundles. */
  dataDir: string
  /** True when containers really run (Docker available and not disabled). */
  runContainers: boolean
  /** Why runContainers is false, for the errors that need containers. */
  noContainersReason?: string | undefined
  s3: ObjectStore
  /** Resolves an ECS-style `valueFrom` (Secrets Manager ARN, optionally `:jsonKey::`, or SSM parameter ARN/name). */
  resolveSecret(valueFrom: string): Promise<string>
  registry?: RegistryInfo
  /** Docker network where the RDS / ElastiCache containers answer under their AWS-style host names. */
  backingNetwork?: string
  log(message: string): void
}

/** A Query-protocol service (Beanstalk, RDS, ElastiCache, STS): action + params → result element content. */
export interface QueryService {
  /** Signing name in the SigV4 credential scope, e.g. "elasticbeanstalk". */
  signingName: string
  xmlns: string
  handle(action: string, params: QueryParams, requestId: string): Promise<XmlValue>
  /** Stops timers and containers the service started. */
  close?(): Promise<void>
}
