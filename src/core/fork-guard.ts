// Who may have their code built with this repository's credentials.
// pull_request_target runs, and workflow_run runs that follow a pull request,
// execute the base repository's workflow with its secrets and AWS role; when
// the checkout is a fork's, building, bundling or even printing that content
// hands both to the fork's author (the "pwn request"). Every mode that reads
// repository content — deploy, plan, and preview — refuses such runs.

import type { RunContext } from './config-types.js'

const ADVICE =
  'Run forks on the pull_request event (they get no credentials there), or deploy after review from a branch of this repository'

/** Why this run must not read the checkout, or undefined when its code comes from this repository. */
export function forkProblem(run: RunContext, verb = 'deploy'): string | undefined {
  const pullRequest = run.pullRequest
  if (run.eventName === 'pull_request_target' && pullRequest) {
    if (pullRequest.headRepository && pullRequest.headRepository === pullRequest.baseRepository)
      return undefined
    return (
      `Refusing to ${verb} pull request #${pullRequest.number} from ${pullRequest.headRepository ?? 'a deleted fork'}: ` +
      `a pull_request_target run has this repository's secrets and AWS role, and building a fork's code with them ` +
      `hands both to its author. ${ADVICE}`
    )
  }
  const workflowRun = run.workflowRun
  if (run.eventName === 'workflow_run' && workflowRun) {
    if (workflowRun.headRepository && workflowRun.headRepository === workflowRun.repository) return undefined
    return (
      `Refusing to ${verb} code from ${workflowRun.headRepository ?? 'a deleted fork'}: this workflow_run run follows a ` +
      `${workflowRun.event} run of a fork and has this repository's secrets and AWS role. ${ADVICE}`
    )
  }
  return undefined
}
