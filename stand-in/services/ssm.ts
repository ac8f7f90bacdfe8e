// SSM Parameter Store (JSON 1.1): PutParameter to seed, GetParameter to read.
// SecureString values come back as opaque ciphertext unless WithDecryption is
// set, as with the real service, so callers that forget the flag notice.

import type { StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import { epochSeconds, stringField, type JsonObject, type JsonService } from '../protocols/json.js'

export interface StoredParameter {
  name: string
  type: 'String' | 'StringList' | 'SecureString'
  value: string
  version: number
  lastModified: Date
}

const PARAMETER_TYPES = ['String', 'StringList', 'SecureString'] as const

export class SsmService implements JsonService {
  readonly targetPrefix = 'AmazonSSM'
  readonly name = 'ssm'
  readonly parameters = new Map<string, StoredParameter>()

  constructor(private readonly ctx: StandInContext) {}

  async handle(operation: string, input: JsonObject): Promise<JsonObject> {
    switch (operation) {
      case 'PutParameter':
        return this.putParameter(input)
      case 'GetParameter':
        return this.getParameter(input)
      default:
        // Real text unknown (an operation the stand-in does not serve).
        throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`)
    }
  }

  arnOf(name: string): string {
    return `arn:aws:ssm:${this.ctx.region}:${this.ctx.accountId}:parameter/${name.replace(/^\//, '')}`
  }

  /** By name or ARN; the ARN drops the name's leading slash, so both spellings are tried. */
  find(nameOrArn: string): StoredParameter {
    const marker = ':parameter/'
    const at = nameOrArn.startsWith('arn:') ? nameOrArn.indexOf(marker) : -1
    const candidates =
      at >= 0 ? [nameOrArn.slice(at + marker.length), `/${nameOrArn.slice(at + marker.length)}`] : [nameOrArn]
    for (const candidate of candidates) {
      const parameter = this.parameters.get(candidate)
      if (parameter) return parameter
    }
    // Real text unknown beyond the code (ParameterNotFound, service model); SSM often sends no message.
    throw new AwsError('ParameterNotFound', `Parameter ${nameOrArn} not found.`)
  }

  private putParameter(input: JsonObject): JsonObject {
    const name = stringField(input, 'Name') ?? ''
    const value = stringField(input, 'Value')
    if (!name || value === undefined)
      // Real text unknown.
      throw new AwsError('ValidationException', 'Name and Value are required.')
    const existing = this.parameters.get(name)
    if (existing && input.Overwrite !== true) {
      // SSM PutParameter's text, as in public reports.
      throw new AwsError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.'
      )
    }
    const requestedType = stringField(input, 'Type') ?? existing?.type ?? 'String'
    const type = PARAMETER_TYPES.find(candidate => candidate === requestedType)
    if (!type)
      // Real text unknown.
      throw new AwsError('UnsupportedParameterType', `Parameter type ${requestedType} is not supported.`)
    const parameter: StoredParameter = {
      name,
      type,
      value,
      version: (existing?.version ?? 0) + 1,
      lastModified: new Date()
    }
    this.parameters.set(name, parameter)
    return { Version: parameter.version, Tier: 'Standard' }
  }

  private getParameter(input: JsonObject): JsonObject {
    const parameter = this.find(stringField(input, 'Name') ?? '')
    const decrypt = input.WithDecryption === true
    const value =
      parameter.type === 'SecureString' && !decrypt
        ? Buffer.from(`stand-in-kms-ciphertext:${parameter.name}:${parameter.version}`).toString('base64')
        : parameter.value
    return {
      Parameter: {
        Name: parameter.name,
        Type: parameter.type,
        Value: value,
        Version: parameter.version,
        LastModifiedDate: epochSeconds(parameter.lastModified),
        ARN: this.arnOf(parameter.name),
        DataType: 'text'
      }
    }
  }
}
