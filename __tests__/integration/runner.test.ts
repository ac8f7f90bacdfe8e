// The runner against the real Docker engine: a proxy container linked to a
// backend answers through its hostPort-80 mapping; failures are reported
// with their causes; stop() leaves nothing behind.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DockerrunV2 } from '../../src/core/dockerrun-types.js'
import { type RunningApp, runDockerrun } from '../../src/ecs-agent/index.js'
import { httpTestImage, leftovers } from './helpers/http-image.js'

const prefix = `bdd-rt-${randomBytes(3).toString('hex')}`
let image: string
const started: RunningApp[] = []

async function run(name: string, doc: DockerrunV2, extra: Partial<Parameters<typeof runDockerrun>[1]> = {}) {
  const app = await runDockerrun(doc, { project: `${prefix}-${name}`, ...extra })
  started.push(app)
  return app
}

function proxyAndBackend(backendCommand?: string[]): DockerrunV2 {
  return {
    AWSEBDockerrunVersion: 2,
    containerDefinitions: [
      {
        name: 'proxy',
        image,
        memory: 64,
        links: ['backend:app-server'],
        environment: [{ name: 'UPSTREAM', value: 'app-server:8080' }],
        portMappings: [{ hostPort: 80, containerPort: 8080 }]
      },
      {
        name: 'backend',
        image,
        memoryReservation: 32,
        environment: [{ name: 'GREETING', value: 'from the document' }],
        secrets: [{ name: 'SECRET_GREETING', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:g' }],
        ...(backendCommand ? { command: backendCommand } : {})
      }
    ]
  }
}

beforeAll(async () => {
  image = await httpTestImage()
}, 300_000)

afterAll(async () => {
  for (const app of started) await app.stop()
})

describe('runDockerrun', () => {
  it('serves through the port-80 container linked to its backend, with properties and secrets applied', async () => {
    const app = await run('ok', proxyAndBackend(), {
      extraEnvironment: { GREETING: 'from properties', RAILS_ENV: 'production' },
      resolveSecret: async valueFrom => `secret for ${valueFrom.split(':').pop()}`
    })
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Object.keys(app.containers).sort()).toEqual(['backend', 'proxy'])
    expect(app.ports).toEqual([
      expect.objectContaining({ container: 'proxy', containerPort: 8080, requestedHostPort: 80 })
    ])

    const health = await app.waitHealthy({ path: '/', timeoutMs: 30_000, intervalMs: 100 })
    expect(health).toEqual({ healthy: true, httpStatus: 200, causes: [] })
    // The container's own environment wins over the Beanstalk properties.
    expect(await (await fetch(`${app.url}/`)).text()).toBe('from the document')

    const statuses = await app.status()
    expect(statuses.map(({ name, running }) => ({ name, running }))).toEqual([
      { name: 'backend', running: true },
      { name: 'proxy', running: true }
    ])
    expect(await app.logs('backend', 10)).toContain('to GET / HTTP/1.0')
  }, 120_000)

  it('reports a path answering 500 as unhealthy', async () => {
    const app = await run('fail500', proxyAndBackend(), { resolveSecret: async () => 'x' })
    const health = await app.waitHealthy({ path: '/fail', timeoutMs: 3_000, intervalMs: 100 })
    expect(health).toEqual({
      healthy: false,
      httpStatus: 500,
      causes: ['health check failed: GET /fail returned 500']
    })
  }, 60_000)

  it('reports an essential container that exits, with its exit code', async () => {
    const app = await run('exit', proxyAndBackend(['sh', '-c', 'echo boom; exit 3']), {
      resolveSecret: async () => 'x'
    })
    const health = await app.waitHealthy({ timeoutMs: 30_000, intervalMs: 100 })
    expect(health.healthy).toBe(false)
    expect(health.causes).toContain('container backend exited with code 3')
    expect(await app.logs('backend')).toContain('boom')
  }, 60_000)

  it('mounts bundle folders read-only and joins extra networks', async () => {
    const bundleDir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-bundle-`))
    mkdirSync(path.join(bundleDir, 'conf'))
    writeFileSync(path.join(bundleDir, 'conf', 'greeting'), 'from the bundle')
    const extraNetwork = `${prefix}-extra`
    const { execFileSync } = await import('node:child_process')
    execFileSync('docker', ['network', 'create', extraNetwork])
    try {
      const app = await run(
        'mounts',
        {
          AWSEBDockerrunVersion: 2,
          volumes: [{ name: 'conf', host: { sourcePath: '/var/app/current/conf' } }],
          containerDefinitions: [
            {
              name: 'web',
              image,
              memory: 64,
              entryPoint: ['sh', '-c'],
              command: ['GREETING="$(cat /conf/greeting)" exec perl /server.pl'],
              mountPoints: [
                { sourceVolume: 'conf', containerPath: '/conf', readOnly: true },
                { sourceVolume: 'awseb-logs-web', containerPath: '/var/log/web' }
              ],
              portMappings: [{ hostPort: 80, containerPort: 8080 }]
            }
          ]
        },
        { bundleDir, networks: [extraNetwork] }
      )
      expect((await app.waitHealthy({ timeoutMs: 30_000, intervalMs: 100 })).healthy).toBe(true)
      expect(await (await fetch(`${app.url}/`)).text()).toBe('from the bundle')
      const networks = execFileSync('docker', [
        'inspect',
        '--format',
        '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}',
        app.containers.web ?? ''
      ]).toString()
      expect(networks.trim().split(' ').sort()).toEqual([extraNetwork, `${prefix}-mounts-net`].sort())
      const write = execFileSync('docker', [
        'exec',
        app.containers.web ?? '',
        'sh',
        '-c',
        'touch /conf/x 2>&1 || echo ro'
      ])
      expect(write.toString()).toContain('ro')
      await app.stop()
    } finally {
      execFileSync('docker', ['network', 'rm', extraNetwork])
      rmSync(bundleDir, { recursive: true, force: true })
    }
  }, 60_000)

  // Attack round 7 (docs/reliability.md): a container that writes a folder swaps a path inside it for a link to a
  // runner folder; Docker resolves the other container's bind source when that one starts, following the link.
  it("a source inside another container's writable source is mounted from its own copy, not through a swapped link", async () => {
    const hostDir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-nested-`))
    const runnerFolder = mkdtempSync(path.join(os.tmpdir(), `${prefix}-runner-`))
    writeFileSync(path.join(runnerFolder, 'secret.txt'), 'RUNNER-SECRET')
    try {
      const app = await run(
        'nested',
        {
          AWSEBDockerrunVersion: 2,
          volumes: [
            { name: 'data', host: { sourcePath: '/var/app/volumes/data' } },
            { name: 'data_y', host: { sourcePath: '/var/app/volumes/data/y' } }
          ],
          containerDefinitions: [
            {
              name: 'swapper',
              image,
              essential: false,
              memory: 32,
              entryPoint: ['sh', '-c'],
              command: [`rm -rf /x/y && ln -s ${runnerFolder} /x/y`],
              mountPoints: [{ sourceVolume: 'data', containerPath: '/x' }]
            },
            {
              name: 'web',
              image,
              memory: 64,
              dependsOn: [{ containerName: 'swapper', condition: 'SUCCESS' }],
              entryPoint: ['sh', '-c'],
              command: ['GREETING="$(cat /inner/secret.txt 2>&1 || echo nothing)" exec perl /server.pl'],
              mountPoints: [{ sourceVolume: 'data_y', containerPath: '/inner' }],
              portMappings: [{ hostPort: 80, containerPort: 8080 }]
            }
          ]
        },
        { hostDir }
      )
      expect((await app.waitHealthy({ timeoutMs: 30_000, intervalMs: 100 })).healthy).toBe(true)
      const seen = await (await fetch(`${app.url}/`)).text()
      expect(seen).not.toContain('RUNNER-SECRET')
      expect(seen).toMatch(/No such file/)
      await app.stop()
    } finally {
      rmSync(hostDir, { recursive: true, force: true })
      rmSync(runnerFolder, { recursive: true, force: true })
    }
  }, 60_000)

  it('stop() removes every container and network, and can run twice', async () => {
    for (const app of started) await app.stop()
    for (const app of started) await app.stop()
    expect(await leftovers(prefix)).toEqual([])
  }, 60_000)
})
