// runDockerrun starts containers as the ECS agent does: a container is created and started once the containers
// it links to (or depends on) have started, and containers that do not wait for each other start at the same
// time. A fake docker CLI takes half a second per `docker start` and records when each call starts and ends.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { runDockerrun } from '../../../src/ecs-agent/index.js'

let folder: string
let docker: string
let calls: string

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'bdd-start-concurrency-'))
  docker = path.join(folder, 'docker')
  calls = path.join(folder, 'calls')
  await writeFile(
    docker,
    `#!/bin/sh
case "$1" in
  create) echo "id-$(echo "$*" | sed -n 's/.*--name start-\\([a-z]*\\) .*/\\1/p')" ;;
  start) echo "begin start $2" >> '${calls}'; sleep 0.5; echo "end start $2" >> '${calls}' ;;
  port) echo "127.0.0.1:40080" ;;
esac
exit 0
`
  )
  await chmod(docker, 0o755)
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const doc: DockerrunV2 = {
  AWSEBDockerrunVersion: 2,
  containerDefinitions: [
    { name: 'web', image: 'local/app:1', essential: true, memory: 128 },
    { name: 'worker', image: 'local/app:1', essential: true, memory: 128 },
    {
      name: 'nginx',
      image: 'local/nginx:1',
      essential: true,
      memory: 64,
      links: ['web'],
      portMappings: [{ hostPort: 80, containerPort: 80 }]
    }
  ]
}

const recorded = async (): Promise<string[]> =>
  (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(line => line !== '')

describe('runDockerrun starts containers as the ECS agent does', () => {
  it('web and worker at the same time; nginx, which links to web, once web has started', async () => {
    await rm(calls, { force: true })
    const app = await runDockerrun(doc, { project: 'start', docker, hostDir: path.join(folder, 'host') })
    const lines = await recorded()
    // Both began before either ended: they started at the same time.
    expect(lines.slice(0, 2).sort()).toEqual(['begin start id-web', 'begin start id-worker'])
    // nginx began only after web's start had ended.
    expect(lines.indexOf('begin start id-nginx')).toBeGreaterThan(lines.indexOf('end start id-web'))
    expect(app.url).toBe('http://127.0.0.1:40080')
    expect(Object.keys(app.containers).sort()).toEqual(['nginx', 'web', 'worker'])
    await app.stop()
  })
})
