// A failed deploy on an environment with basic health says that Beanstalk gave no cause and what enhanced health
// would have shown; with enhanced health (or when the answer is not known) nothing is added.

import { describe, expect, it } from '@jest/globals'
import { DescribeEnvironmentHealthCommand } from '@aws-sdk/client-elastic-beanstalk'

import { basicHealthHint } from '../../../src/deploy/health-hint.js'
import { noteBasicHealth } from '../../../src/stages/prerequisites.js'
import { FakeClient, MemoryLog, awsError } from './fakes.js'

const basic = () =>
  new FakeClient().on(DescribeEnvironmentHealthCommand, () => {
    // What Beanstalk answers for an environment with basic health (the stand-in and the AWS CLI agree).
    throw awsError('InvalidRequestException', 'DescribeEnvironmentHealth is not supported.')
  })

describe('basicHealthHint', () => {
  it('basic health: says there is no cause, why, and the option that turns enhanced health on', async () => {
    expect(await basicHealthHint(basic(), 'hello-production')).toBe(
      'no health cause: hello-production has basic health, which reports only a color; enhanced health ' +
        'would have named it per instance (failing health checks, the share of 5xx answers, a container that ' +
        'exited): turn it on with option-settings [{"Namespace": "aws:elasticbeanstalk:healthreporting:system", ' +
        '"OptionName": "SystemType", "Value": "enhanced"}]'
    )
  })

  it('enhanced health, or an unknown answer: nothing', async () => {
    const enhanced = new FakeClient().on(DescribeEnvironmentHealthCommand, () => ({ Causes: [] }))
    expect(await basicHealthHint(enhanced, 'hello-production')).toBeUndefined()
    const throttled = new FakeClient().on(DescribeEnvironmentHealthCommand, () => {
      throw awsError('Throttling', 'Rate exceeded')
    })
    expect(await basicHealthHint(throttled, 'hello-production')).toBeUndefined()
  })

  it('before the build: each basic-health environment gets a note', async () => {
    const log = new MemoryLog()
    expect(await noteBasicHealth(['hello-production'], basic(), log)).toEqual(['hello-production'])
    expect(log.lines).toEqual([
      'note: hello-production has basic health: a failed deploy there will name no cause; enhanced health would ' +
        '(option-settings [{"Namespace": "aws:elasticbeanstalk:healthreporting:system", "OptionName": "SystemType", "Value": "enhanced"}])'
    ])
  })
})
