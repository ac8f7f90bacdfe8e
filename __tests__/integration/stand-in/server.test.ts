// The stand-in server itself: client environment, protocol dispatch and
// errors for unknown targets/actions, the calls log, and a clean stop.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { CreateRepositoryCommand, ECRClient, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { dockerCall } from '../../../stand-in/docker.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { dockerEngine, testIn } from '../helpers/docker.js'

const dockerTest = testIn(dockerEngine)
let standIn: StandIn

beforeAll(async () => {
  standIn = await startStandIn({ runContainers: false })
})

afterAll(async () => {
  await standIn?.stop()
})

describe('environment and dispatch', () => {
  test('env holds what a client needs, and clients configured only from it reach the stand-in', async () => {
    expect(Object.keys(standIn.env).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_DEFAULT_REGION',
      'AWS_ENDPOINT_URL',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY'
    ])
    expect(standIn.env.AWS_ENDPOINT_URL).toBe(standIn.endpoint)
    const saved = { ...process.env }
    Object.assign(process.env, standIn.env)
    try {
      const client = new STSClient({})
      const identity = await client.send(new GetCallerIdentityCommand({}))
      client.destroy()
      expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/stand-in-deployer')
      expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      process.env = saved
    }
  })

  test('every request lands in the calls log with service, operation and status', async () => {
    const client = new ECRClient({
      endpoint: standIn.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
    })
    const start = standIn.calls.length
    await client.send(new DescribeRepositoriesCommand({}))
    client.destroy()
    expect(standIn.calls.slice(start)).toEqual([
      expect.objectContaining({
        service: 'ecr',
        operation: 'DescribeRepositories',
        status: 200,
        time: expect.any(Date)
      })
    ])
  })

  test('unknown JSON targets and Query actions answer in their protocol error format', async () => {
    const json = await fetch(standIn.endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.NoSuchOperation',
        'content-type': 'application/x-amz-json-1.1'
      },
      body: '{}'
    })
    expect(json.status).toBe(400)
    expect(await json.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation NoSuchOperation'
    })
    expect(json.headers.get('x-amzn-requestid')).toBeTruthy()

    const query = await fetch(standIn.endpoint, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/rds/aws4_request, SignedHeaders=host, Signature=0',
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: 'Action=DeleteDBInstance&Version=2014-10-31'
    })
    expect(query.status).toBe(400)
    const body = await query.text()
    expect(body).toContain('<ErrorResponse>')
    expect(body).toContain('<Code>InvalidAction</Code>')
  })
})

describe('stop', () => {
  test('stop ends the server and the registry, and is safe to call twice', async () => {
    const other = await startStandIn({ runContainers: false })
    const registryUrl = `http://${other.registry?.host}/v2/`
    expect((await fetch(registryUrl)).status).toBe(401)
    await other.stop()
    await other.stop()
    await expect(fetch(other.endpoint)).rejects.toThrow()
    await expect(fetch(registryUrl)).rejects.toThrow()
  })

  dockerTest(
    'stop removes the images under its registry, those pulled by digest alone too',
    async () => {
      const other = await startStandIn({ runContainers: false })
      const host = other.registry?.host ?? ''
      const dockerConfig = await mkdtemp(join(tmpdir(), 'stand-in-stop-'))
      const docker = async (args: string[], input = ''): Promise<string> => {
        const result = await dockerCall(args, { env: { DOCKER_CONFIG: dockerConfig }, input })
        if (result.code !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr}`)
        return result.stdout
      }
      const ours = async (): Promise<string[]> =>
        (await docker(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}']))
          .split('\n')
          .filter(line => line.startsWith(`${host}/`))
      try {
        const ecr = new ECRClient({ ...other.clientConfig, endpoint: other.endpoint })
        await ecr.send(new CreateRepositoryCommand({ repositoryName: 'stop/app' }))
        ecr.destroy()
        await docker(
          ['login', '-u', other.registry?.username ?? '', '--password-stdin', host],
          other.registry?.password
        )
        // One empty-layer image from nothing (no base image needed), pushed, then known by its digest alone:
        // what the instance's pull of `repo@sha256:…` leaves.
        await docker(['import', '-', `${host}/stop/app:v1`], '\0'.repeat(1024)) // an empty tar archive
        const pushed = await docker(['push', `${host}/stop/app:v1`])
        const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed)?.[1]
        await docker(['rmi', `${host}/stop/app:v1`])
        await docker(['pull', `${host}/stop/app@${digest ?? ''}`])
        expect(await ours()).toEqual([`${host}/stop/app <none> ${digest ?? ''}`])
      } finally {
        await other.stop()
        await rm(dockerConfig, { recursive: true, force: true })
      }
      expect(await ours()).toEqual([])
    },
    120_000
  )
})
