// Job summary helpers shared by every mode.

import * as core from '@actions/core'

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
export async function publishSummary(summary: typeof core.summary = core.summary): Promise<void> {
  try {
    await summary.write()
  } catch (error) {
    core.warning(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`)
  }
}
