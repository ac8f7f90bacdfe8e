// The smoke test's verdict does not wait for `docker rm`: passed() (what
// UpdateEnvironment waits for) resolves once the app is judged, while the
// containers and networks of the run are still being removed; ended() (what
// the run waits for before it ends) resolves once every one of them is gone.
// A fake docker CLI answers as a healthy app would (a local HTTP server is
// its port 80; the twins' logs show web and worker connecting) and takes a
// second to remove containers, recording when each call starts and ends.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { Prepared } from '../../../src/planning/prepare.js'
import { PhaseLog } from '../../../src/report/phases.js'
import { smokeTestStep } from '../../../src/stages/smoke-test.js'
import { configFor, loadPuppies, repoRoot } from '../core/support.js'

let folder: string
let docker: string
let calls: string
let names: string
let server: http.Server

const RDS_HOST = 'puppies-db.c9akciq32.us-east-1.rds.amazonaws.com'
const backing = {
  database: {
    endpoint: { host: RDS_HOST, port: 5432, username: 'admin', databaseName: 'puppies' },
    secrets: []
  },
  cache: { endpoint: { host: 'puppies-cache.x.cache.amazonaws.com', port: 6379 }, secrets: [] }
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'bdd-removal-beside-'))
  docker = path.join(folder, 'docker')
  calls = path.join(folder, 'calls')
  names = path.join(folder, 'names')
  server = http.createServer((_request, response) => response.end('ok'))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  // web is 10.9.0.5 and worker 10.9.0.6 on the twins' network; the twins logged both connecting.
  await writeFile(
    docker,
    `#!/bin/sh
address() { case "$1" in id-web) echo 10.9.0.5 ;; id-worker) echo 10.9.0.6 ;; *) echo 10.9.0.7 ;; esac; }
echo "start $1 $*" >> '${calls}'
case "$1" in
  create)
    name=$(echo "$*" | sed -n 's/.*--name \\([a-z0-9-]*\\) .*/\\1/p')
    echo "id-\${name##*-} $name" >> '${names}'
    echo "id-\${name##*-}" ;;
  port) echo "127.0.0.1:${port}" ;;
  inspect)
    case "$*" in
      *'{{.Name}}|'*) shift 3; for id in "$@"; do
          echo "/$(grep "^$id " '${names}' | cut -d' ' -f2)||2026-01-01T00:00:00Z|0001-01-01T00:00:00Z|true|$(address "$id") "
        done ;;
      *State.StartedAt*) echo "2026-01-01T00:00:00Z $(address "$4")" ;;
      *State.Running*) shift 3; for id in "$@"; do echo "$id true 0"; done ;;
    esac ;;
  logs)
    case "$*" in
      *-dev-db*) printf '[12] LOG:  connection received: host=10.9.0.5 port=40000\\n[12] LOG:  connection authorized: user=admin database=puppies\\n' ;;
      *-dev-redis*) printf '1:M 01 Jan 2026 00:00:00.000 - Accepted 10.9.0.6:40001\\n' ;;
    esac ;;
  rm) sleep 1 ;;
esac
echo "end $1 $*" >> '${calls}'
exit 0
`
  )
  await chmod(docker, 0o755)
})

afterAll(async () => {
  await new Promise(resolve => server.close(resolve))
  await rm(folder, { recursive: true, force: true })
})

function prepared(): Prepared {
  const config = configFor({ 'smoke-test': 'true', database: 'puppies-db', cache: 'puppies-cache' })
  const compose = loadPuppies()
  return {
    config,
    workspace: repoRoot,
    compose,
    targets: [{ plan: buildPlan(config, compose, 'puppies-prod'), environments: ['puppies-prod'] }]
  }
}

const recorded = async (): Promise<string[]> =>
  (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(line => line !== '')

describe('the removal of the smoke containers runs beside the deploy', () => {
  it('passed() resolves with the verdict while `docker rm` still runs; ended() once all is removed', async () => {
    await rm(calls, { force: true })
    const step = await smokeTestStep(prepared(), { docker, settleMs: 0, healthTimeoutMs: 10_000 })
    step.startDevServices(backing)
    step
      .hooks({ backing, healthChecks: new Map() }, new PhaseLog())
      .onBuilt?.({ web: 'local/web:1', nginx: 'local/nginx:1' })
    await step.passed()

    // The verdict is in (what UpdateEnvironment waits for) and it passed ...
    expect(step.report()).toMatchObject({ result: 'passed' })
    const atVerdict = await recorded()
    expect(atVerdict.filter(line => line.startsWith('start rm '))).not.toEqual([])
    // ... while no container removal has finished: the deploy does not wait for them.
    expect(atVerdict.filter(line => line.startsWith('end rm '))).toEqual([])
    expect(step.state).toBe('running')

    await step.ended()
    expect(step.state).toBe('stopped')
    expect(step.report()).toMatchObject({ result: 'passed' })
    const lines = await recorded()
    const project = /network create --label \S+ (bdd-smoke-[0-9a-f]{8})-dev/.exec(lines.join('\n'))?.[1]
    expect(project).toBeDefined()
    // Every container of the app and every twin removed, with their volumes; then both networks.
    const removed = lines
      .filter(line => line.startsWith('end rm '))
      .flatMap(line => line.split(' ').slice(5))
      .sort()
    expect(removed).toEqual(
      ['id-nginx', 'id-web', 'id-worker', `${project}-dev-db`, `${project}-dev-redis`].sort()
    )
    const networksRemoved = lines.filter(line => line.startsWith('end network network rm '))
    expect(networksRemoved.map(line => line.split(' ').at(-1)).sort()).toEqual([
      `${project}-dev`,
      `${project}-net`
    ])
    // The twins' network goes only once the app's containers (which joined it) are gone.
    const twinsNetwork = lines.indexOf(`start network network rm ${project}-dev`)
    expect(lines.slice(twinsNetwork).filter(line => line.startsWith('end rm '))).toEqual([])
  }, 30_000)
})
