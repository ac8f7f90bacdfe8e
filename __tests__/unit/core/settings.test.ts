// Settings from the workflow: the formats of AWS's own actions, and secrets refused in one line.

import { describe, expect, it } from '@jest/globals'

import {
  parseEnvironmentVariables,
  parseOptionSettings,
  pendingSettings,
  secretProblem,
  settingKey,
  workflowSettings
} from '../../../src/core/settings.js'

const ENV = 'aws:elasticbeanstalk:application:environment'

describe('environment-variables (render-task-definition’s KEY=value lines)', () => {
  it('reads lines, keeps = in values, skips blanks and comments', () => {
    expect(parseEnvironmentVariables('RAILS_ENV=production\n\n# a comment\nQUERY=a=b&c=d\nEMPTY=\n')).toEqual(
      [
        { Namespace: ENV, OptionName: 'RAILS_ENV', Value: 'production' },
        { Namespace: ENV, OptionName: 'QUERY', Value: 'a=b&c=d' },
        { Namespace: ENV, OptionName: 'EMPTY', Value: '' }
      ]
    )
  })

  it.each([
    ['no equals sign', "Input 'environment-variables': line 1 must be KEY=value"],
    ['A=1\n=hunter2', "Input 'environment-variables': line 2 must be KEY=value"],
    ['A=1\nA=2', "Input 'environment-variables': A is listed twice"]
  ])('%j is refused', (text, message) => {
    expect(() => parseEnvironmentVariables(text)).toThrow(message)
  })
})

describe('option-settings (aws-elasticbeanstalk-deploy’s JSON array)', () => {
  it('reads the JSON array AWS’s action documents, numbers and booleans as strings', () => {
    const text = JSON.stringify([
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MinSize', Value: 2 },
      { Namespace: 'aws:elasticbeanstalk:command', OptionName: 'DeploymentPolicy', Value: 'Rolling' },
      { Namespace: 'aws:elasticbeanstalk:cloudwatch:logs', OptionName: 'StreamLogs', Value: true },
      {
        Namespace: 'aws:autoscaling:scheduledaction',
        ResourceName: 'night',
        OptionName: 'MinSize',
        Value: '0'
      }
    ])
    expect(parseOptionSettings(text)).toEqual([
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MinSize', Value: '2' },
      { Namespace: 'aws:elasticbeanstalk:command', OptionName: 'DeploymentPolicy', Value: 'Rolling' },
      { Namespace: 'aws:elasticbeanstalk:cloudwatch:logs', OptionName: 'StreamLogs', Value: 'true' },
      {
        Namespace: 'aws:autoscaling:scheduledaction',
        ResourceName: 'night',
        OptionName: 'MinSize',
        Value: '0'
      }
    ])
    expect(parseOptionSettings('')).toEqual([])
  })

  it.each([
    ['{"Namespace": "aws:x", "OptionName": "A", "Value": "1"}', 'must be a JSON array'],
    ['[{"namespace": "aws:x", "optionName": "A", "value": "1"}]', 'entry 1 must be {"Namespace": "aws:…"'],
    ['[{"Namespace": "x", "OptionName": "A", "Value": "1"}]', 'entry 1 must be'],
    ['[{"Namespace": "aws:x", "OptionName": "A", "Value": {"a": 1}}]', 'entry 1 must be'],
    [
      '[{"Namespace": "aws:x", "OptionName": "A", "Value": "1"}, {"Namespace": "aws:x", "OptionName": "A", "Value": "2"}]',
      'aws:x A is listed twice'
    ],
    ['[{', 'is not a JSON array']
  ])('%s is refused', (text, message) => {
    expect(() => parseOptionSettings(text)).toThrow(message)
  })

  it('a property set by both inputs is refused', () => {
    expect(() =>
      workflowSettings('A=1', JSON.stringify([{ Namespace: ENV, OptionName: 'A', Value: '2' }]))
    ).toThrow(
      "Input 'option-settings': sets the environment property A, which environment-variables sets too; keep one"
    )
  })
})

describe('secrets are refused, references are not', () => {
  const refusal =
    "; an environment property is stored in clear text in the environment's configuration: pass it by reference with the secrets input instead"

  it.each([
    ['DATABASE_PASSWORD=hunter2', 'DATABASE_PASSWORD sounds like a secret and has a literal value'],
    ['SECRET_KEY_BASE=abc', 'SECRET_KEY_BASE sounds like a secret and has a literal value'],
    ['AWS_KEY=AKIAIOSFODNN7EXAMPLE', 'the value of AWS_KEY looks like an AWS access key id'],
    ['ID=AKIAIOSFODNN7EXAMPLE', 'the value of ID looks like an AWS access key id'],
    [
      'DATABASE_URL=postgres://app:hunter2@db.internal:5432/app',
      'the value of DATABASE_URL looks like a URL with a password'
    ],
    [`GH=ghp_${'a'.repeat(36)}`, 'the value of GH looks like a GitHub token']
  ])('environment-variables %s', (line, problem) => {
    expect(() => parseEnvironmentVariables(line)).toThrow(
      `Input 'environment-variables': ${problem}${refusal}`
    )
  })

  it('option-settings: the RDS password option and a property holding a key', () => {
    expect(() =>
      parseOptionSettings(
        JSON.stringify([{ Namespace: 'aws:rds:dbinstance', OptionName: 'DBPassword', Value: 'x' }])
      )
    ).toThrow(`Input 'option-settings': DBPassword sounds like a secret and has a literal value${refusal}`)
  })

  it.each([
    ['DATABASE_PASSWORD', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'],
    ['API_TOKEN', 'arn:aws:ssm:us-east-1:123456789012:parameter/api-token'],
    ['DATABASE_URL', 'postgres://app@db.internal:5432/app'],
    ['PASSWORD_MIN_LENGTH', ''],
    ['RAILS_ENV', 'production'],
    ['EC2KeyName', 'deploy-key']
  ])('%s=%s passes', (name, value) => {
    expect(secretProblem(name, value)).toBeUndefined()
  })
})

describe('pendingSettings', () => {
  it('keeps only the settings whose value the environment does not already have', () => {
    const wanted = [
      { Namespace: ENV, OptionName: 'RAILS_ENV', Value: 'production' },
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MinSize', Value: '2' }
    ]
    const current = new Map([
      [settingKey(wanted[0] as (typeof wanted)[0]), 'production'],
      [settingKey(wanted[1] as (typeof wanted)[0]), '1']
    ])
    expect(pendingSettings(wanted, current)).toEqual([wanted[1]])
  })
})
