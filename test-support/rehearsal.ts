// A rehearsal of the first deploy of YOUR app (scripts/rehearse.ts,
// docs/rehearsal.md): what a team creates on AWS before the action's first
// run, described in a small file (or flags) and created in the stand-in —
// the RDS instance and ElastiCache cluster the compose file's dev services
// become, the IAM roles, the Secrets Manager secrets and SSM parameters the
// containers read by reference, the Beanstalk application and a Ready
// environment with its properties and instance types — and the action's
// inputs that deploy to them, as the workflow's `with:` would give them.

import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  type ConfigurationOptionSetting
} from '@aws-sdk/client-elastic-beanstalk'
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import leven from 'leven'
import { parse } from 'yaml'

import { MODES, type Mode } from '../src/core/config-types.js'
import type { StandIn } from '../stand-in/server.js'
import { ECS_TASK_EXECUTION_ROLE_POLICY, type PolicyStatement } from '../stand-in/services/iam.js'

export interface RehearsalDatabase {
  /** The RDS instance identifier, given to the action as `database`. */
  id: string
  name: string
  username: string
}

/** A variable the containers read by reference: a Secrets Manager secret or an SSM SecureString parameter. */
export type RehearsalSecret =
  | { variable: string; kind: 'secret'; name: string; value: string }
  | { variable: string; kind: 'parameter'; name: string; value: string }

export interface RehearsalSpec {
  application: string
  environment: string
  /** aws:ec2:instances InstanceTypes; undefined: the stand-in's default (t3.micro, t3.small). */
  instanceTypes?: string
  /** Environment properties (aws:elasticbeanstalk:application:environment). */
  properties: Record<string, string>
  database?: RehearsalDatabase
  /** ElastiCache cluster id, given to the action as `cache`. */
  cache?: string
  roles: string[]
  secrets: RehearsalSecret[]
  /** Every other input of the action, as in the workflow's `with:`. */
  inputs: Record<string, string>
}

const KEYS: readonly string[] = [
  'application',
  'environment',
  'instance-types',
  'properties',
  'database',
  'cache',
  'roles',
  'secrets',
  'with'
]

/** Inputs the rehearsal sets itself from the file's other keys. */
const OWN_INPUTS = ['application', 'environment', 'database', 'cache']

export class RehearsalError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function text(value: unknown, where: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new RehearsalError(`${where} must be a non-empty string`)
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) throw new RehearsalError(`${where} must be a mapping of NAME: value`)
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, entry === null ? '' : text(entry, `${where}.${key}`)])
  )
}

/** A misspelt or unsupported key anywhere in the file is refused, not ignored (`where`: "" at the top). */
function refuseUnknownKeys(record: Record<string, unknown>, known: readonly string[], where: string): void {
  const unknown = Object.keys(record).filter(key => !known.includes(key))
  if (unknown.length === 0) return
  const place = where === '' ? 'the rehearsal file' : `${where} of the rehearsal file`
  throw new RehearsalError(`unknown key ${unknown.join(', ')} in ${place} (known: ${known.join(', ')})`)
}

/**
 * The identifiers AWS accepts: RDS, 1–63 letters, digits and hyphens from a letter, no `--`, no hyphen at the end
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints); ElastiCache the
 * same in 1–40 (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html).
 * The rehearsal creates what it names: an endpoint URL there is refused, not passed to docker as a name.
 */
function identifier(id: string, where: 'database' | 'cache'): string {
  const max = where === 'database' ? 63 : 40
  if (new RegExp(`^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,${max - 1}}$`).test(id) && !id.endsWith('-')) return id
  throw new RehearsalError(
    `${where} "${id}" is not ${where === 'database' ? 'an RDS instance' : 'an ElastiCache'} identifier (1–${max} letters, digits and hyphens, from a letter): the rehearsal creates the ${where === 'database' ? 'instance' : 'cache'} it names, so an endpoint URL cannot be rehearsed`
  )
}

function database(value: unknown): RehearsalDatabase | undefined {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value)) {
    const id = identifier(text(value, 'database'), 'database')
    return { id, name: 'app', username: 'app' }
  }
  // No engine key: the stand-in's RDS is PostgreSQL only (docs/rehearsal.md).
  refuseUnknownKeys(value, ['id', 'name', 'username'], 'database')
  const id = identifier(text(value.id, 'database.id'), 'database')
  return {
    id,
    name: value.name === undefined ? 'app' : text(value.name, 'database.name'),
    username: value.username === undefined ? 'app' : text(value.username, 'database.username')
  }
}

function secrets(value: unknown): RehearsalSecret[] {
  if (value === undefined || value === null) return []
  if (!isRecord(value))
    throw new RehearsalError('secrets must be a mapping of VARIABLE: {secret|parameter, value}')
  return Object.entries(value).map(([variable, entry]) => {
    const where = `secrets.${variable}`
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
      throw new RehearsalError(`${where}: ${variable} is not an environment variable name`)
    if (!isRecord(entry))
      throw new RehearsalError(`${where} must be {secret: NAME, value: …} or {parameter: NAME, value: …}`)
    refuseUnknownKeys(entry, ['secret', 'parameter', 'value'], where)
    const value = entry.value === undefined ? 'rehearsal-value' : text(entry.value, `${where}.value`)
    if (entry.secret !== undefined && entry.parameter === undefined)
      return { variable, kind: 'secret', name: text(entry.secret, `${where}.secret`), value }
    if (entry.parameter !== undefined && entry.secret === undefined)
      return { variable, kind: 'parameter', name: text(entry.parameter, `${where}.parameter`), value }
    throw new RehearsalError(`${where} needs one of secret: or parameter:`)
  })
}

/** Flags of the rehearse command, which win over the file. */
export interface RehearsalFlags {
  application?: string
  environment?: string
  database?: string
  cache?: string
  instanceTypes?: string
  properties?: Record<string, string>
  inputs?: Record<string, string>
}

/**
 * Pure: the rehearsal from the file's text (YAML; undefined when there is no
 * file) and the flags. `fallbackName` (the app folder's name) names the
 * application when nothing else does. One RehearsalError line for anything wrong.
 */
export function parseRehearsal(
  fileText: string | undefined,
  flags: RehearsalFlags,
  fallbackName: string
): RehearsalSpec {
  const raw: unknown = fileText === undefined ? {} : (parse(fileText) ?? {})
  if (!isRecord(raw)) throw new RehearsalError('the rehearsal file must be a YAML mapping')
  refuseUnknownKeys(raw, KEYS, '')
  const inputs = { ...stringMap(raw.with, 'with'), ...flags.inputs }
  const own = Object.keys(inputs).filter(name => OWN_INPUTS.includes(name))
  if (own.length > 0) {
    throw new RehearsalError(
      `set ${own.join(', ')} as a key of its own, not under with: the rehearsal creates it`
    )
  }
  const application =
    flags.application ??
    (raw.application === undefined
      ? fallbackName.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
      : text(raw.application, 'application'))
  const cacheId =
    flags.cache ?? (raw.cache === undefined || raw.cache === null ? undefined : text(raw.cache, 'cache'))
  const cache = cacheId === undefined ? undefined : identifier(cacheId, 'cache')
  const instanceTypes =
    flags.instanceTypes ??
    (raw['instance-types'] === undefined ? undefined : text(raw['instance-types'], 'instance-types'))
  const parsedSecrets = secrets(raw.secrets)
  const db = flags.database !== undefined ? database(flags.database) : database(raw.database)
  const roles =
    raw.roles === undefined
      ? ['ecsTaskExecutionRole']
      : Array.isArray(raw.roles)
        ? raw.roles.map((role, index) => text(role, `roles[${index}]`))
        : [text(raw.roles, 'roles')]
  return {
    application,
    environment:
      flags.environment ??
      (raw.environment === undefined ? `${application}-rehearsal` : text(raw.environment, 'environment')),
    ...(instanceTypes !== undefined && { instanceTypes }),
    properties: { ...stringMap(raw.properties, 'properties'), ...flags.properties },
    ...(db !== undefined && { database: db }),
    ...(cache !== undefined && { cache }),
    roles,
    secrets: parsedSecrets,
    inputs
  }
}

/**
 * What GitHub's runner says of `with:` names action.yml does not declare: it compares them case-insensitively with
 * the declared inputs and warns, in its own words, "Unexpected input(s) 'a', 'b', valid inputs are ['x', 'y']"
 * (actions/runner src/Runner.Worker/ActionRunner.cs, RunAsync) — a warning only: the step runs without them. The
 * rehearsal says the same, then one line per name with the declared input it most likely meant. Empty when all
 * are declared.
 */
export function unexpectedInputLines(given: string[], declared: string[]): string[] {
  const known = new Set(declared.map(name => name.toLowerCase()))
  const unexpected = given.filter(name => !known.has(name.toLowerCase()))
  if (unexpected.length === 0) return []
  return [
    `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declared.join("', '")}']`,
    ...unexpected.map(name => {
      const nearest = nearestName(name, declared)
      return `${name}: not an input of the action, so it is ignored${nearest ? ` (did you mean ${nearest}?)` : ''}`
    })
  ]
}

/** The declared name closest to `name` once _ and - are told apart no more, if it is close enough to be a typo. */
function nearestName(name: string, declared: string[]): string | undefined {
  const shape = (text: string): string => text.toLowerCase().replace(/_/g, '-')
  let best: { name: string; distance: number } | undefined
  for (const candidate of declared) {
    const distance = leven(shape(name), shape(candidate))
    if (!best || distance < best.distance) best = { name: candidate, distance }
  }
  // A third of the name's letters (at least 2) may differ: `compose_fiel`, `versionlabel`, not `foo` → `mode`.
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined
}

/** The modes of action.yml's `mode` input, and whether a rehearsal can run each. */
export const REHEARSED_MODES = ['deploy', 'plan'] as const
export type RehearsedMode = (typeof REHEARSED_MODES)[number]

const UNREHEARSED_MODES: Record<Exclude<Mode, RehearsedMode>, string> = {
  preview:
    'mode preview deploys a pull request to an environment of its own and runs only on pull_request events: ' +
    'rehearse mode deploy (the same build, smoke test and deploy) or mode plan',
  rollback:
    'mode rollback redeploys a version an earlier deploy created, and a rehearsal starts from an empty account: ' +
    'rehearse mode deploy or mode plan',
  cleanup:
    'mode cleanup deletes old application versions, and a rehearsal’s new application has none: ' +
    'rehearse mode deploy or mode plan'
}

/**
 * The mode the rehearsal runs (the `mode` input as the action reads it: trimmed, any case, deploy when empty), or
 * one RehearsalError line saying why that mode cannot be rehearsed.
 */
export function rehearsedMode(inputs: Record<string, string>): RehearsedMode {
  const given = (inputs.mode ?? '').trim().toLowerCase()
  if (given === '') return 'deploy'
  const mode = MODES.find(candidate => candidate === given)
  if (mode === 'deploy' || mode === 'plan') return mode
  if (mode) throw new RehearsalError(UNREHEARSED_MODES[mode])
  throw new RehearsalError(
    `Input 'mode' must be one of ${MODES.join(', ')} (got "${inputs.mode}"); ` +
      `a rehearsal runs deploy or plan`
  )
}

export interface PreparedRehearsal {
  /** The action's inputs for the deploy. */
  inputs: Record<string, string>
  /** One line per thing created, for the log. */
  created: string[]
}

/** Creates what the spec names in the stand-in, waits for the environment to be Ready, and returns the inputs. */
export async function prepareRehearsal(standIn: StandIn, spec: RehearsalSpec): Promise<PreparedRehearsal> {
  const created: string[] = []
  const secretLines: string[] = []
  if (spec.database) {
    const db = await standIn.seed.dbInstance({
      id: spec.database.id,
      dbName: spec.database.name,
      username: spec.database.username,
      manageMasterSecret: true
    })
    created.push(
      `RDS PostgreSQL ${db.id} (database ${db.dbName}, user ${db.username}, RDS-managed master secret)`
    )
  }
  if (spec.cache) {
    await standIn.seed.cacheCluster({ id: spec.cache })
    created.push(`ElastiCache Redis cluster ${spec.cache}`)
  }
  // A role set up as the README's "Before the first run" asks: the stock execution-role policy and the read of
  // this account's secrets and parameters, so the action's prerequisite check passes as it would on AWS.
  const { region, accountId } = standIn.ctx
  const readsSecrets: PolicyStatement[] = [
    ...ECS_TASK_EXECUTION_ROLE_POLICY,
    {
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'ssm:GetParameters'],
      Resource: [
        `arn:aws:secretsmanager:${region}:${accountId}:secret:*`,
        `arn:aws:ssm:${region}:${accountId}:parameter/*`
      ]
    }
  ]
  for (const role of spec.roles)
    created.push(`IAM role ${standIn.seed.role(role, readsSecrets).arn} (may read this account's secrets)`)
  const secretsManager = new SecretsManagerClient(standIn.clientConfig)
  const ssm = new SSMClient(standIn.clientConfig)
  const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  try {
    for (const secret of spec.secrets) {
      if (secret.kind === 'secret') {
        const { ARN } = await secretsManager.send(
          new CreateSecretCommand({ Name: secret.name, SecretString: secret.value })
        )
        secretLines.push(`${secret.variable}=${ARN}`)
        created.push(`Secrets Manager secret ${secret.name} → ${secret.variable}`)
      } else {
        await ssm.send(
          new PutParameterCommand({ Name: secret.name, Value: secret.value, Type: 'SecureString' })
        )
        const name = secret.name.startsWith('/') ? secret.name.slice(1) : secret.name
        const arn = `arn:aws:ssm:${standIn.ctx.region}:${standIn.ctx.accountId}:parameter/${name}`
        secretLines.push(`${secret.variable}=${arn}`)
        created.push(`SSM parameter ${secret.name} (SecureString) → ${secret.variable}`)
      }
    }
    await beanstalk.send(new CreateApplicationCommand({ ApplicationName: spec.application }))
    const settings: ConfigurationOptionSetting[] = [
      ...Object.entries(spec.properties).map(([name, value]) => ({
        Namespace: 'aws:elasticbeanstalk:application:environment',
        OptionName: name,
        Value: value
      })),
      // Enhanced health, as the README's prerequisites ask: a failed deploy then says why.
      {
        Namespace: 'aws:elasticbeanstalk:healthreporting:system',
        OptionName: 'SystemType',
        Value: 'enhanced'
      },
      ...(spec.instanceTypes !== undefined
        ? [{ Namespace: 'aws:ec2:instances', OptionName: 'InstanceTypes', Value: spec.instanceTypes }]
        : [])
    ]
    await beanstalk.send(
      new CreateEnvironmentCommand({
        ApplicationName: spec.application,
        EnvironmentName: spec.environment,
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS',
        OptionSettings: settings
      })
    )
    await waitReady(beanstalk, spec)
    created.push(
      `Beanstalk application ${spec.application}, environment ${spec.environment} (Ready, enhanced health` +
        `${spec.instanceTypes ? `, instance types ${spec.instanceTypes}` : ''}` +
        `${Object.keys(spec.properties).length > 0 ? `, properties ${Object.keys(spec.properties).join(', ')}` : ''})`
    )
  } finally {
    secretsManager.destroy()
    ssm.destroy()
    beanstalk.destroy()
  }
  const secretsInput = [spec.inputs.secrets ?? '', ...secretLines]
    .filter(line => line.trim() !== '')
    .join('\n')
  return {
    created,
    inputs: {
      'wait-timeout': '10m',
      ...spec.inputs,
      application: spec.application,
      environment: spec.environment,
      ...(spec.database && { database: spec.database.id }),
      ...(spec.cache && { cache: spec.cache }),
      ...(secretsInput !== '' && { secrets: secretsInput })
    }
  }
}

async function waitReady(beanstalk: ElasticBeanstalkClient, spec: RehearsalSpec): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { Environments = [] } = await beanstalk.send(
      new DescribeEnvironmentsCommand({
        ApplicationName: spec.application,
        EnvironmentNames: [spec.environment]
      })
    )
    if (Environments[0]?.Status === 'Ready') return
    await new Promise(resolve => setTimeout(resolve, 200))
  }
  throw new RehearsalError(`environment ${spec.environment} did not become Ready`)
}
