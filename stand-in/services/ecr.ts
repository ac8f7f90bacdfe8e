// ECR (JSON 1.1). Repository metadata lives here; images live in the real
// registry (stand-in/registry.ts) and are read through its HTTP API, so what
// DescribeImages reports is exactly what `docker push` stored.

import type { StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import { epochSeconds, stringField, type JsonObject, type JsonService } from '../protocols/json.js'
import type { Registry } from '../registry.js'
import { manifestSize, RegistryClient, type FetchedManifest } from '../registry-client.js'

interface RepositoryRecord {
  name: string
  createdAt: Date
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE'
  scanOnPush: boolean
  encryptionType: string
  kmsKey?: string
  lifecyclePolicyText?: string
}

interface ImageIdentifier {
  imageDigest?: string
  imageTag?: string
}

interface ImageRecord {
  digest: string
  tags: string[]
  manifest: FetchedManifest
}

const REPOSITORY_NAME =
  /^(?=.{2,256}$)[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/
const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000

export class EcrService implements JsonService {
  readonly targetPrefix = 'AmazonEC2ContainerRegistry_V20150921'
  readonly name = 'ecr'
  readonly repositories = new Map<string, RepositoryRecord>()
  private readonly client?: RegistryClient

  constructor(
    private readonly ctx: StandInContext,
    private readonly registry?: Registry
  ) {
    if (registry) {
      this.client = new RegistryClient(registry.backendUrl, registry.username, registry.password)
      registry.setRepositoryGuard(name => this.repositories.has(name))
    }
  }

  /** The registry host repositories live under; the AWS-style name when no registry runs. */
  get registryHost(): string {
    return this.registry?.host ?? `${this.ctx.accountId}.dkr.ecr.${this.ctx.region}.amazonaws.com`
  }

  async handle(operation: string, input: JsonObject): Promise<JsonObject> {
    switch (operation) {
      case 'GetAuthorizationToken':
        return this.getAuthorizationToken()
      case 'CreateRepository':
        return { repository: this.repositoryView(this.createRepository(input)) }
      case 'DescribeRepositories':
        return this.describeRepositories(input)
      case 'DeleteRepository':
        return this.deleteRepository(input)
      case 'DescribeImages':
        return this.describeImages(input)
      case 'BatchGetImage':
        return this.batchGetImage(input)
      case 'PutLifecyclePolicy':
        return this.putLifecyclePolicy(input)
      case 'GetLifecyclePolicy':
        return this.getLifecyclePolicy(input)
      default:
        throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`)
    }
  }

  private getAuthorizationToken(): JsonObject {
    if (!this.registry)
      throw new AwsError('ServerException', 'The stand-in was started without a registry', 500)
    return {
      authorizationData: [
        {
          authorizationToken: Buffer.from(`${this.registry.username}:${this.registry.password}`).toString(
            'base64'
          ),
          expiresAt: epochSeconds(new Date(Date.now() + TOKEN_LIFETIME_MS)),
          proxyEndpoint: `https://${this.registry.host}`
        }
      ]
    }
  }

  private createRepository(input: JsonObject): RepositoryRecord {
    const name = stringField(input, 'repositoryName') ?? ''
    if (!REPOSITORY_NAME.test(name)) {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${REPOSITORY_NAME.source}''`
      )
    }
    if (this.repositories.has(name)) {
      throw new AwsError(
        'RepositoryAlreadyExistsException',
        `The repository with name '${name}' already exists in the registry with id '${this.ctx.accountId}'`
      )
    }
    const mutability = stringField(input, 'imageTagMutability') ?? 'MUTABLE'
    if (mutability !== 'MUTABLE' && mutability !== 'IMMUTABLE') {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'imageTagMutability': ${mutability}`
      )
    }
    const scanning = input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined
    const encryption = input.encryptionConfiguration as
      { encryptionType?: string; kmsKey?: string } | undefined
    const record: RepositoryRecord = {
      name,
      createdAt: new Date(),
      imageTagMutability: mutability,
      scanOnPush: scanning?.scanOnPush === true,
      encryptionType: encryption?.encryptionType ?? 'AES256',
      kmsKey: encryption?.kmsKey
    }
    this.repositories.set(name, record)
    return record
  }

  private repositoryView(record: RepositoryRecord): JsonObject {
    return {
      repositoryArn: `arn:aws:ecr:${this.ctx.region}:${this.ctx.accountId}:repository/${record.name}`,
      registryId: this.ctx.accountId,
      repositoryName: record.name,
      repositoryUri: `${this.registryHost}/${record.name}`,
      createdAt: epochSeconds(record.createdAt),
      imageTagMutability: record.imageTagMutability,
      imageScanningConfiguration: { scanOnPush: record.scanOnPush },
      encryptionConfiguration: { encryptionType: record.encryptionType, kmsKey: record.kmsKey }
    }
  }

  private requireRepository(name: string): RepositoryRecord {
    const record = this.repositories.get(name)
    if (!record) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${this.ctx.accountId}'`
      )
    }
    return record
  }

  private requireClient(): RegistryClient {
    if (!this.client)
      throw new AwsError('ServerException', 'The stand-in was started without a registry', 500)
    return this.client
  }

  private describeRepositories(input: JsonObject): JsonObject {
    const names = input.repositoryNames as string[] | undefined
    const records = names?.length
      ? names.map(name => this.requireRepository(name))
      : [...this.repositories.values()]
    return { repositories: records.map(record => this.repositoryView(record)) }
  }

  private async deleteRepository(input: JsonObject): Promise<JsonObject> {
    const record = this.requireRepository(stringField(input, 'repositoryName') ?? '')
    if (this.client) {
      const images = await this.allImages(record.name)
      if (images.length > 0 && input.force !== true) {
        throw new AwsError(
          'RepositoryNotEmptyException',
          `The repository with name '${record.name}' in registry with id '${this.ctx.accountId}' cannot be deleted because it still contains images`
        )
      }
      for (const image of images) await this.client.deleteManifest(record.name, image.digest)
    }
    this.repositories.delete(record.name)
    return { repository: this.repositoryView(record) }
  }

  /** Every image of a repository: tagged ones via the tag list, untagged ones from the pushes the proxy saw. */
  private async allImages(repository: string): Promise<ImageRecord[]> {
    const client = this.requireClient()
    const byDigest = new Map<string, ImageRecord>()
    for (const tag of await client.listTags(repository)) {
      const manifest = await client.getManifest(repository, tag)
      if (!manifest) continue
      const image = byDigest.get(manifest.digest) ?? { digest: manifest.digest, tags: [], manifest }
      image.tags.push(tag)
      byDigest.set(manifest.digest, image)
    }
    const pushedDigests = new Set(
      (this.registry?.manifestPushes() ?? [])
        .filter(push => push.repository === repository)
        .map(push => push.digest)
    )
    for (const digest of pushedDigests) {
      if (byDigest.has(digest)) continue
      const manifest = await client.getManifest(repository, digest)
      if (manifest) byDigest.set(digest, { digest, tags: [], manifest })
    }
    return [...byDigest.values()]
  }

  private pushedAt(repository: string, digest: string): Date {
    const push = this.registry
      ?.manifestPushes()
      .find(entry => entry.repository === repository && entry.digest === digest)
    return push?.time ?? this.repositories.get(repository)?.createdAt ?? new Date()
  }

  private imageDetail(repository: string, image: ImageRecord): JsonObject {
    return {
      registryId: this.ctx.accountId,
      repositoryName: repository,
      imageDigest: image.digest,
      imageTags: image.tags.length ? [...image.tags].sort() : undefined,
      imageSizeInBytes: manifestSize(image.manifest.body),
      imagePushedAt: epochSeconds(this.pushedAt(repository, image.digest)),
      imageManifestMediaType: image.manifest.mediaType,
      imageStatus: 'ACTIVE'
    }
  }

  private async describeImages(input: JsonObject): Promise<JsonObject> {
    const repository = this.requireRepository(stringField(input, 'repositoryName') ?? '').name
    const images = await this.allImages(repository)
    const imageIds = input.imageIds as ImageIdentifier[] | undefined
    if (!imageIds?.length) {
      const tagStatus = (input.filter as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY'
      const selected = images.filter(
        image => tagStatus === 'ANY' || (tagStatus === 'TAGGED') === image.tags.length > 0
      )
      return { imageDetails: selected.map(image => this.imageDetail(repository, image)) }
    }
    const details = imageIds.map(imageId => {
      const image = images.find(candidate => matchesImageId(candidate, imageId))
      if (!image) {
        throw new AwsError(
          'ImageNotFoundException',
          `The image with imageId {imageDigest:'${imageId.imageDigest ?? 'null'}', imageTag:'${imageId.imageTag ?? 'null'}'} does not exist within the repository with name '${repository}' in the registry with id '${this.ctx.accountId}'`
        )
      }
      return this.imageDetail(repository, image)
    })
    return { imageDetails: details }
  }

  private async batchGetImage(input: JsonObject): Promise<JsonObject> {
    const repository = this.requireRepository(stringField(input, 'repositoryName') ?? '').name
    const client = this.requireClient()
    const accepted = input.acceptedMediaTypes as string[] | undefined
    const images: JsonObject[] = []
    const failures: JsonObject[] = []
    for (const imageId of (input.imageIds as ImageIdentifier[] | undefined) ?? []) {
      const reference = imageId.imageDigest ?? imageId.imageTag
      if (!reference) {
        failures.push({
          imageId,
          failureCode: 'MissingDigestAndTag',
          failureReason: 'Missing digest and tag'
        })
        continue
      }
      const manifest = await client.getManifest(
        repository,
        reference,
        accepted?.length ? accepted : undefined
      )
      if (
        !manifest ||
        (imageId.imageDigest && imageId.imageTag && !(await this.tagPointsAt(repository, imageId)))
      ) {
        failures.push({ imageId, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' })
        continue
      }
      images.push({
        registryId: this.ctx.accountId,
        repositoryName: repository,
        imageId: { imageDigest: manifest.digest, imageTag: imageId.imageTag },
        imageManifest: manifest.body,
        imageManifestMediaType: manifest.mediaType
      })
    }
    return { images, failures }
  }

  private async tagPointsAt(repository: string, imageId: ImageIdentifier): Promise<boolean> {
    const byTag = await this.requireClient().getManifest(repository, imageId.imageTag ?? '')
    return byTag?.digest === imageId.imageDigest
  }

  private putLifecyclePolicy(input: JsonObject): JsonObject {
    const record = this.requireRepository(stringField(input, 'repositoryName') ?? '')
    const text = stringField(input, 'lifecyclePolicyText') ?? ''
    let policy: { rules?: unknown } | undefined
    try {
      policy = JSON.parse(text) as { rules?: unknown }
    } catch {
      policy = undefined
    }
    if (!policy || !Array.isArray(policy.rules)) {
      throw new AwsError(
        'InvalidParameterException',
        "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure'"
      )
    }
    record.lifecyclePolicyText = text
    return { registryId: this.ctx.accountId, repositoryName: record.name, lifecyclePolicyText: text }
  }

  private getLifecyclePolicy(input: JsonObject): JsonObject {
    const record = this.requireRepository(stringField(input, 'repositoryName') ?? '')
    if (record.lifecyclePolicyText === undefined) {
      throw new AwsError(
        'LifecyclePolicyNotFoundException',
        `Lifecycle policy does not exist for the repository with name '${record.name}' in the registry with id '${this.ctx.accountId}'`
      )
    }
    return {
      registryId: this.ctx.accountId,
      repositoryName: record.name,
      lifecyclePolicyText: record.lifecyclePolicyText
    }
  }
}

function matchesImageId(image: ImageRecord, imageId: ImageIdentifier): boolean {
  if (imageId.imageDigest && image.digest !== imageId.imageDigest) return false
  if (imageId.imageTag && !image.tags.includes(imageId.imageTag)) return false
  return Boolean(imageId.imageDigest || imageId.imageTag)
}
