// Job summary helpers shared by every mode.

import * as core from '@actions/core'

/** Escapes text for the job summary, which GitHub renders as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
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
