// Thin wrapper over the docker CLI (the same client the action itself uses).

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export async function docker(args: string[], timeoutMs = 120_000): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 })
    return stdout.trim()
  } catch (error) {
    const failure = error as Error & { stderr?: string }
    throw new Error(`docker ${args.join(' ')} failed: ${failure.stderr?.trim() || failure.message}`)
  }
}

export async function dockerAvailable(): Promise<boolean> {
  try {
    await docker(['info', '--format', '{{.ServerVersion}}'], 15_000)
    return true
  } catch {
    return false
  }
}

export async function imageExists(image: string): Promise<boolean> {
  try {
    await docker(['image', 'inspect', '--format', '{{.Id}}', image])
    return true
  } catch {
    return false
  }
}
