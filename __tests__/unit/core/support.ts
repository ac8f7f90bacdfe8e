// Shared helpers of the core unit tests: compose fixtures read from disk and
// handed to the pure loader, and an ActionConfig built through parseInputs.

import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadCompose } from '../../../src/core/compose/load.js'
import type { Variables } from '../../../src/core/compose/interpolate.js'
import type { ComposeProject, ComposeService } from '../../../src/core/compose/model.js'
import type { ActionConfig, RunContext } from '../../../src/core/config-types.js'
import { parseInputs, type RawInputs } from '../../../src/core/inputs.js'

const here = path.dirname(fileURLToPath(import.meta.url))
export const repoRoot = path.resolve(here, '../../..')
export const fixturesDir = path.join(repoRoot, '__tests__/fixtures/compose')

export const SHA = '0123456789abcdef0123456789abcdef01234567'
export const pushRun: RunContext = { eventName: 'push', sha: SHA, repository: 'acme/puppies', runId: '42' }
export const prRun: RunContext = {
  eventName: 'pull_request',
  sha: 'ffffffffffffffffffffffffffffffffffffffff',
  repository: 'acme/puppies',
  runId: '43',
  pullRequest: { number: 17, headSha: 'abcdefabcdef0123456789abcdef0123456789ab' }
}

/** A compose file in a folder, read like the action reads a workspace: paths relative to that folder. */
export function loadFrom(folder: string, env: Variables = {}, file = 'docker-compose.yml'): ComposeProject {
  return loadCompose({
    path: file,
    text: readFileSync(path.join(folder, file), 'utf8'),
    env,
    readFile: relative => {
      const absolute = path.join(folder, relative)
      return existsSync(absolute) && statSync(absolute).isFile() ? readFileSync(absolute, 'utf8') : undefined
    }
  })
}

/** Loads `__tests__/fixtures/compose/<name>/docker-compose.yml`. */
export function loadFixture(name: string, env: Variables = {}): ComposeProject {
  return loadFrom(path.join(fixturesDir, name), env)
}

export function loadPuppies(): ComposeProject {
  return loadFrom(path.join(repoRoot, 'examples/puppies'))
}

/** A valid deploy configuration; `raw` adds or overrides inputs. */
export function configFor(raw: RawInputs = {}, run: RunContext = pushRun): ActionConfig {
  return parseInputs({ application: 'puppies', environment: 'puppies-prod', ...raw }, run).config
}

/** A service's environment as plain values: literals as strings, run-time variables as {runtime}. */
export function envOf(service: ComposeService | undefined): Record<string, string | { runtime: string }> {
  return Object.fromEntries(
    Object.entries(service?.environment ?? {}).map(([name, value]) => [
      name,
      value.kind === 'literal' ? value.value : { runtime: value.variable }
    ])
  )
}
