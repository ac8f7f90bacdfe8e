// The source bundle: Dockerrun.aws.json plus the files its mount points need
// and the optional .ebextensions / .platform folders, zipped so that the same
// content always gives the same bytes (sorted entries, fixed timestamps and
// attributes) — the hash then tells whether a version label's bundle changed.
//
// The zip is streamed: entries arrive as chunks and leave as chunks, so a
// shipped folder of gigabytes never sits in memory, and the output stops at
// Beanstalk's source bundle limit. No I/O here: the caller reads the files
// and writes the zip (src/adapters/workspace/files.ts).

import { createHash } from 'node:crypto'
import { Zip, ZipDeflate } from 'fflate'

/** An entry whose content is read as it is zipped. */
export interface StreamedEntry {
  /** Path inside the zip, with forward slashes. */
  path: string
  executable?: boolean
  /** Bytes before compression, when known (named in the too-large error). */
  size?: number
  chunks(): AsyncIterable<Uint8Array>
}

/** Beanstalk refuses source bundles over 500 MB. */
export const MAX_BUNDLE_BYTES = 500 * 1024 * 1024
/** The zip format without its 64-bit extension, which fflate does not write. */
const MAX_ENTRY_BYTES = 0xffff_ffff
const MAX_ENTRIES = 0xffff

export class BundleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BundleError'
  }
}

/**
 * DOS time starts in 1980; a fixed stamp keeps the zip reproducible. fflate
 * reads the date in local time, so it is given in local time: the UTC instant
 * is 1979 west of Greenwich (fflate throws) and other bytes east of it.
 */
const FIXED_TIME = new Date(1980, 0, 1)

/** The zip path of an entry: no leading `./` or `/`, no `..`, each path once. Sorted by path. */
function checkedAndSorted<T extends { path: string }>(entries: T[]): (T & { zipPath: string })[] {
  if (entries.length > MAX_ENTRIES) {
    throw new BundleError(`the bundle would hold ${entries.length} files; a zip holds at most ${MAX_ENTRIES}`)
  }
  const seen = new Set<string>()
  const checked = entries.map(entry => {
    const zipPath = entry.path.replace(/^\.?\/+/, '')
    if (zipPath === '' || zipPath.split('/').includes('..'))
      throw new BundleError(`bundle path "${entry.path}" is not allowed`)
    if (seen.has(zipPath)) throw new BundleError(`bundle path "${zipPath}" is given twice`)
    seen.add(zipPath)
    return { ...entry, zipPath }
  })
  return checked.sort((a, b) => (a.zipPath < b.zipPath ? -1 : a.zipPath > b.zipPath ? 1 : 0))
}

/** One zip file entry. Unix mode in the high 16 bits of the external attributes: hooks under .platform stay executable. */
function zipFile(path: string, executable: boolean | undefined): ZipDeflate {
  const mode = executable ? 0o100755 : 0o100644
  const file = new ZipDeflate(path, { level: 9 })
  file.mtime = FIXED_TIME
  file.os = 3
  file.attrs = (mode << 16) >>> 0
  return file
}

/** A zip whose output chunks are collected as fflate produces them, to be taken with drain(). */
function collectingZip(): { zip: Zip; drain(): Uint8Array[] } {
  let pending: Uint8Array[] = []
  const zip = new Zip((error, data) => {
    if (error) throw error
    pending.push(data)
  })
  return {
    zip,
    drain: () => {
      const chunks = pending
      pending = []
      return chunks
    }
  }
}

export interface StreamedZip {
  bytes: number
  sha256: string
}

/**
 * Zips the entries in path order, handing each output chunk to `write` as it
 * is produced; stops with a BundleError naming the largest entries once the
 * output passes `maxBytes`.
 */
export async function streamBundle(
  entries: StreamedEntry[],
  write: (chunk: Uint8Array) => Promise<void>,
  maxBytes = MAX_BUNDLE_BYTES
): Promise<StreamedZip> {
  const sorted = checkedAndSorted(entries)
  const oversized = sorted.find(entry => (entry.size ?? 0) > MAX_ENTRY_BYTES)
  if (oversized) throw new BundleError(`${oversized.zipPath} is too large for a bundle (4 GiB or more)`)
  const hash = createHash('sha256')
  let bytes = 0
  const { zip, drain } = collectingZip()
  const flush = async (): Promise<void> => {
    for (const chunk of drain()) {
      bytes += chunk.byteLength
      if (bytes > maxBytes) throw new BundleError(tooLarge(sorted, maxBytes))
      hash.update(chunk)
      await write(chunk)
    }
  }
  for (const entry of sorted) {
    const file = zipFile(entry.zipPath, entry.executable)
    zip.add(file)
    for await (const chunk of entry.chunks()) {
      file.push(chunk)
      await flush()
    }
    file.push(new Uint8Array(0), true)
    await flush()
  }
  zip.end()
  await flush()
  return { bytes, sha256: hash.digest('hex') }
}

function tooLarge(entries: StreamedEntry[], maxBytes: number): string {
  const largest = [...entries]
    .filter(entry => entry.size !== undefined)
    .sort((a, b) => (b.size ?? 0) - (a.size ?? 0))
    .slice(0, 3)
    .map(entry => `${entry.path} (${formatMegabytes(entry.size ?? 0)})`)
  return (
    `the bundle is larger than Beanstalk's source bundle limit of ${formatMegabytes(maxBytes)} compressed` +
    (largest.length > 0 ? `; its largest files: ${largest.join(', ')}` : '') +
    '. Ship less in mounted folders (data belongs in the image or S3)'
  )
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`
}
