// What a user sees and does (issue 15), end to end: dist/index.js run as the
// runner runs it against the AWS stand-in (simulated instances, a real
// registry behind ECR, no Docker unless a test says so). The log's groups and
// the lines outside them, annotations, debug lines, the job summary, outputs,
// re-runs, the execution-role lookup, `wait: false`, mask-aws-account-id.
// Every test has its own application.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr'

import { runAction, type ActionRun } from '../../stand-in/run-action.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { dockerEngine, testIn } from './helpers/docker.js'
import { pushEmptyImage } from './helpers/registry.js'

const STACK = '64bit Amazon Linux 2023 v4.2.0 running ECS'
const READ_ONLY = /^(Describe|Get|List|Head|Check)/
const ACCOUNT = '123456789012'
const sha = (digit: string): string => digit.repeat(40)

let standIn: StandIn
let beanstalk: ElasticBeanstalkClient
let temp: string

beforeAll(async () => {
  standIn = await startStandIn({
    runContainers: false,
    beanstalk: { transitionMs: 50, instances: 'simulated' }
  })
  beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  temp = mkdtempSync(path.join(tmpdir(), 'user-experience-'))
}, 60_000)

afterAll(async () => {
  beanstalk?.destroy()
  await standIn?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
}, 60_000)

function app(environment: Record<string, string> = {}, extra: string[] = []): string {
  return [
    'services:',
    '  web:',
    '    image: registry.example/web:1.0',
    '    ports: ["80:8080"]',
    '    mem_limit: 64m',
    ...(Object.keys(environment).length > 0
      ? ['    environment:', ...Object.entries(environment).map(([name, value]) => `      ${name}: ${value}`)]
      : []),
    ...extra,
    ''
  ].join('\n')
}

function workspace(compose: string): string {
  const directory = mkdtempSync(path.join(temp, 'workspace-'))
  writeFileSync(path.join(directory, 'docker-compose.yml'), compose)
  return directory
}

async function describe1(application: string, name: string) {
  const { Environments = [] } = await beanstalk.send(
    new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [name] })
  )
  return Environments.find(candidate => candidate.Status !== 'Terminated')
}

async function readyEnvironment(application: string, name: string): Promise<void> {
  await beanstalk.send(new CreateApplicationCommand({ ApplicationName: application }))
  await beanstalk.send(
    new CreateEnvironmentCommand({
      ApplicationName: application,
      EnvironmentName: name,
      SolutionStackName: STACK
    })
  )
  for (
    let attempt = 0;
    attempt < 200 && (await describe1(application, name))?.Status !== 'Ready';
    attempt++
  ) {
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}

function deploy(
  inputs: Record<string, string>,
  directory: string,
  commit = sha('1'),
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: { 'smoke-test': 'false', 'wait-timeout': '60s', ...inputs },
    env: { ...standIn.env, GITHUB_SHA: commit, ...env },
    workspace: directory
  })
}

/** The log as a person reads it: workflow commands other than groups and annotations dropped. */
const lines = (run: ActionRun): string[] => run.stdout.split('\n')

describe('the log', () => {
  let run: ActionRun
  const application = 'ux-log'
  const environment = 'ux-log-web'

  beforeAll(async () => {
    await readyEnvironment(application, environment)
    run = await deploy({ application, environment }, workspace(app({ RAILS_ENV: 'production' })))
  }, 90_000)

  it('puts each phase in a group, never nested, with one line outside it saying how it went', () => {
    expect(run.errors).toEqual([])
    const log = lines(run)
    const groups = log
      .filter(line => line.startsWith('::group::'))
      .map(line => line.slice('::group::'.length))
    expect(groups).toEqual([
      'Plan',
      'Backing services and environments',
      'Bundle',
      'Application version sha-111111111111',
      `Deploy and wait: ${environment}`,
      'Cleanup of old application versions'
    ])
    let open = false
    for (const [index, line] of log.entries()) {
      if (line.startsWith('::group::')) {
        expect(open).toBe(false)
        open = true
      } else if (line === '::endgroup::') {
        open = false
        // The phase's result, outside the group, on the next line a person reads.
        const next = log.slice(index + 1).find(candidate => !candidate.startsWith('::debug::'))
        expect(next).toMatch(/^✓ [A-Z]/)
      }
    }
    expect(log).toContainEqual(
      expect.stringMatching(
        /^✓ Plan: 1 container, 0 images from the compose file's builds, 0 notes \(\d+\.\d s\)$/
      )
    )
    expect(log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^✓ Deploy and wait: ${environment} is Ready and Green on sha-111111111111 at http://\\S+ \\(\\d+\\.\\d s\\)$`
        )
      )
    )
  })

  it('shows each AWS call attempt with its request id, and each wait decision, as debug lines', () => {
    const update = standIn.calls.find(call => call.operation === 'UpdateEnvironment' && call.status === 200)
    expect(update).toBeDefined()
    expect(lines(run)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::debug::AWS ElasticBeanstalk\\.UpdateEnvironment ApplicationName=${application} EnvironmentName=${environment} VersionLabel=sha-111111111111 → 200, request ${update?.requestId}, attempt 1/8, \\d+ ms$`
        )
      )
    )
    expect(lines(run)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^::debug::wait ${environment}: poll \\d+ saw Ready/Green/sha-111111111111: success$`)
      )
    )
  })

  it('writes environment-id, environment-status and deployment-action-type', async () => {
    const described = await describe1(application, environment)
    expect(run.outputs).toMatchObject({
      'environment-id': described?.EnvironmentId,
      'environment-status': 'Ready',
      'deployment-action-type': 'update',
      health: 'Green'
    })
  })
})
