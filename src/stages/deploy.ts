// Deploy mode: resolve → (check the environments exist) → build and push →
// render and bundle → version → update every environment concurrently → wait.
// Everything that can be checked without a side effect is checked first, so a
// bad input fails before a repository, a bundle or a version is created.

import * as core from '@actions/core'
import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { resolveBacking } from '../adapters/backing-lookup.js'
import { ensureApplicationVersion } from '../deploy/application-version.js'
import { requireEnvironment } from '../adapters/beanstalk/environments.js'
import { deployToEnvironment, type DeployResult } from '../deploy/deploy-version.js'
import { formatEvent } from '../deploy/decision.js'
import { systemClock } from '../clock.js'
import { actionsLogger } from '../logger.js'
import { DeployFailedError } from '../deploy/wait.js'
import { renderDockerrun, type Resolution } from '../core/dockerrun.js'
import type { BackingReplacement } from '../core/plan-types.js'
import { renderBundle, type DeployTarget, type Prepared, type RenderedBundle } from '../prepare.js'
import { imagesByService, writeSummary, type EnvironmentOutcome } from '../report.js'
import { publishImages } from './images.js'
import { planSmokeTest, recordSmokePhase } from './smoke-test.js'
import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'
import { HistoryStore } from '../deploy/history.js'
import { cleanupAfterDeploy } from './cleanup.js'
import { rollBackFailedDeploy } from './rollback.js'

export async function runDeploy(prepared: Prepared, region: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { config, plan, targets } = prepared
  const clients = createAwsClients({ region })
  const phases: [string, number][] = []
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now()
    try {
      return await work()
    } finally {
      phases.push([phase, (Date.now() - started) / 1000])
    }
  }
  // Each environment as it was before the deploy: its version is where an automatic rollback goes back to.
  const before = new Map<string, EnvironmentDescription>()
  try {
    // Before any AWS call: `smoke-test: true` on a runner without Docker fails here.
    const smoke = await planSmokeTest(prepared, { region })
    const backing = await timed('resolve', async () => {
      const resolved = await resolveBacking(distinctBacking(targets), clients, config)
      for (const environmentName of config.environments) {
        const environment = await requireEnvironment(clients.beanstalk, config.application, environmentName)
        before.set(environmentName, environment)
      }
      return resolved
    })
    const base: Resolution = { region, backing }
    // Render once with unpinned images: every document's rules are checked before anything is pushed.
    for (const target of targets) renderDockerrun(target.plan, { ...base, logDriver: config.logDriver })

    // The smoke test runs inside this phase, after the builds and before any push.
    const images = await timed('build and push', () => publishImages(prepared, clients, env, smoke.hooks))
    recordSmokePhase(phases, smoke.report())
    const bundles = await timed('bundle', async () => {
      const rendered = new Map<DeployTarget, RenderedBundle>()
      for (const target of targets) {
        rendered.set(
          target,
          await renderBundle(prepared, { ...base, images: images.pinned }, env, target.plan)
        )
      }
      return rendered
    })
    const firstBundle = bundles.get(targets[0] as DeployTarget) as RenderedBundle
    core.setOutput('dockerrun', JSON.stringify(firstBundle.dockerrun))
    core.setOutput('bundle-path', firstBundle.bundlePath)
    core.setOutput(
      'images',
      JSON.stringify(Object.assign({}, ...targets.map(target => imagesByService(target.plan, images.pinned))))
    )
    core.setOutput('version-label', plan.versionLabel)

    await timed('application version', async () => {
      for (const target of targets) {
        const bundle = bundles.get(target) as RenderedBundle
        await ensureApplicationVersion(
          clients,
          {
            application: config.application,
            versionLabel: target.plan.versionLabel,
            description: config.versionDescription,
            bundle: bundle.bundlePath,
            sha256: bundle.sha256,
            ...(config.bucket !== undefined && { bucket: config.bucket })
          },
          {
            clock: systemClock,
            log: actionsLogger,
            processTimeoutMs: Math.min(config.waitTimeoutMs, 10 * 60_000)
          }
        )
      }
    })

    const outcomes = await timed('deploy and wait', () => deployEverywhere(prepared, clients, before))
    if (outcomes.every(outcome => outcome.ok)) {
      await timed('cleanup', () => cleanupAfterDeploy(clients, config))
    }
    const first = outcomes[0]
    if (first) {
      core.setOutput('environment-name', first.environmentName)
      core.setOutput('environment-url', first.url ?? '')
      core.setOutput('health', first.health ?? '')
    }
    await writeSummary({
      title: outcomes.every(outcome => outcome.ok) ? 'Deployed to Elastic Beanstalk' : 'Deploy failed',
      plan,
      images: images.reports,
      versionLabel: targets.map(target => target.plan.versionLabel).join(', '),
      bundleBytes: firstBundle.bytes,
      phases,
      environments: outcomes,
      smokeTest: smoke.report()
    })
    const failed = outcomes.filter(outcome => !outcome.ok)
    if (failed.length > 0) {
      throw new Error(failed.map(outcome => `${outcome.environmentName}: ${outcome.message}`).join(' | '))
    }
  } finally {
    clients.destroy()
  }
}

/** Backing services of every target, each role once (a web and a worker environment share one database). */
function distinctBacking(targets: DeployTarget[]): BackingReplacement[] {
  const byRole = new Map<string, BackingReplacement>()
  for (const replacement of targets.flatMap(target => target.plan.backing)) {
    if (!byRole.has(replacement.role)) byRole.set(replacement.role, replacement)
  }
  return [...byRole.values()]
}

/** One build, several environments: updated concurrently, each waited for and reported. */
async function deployEverywhere(
  prepared: Prepared,
  clients: AwsClients,
  before: ReadonlyMap<string, EnvironmentDescription>
): Promise<EnvironmentOutcome[]> {
  const { config } = prepared
  const history = new HistoryStore(clients, config.bucket, actionsLogger)
  const deployments = prepared.targets.flatMap(target =>
    target.environments.map(environmentName => ({ environmentName, versionLabel: target.plan.versionLabel }))
  )
  const record = (
    environmentName: string,
    versionLabel: string,
    result: 'succeeded' | 'failed',
    health?: string
  ) =>
    history.record(config.application, environmentName, {
      versionLabel,
      commit: config.commitSha,
      date: new Date().toISOString(),
      result,
      ...(health !== undefined && { health }),
      kind: 'deploy'
    })
  return Promise.all(
    deployments.map(async ({ environmentName, versionLabel }) => {
      try {
        const result: DeployResult = await deployToEnvironment(clients, {
          application: config.application,
          environmentName,
          versionLabel,
          waitTimeoutMs: config.waitTimeoutMs,
          allowYellow: config.allowYellow
        })
        await record(environmentName, versionLabel, 'succeeded', result.health)
        return {
          environmentName,
          url: result.url,
          health: result.health,
          status: result.status,
          versionLabel: result.versionLabel,
          ok: true,
          lastEvents: result.events.slice(-10).map(formatEvent)
        }
      } catch (error) {
        const failure = error instanceof DeployFailedError ? error : undefined
        await record(environmentName, versionLabel, 'failed', failure?.environment?.health)
        let message = error instanceof Error ? error.message : String(error)
        if (config.autoRollback) {
          // Only this environment failed: only this one goes back; the job still fails, saying both.
          const rollback = await rollBackFailedDeploy(clients, history, {
            application: config.application,
            environmentName,
            failedLabel: versionLabel,
            ...(before.get(environmentName) !== undefined && { before: before.get(environmentName) }),
            waitTimeoutMs: config.waitTimeoutMs,
            allowYellow: config.allowYellow
          })
          message = `${message}; ${rollback.message}`
        }
        return {
          environmentName,
          ...(failure?.environment?.health !== undefined && { health: failure.environment.health }),
          ...(failure?.environment?.status !== undefined && { status: failure.environment.status }),
          versionLabel,
          ok: false,
          message,
          lastEvents: (failure?.events ?? []).slice(-10).map(formatEvent)
        }
      }
    })
  )
}
