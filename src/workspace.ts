// File-system side of planning: reads the compose file (and the .env and
// env_files it names) for the pure loader, and collects the files the bundle
// ships, then writes the zip.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { loadCompose } from './core/compose/load.js'
import type { ComposeProject } from './core/compose/model.js'
import { InputError } from './core/errors.js'
import type { BundleEntry } from './core/bundle.js'
import type { DeployPlan } from './core/plan-types.js'

export function readCompose(workspace: string, composeFile: string, env: NodeJS.ProcessEnv): ComposeProject {
  const absolute = path.resolve(workspace, composeFile)
  if (!existsSync(absolute)) {
    throw new InputError('compose-file', `${composeFile} not found in ${workspace}`)
  }
  return loadCompose({
    path: path.relative(workspace, absolute).split(path.sep).join('/'),
    text: readFileSync(absolute, 'utf8'),
    env,
    readFile: relative => {
      const file = path.resolve(workspace, relative)
      return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined
    },
    listFolder: (relative, limit) => listFolder(workspace, relative, limit)
  })
}

/** Workspace-relative files under a folder, at most `limit`; undefined when the path is no folder. */
function listFolder(workspace: string, relative: string, limit: number): string[] | undefined {
  const root = path.resolve(workspace, relative)
  if (!existsSync(root) || !statSync(root).isDirectory()) return undefined
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (found.length >= limit) return
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) found.push(path.relative(workspace, full).split(path.sep).join('/'))
    }
  }
  walk(root)
  return found
}

/** Folders Beanstalk reads from the bundle root when they sit beside the compose file. */
const PLATFORM_FOLDERS = ['.ebextensions', '.platform']

export function collectBundleFiles(
  workspace: string,
  composeDirectory: string,
  plan: DeployPlan
): BundleEntry[] {
  const entries: BundleEntry[] = []
  for (const file of plan.bundleFiles) {
    const source = path.resolve(workspace, file.source)
    if (!existsSync(source)) {
      throw new InputError(
        'compose-file',
        `mounted path ${file.source} does not exist, so it cannot be shipped in the bundle`
      )
    }
    entries.push(...readTree(source, file.target))
  }
  for (const folder of PLATFORM_FOLDERS) {
    const source = path.resolve(workspace, composeDirectory, folder)
    if (existsSync(source)) entries.push(...readTree(source, folder))
  }
  return entries
}

function readTree(source: string, target: string): BundleEntry[] {
  const stats = statSync(source)
  if (stats.isFile()) {
    return [{ path: target, data: readFileSync(source), executable: (stats.mode & 0o111) !== 0 }]
  }
  return readdirSync(source)
    .sort()
    .flatMap(name => readTree(path.join(source, name), `${target}/${name}`))
}

/** Writes the zip where later steps (and actions/upload-artifact) can find it; returns its path. */
export async function writeBundle(directory: string, fileName: string, zip: Uint8Array): Promise<string> {
  await mkdir(directory, { recursive: true })
  const bundlePath = path.join(directory, fileName)
  await writeFile(bundlePath, zip)
  return bundlePath
}
