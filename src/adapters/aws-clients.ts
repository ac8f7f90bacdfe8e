// The AWS SDK v3 clients the deploy uses, built on first use with one shared
// configuration: the region, adaptive retries (throttling with several
// environments is retried with client-side rate limiting, not failed), and a
// user agent suffix naming the action. Endpoints and credentials come from the
// SDK's own chain (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, OIDC role
// credentials exported by configure-aws-credentials, …).
//
// Behind a corporate proxy the SDK's own HTTP handler ignores HTTPS_PROXY.
// As aws-actions/configure-aws-credentials does, the clients then send through
// proxy-agent, which reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower case too)
// for each request; it is loaded only when one of them is set.
//
// With step debug logging on, every attempt of every call is one debug line:
// service, operation, key parameters, HTTP status or error code, request id,
// attempt number (from the SDK's own `amz-sdk-request: attempt=N; max=M`
// header) and duration.
//
// Every service's SDK package is imported here, statically, so no call site
// can reach a client whose package has not loaded. Until issue 27 each mode
// loaded only its packages (`clients.load('ecr')`), and a call site that forgot
// to failed at run time. That saved about 0.1 s: a deploy now spends 0.31 s of
// CPU before its first call, against 0.22 s before, and the target is under
// 0.5 s (docs/architecture.md has the figures). Each client is still built on
// first use, and destroy() closes only the ones built.

import { ECRClient } from '@aws-sdk/client-ecr'
import { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { ElastiCacheClient } from '@aws-sdk/client-elasticache'
import { IAMClient } from '@aws-sdk/client-iam'
import { RDSClient } from '@aws-sdk/client-rds'
import { S3Client } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import { debug } from './actions-runner/logger.js'

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

/** Each service's client class. */
const CLIENT_CLASSES = {
  beanstalk: ElasticBeanstalkClient,
  s3: S3Client,
  rds: RDSClient,
  elasticache: ElastiCacheClient,
  ecr: ECRClient,
  iam: IAMClient,
  sts: STSClient
}

type AwsService = keyof typeof CLIENT_CLASSES
type ClientOf = { readonly [S in AwsService]: InstanceType<(typeof CLIENT_CLASSES)[S]> }

export interface AwsClients extends ClientOf {
  readonly region: string
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

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']

/** True when a proxy variable is set: the clients then send through proxy-agent (NO_PROXY still applies per host). */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some(name => (env[name] ?? '') !== '')
}

/**
 * An HTTP handler whose agent is proxy-agent's ProxyAgent: for each request it
 * asks proxy-from-env which proxy the URL takes (none for a NO_PROXY host).
 * Imported on the first request, so a run without a proxy never loads it.
 */
function proxyRequestHandler(): NodeHttpHandler {
  return new NodeHttpHandler(async () => {
    const { ProxyAgent } = await import('proxy-agent')
    const agent = new ProxyAgent({ keepAlive: true })
    return { httpAgent: agent, httpsAgent: agent }
  })
}

interface CallContext {
  clientName?: string
  commandName?: string
}

interface Attempt {
  service: string
  operation: string
  input: Record<string, unknown>
  /** The SDK's `amz-sdk-request` header value: `attempt=1; max=8`. */
  attemptHeader?: string
  milliseconds: number
  /** HTTP status of the answer, when there was one. */
  status?: number
  requestId?: string
  /** Error code (name) when the attempt failed. */
  error?: string
}

const MAX_VALUE_LENGTH = 100
/** Inputs never printed: payloads (an S3 object, a policy document) are not parameters. */
const NOT_PARAMETERS = new Set(['Body', 'lifecyclePolicyText', 'policyText', 'Policy'])

function describeValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const items = value.map(describeValue)
    if (items.every(item => item !== undefined)) return `[${items.join(', ')}]`
    return `[${value.length} item${value.length === 1 ? '' : 's'}]`
  }
  return undefined
}

/** The call's scalar parameters (names, labels, ids, keys), `Name=value`, payloads left out. */
export function keyParameters(input: Record<string, unknown>): string {
  return Object.entries(input)
    .filter(([name]) => !NOT_PARAMETERS.has(name))
    .flatMap(([name, value]) => {
      const text = describeValue(value)
      return text === undefined ? [] : [`${name}=${text}`]
    })
    .join(' ')
}

/** One debug line per attempt, e.g. `AWS ElasticBeanstalk.UpdateEnvironment EnvironmentName=x → 200, request 7e…, attempt 1/8, 84 ms`. */
export function describeAttempt(attempt: Attempt): string {
  const parameters = keyParameters(attempt.input)
  const match = /attempt=(\d+); max=(\d+)/.exec(attempt.attemptHeader ?? '')
  const outcome = attempt.error
    ? `${attempt.error}${attempt.status !== undefined ? ` (HTTP ${attempt.status})` : ''}`
    : String(attempt.status ?? 'answered')
  return [
    `AWS ${attempt.service}.${attempt.operation}${parameters ? ` ${parameters}` : ''} → ${outcome}`,
    `request ${attempt.requestId ?? '(none)'}`,
    match ? `attempt ${match[1]}/${match[2]}` : 'attempt 1',
    `${attempt.milliseconds} ms`
  ].join(', ')
}

interface WireAnswer {
  response?: { statusCode?: number; headers?: Record<string, string> }
  output?: { $metadata?: { requestId?: string; httpStatusCode?: number } }
}

interface WireError {
  name?: string
  $metadata?: { requestId?: string; httpStatusCode?: number }
  $response?: { statusCode?: number; headers?: Record<string, string> }
}

function requestIdOf(headers: Record<string, string> | undefined): string | undefined {
  return headers?.['x-amzn-requestid'] ?? headers?.['x-amz-request-id'] ?? headers?.['x-amzn-request-id']
}

/** Adds the per-attempt debug line to a client (inside the retry loop: each attempt passes through it). */
function logAttempts(client: {
  middlewareStack: { add(middleware: unknown, options: Record<string, unknown>): void }
}): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: CallContext) => async (args: unknown) => {
      const { input, request } = args as {
        input: Record<string, unknown>
        request?: { headers?: Record<string, string> }
      }
      const base = {
        service: (context.clientName ?? 'AWS').replace(/Client$/, ''),
        operation: (context.commandName ?? 'call').replace(/Command$/, ''),
        input: input ?? {},
        ...(request?.headers?.['amz-sdk-request'] !== undefined && {
          attemptHeader: request.headers['amz-sdk-request']
        })
      }
      const started = Date.now()
      try {
        const answer = (await next(args)) as WireAnswer
        const status = answer.response?.statusCode ?? answer.output?.$metadata?.httpStatusCode
        const requestId = answer.output?.$metadata?.requestId ?? requestIdOf(answer.response?.headers)
        debug(
          describeAttempt({
            ...base,
            milliseconds: Date.now() - started,
            ...(status !== undefined && { status }),
            ...(requestId !== undefined && { requestId })
          })
        )
        return answer
      } catch (error) {
        const wire = error as WireError
        const status = wire.$metadata?.httpStatusCode ?? wire.$response?.statusCode
        const requestId = wire.$metadata?.requestId ?? requestIdOf(wire.$response?.headers)
        debug(
          describeAttempt({
            ...base,
            milliseconds: Date.now() - started,
            error: wire.name ?? 'Error',
            ...(status !== undefined && { status }),
            ...(requestId !== undefined && { requestId })
          })
        )
        throw error
      }
    },
    // Outside the deserializer (its answer and errors carry the request id), inside the retry loop.
    { step: 'deserialize', priority: 'high', name: 'beanstalkDockerDeployDebugLog' }
  )
}

type ClientConfig = ReturnType<typeof sharedClientConfig> & { requestHandler?: NodeHttpHandler }

/** Clients for one region, each built the first time it is used. */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const config = sharedClientConfig(options)
  // process.env, as proxy-agent reads it for each request (and the SDK its own settings).
  const proxied = proxyConfigured()
  const built = new Map<AwsService, ClientOf[AwsService]>()
  function client<S extends AwsService>(service: S): ClientOf[S] {
    let made = built.get(service)
    if (!made) {
      const Client = CLIENT_CLASSES[service] as new (config: ClientConfig) => ClientOf[S]
      // One handler per client: destroying a client closes its handler's sockets.
      made = new Client({ ...config, ...(proxied && { requestHandler: proxyRequestHandler() }) })
      logAttempts(made as unknown as Parameters<typeof logAttempts>[0])
      built.set(service, made)
    }
    return made as ClientOf[S]
  }
  return {
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
    get iam() {
      return client('iam')
    },
    get sts() {
      return client('sts')
    },
    destroy() {
      for (const made of built.values()) made.destroy()
      built.clear()
    }
  }
}
