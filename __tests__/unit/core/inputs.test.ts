import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { InputError } from '../../../src/core/errors.js'
import { parseInputs, type RawInputs } from '../../../src/core/inputs.js'
import { prRun, pushRun, repoRoot, SHA } from './support.js'

const minimal: RawInputs = { application: 'puppies', environment: 'puppies-prod' }

function inputErrorOf(raw: RawInputs, run = pushRun): InputError {
  try {
    parseInputs(raw, run)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error(`expected an InputError for ${JSON.stringify(raw)}`)
}

describe('parseInputs defaults', () => {
  // Parsed in each test, not here: mutation testing credits only what runs inside a test.
  const defaults = () => parseInputs(minimal, pushRun).config

  it('deploys the compose file with the default variable names and a sha-<12> label', () => {
    expect(defaults()).toMatchObject({
      mode: 'deploy',
      application: 'puppies',
      environments: ['puppies-prod'],
      composeFile: '',
      databaseEnv: 'DATABASE_URL',
      databasePasswordEnv: 'DATABASE_PASSWORD',
      cacheEnv: 'REDIS_URL',
      database: { kind: 'unset' },
      cache: { kind: 'unset' },
      secrets: [],
      versionLabel: `sha-${SHA.slice(0, 12)}`,
      versionDescription: `acme/puppies@${SHA.slice(0, 12)} (run 42)`,
      waitTimeoutMs: 20 * 60_000,
      ecrRepositoryPrefix: 'puppies',
      ecrTagMutability: 'MUTABLE',
      ecrKeepImages: 30,
      keepVersions: 50,
      defaultMemoryReservation: 256,
      logDriver: 'awslogs',
      smokeTest: 'auto',
      smokeTestPath: '/',
      build: true,
      allowYellow: false,
      healthRecoveryMs: 180_000,
      autoRollback: true,
      wait: true,
      maskAwsAccountId: false,
      commitSha: SHA
    })
    expect(defaults().services).toBeUndefined()
    expect(defaults().region).toBeUndefined()
  })

  it('labels a preview pr-<n>-<head sha> and derives the environment name from the application', () => {
    const preview = parseInputs({ application: 'Puppies App', mode: 'preview' }, prRun).config
    expect(preview.versionLabel).toBe('pr-17-abcdefabcdef')
    expect(preview.environments).toEqual(['Puppies-App-pr-17'])
    expect(preview.commitSha).toBe(prRun.pullRequest?.headSha)
  })

  it('a pull request’s build writes a cache of its own, never the shared one (attack round 9)', () => {
    expect(parseInputs({ application: 'p', mode: 'preview' }, prRun).config.buildCacheScope).toBe('pr17')
    expect(parseInputs({ application: 'p', environment: 'p-staging' }, prRun).config.buildCacheScope).toBe(
      'pr17'
    )
    expect(
      parseInputs({ application: 'p', environment: 'p-staging' }, { ...pushRun, commentedPullRequest: 9 })
        .config.buildCacheScope
    ).toBe('pr9')
    expect(
      parseInputs(
        { application: 'p', environment: 'p-staging' },
        { ...pushRun, eventName: 'workflow_run', workflowRun: { event: 'pull_request' } }
      ).config.buildCacheScope
    ).toBe('pr')
    expect(
      parseInputs({ application: 'p', environment: 'p-prod' }, pushRun).config.buildCacheScope
    ).toBeUndefined()
  })

  it('keeps a preview environment name within 40 characters for a long application name', () => {
    const preview = parseInputs({ application: 'a'.repeat(100), mode: 'preview' }, prRun).config
    expect(preview.environments[0]).toBe(`${'a'.repeat(34)}-pr-17`)
  })

  it('does not require an environment in plan and cleanup mode', () => {
    for (const mode of ['plan', 'cleanup']) {
      expect(parseInputs({ application: 'puppies', mode }, pushRun).config.environments).toEqual([])
    }
  })

  it('reads wait: false and mask-aws-account-id: true', () => {
    const { config: read } = parseInputs(
      { ...minimal, wait: 'false', 'mask-aws-account-id': 'true' },
      pushRun
    )
    expect(read).toMatchObject({ wait: false, maskAwsAccountId: true })
  })

  it('leaves the rollback label empty so the last Green version is chosen', () => {
    expect(parseInputs({ ...minimal, mode: 'rollback' }, pushRun).config.versionLabel).toBe('')
  })

  it('reads several environments separated by spaces and new lines, trimming every input', () => {
    const { config: several } = parseInputs(
      { application: '  puppies ', environment: 'puppies-a puppies-b\npuppies-c', 'wait-timeout': ' 1h30m ' },
      pushRun
    )
    expect(several.application).toBe('puppies')
    expect(several.environments).toEqual(['puppies-a', 'puppies-b', 'puppies-c'])
    expect(several.waitTimeoutMs).toBe(90 * 60_000)
  })

  it('reads health-recovery-window as a duration; 0s fails on the first unhealthy look after the update', () => {
    expect(
      parseInputs({ ...minimal, 'health-recovery-window': '90s' }, pushRun).config.healthRecoveryMs
    ).toBe(90_000)
    expect(parseInputs({ ...minimal, 'health-recovery-window': '0s' }, pushRun).config.healthRecoveryMs).toBe(
      0
    )
  })

  it('reads per-environment service subsets, one "name: services" per line', () => {
    const { config: split } = parseInputs(
      { application: 'puppies', environment: 'puppies-web: web nginx\npuppies-worker: worker\npuppies-all' },
      pushRun
    )
    expect(split.environments).toEqual(['puppies-web', 'puppies-worker', 'puppies-all'])
    expect(split.environmentServices).toEqual({
      'puppies-web': ['web', 'nginx'],
      'puppies-worker': ['worker']
    })
  })

  it('refuses an environment line with a colon and no service', () => {
    expect(inputErrorOf({ application: 'puppies', environment: 'puppies-web:' }).message).toBe(
      `Input 'environment': "puppies-web:" names no service after the colon (use "name: web nginx")`
    )
  })

  it('parses backing inputs: identifier, endpoint URL, none', () => {
    const { config: backing } = parseInputs(
      { ...minimal, database: 'puppies-db', cache: 'redis://cache.internal:6379/0' },
      pushRun
    )
    expect(backing.database).toEqual({ kind: 'identifier', id: 'puppies-db' })
    expect(backing.cache).toEqual({ kind: 'endpoint', url: 'redis://cache.internal:6379/0' })
    expect(parseInputs({ ...minimal, database: 'NONE' }, pushRun).config.database).toEqual({ kind: 'none' })
  })

  it('reads secrets lines, skipping blanks and comments', () => {
    const secrets = [
      '# app secrets',
      'SECRET_KEY_BASE=arn:aws:secretsmanager:eu-west-1:123456789012:secret:puppies/skb-AbCdEf',
      '',
      'API_TOKEN = arn:aws:ssm:eu-west-1:123456789012:parameter/puppies/api-token',
      'SENTRY_DSN=/puppies/sentry-dsn'
    ].join('\n')
    expect(parseInputs({ ...minimal, secrets }, pushRun).config.secrets).toEqual([
      {
        name: 'SECRET_KEY_BASE',
        valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:puppies/skb-AbCdEf'
      },
      { name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/puppies/api-token' },
      { name: 'SENTRY_DSN', valueFrom: '/puppies/sentry-dsn' }
    ])
  })

  it('derives a valid ECR prefix from an application name with spaces and punctuation', () => {
    for (const application of ['Puppies App', 'Puppies Co. (prod)', 'a._b', 'x']) {
      const { config: derived } = parseInputs({ ...minimal, application }, pushRun)
      expect(derived.ecrRepositoryPrefix).toMatch(/^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/)
    }
  })

  it('keeps as few as one version and as many as a thousand', () => {
    expect(parseInputs({ ...minimal, 'keep-versions': '1' }, pushRun).config.keepVersions).toBe(1)
    expect(parseInputs({ ...minimal, 'keep-versions': '1000' }, pushRun).config.keepVersions).toBe(1000)
  })

  it('reads exactly the inputs that action.yml declares', () => {
    const actionYml = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: object }
    const { inputNames } = parseInputs({ ...minimal, 'log-group': '/x', 'solution-stack': 's' }, pushRun)
    expect([...inputNames].sort()).toEqual(Object.keys(actionYml.inputs).sort())
  })
})

/** The exact line each bad input gets (the row's name → the message). */
const MESSAGES: Record<string, string> = {
  'missing application': "Input 'application': is required: the Elastic Beanstalk application name",
  'application with "/"': 'Input \'application\': must not contain "/"',
  'application longer than 100 characters': "Input 'application': must be 1 to 100 characters long (got 101)",
  'environment shorter than 4 characters':
    'Input \'environment\': "abc" must be 4 to 40 characters long (got 3)',
  'environment longer than 40 characters':
    'Input \'environment\': "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" must be 4 to 40 characters long (got 41)',
  'environment with an underscore':
    'Input \'environment\': "puppies_prod" may contain only letters, digits and hyphens',
  'environment with a leading hyphen':
    'Input \'environment\': "-puppies" must not start or end with a hyphen',
  'environment named twice': "Input 'environment': names the same environment twice",
  'missing environment in deploy mode':
    "Input 'environment': is required: the Elastic Beanstalk environment name(s) to deploy to",
  'unknown mode': 'Input \'mode\': must be one of deploy, preview, rollback, plan, cleanup (got "destroy")',
  'preview outside pull_request':
    'Input \'mode\': preview deploys a pull request, but this run was triggered by "push"; run it on pull_request events',
  'version-label over 100 characters':
    'Input \'version-label\': "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv" must be 1 to 100 characters long (got 101)',
  'version-label with "/"':
    'Input \'version-label\': "release/1.2" may contain only letters, digits, ".", "_" and "-", and must start with a letter, digit or "_"',
  'version-label with spaces':
    'Input \'version-label\': "release 1.2" may contain only letters, digits, ".", "_" and "-", and must start with a letter, digit or "_"',
  'wait-timeout "soon"': 'Input \'wait-timeout\': must be a duration such as 20m, 900s or 1h (got "soon")',
  'wait-timeout "10 minutes"':
    'Input \'wait-timeout\': must be a duration such as 20m, 900s or 1h (got "10 minutes")',
  'wait-timeout of zero':
    'Input \'wait-timeout\': must be at least 1s: the wait would end before Beanstalk answers (got "0s")',
  'health-recovery-window "a while"':
    'Input \'health-recovery-window\': must be a duration such as 3m, 90s or 0s (got "a while")',
  'region "mars-1"': 'Input \'region\': "mars-1" is not an AWS region name such as us-east-1',
  'boolean "yes"': 'Input \'allow-yellow\': must be true or false (got "yes")',
  'boolean "1"': 'Input \'build\': must be true or false (got "1")',
  'wait "no"': 'Input \'wait\': must be true or false (got "no")',
  'mask-aws-account-id "on"': 'Input \'mask-aws-account-id\': must be true or false (got "on")',
  'integer "-1"': 'Input \'keep-versions\': must be a whole number from 1 to 1000 (got "-1")',
  'keep-versions of zero': 'Input \'keep-versions\': must be a whole number from 1 to 1000 (got "0")',
  'keep-versions over 1000': 'Input \'keep-versions\': must be a whole number from 1 to 1000 (got "1001")',
  'integer "abc"': 'Input \'memory-reservation\': must be a whole number from 4 to 1048576 (got "abc")',
  'integer below the minimum':
    'Input \'memory-reservation\': must be a whole number from 4 to 1048576 (got "2")',
  'ecr-repository-prefix with uppercase':
    'Input \'ecr-repository-prefix\': "Puppies" must be lowercase letters and digits, separated by ".", "_", "-" or "/"',
  'ecr-tag-mutability unknown':
    'Input \'ecr-tag-mutability\': must be one of MUTABLE, IMMUTABLE (got "FROZEN")',
  'secrets malformed line':
    'Input \'secrets\': line "SECRET_KEY_BASE" must be NAME=<Secrets Manager ARN or SSM parameter>',
  'secrets value with spaces':
    'Input \'secrets\': line "A=arn:aws:secretsmanager:eu-west-1:123456789012:secret:x extra" must be NAME=<Secrets Manager ARN or SSM parameter>',
  'secrets not an ARN':
    'Input \'secrets\': API_TOKEN must reference a Secrets Manager secret or SSM parameter ARN, or an SSM parameter path starting with "/" (got "hunter2")',
  'secrets name duplicated': "Input 'secrets': A is listed twice",
  'execution-role-arn not a role ARN':
    'Input \'execution-role-arn\': "arn:aws:iam::123456789012:user/ci" is not an IAM role ARN',
  'execution-role-arn a role name':
    'Input \'execution-role-arn\': "ecsTaskExecutionRole" is not an IAM role ARN',
  'database endpoint with a password':
    "Input 'database': the endpoint URL contains a password; it would be written into the bundle. Remove it and pass the password through the secrets input",
  'database endpoint with a wrong scheme':
    'Input \'database\': endpoint scheme must be postgres or postgresql or mysql or mysql2 (got "http")',
  'database neither identifier nor URL':
    'Input \'database\': "db.internal" is neither an identifier (letters, digits, hyphens, starting with a letter) nor an endpoint URL',
  'cache endpoint with a database scheme':
    'Input \'cache\': endpoint scheme must be redis or rediss or memcached (got "postgres")',
  'database-env not a variable name':
    'Input \'database-env\': must be an environment variable name (got "DATABASE-URL")',
  'bucket name with uppercase': 'Input \'bucket\': "My_Bucket" is not a valid S3 bucket name',
  'bucket name too short': 'Input \'bucket\': "ab" is not a valid S3 bucket name',
  'smoke-test-path without "/"':
    'Input \'smoke-test-path\': must be an HTTP path starting with "/" (got "up")',
  'smoke-test unknown': 'Input \'smoke-test\': must be one of auto, true, false (got "maybe")',
  'builder that would be a docker option': 'Input \'builder\': must be a buildx builder name (got "--push")',
  'builder with a space': 'Input \'builder\': must be a buildx builder name (got "my builder")',
  'log-driver unknown': 'Input \'log-driver\': must be one of awslogs, json-file, none (got "syslog")',
  'preview-base-environment invalid':
    'Input \'preview-base-environment\': "a_b" must be 4 to 40 characters long (got 3)'
}

describe('parseInputs rejects bad inputs, naming the input in one line', () => {
  const role = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x'
  it.each<[string, RawInputs, string]>([
    ['missing application', { environment: 'puppies-prod' }, 'application'],
    ['application with "/"', { ...minimal, application: 'acme/puppies' }, 'application'],
    ['application longer than 100 characters', { ...minimal, application: 'a'.repeat(101) }, 'application'],
    ['environment shorter than 4 characters', { ...minimal, environment: 'abc' }, 'environment'],
    ['environment longer than 40 characters', { ...minimal, environment: 'e'.repeat(41) }, 'environment'],
    ['environment with an underscore', { ...minimal, environment: 'puppies_prod' }, 'environment'],
    ['environment with a leading hyphen', { ...minimal, environment: '-puppies' }, 'environment'],
    ['environment named twice', { ...minimal, environment: 'puppies-a\npuppies-a' }, 'environment'],
    ['missing environment in deploy mode', { application: 'puppies' }, 'environment'],
    ['unknown mode', { ...minimal, mode: 'destroy' }, 'mode'],
    ['preview outside pull_request', { ...minimal, mode: 'preview' }, 'mode'],
    ['version-label over 100 characters', { ...minimal, 'version-label': 'v'.repeat(101) }, 'version-label'],
    ['version-label with "/"', { ...minimal, 'version-label': 'release/1.2' }, 'version-label'],
    ['version-label with spaces', { ...minimal, 'version-label': 'release 1.2' }, 'version-label'],
    ['wait-timeout "soon"', { ...minimal, 'wait-timeout': 'soon' }, 'wait-timeout'],
    ['wait-timeout "10 minutes"', { ...minimal, 'wait-timeout': '10 minutes' }, 'wait-timeout'],
    ['wait-timeout of zero', { ...minimal, 'wait-timeout': '0s' }, 'wait-timeout'],
    [
      'health-recovery-window "a while"',
      { ...minimal, 'health-recovery-window': 'a while' },
      'health-recovery-window'
    ],
    ['region "mars-1"', { ...minimal, region: 'mars-1' }, 'region'],
    ['boolean "yes"', { ...minimal, 'allow-yellow': 'yes' }, 'allow-yellow'],
    ['boolean "1"', { ...minimal, build: '1' }, 'build'],
    ['wait "no"', { ...minimal, wait: 'no' }, 'wait'],
    ['mask-aws-account-id "on"', { ...minimal, 'mask-aws-account-id': 'on' }, 'mask-aws-account-id'],
    ['integer "-1"', { ...minimal, 'keep-versions': '-1' }, 'keep-versions'],
    // Zero would let cleanup delete every version, the one just deployed included.
    ['keep-versions of zero', { ...minimal, 'keep-versions': '0' }, 'keep-versions'],
    ['keep-versions over 1000', { ...minimal, 'keep-versions': '1001' }, 'keep-versions'],
    ['integer "abc"', { ...minimal, 'memory-reservation': 'abc' }, 'memory-reservation'],
    ['integer below the minimum', { ...minimal, 'memory-reservation': '2' }, 'memory-reservation'],
    [
      'ecr-repository-prefix with uppercase',
      { ...minimal, 'ecr-repository-prefix': 'Puppies' },
      'ecr-repository-prefix'
    ],
    ['ecr-tag-mutability unknown', { ...minimal, 'ecr-tag-mutability': 'FROZEN' }, 'ecr-tag-mutability'],
    ['secrets malformed line', { ...minimal, secrets: 'SECRET_KEY_BASE' }, 'secrets'],
    ['secrets value with spaces', { ...minimal, secrets: `A=${arn} extra` }, 'secrets'],
    ['secrets not an ARN', { ...minimal, secrets: 'API_TOKEN=hunter2' }, 'secrets'],
    ['secrets name duplicated', { ...minimal, secrets: `A=${arn}\nA=${arn}` }, 'secrets'],
    [
      'execution-role-arn not a role ARN',
      { ...minimal, 'execution-role-arn': 'arn:aws:iam::123456789012:user/ci' },
      'execution-role-arn'
    ],
    [
      'execution-role-arn a role name',
      { ...minimal, 'execution-role-arn': 'ecsTaskExecutionRole' },
      'execution-role-arn'
    ],
    [
      'database endpoint with a password',
      { ...minimal, database: 'postgres://app:hunter2@db.internal:5432/app' },
      'database'
    ],
    [
      'database endpoint with a wrong scheme',
      { ...minimal, database: 'http://db.internal:5432/app' },
      'database'
    ],
    ['database neither identifier nor URL', { ...minimal, database: 'db.internal' }, 'database'],
    ['cache endpoint with a database scheme', { ...minimal, cache: 'postgres://cache.internal' }, 'cache'],
    ['database-env not a variable name', { ...minimal, 'database-env': 'DATABASE-URL' }, 'database-env'],
    ['bucket name with uppercase', { ...minimal, bucket: 'My_Bucket' }, 'bucket'],
    ['bucket name too short', { ...minimal, bucket: 'ab' }, 'bucket'],
    ['smoke-test-path without "/"', { ...minimal, 'smoke-test-path': 'up' }, 'smoke-test-path'],
    ['smoke-test unknown', { ...minimal, 'smoke-test': 'maybe' }, 'smoke-test'],
    ['builder that would be a docker option', { ...minimal, builder: '--push' }, 'builder'],
    ['builder with a space', { ...minimal, builder: 'my builder' }, 'builder'],
    ['log-driver unknown', { ...minimal, 'log-driver': 'syslog' }, 'log-driver'],
    [
      'preview-base-environment invalid',
      { ...minimal, 'preview-base-environment': 'a_b' },
      'preview-base-environment'
    ]
  ])('%s', (name, raw, input) => {
    const error = inputErrorOf(raw)
    expect(error.input).toBe(input)
    // The whole line a user reads, pinned: what is wrong and what to write instead.
    expect(error.message).toBe(MESSAGES[name])
    expect(error.message).not.toContain('\n')
  })

  it('never repeats a password from the database URL in the message', () => {
    for (const database of [
      'postgres://app:hunter2@db.internal:5432/app',
      'postgres://app:hunter2@db.internal:99999/app',
      // Passwords holding "/" or "@" in a URL that does not parse.
      'postgres://app:hun/ter2@db.internal:99999/app',
      'postgres://app:hun@ter2@db.internal:99999/app',
      'postgres://app@db.internal:5432/app?password=hunter2',
      'postgres://app@db.internal:5432/app?sslmode=require&PASSWORD=hunter2'
    ]) {
      const message = inputErrorOf({ ...minimal, database }).message
      expect(message).not.toContain('hunter2')
      expect(message).not.toContain('ter2')
    }
  })

  it('takes the builder input as a buildx builder name, and none by default', () => {
    expect(parseInputs({ ...minimal, builder: 'builder-5f1e0c2a' }, pushRun).config.builder).toBe(
      'builder-5f1e0c2a'
    )
    expect(parseInputs(minimal, pushRun).config.builder).toBeUndefined()
  })

  it('accepts a role ARN with a path as execution-role-arn', () => {
    expect(parseInputs({ ...minimal, 'execution-role-arn': role }, pushRun).config.executionRoleArn).toBe(
      role
    )
  })
})
