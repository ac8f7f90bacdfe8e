// The registry-cache path: `docker buildx build --push` with a registry cache (mode=max) in ECR.
//
// With the docker driver the image is also in the daemon, unpacked before the push and the cache export start
// (`unpacking to <ref> done` in the plain log): `onLocal` is told then, so the smoke test runs beside the push
// and the cache export instead of after them. A log without that line tells it when the build ends.

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildArgs, type BuildPath } from '../adapters/docker/build-args.js'
import { describeImage } from '../adapters/docker/build-context.js'
import { unpackedReference } from '../adapters/docker/build-output.js'
import { runBuild } from '../adapters/docker/docker-cli.js'
import { statsFromKnownBlobs } from '../adapters/docker/layer-stats.js'
import { errorMessage } from '../core/errors.js'
import {
  buildInput,
  logLines,
  manifestOf,
  secondsSince,
  writtenCacheTag,
  type BuildTarget,
  type PushedImage,
  type StageContext
} from './build-target.js'

/** buildx pushes by itself (only blobs the registry lacks) and writes the digest to a metadata file. */
export async function buildAndPushWithBuildx(
  context: StageContext,
  buildPath: BuildPath,
  target: BuildTarget,
  onLocal?: (reference: string) => void
): Promise<PushedImage> {
  const { image } = target
  const input = buildInput(context, buildPath, target)
  // What the registry already holds, to tell uploaded layers from reused ones afterwards.
  const cacheManifest = await context.options.registry
    .getManifest(image.repository, writtenCacheTag(context))
    .catch(() => undefined)
  const blobsBefore = new Set(cacheManifest?.layers.map(layer => layer.digest) ?? [])
  const folder = await mkdtemp(path.join(tmpdir(), 'bdd-buildx-'))
  const metadataFile = path.join(folder, 'metadata.json')
  const start = Date.now()
  const imagesLocal = buildPath.kind === 'registry-cache' && buildPath.imagesLocal
  const log = logLines(context, image)
  let local: string | undefined
  const onLine = (line: string): void => {
    log(line)
    const unpacked = imagesLocal && local === undefined ? unpackedReference(line, input.tags) : undefined
    if (unpacked === undefined) return
    local = unpacked
    context.options.onLocalTags?.(input.tags)
    onLocal?.(unpacked)
  }
  try {
    await runBuild(context.run, buildArgs({ ...input, metadataFile }), onLine)
    // The docker driver also keeps the image, under its tags, in the daemon.
    if (imagesLocal) context.options.onLocalTags?.(input.tags)
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
