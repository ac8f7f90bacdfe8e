// The compose file's dev-only db / redis, started as throwaway containers on
// a network of their own that every app container of the smoke run joins, so
// the app reaches them by their compose names, as in development.

import type { DockerCli } from '../adapters/docker/command-runner.js'
import { imageReferenceProblem } from '../core/docker-values.js'
import { withEnvFile } from '../runner/env-file.js'
import { environmentTransport, PROJECT_LABEL } from '../runner/plan.js'
import type { DevService } from './dev-services.js'

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
  const [entryExecutable, ...entryArgs] = service.entrypoint ?? []
  const args = [
    '--detach',
    '--name',
    devContainerName(project, service.name),
    '--label',
    `${PROJECT_LABEL}=${project}`,
    '--network',
    network,
    '--network-alias',
    service.name,
    ...environment.args,
    ...(service.memoryBytes !== undefined ? ['--memory', String(service.memoryBytes)] : []),
    ...(entryExecutable !== undefined ? ['--entrypoint', entryExecutable] : []),
    '--',
    service.image,
    ...entryArgs,
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
      if (probe.exitCode === 0) return
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

  async logs(service: string, lines: number): Promise<string> {
    const result = await this.options.docker.call([
      'logs',
      '--tail',
      String(lines),
      devContainerName(this.options.project, service)
    ])
    return result.stdout + result.stderr
  }

  /** Removes the containers (with their anonymous volumes) and the network. Safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const { docker } = this.options
      if (this.names.length > 0) await docker.call(['rm', '--force', '--volumes', ...this.names])
      if (this.networkCreated) await docker.call(['network', 'rm', this.network])
    })()
    return this.stopped
  }
}
