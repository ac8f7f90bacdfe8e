// An image pushed straight to the stand-in's registry over the registry API
// (no Docker): an empty image is enough where a test needs ECR to hold an
// image for a commit.

import { createHash } from 'node:crypto'
import type { StandIn } from '../../../stand-in/server.js'

/** Pushes an image with no layers as `repository:tag`; resolves to its manifest digest. */
export async function pushEmptyImage(standIn: StandIn, repository: string, tag: string): Promise<string> {
  const registry = standIn.registry
  if (!registry) throw new Error('the stand-in was started without a registry')
  const base = `http://${registry.host}`
  const authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [] },
      config: {}
    })
  )
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`
  const started = await fetch(`${base}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
    headers: { authorization }
  })
  const upload = new URL(started.headers.get('location') ?? '', base)
  upload.searchParams.set('digest', configDigest)
  const stored = await fetch(upload, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/octet-stream' },
    body: config
  })
  if (!stored.ok) throw new Error(`blob upload: ${stored.status} ${await stored.text()}`)
  const mediaType = 'application/vnd.docker.distribution.manifest.v2+json'
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: config.length,
      digest: configDigest
    },
    layers: []
  })
  const pushed = await fetch(`${base}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization, 'content-type': mediaType },
    body: manifest
  })
  if (!pushed.ok) throw new Error(`manifest push: ${pushed.status} ${await pushed.text()}`)
  return pushed.headers.get('docker-content-digest') ?? ''
}
