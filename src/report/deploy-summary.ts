// The deploy (and preview) job summary: what each environment runs now, or what a failed run changed.

import * as core from '@actions/core'

import type { ImageReport } from '../build/build-and-push.js'
import { formatBytes } from '../core/bytes.js'
import type { SmokeTestReport } from '../smoke/verdict.js'
import { addClearSecrets } from './clear-secrets.js'
import type { ClearSecret } from '../core/plan/types.js'
import { code, escapeHtml, lastEvents, notesDetails, publishSummary, table } from './summary.js'

/** e.g. `Smoke test: ✅ passed in 23.4 s (GET / answered 200)`. */
export function smokeTestLine(report: SmokeTestReport): string {
  const result = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' }[report.result]
  const time = report.result === 'skipped' ? '' : ` in ${report.seconds.toFixed(1)} s`
  return `Smoke test: ${result}${time} (${escapeHtml(report.detail)})`
}

export interface EnvironmentOutcome {
  environmentName: string
  environmentId?: string
  url?: string
  health?: string
  status?: string
  versionLabel: string
  /** create: a preview environment this run created; none: it already ran the version, Ready and Green. */
  action?: DeploymentAction
  /** False with `wait: false`: the update was accepted and not waited for. */
  waited?: boolean
  ok: boolean
  message?: string
  lastEvents: string[]
}

export type DeploymentAction = 'create' | 'update' | 'none'

export interface DeploySummary {
  versionLabels: string[]
  images: ImageReport[]
  phases: [string, number][]
  environments: EnvironmentOutcome[]
  smokeTest?: SmokeTestReport
  /** Choices made converting the compose file, each once. */
  notes: string[]
  /** Secret-looking values the bundle carries in clear. */
  clearSecrets?: ClearSecret[]
}

export async function writeDeploySummary(record: DeploySummary): Promise<void> {
  const ok = record.environments.every(outcome => outcome.ok)
  const out = core.summary.addHeading(ok ? 'Deployed to Elastic Beanstalk' : 'Deploy failed', 2)
  out.addRaw(`Version ${record.versionLabels.map(code).join(', ')}`, true)
  if (record.smokeTest) out.addRaw(smokeTestLine(record.smokeTest), true)
  if (record.environments.length > 0) {
    table(
      out,
      ['Environment', 'Result', 'Health', 'URL'],
      record.environments.map(outcome => [
        escapeHtml(outcome.environmentName),
        outcomeText(outcome),
        escapeHtml(outcome.health ?? ''),
        outcome.url ? `<a href="${escapeHtml(outcome.url)}">${escapeHtml(outcome.url)}</a>` : ''
      ])
    )
  }
  if (record.images.length > 0) {
    out.addHeading('Images', 3)
    table(
      out,
      ['Services', 'Image', 'Layers pushed / present', 'Pushed', 'Build / push'],
      record.images.map(image => [
        escapeHtml(image.services.join(', ')),
        code(image.imageUri),
        image.reused ? 'reused' : `${image.layersPushed} / ${image.layersExisting}`,
        formatBytes(image.bytesPushed),
        image.reused ? '—' : `${image.buildSeconds.toFixed(1)} s / ${image.pushSeconds.toFixed(1)} s`
      ])
    )
  }
  if (record.phases.length > 0) {
    out.addHeading('Phases', 3)
    table(
      out,
      ['Phase', 'Seconds'],
      record.phases.map(([phase, seconds]) => [phase, seconds.toFixed(1)])
    )
  }
  lastEvents(out, record.environments)
  addClearSecrets(out, record.clearSecrets ?? [], escapeHtml)
  notesDetails(out, record.notes)
  await publishSummary(out)
}

function outcomeText(outcome: EnvironmentOutcome): string {
  if (!outcome.ok) return `❌ ${escapeHtml(outcome.message ?? 'failed')}`
  if (outcome.action === 'none') return '✅ already on this version (nothing updated)'
  if (outcome.waited === false)
    return `⏩ update accepted, not waited for (${escapeHtml(outcome.status ?? '')})`
  return outcome.action === 'create' ? '✅ created and deployed' : '✅ deployed'
}

/** What a run changed in AWS before it stopped, recorded as it happened. */
export interface RunChanges {
  previewCreated?: string
  repositoriesCreated: string[]
  /** Images this run pushed (`<repositoryUri>@sha256:…`), known once the push phase ended. */
  imagesPushed: string[]
  bundlesUploaded: string[]
  versionsCreated: string[]
  versionsDeleted: string[]
  /** Versions this run created, then deleted with their bundles because the smoke test failed. */
  versionsDiscarded: string[]
}

export function noChanges(): RunChanges {
  return {
    repositoriesCreated: [],
    imagesPushed: [],
    bundlesUploaded: [],
    versionsCreated: [],
    versionsDeleted: [],
    versionsDiscarded: []
  }
}

/**
 * Phases in the order a deploy runs them: where it stopped says what cannot have happened. The smoke
 * test runs beside the push, the bundle and the version, and its failure stops the run before the deploy.
 */
const DEPLOY_PHASES = [
  'plan',
  'preview environment',
  'resolve',
  'dev images',
  'build and push',
  'bundle',
  'application version',
  'smoke test'
]

export interface DeployFailure {
  /** The phase that failed (one of DEPLOY_PHASES, or `inputs`). */
  phase: string
  message: string
  versionLabels: string[]
  changes: RunChanges
  phases: [string, number][]
  notes: string[]
  smokeTest?: SmokeTestReport
}

/** Lines saying what the run changed before it stopped, and what it did not. */
export function changeLines(failure: Pick<DeployFailure, 'phase' | 'changes'>): {
  changed: string[]
  unchanged: string[]
} {
  const { changes } = failure
  const reached = (phase: string): boolean =>
    DEPLOY_PHASES.indexOf(failure.phase) >= DEPLOY_PHASES.indexOf(phase)
  const changed = [
    ...(changes.previewCreated ? [`Created the preview environment ${changes.previewCreated}`] : []),
    ...changes.repositoriesCreated.map(name => `Created the ECR repository ${name}`),
    ...changes.imagesPushed.map(image => `Pushed ${image}`),
    ...changes.bundlesUploaded.map(location => `Uploaded the bundle ${location}`),
    ...changes.versionsDeleted.map(label => `Deleted the application version ${label}`),
    ...changes.versionsCreated.map(label =>
      changes.versionsDiscarded.includes(label)
        ? `Created the application version ${label}, then deleted it with its bundle: the smoke test failed`
        : `Created the application version ${label}`
    )
  ]
  const unchanged = ['No environment was updated: each runs what it ran before.']
  if (changes.versionsCreated.length === 0) unchanged.push('No application version was created.')
  else if (changes.versionsCreated.every(label => changes.versionsDiscarded.includes(label))) {
    unchanged.push('No application version this run created remains.')
  }
  if (!reached('build and push')) unchanged.push('Nothing was built or pushed.')
  else if (failure.phase === 'smoke test') {
    unchanged.push(
      'The smoke test ran beside the push, the bundle upload and the application version: no environment runs what it tested, any version this run created was deleted with its bundle, and the pushed images stay in ECR under the commit’s tag (the lifecycle policy ages them out; a re-run reuses them).'
    )
  } else if (failure.phase === 'build and push' && changes.imagesPushed.length === 0) {
    unchanged.push(
      "No application version uses this run's images; any that finished pushing stay in ECR under the commit's tag, and a re-run reuses them."
    )
  }
  return { changed, unchanged }
}

/**
 * A deploy (or preview) that stopped before any environment was updated —
 * bad input, credentials, a lookup, the build, the smoke test, the push, the
 * bundle or the version: what failed, and what was and was not changed.
 */
export async function writeDeployFailure(failure: DeployFailure): Promise<void> {
  const out = core.summary.addHeading('Deploy failed: no environment was changed', 2)
  out.addRaw(`<p>❌ Failed in <b>${escapeHtml(failure.phase)}</b>: ${escapeHtml(failure.message)}</p>`, true)
  if (failure.versionLabels.length > 0)
    out.addRaw(`Version ${failure.versionLabels.map(code).join(', ')}`, true)
  if (failure.smokeTest) out.addRaw(smokeTestLine(failure.smokeTest), true)
  const { changed, unchanged } = changeLines(failure)
  out.addHeading('What changed', 3)
  out.addRaw(
    changed.length > 0
      ? `<ul>${changed.map(line => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
      : '<p>Nothing in AWS.</p>',
    true
  )
  out.addHeading('What did not change', 3)
  out.addRaw(`<ul>${unchanged.map(line => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`, true)
  if (failure.phases.length > 0) {
    out.addHeading('Phases', 3)
    table(
      out,
      ['Phase', 'Seconds'],
      failure.phases.map(([phase, seconds]) => [escapeHtml(phase), seconds.toFixed(1)])
    )
  }
  notesDetails(out, failure.notes)
  await publishSummary(out)
}
