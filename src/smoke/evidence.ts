// What the smoke run reads once the app has run: the connections each twin
// logged (attributed to the app's containers by address), who each container
// is (its links, the variables the plan bound, its mounts, its user) and what
// it logged. The findings are pure (reach.ts, causes.ts); this gathers.

import type { DockerCli } from '../adapters/docker/command-runner.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { DeployPlan } from '../core/plan/types.js'
import type { RunningApp } from '../ecs-agent/index.js'
import type { ContainerFacts } from './causes.js'
import type { DevContainers } from './dev-containers.js'
import type { DevService } from './dev-services.js'
import { caBundleVariable, type CaBundleFile } from './ca-bundles.js'
import {
  addressOwner,
  attribute,
  type ContainerLifetime,
  mysqlConnections,
  postgresConnections,
  redisConnections,
  type ServerConnection
} from './reach.js'

export interface ContainerLog {
  container: string
  text: string
}

export interface Evidence {
  /** Twin compose name → the connections it saw; undefined when its engine cannot say. */
  connections: Map<string, ServerConnection[] | undefined>
  facts: ContainerFacts[]
  logs: ContainerLog[]
}

/** Name, user, lifetime and addresses of each app container (an exited one has no address left). */
const INSPECT_FORMAT =
  '{{.Name}}|{{.Config.User}}|{{.State.StartedAt}}|{{.State.FinishedAt}}|{{.State.Running}}|{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}'

/** What the twins saw, who each app container is (links, bindings, mounts, user), and what it logged. */
export async function gatherEvidence(
  app: RunningApp,
  input: { plan: DeployPlan },
  doc: DockerrunV2,
  services: DevService[],
  dev: DevContainers,
  docker: DockerCli,
  options: { project: string; caFiles?: ReadonlyMap<string, CaBundleFile[]> }
): Promise<Evidence> {
  const containerPrefix = `${options.project}-`
  const ids = Object.values(app.containers)
  // Every read at once: each is a docker call, and the smoke run waits for the last.
  const [raw, inspected, logs] = await Promise.all([
    Promise.all(services.map(service => twinConnections(service, dev))),
    ids.length > 0
      ? docker.call(['inspect', '--format', INSPECT_FORMAT, ...ids])
      : Promise.resolve({ stdout: '' }),
    Promise.all(
      Object.keys(app.containers).map(async name => ({ container: name, text: await app.logs(name, 200) }))
    )
  ])
  const users = new Map<string, string>()
  const lifetimes: ContainerLifetime[] = []
  for (const line of inspected.stdout.split('\n')) {
    const [fullName = '', user = '', started = '', finished = '', running = '', addresses = ''] = line
      .trim()
      .split('|')
    const name = fullName.replace(/^\//, '')
    if (!name.startsWith(containerPrefix)) continue
    const container = name.slice(containerPrefix.length)
    if (user !== '' && user !== 'root' && user !== '0') users.set(container, user)
    const startedAt = Date.parse(started)
    if (!Number.isFinite(startedAt)) continue
    const now = addresses.split(' ').filter(address => address !== '')
    const atStart = app.addresses.filter(record => record.name === container).map(record => record.address)
    lifetimes.push({
      name: container,
      addresses: [...new Set([...atStart, ...now])],
      startedAt,
      ...(running !== 'true' && Number.isFinite(Date.parse(finished)) && { finishedAt: Date.parse(finished) })
    })
  }
  const connections = new Map<string, ServerConnection[] | undefined>()
  services.forEach((service, index) => {
    const seen = raw[index]
    connections.set(
      service.name,
      seen && attribute(seen, (address, at) => addressOwner(lifetimes, address, at))
    )
  })
  const facts = doc.containerDefinitions.map((container): ContainerFacts => {
    const plan = input.plan.containers.find(candidate => candidate.name === container.name)
    const user = users.get(container.name)
    const caBundle = caBundleVariable(container.environment ?? [])
    const caFiles = options.caFiles?.get(container.name)
    return {
      name: container.name,
      linkAliases: (container.links ?? []).map(link => link.split(':')[1] || (link.split(':')[0] as string)),
      bindings: plan?.bindings ?? [],
      mounts: (container.mountPoints ?? []).map(mount => ({
        containerPath: mount.containerPath,
        sourcePath:
          doc.volumes?.find(volume => volume.name === mount.sourceVolume)?.host.sourcePath ??
          mount.sourceVolume,
        readOnly: mount.readOnly === true
      })),
      ...(user !== undefined && { user }),
      ...(caBundle !== undefined && { caBundle }),
      ...(caFiles !== undefined && { caFiles })
    }
  })
  return { connections, facts, logs }
}

/** The connections a twin logged, by client address; undefined when its engine logs none (Memcached). */
async function twinConnections(
  service: DevService,
  dev: DevContainers
): Promise<{ address: string; user?: string; ok: boolean; failure?: string }[] | undefined> {
  switch (service.engine) {
    case 'postgres':
      return postgresConnections(await dev.logs(service.name, undefined, true))
    case 'redis':
    case 'valkey':
      return redisConnections(await dev.logs(service.name, undefined, true))
    case 'mysql':
      return mysqlConnections(
        await dev.exec(service.name, [
          'sh',
          '-c',
          `q="SELECT user_host, argument FROM mysql.general_log WHERE command_type = 'Connect'"; mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -N -B -e "$q" 2>/dev/null || mariadb -uroot -p"$MYSQL_ROOT_PASSWORD" -N -B -e "$q"`
        ])
      )
    case 'memcached':
      return undefined
  }
}
