// Two runs of one commit against an IMMUTABLE repository: both look for the
// commit's image before it exists, both build, and ECR refuses the second push
// even though it is the same commit (ECR does not compare digests,
// aws/containers-roadmap#2179). The second run must deploy the image the
// first one pushed, not fail.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { ECRClient } from '@aws-sdk/client-ecr'
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { createCommandRunner } from '../../src/adapters/docker/command-runner.js'
import { EcrRegistry } from '../../src/adapters/ecr.js'
import { buildAndPush, type ImageReport } from '../../src/build/build-and-push.js'
import type { ImageBuild } from '../../src/core/plan/types.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { describeIn, dockerEngine } from './helpers/docker.js'

const execFileAsync = promisify(execFile)
const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../..')
const fixture = path.resolve(here, '../fixtures/build-app')
const unique = `bdd-immut-${process.pid}-${Date.now().toString(36)}`

describeIn(dockerEngine)('an identical re-push to an immutable tag by two runs of one commit', () => {
  let standIn: StandIn
  let workdir: string
  let ecrClient: ECRClient
  const savedPath = process.env.PATH
  const logLines: string[] = []
  const logger = {
    info: (line: string) => void logLines.push(line),
    warning: (line: string) => void logLines.push(`warning: ${line}`),
    error: (line: string) => void logLines.push(`error: ${line}`),
    setSecret: () => undefined
  }
  const image: ImageBuild = {
    id: 'web',
    services: ['web'],
    repository: `${unique}/web`,
    context: 'app-src',
    dockerfile: 'Dockerfile',
    args: {},
    target: 'app'
  }

  beforeAll(async () => {
    process.env.PATH = `/usr/bin:${savedPath ?? ''}`
    await execFileAsync('bash', [path.join(repoRoot, 'scripts/base-image.sh')])
    workdir = await mkdtemp(path.join(tmpdir(), `${unique}-`))
    await cp(fixture, path.join(workdir, 'app-src'), { recursive: true })
    standIn = await startStandIn({ runContainers: false })
    ecrClient = new ECRClient({
      region: standIn.clientConfig.region,
      endpoint: standIn.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
    })
  }, 180_000)

  afterAll(async () => {
    process.env.PATH = savedPath
    ecrClient?.destroy()
    await standIn?.stop()
    if (workdir) await rm(workdir, { recursive: true, force: true })
  }, 120_000)

  function run(registry: EcrRegistry) {
    return buildAndPush([image], {
      workspace: workdir,
      commitSha: 'c0ffee9',
      versionLabel: 'v-c0ffee9',
      registry,
      tagMutability: 'IMMUTABLE',
      run: createCommandRunner({ DOCKER_CONFIG: path.join(workdir, 'docker-config') }),
      logger
    }) as Promise<[ImageReport]>
  }

  it('the second run is refused by ECR and deploys the first run’s image', async () => {
    const runner = createCommandRunner({ DOCKER_CONFIG: path.join(workdir, 'docker-config') })
    const [first] = await run(new EcrRegistry(ecrClient, runner, logger))
    expect(first.reused).toBe(false)

    // The second run looked before the first one pushed: its lookup found nothing.
    const late = new EcrRegistry(ecrClient, runner, logger)
    const lookup = late.findImage.bind(late)
    let looked = 0
    late.findImage = async (repository, tag) => (looked++ === 0 ? undefined : lookup(repository, tag))
    const [second] = await run(late)

    expect(second).toMatchObject({ reused: true, digest: first.digest, imageUri: first.imageUri })
    expect(logLines.join('\n')).toMatch(
      /another run of this commit pushed c0ffee9 first and ECR keeps immutable tags \(.*cannot be overwritten because the repository is immutable.*\); using its image sha256:/
    )
    // The tag kept the first run's manifest: only one push of it went through.
    expect(
      standIn.registry
        ?.manifestPushes()
        .filter(push => push.repository === image.repository && push.reference === 'c0ffee9')
    ).toHaveLength(1)
  }, 300_000)

  it('the cache tags move in an immutable repository: buildcache and each stage cache, build after build', async () => {
    // An image that copies from a stage of its own gets a stage cache, buildcache-build, pushed with every build.
    await mkdir(path.join(workdir, 'staged-src'), { recursive: true })
    await writeFile(
      path.join(workdir, 'staged-src', 'Dockerfile'),
      'FROM debian:bookworm-slim AS build\nRUN echo built > /built.txt\nFROM debian:bookworm-slim\nCOPY --from=build /built.txt /built.txt\n'
    )
    const staged: ImageBuild = {
      ...image,
      id: 'staged',
      repository: `${unique}/staged`,
      context: 'staged-src'
    }
    delete staged.target
    const runner = createCommandRunner({ DOCKER_CONFIG: path.join(workdir, 'docker-config') })
    const build = (commitSha: string) =>
      buildAndPush([staged], {
        workspace: workdir,
        commitSha,
        versionLabel: `v-${commitSha}`,
        registry: new EcrRegistry(ecrClient, runner, logger),
        tagMutability: 'IMMUTABLE',
        run: runner,
        logger
      })
    logLines.length = 0
    await build('aaaa111')
    await build('bbbb222')
    expect(logLines.filter(line => line.startsWith('warning:'))).toEqual([])
    const pushes = (reference: string) =>
      standIn.registry
        ?.manifestPushes()
        .filter(push => push.repository === staged.repository && push.reference === reference) ?? []
    expect(pushes('buildcache-build').length).toBeGreaterThanOrEqual(2)
    expect(pushes('buildcache').length).toBeGreaterThanOrEqual(2)
  }, 300_000)
})
