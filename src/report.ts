// What the action tells the person reading the log, the job summary and the
// later steps (outputs). No secret reaches any of them: values here are
// image references, names, URLs and Beanstalk's own event texts.

import * as core from '@actions/core'
import type { ImageReport } from './build-and-push.js'
import type { DeployPlan } from './core/plan-types.js'
import type { SmokeTestReport } from './smoke/decision.js'
import { escapeHtml, publishSummary } from './summary.js'

/** The notes gathered before planning failed: often the reason it did. */
export function logFailedPlanNotes(notes: string[]): void {
  for (const note of notes) core.info(`note: ${note}`)
}

export function logPlan(plan: DeployPlan): void {
  core.startGroup(`Plan: ${plan.containers.length} containers, ${plan.images.length} images to build`)
  for (const image of plan.images) {
    core.info(
      `image ${image.repository}: ${image.context}/${image.dockerfile} → ${image.services.join(', ')}`
    )
  }
  for (const container of plan.containers) {
    const image = container.image.kind === 'build' ? `build ${container.image.buildId}` : container.image.ref
    const ports = container.portMappings.map(port => `${port.hostPort}→${port.containerPort}`).join(' ')
    const links = container.links.length > 0 ? `, links ${container.links.join(' ')}` : ''
    core.info(`container ${container.name}: ${image}${ports ? `, ports ${ports}` : ''}${links}`)
  }
  for (const note of plan.notes) core.info(`note: ${note}`)
  core.endGroup()
  for (const warning of plan.warnings) core.warning(warning)
}

/** service → pinned image, for the `images` output. */
export function imagesByService(plan: DeployPlan, pinned: Record<string, string>): Record<string, string> {
  const images: Record<string, string> = {}
  for (const container of plan.containers) {
    images[container.name] =
      container.image.kind === 'build' ? (pinned[container.image.buildId] ?? '') : container.image.ref
  }
  return images
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

export interface RunSummary {
  title: string
  plan: DeployPlan
  images: ImageReport[]
  versionLabel: string
  bundleBytes?: number
  phases: [string, number][]
  environments: EnvironmentOutcome[]
  smokeTest?: SmokeTestReport
}

export async function writeSummary(summary: RunSummary): Promise<void> {
  const out = core.summary.addHeading(summary.title, 2)
  out.addRaw(`Version <code>${escapeHtml(summary.versionLabel)}</code>`, true)
  if (summary.smokeTest) out.addRaw(smokeTestLine(summary.smokeTest), true)
  if (summary.environments.length > 0) {
    out.addTable([
      [
        { data: 'Environment', header: true },
        { data: 'Result', header: true },
        { data: 'Health', header: true },
        { data: 'URL', header: true }
      ],
      ...summary.environments.map(outcome => [
        escapeHtml(outcome.environmentName),
        outcome.ok ? '✅ deployed' : `❌ ${escapeHtml(outcome.message ?? 'failed')}`,
        escapeHtml(outcome.health ?? ''),
        outcome.url ? `<a href="${escapeHtml(outcome.url)}">${escapeHtml(outcome.url)}</a>` : ''
      ])
    ])
  }
  if (summary.images.length > 0) {
    out.addHeading('Images', 3)
    out.addTable([
      [
        { data: 'Services', header: true },
        { data: 'Image', header: true },
        { data: 'Layers pushed / present', header: true },
        { data: 'Pushed', header: true },
        { data: 'Build / push', header: true }
      ],
      ...summary.images.map(image => [
        escapeHtml(image.services.join(', ')),
        `<code>${escapeHtml(image.imageUri)}</code>`,
        image.reused ? 'reused' : `${image.layersPushed} / ${image.layersExisting}`,
        formatBytes(image.bytesPushed),
        image.reused ? '—' : `${image.buildSeconds.toFixed(1)} s / ${image.pushSeconds.toFixed(1)} s`
      ])
    ])
  }
  if (summary.phases.length > 0) {
    out.addHeading('Phases', 3)
    out.addTable([
      [
        { data: 'Phase', header: true },
        { data: 'Seconds', header: true }
      ],
      ...summary.phases.map(([phase, seconds]) => [phase, seconds.toFixed(1)])
    ])
  }
  for (const outcome of summary.environments) {
    if (outcome.lastEvents.length === 0) continue
    out.addDetails(
      `Last events of ${escapeHtml(outcome.environmentName)}`,
      `<pre>${escapeHtml(outcome.lastEvents.join('\n'))}</pre>`
    )
  }
  if (summary.plan.notes.length > 0) {
    out.addDetails(
      'Choices made converting the compose file',
      `<ul>${summary.plan.notes.map(note => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`
    )
  }
  await publishSummary(out)
}

/** e.g. `Smoke test: ✅ passed in 23.4 s (GET / answered 200)`. */
export function smokeTestLine(report: SmokeTestReport): string {
  const result = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' }[report.result]
  const time = report.result === 'skipped' ? '' : ` in ${report.seconds.toFixed(1)} s`
  return `Smoke test: ${result}${time} (${escapeHtml(report.detail)})`
}

/** The smoke test stops the run before any deploy: the summary says so on its own. */
export async function writeSmokeTestFailure(report: SmokeTestReport, versionLabel: string): Promise<void> {
  core.summary
    .addHeading('Smoke test failed: nothing was pushed or deployed', 2)
    .addRaw(`Version <code>${escapeHtml(versionLabel)}</code>`, true)
    .addRaw(smokeTestLine(report), true)
  await publishSummary()
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
}
