// The build-and-push stage's types: its options, its registry port and its report per image.

import type { BuildPathKind } from '../adapters/docker/build-args.js'
import type {
  ExistingImage,
  Manifest,
  RegistryAccess,
  RepositorySettings,
  TagMutability
} from '../adapters/docker/registry-api.js'
import type { CommandRunner } from '../adapters/docker/command-runner.js'
import type { Logger } from '../adapters/actions-runner/logger.js'
import type { RunBuilderOptions } from './resolve-path.js'

export interface ImageReport {
  id: string
  services: string[]
  repository: string
  /** What the bundle pins: `<repositoryUri>@sha256:…`. */
  imageUri: string
  digest: string
  tags: string[]
  /** True when this commit's image was already in ECR: nothing was built or pushed. */
  reused: boolean
  /** How it was built (for a reused image: how it would have been). */
  builder: BuildPathKind
  layersPushed: number
  layersExisting: number
  /** Compressed bytes of the layers the push uploaded. */
  bytesPushed: number
  buildSeconds: number
  /** 0 with a registry cache, where buildx pushes as part of the build (counted in buildSeconds). */
  pushSeconds: number
}

/** The registry operations the stage needs (its port); EcrRegistry (src/adapters/ecr.ts) provides them. */
export interface ImageRegistry {
  login(): Promise<RegistryAccess>
  ensureRepository(name: string, settings: RepositorySettings): Promise<string>
  findImage(repository: string, tag: string): Promise<ExistingImage | undefined>
  /** The image manifest of a tag or digest, undefined when there is none. */
  getManifest(repository: string, reference: string): Promise<Manifest | undefined>
}

export interface BuildAndPushOptions extends RunBuilderOptions {
  /** Folder the ImageBuild contexts are relative to. */
  workspace: string
  commitSha: string
  versionLabel: string
  registry: ImageRegistry
  /** e.g. https://github.com/owner/repo, written as org.opencontainers.image.source. */
  sourceUrl?: string
  tagMutability?: TagMutability
  /** Images the lifecycle policy of a new repository keeps. */
  keepImages?: number
  cacheTag?: string
  /**
   * A cache of its own beside the cache tag (`buildcache-pr12`), written instead of it; the cache tag is read only.
   * Set for pull request previews: their content must not reach production's build cache.
   */
  cacheScope?: string
  /** registry-cache only: attach provenance attestations (makes the pushed image an index). */
  provenance?: boolean
  /** The buildx builder to use (the `builder` input); default: buildx's current builder. */
  builder?: string
  /** ImageBuild id → the platform to build it for (e.g. linux/arm64); absent: the runner's own architecture. */
  platforms?: Record<string, string>
  /**
   * Name for a docker-container builder created for this run when the
   * builder cannot export a registry cache; default `bdd-<random>`.
   */
  runBuilderName?: string
  run?: CommandRunner
  logger?: Logger
  /**
   * Told once every image is built (the smoke test starts here), while the
   * pushes go on; not told when a build failed. Gets ImageBuild id → a
   * reference the local daemon can run: the local tag of a fresh build, or
   * `repo@digest` for an image ECR already had or one a non-docker buildx
   * builder pushed (the smoke runner pulls it). With a registry cache buildx
   * pushes while it builds, so the images are in ECR already.
   */
  onBuilt?: (built: Record<string, string>) => void
  /** Where one image's build and push output goes; default: `logger`, each line prefixed `[id]`. */
  imageLog?: (imageId: string) => (line: string) => void
  /** An image's build ended (pushed too with a registry cache; reused: nothing built), before its push. */
  onImageBuilt?: (imageId: string, outcome: 'built' | 'built and pushed' | 'reused') => void
  /** An image built into the daemon was pushed. */
  onImagePushed?: (report: ImageReport) => void
  /**
   * References this run tagged in the local daemon (the commit and label tags, the pulled or moved cache tag):
   * the post step removes them, so a self-hosted runner does not gather three tags per image per run.
   */
  onLocalTags?: (references: string[]) => void
}
