// Pure: the argv (and environment) of one image build, for each builder.
// Kept free of I/O so every flag combination is tested as a table.

/** How an image is built; chosen by src/build/strategy.ts from what the runner has. */
export type BuildPath =
  /** buildx with a builder that exports cache: pushes while it builds, registry cache mode=max. */
  | { kind: 'registry-cache'; builder: string; driver: string; imagesLocal: boolean }
  /** buildx's docker driver on a classic image store: builds into the daemon with an inline cache. */
  | { kind: 'inline-cache'; builder: string }
  /** No buildx: `DOCKER_BUILDKIT=1 docker build` with an inline cache. */
  | { kind: 'buildkit' }
  /** No BuildKit at all: the classic builder, from a pulled cache image. */
  | { kind: 'legacy' }

export type BuildPathKind = BuildPath['kind']

export interface BuildCommandInput {
  path: BuildPath
  /** Absolute build context folder. */
  contextDir: string
  /** Absolute Dockerfile path. */
  dockerfile: string
  target?: string | undefined
  buildArgs: Record<string, string>
  labels: Record<string, string>
  /** Full references to tag, e.g. 123.dkr.ecr…/puppies/web:<sha>. */
  tags: string[]
  /** The moving cache reference, e.g. 123.dkr.ecr…/puppies/web:buildcache. */
  cacheRef: string
  /**
   * Caches read but never written: a pull request preview writes its own cache and reads production's, so a
   * pull request cannot put layers under the keys production's next build hits.
   */
  readOnlyCacheRefs?: string[]
  /**
   * Inline-cache paths only: the cache images of the stages the target copies from (`<cache tag>-<stage>`,
   * src/build/dockerfile-stages.ts), also named in --cache-from.
   */
  stageCacheRefs?: string[]
  /** registry-cache only: where buildx writes the pushed digest. */
  metadataFile?: string
  /** registry-cache only: attach a provenance attestation (an image index, which ECS cannot run by digest). */
  provenance?: boolean | undefined
  /**
   * buildx only: the platform to build for, e.g. linux/arm64 (another architecture runs under QEMU).
   * The builders without buildx build for the daemon's own architecture: the stage refuses any other first.
   */
  platform?: string | undefined
}

export interface BuildCommand {
  args: string[]
  env: Record<string, string>
}

/** Every cache image an inline-cache build reads: its own, its stages', and the read-only ones. */
export function cacheSources(input: BuildCommandInput): string[] {
  return [input.cacheRef, ...(input.stageCacheRefs ?? []), ...(input.readOnlyCacheRefs ?? [])]
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

/**
 * Reproducible image timestamps: BuildKit 0.11 and later (buildx 0.13's
 * docker-container builder runs BuildKit 0.13, as does Docker 26's own) set the
 * image config's `created` and every history entry to SOURCE_DATE_EPOCH, so an
 * unchanged service rebuilt on a fresh runner keeps its digest. 0, not the
 * commit's time: a per-commit value would change every image's config, hence
 * its digest, on every commit. docker 20.10's BuildKit (0.8) ignores it; it
 * takes those times from the build steps, and a step taken from the cache
 * keeps its recorded time, so a cached rebuild keeps its digest there too.
 * A user's own --build-arg SOURCE_DATE_EPOCH comes later and wins.
 */
const REPRODUCIBLE_TIMESTAMPS = ['--build-arg', 'SOURCE_DATE_EPOCH=0']

/** `docker buildx build` on a named builder, with plain progress (one line per step in the log). */
function buildxBuild(builder: string, input: BuildCommandInput): string[] {
  return [
    'buildx',
    'build',
    '--builder',
    builder,
    '--file',
    input.dockerfile,
    '--progress=plain',
    ...(input.platform ? ['--platform', input.platform] : [])
  ]
}

/**
 * buildx runs git in the context folder, on the runner, to record the commit (docker/buildx build/git.go), and git
 * obeys the config of whatever repository it finds there: a pull request's folder laid out as one runs its own
 * commands (uploadpack, ext:: remotes). Off for every build; the images carry their source in our own labels.
 */
const NO_GIT_LOOKUP = { BUILDX_GIT_INFO: '0', BUILDX_GIT_LABELS: '0' }

export function buildArgs(input: BuildCommandInput): BuildCommand {
  const command = buildCommand(input)
  return { ...command, env: { ...command.env, ...NO_GIT_LOOKUP } }
}

function buildCommand(input: BuildCommandInput): BuildCommand {
  const { path } = input
  switch (path.kind) {
    case 'registry-cache':
      // buildx pushes itself: BuildKit checks each blob in the registry
      // before uploading it, and the registry cache (mode=max) keeps every
      // intermediate layer of every stage. image-manifest=true stores the
      // cache as an image manifest, which ECR accepts (it rejects the
      // default cache index); oci-mediatypes=true is required with it.
      return {
        env: {},
        args: [
          ...buildxBuild(path.builder, input),
          `--provenance=${input.provenance === true}`,
          '--push',
          ...(input.metadataFile ? ['--metadata-file', input.metadataFile] : []),
          ...[input.cacheRef, ...(input.readOnlyCacheRefs ?? [])].flatMap(ref => [
            '--cache-from',
            `type=registry,ref=${ref}`
          ]),
          '--cache-to',
          `type=registry,ref=${input.cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`,
          ...REPRODUCIBLE_TIMESTAMPS,
          ...commonFlags(input),
          input.contextDir
        ]
      }
    case 'inline-cache':
      // The docker driver on a classic store refuses --cache-to type=registry
      // ("Cache export is not supported for the docker driver"). An inline
      // cache travels in the image config instead, so the image pushed under
      // the cache tag is also the cache; as with the daemon's BuildKit below,
      // the caller pulls it first and pushes with `docker push` afterwards.
      return {
        env: {},
        args: [
          ...buildxBuild(path.builder, input),
          '--provenance=false',
          '--load',
          ...cacheSources(input).flatMap(ref => ['--cache-from', `type=registry,ref=${ref}`]),
          '--cache-to',
          'type=inline',
          ...REPRODUCIBLE_TIMESTAMPS,
          ...commonFlags(input),
          input.contextDir
        ]
      }
    case 'buildkit':
      // Inline cache: the cache metadata travels in the image config, so the
      // image pushed under the cache tag is also the cache. The caller pulls
      // that image first: docker 20.10's BuildKit only carries the cache
      // records of hits on into the new image when the cache image is local
      // (see src/build/build-and-push.ts), and the pull tells `docker push`
      // that those layers are already in the registry.
      return {
        env: { DOCKER_BUILDKIT: '1' },
        args: [
          'build',
          '--file',
          input.dockerfile,
          '--progress=plain',
          '--build-arg',
          'BUILDKIT_INLINE_CACHE=1',
          ...cacheSources(input).flatMap(ref => ['--cache-from', ref]),
          ...REPRODUCIBLE_TIMESTAMPS,
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
          ...[input.cacheRef, ...(input.readOnlyCacheRefs ?? [])].flatMap(ref => ['--cache-from', ref]),
          ...commonFlags(input),
          input.contextDir
        ]
      }
  }
}

/**
 * A docker-container builder for one run: not made the current builder
 * (no --use), so later steps of the job build as before; --bootstrap starts
 * its BuildKit container now, so a failure to start (moby/buildkit cannot be
 * pulled) shows here, within a bounded time, not in the first build.
 */
export function createBuilderArgs(name: string): string[] {
  return ['buildx', 'create', '--name', name, '--driver', 'docker-container', '--bootstrap']
}

/** Removes a builder with its BuildKit container and state. */
export function removeBuilderArgs(name: string): string[] {
  return ['buildx', 'rm', name]
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
