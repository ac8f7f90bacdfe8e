// Reading and validating Query parameters the way Beanstalk does. Messages
// for constraint violations follow the AWS "validation error detected" form.

import type { QueryParams } from '../../protocols/query.js'
import { queryStructList } from '../../protocols/query.js'
import { AwsError } from '../../errors.js'
import type { OptionSetting, Severity, Tag } from './model.js'
import { SEVERITY_ORDER } from './events.js'

export function required(params: QueryParams, name: string): string {
  const value = params[name]
  if (value === undefined || value === '') {
    // Query APIs' common MissingParameter text (AWS common errors).
    throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`)
  }
  return value
}

/** Checks a length constraint from the service model (e.g. ApplicationName 1–100). */
export function checkLength(name: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined) return
  const memberName = name.charAt(0).toLowerCase() + name.slice(1)
  if (value.length < min) {
    // Standard AWS constraint wording ("1 validation error detected: …", AWS common errors: ValidationError).
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${memberName}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`
    )
  }
  if (value.length > max) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${memberName}' failed to satisfy constraint: Member must have length less than or equal to ${max}`
    )
  }
}

/** 4–40 letters, digits and hyphens, no hyphen at either end. */
export function checkEnvironmentName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{2,38}[A-Za-z0-9]$/.test(name)) {
    // Beanstalk's CreateEnvironment text for a bad name, as in public reports.
    throw new AwsError(
      'InvalidParameterValue',
      `Value ${name} at 'EnvironmentName' failed to satisfy constraint: Member must contain only letters, digits, and the dash character and may not start or end with a dash; and must be 4 to 40 characters long`
    )
  }
}

export function optionSettings(params: QueryParams, name = 'OptionSettings'): OptionSetting[] {
  return queryStructList(params, name).map(entry => ({
    Namespace: entry.Namespace ?? '',
    OptionName: entry.OptionName ?? '',
    Value: entry.Value ?? '',
    ...(entry.ResourceName ? { ResourceName: entry.ResourceName } : {})
  }))
}

export function optionSpecifiers(
  params: QueryParams,
  name = 'OptionsToRemove'
): { Namespace: string; OptionName: string }[] {
  return queryStructList(params, name).map(entry => ({
    Namespace: entry.Namespace ?? '',
    OptionName: entry.OptionName ?? ''
  }))
}

export function tags(params: QueryParams, name = 'Tags'): Tag[] {
  return queryStructList(params, name).map(entry => ({ Key: entry.Key ?? '', Value: entry.Value ?? '' }))
}

export function timestamp(params: QueryParams, name: string): Date | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime()))
    // Real text unknown.
    throw new AwsError('InvalidParameterValue', `Invalid timestamp for ${name}: ${value}`)
  return date
}

export function severity(params: QueryParams): Severity | undefined {
  const value = params.Severity
  if (value === undefined) return undefined
  if (!SEVERITY_ORDER.includes(value as Severity)) {
    // Standard AWS constraint wording (AWS common errors: ValidationError).
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [${SEVERITY_ORDER.join(', ')}]`
    )
  }
  return value as Severity
}

export function maxRecords(params: QueryParams): number | undefined {
  const value = params.MaxRecords
  if (value === undefined) return undefined
  const count = Number(value)
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    // Standard AWS constraint wording (AWS common errors: ValidationError).
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 1000`
    )
  }
  return count
}
