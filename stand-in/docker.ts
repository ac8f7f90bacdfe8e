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
 * Removes the local daemon's image references under `host/` (what the action built and tagged for a stand-in's
 * registry, and what the smoke test and the instance pulled from it, by tag or by digest alone): the registry's port
 * is its own, so those names mean nothing once it stops, and a shared daemon would otherwise collect them run after
 * run. An image another name still references stays.
 */
export async function removeImagesUnder(host: string): Promise<void> {
  const listed = await dockerCall([
    'images',
    '--digests',
    '--format',
    '{{.Repository}} {{.Tag}} {{.Digest}}'
  ]).catch(() => undefined)
  if (listed?.code !== 0) return
  const references = new Set<string>()
  for (const line of listed.stdout.split('\n')) {
    const [repository = '', tag = '', digest = ''] = line.trim().split(' ')
    if (!repository.startsWith(`${host}/`)) continue
    // A tag and the digest it was pulled by are two references: each would keep the image.
    if (tag !== '<none>') references.add(`${repository}:${tag}`)
    if (digest.startsWith('sha256:')) references.add(`${repository}@${digest}`)
  }
  // `docker rmi` goes on past a reference an earlier one in the list already took with it.
  const all = [...references]
  for (let start = 0; start < all.length; start += 100)
    await dockerCall(['rmi', ...all.slice(start, start + 100)])
}
