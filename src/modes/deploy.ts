// Deploy mode, and preview mode when a pull request opens or changes (a
// preview is a deploy to the pull request's own environment, created first
// and reported in a pull-request comment):
//
//   plan every target → smoke-test decision → backing services, environments
//   exist → check each document → build and push each image (the smoke
//   test's dev services start meanwhile) → bundles →
//   versions → the smoke test's result → every environment updated and
//   waited for → cleanup.
//
// The smoke test starts once every image is built and runs beside the push,
// the bundles and the versions; UpdateEnvironment waits for it. When it
// fails nothing is deployed and the versions this run created are deleted
// with their bundles (pushed images stay in ECR: the lifecycle policy ages
// them out, and a re-run of the commit reuses them).
//
// Why the version may be created before the smoke result, then deleted,
// rather than CreateApplicationVersion waiting for the smoke test: the
// version's processing (seconds on Beanstalk) then runs beside the smoke test
// instead of after it, on the critical path. "No version left behind" holds
// through the same deletion path as a version that failed processing, which
// asks DescribeEnvironments first and never deletes a version an environment
// runs. Should that deletion fail, the run warns; a re-run of the commit finds
// the version but runs the smoke test again before deploying it (no
// environment runs it, so the run is not a no-op re-run).
//
// Everything that can be checked without a side effect is checked first, so
// a bad input fails before a repository, a bundle or a version is created.
// Each phase prints its detail in a group and one line outside it
// (report/phases.ts); a run that stops before any environment was updated
// still writes a summary saying where, and what it had and had not changed.
//
// What the first lookups need is loaded with the mode; the rest (the build
// and ECR, the bundle upload and release, the cleanup, a preview's
// environment and comment) when the run gets there. Dynamic imports are
// made one at a time: the CPU does the loading either way, and jest's ESM
// runner fails on two that link a shared module at once.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { describeEnvironment, requireEnvironment } from '../adapters/beanstalk/environments.js'
import { getRunContext, requireRegion, workspaceDir } from '../adapters/actions-runner/run-context.js'
import type { ActionConfig } from '../core/config-types.js'
import { formatBytes } from '../core/bytes.js'
import { errorMessage } from '../core/errors.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { notesOf, prepare, versionLabelsOf, type DeployTarget, type Prepared } from '../planning/prepare.js'
import type { PostComment } from '../preview/comment.js'
import { previewTags, type PullRequestPreview } from '../preview/rules.js'
import { logDeployPlans, planLine, warnMissingProperties, warnPlan } from '../report/log.js'
import { imagesByService, writeOutputs, type Outputs } from '../report/outputs.js'
import { PhaseLog } from '../report/phases.js'
import {
  noChanges,
  writeDeployFailure,
  writeDeploySummary,
  type EnvironmentOutcome,
  type RunChanges
} from '../report/deploy-summary.js'
import type { CleanupReport } from '../retention/versions.js'
import { findExecutionRole, missingProperties, resolveBackingServices } from '../stages/managed-services.js'
import { checkDocuments, writeBundles, type RenderedBundle } from '../stages/bundles.js'
import type { EnsuredVersion } from '../deploy/application-version.js'
import type { PublishedImages } from '../stages/images.js'
import { checkExecutionRoleReadsSecrets, checkPlatforms, noteBasicHealth } from '../stages/prerequisites.js'
import { smokeTestStep, SmokeTestFailedError, type SmokeTestStep } from '../stages/smoke-test.js'
import { imagePlatforms, platformOf, platformsLine } from '../stages/platforms.js'

/** One run's record: its phases, what it changed, and whether any environment was touched. */
interface DeployRun {
  phases: PhaseLog
  changes: RunChanges
  /** Set when the deploy stage starts: from then on the deploy summary reports each environment. */
  deploying: boolean
  prepared?: Prepared
  smoke?: SmokeTestStep
}

export async function runDeploy(
  config: ActionConfig,
  region: string | undefined,
  env: NodeJS.ProcessEnv,
  preview?: PullRequestPreview
): Promise<void> {
  const run: DeployRun = { phases: new PhaseLog(), changes: noChanges(), deploying: false }
  try {
    // The compose file is read and planned before any AWS call: a bad one fails with nothing created.
    const prepared = await run.phases.run(
      'plan',
      async () => {
        const planned = prepare(config, workspaceDir(env), env)
        logDeployPlans(planned.targets.map(target => target.plan))
        return planned
      },
      { done: planned => planLine(planned.targets.map(target => target.plan)) }
    )
    run.prepared = prepared
    // Risks at once; the properties the environments lack once they are read.
    warnPlan(
      prepared.targets.map(target => target.plan),
      true
    )
    const clients = await createAwsClients({ region: requireRegion(region) }, ['beanstalk'])
    const outputs: Partial<Outputs<'deploy'>> = {
      ...(preview && { 'environment-name': preview.environmentName })
    }
    try {
      if (!preview) return await deployPipeline(prepared, clients, env, outputs, run)
      await deployPreview(prepared, clients, env, outputs, run, preview)
    } finally {
      writeOutputs<'deploy' | 'preview'>(preview ? 'preview' : 'deploy', outputs)
      clients.destroy()
    }
  } catch (error) {
    if (!run.deploying) await writeStopped(run, config, error)
    throw error
  }
}

/** The summary of a run that stopped before the deploy stage: where, why, and what it had changed. */
async function writeStopped(run: DeployRun, config: ActionConfig, error: unknown): Promise<void> {
  const smokeTest = run.smoke?.report()
  await writeDeployFailure({
    // The smoke test runs beside the push, the bundle and the version: its failure is the run's.
    phase: error instanceof SmokeTestFailedError ? 'smoke test' : (run.phases.failed?.phase ?? 'inputs'),
    message: errorMessage(error),
    versionLabels: run.prepared ? versionLabelsOf(run.prepared.targets) : [config.versionLabel],
    changes: run.changes,
    phases: run.phases.entries,
    notes: run.prepared ? notesOf(run.prepared.targets) : [],
    ...(smokeTest !== undefined && { smokeTest })
  })
}

/** The pull request's environment is created (or checked to be its own), deployed to, and commented on. */
async function deployPreview(
  prepared: Prepared,
  clients: AwsClients,
  env: NodeJS.ProcessEnv,
  outputs: Partial<Outputs<'deploy'>>,
  run: DeployRun,
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
    await deployPipeline(prepared, clients, env, outputs, run, preview)
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
  run: DeployRun,
  preview?: PullRequestPreview
): Promise<void> {
  const { config, targets } = prepared
  const { phases, changes } = run
  const versionLabels = versionLabelsOf(targets)
  // Before any AWS call: `smoke-test: true` on a runner without Docker fails here.
  const smoke = await smokeTestStep(prepared, { region: clients.region })
  run.smoke = smoke
  // A new preview environment launches (minutes on AWS) while the images build; the deploy waits for it.
  let created = false
  if (preview) {
    const { ensurePreviewEnvironment } = await import('../preview/environment.js')
    created = (
      await phases.run(
        'preview environment',
        () => ensurePreviewEnvironment(clients.beanstalk, config, preview, actionsLogger),
        {
          title: `Preview environment ${preview.environmentName}`,
          done: result => (result.created ? 'created; it launches while the images build' : 'exists')
        }
      )
    ).created
    if (created) changes.previewCreated = preview.environmentName
  }
  const environments = targets.flatMap(target => target.environments)
  const resolved = await phases.run(
    'resolve',
    async log => {
      // The lookups run at once.
      const lookups = Promise.allSettled([
        resolveBackingServices(prepared, clients).then(async backing => ({
          backing,
          executionRoleArn: await findExecutionRole(prepared, clients, backing)
        })),
        environmentsBefore(prepared, clients),
        missingProperties(prepared, clients, environments),
        imagePlatforms(prepared, clients)
      ])
      // The first failure in the order of the inputs (backing services, then environments), whichever answered first.
      const [services, before, missing, platforms] = settled(await lookups)
      if (platforms.size > 0) actionsLogger.info(`Image platforms: ${platformsLine(platforms)}`)
      // Prerequisites (stages/prerequisites.ts), before anything is built: the platform, the documents' rules, the
      // execution role against the secrets it is handed, and a note for each environment with basic health.
      checkPlatforms(before.values())
      const resolution = {
        region: clients.region,
        backing: services.backing,
        ...(services.executionRoleArn !== undefined && { executionRoleArn: services.executionRoleArn })
      }
      const documents = checkDocuments(prepared, resolution)
      await Promise.all([
        checkExecutionRoleReadsSecrets(documents, clients, log),
        noteBasicHealth([...before.keys()], clients.beanstalk, log)
      ])
      return { ...services, before, missing, platforms, resolution }
    },
    {
      title: 'Backing services and environments',
      done: ({ before }) =>
        [...before.values()]
          .map(
            environment =>
              `${environment.EnvironmentName} is ${environment.Status} (${environment.Health}) on ${environment.VersionLabel ?? 'no version'}`
          )
          .join('; ')
    }
  )
  warnMissingProperties(resolved.missing)
  const { backing, before, platforms, resolution } = resolved

  // The stages after the lookups load now, while the smoke test's dev images are looked for.
  const later = laterStages(clients)
  // Awaited before the build; a failure in between must not leave its rejection unhandled.
  later.catch(() => undefined)
  const rerun = smoke.runs ? noOpRerun(prepared, before) : undefined
  if (rerun) smoke.skip(rerun)
  if (smoke.runs) {
    await phases.run('dev images', () => smoke.pullDevImages(), {
      title: 'Smoke test: dev images',
      done: () => 'on this runner'
    })
  }

  const { publishImages, createVersions, discardCreatedVersions, deployEnvironments, cleanupVersions } =
    await later
  const versionChanges = {
    bundleUploaded: (location: string) => changes.bundlesUploaded.push(location),
    versionCreated: (label: string) => changes.versionsCreated.push(label),
    versionDeleted: (label: string) => changes.versionsDeleted.push(label)
  }
  let versions: EnsuredVersion[] = []
  let images: PublishedImages
  try {
    // The smoke test's dev services start with the builds (a database takes seconds to accept connections);
    // the smoke test itself starts when the last image is built and runs beside the push, the bundle and the
    // version.
    smoke.startDevServices(backing)
    images = await phases.run(
      'build and push',
      () =>
        publishImages(prepared, clients, env, {
          ...smoke.hooks(resolution, phases),
          onRepositoryCreated: name => changes.repositoriesCreated.push(name),
          platforms: platformOf(platforms)
        }),
      { group: false, done: imagesLine }
    )
    changes.imagesPushed = images.reports.filter(report => !report.reused).map(report => report.imageUri)
    smoke.stopIfFailed()
    const pinned = images.pinned
    const bundles = await phases.run(
      'bundle',
      () => writeBundles(prepared, { ...resolution, images: pinned }, env),
      {
        done: written =>
          [...written.values()]
            .map(bundle => `${formatBytes(bundle.bytes)}, sha256 ${bundle.sha256.slice(0, 12)}…`)
            .join('; ')
      }
    )
    const first = bundles.get(targets[0] as DeployTarget) as RenderedBundle
    Object.assign(outputs, {
      dockerrun: JSON.stringify(first.dockerrun),
      'bundle-path': first.bundlePath,
      images: JSON.stringify(
        Object.assign({}, ...targets.map(target => imagesByService(target.plan, pinned)))
      ),
      'version-label': versionLabels[0] ?? ''
    })
    smoke.stopIfFailed()
    versions = await phases.run(
      'application version',
      // A preview's versions carry its pull request and repository: closing it deletes only those.
      () => createVersions(prepared, bundles, clients, versionChanges, preview && previewTags(preview)),
      {
        title: `Application version ${versionLabels.join(', ')}`,
        done: ensured =>
          ensured
            .map(
              version =>
                `${version.versionLabel} ${version.reused ? 'reused' : 'created'} (${version.status})`
            )
            .join('; ')
      }
    )
    // UpdateEnvironment waits for the smoke test: nothing is deployed unless it passed.
    await smoke.passed()
  } catch (error) {
    // Whatever failed, the smoke test's containers are gone before the run ends.
    await smoke.ended()
    if (error instanceof SmokeTestFailedError) {
      await discardCreatedVersions(prepared, versions, clients, 'the smoke test failed', label =>
        changes.versionsDiscarded.push(label)
      )
    }
    throw error
  }
  run.deploying = true
  const outcomes = (
    await phases.run('deploy and wait', () => deployEnvironments(prepared, clients, before), {
      title: `Deploy and wait: ${environments.join(', ')}`,
      done: results => results.map(outcomeLine).join('; '),
      failed: results => results.some(outcome => !outcome.ok)
    })
  ).map(outcome =>
    created && outcome.environmentName === preview?.environmentName
      ? { ...outcome, action: 'create' as const }
      : outcome
  )
  const ok = outcomes.every(outcome => outcome.ok)
  if (ok) {
    await phases.run('cleanup', () => cleanupAfterDeploy(clients, config, cleanupVersions), {
      title: 'Cleanup of old application versions',
      done: report =>
        report
          ? `deleted ${report.deleted.length} of ${report.total} versions, kept the newest ${config.keepVersions} and the protected ones`
          : 'failed (a warning: the deploy succeeded)'
    })
  }
  const firstOutcome = outcomes[0]
  if (firstOutcome) {
    Object.assign(outputs, {
      'environment-name': firstOutcome.environmentName,
      'environment-id': firstOutcome.environmentId ?? '',
      'environment-status': firstOutcome.status ?? '',
      'deployment-action-type': firstOutcome.action ?? 'update',
      'environment-url': firstOutcome.url ?? '',
      health: firstOutcome.health ?? ''
    })
  }
  const smokeTest = smoke.report()
  await writeDeploySummary({
    versionLabels,
    images: images.reports,
    phases: phases.entries,
    environments: outcomes,
    notes: notesOf(targets),
    clearSecrets: targets.flatMap(target => target.plan.clearSecrets ?? []),
    ...(smokeTest !== undefined && { smokeTest })
  })
  if (!ok) throw new Error(failedEnvironments(outcomes))
}

/**
 * Why the smoke test can be skipped: every environment already runs its
 * target's version, Ready and Green — a re-run of a job that deployed. Its
 * images and bundle were tested then; a bundle that differs now is refused
 * when the version is created (a version that runs is never replaced).
 */
function noOpRerun(
  prepared: Prepared,
  before: ReadonlyMap<string, EnvironmentDescription>
): string | undefined {
  const pairs = prepared.targets.flatMap(target =>
    target.environments.map(name => ({ environment: before.get(name), label: target.plan.versionLabel }))
  )
  if (pairs.length === 0) return undefined
  const same = pairs.every(
    ({ environment, label }) =>
      environment?.VersionLabel === label && environment.Status === 'Ready' && environment.Health === 'Green'
  )
  if (!same) return undefined
  const names = pairs.map(({ environment }) => environment?.EnvironmentName).join(', ')
  return `${names} already ${pairs.length === 1 ? 'runs' : 'run'} ${[...new Set(pairs.map(pair => pair.label))].join(', ')}, Ready and Green: a re-run, nothing new to test`
}

function imagesLine(images: PublishedImages): string {
  if (images.reports.length === 0) {
    return Object.keys(images.pinned).length > 0
      ? `${Object.keys(images.pinned).length} image(s) already in ECR for this commit (build: false)`
      : 'no image to build'
  }
  return images.reports
    .map(report =>
      report.reused
        ? `${report.id} reused`
        : `${report.id} ${report.layersPushed} layer(s) pushed (${formatBytes(report.bytesPushed)})`
    )
    .join(', ')
}

function outcomeLine(outcome: EnvironmentOutcome): string {
  if (!outcome.ok) return `${outcome.environmentName} failed`
  if (outcome.action === 'none') return `${outcome.environmentName} already ran ${outcome.versionLabel}`
  if (outcome.waited === false)
    return `${outcome.environmentName} is ${outcome.status} to ${outcome.versionLabel} (not waited for)`
  return `${outcome.environmentName} is ${outcome.status} and ${outcome.health} on ${outcome.versionLabel}${outcome.url ? ` at ${outcome.url}` : ''}`
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

/** The values of settled promises, or the first rejection in their order. */
function settled<T extends readonly unknown[]>(results: {
  [K in keyof T]: PromiseSettledResult<T[K]>
}): T {
  const failed = results.find(result => result.status === 'rejected')
  if (failed) throw failed.reason
  return results.map(result => (result as PromiseFulfilledResult<unknown>).value) as unknown as T
}

/** The stages after the lookups, and the SDK packages they use (ECR, S3). */
async function laterStages(clients: AwsClients) {
  const images = await import('../stages/images.js')
  const release = await import('../stages/release.js')
  const retention = await import('../retention/versions.js')
  await clients.load('ecr', 's3')
  return {
    publishImages: images.publishImages,
    createVersions: release.createVersions,
    discardCreatedVersions: release.discardCreatedVersions,
    deployEnvironments: release.deployEnvironments,
    cleanupVersions: retention.cleanupVersions
  }
}

/** After a successful deploy: every problem is a warning, the deploy has succeeded. */
async function cleanupAfterDeploy(
  clients: AwsClients,
  config: ActionConfig,
  cleanupVersions: typeof import('../retention/versions.js').cleanupVersions
): Promise<CleanupReport | undefined> {
  try {
    return await cleanupVersions(clients, { ...config, skipWithinKeep: true }, actionsLogger)
  } catch (error) {
    actionsLogger.warning(`Cleanup of old application versions failed: ${errorMessage(error)}`)
    return undefined
  }
}

function failedEnvironments(outcomes: EnvironmentOutcome[]): string {
  return outcomes
    .filter(outcome => !outcome.ok)
    .map(outcome => `${outcome.environmentName}: ${outcome.message}`)
    .join(' | ')
}
