// The rollback mode job summary: where each environment went back to, and the versions it could go to.

import * as core from '@actions/core'

import type { VersionRow } from '../rollback/targets.js'
import { code, escapeHtml, lastEvents, publishSummary, table } from './summary.js'

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
