// Drives the examples/puppies stack for integration tests: brings it up and
// down through the example's own scripts, and talks to it over HTTP and the
// Docker CLI.

import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/puppies')
// Builds print a lot on a cold cache; the default 1 MiB would cut them off.
const maxBuffer = 64 * 1024 * 1024

export interface PuppiesStack {
  prefix: string
  baseUrl: string
}

export interface PuppyJson {
  id: number
  name: string
  greeting: string | null
  processed_at: string | null
}

/** Builds the images and starts the five services; resolves once they run, not once they answer. */
export async function bringUp(prefix: string): Promise<PuppiesStack> {
  const { stdout } = await run(path.join(appDir, 'scripts/up.sh'), [], {
    env: { ...process.env, PUPPIES_PREFIX: prefix },
    maxBuffer
  })
  const port = Number(stdout.trim().split('\n').pop())
  if (!Number.isInteger(port) || port <= 0) throw new Error(`up.sh printed no port: ${stdout}`)
  return { prefix, baseUrl: `http://127.0.0.1:${port}` }
}

export async function tearDown(prefix: string): Promise<void> {
  await run(path.join(appDir, 'scripts/down.sh'), [], { env: { ...process.env, PUPPIES_PREFIX: prefix } })
}

/** Names of the containers, networks and volumes still carrying the prefix. */
export async function leftovers(prefix: string): Promise<string[]> {
  const listings = await Promise.all([
    run('docker', ['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}']),
    run('docker', ['network', 'ls', '--filter', `name=${prefix}`, '--format', '{{.Name}}']),
    run('docker', ['volume', 'ls', '--filter', `name=${prefix}`, '--format', '{{.Name}}'])
  ])
  return listings.flatMap(({ stdout }) => stdout.split('\n').filter(name => name !== ''))
}

export async function stopService(stack: PuppiesStack, service: string): Promise<void> {
  await run('docker', ['stop', `${stack.prefix}-${service}`])
}

/** The host name the service's container runs under (what Socket.gethostname says inside). */
export async function containerHostname(stack: PuppiesStack, service: string): Promise<string> {
  const { stdout } = await run('docker', [
    'inspect',
    '--format',
    '{{.Config.Hostname}}',
    `${stack.prefix}-${service}`
  ])
  return stdout.trim()
}

/** Runs a command in a running service's container with extra environment; resolves to its stdout. */
export async function execInService(
  stack: PuppiesStack,
  service: string,
  environment: Record<string, string>,
  command: string[]
): Promise<string> {
  const envArgs = Object.entries(environment).flatMap(([name, value]) => ['-e', `${name}=${value}`])
  const { stdout } = await run('docker', ['exec', ...envArgs, `${stack.prefix}-${service}`, ...command], {
    timeout: 120_000
  })
  return stdout
}

/** The last lines of a service's log, to explain a failure. */
export async function serviceLog(stack: PuppiesStack, service: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('docker', ['logs', '--tail', '30', `${stack.prefix}-${service}`])
    return stdout + stderr
  } catch (error) {
    return `(no log: ${String(error)})`
  }
}

export interface Answer {
  status: number
  body: string
  headers: Headers
}

/** GET or POST through Nginx; a refused or reset connection becomes status 0. */
export async function request(
  stack: PuppiesStack,
  pathname: string,
  init: RequestInit = {}
): Promise<Answer> {
  try {
    const response = await fetch(stack.baseUrl + pathname, { redirect: 'manual', ...init })
    return { status: response.status, body: await response.text(), headers: response.headers }
  } catch {
    return { status: 0, body: '', headers: new Headers() }
  }
}

/**
 * Asks `probe` up to `attempts` times, `intervalMs` apart, until `done` accepts
 * its answer; returns the last answer either way, so that the caller's
 * assertion shows what the stack said.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { attempts, intervalMs }: { attempts: number; intervalMs: number }
): Promise<T> {
  let value = await probe()
  for (let attempt = 1; attempt < attempts && !done(value); attempt++) {
    await new Promise(resolve => setTimeout(resolve, intervalMs))
    value = await probe()
  }
  return value
}
