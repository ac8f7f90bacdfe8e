// Resolves ECS-style secret references (the `valueFrom` of a container
// definition's `secrets`), as the ECS agent does on a real instance:
//   arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf[:<json-key>:<version-stage>:<version-id>]
//   arn:aws:ssm:<region>:<account>:parameter/<name>   or a bare parameter name

import { AwsError } from '../errors.js'
import type { SecretsManagerService } from './secrets-manager.js'
import type { SsmService } from './ssm.js'

/** Field count of a secret ARN without the ECS suffix: arn:aws:secretsmanager:region:account:secret:name. */
const SECRET_ARN_FIELDS = 7

export function createSecretResolver(
  secretsManager: SecretsManagerService,
  ssm: SsmService
): (valueFrom: string) => Promise<string> {
  return async valueFrom => {
    if (valueFrom.startsWith('arn:') && valueFrom.split(':')[2] === 'secretsmanager') {
      const fields = valueFrom.split(':')
      const secretArn = fields.slice(0, SECRET_ARN_FIELDS).join(':')
      const jsonKey = fields[SECRET_ARN_FIELDS]
      const secret = secretsManager.find(secretArn)
      const text = secret.secretString ?? Buffer.from(secret.secretBinary ?? '', 'base64').toString('utf8')
      if (!jsonKey) return text
      return extractJsonKey(text, jsonKey, secretArn)
    }
    return ssm.find(valueFrom).value
  }
}

function extractJsonKey(text: string, jsonKey: string, secretArn: string): string {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    // Real text unknown (the ECS agent's own failure when a JSON key cannot be read).
    throw new AwsError(
      'InvalidParameterException',
      `Secret ${secretArn} is not JSON, so key ${jsonKey} cannot be read`
    )
  }
  if (typeof document !== 'object' || document === null || !(jsonKey in document)) {
    // Real text unknown.
    throw new AwsError('ResourceNotFoundException', `Secret ${secretArn} has no JSON key ${jsonKey}`)
  }
  const value = (document as Record<string, unknown>)[jsonKey]
  return typeof value === 'string' ? value : JSON.stringify(value)
}
