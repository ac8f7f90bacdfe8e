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
// itself, built with an inline cache (with one more cache image per stage it copies from). Either way a fresh
// runner's build hits the cache for the unchanged layers, reuses their registry
// blobs, and the push uploads only the layers that changed.
//
// With an inline cache the cache images are pulled before the build, and a stage the image only copies
// from gets a cache image of its own: ./daemon-build.ts says why.
//
// Each image is pushed as soon as it is built. The smoke test (onBuilt)
// starts once every image is built and runs beside the pushes: a failed smoke
// test stops the deploy before UpdateEnvironment, not the push (an image in
// ECR that no version uses is harmless; the lifecycle policy ages it out).
//
// The smoke test gets what the local daemon can run. A registry-cache build on
// the docker driver (a containerd image store) has the image in the daemon
// once BuildKit has unpacked it, before its push and its cache export: the
// smoke test gets the tag this build named then and runs beside them. On a
// builder other than the docker driver the image stays in that builder's own
// BuildKit, so it gets the pushed `repo@digest`, which the smoke runner
// pulls: the exact bytes that will be deployed, and cheaper than `--load`,
// which would stream every image, uncompressed, out of BuildKit on every build
// whether or not a smoke test runs.

import { randomBytes } from 'node:crypto'

import { checkBuildInputs, describeImage, type ResolvedBuildPaths } from '../adapters/docker/build-context.js'
import { inspectBuilder } from '../adapters/docker/builder-inspection.js'
import { createCommandRunner } from '../adapters/docker/command-runner.js'
import { imageTags } from '../adapters/docker/image-tags.js'
import { isImmutableTagRefusal } from '../adapters/ecr.js'
import { formatBytes } from '../core/bytes.js'
import { errorMessage } from '../core/errors.js'
import type { ImageBuild } from '../core/plan/types.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import type { BuildAndPushOptions, ImageReport } from './build-options.js'
import type { BuildTarget, PushedImage, StageContext } from './build-target.js'
import { buildLocally, pushBuilt } from './daemon-build.js'
import { buildAndPushWithBuildx } from './registry-cache-build.js'
import { once, resolveBuildPath } from './resolve-path.js'
import { chooseStrategy, platformSupport, runBuilderName } from './strategy.js'

export type { BuildAndPushOptions, ImageRegistry, ImageReport } from './build-options.js'

export const DEFAULT_CACHE_TAG = 'buildcache'
export const DEFAULT_KEEP_IMAGES = 30

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
  for (const image of images) {
    const checked = await checkBuildInputs(options.workspace, image)
    for (const warning of checked.warnings) logger.warning(warning)
    paths.set(image.id, checked)
  }
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
    let unpacked: (reference: string) => void = () => undefined
    const local = new Promise<string>(resolve => (unpacked = resolve))
    const pushed = buildAndPushWithBuildx(context, buildPath, target, unpacked)
      .then(toReport, pushedMeanwhile)
      .then(report => {
        options.onImageBuilt?.(image.id, 'built and pushed')
        return report
      })
    // Taken by finish() (or by the race below when it fails first).
    pushed.catch(() => undefined)
    // Runnable once the daemon has it unpacked (the docker driver), else once pushed (pulled by digest).
    const localRef = await Promise.race([local, pushed.then(report => report.imageUri)])
    return { id: image.id, localRef, finish: () => pushed }
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
