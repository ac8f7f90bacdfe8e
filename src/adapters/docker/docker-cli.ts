// Thin execution of the docker commands whose argv build-args.ts computes.
// Each function turns a failed exit into an Error carrying the line of output
// that explains it; callers add which image it was about.

import { buildFailure } from './build-output.js'
import {
  createBuilderArgs,
  diffIdsArgs,
  pushArgs,
  removeBuilderArgs,
  tagArgs,
  type BuildCommand
} from './build-args.js'
import { lastErrorLine, TIMED_OUT_EXIT_CODE, type CommandRunner } from './command-runner.js'
import { parsePushOutput, type PushOutput } from './push-output.js'
import type { RegistryAccess } from './registry-api.js'

export async function runBuild(
  run: CommandRunner,
  command: BuildCommand,
  onLine: (line: string) => void
): Promise<void> {
  const result = await run('docker', command.args, { env: command.env, onLine })
  if (result.exitCode !== 0) {
    throw new Error(buildFailure(lastErrorLine(result), `${result.stdout}\n${result.stderr}`))
  }
}

export async function pushImage(
  run: CommandRunner,
  reference: string,
  onLine: (line: string) => void
): Promise<PushOutput> {
  const result = await run('docker', pushArgs(reference), { onLine })
  if (result.exitCode !== 0) throw new Error(`docker push ${reference}: ${lastErrorLine(result)}`)
  const output = parsePushOutput(result.stdout)
  if (!output.digest) throw new Error(`docker push ${reference} reported no digest`)
  return output
}

export async function tagImage(run: CommandRunner, source: string, target: string): Promise<void> {
  const result = await run('docker', tagArgs(source, target))
  if (result.exitCode !== 0) throw new Error(`docker tag ${target}: ${lastErrorLine(result)}`)
}

/**
 * Removes the tags (`docker image rm`, no --force: an image a container still uses keeps its tag). An image left
 * with no tag is deleted with its layers that no other image uses; BuildKit's own build cache is not touched.
 * Returns the references removed and, when some could not be, why.
 */
export async function removeImageTags(
  run: CommandRunner,
  references: readonly string[]
): Promise<{ removed: string[]; problem?: string }> {
  if (references.length === 0) return { removed: [] }
  const result = await run('docker', ['image', 'rm', ...references])
  const untagged = new Set(
    result.stdout
      .split('\n')
      .map(line => /^Untagged: (.+)$/.exec(line.trim())?.[1])
      .filter((reference): reference is string => reference !== undefined)
  )
  const removed = references.filter(reference => untagged.has(reference))
  return result.exitCode === 0 ? { removed } : { removed, problem: lastErrorLine(result) }
}

export async function imageDiffIds(run: CommandRunner, reference: string): Promise<string[]> {
  const result = await run('docker', diffIdsArgs(reference))
  if (result.exitCode !== 0) throw new Error(`docker image inspect ${reference}: ${lastErrorLine(result)}`)
  return JSON.parse(result.stdout) as string[]
}

/** Pulls a reference, answering whether it exists (a first build has no cache image yet). */
export async function tryPull(run: CommandRunner, reference: string): Promise<boolean> {
  const result = await run('docker', ['pull', '--quiet', reference])
  return result.exitCode === 0
}

/** Pulls a reference; throws with the line that explains a failure. */
export async function pullImage(run: CommandRunner, reference: string): Promise<void> {
  const result = await run('docker', ['pull', '--quiet', reference])
  if (result.exitCode !== 0) throw new Error(`docker pull ${reference}: ${lastErrorLine(result)}`)
}

/** Creates and starts a docker-container builder; resolves with why it could not, or undefined once it runs. */
export async function startBuilder(
  run: CommandRunner,
  name: string,
  timeoutMs: number
): Promise<string | undefined> {
  const result = await run('docker', createBuilderArgs(name), { timeoutMs })
  if (result.exitCode === 0) return undefined
  if (result.exitCode === TIMED_OUT_EXIT_CODE)
    return `it did not start within ${Math.round(timeoutMs / 1000)} s`
  return lastErrorLine(result)
}

/** Removes a builder; resolves false when there was none (never created, or already removed). */
export async function removeBuilder(run: CommandRunner, name: string): Promise<boolean> {
  const result = await run('docker', removeBuilderArgs(name))
  if (result.exitCode === 0) return true
  if (/no builder .* found/i.test(`${result.stdout}\n${result.stderr}`)) return false
  throw new Error(`docker buildx rm ${name}: ${lastErrorLine(result)}`)
}

export async function dockerLogin(run: CommandRunner, access: RegistryAccess): Promise<void> {
  const result = await run(
    'docker',
    ['login', '--username', access.username, '--password-stdin', access.host],
    {
      input: Buffer.from(access.password)
    }
  )
  if (result.exitCode !== 0)
    throw new Error(`docker login to ${access.host} failed: ${lastErrorLine(result)}`)
}

export async function dockerLogout(run: CommandRunner, host: string): Promise<void> {
  const result = await run('docker', ['logout', host])
  if (result.exitCode !== 0) throw new Error(`docker logout ${host} failed: ${lastErrorLine(result)}`)
}
