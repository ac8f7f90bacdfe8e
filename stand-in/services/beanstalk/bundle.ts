// Source bundles: a zip in S3. Two readings, at the two moments AWS reads it:
//  - processing (CreateApplicationVersion Process=true) validates only the
//    `.ebextensions/*.config` files and the `env.yaml` manifest — a bundle
//    with a broken Dockerrun is PROCESSED and fails at deploy;
//  - a deploy reads Dockerrun.aws.json (and registers its task definition).

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { parse as parseYaml } from 'yaml'
import type { ObjectStore } from '../../context.js'

export const DOCKERRUN_FILE = 'Dockerrun.aws.json'

export type Unzipped = { ok: true; files: Record<string, Uint8Array> } | { ok: false; reason: string }

export type DeployableBundle =
  { ok: true; files: Record<string, Uint8Array>; dockerrun: unknown } | { ok: false; reason: string }

export async function fetchBundle(store: ObjectStore, bucket: string, key: string): Promise<Unzipped> {
  const object = await store.getObject(bucket, key)
  if (!object) {
    // The CreateApplicationVersion error text (docs/stand-in.md, AWS texts), reused for a bundle deleted since.
    return {
      ok: false,
      reason: `Unable to download from S3 location (Bucket: ${bucket}  Key: ${key}). Reason: Not Found`
    }
  }
  try {
    return { ok: true, files: unzipSync(object.body) }
  } catch (error) {
    // Real text unknown.
    return { ok: false, reason: `The source bundle is not a valid zip file: ${(error as Error).message}` }
  }
}

/**
 * What processing checks: every `.ebextensions/*.config` parses as YAML or
 * JSON and `env.yaml` parses as YAML. AWS reports a failed processing only as
 * Status FAILED, with no event saying why (aws/elastic-beanstalk-roadmap#136),
 * so the reason is for the stand-in's log.
 */
export function processingProblem(files: Record<string, Uint8Array>): string | undefined {
  for (const [name, content] of Object.entries(files)) {
    const isConfig = /^\.ebextensions\/[^/]+\.config$/.test(name)
    if (!isConfig && name !== 'env.yaml') continue
    try {
      parseYaml(Buffer.from(content).toString('utf8'))
    } catch (error) {
      return `${name} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`
    }
  }
  return undefined
}

/** The Dockerrun.aws.json a deploy reads, parsed but not yet checked as a task definition. */
export async function loadDeployableBundle(
  store: ObjectStore,
  bucket: string,
  key: string
): Promise<DeployableBundle> {
  const bundle = await fetchBundle(store, bucket, key)
  if (!bundle.ok) return bundle
  const raw = bundle.files[DOCKERRUN_FILE]
  // Real text unknown.
  if (!raw) return { ok: false, reason: `The source bundle has no ${DOCKERRUN_FILE} at its root.` }
  let document: unknown
  try {
    document = JSON.parse(Buffer.from(raw).toString('utf8'))
  } catch (error) {
    // Real text unknown.
    return { ok: false, reason: `${DOCKERRUN_FILE} is not valid JSON: ${(error as Error).message}` }
  }
  const version = (document as { AWSEBDockerrunVersion?: unknown } | null)?.AWSEBDockerrunVersion
  // The EB CLI accepts the string "2" as well as the number (ebcli/lib/heuristics.py, `in (2, '2')`,
  // https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/lib/heuristics.py#L44).
  // Text: the EB CLI's create.ecsdockerrun1, the event it raises on
  // (https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/resources/strings.py#L1076).
  if (Number(version) !== 2) {
    return {
      ok: false,
      reason: `ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion: ${String(version)}`
    }
  }
  return { ok: true, files: bundle.files, dockerrun: document }
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
