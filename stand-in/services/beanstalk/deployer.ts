// Puts an application version on an environment's "instance". Two modes:
//  - ContainerDeployer: extracts the bundle, runs its Dockerrun v2 with the
//    product's runner and health-checks it through the port-80 container.
//  - ValidatingDeployer (no-run mode): health follows the bundle's validity.
// Both are two-phase: prepare() starts the candidate next to whatever serves
// now; the caller then promotes it (old one stops) or discards it (old one
// keeps serving) — the rolling-back behaviour of a failed Beanstalk deploy.

import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { type RunningApp, runDockerrun } from '../../../src/runner/index.js'
import { DockerCli } from '../../../src/adapters/docker/command-runner.js'
import type { StandInContext } from '../../context.js'
import { extractBundle, loadBundle } from './bundle.js'
import { FrontDoor } from './front-door.js'
import type { ApplicationVersion, Environment } from './model.js'

export interface DeployRequest {
  environment: Environment
  version: ApplicationVersion
  /** Environment properties and resolved environment secrets, given to every container. */
  environmentVariables: Record<string, string>
  healthCheckPath: string
}

export interface Candidate {
  healthy: boolean
  /** Beanstalk-style causes when unhealthy, e.g. "Container web exited with code 1". */
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

/** "container web exited …" (runner wording) → "Container web exited …" (Beanstalk's). */
export function beanstalkCause(cause: string): string {
  return cause.charAt(0).toUpperCase() + cause.slice(1)
}

function settled(healthy: boolean, causes: string[]): Candidate {
  return { healthy, causes, promote: async () => {}, discard: async () => {} }
}

export class ValidatingDeployer implements Deployer {
  constructor(private readonly ctx: StandInContext) {}

  async prepare({ version }: DeployRequest): Promise<Candidate> {
    const bundle = await loadBundle(this.ctx.s3, version.bucket, version.key)
    return bundle.ok ? settled(true, []) : settled(false, [bundle.reason])
  }

  endpoint(): string | undefined {
    return undefined
  }

  async stop(): Promise<void> {}

  async close(): Promise<void> {}
}

interface Serving {
  app: RunningApp
  bundleDir: string
}

export interface ContainerDeployerOptions {
  healthTimeoutMs: number
  docker?: string
}

export class ContainerDeployer implements Deployer {
  /** Distinguishes this service instance's containers from any other's. */
  private readonly token = randomBytes(3).toString('hex')
  private readonly serving = new Map<string, Serving>()
  private readonly doors = new Map<string, FrontDoor>()
  private readonly pending = new Set<Serving>()
  private loggedIn?: Promise<void>
  private deployCount = 0

  constructor(
    private readonly ctx: StandInContext,
    private readonly options: ContainerDeployerOptions
  ) {}

  async prepare(request: DeployRequest): Promise<Candidate> {
    const { environment, version } = request
    const bundle = await loadBundle(this.ctx.s3, version.bucket, version.key)
    if (!bundle.ok) return settled(false, [bundle.reason])

    const project = `eb-${this.token}-${environment.id}-${++this.deployCount}`
    const bundleDir = path.join(this.ctx.dataDir, 'beanstalk', project)
    await extractBundle(bundle.files, bundleDir)
    let app: RunningApp
    try {
      await this.login()
      app = await runDockerrun(bundle.dockerrun, {
        project,
        bundleDir,
        hostDir: path.join(bundleDir, '.instance'),
        extraEnvironment: request.environmentVariables,
        resolveSecret: valueFrom => this.ctx.resolveSecret(valueFrom),
        networks: this.ctx.backingNetwork ? [this.ctx.backingNetwork] : [],
        docker: this.options.docker
      })
    } catch (error) {
      await rm(bundleDir, { recursive: true, force: true })
      return settled(false, [`Failed to start containers: ${(error as Error).message}`])
    }
    const candidate: Serving = { app, bundleDir }
    this.pending.add(candidate)
    const health = await app.waitHealthy({
      path: request.healthCheckPath,
      timeoutMs: this.options.healthTimeoutMs
    })
    for (const cause of health.causes)
      this.ctx.log(`beanstalk: ${environment.name} ${version.label}: ${cause}`)
    return {
      healthy: health.healthy,
      causes: health.causes.map(beanstalkCause),
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
  }

  private async promote(environmentId: string, candidate: Serving): Promise<void> {
    let door = this.doors.get(environmentId)
    if (!door) this.doors.set(environmentId, (door = await FrontDoor.open()))
    door.setTarget(candidate.app.url)
    this.pending.delete(candidate)
    const previous = this.serving.get(environmentId)
    this.serving.set(environmentId, candidate)
    if (previous) await this.dispose(previous)
  }

  private async dispose(candidate: Serving): Promise<void> {
    this.pending.delete(candidate)
    await candidate.app.stop()
    await rm(candidate.bundleDir, { recursive: true, force: true })
  }

  /** Lets the engine pull `<registry host>/<repo>@sha256:…` images, as the instance profile does for ECR. */
  private login(): Promise<void> {
    const registry = this.ctx.registry
    if (!registry) return Promise.resolve()
    this.loggedIn ??= new DockerCli(this.options.docker)
      .run(['login', '--username', registry.username, '--password-stdin', registry.host], {
        input: registry.password
      })
      .then(() => undefined)
      .catch((error: unknown) => {
        this.loggedIn = undefined // let the next deploy try again
        throw error
      })
    return this.loggedIn
  }
}
