// IAM over the Query protocol: only GetRole, which the action calls to find
// the account's conventional ECS task execution role when the
// execution-role-arn input is empty. Roles exist only when a test or the
// CLI creates them: an account that never used ECS has no ecsTaskExecutionRole.

import { randomBytes } from 'node:crypto'

import type { QueryService, StandInContext } from '../context.js'
import { AwsError } from '../errors.js'

export interface RoleRecord {
  name: string
  arn: string
  id: string
  created: Date
}

export class IamService implements QueryService {
  readonly signingName = 'iam'
  readonly xmlns = 'https://iam.amazonaws.com/doc/2010-05-08/'
  readonly roles = new Map<string, RoleRecord>()

  constructor(private readonly ctx: StandInContext) {}

  createRole(name: string): RoleRecord {
    const role: RoleRecord = {
      name,
      arn: `arn:aws:iam::${this.ctx.accountId}:role/${name}`,
      id: `AROA${randomBytes(8).toString('hex').toUpperCase()}`,
      created: new Date()
    }
    this.roles.set(name, role)
    return role
  }

  deleteRole(name: string): void {
    this.roles.delete(name)
  }

  async handle(action: string, params: Record<string, string>) {
    if (action !== 'GetRole') {
      // Real text unknown (an operation the stand-in does not serve).
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2010-05-08`)
    }
    const name = params.RoleName ?? ''
    const role = this.roles.get(name)
    if (!role) {
      // IAM API Reference, GetRole errors: NoSuchEntity, HTTP 404; the text as the AWS CLI prints it.
      throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404)
    }
    return {
      Role: {
        Path: '/',
        RoleName: role.name,
        RoleId: role.id,
        Arn: role.arn,
        CreateDate: role.created,
        AssumeRolePolicyDocument: encodeURIComponent(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ecs-tasks.amazonaws.com' },
                Action: 'sts:AssumeRole'
              }
            ]
          })
        )
      }
    }
  }
}
