// Carries out a build strategy (./strategy.ts) once per run: starts the
// docker-container builder the strategy asks for, within a bounded time, or
// falls back; then logs the decision, the one "Image builder:" line of the run.

import type { BuildPath } from '../adapters/docker/build-args.js'
import type { CommandRunner } from '../adapters/docker/command-runner.js'
import { removeBuilder, startBuilder } from '../adapters/docker/docker-cli.js'
import type { Logger } from '../adapters/actions-runner/logger.js'
import { describePath, fallbackWarning, type BuildStrategy } from './strategy.js'

/** A docker-container builder starts in seconds where Docker Hub is reachable; past this, it is not going to. */
export const RUN_BUILDER_TIMEOUT_MS = 60_000

export interface RunBuilderOptions {
  /** Called with the run builder's name before it is created, so the post step can remove it. */
  onRunBuilder?: (name: string) => void
  /** How long the run builder may take to start before the inline-cache fall-back. */
  runBuilderTimeoutMs?: number
}

export function once<T>(work: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined
  return () => (started ??= work())
}

/**
 * Starts the run builder when the strategy asks for one (or falls back), and
 * logs the decision: the one "Image builder:" line of the run.
 */
export async function resolveBuildPath(
  strategy: BuildStrategy,
  run: CommandRunner,
  logger: Logger,
  options: RunBuilderOptions
): Promise<BuildPath> {
  const decided = (path: BuildPath, why: string): BuildPath => {
    logger.info(`Image builder: ${describePath(path)} — ${why}`)
    if (path.kind === 'legacy') {
      logger.warning(
        'Building with the legacy Docker builder: the layer cache can only be used after pulling the whole ' +
          'previous image, so builds on a fresh runner download more. Install docker buildx for a registry cache.'
      )
    }
    return path
  }
  if (strategy.kind === 'ready') return decided(strategy.path, strategy.why)
  options.onRunBuilder?.(strategy.name)
  const cause = await startBuilder(run, strategy.name, options.runBuilderTimeoutMs ?? RUN_BUILDER_TIMEOUT_MS)
  if (cause === undefined) {
    return decided(strategy.path, `${strategy.why}: created ${strategy.name} for this run`)
  }
  // A builder that failed to start is still registered (and may have a container): remove it now.
  await removeBuilder(run, strategy.name).catch(() => undefined)
  logger.warning(fallbackWarning(strategy.name, cause))
  return decided(
    strategy.fallback,
    `${strategy.why}, and the docker-container builder for this run could not start`
  )
}
