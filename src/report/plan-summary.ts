// The plan mode job summary: each bundle's containers, and what a deploy would change per environment.

import * as core from '@actions/core'

import { describeBackingSource } from '../core/backing-engines.js'
import type { DockerrunChange } from '../core/dockerrun-diff.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { CurrentDeployment } from '../deploy/current-deployment.js'
import { addClearSecrets } from './clear-secrets.js'
import type { DeployPlan } from '../core/plan/types.js'
import { code, escapeHtml, publishSummary, table } from './summary.js'

/** One environment in plan mode: what it runs, and what a deploy of its own bundle would change. */
export interface EnvironmentDiff {
  environmentName: string
  /** The version label a deploy would create for it. */
  versionLabel: string
  /** Undefined when the environment does not exist, or was not read (no region, no access). */
  current?: CurrentDeployment
  changes?: DockerrunChange[]
}

/** One bundle of a plan: the environments that would receive it, and the document a deploy would ship. */
export interface PlannedBundle {
  environments: string[]
  plan: DeployPlan
  dockerrun: DockerrunV2
}

export interface PlanSummary {
  bundles: PlannedBundle[]
  /** Image id → the image ECR has for this commit (a deploy reuses it); undefined when ECR was not asked. */
  existing?: ReadonlyMap<string, string>
  diffs: EnvironmentDiff[]
  notes: string[]
  /** Why AWS was not read (no region, no access), when it was not. */
  offline?: string
}

function containerRows(bundle: PlannedBundle, several: boolean): string[][] {
  return bundle.dockerrun.containerDefinitions.map(container => [
    ...(several ? [escapeHtml(bundle.environments.join(', ') || bundle.plan.versionLabel)] : []),
    escapeHtml(container.name),
    code(container.image),
    escapeHtml(
      (container.portMappings ?? []).map(port => `${port.hostPort}→${port.containerPort}`).join(' ')
    ),
    escapeHtml((container.links ?? []).join(' ')),
    escapeHtml(
      [
        container.memory !== undefined ? `${container.memory} MiB` : '',
        container.memoryReservation !== undefined ? `≥ ${container.memoryReservation} MiB` : ''
      ]
        .filter(Boolean)
        .join(', ')
    ),
    container.essential === false ? 'no' : 'yes'
  ])
}

export async function writePlanSummary(record: PlanSummary): Promise<void> {
  const out = core.summary.addHeading('Deploy plan (nothing changed)', 2)
  const labels = record.bundles.map(bundle => bundle.plan.versionLabel)
  out.addRaw(`Version ${labels.map(code).join(', ')}`, true)
  if (record.offline) out.addRaw(`<p>${escapeHtml(record.offline)}</p>`, true)
  const several = record.bundles.length > 1
  out.addHeading('Containers', 3)
  table(
    out,
    [...(several ? ['Environments'] : []), 'Container', 'Image', 'Ports', 'Links', 'Memory', 'Essential'],
    record.bundles.flatMap(bundle => containerRows(bundle, several))
  )
  const images = [
    ...new Map(record.bundles.flatMap(bundle => bundle.plan.images).map(image => [image.id, image])).values()
  ]
  if (images.length > 0) {
    out.addHeading('Images', 3)
    table(
      out,
      ['Image', 'Built from', 'Services', 'A deploy would'],
      images.map(image => {
        const found = record.existing?.get(image.id)
        return [
          code(image.repository),
          code(`${image.context}/${image.dockerfile}${image.target ? ` (target ${image.target})` : ''}`),
          escapeHtml(image.services.join(', ')),
          found
            ? `reuse ${code(found)} (in ECR for this commit)`
            : record.existing
              ? 'build and push it'
              : 'build and push it, unless ECR has it for this commit (not checked)'
        ]
      })
    )
  }
  const replacements = [
    ...new Map(
      record.bundles.flatMap(bundle => bundle.plan.backing).map(backing => [backing.composeService, backing])
    ).values()
  ]
  if (replacements.length > 0) {
    out.addHeading('Replaced services', 3)
    table(
      out,
      ['Compose service', 'Role', 'Replaced by', 'Variable'],
      replacements.map(replacement => [
        escapeHtml(replacement.composeService),
        escapeHtml(`${replacement.role} (${replacement.engine})`),
        escapeHtml(describeBackingSource(replacement.source)),
        code(replacement.envName)
      ])
    )
  }
  addClearSecrets(
    out,
    record.bundles.flatMap(bundle => bundle.plan.clearSecrets ?? []),
    escapeHtml
  )
  if (record.notes.length > 0) {
    out.addHeading('Notes', 3)
    table(
      out,
      ['Note'],
      record.notes.map(note => [escapeHtml(note)])
    )
  }
  for (const diff of record.diffs) {
    out.addHeading(`${escapeHtml(diff.environmentName)}: what a deploy would change`, 3)
    if (!diff.current) {
      out.addRaw('<p>The environment does not exist.</p>', true)
      continue
    }
    out.addRaw(`<p>Runs ${code(diff.current.versionLabel ?? 'no version')}.</p>`, true)
    const changes = diff.changes ?? []
    if (changes.length === 0) {
      out.addRaw('<p>No change.</p>', true)
      continue
    }
    table(
      out,
      ['Container', 'Field', 'Now', 'After deploy'],
      changes.map(change => [
        escapeHtml(change.container),
        escapeHtml(change.field),
        escapeHtml(change.before ?? '—'),
        escapeHtml(change.after ?? '—')
      ])
    )
  }
  await publishSummary(out)
}
