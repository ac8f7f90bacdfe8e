// The build-and-push stage: every distinct ImageBuild of the plan is built
// once, concurrently, pushed to its ECR repository under the commit SHA (and
// the version label), and reported with the digest the bundle pins.
//
// How each image is built is decided once per run (./strategy.ts, from what
// `docker buildx inspect` and `docker info` say) and logged in one line.
//
// Layer cache across empty runners: each repository has a moving cache tag
// (default "buildcache"). With a builder that exports cache it holds a registry
// cache manifest (mode=max: every stage); otherwise it is the last pushed image
// itself, built with an inline cache (final stage only). Either way a fresh
// runner's build hits the cache for the unchanged layers, reuses their registry
// blobs, and the push uploads only the layers that changed.
//
// With an inline cache, the cache image is PULLED before the build, not only named
// in --cache-from. The BuildKit of docker 20.10 drops the cache records of
// layers it took from a remote --cache-from when it writes the new image's
// inline cache (moby/buildkit#1981, #1992): the image built on fresh runner A
// then has no record for its dependency layers, and once the cache tag moves
// to it the next fresh runner rebuilds them. When the cache image is in the
// local store, BuildKit uses it as a local cache source instead and carries
// every record on, so each image pushed is a complete cache for the next one,
// and a changed dependency layer (rebuilt, hence recorded) refreshes it. The
// pull costs little: the hit layers must be downloaded into the daemon for the
// image anyway, and the pull is what tells `docker push` they already exist.
// Rejected: keeping the old cache tag when the new image's records are
// incomplete (a change in a middle layer, e.g. the Gemfile above an apt
// layer, would then be rebuilt by every later fresh runner), and several
// --cache-from refs (each image built from them loses more records).
//
// Each image is pushed as soon as it is built. The smoke test (onBuilt)
// starts once every image is built and runs beside the pushes: a failed smoke
// test stops the deploy before UpdateEnvironment, not the push (an image in
// ECR that no version uses is harmless; the lifecycle policy ages it out).
//
// The smoke test gets what the local daemon can run. A registry-
// cache build on a builder other than the docker driver keeps its image in its
// own BuildKit, so it gets the pushed `repo@digest`, which the smoke runner
// pulls: the exact bytes that will be deployed, and cheaper than `--load`,
// which would stream every image, uncompressed, out of BuildKit on every build
// whether or not a smoke test runs.

import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildArgs, type BuildPath, type BuildPathKind } from '../adapters/docker/build-args.js'
import { checkBuildInputs, describeImage, type ResolvedBuildPaths } from '../adapters/docker/build-context.js'
import { inspectBuilder } from '../adapters/docker/builder-inspection.js'
import { createCommandRunner, type CommandRunner } from '../adapters/docker/command-runner.js'
import { imageDiffIds, pushImage, runBuild, tagImage, tryPull } from '../adapters/docker/docker-cli.js'
import { imageTags, ociLabels } from '../adapters/docker/image-tags.js'
import { statsFromKnownBlobs, statsFromPushOutput, type LayerStats } from '../adapters/docker/layer-stats.js'
import type {
  ExistingImage,
  Manifest,
  RegistryAccess,
  RepositorySettings,
  TagMutability
} from '../adapters/docker/registry-api.js'
import { isImmutableTagRefusal } from '../adapters/ecr.js'
import { formatBytes } from '../core/bytes.js'
import { errorMessage } from '../core/errors.js'
import type { ImageBuild } from '../core/plan/types.js'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'
import { once, resolveBuildPath, type RunBuilderOptions } from './resolve-path.js'
import { chooseStrategy, platformSupport, runBuilderName } from './strategy.js'

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

export const DEFAULT_CACHE_TAG = 'buildcache'
export const DEFAULT_KEEP_IMAGES = 30

interface StageContext {
  options: BuildAndPushOptions
  run: CommandRunner
  logger: Logger
  /** How images are built; resolved (run builder started or not) on the first image that needs a build. */
  buildPath: () => Promise<BuildPath>
  /** The path planned before any builder is started, reported for images that were reused. */
  plannedPath: BuildPathKind
  settings: RepositorySettings
}

const secondsSince = (start: number): number => Math.round((Date.now() - start) / 100) / 10

export function describeReport(report: ImageReport): string {
  if (report.reused) return `${report.id}: reused ${report.imageUri} (already in ECR for this commit)`
  return (
    `${report.id}: ${report.imageUri} built with ${report.builder} in ${report.buildSeconds}s, ` +
    `pushed ${report.layersPushed} layers (${formatBytes(report.bytesPushed)}) in ${report.pushSeconds}s, ` +
    `${report.layersExisting} layers already in the registry`
  )
}

/** Builds and pushes every image; throws one error naming each image that failed. */
export async function buildAndPush(
  images: ImageBuild[],
  options: BuildAndPushOptions
): Promise<ImageReport[]> {
  const run = options.run ?? createCommandRunner()
  const logger = options.logger ?? actionsLogger
  if (!options.commitSha) throw new Error('Build and push needs the commit SHA')

  // Local checks first: a typo in a path must not cost an AWS call.
  const paths = new Map<string, ResolvedBuildPaths>()
  for (const image of images) paths.set(image.id, await checkBuildInputs(options.workspace, image))
  if (images.length === 0) return []

  const inspected = await inspectBuilder(run, options.builder)
  const support = platformSupport(
    inspected,
    images.flatMap(image => options.platforms?.[image.id] ?? [])
  )
  if (support.error) throw new Error(support.error)
  for (const warning of support.warnings) logger.warning(warning)
  const strategy = chooseStrategy(
    inspected,
    options.runBuilderName ?? runBuilderName(randomBytes(4).toString('hex'))
  )
  // Logging in first makes a credentials problem fail the stage before any build starts.
  await options.registry.login()
  const context: StageContext = {
    options,
    run,
    logger,
    buildPath: once(() => resolveBuildPath(strategy, run, logger, options)),
    plannedPath: strategy.path.kind,
    settings: {
      tagMutability: options.tagMutability ?? 'MUTABLE',
      keepImages: options.keepImages ?? DEFAULT_KEEP_IMAGES,
      cacheTag: options.cacheTag ?? DEFAULT_CACHE_TAG
    }
  }

  // Each image's push follows its own build; the smoke test starts when the last build ends.
  const builds = images.map(image => buildImage(context, image, paths.get(image.id) as ResolvedBuildPaths))
  // Every outcome is taken now: a push failing while another image builds is reported with the rest.
  // A failed build's error comes through its push.
  const pushes = allOrOneError(builds.map(build => build.then(image => image.finish())))
  const built = await Promise.allSettled(builds)
  const ready = built.flatMap(outcome => (outcome.status === 'fulfilled' ? [outcome.value] : []))
  if (options.onBuilt && ready.length === built.length) {
    options.onBuilt(Object.fromEntries(ready.map(image => [image.id, image.localRef])))
  }
  const reports = await pushes
  for (const report of reports) logger.info(describeReport(report))
  return reports
}

/** Waits for every promise; rejects with one error joining the messages of all that failed. */
async function allOrOneError<T>(work: Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(work)
  const failures = outcomes.flatMap(outcome =>
    outcome.status === 'rejected' ? [errorMessage(outcome.reason)] : []
  )
  if (failures.length > 0) throw new Error(failures.join('; '))
  return outcomes.flatMap(outcome => (outcome.status === 'fulfilled' ? [outcome.value] : []))
}

/** The report of an image this run did not build: one already in ECR under the commit's tag. */
function reusedReport(
  base: Pick<ImageReport, 'id' | 'services' | 'repository'>,
  builder: ImageReport['builder'],
  repositoryUri: string,
  found: { digest: string; tags: string[] }
): ImageReport {
  return {
    ...base,
    builder,
    imageUri: `${repositoryUri}@${found.digest}`,
    digest: found.digest,
    tags: found.tags,
    reused: true,
    layersPushed: 0,
    layersExisting: 0,
    bytesPushed: 0,
    buildSeconds: 0,
    pushSeconds: 0
  }
}

/** One image after its build: what the local daemon can run, and the push that completes its report. */
interface BuiltImage {
  id: string
  localRef: string
  finish: () => Promise<ImageReport>
}

async function buildImage(
  context: StageContext,
  image: ImageBuild,
  paths: ResolvedBuildPaths
): Promise<BuiltImage> {
  const { options, settings } = context
  const tags = imageTags(options.commitSha, options.versionLabel, options.platforms?.[image.id])
  const repositoryUri = await context.options.registry.ensureRepository(image.repository, settings)
  const existing = await options.registry.findImage(image.repository, tags[0] as string)
  const base = { id: image.id, services: image.services, repository: image.repository }
  if (existing) {
    const report = reusedReport(base, context.plannedPath, repositoryUri, existing)
    options.onImageBuilt?.(image.id, 'reused')
    return { id: image.id, localRef: report.imageUri, finish: async () => report }
  }
  const buildPath = await context.buildPath()
  const toReport = (pushed: PushedImage): ImageReport => ({
    ...base,
    builder: buildPath.kind,
    ...pushed,
    imageUri: `${repositoryUri}@${pushed.digest}`,
    tags,
    reused: false
  })
  const target: BuildTarget = { image, paths, uri: repositoryUri, tags }
  // Two runs of one commit (a re-run while the first still pushes) both find no image and both build; with
  // immutable tags ECR refuses the second push, even of an identical image. That run then uses the image the
  // first one pushed under the commit's tag: built from the same commit.
  const pushedMeanwhile = async (error: unknown): Promise<ImageReport> => {
    const other = isImmutableTagRefusal(error)
      ? await options.registry.findImage(image.repository, tags[0] as string)
      : undefined
    if (!other) throw error
    context.logger.info(
      `${describeImage(image)}: another run of this commit pushed ${tags[0]} first and ECR keeps immutable tags (${errorMessage(error)}); using its image ${other.digest}`
    )
    return reusedReport(base, buildPath.kind, repositoryUri, other)
  }
  if (buildPath.kind === 'registry-cache') {
    const report = await buildAndPushWithBuildx(context, buildPath, target).then(toReport, pushedMeanwhile)
    options.onImageBuilt?.(image.id, 'built and pushed')
    // The docker driver left the image in the daemon; other builders' images are pulled by digest.
    return { id: image.id, localRef: report.imageUri, finish: async () => report }
  }
  const local = await buildLocally(context, buildPath, target)
  options.onImageBuilt?.(image.id, 'built')
  return {
    id: image.id,
    localRef: local.primary,
    finish: async () => {
      const report = await pushBuilt(context, image, local).then(toReport, pushedMeanwhile)
      options.onImagePushed?.(report)
      return report
    }
  }
}

/** One image to build: where its files are and the references it is pushed under. */
interface BuildTarget {
  image: ImageBuild
  paths: ResolvedBuildPaths
  /** The repository URI, e.g. 123.dkr.ecr…/puppies/web. */
  uri: string
  tags: string[]
}

interface PushedImage extends LayerStats {
  digest: string
  buildSeconds: number
  pushSeconds: number
}

function buildInput(context: StageContext, buildPath: BuildPath, { image, paths, uri, tags }: BuildTarget) {
  const { options, settings } = context
  return {
    path: buildPath,
    contextDir: paths.contextDir,
    dockerfile: paths.dockerfile,
    target: image.target,
    buildArgs: image.args,
    labels: ociLabels(options.sourceUrl),
    tags: tags.map(tag => `${uri}:${tag}`),
    cacheRef: `${uri}:${settings.cacheTag}`,
    provenance: options.provenance,
    platform: options.platforms?.[image.id]
  }
}

const logLines = (context: StageContext, image: ImageBuild): ((line: string) => void) =>
  context.options.imageLog?.(image.id) ?? (line => context.logger.info(`[${image.id}] ${line}`))

async function manifestOf(context: StageContext, image: ImageBuild, reference: string) {
  const manifest = await context.options.registry.getManifest(image.repository, reference)
  if (!manifest) throw new Error(`the registry has no manifest ${image.repository}@${reference}`)
  return manifest
}

interface LocalBuild {
  input: ReturnType<typeof buildInput>
  /** The first tag: what the push reports the digest of, and what a local run uses. */
  primary: string
  buildSeconds: number
}

/** Inline cache (buildx docker driver or daemon BuildKit) and legacy builders: build into the daemon; pushBuilt pushes afterwards. */
async function buildLocally(
  context: StageContext,
  buildPath: BuildPath,
  target: BuildTarget
): Promise<LocalBuild> {
  const { run } = context
  const { image } = target
  const input = buildInput(context, buildPath, target)
  const onLine = logLines(context, image)
  const buildStart = Date.now()
  try {
    // Every path here needs the cache image locally: the legacy builder can
    // use nothing else, and BuildKit's inline cache is only complete when
    // built from a local cache image (see the top of this file).
    if (await tryPull(run, input.cacheRef)) context.options.onLocalTags?.([input.cacheRef])
    else onLine(`no cache image ${input.cacheRef} yet`)
    await runBuild(run, buildArgs(input), onLine)
    context.options.onLocalTags?.(input.tags)
  } catch (error) {
    throw new Error(`Build of ${describeImage(image)} failed: ${errorMessage(error)}`)
  }
  return { input, primary: input.tags[0] as string, buildSeconds: secondsSince(buildStart) }
}

async function pushBuilt(context: StageContext, image: ImageBuild, local: LocalBuild): Promise<PushedImage> {
  const { run } = context
  const { input, buildSeconds } = local
  const onLine = logLines(context, image)
  const pushStart = Date.now()
  const [primary, ...others] = input.tags as [string, ...string[]]
  try {
    const pushOutput = await pushImage(run, primary, onLine)
    for (const reference of others) await pushImage(run, reference, onLine)
    await pushCacheTag(context, image, primary, input.cacheRef)
    const digest = pushOutput.digest as string
    const [diffIds, manifest] = await Promise.all([
      imageDiffIds(run, primary),
      manifestOf(context, image, digest)
    ])
    const { inexact, ...stats } = statsFromPushOutput(diffIds, manifest.layers, pushOutput)
    if (inexact !== undefined)
      context.logger.warning(
        `Push of ${describeImage(image)} succeeded; its statistics are inexact: ${inexact}`
      )
    return { ...stats, digest, buildSeconds, pushSeconds: secondsSince(pushStart) }
  } catch (error) {
    throw new Error(`Push of ${describeImage(image)} failed: ${errorMessage(error)}`)
  }
}

/**
 * Moves the cache tag to the image just pushed (same manifest, so no layer is
 * uploaded again). A repository whose tags are all immutable refuses this;
 * the deploy still works, only the next fresh runner builds without cache.
 */
async function pushCacheTag(context: StageContext, image: ImageBuild, source: string, cacheRef: string) {
  try {
    await tagImage(context.run, source, cacheRef)
    context.options.onLocalTags?.([cacheRef])
    await pushImage(context.run, cacheRef, () => undefined)
  } catch (error) {
    context.logger.warning(
      `Could not move the build cache tag of ${describeImage(image)} (${errorMessage(error)}); ` +
        'the next build on a fresh runner will not use the layer cache'
    )
  }
}

/** buildx pushes by itself (only blobs the registry lacks) and writes the digest to a metadata file. */
async function buildAndPushWithBuildx(
  context: StageContext,
  buildPath: BuildPath,
  target: BuildTarget
): Promise<PushedImage> {
  const { image } = target
  const input = buildInput(context, buildPath, target)
  // What the registry already holds, to tell uploaded layers from reused ones afterwards.
  const cacheManifest = await context.options.registry
    .getManifest(image.repository, context.settings.cacheTag)
    .catch(() => undefined)
  const blobsBefore = new Set(cacheManifest?.layers.map(layer => layer.digest) ?? [])
  const folder = await mkdtemp(path.join(tmpdir(), 'bdd-buildx-'))
  const metadataFile = path.join(folder, 'metadata.json')
  const start = Date.now()
  try {
    await runBuild(context.run, buildArgs({ ...input, metadataFile }), logLines(context, image))
    // The docker driver also keeps the image, under its tags, in the daemon.
    if (buildPath.kind === 'registry-cache' && buildPath.imagesLocal)
      context.options.onLocalTags?.(input.tags)
    const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>
    const digest = metadata['containerimage.digest']
    if (typeof digest !== 'string') throw new Error('buildx reported no image digest')
    const manifest = await manifestOf(context, image, digest)
    return {
      ...statsFromKnownBlobs(manifest.layers, blobsBefore),
      digest,
      buildSeconds: secondsSince(start),
      pushSeconds: 0
    }
  } catch (error) {
    throw new Error(`Build of ${describeImage(image)} failed: ${errorMessage(error)}`)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
