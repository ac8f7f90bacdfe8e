// The AWS SDK v3 clients the deploy uses, built on first use with one shared
// configuration: the region, adaptive retries (throttling with several
// environments is retried with client-side rate limiting, not failed), and a
// user agent suffix naming the action. Endpoints and credentials come from the
// SDK's own chain (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, OIDC role
// credentials exported by configure-aws-credentials, …).

import { ECRClient } from '@aws-sdk/client-ecr'
import { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { ElastiCacheClient } from '@aws-sdk/client-elasticache'
import { RDSClient } from '@aws-sdk/client-rds'
import { S3Client } from '@aws-sdk/client-s3'

export const USER_AGENT_SUFFIX = 'beanstalk-docker-deploy'
export const DEFAULT_MAX_ATTEMPTS = 8

export interface AwsClientOptions {
  region: string
  /** Total attempts per call, first one included. Default 8. */
  maxAttempts?: number
  retryMode?: 'adaptive' | 'standard'
  /** Overrides the SDK's endpoint resolution (AWS_ENDPOINT_URL is honoured without it). */
  endpoint?: string
  /** Static credentials; the SDK's default provider chain when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Version appended to the user agent suffix, e.g. the action's version. */
  version?: string
}

export interface AwsClients {
  readonly region: string
  readonly beanstalk: ElasticBeanstalkClient
  readonly s3: S3Client
  readonly rds: RDSClient
  readonly elasticache: ElastiCacheClient
  readonly ecr: ECRClient
  /** Closes the sockets of every client built so far. */
  destroy(): void
}

/** The configuration every client gets (exported for tests and for callers building another client). */
export function sharedClientConfig(options: AwsClientOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'adaptive',
    customUserAgent: [[USER_AGENT_SUFFIX, options.version ?? '1']] as [string, string][],
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.credentials !== undefined && { credentials: options.credentials })
  }
}

/** Clients for one region, each created the first time it is used. */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const config = sharedClientConfig(options)
  const built = new Map<string, { destroy(): void }>()
  function lazy<T extends { destroy(): void }>(name: string, make: () => T): T {
    let client = built.get(name) as T | undefined
    if (!client) {
      client = make()
      built.set(name, client)
    }
    return client
  }
  return {
    region: options.region,
    get beanstalk() {
      return lazy('beanstalk', () => new ElasticBeanstalkClient(config))
    },
    get s3() {
      return lazy('s3', () => new S3Client(config))
    },
    get rds() {
      return lazy('rds', () => new RDSClient(config))
    },
    get elasticache() {
      return lazy('elasticache', () => new ElastiCacheClient(config))
    },
    get ecr() {
      return lazy('ecr', () => new ECRClient(config))
    },
    destroy() {
      for (const client of built.values()) client.destroy()
      built.clear()
    }
  }
}
