// arm64 (Graviton) environments, for real: an environment of t4g instances in
// the stand-in, the arm64 test app (__tests__/fixtures/arm64-app: an arm64
// busybox FROM scratch) deployed through the action on a buildx runner (world
// b: docker driver, classic image store) of this amd64 machine. BuildKit runs
// its RUN steps under QEMU (scripts/arm64.sh registers it), the smoke test
// and the stand-in's "instance" run the image under QEMU too, and the app
// answers with the machine it runs on. The pushed manifest's config, read
// from the registry itself, must say arm64. Then what must be refused: an
// environment of mixed architectures (before anything is built), and an image
// of the wrong architecture forced by the platform input (the instance
// cannot run it: the deploy fails, as on AWS).

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  type ConfigurationOptionSetting
} from '@aws-sdk/client-elastic-beanstalk'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildxDockerConfig, buildxEnvironment } from '../../../test-support/worlds.js'
import { actionEnvironment } from '../../../test-support/example-environment.js'
import { RegistryClient } from '../../../stand-in/registry-client.js'
import { PROJECT_ROOT, runAction, type ActionRun } from '../../../test-support/run-action.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { buildxClassicStore, describeIn, type World } from '../helpers/docker.js'

const BUSYBOX = path.join(PROJECT_ROOT, '.arm64/busybox')

/** buildx world (b) on a machine that runs arm64 programs (QEMU with binfmt's F flag) and has the arm64 busybox. */
const arm64World: World = {
  name: 'buildx world (b) with QEMU for arm64 and .arm64/busybox (scripts/arm64.sh)',
  probe: () => {
    const buildx = buildxClassicStore.probe()
    if (buildx) return buildx
    if (!existsSync(BUSYBOX)) return 'run scripts/arm64.sh: no .arm64/busybox'
    try {
      const machine = execFileSync(BUSYBOX, ['uname', '-m'], { encoding: 'utf8', timeout: 30_000 }).trim()
      return machine === 'aarch64' ? undefined : `.arm64/busybox runs as ${machine}`
    } catch {
      return 'arm64 programs do not run here: run scripts/arm64.sh (qemu-user-static, binfmt-support)'
    }
  }
}

const instanceTypes = (value: string): ConfigurationOptionSetting => ({
  Namespace: 'aws:ec2:instances',
  OptionName: 'InstanceTypes',
  Value: value
})

describeIn(arm64World)('arm64 (Graviton) environments', () => {
  let standIn: StandIn
  let beanstalk: ElasticBeanstalkClient
  let workspace: string
  let dockerConfig: string
  let deployed: ActionRun
  const standInLog: string[] = []

  async function createEnvironment(name: string, settings: ConfigurationOptionSetting[]): Promise<void> {
    await beanstalk.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'arm-app',
        EnvironmentName: name,
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS',
        OptionSettings: settings
      })
    )
    for (let attempt = 0; attempt < 300; attempt++) {
      const { Environments = [] } = await beanstalk.send(
        new DescribeEnvironmentsCommand({ ApplicationName: 'arm-app', EnvironmentNames: [name] })
      )
      if (Environments[0]?.Status === 'Ready') return
      await new Promise(resolve => setTimeout(resolve, 200))
    }
    throw new Error(`${name} did not become Ready`)
  }

  const deploy = (
    environment: string,
    extra: Record<string, string> = {},
    sha = 'a'.repeat(40),
    runner: Record<string, string> = buildxEnvironment(dockerConfig)
  ) =>
    runAction({
      inputs: {
        application: 'arm-app',
        environment,
        'compose-file': 'app/docker-compose.yml',
        'wait-timeout': '5m',
        ...extra
      },
      env: { ...actionEnvironment(standIn), ...runner, GITHUB_SHA: sha },
      workspace,
      post: true
    })

  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'bdd-arm64-'))
    await cp(path.join(PROJECT_ROOT, '__tests__/fixtures/arm64-app'), path.join(workspace, 'app'), {
      recursive: true
    })
    await copyFile(BUSYBOX, path.join(workspace, 'app/busybox'))
    dockerConfig = await buildxDockerConfig()
    standIn = await startStandIn({ log: line => standInLog.push(line) })
    beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
    await beanstalk.send(new CreateApplicationCommand({ ApplicationName: 'arm-app' }))
    await createEnvironment('arm-graviton', [instanceTypes('t4g.small, t4g.medium')])
    deployed = await deploy('arm-graviton')
  }, 15 * 60_000)

  afterAll(async () => {
    beanstalk?.destroy()
    await standIn?.stop()
    if (dockerConfig) await rm(dockerConfig, { recursive: true, force: true })
    if (workspace) await rm(workspace, { recursive: true, force: true })
  }, 5 * 60_000)

  it('builds for linux/arm64 because the environment runs t4g instances, and the app runs as aarch64', async () => {
    if (deployed.status !== 0) console.log(deployed.stdout.split('\n').slice(-60).join('\n'), deployed.stderr)
    expect(deployed.errors).toEqual([])
    expect(deployed.status).toBe(0)
    expect(deployed.stdout).toContain(
      'Image platforms: web: linux/arm64 (arm-graviton runs instance types t4g.small, t4g.medium)'
    )
    expect(deployed.stdout).toMatch(/--platform linux\/arm64|\[web\] .*linux\/arm64/)
    // The smoke test ran the arm64 image on this runner (under QEMU) before the deploy.
    expect(deployed.stdout).toMatch(/Smoke test passed/)
    expect(deployed.outputs.health).toBe('Green')
    const url = deployed.outputs['environment-url'] as string
    expect(await (await fetch(`${url}/`)).text()).toContain('arm64 app')
    // Built by RUN steps executing as aarch64, and running as aarch64 now.
    expect((await (await fetch(`${url}/built-on`)).text()).trim()).toBe('aarch64')
    expect((await (await fetch(`${url}/cgi-bin/arch`)).text()).trim()).toBe('aarch64')
  })

  it('pushes a manifest whose config says arm64, tagged with the commit and the architecture', async () => {
    const images = JSON.parse(deployed.outputs.images ?? '{}') as Record<string, string>
    const [repositoryHost, digest] = (images.web as string).split('@') as [string, string]
    const repository = repositoryHost.slice(repositoryHost.indexOf('/') + 1)
    const registry = standIn.registry as NonNullable<StandIn['registry']>
    const client = new RegistryClient(registry.backendUrl, registry.username, registry.password)
    const manifest = JSON.parse((await client.getManifest(repository, digest))?.body ?? '{}') as {
      config: { digest: string }
    }
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
    const config = (await (
      await fetch(`${registry.backendUrl}/v2/${repository}/blobs/${manifest.config.digest}`, {
        headers: { authorization: `Basic ${auth}` }
      })
    ).json()) as { architecture: string; os: string }
    expect(config).toMatchObject({ architecture: 'arm64', os: 'linux' })
    expect(await client.listTags(repository)).toContain(`${'a'.repeat(40)}-arm64`)
  })

  it('refuses an environment of mixed architectures in one line, before building anything', async () => {
    await createEnvironment('arm-mixed', [instanceTypes('t3.small,t4g.small')])
    const run = await deploy('arm-mixed', {}, 'b'.repeat(40))
    expect(run.status).not.toBe(0)
    expect(run.errors).toEqual([
      '::error::Environment arm-mixed mixes x86_64 and arm64 (instance types t3.small, t4g.small): one image runs on one architecture; give it instance types of one architecture (aws:ec2:instances InstanceTypes)'
    ])
    expect(run.stdout).not.toMatch(/Image builder: /)
  }, 120_000)

  it('refuses in one line on a runner without buildx, whose docker builds only for its own amd64', async () => {
    // The machine's Debian docker 20.10 CLI with no buildx plugin: the daemon's BuildKit, world (d).
    const run = await deploy('arm-graviton', {}, 'd'.repeat(40), {})
    expect(run.status).not.toBe(0)
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^::error::Images for linux\/arm64 need buildx: without it docker builds only for this runner's linux\/amd64 \(no buildx; .*\); add docker\/setup-qemu-action and docker\/setup-buildx-action before this step, or run on a runner of that architecture$/
      )
    ])
    expect(run.stdout).not.toMatch(/Logged in to /)
  }, 120_000)

  it(
    'deploys what the platform input forces, and the x86 instance cannot run an arm64 image',
    async () => {
      await createEnvironment('arm-x86', [])
      const run = await deploy('arm-x86', { platform: 'linux/arm64', 'smoke-test': 'false' }, 'c'.repeat(40))
      expect(run.stdout).toContain(
        'Input platform is linux/arm64, but arm-x86 runs instance types t3.micro, t3.small'
      )
      expect(run.status).not.toBe(0)
      expect(run.errors.at(-1)).toMatch(/^::error::arm-x86: deploying sha-cccccccccccc to arm-x86 failed: /)
      // Basic health gives the run no cause (as on AWS); the instance's ECS task stopped for this one.
      expect(standInLog.join('\n')).toMatch(
        /arm-x86 sha-cccccccccccc: Essential container in task exited\. \(web: exec format error: the image is linux\/arm64, the instance amd64\)/
      )
    },
    10 * 60_000
  )
})
