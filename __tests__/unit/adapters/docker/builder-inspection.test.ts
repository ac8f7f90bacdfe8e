import { describe, expect, it } from '@jest/globals'

import {
  builderWithoutBuildx,
  imageStoreFromDriverStatus,
  inspectBuilder,
  parseBuildxInspect
} from '../../../../src/adapters/docker/builder-inspection.js'
import type { CommandResult, CommandRunner } from '../../../../src/adapters/docker/command-runner.js'

const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' })
const failed = (stderr: string) => ({ exitCode: 1, stdout: '', stderr })
const versionJson = (client: string, serverApi: string | undefined) =>
  JSON.stringify({
    Client: { Version: client },
    Server: serverApi ? { ApiVersion: serverApi, Os: 'linux' } : null
  })

/** What buildx 0.13 prints for the default builder of a daemon (docker driver). */
const INSPECT_DEFAULT = `Name:   default
Driver: docker

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.8+unknown
Platforms:        linux/amd64, linux/386
`
/** What it prints for the builder docker/setup-buildx-action creates. */
const INSPECT_CONTAINER = `Name:          builder-5f1e0c2a
Driver:        docker-container
Last Activity: 2026-11-30 10:00:00 +0000 UTC

Nodes:
Name:      builder-5f1e0c2a0
Endpoint:  unix:///var/run/docker.sock
Status:    running
BuildKit daemon flags: --allow-insecure-entitlement=network.host
BuildKit version: v0.17.2
Platforms: linux/amd64, linux/amd64/v2, linux/386
`

describe('builderWithoutBuildx', () => {
  it.each([
    ['classic 20.10 CLI, daemon with BuildKit', versionJson('20.10.24+dfsg1', '1.41'), 'buildkit'],
    ['28.x CLI without buildx', versionJson('28.2.2', '1.41'), 'legacy'],
    ['classic CLI, daemon older than BuildKit', versionJson('18.06.1-ce', '1.38'), 'legacy']
  ])('%s → %s', (_name, dockerVersion, expected) => {
    expect(builderWithoutBuildx(ok(dockerVersion)).kind).toBe(expected)
  })

  it('explains a legacy choice caused by a missing buildx plugin', () => {
    expect(builderWithoutBuildx(ok(versionJson('28.2.2', '1.41')))).toEqual({
      kind: 'legacy',
      reason:
        'no buildx and docker CLI 28.2.2 builds with BuildKit only through the buildx plugin, which is missing'
    })
  })

  it("keeps the daemon's architecture: the only one these builders build for", () => {
    const arm = JSON.stringify({
      Client: { Version: '20.10.24+dfsg1' },
      Server: { ApiVersion: '1.41', Os: 'linux', Arch: 'arm64' }
    })
    expect(builderWithoutBuildx(ok(arm))).toMatchObject({ kind: 'buildkit', arch: 'arm64' })
    expect(builderWithoutBuildx(ok(versionJson('28.2.2', '1.41')))).not.toHaveProperty('arch')
  })

  it('fails clearly when the daemon does not answer', () => {
    expect(() =>
      builderWithoutBuildx(failed('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.'))
    ).toThrow(
      'Docker is not usable on this runner: docker version failed: Cannot connect to the Docker daemon'
    )
  })
})

describe('parseBuildxInspect', () => {
  it.each([
    [
      INSPECT_DEFAULT,
      { name: 'default', driver: 'docker', endpoint: 'default', platforms: ['linux/amd64', 'linux/386'] }
    ],
    [
      INSPECT_CONTAINER,
      {
        name: 'builder-5f1e0c2a',
        driver: 'docker-container',
        endpoint: 'unix:///var/run/docker.sock',
        platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/386']
      }
    ],
    ['Name: remote1\nDriver: remote\n', { name: 'remote1', driver: 'remote' }],
    // buildx 0.13 with QEMU registered (checked here), and newer buildx marking configured platforms with `*`.
    [
      'Name: default\nDriver: docker\nPlatforms:        linux/amd64, linux/386, linux/arm64\n',
      { name: 'default', driver: 'docker', platforms: ['linux/amd64', 'linux/386', 'linux/arm64'] }
    ],
    [
      'Name: b\nDriver: docker-container\nPlatforms: linux/arm64*, linux/amd64\n',
      { name: 'b', driver: 'docker-container', platforms: ['linux/arm64', 'linux/amd64'] }
    ]
  ])('%#', (stdout, expected) => {
    expect(parseBuildxInspect(stdout)).toEqual(expected)
  })

  it('refuses output it does not understand', () => {
    expect(() => parseBuildxInspect('something else')).toThrow('unexpected docker buildx inspect output')
  })
})

describe('imageStoreFromDriverStatus', () => {
  it.each([
    ['[["driver-type","io.containerd.snapshotter.v1"]]', 'containerd'],
    ['[["Backing Filesystem","extfs"],["Supports d_type","true"],["Native Overlay Diff","true"]]', 'classic'],
    ['null', 'classic'],
    ['not json', 'classic']
  ])('%s → %s', (stdout, expected) => {
    expect(imageStoreFromDriverStatus(stdout)).toBe(expected)
  })
})

/** A runner answering docker commands by their first words; records them. */
function probeRunner(answers: Record<string, CommandResult>) {
  const asked: string[] = []
  const run: CommandRunner = async (_command, args) => {
    const line = args.join(' ')
    asked.push(line)
    const key = Object.keys(answers).find(prefix => line.startsWith(prefix))
    return key ? (answers[key] as CommandResult) : failed(`unexpected: docker ${line}`)
  }
  return { run, asked }
}

describe('inspectBuilder', () => {
  const buildx = ok('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3')

  it('asks the daemon for its image store only for the docker driver', async () => {
    const { run, asked } = probeRunner({
      'buildx version': buildx,
      'buildx inspect': ok(INSPECT_DEFAULT),
      info: ok('[["driver-type","io.containerd.snapshotter.v1"]]')
    })
    expect(await inspectBuilder(run)).toEqual({
      kind: 'buildx',
      version: 'github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3',
      builder: {
        name: 'default',
        driver: 'docker',
        endpoint: 'default',
        imageStore: 'containerd',
        platforms: ['linux/amd64', 'linux/386']
      }
    })
    expect(asked).toEqual(['buildx version', 'buildx inspect', 'info --format {{json .DriverStatus}}'])
  })

  it('inspects the builder the input names, and asks nothing more of a docker-container one', async () => {
    const { run, asked } = probeRunner({ 'buildx version': buildx, 'buildx inspect': ok(INSPECT_CONTAINER) })
    expect((await inspectBuilder(run, 'builder-5f1e0c2a')).kind).toBe('buildx')
    expect(asked).toEqual(['buildx version', 'buildx inspect --builder builder-5f1e0c2a'])
  })

  it('asks the daemon of a docker-driver builder named after another context', async () => {
    const { run, asked } = probeRunner({
      'buildx version': buildx,
      'buildx inspect': ok(INSPECT_DEFAULT.replace(/default/g, 'ci-host')),
      '--context ci-host info': ok('[]')
    })
    await inspectBuilder(run, 'ci-host')
    expect(asked.at(-1)).toBe('--context ci-host info --format {{json .DriverStatus}}')
  })

  it('names the input when the builder it names does not exist', async () => {
    const { run } = probeRunner({
      'buildx version': buildx,
      'buildx inspect': failed('ERROR: no builder "mybuilder" found')
    })
    await expect(inspectBuilder(run, 'mybuilder')).rejects.toThrow(
      `Input 'builder': no buildx builder "mybuilder" on this runner (ERROR: no builder "mybuilder" found)`
    )
  })

  it('names the input when it names a builder but there is no buildx', async () => {
    const { run } = probeRunner({ 'buildx version': failed("docker: 'buildx' is not a docker command.") })
    await expect(inspectBuilder(run, 'mybuilder')).rejects.toThrow(
      `Input 'builder': names buildx builder "mybuilder", but docker buildx is not installed`
    )
  })

  it('falls back to docker version without buildx', async () => {
    const { run, asked } = probeRunner({
      'buildx version': failed("docker: 'buildx' is not a docker command."),
      version: ok(versionJson('20.10.24+dfsg1', '1.41'))
    })
    expect((await inspectBuilder(run)).kind).toBe('buildkit')
    expect(asked).toEqual(['buildx version', 'version --format {{json .}}'])
  })
})
