// A client that verifies the database against a CA bundle it names (NODE_EXTRA_CA_CERTS, PGSSLROOTCERT,
// sslrootcert=… in a URL) cannot trust the twin, whose certificate only a throwaway CA signed: an app that connects
// at its start and stops when it cannot (node-postgres with the RDS CA bundle) would never pass the smoke test.
// So the file the variable names is read from the image first:
// - it holds an RDS CA certificate: for the smoke run only, the same file with the throwaway CA appended is mounted
//   over it, and the client verifies the twin as it will verify RDS;
// - it holds none, or is not in the image: nothing is mounted, and the client fails against the twin as it would
//   against RDS (tls-findings.ts then names the file).

import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { DockerCli } from '../adapters/docker/command-runner.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import { PROJECT_LABEL } from '../ecs-agent/docker-argv.js'
import type { BindMount } from '../ecs-agent/docker-argv.js'
import { bundleSubjects, caBundlePaths, type CaBundleFile } from './ca-bundles.js'

export interface TwinTrust {
  /** Container name → the files mounted over its CA bundle paths for the smoke run. */
  mounts: Record<string, BindMount[]>
  /** Container name → what each CA bundle file it names holds. */
  files: Map<string, CaBundleFile[]>
}

/**
 * Reads every CA bundle the document's containers name from their images, and prepares the files that add the
 * twin's CA to those that hold an RDS CA. `folder`: a host folder of the smoke run for those files.
 */
export async function trustTwinCa(
  doc: DockerrunV2,
  twinCa: string,
  docker: DockerCli,
  options: { project: string; folder: string }
): Promise<TwinTrust> {
  const trust: TwinTrust = { mounts: {}, files: new Map() }
  await mkdir(options.folder, { recursive: true })
  for (const container of doc.containerDefinitions) {
    const paths = caBundlePaths(container.environment ?? [])
    if (paths.length === 0) continue
    const files: CaBundleFile[] = []
    for (const [index, named] of paths.entries()) {
      const copy = path.join(options.folder, `${container.name}-${index}.pem`)
      const text = await imageFile(docker, container.image, named.path, copy, options.project)
      // A folder of certificates (CA_PATH=/etc/ssl/certs) is no bundle file: left as it is, unjudged.
      if (text === FOLDER) continue
      if (text === undefined) {
        files.push({ ...named, holds: 'missing', subjects: [] })
        continue
      }
      const { subjects, rds } = bundleSubjects(text)
      files.push({ ...named, holds: rds ? 'rds' : 'other', subjects })
      if (!rds) continue
      await writeFile(copy, `${text.trimEnd()}\n${twinCa.trim()}\n`)
      ;(trust.mounts[container.name] ??= []).push({ source: copy, target: named.path, readOnly: true })
    }
    trust.files.set(container.name, files)
  }
  return trust
}

const FOLDER = Symbol('folder')

/**
 * A file of an image, copied out of a container that never starts; undefined when the image has none there, FOLDER
 * when the path is a folder.
 */
async function imageFile(
  docker: DockerCli,
  image: string,
  file: string,
  copy: string,
  project: string
): Promise<string | typeof FOLDER | undefined> {
  // Labelled as the smoke run's containers are, so a run stopped half-way still removes it.
  const created = await docker.call([
    'create',
    '--label',
    `${PROJECT_LABEL}=${project}`,
    '--entrypoint',
    '/',
    image
  ])
  const id = created.stdout.trim()
  if (created.exitCode !== 0 || id === '') return undefined
  try {
    const copied = await docker.call(['cp', '--follow-link', `${id}:${file}`, copy])
    if (copied.exitCode !== 0) return undefined
    const entry = await lstat(copy)
    if (entry.isDirectory()) return FOLDER
    // Only a regular file is a bundle: reading a FIFO the image put there would wait forever (attack round 8).
    if (!entry.isFile()) return undefined
    return await readFile(copy, 'utf8').catch(() => undefined)
  } finally {
    await docker.call(['rm', '--force', id])
    await rm(copy, { force: true, recursive: true })
  }
}
