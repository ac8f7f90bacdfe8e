// Deploy mode, and preview mode when a pull request opens or changes (a
// preview is a deploy to the pull request's own environment, created first
// and reported in a pull-request comment):
//
//   plan every target → smoke-test decision → backing services, environments
//   exist → check each document → build, smoke test, push → bundles →
//   versions → every environment updated and waited for → cleanup.
//
// Everything that can be checked without a side effect is checked first, so
// a bad input fails before a repository, a bundle or a version is created.
//
// What the first lookups need is loaded with the mode; the rest (the build
// and ECR, the bundle upload and release, the cleanup, a preview's
// environment and comment) is loaded while those lookups are in flight.

import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { describeEnvironment, requireEnvironment } from '../adapters/beanstalk/environments.js'
import { getRunContext, requireRegion, workspaceDir } from '../context.js'
import type { ActionConfig } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import { actionsLogger } from '../logger.js'
import { notesOf, prepare, versionLabelsOf, type DeployTarget, type Prepared } from '../prepare.js'
import type { PostComment } from '../preview/comment.js'
import type { PullRequestPreview } from '../preview/rules.js'
import { logDeployPlans } from '../report/log.js'
import { imagesByService, writeOutputs, type Outputs } from '../report/outputs.js'
import { writeDeploySummary, writeSmokeTestFailure, type EnvironmentOutcome } from '../report/summary.js'
import { resolveBackingServices } from '../stages/backing.js'
import { checkDocuments, writeBundles, type RenderedBundle } from '../stages/bundles.js'
import { smokeTestStep, recordSmokePhase, SmokeTestFailedError } from '../stages/smoke-test.js'

export async function runDeploy(
  config: ActionConfig,
  region: string | undefined,
  env: NodeJS.ProcessEnv,
  preview?: PullRequestPreview
): Promise<void> {
  // The compose file is read and planned before any AWS call: a bad one fails with nothing created.
  const prepared = prepare(config, workspaceDir(env), env)
  logDeployPlans(prepared.targets.map(target => target.plan))
  const clients = await createAwsClients({ region: requireRegion(region) }, ['beanstalk'])
  const outputs: Partial<Outputs<'deploy'>> = {
    ...(preview && { 'environment-name': preview.environmentName })
  }
  try {
    if (!preview) return await deployPipeline(prepared, clients, env, outputs)
    await deployPreview(prepared, clients, env, outputs, preview)
  } finally {
    writeOutputs<'deploy' | 'preview'>(preview ? 'preview' : 'deploy', outputs)
    clients.destroy()
  }
}

/** The pull request's environment is created (or checked to be its own), deployed to, and commented on. */
async function deployPreview(
  prepared: Prepared,
  clients: AwsClients,
  env: NodeJS.ProcessEnv,
  outputs: Partial<Outputs<'deploy'>>,
  preview: PullRequestPreview
): Promise<void> {
  const { config } = prepared
  const { commentPoster, environmentFacts } = await import('../preview/comment.js')
  const comment: PostComment = commentPoster(config, getRunContext(env), env, preview)
  const facts = async () =>
    environmentFacts(
      await describeEnvironment(clients.beanstalk, preview.application, preview.environmentName).catch(
        () => undefined
      )
    )
  try {
    await deployPipeline(prepared, clients, env, outputs, preview)
  } catch (error) {
    await comment({
      kind: 'failed',
      closing: false,
      versionLabel: config.versionLabel,
      message: errorMessage(error),
      ...(await facts())
    })
    throw error
  }
  await comment({ kind: 'deployed', versionLabel: config.versionLabel, ...(await facts()) })
}

async function deployPipeline(
  prepared: Prepared,
  clients: AwsClients,
  env: NodeJS.ProcessEnv,
  outputs: Partial<Outputs<'deploy'>>,
  preview?: PullRequestPreview
): Promise<void> {
  const { config, targets } = prepared
  const phases = new Phases()
  const versionLabels = versionLabelsOf(targets)
  // Before any AWS call: `smoke-test: true` on a runner without Docker fails here.
  const smoke = await smokeTestStep(prepared, { region: clients.region })
  // A new preview environment launches (minutes on AWS) while the images build; the deploy waits for it.
  if (preview) {
    const { ensurePreviewEnvironment } = await import('../preview/environment.js')
    await ensurePreviewEnvironment(clients.beanstalk, config, preview, actionsLogger)
  }
  // The lookups run at once; the stages after them load while they are in flight.
  const { backing, before, later } = await phases.time('resolve', async () => {
    const lookups = Promise.allSettled([
      resolveBackingServices(prepared, clients),
      environmentsBefore(prepared, clients)
    ])
    const later = laterStages(clients)
    // Awaited after the lookups; a failed lookup must not leave its rejection unhandled.
    later.catch(() => undefined)
    const [backing, before] = await lookups
    // A bad backing service input is reported before a missing environment, whichever answered first.
    if (backing.status === 'rejected') throw backing.reason
    if (before.status === 'rejected') throw before.reason
    return { backing: backing.value, before: before.value, later }
  })
  const resolution = { region: clients.region, backing }
  checkDocuments(prepared, resolution)

  const { publishImages, createVersions, deployEnvironments, cleanupVersions } = await later
  // The smoke test runs inside this phase, after the builds and before any push.
  const images = await phases
    .time('build and push', () => publishImages(prepared, clients, env, smoke.hooks))
    .catch(async (error: unknown) => {
      if (error instanceof SmokeTestFailedError) await writeSmokeTestFailure(error.report, versionLabels)
      throw error
    })
  recordSmokePhase(phases.entries, smoke.report())
  const bundles = await phases.time('bundle', () =>
    writeBundles(prepared, { ...resolution, images: images.pinned }, env)
  )
  const first = bundles.get(targets[0] as DeployTarget) as RenderedBundle
  Object.assign(outputs, {
    dockerrun: JSON.stringify(first.dockerrun),
    'bundle-path': first.bundlePath,
    images: JSON.stringify(
      Object.assign({}, ...targets.map(target => imagesByService(target.plan, images.pinned)))
    ),
    'version-label': versionLabels[0] ?? ''
  })

  await phases.time('application version', () => createVersions(prepared, bundles, clients))
  const outcomes = await phases.time('deploy and wait', () => deployEnvironments(prepared, clients, before))
  const ok = outcomes.every(outcome => outcome.ok)
  if (ok) await phases.time('cleanup', () => cleanupAfterDeploy(clients, config, cleanupVersions))
  const firstOutcome = outcomes[0]
  if (firstOutcome) {
    Object.assign(outputs, {
      'environment-name': firstOutcome.environmentName,
      'environment-url': firstOutcome.url ?? '',
      health: firstOutcome.health ?? ''
    })
  }
  await writeDeploySummary({
    versionLabels,
    images: images.reports,
    phases: phases.entries,
    environments: outcomes,
    notes: notesOf(targets),
    ...(smoke.report() !== undefined && { smokeTest: smoke.report() })
  })
  if (!ok) throw new Error(failedEnvironments(outcomes))
}

/** Each environment as it is before the deploy (it must exist): where an automatic rollback goes back to. */
async function environmentsBefore(
  prepared: Prepared,
  clients: AwsClients
): Promise<Map<string, EnvironmentDescription>> {
  const before = new Map<string, EnvironmentDescription>()
  for (const environmentName of prepared.targets.flatMap(target => target.environments)) {
    before.set(
      environmentName,
      await requireEnvironment(clients.beanstalk, prepared.config.application, environmentName)
    )
  }
  return before
}

/** The stages after the lookups, and the SDK packages they use (ECR, S3). */
async function laterStages(clients: AwsClients) {
  const [images, release, retention] = await Promise.all([
    import('../stages/images.js'),
    import('../stages/release.js'),
    import('../retention/versions.js'),
    clients.load('ecr', 's3')
  ])
  return {
    publishImages: images.publishImages,
    createVersions: release.createVersions,
    deployEnvironments: release.deployEnvironments,
    cleanupVersions: retention.cleanupVersions
  }
}

/** After a successful deploy: every problem is a warning, the deploy has succeeded. */
async function cleanupAfterDeploy(
  clients: AwsClients,
  config: ActionConfig,
  cleanupVersions: typeof import('../retention/versions.js').cleanupVersions
): Promise<void> {
  try {
    await cleanupVersions(clients, { ...config, skipWithinKeep: true }, actionsLogger)
  } catch (error) {
    actionsLogger.warning(`Cleanup of old application versions failed: ${errorMessage(error)}`)
  }
}

function failedEnvironments(outcomes: EnvironmentOutcome[]): string {
  return outcomes
    .filter(outcome => !outcome.ok)
    .map(outcome => `${outcome.environmentName}: ${outcome.message}`)
    .join(' | ')
}

/** Seconds per phase, for the summary. */
class Phases {
  readonly entries: [string, number][] = []

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now()
    try {
      return await work()
    } finally {
      this.entries.push([phase, (Date.now() - started) / 1000])
    }
  }
}
