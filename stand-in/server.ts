// The AWS stand-in: one loopback HTTP server that the real AWS SDK v3 clients
// reach through AWS_ENDPOINT_URL. Requests are dispatched by wire protocol:
//   JSON 1.1  — X-Amz-Target (ECR, Secrets Manager, SSM)
//   Query     — form POST with Action=, routed by the SigV4 scope's service
//               (elasticbeanstalk, rds, elasticache, sts, iam)
//   REST-XML  — everything else is S3 (path-style or virtual-hosted)
// Every request is recorded in `calls`, and may be hit by an injected fault.

import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { BackingContainers } from './backing-containers.js'
import type { QueryService, StandInContext } from './context.js'
import { dockerUnavailableReason, removeImagesUnder } from './docker.js'
import { AwsError } from './errors.js'
import { FaultInjector, type FaultDecision, type FaultSettings } from './faults.js'
import { headerValue, type StandInRequest, type StandInResponse } from './http.js'
import {
  JSON_CONTENT_TYPE,
  jsonErrorBody,
  parseTarget,
  type JsonObject,
  type JsonService
} from './protocols/json.js'
import { parseQueryBody } from './protocols/query.js'
import { parseCredentialScope, parseQueryCredentialScope } from './protocols/sigv4.js'
import { queryErrorResponse, queryResponse } from './protocols/xml.js'
import { startRegistry, type Registry } from './registry.js'
import {
  createBeanstalkService,
  type BeanstalkOptions,
  type BeanstalkService
} from './services/beanstalk/index.js'
import { EcrService } from './services/ecr.js'
import {
  ElastiCacheService,
  type CacheClusterRecord,
  type ReplicationGroupRecord,
  type ReplicationGroupSeed
} from './services/elasticache.js'
import { IamService, type PolicyStatement } from './services/iam.js'
import { RdsService, type DbInstanceRecord, type DbInstanceSeed } from './services/rds.js'
import { routeS3, S3Service, s3ErrorResponse } from './services/s3.js'
import { DiskObjectStore } from './services/s3-store.js'
import { createSecretResolver } from './services/secret-references.js'
import { SecretsManagerService } from './services/secrets-manager.js'
import { SsmService } from './services/ssm.js'
import { createStsService } from './services/sts.js'

export interface StandInOptions {
  /** 0 (the default here) picks a free port; the CLI defaults to 4566. */
  port?: number | undefined
  host?: string
  /** Where S3 objects and registry storage go; a fresh temp dir (removed on stop) when absent. */
  dataDir?: string | undefined
  region?: string
  accountId?: string
  /** Start the real registry behind ECR (default true). */
  registry?: boolean
  /**
   * Run real containers for RDS / ElastiCache and Beanstalk environments;
   * default: when Docker answers. Without them Beanstalk deploys fail unless
   * `beanstalk.instances` is 'simulated' (benchmarks).
   */
  runContainers?: boolean | undefined
  backing?: {
    /** Seed the example's `puppies-db` instance and `puppies-cache` cluster. */
    seedExample?: boolean
  }
  /** Faults active from the first request on. */
  faults?: FaultSettings
  /** Passed to the Beanstalk service's factory (transition speed, health timeout, …). */
  beanstalk?: BeanstalkOptions
  log?: (message: string) => void
}

export interface CallRecord {
  service: string
  operation: string
  time: Date
  /** HTTP status answered; 0 when the connection was dropped on purpose. */
  status: number
  requestId: string
  fault?: FaultDecision['kind'] | undefined
}

export interface StandInServices {
  s3: DiskObjectStore
  ecr: EcrService
  secretsManager: SecretsManagerService
  ssm: SsmService
  rds: RdsService
  elasticache: ElastiCacheService
  beanstalk: BeanstalkService
  iam: IamService
}

export interface StandInSeeder {
  dbInstance(spec: DbInstanceSeed): Promise<DbInstanceRecord>
  cacheCluster(spec: { id: string }): Promise<CacheClusterRecord>
  replicationGroup(spec: ReplicationGroupSeed): Promise<ReplicationGroupRecord>
  /** An IAM role of the account, e.g. the conventional `ecsTaskExecutionRole`. */
  /** A role with identity policy statements (default: the managed AmazonECSTaskExecutionRolePolicy only). */
  role(name: string, policies?: PolicyStatement[]): { arn: string }
  /** The example app's `puppies-db` (managed master secret) and `puppies-cache`. */
  example(): Promise<{ db: DbInstanceRecord; cache: CacheClusterRecord }>
}

export interface StandIn {
  /** http://127.0.0.1:PORT */
  endpoint: string
  /** What a client process needs: AWS_ENDPOINT_URL, AWS_REGION, AWS_DEFAULT_REGION and dummy credentials. */
  env: Record<string, string>
  /** The same, as an in-process SDK v3 client configuration: `new ECRClient(standIn.clientConfig)`. */
  clientConfig: {
    region: string
    endpoint: string
    credentials: { accessKeyId: string; secretAccessKey: string }
  }
  registry?: Registry | undefined
  ctx: StandInContext
  faults: FaultInjector
  calls: CallRecord[]
  services: StandInServices
  seed: StandInSeeder
  /** Stops the server, registry, containers and networks; safe to call more than once. */
  stop(): Promise<void>
}

interface Route {
  protocol: 'json' | 'query' | 's3'
  service: string
  operation: string
  execute(): Promise<StandInResponse>
}

const QUERY_SERVICE_NAMES = ['elasticbeanstalk', 'rds', 'elasticache', 'sts', 'iam']

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? (() => undefined)
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'stand-in-')))
  await mkdir(dataDir, { recursive: true })
  // Docker's absence is never silent: Beanstalk deploys fail saying so (see services/beanstalk/deployer.ts).
  const noContainersReason =
    options.runContainers === false
      ? 'the stand-in was started with runContainers: false'
      : await dockerUnavailableReason().then(why => (why ? `Docker is not available: ${why}` : undefined))
  const runContainers = noContainersReason === undefined
  const cleanups: (() => Promise<void>)[] = []

  try {
    const store = new DiskObjectStore(join(dataDir, 's3'))
    const ctx: StandInContext = {
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
      dataDir,
      runContainers,
      noContainersReason,
      s3: store,
      resolveSecret: () => Promise.reject(new Error('secret resolution is not ready yet')),
      log
    }
    const secretsManager = new SecretsManagerService(ctx)
    const ssm = new SsmService(ctx)
    ctx.resolveSecret = createSecretResolver(secretsManager, ssm)

    let registry: Registry | undefined
    if (options.registry ?? true) {
      registry = await startRegistry({ dataDir, host, log })
      const registryHost = registry.host
      cleanups.push(() => removeImagesUnder(registryHost))
      cleanups.push(() => registry?.stop() ?? Promise.resolve())
      ctx.registry = { host: registry.host, username: registry.username, password: registry.password }
    }

    let backing: BackingContainers | undefined
    if (runContainers) {
      backing = new BackingContainers(`standin-${randomBytes(4).toString('hex')}`, log)
      cleanups.push(() => backing?.stop() ?? Promise.resolve())
      await backing.createNetwork()
      ctx.backingNetwork = backing.network
    }

    const faults = new FaultInjector()
    const services: StandInServices = {
      s3: store,
      ecr: new EcrService(ctx, registry),
      secretsManager,
      ssm,
      rds: new RdsService(ctx, secretsManager, backing),
      elasticache: new ElastiCacheService(ctx, backing),
      beanstalk: createBeanstalkService(ctx, options.beanstalk ?? {}),
      iam: new IamService(ctx)
    }
    // Closed before the backing containers and registry go (cleanups run in reverse).
    cleanups.push(() => services.beanstalk.close())
    faults.attachBeanstalk(services.beanstalk.faults)
    if (options.faults) faults.set(options.faults)

    const calls: CallRecord[] = []
    const router = new Router(services, new S3Service(store), [
      createStsService(ctx),
      services.iam,
      services.rds,
      services.elasticache
    ])
    const server = createServer((request, response) => {
      // Not awaited: an http handler returns void; serve() catches its own failures and answers InternalFailure.
      void serve(request, response, router, faults, calls, log)
    })
    const port = await listen(server, options.port ?? 0, host)
    cleanups.push(() => closeServer(server))
    const endpoint = `http://${host}:${port}`
    log(`stand-in: listening on ${endpoint}`)

    const seed: StandInSeeder = {
      dbInstance: spec => services.rds.seed(spec),
      cacheCluster: spec => services.elasticache.seedCacheCluster(spec),
      replicationGroup: spec => services.elasticache.seedReplicationGroup(spec),
      role: (name, policies) => services.iam.createRole(name, policies),
      example: async () => ({
        db: await services.rds.seed({
          id: 'puppies-db',
          dbName: 'puppies',
          username: 'puppies',
          password: randomBytes(12).toString('base64url'),
          manageMasterSecret: true
        }),
        cache: await services.elasticache.seedCacheCluster({ id: 'puppies-cache' })
      })
    }

    let stopping: Promise<void> | undefined
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        // Reverse start order: the server first, so nothing new arrives while the rest shuts down.
        for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(error => log(String(error)))
        if (ownsDataDir)
          await rm(dataDir, { recursive: true, force: true }).catch(error => log(String(error)))
      })()
      return stopping
    }

    const credentials = {
      accessKeyId: 'AKIASTANDINEXAMPLE01',
      secretAccessKey: 'stand-in-secret-access-key-not-checked'
    }
    const standIn: StandIn = {
      endpoint,
      env: {
        AWS_ENDPOINT_URL: endpoint,
        AWS_REGION: ctx.region,
        AWS_DEFAULT_REGION: ctx.region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey
      },
      clientConfig: { region: ctx.region, endpoint, credentials },
      registry,
      ctx,
      faults,
      calls,
      services,
      seed,
      stop
    }
    if (options.backing?.seedExample) {
      try {
        await seed.example()
      } catch (error) {
        await stop()
        throw error
      }
    }
    return standIn
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
}

class Router {
  private readonly jsonServices: JsonService[]
  private readonly queryServices = new Map<string, QueryService>()

  constructor(
    services: StandInServices,
    private readonly s3: S3Service,
    queryServices: QueryService[]
  ) {
    this.jsonServices = [services.ecr, services.secretsManager, services.ssm]
    for (const service of [...queryServices, services.beanstalk]) {
      this.queryServices.set(service.signingName, service)
    }
  }

  route(request: StandInRequest, requestId: string): Route {
    const target = headerValue(request.headers, 'x-amz-target')
    if (target) return this.jsonRoute(target, request)
    const scope =
      parseCredentialScope(headerValue(request.headers, 'authorization')) ??
      parseQueryCredentialScope(request.url.searchParams)
    if (request.method === 'POST' && scope && QUERY_SERVICE_NAMES.includes(scope.service)) {
      return this.queryRoute(scope.service, request, requestId)
    }
    const s3Route = routeS3(request)
    return {
      protocol: 's3',
      service: 's3',
      operation: s3Route.operation,
      execute: () => this.s3.handle(s3Route, request)
    }
  }

  private jsonRoute(target: string, request: StandInRequest): Route {
    const parsed = parseTarget(target)
    const service = this.jsonServices.find(candidate => candidate.targetPrefix === parsed?.prefix)
    const operation = parsed?.operation ?? target
    return {
      protocol: 'json',
      service: service?.name ?? 'unknown',
      operation,
      execute: async () => {
        // Real text unknown (a target the stand-in does not serve).
        if (!service) throw new AwsError('UnknownOperationException', `Unknown target ${target}`)
        let input: JsonObject
        try {
          input = request.body.length ? (JSON.parse(request.body.toString('utf8')) as JsonObject) : {}
        } catch {
          // Code from the JSON 1.1 protocol's common errors; real text unknown.
          throw new AwsError('SerializationException', 'The request body is not valid JSON')
        }
        const output = await service.handle(operation, input)
        return { status: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body: JSON.stringify(output) }
      }
    }
  }

  private queryRoute(serviceName: string, request: StandInRequest, requestId: string): Route {
    const params = parseQueryBody(request.body.toString('utf8'))
    const action = params.Action ?? ''
    const service = this.queryServices.get(serviceName)
    return {
      protocol: 'query',
      service: serviceName,
      operation: action,
      execute: async () => {
        // The stand-in's own: a service it does not model.
        if (!service) throw new AwsError('InvalidAction', `The stand-in has no ${serviceName} service`)
        const result = await service.handle(action, params, requestId)
        return {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: queryResponse(action, service.xmlns, result, requestId)
        }
      }
    }
  }
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  router: Router,
  faults: FaultInjector,
  calls: CallRecord[],
  log: (message: string) => void
): Promise<void> {
  const requestId = randomUUID()
  const call: CallRecord = {
    service: 'unknown',
    operation: 'unknown',
    time: new Date(),
    status: 0,
    requestId
  }
  calls.push(call)
  let route: Route | undefined
  let standInRequest: StandInRequest | undefined
  try {
    standInRequest = {
      method: request.method ?? 'GET',
      // A fixed base: the Host may be a virtual-hosted name like bucket.127.0.0.1, which URL rejects.
      url: new URL(request.url ?? '/', 'http://stand-in.invalid'),
      headers: request.headers,
      body: await readBody(request)
    }
    route = router.route(standInRequest, requestId)
    call.service = route.service
    call.operation = route.operation
    const fault = faults.decide(route.service, route.operation)
    call.fault = fault?.kind
    if (fault?.kind === 'drop') {
      request.socket.destroy()
      return
    }
    const answer = fault ? faultResponse(fault, route, standInRequest, requestId) : await route.execute()
    send(response, answer, route.protocol, requestId, call)
  } catch (error) {
    // Anything else is the stand-in's own failure, shaped as AWS's InternalFailure.
    const awsError =
      error instanceof AwsError
        ? error
        : new AwsError('InternalFailure', `stand-in failure: ${String(error)}`, 500, 'Receiver')
    if (!(error instanceof AwsError))
      log(`stand-in: ${call.service}.${call.operation} failed: ${(error as Error).stack ?? String(error)}`)
    const protocol = route?.protocol ?? 's3'
    send(response, errorResponse(awsError, protocol, standInRequest, requestId), protocol, requestId, call)
  }
}

function faultResponse(
  fault: FaultDecision,
  route: Route,
  request: StandInRequest,
  requestId: string
): StandInResponse {
  const s3 = route.protocol === 's3'
  // Texts: S3 API Reference error list (SlowDown, InternalError), docs/stand-in.md, AWS texts (Throttling,
  // "Rate exceeded"), AWS common errors (ServiceUnavailable, InternalFailure).
  let error: AwsError
  if (fault.kind === 'throttle') {
    error = s3
      ? new AwsError('SlowDown', 'Please reduce your request rate.', 503)
      : new AwsError(route.protocol === 'json' ? 'ThrottlingException' : 'Throttling', 'Rate exceeded', 400)
  } else if (fault.kind === 'server-error' && fault.status === 503) {
    error = new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503, 'Receiver')
  } else {
    const code = s3 ? 'InternalError' : 'InternalFailure'
    error = new AwsError(code, 'We encountered an internal error. Please try again.', 500, 'Receiver')
  }
  return errorResponse(error, route.protocol, request, requestId)
}

function errorResponse(
  error: AwsError,
  protocol: Route['protocol'],
  request: StandInRequest | undefined,
  requestId: string
): StandInResponse {
  if (protocol === 'json') {
    return {
      status: error.status,
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-errortype': error.code },
      body: jsonErrorBody(error.code, error.message)
    }
  }
  if (protocol === 'query') {
    return {
      status: error.status,
      headers: { 'content-type': 'text/xml' },
      body: queryErrorResponse(error.code, error.message, requestId, error.type)
    }
  }
  const fallbackRequest: StandInRequest = request ?? {
    method: 'GET',
    url: new URL('http://127.0.0.1/'),
    headers: {},
    body: Buffer.alloc(0)
  }
  return s3ErrorResponse(error, fallbackRequest, requestId)
}

function send(
  response: ServerResponse,
  answer: StandInResponse,
  protocol: Route['protocol'],
  requestId: string,
  call: CallRecord
): void {
  const idHeaders: Record<string, string> =
    protocol === 's3'
      ? { 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(requestId).toString('base64') }
      : { 'x-amzn-requestid': requestId }
  const body = answer.body ?? ''
  const headers: Record<string, string> = { ...idHeaders, ...answer.headers }
  // HEAD answers keep the object's Content-Length; everything else describes the body sent.
  if (headers['content-length'] === undefined || answer.body !== undefined)
    headers['content-length'] = String(Buffer.byteLength(body))
  call.status = answer.status
  response.writeHead(answer.status, headers)
  response.end(body)
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      if (typeof address === 'object' && address) resolve(address.port)
      else reject(new Error('stand-in server has no port'))
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise(resolve => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
