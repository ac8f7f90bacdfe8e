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

// Mutation testing (docs/development.md#mutation-testing) found these rules unpinned.
describe('the edges of each format', () => {
  it('trims each line and each name, so CRLF files and `KEY = value` read as written', () => {
    expect(parseEnvironmentVariables('A=1\r\n   \r\nB =2\r\n  C=3  ')).toStrictEqual([
      { Namespace: ENV, OptionName: 'A', Value: '1' },
      { Namespace: ENV, OptionName: 'B', Value: '2' },
      { Namespace: ENV, OptionName: 'C', Value: '3' }
    ])
  })

  it.each([
    ['a name with no equals sign', 'DEBUG', 1],
    ['a name starting with a digit', 'A=1\n1A=2', 2],
    ['a name with a space', 'MY VAR=1', 1],
    ['a name with a dollar', 'A$=1', 1]
  ])('%s is refused', (_, text, line) => {
    expect(() => parseEnvironmentVariables(text)).toThrow(
      `Input 'environment-variables': line ${line} must be KEY=value`
    )
  })

  it('a blank option-settings (an empty YAML block) is no settings', () => {
    expect(parseOptionSettings('  \n  ')).toStrictEqual([])
  })

  it('the YAML error is named by its first line only', () => {
    const error = (() => {
      try {
        parseOptionSettings('[{')
      } catch (caught) {
        return (caught as Error).message
      }
      return ''
    })()
    expect(error).toMatch(
      /^Input 'option-settings': is not a JSON array of \{"Namespace", "OptionName", "Value"\} \([^\n]+\)$/
    )
  })

  it('an object is refused as a whole', () => {
    expect(() => parseOptionSettings('{"Namespace": "aws:x"}')).toThrow(
      `Input 'option-settings': must be a JSON array of {"Namespace", "OptionName", "Value"}`
    )
  })

  it.each([
    ['a misspelt key', { Namespace: 'aws:x', OptionName: 'A', Value: '1', Valu: '1' }],
    ['a namespace in a list', { Namespace: ['aws:x'], OptionName: 'A', Value: '1' }],
    ['a namespace not starting with aws:', { Namespace: 'xaws:x', OptionName: 'A', Value: '1' }],
    ['a namespace with a space', { Namespace: 'aws:x y', OptionName: 'A', Value: '1' }],
    ['a numeric option name', { Namespace: 'aws:x', OptionName: 5, Value: '1' }],
    ['an empty option name', { Namespace: 'aws:x', OptionName: '', Value: '1' }],
    ['a missing value', { Namespace: 'aws:x', OptionName: 'A' }],
    ['a numeric resource name', { Namespace: 'aws:x', OptionName: 'A', Value: '1', ResourceName: 5 }]
  ])('%s is refused, naming the entry', (_, entry) => {
    expect(() =>
      parseOptionSettings(JSON.stringify([{ Namespace: 'aws:y', OptionName: 'B', Value: '2' }, entry]))
    ).toThrow(
      `Input 'option-settings': entry 2 must be {"Namespace": "aws:…", "OptionName": "…", "Value": "…"}`
    )
  })

  it('the same option may appear in two namespaces, or for two scheduled actions', () => {
    const settings = [
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MinSize', Value: '2' },
      {
        Namespace: 'aws:autoscaling:scheduledaction',
        ResourceName: 'night',
        OptionName: 'MinSize',
        Value: '0'
      },
      {
        Namespace: 'aws:autoscaling:scheduledaction',
        ResourceName: 'day',
        OptionName: 'MinSize',
        Value: '2'
      },
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MaxSize', Value: '4' }
    ]
    expect(parseOptionSettings(JSON.stringify(settings))).toStrictEqual(settings)
  })

  it('a scheduled action listed twice is refused', () => {
    const night = {
      Namespace: 'aws:autoscaling:scheduledaction',
      ResourceName: 'night',
      OptionName: 'MinSize',
      Value: '0'
    }
    expect(() => parseOptionSettings(JSON.stringify([night, night]))).toThrow(
      "Input 'option-settings': aws:autoscaling:scheduledaction MinSize is listed twice"
    )
  })

  it('workflowSettings joins both inputs; a same-named option of another namespace is no clash', () => {
    const options = [
      { Namespace: 'aws:rds:dbinstance', OptionName: 'A', Value: '2' },
      { Namespace: ENV, OptionName: 'C', Value: '3' }
    ]
    expect(workflowSettings('A=1\nB=2', JSON.stringify(options))).toStrictEqual([
      { Namespace: ENV, OptionName: 'A', Value: '1' },
      { Namespace: ENV, OptionName: 'B', Value: '2' },
      ...options
    ])
    expect(() =>
      workflowSettings('A=1\nB=2', JSON.stringify([{ Namespace: ENV, OptionName: 'B', Value: '9' }]))
    ).toThrow('sets the environment property B, which environment-variables sets too')
  })

  it('references in every AWS partition pass; an ARN-like text inside a value does not', () => {
    expect(
      secretProblem('DB_PASSWORD', 'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db')
    ).toBeUndefined()
    expect(
      secretProblem('DB_PASSWORD', 'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db')
    ).toBeUndefined()
    expect(secretProblem('DB_PASSWORD', 'see arn:aws:ssm:us-east-1:123456789012:parameter/db')).toBe(
      'DB_PASSWORD sounds like a secret and has a literal value'
    )
  })
})

describe('settingKey', () => {
  it('keeps namespace, resource and option apart, so pendingSettings compares like with like', () => {
    expect(settingKey({ Namespace: 'aws:x', ResourceName: 'night', OptionName: 'A' })).toBe('aws:x night A')
    expect(settingKey({ OptionName: 'A' })).toBe('  A')
    expect(settingKey({ Namespace: 'aws:x' })).toBe('aws:x  ')
    const wanted = [
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MinSize', Value: '2' },
      {
        Namespace: 'aws:autoscaling:scheduledaction',
        ResourceName: 'night',
        OptionName: 'MinSize',
        Value: '0'
      }
    ]
    const current = new Map([[settingKey(wanted[0] as (typeof wanted)[0]), '2']])
    expect(pendingSettings(wanted, current)).toStrictEqual([wanted[1]])
  })
})
