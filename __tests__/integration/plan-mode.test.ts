// Plan mode against a running environment (the test app, deployed and
// answering on the stand-in's Docker): shows what a deploy would change
// (secret-looking values hidden) and changes nothing.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { PROJECT_ROOT, runAction } from '../../test-support/run-action.js'
import { describeIn, dockerEngine } from './helpers/docker.js'
import { pushHttpTestImage, testImageVariables } from './helpers/http-image.js'

const describe = describeIn(dockerEngine)

const READ_ONLY = /^(Describe|Get|List|Head|Check)/

describe('mode plan', () => {
  let standIn: StandIn
  let workspace: string
  let env: Record<string, string>
  const inputs = {
    application: 'plan-app',
    environment: 'plan-env',
    'wait-timeout': '60s',
    'smoke-test': 'false'
  }

  beforeAll(async () => {
    standIn = await startStandIn()
    await pushHttpTestImage(standIn, ['plan/web:1'])
    env = { ...standIn.env, ...(await testImageVariables(standIn)) }
    workspace = mkdtempSync(path.join(tmpdir(), 'plan-mode-'))
    cpSync(
      path.join(PROJECT_ROOT, '__tests__/fixtures/plan-diff/docker-compose.yml'),
      path.join(workspace, 'docker-compose.yml')
    )
    const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
    await beanstalk.send(new CreateApplicationCommand({ ApplicationName: 'plan-app' }))
    await beanstalk.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'plan-app',
        EnvironmentName: 'plan-env',
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS'
      })
    )
    beanstalk.destroy()
    const deployed = await runAction({ inputs, env, workspace })
    // Setup, not a test (an expect here would run outside every test): without a Green deploy nothing below means anything.
    if (deployed.errors.length > 0 || deployed.outputs.health !== 'Green')
      throw new Error(
        `the first deploy did not end Green (health ${deployed.outputs.health}): ${deployed.errors.join('\n')}`
      )
  }, 120_000)

  afterAll(async () => {
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 60_000)

  it('lists what a deploy would change, hides secret-looking values, and calls only read operations', async () => {
    const compose = path.join(workspace, 'docker-compose.yml')
    writeFileSync(
      compose,
      readFileSync(compose, 'utf8')
        .replace('RAILS_ENV: production', 'RAILS_ENV: staging')
        .replace('first-token-value', 'second-token-value')
        .replace('mem_limit: 256m', 'mem_limit: 512m')
    )
    const callsBefore = standIn.calls.length
    const plan = await runAction({
      inputs: { ...inputs, mode: 'plan' },
      env: { ...env, GITHUB_SHA: 'abababababababababababababababababababab' },
      workspace
    })
    expect(plan.errors).toEqual([])
    expect(plan.status).toBe(0)
    const lines = plan.stdout.split('\n').map(line => line.trim())
    expect(lines).toContain('plan-env runs sha-0123456789ab: a deploy would make 3 change(s)')
    expect(lines).toContain('web: memory: 256 → 512')
    expect(lines).toContain('web: environment API_TOKEN: (hidden) → (hidden)')
    expect(lines).toContain('web: environment RAILS_ENV: production → staging')
    expect(plan.summary).toContain('Deploy plan (nothing changed)')
    expect(plan.stdout + plan.summary).not.toMatch(/first-token-value/)

    const writes = standIn.calls.slice(callsBefore).filter(call => !READ_ONLY.test(call.operation))
    expect(writes).toEqual([])
  }, 60_000)

  it('refuses what a deploy refuses on the runner, with the same line and no AWS call (trial D7: .git in a build context)', async () => {
    const app = mkdtempSync(path.join(tmpdir(), 'plan-mode-git-'))
    try {
      writeFileSync(
        path.join(app, 'docker-compose.yml'),
        'services:\n  web:\n    build: ./web\n    ports: ["80:8000"]\n'
      )
      mkdirSync(path.join(app, 'web/.git'), { recursive: true })
      writeFileSync(path.join(app, 'web/.git/config'), '[core]\n')
      writeFileSync(path.join(app, 'web/Dockerfile'), 'FROM scratch\nCOPY . /app\n')
      const callsBefore = standIn.calls.length
      const plan = await runAction({ inputs: { ...inputs, mode: 'plan' }, env, workspace: app })
      expect(plan.status).not.toBe(0)
      expect(plan.errors.join('\n')).toMatch(
        /Build of image web \(services web\) failed: the build context holds \.git, which no rule of web\/\.dockerignore excludes/
      )
      expect(standIn.calls.slice(callsBefore)).toEqual([])
    } finally {
      rmSync(app, { recursive: true, force: true })
    }
  }, 60_000)
})
