import { describe, expect, test } from '@jest/globals'

import { createAwsClients, sharedClientConfig } from '../../../src/adapters/aws-clients.js'

describe('createAwsClients', () => {
  test('every client gets the region, adaptive retries, 8 attempts and the user agent suffix', async () => {
    const clients = createAwsClients({
      region: 'eu-central-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
    })
    try {
      for (const client of [clients.beanstalk, clients.s3, clients.rds, clients.elasticache, clients.ecr]) {
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

  test('clients are built once, on first use', () => {
    const clients = createAwsClients({ region: 'us-east-1' })
    expect(clients.beanstalk).toBe(clients.beanstalk)
    expect(clients.s3).not.toBe(clients.beanstalk)
    clients.destroy()
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
