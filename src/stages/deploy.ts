// Deploy mode: resolve → (check the environments exist) → build and push →
// render and bundle → version → update every environment concurrently → wait.
// Everything that can be checked without a side effect is checked first, so a
// bad input fails before a repository, a bundle or a version is created.

import * as core from '@actions/core'
import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { resolveBacking } from '../adapters/backing-lookup.js'
import { ensureApplicationVersion } from '../adapters/beanstalk/application-version.js'
import { requireEnvironment } from '../adapters/beanstalk/environments.js'
import { deployToEnvironment, type DeployResult } from '../deploy/deploy-version.js'
import { formatEvent } from '../deploy/decision.js'
import { systemClock } from '../deploy/clock.js'
import { actionsDeployLogger } from '../deploy/logger.js'
import { DeployFailedError } from '../deploy/wait.js'
import { renderDockerrun, type Resolution } from '../core/dockerrun.js'
import { renderBundle, type Prepared } from '../prepare.js'
import { imagesByService, writeSummary, type EnvironmentOutcome } from '../report.js'
import { publishImages } from './images.js'
import { planSmokeTest, recordSmokePhase } from './smoke-test.js'
import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'
import { HistoryStore } from '../deploy/history.js'
import { cleanupAfterDeploy } from './cleanup.js'
import { rollBackFailedDeploy } from './rollback.js'

export async function runDeploy(prepared: Prepared, region: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { config, plan } = prepared
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
      const resolved = await resolveBacking(plan.backing, clients, config)
      for (const environmentName of config.environments) {
        const environment = await requireEnvironment(clients.beanstalk, config.application, environmentName)
        before.set(environmentName, environment)
      }
      return resolved
    })
    const base: Resolution = { region, backing }
    // Render once with unpinned images: the document's rules are checked before anything is pushed.
    renderDockerrun(plan, { ...base, logDriver: config.logDriver })

    // The smoke test runs inside this phase, after the builds and before any push.
    const images = await timed('build and push', () => publishImages(prepared, clients, env, smoke.hooks))
    recordSmokePhase(phases, smoke.report())
    const bundle = await timed('bundle', () => renderBundle(prepared, { ...base, images: images.pinned }, env))
    core.setOutput('dockerrun', JSON.stringify(bundle.dockerrun))
    core.setOutput('bundle-path', bundle.bundlePath)
    core.setOutput('images', JSON.stringify(imagesByService(plan, images.pinned)))
    core.setOutput('version-label', config.versionLabel)

    await timed('application version', () =>
      ensureApplicationVersion(
        clients,
        {
          application: config.application,
          versionLabel: config.versionLabel,
          description: config.versionDescription,
          bundle: bundle.bundlePath,
          sha256: bundle.sha256,
          ...(config.bucket !== undefined && { bucket: config.bucket })
        },
        {
          clock: systemClock,
          log: actionsDeployLogger,
          processTimeoutMs: Math.min(config.waitTimeoutMs, 10 * 60_000)
        }
      )
    )

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
      versionLabel: config.versionLabel,
      bundleBytes: bundle.bytes,
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

/** One build, several environments: updated concurrently, each waited for and reported. */
async function deployEverywhere(
  prepared: Prepared,
  clients: AwsClients,
  before: ReadonlyMap<string, EnvironmentDescription>
): Promise<EnvironmentOutcome[]> {
  const { config } = prepared
  const history = new HistoryStore(clients, config.bucket, actionsDeployLogger)
  const record = (environmentName: string, result: 'succeeded' | 'failed', health: string | undefined) =>
    history.record(config.application, environmentName, {
      versionLabel: config.versionLabel,
      commit: config.commitSha,
      date: new Date().toISOString(),
      result,
      ...(health !== undefined && { health }),
      kind: 'deploy'
    })
  return Promise.all(
    config.environments.map(async environmentName => {
      try {
        const result: DeployResult = await deployToEnvironment(clients, {
          application: config.application,
          environmentName,
          versionLabel: config.versionLabel,
          waitTimeoutMs: config.waitTimeoutMs,
          allowYellow: config.allowYellow
        })
        await record(environmentName, 'succeeded', result.health)
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
        await record(environmentName, 'failed', failure?.environment?.health)
        let message = error instanceof Error ? error.message : String(error)
        if (config.autoRollback) {
          // Only this environment failed: only this one goes back; the job still fails, saying both.
          const rollback = await rollBackFailedDeploy(clients, history, {
            application: config.application,
            environmentName,
            failedLabel: config.versionLabel,
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
          versionLabel: config.versionLabel,
          ok: false,
          message,
          lastEvents: (failure?.events ?? []).slice(-10).map(formatEvent)
        }
      }
    })
  )
}
