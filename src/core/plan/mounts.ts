// Compose volumes → what ships in the bundle and is mounted from /var/app/current,
// and what is dropped (named volumes, tmpfs, host paths, source-code mounts).

import { posix } from 'node:path'
import type { ComposeMount, ComposeProject, ComposeService } from '../compose/model.js'

export interface PlannedMount {
  volume: string
  source: string
  bundlePath: string
  target: string
  readOnly: boolean
}

export function mountsFor(service: ComposeService, compose: ComposeProject, notes: string[]): PlannedMount[] {
  const planned: PlannedMount[] = []
  for (const mount of service.volumes) {
    const described = describeMount(mount)
    if (mount.type === 'tmpfs') {
      notes.push(`${service.name}: tmpfs ${mount.target} dropped (no Dockerrun v2 equivalent)`)
    } else if (mount.type === 'volume') {
      notes.push(
        `${service.name}: volume ${described} dropped: named volumes have no Beanstalk equivalent and data written there is lost at each deploy`
      )
    } else if (mount.hostPath || !mount.source) {
      notes.push(
        `${service.name}: host path ${described} dropped (it does not exist on a Beanstalk instance)`
      )
    } else if (service.build && isWithin(mount.source, service.build.context)) {
      notes.push(
        `${service.name}: bind mount ${described} dropped: it mounts the build context for development, and the image already contains it`
      )
    } else {
      const bundlePath = posix.relative(compose.directory, mount.source)
      if (bundlePath.startsWith('..') || bundlePath === '') {
        notes.push(
          `${service.name}: bind mount ${described} dropped: outside the compose file's folder, so not shipped in the bundle`
        )
        continue
      }
      planned.push({
        volume: bundlePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'bundle',
        source: mount.source,
        bundlePath,
        target: mount.target,
        readOnly: mount.readOnly
      })
    }
  }
  return planned
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
