// The variables a compose file is interpolated from, as compose resolves
// them: the runner's environment first, then the `.env` beside the compose
// file (whose values may use the runner's and their own earlier keys). Each
// value remembers which runner variables it came from.

import { ComposeError } from '../errors.js'
import { unnamedRunnerVariableMessage } from '../runner-variables.js'
import { isRunnerCredential } from '../secret-names.js'
import { parseDotenv } from './dotenv.js'
import type { Lookup, Quotable, Variables } from './interpolate.js'
import type { VariableUse } from './model.js'

/** Far above any real `.env` or env_file. */
export const MAX_ENV_FILE_BYTES = 256 * 1024

export class ProjectVariables {
  private readonly dotenv: Map<string, { value: string; runner: string[] }>

  /**
   * `parent`: the including project's variables, for a file read through
   * `include:` (they win over the included file's own env files, as in compose).
   * `named`: runner variables the workflow named (runner-variables.ts); others
   * may not flow into a value. An included file inherits its parent's rule.
   */
  constructor(
    private readonly runner: Variables,
    dotenvText: string | undefined,
    dotenvPath: string,
    private readonly parent?: ProjectVariables,
    private readonly named: (name: string) => boolean = parent ? parent.named : () => true
  ) {
    this.dotenv = new Map()
    if (dotenvText === undefined) return
    checkEnvFileSize(dotenvText, dotenvPath)
    const outsideQuotable: Quotable = name =>
      this.parent ? this.parent.quotable(name) : this.named(name) && !isRunnerCredential(name)
    for (const [key, entry] of parseDotenv(dotenvText, this.outside, dotenvPath, false, outsideQuotable)) {
      // An included file's env file looks its values up in the including project's variables: the names it took
      // are that project's, whose own values may come from the runner (a `.env` line built from a credential).
      const runner = this.parent
        ? [...new Set(this.parent.origins(entry.fromLookup).flatMap(use => use.runner))]
        : entry.fromLookup
      this.dotenv.set(key, { value: entry.value, runner })
    }
  }

  /** What the env file of this level sees: the runner's environment, or the including project's variables. */
  private get outside(): Lookup {
    return this.parent ? this.parent.lookup : name => this.runner[name]
  }

  readonly lookup: Lookup = name => this.outside(name) ?? this.dotenv.get(name)?.value

  /** A value `.env` alone decides (not the runner or an including file, and built from no runner value). */
  dotenvValue(name: string): string | undefined {
    const entry = this.dotenv.get(name)
    return this.outside(name) === undefined && entry && entry.runner.length === 0 ? entry.value : undefined
  }

  /**
   * Where each variable a value took came from. Throws when one carries a
   * runner variable the workflow did not name (credentials are left to their
   * own, stricter check).
   */
  uses(names: string[], where: string): VariableUse[] {
    const uses = this.origins(names)
    const unnamed = [...new Set(uses.flatMap(use => use.runner))].filter(
      name => !this.named(name) && !isRunnerCredential(name)
    )
    if (unnamed.length > 0) throw new ComposeError(unnamedRunnerVariableMessage(where, unnamed))
    return uses
  }

  /** Whether a variable's value may be printed in an error: not one built from an unnamed runner variable or a credential. */
  readonly quotable: Quotable = name =>
    this.origins([name]).every(use =>
      use.runner.every(runner => this.named(runner) && !isRunnerCredential(runner))
    )

  /** The runner credentials the named variables' values came from (a `.env` value built from one included). */
  runnerCredentials(names: string[]): string[] {
    return credentialsIn(this.origins(names))
  }

  private origins(names: string[]): VariableUse[] {
    return names.map(name => {
      if (this.outside(name) !== undefined)
        return this.parent ? (this.parent.origins([name])[0] as VariableUse) : { name, runner: [name] }
      return { name, runner: this.dotenv.get(name)?.runner ?? [] }
    })
  }
}

export function checkEnvFileSize(text: string, path: string): void {
  if (Buffer.byteLength(text, 'utf8') > MAX_ENV_FILE_BYTES) {
    throw new ComposeError(
      `${path} is larger than ${MAX_ENV_FILE_BYTES / 1024} KiB; an env file that large is not read`
    )
  }
}

/** Runner credentials among the variables a value used. */
export function credentialsIn(uses: VariableUse[]): string[] {
  return [...new Set(uses.flatMap(use => use.runner))].filter(isRunnerCredential)
}

/** The one-line refusal for a runner credential interpolated into something that leaves the runner. */
export function credentialError(
  where: string,
  credentials: string[],
  field: 'build' | 'value'
): ComposeError {
  const names = credentials.map(name => `\${${name}}`).join(', ')
  const advice =
    field === 'build'
      ? 'build args are readable in the image history: pass it as a BuildKit secret (RUN --mount=type=secret) instead'
      : 'pass it by reference with the secrets input, or as an environment property of the Beanstalk environment (write the variable as ${NAME} alone)'
  return new ComposeError(
    `${where} uses ${names}, a credential of the runner: its value is never written into the bundle or an image; ${advice}`
  )
}
