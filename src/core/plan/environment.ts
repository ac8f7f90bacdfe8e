// A container's environment on Beanstalk: literal values, secrets by
// reference, the variables a managed backing service decides, and the ones
// left to the Beanstalk environment at run time. Values taken from the
// runner are checked here: a runner credential, or any runner value in a
// variable whose name says secret, is never written in clear.

import {
  backingEngineOf,
  DRIVER_PASSWORD_ENV,
  ROLE_PRODUCT,
  describeBackingSource
} from '../backing-engines.js'
import type { ComposeProject, ComposeService } from '../compose/model.js'
import { credentialError, credentialsIn } from '../compose/variables.js'
import type { ActionConfig } from '../config-types.js'
import type { SecretReference } from '../dockerrun-types.js'
import { ComposeError } from '../errors.js'
import { ADDRESS_KINDS, type BackingBinding, type BackingReplacement, type ClearSecret } from './types.js'
import { looksSecret } from '../secret-names.js'
import { bindingsFor } from './bindings.js'
import { developmentPasswords, isServerPassword } from './development.js'
import type { Reference } from './references.js'

export interface EnvironmentInputs {
  config: ActionConfig
  compose: ComposeProject
  /** Replacements this container uses. */
  replacements: BackingReplacement[]
  /** Backing services dropped without replacement (input "none"). */
  droppedBacking: ReadonlySet<string>
  references: Reference[]
  /** Every environment variable name some deployed service's compose environment mentions. */
  namedVariables: ReadonlySet<string>
  /** Every replaced backing service of the plan: the dev passwords of those this container does not use stay out of it. */
  allReplacements?: BackingReplacement[]
  notes: string[]
}

export interface PlannedEnvironment {
  environment: Record<string, string>
  secrets: SecretReference[]
  bindings: BackingBinding[]
  sourcedVariables: string[]
  runtimeVariables: string[]
  /** Secret-looking values written into the bundle as the compose file, `.env` or an env_file gave them. */
  clearSecrets: ClearSecret[]
  /** What will not work on Beanstalk as the compose file has it: warnings, not notes. */
  warnings: string[]
}

/** Values that say a setting, not a secret: PASSWORD_MIN_LENGTH: 8, TOKEN_AUTH: "false". */
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|none|null|\d{1,6})$/i

export function planEnvironment(service: ComposeService, inputs: EnvironmentInputs): PlannedEnvironment {
  const { config, notes } = inputs
  const name = service.name
  const secretNames = new Set(config.secrets.map(secret => secret.name))
  const environment: Record<string, string> = {}
  const sourcedVariables: string[] = []
  const runtimeVariables: string[] = []
  const literalSecrets: ClearSecret[] = []
  const warnings: string[] = []

  for (const [variable, value] of Object.entries(service.environment)) {
    if (value.kind === 'runtime') {
      if (!secretNames.has(variable)) runtimeVariables.push(variable)
      continue
    }
    if (secretNames.has(variable)) continue
    checkRunnerValue(name, variable, value.variables)
    const dropped = inputs.references.find(
      reference => reference.variable === variable && inputs.droppedBacking.has(reference.target)
    )
    if (dropped) {
      notes.push(`${name}: ${variable} points at the dropped service ${dropped.target}: not set`)
      continue
    }
    environment[variable] = value.value
    if (value.origin === 'env_file' || value.variables.length > 0) sourcedVariables.push(variable)
    // A *_FILE / *_PATH variable names where a secret lies, not the secret.
    if (
      looksSecret(variable) &&
      value.value !== '' &&
      !NOT_A_SECRET_VALUE.test(value.value) &&
      !/_(FILE|PATH|DIR)$/i.test(variable)
    ) {
      const fromDotenv = value.variables.some(use => use.runner.length === 0)
      literalSecrets.push({
        container: name,
        variable,
        source: value.origin === 'env_file' ? 'env_file' : fromDotenv ? '.env' : 'compose file'
      })
    }
  }

  const bindings: BackingBinding[] = []
  for (const replacement of inputs.replacements) {
    const found = bindingsFor(
      service,
      replacement,
      inputs.compose.services[replacement.composeService],
      config.databasePasswordEnv
    )
    notes.push(...found.notes)
    warnings.push(...found.warnings)
    for (const binding of found.bindings) {
      if (
        !secretNames.has(binding.variable) &&
        !bindings.some(known => known.variable === binding.variable)
      ) {
        bindings.push(binding)
        const added = found.added[binding.variable]
        if (added !== undefined) environment[binding.variable] = added
      }
    }
    for (const [file, variable] of Object.entries(found.replacedFiles)) {
      delete environment[file]
      notes.push(
        `${name}: ${file} names a file Beanstalk does not mount (a compose secret); ${variable} is set in its place from ${ROLE_PRODUCT[replacement.role]} at deploy (the official images read ${variable} when ${file} is unset)`
      )
    }
    for (const variable of found.droppedPasswords) {
      delete environment[variable]
      notes.push(
        `${name}: ${variable} dropped: its development password does not open ${ROLE_PRODUCT[replacement.role]}; pass the AUTH token with the secrets input if the cluster has one`
      )
    }
    describeBindings(name, replacement, bindings, config.databasePasswordEnv, notes)
  }
  warnings.push(...unrewrittenHosts(name, inputs, bindings, warnings))
  literalSecrets.push(...developmentPasswordsInside(name, service, inputs, bindings, environment))
  // A compose secret read as a file (MB_DB_PASS_FILE, SECRET_KEY_FILE): Beanstalk mounts no /run/secrets.
  for (const [variable, value] of Object.entries(environment)) {
    const said = warnings.some(warning => warning.startsWith(`${name}: ${variable} `))
    if (!value.startsWith('/run/secrets/') || said || bindings.some(binding => binding.variable === variable))
      continue
    warnings.push(
      `${name}: ${variable} is ${value}, the file of a compose secret, which Beanstalk does not mount: pass the value with the secrets input (${variable.replace(/_{1,2}FILE$/i, '')}=<Secrets Manager or SSM ARN>) and have the app read it from the variable`
    )
  }
  // A variable left to the environment that the managed service decides (a family's password) is no property to set.
  const boundRuntime = runtimeVariables.filter(variable =>
    bindings.some(binding => binding.variable === variable)
  )
  runtimeVariables.splice(
    0,
    runtimeVariables.length,
    ...runtimeVariables.filter(v => !boundRuntime.includes(v))
  )
  for (const variable of runtimeVariables) {
    const value = service.environment[variable]
    if (value?.kind === 'runtime' && value.dotenv !== undefined) {
      notes.push(
        `${name}: ${variable} is \${${value.variable}} and .env gives it a development value, which is not written into the bundle (the name looks secret): pass it with the secrets input, or set it as an environment property of the Beanstalk environment`
      )
    }
  }
  const passwords = bindings.filter(binding => binding.kind === 'password').map(binding => binding.variable)
  for (const variable of passwords) delete environment[variable]
  dropForeignDevPasswords(service, inputs, environment)

  // A secret goes to the containers whose compose environment names it; one
  // that no service names goes to every container of the app: built from its
  // source, or a prebuilt app image that uses the database or the cache (a
  // proxy or a mail catcher gets none). The database password goes to every
  // container that uses the database, whatever else names it.
  const app = service.build !== undefined || inputs.replacements.length > 0
  const usesDatabase = inputs.replacements.some(replacement => replacement.role === 'database')
  const secrets = config.secrets
    .filter(
      secret =>
        secret.name in service.environment ||
        (secret.name === config.databasePasswordEnv && usesDatabase) ||
        (!inputs.namedVariables.has(secret.name) && app)
    )
    .map(secret => ({ ...secret }))
  for (const secret of secrets) {
    if (service.environment[secret.name]?.kind === 'literal') {
      notes.push(
        `${name}: ${secret.name} is passed by reference from the secrets input instead of its compose value`
      )
    }
  }
  // The database password from the secrets input reaches every variable the app's driver may read.
  const givenPassword = config.secrets.find(secret => secret.name === config.databasePasswordEnv)
  if (givenPassword) {
    for (const variable of passwords) {
      if (!secrets.some(secret => secret.name === variable))
        secrets.push({ name: variable, valueFrom: givenPassword.valueFrom })
    }
  }

  // A variable the managed service's value replaces (a URL rewritten without its password) is not written as given.
  const clearSecrets = literalSecrets.filter(
    secret =>
      secret.variable in environment && !bindings.some(binding => binding.variable === secret.variable)
  )
  return { environment, secrets, bindings, sourcedVariables, runtimeVariables, clearSecrets, warnings }
}

/**
 * A development password of a replaced service inside a longer value nothing rewrites (a YAML document in one
 * variable, JVM options): it ships in clear in the bundle, as a secret-looking variable's value would.
 */
function developmentPasswordsInside(
  name: string,
  service: ComposeService,
  inputs: EnvironmentInputs,
  bindings: readonly BackingBinding[],
  environment: Readonly<Record<string, string>>
): ClearSecret[] {
  const passwords = inputs.replacements.flatMap(replacement => [
    ...developmentPasswords(replacement, inputs.compose.services[replacement.composeService])
  ])
  return Object.entries(environment).flatMap(([variable, value]): ClearSecret[] => {
    const given = service.environment[variable]
    if (
      given?.kind !== 'literal' ||
      looksSecret(variable) ||
      bindings.some(binding => binding.variable === variable) ||
      !passwords.some(password => value !== password && holdsCredential(value, password))
    )
      return []
    return [{ container: name, variable, source: given.origin === 'env_file' ? 'env_file' : 'compose file' }]
  })
}

/**
 * The password where a credential sits in a text (`password=…`, `"password":"…"`, `-D….password=…`, a URL's
 * `:…@`): a dev password `airflow` or `postgres` also appears in names and paths that are no secret.
 */
function holdsCredential(text: string, password: string): boolean {
  const escaped = password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(
    `(?:pass(?:word)?|passwd|pwd|secret)["'\\]]*\\s*(?:=>|=|:|\\s)\\s*["']?${escaped}(?![\\w-])|:${escaped}@`,
    'i'
  ).test(text)
}

/**
 * A development password of a replaced service in a container that does not
 * use that service (an env_file shared by every service) is not written: it
 * opens nothing on AWS and is a secret in clear.
 */
function dropForeignDevPasswords(
  service: ComposeService,
  inputs: EnvironmentInputs,
  environment: Record<string, string>
): void {
  for (const replacement of inputs.allReplacements ?? []) {
    if (inputs.replacements.includes(replacement)) continue
    const passwords = developmentPasswords(replacement, inputs.compose.services[replacement.composeService])
    // A database kept as a container keeps its own password, even one equal to the replaced database's.
    const server = backingEngineOf(service) !== undefined
    for (const [variable, value] of Object.entries(environment)) {
      if (!looksSecret(variable) || !passwords.has(value) || (server && isServerPassword(variable))) continue
      delete environment[variable]
      inputs.notes.push(
        `${service.name}: ${variable} dropped: it holds the development password of ${replacement.composeService}, which ${service.name} does not use`
      )
    }
  }
}

/**
 * A runner credential never leaves the runner; any runner value in a
 * variable whose name says secret would be written in clear into the bundle
 * (and the log): both are refused with the two ways to pass such a value.
 */
function checkRunnerValue(
  service: string,
  variable: string,
  uses: { name: string; runner: string[] }[]
): void {
  const where = `service "${service}" environment ${variable}`
  const credentials = credentialsIn(uses)
  if (credentials.length > 0) throw credentialError(where, credentials, 'value')
  const fromRunner = uses.filter(use => use.runner.length > 0)
  if (looksSecret(variable) && fromRunner.length > 0) {
    throw new ComposeError(
      `${where} takes ${fromRunner.map(use => `\${${use.name}}`).join(', ')} from the runner's environment, which would write a secret in clear into the bundle; pass ${variable} with the secrets input (${variable}=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write ${variable}: \${${variable}}`
    )
  }
}

/** Who reads DRIVER_PASSWORD_ENV's variable (backing-engines.ts): not every driver of the engine does. */
const DRIVER_LIBRARY: Partial<Record<BackingReplacement['engine'], string>> = {
  postgres: 'libpq and the drivers built on it (psycopg, node-postgres, sqlx; not JDBC)',
  mysql:
    "libmysqlclient (mysqlclient, Ruby's mysql2; not PHP's PDO or Doctrine, JDBC, Go's or Node's drivers)"
}

function describeBindings(
  service: string,
  replacement: BackingReplacement,
  bindings: BackingBinding[],
  databasePasswordEnv: string,
  notes: string[]
): void {
  const mine = bindings.filter(binding => binding.role === replacement.role)
  const rewritten = mine.filter(binding => binding.kind !== 'password').map(binding => binding.variable)
  const passwords = mine.filter(binding => binding.kind === 'password').map(binding => binding.variable)
  const target = describeBackingSource(replacement.source)
  if (rewritten.length > 0) {
    notes.push(
      `${service}: ${rewritten.join(', ')} set from ${ROLE_PRODUCT[replacement.role]} (${target}) at deploy`
    )
  }
  if (passwords.length > 0) {
    const driver = DRIVER_PASSWORD_ENV[replacement.engine]
    // A secret reference fills a whole variable, never part of a URL: an app that parses the password out of the URL
    // finds none (a fresh sample's FastAPI config matched `user:password@` and failed at import).
    const carriers = mine.filter(binding => binding.kind === 'url' || binding.kind === 'connection-string')
    const urls = carriers.map(binding => binding.variable)
    const carrierKinds = new Set(carriers.map(binding => binding.kind))
    const carrier = [
      ...(carrierKinds.has('url') ? ['URL'] : []),
      ...(carrierKinds.has('connection-string') ? ['connection string'] : [])
    ].join(' or ')
    notes.push(
      `${service}: the database password reaches ${passwords.join(', ')} by reference (the RDS-managed master secret, or the secrets input's ${databasePasswordEnv})${driver ? `; ${driver} is read by ${DRIVER_LIBRARY[replacement.engine] ?? 'the client library'}` : ''}${urls.length > 0 ? `; ${urls.join(', ')} ${urls.length === 1 ? 'carries' : 'carry'} no password, so an app that takes it only from the ${carrier} must read ${passwords[0]} instead, or get the whole ${carrier} from a secret: secrets input \`${urls[0]}=<ARN of a secret holding it>\`` : ''}`
    )
  }
}

/**
 * A command, entrypoint or config file that names a replaced service by its compose name (`wait-for-it db:5432`,
 * `</dev/tcp/db/5432`, `DB_HOST="db"` in a mounted .env): the plan rewrites variables, not these, and on Beanstalk
 * that name does not resolve, so the app waits for ever or never reaches the managed service.
 */
function unrewrittenHosts(
  name: string,
  inputs: EnvironmentInputs,
  bindings: readonly BackingBinding[],
  said: readonly string[]
): string[] {
  const rewritten = (variable: string): boolean => bindings.some(binding => binding.variable === variable)
  return inputs.replacements.flatMap(replacement => {
    // A variable whose value names it inside a longer text (a YAML or JSON document, JVM options: Kestra's
    // KESTRA_CONFIGURATION) is not rewritten either: only whole URLs, hosts and connection strings are.
    const places = inputs.references
      .filter(
        reference =>
          reference.target === replacement.composeService &&
          (reference.variable === undefined ||
            (!rewritten(reference.variable) &&
              !said.some(warning => warning.startsWith(`${name}: ${reference.variable} `))))
      )
      .map(reference => reference.place)
    if (places.length === 0) return []
    const hostVariables = bindings
      .filter(binding => binding.role === replacement.role && ADDRESS_KINDS.includes(binding.kind))
      .map(binding => binding.variable)
    return [
      `${name}: ${places.join(', ')} ${places.length === 1 ? 'names' : 'name'} ${replacement.composeService}, the compose name of the ${replacement.role} this deploy replaces with ${ROLE_PRODUCT[replacement.role]}; nothing rewrites ${places.length === 1 ? 'it' : 'them'}, and on Beanstalk that name does not resolve: read the host from the environment instead (the action sets ${(hostVariables.length > 0 ? hostVariables : [replacement.envName]).join(', ')})${places.some(place => place.startsWith('file ')) ? `, or name the variable the app reads in the service's environment (KEY: ${replacement.composeService}), which the action rewrites` : ''}`
    ]
  })
}
