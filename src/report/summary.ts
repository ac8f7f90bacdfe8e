// The job summary of every mode, rendered here and nowhere else. Each mode
// hands over one typed record; no secret reaches any of them: values are
// image references, names, URLs, Beanstalk's own event texts and the diff's
// already-hidden values. GitHub renders the summary as HTML, so every value
// is escaped.

import * as core from '@actions/core'

import type { ImageReport } from '../build/build-and-push.js'
import { describeBackingSource } from '../core/backing.js'
import { formatBytes } from '../core/bytes.js'
import type { DockerrunChange } from '../core/dockerrun-diff.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import { errorMessage } from '../core/errors.js'
import type { ClearSecret, DeployPlan } from '../core/plan-types.js'
import type { CurrentDeployment } from '../deploy/current-deployment.js'
import type { CleanupReport } from '../retention/versions.js'
import type { VersionRow } from '../rollback/targets.js'
import type { SmokeTestReport } from '../smoke/decision.js'
import { addClearSecrets } from './clear-secrets.js'

type Summary = typeof core.summary

const SUMMARY_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // A blank line ends an HTML block, after which GitHub reads markdown again; inside a <pre> a
  // character reference still shows as a line break.
  '\n': '&#10;',
  '\r': '&#13;',
  // Markdown links, images and footnotes all need a bracket.
  '[': '&#91;',
  ']': '&#93;'
}

/**
 * Makes text from outside (compose text, Beanstalk events, AWS errors) plain
 * text in the job summary, which GitHub renders as markdown with HTML: no tag,
 * no link or image, and no line break that could end the HTML block around it.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r\n[\]]/g, char => SUMMARY_ENTITIES[char] as string)
}

/** Values replaced by *** in the summary (the account id with mask-aws-account-id, as the runner masks the log). */
const maskedValues: string[] = []
let written = false

/** From now on, `value` is written as *** in the job summary (the runner masks it in the log). */
export function maskInSummary(value: string): void {
  if (value !== '' && !maskedValues.includes(value)) maskedValues.push(value)
}

/** True once a mode wrote its summary: main.ts then adds no failure summary of its own. */
export function summaryWritten(): boolean {
  return written
}

/**
 * Writes the job summary built so far. A run without GITHUB_STEP_SUMMARY (the
 * action started by hand) gets a warning: the summary never fails a job.
 */
export async function publishSummary(summary: Summary = core.summary): Promise<void> {
  written = true
  try {
    if (maskedValues.length > 0) {
      const text = maskedValues.reduce(
        (masked, value) => masked.split(value).join('***'),
        summary.stringify()
      )
      summary.emptyBuffer().addRaw(text)
    }
    await summary.write()
  } catch (error) {
    core.warning(`Job summary not written: ${errorMessage(error)}`)
  }
}

function table(summary: Summary, headings: string[], rows: string[][]): void {
  summary.addTable([headings.map(data => ({ data, header: true })), ...rows])
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

function lastEvents(summary: Summary, environments: { environmentName: string; lastEvents: string[] }[]) {
  for (const environment of environments) {
    if (environment.lastEvents.length === 0) continue
    summary.addDetails(
      `Last events of ${escapeHtml(environment.environmentName)}`,
      `<pre>${escapeHtml(environment.lastEvents.join('\n'))}</pre>`
    )
  }
}

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

/** Any mode that failed before writing a summary of its own (bad inputs, missing region): one line says why. */
export async function writeFailureSummary(mode: string, message: string): Promise<void> {
  core.summary
    .addHeading(`${capitalised(mode)} failed: nothing was changed`, 2)
    .addRaw(`<p>❌ ${escapeHtml(message)}</p>`, true)
  await publishSummary()
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

function notesDetails(out: Summary, notes: string[]): void {
  if (notes.length === 0) return
  out.addDetails(
    'Choices made converting the compose file',
    `<ul>${notes.map(note => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`
  )
}

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

export interface RollbackRow {
  environmentName: string
  from: string
  to: string
  result: string
  lastEvents: string[]
}

export interface RollbackSummary {
  title: string
  /** Why nothing was started. */
  problem?: string
  environments: RollbackRow[]
  /** The recent deployable versions a person can choose from. */
  versions: VersionRow[]
}

export async function writeRollbackSummary(record: RollbackSummary): Promise<void> {
  const out = core.summary.addHeading(record.title, 2)
  if (record.problem) out.addRaw(`❌ ${escapeHtml(record.problem)}`, true)
  if (record.environments.length > 0) {
    table(
      out,
      ['Environment', 'From', 'To', 'Result'],
      record.environments.map(row => [
        escapeHtml(row.environmentName),
        code(row.from),
        code(row.to),
        escapeHtml(row.result)
      ])
    )
  }
  out.addHeading('Recent deployable versions', 3)
  table(
    out,
    ['Version', 'Commit', 'Created', 'Status'],
    record.versions.map(row => [
      code(row.label),
      escapeHtml(row.commit.slice(0, 12)),
      row.date.toISOString(),
      escapeHtml(row.status)
    ])
  )
  lastEvents(out, record.environments)
  await publishSummary(out)
}

export async function writeCleanupSummary(
  application: string,
  keepVersions: number,
  report: CleanupReport
): Promise<void> {
  const out = core.summary.addHeading(`Cleanup of ${escapeHtml(application)}`, 2)
  out.addRaw(
    `${report.total} versions; kept the newest ${keepVersions} and the protected ones; deleted ${report.deleted.length}.`,
    true
  )
  const kept = [...report.protectedLabels].map(([label, why]) => ({ label, why })).concat(report.kept)
  if (kept.length > 0) {
    table(
      out,
      ['Kept version', 'Why'],
      kept.map(({ label, why }) => [code(label), escapeHtml(why)])
    )
  }
  if (report.deleted.length > 0) {
    out.addDetails('Deleted versions', `<pre>${escapeHtml(report.deleted.join('\n'))}</pre>`)
  }
  for (const problem of [...report.busy, ...report.failed]) {
    out.addRaw(`⚠️ ${code(problem.label)}: ${escapeHtml(problem.message)}`, true)
  }
  await publishSummary(out)
}
