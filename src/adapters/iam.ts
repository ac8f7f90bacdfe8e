// IAM and STS, read-only: the account's conventional ECS task execution role
// (GetRole), whether a role's policies allow some calls (SimulatePrincipalPolicy),
// and who the credentials are (GetCallerIdentity, for mask-aws-account-id).
// None changes anything.

import { GetRoleCommand, SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts'

import { AwsErrorCode, isAwsError } from './aws-errors.js'

export type IamApi = Pick<IAMClient, 'send'>
export type StsApi = Pick<STSClient, 'send'>

/** The role's ARN, or undefined when the account has no role of that name. Other errors (access) are thrown. */
export async function findRole(iam: IamApi, roleName: string): Promise<string | undefined> {
  try {
    const answer = await iam.send(new GetRoleCommand({ RoleName: roleName }))
    return answer.Role?.Arn
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.noSuchEntity)) return undefined
    throw error
  }
}

export interface SimulatedDecision {
  action: string
  resource: string
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny'
}

/**
 * IAM's decision for each action on each resource under the principal's own policies (identity policies and
 * permissions boundary; not resource policies or SCPs), every page of it.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
export async function simulatePrincipal(
  iam: IamApi,
  principalArn: string,
  actions: readonly string[],
  resources: readonly string[]
): Promise<SimulatedDecision[]> {
  const decisions: SimulatedDecision[] = []
  let marker: string | undefined
  do {
    const answer = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: principalArn,
        ActionNames: [...actions],
        ResourceArns: [...resources],
        ...(marker !== undefined && { Marker: marker })
      })
    )
    for (const result of answer.EvaluationResults ?? []) {
      decisions.push({
        action: result.EvalActionName ?? '',
        resource: result.EvalResourceName ?? '',
        decision: (result.EvalDecision ?? 'implicitDeny') as SimulatedDecision['decision']
      })
    }
    marker = answer.IsTruncated ? answer.Marker : undefined
  } while (marker !== undefined)
  return decisions
}

/** The account id and ARN of the credentials the action runs with. */
export async function callerIdentity(sts: StsApi): Promise<{ account: string; arn: string }> {
  const answer = await sts.send(new GetCallerIdentityCommand({}))
  if (!answer.Account) throw new Error('STS GetCallerIdentity returned no account id')
  return { account: answer.Account, arn: answer.Arn ?? '' }
}
