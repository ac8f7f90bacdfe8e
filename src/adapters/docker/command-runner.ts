// The one place that starts processes. Everything else in the Docker and ECR
// adapters receives a CommandRunner, so callers (and tests) choose the
// environment — DOCKER_HOST, DOCKER_CONFIG — by parameter, not by globals.

import { getExecOutput } from '@actions/exec'
import { spawn } from 'node:child_process'

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Extra variables on top of the runner's environment. */
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

/** Runs commands with @actions/exec, never throwing on a non-zero exit (callers turn exit codes into errors with context). */
export function createCommandRunner(baseEnv: Record<string, string> = {}): CommandRunner {
  return async (command, args, options = {}) => {
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    Object.assign(env, baseEnv, options.env)
    // @actions/exec cannot end a child: a bounded command is spawned directly.
    if (options.timeoutMs !== undefined)
      return runBounded(command, args, env, options.timeoutMs, options.input)
    const onLine = options.onLine
    return getExecOutput(command, args, {
      env,
      input: options.input,
      silent: true,
      ignoreReturnCode: true,
      listeners: onLine ? { stdline: onLine, errline: onLine } : undefined
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
