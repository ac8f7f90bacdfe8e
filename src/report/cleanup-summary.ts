// The cleanup mode job summary: the versions kept (and why) and deleted.

import * as core from '@actions/core'

import type { CleanupReport } from '../retention/versions.js'
import { code, escapeHtml, publishSummary, table } from './summary.js'

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
