// The fork guard's I/O (the rule is core/fork-guard.ts): the workspace's
// checkout HEAD, and GitHub's answers about a pull request or a commit, asked
// only when the rule needs them. Deploy, preview and plan call it before
// anything reads the checkout.

import type { CodeOriginApi } from '../adapters/github.js'
import { checkoutHead } from '../adapters/workspace/checkout-head.js'
import type { ActionConfig, RunContext } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import { forkVerdict, type CodeFacts } from '../core/fork-guard.js'

export type CodeOriginApiFactory = (run: RunContext) => Promise<CodeOriginApi | string>

/** The API through the github-token input, or why there is none. Octokit is loaded only when a question is asked. */
export function githubCodeOrigin(
  config: Pick<ActionConfig, 'githubToken'>,
  env: NodeJS.ProcessEnv
): CodeOriginApiFactory {
  return async run => {
    const { octokitCodeOrigin, parseRepository } = await import('../adapters/github.js')
    const repository = parseRepository(run.repository ?? run.pullRequest?.baseRepository)
    if (!config.githubToken || !repository)
      return 'no github-token input or GITHUB_REPOSITORY to ask GitHub with'
    return octokitCodeOrigin(config.githubToken, repository, env.GITHUB_API_URL)
  }
}

/** Throws the one-line refusal when the workspace's code is not one this repository's writers produced. */
export async function refuseForkCode(
  verb: string,
  run: RunContext,
  workspace: string,
  apiFor: CodeOriginApiFactory
): Promise<void> {
  const head = checkoutHead(workspace)
  const facts: CodeFacts = head === undefined ? {} : { head }
  let api: CodeOriginApi | undefined
  const ask = async <T>(question: string, call: (api: CodeOriginApi) => Promise<T>): Promise<T> => {
    const made = api ?? (await apiFor(run))
    const fail = (why: string): never => {
      throw new Error(
        `Refusing to ${verb}: could not ask GitHub ${question} (${why}); the job needs contents: read and pull-requests: read`
      )
    }
    if (typeof made === 'string') return fail(made)
    api = made
    try {
      return await call(made)
    } catch (error) {
      return fail(errorMessage(error))
    }
  }
  // Each question is asked once; three rounds answer every verdict.
  for (let round = 0; round < 3; round++) {
    const verdict = forkVerdict(run, facts, verb)
    switch (verdict.kind) {
      case 'allowed':
        return
      case 'refused':
        throw new Error(verdict.message)
      case 'needs-pull-request':
        facts.commentedPullRequest = await ask(`whose pull request #${verdict.number} is`, origin =>
          origin.pullRequest(verdict.number)
        )
        break
      case 'needs-provenance':
        facts.writersCommit = await ask(`where commit ${verdict.head.slice(0, 12)} comes from`, origin =>
          origin.writersCommit(verdict.head, verdict.trusted)
        )
        break
    }
  }
  throw new Error(`Refusing to ${verb}: the fork guard could not decide`)
}
