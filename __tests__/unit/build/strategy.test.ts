// The decision as one table: what the runner's probes answer → the strategy
// → the argv of the build. Each row is a runner users really have.

import { describe, expect, it } from '@jest/globals'

import { buildArgs, type BuildPath } from '../../../src/adapters/docker/build-args.js'
import { inspectBuilder } from '../../../src/adapters/docker/builder-inspection.js'
import type { CommandResult, CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import {
  chooseStrategy,
  describePath,
  fallbackWarning,
  platformSupport,
  runBuilderName
} from '../../../src/build/strategy.js'

const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '' })
const failed = (stderr: string): CommandResult => ({ exitCode: 1, stdout: '', stderr })
const BUILDX = ok('github.com/docker/buildx v0.29.1 a32761aeb3debd39be1eca514af3693af0db334b')
const NO_BUILDX = failed("docker: 'buildx' is not a docker command.")
const inspectOutput = (name: string, driver: string) =>
  ok(
    `Name:   ${name}\nDriver: ${driver}\n\nNodes:\nName:     ${name}0\nEndpoint: default\nStatus:   running\n`
  )
const CLASSIC = ok('[["Backing Filesystem","extfs"],["Supports d_type","true"]]')
const CONTAINERD = ok('[["driver-type","io.containerd.snapshotter.v1"]]')
const version = (client: string) =>
  ok(JSON.stringify({ Client: { Version: client }, Server: { ApiVersion: '1.47', Os: 'linux' } }))

function runner(answers: Record<string, CommandResult>): CommandRunner {
  return async (_command, args) => {
    const line = args.join(' ')
    const key = Object.keys(answers).find(prefix => line.startsWith(prefix))
    return key ? (answers[key] as CommandResult) : failed(`unexpected: docker ${line}`)
  }
}

const RUN_BUILDER = runBuilderName('9f3a')
const REPO = '1.dkr.ecr.eu-west-1.amazonaws.com/puppies/web'

/** The argv up to the context folder, for the path a strategy resolves to. */
function argvOf(path: BuildPath): string {
  return buildArgs({
    path,
    contextDir: '/ws',
    dockerfile: '/ws/Dockerfile',
    buildArgs: {},
    labels: {},
    tags: [`${REPO}:abc`],
    cacheRef: `${REPO}:buildcache`
  }).args.join(' ')
}

const rows: {
  runner: string
  answers: Record<string, CommandResult>
  strategy: string
  path: string
  fallback?: string
  argv: string
}[] = [
  {
    runner: 'GitHub-hosted, no setup-buildx-action: docker driver, classic store',
    answers: {
      'buildx version': BUILDX,
      'buildx inspect': inspectOutput('default', 'docker'),
      info: CLASSIC
    },
    strategy: 'run-builder',
    path: `buildx docker-container builder "${RUN_BUILDER}" with a registry cache (mode=max) in ECR`,
    fallback: 'buildx builder "default" with an inline cache in ECR (a cache image per stage)',
    argv:
      `buildx build --builder ${RUN_BUILDER} --file /ws/Dockerfile --progress=plain --provenance=false --push ` +
      `--cache-from type=registry,ref=${REPO}:buildcache ` +
      `--cache-to type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true ` +
      `--build-arg SOURCE_DATE_EPOCH=0 --tag ${REPO}:abc /ws`
  },
  {
    runner: 'Docker 29 fresh install: docker driver, containerd store',
    answers: {
      'buildx version': BUILDX,
      'buildx inspect': inspectOutput('default', 'docker'),
      info: CONTAINERD
    },
    strategy: 'ready',
    path: 'buildx builder "default" with a registry cache (mode=max) in ECR',
    argv:
      `buildx build --builder default --file /ws/Dockerfile --progress=plain --provenance=false --push ` +
      `--cache-from type=registry,ref=${REPO}:buildcache ` +
      `--cache-to type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true ` +
      `--build-arg SOURCE_DATE_EPOCH=0 --tag ${REPO}:abc /ws`
  },
  {
    runner: 'docker/setup-buildx-action: docker-container builder',
    answers: {
      'buildx version': BUILDX,
      'buildx inspect': inspectOutput('builder-5f1e', 'docker-container')
    },
    strategy: 'ready',
    path: 'buildx docker-container builder "builder-5f1e" with a registry cache (mode=max) in ECR',
    argv:
      `buildx build --builder builder-5f1e --file /ws/Dockerfile --progress=plain --provenance=false --push ` +
      `--cache-from type=registry,ref=${REPO}:buildcache ` +
      `--cache-to type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true ` +
      `--build-arg SOURCE_DATE_EPOCH=0 --tag ${REPO}:abc /ws`
  },
  {
    runner: 'remote BuildKit',
    answers: { 'buildx version': BUILDX, 'buildx inspect': inspectOutput('farm', 'remote') },
    strategy: 'ready',
    path: 'buildx remote builder "farm" with a registry cache (mode=max) in ECR',
    argv:
      `buildx build --builder farm --file /ws/Dockerfile --progress=plain --provenance=false --push ` +
      `--cache-from type=registry,ref=${REPO}:buildcache ` +
      `--cache-to type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true ` +
      `--build-arg SOURCE_DATE_EPOCH=0 --tag ${REPO}:abc /ws`
  },
  {
    runner: 'old self-hosted: classic CLI 20.10, no buildx',
    answers: { 'buildx version': NO_BUILDX, version: version('20.10.24') },
    strategy: 'ready',
    path: "docker build on the daemon's BuildKit with an inline cache in ECR",
    argv:
      `build --file /ws/Dockerfile --progress=plain --build-arg BUILDKIT_INLINE_CACHE=1 ` +
      `--cache-from ${REPO}:buildcache --build-arg SOURCE_DATE_EPOCH=0 --tag ${REPO}:abc /ws`
  },
  {
    runner: 'minimal self-hosted: CLI 28 without buildx',
    answers: { 'buildx version': NO_BUILDX, version: version('28.2.2') },
    strategy: 'ready',
    path: 'the legacy docker builder, from the previous image pulled from ECR',
    argv: `build --file /ws/Dockerfile --cache-from ${REPO}:buildcache --tag ${REPO}:abc /ws`
  }
]

describe('probes → strategy → argv', () => {
  it.each(rows)('$runner', async row => {
    const strategy = chooseStrategy(await inspectBuilder(runner(row.answers)), RUN_BUILDER)
    expect(strategy.kind).toBe(row.strategy)
    expect(describePath(strategy.path)).toBe(row.path)
    expect(argvOf(strategy.path)).toBe(row.argv)
    // Only the run's own builder has a fallback: the default builder, loading into the daemon.
    const fallback = strategy.kind === 'run-builder' ? strategy.fallback : undefined
    expect(fallback && describePath(fallback)).toBe(row.fallback)
    expect(fallback && argvOf(fallback)).toBe(
      fallback &&
        `buildx build --builder default --file /ws/Dockerfile --progress=plain --provenance=false --load ` +
          `--cache-from type=registry,ref=${REPO}:buildcache --cache-to type=inline --build-arg SOURCE_DATE_EPOCH=0 --tag ${REPO}:abc /ws`
    )
  })

  it('keeps images local only on the docker driver (the smoke test pulls the others by digest)', () => {
    const local = (driver: string, imageStore?: 'containerd' | 'classic') => {
      const strategy = chooseStrategy(
        {
          kind: 'buildx',
          version: 'v0.29.1',
          builder: { name: 'b', driver, ...(imageStore && { imageStore }) }
        },
        RUN_BUILDER
      )
      return strategy.path.kind === 'registry-cache' && strategy.path.imagesLocal
    }
    expect(local('docker', 'containerd')).toBe(true)
    expect(local('docker-container')).toBe(false)
    expect(local('docker', 'classic')).toBe(false)
  })

  it('explains the choice in words a user can act on', () => {
    const strategy = chooseStrategy(
      {
        kind: 'buildx',
        version: 'github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3',
        builder: { name: 'default', driver: 'docker', imageStore: 'classic' }
      },
      RUN_BUILDER
    )
    expect(strategy.why).toBe(
      'buildx 0.13.1+ds1, builder "default" (docker driver, classic image store) cannot export a registry cache'
    )
    expect(fallbackWarning(RUN_BUILDER, 'it did not start within 60 s')).toMatch(
      /^Could not start the docker-container builder bdd-9f3a for this run \(it did not start within 60 s\).*docker\/setup-buildx-action/
    )
  })

  it.each([
    ['9f3a', 'bdd-9f3a'],
    ['run 12/3', 'bdd-run-12-3']
  ])('names the run builder from %j', (suffix, name) => {
    expect(runBuilderName(suffix)).toBe(name)
  })
})

describe('platformSupport', () => {
  const daemonBuildKit = {
    kind: 'buildkit',
    reason: 'no buildx; docker CLI 20.10.24',
    arch: 'amd64'
  } as const

  it('refuses in one line a platform the builders without buildx cannot build', () => {
    const { error } = platformSupport(daemonBuildKit, ['linux/arm64'])
    expect(error).toBe(
      "Images for linux/arm64 need buildx: without it docker builds only for this runner's linux/amd64 " +
        '(no buildx; docker CLI 20.10.24); add docker/setup-qemu-action and docker/setup-buildx-action ' +
        'before this step, or run on a runner of that architecture'
    )
    expect(error).not.toContain('\n')
  })

  it("accepts the daemon's own architecture, and no platform at all", () => {
    expect(platformSupport(daemonBuildKit, ['linux/amd64'])).toEqual({ warnings: [] })
    expect(platformSupport({ ...daemonBuildKit, arch: 'arm64' }, ['linux/arm64'])).toEqual({ warnings: [] })
    expect(platformSupport({ kind: 'legacy', reason: 'x' }, ['linux/arm64'])).toEqual({ warnings: [] })
    expect(platformSupport(daemonBuildKit, [])).toEqual({ warnings: [] })
  })

  it('warns when a buildx builder lists no such platform (no QEMU), and not when it does', () => {
    const builder = (platforms: string[]) =>
      ({ kind: 'buildx', version: 'v', builder: { name: 'default', driver: 'docker', platforms } }) as const
    expect(platformSupport(builder(['linux/amd64', 'linux/386']), ['linux/arm64']).warnings).toEqual([
      'buildx builder "default" lists no linux/arm64 (it builds for linux/amd64, linux/386): RUN steps of those ' +
        'images will fail with "exec format error"; add docker/setup-qemu-action before this step'
    ])
    expect(platformSupport(builder(['linux/amd64', 'linux/arm64/v8']), ['linux/arm64'])).toEqual({
      warnings: []
    })
  })
})
