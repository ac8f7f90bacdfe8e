// Pure: the argv (and environment) of one image build, for each builder.
// Kept free of I/O so every flag combination is tested as a table.

import type { Builder } from './builder-detection.js'

export interface BuildCommandInput {
  builder: Builder
  /** Absolute build context folder. */
  contextDir: string
  /** Absolute Dockerfile path. */
  dockerfile: string
  target?: string
  buildArgs: Record<string, string>
  labels: Record<string, string>
  /** Full references to tag, e.g. 123.dkr.ecr…/puppies/web:<sha>. */
  tags: string[]
  /** The moving cache reference, e.g. 123.dkr.ecr…/puppies/web:buildcache. */
  cacheRef: string
  /** buildx only: where buildx writes the pushed digest. */
  metadataFile?: string
  /** buildx only: attach a provenance attestation (an image index, which ECS cannot run by digest). */
  provenance?: boolean
}

export interface BuildCommand {
  args: string[]
  env: Record<string, string>
}

/** Sorted so the argv does not depend on the order keys were written in. */
function keyValueFlags(flag: string, values: Record<string, string>): string[] {
  return Object.keys(values)
    .sort()
    .flatMap(key => [flag, `${key}=${values[key]}`])
}

function commonFlags(input: BuildCommandInput): string[] {
  return [
    ...(input.target ? ['--target', input.target] : []),
    ...keyValueFlags('--build-arg', input.buildArgs),
    ...keyValueFlags('--label', input.labels),
    ...input.tags.flatMap(tag => ['--tag', tag])
  ]
}

export function buildArgs(input: BuildCommandInput): BuildCommand {
  switch (input.builder) {
    case 'buildx':
      // buildx pushes itself: BuildKit checks each blob in the registry
      // before uploading it, and the registry cache (mode=max) keeps every
      // intermediate layer of every stage. image-manifest=true stores the
      // cache as an image manifest, which ECR accepts (it rejects the
      // default cache index); oci-mediatypes=true is required with it.
      return {
        env: {},
        args: [
          'buildx',
          'build',
          '--file',
          input.dockerfile,
          '--progress=plain',
          `--provenance=${input.provenance === true}`,
          '--push',
          ...(input.metadataFile ? ['--metadata-file', input.metadataFile] : []),
          '--cache-from',
          `type=registry,ref=${input.cacheRef}`,
          '--cache-to',
          `type=registry,ref=${input.cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`,
          ...commonFlags(input),
          input.contextDir
        ]
      }
    case 'buildkit':
      // Inline cache: the cache metadata travels in the image config, so the
      // image pushed under the cache tag is also the cache. The caller pulls
      // that image first: docker 20.10's BuildKit only carries the cache
      // records of hits on into the new image when the cache image is local
      // (see src/build-and-push.ts), and the pull tells `docker push` that
      // those layers are already in the registry.
      return {
        env: { DOCKER_BUILDKIT: '1' },
        args: [
          'build',
          '--file',
          input.dockerfile,
          '--progress=plain',
          '--build-arg',
          'BUILDKIT_INLINE_CACHE=1',
          '--cache-from',
          input.cacheRef,
          ...commonFlags(input),
          input.contextDir
        ]
      }
    case 'legacy':
      // The classic builder can only use a --cache-from image that is in the
      // local store; the caller pulls it first (a full download).
      return {
        env: { DOCKER_BUILDKIT: '0' },
        args: [
          'build',
          '--file',
          input.dockerfile,
          '--cache-from',
          input.cacheRef,
          ...commonFlags(input),
          input.contextDir
        ]
      }
  }
}

export function pushArgs(reference: string): string[] {
  return ['push', reference]
}

export function tagArgs(source: string, target: string): string[] {
  return ['tag', source, target]
}

/** The layer diff IDs of a local image, base first (the order of the pushed manifest's layers). */
export function diffIdsArgs(reference: string): string[] {
  return ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', reference]
}
