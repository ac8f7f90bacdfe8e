// The one place that starts processes. Everything else in the Docker and ECR
// adapters receives a CommandRunner, so callers (and tests) choose the
// environment — DOCKER_HOST, DOCKER_CONFIG — by parameter, not by globals.

import { getExecOutput } from '@actions/exec'

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
}

export type CommandRunner = (command: string, args: string[], options?: RunOptions) => Promise<CommandResult>

/** Runs commands with @actions/exec, never throwing on a non-zero exit (callers turn exit codes into errors with context). */
export function createCommandRunner(baseEnv: Record<string, string> = {}): CommandRunner {
  return async (command, args, options = {}) => {
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    Object.assign(env, baseEnv, options.env)
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
