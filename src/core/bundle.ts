// The source bundle: Dockerrun.aws.json plus the files its mount points need
// and the optional .ebextensions / .platform folders, zipped so that the same
// content always gives the same bytes (sorted entries, fixed timestamps and
// attributes) — the hash then tells whether a version label's bundle changed.

import { createHash } from 'node:crypto'
import { zipSync, type Zippable } from 'fflate'

export interface BundleEntry {
  /** Path inside the zip, with forward slashes. */
  path: string
  data: Uint8Array
  executable?: boolean
}

/**
 * DOS time starts in 1980; a fixed stamp keeps the zip reproducible. fflate
 * reads the date in local time, so it is given in local time: the UTC instant
 * is 1979 west of Greenwich (fflate throws) and other bytes east of it.
 */
const FIXED_TIME = new Date(1980, 0, 1)

export function zipBundle(entries: BundleEntry[]): Uint8Array {
  const seen = new Set<string>()
  const files: Zippable = {}
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = entry.path.replace(/^\.?\/+/, '')
    if (path === '' || path.split('/').includes('..'))
      throw new Error(`bundle path "${entry.path}" is not allowed`)
    if (seen.has(path)) throw new Error(`bundle path "${path}" is given twice`)
    seen.add(path)
    // Unix mode in the high 16 bits of the external attributes: hooks under
    // .platform must stay executable after Beanstalk unzips the bundle.
    const mode = entry.executable ? 0o100755 : 0o100644
    files[path] = [entry.data, { mtime: FIXED_TIME, os: 3, attrs: (mode << 16) >>> 0, level: 9 }]
  }
  return zipSync(files)
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
