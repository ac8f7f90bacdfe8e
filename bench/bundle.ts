// Bundling a big shipped folder: the zip is streamed from the files to disk in
// 1 MiB chunks (src/adapters/workspace/files.ts writeBundle), so memory stays flat whatever
// the folder holds; before the stream, 3 × 1.9 GB of shipped files took
// 5.9 GB. The files are sparse (zeros: created at once, compressed fast, under
// the 500 MB limit), and each run is a child process so its peak RSS is its own.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { PROJECT_ROOT } from '../test-support/run-action.js'

export interface BundleBenchResult {
  files: number
  fileMiB: number
  seconds: number
  bundleBytes: number
  peakRssMiB: number
}

const CHILD = `
import { writeBundle } from './src/adapters/workspace/files.ts'
const [folder, count, bytes] = process.argv.slice(1)
const files = Array.from({ length: Number(count) }, (_, index) => ({
  path: 'data/' + index + '.bin', source: folder + '/' + index + '.bin', size: Number(bytes), executable: false
}))
const started = Date.now()
const bundle = await writeBundle(folder, 'bench.zip', [{ path: 'Dockerrun.aws.json', data: new TextEncoder().encode('{}') }], files)
process.stdout.write(JSON.stringify({
  seconds: (Date.now() - started) / 1000,
  bundleBytes: bundle.bytes,
  peakRssMiB: process.resourceUsage().maxRSS / 1024
}))
`

export function runBundleBench(fileMiB: number, files = 3): BundleBenchResult {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bdd-bench-bundle-'))
  try {
    const bytes = fileMiB * 1024 * 1024
    for (let index = 0; index < files; index++) {
      const file = path.join(folder, `${index}.bin`)
      writeFileSync(file, '')
      truncateSync(file, bytes)
    }
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', CHILD, folder, String(files), String(bytes)],
      { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1024 * 1024 }
    )
    return { files, fileMiB, ...(JSON.parse(output) as Omit<BundleBenchResult, 'files' | 'fileMiB'>) }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
