// The twins of the managed database and cache, started as throwaway
// containers on a network of their own that every app container of the smoke
// run joins. Each answers only under its managed endpoint's host name (the RDS
// address, the ElastiCache address) as a network alias: a compose name such
// as `db` does not resolve here, as it does not on Beanstalk.

import type { DockerCli } from '../adapters/docker/command-runner.js'
import { containerLogsArgs, mergeLogStreams } from '../adapters/docker/container-logs.js'
import { imageReferenceProblem } from '../core/docker-values.js'
import { withEnvFile } from '../ecs-agent/env-file.js'
import { environmentTransport, PROJECT_LABEL } from '../ecs-agent/docker-argv.js'
import type { DevService } from './dev-services.js'
import { postgresTlsSetup, twinCertificate } from './twin-tls.js'

export interface DevContainerOptions {
  project: string
  docker: DockerCli
  readyTimeoutMs: number
  /** Pause between readiness probes. */
  intervalMs?: number
}

/**
 * `docker run` argv (after `run` and the `--env-file` flag) of one dev service, and its env file.
 * The image is checked as a reference and follows `--`: a compose `image: -v=/:/hostroot` is refused.
 */
export function devServiceRun(
  service: DevService,
  project: string,
  network: string
): { args: string[]; envFile: string } {
  const where = `dev service ${service.name}`
  const imageProblem = imageReferenceProblem(service.image)
  if (imageProblem) throw new Error(`${where}: image ${imageProblem}`)
  const environment = environmentTransport(new Map(Object.entries(service.environment)), where)
  const args = [
    '--detach',
    '--name',
    devContainerName(project, service.name),
    '--label',
    `${PROJECT_LABEL}=${project}`,
    '--network',
    network,
    '--network-alias',
    service.host,
    ...environment.args,
    ...(service.memoryBytes !== undefined ? ['--memory', String(service.memoryBytes)] : []),
    '--',
    service.image,
    ...(service.command ?? [])
  ]
  return { args, envFile: environment.envFile }
}

export function devContainerName(project: string, service: string): string {
  return `${project}-dev-${service}`
}

export class DevContainers {
  readonly network: string
  /** Names, recorded before `docker run` so a container that was created but failed to start is removed too. */
  private readonly names: string[] = []
  private networkCreated = false
  /** The throwaway CA that signed the database twin's certificate, once a twin serves TLS. */
  twinCa?: string
  private removed?: Promise<void>
  private stopped?: Promise<void>

  constructor(private readonly options: DevContainerOptions) {
    this.network = `${options.project}-dev`
  }

  /** Starts every service and waits until each accepts connections; on failure the caller still calls stop(). */
  async start(services: DevService[]): Promise<void> {
    const { docker, project } = this.options
    await docker.run(['network', 'create', '--label', `${PROJECT_LABEL}=${project}`, this.network])
    this.networkCreated = true
    for (const service of services) {
      const run = devServiceRun(service, project, this.network)
      this.names.push(devContainerName(project, service.name))
      await withEnvFile(run.envFile, file => docker.run(['run', '--env-file', file, ...run.args]))
    }
    await Promise.all(services.map(service => this.waitReady(service)))
  }

  private async waitReady(service: DevService): Promise<void> {
    if (!service.readinessProbe) return
    const { docker, project, readyTimeoutMs, intervalMs = 500 } = this.options
    const name = devContainerName(project, service.name)
    const deadline = Date.now() + readyTimeoutMs
    for (;;) {
      const probe = await docker.call(['exec', name, ...service.readinessProbe])
      if (probe.exitCode === 0) {
        if (service.connectionLogging) await docker.run(['exec', name, ...service.connectionLogging])
        if (service.tls) {
          const certificate = await twinCertificate(service.host)
          const setup = postgresTlsSetup(certificate, service.username ?? 'postgres', service.tls.refusePlain)
          await docker.run(['exec', name, ...setup])
          this.twinCa = certificate.ca
        }
        return
      }
      const state = await docker.call(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name])
      const [running, exitCode] = state.stdout.trim().split(' ')
      if (running !== 'true') {
        throw new Error(
          `dev service ${service.name} (${service.image}) exited with code ${exitCode ?? 'unknown'}`
        )
      }
      if (Date.now() + intervalMs >= deadline) {
        throw new Error(
          `dev service ${service.name} (${service.image}) not ready within ${readyTimeoutMs / 1000} s`
        )
      }
      await new Promise(resolve => setTimeout(resolve, intervalMs))
    }
  }

  /**
   * The last `lines` lines of a twin's log (all of it when undefined); `stamped`: each line keeps the time the
   * engine received it (lineTime reads it).
   */
  async logs(service: string, lines?: number, stamped = false): Promise<string> {
    const result = await this.options.docker.call(
      containerLogsArgs(devContainerName(this.options.project, service), lines)
    )
    return mergeLogStreams(result.stdout, result.stderr, stamped)
  }

  /** Runs argv in a twin's container; its output. */
  async exec(service: string, argv: string[]): Promise<string> {
    const result = await this.options.docker.call([
      'exec',
      devContainerName(this.options.project, service),
      ...argv
    ])
    return result.stdout
  }

  /** Removes the containers (with their anonymous volumes). Safe to call twice. */
  removeContainers(): Promise<void> {
    this.removed ??= (async () => {
      if (this.names.length > 0) await this.options.docker.call(['rm', '--force', '--volumes', ...this.names])
    })()
    return this.removed
  }

  /** Removes the containers, then the network (once no other container is on it). Safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.removeContainers()
      if (this.networkCreated) await this.options.docker.call(['network', 'rm', this.network])
    })()
    return this.stopped
  }
}
