// The stage's decisions with a fake registry and a recording command runner:
// inputs are checked before any registry call, and an image that ECR already
// has for this commit is neither built nor pushed.

import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import { buildAndPush, type ImageRegistry } from '../../../src/build/build-and-push.js'
import type { ImageBuild } from '../../../src/core/plan/types.js'

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

/** Every folder the tests made, removed once they ran. */
const folders: string[] = []
afterAll(() => Promise.all(folders.map(folder => rm(folder, { recursive: true, force: true }))))

async function workspaceWithApp(): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'bdd-stage-'))
  folders.push(workspace)
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
    // hits on when the cache image is local (see src/build/daemon-build.ts).
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

describe('buildAndPush for a pull request', () => {
  it('pulls its own cache and the shared one, and builds from both (it writes only its own)', async () => {
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
        logger: quietLogger,
        cacheScope: 'pr12'
      })
    ).rejects.toThrow('Build of image web (services web, worker) failed')
    const build = commands.find(args => args[0] === 'build') ?? []
    expect(commands.slice(2, 4).map(args => args.slice(0, 3))).toEqual([
      ['pull', '--quiet', '1.dkr.ecr.x/puppies/web:buildcache-pr12'],
      ['pull', '--quiet', '1.dkr.ecr.x/puppies/web:buildcache']
    ])
    expect(build.flatMap((arg, index) => (build[index - 1] === '--cache-from' ? [arg] : []))).toEqual([
      '1.dkr.ecr.x/puppies/web:buildcache-pr12',
      '1.dkr.ecr.x/puppies/web:buildcache'
    ])
  })
})

/** buildx with the docker driver on a classic store (a GitHub-hosted runner without setup-buildx-action). */
function githubHostedRunner(builderStarts: 'starts' | 'fails' | 'hangs') {
  const commands: string[][] = []
  const options: Record<string, unknown>[] = []
  const run: CommandRunner = async (_command, args, runOptions = {}) => {
    commands.push(args)
    options.push({ ...runOptions })
    const line = args.join(' ')
    const answer = (stdout: string, exitCode = 0) => ({ exitCode, stdout, stderr: '' })
    if (line === 'buildx version') return answer('github.com/docker/buildx v0.29.1 a32761a')
    if (line === 'buildx inspect')
      return answer('Name: default\nDriver: docker\n\nNodes:\nEndpoint: default\n')
    if (line.startsWith('info')) return answer('[["Backing Filesystem","extfs"]]')
    if (args[1] === 'create') {
      if (builderStarts === 'starts') return answer('bdd-test')
      if (builderStarts === 'hangs') return { exitCode: 124, stdout: '', stderr: '' }
      return {
        exitCode: 1,
        stdout: '',
        stderr:
          'ERROR: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host'
      }
    }
    if (args[1] === 'rm') return answer('')
    // Builds and pulls fail: enough to see which commands the stage chose.
    return { exitCode: 1, stdout: '', stderr: 'failed: not here' }
  }
  return { run, commands, options }
}

describe('buildAndPush on buildx docker driver with a classic image store', () => {
  const warnings: string[] = []
  const infos: string[] = []
  const logger = {
    info: (line: string) => void infos.push(line),
    warning: (line: string) => void warnings.push(line),
    error: () => undefined,
    setSecret: () => undefined
  }

  async function attempt(builderStarts: 'starts' | 'fails' | 'hangs') {
    warnings.length = 0
    infos.length = 0
    const workspace = await workspaceWithApp()
    const { registry } = fakeRegistry()
    const runner = githubHostedRunner(builderStarts)
    const announced: string[] = []
    await expect(
      buildAndPush([WEB, { ...WEB, id: 'nginx', repository: 'puppies/nginx' }], {
        workspace,
        commitSha: 'abc',
        versionLabel: 'v1',
        registry,
        run: runner.run,
        logger,
        runBuilderName: 'bdd-test',
        onRunBuilder: name => announced.push(name)
      })
    ).rejects.toThrow('Build of image web (services web, worker) failed')
    return { ...runner, announced }
  }

  it('creates a docker-container builder for the run (not the default) and builds on it with a registry cache', async () => {
    const { commands, announced } = await attempt('starts')
    expect(announced).toEqual(['bdd-test'])
    const create = commands.filter(args => args[1] === 'create')
    expect(create).toEqual([
      ['buildx', 'create', '--name', 'bdd-test', '--driver', 'docker-container', '--bootstrap']
    ])
    const builds = commands.filter(args => args[1] === 'build')
    expect(builds).toHaveLength(2)
    for (const build of builds) {
      expect(build.slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'bdd-test'])
      expect(build).toContain('--push')
    }
    expect(commands.some(args => args[1] === 'rm')).toBe(false)
    expect(warnings).toEqual([])
    expect(infos.filter(line => line.startsWith('Image builder:'))).toEqual([
      'Image builder: buildx docker-container builder "bdd-test" with a registry cache (mode=max) in ECR — ' +
        'buildx v0.29.1, builder "default" (docker driver, classic image store) cannot export a ' +
        'registry cache: created bdd-test for this run'
    ])
  })

  it.each([
    ['fails', 'lookup registry-1.docker.io: no such host'],
    ['hangs', 'it did not start within 60 s']
  ] as const)(
    'when the builder %s: removes it, warns once naming setup-buildx-action, builds with an inline cache',
    async (how, cause) => {
      const { commands, options } = await attempt(how)
      const createIndex = commands.findIndex(args => args[1] === 'create')
      expect(options[createIndex]).toEqual({ timeoutMs: 60_000 })
      expect(commands[createIndex + 1]).toEqual(['buildx', 'rm', 'bdd-test'])
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(cause)
      expect(warnings[0]).toContain('docker/setup-buildx-action')
      const builds = commands.filter(args => args[1] === 'build')
      for (const build of builds) {
        expect(build.slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'default'])
        expect(build).toContain('--load')
        expect(build).toContain('type=inline')
      }
      // As with the daemon's BuildKit, the cache image is pulled first (see src/build/daemon-build.ts); the
      // images build at once, so the order of their pulls is not fixed.
      expect(
        commands
          .filter(args => args[0] === 'pull')
          .map(args => args[2])
          .sort()
      ).toEqual(['1.dkr.ecr.x/puppies/nginx:buildcache', '1.dkr.ecr.x/puppies/web:buildcache'])
      expect(infos.filter(line => line.startsWith('Image builder:'))).toHaveLength(1)
    }
  )

  it('starts no builder when every image is already in ECR for this commit', async () => {
    const workspace = await workspaceWithApp()
    const { registry } = fakeRegistry(DIGEST)
    const { run, commands } = githubHostedRunner('starts')
    const [report] = await buildAndPush([WEB], {
      workspace,
      commitSha: 'abc',
      versionLabel: 'v1',
      registry,
      run,
      logger: quietLogger
    })
    expect(report?.reused).toBe(true)
    expect(commands.some(args => args[1] === 'create')).toBe(false)
  })
})
