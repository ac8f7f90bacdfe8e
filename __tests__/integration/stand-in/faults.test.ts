// Fault injection seen through the real SDK v3 clients: throttling that the
// SDK's retries absorb (or not, with maxAttempts 1), 5xx bursts, dropped
// connections and failing S3 uploads, each with filters and reproducible
// rate decisions.

import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'

import { CreateRepositoryCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr'
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'

import { FaultInjector } from '../../../stand-in/faults.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'

let standIn: StandIn
const clients: { destroy(): void }[] = []

beforeAll(async () => {
  standIn = await startStandIn({ registry: false, runContainers: false })
})

afterEach(() => {
  standIn.faults.clear()
  for (const client of clients.splice(0)) client.destroy()
})

afterAll(async () => {
  await standIn?.stop()
})

function config(maxAttempts?: number) {
  return {
    endpoint: standIn.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
    ...(maxAttempts !== undefined && { maxAttempts })
  }
}

function sts(maxAttempts?: number): STSClient {
  const client = new STSClient(config(maxAttempts))
  clients.push(client)
  return client
}

function ecr(maxAttempts?: number): ECRClient {
  const client = new ECRClient(config(maxAttempts))
  clients.push(client)
  return client
}

function s3(maxAttempts?: number): S3Client {
  const client = new S3Client(config(maxAttempts))
  clients.push(client)
  return client
}

async function errorOf(
  promise: Promise<unknown>
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to fail')
}

function callsSince(start: number, operation: string) {
  return standIn.calls.slice(start).filter(call => call.operation === operation)
}

describe('throttling', () => {
  test('at rate 0.5 the SDK retries through the throttles and the call succeeds', async () => {
    // Seed 7's first draws are 0.01, 0.06, 0.98: two throttles, then a pass — within the SDK's 3 attempts.
    standIn.faults.set({ seed: 7, throttle: { rate: 0.5, service: 'sts' } })
    const start = standIn.calls.length
    const identity = await sts().send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe('123456789012')
    expect(identity.$metadata.attempts).toBe(3)
    const attempts = callsSince(start, 'GetCallerIdentity')
    expect(attempts.map(call => [call.status, call.fault])).toEqual([
      [400, 'throttle'],
      [400, 'throttle'],
      [200, undefined]
    ])
  })

  test('with maxAttempts 1 a throttled Query call fails as Throttling, a JSON call as ThrottlingException', async () => {
    standIn.faults.set({ throttle: { rate: 1 } })
    const query = await errorOf(sts(1).send(new GetCallerIdentityCommand({})))
    expect(query.name).toBe('Throttling')
    expect(query.message).toBe('Rate exceeded')
    expect(query.$metadata?.httpStatusCode).toBe(400)
    const json = await errorOf(ecr(1).send(new DescribeRepositoriesCommand({})))
    expect(json.name).toBe('ThrottlingException')
  })

  test('the same seed replays the same throttling decisions', () => {
    const decisions = (seed: number) => {
      const injector = new FaultInjector()
      injector.set({ seed, throttle: { rate: 0.3 } })
      return Array.from({ length: 50 }, () => injector.decide('sts', 'GetCallerIdentity')?.kind ?? 'pass')
    }
    expect(decisions(42)).toEqual(decisions(42))
    expect(decisions(42)).not.toEqual(decisions(43))
    expect(decisions(42)).toContain('throttle')
    expect(decisions(42)).toContain('pass')
  })
})

describe('5xx bursts and dropped connections', () => {
  test('the next N calls get 503 ServiceUnavailable; the SDK retries past a burst of 2', async () => {
    standIn.faults.set({ serverErrors: { count: 2, status: 503, service: 'ecr' } })
    const start = standIn.calls.length
    await ecr().send(new DescribeRepositoriesCommand({}))
    expect(callsSince(start, 'DescribeRepositories').map(call => call.status)).toEqual([503, 503, 200])
  })

  test('with maxAttempts 1 a 500 burst surfaces as InternalFailure', async () => {
    standIn.faults.set({ serverErrors: { count: 1, operation: 'GetCallerIdentity' } })
    const error = await errorOf(sts(1).send(new GetCallerIdentityCommand({})))
    expect(error.name).toBe('InternalFailure')
    expect(error.$metadata?.httpStatusCode).toBe(500)
  })

  test('a dropped connection gets no answer; the SDK retries it as a transient error', async () => {
    standIn.faults.set({ dropConnections: { count: 1, service: 'sts' } })
    const start = standIn.calls.length
    const identity = await sts().send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe('123456789012')
    expect(callsSince(start, 'GetCallerIdentity').map(call => call.status)).toEqual([0, 200])

    standIn.faults.set({ dropConnections: { count: 1, service: 'sts' } })
    await expect(sts(1).send(new GetCallerIdentityCommand({}))).rejects.toThrow()
  })

  test('filters leave other services and operations alone', async () => {
    standIn.faults.set({
      serverErrors: { count: 5, service: 's3' },
      throttle: { rate: 1, operation: 'CreateRepository' }
    })
    await expect(sts(1).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined()
    await expect(ecr(1).send(new DescribeRepositoriesCommand({}))).resolves.toBeDefined()
    expect(
      (await errorOf(ecr(1).send(new CreateRepositoryCommand({ repositoryName: 'filtered' })))).name
    ).toBe('ThrottlingException')
    // …and the S3 filter does hit S3.
    const start = standIn.calls.length
    const s3Error = await errorOf(s3(1).send(new HeadObjectCommand({ Bucket: 'filtered', Key: 'k' })))
    expect(s3Error.$metadata?.httpStatusCode).toBe(500)
    expect(callsSince(start, 'HeadObject').map(call => call.status)).toEqual([500])
  })
})

describe('S3 upload failures', () => {
  test('PutObject fails with 500 N times and stores nothing until an attempt succeeds', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'fault-bucket' }))
    standIn.faults.set({ s3UploadFailures: 1 })
    const error = await errorOf(
      s3(1).send(new PutObjectCommand({ Bucket: 'fault-bucket', Key: 'k', Body: 'v' }))
    )
    expect(error.name).toBe('InternalError')
    expect((await errorOf(s3().send(new HeadObjectCommand({ Bucket: 'fault-bucket', Key: 'k' })))).name).toBe(
      'NotFound'
    )

    standIn.faults.set({ s3UploadFailures: 2 })
    const start = standIn.calls.length
    await s3().send(new PutObjectCommand({ Bucket: 'fault-bucket', Key: 'k', Body: 'v' }))
    expect(callsSince(start, 'PutObject').map(call => call.status)).toEqual([500, 500, 200])
  })
})

describe('Beanstalk pass-through', () => {
  test("faults.set({beanstalk}) sets the Beanstalk service's own knobs", () => {
    standIn.faults.set({ beanstalk: { forceRed: 'puppies-prod', slowTransitions: 3 } })
    expect(standIn.services.beanstalk.faults).toEqual(
      expect.objectContaining({ forceRed: 'puppies-prod', slowTransitions: 3 })
    )
    expect(standIn.faults.beanstalk).toBe(standIn.services.beanstalk.faults)
    standIn.faults.set({ beanstalk: { forceRed: undefined, slowTransitions: undefined } })
  })
})
