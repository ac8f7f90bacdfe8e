// Secrets Manager (JSON 1.1): secrets addressed by name, full ARN or partial
// ARN (the ARN without its random 6-character suffix), as the real service
// accepts. Only the AWSCURRENT version is kept: PutSecretValue replaces it.

import { randomBytes, randomUUID } from 'node:crypto'

import type { StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import { epochSeconds, stringField, type JsonObject, type JsonService } from '../protocols/json.js'

export interface StoredSecret {
  arn: string
  name: string
  versionId: string
  secretString?: string | undefined
  secretBinary?: string | undefined
  createdDate: Date
}

const NAME_PATTERN = /^[A-Za-z0-9/_+=.@!-]{1,512}$/

export class SecretsManagerService implements JsonService {
  readonly targetPrefix = 'secretsmanager'
  readonly name = 'secretsmanager'
  readonly secrets = new Map<string, StoredSecret>()

  constructor(private readonly ctx: StandInContext) {}

  async handle(operation: string, input: JsonObject): Promise<JsonObject> {
    switch (operation) {
      case 'CreateSecret':
        return this.createSecret(input)
      case 'PutSecretValue':
        return this.putSecretValue(input)
      case 'GetSecretValue':
        return this.getSecretValue(input)
      default:
        // Real text unknown (an operation the stand-in does not serve).
        throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`)
    }
  }

  /** Also used by the RDS seeding to store RDS-managed master user secrets. */
  createSecret(input: JsonObject): JsonObject {
    const name = stringField(input, 'Name') ?? ''
    if (!NAME_PATTERN.test(name))
      // Secrets Manager's CreateSecret text for a bad name, as in public reports.
      throw new AwsError(
        'InvalidParameterException',
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!'
      )
    if (this.secrets.has(name)) {
      // Secrets Manager's ResourceExistsException text, as in public reports.
      throw new AwsError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`
      )
    }
    const suffix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6)
    const secret: StoredSecret = {
      arn: `arn:aws:secretsmanager:${this.ctx.region}:${this.ctx.accountId}:secret:${name}-${suffix}`,
      name,
      versionId: stringField(input, 'ClientRequestToken') ?? randomUUID(),
      secretString: stringField(input, 'SecretString'),
      secretBinary: stringField(input, 'SecretBinary'),
      createdDate: new Date()
    }
    this.secrets.set(name, secret)
    return { ARN: secret.arn, Name: secret.name, VersionId: secret.versionId }
  }

  private putSecretValue(input: JsonObject): JsonObject {
    const secret = this.find(stringField(input, 'SecretId') ?? '')
    secret.versionId = stringField(input, 'ClientRequestToken') ?? randomUUID()
    secret.secretString = stringField(input, 'SecretString')
    secret.secretBinary = stringField(input, 'SecretBinary')
    secret.createdDate = new Date()
    return { ARN: secret.arn, Name: secret.name, VersionId: secret.versionId, VersionStages: ['AWSCURRENT'] }
  }

  private getSecretValue(input: JsonObject): JsonObject {
    const secret = this.find(stringField(input, 'SecretId') ?? '')
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: secret.versionId,
      SecretString: secret.secretString,
      SecretBinary: secret.secretBinary,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: epochSeconds(secret.createdDate)
    }
  }

  /** Name, full ARN, or partial ARN (without the random suffix). */
  find(secretId: string): StoredSecret {
    const byName = this.secrets.get(secretId)
    if (byName) return byName
    for (const secret of this.secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret
    }
    // Secrets Manager's ResourceNotFoundException text, as in public reports.
    throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.")
  }
}
