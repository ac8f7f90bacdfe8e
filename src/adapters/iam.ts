// IAM and STS, read-only: the account's conventional ECS task execution role
// (GetRole), and who the credentials are (GetCallerIdentity, for
// mask-aws-account-id). Neither changes anything.

import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam'
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

/** The account id and ARN of the credentials the action runs with. */
export async function callerIdentity(sts: StsApi): Promise<{ account: string; arn: string }> {
  const answer = await sts.send(new GetCallerIdentityCommand({}))
  if (!answer.Account) throw new Error('STS GetCallerIdentity returned no account id')
  return { account: answer.Account, arn: answer.Arn ?? '' }
}
