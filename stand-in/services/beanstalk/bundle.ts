// Source bundles: a zip in S3 whose root holds Dockerrun.aws.json v2.

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { unzipSync } from 'fflate'
import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import type { ObjectStore } from '../../context.js'

export const DOCKERRUN_FILE = 'Dockerrun.aws.json'

export type BundleCheck =
  { ok: true; files: Record<string, Uint8Array>; dockerrun: DockerrunV2 } | { ok: false; reason: string }

/** Unzips a bundle and checks its Dockerrun.aws.json is a v2 document with containers. */
export function inspectBundle(zip: Uint8Array): BundleCheck {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(zip)
  } catch (error) {
    return { ok: false, reason: `The source bundle is not a valid zip file: ${(error as Error).message}` }
  }
  const raw = files[DOCKERRUN_FILE]
  if (!raw) return { ok: false, reason: `The source bundle has no ${DOCKERRUN_FILE} at its root.` }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(raw).toString('utf8'))
  } catch (error) {
    return { ok: false, reason: `${DOCKERRUN_FILE} is not valid JSON: ${(error as Error).message}` }
  }
  const document = parsed as Partial<DockerrunV2> | null
  // The EB CLI accepts the string "2" as well as the number.
  if (!document || Number(document.AWSEBDockerrunVersion) !== 2) {
    return {
      ok: false,
      reason: `ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion: ${String(document?.AWSEBDockerrunVersion)}`
    }
  }
  if (!Array.isArray(document.containerDefinitions) || document.containerDefinitions.length === 0) {
    return { ok: false, reason: `${DOCKERRUN_FILE} has no containerDefinitions.` }
  }
  return { ok: true, files, dockerrun: document as DockerrunV2 }
}

export async function loadBundle(store: ObjectStore, bucket: string, key: string): Promise<BundleCheck> {
  const object = await store.getObject(bucket, key)
  if (!object)
    return {
      ok: false,
      reason: `Unable to download from S3 location (Bucket: ${bucket}  Key: ${key}). Reason: Not Found`
    }
  return inspectBundle(object.body)
}

/** Writes the unzipped files under dir (what the instance has at /var/app/current). */
export async function extractBundle(files: Record<string, Uint8Array>, dir: string): Promise<void> {
  const root = path.resolve(dir)
  for (const [name, content] of Object.entries(files)) {
    const target = path.resolve(root, name)
    if (!target.startsWith(`${root}${path.sep}`)) continue // a zip-slip entry: never write outside the folder
    if (name.endsWith('/')) {
      await mkdir(target, { recursive: true })
      continue
    }
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
  }
}
