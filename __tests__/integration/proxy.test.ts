// Behind a corporate proxy: the action's AWS calls go through HTTPS_PROXY /
// HTTP_PROXY (via proxy-agent, as aws-actions/configure-aws-credentials
// does), and straight to a host NO_PROXY names. A small forward proxy here
// records what it was asked for: plain requests are forwarded (the stand-in
// speaks HTTP), CONNECT tunnels to real AWS hosts are refused after being
// recorded — enough to show that an https endpoint was asked through the proxy.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DescribeEnvironmentsCommand } from '@aws-sdk/client-elastic-beanstalk'

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { createAwsClients, type AwsClients } from '../../src/adapters/aws-clients.js'
import { runAction } from '../../test-support/run-action.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'

let standIn: StandIn
let proxy: Server
let proxyUrl: string
const forwarded: string[] = []
const tunnels: string[] = []
const savedEnv = { ...process.env }
const PROXY_VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy'
]

beforeAll(async () => {
  standIn = await startStandIn({ runContainers: false, registry: false })
  proxy = createServer((request, response) => {
    // A forward proxy's request line carries the absolute URL.
    const target = new URL(request.url ?? '')
    forwarded.push(target.host)
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: request.method,
        headers: request.headers
      },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  proxy.on('connect', (request, socket) => {
    tunnels.push(request.url ?? '')
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}, 60_000)

afterEach(() => {
  for (const name of PROXY_VARIABLES) delete process.env[name]
  delete process.env.AWS_ENDPOINT_URL
  forwarded.length = 0
  tunnels.length = 0
})

afterAll(async () => {
  process.env = savedEnv
  await new Promise(resolve => proxy?.close(resolve))
  proxy?.closeAllConnections()
  await standIn?.stop()
})

/** Clients for the stand-in's endpoint, built after the test set its proxy variables. */
function standInClients() {
  return createAwsClients({
    region: 'us-east-1',
    endpoint: standIn.endpoint,
    credentials: standIn.clientConfig.credentials
  })
}

function describeEnvironments(clients: AwsClients) {
  return clients.beanstalk.send(new DescribeEnvironmentsCommand({ ApplicationName: 'proxied' }))
}

describe('AWS calls behind a proxy', () => {
  it('go through HTTP_PROXY to an http endpoint, and straight to it when NO_PROXY names it', async () => {
    process.env.HTTP_PROXY = proxyUrl
    const clients = standInClients()
    try {
      await describeEnvironments(clients)
      expect(forwarded).toEqual([new URL(standIn.endpoint).host])
    } finally {
      clients.destroy()
    }

    forwarded.length = 0
    process.env.NO_PROXY = '127.0.0.1'
    const direct = standInClients()
    try {
      await describeEnvironments(direct)
      expect(forwarded).toEqual([])
    } finally {
      direct.destroy()
    }
  })

  it('ask the proxy in HTTPS_PROXY for a tunnel to the real AWS endpoint', async () => {
    process.env.HTTPS_PROXY = proxyUrl
    const clients = createAwsClients({
      region: 'eu-central-1',
      maxAttempts: 1,
      credentials: standIn.clientConfig.credentials
    })
    try {
      await expect(describeEnvironments(clients)).rejects.toThrow()
      expect(tunnels).toEqual(['elasticbeanstalk.eu-central-1.amazonaws.com:443'])
    } finally {
      clients.destroy()
    }
  })

  it('go through the proxy from the bundled action too (dist/index.js loads proxy-agent on demand)', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'proxy-plan-'))
    try {
      writeFileSync(
        path.join(workspace, 'docker-compose.yml'),
        'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'
      )
      const run = await runAction({
        inputs: { mode: 'plan', application: 'proxied', environment: 'proxied-web' },
        env: { ...standIn.env, HTTP_PROXY: proxyUrl },
        workspace
      })
      expect(run.errors).toEqual([])
      expect(run.stdout).toContain('proxied-web: no such environment')
      expect(forwarded).toContain(new URL(standIn.endpoint).host)
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  }, 60_000)

  it('use no proxy at all when none is set', async () => {
    const clients = standInClients()
    try {
      await describeEnvironments(clients)
      expect(forwarded).toEqual([])
      expect(tunnels).toEqual([])
    } finally {
      clients.destroy()
    }
  })
})
