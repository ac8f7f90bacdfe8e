// Amazon ECR through the SDK v3 client (its retries, credentials and
// endpoint configuration, including AWS_ENDPOINT_URL): registry login,
// repositories created on first use with a lifecycle policy, and the lookup
// that makes a re-run on the same commit skip build and push.

import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutLifecyclePolicyCommand,
  type CreateRepositoryCommandInput,
  type ECRClient
} from '@aws-sdk/client-ecr'

import { errorMessage } from '../core/errors.js'
import { AwsErrorCode, isAwsError } from './aws-errors.js'
import type { CommandRunner } from './docker/command-runner.js'
import { dockerLogin, dockerLogout } from './docker/docker-cli.js'
import type { Logger } from './actions-runner/logger.js'
import {
  IMAGE_MANIFEST_TYPES,
  parseManifest,
  type ExistingImage,
  type Manifest,
  type RegistryAccess,
  type RepositorySettings
} from './docker/registry-api.js'

export type { ExistingImage, RepositorySettings, TagMutability } from './docker/registry-api.js'

/** The part of the ECR client this adapter uses (an ECRClient satisfies it). */
export type EcrApi = Pick<ECRClient, 'send'>

/**
 * Whether an error is ECR refusing a push to an immutable tag that already exists. ECR refuses it even for
 * the same manifest (aws/containers-roadmap#2179, https://github.com/aws/containers-roadmap/issues/2179):
 * the API names it ImageTagAlreadyExistsException
 * (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html), `docker push` and buildx
 * print the registry's TAG_INVALID answer, "tag invalid: The image tag '<tag>' already exists in the '<repo>'
 * repository and cannot be overwritten because the repository is immutable." (docs/stand-in.md, AWS texts).
 */
export function isImmutableTagRefusal(error: unknown): boolean {
  if (isAwsError(error, 'ImageTagAlreadyExistsException')) return true
  return /already exists in the '[^']*' repository and cannot be overwritten because the repository is immutable/.test(
    errorMessage(error)
  )
}

/** Pure: the registry host of an authorization's proxyEndpoint ("https://1.dkr.ecr…" → "1.dkr.ecr…"). */
export function registryHostFromProxyEndpoint(proxyEndpoint: string): string {
  return new URL(proxyEndpoint).host
}

/** Pure: ECR tokens are base64("AWS:<password>"). */
export function decodeAuthorizationToken(token: string): { username: string; password: string } {
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) throw new Error('ECR returned an authorization token that is not user:password')
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * The cache tag and the stage caches beside it (`buildcache`, `buildcache-<stage>`, build/dockerfile-stages.ts):
 * an ECR wildcard (lifecycle tagPatternList and mutability exclusion filters take `*`).
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html#lifecycle_policy_parameters
 */
export function cacheTagPattern(cacheTag: string): string {
  return `${cacheTag}*`
}

/** More cache images than a Dockerfile has stages: a count the cache rule never reaches. */
const CACHE_IMAGES_KEPT = 50

/**
 * Pure: the lifecycle policy. ECR has no "keep" action, so rule 1 matches the
 * cache tags with a count they never exceed (one image per tag): an image matched by a
 * higher-priority rule is never expired by a lower one. Rule 2 (`any` must be
 * the last rule) expires everything beyond the newest N images.
 */
export function lifecyclePolicy(settings: Pick<RepositorySettings, 'keepImages' | 'cacheTag'>): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep the build cache (${settings.cacheTag})`,
        selection: {
          tagStatus: 'tagged',
          tagPatternList: [cacheTagPattern(settings.cacheTag)],
          countType: 'imageCountMoreThan',
          countNumber: CACHE_IMAGES_KEPT
        },
        action: { type: 'expire' }
      },
      {
        rulePriority: 2,
        description: `Keep the last ${settings.keepImages} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: settings.keepImages },
        action: { type: 'expire' }
      }
    ]
  })
}

/**
 * Pure: the CreateRepository request. An IMMUTABLE repository still needs
 * cache tags that move on every build, so it is created as
 * IMMUTABLE_WITH_EXCLUSION with the cache tags excluded (`buildcache*`: the
 * stage caches too): commit tags stay immutable, the cache tags can be overwritten.
 */
export function createRepositoryInput(
  name: string,
  settings: RepositorySettings
): CreateRepositoryCommandInput {
  const base: CreateRepositoryCommandInput = {
    repositoryName: name,
    imageScanningConfiguration: { scanOnPush: true }
  }
  if (settings.tagMutability === 'MUTABLE') return { ...base, imageTagMutability: 'MUTABLE' }
  return {
    ...base,
    imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
    imageTagMutabilityExclusionFilters: [
      { filterType: 'WILDCARD', filter: cacheTagPattern(settings.cacheTag) }
    ]
  }
}

/** One line naming the ECR operation that failed and why. */
function ecrFailure(operation: string, error: unknown): Error {
  return new Error(`ECR ${operation} failed: ${errorMessage(error).split('\n')[0]}`)
}

export interface EcrRegistryOptions {
  /**
   * Called with the registry host right before `docker login`, so the post
   * step can log out even when the login or anything after it fails.
   */
  beforeLogin?: (host: string) => void
  /** Told of each repository this registry creates (for the summary of a run that fails later). */
  onRepositoryCreated?: (name: string) => void
}

export class EcrRegistry {
  constructor(
    private readonly ecr: EcrApi,
    private readonly run: CommandRunner,
    private readonly logger: Logger,
    private readonly options: EcrRegistryOptions = {}
  ) {}

  /** GetAuthorizationToken, then `docker login` with the password masked first. */
  async login(): Promise<RegistryAccess> {
    let token: string | undefined
    let proxyEndpoint: string | undefined
    try {
      const answer = await this.ecr.send(new GetAuthorizationTokenCommand({}))
      token = answer.authorizationData?.[0]?.authorizationToken
      proxyEndpoint = answer.authorizationData?.[0]?.proxyEndpoint
    } catch (error) {
      throw ecrFailure('authorization', error)
    }
    if (!token || !proxyEndpoint) throw new Error('ECR authorization failed: no authorization data returned')
    const { username, password } = decodeAuthorizationToken(token)
    this.logger.setSecret(password)
    this.logger.setSecret(token)
    const access: RegistryAccess = {
      host: registryHostFromProxyEndpoint(proxyEndpoint),
      endpoint: proxyEndpoint,
      username,
      password
    }
    this.options.beforeLogin?.(access.host)
    await dockerLogin(this.run, access)
    this.logger.info(`Logged in to ${access.host}`)
    return access
  }

  /**
   * The registry host (`<account>.dkr.ecr.<region>.amazonaws.com`), from GetAuthorizationToken's
   * proxy endpoint, without logging docker in: what plan mode names images by before their repository exists.
   */
  async registryHost(): Promise<string> {
    let proxyEndpoint: string | undefined
    try {
      const answer = await this.ecr.send(new GetAuthorizationTokenCommand({}))
      proxyEndpoint = answer.authorizationData?.[0]?.proxyEndpoint
    } catch (error) {
      throw ecrFailure('authorization', error)
    }
    if (!proxyEndpoint) throw new Error('ECR authorization failed: no proxy endpoint returned')
    return registryHostFromProxyEndpoint(proxyEndpoint)
  }

  /** The repository's URI, or undefined when there is no such repository. */
  async findRepository(name: string): Promise<string | undefined> {
    try {
      const found = await this.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))
      return found.repositories?.[0]?.repositoryUri
    } catch (error) {
      if (isAwsError(error, AwsErrorCode.repositoryNotFound)) return undefined
      throw ecrFailure(`DescribeRepositories ${name}`, error)
    }
  }

  /** The repository URI, creating the repository (with its lifecycle policy) when it does not exist. */
  async ensureRepository(name: string, settings: RepositorySettings): Promise<string> {
    const existing = await this.findRepository(name)
    if (existing) return existing
    // An existing repository keeps the policy its owner gave it; only a
    // repository this action creates gets ours.
    const created = await this.ecr
      .send(new CreateRepositoryCommand(createRepositoryInput(name, settings)))
      .catch((error: unknown) => {
        throw ecrFailure(`CreateRepository ${name}`, error)
      })
    await this.ecr
      .send(
        new PutLifecyclePolicyCommand({
          repositoryName: name,
          lifecyclePolicyText: lifecyclePolicy(settings)
        })
      )
      .catch((error: unknown) => {
        throw ecrFailure(`PutLifecyclePolicy ${name}`, error)
      })
    this.options.onRepositoryCreated?.(name)
    const uri = created.repository?.repositoryUri
    if (!uri) throw new Error(`ECR CreateRepository ${name} returned no repositoryUri`)
    this.logger.info(
      `Created ECR repository ${name} (${settings.tagMutability}, keeps ${settings.keepImages} images)`
    )
    return uri
  }

  /** The image tagged `tag`, or undefined when the repository has none. */
  async findImage(repository: string, tag: string): Promise<ExistingImage | undefined> {
    try {
      const answer = await this.ecr.send(
        new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] })
      )
      const detail = answer.imageDetails?.[0]
      if (!detail?.imageDigest) return undefined
      return { digest: detail.imageDigest, tags: detail.imageTags ?? [tag] }
    } catch (error) {
      if (isAwsError(error, AwsErrorCode.imageNotFound)) return undefined
      throw ecrFailure(`DescribeImages ${repository}:${tag}`, error)
    }
  }

  /** The image manifest for a tag or digest (BatchGetImage), or undefined when there is none. */
  async getManifest(repository: string, reference: string): Promise<Manifest | undefined> {
    const imageId = reference.startsWith('sha256:') ? { imageDigest: reference } : { imageTag: reference }
    let answer
    try {
      answer = await this.ecr.send(
        new BatchGetImageCommand({
          repositoryName: repository,
          imageIds: [imageId],
          acceptedMediaTypes: IMAGE_MANIFEST_TYPES
        })
      )
    } catch (error) {
      throw ecrFailure(`BatchGetImage ${repository}:${reference}`, error)
    }
    const image = answer.images?.[0]
    if (!image?.imageManifest || !image.imageId?.imageDigest) return undefined
    return parseManifest(image.imageManifest, image.imageId.imageDigest, image.imageManifestMediaType)
  }
}

/** For the action's post step: forget the registry credentials on the runner. */
export async function logoutFromRegistry(run: CommandRunner, registryHost: string): Promise<void> {
  await dockerLogout(run, registryHost)
}
