// ECR through the real SDK v3 client, backed by the real registry: repository
// operations and errors, then a real `docker login` + push and the image
// operations seeing exactly what was pushed (including which blobs moved).

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand
} from '@aws-sdk/client-ecr'
import { lifecyclePolicy } from '../../../src/adapters/ecr.js'

import { dockerEngine, hasDocker, testIn } from '../helpers/docker.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { errorName } from '../helpers/aws.js'

const run = promisify(execFile)
const dockerOk = hasDocker()
const dockerTest = testIn(dockerEngine)

let standIn: StandIn
let ecr: ECRClient

beforeAll(async () => {
  standIn = await startStandIn({ runContainers: false })
  ecr = new ECRClient({
    endpoint: standIn.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
  })
})

afterAll(async () => {
  ecr?.destroy()
  await standIn?.stop()
})

describe('repositories', () => {
  test('CreateRepository returns a repositoryUri under the registry host and keeps the settings', async () => {
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'settings/app',
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true }
      })
    )
    expect(repository?.repositoryUri).toBe(`${standIn.registry?.host}/settings/app`)
    expect(repository?.repositoryArn).toBe('arn:aws:ecr:us-east-1:123456789012:repository/settings/app')
    expect(repository?.createdAt).toBeInstanceOf(Date)

    const described = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['settings/app'] }))
    expect(described.repositories?.[0]?.imageTagMutability).toBe('IMMUTABLE')
    expect(described.repositories?.[0]?.imageScanningConfiguration?.scanOnPush).toBe(true)
  })

  test('errors: duplicate, invalid name, unknown repository, missing lifecycle policy', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'dupe' }))
    expect(await errorName(ecr.send(new CreateRepositoryCommand({ repositoryName: 'dupe' })))).toBe(
      'RepositoryAlreadyExistsException'
    )
    expect(await errorName(ecr.send(new CreateRepositoryCommand({ repositoryName: 'Upper/Case' })))).toBe(
      'InvalidParameterException'
    )
    expect(await errorName(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['ghost'] })))).toBe(
      'RepositoryNotFoundException'
    )
    expect(await errorName(ecr.send(new DescribeImagesCommand({ repositoryName: 'ghost' })))).toBe(
      'RepositoryNotFoundException'
    )
    expect(await errorName(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'dupe' })))).toBe(
      'LifecyclePolicyNotFoundException'
    )
  })

  test('PutLifecyclePolicy is read back by GetLifecyclePolicy', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'lifecycle' }))
    const policy = JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5 },
          action: { type: 'expire' }
        }
      ]
    })
    await ecr.send(
      new PutLifecyclePolicyCommand({ repositoryName: 'lifecycle', lifecyclePolicyText: policy })
    )
    const got = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'lifecycle' }))
    expect(got.lifecyclePolicyText).toBe(policy)
    expect(
      await errorName(
        ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'lifecycle', lifecyclePolicyText: '{}' }))
      )
    ).toBe('ValidationException')
  })

  test('tag mutability: all four settings of the service model, exclusion filters with the *_WITH_EXCLUSION ones', async () => {
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'mutability/excluded',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'buildcache*' }]
      })
    )
    expect(repository).toMatchObject({
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'buildcache*' }]
    })
    const changed = await ecr.send(
      new PutImageTagMutabilityCommand({
        repositoryName: 'mutability/excluded',
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'release-*' }]
      })
    )
    expect(changed.imageTagMutability).toBe('MUTABLE_WITH_EXCLUSION')
    expect(
      await errorName(
        ecr.send(
          new CreateRepositoryCommand({
            repositoryName: 'mutability/no-filters',
            imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION'
          })
        )
      )
    ).toBe('InvalidParameterException')
    expect(
      await errorName(
        ecr.send(
          new CreateRepositoryCommand({
            repositoryName: 'mutability/bad',
            imageTagMutability: 'SOMETIMES' as 'MUTABLE'
          })
        )
      )
    ).toBe('ValidationException')
  })

  test("PutLifecyclePolicy refuses what ECR refuses and accepts the action's own policy", async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'lifecycle/rules' }))
    // A rule description pads each policy past the service model's 100-character minimum.
    const put = (rules: unknown[]) =>
      ecr.send(
        new PutLifecyclePolicyCommand({
          repositoryName: 'lifecycle/rules',
          lifecyclePolicyText: JSON.stringify({
            rules: rules.map(rule => ({ description: 'padding '.repeat(13), ...(rule as object) }))
          })
        })
      )
    const expire = { type: 'expire' }
    const refusals: [string, unknown[]][] = [
      [
        'tagged without a tag list',
        [
          {
            rulePriority: 1,
            selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 },
            action: expire
          }
        ]
      ],
      [
        'any not last',
        [
          {
            rulePriority: 1,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 },
            action: expire
          },
          {
            rulePriority: 2,
            selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 },
            action: expire
          }
        ]
      ],
      [
        'duplicate priorities',
        [
          {
            rulePriority: 1,
            selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 },
            action: expire
          },
          {
            rulePriority: 1,
            selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 2 },
            action: expire
          }
        ]
      ],
      [
        'days without countUnit',
        [
          {
            rulePriority: 1,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7 },
            action: expire
          }
        ]
      ],
      [
        'an unknown action',
        [
          {
            rulePriority: 1,
            selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 },
            action: { type: 'archive' }
          }
        ]
      ]
    ]
    for (const [, rules] of refusals) {
      await expect(put(rules)).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(
          /^Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: .+'$/
        )
      })
    }
    await ecr.send(
      new PutLifecyclePolicyCommand({
        repositoryName: 'lifecycle/rules',
        lifecyclePolicyText: lifecyclePolicy({ keepImages: 30, cacheTag: 'buildcache' })
      })
    )
  })

  test('DeleteRepository removes an empty repository', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'short-lived' }))
    const deleted = await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'short-lived' }))
    expect(deleted.repository?.repositoryName).toBe('short-lived')
    expect(
      await errorName(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['short-lived'] })))
    ).toBe('RepositoryNotFoundException')
  })

  test('GetAuthorizationToken encodes AWS:<password> for the registry host, valid for 12 hours', async () => {
    const before = Date.now()
    const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}))
    const data = authorizationData?.[0]
    expect(Buffer.from(data?.authorizationToken ?? '', 'base64').toString()).toBe(
      `AWS:${standIn.registry?.password}`
    )
    expect(data?.proxyEndpoint).toBe(`https://${standIn.registry?.host}`)
    const lifetimeHours = ((data?.expiresAt?.getTime() ?? 0) - before) / 3_600_000
    expect(lifetimeHours).toBeGreaterThan(11.9)
    expect(lifetimeHours).toBeLessThanOrEqual(12.01)
  })
})

describe('docker push to the registry', () => {
  let dockerConfig: string
  let buildContext: string
  const repositoryName = 'puppies/web'
  const pushed: string[] = []

  beforeAll(async () => {
    if (!dockerOk) return
    dockerConfig = await mkdtemp(join(tmpdir(), 'stand-in-docker-config-'))
    buildContext = await mkdtemp(join(tmpdir(), 'stand-in-build-'))
  })

  afterAll(async () => {
    if (!dockerOk) return
    if (pushed.length) await run('docker', ['rmi', '-f', ...pushed]).catch(() => undefined)
    await rm(dockerConfig, { recursive: true, force: true })
    await rm(buildContext, { recursive: true, force: true })
  })

  async function dockerCli(args: string[], input?: string): Promise<string> {
    const child = execFile('docker', args, {
      env: { ...process.env, DOCKER_CONFIG: dockerConfig },
      timeout: 180_000
    })
    child.stdin?.end(input ?? '')
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>(resolve => child.on('close', resolve))
    if (code !== 0) throw new Error(`docker ${args.join(' ')} failed (${code}): ${stderr}`)
    return stdout
  }

  async function buildAndPush(tag: string, content: string, repository = repositoryName): Promise<void> {
    await writeFile(
      join(buildContext, 'Dockerfile'),
      'FROM debian:bookworm-slim\nCOPY hello.txt /hello.txt\n'
    )
    await writeFile(join(buildContext, 'hello.txt'), content)
    const image = `${standIn.registry?.host}/${repository}:${tag}`
    await dockerCli(['build', '-q', '-t', image, buildContext])
    pushed.push(image)
    await dockerCli(['push', image])
  }

  dockerTest(
    'an immutable tag cannot be pushed twice, not even the same image; a tag its exclusion filter names can',
    async () => {
      await ecr.send(
        new CreateRepositoryCommand({
          repositoryName: 'immutable/app',
          imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
          imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'cache*' }]
        })
      )
      const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}))
      const [user, password] = Buffer.from(authorizationData?.[0]?.authorizationToken ?? '', 'base64')
        .toString()
        .split(':')
      await dockerCli(
        ['login', '-u', user ?? '', '--password-stdin', authorizationData?.[0]?.proxyEndpoint ?? ''],
        password
      )
      await buildAndPush('v1', 'immutable one\n', 'immutable/app')
      // Even the same image again is refused: ECR does not compare digests (aws/containers-roadmap#2179).
      await expect(buildAndPush('v1', 'immutable one\n', 'immutable/app')).rejects.toThrow(
        "tag invalid: The image tag 'v1' already exists in the 'immutable/app' repository and cannot be overwritten because the repository is immutable."
      )
      await expect(buildAndPush('v1', 'immutable two\n', 'immutable/app')).rejects.toThrow(
        "tag invalid: The image tag 'v1' already exists in the 'immutable/app' repository and cannot be overwritten because the repository is immutable."
      )
      await buildAndPush('cache', 'cache one\n', 'immutable/app')
      await buildAndPush('cache', 'cache two\n', 'immutable/app')
      const tagged = await ecr.send(
        new DescribeImagesCommand({ repositoryName: 'immutable/app', imageIds: [{ imageTag: 'cache' }] })
      )
      const second = standIn.registry
        ?.manifestPushes()
        .filter(push => push.repository === 'immutable/app' && push.reference === 'cache')
        .at(-1)
      expect(tagged.imageDetails?.[0]?.imageDigest).toBe(second?.digest)
    },
    240_000
  )

  dockerTest(
    'a push to a repository ECR does not know is refused (NAME_UNKNOWN)',
    async () => {
      const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}))
      const [user, password] = Buffer.from(authorizationData?.[0]?.authorizationToken ?? '', 'base64')
        .toString()
        .split(':')
      await dockerCli(
        ['login', '-u', user ?? '', '--password-stdin', authorizationData?.[0]?.proxyEndpoint ?? ''],
        password
      )
      await writeFile(join(buildContext, 'Dockerfile'), 'FROM debian:bookworm-slim\n')
      const image = `${standIn.registry?.host}/not-created:v1`
      await dockerCli(['build', '-q', '-t', image, buildContext])
      pushed.push(image)
      await expect(dockerCli(['push', image])).rejects.toThrow(/name unknown|not known/i)
      expect(standIn.registry?.uploads().filter(upload => upload.repository === 'not-created')).toEqual([])
    },
    240_000
  )

  dockerTest(
    'docker login + push, then DescribeImages / BatchGetImage see the pushed digest and only new layers move',
    async () => {
      await ecr.send(new CreateRepositoryCommand({ repositoryName }))
      await buildAndPush('v1', 'first build\n')
      const firstUploads =
        standIn.registry?.uploads().filter(upload => upload.repository === repositoryName) ?? []
      // debian's base layer, the COPY layer and the image config.
      expect(firstUploads.length).toBeGreaterThanOrEqual(3)
      expect(firstUploads.every(upload => upload.digest.startsWith('sha256:') && upload.bytes > 0)).toBe(true)

      const described = await ecr.send(
        new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: 'v1' }] })
      )
      const detail = described.imageDetails?.[0]
      expect(detail?.imageTags).toEqual(['v1'])
      expect(detail?.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(detail?.imageManifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
      expect(detail?.imagePushedAt).toBeInstanceOf(Date)
      const manifestPush = standIn.registry
        ?.manifestPushes()
        .find(push => push.repository === repositoryName && push.reference === 'v1')
      expect(detail?.imageDigest).toBe(manifestPush?.digest)

      const batch = await ecr.send(
        new BatchGetImageCommand({ repositoryName, imageIds: [{ imageTag: 'v1' }, { imageTag: 'missing' }] })
      )
      expect(batch.images?.[0]?.imageId?.imageDigest).toBe(detail?.imageDigest)
      const manifest = JSON.parse(batch.images?.[0]?.imageManifest ?? '{}') as {
        layers: { size: number }[]
        config: { size: number }
      }
      const size = manifest.layers.reduce((total, layer) => total + layer.size, manifest.config.size)
      expect(detail?.imageSizeInBytes).toBe(size)
      expect(batch.failures).toEqual([
        {
          imageId: { imageTag: 'missing' },
          failureCode: 'ImageNotFound',
          failureReason: 'Requested image not found'
        }
      ])

      // Second build changes only the COPY layer: the base layer must not be uploaded again.
      const uploadsBefore = standIn.registry?.uploads().length ?? 0
      await buildAndPush('v2', 'second build\n')
      const secondUploads = standIn.registry?.uploads().slice(uploadsBefore) ?? []
      const baseLayerDigests = new Set(firstUploads.map(upload => upload.digest))
      expect(secondUploads.length).toBe(2) // new COPY layer + new config
      expect(secondUploads.some(upload => baseLayerDigests.has(upload.digest))).toBe(false)

      const all = await ecr.send(new DescribeImagesCommand({ repositoryName }))
      expect(all.imageDetails?.map(image => image.imageTags?.[0]).sort()).toEqual(['v1', 'v2'])
      expect(
        await errorName(
          ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: 'v9' }] }))
        )
      ).toBe('ImageNotFoundException')

      expect(await errorName(ecr.send(new DeleteRepositoryCommand({ repositoryName })))).toBe(
        'RepositoryNotEmptyException'
      )
      await ecr.send(new DeleteRepositoryCommand({ repositoryName, force: true }))
      expect(await errorName(ecr.send(new DescribeImagesCommand({ repositoryName })))).toBe(
        'RepositoryNotFoundException'
      )
    },
    300_000
  )
})
