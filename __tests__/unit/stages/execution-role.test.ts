// execution-role-arn left empty while a container passes secrets by
// reference: the account's ecsTaskExecutionRole, looked up read-only; without
// one, one line naming the input, what needs the role, and what to do.

import { describe, expect, test } from '@jest/globals'
import { GetRoleCommand } from '@aws-sdk/client-iam'

import type { AwsClients } from '../../../src/adapters/aws-clients.js'
import { parseInputs } from '../../../src/core/inputs.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { Prepared } from '../../../src/planning/prepare.js'
import { findExecutionRole } from '../../../src/stages/managed-services.js'
import { pushRun } from '../core/support.js'
import { composeIn } from '../core/workspace-fake.js'
import { FakeClient, awsError } from '../deploy/fakes.js'

function prepared(compose: string, inputs: Record<string, string> = {}): Prepared {
  const { config } = parseInputs({ application: 'puppies', environment: 'puppies-prod', ...inputs }, pushRun)
  const project = composeIn(compose)
  return {
    config,
    workspace: '/workspace',
    compose: project,
    targets: [{ plan: buildPlan(config, project, 'puppies-prod'), environments: ['puppies-prod'] }]
  }
}

const SECRET = 'API_TOKEN=arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-AbCdEf'
const COMPOSE =
  'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    environment:\n      API_TOKEN: ${API_TOKEN}\n'
const iam = (answer: () => unknown) =>
  ({ iam: new FakeClient().on(GetRoleCommand, answer) }) as unknown as Pick<AwsClients, 'iam'>

describe('findExecutionRole', () => {
  test('uses the account’s ecsTaskExecutionRole when a secret is passed by reference and the input is empty', async () => {
    const arn = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
    const clients = iam(() => ({ Role: { RoleName: 'ecsTaskExecutionRole', Arn: arn } }))
    expect(await findExecutionRole(prepared(COMPOSE, { secrets: SECRET }), clients, {})).toBe(arn)
  })

  test('fails in one line naming what needs the role when the account has none', async () => {
    const clients = iam(() => {
      throw awsError('NoSuchEntityException', 'The role with name ecsTaskExecutionRole cannot be found.')
    })
    await expect(findExecutionRole(prepared(COMPOSE, { secrets: SECRET }), clients, {})).rejects.toThrow(
      "Input 'execution-role-arn': is required: web passes API_TOKEN by reference, which the platform reads with the task's execution role, and this account has no ecsTaskExecutionRole; set execution-role-arn to a role that may read those secrets"
    )
  })

  test('says the lookup was refused when the role may not call iam:GetRole', async () => {
    const clients = iam(() => {
      throw awsError('AccessDenied', 'User is not authorized to perform: iam:GetRole')
    })
    await expect(findExecutionRole(prepared(COMPOSE, { secrets: SECRET }), clients, {})).rejects.toThrow(
      /looking up ecsTaskExecutionRole failed \(User is not authorized to perform: iam:GetRole\); set execution-role-arn, or allow iam:GetRole$/
    )
  })

  test('the RDS-managed password passed by reference needs the role too', async () => {
    const arn = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
    const clients = iam(() => ({ Role: { Arn: arn } }))
    const withDatabase = prepared(
      'services:\n  web:\n    image: app\n    ports: ["80:80"]\n    environment:\n      DATABASE_URL: postgres://app@db/app\n  db:\n    image: postgres:15\n',
      { database: 'puppies-db' }
    )
    const backing = {
      database: {
        endpoint: { host: 'db.example', port: 5432 },
        secrets: [
          {
            name: 'password',
            valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1:password::'
          }
        ]
      }
    }
    expect(await findExecutionRole(withDatabase, clients, backing as never)).toBe(arn)
  })

  test('asks nothing when the input names a role, or nothing is passed by reference', async () => {
    const never = iam(() => {
      throw new Error('GetRole must not be called')
    })
    const role = 'arn:aws:iam::123456789012:role/custom'
    expect(
      await findExecutionRole(prepared(COMPOSE, { secrets: SECRET, 'execution-role-arn': role }), never, {})
    ).toBeUndefined()
    expect(
      await findExecutionRole(prepared('services:\n  web:\n    image: nginx\n'), never, {})
    ).toBeUndefined()
  })
})
