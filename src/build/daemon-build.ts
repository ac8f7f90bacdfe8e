// Building into the daemon, then `docker push`: the inline-cache paths (buildx's docker driver on a classic
// store, the daemon's BuildKit without buildx) and the legacy builder.
//
// The cache image is PULLED before the build, not only named in --cache-from.
// The BuildKit of docker 20.10 drops the cache records of layers it took from
// a remote --cache-from when it writes the new image's inline cache
// (moby/buildkit#1981, #1992): the image built on fresh runner A then has no
// record for its dependency layers, and once the cache tag moves to it the
// next fresh runner rebuilds them. When the cache image is in the local store,
// BuildKit uses it as a local cache source instead and carries every record
// on, so each image pushed is a complete cache for the next one, and a changed
// dependency layer (rebuilt, hence recorded) refreshes it. The pull costs
// little: the hit layers must be downloaded into the daemon for the image
// anyway, and the pull is what tells `docker push` they already exist.
// Rejected: keeping the old cache tag when the new image's records are
// incomplete (a change in a middle layer, e.g. the Gemfile above an apt
// layer, would then be rebuilt by every later fresh runner).
//
// An inline cache holds the steps of the image's own stages only, so a stage
// the target copies from (the `build` stage of a Rails Dockerfile: compilers,
// the compiled gems) would be rebuilt by every fresh runner. Each such stage
// gets a cache image of its own, `<cache tag>-<stage>` (./dockerfile-stages.ts
// names them): pulled with the cache image, named in --cache-from, and after
// the build tagged from BuildKit's cache (`--target <stage>`, no step runs
// again) and pushed beside the image, so the smoke test does not wait for it.

import { readFile } from 'node:fs/promises'

import { buildArgs, cacheSources, type BuildPath } from '../adapters/docker/build-args.js'
import { describeImage } from '../adapters/docker/build-context.js'
import { imageDiffIds, pushImage, runBuild, tagImage, tryPull } from '../adapters/docker/docker-cli.js'
import { statsFromPushOutput } from '../adapters/docker/layer-stats.js'
import { errorMessage } from '../core/errors.js'
import type { ImageBuild } from '../core/plan/types.js'
import {
  buildInput,
  logLines,
  manifestOf,
  secondsSince,
  type BuildTarget,
  type PushedImage,
  type StageContext
} from './build-target.js'
import { stagesToCache } from './dockerfile-stages.js'

export interface LocalBuild {
  input: ReturnType<typeof buildInput> & { stageCacheRefs: string[] }
  /** The stages with a cache image of their own, in the order of stageCacheRefs. */
  stages: string[]
  /** The first tag: what the push reports the digest of, and what a local run uses. */
  primary: string
  buildSeconds: number
}

/** Inline cache (buildx docker driver or daemon BuildKit) and legacy builders: build into the daemon; pushBuilt pushes afterwards. */
export async function buildLocally(
  context: StageContext,
  buildPath: BuildPath,
  target: BuildTarget
): Promise<LocalBuild> {
  const { run } = context
  const { image } = target
  const stages =
    buildPath.kind === 'legacy'
      ? []
      : stagesToCache(await readFile(target.paths.dockerfile, 'utf8'), image.target)
  const base = buildInput(context, buildPath, target)
  const input = { ...base, stageCacheRefs: stages.map(stage => `${base.cacheRef}-${stage}`) }
  const onLine = logLines(context, image)
  const buildStart = Date.now()
  try {
    // Every path here needs the cache images locally: the legacy builder can
    // use nothing else, and BuildKit's inline cache is only complete when
    // built from a local cache image (see the top of this file).
    const cacheRefs = cacheSources(input)
    const pulled = await Promise.all(cacheRefs.map(reference => tryPull(run, reference)))
    context.options.onLocalTags?.(cacheRefs.filter((_, index) => pulled[index]))
    const missing = cacheRefs.filter((_, index) => !pulled[index])
    if (missing.length > 0) onLine(`no cache image ${missing.join(', ')} yet`)
    await runBuild(run, buildArgs(input), onLine)
    context.options.onLocalTags?.(input.tags)
  } catch (error) {
    throw new Error(`Build of ${describeImage(image)} failed: ${errorMessage(error)}`)
  }
  return { input, stages, primary: input.tags[0] as string, buildSeconds: secondsSince(buildStart) }
}

export async function pushBuilt(
  context: StageContext,
  image: ImageBuild,
  local: LocalBuild
): Promise<PushedImage> {
  const { run } = context
  const { input, buildSeconds } = local
  const onLine = logLines(context, image)
  const pushStart = Date.now()
  const [primary, ...others] = input.tags as [string, ...string[]]
  try {
    const stageCaches = pushStageCaches(context, image, local)
    const pushOutput = await pushImage(run, primary, onLine)
    for (const reference of others) await pushImage(run, reference, onLine)
    await pushCacheTag(context, image, primary, input.cacheRef)
    await stageCaches
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

/**
 * Tags each stage's cache image from BuildKit's cache (every step of the stage ran or hit in the build just
 * done, so nothing runs again) and pushes it; only its changed layers are uploaded. A failure costs the next
 * fresh runner that stage's cache, not this deploy: a warning.
 */
async function pushStageCaches(context: StageContext, image: ImageBuild, local: LocalBuild): Promise<void> {
  const { input } = local
  for (const [index, stage] of local.stages.entries()) {
    const reference = input.stageCacheRefs[index] as string
    try {
      await runBuild(context.run, buildArgs({ ...input, target: stage, tags: [reference] }), () => undefined)
      context.options.onLocalTags?.([reference])
      await pushImage(context.run, reference, () => undefined)
    } catch (error) {
      context.logger.warning(
        `Could not push the cache of stage "${stage}" of ${describeImage(image)} (${errorMessage(error)}); ` +
          'the next build on a fresh runner will build that stage again'
      )
    }
  }
}
