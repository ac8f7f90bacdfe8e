// The job summary's "Secrets written in clear" section: one row per
// secret-looking variable the bundle carries as a value, with where it came
// from and the two ways to pass it instead (the plan's warnings say the same
// on the run's page).

import type * as core from '@actions/core'

import { groupClearSecrets } from '../core/plan/clear-secrets.js'
import type { ClearSecret } from '../core/plan/types.js'

type Summary = typeof core.summary

export function addClearSecrets(
  summary: Summary,
  secrets: readonly ClearSecret[],
  escapeHtml: (text: string) => string
): void {
  const grouped = groupClearSecrets(secrets)
  if (grouped.size === 0) return
  const code = (text: string): string => `<code>${escapeHtml(text)}</code>`
  summary.addHeading('Secrets written in clear', 3)
  summary.addTable([
    ['Variable', 'Containers', 'From', 'Pass it instead'].map(data => ({ data, header: true })),
    ...[...grouped].map(([variable, { containers, sources }]) => [
      code(variable),
      escapeHtml(containers.join(', ')),
      escapeHtml(sources.join(', ')),
      `by reference: ${code(`secrets: ${variable}=<Secrets Manager or SSM ARN>`)}; or an environment property of the Beanstalk environment, read as ${code(`${variable}: \${${variable}}`)}`
    ])
  ])
}
