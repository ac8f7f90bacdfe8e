// Prerequisite rules: which platforms deploy a Dockerrun v2, and which IAM action reads each secret reference.
// Platform names as AWS writes them (solution stacks from ListAvailableSolutionStacks, platform ARNs from
// DescribeEnvironments; https://docs.aws.amazon.com/elasticbeanstalk/latest/platforms/platform-history-docker.html).

import { describe, expect, it } from '@jest/globals'

import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { platformProblem, runsEcsPlatform, secretRead, secretReads } from '../../../src/core/prerequisites.js'

const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:puppies/db-AbCdEf'

describe('runsEcsPlatform', () => {
  it.each([
    ['64bit Amazon Linux 2023 v4.4.1 running ECS', undefined, true],
    ['64bit Amazon Linux 2 v3.9.1 running ECS', undefined, true],
    [
      '64bit Amazon Linux 2018.03 v2.26.0 running Multi-container Docker 19.03.13-ce (Generic)',
      undefined,
      true
    ],
    [
      undefined,
      'arn:aws:elasticbeanstalk:us-east-1::platform/ECS running on 64bit Amazon Linux 2023/4.4.1',
      true
    ],
    [
      undefined,
      'arn:aws:elasticbeanstalk:us-east-1::platform/Multi-container Docker running on 64bit Amazon Linux/2.26.0',
      true
    ],
    ['64bit Amazon Linux 2023 v4.4.1 running Docker', undefined, false],
    ['64bit Amazon Linux 2 v4.0.1 running Docker', undefined, false],
    [
      undefined,
      'arn:aws:elasticbeanstalk:us-east-1::platform/Docker running on 64bit Amazon Linux 2023/4.4.1',
      false
    ],
    ['64bit Amazon Linux 2023 v6.4.0 running Node.js 20', undefined, false],
    [undefined, 'arn:aws:elasticbeanstalk:us-east-1:123456789012:platform/custom-ecs/1.0.0', false],
    [undefined, undefined, undefined]
  ])('%s %s → %s', (SolutionStackName, PlatformArn, expected) => {
    expect(runsEcsPlatform({ SolutionStackName, PlatformArn })).toBe(expected)
  })

  it('refuses another platform in one line naming it', () => {
    expect(
      platformProblem({
        EnvironmentName: 'hello-web',
        SolutionStackName: '64bit Amazon Linux 2023 v4.4.1 running Docker'
      })
    ).toBe(
      'hello-web runs "64bit Amazon Linux 2023 v4.4.1 running Docker", not the ECS platform branch ("… running ECS"): ' +
        'a multi-container Dockerrun v2 deploys only there; create the environment on "ECS running on 64bit Amazon Linux 2023"'
    )
    expect(platformProblem({ EnvironmentName: 'hello-web' })).toBeUndefined()
  })
})

describe('secretRead', () => {
  it.each([
    [secret, { action: 'secretsmanager:GetSecretValue', resource: secret }],
    // ECS's JSON key / version stage / version id tail is not part of the resource IAM evaluates.
    [`${secret}:password::`, { action: 'secretsmanager:GetSecretValue', resource: secret }],
    [`${secret}:password:AWSCURRENT:`, { action: 'secretsmanager:GetSecretValue', resource: secret }],
    [
      'arn:aws:ssm:us-east-1:123456789012:parameter/puppies/api-key',
      {
        action: 'ssm:GetParameters',
        resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/puppies/api-key'
      }
    ],
    ['puppies-api-key', undefined],
    ['arn:aws:s3:::bucket/key', undefined]
  ])('%s', (valueFrom, expected) => {
    expect(secretRead(valueFrom)).toEqual(expected)
  })

  it('collects each resource once with every variable that receives it', () => {
    const document = {
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        {
          name: 'web',
          image: 'x',
          essential: true,
          secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: `${secret}:password::` }]
        },
        { name: 'worker', image: 'x', essential: true, secrets: [{ name: 'PGPASSWORD', valueFrom: secret }] }
      ]
    } as unknown as DockerrunV2
    expect(secretReads([document, document])).toEqual([
      {
        action: 'secretsmanager:GetSecretValue',
        resource: secret,
        variables: ['web/DATABASE_PASSWORD', 'worker/PGPASSWORD']
      }
    ])
  })
})

// Mutation testing (docs/development.md#mutation-testing) found these rules unpinned.
describe('the edges', () => {
  it('names the platform from its ARN when DescribeEnvironments gives no solution stack', () => {
    expect(
      platformProblem({
        PlatformArn:
          'arn:aws:elasticbeanstalk:eu-west-1::platform/Docker running on 64bit Amazon Linux 2023/4.4.1'
      })
    ).toMatch(
      /^the environment runs "Docker running on 64bit Amazon Linux 2023\/4\.4\.1", not the ECS platform branch/
    )
  })

  it.each([
    ['not an ARN', 'xrn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'],
    ['a Secrets Manager ARN with no secret name', 'arn:aws:secretsmanager:us-east-1:123456789012:secret'],
    ['another Secrets Manager resource', 'arn:aws:secretsmanager:us-east-1:123456789012:rotation:db'],
    ['another service with a "secret" resource', 'arn:aws:kms:us-east-1:123456789012:secret:db'],
    ['a Systems Manager document', 'arn:aws:ssm:us-east-1:123456789012:document/setup'],
    ['a parameter path under another service', 'arn:aws:secretsmanager:us-east-1:123456789012:parameter/db'],
    ['a truncated ARN', 'arn:aws:ssm:us-east-1']
  ])('%s is no secret read', (_, valueFrom) => {
    expect(secretRead(valueFrom)).toBeUndefined()
  })

  it('skips bare parameter names and containers without secrets, and keeps resources apart', () => {
    const other = 'arn:aws:ssm:us-east-1:123456789012:parameter/puppies/api-key'
    const document = {
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        { name: 'nginx', image: 'x', essential: true },
        {
          name: 'web',
          image: 'x',
          essential: true,
          secrets: [
            { name: 'API_KEY', valueFrom: 'puppies-api-key' },
            { name: 'DATABASE_PASSWORD', valueFrom: secret },
            { name: 'OTHER_KEY', valueFrom: other }
          ]
        }
      ]
    } as unknown as DockerrunV2
    expect(secretReads([document])).toStrictEqual([
      { action: 'secretsmanager:GetSecretValue', resource: secret, variables: ['web/DATABASE_PASSWORD'] },
      { action: 'ssm:GetParameters', resource: other, variables: ['web/OTHER_KEY'] }
    ])
  })
})
