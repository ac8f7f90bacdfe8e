import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getRunContext, refuseForkCode } from '../../../src/context.js'
import type { RunContext } from '../../../src/core/config-types.js'
import { forkProblem } from '../../../src/core/fork-guard.js'

const pullRequestTarget = (headRepository?: string): RunContext => ({
  eventName: 'pull_request_target',
  sha: 'a'.repeat(40),
  pullRequest: {
    number: 7,
    headSha: 'b'.repeat(40),
    baseRepository: 'octo/puppies',
    ...(headRepository !== undefined && { headRepository })
  }
})
const workflowRun = (headRepository?: string): RunContext => ({
  eventName: 'workflow_run',
  sha: 'a'.repeat(40),
  workflowRun: {
    event: 'pull_request',
    repository: 'octo/puppies',
    ...(headRepository && { headRepository })
  }
})

describe('forkProblem', () => {
  it('refuses a fork under pull_request_target in the words of the mode', () => {
    expect(forkProblem(pullRequestTarget('mallory/puppies'), 'plan')).toMatch(
      /^Refusing to plan pull request #7 from mallory\/puppies: .*secrets and AWS role/
    )
    expect(forkProblem(pullRequestTarget(undefined))).toMatch(
      /^Refusing to deploy pull request #7 from a deleted fork/
    )
  })

  it('refuses a workflow_run that follows a fork’s pull_request run', () => {
    expect(forkProblem(workflowRun('mallory/puppies'))).toMatch(
      /^Refusing to deploy code from mallory\/puppies: this workflow_run run follows a pull_request run of a fork/
    )
  })

  it('allows code of this repository, and every other event', () => {
    expect(forkProblem(pullRequestTarget('octo/puppies'))).toBeUndefined()
    expect(forkProblem(workflowRun('octo/puppies'))).toBeUndefined()
    expect(
      forkProblem({ ...pullRequestTarget('mallory/puppies'), eventName: 'pull_request' })
    ).toBeUndefined()
    expect(forkProblem({ eventName: 'push', sha: 'a'.repeat(40) })).toBeUndefined()
  })
})

describe('refuseForkCode', () => {
  const withEvent = (eventName: string, payload: unknown, work: (env: NodeJS.ProcessEnv) => void): void => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'bdd-event-'))
    try {
      writeFileSync(path.join(folder, 'event.json'), JSON.stringify(payload))
      work({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: path.join(folder, 'event.json') })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }

  it('reads the fork from the event payload of a workflow_run', () => {
    withEvent(
      'workflow_run',
      {
        workflow_run: {
          event: 'pull_request',
          head_repository: { full_name: 'mallory/puppies' },
          repository: { full_name: 'octo/puppies' }
        }
      },
      env => {
        expect(getRunContext(env).workflowRun).toEqual({
          event: 'pull_request',
          headRepository: 'mallory/puppies',
          repository: 'octo/puppies'
        })
        expect(() => refuseForkCode('deploy', env)).toThrow(/^Refusing to deploy code from mallory\/puppies/)
      }
    )
  })

  it('lets a pull_request_target run of a branch of this repository through', () => {
    withEvent(
      'pull_request_target',
      {
        action: 'opened',
        pull_request: {
          number: 3,
          head: { sha: 'c'.repeat(40), repo: { full_name: 'octo/puppies' } },
          base: { repo: { full_name: 'octo/puppies' } }
        }
      },
      env => expect(() => refuseForkCode('plan', env)).not.toThrow()
    )
  })
})
