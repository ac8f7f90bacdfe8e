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

import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { describeEnvironment, requireEnvironment } from '../adapters/beanstalk/environments.js'
import { getRunContext, requireRegion, workspaceDir } from '../context.js'
import type { ActionConfig } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import { actionsLogger } from '../logger.js'
import { notesOf, prepare, versionLabelsOf, type DeployTarget, type Prepared } from '../prepare.js'
import { commentPoster, environmentFacts, type PostComment } from '../preview/comment.js'
import { ensurePreviewEnvironment } from '../preview/environment.js'
import type { PullRequestPreview } from '../preview/rules.js'
import { logDeployPlans } from '../report/log.js'
import { imagesByService, writeOutputs, type Outputs } from '../report/outputs.js'
import { writeDeploySummary, writeSmokeTestFailure, type EnvironmentOutcome } from '../report/summary.js'
import { cleanupVersions } from '../retention/versions.js'
import { resolveBackingServices } from '../stages/backing.js'
import { checkDocuments, writeBundles, type RenderedBundle } from '../stages/bundles.js'
import { publishImages } from '../stages/images.js'
import { createVersions, deployEnvironments } from '../stages/release.js'
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
  const clients = createAwsClients({ region: requireRegion(region) })
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
  if (preview) await ensurePreviewEnvironment(clients.beanstalk, config, preview, actionsLogger)
  const { backing, before } = await phases.time('resolve', async () => ({
    backing: await resolveBackingServices(prepared, clients),
    before: await environmentsBefore(prepared, clients)
  }))
  const resolution = { region: clients.region, backing }
  checkDocuments(prepared, resolution)

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
  if (ok) await phases.time('cleanup', () => cleanupAfterDeploy(clients, config))
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

/** After a successful deploy: every problem is a warning, the deploy has succeeded. */
async function cleanupAfterDeploy(clients: AwsClients, config: ActionConfig): Promise<void> {
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
