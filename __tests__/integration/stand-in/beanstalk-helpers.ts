// Shared by the Beanstalk stand-in suites: a client on a started stand-in,
// bundle zips, and polling until an environment settles.

import {
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  type EnvironmentDescription,
  ElasticBeanstalkClient,
  type EventDescription
} from '@aws-sdk/client-elastic-beanstalk'
import { zipSync, strToU8 } from 'fflate'
import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import type { StandIn } from '../../../stand-in/server.js'

export function beanstalkClient(standIn: StandIn): ElasticBeanstalkClient {
  return new ElasticBeanstalkClient({
    endpoint: standIn.endpoint,
    region: standIn.ctx.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1
  })
}

export function bundleZip(dockerrun: unknown, extra: Record<string, string> = {}): Buffer {
  const files: Record<string, Uint8Array> = {}
  if (dockerrun !== undefined) files['Dockerrun.aws.json'] = strToU8(JSON.stringify(dockerrun))
  for (const [name, content] of Object.entries(extra)) files[name] = strToU8(content)
  return Buffer.from(zipSync(files))
}

export const simpleDockerrun: DockerrunV2 = {
  AWSEBDockerrunVersion: 2,
  containerDefinitions: [
    { name: 'web', image: 'web:1', memory: 128, portMappings: [{ hostPort: 80, containerPort: 80 }] }
  ]
}

export async function putBundle(standIn: StandIn, bucket: string, key: string, zip: Buffer): Promise<void> {
  if (!(await standIn.ctx.s3.bucketExists(bucket))) await standIn.ctx.s3.createBucket(bucket)
  await standIn.ctx.s3.putObject(bucket, key, zip, 'application/zip')
}

/** Polls DescribeEnvironments until the environment is in a settled state (Ready or Terminated). */
export async function settle(
  client: ElasticBeanstalkClient,
  name: string,
  { until = ['Ready', 'Terminated'], timeoutMs = 60_000 }: { until?: string[]; timeoutMs?: number } = {}
): Promise<EnvironmentDescription> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { Environments = [] } = await client.send(
      new DescribeEnvironmentsCommand({ EnvironmentNames: [name] })
    )
    const environment = Environments.at(-1)
    if (environment && until.includes(environment.Status ?? '')) return environment
    if (Date.now() > deadline)
      throw new Error(`${name} did not reach ${until.join('/')}: ${JSON.stringify(environment)}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** Event messages of an environment, oldest first (as the deploy action prints them). */
export async function eventMessages(
  client: ElasticBeanstalkClient,
  environmentName: string,
  startTime?: Date
): Promise<EventDescription[]> {
  const { Events = [] } = await client.send(
    new DescribeEventsCommand({ EnvironmentName: environmentName, StartTime: startTime })
  )
  return Events.reverse()
}
