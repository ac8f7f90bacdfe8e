// Pure: how to build on the runner at hand, chosen for the fastest code-change
// deploy from a fresh runner (the case every GitHub-hosted run is):
//  - a builder that can export a registry cache (docker-container, remote,
//    kubernetes, cloud drivers; or the docker driver on a containerd image
//    store): registry cache mode=max in ECR, so every stage of a multi-stage
//    Dockerfile (the `build` stage that runs bundle install) stays cached;
//  - the docker driver on a classic image store (a GitHub-hosted runner with
//    no docker/setup-buildx-action step): it cannot export a registry cache,
//    so a docker-container builder is created for this run only (never made
//    the default; removed by the post step). When that builder cannot start
//    (moby/buildkit cannot be pulled), an inline cache on the docker driver:
//    the image and each stage it copies from get a cache image of their own,
//    which a fresh runner pulls whole (./daemon-build.ts);
//  - no buildx: the daemon's BuildKit with an inline cache, or the legacy builder.

import type { BuildPath } from '../adapters/docker/build-args.js'
import { PLATFORM, platformArchitecture } from '../core/architecture.js'
import type { BuildxBuilder, RunnerBuilder } from '../adapters/docker/builder-inspection.js'

export type BuildStrategy =
  | { kind: 'ready'; path: BuildPath; why: string }
  /** Create the docker-container builder `name` first; use `fallback` when it cannot start. */
  | { kind: 'run-builder'; name: string; path: BuildPath; fallback: BuildPath; why: string }

/** The builder created for a run: `bdd-` and a per-run suffix (buildx names allow [a-zA-Z0-9_.-]). */
export function runBuilderName(suffix: string): string {
  return `bdd-${suffix.replace(/[^a-zA-Z0-9_.-]/g, '-')}`.slice(0, 63)
}

function describeBuildxBuilder(builder: BuildxBuilder): string {
  const store = builder.imageStore ? `, ${builder.imageStore} image store` : ''
  return `builder "${builder.name}" (${builder.driver} driver${store})`
}

/** The strategy for the inspected builder; `runBuilder` is the name a builder created for this run would get. */
export function chooseStrategy(inspected: RunnerBuilder, runBuilder: string): BuildStrategy {
  if (inspected.kind !== 'buildx')
    return { kind: 'ready', path: { kind: inspected.kind }, why: inspected.reason }
  const { builder } = inspected
  // `docker buildx version` prints "github.com/docker/buildx v0.29.1 a32761a…": the version is the second word.
  const version = inspected.version.split(/\s+/)[1] ?? inspected.version
  const described = `buildx ${version}, ${describeBuildxBuilder(builder)}`
  if (builder.driver !== 'docker' || builder.imageStore === 'containerd') {
    return {
      kind: 'ready',
      path: {
        kind: 'registry-cache',
        builder: builder.name,
        driver: builder.driver,
        // The docker driver builds into the daemon's store; every other driver keeps images in its BuildKit.
        imagesLocal: builder.driver === 'docker'
      },
      why: `${described} exports a registry cache`
    }
  }
  return {
    kind: 'run-builder',
    name: runBuilder,
    path: { kind: 'registry-cache', builder: runBuilder, driver: 'docker-container', imagesLocal: false },
    fallback: { kind: 'inline-cache', builder: builder.name },
    why: `${described} cannot export a registry cache`
  }
}

/** One line for the log: what builds the images and how the cache in ECR works. */
export function describePath(path: BuildPath): string {
  switch (path.kind) {
    case 'registry-cache':
      return path.driver === 'docker'
        ? `buildx builder "${path.builder}" with a registry cache (mode=max) in ECR`
        : `buildx ${path.driver} builder "${path.builder}" with a registry cache (mode=max) in ECR`
    case 'inline-cache':
      return `buildx builder "${path.builder}" with an inline cache in ECR (a cache image per stage)`
    case 'buildkit':
      return "docker build on the daemon's BuildKit with an inline cache in ECR"
    case 'legacy':
      return 'the legacy docker builder, from the previous image pulled from ECR'
  }
}

/** The warning for a run whose docker-container builder could not start. */
export function fallbackWarning(name: string, cause: string): string {
  return (
    `Could not start the docker-container builder ${name} for this run (${cause}); building with an inline ` +
    'cache instead: a fresh runner pulls whole cache images (one per stage) before it builds. ' +
    'Add a docker/setup-buildx-action step before this one for a full registry cache in ECR.'
  )
}

/**
 * Pure: whether this runner's builder can build images for `platforms`
 * (e.g. linux/arm64 for a Graviton environment). Without buildx, docker builds
 * only for the daemon's own architecture: any other is refused in one line,
 * before anything is built or pushed. A buildx builder that lists its
 * platforms and lacks one has no QEMU for it: its RUN steps would fail with
 * "exec format error", which a warning explains up front (an image with no
 * RUN step still builds, so it is not refused).
 */
export function platformSupport(
  inspected: RunnerBuilder,
  platforms: readonly string[]
): { error?: string; warnings: string[] } {
  const wanted = [...new Set(platforms)]
  if (inspected.kind !== 'buildx') {
    const own = inspected.arch ? platformArchitecture(inspected.arch) : undefined
    const foreign = wanted.filter(platform => own !== undefined && platformArchitecture(platform) !== own)
    if (foreign.length === 0) return { warnings: [] }
    return {
      error:
        `Images for ${foreign.join(', ')} need buildx: without it docker builds only for this runner's ` +
        `${own ? PLATFORM[own] : inspected.arch} (${inspected.reason}); add docker/setup-qemu-action and ` +
        'docker/setup-buildx-action before this step, or run on a runner of that architecture',
      warnings: []
    }
  }
  const listed = inspected.builder.platforms
  if (!listed) return { warnings: [] }
  const can = new Set(listed.map(platformArchitecture))
  return {
    warnings: wanted
      .filter(platform => !can.has(platformArchitecture(platform)))
      .map(
        platform =>
          `buildx builder "${inspected.builder.name}" lists no ${platform} (it builds for ${listed.join(', ')}): ` +
          'RUN steps of those images will fail with "exec format error"; add docker/setup-qemu-action before this step'
      )
  }
}
