// Inputs → a validated ActionConfig. Pure: the caller hands in the raw input
// values (as the runner provides them) and the run context; every problem is
// an InputError naming the input, thrown before anything touches AWS.

import { parseRunnerVariables } from './runner-variables.js'
import type { SecretReference } from './dockerrun-types.js'
import { MODES, type ActionConfig, type BackingInput, type Mode, type RunContext } from './config-types.js'
import { PLATFORM, platformArchitecture } from './architecture.js'
import { isCredentialParameter } from './backing-engines.js'
import { parseDuration } from './duration.js'
import { InputError } from './errors.js'
import { workflowSettings } from './settings.js'
import {
  applicationNameProblem,
  environmentNameProblem,
  regionProblem,
  repositoryNameProblem,
  toRepositoryPrefix,
  versionLabelProblem
} from './names.js'

export type RawInputs = Record<string, string | undefined>

/** Reads inputs by name, trimming, and remembering which were read (tests check against action.yml). */
class InputReader {
  readonly read = new Set<string>()
  constructor(private readonly raw: RawInputs) {}

  get(name: string): string {
    this.read.add(name)
    return (this.raw[name] ?? '').trim()
  }

  optional(name: string): string | undefined {
    const value = this.get(name)
    return value === '' ? undefined : value
  }

  required(name: string, what: string): string {
    const value = this.get(name)
    if (value === '') throw new InputError(name, `is required: ${what}`)
    return value
  }

  list(name: string): string[] {
    return this.get(name)
      .split(/[\s,]+/)
      .filter(item => item !== '')
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.get(name).toLowerCase()
    if (value === '') return fallback
    if (value === 'true') return true
    if (value === 'false') return false
    throw new InputError(name, `must be true or false (got "${value}")`)
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.get(name)
    if (value === '') return fallback
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InputError(name, `must be a whole number from ${min} to ${max} (got "${value}")`)
    }
    return Number(value)
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.get(name)
    if (value === '') return fallback
    const match = allowed.find(option => option.toLowerCase() === value.toLowerCase())
    if (!match) throw new InputError(name, `must be one of ${allowed.join(', ')} (got "${value}")`)
    return match
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

function envName(reader: InputReader, name: string, fallback: string): string {
  const value = reader.get(name) || fallback
  if (!ENV_NAME.test(value))
    throw new InputError(name, `must be an environment variable name (got "${value}")`)
  return value
}

function parseBacking(reader: InputReader, name: string, schemes: string[]): BackingInput {
  const value = reader.get(name)
  if (value === '') return { kind: 'unset' }
  if (value.toLowerCase() === 'none') return { kind: 'none' }
  if (value.includes('://')) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      // Never repeat a password (the check below cannot run on a URL that does not parse): everything
      // between "//" and the last "@" is hidden, since a password may itself hold "/" or "@".
      throw new InputError(name, `"${value.replace(/\/\/.*@/s, '//***@')}" is not a valid URL`)
    }
    const scheme = url.protocol.replace(/:$/, '')
    if (!schemes.includes(scheme)) {
      throw new InputError(name, `endpoint scheme must be ${schemes.join(' or ')} (got "${scheme}")`)
    }
    if (url.password || [...url.searchParams.keys()].some(isCredentialParameter)) {
      throw new InputError(
        name,
        'the endpoint URL contains a password; it would be written into the bundle. Remove it and pass the password through the secrets input'
      )
    }
    return { kind: 'endpoint', url: value }
  }
  if (!/^[A-Za-z][A-Za-z0-9-]{0,254}$/.test(value)) {
    throw new InputError(
      name,
      `"${value}" is neither an identifier (letters, digits, hyphens, starting with a letter) nor an endpoint URL`
    )
  }
  return { kind: 'identifier', id: value }
}

/** `NAME=arn:aws:secretsmanager:…` or `NAME=arn:aws:ssm:…` / `NAME=/ssm/parameter/name`, one per line. */
function parseSecrets(reader: InputReader): SecretReference[] {
  const secrets: SecretReference[] = []
  for (const line of reader.get('secrets').split('\n')) {
    const entry = line.trim()
    if (entry === '' || entry.startsWith('#')) continue
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)$/.exec(entry)
    if (!match) {
      throw new InputError('secrets', `line "${entry}" must be NAME=<Secrets Manager ARN or SSM parameter>`)
    }
    const [, name, valueFrom] = match as unknown as [string, string, string]
    const isArn = /^arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:\d{12}:/.test(valueFrom)
    if (!isArn && !valueFrom.startsWith('/')) {
      throw new InputError(
        'secrets',
        `${name} must reference a Secrets Manager secret or SSM parameter ARN, or an SSM parameter path starting with "/" (got "${valueFrom}")`
      )
    }
    if (secrets.some(secret => secret.name === name))
      throw new InputError('secrets', `${name} is listed twice`)
    secrets.push({ name, valueFrom })
  }
  return secrets
}

/**
 * `environment` takes names separated by spaces, commas or new lines — each
 * gets the same build — or, one per line, `name: service service` to give an
 * environment its own subset of the compose services (a worker environment
 * beside a web one).
 */
function parseEnvironmentTargets(text: string): { name: string; services?: string[] }[] {
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
  if (!lines.some(line => line.includes(':'))) {
    return text
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(name => ({ name }))
  }
  return lines.map(line => {
    const colon = line.indexOf(':')
    if (colon < 0) return { name: line }
    const services = line
      .slice(colon + 1)
      .split(/[\s,]+/)
      .filter(Boolean)
    if (services.length === 0) {
      throw new InputError(
        'environment',
        `"${line}" names no service after the colon (use "name: web nginx")`
      )
    }
    return { name: line.slice(0, colon).trim(), services }
  })
}

/**
 * The build cache of a run that builds a pull request's content: a pull_request event or a comment on one
 * (`pr<n>`), or a workflow_run that follows a pull request's run (`pr`: its payload names no number).
 */
function pullRequestScope(run: RunContext): string | undefined {
  const number = run.pullRequest?.number ?? run.commentedPullRequest
  if (number !== undefined) return `pr${number}`
  return run.workflowRun?.event.startsWith('pull_request') ? 'pr' : undefined
}

function previewEnvironmentName(application: string, prNumber: number): string {
  const suffix = `-pr-${prNumber}`
  const base = application
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40 - suffix.length)
    .replace(/-+$/, '')
  return `${base || 'app'}${suffix}`
}

export interface ParsedInputs {
  config: ActionConfig
  /** Names of every input read: compared with action.yml by the tests. */
  inputNames: ReadonlySet<string>
}

export function parseInputs(raw: RawInputs, run: RunContext): ParsedInputs {
  const reader = new InputReader(raw)
  const mode: Mode = reader.oneOf('mode', MODES, 'deploy')

  const application = reader.required('application', 'the Elastic Beanstalk application name')
  const applicationProblem = applicationNameProblem(application)
  if (applicationProblem) throw new InputError('application', applicationProblem)

  const targets = parseEnvironmentTargets(reader.get('environment'))
  let environments = targets.map(target => target.name)
  if (mode === 'preview') {
    if (!run.pullRequest) {
      throw new InputError(
        'mode',
        `preview deploys a pull request, but this run was triggered by "${run.eventName}"; run it on pull_request events`
      )
    }
    environments = [previewEnvironmentName(application, run.pullRequest.number)]
  } else if (environments.length === 0 && mode !== 'plan' && mode !== 'cleanup') {
    throw new InputError('environment', 'is required: the Elastic Beanstalk environment name(s) to deploy to')
  }
  for (const name of environments) {
    const problem = environmentNameProblem(name)
    if (problem) throw new InputError('environment', `"${name}" ${problem}`)
  }
  if (new Set(environments).size !== environments.length) {
    throw new InputError('environment', 'names the same environment twice')
  }

  const region = reader.optional('region')
  if (region !== undefined && regionProblem(region))
    throw new InputError('region', `"${region}" ${regionProblem(region)}`)

  // Empty: compose's own default files, looked up in the workspace when it is read (prepare).
  const composeFile = reader.get('compose-file')
  const services = reader.list('services')

  const ecrRepositoryPrefix = reader.get('ecr-repository-prefix') || toRepositoryPrefix(application)
  const prefixProblem = repositoryNameProblem(ecrRepositoryPrefix)
  if (prefixProblem)
    throw new InputError('ecr-repository-prefix', `"${ecrRepositoryPrefix}" ${prefixProblem}`)

  const commitSha = run.pullRequest?.headSha ?? run.sha
  const cacheScope = pullRequestScope(run)
  // A rollback with no label goes back to the last version that was Green
  // before the current one; every other mode labels what it builds.
  const givenLabel = reader.get('version-label')
  const versionLabel = givenLabel || (mode === 'rollback' ? '' : defaultVersionLabel(commitSha, run))
  const labelProblem =
    versionLabel === '' && mode === 'rollback' ? undefined : versionLabelProblem(versionLabel)
  if (labelProblem) throw new InputError('version-label', `"${versionLabel}" ${labelProblem}`)

  // Left out (action.yml's default is empty): 20m, longer for deploys that launch new instances (deploy/policy-timeout.ts).
  const givenWaitTimeout = reader.get('wait-timeout')
  const waitTimeoutText = givenWaitTimeout || '20m'
  const waitTimeoutMs = parseDuration(waitTimeoutText)
  if (waitTimeoutMs === undefined || waitTimeoutMs < 1000) {
    throw new InputError(
      'wait-timeout',
      waitTimeoutMs === undefined
        ? `must be a duration such as 20m, 900s or 1h (got "${waitTimeoutText}")`
        : `must be at least 1s: the wait would end before Beanstalk answers (got "${waitTimeoutText}")`
    )
  }

  const recoveryText = reader.get('health-recovery-window') || '3m'
  const healthRecoveryMs = parseDuration(recoveryText)
  if (healthRecoveryMs === undefined) {
    throw new InputError(
      'health-recovery-window',
      `must be a duration such as 3m, 90s or 0s (got "${recoveryText}")`
    )
  }

  const executionRoleArn = reader.optional('execution-role-arn')
  if (
    executionRoleArn !== undefined &&
    !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(executionRoleArn)
  ) {
    throw new InputError('execution-role-arn', `"${executionRoleArn}" is not an IAM role ARN`)
  }

  const bucket = reader.optional('bucket')
  if (bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new InputError('bucket', `"${bucket}" is not a valid S3 bucket name`)
  }

  const proxyService = reader.optional('proxy-service')
  if (proxyService !== undefined && !/^[A-Za-z0-9_.-]+(:\d{1,5})?$/.test(proxyService)) {
    throw new InputError(
      'proxy-service',
      `must be a service name, or service:container-port such as web:3000 (got "${proxyService}")`
    )
  }
  const previewBaseEnvironment = reader.optional('preview-base-environment')
  if (previewBaseEnvironment !== undefined && environmentNameProblem(previewBaseEnvironment)) {
    throw new InputError(
      'preview-base-environment',
      `"${previewBaseEnvironment}" ${environmentNameProblem(previewBaseEnvironment)}`
    )
  }

  const config: ActionConfig = {
    mode,
    application,
    environments,
    environmentServices: Object.fromEntries(
      targets.filter(target => target.services).map(target => [target.name, target.services as string[]])
    ),
    ...(region !== undefined && { region }),
    composeFile,
    ...(services.length > 0 && { services }),
    database: parseBacking(reader, 'database', ['postgres', 'postgresql', 'mysql', 'mysql2']),
    cache: parseBacking(reader, 'cache', ['redis', 'rediss', 'memcached']),
    databaseEnv: envName(reader, 'database-env', 'DATABASE_URL'),
    databasePasswordEnv: envName(reader, 'database-password-env', 'DATABASE_PASSWORD'),
    cacheEnv: envName(reader, 'cache-env', 'REDIS_URL'),
    secrets: parseSecrets(reader),
    runnerVariables: parseRunnerVariables(reader.get('runner-variables')),
    settings: workflowSettings(reader.get('environment-variables'), reader.get('option-settings')),
    ...(executionRoleArn !== undefined && { executionRoleArn }),
    ecrRepositoryPrefix,
    ecrTagMutability: reader.oneOf('ecr-tag-mutability', ['MUTABLE', 'IMMUTABLE'] as const, 'MUTABLE'),
    ecrKeepImages: reader.integer('ecr-keep-images', 30, 1, 1000),
    versionLabel,
    versionDescription: (reader.get('version-description') || defaultDescription(commitSha, run)).slice(
      0,
      200
    ),
    ...(bucket !== undefined && { bucket }),
    wait: reader.boolean('wait', true),
    waitTimeoutMs,
    waitTimeoutByPolicy: givenWaitTimeout === '',
    allowYellow: reader.boolean('allow-yellow', false),
    healthRecoveryMs,
    autoRollback: reader.boolean('auto-rollback', true),
    smokeTest: reader.oneOf('smoke-test', ['auto', 'true', 'false'] as const, 'auto'),
    smokeTestPath: reader.get('smoke-test-path') || '/',
    // action.yml's default is "/": only another path is the workflow's choice ("/" is Beanstalk's default too).
    ...((reader.get('smoke-test-path') || '/') !== '/' && { smokeTestPathGiven: true }),
    ...(previewBaseEnvironment !== undefined && { previewBaseEnvironment }),
    keepVersions: reader.integer('keep-versions', 50, 1, 1000),
    defaultMemoryReservation: reader.integer('memory-reservation', 256, 4, 1_048_576),
    ...(proxyService !== undefined && { proxyService }),
    logDriver: reader.oneOf('log-driver', ['awslogs', 'json-file', 'none'] as const, 'awslogs'),
    ...(reader.optional('log-group') !== undefined && { logGroup: reader.get('log-group') }),
    ...(reader.optional('solution-stack') !== undefined && { solutionStack: reader.get('solution-stack') }),
    build: reader.boolean('build', true),
    ...optionalBuilder(reader),
    ...optionalPlatform(reader),
    ...(reader.optional('github-token') !== undefined && { githubToken: reader.get('github-token') }),
    maskAwsAccountId: reader.boolean('mask-aws-account-id', false),
    commitSha,
    ...(cacheScope !== undefined && { buildCacheScope: cacheScope })
  }
  if (!config.smokeTestPath.startsWith('/')) {
    throw new InputError(
      'smoke-test-path',
      `must be an HTTP path starting with "/" (got "${config.smokeTestPath}")`
    )
  }
  return { config, inputNames: reader.read }
}

/** linux/amd64 or linux/arm64 (arm64, linux/arm64/v8, x86_64… are read as those): what an instance can run. */
function optionalPlatform(reader: InputReader): { platform?: string } {
  const platform = reader.optional('platform')
  if (platform === undefined) return {}
  const architecture = platformArchitecture(platform)
  if (!architecture)
    throw new InputError('platform', `must be linux/amd64 or linux/arm64 (got "${platform}")`)
  return { platform: PLATFORM[architecture] }
}

/** buildx builder names are letters, digits, `_`, `.` and `-` (never an option: no leading `-`). */
function optionalBuilder(reader: InputReader): { builder?: string } {
  const builder = reader.optional('builder')
  if (builder === undefined) return {}
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(builder)) {
    throw new InputError('builder', `must be a buildx builder name (got "${builder}")`)
  }
  return { builder }
}

/** "sha-<12 hex>": stable per commit, so a re-run of the same commit finds its own version. */
function defaultVersionLabel(sha: string, run: RunContext): string {
  const short = sha.slice(0, 12)
  if (run.pullRequest) return `pr-${run.pullRequest.number}-${short}`
  return short ? `sha-${short}` : ''
}

function defaultDescription(sha: string, run: RunContext): string {
  const where = run.repository ? `${run.repository}@${sha.slice(0, 12)}` : sha.slice(0, 12)
  return run.runId ? `${where} (run ${run.runId})` : where
}
