// Runs the bundled action the way the GitHub Actions runner does: a child
// `node dist/index.js` with INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, and the GITHUB_* context variables. Shared by the
// end-to-end tests, the demo and the benchmarks.

import { checkoutHead } from '../src/adapters/workspace/checkout-head.js'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..')

export interface ActionRun {
  status: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Lines the action failed with (`::error::…`). */
  errors: string[]
}

export interface RunActionOptions {
  inputs: Record<string, string>
  /** Extra environment: the stand-in's AWS_* variables, GITHUB_* overrides. */
  env?: Record<string, string>
  workspace?: string
  /** Run the post step (docker logout) after the main step, with the state the main step saved. */
  post?: boolean
  /** Called with each line of stdout as it arrives (the demo streams the log). */
  onLine?: (line: string) => void
  /** Cancels the job as the runner does: `signal` to the main step once a line of its log matches `line`. */
  cancelOn?: { line: RegExp; signal: NodeJS.Signals }
}

/** The files the runner gives a step, and their paths. */
export interface RunnerFiles {
  output: string
  summary: string
  state: string
  event: string
}

/**
 * Lays out what the runner gives a step — empty GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * GITHUB_STATE and event files in a temp folder, the GITHUB_* context and the
 * INPUT_* variables — runs `work` with that environment, then removes the folder.
 */
/** The commit a run outside a git checkout says it builds. */
export const FAKE_SHA = '0123456789abcdef0123456789abcdef01234567'

export async function withRunnerEnvironment<T>(
  options: Pick<RunActionOptions, 'inputs' | 'env' | 'workspace'>,
  work: (env: Record<string, string>, files: RunnerFiles) => Promise<T>
): Promise<T> {
  const temp = await mkdtemp(path.join(tmpdir(), 'action-run-'))
  const files: RunnerFiles = {
    output: path.join(temp, 'output'),
    summary: path.join(temp, 'summary'),
    state: path.join(temp, 'state'),
    event: path.join(temp, 'event.json')
  }
  try {
    await Promise.all([
      writeFile(files.output, ''),
      writeFile(files.summary, ''),
      writeFile(files.state, ''),
      writeFile(files.event, '{}')
    ])
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace ?? PROJECT_ROOT,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'example/puppies',
      GITHUB_RUN_ID: '1',
      GITHUB_SERVER_URL: 'https://github.com',
      // A run in a folder of its own names a made-up commit; a run in this project's own checkout names
      // its HEAD, as actions/checkout leaves it (the fork guard compares the two: src/core/fork-guard.ts).
      GITHUB_SHA: (options.workspace === undefined && checkoutHead(PROJECT_ROOT)) || FAKE_SHA,
      RUNNER_TEMP: temp,
      ...options.env
    }
    for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    // The suites' compose files take the registry and base image from the job's environment; a workflow
    // would name them in runner-variables (src/core/runner-variables.ts). A run that sets it keeps its own.
    const named = TEST_IMAGE_VARIABLES.filter(name => env[name] !== undefined)
    if (!('runner-variables' in options.inputs) && named.length > 0)
      env['INPUT_RUNNER-VARIABLES'] = named.join(' ')
    return await work(env, files)
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/** The runner variables test compose files interpolate (__tests__/integration/helpers/http-image.ts). */
const TEST_IMAGE_VARIABLES = ['TEST_REGISTRY', 'HTTP_TEST_IMAGE']

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  return withRunnerEnvironment(options, async (env, files) => {
    const main = await spawnNode(env, options.onLine, options.cancelOn)
    if (options.post) {
      const state = parseFileCommands(await readFile(files.state, 'utf8'))
      const postEnv = {
        ...env,
        ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
      }
      const post = await spawnNode(postEnv, options.onLine)
      main.stdout += post.stdout
      main.stderr += post.stderr
    }
    return {
      ...main,
      outputs: parseFileCommands(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      errors: main.stdout.split('\n').filter(line => line.startsWith('::error::'))
    }
  })
}

/**
 * What `node` runs: the bundle, as the runner does; with BDD_ACTION_SOURCE=1
 * the TypeScript sources through tsx instead, so a branch's change can be
 * tried end to end before dist/ is rebundled (dist/ is rebuilt once, on main).
 */
export function actionEntry(): string[] {
  return process.env.BDD_ACTION_SOURCE === '1'
    ? [
        // tsx's loader by path: the step runs in the user's workspace, where no tsx is installed.
        '--import',
        pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
        path.join(PROJECT_ROOT, 'src/index.ts')
      ]
    : [path.join(PROJECT_ROOT, 'dist/index.js')]
}

function spawnNode(
  env: Record<string, string>,
  onLine?: (line: string) => void,
  cancelOn?: RunActionOptions['cancelOn']
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, actionEntry(), {
      env,
      cwd: env.GITHUB_WORKSPACE
    })
    let stdout = ''
    let stderr = ''
    let pending = ''
    let cancelled = false
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (cancelOn && !cancelled && stdout.split('\n').some(line => cancelOn.line.test(line))) {
        cancelled = child.kill(cancelOn.signal)
      }
      if (!onLine) return
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      lines.forEach(line => onLine(line))
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', status => {
      if (onLine && pending) onLine(pending)
      resolve({ status, stdout, stderr })
    })
  })
}

/** Reads the `name<<delimiter … delimiter` records @actions/core writes to GITHUB_OUTPUT / GITHUB_STATE. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const match of text.matchAll(/^([^\n<]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) {
    values[match[1] as string] = match[3] as string
  }
  return values
}
