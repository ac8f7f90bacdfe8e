// Runs a Dockerrun v2 document on the local Docker engine the way the ECS
// platform does: one network per app, containers started in link order,
// ports published on loopback. docker-argv.ts decides the argv; this file only
// executes it and keeps track of what it created so stop() can remove it.

import { cp, mkdir, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import { DockerCli, DockerCommandError } from '../adapters/docker/command-runner.js'
import { containerLogsArgs, mergeLogStreams } from '../adapters/docker/container-logs.js'
import { withEnvFile } from './env-file.js'
import {
  type ContainerStatus,
  type FailingStreak,
  type HealthResult,
  afterFailedProbe,
  exitedEssentialCauses,
  httpFailureCause,
  httpGet,
  isHealthyHttpStatus
} from './health.js'
import { type AppPlan, type BindMount, PROJECT_LABEL, planApp } from './docker-argv.js'

export interface RunDockerrunOptions {
  /** Unique prefix for every container, network and folder this app gets. */
  project: string
  /** Extracted bundle: sourcePath `/var/app/current/x` maps to `<bundleDir>/x`. */
  bundleDir?: string
  /** Host folder for log volumes and non-bundle host paths; default `<tmp>/<project>`, removed by stop(). */
  hostDir?: string
  /** Applied to every container (e.g. Beanstalk environment properties); the container's own values win. */
  extraEnvironment?: Record<string, string>
  /** Resolves a container `secrets[].valueFrom`; the values are injected as environment, never logged. */
  resolveSecret?: (valueFrom: string) => Promise<string>
  /** Extra networks every container joins before it starts (e.g. the stand-in's backing network). */
  networks?: string[]
  hostPortBinding?: '127.0.0.1'
  /** docker CLI path. */
  docker?: string
  /** How long a container waits for its dependsOn conditions (a migration job, a healthy database). */
  dependencyTimeoutMs?: number
  /** Containers reach each other only through links, as on ECS bridge networking (see PlanOptions). */
  linksOnly?: boolean
  /** Host files mounted into containers beside the document's own mounts (see PlanOptions). */
  extraMounts?: Record<string, BindMount[]>
  /**
   * Records each container's addresses and start time as it starts (RunningApp.addresses): a job that has exited
   * since is still known by the address it connected from.
   */
  recordAddresses?: boolean
}

const DEPENDENCY_TIMEOUT_MS = 10 * 60_000

/** A container another waits for failed (a job exited non-zero, a container stopped before it was healthy). */
export class DependencyFailedError extends Error {
  constructor(
    message: string,
    /** The container that failed, as in the document. */
    readonly container: string,
    /** The end of its log: why it failed, as a user reads it. */
    readonly log: string
  ) {
    super(message)
    this.name = 'DependencyFailedError'
  }
}

/** Lines of a failed dependency's log kept: as many as the smoke test reads of a failing container. */
const DEPENDENCY_LOG_LINES = 100

export interface AddressRecord {
  address: string
  /** The container's name, as in the document. */
  name: string
  /** When the engine started it (ms since the epoch, the engine's clock). */
  startedAt: number
}

export interface PublishedPort {
  container: string
  containerPort: number
  requestedHostPort: number
  hostPort: number
}

export interface WaitHealthyOptions {
  path?: string
  timeoutMs: number
  intervalMs?: number
  /**
   * Give up early once the app itself has answered with the same failing
   * status (500, 404…) for this long. Gateway answers (502, 503, 504) and
   * refused connections mean "still booting" and wait for the full timeout.
   */
  settledFailureMs?: number
  /** Which answers are healthy (default 2xx/3xx, isHealthyHttpStatus), and how a failure line words that rule. */
  accepts?: { status: (status: number) => boolean; expected: string }
}

export interface RunningApp {
  project: string
  /** http://127.0.0.1:<port> of the container mapping hostPort 80, or undefined when none does. */
  url?: string
  /** container name (as in the document) → Docker container id */
  containers: Record<string, string>
  ports: PublishedPort[]
  /**
   * Each container's IPv4 addresses with the time it started (ms), recorded at start when asked to: an address
   * freed by a job that exited may be given to a container started after it.
   */
  addresses: AddressRecord[]
  status(): Promise<ContainerStatus[]>
  logs(name: string, lines?: number): Promise<string>
  /** Polls until the app answers a healthy status, an essential container stops, or the time is up. */
  waitHealthy(options: WaitHealthyOptions): Promise<HealthResult>
  /** Removes every container, network and folder the app created. Safe to call twice. */
  stop(): Promise<void>
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false
  )
}

async function resolveSecrets(
  doc: DockerrunV2,
  resolveSecret: RunDockerrunOptions['resolveSecret']
): Promise<Record<string, Record<string, string>>> {
  const values: Record<string, Record<string, string>> = {}
  for (const container of doc.containerDefinitions) {
    if (!container.secrets?.length) continue
    if (!resolveSecret)
      throw new Error(`Container ${container.name} has secrets but no resolveSecret was given`)
    const resolved: Record<string, string> = {}
    for (const secret of container.secrets) resolved[secret.name] = await resolveSecret(secret.valueFrom)
    values[container.name] = resolved
  }
  return values
}

/** The image, pulled when the daemon lacks it; a failed pull names the image and its containers. */
async function ensureImage(docker: DockerCli, image: string, containers: string[]): Promise<void> {
  const present = await docker.call(['image', 'inspect', '--format', '{{.Id}}', '--', image])
  if (present.exitCode === 0) return
  const pulled = await docker.call(['pull', '--quiet', '--', image])
  if (pulled.exitCode !== 0) {
    const reason = (pulled.stderr.trim() || pulled.stdout.trim()).split('\n')[0]
    throw new Error(
      `the image ${image} of ${containers.join(', ')} could not be pulled (${reason}); the instances pull it the same way: build it in the compose file (build:) or push it to a registry they can reach`
    )
  }
}

/** Reads the host port Docker picked, e.g. `127.0.0.1:49153` → 49153. */
function parsePortLine(output: string): number {
  const match = /:(\d+)\s*$/m.exec(output.split('\n')[0] ?? '')
  if (!match?.[1]) throw new Error(`Unexpected docker port output: ${output}`)
  return Number(match[1])
}

class DockerApp implements RunningApp {
  url?: string
  readonly containers: Record<string, string> = {}
  readonly ports: PublishedPort[] = []
  readonly addresses: AddressRecord[] = []
  private networkCreated = false
  private stopped?: Promise<void>

  constructor(
    readonly project: string,
    private readonly docker: DockerCli,
    private readonly plan: AppPlan,
    private readonly hostDir: string,
    private readonly removeHostDir: boolean
  ) {}

  async start(options: RunDockerrunOptions): Promise<void> {
    for (const folder of [this.hostDir, ...this.plan.hostFolders]) {
      // Docker's -v creates missing bind sources; --mount does not, so do it here.
      if (!(await exists(folder))) await mkdir(folder, { recursive: true })
    }
    // Before any container runs, so none can have swapped a path for a link yet (nested-mounts.ts).
    for (const copy of this.plan.isolatedCopies) {
      await mkdir(path.dirname(copy.to), { recursive: true })
      await cp(copy.from, copy.to, {
        recursive: true,
        verbatimSymlinks: true,
        errorOnExist: true,
        force: false
      })
    }
    for (const image of new Set(this.plan.containers.map(container => container.image))) {
      const users = this.plan.containers.filter(container => container.image === image)
      await ensureImage(
        this.docker,
        image,
        users.map(container => container.name)
      )
    }
    await this.docker.run([
      'network',
      'create',
      '--label',
      `${PROJECT_LABEL}=${this.project}`,
      this.plan.network
    ])
    this.networkCreated = true
    // As the ECS agent does: each container starts once the ones it links to, takes volumes from or depends on
    // have started; the others at the same time (web and worker of one image need not wait for each other).
    const started = new Map<string, Promise<void>>()
    for (const container of this.plan.containers) {
      const after = container.startsAfter.map(name => started.get(name) ?? Promise.resolve())
      started.set(
        container.name,
        Promise.all(after).then(() => this.launch(container, options))
      )
    }
    // Every launch settles before a failure is thrown: stop() then knows every container that was created.
    const outcomes = await Promise.allSettled(started.values())
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
    if (failed) throw failed.reason
  }

  private async launch(
    container: AppPlan['containers'][number],
    options: RunDockerrunOptions
  ): Promise<void> {
    const id = await withEnvFile(container.envFile, file =>
      this.docker.run(['create', '--env-file', file, ...container.createArgs])
    )
    this.containers[container.name] = id
    for (const network of options.networks ?? []) await this.docker.run(['network', 'connect', network, id])
    await this.waitForDependencies(container, options.dependencyTimeoutMs ?? DEPENDENCY_TIMEOUT_MS)
    await this.docker.run(['start', id])
    if (options.recordAddresses) await this.recordAddresses(container.name, id)
    for (const port of container.ports) {
      const args = ['port', id, `${port.containerPort}/${port.protocol}`]
      const answer = await this.docker.call(args)
      if (answer.exitCode !== 0) {
        // A container that stopped right after its start has no published port: status() and
        // waitHealthy() report its exit, which says more than this error would.
        const running = await this.docker.call(['inspect', '--format', '{{.State.Running}}', id])
        if (running.stdout.trim() === 'false') break
        throw new DockerCommandError(args, answer)
      }
      const hostPort = parsePortLine(answer.stdout.trim())
      this.ports.push({
        container: container.name,
        containerPort: port.containerPort,
        requestedHostPort: port.requestedHostPort,
        hostPort
      })
      if (port.requestedHostPort === 80 && port.protocol === 'tcp') this.url = `http://127.0.0.1:${hostPort}`
    }
  }

  private async recordAddresses(name: string, id: string): Promise<void> {
    const answer = await this.docker.call([
      'inspect',
      '--format',
      '{{.State.StartedAt}} {{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
      id
    ])
    const [startedAt = '', ...addresses] = answer.stdout.trim().split(/\s+/)
    const started = Date.parse(startedAt)
    for (const address of addresses) {
      if (address !== '' && Number.isFinite(started))
        this.addresses.push({ address, name, startedAt: started })
    }
  }

  /** dependsOn as ECS applies it: a job must have exited (with 0 for SUCCESS), a container be healthy. */
  private async waitForDependencies(
    container: AppPlan['containers'][number],
    timeoutMs: number
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (const { container: name, condition } of container.waitFor) {
      const id = this.containers[name]
      if (!id) throw new Error(`container ${container.name} depends on ${name}, which was not started`)
      for (;;) {
        const state = await this.docker.call([
          'inspect',
          '--format',
          '{{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
          id
        ])
        const [status, exitCode, health] = state.stdout.trim().split(' ')
        const exited = status === 'exited' || status === 'dead'
        if (condition === 'HEALTHY' && health === 'healthy') break
        if (condition !== 'HEALTHY' && exited) {
          if (condition === 'SUCCESS' && exitCode !== '0') {
            throw new DependencyFailedError(
              `container ${name} exited with code ${exitCode}; ${container.name} waits for it to succeed and was not started`,
              name,
              await this.logs(name, DEPENDENCY_LOG_LINES)
            )
          }
          break
        }
        if (condition === 'HEALTHY' && exited) {
          throw new DependencyFailedError(
            `container ${name} exited with code ${exitCode} before it was healthy; ${container.name} was not started`,
            name,
            await this.logs(name, DEPENDENCY_LOG_LINES)
          )
        }
        if (Date.now() >= deadline) {
          throw new Error(
            `container ${container.name} waited ${Math.round(timeoutMs / 1000)} s for ${name} to ${condition === 'HEALTHY' ? 'be healthy' : 'complete'}`
          )
        }
        await new Promise(resolve => setTimeout(resolve, 500))
      }
    }
  }

  async status(): Promise<ContainerStatus[]> {
    const started = this.plan.containers.flatMap(container => {
      const id = this.containers[container.name]
      return id ? [{ container, id }] : []
    })
    if (started.length === 0) return []
    // One `docker inspect` for every container (polled several times a second while the app boots); a
    // container that is gone prints no line (and the call exits non-zero): not running, no exit code.
    const result = await this.docker.call([
      'inspect',
      '--format',
      '{{.Id}} {{.State.Running}} {{.State.ExitCode}}',
      ...started.map(({ id }) => id)
    ])
    const states = new Map<string, [string | undefined, string | undefined]>()
    for (const line of result.stdout.split('\n')) {
      const [fullId, running, exitCode] = line.trim().split(' ')
      if (fullId) states.set(fullId, [running, exitCode])
    }
    return started.map(({ container, id }) => {
      const [running, exitCode] =
        states.get(id) ?? [...states].find(([full]) => full.startsWith(id))?.[1] ?? []
      return {
        name: container.name,
        id,
        essential: container.essential,
        running: running === 'true',
        exitCode: running !== undefined && running !== 'true' ? Number(exitCode) : undefined
      }
    })
  }

  async logs(name: string, lines = 100): Promise<string> {
    const id = this.containers[name]
    if (!id) throw new Error(`No container ${name} in ${this.project}`)
    const result = await this.docker.call(containerLogsArgs(id, lines))
    return mergeLogStreams(result.stdout, result.stderr)
  }

  async waitHealthy({
    path: checkPath = '/',
    timeoutMs,
    intervalMs = 250,
    settledFailureMs,
    accepts
  }: WaitHealthyOptions): Promise<HealthResult> {
    const healthy = accepts?.status ?? isHealthyHttpStatus
    const deadline = Date.now() + timeoutMs
    let streak: FailingStreak | undefined
    for (;;) {
      const exited = exitedEssentialCauses(await this.status())
      if (exited.length > 0) return { healthy: false, causes: exited }
      if (!this.url) return { healthy: true, causes: [] }
      // At least a second per request, so the last attempt near the deadline can still get an answer.
      const requestTimeout = Math.min(5000, Math.max(1000, deadline - Date.now()))
      const outcome = await httpGet(`${this.url}${checkPath}`, requestTimeout)
      if (outcome.status !== undefined && healthy(outcome.status)) {
        return { healthy: true, httpStatus: outcome.status, causes: [] }
      }
      const failed: HealthResult = {
        healthy: false,
        causes: [httpFailureCause(checkPath, outcome, accepts?.expected)]
      }
      if (outcome.status !== undefined) failed.httpStatus = outcome.status
      if (Date.now() + intervalMs >= deadline) return failed
      const judged = afterFailedProbe(streak, outcome.status, Date.now(), settledFailureMs)
      if (judged.settled) return failed
      streak = judged.streak
      await new Promise(resolve => setTimeout(resolve, intervalMs))
    }
  }

  stop(): Promise<void> {
    this.stopped ??= this.removeEverything()
    return this.stopped
  }

  private async removeEverything(): Promise<void> {
    const ids = Object.values(this.containers)
    if (ids.length > 0) await this.docker.call(['rm', '--force', '--volumes', ...ids])
    if (this.networkCreated) await this.docker.call(['network', 'rm', this.plan.network])
    if (this.removeHostDir) await rm(this.hostDir, { recursive: true, force: true })
  }
}

export async function runDockerrun(doc: DockerrunV2, options: RunDockerrunOptions): Promise<RunningApp> {
  const hostDir = options.hostDir ?? path.join(os.tmpdir(), options.project)
  const plan = planApp(doc, {
    project: options.project,
    bundleDir: options.bundleDir,
    hostDir,
    extraEnvironment: options.extraEnvironment,
    secretValues: await resolveSecrets(doc, options.resolveSecret),
    hostPortBinding: options.hostPortBinding,
    linksOnly: options.linksOnly,
    extraMounts: options.extraMounts
  })
  const app = new DockerApp(
    options.project,
    new DockerCli(options.docker),
    plan,
    hostDir,
    options.hostDir === undefined
  )
  try {
    await app.start(options)
  } catch (error) {
    await app.stop()
    throw error
  }
  return app
}
