// The one line each deploy phase prints outside its group (report/phases.ts),
// and the line that fails the step when an environment failed.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'
import type { ImageReport } from '../build/build-and-push.js'
import { formatBytes } from '../core/bytes.js'
import type { EnsuredVersion } from '../deploy/application-version.js'
import type { EnvironmentOutcome } from './deploy-summary.js'

/** e.g. `puppies-prod is Ready (Green) on v12`, for each environment as the run found it. */
export function environmentsLine(before: ReadonlyMap<string, EnvironmentDescription>): string {
  return [...before.values()]
    .map(
      environment =>
        `${environment.EnvironmentName} is ${environment.Status} (${environment.Health}) on ${environment.VersionLabel ?? 'no version'}`
    )
    .join('; ')
}

export function imagesLine(images: {
  reports: readonly ImageReport[]
  pinned: Record<string, string>
}): string {
  if (images.reports.length === 0) {
    return Object.keys(images.pinned).length > 0
      ? `${Object.keys(images.pinned).length} image(s) already in ECR for this commit (build: false)`
      : 'no image to build'
  }
  return images.reports
    .map(report =>
      report.reused
        ? `${report.id} reused`
        : `${report.id} ${report.layersPushed} layer(s) pushed (${formatBytes(report.bytesPushed)})`
    )
    .join(', ')
}

export function bundlesLine(bundles: readonly { bundle: { bytes: number; sha256: string } }[]): string {
  return bundles
    .map(({ bundle }) => `${formatBytes(bundle.bytes)}, sha256 ${bundle.sha256.slice(0, 12)}…`)
    .join('; ')
}

export function versionsLine(versions: readonly EnsuredVersion[]): string {
  return versions
    .map(version => `${version.versionLabel} ${version.reused ? 'reused' : 'created'} (${version.status})`)
    .join('; ')
}

export function outcomeLine(outcome: EnvironmentOutcome): string {
  if (!outcome.ok) return `${outcome.environmentName} failed`
  if (outcome.action === 'none') return `${outcome.environmentName} already ran ${outcome.versionLabel}`
  if (outcome.waited === false)
    return `${outcome.environmentName} is ${outcome.status} to ${outcome.versionLabel} (not waited for)`
  return `${outcome.environmentName} is ${outcome.status} and ${outcome.health} on ${outcome.versionLabel}${outcome.url ? ` at ${outcome.url}` : ''}`
}

/** The step's failure line: each environment that failed, and why. */
export function failedEnvironments(outcomes: readonly EnvironmentOutcome[]): string {
  return outcomes
    .filter(outcome => !outcome.ok)
    .map(outcome => `${outcome.environmentName}: ${outcome.message}`)
    .join(' | ')
}
