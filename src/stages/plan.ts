// Plan mode: render the bundle a deploy would ship and show what it would
// change against what each environment runs now — read-only calls only.
// Without AWS access (no credentials, no region) it renders and says so.

import * as core from '@actions/core'
import { createAwsClients } from '../adapters/aws-clients.js'
import { resolveBacking } from '../adapters/backing-lookup.js'
import { currentDeployment, type CurrentDeployment } from '../adapters/beanstalk/current-bundle.js'
import { diffDockerrun, formatChange, type DockerrunChange } from '../core/dockerrun-diff.js'
import { hiddenVariables, redactDockerrun, serialiseDockerrun, type Resolution } from '../core/dockerrun.js'
import { InputError } from '../core/errors.js'
import { renderBundle, type Prepared } from '../prepare.js'
import { escapeHtml, publishSummary } from '../summary.js'

interface EnvironmentPlan {
  environmentName: string
  current?: CurrentDeployment
  changes?: DockerrunChange[]
}

export async function runPlan(
  prepared: Prepared,
  region: string | undefined,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const { config, plan } = prepared
  const resolution: Resolution = { ...(region !== undefined && { region }) }
  const currents = new Map<string, CurrentDeployment | undefined>()
  if (region !== undefined && config.environments.length > 0) {
    const clients = createAwsClients({ region })
    try {
      resolution.backing = await resolveBacking(plan.backing, clients, config)
      for (const environmentName of config.environments) {
        currents.set(environmentName, await currentDeployment(clients, config.application, environmentName))
      }
    } catch (error) {
      if (error instanceof InputError) throw error
      core.warning(
        `Could not read what the environment runs (${messageOf(error)}); showing the rendered bundle only`
      )
      currents.clear()
    } finally {
      clients.destroy()
    }
  } else {
    core.info('No region or environment: showing the rendered bundle only')
  }

  const bundle = await renderBundle(prepared, resolution, env)
  core.setOutput('dockerrun', JSON.stringify(bundle.dockerrun))
  core.setOutput('bundle-path', bundle.bundlePath)
  core.setOutput('version-label', plan.versionLabel)
  core.setOutput('environment-name', plan.environment)
  core.info(`Bundle ${bundle.bundlePath} (${bundle.bytes} bytes, sha256 ${bundle.sha256})`)
  core.startGroup(
    'Dockerrun.aws.json (values from the runner, .env or env_file, and secret-looking ones, hidden)'
  )
  core.info(serialiseDockerrun(redactDockerrun(bundle.dockerrun, plan)))
  core.endGroup()

  const plans: EnvironmentPlan[] = [...currents].map(([environmentName, current]) => ({
    environmentName,
    ...(current !== undefined && {
      current,
      changes: diffDockerrun(current.dockerrun, bundle.dockerrun, hiddenVariables(plan))
    })
  }))
  for (const entry of plans) logEnvironmentPlan(entry)
  await writePlanSummary(plans, plan.versionLabel)
}

function logEnvironmentPlan(entry: EnvironmentPlan): void {
  if (!entry.current) {
    core.info(`${entry.environmentName}: no such environment — a deploy would fail; previews create theirs`)
    return
  }
  const running = entry.current.versionLabel ?? 'no version'
  const changes = entry.changes ?? []
  core.info(`${entry.environmentName} runs ${running}: a deploy would make ${changes.length} change(s)`)
  for (const change of changes) core.info(`  ${formatChange(change)}`)
}

async function writePlanSummary(plans: EnvironmentPlan[], versionLabel: string): Promise<void> {
  const summary = core.summary.addHeading('Deploy plan (nothing changed)', 2)
  summary.addRaw(`Version <code>${escapeHtml(versionLabel)}</code>`, true)
  for (const entry of plans) {
    summary.addHeading(escapeHtml(entry.environmentName), 3)
    if (!entry.current) {
      summary.addRaw('<p>The environment does not exist.</p>', true)
      continue
    }
    summary.addRaw(
      `<p>Runs <code>${escapeHtml(entry.current.versionLabel ?? 'no version')}</code>.</p>`,
      true
    )
    const changes = entry.changes ?? []
    if (changes.length === 0) {
      summary.addRaw('<p>No change.</p>', true)
      continue
    }
    summary.addTable([
      [
        { data: 'Container', header: true },
        { data: 'Field', header: true },
        { data: 'Now', header: true },
        { data: 'After deploy', header: true }
      ],
      ...changes.map(change => [
        escapeHtml(change.container),
        escapeHtml(change.field),
        escapeHtml(change.before ?? '—'),
        escapeHtml(change.after ?? '—')
      ])
    ])
  }
  await publishSummary(summary)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
