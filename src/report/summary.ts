// The job summary: what every mode's summary shares (escaping, masking, tables, writing it) and the one line of a
// mode that failed before writing its own. Each mode's summary is in <mode>-summary.ts and takes one typed record.
// No secret reaches any of them: values are image references, names, URLs, Beanstalk's own event texts and the
// diff's already-hidden values. GitHub renders the summary as HTML, so every value is escaped.

import * as core from '@actions/core'

import { errorMessage } from '../core/errors.js'

export type Summary = typeof core.summary

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

export function table(summary: Summary, headings: string[], rows: string[][]): void {
  summary.addTable([headings.map(data => ({ data, header: true })), ...rows])
}

export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

export function lastEvents(
  summary: Summary,
  environments: { environmentName: string; lastEvents: string[] }[]
) {
  for (const environment of environments) {
    if (environment.lastEvents.length === 0) continue
    summary.addDetails(
      `Last events of ${escapeHtml(environment.environmentName)}`,
      `<pre>${escapeHtml(environment.lastEvents.join('\n'))}</pre>`
    )
  }
}

/** Any mode that failed before writing a summary of its own (bad inputs, missing region): one line says why. */
export async function writeFailureSummary(mode: string, message: string): Promise<void> {
  core.summary
    .addHeading(`${capitalised(mode)} failed: nothing was changed`, 2)
    .addRaw(`<p>❌ ${escapeHtml(message)}</p>`, true)
  await publishSummary()
}

export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

export function notesDetails(out: Summary, notes: string[]): void {
  if (notes.length === 0) return
  out.addDetails(
    'Choices made converting the compose file',
    `<ul>${notes.map(note => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`
  )
}
