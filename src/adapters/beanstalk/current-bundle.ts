// The Dockerrun.aws.json an environment runs now: its version label →
// the version's source bundle in S3 → the document inside the zip.

import { DescribeApplicationVersionsCommand } from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { unzipSync } from 'fflate'
import type { DockerrunV2 } from '../../core/dockerrun-types.js'
import { describeEnvironment, type BeanstalkApi } from './environments.js'

export interface CurrentDeployment {
  versionLabel?: string
  status?: string
  health?: string
  /** Undefined when the environment runs no version, or its bundle has no Dockerrun v2. */
  dockerrun?: DockerrunV2
}

export async function currentDeployment(
  clients: { beanstalk: BeanstalkApi; s3: Pick<S3Client, 'send'> },
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
  const versions = await clients.beanstalk.send(
    new DescribeApplicationVersionsCommand({
      ApplicationName: application,
      VersionLabels: [environment.VersionLabel]
    })
  )
  const source = versions.ApplicationVersions?.[0]?.SourceBundle
  if (!source?.S3Bucket || !source.S3Key) return base
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: source.S3Bucket, Key: source.S3Key }))
  const bytes = await object.Body?.transformToByteArray()
  if (!bytes) return base
  const file = unzipSync(bytes, { filter: entry => entry.name === 'Dockerrun.aws.json' })[
    'Dockerrun.aws.json'
  ]
  if (!file) return base
  return { ...base, dockerrun: JSON.parse(new TextDecoder().decode(file)) as DockerrunV2 }
}
