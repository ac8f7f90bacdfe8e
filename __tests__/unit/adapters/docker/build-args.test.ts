import { describe, expect, it } from '@jest/globals'

import {
  buildArgs,
  createBuilderArgs,
  diffIdsArgs,
  removeBuilderArgs,
  pushArgs,
  tagArgs,
  type BuildCommandInput
} from '../../../../src/adapters/docker/build-args.js'

// Every build turns off buildx's git lookup in the context folder (attack round 11: a folder laid out as a git
// repository ran its own config's commands on the runner).
const NO_GIT = { BUILDX_GIT_INFO: '0', BUILDX_GIT_LABELS: '0' }

const REPO = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/puppies/web'

const base: BuildCommandInput = {
  path: { kind: 'buildkit' },
  contextDir: '/ws/app',
  dockerfile: '/ws/app/Dockerfile',
  buildArgs: {},
  labels: {},
  tags: [`${REPO}:abc123`],
  cacheRef: `${REPO}:buildcache`
}

const cases: { name: string; input: BuildCommandInput; args: string[]; env: Record<string, string> }[] = [
  {
    name: 'buildkit: inline cache from the cache tag',
    input: base,
    env: { DOCKER_BUILDKIT: '1', ...NO_GIT },
    args: [
      'build',
      '--file',
      '/ws/app/Dockerfile',
      '--progress=plain',
      '--build-arg',
      'BUILDKIT_INLINE_CACHE=1',
      '--cache-from',
      `${REPO}:buildcache`,
      '--build-arg',
      'SOURCE_DATE_EPOCH=0',
      '--tag',
      `${REPO}:abc123`,
      '/ws/app'
    ]
  },
  {
    name: 'buildkit: target, sorted build args and labels, two tags',
    input: {
      ...base,
      target: 'production',
      buildArgs: { RUBY_VERSION: '3.3', BUNDLE_WITHOUT: 'development test' },
      labels: { 'org.opencontainers.image.revision': 'abc123' },
      tags: [`${REPO}:abc123`, `${REPO}:v42`]
    },
    env: { DOCKER_BUILDKIT: '1', ...NO_GIT },
    args: [
      'build',
      '--file',
      '/ws/app/Dockerfile',
      '--progress=plain',
      '--build-arg',
      'BUILDKIT_INLINE_CACHE=1',
      '--cache-from',
      `${REPO}:buildcache`,
      '--build-arg',
      'SOURCE_DATE_EPOCH=0',
      '--target',
      'production',
      '--build-arg',
      'BUNDLE_WITHOUT=development test',
      '--build-arg',
      'RUBY_VERSION=3.3',
      '--label',
      'org.opencontainers.image.revision=abc123',
      '--tag',
      `${REPO}:abc123`,
      '--tag',
      `${REPO}:v42`,
      '/ws/app'
    ]
  },
  {
    name: 'registry cache: on the named builder, image manifest, pushes, no provenance',
    input: {
      ...base,
      path: { kind: 'registry-cache', builder: 'bdd-1', driver: 'docker-container', imagesLocal: false },
      metadataFile: '/tmp/m.json'
    },
    env: NO_GIT,
    args: [
      'buildx',
      'build',
      '--builder',
      'bdd-1',
      '--file',
      '/ws/app/Dockerfile',
      '--progress=plain',
      '--provenance=false',
      '--push',
      '--metadata-file',
      '/tmp/m.json',
      '--cache-from',
      `type=registry,ref=${REPO}:buildcache`,
      '--cache-to',
      `type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
      '--build-arg',
      'SOURCE_DATE_EPOCH=0',
      '--tag',
      `${REPO}:abc123`,
      '/ws/app'
    ]
  },
  {
    name: 'registry cache: provenance only when asked',
    input: {
      ...base,
      path: { kind: 'registry-cache', builder: 'default', driver: 'docker', imagesLocal: true },
      provenance: true,
      target: 'web'
    },
    env: NO_GIT,
    args: [
      'buildx',
      'build',
      '--builder',
      'default',
      '--file',
      '/ws/app/Dockerfile',
      '--progress=plain',
      '--provenance=true',
      '--push',
      '--cache-from',
      `type=registry,ref=${REPO}:buildcache`,
      '--cache-to',
      `type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
      '--build-arg',
      'SOURCE_DATE_EPOCH=0',
      '--target',
      'web',
      '--tag',
      `${REPO}:abc123`,
      '/ws/app'
    ]
  },
  {
    name: 'inline cache: buildx docker driver, loads into the daemon, registry cache tag as cache source',
    input: { ...base, path: { kind: 'inline-cache', builder: 'default' }, target: 'web' },
    env: NO_GIT,
    args: [
      'buildx',
      'build',
      '--builder',
      'default',
      '--file',
      '/ws/app/Dockerfile',
      '--progress=plain',
      '--provenance=false',
      '--load',
      '--cache-from',
      `type=registry,ref=${REPO}:buildcache`,
      '--cache-to',
      'type=inline',
      '--build-arg',
      'SOURCE_DATE_EPOCH=0',
      '--target',
      'web',
      '--tag',
      `${REPO}:abc123`,
      '/ws/app'
    ]
  },
  {
    name: 'legacy: classic builder, cache from the (pulled) cache image',
    input: { ...base, path: { kind: 'legacy' }, buildArgs: { A: '1' } },
    env: { DOCKER_BUILDKIT: '0', ...NO_GIT },
    args: [
      'build',
      '--file',
      '/ws/app/Dockerfile',
      '--cache-from',
      `${REPO}:buildcache`,
      '--build-arg',
      'A=1',
      '--tag',
      `${REPO}:abc123`,
      '/ws/app'
    ]
  }
]

describe('buildArgs', () => {
  it.each(cases)('$name', ({ input, args, env }) => {
    expect(buildArgs(input)).toEqual({ args, env })
  })

  it('lets a SOURCE_DATE_EPOCH of the compose file win over the reproducible default (it comes later)', () => {
    const { args } = buildArgs({ ...base, buildArgs: { SOURCE_DATE_EPOCH: '1700000000' } })
    const values = args.flatMap((arg, index) => (args[index - 1] === '--build-arg' ? [arg] : []))
    expect(values.filter(value => value.startsWith('SOURCE_DATE_EPOCH='))).toEqual([
      'SOURCE_DATE_EPOCH=0',
      'SOURCE_DATE_EPOCH=1700000000'
    ])
  })
})

describe('buildArgs for a pull request (attack round 9: previews wrote the cache production reads)', () => {
  const pr: BuildCommandInput = {
    ...base,
    cacheRef: `${REPO}:buildcache-pr12`,
    readOnlyCacheRefs: [`${REPO}:buildcache`]
  }
  const flagValues = (args: string[], flag: string) =>
    args.flatMap((arg, index) => (args[index - 1] === flag ? [arg] : []))

  it.each([
    [{ kind: 'registry-cache', builder: 'b', driver: 'docker-container', imagesLocal: false } as const],
    [{ kind: 'inline-cache', builder: 'default' } as const],
    [{ kind: 'buildkit' } as const],
    [{ kind: 'legacy' } as const]
  ])('%j reads the shared cache and writes only its own', path => {
    const { args } = buildArgs({ ...pr, path })
    const from = flagValues(args, '--cache-from').map(value => value.replace(/^type=registry,ref=/, ''))
    expect(from).toEqual([`${REPO}:buildcache-pr12`, `${REPO}:buildcache`])
    for (const value of flagValues(args, '--cache-to')) expect(value).not.toContain(`${REPO}:buildcache,`)
    expect(flagValues(args, '--cache-to').filter(value => value.includes('ref='))).toEqual(
      path.kind === 'registry-cache'
        ? [`type=registry,ref=${REPO}:buildcache-pr12,mode=max,image-manifest=true,oci-mediatypes=true`]
        : []
    )
  })
})

describe('buildArgs for a platform', () => {
  it('passes --platform to buildx, right after its progress flag', () => {
    for (const path of [
      { kind: 'registry-cache', builder: 'b', driver: 'docker-container', imagesLocal: false } as const,
      { kind: 'inline-cache', builder: 'default' } as const
    ]) {
      const { args } = buildArgs({ ...base, path, platform: 'linux/arm64' })
      expect(args.slice(6, 9)).toEqual(['--progress=plain', '--platform', 'linux/arm64'])
    }
  })

  it('passes nothing to the builders without buildx: they build for the daemon, the stage refuses any other', () => {
    for (const path of [{ kind: 'buildkit' } as const, { kind: 'legacy' } as const]) {
      expect(buildArgs({ ...base, path, platform: 'linux/arm64' }).args).toEqual(
        buildArgs({ ...base, path }).args
      )
    }
  })
})

describe('push, tag, inspect and builder argv', () => {
  it.each([
    [
      createBuilderArgs('bdd-1a2b'),
      ['buildx', 'create', '--name', 'bdd-1a2b', '--driver', 'docker-container', '--bootstrap']
    ],
    [removeBuilderArgs('bdd-1a2b'), ['buildx', 'rm', 'bdd-1a2b']],
    [pushArgs(`${REPO}:abc123`), ['push', `${REPO}:abc123`]],
    [tagArgs(`${REPO}:abc123`, `${REPO}:buildcache`), ['tag', `${REPO}:abc123`, `${REPO}:buildcache`]],
    [
      diffIdsArgs(`${REPO}:abc123`),
      ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', `${REPO}:abc123`]
    ]
  ])('%j', (actual, expected) => {
    expect(actual).toEqual(expected)
  })
})
