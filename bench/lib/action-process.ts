// Runs dist/index.js as the runner does (INPUT_* variables, GITHUB_OUTPUT and
// friends), like test-support/run-action.ts, but keeps what the benchmarks need:
// the spawn time, every stdout line with its arrival time, the exit time, and
// the process's peak RSS (VmHWM, sampled from /proc while it runs; the kernel
// keeps the high-water mark, so the last sample holds the peak so far).

import { execFile, spawn } from 'node:child_process'
import { cp, mkdir, readFile, symlink } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import { PROJECT_ROOT, parseFileCommands, withRunnerEnvironment } from '../../test-support/run-action.js'

export interface TimedLine {
  at: number
  text: string
}

export interface TimedActionRun {
  status: number | null
  /** Date.now() just before spawn, and when the process exited. */
  spawnedAt: number
  exitedAt: number
  lines: TimedLine[]
  stderr: string
  outputs: Record<string, string>
  /** The job summary (HTML) the action wrote. */
  summary: string
  /** Peak resident set size in KiB (VmHWM), undefined when /proc could not be read. */
  peakRssKiB?: number
}

export interface TimedActionOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  workspace?: string
  sha?: string
  /** Called with each stdout line as it arrives. */
  onLine?: (line: string) => void
  /** Interval of the /proc sampling, ms. */
  sampleMs?: number
  /** The bundle to run (default: this checkout's dist/index.js; the bench runs an older build beside it). */
  script?: string
}

const execFileAsync = promisify(execFile)

/**
 * The action bundled as dist/index.js would be, from `ref`'s src/ (a commit) or from this checkout's working
 * tree (`ref` undefined), with this checkout's node_modules, into `folder` — never into dist/, which only the
 * lead rebuilds. A benchmark of a change to src/ runs this, not dist/index.js, which is the last bundle and
 * would hide the change; ncc rather than tsx, so the start-up measured is a bundle's (tsx compiles each
 * module as it loads, seconds that no runner pays).
 */
export async function bundleOf(ref: string | undefined, folder: string): Promise<string> {
  await mkdir(folder, { recursive: true })
  if (ref === undefined) {
    for (const entry of ['src', 'package.json', 'tsconfig.json'])
      await cp(path.join(PROJECT_ROOT, entry), path.join(folder, entry), { recursive: true })
  } else {
    const archive = path.join(folder, 'tree.tar')
    await execFileAsync(
      'git',
      ['archive', '--output', archive, ref, 'src', 'package.json', 'tsconfig.json'],
      {
        cwd: PROJECT_ROOT
      }
    )
    await execFileAsync('tar', ['-xf', archive, '-C', folder])
  }
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(folder, 'node_modules'))
  await execFileAsync(
    path.join(PROJECT_ROOT, 'node_modules/.bin/ncc'),
    ['build', 'src/index.ts', '-o', 'dist', '--target', 'es2022'],
    { cwd: folder, maxBuffer: 64 * 1024 * 1024 }
  )
  return path.join(folder, 'dist/index.js')
}

async function highWaterMark(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status)
  return match ? Number(match[1]) : undefined
}

export async function runActionTimed(options: TimedActionOptions): Promise<TimedActionRun> {
  const env = { ...(options.sha !== undefined && { GITHUB_SHA: options.sha }), ...options.env }
  return withRunnerEnvironment({ ...options, env }, async (runnerEnv, files) => {
    const lines: TimedLine[] = []
    let stderr = ''
    let peak: number | undefined
    const spawnedAt = Date.now()
    const child = spawn(process.execPath, [options.script ?? path.join(PROJECT_ROOT, 'dist/index.js')], {
      env: runnerEnv,
      cwd: runnerEnv.GITHUB_WORKSPACE
    })
    const pid = child.pid as number
    const sampler = setInterval(() => {
      // Not awaited: a sampler tick must not wait for the last; highWaterMark() never rejects (reads fall back to '').
      void highWaterMark(pid).then(value => {
        if (value !== undefined) peak = Math.max(peak ?? 0, value)
      })
    }, options.sampleMs ?? 20)
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const at = Date.now()
      pending += chunk.toString()
      const parts = pending.split('\n')
      pending = parts.pop() ?? ''
      for (const text of parts) {
        lines.push({ at, text })
        options.onLine?.(text)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    let exitedAt = 0
    child.once('exit', () => {
      exitedAt = Date.now()
      clearInterval(sampler)
    })
    // 'close' comes after 'exit' and after stdout and stderr have ended.
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', code => resolve(code))
    })
    clearInterval(sampler)
    if (pending) lines.push({ at: exitedAt, text: pending })
    return {
      status,
      spawnedAt,
      exitedAt,
      lines,
      stderr,
      outputs: parseFileCommands(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      ...(peak !== undefined && { peakRssKiB: peak })
    }
  })
}

/** The `::error::` lines, for a failure message. */
export function errorsOf(run: TimedActionRun): string {
  return run.lines
    .filter(line => line.text.startsWith('::error::'))
    .map(line => line.text)
    .join(' ')
}

/** Seconds per phase from the summary's Phases table (`<td>build and push</td><td>12.3</td>`). */
export function phasesOf(run: TimedActionRun): Record<string, number> {
  const phases: Record<string, number> = {}
  for (const match of run.summary.matchAll(/<td>([a-z ]+)<\/td><td>(\d+(?:\.\d+)?)<\/td>/g)) {
    phases[match[1] as string] = Number(match[2])
  }
  return phases
}

/** When the last "✓ Build web (…)" / "✓ Build and push web (…)" line of the run arrived. */
export function lastBuildAt(run: TimedActionRun): number {
  const built = run.lines.filter(line => /^✓ Build (and push )?\S+ \(/.test(line.text))
  const last = built.at(-1)
  if (!last) throw new Error('the action printed no "✓ Build" line')
  return last.at
}
