// The stage's decisions with a fake registry and a recording command runner:
// inputs are checked before any registry call, and an image that ECR already
// has for this commit is neither built nor pushed.

import { describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import { buildAndPush, type ImageRegistry } from '../../../src/build-and-push.js'
import type { ImageBuild } from '../../../src/core/plan-types.js'

const DIGEST = `sha256:${'b'.repeat(64)}`
const WEB: ImageBuild = {
  id: 'web',
  services: ['web', 'worker'],
  repository: 'puppies/web',
  context: 'app',
  dockerfile: 'Dockerfile',
  args: {}
}
const quietLogger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}

async function workspaceWithApp(): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'bdd-stage-'))
  await mkdir(path.join(workspace, 'app'))
  await writeFile(path.join(workspace, 'app', 'Dockerfile'), 'FROM debian:bookworm-slim AS base\n')
  return workspace
}

function fakeRegistry(existingDigest?: string) {
  const calls: string[] = []
  const registry: ImageRegistry = {
    login: async () => {
      calls.push('login')
      return { host: '1.dkr.ecr.x', endpoint: 'https://1.dkr.ecr.x', username: 'AWS', password: 'p' }
    },
    ensureRepository: async name => {
      calls.push(`ensureRepository ${name}`)
      return `1.dkr.ecr.x/${name}`
    },
    findImage: async (repository, tag) => {
      calls.push(`findImage ${repository}:${tag}`)
      return existingDigest ? { digest: existingDigest, tags: [tag] } : undefined
    },
    getManifest: async (repository, reference) => {
      calls.push(`getManifest ${repository}:${reference}`)
      return undefined
    }
  }
  return { registry, calls }
}

/** Answers the detection probes as a classic CLI with a BuildKit daemon; records every docker command. */
function recordingRunner() {
  const commands: string[][] = []
  const run: CommandRunner = async (_command, args) => {
    commands.push(args)
    if (args[0] === 'version') {
      return {
        exitCode: 0,
        stdout: JSON.stringify({ Client: { Version: '20.10.24' }, Server: { ApiVersion: '1.41' } }),
        stderr: ''
      }
    }
    return { exitCode: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." }
  }
  return { run, commands }
}

describe('buildAndPush decisions', () => {
  it('reuses the image ECR already has for this commit: no build, no push', async () => {
    const workspace = await workspaceWithApp()
    const { registry, calls } = fakeRegistry(DIGEST)
    const { run, commands } = recordingRunner()
    const reports = await buildAndPush([WEB], {
      workspace,
      commitSha: 'abc',
      versionLabel: 'v1',
      registry,
      run,
      logger: quietLogger
    })
    expect(reports).toEqual([
      {
        id: 'web',
        services: ['web', 'worker'],
        repository: 'puppies/web',
        imageUri: `1.dkr.ecr.x/puppies/web@${DIGEST}`,
        digest: DIGEST,
        tags: ['abc'],
        reused: true,
        builder: 'buildkit',
        layersPushed: 0,
        layersExisting: 0,
        bytesPushed: 0,
        buildSeconds: 0,
        pushSeconds: 0
      }
    ])
    expect(calls).toEqual(['login', 'ensureRepository puppies/web', 'findImage puppies/web:abc'])
    expect(commands.map(args => args[0])).toEqual(['buildx', 'version'])
  })

  it.each([
    [
      { context: 'missing' },
      'Build of image web (services web, worker) failed: build context not found at missing'
    ],
    [
      { dockerfile: 'Dockerfile.prod' },
      'Build of image web (services web, worker) failed: Dockerfile not found at app/Dockerfile.prod'
    ],
    [
      { target: 'production' },
      'Build of image web (services web, worker) failed: target "production" is not a stage of app/Dockerfile (stages: base)'
    ]
  ])('rejects %j before any registry call or docker command', async (change, message) => {
    const workspace = await workspaceWithApp()
    const { registry, calls } = fakeRegistry()
    const { run, commands } = recordingRunner()
    await expect(
      buildAndPush([{ ...WEB, ...change }], {
        workspace,
        commitSha: 'abc',
        versionLabel: 'v1',
        registry,
        run,
        logger: quietLogger
      })
    ).rejects.toThrow(message)
    expect(calls).toEqual([])
    expect(commands).toEqual([])
  })

  it('pulls the cache image before a BuildKit build, and still builds when there is none yet', async () => {
    // docker 20.10's BuildKit only carries the inline cache records of its
    // hits on when the cache image is local (see src/build-and-push.ts).
    const workspace = await workspaceWithApp()
    const { registry } = fakeRegistry()
    const { run, commands } = recordingRunner()
    await expect(
      buildAndPush([WEB], {
        workspace,
        commitSha: 'abc',
        versionLabel: 'v1',
        registry,
        run,
        logger: quietLogger
      })
    ).rejects.toThrow('Build of image web (services web, worker) failed')
    // The recording runner fails every command but the probes: no cache image, then a failed build.
    expect(commands.slice(2).map(args => args.slice(0, 3))).toEqual([
      ['pull', '--quiet', '1.dkr.ecr.x/puppies/web:buildcache'],
      ['build', '--file', path.join(workspace, 'app', 'Dockerfile')]
    ])
  })
})
