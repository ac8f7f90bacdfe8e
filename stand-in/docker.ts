// The stand-in's own docker CLI client (the same `docker` binary the action
// uses, through none of the action's code): backing containers and the
// Beanstalk environments' ECS tasks run through here.

import { spawn } from 'node:child_process'

export interface DockerOptions {
  timeoutMs?: number
  /** Extra variables for the docker process: values for `-e NAME` flags stay out of argv. */
  env?: Record<string, string>
  input?: string
}

export interface DockerResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs docker and resolves whatever the exit code (a timeout kills it and answers code 124). */
export function dockerCall(args: string[], options: DockerOptions = {}): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs ?? 120_000)
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.stdin.on('error', () => undefined) // docker may exit before reading stdin
    child.on('close', code => {
      clearTimeout(timer)
      resolve({
        code: timedOut ? 124 : (code ?? 1),
        stdout,
        stderr: timedOut ? `timed out\n${stderr}` : stderr
      })
    })
    child.stdin.end(options.input ?? '')
  })
}

/** Runs docker; rejects unless it exits 0; resolves with trimmed stdout. */
export async function docker(
  args: string[],
  timeoutMs = 120_000,
  options: DockerOptions = {}
): Promise<string> {
  const result = await dockerCall(args, { ...options, timeoutMs })
  if (result.code !== 0)
    throw new Error(`docker ${args.join(' ')} failed: ${result.stderr.trim() || result.stdout.trim()}`)
  return result.stdout.trim()
}

/** Why Docker cannot be used here, or undefined when `docker info` answers. */
export async function dockerUnavailableReason(): Promise<string | undefined> {
  try {
    await docker(['info', '--format', '{{.ServerVersion}}'], 15_000)
    return undefined
  } catch (error) {
    return (error as Error).message.split('\n')[0]
  }
}

export async function dockerAvailable(): Promise<boolean> {
  return (await dockerUnavailableReason()) === undefined
}

export async function imageExists(image: string): Promise<boolean> {
  return (await dockerCall(['image', 'inspect', '--format', '{{.Id}}', image])).code === 0
}

/**
 * Untags the local daemon's images named under `host/` (what the action built and tagged for a stand-in's
 * registry): the registry's port is its own, so those names mean nothing once it stops, and a shared daemon
 * would otherwise collect them run after run. An image another name still tags stays.
 */
export async function removeTagsUnder(host: string): Promise<void> {
  const listed = await dockerCall(['images', '--format', '{{.Repository}}:{{.Tag}}']).catch(() => undefined)
  if (listed?.code !== 0) return
  const tags = listed.stdout
    .split('\n')
    .filter(reference => reference.startsWith(`${host}/`) && !reference.endsWith(':<none>'))
  for (let start = 0; start < tags.length; start += 100)
    await dockerCall(['rmi', ...tags.slice(start, start + 100)])
}
