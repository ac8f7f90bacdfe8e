// Plan mode: render the bundle a deploy would ship to each environment and
// show what it would change against what that environment runs now — read-only
// calls only. The images are looked up in ECR as a deploy would (one this
// commit already pushed is reused, not built), so the plan counts only real
// builds, pins what exists, names the registry host, and on the commit an
// environment already runs shows no change. Without AWS access (no
// credentials, no region) it renders and says so.

import { actionsLogger } from '../adapters/actions-runner/logger.js'

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { workspaceDir } from '../adapters/actions-runner/run-context.js'
import type { ActionConfig } from '../core/config-types.js'
import { diffDockerrun } from '../core/dockerrun-diff.js'
import { hiddenVariables, redactDockerrun, serialiseDockerrun, type Resolution } from '../core/dockerrun.js'
import { errorMessage, InputError } from '../core/errors.js'
import { currentDeployment, type CurrentDeployment } from '../deploy/current-deployment.js'
import { imagesOf, notesOf, prepare, type Prepared } from '../planning/prepare.js'
import {
  logDeployPlans,
  logDockerrun,
  logEnvironmentDiff,
  planLine,
  warnMissingProperties,
  warnPlan
} from '../report/log.js'
import { writeOutputs } from '../report/outputs.js'
import { PhaseLog } from '../report/phases.js'
import { writePlanSummary, type EnvironmentDiff } from '../report/plan-summary.js'
import { findExecutionRole, missingProperties, resolveBackingServices } from '../stages/managed-services.js'
import { writeBundles } from '../stages/bundles.js'
import { checkOnRunner } from '../stages/local-checks.js'

/** What AWS said, read-only; undefined fields when it could not be read. */
interface AwsFacts {
  currents: Map<string, CurrentDeployment | undefined>
  /** Image id → `<repositoryUri>@sha256:…` ECR has for this commit. */
  existing: Map<string, string>
  missing: Map<string, { name: string; containers: string[] }[]>
}

export async function runPlan(
  config: ActionConfig,
  region: string | undefined,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const phases = new PhaseLog()
  const prepared = prepare(config, workspaceDir(env), env)
  // What a deploy refuses on the runner, the plan refuses too, with the same line.
  await checkOnRunner(prepared)
  const { targets } = prepared
  const plans = targets.map(target => target.plan)
  const resolution: Resolution = { ...(region !== undefined && { region }) }
  const read = await readAws(prepared, region, resolution, phases)
  await phases.run('plan', async () => logDeployPlans(plans, read.facts?.existing), {
    done: () => planLine(plans, read.facts?.existing)
  })
  warnPlan(plans, read.facts !== undefined)
  if (read.facts) warnMissingProperties(read.facts.missing)

  const bundles = await writeBundles(prepared, resolution, env)
  const [first] = bundles
  writeOutputs('plan', {
    dockerrun: JSON.stringify(first.bundle.dockerrun),
    'bundle-path': first.bundle.bundlePath,
    'version-label': first.target.plan.versionLabel,
    'environment-name': first.target.plan.environment
  })
  for (const { target, bundle } of bundles) {
    const where = target.environments.length > 0 ? ` for ${target.environments.join(', ')}` : ''
    actionsLogger.info(`Bundle${where} ${bundle.bundlePath} (${bundle.bytes} bytes, sha256 ${bundle.sha256})`)
    logDockerrun(
      `Dockerrun.aws.json${where} (values from the runner, .env or env_file, and secret-looking ones, hidden)`,
      serialiseDockerrun(redactDockerrun(bundle.dockerrun, target.plan))
    )
  }

  // Each environment against the bundle a deploy would give it (a worker environment against the worker bundle).
  const currents = read.facts?.currents ?? new Map<string, CurrentDeployment | undefined>()
  const diffs: EnvironmentDiff[] = bundles.flatMap(({ target, bundle }) =>
    target.environments
      .filter(environmentName => currents.has(environmentName))
      .map(environmentName => {
        const current = currents.get(environmentName)
        return {
          environmentName,
          versionLabel: target.plan.versionLabel,
          ...(current !== undefined && {
            current,
            changes: diffDockerrun(current.dockerrun, bundle.dockerrun, hiddenVariables(target.plan))
          })
        }
      })
  )
  for (const diff of diffs) logEnvironmentDiff(diff)
  await writePlanSummary({
    bundles: bundles.map(({ target, bundle }) => ({
      environments: target.environments,
      plan: target.plan,
      dockerrun: bundle.dockerrun
    })),
    ...(read.facts && { existing: read.facts.existing }),
    diffs,
    notes: notesOf(targets),
    ...(read.offline !== undefined && { offline: read.offline })
  })
}

/**
 * Backing services, the execution role and the registry host (into
 * `resolution`), what each environment runs now, the images ECR has for this
 * commit, and the properties the environments lack. Facts are undefined when
 * AWS cannot be read (a warning, not a failure), or without a region.
 */
async function readAws(
  prepared: Prepared,
  region: string | undefined,
  resolution: Resolution,
  phases: PhaseLog
): Promise<{ facts?: AwsFacts; offline?: string }> {
  if (region === undefined) {
    const offline = 'No region: the bundle is rendered without looking anything up in AWS.'
    actionsLogger.info(offline)
    return { offline }
  }
  const clients = createAwsClients({ region })
  try {
    const facts = await phases.run('read AWS', () => lookUp(prepared, clients, resolution), {
      title: 'AWS, read-only: backing services, environments, images',
      done: found =>
        `${found.currents.size} environment(s) read, ${found.existing.size} image(s) already in ECR for this commit`
    })
    return { facts }
  } catch (error) {
    if (error instanceof InputError) throw error
    const offline = `Could not read AWS (${errorMessage(error)}); showing the rendered bundle only`
    actionsLogger.warning(offline)
    return { offline }
  } finally {
    clients.destroy()
  }
}

async function lookUp(prepared: Prepared, clients: AwsClients, resolution: Resolution): Promise<AwsFacts> {
  resolution.backing = await resolveBackingServices(prepared, clients)
  const executionRoleArn = await findExecutionRole(prepared, clients, resolution.backing)
  if (executionRoleArn !== undefined) resolution.executionRoleArn = executionRoleArn
  const environments = prepared.targets.flatMap(target => target.environments)
  const currents = new Map<string, CurrentDeployment | undefined>()
  for (const environmentName of environments) {
    currents.set(
      environmentName,
      await currentDeployment(clients, prepared.config.application, environmentName)
    )
  }
  const existing = await existingImages(prepared, clients, resolution)
  const missing = await missingProperties(
    prepared,
    clients,
    environments.filter(name => currents.get(name) !== undefined)
  )
  return { currents, existing, missing }
}

/**
 * The images a deploy would reuse (ECR has them under this commit's tag), as
 * the pinned references it would ship; the registry host into `resolution`
 * for the ones it would build. Nothing is created and docker is not logged in.
 */
async function existingImages(
  prepared: Prepared,
  clients: AwsClients,
  resolution: Resolution
): Promise<Map<string, string>> {
  const existing = new Map<string, string>()
  const images = imagesOf(prepared.targets)
  if (images.length === 0) return existing
  // The registry adapter (and the docker adapter it carries) load for this lookup only.
  const { EcrRegistry } = await import('../adapters/ecr.js')
  const { createCommandRunner } = await import('../adapters/docker/command-runner.js')
  const registry = new EcrRegistry(clients.ecr, createCommandRunner(), actionsLogger)
  let host: string | undefined
  for (const image of images) {
    const repositoryUri = await registry.findRepository(image.repository)
    if (!repositoryUri) continue
    host ??= repositoryUri.split('/')[0]
    const found = await registry.findImage(image.repository, prepared.config.commitSha)
    if (found) existing.set(image.id, `${repositoryUri}@${found.digest}`)
  }
  resolution.images = Object.fromEntries(existing)
  resolution.registry = host ?? (await registry.registryHost())
  return existing
}
