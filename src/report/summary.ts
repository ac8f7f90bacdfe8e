// The job summary of every mode, rendered here and nowhere else. Each mode
// hands over one typed record; no secret reaches any of them: values are
// image references, names, URLs, Beanstalk's own event texts and the diff's
// already-hidden values. GitHub renders the summary as HTML, so every value
// is escaped.

import * as core from '@actions/core'

import type { ImageReport } from '../build-and-push.js'
import { formatBytes } from '../core/bytes.js'
import type { DockerrunChange } from '../core/dockerrun-diff.js'
import { errorMessage } from '../core/errors.js'
import type { CurrentDeployment } from '../deploy/current-deployment.js'
import type { CleanupReport } from '../retention/versions.js'
import type { VersionRow } from '../rollback/targets.js'
import type { SmokeTestReport } from '../smoke/decision.js'

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

/**
 * Writes the job summary built so far. A run without GITHUB_STEP_SUMMARY (the
 * action started by hand) gets a warning: the summary never fails a job.
 */
export async function publishSummary(summary: Summary = core.summary): Promise<void> {
  try {
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
  url?: string
  health?: string
  status?: string
  versionLabel: string
  ok: boolean
  message?: string
  lastEvents: string[]
}

export interface DeploySummary {
  versionLabels: string[]
  images: ImageReport[]
  phases: [string, number][]
  environments: EnvironmentOutcome[]
  smokeTest?: SmokeTestReport
  /** Choices made converting the compose file, each once. */
  notes: string[]
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
        outcome.ok ? '✅ deployed' : `❌ ${escapeHtml(outcome.message ?? 'failed')}`,
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
  if (record.notes.length > 0) {
    out.addDetails(
      'Choices made converting the compose file',
      `<ul>${record.notes.map(note => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`
    )
  }
  await publishSummary(out)
}

/** The smoke test stops the run before any deploy: the summary says so on its own. */
export async function writeSmokeTestFailure(report: SmokeTestReport, versionLabels: string[]): Promise<void> {
  core.summary
    .addHeading('Smoke test failed: nothing was pushed or deployed', 2)
    .addRaw(`Version ${versionLabels.map(code).join(', ')}`, true)
    .addRaw(smokeTestLine(report), true)
  await publishSummary()
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

export async function writePlanSummary(versionLabels: string[], diffs: EnvironmentDiff[]): Promise<void> {
  const out = core.summary.addHeading('Deploy plan (nothing changed)', 2)
  out.addRaw(`Version ${versionLabels.map(code).join(', ')}`, true)
  for (const diff of diffs) {
    out.addHeading(escapeHtml(diff.environmentName), 3)
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
