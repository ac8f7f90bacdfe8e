// Puts an application version's registered task definition on an
// environment's "instance". Three kinds, chosen once per service:
//  - ContainerDeployer: runs the task on Docker (ecs-task.ts) and checks
//    health through the container mapping host port 80;
//  - SimulatedDeployer: no containers; a valid task definition is healthy.
//    Only for benchmarks, which measure the action, not the app; asked for
//    explicitly with `beanstalk: { instances: 'simulated' }`;
//  - UnavailableDeployer: containers were wanted but cannot run (no Docker,
//    or runContainers: false): every deploy fails and says why, so a suite
//    never turns Green without anything having answered.
// All are two-phase: prepare() starts the candidate next to whatever serves
// now; the caller promotes it (old one stops) or discards it (old one keeps
// serving) — the rolling-back behaviour of a failed Beanstalk deploy.

import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { docker, dockerCall } from '../../docker.js'
import type { StandInContext } from '../../context.js'
import { extractBundle } from './bundle.js'
import { EcsTask, TaskStartError } from './ecs-task.js'
import { instanceArchitecture } from './instances.js'
import { FrontDoor } from './front-door.js'
import type { Environment } from './model.js'
import type { TaskDefinition } from './task-definition.js'

export interface DeployRequest {
  environment: Environment
  versionLabel: string
  task: TaskDefinition
  files: Record<string, Uint8Array>
  /** Environment properties and resolved environment secrets, given to every container. */
  environmentVariables: Record<string, string>
  /** Every path the load balancer checks: each must answer healthy. */
  healthCheckPaths: string[]
  /** The answers the environment's load balancer counts as healthy (lifecycle.ts healthyStatus). */
  healthyStatus: (status: number) => boolean
}

export interface Candidate {
  healthy: boolean
  /** Health causes when unhealthy. */
  causes: string[]
  /** Makes the candidate the serving app and stops the previous one. */
  promote(): Promise<void>
  /** Stops the candidate; the previous app keeps serving. */
  discard(): Promise<void>
}

export interface Deployer {
  prepare(request: DeployRequest): Promise<Candidate>
  /** `127.0.0.1:<port>` when the environment has an app answering on loopback. */
  endpoint(environmentId: string): string | undefined
  /** Stops the environment's app (terminate). */
  stop(environmentId: string): Promise<void>
  close(): Promise<void>
}

/**
 * The cause an ELB gives an instance that fails its health check ("Instance
 * has failed at least the UnhealthyThreshold number of health checks
 * consecutively.", Classic Load Balancer DescribeInstanceHealth reason codes).
 */
export const FAILED_HEALTH_CHECKS =
  'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.'
/** Consecutive answered failures before the instance counts as unhealthy (the ELB default threshold). */
const UNHEALTHY_THRESHOLD = 5
/** A load balancer's HealthyThreshold(Count) is 2 at least (ELB API reference, API_HealthCheck): healthy answers in a row. */
const HEALTHY_THRESHOLD = 2

function settled(healthy: boolean, causes: string[]): Candidate {
  return { healthy, causes, promote: async () => {}, discard: async () => {} }
}

export class SimulatedDeployer implements Deployer {
  async prepare(): Promise<Candidate> {
    return settled(true, [])
  }

  endpoint(): string | undefined {
    return undefined
  }

  async stop(): Promise<void> {}

  async close(): Promise<void> {}
}

export class UnavailableDeployer implements Deployer {
  constructor(private readonly why: string) {}

  async prepare(): Promise<Candidate> {
    return settled(false, [
      `Stand-in: cannot run this environment's containers (${this.why}), so nothing can answer its health check. ` +
        "Benchmarks that do not need an app may start the stand-in with beanstalk: { instances: 'simulated' }."
    ])
  }

  endpoint(): string | undefined {
    return undefined
  }

  async stop(): Promise<void> {}

  async close(): Promise<void> {}
}

interface Serving {
  task: EcsTask
  bundleDir: string
}

export interface ContainerDeployerOptions {
  healthTimeoutMs: number
}

export class ContainerDeployer implements Deployer {
  /** Distinguishes this service instance's containers from any other's. */
  private readonly token = randomBytes(3).toString('hex')
  private readonly serving = new Map<string, Serving>()
  private readonly doors = new Map<string, FrontDoor>()
  private readonly pending = new Set<Serving>()
  /** Images the instances pulled; those from the stand-in's registry are removed on close (the engine is shared). */
  private readonly pulled = new Set<string>()
  private loggedIn: Promise<void> | undefined
  private deployCount = 0

  constructor(
    private readonly ctx: StandInContext,
    private readonly options: ContainerDeployerOptions
  ) {}

  async prepare(request: DeployRequest): Promise<Candidate> {
    const { environment } = request
    const project = `eb-${this.token}-${environment.id}-${++this.deployCount}`
    const bundleDir = path.join(this.ctx.dataDir, 'beanstalk', project)
    await extractBundle(request.files, bundleDir)
    let task: EcsTask
    try {
      await this.login()
      task = await EcsTask.start({
        project,
        task: request.task,
        bundleDir,
        hostDir: path.join(this.ctx.dataDir, 'beanstalk', `${project}-instance`),
        environment: request.environmentVariables,
        resolveSecret: valueFrom => this.ctx.resolveSecret(valueFrom),
        networks: this.ctx.backingNetwork ? [this.ctx.backingNetwork] : [],
        timeoutMs: this.options.healthTimeoutMs,
        pulled: this.pulled,
        ...(this.ctx.registry && { registryHost: this.ctx.registry.host }),
        architecture: instanceArchitecture(environment.optionSettings)
      })
    } catch (error) {
      await rm(bundleDir, { recursive: true, force: true })
      const reason = error instanceof TaskStartError ? error.message : String(error)
      this.ctx.log(`beanstalk: ${environment.name} ${request.versionLabel}: ${reason}`)
      return settled(false, [`ECS task stopped due to: ${reason}`])
    }
    const candidate: Serving = { task, bundleDir }
    this.pending.add(candidate)
    const causes = await this.checkHealth(task, request)
    return {
      healthy: causes.length === 0,
      causes,
      promote: () => this.promote(environment.id, candidate),
      discard: () => this.dispose(candidate)
    }
  }

  endpoint(environmentId: string): string | undefined {
    return this.serving.has(environmentId) ? this.doors.get(environmentId)?.endpoint : undefined
  }

  async stop(environmentId: string): Promise<void> {
    const current = this.serving.get(environmentId)
    this.serving.delete(environmentId)
    const door = this.doors.get(environmentId)
    this.doors.delete(environmentId)
    await door?.close()
    if (current) await this.dispose(current)
  }

  async close(): Promise<void> {
    for (const environmentId of [...this.doors.keys(), ...this.serving.keys()]) await this.stop(environmentId)
    for (const candidate of [...this.pending]) await this.dispose(candidate)
    const registry = this.ctx.registry
    if (!registry) return
    // Names under this stand-in's registry mean nothing once it stops (its port is its own).
    const ours = [...this.pulled].filter(image => image.startsWith(`${registry.host}/`))
    this.pulled.clear()
    if (ours.length > 0) await dockerCall(['rmi', ...ours])
    if (this.loggedIn) await dockerCall(['logout', registry.host])
  }

  /**
   * Polls until the app answers what its load balancer accepts on the health check path HEALTHY_THRESHOLD
   * times in a row (healthy),
   * an essential container stops, the app answers a failure UNHEALTHY_THRESHOLD
   * times in a row, or the time is up. Refused connections and gateway
   * answers (502–504) mean "still starting".
   */
  private async checkHealth(task: EcsTask, request: DeployRequest): Promise<string[]> {
    const deadline = Date.now() + this.options.healthTimeoutMs
    let failures = 0
    let successes = 0
    let last = 'no answer'
    // The test apps answer within a fraction of a second: look again soon, then every half second.
    for (let pause = 100; ; pause = Math.min(pause * 2, 500)) {
      const stopped = await task.stoppedReason()
      if (stopped) {
        const name = /\((\S+):/.exec(stopped)?.[1] ?? ''
        this.ctx.log(`beanstalk: ${request.environment.name}: ${stopped}\n${await task.logs(name)}`)
        return [`ECS task stopped due to: ${stopped}`]
      }
      // No container maps host port 80: nothing for a load balancer to check; running is all there is.
      if (!task.url) return []
      // The first path that does not answer healthy decides this round; every path healthy: a healthy round.
      let path = request.healthCheckPaths[0] ?? '/'
      let status: number | undefined
      for (path of request.healthCheckPaths) {
        status = await httpStatus(`${task.url}${path}`)
        if (status === undefined || !request.healthyStatus(status)) break
      }
      const healthy = status !== undefined && request.healthyStatus(status)
      successes = healthy ? successes + 1 : 0
      if (successes >= HEALTHY_THRESHOLD) return []
      if (!healthy) last = status === undefined ? 'no answer' : `HTTP ${status}`
      failures = !healthy && status !== undefined && ![502, 503, 504].includes(status) ? failures + 1 : 0
      if (failures >= UNHEALTHY_THRESHOLD || Date.now() > deadline) {
        this.ctx.log(`beanstalk: ${request.environment.name}: GET ${path}: ${last}`)
        return [FAILED_HEALTH_CHECKS]
      }
      await new Promise(resolve => setTimeout(resolve, pause))
    }
  }

  private async promote(environmentId: string, candidate: Serving): Promise<void> {
    let door = this.doors.get(environmentId)
    if (!door) this.doors.set(environmentId, (door = await FrontDoor.open()))
    door.setTarget(candidate.task.url)
    this.pending.delete(candidate)
    const previous = this.serving.get(environmentId)
    this.serving.set(environmentId, candidate)
    if (previous) await this.dispose(previous)
  }

  private async dispose(candidate: Serving): Promise<void> {
    this.pending.delete(candidate)
    await candidate.task.stop()
    await rm(candidate.bundleDir, { recursive: true, force: true })
  }

  /** Lets the engine pull `<registry host>/<repo>@sha256:…` images, as the instance profile does for ECR. */
  private login(): Promise<void> {
    const registry = this.ctx.registry
    if (!registry) return Promise.resolve()
    this.loggedIn ??= docker(
      ['login', '--username', registry.username, '--password-stdin', registry.host],
      60_000,
      { input: registry.password }
    )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.loggedIn = undefined // let the next deploy try again
        throw error
      })
    return this.loggedIn
  }
}

/** One GET without following redirects: its status, or undefined when nothing answered. */
function httpStatus(url: string): Promise<number | undefined> {
  return fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) }).then(
    async response => {
      await response.body?.cancel()
      return response.status
    },
    () => undefined
  )
}
