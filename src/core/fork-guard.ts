// Whose code is in the workspace. A run holds this repository's AWS role and
// secrets; when the code it builds, bundles or even prints comes from someone
// without write access (a fork's pull request), doing so hands both to that
// person (the "pwn request"). The event name does not answer that: an
// `issue_comment` ("/deploy" on a fork's pull request) or a
// `workflow_dispatch` can check out a fork's head as easily as a
// `pull_request_target` can. So deploy, preview and plan decide on the commit
// the workspace holds:
//
//  1. the commit the event itself names (GITHUB_SHA: the pushed commit, the
//     base branch of a pull_request_target, the default branch of an
//     issue_comment, the ref a writer dispatched) was produced by writers;
//  2. a commit the event says is a fork's (a pull request's head repository
//     is not this one, from the payload or, for an issue_comment, the API) was
//     not — and neither is anything a workflow_run after a fork's run has
//     (it usually comes as artifacts, whose `.git` the fork could write);
//  3. any other commit is the writers' only when the API says it is in the
//     history of the event's commit or the head of a branch of this repository.
//
// Pure: the caller gathers the facts (src/fork-guard/code-origin.ts) and asks again when
// the verdict names one it lacks.

import type { RunContext } from './config-types.js'

const ADVICE =
  "To run it safely: let a writer push the change to a branch of this repository (or merge it) and deploy that, or run the fork's pull request on the pull_request event, which gets no secrets"

/** What is known about the code; the verdict asks for what is missing. */
export interface CodeFacts {
  /** The commit checked out in the workspace (git HEAD); undefined when it is no git checkout. */
  head?: string
  /** The pull request an issue_comment was written on, as the API describes it. */
  commentedPullRequest?: { headRepository?: string; headSha: string }
  /** The API's answer for `head` (rule 3): a sentence when it is the writers', undefined when not. */
  writersCommit?: { trusted: boolean; why: string }
}

export type ForkVerdict =
  | { kind: 'allowed' }
  | { kind: 'refused'; message: string }
  /** Rule 2 for an issue_comment on a pull request: fetch the pull request. */
  | { kind: 'needs-pull-request'; number: number }
  /** Rule 3: ask whether `head` is in the history of `trusted`, or a branch head of the repository. */
  | { kind: 'needs-provenance'; head: string; trusted: string }

/**
 * Events whose commit (GITHUB_SHA) is the pull request's merge commit, the head's code merged into the base
 * (https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows).
 */
const MERGE_COMMIT_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment'])

const short = (sha: string): string => sha.slice(0, 12)

function sameRepository(head: string | undefined, base: string | undefined): boolean {
  return head !== undefined && base !== undefined && head.toLowerCase() === base.toLowerCase()
}

/** The decision for `verb` (deploy, preview, plan), or the fact it needs next. */
export function forkVerdict(run: RunContext, facts: CodeFacts, verb: string): ForkVerdict {
  const refuse = (why: string): ForkVerdict => ({
    kind: 'refused',
    message: `Refusing to ${verb} ${why}; building it with this repository's AWS role and secrets hands both to its author. ${ADVICE}`
  })
  const base = run.repository ?? run.pullRequest?.baseRepository
  const pullRequest = run.pullRequest
  const forkPullRequest =
    pullRequest !== undefined &&
    !sameRepository(pullRequest.headRepository, pullRequest.baseRepository ?? base)
  const fromFork = (number: number, repository: string | undefined): string =>
    `pull request #${number} from ${repository ?? 'a deleted fork'}`

  // A pull_request run checks out the merge of the head into the base: its code is the head's. So do the
  // review events, whose GITHUB_SHA is the same merge commit. GitHub gives a fork's run no secrets and runs
  // the fork's own workflow file, so a plan (which needs no credentials) is harmless there; a deploy or
  // preview is refused (a self-hosted runner's role).
  if (MERGE_COMMIT_EVENTS.has(run.eventName) && pullRequest) {
    return forkPullRequest && verb !== 'plan'
      ? refuse(
          `${fromFork(pullRequest.number, pullRequest.headRepository)} (a fork's code, on ${run.eventName})`
        )
      : { kind: 'allowed' }
  }
  const workflowRun = run.workflowRun
  if (run.eventName === 'workflow_run' && workflowRun) {
    const repository = workflowRun.repository ?? base
    if (!sameRepository(workflowRun.headRepository, repository))
      return refuse(
        `code from ${workflowRun.headRepository ?? 'a deleted fork'}: this workflow_run run follows a ${workflowRun.event} run of a fork`
      )
  }
  // Rule 1: the event's own commit.
  if (facts.head !== undefined && facts.head === run.sha) return { kind: 'allowed' }

  if (run.eventName === 'pull_request_target' && pullRequest) {
    const where = facts.head === undefined ? 'the workspace' : `the workspace (${short(facts.head)})`
    if (forkPullRequest)
      return refuse(
        `${fromFork(pullRequest.number, pullRequest.headRepository)}: ${where} is not the base branch's commit ${short(run.sha)}`
      )
    if (facts.head === undefined || facts.head === pullRequest.headSha) return { kind: 'allowed' }
  }
  const commented = run.commentedPullRequest
  if (run.eventName === 'issue_comment' && commented !== undefined) {
    const described = facts.commentedPullRequest
    if (described === undefined) return { kind: 'needs-pull-request', number: commented }
    const holds = facts.head === undefined ? 'no git checkout' : short(facts.head)
    if (!sameRepository(described.headRepository, base))
      return refuse(
        `${fromFork(commented, described.headRepository)}: the workspace holds ${holds}, not ${short(run.sha)} of the default branch, after an issue_comment on a fork's pull request`
      )
    if (facts.head === described.headSha) return { kind: 'allowed' }
  }
  // No git checkout: nothing to compare (see docs/reliability.md, "what the guard cannot see").
  if (facts.head === undefined) return { kind: 'allowed' }

  // Rule 3.
  const answer = facts.writersCommit
  if (answer === undefined) return { kind: 'needs-provenance', head: facts.head, trusted: run.sha }
  if (answer.trusted) return { kind: 'allowed' }
  return refuse(
    `commit ${short(facts.head)}: the workspace is not the ${run.eventName} event's commit ${short(run.sha)}, and ${answer.why}`
  )
}

/** The event-only part of the rule (no checkout facts): what preview decides before reading anything. */
export function forkProblem(run: RunContext, verb = 'deploy'): string | undefined {
  const verdict = forkVerdict(run, {}, verb)
  return verdict.kind === 'refused' ? verdict.message : undefined
}
