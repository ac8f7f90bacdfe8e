// Which of the runner's environment variables a compose file may interpolate
// into what leaves the runner (image tags, labels, commands, environment
// values: the bundle in S3, the `dockerrun` output, the instances). A
// name-based deny-list cannot know that DATABASE_URL holds a password, so the
// rule is an allow-list: the workflow names each variable in the
// `runner-variables` input. Besides those, only GitHub's public run metadata
// below (docs.github.com, "Variables reference", default environment
// variables) and compose's own settings are read. Any other runner variable:
// `${VAR}` alone as an environment value becomes a run-time environment
// property (as before); anywhere else it is a one-line error. Credentials
// (secret-names.ts) are refused even when named.

import { InputError } from './errors.js'
import { isRunnerCredential } from './secret-names.js'

/** Public facts about the run (commit, ref, run ids) and compose's own settings; never secrets. */
export const RUN_METADATA_VARIABLES: readonly string[] = [
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_REF_TYPE',
  'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_OWNER',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_WORKFLOW',
  'GITHUB_SERVER_URL',
  'COMPOSE_PROJECT_NAME',
  'COMPOSE_PROFILES'
]

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The `runner-variables` input: names, separated by spaces, commas or lines. */
export function parseRunnerVariables(text: string): string[] {
  const names = text.split(/[\s,]+/).filter(Boolean)
  for (const name of names) {
    if (!NAME.test(name))
      throw new InputError('runner-variables', `"${name}" is not a variable name (letters, digits, "_")`)
    if (isRunnerCredential(name))
      throw new InputError(
        'runner-variables',
        `${name} is a credential: its value is never written into the bundle; pass it by reference with the secrets input`
      )
  }
  return [...new Set(names)]
}

/** Whether a runner variable's value may be interpolated, given the names the workflow listed. */
export function runnerVariableNamed(listed: readonly string[]): (name: string) => boolean {
  const allowed = new Set([...RUN_METADATA_VARIABLES, ...listed])
  return name => allowed.has(name)
}

/** The one-line refusal for an unnamed runner variable interpolated into `where`. */
export function unnamedRunnerVariableMessage(where: string, names: readonly string[]): string {
  const list = names.map(name => `\${${name}}`).join(', ')
  const first = names[0] ?? ''
  return (
    `${where} uses ${list} from the runner's environment, which the workflow did not name: its value would be written ` +
    `into the bundle in clear. If it is not secret, add ${names.join(' ')} to the runner-variables input; otherwise ` +
    `give the container the value at run time (an environment property, written \${${first}} alone, or the secrets input)`
  )
}
