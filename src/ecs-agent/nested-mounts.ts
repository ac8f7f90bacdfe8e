// A bind source inside another container's writable bind source is not safe to mount on the runner: Docker
// resolves a bind source when its container starts, following symlinks on the host, and the container that writes
// the outer folder can replace the inner path with a link to any runner path (the Docker login, the job's
// environment in /proc) before the other container starts. Such a source gets a private copy, made before any
// container runs, in a folder no mount contains. On the instance the two still share the folder; the copy loses only
// what one container writes there for the other while the smoke test runs.

import path from 'node:path'
import { isWithin } from '../core/plan/mounts.js'

export interface IsolatedCopy {
  /** The source as the document names it (created, then copied, before any container starts). */
  from: string
  /** The private copy the container mounts instead. */
  to: string
}

/**
 * The sources lying strictly inside a source some container mounts writable (its own included: a restarted
 * container resolves its mounts again), each with its copy under `<hostDir>/isolated`, which no mount contains.
 */
export function isolatedCopies(
  mounts: readonly { source: string; readOnly: boolean }[],
  hostDir: string
): IsolatedCopy[] {
  const writable = [...new Set(mounts.filter(mount => !mount.readOnly).map(mount => mount.source))]
  const exposed = [...new Set(mounts.map(mount => mount.source))].filter(source =>
    writable.some(outer => outer !== source && isWithin(source, outer))
  )
  return exposed.map((from, index) => ({ from, to: path.join(hostDir, 'isolated', String(index)) }))
}
