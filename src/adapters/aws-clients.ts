// The AWS SDK v3 clients the deploy uses, built on first use with one shared
// configuration: the region, adaptive retries (throttling with several
// environments is retried with client-side rate limiting, not failed), and a
// user agent suffix naming the action. Endpoints and credentials come from the
// SDK's own chain (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, OIDC role
// credentials exported by configure-aws-credentials, …).
//
// Each service's SDK package is loaded only for a mode that uses it (the
// packages are most of the action's start-up time): the mode names its
// services when it creates the clients, or loads more on the way (a deploy
// loads ECR and S3 once it reaches its images). Using a client that was not
// loaded is a mistake in the action, said as such.

import type { ECRClient } from '@aws-sdk/client-ecr'
import type { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache'
import type { RDSClient } from '@aws-sdk/client-rds'
import type { S3Client } from '@aws-sdk/client-s3'

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

type SharedConfig = ReturnType<typeof sharedClientConfig>

/** How each service's client class is loaded. */
const SDK = {
  beanstalk: async () => (await import('@aws-sdk/client-elastic-beanstalk')).ElasticBeanstalkClient,
  s3: async () => (await import('@aws-sdk/client-s3')).S3Client,
  rds: async () => (await import('@aws-sdk/client-rds')).RDSClient,
  elasticache: async () => (await import('@aws-sdk/client-elasticache')).ElastiCacheClient,
  ecr: async () => (await import('@aws-sdk/client-ecr')).ECRClient
}

export type AwsService = keyof typeof SDK

interface ClientOf {
  beanstalk: ElasticBeanstalkClient
  s3: S3Client
  rds: RDSClient
  elasticache: ElastiCacheClient
  ecr: ECRClient
}

export interface AwsClients {
  readonly region: string
  readonly beanstalk: ElasticBeanstalkClient
  readonly s3: S3Client
  readonly rds: RDSClient
  readonly elasticache: ElastiCacheClient
  readonly ecr: ECRClient
  /** Loads the SDK packages of more services (a no-op for those loaded already). */
  load(...services: AwsService[]): Promise<void>
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

/** Clients for one region: the named services' SDK packages loaded, each client created the first time it is used. */
export async function createAwsClients(
  options: AwsClientOptions,
  services: AwsService[]
): Promise<AwsClients> {
  const config = sharedClientConfig(options)
  const classes = new Map<AwsService, new (config: SharedConfig) => ClientOf[AwsService]>()
  const built = new Map<AwsService, ClientOf[AwsService]>()
  function client<S extends AwsService>(service: S): ClientOf[S] {
    let made = built.get(service)
    if (!made) {
      const Client = classes.get(service)
      if (!Client) throw new Error(`The ${service} client was used before its SDK package was loaded`)
      made = new Client(config)
      built.set(service, made)
    }
    return made as ClientOf[S]
  }
  const clients: AwsClients = {
    region: options.region,
    get beanstalk() {
      return client('beanstalk')
    },
    get s3() {
      return client('s3')
    },
    get rds() {
      return client('rds')
    },
    get elasticache() {
      return client('elasticache')
    },
    get ecr() {
      return client('ecr')
    },
    async load(...more) {
      const missing = more.filter(service => !classes.has(service))
      const loaded = await Promise.all(missing.map(service => SDK[service]()))
      missing.forEach((service, index) => classes.set(service, loaded[index] as never))
    },
    destroy() {
      for (const made of built.values()) made.destroy()
      built.clear()
    }
  }
  await clients.load(...services)
  return clients
}
