// The build-and-push stage against a real Docker daemon and the AWS stand-in
// (its ECR API and the real docker-registry behind it): a code change built
// on a FRESH runner (a second, empty dockerd) uploads only the code layer.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { ECRClient } from '@aws-sdk/client-ecr'
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { createCommandRunner } from '../../src/adapters/docker/command-runner.js'
import { inspectBuilder } from '../../src/adapters/docker/builder-inspection.js'
import { removeImageTags } from '../../src/adapters/docker/docker-cli.js'
import { IMAGE_MANIFEST_TYPES, type Manifest } from '../../src/adapters/docker/registry-api.js'
import { EcrRegistry, logoutFromRegistry } from '../../src/adapters/ecr.js'
import { buildAndPush, type ImageReport } from '../../src/build/build-and-push.js'
import type { ImageBuild } from '../../src/core/plan/types.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { describeIn, dockerEngine } from './helpers/docker.js'
import {
  loadImages,
  startFreshDaemon,
  stopFreshDaemon,
  type FreshDaemon
} from '../../test-support/fresh-daemon.js'

const execFileAsync = promisify(execFile)
const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../..')
const fixture = path.resolve(here, '../fixtures/build-app')
const unique = `bdd-bp-${process.pid}-${Date.now().toString(36)}`

const describeWithDocker = describeIn(dockerEngine)

describeWithDocker('build and push on a fresh runner', () => {
  let standIn: StandIn
  let workdir: string
  let appDir: string
  let dockerConfig: string
  let freshDaemon: FreshDaemon | undefined
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
    services: ['web', 'worker'],
    repository: `${unique}/web`,
    context: 'app-src',
    dockerfile: 'Dockerfile',
    args: {},
    target: 'app'
  }
  let first: ImageReport
  let second: ImageReport

  beforeAll(async () => {
    // The Debian 20.10 CLI can use the daemon's BuildKit; the 28.x one in /usr/local/bin cannot without buildx.
    process.env.PATH = `/usr/bin:${savedPath ?? ''}`
    await execFileAsync('bash', [path.join(repoRoot, 'scripts/base-image.sh')])
    workdir = await mkdtemp(path.join(tmpdir(), `${unique}-`))
    appDir = path.join(workdir, 'app-src')
    dockerConfig = path.join(workdir, 'docker-config')
    await cp(fixture, appDir, { recursive: true })
    standIn = await startStandIn({ runContainers: false })
    ecrClient = new ECRClient({
      region: standIn.clientConfig.region,
      endpoint: standIn.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
    })
  }, 180_000)

  afterAll(async () => {
    process.env.PATH = savedPath
    if (freshDaemon) await stopFreshDaemon(freshDaemon)
    ecrClient?.destroy()
    await standIn?.stop()
    if (workdir) await rm(workdir, { recursive: true, force: true })
  }, 120_000)

  function stageOptions(commitSha: string, dockerHost?: string) {
    const run = createCommandRunner({
      DOCKER_CONFIG: dockerConfig,
      ...(dockerHost ? { DOCKER_HOST: dockerHost } : {})
    })
    return {
      workspace: workdir,
      commitSha,
      versionLabel: `v-${commitSha}`,
      sourceUrl: 'https://github.com/example/puppies',
      registry: new EcrRegistry(ecrClient, run, logger),
      run,
      logger
    }
  }

  async function manifestOf(report: ImageReport): Promise<Manifest> {
    const registry = new EcrRegistry(ecrClient, createCommandRunner(), logger)
    const manifest = await registry.getManifest(image.repository, report.digest)
    if (!manifest) throw new Error(`no manifest for ${report.digest}`)
    return manifest
  }

  /**
   * The indexes of the image's layers that its inline cache (the
   * `moby.buildkit.cache.v0` field of the image config, base64 JSON records)
   * has a result for: a fresh runner building from this image can only reuse
   * those layers. Read from the registry, as the next runner's BuildKit does.
   */
  async function cachedLayers(digest: string): Promise<number[]> {
    const registry = standIn.registry as NonNullable<StandIn['registry']>
    const headers = {
      authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`
    }
    const read = async (url: string, accept?: string) => {
      const response = await fetch(`${registry.backendUrl}/v2/${image.repository}/${url}`, {
        headers: { ...headers, ...(accept ? { accept } : {}) }
      })
      if (!response.ok) throw new Error(`registry ${url}: HTTP ${response.status}`)
      return (await response.json()) as Record<string, unknown>
    }
    const manifest = await read(`manifests/${digest}`, IMAGE_MANIFEST_TYPES.join(', '))
    const config = await read(`blobs/${(manifest.config as { digest: string }).digest}`)
    const cache = config['moby.buildkit.cache.v0']
    if (typeof cache !== 'string') return []
    const records = JSON.parse(Buffer.from(cache, 'base64').toString('utf8')) as {
      layers?: { layer: number }[]
    }[]
    const layers = new Set(records.flatMap(record => (record.layers ?? []).map(result => result.layer)))
    return [...layers].sort((a, b) => a - b)
  }

  /** Starts a new empty daemon (stopping the previous one: they share the bridge name). */
  async function newFreshDaemon(): Promise<FreshDaemon> {
    if (freshDaemon) await stopFreshDaemon(freshDaemon)
    freshDaemon = undefined
    freshDaemon = await startFreshDaemon(await mkdtemp(path.join(tmpdir(), `${unique}-dockerd-`)))
    const emptyImages = await execFileAsync('docker', ['-H', freshDaemon.host, 'image', 'ls', '--quiet'])
    expect(emptyImages.stdout.trim()).toBe('')
    // The shared daemon's bridge must survive the second daemon.
    await execFileAsync('ip', ['link', 'show', 'docker0'])
    await loadImages(freshDaemon.host)
    return freshDaemon
  }

  /** One build and push of `commitSha` on a new fresh runner, with the blob uploads the registry saw. */
  async function onFreshRunner(commitSha: string) {
    const daemon = await newFreshDaemon()
    const uploadsBefore = standIn.registry?.uploads().length ?? 0
    const [report] = (await buildAndPush([image], stageOptions(commitSha, daemon.host))) as [ImageReport]
    const uploads = standIn.registry?.uploads().slice(uploadsBefore) ?? []
    const manifest = await manifestOf(report)
    console.log(
      `fresh runner ${commitSha}: pushed ${report.bytesPushed} bytes in ${report.layersPushed} layers ` +
        `(layers ${manifest.layers.map(layer => layer.size).join(' + ')} bytes); registry received ` +
        `${uploads.reduce((sum, upload) => sum + upload.bytes, 0)} bytes in ${uploads.length} blob uploads`
    )
    return { report, uploads, manifest }
  }

  /** Asserts a code-only change: base and dependency blobs as in `previous`, only the code layer (and config) uploaded. */
  function expectOnlyCodeLayerUploaded(
    run: Awaited<ReturnType<typeof onFreshRunner>>,
    previous: Manifest
  ): void {
    const { report, uploads, manifest } = run
    const codeLayer = manifest.layers.at(-1)
    expect(report).toMatchObject({ reused: false, builder: 'buildkit', layersPushed: 1, layersExisting: 2 })
    // Base and dependency layers kept their digests: they came from the cache, not a rebuild.
    expect(manifest.layers.slice(0, -1)).toEqual(previous.layers.slice(0, -1))
    expect(codeLayer?.digest).not.toBe(previous.layers.at(-1)?.digest)
    expect(report.bytesPushed).toBe(codeLayer?.size)
    // The registry saw exactly the code layer and the new image config uploaded.
    const layerUploads = uploads.filter(upload =>
      manifest.layers.some(layer => layer.digest === upload.digest)
    )
    expect(layerUploads.map(upload => upload.digest)).toEqual([codeLayer?.digest])
    expect(uploads).toHaveLength(2)
  }

  it('builds with BuildKit and pushes every layer the first time', async () => {
    ;[first] = (await buildAndPush([image], stageOptions('c0ffee1'))) as [ImageReport]
    const manifest = await manifestOf(first)
    expect(first).toMatchObject({
      id: 'web',
      services: ['web', 'worker'],
      builder: 'buildkit',
      reused: false,
      tags: ['c0ffee1', 'v-c0ffee1'],
      imageUri: `${standIn.registry?.host}/${image.repository}@${first.digest}`,
      layersPushed: manifest.layers.length,
      layersExisting: 0,
      bytesPushed: manifest.layers.reduce((sum, layer) => sum + layer.size, 0)
    })
    expect(logLines.some(line => line.startsWith('[web] '))).toBe(true)
  }, 300_000)

  it('uploads only the changed code layer from an empty daemon', async () => {
    await writeFile(path.join(appDir, 'app', 'greeting.txt'), 'Hello from version 2\n')
    const run = await onFreshRunner('c0ffee2')
    second = run.report
    expectOnlyCodeLayerUploaded(run, await manifestOf(first))
  }, 300_000)

  it('reuses the image of a commit already in ECR: no build, no push', async () => {
    const uploadsBefore = standIn.registry?.uploads().length ?? 0
    const manifestsBefore = standIn.registry?.manifestPushes().length ?? 0
    const [again] = (await buildAndPush([image], stageOptions('c0ffee2', freshDaemon?.host))) as [ImageReport]
    expect(again).toMatchObject({
      reused: true,
      digest: second.digest,
      imageUri: second.imageUri,
      bytesPushed: 0
    })
    expect(standIn.registry?.uploads().length).toBe(uploadsBefore)
    expect(standIn.registry?.manifestPushes().length).toBe(manifestsBefore)
  }, 120_000)

  it('a second fresh runner in a row still hits the cache: the cache image carries every cache record on', async () => {
    // The image a fresh runner built from the cache is the next cache. docker
    // 20.10's BuildKit left the records of its cache hits out of it when the
    // cache was only named in --cache-from: layer 1 had no record, and this
    // build re-ran the dependency step and uploaded every layer.
    await writeFile(path.join(appDir, 'app', 'greeting.txt'), 'Hello from version 3\n')
    const third = await onFreshRunner('c0ffee4')
    expectOnlyCodeLayerUploaded(third, await manifestOf(second))
    // Layer 1 (dependencies) and 2 (code) have a cache record in every image; layer 0 is the base image's.
    for (const report of [first, second, third.report])
      expect(await cachedLayers(report.digest)).toEqual([1, 2])
  }, 300_000)

  it('a dependency change on a fresh runner refreshes the cache for the next fresh runner', async () => {
    const previous = await manifestOf(second)
    const dockerfile = path.join(appDir, 'Dockerfile')
    await writeFile(
      dockerfile,
      (await readFile(dockerfile, 'utf8')).replace('head -c 4000000', 'head -c 4100000')
    )
    const changed = await onFreshRunner('c0ffee5')
    const dependencyLayer = changed.manifest.layers[1]
    // The base layer is reused; the rebuilt dependency layer is new and uploaded.
    expect(changed.manifest.layers[0]).toEqual(previous.layers[0])
    expect(dependencyLayer?.digest).not.toBe(previous.layers[1]?.digest)
    expect(changed.uploads.map(upload => upload.digest)).toContain(dependencyLayer?.digest)
    expect(changed.uploads.map(upload => upload.digest)).not.toContain(previous.layers[0]?.digest)
    expect(await cachedLayers(changed.report.digest)).toEqual([1, 2])

    await writeFile(path.join(appDir, 'app', 'greeting.txt'), 'Hello from version 5\n')
    const next = await onFreshRunner('c0ffee6')
    expectOnlyCodeLayerUploaded(next, changed.manifest)
  }, 300_000)

  it('fails with one line naming the image when the build fails, pushing nothing', async () => {
    await writeFile(
      path.join(appDir, 'Dockerfile.broken'),
      'FROM debian:bookworm-slim\nRUN echo "gem rails-9.9 is not in the lock file" >&2; exit 3\n'
    )
    const manifestsBefore = standIn.registry?.manifestPushes().length ?? 0
    const { target: _target, ...untargeted } = image
    const broken = { ...untargeted, dockerfile: 'Dockerfile.broken' }
    const failure = buildAndPush([broken], stageOptions('c0ffee3')).then(
      () => undefined,
      (error: Error) => error.message
    )
    const message = await failure
    expect(message).toMatch(/^Build of image web \(services web, worker\) failed: .*exit code: 3/)
    // The failing step's own output, which BuildKit's last line does not give.
    expect(message).toMatch(/ — \[2\/2\] RUN echo .*: gem rails-9\.9 is not in the lock file$/)
    expect(message).not.toContain('\n')
    expect(standIn.registry?.manifestPushes().length).toBe(manifestsBefore)
  }, 120_000)

  it('reports every tag it makes in the daemon, and the post step’s removal leaves none', async () => {
    const daemon = await newFreshDaemon()
    const reported = new Set<string>()
    await buildAndPush([image], {
      ...stageOptions('7a9e5000', daemon.host),
      onLocalTags: references => references.forEach(reference => reported.add(reference))
    })
    const tagsInDaemon = async () =>
      (
        await execFileAsync('docker', [
          '-H',
          daemon.host,
          'image',
          'ls',
          '--format',
          '{{.Repository}}:{{.Tag}}'
        ])
      ).stdout
        .split('\n')
        .filter(line => line.includes(`/${image.repository}:`))
        .sort()
    // The commit tag, the version label tag and the cache tag: exactly what the run made.
    expect(await tagsInDaemon()).toEqual([...reported].sort())
    expect(reported.size).toBe(3)
    const run = createCommandRunner({ DOCKER_CONFIG: dockerConfig, DOCKER_HOST: daemon.host })
    const { removed, problem } = await removeImageTags(run, [...reported])
    expect(problem).toBeUndefined()
    expect(removed.sort()).toEqual([...reported].sort())
    expect(await tagsInDaemon()).toEqual([])
  }, 300_000)

  it('a stage the image copies from keeps its cache across fresh runners (cache image of its own)', async () => {
    // The `build` stage of a Rails Dockerfile: an inline cache holds the final stage only, so without a cache
    // image of its own every fresh runner re-ran it (random bytes here: a re-run gives a new digest).
    const { target: _target, ...untargeted } = image
    const multi: ImageBuild = {
      ...untargeted,
      id: 'multi',
      repository: `${unique}/multi`,
      dockerfile: 'multi.Dockerfile'
    }
    await writeFile(
      path.join(appDir, 'multi.Dockerfile'),
      [
        'FROM debian:bookworm-slim AS build',
        'RUN head -c 3000000 /dev/urandom > /opt/compiled.bin',
        'COPY app/ /src/',
        'RUN cp /src/greeting.txt /opt/greeting.txt',
        'FROM debian:bookworm-slim',
        'COPY --from=build /opt/compiled.bin /opt/compiled.bin',
        'COPY --from=build /opt/greeting.txt /app/greeting.txt',
        'CMD ["cat", "/app/greeting.txt"]',
        ''
      ].join('\n')
    )
    const registry = new EcrRegistry(ecrClient, createCommandRunner(), logger)
    const manifest = async (report: ImageReport): Promise<Manifest> =>
      (await registry.getManifest(multi.repository, report.digest)) as Manifest
    const [seeded] = (await buildAndPush([multi], stageOptions('5eed0001'))) as [ImageReport]
    const before = await manifest(seeded)
    let previous = before
    // One hop: from a cache the shared daemon wrote to a fresh runner. A stage cache that a fresh runner wrote
    // after taking part of the stage from the cache can lack those steps' records (docs/builders.md), so a
    // second hop is not asserted (3 of 9 chained runs failed here; the one traced, at the second hop).
    for (const version of [2]) {
      await writeFile(path.join(appDir, 'app', 'greeting.txt'), `Hello from multi-stage ${version}\n`)
      const daemon = await newFreshDaemon()
      const uploadsBefore = standIn.registry?.uploads().length ?? 0
      const [report] = (await buildAndPush([multi], stageOptions(`5eed000${version}`, daemon.host))) as [
        ImageReport
      ]
      const after = await manifest(report)
      const uploaded = (standIn.registry?.uploads().slice(uploadsBefore) ?? []).map(upload => upload.digest)
      // The compiled layer came from the stage's cache (same digest); only the code layer is new.
      expect(after.layers.slice(0, 2)).toEqual(before.layers.slice(0, 2))
      expect(after.layers[2]?.digest).not.toBe(previous.layers[2]?.digest)
      expect(report).toMatchObject({ layersPushed: 1, bytesPushed: after.layers[2]?.size })
      expect(uploaded).toContain(after.layers[2]?.digest)
      expect(uploaded).not.toContain(after.layers[1]?.digest)
      previous = after
    }
    expect(logLines.filter(line => line.startsWith('warning: '))).toEqual([])
  }, 600_000)

  it('logs out of the registry', async () => {
    const run = createCommandRunner({ DOCKER_CONFIG: dockerConfig })
    await logoutFromRegistry(run, standIn.registry?.host as string)
    const config = await execFileAsync('cat', [path.join(dockerConfig, 'config.json')])
    expect(config.stdout).not.toContain(standIn.registry?.host as string)
  })
})

describeWithDocker('builder detection on this machine', () => {
  const savedPath = process.env.PATH
  afterAll(() => {
    process.env.PATH = savedPath
  })

  it.each([
    ['/usr/local/bin', 'legacy'],
    ['/usr/bin', 'buildkit']
  ])('with %s first on PATH → %s', async (first, expected) => {
    process.env.PATH = `${first}:${savedPath ?? ''}`
    expect((await inspectBuilder(createCommandRunner())).kind).toBe(expected)
  })
})
