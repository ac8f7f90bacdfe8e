// One smoke run, as Beanstalk will run the bundle: the twins of the managed
// database and cache up under the managed endpoints' host names, the
// Dockerrun rendered exactly as it is deployed (RDS / ElastiCache hosts,
// secrets by reference; the database password references resolve to the
// twin's fresh password), the bundle's files extracted where
// `/var/app/current` points, the app started by the same runner the stand-in
// uses with links as its only names for each other. Then health: an HTTP
// answer of 2xx/3xx from the port-80 container, every essential container
// still up a moment later, every service that uses the database or the cache
// proven connected, and no known cause in the logs. Everything it creates is
// removed: before it returns, or, when the caller takes the removal
// (`removing`), beside what the caller does next (the deploy does not wait for
// `docker rm`; the run still ends with nothing left).

import { randomBytes } from 'node:crypto'
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ComposeProject } from '../core/compose/model.js'
import { renderDockerrun, type Resolution } from '../core/dockerrun.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { DeployPlan } from '../core/plan/types.js'
import { DockerCli } from '../adapters/docker/command-runner.js'
import { PROJECT_LABEL } from '../ecs-agent/docker-argv.js'
import { exitedEssentialCauses, httpGet, type HealthResult } from '../ecs-agent/health.js'
import { DependencyFailedError, runDockerrun, type RunningApp } from '../ecs-agent/index.js'
import type { CaBundleFile } from './ca-bundles.js'
import { trustTwinCa } from './twin-trust.js'
import { probeAccepts, probeRule, type HealthProbe } from '../core/health-check.js'
import { listBundleFiles } from '../adapters/workspace/files.js'
import { diagnose } from './causes.js'
import { DevContainers } from './dev-containers.js'
import {
  databasePasswordReferences,
  devServices,
  smokeEnvironment,
  smokeSecretValues,
  type DevService,
  type ManagedBacking
} from './dev-services.js'
import { gatherEvidence, type ContainerLog } from './evidence.js'
import { rankedCauses, reachFindings, type ReachFinding } from './reach.js'
import { tlsFindings } from './tls-findings.js'

export interface SmokeRunInput {
  plan: DeployPlan
  compose: ComposeProject
  workspace: string
  databasePasswordEnv: string
  /** ImageBuild id → a reference the local daemon has (or can pull). */
  images: Record<string, string>
  /** The environment's properties (name → value): Beanstalk gives them to every container. */
  properties?: Record<string, string>
  /** The paths to ask, in order, each with the codes that count as healthy there (core/health-check.ts). */
  probes: [HealthProbe, ...HealthProbe[]]
  /** The managed database and cache as the deploy resolved them: the twins answer as they will. */
  backing: ManagedBacking
  resolution?: Pick<Resolution, 'logDriver' | 'logGroup' | 'region' | 'executionRoleArn'>
}

export interface SmokeRunOptions {
  /** Unique prefix for every container, network and folder of this run. */
  project: string
  docker?: string
  healthTimeoutMs: number
  /** How long essential containers must stay up after the first healthy answer. */
  settleMs: number
  /** How long the app may answer one failing status (500, 404…) before the smoke test gives up. */
  settledFailureMs: number
  devReadyTimeoutMs: number
  /** Value for a secret or run-time variable that has no value on the runner. */
  placeholder?: (name: string) => string
  /** Lines of each failing container's log kept for the report. */
  logLines?: number
  /** Called with the cleanup as soon as there is something to clean up (for signal handlers). */
  onCleanup?: (cleanup: () => Promise<void>) => void
  /**
   * Given the removal of everything the run created, started once the outcome is known: runSmoke then returns
   * without waiting for it, and the caller must. Absent: runSmoke waits for the removal before it returns.
   */
  removing?: (removal: Promise<void>) => void
  /** The dev services started ahead for this run (same project), while the images built. */
  devServices?: StartedDevServices
}

/** A smoke run's dev services, started before its images exist: the run that takes them waits until ready. */
export interface StartedDevServices {
  dev: DevContainers
  /** The twins started, with the passwords they were initialised with. */
  services: DevService[]
  /** Settles once every service accepts connections (rejects with the reason one does not). */
  ready: Promise<void>
}

/**
 * Starts the dev services of a smoke run ahead of it (a database takes seconds to accept connections):
 * pass the result to runSmoke with the same project, or stop `dev` once `ready` settled.
 */
export function startDevServices(
  input: Pick<SmokeRunInput, 'plan' | 'compose' | 'backing'>,
  options: Pick<SmokeRunOptions, 'project' | 'docker' | 'devReadyTimeoutMs'>
): StartedDevServices {
  const dev = new DevContainers({
    project: options.project,
    docker: new DockerCli(options.docker),
    readyTimeoutMs: options.devReadyTimeoutMs
  })
  const services = devServices(input.plan, input.compose, input.backing)
  const ready = dev.start(services)
  // Awaited by the run that takes them, which reports a failure; until then it must not go unhandled.
  ready.catch(() => undefined)
  return { dev, services, ready }
}

export type { ContainerLog } from './evidence.js'

export interface SmokeOutcome {
  healthy: boolean
  causes: string[]
  httpStatus?: number
  /** Logs of the containers that explain a failure (empty when healthy). */
  logs: ContainerLog[]
  /** Said but not failing: a service that uses the database did not connect while another did. */
  warnings: string[]
  /** Role → the containers that reached its twin. */
  reached: ReachFinding['reached']
}

/** 64 random hex characters: long enough for any key-shaped setting (Rails' SECRET_KEY_BASE), new every run. */
export function randomPlaceholder(): string {
  return randomBytes(32).toString('hex')
}

export async function runSmoke(input: SmokeRunInput, options: SmokeRunOptions): Promise<SmokeOutcome> {
  const docker = new DockerCli(options.docker)
  const placeholder = options.placeholder ?? (() => randomPlaceholder())
  const ahead = options.devServices
  const services = ahead?.services ?? devServices(input.plan, input.compose, input.backing)
  const twinPassword = services.find(service => service.role === 'database')?.password
  // The document as it is deployed; only the values behind its references are the runner's.
  const doc = renderDockerrun(input.plan, {
    ...input.resolution,
    images: input.images,
    backing: cacheWithoutTls(input.backing)
  })
  const passwordReferences = databasePasswordReferences(
    doc,
    input.plan,
    input.backing,
    input.databasePasswordEnv
  )
  const secrets = smokeSecretValues(doc, passwordReferences, twinPassword, placeholder)

  const hostDir = await mkdtemp(path.join(tmpdir(), `${options.project}-`))
  const dev =
    ahead?.dev ??
    new DevContainers({
      project: options.project,
      docker,
      readyTimeoutMs: options.devReadyTimeoutMs
    })
  let app: RunningApp | undefined
  let removal: Promise<void> | undefined
  const remove = async (): Promise<void> => {
    // The app's containers and the twins at once; the twins' network once no app container is on it.
    await Promise.all([
      app?.stop(),
      // Services started ahead may still be starting: removed once they are up (or failed).
      (ahead?.ready ?? Promise.resolve()).catch(() => undefined).then(() => dev.removeContainers())
    ])
    await dev.stop()
    // A signal can arrive while runDockerrun is still creating containers, before `app` knows them.
    await removeLabelled(docker, options.project)
    await rm(hostDir, { recursive: true, force: true })
  }
  // Once: a cancel during the removal waits for the same one.
  const cleanup = (): Promise<void> => (removal ??= remove())
  options.onCleanup?.(cleanup)
  try {
    const bundleDir = path.join(hostDir, 'bundle')
    await extractBundleFiles(input, bundleDir)
    try {
      await (ahead ? ahead.ready : dev.start(services))
    } catch (error) {
      return await devServiceFailure(error, services, dev, options.logLines ?? FAILING_LOG_LINES)
    }
    // A client that verifies the database against the RDS CA bundle it names is given the twin's CA there too.
    const trust = dev.twinCa
      ? await trustTwinCa(doc, dev.twinCa, docker, {
          project: options.project,
          folder: path.join(hostDir, 'ca')
        })
      : { mounts: {}, files: new Map() }
    try {
      app = await runDockerrun(doc, {
        project: options.project,
        bundleDir,
        hostDir: path.join(hostDir, 'host'),
        extraEnvironment: smokeEnvironment(
          input.plan,
          placeholder,
          input.properties,
          twinPassword !== undefined
            ? { variable: input.databasePasswordEnv, value: twinPassword }
            : undefined
        ),
        resolveSecret: async valueFrom => secrets.get(valueFrom) ?? placeholder(valueFrom),
        networks: [dev.network],
        linksOnly: true,
        recordAddresses: true,
        extraMounts: trust.mounts,
        ...(options.docker !== undefined && { docker: options.docker })
      })
    } catch (error) {
      // A failed job (a migration) or dependency: its log says why, as a stopped essential container's does.
      if (error instanceof DependencyFailedError) return dependencyFailure(error)
      throw error
    }
    return await checkHealth(app, input, doc, services, dev, docker, { ...options, caFiles: trust.files })
  } finally {
    const removed = cleanup()
    if (options.removing) options.removing(removed)
    else await removed
  }
}

/**
 * The one change to the deployed document: a cache with in-transit encryption is reached without TLS
 * (rediss:// becomes redis://), since the cache twin serves none. The database keeps the deployed TLS
 * settings: its twin serves TLS as RDS does, and refuses plain connections where RDS would (15+).
 */
export function cacheWithoutTls(backing: ManagedBacking): ManagedBacking {
  const cache = backing.cache
  if (!cache?.endpoint.tls) return backing
  const { tls: _tls, ...endpoint } = cache.endpoint
  return { ...backing, cache: { ...cache, endpoint } }
}

/** Removes whatever still carries the run's project label: containers (with their volumes), then networks. */
export async function removeLabelled(docker: DockerCli, project: string): Promise<void> {
  const filter = `label=${PROJECT_LABEL}=${project}`
  const containers = (await docker.call(['ps', '--all', '--quiet', '--filter', filter])).stdout.split('\n')
  const ids = containers.map(id => id.trim()).filter(id => id !== '')
  if (ids.length > 0) await docker.call(['rm', '--force', '--volumes', ...ids])
  const networks = (await docker.call(['network', 'ls', '--quiet', '--filter', filter])).stdout.split('\n')
  const networkIds = networks.map(id => id.trim()).filter(id => id !== '')
  if (networkIds.length > 0) await docker.call(['network', 'rm', ...networkIds])
}

/** The files `/var/app/current/...` mount points refer to, written as the platform extracts the bundle. */
async function extractBundleFiles(input: SmokeRunInput, bundleDir: string): Promise<void> {
  await mkdir(bundleDir, { recursive: true })
  for (const entry of listBundleFiles(input.workspace, input.compose.directory, input.plan)) {
    const file = path.join(bundleDir, ...entry.path.split('/'))
    // The same rule as the zip's: a bundle path never leaves the bundle.
    if (path.relative(bundleDir, file).split(path.sep).includes('..'))
      throw new Error(`bundle path "${entry.path}" is not allowed`)
    await mkdir(path.dirname(file), { recursive: true })
    await copyFile(entry.source, file)
    await chmod(file, entry.executable ? 0o755 : 0o644)
  }
}

async function checkHealth(
  app: RunningApp,
  input: SmokeRunInput,
  doc: DockerrunV2,
  services: DevService[],
  dev: DevContainers,
  docker: DockerCli,
  options: SmokeRunOptions & { caFiles: ReadonlyMap<string, CaBundleFile[]> }
): Promise<SmokeOutcome> {
  const lines = options.logLines ?? FAILING_LOG_LINES
  // Every path Beanstalk checks must answer as its load balancer asks: a smoke test less strict than Beanstalk
  // passes a failing deploy.
  let result: HealthResult = { healthy: true, causes: [] }
  for (const probe of input.probes) {
    if (!result.healthy) break
    result = await app.waitHealthy({
      path: probe.path,
      timeoutMs: options.healthTimeoutMs,
      settledFailureMs: options.settledFailureMs,
      accepts: {
        status: status => probeAccepts(probe, status),
        expected: probeRule(probe)
      }
    })
  }
  let healthCauses = result.causes
  if (result.healthy) {
    // A container that crashes a moment after start (a worker that cannot reach Redis) fails too.
    await new Promise(resolve => setTimeout(resolve, options.settleMs))
    healthCauses = exitedEssentialCauses(await app.status())
    if (healthCauses.length === 0) healthCauses = await stillHealthy(app, input.probes, options.settleMs)
  }
  const checkerWarnings = healthCauses.length === 0 ? await healthCheckerWarnings(app, input.probes) : []
  const evidence = await gatherEvidence(app, input, doc, services, dev, docker, {
    project: options.project,
    caFiles: options.caFiles
  })
  const users = new Map(
    services.map(service => [
      service.name,
      input.plan.containers
        .filter(container => container.uses.includes(service.role))
        .map(container => container.name)
    ])
  )
  const tls = tlsFindings({
    twins: services,
    containers: evidence.facts,
    logs: evidence.logs,
    connections: evidence.connections,
    users
  })
  const checks = services.map(service => ({
    service,
    users: users.get(service.name) ?? [],
    connections: evidence.connections.get(service.name),
    unproven: tls.unproven.get(service.name) ?? []
  }))
  const reach = reachFindings(checks)
  const diagnosed = diagnose({
    twins: services,
    containers: evidence.facts,
    logs: evidence.logs,
    connections: evidence.connections
  })
  // By strength (reach.ts): a cause read in a log or a TLS refusal, an essential container that exited, what
  // the twins did not see, then the health check's.
  const causes = rankedCauses(healthCauses, [...diagnosed, ...tls.causes], checks)
  return {
    healthy: causes.length === 0,
    causes,
    logs: causes.length === 0 ? [] : await failingLogs(app, lines),
    warnings: [...checkerWarnings, ...tls.warnings, ...reach.warnings],
    reached: reach.reached,
    ...(result.httpStatus !== undefined && { httpStatus: result.httpStatus })
  }
}

/**
 * Each probe asked once (5 s: the default HealthCheckTimeout); the ones whose answer it does not accept, with the
 * answer's words ("returned 500", or the connection error).
 */
async function unhealthyAnswers(
  app: RunningApp,
  probes: HealthProbe[],
  headers: Record<string, string> = {}
): Promise<{ probe: HealthProbe; status?: number; error: string }[]> {
  if (!app.url) return []
  const failed: { probe: HealthProbe; status?: number; error: string }[] = []
  for (const probe of probes) {
    const outcome = await httpGet(`${app.url}${probe.path}`, 5000, headers)
    if (outcome.status !== undefined && probeAccepts(probe, outcome.status)) continue
    failed.push({
      probe,
      ...(outcome.status !== undefined && { status: outcome.status }),
      error: outcome.error ?? 'no answer'
    })
  }
  return failed
}

/**
 * Every path asked once more after the settle period. A load balancer counts a target healthy only after several
 * healthy answers in a row (HealthyThreshold / HealthyThresholdCount: at least 2 for every ELB type,
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_HealthCheck.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html), so an app
 * that answers once and then fails (a crashed worker thread, an exhausted pool) never turns Green there.
 */
async function stillHealthy(app: RunningApp, probes: HealthProbe[], settleMs: number): Promise<string[]> {
  return (await unhealthyAnswers(app, probes)).map(
    ({ probe, status, error }) =>
      `health check failed: GET ${probe.path} ${status !== undefined ? `returned ${status}` : error} ${Math.round(settleMs / 1000)} s after a healthy answer (a load balancer wants several healthy answers in a row)`
  )
}

/** What a load balancer's health checker sends: the instance's private IP as the Host (here one of the default VPC's). */
const HEALTH_CHECKER_HEADERS = { Host: '172.31.0.10', 'User-Agent': 'ELB-HealthChecker/2.0' }

/**
 * Each path a load balancer checks, asked once as its health checker asks: with the instance's private IP as the
 * Host. An app that validates the Host (Django's ALLOWED_HOSTS, Rails' config.hosts) answers 400 there and goes
 * Red although every page works by name. A warning, not a failure: an app that adds its instance's IP from the
 * instance metadata (django-ebhealthcheck) works on AWS, and a runner has no instance metadata.
 */
async function healthCheckerWarnings(app: RunningApp, probes: HealthProbe[]): Promise<string[]> {
  const checked = probes.filter(probe => probe.advice.length > 0)
  return (await unhealthyAnswers(app, checked, HEALTH_CHECKER_HEADERS)).map(
    ({ probe, status, error }) =>
      `GET ${probe.path} with Host: ${HEALTH_CHECKER_HEADERS.Host} (the instance's private IP, which the load balancer's health checker sends) ${status !== undefined ? `answered ${status}` : error}: on AWS the health check fails unless the app accepts its instance's private IP as a host (Django: ALLOWED_HOSTS; Rails: config.hosts), and the environment goes Red; an app that adds that IP from the instance metadata is fine (a runner has none)`
  )
}

/**
 * Lines of a failing container's log printed and read for its cause: the error a runtime prints is often 30 or more
 * lines above the end (node-postgres' error with its frames and properties, Java's cause chain).
 */
const FAILING_LOG_LINES = 100

/** The stopped essential containers' logs when some stopped; otherwise (a bad HTTP answer) every container's. */
async function failingLogs(app: RunningApp, lines: number): Promise<ContainerLog[]> {
  const statuses = await app.status()
  const stopped = statuses.filter(status => status.essential && !status.running)
  const chosen = stopped.length > 0 ? stopped : statuses
  return Promise.all(
    chosen.map(async status => ({ container: status.name, text: await app.logs(status.name, lines) }))
  )
}

function dependencyFailure(error: DependencyFailedError): SmokeOutcome {
  return {
    healthy: false,
    causes: [error.message],
    logs: [{ container: error.container, text: error.log }],
    warnings: [],
    reached: []
  }
}

async function devServiceFailure(
  error: unknown,
  services: DevService[],
  dev: DevContainers,
  lines: number
): Promise<SmokeOutcome> {
  const message = error instanceof Error ? error.message : String(error)
  const logs = await Promise.all(
    services.map(async service => ({ container: service.name, text: await dev.logs(service.name, lines) }))
  )
  return {
    healthy: false,
    causes: [message],
    logs: logs.filter(log => log.text.trim() !== ''),
    warnings: [],
    reached: []
  }
}
