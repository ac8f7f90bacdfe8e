// The one place that spawns the docker CLI. Output is captured, never echoed:
// arguments can be logged safely because environment values travel in the
// child's environment (see plan.ts), not in argv.

import { spawn } from 'node:child_process'

export interface DockerResult {
  code: number
  stdout: string
  stderr: string
}

export interface DockerCallOptions {
  /** Extra variables for the docker process (values for `-e NAME` flags). */
  env?: Record<string, string>
  input?: string
}

export class DockerCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: DockerResult
  ) {
    super(
      `docker ${args.slice(0, 2).join(' ')} failed (${result.code}): ${result.stderr.trim() || result.stdout.trim()}`
    )
  }
}

export class DockerCli {
  constructor(readonly binary = 'docker') {}

  /** Runs docker and resolves with its result whatever the exit code. */
  call(args: string[], options: DockerCallOptions = {}): Promise<DockerResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, {
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe']
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', chunk => (stdout += chunk))
      child.stderr.on('data', chunk => (stderr += chunk))
      child.on('error', reject)
      // A docker that exits before reading stdin makes the write fail with EPIPE; its exit code says what happened.
      child.stdin.on('error', () => undefined)
      child.on('close', code => resolve({ code: code ?? 1, stdout, stderr }))
      child.stdin.end(options.input ?? '')
    })
  }

  /** Runs docker and rejects with DockerCommandError unless it exits 0; resolves with trimmed stdout. */
  async run(args: string[], options: DockerCallOptions = {}): Promise<string> {
    const result = await this.call(args, options)
    if (result.code !== 0) throw new DockerCommandError(args, result)
    return result.stdout.trim()
  }
}
