// Settings from the workflow, in the formats users already write for AWS's own actions:
// - `environment-variables`: `KEY=value` lines, as aws-actions/amazon-ecs-render-task-definition's input of that
//   name; each becomes an environment property (namespace aws:elasticbeanstalk:application:environment);
// - `option-settings`: a JSON array of {Namespace, OptionName, Value}, as aws-actions/aws-elasticbeanstalk-deploy's
//   input of that name (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html).
// Both go into the UpdateEnvironment call that deploys the version, as that action does: one update, one restart.
// Secrets never go this way: an environment property is clear text in the environment's configuration (the
// console, DescribeConfigurationSettings, every saved configuration), so a value that looks like a secret, or a
// secret-sounding name with a literal value, is refused in one line pointing at the secrets input, which passes it
// by reference. A Secrets Manager or Parameter Store ARN is a reference, not a secret: Beanstalk's
// aws:elasticbeanstalk:application:environmentsecrets namespace takes exactly that
// (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/AWSHowTo.secrets.env-vars.html).

import { parse } from 'yaml'

import { InputError } from './errors.js'
import { looksSecret } from './secret-names.js'

export const ENVIRONMENT_PROPERTIES = 'aws:elasticbeanstalk:application:environment'

export interface OptionSetting {
  Namespace: string
  OptionName: string
  Value: string
  /** The resource an option belongs to (aws:autoscaling:scheduledaction's scheduled action name). */
  ResourceName?: string
}

/** Values that are credentials whatever their name (key formats their issuers document). */
const CREDENTIAL_VALUES: [RegExp, string][] = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bsk_live_[A-Za-z0-9]{16,}/, 'a Stripe secret key'],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a password']
]

const isReference = (value: string): boolean => /^arn:aws[a-z-]*:(secretsmanager|ssm):/.test(value)

/** Why the setting would put a secret in clear text, or undefined. */
export function secretProblem(name: string, value: string): string | undefined {
  if (isReference(value)) return undefined
  for (const [pattern, what] of CREDENTIAL_VALUES) {
    if (pattern.test(value)) return `the value of ${name} looks like ${what}`
  }
  if (value !== '' && looksSecret(name)) return `${name} sounds like a secret and has a literal value`
  return undefined
}

const refusal = (input: string, problem: string): InputError =>
  new InputError(
    input,
    `${problem}; an environment property is stored in clear text in the environment's configuration: pass it by reference with the secrets input instead`
  )

/** `KEY=value` lines (blank lines and `#` comments skipped) → environment properties. */
export function parseEnvironmentVariables(text: string): OptionSetting[] {
  const settings: OptionSetting[] = []
  for (const [index, line] of text.split('\n').entries()) {
    const entry = line.trim()
    if (!entry || entry.startsWith('#')) continue
    const equals = entry.indexOf('=')
    const name = equals > 0 ? entry.slice(0, equals).trim() : ''
    // The line is not echoed: a value pasted without its KEY= may be anything.
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      throw new InputError('environment-variables', `line ${index + 1} must be KEY=value`)
    }
    if (settings.some(setting => setting.OptionName === name))
      throw new InputError('environment-variables', `${name} is listed twice`)
    const value = entry.slice(equals + 1)
    const problem = secretProblem(name, value)
    if (problem) throw refusal('environment-variables', problem)
    settings.push({ Namespace: ENVIRONMENT_PROPERTIES, OptionName: name, Value: value })
  }
  return settings
}

/** A JSON array of {Namespace, OptionName, Value} (YAML's flow and block forms read the same). */
export function parseOptionSettings(text: string): OptionSetting[] {
  if (!text.trim()) return []
  let parsed: unknown
  try {
    parsed = parse(text)
  } catch (error) {
    throw new InputError(
      'option-settings',
      `is not a JSON array of {"Namespace", "OptionName", "Value"} (${(error as Error).message.split('\n')[0]})`
    )
  }
  if (!Array.isArray(parsed)) {
    throw new InputError('option-settings', 'must be a JSON array of {"Namespace", "OptionName", "Value"}')
  }
  const settings: OptionSetting[] = []
  for (const [index, item] of parsed.entries()) {
    const entry = (item ?? {}) as Record<string, unknown>
    const { Namespace, OptionName, Value, ResourceName } = entry
    const unknown = Object.keys(entry).filter(
      key => !['Namespace', 'OptionName', 'Value', 'ResourceName'].includes(key)
    )
    if (
      typeof Namespace !== 'string' ||
      !/^aws:[a-z0-9:.-]+$/i.test(Namespace) ||
      typeof OptionName !== 'string' ||
      !OptionName ||
      !['string', 'number', 'boolean'].includes(typeof Value) ||
      (ResourceName !== undefined && typeof ResourceName !== 'string') ||
      unknown.length > 0
    ) {
      throw new InputError(
        'option-settings',
        `entry ${index + 1} must be {"Namespace": "aws:…", "OptionName": "…", "Value": "…"}`
      )
    }
    const value = String(Value)
    const resource = ResourceName as string | undefined
    if (
      settings.some(
        setting =>
          setting.Namespace === Namespace &&
          setting.OptionName === OptionName &&
          setting.ResourceName === resource
      )
    ) {
      throw new InputError('option-settings', `${Namespace} ${OptionName} is listed twice`)
    }
    const problem = secretProblem(OptionName, value)
    if (problem) throw refusal('option-settings', problem)
    settings.push({
      Namespace,
      OptionName,
      Value: value,
      ...(resource !== undefined && { ResourceName: resource })
    })
  }
  return settings
}

/** Both inputs as one list; a property set by both is refused rather than one silently winning. */
export function workflowSettings(environmentVariables: string, optionSettings: string): OptionSetting[] {
  const variables = parseEnvironmentVariables(environmentVariables)
  const options = parseOptionSettings(optionSettings)
  for (const option of options) {
    if (
      option.Namespace === ENVIRONMENT_PROPERTIES &&
      variables.some(v => v.OptionName === option.OptionName)
    ) {
      throw new InputError(
        'option-settings',
        `sets the environment property ${option.OptionName}, which environment-variables sets too; keep one`
      )
    }
  }
  return [...variables, ...options]
}

/** The key a setting has in settingKey-keyed maps of an environment's configuration. */
export const settingKey = (setting: {
  Namespace?: string | undefined
  OptionName?: string | undefined
  ResourceName?: string | undefined
}): string => [setting.Namespace ?? '', setting.ResourceName ?? '', setting.OptionName ?? ''].join(' ')

/** The settings whose value differs from the environment's current configuration (settingKey → value). */
export function pendingSettings(
  wanted: readonly OptionSetting[],
  current: ReadonlyMap<string, string>
): OptionSetting[] {
  return wanted.filter(setting => current.get(settingKey(setting)) !== setting.Value)
}
