// IAM over the Query protocol: GetRole, which the action calls to find the
// account's conventional ECS task execution role when the execution-role-arn
// input is empty, and SimulatePrincipalPolicy, with which it checks that role
// may read the secrets passed by reference. Roles exist only when a test or the
// CLI creates them: an account that never used ECS has no ecsTaskExecutionRole.
// A role's identity policies are a list of Allow/Deny statements (actions and
// resources with * and ? wildcards), evaluated as IAM does for one principal: an
// explicit deny wins, then an allow, else an implicit deny
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
// Conditions, resource policies, boundaries and SCPs are not modelled.

import { randomBytes } from 'node:crypto'

import type { QueryService, StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import { queryList } from '../protocols/query.js'

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny'
  Action: string | string[]
  Resource: string | string[]
}

/**
 * The AWS managed AmazonECSTaskExecutionRolePolicy, what the ECS console attaches to the ecsTaskExecutionRole it
 * creates: ECR pulls and CloudWatch Logs, no Secrets Manager or Parameter Store
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html).
 */
export const ECS_TASK_EXECUTION_ROLE_POLICY: PolicyStatement[] = [
  {
    Effect: 'Allow',
    Action: [
      'ecr:GetAuthorizationToken',
      'ecr:BatchCheckLayerAvailability',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchGetImage',
      'logs:CreateLogStream',
      'logs:PutLogEvents'
    ],
    Resource: '*'
  }
]

export interface RoleRecord {
  name: string
  arn: string
  id: string
  created: Date
  policies: PolicyStatement[]
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value])

/** IAM's wildcard match: `*` any run of characters, `?` one; actions compare case-insensitively. */
function matches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value)
}

export function evaluate(
  policies: readonly PolicyStatement[],
  action: string,
  resource: string
): 'allowed' | 'explicitDeny' | 'implicitDeny' {
  const applies = (statement: PolicyStatement): boolean =>
    list(statement.Action).some(pattern => matches(pattern, action, true)) &&
    list(statement.Resource).some(pattern => matches(pattern, resource, false))
  if (policies.some(statement => statement.Effect === 'Deny' && applies(statement))) return 'explicitDeny'
  return policies.some(statement => statement.Effect === 'Allow' && applies(statement))
    ? 'allowed'
    : 'implicitDeny'
}

export class IamService implements QueryService {
  readonly signingName = 'iam'
  readonly xmlns = 'https://iam.amazonaws.com/doc/2010-05-08/'
  readonly roles = new Map<string, RoleRecord>()
  /** Operations the caller's own credentials may not call (AccessDenied), e.g. SimulatePrincipalPolicy. */
  readonly callerDenied = new Set<string>()

  constructor(private readonly ctx: StandInContext) {}

  createRole(name: string, policies: PolicyStatement[] = ECS_TASK_EXECUTION_ROLE_POLICY): RoleRecord {
    const role: RoleRecord = {
      name,
      arn: `arn:aws:iam::${this.ctx.accountId}:role/${name}`,
      id: `AROA${randomBytes(8).toString('hex').toUpperCase()}`,
      created: new Date(),
      policies
    }
    this.roles.set(name, role)
    return role
  }

  deleteRole(name: string): void {
    this.roles.delete(name)
  }

  async handle(action: string, params: Record<string, string>) {
    if (this.callerDenied.has(action)) {
      // IAM's AccessDenied (HTTP 403), worded as the service words it for an assumed role.
      throw new AwsError(
        'AccessDenied',
        `User: arn:aws:sts::${this.ctx.accountId}:assumed-role/github-deploy/stand-in is not authorized to perform: iam:${action} on resource: ${params.PolicySourceArn ?? params.RoleName ?? '*'}`,
        403
      )
    }
    if (action === 'SimulatePrincipalPolicy') return this.simulatePrincipalPolicy(params)
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

  /** SimulatePrincipalPolicy for a role of this account: every action on every resource, in one page. */
  private simulatePrincipalPolicy(params: Record<string, string>) {
    const source = params.PolicySourceArn ?? ''
    const role = [...this.roles.values()].find(candidate => candidate.arn === source)
    if (!role) {
      // IAM API Reference, SimulatePrincipalPolicy errors: NoSuchEntity (404).
      throw new AwsError(
        'NoSuchEntity',
        `The role with name ${source.split('/').pop()} cannot be found.`,
        404
      )
    }
    const actions = queryList(params, 'ActionNames')
    const resources = queryList(params, 'ResourceArns')
    if (actions.length === 0) throw new AwsError('InvalidInput', 'ActionNames must not be empty.')
    const results = actions.flatMap(action =>
      (resources.length > 0 ? resources : ['*']).map(resource => ({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: evaluate(role.policies, action, resource),
        MatchedStatements: [],
        MissingContextValues: []
      }))
    )
    return { EvaluationResults: results, IsTruncated: false }
  }
}
