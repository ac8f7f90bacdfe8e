// Compose volumes → what ships in the bundle and is mounted from
// /var/app/current, what lives in a folder of the instance, and what is
// dropped (named volumes, host paths, source mounts the image already has).
// A bind mount of the build context is dropped only when the Dockerfile
// copies that path to that place and .dockerignore lets it through;
// otherwise the app needs it on Beanstalk too, and it ships.

import { posix } from 'node:path'
import { imagePathsOf, isIgnored } from '../compose/dockerfile.js'
import type { ComposeMount, ComposeProject, ComposeService } from '../compose/model.js'
import { ComposeError } from '../errors.js'

/** Instance folder for mounted paths the checkout does not have (uploads, logs): kept across deploys. */
export const INSTANCE_DATA_ROOT = '/var/app/volumes'

export interface PlannedMount {
  volume: string
  /** Where the volume lives on the instance. */
  sourcePath: string
  /** The workspace path shipped in the bundle for it (none for an instance folder). */
  bundle?: { source: string; target: string }
  target: string
  readOnly: boolean
}

/** Named-volume targets that hold a dependency or build cache, not data: losing them loses nothing. */
const CACHE_TARGET = /(node_modules|bundle|vendor|\.cache|cache|site-packages|deps|_build|\/tmp)(\/|$)/

/** Where data survives, said the same way for every mount that keeps data outside the image. */
const SURVIVAL =
  'a Beanstalk deploy starts new containers and an instance can be replaced or joined by others at any time; keep lasting data in S3, EFS or the database'

export function mountsFor(
  service: ComposeService,
  compose: ComposeProject,
  notes: string[],
  warnings: string[] = notes,
  deployed: readonly ComposeService[] = Object.values(compose.services)
): PlannedMount[] {
  const planned: PlannedMount[] = []
  const caches: ComposeMount[] = []
  for (const mount of service.volumes) {
    const described = describeMount(mount)
    if (mount.type === 'volume') {
      const sharers = mount.source === undefined ? [] : sharersOf(mount.source, deployed)
      if (CACHE_TARGET.test(mount.target)) {
        caches.push(mount)
      } else if (sharers.length > 1) {
        // Said once, by the first of them: what the others see is the point, not that the data is lost.
        if (sharers[0]?.service === service)
          warnings.push(sharedVolumeWarning(mount.source as string, sharers))
      } else {
        warnings.push(
          `${service.name}: ${mount.source ? 'volume' : 'anonymous volume'} ${described} dropped: what the app writes to ${mount.target} stays in its container and is lost at the next deploy; ${SURVIVAL}`
        )
      }
      continue
    }
    if (mount.hostPath || !mount.source) {
      if (/(^|\/)docker\.sock$/.test(mount.source ?? '')) {
        dockerSocket(service, described, warnings)
        continue
      }
      notes.push(
        `${service.name}: host path ${described} dropped (a folder of the developer machine; the instance's is not the same)`
      )
      continue
    }
    const inImage = builtIn(service, mount)
    if (inImage) {
      notes.push(`${service.name}: bind mount ${described} dropped: ${inImage}`)
      continue
    }
    const bundlePath = posix.relative(compose.directory, mount.source)
    if (bundlePath === '') {
      // The image does not hold that code (builtIn found no COPY of it there): the container starts without it. A
      // note was not enough: a new user's `image: node:18-alpine` + `./:/app` planned ✓ and went Red on Beanstalk.
      const why = service.build
        ? `the Dockerfile of ${service.name} does not copy it to ${mount.target}`
        : `${service.image ?? 'the image'} is not built from it`
      warnings.push(
        `${service.name}: bind mount ${described} dropped: it mounts the whole folder of the compose file (source code for development), which is not shipped in the bundle, and ${why}, so ${mount.target} starts without that code on Beanstalk; ${service.build ? `COPY it to ${mount.target} in the Dockerfile` : `give the service a build (build: . with a Dockerfile that copies the code to ${mount.target})`}`
      )
      continue
    }
    if (bundlePath.startsWith('..')) {
      notes.push(
        `${service.name}: bind mount ${described} dropped: outside the compose file's folder, so not shipped in the bundle`
      )
      continue
    }
    // ECS joins the instance path and the container path with ":" (docker -v): a path holding one cannot mount.
    if (/[,:\0\r\n]/.test(bundlePath)) {
      throw new ComposeError(
        `service "${service.name}": bind mount ${described}: its source ${JSON.stringify(mount.source)} has a "," or ":" in its path, which a Beanstalk volume cannot hold (ECS joins source and target with ":"); rename the folder or file`
      )
    }
    const volume = bundlePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'bundle'
    if (!existsInCheckout(compose, mount.source)) {
      warnings.push(
        `${service.name}: ${mount.source} is not in the checkout (ignored by git?): ${mount.target} is mounted from the instance folder ${INSTANCE_DATA_ROOT}/${bundlePath}, which keeps its data across deploys on that instance only; ${SURVIVAL}`
      )
      planned.push({
        volume: `data-${volume}`,
        sourcePath: `${INSTANCE_DATA_ROOT}/${bundlePath}`,
        target: mount.target,
        readOnly: mount.readOnly
      })
      continue
    }
    planned.push({
      volume,
      sourcePath: `/var/app/current/${bundlePath}`,
      bundle: { source: mount.source, target: bundlePath },
      target: mount.target,
      readOnly: mount.readOnly
    })
  }
  for (const cache of caches) droppedCache(service, cache, planned, notes, warnings)
  return planned
}

/**
 * A dependency or build cache volume is dropped. What the container then
 * sees at its path depends on the other mounts: the image's files, or the
 * checkout's copy of a bind mount that ships over them (the volume kept the
 * image's node_modules apart from the source mount in development).
 */
function droppedCache(
  service: ComposeService,
  cache: ComposeMount,
  planned: PlannedMount[],
  notes: string[],
  warnings: string[]
): void {
  const dropped = `${service.name}: ${cache.source ? 'volume' : 'anonymous volume'} ${describeMount(cache)} dropped`
  const over = planned.find(mount => mount.bundle && isWithin(cache.target, mount.target))
  if (!over?.bundle) {
    notes.push(
      `${dropped}: nothing is mounted over ${cache.target} on Beanstalk, so the container uses what the image holds there`
    )
    return
  }
  const hidden = posix.join(over.bundle.target, posix.relative(over.target, cache.target))
  warnings.push(
    `${dropped}, but the bind mount ${over.bundle.target}:${over.target} ships the checkout's ${over.bundle.target} over ${over.target}, so the container sees ${hidden} from the bundle instead of the image's ${cache.target}; copy ${over.bundle.target} into the image at ${over.target} (COPY) so that bind mount is dropped too`
  )
}

/** Why the image already holds what a bind mount of its build context provides, or undefined when it does not. */
function builtIn(service: ComposeService, mount: ComposeMount): string | undefined {
  const build = service.build
  if (!build || !mount.source || !isWithin(mount.source, build.context)) return undefined
  const contextPath = posix.relative(build.context, mount.source)
  // Without a readable Dockerfile nothing can be checked: a development mount of the context is the usual case.
  if (!build.contents) return 'it mounts the build context for development, and the image already contains it'
  if (isIgnored(contextPath, build.contents.ignore)) return undefined
  const target = posix.normalize(mount.target).replace(/\/+$/, '') || '/'
  if (!imagePathsOf(contextPath, build.contents).some(path => path.replace(/\/+$/, '') === target))
    return undefined
  return `the Dockerfile copies ${contextPath || 'the build context'} to ${target}, so the image already contains it`
}

function existsInCheckout(compose: ComposeProject, path: string): boolean {
  if (!compose.files.listFolder) return true
  return compose.files.readFile(path) !== undefined || compose.files.listFolder(path, 0) !== undefined
}

/** Two paths can flatten to one name (nginx/conf.d, nginx-conf.d): number the later ones. */
export function uniqueVolumeName(volumes: Map<string, string>, base: string, sourcePath: string): string {
  for (let suffix = 1; ; suffix++) {
    const name = suffix === 1 ? base : `${base}-${suffix}`
    const existing = volumes.get(name)
    if (existing === undefined || existing === sourcePath) return name
  }
}

function describeMount(mount: ComposeMount): string {
  return mount.source ? `${mount.source}:${mount.target}` : mount.target
}

/** `path` is `folder` or lies under it (both workspace-relative and normalised; `..` leads outside). */
export function isWithin(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path)
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative))
}

/**
 * A container that mounts the Docker socket watches or drives the other
 * containers (nginx-proxy, Traefik, caddy-docker-proxy, Watchtower). The
 * action never hands a container the instance's socket (it would control
 * every container there, the ECS agent's included). A proxy that routes by
 * watching it would serve nothing: refused when it is the one serving HTTP.
 */
function dockerSocket(service: ComposeService, described: string, warnings: string[]): void {
  const serves = service.ports.some(port => port.hostPort === 80 || port.hostPort === 443)
  const why = `mounts the Docker socket (${described}), which the action never gives a container on Beanstalk (it would control every container of the instance)`
  if (serves) {
    throw new ComposeError(
      `service "${service.name}" serves HTTP and ${why}: a proxy that routes by watching containers would route nothing; use a proxy with a static configuration (e.g. nginx with proxy_pass http://web:3000) or let the load balancer route to the app`
    )
  }
  warnings.push(
    `${service.name}: ${why}: dropped, so whatever ${service.name} does with Docker does not happen on Beanstalk`
  )
}

/** The deployed services that mount a named volume, each with its path, in their order. */
function sharersOf(
  volume: string,
  deployed: readonly ComposeService[]
): { service: ComposeService; target: string }[] {
  return deployed.flatMap(service =>
    service.volumes
      .filter(mount => mount.type === 'volume' && mount.source === volume)
      .slice(0, 1)
      .map(mount => ({ service, target: mount.target }))
  )
}

/**
 * A named volume two containers share (Django's collected static files, which nginx serves): compose fills it from
 * the first image at first use and both see the same files. A Beanstalk container gets no such volume, so each sees
 * only its own image at that path, and the other never sees what the first puts there — from the first deploy on.
 */
function sharedVolumeWarning(volume: string, sharers: { service: ComposeService; target: string }[]): string {
  const described = sharers.map(({ service, target }) => `service ${service.name} (${target})`).join(' and ')
  const otherNames = sharers
    .slice(1)
    .map(({ service }) => service.name)
    .join(', ')
  return `volume ${volume} dropped: ${described} share it, and on Beanstalk no volume is shared: each container sees only its own image there, so ${otherNames} never ${sharers.length === 2 ? 'sees' : 'see'} what ${sharers[0]?.service.name} puts in it (collected static files, uploads); serve those files from the app itself, or copy them into the image of ${otherNames} at build (a multi-stage COPY --from), or keep them in S3`
}
