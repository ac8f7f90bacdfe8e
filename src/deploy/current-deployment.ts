// What an environment runs now, for plan mode's diff: its version label →
// the version's source bundle in S3 → the Dockerrun.aws.json inside the zip.

import { unzipSync } from 'fflate'

import { describeEnvironment, type BeanstalkApi } from '../adapters/beanstalk/environments.js'
import { describeVersion } from '../adapters/beanstalk/versions.js'
import { getObjectBytes, type S3Api } from '../adapters/s3.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'

export interface CurrentDeployment {
  versionLabel?: string
  status?: string
  health?: string
  /** Undefined when the environment runs no version, or its bundle has no Dockerrun v2. */
  dockerrun?: DockerrunV2
}

/** Undefined when the environment does not exist (or is terminated). */
export async function currentDeployment(
  clients: { beanstalk: BeanstalkApi; s3: S3Api },
  application: string,
  environmentName: string
): Promise<CurrentDeployment | undefined> {
  const environment = await describeEnvironment(clients.beanstalk, application, environmentName)
  if (!environment || environment.Status === 'Terminated') return undefined
  const base = {
    ...(environment.VersionLabel !== undefined && { versionLabel: environment.VersionLabel }),
    ...(environment.Status !== undefined && { status: environment.Status }),
    ...(environment.Health !== undefined && { health: environment.Health })
  }
  if (!environment.VersionLabel) return base
  const source = (await describeVersion(clients.beanstalk, application, environment.VersionLabel))
    ?.SourceBundle
  if (!source?.S3Bucket || !source.S3Key) return base
  const bytes = await getObjectBytes(clients.s3, source.S3Bucket, source.S3Key)
  if (!bytes) return base
  const file = unzipSync(bytes, { filter: entry => entry.name === 'Dockerrun.aws.json' })[
    'Dockerrun.aws.json'
  ]
  if (!file) return base
  return { ...base, dockerrun: JSON.parse(new TextDecoder().decode(file)) as DockerrunV2 }
}
