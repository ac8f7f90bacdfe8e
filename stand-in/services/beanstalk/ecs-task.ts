// One ECS task on the stand-in's "instance": what the ECS agent does with a
// registered task definition in bridge network mode, written here from the
// ECS documentation and independent of the action's own runner, so the
// action's smoke test and the stand-in check each other.
//
//  - containers start in dependency order: links, volumesFrom and dependsOn
//    (START: started; COMPLETE: exited; SUCCESS: exited 0; HEALTHY: its
//    Docker health check passes);
//  - bridge mode: every container is on Docker's default bridge and reaches
//    another only through a legacy `--link` (as on an ECS instance), plus the
//    stand-in's backing network where RDS / ElastiCache answer;
//  - hostPort 80 is published on a random loopback port (ten environments
//    share the machine), read back for the environment's front door;
//  - bundle volumes come from the extracted bundle, other host paths and the
//    awseb-logs-<container> volumes from a per-task folder;
//  - environment: Beanstalk's environment properties, then the container's
//    own environment, then its secrets resolved from Secrets Manager / SSM.
//    Values travel in an env file only the stand-in's user reads, removed once
//    docker has read it — never in the docker CLI's own environment (a PATH or
//    DOCKER_HOST of the app would steer the CLI) and, but for values with a
//    line break, which an env file cannot hold, never in argv.
// Stop reasons use ECS's names (CannotPullContainerError,
// CannotStartContainerError, "Essential container in task exited", from the
// ECS developer guide's "stopped task errors").

import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { dockerCall, type DockerResult } from '../../docker.js'
import { holdsRdsCa, namedCaBundles, standInRdsCa } from '../../rds-pki.js'
import { LOG_VOLUME_PREFIX, type TaskContainer, type TaskDefinition, startOrder } from './task-definition.js'

/** The bundle's root on an instance. */
const BUNDLE_ROOT = '/var/app/current'
const LABEL = 'beanstalk-docker-deploy.stand-in-task'

export interface EcsTaskOptions {
  /** Unique prefix of every container name. */
  project: string
  task: TaskDefinition
  /** Extracted bundle (/var/app/current). */
  bundleDir: string
  /** Per-task folder for host volumes and logs; removed by stop(). */
  hostDir: string
  environment: Record<string, string>
  resolveSecret(valueFrom: string): Promise<string>
  /** Networks every container also joins (the backing network). */
  networks: string[]
  /** Bound on waiting for COMPLETE / SUCCESS / HEALTHY dependencies. */
  timeoutMs: number
  /** Images this task pulled are added here (the instance's owner removes them when it goes). */
  pulled?: Set<string>
  /**
   * The stand-in's ECR registry host: its images are always pulled, as a real instance (whose daemon holds none
   * of them) does. Pulling also gives the image a digest reference of the instance's own, so the action's post
   * step can untag what it built while the instance still runs it, as on a runner, which shares no daemon with it.
   */
  registryHost?: string
  /** The instance's CPU (Docker's name: amd64, arm64); an image for another one cannot start (instances.ts). */
  architecture?: string
}

/** The task could not start; `reason` is its ECS-style stopped reason. */
export class TaskStartError extends Error {}

export interface ContainerState {
  name: string
  essential: boolean
  running: boolean
  exitCode?: number | undefined
  health?: string | undefined
}

function failed(what: string, result: DockerResult): string {
  return `${what}: ${(result.stderr.trim() || result.stdout.trim()).split('\n')[0]}`
}

async function exec(args: string[]): Promise<string> {
  const result = await dockerCall(args, { timeoutMs: 300_000 })
  if (result.code !== 0) throw new TaskStartError(failed(`docker ${args[0]}`, result))
  return result.stdout.trim()
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

export class EcsTask {
  /** http://127.0.0.1:<port> of the container mapping hostPort 80, when one does. */
  url?: string
  private readonly ids = new Map<string, string>()
  /** Dockerrun image → the reference this instance runs it by (its own tag, for images of the stand-in registry). */
  private readonly runs = new Map<string, string>()
  private stopped?: Promise<void>

  private constructor(private readonly options: EcsTaskOptions) {}

  /** Starts the task; on failure everything started is removed and TaskStartError says why. */
  static async start(options: EcsTaskOptions): Promise<EcsTask> {
    const task = new EcsTask(options)
    try {
      await task.run()
      return task
    } catch (error) {
      await task.stop()
      if (error instanceof TaskStartError) throw error
      throw new TaskStartError((error as Error).message)
    }
  }

  containerName(name: string): string {
    return `${this.options.project}-${name}`
  }

  /** Each container's state, as `docker inspect` reports it. */
  async states(): Promise<ContainerState[]> {
    const states: ContainerState[] = []
    for (const container of this.options.task.containers) {
      const id = this.ids.get(container.name)
      if (!id) continue
      const answer = await dockerCall([
        'inspect',
        '--format',
        '{{.State.Running}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
        id
      ])
      const [running, exitCode, health] = answer.stdout.trim().split(' ')
      states.push({
        name: container.name,
        essential: container.essential,
        running: answer.code === 0 && running === 'true',
        exitCode: answer.code === 0 && running !== 'true' ? Number(exitCode) : undefined,
        health: health || undefined
      })
    }
    return states
  }

  /** "Essential container in task exited" with the container and its exit code, or undefined. */
  async stoppedReason(): Promise<string | undefined> {
    const exited = (await this.states()).find(state => state.essential && !state.running)
    if (!exited) return undefined
    return `Essential container in task exited. (${exited.name}: exit code ${exited.exitCode ?? 'unknown'})`
  }

  async logs(name: string, lines = 50): Promise<string> {
    const id = this.ids.get(name)
    if (!id) return ''
    const answer = await dockerCall(['logs', '--tail', String(lines), id])
    return answer.stdout + answer.stderr
  }

  /** Removes every container and folder of the task. Safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const ids = [...this.ids.values()]
      if (ids.length > 0) await dockerCall(['rm', '--force', '--volumes', ...ids])
      await rm(this.options.hostDir, { recursive: true, force: true })
    })()
    return this.stopped
  }

  private async run(): Promise<void> {
    const { task } = this.options
    for (const image of new Set(task.containers.map(container => container.image))) {
      const fromRegistry =
        this.options.registryHost !== undefined && image.startsWith(`${this.options.registryHost}/`)
      const present = await dockerCall(['image', 'inspect', '--format', '{{.Id}}', image])
      if (present.code === 0 && !fromRegistry) continue
      const pulled = await dockerCall(['pull', '--quiet', image], { timeoutMs: 300_000 })
      if (pulled.code !== 0) throw new TaskStartError(failed(`CannotPullContainerError: ${image}`, pulled))
      this.options.pulled?.add(image)
      if (!fromRegistry) continue
      // The instance's own tag: Docker refuses to untag an image's last tag while a container uses it (a digest
      // reference does not count), and the runner's tags are the action's to remove, on a runner that runs nothing.
      const own = `${image.replace(/@.*$/, '').replace(/:[^:/]*$/, '')}:${this.options.project}`
      const tagged = await dockerCall(['tag', image, own])
      if (tagged.code !== 0) throw new TaskStartError(failed(`CannotPullContainerError: ${image}`, tagged))
      this.options.pulled?.add(own)
      this.runs.set(image, own)
    }
    if (this.options.architecture) await this.checkArchitectures(this.options.architecture)
    for (const container of startOrder(task.containers)) {
      await this.awaitDependencies(container)
      const id = await this.create(container)
      this.ids.set(container.name, id)
      for (const network of this.options.networks) await exec(['network', 'connect', network, id])
      const started = await dockerCall(['start', id])
      if (started.code !== 0)
        throw new TaskStartError(failed(`CannotStartContainerError: ${container.name}`, started))
      for (const mapping of container.portMappings) {
        if (mapping.hostPort !== 80 || mapping.protocol !== 'tcp') continue
        const answer = await dockerCall(['port', id, `${mapping.containerPort}/tcp`])
        const port = /:(\d+)\s*$/m.exec(answer.stdout.split('\n')[0] ?? '')?.[1]
        // A container that stopped at once has no published port; stoppedReason() tells why.
        if (port) this.url = `http://127.0.0.1:${port}`
      }
    }
  }

  /**
   * On a real instance an image of another architecture starts and its first
   * program fails ("exec format error"): the essential container exits and
   * ECS stops the task. This machine would run it, so that outcome is given here.
   */
  private async checkArchitectures(architecture: string): Promise<void> {
    for (const container of this.options.task.containers) {
      const answer = await dockerCall(['image', 'inspect', '--format', '{{.Architecture}}', container.image])
      const imageArchitecture = answer.stdout.trim()
      if (answer.code === 0 && imageArchitecture !== '' && imageArchitecture !== architecture) {
        throw new TaskStartError(
          `Essential container in task exited. (${container.name}: exec format error: the image is ` +
            `linux/${imageArchitecture}, the instance ${architecture})`
        )
      }
    }
  }

  /** Waits for what `dependsOn` asks; links and volumesFrom need only the target started (it is). */
  private async awaitDependencies(container: TaskContainer): Promise<void> {
    const deadline = Date.now() + this.options.timeoutMs
    for (const { containerName, condition } of container.dependsOn) {
      if (condition === 'START') continue
      const id = this.ids.get(containerName) as string
      for (;;) {
        const answer = await dockerCall([
          'inspect',
          '--format',
          '{{.State.Running}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
          id
        ])
        const [running, exitCode, health] = answer.stdout.trim().split(' ')
        const exited = running !== 'true'
        if (condition === 'COMPLETE' && exited) break
        if (condition === 'SUCCESS' && exited) {
          if (exitCode === '0') break
          // ECS stops the task: the dependency did not succeed (real text unknown).
          throw new TaskStartError(
            `Dependency ${containerName} of ${container.name} exited with code ${exitCode}; condition SUCCESS not met`
          )
        }
        if (condition === 'HEALTHY') {
          if (health === 'healthy') break
          if (health === 'unhealthy' || exited)
            throw new TaskStartError(
              `Dependency ${containerName} of ${container.name} is ${exited ? 'stopped' : 'unhealthy'}; condition HEALTHY not met`
            )
        }
        if (Date.now() > deadline)
          throw new TaskStartError(
            `Dependency ${containerName} of ${container.name} did not reach condition ${condition} in time`
          )
        await new Promise(resolve => setTimeout(resolve, 250))
      }
    }
  }

  /** Environment properties, then the container's environment, then its secrets (later wins). */
  private async environmentOf(container: TaskContainer): Promise<Record<string, string>> {
    const env: Record<string, string> = { ...this.options.environment }
    for (const { name, value } of container.environment) env[name] = value
    for (const secret of container.secrets) {
      try {
        env[secret.name] = await this.options.resolveSecret(secret.valueFrom)
      } catch (error) {
        // The ECS agent fails the task when it cannot fetch a secret (ResourceInitializationError).
        throw new TaskStartError(
          `ResourceInitializationError: unable to retrieve secret ${secret.valueFrom} for ${container.name}: ${(error as Error).message}`
        )
      }
    }
    return env
  }

  private async hostPath(sourcePath: string | undefined, volume: string): Promise<string> {
    let folder: string
    if (sourcePath === undefined) {
      // A volume with no host path is a Docker-managed scratch volume; a folder of the task stands in.
      folder = path.join(this.options.hostDir, 'volumes', volume)
    } else {
      const normalised = path.posix.normalize(sourcePath)
      if (normalised === BUNDLE_ROOT || normalised.startsWith(`${BUNDLE_ROOT}/`)) {
        folder = path.join(this.options.bundleDir, normalised.slice(BUNDLE_ROOT.length))
        if (!folder.startsWith(this.options.bundleDir))
          throw new TaskStartError(`Volume ${volume} leaves the bundle: ${sourcePath}`)
      } else {
        // Any other instance path lives in the task's folder: a test never binds the real host's folders.
        folder = path.join(this.options.hostDir, 'host', normalised.replace(/\.\.(\/|$)/g, ''))
      }
    }
    // A bundle file mounted on its own (nginx/default.conf) exists already: only a missing path becomes a folder,
    // as Docker's -v does on an instance.
    if (!(await stat(folder).catch(() => undefined))) await mkdir(folder, { recursive: true })
    return folder
  }

  /**
   * A CA bundle the container names that holds an RDS CA, read from its image, with the stand-in's RDS CA appended
   * (rds-pki.ts): the host file to mount over it. Undefined when the image has no such file or it holds no RDS CA.
   */
  private async withStandInCa(
    container: TaskContainer,
    file: string,
    index: number
  ): Promise<string | undefined> {
    const folder = path.join(this.options.hostDir, 'ca')
    await mkdir(folder, { recursive: true })
    const copy = path.join(folder, `${container.name}-${index}.pem`)
    const created = await dockerCall([
      'create',
      '--label',
      `${LABEL}=${this.options.project}`,
      '--entrypoint',
      '/',
      container.image
    ])
    const id = created.stdout.trim()
    if (created.code !== 0 || id === '') return undefined
    try {
      if ((await dockerCall(['cp', '--follow-link', `${id}:${file}`, copy])).code !== 0) return undefined
    } finally {
      await dockerCall(['rm', '--force', id])
    }
    const bundle = await readFile(copy, 'utf8').catch(() => '')
    if (!holdsRdsCa(bundle)) return undefined
    await writeFile(copy, `${bundle.trimEnd()}\n${(await standInRdsCa()).cert.trim()}\n`)
    return copy
  }

  /** `docker create` with the container's environment in a private env file; its id. */
  private async create(container: TaskContainer): Promise<string> {
    const env = await this.environmentOf(container)
    const folder = path.join(this.options.hostDir, 'env')
    await mkdir(folder, { recursive: true, mode: 0o700 })
    const file = path.join(folder, `${container.name}.env`)
    const lines: string[] = []
    const inline: string[] = []
    for (const name of Object.keys(env).sort()) {
      const value = env[name] as string
      // An env file line is NAME=value up to the line's end; "#" starts a comment.
      if (/[\r\n]/.test(value) || name.startsWith('#')) inline.push('--env', `${name}=${value}`)
      else lines.push(`${name}=${value}\n`)
    }
    await writeFile(file, lines.join(''), { mode: 0o600 })
    try {
      return await exec(['create', '--env-file', file, ...inline, ...(await this.createArgs(container, env))])
    } finally {
      await rm(file, { force: true })
    }
  }

  private async createArgs(container: TaskContainer, env: Record<string, string>): Promise<string[]> {
    const args = ['--name', this.containerName(container.name), '--label', `${LABEL}=${this.options.project}`]
    for (const [index, file] of namedCaBundles(env).entries()) {
      const trusted = await this.withStandInCa(container, file, index)
      if (trusted) args.push('--mount', `type=bind,source=${trusted},target=${file},readonly`)
    }
    for (const link of container.links)
      args.push('--link', `${this.containerName(link.target)}:${link.alias}`)
    if (container.memory) args.push('--memory', `${container.memory}m`)
    if (container.memoryReservation) args.push('--memory-reservation', `${container.memoryReservation}m`)
    if (container.workingDirectory) args.push('--workdir', container.workingDirectory)
    if (container.hostname) args.push('--hostname', container.hostname)
    for (const mount of container.mountPoints) {
      const declared = this.options.task.volumes.find(volume => volume.name === mount.sourceVolume)
      const source = declared
        ? await this.hostPath(declared.sourcePath, declared.name)
        : await this.hostPath(
            // Beanstalk's awseb-logs-<container> → /var/log/containers/<container> on the instance.
            `/var/log/containers/${mount.sourceVolume.slice(LOG_VOLUME_PREFIX.length)}`,
            mount.sourceVolume
          )
      args.push(
        '--mount',
        `type=bind,source=${source},target=${mount.containerPath}${mount.readOnly ? ',readonly' : ''}`
      )
    }
    for (const source of container.volumesFrom) {
      const from = this.containerName(source.sourceContainer)
      args.push('--volumes-from', source.readOnly ? `${from}:ro` : from)
    }
    for (const mapping of container.portMappings) {
      // Only loopback, on a port Docker picks: environments share the machine.
      args.push('--publish', `127.0.0.1::${mapping.containerPort}/${mapping.protocol}`)
    }
    const check = container.healthCheck
    if (check && check.command.length > 0) {
      const [kind, ...rest] = check.command
      const command = kind === 'CMD-SHELL' ? rest.join(' ') : rest.map(shellQuote).join(' ')
      args.push('--health-cmd', command)
      // ECS defaults: interval 30 s, timeout 5 s, retries 3, start period off.
      args.push('--health-interval', `${check.interval ?? 30}s`, '--health-timeout', `${check.timeout ?? 5}s`)
      args.push('--health-retries', String(check.retries ?? 3))
      if (check.startPeriod) args.push('--health-start-period', `${check.startPeriod}s`)
    }
    for (const [key, value] of Object.entries(container.dockerLabels)) args.push('--label', `${key}=${value}`)
    // docker's --entrypoint takes one executable; the rest of an ECS entryPoint array precedes the command.
    // An empty entryPoint reaches Docker from the ECS agent as an empty Entrypoint, which clears the image's.
    const [entryExecutable, ...entryArgs] = container.entryPoint ?? []
    if (entryExecutable !== undefined) args.push('--entrypoint', entryExecutable)
    else if (container.entryPoint) args.push('--entrypoint', '')
    args.push(this.runs.get(container.image) ?? container.image, ...entryArgs, ...(container.command ?? []))
    return args
  }
}
