// Compose volumes → what ships in the bundle and is mounted from
// /var/app/current, what lives in a folder of the instance, and what is
// dropped (named volumes, host paths, source mounts the image already has).
// A bind mount of the build context is dropped only when the Dockerfile
// copies that path to that place and .dockerignore lets it through;
// otherwise the app needs it on Beanstalk too, and it ships.

import { posix } from 'node:path'
import { imagePathsOf, isIgnored } from '../compose/dockerfile.js'
import type { ComposeMount, ComposeProject, ComposeService } from '../compose/model.js'

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

export function mountsFor(service: ComposeService, compose: ComposeProject, notes: string[]): PlannedMount[] {
  const planned: PlannedMount[] = []
  for (const mount of service.volumes) {
    const described = describeMount(mount)
    if (mount.type === 'volume') {
      notes.push(
        `${service.name}: ${mount.source ? 'volume' : 'anonymous volume'} ${described} dropped: named volumes have no Beanstalk equivalent and data written there is lost at each deploy`
      )
      continue
    }
    if (mount.hostPath || !mount.source) {
      notes.push(
        `${service.name}: host path ${described} dropped (it does not exist on a Beanstalk instance)`
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
      notes.push(
        `${service.name}: bind mount ${described} dropped: it mounts the whole folder of the compose file (source code for development), which is not shipped in the bundle; copy what ${mount.target} needs into the image`
      )
      continue
    }
    if (bundlePath.startsWith('..')) {
      notes.push(
        `${service.name}: bind mount ${described} dropped: outside the compose file's folder, so not shipped in the bundle`
      )
      continue
    }
    const volume = bundlePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'bundle'
    if (!existsInCheckout(compose, mount.source)) {
      notes.push(
        `${service.name}: ${mount.source} is not in the checkout (ignored by git?): ${mount.target} is mounted from the instance folder ${INSTANCE_DATA_ROOT}/${bundlePath}, which keeps its data across deploys but not when an instance is replaced or the environment scales; keep lasting data in S3, EFS or the database`
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
  return planned
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

function isWithin(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path)
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative))
}
