import { describe, expect, jest, test } from '@jest/globals'

import { ECRClient } from '@aws-sdk/client-ecr'
import { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { S3Client } from '@aws-sdk/client-s3'

import {
  createAwsClients,
  describeAttempt,
  keyParameters,
  proxyConfigured,
  sharedClientConfig
} from '../../../src/adapters/aws-clients.js'

describe('createAwsClients', () => {
  test('every client gets the region, adaptive retries, 8 attempts and the user agent suffix', async () => {
    const clients = createAwsClients({
      region: 'eu-central-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
    })
    try {
      for (const client of [
        clients.beanstalk,
        clients.s3,
        clients.rds,
        clients.elasticache,
        clients.ecr,
        clients.iam,
        clients.sts
      ]) {
        expect(await client.config.region()).toBe('eu-central-1')
        expect(await client.config.maxAttempts()).toBe(8)
        const strategy = (await client.config.retryStrategy()) as { mode?: string }
        expect(strategy.mode).toBe('adaptive')
        expect(client.config.customUserAgent).toEqual([['beanstalk-docker-deploy', '1']])
      }
    } finally {
      clients.destroy()
    }
  })

  test('each service gets its own client, built once', () => {
    const clients = createAwsClients({ region: 'us-east-1' })
    try {
      expect(clients.beanstalk).toBeInstanceOf(ElasticBeanstalkClient)
      expect(clients.s3).toBeInstanceOf(S3Client)
      expect(clients.ecr).toBeInstanceOf(ECRClient)
      expect(clients.beanstalk).toBe(clients.beanstalk)
      expect(clients.s3).toBe(clients.s3)
    } finally {
      clients.destroy()
    }
  })

  test('every client is there from the start: the seven services, the region and destroy(), no load step', () => {
    const clients = createAwsClients({ region: 'us-east-1' })
    try {
      // Getters are own keys: listing them builds nothing.
      expect(Object.keys(clients).sort()).toEqual(
        ['beanstalk', 'destroy', 'ecr', 'elasticache', 'iam', 'rds', 'region', 's3', 'sts'].sort()
      )
      expect(clients.ecr).toBeInstanceOf(ECRClient)
    } finally {
      clients.destroy()
    }
  })

  test('a client is built on first use only, and destroy() closes exactly the ones built', () => {
    const clients = createAwsClients({ region: 'us-east-1' })
    const beanstalk = clients.beanstalk
    const closed = jest.spyOn(beanstalk, 'destroy')
    // Only Beanstalk was asked for: an S3 client built anyway would be closed by destroy() too.
    const s3Prototype = jest.spyOn(S3Client.prototype, 'destroy')
    clients.destroy()
    expect(closed).toHaveBeenCalledTimes(1)
    expect(s3Prototype).not.toHaveBeenCalled()
    // After destroy() the next use builds a fresh client.
    expect(clients.beanstalk).not.toBe(beanstalk)
    clients.destroy()
    s3Prototype.mockRestore()
  })

  test('overrides: retry mode, attempts, endpoint, version', () => {
    expect(
      sharedClientConfig({
        region: 'us-east-1',
        retryMode: 'standard',
        maxAttempts: 3,
        endpoint: 'http://127.0.0.1:4566',
        version: '0.1.0'
      })
    ).toEqual({
      region: 'us-east-1',
      maxAttempts: 3,
      retryMode: 'standard',
      customUserAgent: [['beanstalk-docker-deploy', '0.1.0']],
      endpoint: 'http://127.0.0.1:4566'
    })
  })
})

describe('the debug line of each AWS call attempt', () => {
  test('names the operation, its key parameters, the answer, the request id and the attempt', () => {
    expect(
      describeAttempt({
        service: 'ElasticBeanstalk',
        operation: 'UpdateEnvironment',
        input: { ApplicationName: 'puppies', EnvironmentName: 'puppies-prod', VersionLabel: 'sha-0123' },
        attemptHeader: 'attempt=2; max=8',
        milliseconds: 84,
        status: 200,
        requestId: 'c0ffee-1'
      })
    ).toBe(
      'AWS ElasticBeanstalk.UpdateEnvironment ApplicationName=puppies EnvironmentName=puppies-prod VersionLabel=sha-0123 → 200, request c0ffee-1, attempt 2/8, 84 ms'
    )
    expect(
      describeAttempt({
        service: 'ECR',
        operation: 'DescribeImages',
        input: { repositoryName: 'puppies/web', imageIds: [{ imageTag: 'abc' }] },
        milliseconds: 3,
        status: 400,
        error: 'ImageNotFoundException'
      })
    ).toBe(
      'AWS ECR.DescribeImages repositoryName=puppies/web imageIds=[1 item] → ImageNotFoundException (HTTP 400), request (none), attempt 1, 3 ms'
    )
  })

  test('leaves payloads out and shortens long values', () => {
    const line = keyParameters({
      Bucket: 'b',
      Key: 'k',
      Body: 'the whole object',
      lifecyclePolicyText: '{"rules":[]}',
      EnvironmentNames: ['a', 'b'],
      Description: 'x'.repeat(300),
      StartTime: new Date('2026-01-02T03:04:05Z')
    })
    expect(line).toBe(
      `Bucket=b Key=k EnvironmentNames=[a, b] Description=${'x'.repeat(99)}… StartTime=2026-01-02T03:04:05.000Z`
    )
  })
})

describe('proxy variables', () => {
  test('a proxy is used when HTTPS_PROXY, HTTP_PROXY or ALL_PROXY (any case) is set, and not otherwise', () => {
    expect(proxyConfigured({})).toBe(false)
    expect(proxyConfigured({ NO_PROXY: '*' })).toBe(false)
    expect(proxyConfigured({ HTTPS_PROXY: 'http://proxy:3128' })).toBe(true)
    expect(proxyConfigured({ https_proxy: 'http://proxy:3128' })).toBe(true)
    expect(proxyConfigured({ HTTP_PROXY: 'http://proxy:3128' })).toBe(true)
    expect(proxyConfigured({ all_proxy: 'socks5://proxy:1080' })).toBe(true)
  })
})
