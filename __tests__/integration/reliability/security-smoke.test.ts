// Issue 18, cases 1, 2, 3 and 9, on the local Docker engine: the smoke test
// runs the repository's containers on the runner, so what the compose file
// says must reach those containers and nothing else. Its environment must not
// steer the docker CLI (a PATH running the repository's own `docker`, a
// DOCKER_HOST handing the registry password to a fake daemon); an image or a
// mount path must not become a docker option (`-v=/:/hostroot`, a second
// `source=`); and a failed build must still log out of ECR in the post step.

import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { describeIn, dockerEngine } from '../helpers/docker.js'
import { startStage, type Stage } from './harness.js'
import {
  expectNothingEscaped,
  hostileRepository,
  repositoryInputs,
  runOnRepository,
  type HostileRepository
} from './security-checks.js'

const APPLICATION = 'rel-sec-smoke'
const ENVIRONMENT = 'rel-sec-smoke-env'

describeIn(dockerEngine)('the smoke test runs repository content in containers, never on the runner', () => {
  let stage: Stage
  let repository: HostileRepository
  /** A "Docker daemon" that only counts who connects to it. */
  let fakeDaemon: Server
  let daemonConnections = 0
  let daemonPort: number

  beforeAll(async () => {
    stage = await startStage({ application: APPLICATION, environments: [ENVIRONMENT] })
    fakeDaemon = createServer(socket => {
      daemonConnections++
      socket.destroy()
    })
    await new Promise<void>(resolve => fakeDaemon.listen(0, '127.0.0.1', resolve))
    daemonPort = (fakeDaemon.address() as { port: number }).port
  }, 120_000)
  afterAll(async () => {
    await new Promise(resolve => fakeDaemon?.close(resolve))
    await stage?.stop()
  }, 60_000)
  afterEach(() => repository?.remove())

  const smokeInputs = (overrides: Record<string, string> = {}) =>
    repositoryInputs(stage, ENVIRONMENT, { 'smoke-test': 'true', ...overrides })

  it('1: a compose PATH or DOCKER_HOST reaches the containers, not the docker CLI', async () => {
    repository = hostileRepository()
    const stolen = repository.canary('docker-ran')
    // The repository's own `docker`: run by the runner, it would copy the job's environment out.
    repository.write('rtbin/docker', `#!/bin/sh\nenv > ${stolen}\nexit 0\n`, 0o755)
    const daemon = `tcp://127.0.0.1:${daemonPort}`
    repository.write(
      'docker-compose.yml',
      `services:
  web:
    image: debian:bookworm-slim
    # Exits (and fails the smoke test) unless the container got exactly these values; then it reaches the
    # cache at the address the plan gave it (the smoke test requires a service that uses the cache to connect).
    command: ["bash", "-c", "test \\"$$PATH\\" = ./rtbin:/usr/bin:/bin && test \\"$$DOCKER_HOST\\" = ${daemon} && u=$\${REDIS_URL#redis://} && hp=$\${u%%/*} && exec 3<>/dev/tcp/$\${hp%:*}/$\${hp##*:} && printf 'PING\\r\\n' >&3 && exec sleep 60"]
    environment:
      PATH: ./rtbin:/usr/bin:/bin
      DOCKER_HOST: ${daemon}
      DOCKER_CONFIG: ./rtbin
      REDIS_URL: redis://redis:6379/0
  redis:
    image: redis:7
    environment:
      PATH: ./rtbin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      DOCKER_HOST: ${daemon}
`
    )
    const result = await runOnRepository(
      stage,
      repository,
      smokeInputs({ cache: 'puppies-cache', 'version-label': 'path-1' })
    )
    expect(result.run.errors).toEqual([])
    expect(result.run.status).toBe(0)
    expect(result.run.stdout).toMatch(/Smoke test passed in [\d.]+ s: no container publishes port 80/)
    expect(existsSync(stolen)).toBe(false)
    expect(daemonConnections).toBe(0)
    await expectNothingEscaped(stage, result, { refused: false })
  }, 300_000)

  it('2: a dev service whose image is a docker option is refused; the host is not mounted', async () => {
    repository = hostileRepository()
    const written = repository.canary('hostroot')
    repository.write(
      'docker-compose.yml',
      `services:
  web:
    image: debian:bookworm-slim
    command: ["sleep", "60"]
    environment:
      DATABASE_URL: postgres://app@db:5432/app
  db:
    image: "-v=/:/hostroot"
    command: ["debian:bookworm-slim", "sh", "-c", "touch /hostroot${written}"]
`
    )
    const result = await runOnRepository(stage, repository, smokeInputs({ database: 'puppies-db' }))
    // Backing services are recognised by their image, so this `db` is an ordinary container: the
    // plan refuses its image before the smoke test (or anything else) runs.
    expect(result.run.errors).toEqual([
      expect.stringMatching(/container db: image "-v=\/:\/hostroot" is not an image reference/)
    ])
    await expectNothingEscaped(stage, result)
  }, 300_000)

  it('3: a mount path carrying more mount fields is refused before anything runs', async () => {
    repository = hostileRepository()
    const written = repository.canary('mount')
    repository.write('conf/app.conf', 'x\n')
    repository.write(
      'docker-compose.yml',
      `services:
  web:
    image: debian:bookworm-slim
    command: ["sh", "-c", "touch /hostroot${written}; sleep 60"]
    volumes: ["./conf:/cfg,source=/,target=/hostroot"]
`
    )
    const result = await runOnRepository(stage, repository, smokeInputs())
    expect(result.run.errors).toEqual([
      expect.stringMatching(/container web: mount path "\/cfg,source=\/,target=\/hostroot" may not contain/)
    ])
    await expectNothingEscaped(stage, result)
  }, 300_000)

  it('9: a failed build still logs out of ECR in the post step', async () => {
    repository = hostileRepository()
    repository.write('web/Dockerfile', 'FROM debian:bookworm-slim\nRUN exit 3\n')
    repository.write('docker-compose.yml', `services:\n  web:\n    build: ./web\n    ports: ['80:3000']\n`)
    const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'bdd-docker-config-'))
    try {
      const result = await runOnRepository(
        stage,
        repository,
        smokeInputs({ 'smoke-test': 'false', 'ecr-repository-prefix': 'rel-sec-logout' }),
        { DOCKER_CONFIG: dockerConfig },
        { post: true }
      )
      const registryHost = stage.standIn.registry?.host as string
      expect(result.run.stdout).toContain(`Logged in to ${registryHost}`)
      expect(result.run.errors).toEqual([expect.stringMatching(/Build of image web .*failed/)])
      const config = JSON.parse(readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')) as {
        auths?: Record<string, unknown>
      }
      expect(Object.keys(config.auths ?? {})).not.toContain(registryHost)
      await expectNothingEscaped(stage, result, { refused: false })
    } finally {
      rmSync(dockerConfig, { recursive: true, force: true })
    }
  }, 300_000)
})
