// The one place that starts processes. The Docker and ECR adapters, the
// Dockerrun runner and the smoke test all receive a CommandRunner, so callers
// (and tests) choose the environment — DOCKER_HOST, DOCKER_CONFIG — by
// parameter, not by globals.
//
// A child gets the runner's environment plus the action's own settings
// (DOCKER_BUILDKIT…), never a value from repository content: a compose
// `environment: {PATH: ./bin}` or `DOCKER_HOST` given to the docker CLI would
// make the runner execute the repository's programs or talk to its daemon.
// Container environment reaches containers through env files (ecs-agent/docker-argv.ts).
// `docker` is the binary found once on the runner's PATH (the action's own).

import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { getExecOutput } from '@actions/exec'

import { debug } from '../actions-runner/logger.js'

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** The action's own settings on top of the runner's environment (DOCKER_BUILDKIT); never repository content. */
  env?: Record<string, string>
  /** Bytes written to stdin (e.g. a password for `--password-stdin`). */
  input?: Buffer
  /** Called for every stdout and stderr line as it arrives (for streaming build logs). */
  onLine?: (line: string) => void
  /**
   * Ends the command (SIGTERM, SIGKILL 5 s later) when it runs longer; its result then has exit code
   * TIMED_OUT_EXIT_CODE. For commands that may hang on an unreachable network, such as a builder's bootstrap.
   */
  timeoutMs?: number
}

/** What a command ended by timeoutMs exits with (as coreutils' timeout reports it). */
export const TIMED_OUT_EXIT_CODE = 124

export type CommandRunner = (command: string, args: string[], options?: RunOptions) => Promise<CommandResult>

export interface CommandRunnerOptions {
  /** The docker CLI to run for `docker`; default: the one on the runner's PATH (see dockerBinary). */
  docker?: string | undefined
}

/**
 * The first executable file called `name` in the absolute folders of a PATH.
 * Relative entries (`.`, `bin`) are skipped: they resolve against the current
 * folder, which is the repository checkout.
 */
export function findExecutable(name: string, searchPath: string | undefined): string | undefined {
  for (const folder of (searchPath ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue
    const candidate = path.join(folder, name)
    try {
      if (!statSync(candidate).isFile()) continue
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not here: try the next folder.
    }
  }
  return undefined
}

const resolved = new Map<string, string | undefined>()

/**
 * The runner's docker CLI: looked up in this process's own PATH (never in the
 * environment given to a child), once per PATH value. Throws a one-line error when there is none.
 */
export function dockerBinary(searchPath = process.env.PATH ?? ''): string {
  if (!resolved.has(searchPath)) resolved.set(searchPath, findExecutable('docker', searchPath))
  const docker = resolved.get(searchPath)
  if (docker === undefined) throw new Error("docker is not installed: no docker on this runner's PATH")
  return docker
}

/** Runs commands with @actions/exec, never throwing on a non-zero exit (callers turn exit codes into errors with context). */
export function createCommandRunner(
  baseEnv: Record<string, string> = {},
  options: CommandRunnerOptions = {}
): CommandRunner {
  return async (command, args, runOptions = {}) => {
    const executable = command === 'docker' ? (options.docker ?? dockerBinary()) : command
    // The argv only: secrets reach commands through stdin and env files, never arguments.
    debug(`run ${[executable, ...args].join(' ')}`)
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    Object.assign(env, baseEnv, runOptions.env)
    // @actions/exec cannot end a child: a bounded command is spawned directly.
    if (runOptions.timeoutMs !== undefined) {
      return runBounded(executable, args, env, runOptions.timeoutMs, runOptions.input)
    }
    const onLine = runOptions.onLine
    return getExecOutput(executable, args, {
      env,
      silent: true,
      ignoreReturnCode: true,
      ...(runOptions.input !== undefined && { input: runOptions.input }),
      ...(onLine && { listeners: { stdline: onLine, errline: onLine } })
    })
  }
}

function runBounded(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
  input?: Buffer
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    }, timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ exitCode: timedOut ? TIMED_OUT_EXIT_CODE : (code ?? 1), stdout, stderr })
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(input ?? '')
  })
}

/** The last line of a failed command's output worth quoting in a one-line error. */
export function lastErrorLine(result: CommandResult): string {
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.length > 0)
  const errorLine = [...lines]
    .reverse()
    .find(line => /error|denied|unauthorized|failed|not found/i.test(line))
  return errorLine ?? lines.at(-1) ?? `exit code ${result.exitCode}`
}

export class DockerCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: CommandResult
  ) {
    // Only the subcommand is named: later arguments can be long or carry paths of no interest.
    super(
      `docker ${args.slice(0, 2).join(' ')} failed (${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`
    )
  }
}

/** docker through a CommandRunner, for callers that want its output or an error (the runner, the smoke test). */
export class DockerCli {
  private readonly runner: CommandRunner

  constructor(docker?: string | CommandRunner) {
    this.runner = typeof docker === 'function' ? docker : createCommandRunner({}, { docker })
  }

  /** Runs docker and resolves with its result whatever the exit code. */
  call(args: string[], options: { input?: string } = {}): Promise<CommandResult> {
    return this.runner('docker', args, {
      ...(options.input !== undefined && { input: Buffer.from(options.input) })
    })
  }

  /** Runs docker and rejects with DockerCommandError unless it exits 0; resolves with trimmed stdout. */
  async run(args: string[], options: { input?: string } = {}): Promise<string> {
    const result = await this.call(args, options)
    if (result.exitCode !== 0) throw new DockerCommandError(args, result)
    return result.stdout.trim()
  }
}
