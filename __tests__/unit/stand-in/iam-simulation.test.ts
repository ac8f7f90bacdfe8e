// The stand-in's IAM policy evaluation behind SimulatePrincipalPolicy: explicit deny over allow over implicit deny,
// wildcards as IAM reads them (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

import { describe, expect, it } from '@jest/globals'

import { ECS_TASK_EXECUTION_ROLE_POLICY, evaluate } from '../../../stand-in/services/iam.js'

const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:puppies/db-AbCdEf'

describe('evaluate', () => {
  it('the stock execution role policy reads no secret', () => {
    expect(evaluate(ECS_TASK_EXECUTION_ROLE_POLICY, 'secretsmanager:GetSecretValue', secret)).toBe(
      'implicitDeny'
    )
    expect(evaluate(ECS_TASK_EXECUTION_ROLE_POLICY, 'ecr:BatchGetImage', '*')).toBe('allowed')
  })

  it('wildcards in actions (any case) and resources; a deny wins', () => {
    const policies = [
      {
        Effect: 'Allow' as const,
        Action: 'SecretsManager:Get*',
        Resource: 'arn:aws:secretsmanager:*:*:secret:puppies/*'
      },
      {
        Effect: 'Deny' as const,
        Action: '*',
        Resource: 'arn:aws:secretsmanager:*:*:secret:puppies/admin-??????'
      }
    ]
    expect(evaluate(policies, 'secretsmanager:GetSecretValue', secret)).toBe('allowed')
    expect(evaluate(policies, 'secretsmanager:GetSecretValue', secret.replace('puppies', 'other'))).toBe(
      'implicitDeny'
    )
    expect(evaluate(policies, 'secretsmanager:GetSecretValue', secret.replace('db-', 'admin-'))).toBe(
      'explicitDeny'
    )
    expect(evaluate(policies, 'ssm:GetParameters', secret)).toBe('implicitDeny')
  })

  it('regular-expression characters in a resource are literal', () => {
    const policies = [
      { Effect: 'Allow' as const, Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:*:*:parameter/a.b' }
    ]
    expect(evaluate(policies, 'ssm:GetParameters', 'arn:aws:ssm:us-east-1:1:parameter/a.b')).toBe('allowed')
    expect(evaluate(policies, 'ssm:GetParameters', 'arn:aws:ssm:us-east-1:1:parameter/aXb')).toBe(
      'implicitDeny'
    )
  })
})
