// STS over the Query protocol: only GetCallerIdentity, which deploy tooling
// calls to learn the account id (for ECR registry hosts and ARNs).

import type { QueryService, StandInContext } from '../context.js'
import { AwsError } from '../errors.js'

export function createStsService(ctx: StandInContext): QueryService {
  return {
    signingName: 'sts',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    async handle(action) {
      if (action !== 'GetCallerIdentity') {
        // Real text unknown (an operation the stand-in does not serve).
        throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`)
      }
      return {
        UserId: 'AIDASTANDINDEPLOYER01',
        Account: ctx.accountId,
        Arn: `arn:aws:iam::${ctx.accountId}:user/stand-in-deployer`
      }
    }
  }
}
