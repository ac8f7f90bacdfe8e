// The test app's image for every integration suite that needs something to
// really answer: __tests__/fixtures/http-app (a tiny HTTP server in perl-base)
// on the local debian:bookworm-slim. Built once per content — the tag carries a
// hash of the Dockerfile, server.pl and the base image's id, so the whole
// integration project (and the next run, and a parallel one) builds it once and
// a changed server never runs stale. Like the base images it stays in the
// engine as a cache.
//
// A suite that deploys image references (`image: ${TEST_REGISTRY}/rel/web:1`)
// pushes it into its stand-in's registry (pushHttpTestImage); a suite whose app
// the action builds builds FROM it (`ARG HTTP_TEST_IMAGE`, see testImageVariables).

import { CreateRepositoryCommand, ECRClient, RepositoryAlreadyExistsException } from '@aws-sdk/client-ecr'
import { createHash } from 'node:crypto'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

import { docker, dockerCall } from '../../../stand-in/docker.js'
import { PROJECT_ROOT } from '../../../test-support/run-action.js'
import type { StandIn } from '../../../stand-in/server.js'

const run = promisify(execFile)
const gzipped = promisify(gzip)

export const HTTP_APP = path.join(PROJECT_ROOT, '__tests__/fixtures/http-app')
const BASE_IMAGE = 'debian:bookworm-slim'
const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json'
const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json'
const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip'

/** The image's tag, `bdd-test-http:<content hash>`, built when the engine does not have it yet. */
export async function httpTestImage(): Promise<string> {
  let base = await dockerCall(['image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE])
  if (base.code !== 0) {
    await run('bash', [path.join(PROJECT_ROOT, 'scripts/base-image.sh')], { timeout: 600_000 })
    base = await dockerCall(['image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE])
  }
  const hash = createHash('sha256').update(base.stdout.trim())
  for (const file of ['Dockerfile', 'server.pl']) hash.update(await readFile(path.join(HTTP_APP, file)))
  const tag = `bdd-test-http:${hash.digest('hex').slice(0, 12)}`
  if ((await dockerCall(['image', 'inspect', '--format', '{{.Id}}', tag])).code !== 0)
    await docker(['build', '--quiet', '--tag', tag, HTTP_APP], 300_000)
  return tag
}

/**
 * The runner variables a suite's compose files use: TEST_REGISTRY, the
 * stand-in's registry host that pushHttpTestImage pushed to, and
 * HTTP_TEST_IMAGE, the local tag a Dockerfile builds FROM.
 */
export async function testImageVariables(standIn: StandIn): Promise<Record<string, string>> {
  if (!standIn.registry) throw new Error('the stand-in was started without a registry')
  return { TEST_REGISTRY: standIn.registry.host, HTTP_TEST_IMAGE: await httpTestImage() }
}

interface Blob {
  digest: string
  data: Buffer
}

interface RegistryImage {
  config: Blob
  layers: Blob[]
}

export interface PushedImage {
  /** `127.0.0.1:PORT/repository:tag`, one per reference pushed. */
  references: string[]
  /** The manifest's digest (the same under every reference). */
  digest: string
}

/**
 * Pushes the test image into the stand-in's registry as each
 * `repository:tag`, creating the ECR repositories that do not exist yet.
 * Over the registry API, from layers compressed once per image (os.tmpdir()):
 * a `docker push` would compress the base layer again for every suite's new
 * registry. No local tag is made, so environments pull the image from the
 * registry, as instances do.
 */
export async function pushHttpTestImage(standIn: StandIn, references: string[]): Promise<PushedImage> {
  const registry = standIn.registry
  if (!registry) throw new Error('the stand-in was started without a registry')
  const image = await registryImage(await httpTestImage())
  const ecr = new ECRClient(standIn.clientConfig)
  try {
    for (const repositoryName of new Set(references.map(reference => reference.split(':')[0] as string))) {
      await ecr.send(new CreateRepositoryCommand({ repositoryName })).catch((error: unknown) => {
        if (!(error instanceof RepositoryAlreadyExistsException)) throw error
      })
    }
  } finally {
    ecr.destroy()
  }
  const base = `http://${registry.host}`
  const authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: { mediaType: CONFIG_TYPE, size: image.config.data.length, digest: image.config.digest },
    layers: image.layers.map(layer => ({
      mediaType: LAYER_TYPE,
      size: layer.data.length,
      digest: layer.digest
    }))
  })
  let holder: string | undefined
  for (const reference of references) {
    const [repository, tag] = reference.split(':') as [string, string]
    for (const blob of [image.config, ...image.layers]) {
      const head = await fetch(`${base}/v2/${repository}/blobs/${blob.digest}`, {
        method: 'HEAD',
        headers: { authorization }
      })
      if (head.ok) continue
      // A blob another repository of this registry holds is mounted, not sent again.
      const mount = holder === undefined ? '' : `?mount=${blob.digest}&from=${holder}`
      const started = await fetch(`${base}/v2/${repository}/blobs/uploads/${mount}`, {
        method: 'POST',
        headers: { authorization }
      })
      if (started.status === 201) continue
      const upload = new URL(started.headers.get('location') ?? '', base)
      upload.searchParams.set('digest', blob.digest)
      const stored = await fetch(upload, {
        method: 'PUT',
        headers: { authorization, 'content-type': 'application/octet-stream' },
        body: blob.data
      })
      if (!stored.ok) throw new Error(`blob upload to ${repository}: ${stored.status} ${await stored.text()}`)
    }
    const pushed = await fetch(`${base}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': MANIFEST_TYPE },
      body: manifest
    })
    if (!pushed.ok) throw new Error(`manifest push of ${reference}: ${pushed.status} ${await pushed.text()}`)
    holder = repository
  }
  return {
    references: references.map(reference => `${registry.host}/${reference}`),
    digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}`
  }
}

/** The image's config and gzipped layers, from `docker save`, kept in os.tmpdir() by image tag. */
async function registryImage(tag: string): Promise<RegistryImage> {
  const cache = path.join(os.tmpdir(), 'bdd-test-http-blobs', tag.replace(':', '-'))
  if (!existsSync(path.join(cache, 'image.json'))) {
    await mkdir(path.dirname(cache), { recursive: true })
    const work = await mkdtemp(`${cache}.`)
    const archive = path.join(work, 'saved')
    try {
      await mkdir(archive)
      await run('sh', ['-c', 'docker save "$1" | tar -x -C "$2"', 'save', tag, archive])
      const [saved] = JSON.parse(await readFile(path.join(archive, 'manifest.json'), 'utf8')) as {
        Config: string
        Layers: string[]
      }[]
      if (!saved) throw new Error(`docker save ${tag} wrote no manifest`)
      const blobs: string[] = []
      for (const file of [saved.Config, ...saved.Layers]) {
        const raw = await readFile(path.join(archive, file))
        const data = file === saved.Config ? raw : await gzipped(raw, { level: 1 })
        const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`
        await writeFile(path.join(work, digest.replace(':', '-')), data)
        blobs.push(digest)
      }
      await writeFile(path.join(work, 'image.json'), JSON.stringify(blobs))
      await rm(archive, { recursive: true, force: true })
      // Another process may have filled the cache meanwhile: either copy is the same image.
      await rename(work, cache).catch(() => undefined)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  const [config, ...layers] = await Promise.all(
    (JSON.parse(await readFile(path.join(cache, 'image.json'), 'utf8')) as string[]).map(async digest => ({
      digest,
      data: await readFile(path.join(cache, digest.replace(':', '-')))
    }))
  )
  if (!config) throw new Error(`the cached image ${cache} has no config`)
  return { config, layers }
}

/** Names of containers and networks whose name starts with prefix (what a test must leave empty). */
export async function leftovers(prefix: string): Promise<string[]> {
  const containers = await docker(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}'])
  const networks = await docker(['network', 'ls', '--filter', `name=${prefix}`, '--format', '{{.Name}}'])
  return `${containers}\n${networks}`.split('\n').filter(Boolean)
}
