// Issue 24 class 2: the fork guard decides on the code in the workspace, not
// on the event's name. Every event that can put a fork's code in a workspace
// holding this repository's role × what the workflow checked out, through the
// guard's I/O (a real .git HEAD in a folder, GitHub's answers from a fake).

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CodeOriginApi } from '../../../src/adapters/github.js'
import { checkoutHead } from '../../../src/adapters/workspace/checkout-head.js'
import { refuseForkCode } from '../../../src/fork-guard/code-origin.js'
import { getRunContext } from '../../../src/adapters/actions-runner/run-context.js'
import type { RunContext } from '../../../src/core/config-types.js'
import { forkProblem } from '../../../src/core/fork-guard.js'

const BASE = 'octo/puppies'
const FORK = 'mallory/puppies'
const sha = (char: string): string => char.repeat(40)
/** The event's own commit (GITHUB_SHA), a fork's head, a branch of this repository, an old commit of main. */
const EVENT_SHA = sha('a')
const FORK_HEAD = sha('f')
const BRANCH_HEAD = sha('b')
const OLD_MAIN = sha('0')

let workspace: string
beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'bdd-fork-guard-'))
})
afterEach(() => rmSync(workspace, { recursive: true, force: true }))

type Checkout = 'event commit' | 'fork head' | 'branch head' | 'old main' | 'no git'
const CHECKOUT_SHA: Record<Exclude<Checkout, 'no git'>, string> = {
  'event commit': EVENT_SHA,
  'fork head': FORK_HEAD,
  'branch head': BRANCH_HEAD,
  'old main': OLD_MAIN
}

function checkOut(checkout: Checkout): void {
  if (checkout === 'no git') return
  mkdirSync(path.join(workspace, '.git/refs/heads'), { recursive: true })
  // A branch checkout (symbolic HEAD) for one of them, detached for the others: both are read.
  if (checkout === 'branch head') {
    writeFileSync(path.join(workspace, '.git/HEAD'), 'ref: refs/heads/feature\n')
    writeFileSync(
      path.join(workspace, '.git/packed-refs'),
      `# pack-refs\n${BRANCH_HEAD} refs/heads/feature\n`
    )
  } else writeFileSync(path.join(workspace, '.git/HEAD'), `${CHECKOUT_SHA[checkout]}\n`)
}

/** GitHub as the fake knows it: PR #5 is a fork's, PR #6 a branch of this repository. */
function fakeGitHub(asked: string[]): CodeOriginApi {
  return {
    pullRequest: async number => {
      asked.push(`pull ${number}`)
      return number === 5
        ? { headRepository: FORK, headSha: FORK_HEAD }
        : { headRepository: BASE, headSha: BRANCH_HEAD }
    },
    writersCommit: async head => {
      asked.push(`commit ${head.slice(0, 4)}`)
      if (head === OLD_MAIN) return { trusted: true, why: 'in the history' }
      if (head === BRANCH_HEAD) return { trusted: true, why: 'head of branch feature' }
      return {
        trusted: false,
        why: 'GitHub says it is neither in that commit’s history nor the head of a branch'
      }
    }
  }
}

const pullRequest = (number: number, eventName: string): RunContext => ({
  eventName,
  sha: EVENT_SHA,
  repository: BASE,
  pullRequest: {
    number,
    headSha: number === 5 ? FORK_HEAD : BRANCH_HEAD,
    baseRepository: BASE,
    headRepository: number === 5 ? FORK : BASE
  }
})
const RUNS: Record<string, RunContext> = {
  'pull_request from a fork': pullRequest(5, 'pull_request'),
  'pull_request from a branch': pullRequest(6, 'pull_request'),
  'pull_request_target from a fork': pullRequest(5, 'pull_request_target'),
  'pull_request_target from a branch': pullRequest(6, 'pull_request_target'),
  'issue_comment on a fork’s pull request': {
    eventName: 'issue_comment',
    sha: EVENT_SHA,
    repository: BASE,
    commentedPullRequest: 5
  },
  'issue_comment on a branch’s pull request': {
    eventName: 'issue_comment',
    sha: EVENT_SHA,
    repository: BASE,
    commentedPullRequest: 6
  },
  // A comment on an issue (no pull request): nothing names a fork, so the checkout alone decides.
  'issue_comment on an issue': { eventName: 'issue_comment', sha: EVENT_SHA, repository: BASE },
  'workflow_run after a fork’s run': {
    eventName: 'workflow_run',
    sha: EVENT_SHA,
    repository: BASE,
    workflowRun: { event: 'pull_request', headRepository: FORK, repository: BASE }
  },
  // GitHub's payload has `head_repository: null` once the fork is deleted.
  'workflow_run after a deleted fork’s run': {
    eventName: 'workflow_run',
    sha: EVENT_SHA,
    repository: BASE,
    workflowRun: { event: 'pull_request_target', repository: BASE }
  },
  'workflow_run after a push': {
    eventName: 'workflow_run',
    sha: EVENT_SHA,
    repository: BASE,
    workflowRun: { event: 'push', headRepository: BASE, repository: BASE }
  },
  workflow_dispatch: { eventName: 'workflow_dispatch', sha: EVENT_SHA, repository: BASE },
  push: { eventName: 'push', sha: EVENT_SHA, repository: BASE },
  schedule: { eventName: 'schedule', sha: EVENT_SHA, repository: BASE },
  repository_dispatch: { eventName: 'repository_dispatch', sha: EVENT_SHA, repository: BASE }
}

/** What each run must do with each checkout: 'ok', or the refusal's pattern. */
function expected(run: string, checkout: Checkout, verb: string): 'ok' | RegExp {
  if (run === 'pull_request from a fork')
    return verb === 'plan' ? 'ok' : /pull request #5 from mallory\/puppies \(a fork's code/
  if (run === 'workflow_run after a fork’s run')
    return /code from mallory\/puppies: this workflow_run run follows a pull_request run of a fork/
  if (run === 'workflow_run after a deleted fork’s run')
    return /code from a deleted fork: this workflow_run run follows a pull_request_target run of a fork/
  if (checkout === 'event commit' || run === 'pull_request from a branch') return 'ok'
  const held = checkout === 'no git' ? undefined : CHECKOUT_SHA[checkout].slice(0, 12)
  // No git checkout where the event points at a fork: the code came from somewhere else (a download).
  if (run === 'pull_request_target from a fork')
    return new RegExp(
      `pull request #5 from mallory/puppies: the workspace${held ? ` \\(${held}\\)` : ''} is not the base branch's commit aaaaaaaaaaaa;`
    )
  if (run === 'issue_comment on a fork’s pull request')
    return new RegExp(
      `pull request #5 from mallory/puppies: the workspace holds ${held ?? 'no git checkout'}, not aaaaaaaaaaaa of the default branch, after an issue_comment`
    )
  if (checkout === 'no git') return 'ok'
  if (checkout === 'fork head')
    return /commit ffffffffffff: the workspace is not the .* event's commit aaaaaaaaaaaa, and GitHub says/
  return 'ok'
}

/**
 * What the guard asks GitHub, for each verb: nothing when the event and the checkout answer (the event's own
 * commit, a pull request's own head, a refusal the event alone decides, no git checkout), the commented pull
 * request for an issue_comment on one, and where the checked-out commit comes from otherwise.
 */
function expectedQuestions(run: string, checkout: Checkout): string[] {
  if (run.startsWith('pull_request from') || run === 'workflow_run after a fork’s run') return []
  if (run === 'workflow_run after a deleted fork’s run' || checkout === 'event commit') return []
  if (run === 'pull_request_target from a fork') return []
  const pull = run.startsWith('issue_comment on a fork')
    ? ['pull 5']
    : run.startsWith('issue_comment on a branch')
      ? ['pull 6']
      : []
  if (run === 'issue_comment on a fork’s pull request' || checkout === 'no git') return pull
  const ownHead =
    run === 'pull_request_target from a branch' || run === 'issue_comment on a branch’s pull request'
  if (ownHead && checkout === 'branch head') return pull
  return [...pull, `commit ${CHECKOUT_SHA[checkout].slice(0, 4)}`]
}

describe('refuseForkCode: every event × what the workflow checked out', () => {
  const cases = Object.keys(RUNS).flatMap(run =>
    (['event commit', 'fork head', 'branch head', 'old main', 'no git'] as Checkout[]).map(
      checkout => [run, checkout] as const
    )
  )
  it.each(cases)('%s, checkout of the %s', async (run, checkout) => {
    checkOut(checkout)
    const asked: string[] = []
    for (const verb of ['deploy', 'preview', 'plan']) {
      const result = refuseForkCode(verb, RUNS[run] as RunContext, workspace, async () => fakeGitHub(asked))
      const want = expected(run, checkout, verb)
      const refusal = await result.then(
        () => undefined,
        (caught: Error) => caught.message
      )
      // A refusal is one line: why, and how to run it safely.
      const oneLine = expect.stringMatching(
        new RegExp(`^Refusing to ${verb} [^\\n]*To run it safely: [^\\n]*$`)
      )
      expect(refusal).toEqual(want === 'ok' ? undefined : oneLine)
      expect(refusal ?? 'ok').toMatch(want === 'ok' ? /^ok$/ : want)
    }
    // GitHub is asked only when the event and the checkout cannot answer.
    const questions = expectedQuestions(run, checkout)
    expect(asked).toEqual([...questions, ...questions, ...questions])
  })

  it('refuses, saying so, when GitHub cannot be asked', async () => {
    checkOut('fork head')
    await expect(
      refuseForkCode('deploy', RUNS.push as RunContext, workspace, async () => 'no github-token')
    ).rejects.toThrow(
      /^Refusing to deploy: could not ask GitHub where commit ffffffffffff comes from \(no github-token\)/
    )
    const failing: CodeOriginApi = {
      pullRequest: () => Promise.reject(new Error('Resource not accessible by integration')),
      writersCommit: () => Promise.reject(new Error('unreachable'))
    }
    await expect(
      refuseForkCode(
        'deploy',
        RUNS['issue_comment on a fork’s pull request'] as RunContext,
        workspace,
        async () => failing
      )
    ).rejects.toThrow(
      /could not ask GitHub whose pull request #5 is \(Resource not accessible by integration\)/
    )
  })
})

describe('forkProblem (the event alone, as preview decides before reading anything)', () => {
  it('refuses what the event says is a fork’s, and nothing else', () => {
    expect(forkProblem(RUNS['pull_request_target from a fork'] as RunContext, 'plan')).toMatch(
      /^Refusing to plan pull request #5 from mallory\/puppies/
    )
    expect(
      forkProblem({
        ...(RUNS['pull_request_target from a fork'] as RunContext),
        pullRequest: { number: 5, headSha: FORK_HEAD, baseRepository: BASE }
      })
    ).toMatch(/from a deleted fork/)
    expect(forkProblem(RUNS['pull_request_target from a branch'] as RunContext)).toBeUndefined()
    expect(forkProblem(RUNS.push as RunContext)).toBeUndefined()
  })
})

describe('checkoutHead', () => {
  it('reads a detached HEAD, a loose ref, a packed ref and a worktree’s gitdir file', () => {
    expect(checkoutHead(workspace)).toBeUndefined()
    checkOut('fork head')
    expect(checkoutHead(workspace)).toBe(FORK_HEAD)
    writeFileSync(path.join(workspace, '.git/HEAD'), 'ref: refs/heads/main\n')
    writeFileSync(path.join(workspace, '.git/refs/heads/main'), `${OLD_MAIN}\n`)
    expect(checkoutHead(workspace)).toBe(OLD_MAIN)
    rmSync(path.join(workspace, '.git/refs/heads/main'))
    writeFileSync(path.join(workspace, '.git/packed-refs'), `${BRANCH_HEAD} refs/heads/main\n`)
    expect(checkoutHead(workspace)).toBe(BRANCH_HEAD)
    writeFileSync(path.join(workspace, '.git/HEAD'), 'ref: refs/../../../etc/passwd\n')
    expect(checkoutHead(workspace)).toBeUndefined()

    const worktree = path.join(workspace, 'wt')
    mkdirSync(path.join(workspace, '.git/worktrees/wt'), { recursive: true })
    writeFileSync(path.join(workspace, '.git/worktrees/wt/HEAD'), 'ref: refs/heads/main\n')
    writeFileSync(path.join(workspace, '.git/worktrees/wt/commondir'), '../..\n')
    mkdirSync(worktree)
    writeFileSync(path.join(worktree, '.git'), `gitdir: ${path.join(workspace, '.git/worktrees/wt')}\n`)
    expect(checkoutHead(worktree)).toBe(BRANCH_HEAD)
  })
})

describe('getRunContext', () => {
  it('reads the pull request an issue_comment was written on, and ignores one on an issue', () => {
    const file = path.join(workspace, 'event.json')
    const env = { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: file, GITHUB_SHA: EVENT_SHA }
    writeFileSync(file, JSON.stringify({ issue: { number: 5, pull_request: { url: 'x' } } }))
    expect(getRunContext(env).commentedPullRequest).toBe(5)
    writeFileSync(file, JSON.stringify({ issue: { number: 5 } }))
    expect(getRunContext(env).commentedPullRequest).toBeUndefined()
  })
})
