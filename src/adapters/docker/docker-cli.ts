// Thin execution of the docker commands whose argv build-args.ts computes.
// Each function turns a failed exit into an Error carrying the line of output
// that explains it; callers add which image it was about.

import { diffIdsArgs, pushArgs, tagArgs, type BuildCommand } from './build-args.js'
import { lastErrorLine, type CommandRunner } from './command-runner.js'
import { parsePushOutput, type PushOutput } from './push-output.js'
import type { RegistryAccess } from './registry-api.js'

export async function runBuild(
  run: CommandRunner,
  command: BuildCommand,
  onLine: (line: string) => void
): Promise<void> {
  const result = await run('docker', command.args, { env: command.env, onLine })
  if (result.exitCode !== 0) throw new Error(lastErrorLine(result))
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

/** Removes local tags this stage created; a leftover tag is harmless, so failures are ignored. */
export async function removeLocalTags(run: CommandRunner, references: string[]): Promise<void> {
  if (references.length > 0) await run('docker', ['image', 'rm', ...references])
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
