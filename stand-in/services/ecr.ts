// ECR (JSON 1.1). Repository metadata lives here; images live in the real
// registry (stand-in/registry.ts) and are read through its HTTP API, so what
// DescribeImages reports is exactly what `docker push` stored.
// Error texts: ECR's wire texts as public reports quote them (RepositoryAlreadyExists,
// RepositoryNotFound, RepositoryNotEmpty, ImageNotFound, LifecyclePolicyNotFound,
// BatchGetImage failures) and the standard AWS validation wording; others say below.

import type { StandInContext } from '../context.js'
import { AwsError } from '../errors.js'
import { epochSeconds, stringField, type JsonObject, type JsonService } from '../protocols/json.js'
import type { Registry } from '../registry.js'
import { manifestSize, RegistryClient, type FetchedManifest } from '../registry-client.js'
import { validateLifecyclePolicy } from './ecr-lifecycle.js'

type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION'
const TAG_MUTABILITIES: TagMutability[] = [
  'MUTABLE',
  'IMMUTABLE',
  'IMMUTABLE_WITH_EXCLUSION',
  'MUTABLE_WITH_EXCLUSION'
]

interface ExclusionFilter {
  filterType: 'WILDCARD'
  filter: string
}

interface RepositoryRecord {
  name: string
  createdAt: Date
  imageTagMutability: TagMutability
  exclusionFilters: ExclusionFilter[]
  scanOnPush: boolean
  encryptionType: string
  kmsKey?: string | undefined
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
      registry.setTagGuard((repository, tag) => this.checkTagPush(repository, tag))
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
      case 'PutImageTagMutability':
        return this.putImageTagMutability(input)
      default:
        // Real text unknown (an operation the stand-in does not serve).
        throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`)
    }
  }

  private getAuthorizationToken(): JsonObject {
    // The stand-in's own: started with registry: false.
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
      // ECR's constraint message for a bad name, as public reports quote it (the pattern is the model's).
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
    const { mutability, exclusionFilters } = readMutability(input)
    const scanning = input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined
    const encryption = input.encryptionConfiguration as
      { encryptionType?: string; kmsKey?: string } | undefined
    const record: RepositoryRecord = {
      name,
      createdAt: new Date(),
      imageTagMutability: mutability,
      exclusionFilters,
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
      imageTagMutabilityExclusionFilters: record.exclusionFilters.length
        ? record.exclusionFilters
        : undefined,
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
    if (text.length < 100 || text.length > 30720) {
      // The service model bounds lifecyclePolicyText to 100–30720 characters; standard validation wording.
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value at 'lifecyclePolicyText' failed to satisfy constraint: Member must have length ${text.length < 100 ? 'greater than or equal to 100' : 'less than or equal to 30720'}`
      )
    }
    const problem = validateLifecyclePolicy(text)
    if (problem) {
      // The frame is ECR's (cloudposse/terraform-aws-ecr#158: "Invalid parameter at 'LifecyclePolicyText'
      // failed to satisfy constraint: 'Lifecycle policy validation failure: instance failed to match …'");
      // the detail after "failure:" is the stand-in's (real detail texts unknown beyond that report).
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${problem}'`
      )
    }
    record.lifecyclePolicyText = text
    return { registryId: this.ctx.accountId, repositoryName: record.name, lifecyclePolicyText: text }
  }

  private putImageTagMutability(input: JsonObject): JsonObject {
    const record = this.requireRepository(stringField(input, 'repositoryName') ?? '')
    const { mutability, exclusionFilters } = readMutability(input)
    record.imageTagMutability = mutability
    record.exclusionFilters = exclusionFilters
    return {
      registryId: this.ctx.accountId,
      repositoryName: record.name,
      imageTagMutability: mutability,
      imageTagMutabilityExclusionFilters: exclusionFilters.length ? exclusionFilters : undefined
    }
  }

  /**
   * Refuses any push to an immutable tag that already exists, even of the
   * same manifest: ECR does not compare digests (aws/containers-roadmap#2179,
   * https://github.com/aws/containers-roadmap/issues/2179; moby/buildkit#3776).
   * Text: "tag invalid: The image tag '<tag>' already exists in the '<repo>'
   * repository and cannot be overwritten because the repository is immutable."
   * (docker prints the TAG_INVALID code as "tag invalid:"); the API's PutImage
   * names the same refusal ImageTagAlreadyExistsException
   * (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html).
   */
  private async checkTagPush(repository: string, tag: string): Promise<string | undefined> {
    const record = this.repositories.get(repository)
    if (!record || !isImmutableTag(record, tag)) return undefined
    const current = await this.requireClient().getManifest(repository, tag)
    if (!current) return undefined
    return `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`
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

/** A WILDCARD exclusion filter: `*` matches any run of characters, everything else itself. */
function matchesWildcard(filter: string, tag: string): boolean {
  const pattern = filter
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${pattern}$`).test(tag)
}

/** Whether this tag is immutable under the repository's setting and exclusion filters. */
function isImmutableTag(record: RepositoryRecord, tag: string): boolean {
  const excluded = record.exclusionFilters.some(filter => matchesWildcard(filter.filter, tag))
  switch (record.imageTagMutability) {
    case 'IMMUTABLE':
      return true
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded
    default:
      return false
  }
}

/**
 * imageTagMutability and its exclusion filters, as CreateRepository and
 * PutImageTagMutability take them (ImageTagMutabilityExclusionFilter in the
 * service model: filterType WILDCARD, filter 1–128 of [a-zA-Z0-9._*-], 1–5 filters).
 */
function readMutability(input: JsonObject): {
  mutability: TagMutability
  exclusionFilters: ExclusionFilter[]
} {
  const mutability = (stringField(input, 'imageTagMutability') ?? 'MUTABLE') as TagMutability
  if (!TAG_MUTABILITIES.includes(mutability)) {
    // The standard AWS validation wording for an enum member.
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${mutability}' at 'imageTagMutability' failed to satisfy constraint: Member must satisfy enum value set: [${TAG_MUTABILITIES.join(', ')}]`
    )
  }
  const raw = input.imageTagMutabilityExclusionFilters as
    { filterType?: string; filter?: string }[] | undefined
  const withExclusion = mutability.endsWith('_WITH_EXCLUSION')
  if (withExclusion !== Boolean(raw?.length)) {
    // Real text unknown: the filters go with, and only with, the *_WITH_EXCLUSION settings.
    throw new AwsError(
      'InvalidParameterException',
      withExclusion
        ? `Invalid parameter: imageTagMutabilityExclusionFilters must be specified when imageTagMutability is ${mutability}.`
        : `Invalid parameter: imageTagMutabilityExclusionFilters can only be specified when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION.`
    )
  }
  const filters = (raw ?? []).map(filter => ({ filterType: filter.filterType, filter: filter.filter ?? '' }))
  if (
    filters.length > 5 ||
    filters.some(f => f.filterType !== 'WILDCARD' || !/^[a-zA-Z0-9._*-]{1,128}$/.test(f.filter))
  ) {
    // Real text unknown; the constraints are the service model's.
    throw new AwsError(
      'InvalidParameterException',
      'Invalid parameter at imageTagMutabilityExclusionFilters: 1 to 5 WILDCARD filters of 1 to 128 characters [a-zA-Z0-9._*-] are allowed.'
    )
  }
  return { mutability, exclusionFilters: filters as ExclusionFilter[] }
}
