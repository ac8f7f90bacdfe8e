// One smoke run: the dev backing services up, the Dockerrun rendered for
// them, the bundle's files extracted where `/var/app/current` points, the app
// started by the same runner the stand-in uses, then health: an HTTP answer
// of 2xx/3xx from the port-80 container and every essential container still
// up a moment later. Everything it creates is removed before it returns.

import { randomBytes } from 'node:crypto'
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ComposeProject } from '../core/compose/model.js'
import { renderDockerrun, type Resolution } from '../core/dockerrun.js'
import type { DeployPlan } from '../core/plan-types.js'
import { DockerCli } from '../adapters/docker/command-runner.js'
import { PROJECT_LABEL } from '../runner/plan.js'
import { exitedEssentialCauses } from '../runner/health.js'
import { runDockerrun, type RunningApp } from '../runner/index.js'
import { listBundleFiles } from '../workspace.js'
import { DevContainers } from './dev-containers.js'
import {
  devServices,
  placeholderEnvironment,
  smokeResolution,
  smokeSecretValues,
  type DevService
} from './dev-services.js'

export interface SmokeRunInput {
  plan: DeployPlan
  compose: ComposeProject
  workspace: string
  databasePasswordEnv: string
  /** ImageBuild id → a reference the local daemon has (or can pull). */
  images: Record<string, string>
  healthPath: string
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
  /** The dev services started ahead for this run (same project), while the images built. */
  devServices?: StartedDevServices
}

/** A smoke run's dev services, started before its images exist: the run that takes them waits until ready. */
export interface StartedDevServices {
  dev: DevContainers
  /** Settles once every service accepts connections (rejects with the reason one does not). */
  ready: Promise<void>
}

/**
 * Starts the dev services of a smoke run ahead of it (a database takes seconds to accept connections):
 * pass the result to runSmoke with the same project, or stop `dev` once `ready` settled.
 */
export function startDevServices(
  input: Pick<SmokeRunInput, 'plan' | 'compose'>,
  options: Pick<SmokeRunOptions, 'project' | 'docker' | 'devReadyTimeoutMs'>
): StartedDevServices {
  const dev = new DevContainers({
    project: options.project,
    docker: new DockerCli(options.docker),
    readyTimeoutMs: options.devReadyTimeoutMs
  })
  const ready = dev.start(devServices(input.plan, input.compose))
  // Awaited by the run that takes them, which reports a failure; until then it must not go unhandled.
  ready.catch(() => undefined)
  return { dev, ready }
}

export interface ContainerLog {
  container: string
  text: string
}

export interface SmokeOutcome {
  healthy: boolean
  causes: string[]
  httpStatus?: number
  /** Logs of the containers that explain a failure (empty when healthy). */
  logs: ContainerLog[]
}

/** 64 random hex characters: long enough for any key-shaped setting (Rails' SECRET_KEY_BASE), new every run. */
export function randomPlaceholder(): string {
  return randomBytes(32).toString('hex')
}

export async function runSmoke(input: SmokeRunInput, options: SmokeRunOptions): Promise<SmokeOutcome> {
  const docker = new DockerCli(options.docker)
  const placeholder = options.placeholder ?? (() => randomPlaceholder())
  const services = devServices(input.plan, input.compose)
  const devPassword = services.find(service => service.role === 'database')?.password
  // The database password reaches every variable the plan binds to it, as the dev password.
  const doc = renderDockerrun(input.plan, smokeResolution(input.resolution ?? {}, input.images, services))
  const secrets = smokeSecretValues(doc, input.databasePasswordEnv, devPassword, placeholder)

  const hostDir = await mkdtemp(path.join(tmpdir(), `${options.project}-`))
  const ahead = options.devServices
  const dev =
    ahead?.dev ??
    new DevContainers({
      project: options.project,
      docker,
      readyTimeoutMs: options.devReadyTimeoutMs
    })
  let app: RunningApp | undefined
  const cleanup = async (): Promise<void> => {
    await app?.stop()
    // Services started ahead may still be starting: removed once they are up (or failed).
    await ahead?.ready.catch(() => undefined)
    await dev.stop()
    // A signal can arrive while runDockerrun is still creating containers, before `app` knows them.
    await removeLabelled(docker, options.project)
    await rm(hostDir, { recursive: true, force: true })
  }
  options.onCleanup?.(cleanup)
  try {
    const bundleDir = path.join(hostDir, 'bundle')
    await extractBundleFiles(input, bundleDir)
    try {
      await (ahead ? ahead.ready : dev.start(services))
    } catch (error) {
      return await devServiceFailure(error, services, dev, options.logLines ?? 30)
    }
    app = await runDockerrun(doc, {
      project: options.project,
      bundleDir,
      hostDir: path.join(hostDir, 'host'),
      extraEnvironment: placeholderEnvironment(input.plan, placeholder),
      resolveSecret: async valueFrom => secrets.get(valueFrom) ?? placeholder(valueFrom),
      networks: [dev.network],
      ...(options.docker !== undefined && { docker: options.docker })
    })
    return await checkHealth(app, input.healthPath, options)
  } finally {
    await cleanup()
  }
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
  healthPath: string,
  options: SmokeRunOptions
): Promise<SmokeOutcome> {
  const lines = options.logLines ?? 30
  const result = await app.waitHealthy({
    path: healthPath,
    timeoutMs: options.healthTimeoutMs,
    settledFailureMs: options.settledFailureMs
  })
  let causes = result.causes
  if (result.healthy) {
    // A container that crashes a moment after start (a worker that cannot reach Redis) fails too.
    await new Promise(resolve => setTimeout(resolve, options.settleMs))
    causes = exitedEssentialCauses(await app.status())
  }
  const outcome: SmokeOutcome = {
    healthy: causes.length === 0,
    causes,
    logs: causes.length === 0 ? [] : await failingLogs(app, lines),
    ...(result.httpStatus !== undefined && { httpStatus: result.httpStatus })
  }
  return outcome
}

/** The stopped essential containers' logs when some stopped; otherwise (a bad HTTP answer) every container's. */
async function failingLogs(app: RunningApp, lines: number): Promise<ContainerLog[]> {
  const statuses = await app.status()
  const stopped = statuses.filter(status => status.essential && !status.running)
  const chosen = stopped.length > 0 ? stopped : statuses
  return Promise.all(
    chosen.map(async status => ({ container: status.name, text: await app.logs(status.name, lines) }))
  )
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
  return { healthy: false, causes: [message], logs: logs.filter(log => log.text.trim() !== '') }
}
