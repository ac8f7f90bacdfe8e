// What a failed run must not leave behind, read from the stand-in's records:
// a bundle in S3 that no application version points to, a version whose
// bundle is gone, or a version that failed processing (it can never be
// deployed, and a re-run of the same commit would find it and fail again).

import type { StandIn } from '../../../stand-in/server.js'
import { STORAGE_BUCKET } from './harness.js'

export async function leftovers(standIn: StandIn, application: string): Promise<string[]> {
  const versions = [...standIn.services.beanstalk.state.versionsOf(application).values()]
  const bundles = (await standIn.services.s3.listObjects(STORAGE_BUCKET, `${application}/`))
    .map(object => object.key)
    .filter(key => key.endsWith('.zip'))
  const found: string[] = []
  for (const key of bundles) {
    if (!versions.some(version => version.bucket === STORAGE_BUCKET && version.key === key)) {
      found.push(`bundle s3://${STORAGE_BUCKET}/${key} belongs to no version`)
    }
  }
  for (const version of versions) {
    if (version.status === 'FAILED') found.push(`version ${version.label} failed processing`)
    else if (version.bucket === STORAGE_BUCKET && !bundles.includes(version.key)) {
      found.push(`version ${version.label} has no bundle`)
    }
  }
  return found
}

/** The environment's record in the stand-in: status, health and the version it runs. */
export function environmentState(
  standIn: StandIn,
  name: string
): { status: string; health: string; versionLabel: string | undefined } | undefined {
  const environment = standIn.services.beanstalk.state.liveEnvironmentNamed(name)
  return (
    environment && {
      status: environment.status,
      health: environment.health,
      versionLabel: environment.versionLabel
    }
  )
}
