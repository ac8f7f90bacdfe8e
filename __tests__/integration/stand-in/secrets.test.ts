// Secrets Manager and SSM through the real SDK v3 clients, and the ECS-style
// secret references the Dockerrun runner resolves through ctx.resolveSecret.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient
} from '@aws-sdk/client-secrets-manager'
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'

import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { errorName } from '../helpers/aws.js'

let standIn: StandIn
let secrets: SecretsManagerClient
let ssm: SSMClient

beforeAll(async () => {
  standIn = await startStandIn({ registry: false, runContainers: false })
  const config = {
    endpoint: standIn.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' }
  }
  secrets = new SecretsManagerClient(config)
  ssm = new SSMClient(config)
})

afterAll(async () => {
  secrets?.destroy()
  ssm?.destroy()
  await standIn?.stop()
})

describe('Secrets Manager', () => {
  test('CreateSecret then GetSecretValue by name, ARN and partial ARN; PutSecretValue replaces the value', async () => {
    const created = await secrets.send(
      new CreateSecretCommand({ Name: 'prod/rails', SecretString: '{"SECRET_KEY_BASE":"abc"}' })
    )
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/rails-[A-Za-z0-9]{6}$/
    )

    for (const id of ['prod/rails', created.ARN ?? '', (created.ARN ?? '').slice(0, -7)]) {
      const value = await secrets.send(new GetSecretValueCommand({ SecretId: id }))
      expect(value.SecretString).toBe('{"SECRET_KEY_BASE":"abc"}')
      expect(value.VersionStages).toEqual(['AWSCURRENT'])
      expect(value.CreatedDate).toBeInstanceOf(Date)
    }

    await secrets.send(
      new PutSecretValueCommand({ SecretId: 'prod/rails', SecretString: '{"SECRET_KEY_BASE":"def"}' })
    )
    const updated = await secrets.send(new GetSecretValueCommand({ SecretId: 'prod/rails' }))
    expect(updated.SecretString).toBe('{"SECRET_KEY_BASE":"def"}')
  })

  test('errors: unknown secret and duplicate name', async () => {
    expect(await errorName(secrets.send(new GetSecretValueCommand({ SecretId: 'nope' })))).toBe(
      'ResourceNotFoundException'
    )
    await secrets.send(new CreateSecretCommand({ Name: 'twice', SecretString: 'x' }))
    expect(await errorName(secrets.send(new CreateSecretCommand({ Name: 'twice', SecretString: 'y' })))).toBe(
      'ResourceExistsException'
    )
  })
})

describe('SSM Parameter Store', () => {
  test('SecureString values need WithDecryption; String values come back as stored', async () => {
    await ssm.send(
      new PutParameterCommand({ Name: '/puppies/api-key', Value: 's3cr3t', Type: 'SecureString' })
    )
    const encrypted = await ssm.send(new GetParameterCommand({ Name: '/puppies/api-key' }))
    expect(encrypted.Parameter?.Value).not.toBe('s3cr3t')
    const decrypted = await ssm.send(
      new GetParameterCommand({ Name: '/puppies/api-key', WithDecryption: true })
    )
    expect(decrypted.Parameter?.Value).toBe('s3cr3t')
    expect(decrypted.Parameter?.Type).toBe('SecureString')
    expect(decrypted.Parameter?.ARN).toBe('arn:aws:ssm:us-east-1:123456789012:parameter/puppies/api-key')
    expect(decrypted.Parameter?.Version).toBe(1)
  })

  test('overwriting needs Overwrite; unknown parameters are ParameterNotFound', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'one', Type: 'String' }))
    expect(await errorName(ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'two' })))).toBe(
      'ParameterAlreadyExists'
    )
    const put = await ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'two', Overwrite: true }))
    expect(put.Version).toBe(2)
    expect((await ssm.send(new GetParameterCommand({ Name: 'plain' }))).Parameter?.Value).toBe('two')
    expect(await errorName(ssm.send(new GetParameterCommand({ Name: '/missing' })))).toBe('ParameterNotFound')
  })
})

describe('ctx.resolveSecret (ECS valueFrom syntax)', () => {
  test('resolves a whole secret, a JSON key of a secret, and SSM parameters by name or ARN', async () => {
    const created = await secrets.send(
      new CreateSecretCommand({
        Name: 'db-credentials',
        SecretString: JSON.stringify({ username: 'app', password: 'pw1', port: 5432 })
      })
    )
    const arn = created.ARN ?? ''
    expect(await standIn.ctx.resolveSecret(arn)).toContain('"password":"pw1"')
    expect(await standIn.ctx.resolveSecret(`${arn}:password::`)).toBe('pw1')
    expect(await standIn.ctx.resolveSecret(`${arn}:port::`)).toBe('5432')

    await ssm.send(new PutParameterCommand({ Name: '/app/token', Value: 'tok', Type: 'SecureString' }))
    expect(await standIn.ctx.resolveSecret('/app/token')).toBe('tok')
    expect(await standIn.ctx.resolveSecret('arn:aws:ssm:us-east-1:123456789012:parameter/app/token')).toBe(
      'tok'
    )
  })

  test('unknown references and missing JSON keys fail', async () => {
    await expect(
      standIn.ctx.resolveSecret('arn:aws:secretsmanager:us-east-1:123456789012:secret:absent-AbCdEf')
    ).rejects.toThrow("Secrets Manager can't find the specified secret.")
    const created = await secrets.send(
      new CreateSecretCommand({ Name: 'json-only', SecretString: '{"a":"1"}' })
    )
    await expect(standIn.ctx.resolveSecret(`${created.ARN}:b::`)).rejects.toThrow('has no JSON key b')
    await expect(standIn.ctx.resolveSecret('/no/such/parameter')).rejects.toThrow('not found')
  })
})
