import { describe, expect, it } from '@jest/globals'
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
  PutLifecyclePolicyCommand,
  RepositoryNotFoundException
} from '@aws-sdk/client-ecr'

import type { CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import type { Logger } from '../../../src/adapters/actions-runner/logger.js'
import {
  EcrRegistry,
  createRepositoryInput,
  decodeAuthorizationToken,
  lifecyclePolicy,
  registryHostFromProxyEndpoint,
  type EcrApi
} from '../../../src/adapters/ecr.js'

const SETTINGS = { tagMutability: 'MUTABLE' as const, keepImages: 10, cacheTag: 'buildcache' }

/** An ECR API answering from a table of command name → handler, recording every call. */
function fakeEcr(handlers: Record<string, (input: unknown) => unknown>) {
  const calls: { command: string; input: unknown }[] = []
  const api = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      const name = command.constructor.name
      calls.push({ command: name, input: command.input })
      const handler = handlers[name]
      if (!handler) throw new Error(`unexpected ${name}`)
      return handler(command.input)
    }
  } as unknown as EcrApi
  return { api, calls }
}

function recordingLogger() {
  const secrets: string[] = []
  const logger: Logger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    setSecret: s => void secrets.push(s)
  }
  return { logger, secrets }
}

describe('ECR pure parts', () => {
  it('takes the registry host from the proxy endpoint', () => {
    expect(registryHostFromProxyEndpoint('https://123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toBe(
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
    )
    expect(registryHostFromProxyEndpoint('http://127.0.0.1:5123')).toBe('127.0.0.1:5123')
  })

  it('decodes the authorization token, keeping colons in the password', () => {
    const token = Buffer.from('AWS:pa:ss').toString('base64')
    expect(decodeAuthorizationToken(token)).toEqual({ username: 'AWS', password: 'pa:ss' })
    expect(() => decodeAuthorizationToken(Buffer.from('nocolon').toString('base64'))).toThrow(
      'not user:password'
    )
  })

  it('writes a lifecycle policy that protects the cache tags (the stage caches too) and keeps the last N images', () => {
    expect(JSON.parse(lifecyclePolicy({ keepImages: 10, cacheTag: 'buildcache' }))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Keep the build cache (buildcache)',
          selection: {
            tagStatus: 'tagged',
            tagPatternList: ['buildcache*'],
            countType: 'imageCountMoreThan',
            countNumber: 50
          },
          action: { type: 'expire' }
        },
        {
          rulePriority: 2,
          description: 'Keep the last 10 images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
          action: { type: 'expire' }
        }
      ]
    })
  })

  it.each([
    ['MUTABLE' as const, { imageTagMutability: 'MUTABLE' }],
    [
      'IMMUTABLE' as const,
      {
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'buildcache*' }]
      }
    ]
  ])('creates %s repositories with scan on push', (tagMutability, expected) => {
    expect(createRepositoryInput('puppies/web', { ...SETTINGS, tagMutability })).toEqual({
      repositoryName: 'puppies/web',
      imageScanningConfiguration: { scanOnPush: true },
      ...expected
    })
  })
})

describe('EcrRegistry', () => {
  it('masks the password before docker login reads it from stdin', async () => {
    const token = Buffer.from('AWS:s3cret').toString('base64')
    const { api } = fakeEcr({
      [GetAuthorizationTokenCommand.name]: () => ({
        authorizationData: [
          { authorizationToken: token, proxyEndpoint: 'https://1.dkr.ecr.eu-west-1.amazonaws.com' }
        ]
      })
    })
    const { logger, secrets } = recordingLogger()
    const commands: { args: string[]; input?: string | undefined; secretsMaskedBefore: number }[] = []
    const run: CommandRunner = async (_command, args, options) => {
      commands.push({ args, input: options?.input?.toString(), secretsMaskedBefore: secrets.length })
      return { exitCode: 0, stdout: 'Login Succeeded', stderr: '' }
    }
    const access = await new EcrRegistry(api, run, logger).login()
    expect(access).toEqual({
      host: '1.dkr.ecr.eu-west-1.amazonaws.com',
      endpoint: 'https://1.dkr.ecr.eu-west-1.amazonaws.com',
      username: 'AWS',
      password: 's3cret'
    })
    expect(commands).toEqual([
      {
        args: ['login', '--username', 'AWS', '--password-stdin', '1.dkr.ecr.eu-west-1.amazonaws.com'],
        input: 's3cret',
        secretsMaskedBefore: 2
      }
    ])
    expect(secrets).toContain('s3cret')
  })

  it('reports a failed docker login on one line', async () => {
    const { api } = fakeEcr({
      [GetAuthorizationTokenCommand.name]: () => ({
        authorizationData: [
          { authorizationToken: Buffer.from('AWS:x').toString('base64'), proxyEndpoint: 'https://r.example' }
        ]
      })
    })
    const run: CommandRunner = async () => ({
      exitCode: 1,
      stdout: '',
      stderr:
        'Error response from daemon: Get "https://r.example/v2/": unauthorized: incorrect username or password\n'
    })
    await expect(new EcrRegistry(api, run, recordingLogger().logger).login()).rejects.toThrow(
      'docker login to r.example failed: Error response from daemon: Get "https://r.example/v2/": unauthorized: incorrect username or password'
    )
  })

  it('hands the registry host to beforeLogin before docker login runs, even when the login fails', async () => {
    const { api } = fakeEcr({
      [GetAuthorizationTokenCommand.name]: () => ({
        authorizationData: [
          { authorizationToken: Buffer.from('AWS:x').toString('base64'), proxyEndpoint: 'https://r.example' }
        ]
      })
    })
    const order: string[] = []
    const run: CommandRunner = async () => {
      order.push('docker login')
      return { exitCode: 1, stdout: '', stderr: 'Error response from daemon: unauthorized\n' }
    }
    const registry = new EcrRegistry(api, run, recordingLogger().logger, {
      beforeLogin: host => void order.push(`state ${host}`)
    })
    await expect(registry.login()).rejects.toThrow('docker login to r.example failed')
    expect(order).toEqual(['state r.example', 'docker login'])
  })

  it('creates a missing repository with its lifecycle policy', async () => {
    const { api, calls } = fakeEcr({
      [DescribeRepositoriesCommand.name]: () => {
        throw new RepositoryNotFoundException({ message: 'not found', $metadata: {} })
      },
      [CreateRepositoryCommand.name]: () => ({ repository: { repositoryUri: '1.dkr.ecr.x/puppies/web' } }),
      [PutLifecyclePolicyCommand.name]: () => ({})
    })
    const uri = await new EcrRegistry(
      api,
      async () => ({ exitCode: 0, stdout: '', stderr: '' }),
      recordingLogger().logger
    ).ensureRepository('puppies/web', SETTINGS)
    expect(uri).toBe('1.dkr.ecr.x/puppies/web')
    expect(calls.map(call => call.command)).toEqual([
      DescribeRepositoriesCommand.name,
      CreateRepositoryCommand.name,
      PutLifecyclePolicyCommand.name
    ])
    expect(calls[2]?.input).toEqual({
      repositoryName: 'puppies/web',
      lifecyclePolicyText: lifecyclePolicy(SETTINGS)
    })
  })

  it('leaves an existing repository (and its policy) alone', async () => {
    const { api, calls } = fakeEcr({
      [DescribeRepositoriesCommand.name]: () => ({
        repositories: [{ repositoryUri: '1.dkr.ecr.x/puppies/web' }]
      })
    })
    const registry = new EcrRegistry(
      api,
      async () => ({ exitCode: 0, stdout: '', stderr: '' }),
      recordingLogger().logger
    )
    expect(await registry.ensureRepository('puppies/web', SETTINGS)).toBe('1.dkr.ecr.x/puppies/web')
    expect(calls).toHaveLength(1)
  })

  it('finds a repository without ever creating one (build: false), and names the operation that failed', async () => {
    let denied = false
    const { api, calls } = fakeEcr({
      [DescribeRepositoriesCommand.name]: input => {
        if (denied) throw new Error('User is not authorized to perform: ecr:DescribeRepositories\nmore')
        const name = (input as { repositoryNames: string[] }).repositoryNames[0]
        if (name === 'puppies/web') return { repositories: [{ repositoryUri: '1.dkr.ecr.x/puppies/web' }] }
        throw new RepositoryNotFoundException({ message: 'not found', $metadata: {} })
      }
    })
    const registry = new EcrRegistry(
      api,
      async () => ({ exitCode: 0, stdout: '', stderr: '' }),
      recordingLogger().logger
    )
    expect(await registry.findRepository('puppies/web')).toBe('1.dkr.ecr.x/puppies/web')
    expect(await registry.findRepository('puppies/worker')).toBeUndefined()
    denied = true
    await expect(registry.findRepository('puppies/web')).rejects.toThrow(
      /^ECR DescribeRepositories puppies\/web failed: User is not authorized to perform: ecr:DescribeRepositories$/
    )
    expect(calls.map(call => call.command)).toEqual(Array(3).fill(DescribeRepositoriesCommand.name))
  })

  it('finds the image of a commit, and answers undefined on ImageNotFoundException', async () => {
    const digest = `sha256:${'a'.repeat(64)}`
    const { api } = fakeEcr({
      [DescribeImagesCommand.name]: input => {
        const tag = (input as { imageIds: { imageTag: string }[] }).imageIds[0]?.imageTag
        if (tag === 'abc') return { imageDetails: [{ imageDigest: digest, imageTags: ['abc', 'v1'] }] }
        throw new ImageNotFoundException({ message: 'no image', $metadata: {} })
      }
    })
    const registry = new EcrRegistry(
      api,
      async () => ({ exitCode: 0, stdout: '', stderr: '' }),
      recordingLogger().logger
    )
    expect(await registry.findImage('puppies/web', 'abc')).toEqual({ digest, tags: ['abc', 'v1'] })
    expect(await registry.findImage('puppies/web', 'def')).toBeUndefined()
  })
})
