// What the two ways of building an image share (./build-and-push.ts runs them): the stage's context, one
// image's target references, the argv input of its build, its log and its pushed manifest.

import type { BuildPath, BuildPathKind } from '../adapters/docker/build-args.js'
import type { ResolvedBuildPaths } from '../adapters/docker/build-context.js'
import type { CommandRunner } from '../adapters/docker/command-runner.js'
import { ociLabels } from '../adapters/docker/image-tags.js'
import type { LayerStats } from '../adapters/docker/layer-stats.js'
import type { RepositorySettings } from '../adapters/docker/registry-api.js'
import type { ImageBuild } from '../core/plan/types.js'
import type { Logger } from '../adapters/actions-runner/logger.js'
import type { BuildAndPushOptions } from './build-options.js'

export interface StageContext {
  options: BuildAndPushOptions
  run: CommandRunner
  logger: Logger
  /** How images are built; resolved (run builder started or not) on the first image that needs a build. */
  buildPath: () => Promise<BuildPath>
  /** The path planned before any builder is started, reported for images that were reused. */
  plannedPath: BuildPathKind
  settings: RepositorySettings
}

export const secondsSince = (start: number): number => Math.round((Date.now() - start) / 100) / 10

/** One image to build: where its files are and the references it is pushed under. */
export interface BuildTarget {
  image: ImageBuild
  paths: ResolvedBuildPaths
  /** The repository URI, e.g. 123.dkr.ecr…/puppies/web. */
  uri: string
  tags: string[]
}

export interface PushedImage extends LayerStats {
  digest: string
  buildSeconds: number
  pushSeconds: number
}

export function buildInput(
  context: StageContext,
  buildPath: BuildPath,
  { image, paths, uri, tags }: BuildTarget
) {
  const { options, settings } = context
  return {
    path: buildPath,
    contextDir: paths.contextDir,
    dockerfile: paths.dockerfile,
    target: image.target,
    buildArgs: image.args,
    labels: ociLabels(options.sourceUrl),
    tags: tags.map(tag => `${uri}:${tag}`),
    cacheRef: `${uri}:${writtenCacheTag(context)}`,
    ...(options.cacheScope !== undefined && { readOnlyCacheRefs: [`${uri}:${settings.cacheTag}`] }),
    provenance: options.provenance,
    platform: options.platforms?.[image.id]
  }
}

/** The cache tag this run writes: the scope's own (`buildcache-pr12`), or the cache tag. */
export function writtenCacheTag(context: StageContext): string {
  const scope = context.options.cacheScope
  return scope === undefined ? context.settings.cacheTag : `${context.settings.cacheTag}-${scope}`
}

export const logLines = (context: StageContext, image: ImageBuild): ((line: string) => void) =>
  context.options.imageLog?.(image.id) ?? (line => context.logger.info(`[${image.id}] ${line}`))

export async function manifestOf(context: StageContext, image: ImageBuild, reference: string) {
  const manifest = await context.options.registry.getManifest(image.repository, reference)
  if (!manifest) throw new Error(`the registry has no manifest ${image.repository}@${reference}`)
  return manifest
}
