// A second client nobody here wrote: Debian's AWS CLI v2 (botocore's parsers
// and signer) drives the stand-in through every operation the action uses,
// so an answer the SDK v3 happens to tolerate but botocore would not shows up
// here. Errors are checked as the CLI prints them.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { type StandIn, startStandIn } from '../../../stand-in/server.js'
import { httpTestImage } from '../helpers/http-image.js'
import { type World, describeIn, dockerEngine, hasDocker } from '../helpers/docker.js'
import { bundleZip } from './beanstalk-helpers.js'

/** Debian's awscli package; a v1 `aws` earlier on PATH (pip, pyenv) is not what this suite checks. */
const AWS_CLI = '/usr/bin/aws'

const awsCliV2: World = {
  name: "the AWS CLI v2 (Debian's awscli, installed by scripts/setup.sh)",
  probe: () => {
    try {
      const version = execFileSync(AWS_CLI, ['--version'], { encoding: 'utf8' })
      return version.startsWith('aws-cli/2.') ? undefined : `${AWS_CLI} is ${version.trim()}`
    } catch {
      return `${AWS_CLI} is missing`
    }
  }
}

const both: World = {
  name: `${awsCliV2.name} and ${dockerEngine.name}`,
  probe: () => awsCliV2.probe() ?? dockerEngine.probe()
}
const describe = describeIn(both)

const STACK = '64bit Amazon Linux 2023 v4.2.0 running ECS'
const ENHANCED = 'Namespace=aws:elasticbeanstalk:healthreporting:system,OptionName=SystemType,Value=enhanced'
let standIn: StandIn
let records: StandIn
let workDir: string
let bucket: string

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

function runCli(target: StandIn, args: string[]): Promise<CliResult> {
  return new Promise(resolve => {
    execFile(
      AWS_CLI,
      [...args, '--endpoint-url', target.endpoint, '--region', 'us-east-1', '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: workDir,
          AWS_ACCESS_KEY_ID: 'AKIASTANDINEXAMPLE01',
          AWS_SECRET_ACCESS_KEY: 'stand-in-secret-access-key-not-checked',
          AWS_CONFIG_FILE: join(workDir, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(workDir, 'no-credentials'),
          AWS_PAGER: ''
        },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })
}

/** Runs the CLI and parses its JSON answer; fails the test with the CLI's stderr otherwise. */
async function aws(args: string[], target = standIn): Promise<Record<string, unknown>> {
  const result = await runCli(target, args)
  if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${result.code}): ${result.stderr}`)
  return result.stdout.trim() ? (JSON.parse(result.stdout) as Record<string, unknown>) : {}
}

/** The CLI's one-line error: "An error occurred (<Code>) when calling the <Op> operation: <message>". */
async function awsError(args: string[], target = standIn): Promise<string> {
  const result = await runCli(target, args)
  expect(result.code).not.toBe(0)
  return result.stderr.trim()
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex')
}

async function environment(name: string): Promise<Record<string, unknown>> {
  const answer = await aws(['elasticbeanstalk', 'describe-environments', '--environment-names', name])
  return (answer.Environments as Record<string, unknown>[]).at(-1) ?? {}
}

async function settle(name: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const found = await environment(name)
    if (found.Status === 'Ready' || found.Status === 'Terminated') return found
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`${name} did not settle`)
}

beforeAll(async () => {
  if (awsCliV2.probe() !== undefined || !hasDocker()) return
  workDir = await mkdtemp(join(tmpdir(), 'stand-in-aws-cli-'))
  standIn = await startStandIn({ beanstalk: { transitionMs: 50, healthTimeoutMs: 20_000 } })
  records = await startStandIn({ runContainers: false, registry: false })
  await records.seed.example()
}, 300_000)

afterAll(async () => {
  await standIn?.stop()
  await records?.stop()
  if (workDir) await rm(workDir, { recursive: true, force: true })
}, 60_000)

describe('the AWS CLI v2 against the stand-in', () => {
  it('S3: storage bucket, put/head/get, ranged get, Content-MD5, and cp up and down in parts', async () => {
    const location = await aws(['elasticbeanstalk', 'create-storage-location'])
    bucket = location.S3Bucket as string
    expect(bucket).toBe('elasticbeanstalk-us-east-1-123456789012')

    const small = join(workDir, 'small.txt')
    await writeFile(small, '0123456789abcdefghij')
    const put = await aws(['s3api', 'put-object', '--bucket', bucket, '--key', 'small.txt', '--body', small])
    expect(put.ETag).toBe(`"${md5(Buffer.from('0123456789abcdefghij'))}"`)
    const head = await aws(['s3api', 'head-object', '--bucket', bucket, '--key', 'small.txt'])
    expect(head.ContentLength).toBe(20)
    const part = join(workDir, 'part.txt')
    const ranged = await aws([
      's3api',
      'get-object',
      '--bucket',
      bucket,
      '--key',
      'small.txt',
      '--range',
      'bytes=5-9',
      part
    ])
    expect(ranged.ContentRange).toBe('bytes 5-9/20')
    expect(await readFile(part, 'utf8')).toBe('56789')
    const wrongMd5 = createHash('md5').update('other').digest('base64')
    expect(
      await awsError([
        's3api',
        'put-object',
        '--bucket',
        bucket,
        '--key',
        'digest.txt',
        '--body',
        small,
        '--content-md5',
        wrongMd5
      ])
    ).toContain('An error occurred (BadDigest) when calling the PutObject operation')
    expect(await awsError(['s3api', 'head-object', '--bucket', bucket, '--key', 'missing.txt'])).toContain(
      '(404)'
    )

    // 20 MiB: the CLI uploads in parts (multipart) and downloads with ranged GETs.
    const large = randomBytes(20 * 1024 * 1024)
    const source = join(workDir, 'large.bin')
    await writeFile(source, large)
    await aws(['s3', 'cp', source, `s3://${bucket}/large.bin`, '--only-show-errors'])
    expect(standIn.calls.some(call => call.operation === 'CompleteMultipartUpload')).toBe(true)
    const copy = join(workDir, 'large.copy')
    await aws(['s3', 'cp', `s3://${bucket}/large.bin`, copy, '--only-show-errors'])
    const downloaded = await readFile(copy)
    expect(downloaded.length).toBe(large.length)
    expect(md5(downloaded)).toBe(md5(large))
    const listed = await aws(['s3api', 'list-objects', '--bucket', bucket, '--max-keys', '1'])
    expect(listed.IsTruncated).toBe(true)
    const page2 = await aws([
      's3api',
      'list-objects',
      '--bucket',
      bucket,
      '--marker',
      (listed.Contents as { Key: string }[])[0]?.Key as string
    ])
    expect((page2.Contents as { Key: string }[]).map(object => object.Key)).toEqual(['small.txt'])
  }, 180_000)

  it('ECR: repositories, authorization token, lifecycle policy, images', async () => {
    const created = await aws([
      'ecr',
      'create-repository',
      '--repository-name',
      'cli/web',
      '--image-tag-mutability',
      'IMMUTABLE',
      '--image-scanning-configuration',
      'scanOnPush=true'
    ])
    expect(created.repository).toMatchObject({ repositoryName: 'cli/web', imageTagMutability: 'IMMUTABLE' })
    expect(await awsError(['ecr', 'create-repository', '--repository-name', 'cli/web'])).toContain(
      'An error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation'
    )
    const described = await aws(['ecr', 'describe-repositories', '--repository-names', 'cli/web'])
    expect((described.repositories as unknown[]).length).toBe(1)
    expect(await awsError(['ecr', 'describe-repositories', '--repository-names', 'cli/ghost'])).toContain(
      'RepositoryNotFoundException'
    )
    const token = await aws(['ecr', 'get-authorization-token'])
    const data = (token.authorizationData as { authorizationToken: string; proxyEndpoint: string }[])[0]
    expect(Buffer.from(data?.authorizationToken ?? '', 'base64').toString()).toBe(
      `AWS:${standIn.registry?.password}`
    )
    const policy = JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
          action: { type: 'expire' }
        }
      ]
    })
    await aws([
      'ecr',
      'put-lifecycle-policy',
      '--repository-name',
      'cli/web',
      '--lifecycle-policy-text',
      policy
    ])
    expect(
      await awsError([
        'ecr',
        'put-lifecycle-policy',
        '--repository-name',
        'cli/web',
        '--lifecycle-policy-text',
        JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: 'tagged images need a tag list',
              selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 3 },
              action: { type: 'expire' }
            }
          ]
        })
      ])
    ).toContain("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint")
    expect(await aws(['ecr', 'describe-images', '--repository-name', 'cli/web'])).toEqual({
      imageDetails: []
    })
    const batch = await aws([
      'ecr',
      'batch-get-image',
      '--repository-name',
      'cli/web',
      '--image-ids',
      'imageTag=missing'
    ])
    expect(batch).toMatchObject({ images: [], failures: [{ failureCode: 'ImageNotFound' }] })
  }, 60_000)

  it('RDS and ElastiCache: the seeded instance, cluster and their errors', async () => {
    const db = await aws(['rds', 'describe-db-instances', '--db-instance-identifier', 'puppies-db'], records)
    expect((db.DBInstances as { Endpoint: { Port: number } }[])[0]?.Endpoint.Port).toBe(5432)
    expect(
      await awsError(['rds', 'describe-db-instances', '--db-instance-identifier', 'ghost-db'], records)
    ).toContain('DBInstanceNotFound')
    const cache = await aws(
      [
        'elasticache',
        'describe-cache-clusters',
        '--cache-cluster-id',
        'puppies-cache',
        '--show-cache-node-info'
      ],
      records
    )
    expect((cache.CacheClusters as { CacheClusterId: string }[])[0]?.CacheClusterId).toBe('puppies-cache')
    expect(
      await awsError(
        ['elasticache', 'describe-replication-groups', '--replication-group-id', 'ghost'],
        records
      )
    ).toContain('ReplicationGroupNotFoundFault')
  }, 60_000)

  it('Beanstalk: version, environment, deploy, events, health, templates, tags, refusals, terminate', async () => {
    const image = await httpTestImage()
    const dockerrun = {
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        {
          name: 'web',
          image,
          memory: 64,
          portMappings: [{ hostPort: 80, containerPort: 8080 }]
        }
      ]
    }
    const zip = join(workDir, 'bundle.zip')
    await writeFile(zip, bundleZip(dockerrun))
    await aws(['s3', 'cp', zip, `s3://${bucket}/cli/v1.zip`, '--only-show-errors'])
    const stacks = await aws(['elasticbeanstalk', 'list-available-solution-stacks'])
    expect(stacks.SolutionStacks).toContain(STACK)
    await aws(['elasticbeanstalk', 'create-application', '--application-name', 'cli'])
    const version = await aws([
      'elasticbeanstalk',
      'create-application-version',
      '--application-name',
      'cli',
      '--version-label',
      'v1',
      '--source-bundle',
      `S3Bucket=${bucket},S3Key=cli/v1.zip`,
      '--process'
    ])
    expect((version.ApplicationVersion as { Status: string }).Status).toBe('PROCESSING')
    let status = ''
    for (let attempt = 0; attempt < 100 && status !== 'PROCESSED'; attempt++) {
      const versions = await aws([
        'elasticbeanstalk',
        'describe-application-versions',
        '--application-name',
        'cli',
        '--version-labels',
        'v1'
      ])
      status = (versions.ApplicationVersions as { Status: string }[])[0]?.Status ?? ''
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    expect(status).toBe('PROCESSED')

    expect(
      await awsError([
        'elasticbeanstalk',
        'create-environment',
        '--application-name',
        'cli',
        '--environment-name',
        'cli-web',
        '--solution-stack-name',
        '64bit Amazon Linux 2023 v9.9.9 running ECS'
      ])
    ).toBe(
      "An error occurred (InvalidParameterValue) when calling the CreateEnvironment operation: No Solution Stack named '64bit Amazon Linux 2023 v9.9.9 running ECS' found."
    )
    expect(
      await awsError([
        'elasticbeanstalk',
        'create-environment',
        '--application-name',
        'cli',
        '--environment-name',
        'cli-web',
        '--solution-stack-name',
        STACK,
        '--option-settings',
        'Namespace=aws:elasticbeanstalk:environment,OptionName=Colour,Value=blue'
      ])
    ).toBe(
      "An error occurred (ConfigurationValidationException) when calling the CreateEnvironment operation: Configuration validation exception: Invalid option specification (Namespace: 'aws:elasticbeanstalk:environment', OptionName: 'Colour'): Unknown configuration setting."
    )

    const created = await aws([
      'elasticbeanstalk',
      'create-environment',
      '--application-name',
      'cli',
      '--environment-name',
      'cli-web',
      '--solution-stack-name',
      STACK,
      '--version-label',
      'v1',
      '--option-settings',
      ENHANCED,
      'Namespace=aws:elasticbeanstalk:application:environment,OptionName=GREETING,Value=from-cli'
    ])
    expect(created).toMatchObject({ Status: 'Launching', Health: 'Grey' })
    const ready = await settle('cli-web')
    expect(ready).toMatchObject({ Status: 'Ready', Health: 'Green', VersionLabel: 'v1' })
    expect(await (await fetch(`http://${ready.CNAME as string}/`)).text()).toBe('from-cli')

    await aws([
      'elasticbeanstalk',
      'update-environment',
      '--environment-name',
      'cli-web',
      '--option-settings',
      'Namespace=aws:elasticbeanstalk:application:environment,OptionName=GREETING,Value=updated'
    ])
    expect(await settle('cli-web')).toMatchObject({ Health: 'Green' })
    const events = await aws(['elasticbeanstalk', 'describe-events', '--environment-name', 'cli-web'])
    const messages = (events.Events as { Message: string }[]).map(event => event.Message)
    expect(messages).toContain('createEnvironment is starting.')
    expect(messages[0]).toBe('Environment update completed successfully.')
    const health = await aws([
      'elasticbeanstalk',
      'describe-environment-health',
      '--environment-name',
      'cli-web',
      '--attribute-names',
      'All'
    ])
    expect(health).toMatchObject({ Color: 'Green', HealthStatus: 'Ok' })

    const template = await aws([
      'elasticbeanstalk',
      'create-configuration-template',
      '--application-name',
      'cli',
      '--template-name',
      'cli-copy',
      '--environment-id',
      ready.EnvironmentId as string
    ])
    expect(template).toMatchObject({ TemplateName: 'cli-copy', SolutionStackName: STACK })
    await aws([
      'elasticbeanstalk',
      'delete-configuration-template',
      '--application-name',
      'cli',
      '--template-name',
      'cli-copy'
    ])
    const tags = await aws([
      'elasticbeanstalk',
      'list-tags-for-resource',
      '--resource-arn',
      ready.EnvironmentArn as string
    ])
    expect(tags).toMatchObject({ ResourceArn: ready.EnvironmentArn, ResourceTags: [] })

    // Deleting the version the environment runs is allowed, as on AWS.
    await aws([
      'elasticbeanstalk',
      'delete-application-version',
      '--application-name',
      'cli',
      '--version-label',
      'v1'
    ])
    await aws(['elasticbeanstalk', 'terminate-environment', '--environment-name', 'cli-web'])
    expect(await settle('cli-web')).toMatchObject({ Status: 'Terminated' })
    expect(
      await awsError([
        'elasticbeanstalk',
        'update-environment',
        '--environment-name',
        'cli-web',
        '--version-label',
        'v1'
      ])
    ).toBe(
      "An error occurred (InvalidParameterValue) when calling the UpdateEnvironment operation: No Environment found for EnvironmentName = 'cli-web'."
    )
  }, 180_000)

  it('Beanstalk: basic health answers DescribeEnvironmentHealth with the real error', async () => {
    await aws([
      'elasticbeanstalk',
      'create-environment',
      '--application-name',
      'cli',
      '--environment-name',
      'cli-basic',
      '--solution-stack-name',
      STACK
    ])
    await settle('cli-basic')
    expect(
      await awsError(['elasticbeanstalk', 'describe-environment-health', '--environment-name', 'cli-basic'])
    ).toBe(
      'An error occurred (InvalidRequestException) when calling the DescribeEnvironmentHealth operation: DescribeEnvironmentHealth is not supported.'
    )
  }, 60_000)

  it('IAM: get-role and simulate-principal-policy (the execution role check), and its errors', async () => {
    const role = standIn.seed.role('cli-execution-role', [
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:*:*:secret:cli/*'
      }
    ])
    expect(await aws(['iam', 'get-role', '--role-name', 'cli-execution-role'])).toMatchObject({
      Role: { RoleName: 'cli-execution-role', Arn: role.arn }
    })
    const allowed = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cli/db-AbCdEf'
    const other = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other/db-AbCdEf'
    const simulated = await aws([
      'iam',
      'simulate-principal-policy',
      '--policy-source-arn',
      role.arn,
      '--action-names',
      'secretsmanager:GetSecretValue',
      'ssm:GetParameters',
      '--resource-arns',
      allowed,
      other
    ])
    // The CLI pages through IsTruncated/Marker itself and prints the results joined.
    expect(
      (
        simulated.EvaluationResults as {
          EvalActionName: string
          EvalResourceName: string
          EvalDecision: string
        }[]
      ).map(result => `${result.EvalActionName} ${result.EvalResourceName} ${result.EvalDecision}`)
    ).toEqual([
      `secretsmanager:GetSecretValue ${allowed} allowed`,
      `secretsmanager:GetSecretValue ${other} implicitDeny`,
      `ssm:GetParameters ${allowed} implicitDeny`,
      `ssm:GetParameters ${other} implicitDeny`
    ])
    expect(
      await awsError([
        'iam',
        'simulate-principal-policy',
        '--policy-source-arn',
        'arn:aws:iam::123456789012:role/nobody',
        '--action-names',
        'ssm:GetParameters'
      ])
    ).toBe(
      'An error occurred (NoSuchEntity) when calling the SimulatePrincipalPolicy operation: The role with name nobody cannot be found.'
    )
    standIn.services.iam.callerDenied.add('SimulatePrincipalPolicy')
    try {
      expect(
        await awsError([
          'iam',
          'simulate-principal-policy',
          '--policy-source-arn',
          role.arn,
          '--action-names',
          'ssm:GetParameters'
        ])
      ).toMatch(
        /^An error occurred \(AccessDenied\) when calling the SimulatePrincipalPolicy operation: User: .* is not authorized to perform: iam:SimulatePrincipalPolicy on resource: /
      )
    } finally {
      standIn.services.iam.callerDenied.delete('SimulatePrincipalPolicy')
    }
  }, 60_000)
})
