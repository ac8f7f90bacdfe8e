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
// the bundles and the versions; UpdateEnvironment waits for its verdict (not
// for the removal of its containers, which the run waits for at its end). When it
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
// and ECR, the bundle upload and release, the cleanup: deploy/release-stages.ts;
// a preview's environment and comment) when the run gets there.
//
// The pipeline is a sequence of named steps (deployPipeline); each returns
// what the steps after it use, and the run record (DeployRun) keeps what the
// summary and the outputs report when a step fails.

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { describeEnvironment } from '../adapters/beanstalk/environments.js'
import type { RunCancellation } from '../adapters/actions-runner/cancellation.js'
import { getRunContext, requireRegion, workspaceDir } from '../adapters/actions-runner/run-context.js'
import type { ActionConfig } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import type { EnsuredVersion } from '../deploy/application-version.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { notesOf, prepare, versionLabelsOf, type Prepared } from '../planning/prepare.js'
import type { PostComment } from '../preview/comment.js'
import { previewTags, type PullRequestPreview } from '../preview/rules.js'
import {
  bundlesLine,
  failedEnvironments,
  imagesLine,
  outcomeLine,
  versionsLine
} from '../report/deploy-lines.js'
import { logDeployPlans, planLine, warnMissingProperties, warnPlan } from '../report/log.js'
import {
  bundleOutputs,
  environmentOutputs,
  writeOutputs,
  type BundleOutputs,
  type EnvironmentOutputs
} from '../report/outputs.js'
import { PhaseLog } from '../report/phases.js'
import {
  noChanges,
  writeDeployFailure,
  writeDeploySummary,
  type EnvironmentOutcome,
  type RunChanges
} from '../report/deploy-summary.js'
import { noOpRerun } from '../smoke/verdict.js'
import { writeBundles, type TargetBundle } from '../stages/bundles.js'
import type { PublishedImages } from '../stages/images.js'
import { platformOf } from '../stages/platforms.js'
import { checkOnRunner } from '../stages/local-checks.js'
import { smokeTestStep, SmokeTestFailedError, type SmokeTest } from '../stages/smoke-test.js'
import { loadReleaseStages, type ReleaseStages } from './deploy/release-stages.js'
import { resolve, type Resolved } from './deploy/resolve.js'

/** One run's record: its phases, what it changed, and what the summary and the outputs say if it stops. */
interface DeployRun {
  phases: PhaseLog
  changes: RunChanges
  /** Set when the deploy stage starts: from then on the deploy summary reports each environment. */
  deploying: boolean
  prepared?: Prepared
  smoke?: SmokeTest
  /** The outputs known so far, written whether or not the run succeeds. */
  outputs: {
    preview?: { 'environment-name': string }
    bundle?: BundleOutputs
    environment?: EnvironmentOutputs
  }
}

/** What every step of the pipeline works with. */
interface Pipeline {
  prepared: Prepared
  clients: AwsClients
  env: NodeJS.ProcessEnv
  run: DeployRun
  cancellation: RunCancellation
  preview: PullRequestPreview | undefined
}

export async function runDeploy(
  config: ActionConfig,
  region: string | undefined,
  env: NodeJS.ProcessEnv,
  cancellation: RunCancellation,
  preview?: PullRequestPreview
): Promise<void> {
  const run: DeployRun = {
    phases: new PhaseLog(),
    changes: noChanges(),
    deploying: false,
    outputs: preview ? { preview: { 'environment-name': preview.environmentName } } : {}
  }
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
    const clients = createAwsClients({ region: requireRegion(region) })
    const pipeline: Pipeline = { prepared, clients, env, run, cancellation, preview }
    try {
      if (!preview) return await deployPipeline(pipeline)
      await deployPreview(pipeline, preview)
    } finally {
      writeOutputs<'deploy' | 'preview'>(preview ? 'preview' : 'deploy', {
        ...run.outputs.preview,
        ...run.outputs.bundle,
        ...run.outputs.environment
      })
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
async function deployPreview(pipeline: Pipeline, preview: PullRequestPreview): Promise<void> {
  const { config } = pipeline.prepared
  const { commentPoster, environmentFacts } = await import('../preview/comment.js')
  const comment: PostComment = commentPoster(config, getRunContext(pipeline.env), pipeline.env, preview)
  const facts = async () =>
    environmentFacts(
      await describeEnvironment(
        pipeline.clients.beanstalk,
        preview.application,
        preview.environmentName
      ).catch(() => undefined)
    )
  try {
    await deployPipeline(pipeline)
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

async function deployPipeline(pipeline: Pipeline): Promise<void> {
  const { prepared, clients, run } = pipeline
  // Before any AWS call: `smoke-test: true` on a runner without Docker fails here.
  const smoke = await smokeTestStep(prepared, { region: clients.region }, pipeline.cancellation)
  run.smoke = smoke
  try {
    await deployWithSmokeTest(pipeline, smoke)
  } finally {
    // The smoke test's containers are removed beside the deploy and the wait; the run ends once they are gone.
    await smoke.ended()
  }
}

async function deployWithSmokeTest(pipeline: Pipeline, smoke: SmokeTest): Promise<void> {
  const { prepared, clients, run } = pipeline
  // The build inputs (.git in a context…) before a preview environment is created or anything resolved.
  await checkOnRunner(prepared)
  const previewCreated = await ensurePreviewEnvironment(pipeline)
  const resolved = await resolve(prepared, clients, run.phases)
  warnMissingProperties(resolved.missing)
  const stages = await readyToBuild(pipeline, smoke, resolved)
  const { images } = await releaseSmokeTested(pipeline, smoke, resolved, stages)
  run.deploying = true
  const outcomes = await deployAndWait(pipeline, resolved, stages, previewCreated)
  const ok = outcomes.every(outcome => outcome.ok)
  if (ok) await cleanupOldVersions(pipeline, stages)
  const [first] = outcomes
  if (first) run.outputs.environment = environmentOutputs(first)
  const smokeTest = smoke.report()
  await writeDeploySummary({
    versionLabels: versionLabelsOf(prepared.targets),
    images: images.reports,
    phases: run.phases.entries,
    environments: outcomes,
    notes: notesOf(prepared.targets),
    clearSecrets: prepared.targets.flatMap(target => target.plan.clearSecrets ?? []),
    ...(smokeTest !== undefined && { smokeTest })
  })
  if (!ok) throw new Error(failedEnvironments(outcomes))
}

/**
 * A preview's environment, created when it does not exist: it launches (minutes on AWS) while the images
 * build; the deploy waits for it. True when this run created it.
 */
async function ensurePreviewEnvironment({ prepared, clients, run, preview }: Pipeline): Promise<boolean> {
  if (!preview) return false
  const { ensurePreviewEnvironment: ensure } = await import('../preview/environment.js')
  const { created } = await run.phases.run(
    'preview environment',
    () => ensure(clients.beanstalk, prepared.config, preview, actionsLogger),
    {
      title: `Preview environment ${preview.environmentName}`,
      done: result => (result.created ? 'created; it launches while the images build' : 'exists')
    }
  )
  if (created) run.changes.previewCreated = preview.environmentName
  return created
}

/**
 * Before the build: the stages after the lookups load while the smoke test, unless the run is a no-op
 * re-run, has its dev images on the runner.
 */
async function readyToBuild(
  { prepared, clients, run }: Pipeline,
  smoke: SmokeTest,
  resolved: Resolved
): Promise<ReleaseStages> {
  const loading = loadReleaseStages(clients)
  // Awaited below; a failure in between must not leave its rejection unhandled.
  loading.catch(() => undefined)
  const rerun = smoke.runs ? noOpRerun(prepared.targets, resolved.before) : undefined
  if (rerun) smoke.skip(rerun)
  if (smoke.runs) {
    await run.phases.run('dev images', () => smoke.pullDevImages(), {
      title: 'Smoke test: dev images',
      done: () => 'on this runner'
    })
  }
  return await loading
}

/**
 * Build and push, bundles, versions — with the smoke test beside them. Its dev services start with the
 * builds (a database takes seconds to accept connections); the smoke test itself starts when the last image
 * is built. Whatever fails, the smoke test's containers are gone before the run ends.
 */
async function releaseSmokeTested(
  pipeline: Pipeline,
  smoke: SmokeTest,
  resolved: Resolved,
  stages: ReleaseStages
): Promise<{ images: PublishedImages; bundles: TargetBundle[]; versions: EnsuredVersion[] }> {
  try {
    smoke.startDevServices(resolved.backing)
    const images = await buildAndPush(pipeline, smoke, resolved, stages)
    smoke.stopIfFailed()
    const bundles = await bundle(pipeline, resolved, images)
    smoke.stopIfFailed()
    const versions = await createVersions(pipeline, stages, bundles)
    await smokeTestPassed(pipeline, smoke, stages, versions)
    return { images, bundles, versions }
  } catch (error) {
    await smoke.ended()
    throw error
  }
}

async function buildAndPush(
  { prepared, clients, env, run }: Pipeline,
  smoke: SmokeTest,
  resolved: Resolved,
  stages: ReleaseStages
): Promise<PublishedImages> {
  const images = await run.phases.run(
    'build and push',
    () =>
      stages.publishImages(prepared, clients, env, {
        ...smoke.hooks(
          { ...resolved.resolution, healthChecks: resolved.healthChecks, properties: resolved.properties },
          run.phases
        ),
        onRepositoryCreated: name => run.changes.repositoriesCreated.push(name),
        platforms: platformOf(resolved.platforms)
      }),
    { group: false, done: imagesLine }
  )
  run.changes.imagesPushed = images.reports.filter(report => !report.reused).map(report => report.imageUri)
  return images
}

/** Every target's bundle; from now on the outputs name the first one's. */
async function bundle(
  { prepared, env, run }: Pipeline,
  resolved: Resolved,
  images: PublishedImages
): Promise<TargetBundle[]> {
  const bundles = await run.phases.run(
    'bundle',
    () => writeBundles(prepared, { ...resolved.resolution, images: images.pinned }, env),
    { done: bundlesLine }
  )
  const [first] = bundles
  run.outputs.bundle = bundleOutputs(
    { plan: first.target.plan, bundle: first.bundle },
    prepared.targets.map(target => target.plan),
    images.pinned
  )
  return bundles
}

function createVersions(
  { prepared, clients, run, preview }: Pipeline,
  stages: ReleaseStages,
  bundles: readonly TargetBundle[]
): Promise<EnsuredVersion[]> {
  const { changes } = run
  return run.phases.run(
    'application version',
    // A preview's versions carry its pull request and repository: closing it deletes only those.
    () =>
      stages.createVersions(
        prepared,
        bundles,
        clients,
        {
          bundleUploaded: location => changes.bundlesUploaded.push(location),
          versionCreated: label => changes.versionsCreated.push(label),
          versionDeleted: label => changes.versionsDeleted.push(label)
        },
        preview && previewTags(preview)
      ),
    { title: `Application version ${versionLabelsOf(prepared.targets).join(', ')}`, done: versionsLine }
  )
}

/**
 * UpdateEnvironment waits for the smoke test: nothing is deployed unless it passed. When it failed, the
 * versions this run created are deleted with their bundles, once its containers are gone.
 */
async function smokeTestPassed(
  { prepared, clients, run }: Pipeline,
  smoke: SmokeTest,
  stages: ReleaseStages,
  versions: readonly EnsuredVersion[]
): Promise<void> {
  try {
    await smoke.passed()
  } catch (error) {
    await smoke.ended()
    if (error instanceof SmokeTestFailedError) {
      await stages.discardCreatedVersions(prepared, versions, clients, 'the smoke test failed', label =>
        run.changes.versionsDiscarded.push(label)
      )
    }
    throw error
  }
}

async function deployAndWait(
  { prepared, clients, run, preview }: Pipeline,
  resolved: Resolved,
  stages: ReleaseStages,
  previewCreated: boolean
): Promise<EnvironmentOutcome[]> {
  const environments = prepared.targets.flatMap(target => target.environments)
  const outcomes = await run.phases.run(
    'deploy and wait',
    () => stages.deployEnvironments(prepared, clients, resolved.before, resolved.waitTimeouts),
    {
      title: `Deploy and wait: ${environments.join(', ')}`,
      done: results => results.map(outcomeLine).join('; '),
      failed: results => results.some(outcome => !outcome.ok)
    }
  )
  // The preview environment this run created is reported as created, not updated.
  return outcomes.map(outcome =>
    previewCreated && outcome.environmentName === preview?.environmentName
      ? { ...outcome, action: 'create' as const }
      : outcome
  )
}

async function cleanupOldVersions({ prepared, run }: Pipeline, stages: ReleaseStages): Promise<void> {
  const { config } = prepared
  await run.phases.run('cleanup', () => stages.cleanupAfterDeploy(config), {
    title: 'Cleanup of old application versions',
    done: report =>
      report
        ? `deleted ${report.deleted.length} of ${report.total} versions, kept the newest ${config.keepVersions} and the protected ones`
        : 'failed (a warning: the deploy succeeded)'
  })
}
