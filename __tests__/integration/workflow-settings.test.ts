// Settings from the workflow (environment-variables, option-settings) through the action's run() in process against
// the AWS stand-in: applied with the version in one UpdateEnvironment, seen in the environment's configuration; a
// re-run with the same settings changes nothing; a changed value updates again; a secret-looking value is refused
// before any AWS call.

import { afterAll, beforeAll, expect, it, jest } from '@jest/globals'
import {
  DescribeConfigurationSettingsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { actionsCore, linkDeployChunks } from './helpers/actions-core.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'
import { pushHttpTestImage, testImageVariables } from './helpers/http-image.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { run } = await import('../../src/main.js')
await linkDeployChunks()

let standIn: StandIn
let beanstalk: ElasticBeanstalkClient
let temp: string
let directory: string
let imageVariables: Record<string, string>
const savedEnv = { ...process.env }

beforeAll(async () => {
  if (!hasDocker()) return // the suite below fails (CI) or skips, saying why
  standIn = await startStandIn({ beanstalk: { transitionMs: 50, loopbackInCname: false } })
  await pushHttpTestImage(standIn, ['settings/web:1.0'])
  imageVariables = await testImageVariables(standIn)
  Object.assign(process.env, standIn.env)
  delete process.env.AWS_PROFILE
  beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  temp = mkdtempSync(path.join(tmpdir(), 'workflow-settings-'))
  directory = mkdtempSync(path.join(temp, 'app-'))
  writeFileSync(
    path.join(directory, 'docker-compose.yml'),
    [
      'services:',
      '  web:',
      '    image: ${TEST_REGISTRY}/settings/web:1.0',
      '    ports: ["80:8080"]',
      '    mem_limit: 64m',
      '    environment: [RAILS_ENV, FEATURE_FLAGS]',
      ''
    ].join('\n')
  )
}, 60_000)

afterAll(async () => {
  process.env = savedEnv
  beanstalk?.destroy()
  await standIn?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
}, 60_000)

async function step(inputs: Record<string, string>, commit = '1') {
  // The compose file's image takes TEST_REGISTRY from the job's environment, which a workflow names.
  actionsCore.step({
    'smoke-test': 'false',
    'wait-timeout': '60s',
    'runner-variables': 'TEST_REGISTRY',
    ...inputs
  })
  const eventPath = path.join(temp, 'event.json')
  writeFileSync(eventPath, '{}')
  const index = standIn.calls.length
  await run({
    GITHUB_WORKSPACE: directory,
    RUNNER_TEMP: temp,
    GITHUB_SHA: commit.repeat(40),
    GITHUB_REPOSITORY: 'example/settings',
    GITHUB_RUN_ID: '7',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    ...standIn.env,
    ...imageVariables
  })
  return {
    failures: [...actionsCore.failures],
    outputs: { ...actionsCore.outputs },
    log: actionsCore.log.split('\n'),
    operations: standIn.calls.slice(index).map(call => call.operation)
  }
}

async function configuration(application: string, environment: string): Promise<Map<string, string>> {
  const { ConfigurationSettings = [] } = await beanstalk.send(
    new DescribeConfigurationSettingsCommand({ ApplicationName: application, EnvironmentName: environment })
  )
  return new Map(
    (ConfigurationSettings[0]?.OptionSettings ?? []).map(setting => [
      `${setting.Namespace} ${setting.OptionName}`,
      setting.Value ?? ''
    ])
  )
}

describeIn(dockerEngine)('settings from the workflow', () => {
  const application = 'settings-app'
  const environment = 'settings-app-web'
  const inputs = (flags: string) => ({
    application,
    environment,
    'environment-variables': `RAILS_ENV=production\nFEATURE_FLAGS=${flags}\n`,
    'option-settings': JSON.stringify([
      { Namespace: 'aws:elasticbeanstalk:command', OptionName: 'DeploymentPolicy', Value: 'Rolling' }
    ])
  })

  it('applies them with the version in one UpdateEnvironment; a re-run changes nothing; a new value updates', async () => {
    await createReadyEnvironment(standIn, application, environment)
    const first = await step(inputs('search,beta'))
    expect(first.failures).toEqual([])
    expect(first.operations.filter(operation => operation === 'UpdateEnvironment')).toHaveLength(1)
    expect(first.log).toContainEqual(
      `Updating ${environment} to version sha-111111111111 with 3 setting(s): aws:elasticbeanstalk:application:environment RAILS_ENV, aws:elasticbeanstalk:application:environment FEATURE_FLAGS, aws:elasticbeanstalk:command DeploymentPolicy…`
    )
    // The containers read both: no "missing property" warning for them.
    expect(first.log.join('\n')).not.toMatch(/RAILS_ENV.*(missing|no property)/i)
    const applied = await configuration(application, environment)
    expect(applied.get('aws:elasticbeanstalk:application:environment RAILS_ENV')).toBe('production')
    expect(applied.get('aws:elasticbeanstalk:application:environment FEATURE_FLAGS')).toBe('search,beta')
    expect(applied.get('aws:elasticbeanstalk:command DeploymentPolicy')).toBe('Rolling')
    expect(first.outputs).toMatchObject({ health: 'Green', 'deployment-action-type': 'update' })

    const again = await step(inputs('search,beta'))
    expect(again.failures).toEqual([])
    expect(again.operations).not.toContain('UpdateEnvironment')
    expect(again.outputs['deployment-action-type']).toBe('none')

    const changed = await step(inputs('search'))
    expect(changed.failures).toEqual([])
    expect(changed.log).toContainEqual(
      `Updating ${environment} to version sha-111111111111 with 1 setting(s): aws:elasticbeanstalk:application:environment FEATURE_FLAGS…`
    )
    expect(
      (await configuration(application, environment)).get(
        'aws:elasticbeanstalk:application:environment FEATURE_FLAGS'
      )
    ).toBe('search')
  }, 120_000)

  it('a secret-looking value: one line, no AWS call', async () => {
    const result = await step({
      application,
      environment,
      'environment-variables': 'STRIPE_SECRET=sk_live_abcdefghijklmnop1234'
    })
    expect(result.failures).toEqual([
      "Input 'environment-variables': the value of STRIPE_SECRET looks like a Stripe secret key; an environment property is stored in clear text in the environment's configuration: pass it by reference with the secrets input instead"
    ])
    expect(result.operations).toEqual([])
  })
})
