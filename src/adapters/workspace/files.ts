// The file-system side of planning: every file the action reads from the
// repository (the compose file, `.env` and env_files, Dockerfiles, build
// contexts, shipped folders, `.ebextensions`, `.platform`) is found here.
//
// Repository content is not trusted: a symlink to /proc/self/environ or to
// ~/.docker, a `../../` path, a FIFO that blocks forever. So every path is
// resolved with its symlinks followed and must stay inside the workspace;
// inside a shipped folder a symlink is followed only when it stays inside that
// folder; only regular files and folders are read. Anything else is a one-line
// error naming the repository path. Nothing under a `.git` is read at all:
// the runner keeps the job's token there (see checkout-credentials.ts).

import { constants, lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import path from 'node:path'
import { GIT_REFUSAL, isGitName, isGitPath } from './checkout-credentials.js'
import { streamBundle, type StreamedEntry, type StreamedZip } from '../../core/bundle.js'
import { loadCompose } from '../../core/compose/load.js'
import type { ComposeProject } from '../../core/compose/model.js'
import { ComposeError, InputError } from '../../core/errors.js'
import type { DeployPlan } from '../../core/plan/types.js'

/** Text files read from the repository (compose file, .env, Dockerfile) are small; a bigger one is a mistake or an attack. */
export const MAX_TEXT_FILE_BYTES = 10 * 1024 * 1024

/** A repository file that cannot be read safely; the message names its repository path. */
export class WorkspaceError extends ComposeError {}

function shown(workspace: string, file: string): string {
  const relative = path.relative(workspace, file)
  return relative === '' ? '.' : relative.split(path.sep).join('/')
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isDirectory()) return 'a folder'
  return 'not a regular file'
}

/**
 * The real path of a workspace-relative path (symlinks followed), or undefined
 * when nothing is there. Throws a WorkspaceError when it leads outside the
 * workspace or cannot be resolved (a symlink loop, no permission).
 */
export function resolveInWorkspace(workspace: string, relative: string, what: string): string | undefined {
  const root = realpathSync(workspace)
  const lexical = path.resolve(workspace, relative)
  const name = `${what} ${shown(workspace, lexical)}`
  if (isGitPath(path.relative(workspace, lexical))) throw new WorkspaceError(`${name} ${GIT_REFUSAL}`)
  let real: string
  try {
    real = realpathSync(lexical)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    // A path through a file can never be created by a checkout: say which part is the file.
    if (code === 'ENOTDIR')
      throw new WorkspaceError(
        `${name} cannot exist: ${fileOnTheWay(workspace, lexical)} is a file, not a folder`
      )
    if (code === 'ELOOP') throw new WorkspaceError(`${name} is a symlink loop`)
    throw new WorkspaceError(`${name} cannot be read (${code ?? (error as Error).message})`)
  }
  if (!isInside(root, real)) {
    throw new WorkspaceError(
      `${name} resolves to ${real}, outside the workspace: only files of the repository are read`
    )
  }
  if (isGitPath(path.relative(root, real)))
    throw new WorkspaceError(`${name} resolves to ${shown(root, real)}, which ${GIT_REFUSAL}`)
  return real
}

/** The first part of `lexical`, from the workspace down, that exists and is not a folder. */
function fileOnTheWay(workspace: string, lexical: string): string {
  let current = path.resolve(workspace)
  for (const part of path.relative(current, lexical).split(path.sep)) {
    current = path.join(current, part)
    if (!statSync(current, { throwIfNoEntry: false })?.isDirectory()) break
  }
  return shown(workspace, current)
}

/**
 * Reads a regular file of the repository as UTF-8, or undefined when it does
 * not exist. A FIFO, device or socket is refused without being opened for a
 * blocking read, and so is a file over MAX_TEXT_FILE_BYTES.
 */
export function readWorkspaceText(workspace: string, relative: string, what: string): string | undefined {
  const real = resolveInWorkspace(workspace, relative, what)
  if (real === undefined) return undefined
  const name = `${what} ${shown(workspace, path.resolve(workspace, relative))}`
  // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new WorkspaceError(`${name} is ${kindOf(stats)}, not a file`)
    if (stats.size > MAX_TEXT_FILE_BYTES) {
      throw new WorkspaceError(`${name} is larger than ${MAX_TEXT_FILE_BYTES / (1024 * 1024)} MiB`)
    }
    const buffer = Buffer.alloc(stats.size)
    let offset = 0
    while (offset < buffer.length) {
      const read = readSync(fd, buffer, offset, buffer.length - offset, offset)
      if (read === 0) break
      offset += read
    }
    return buffer.subarray(0, offset).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/** The files compose looks for when none is named, in its order (compose-spec "Compose file"). */
export const DEFAULT_COMPOSE_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml'
]

/** The compose file compose would pick in the workspace root, and the other candidates it ignores. */
export function defaultComposeFile(workspace: string): { file: string; ignored: string[] } {
  const found = DEFAULT_COMPOSE_FILES.filter(name => {
    const real = resolveInWorkspace(workspace, name, 'compose file')
    return real !== undefined && statSync(real).isFile()
  })
  const [file, ...ignored] = found
  if (file === undefined) {
    throw new InputError(
      'compose-file',
      `none of ${DEFAULT_COMPOSE_FILES.join(', ')} is in ${workspace}: name the compose file with compose-file`
    )
  }
  return { file, ignored }
}

/**
 * The override file compose merges into a file of a default name
 * (compose.yaml → compose.override.yaml), when the workspace has one.
 */
export function overrideFileOf(workspace: string, composeFile: string): string | undefined {
  const match = /^(.*\/)?(compose|docker-compose)\.(yaml|yml)$/.exec(composeFile)
  if (!match) return undefined
  const candidate = `${match[1] ?? ''}${match[2]}.override.${match[3]}`
  const real = resolveInWorkspace(workspace, candidate, 'compose file')
  return real !== undefined && statSync(real).isFile() ? candidate : undefined
}

export function readCompose(
  workspace: string,
  composeFile: string,
  env: NodeJS.ProcessEnv,
  runnerVariableNamed?: (name: string) => boolean
): ComposeProject {
  const text = readWorkspaceText(workspace, composeFile, 'compose file')
  if (text === undefined) {
    throw new InputError('compose-file', `${composeFile} not found in ${workspace}`)
  }
  return loadCompose({
    path: path.relative(workspace, path.resolve(workspace, composeFile)).split(path.sep).join('/'),
    text,
    env,
    ...(runnerVariableNamed && { runnerVariableNamed }),
    // A folder is not a file: the loader asks for folders too (a mount may be either).
    readFile: (relative, skipOver) => {
      const real = resolveInWorkspace(workspace, relative, 'file')
      if (real === undefined) return undefined
      const stats = statSync(real)
      if (stats.isDirectory() || (skipOver !== undefined && stats.isFile() && stats.size > skipOver))
        return undefined
      return readWorkspaceText(workspace, relative, 'file')
    },
    listFolder: (relative, limit) => listFolder(workspace, relative, limit)
  })
}

/**
 * Workspace-relative files under a folder of the repository, at most `limit`;
 * undefined when the path is no folder. The folder must resolve inside the
 * workspace; symlinks under it are not followed (they are not listed).
 */
function listFolder(workspace: string, relative: string, limit: number): string[] | undefined {
  const root = resolveInWorkspace(workspace, relative, 'folder')
  if (root === undefined || !statSync(root).isDirectory()) return undefined
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (found.length >= limit) return
      if (isGitName(entry.name)) continue
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile())
        found.push(path.posix.join(relative, path.relative(root, full).split(path.sep).join('/')))
    }
  }
  walk(root)
  return found
}

/** One file of the bundle: where it goes in the zip and the real path it is read from. */
export interface BundleFile {
  path: string
  source: string
  size: number
  executable: boolean
}

/** Folders Beanstalk reads from the bundle root when they sit beside the compose file. */
const PLATFORM_FOLDERS = ['.ebextensions', '.platform']
/** A zip without its 64-bit extension holds 65535 entries; symlinked folders could otherwise multiply without end. */
const MAX_SHIPPED_ENTRIES = 0xffff

/**
 * Every file the bundle ships besides the Dockerrun: the plan's mounted paths
 * and the platform folders, checked (nothing is read yet). Runs before any
 * AWS call, so a bad tree fails first.
 */
export function listBundleFiles(workspace: string, composeDirectory: string, plan: DeployPlan): BundleFile[] {
  const files: BundleFile[] = []
  const budget = { entries: MAX_SHIPPED_ENTRIES }
  for (const file of plan.bundleFiles) {
    const source = resolveInWorkspace(workspace, file.source, 'mounted path')
    if (source === undefined) {
      throw new InputError(
        'compose-file',
        `mounted path ${file.source} does not exist, so it cannot be shipped in the bundle`
      )
    }
    files.push(...shippedTree(workspace, source, file.target, budget))
  }
  for (const folder of PLATFORM_FOLDERS) {
    const relative = path.join(composeDirectory, folder)
    const source = resolveInWorkspace(workspace, relative, 'folder')
    if (source !== undefined) files.push(...shippedTree(workspace, source, folder, budget))
  }
  return files
}

/**
 * The files of one shipped path (a file or a folder, already inside the
 * workspace). A symlink inside it is followed only when its target stays
 * inside the shipped folder; a folder reached twice on one branch is a loop.
 */
function shippedTree(
  workspace: string,
  top: string,
  target: string,
  budget: { entries: number }
): BundleFile[] {
  const files: BundleFile[] = []
  const visit = (real: string, zipPath: string, shownPath: string, ancestors: string[]): void => {
    if (--budget.entries < 0) {
      throw new WorkspaceError(`${shownPath}: the bundle would hold more than ${MAX_SHIPPED_ENTRIES} files`)
    }
    const stats = statSync(real)
    if (stats.isFile()) {
      files.push({ path: zipPath, source: real, size: stats.size, executable: (stats.mode & 0o111) !== 0 })
      return
    }
    if (!stats.isDirectory()) {
      throw new WorkspaceError(`${shownPath} is ${kindOf(stats)}: only files and folders can be shipped`)
    }
    if (ancestors.includes(real)) throw new WorkspaceError(`${shownPath} is a symlink loop`)
    // A `.git` inside a shipped folder (a `.:/app` mount) is left out, not refused: shipping it is never the intent.
    for (const name of readdirSync(real)
      .sort()
      .filter(entry => !isGitName(entry))) {
      const child = path.join(real, name)
      const childShown = `${shownPath}/${name}`
      visit(followInside(child, childShown, top), `${zipPath}/${name}`, childShown, [...ancestors, real])
    }
  }
  visit(top, target, shown(workspace, top), [])
  return files
}

/** The real path of an entry of a shipped folder; a symlink must stay inside the folder `top`. */
function followInside(entry: string, shownPath: string, top: string): string {
  if (!lstatSync(entry).isSymbolicLink()) return entry
  let real: string
  try {
    real = realpathSync(entry)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw new WorkspaceError(`${shownPath} is a symlink loop`)
    throw new WorkspaceError(`${shownPath} is a symlink to nothing (${code ?? 'unreadable'})`)
  }
  if (!isInside(top, real)) {
    throw new WorkspaceError(
      `${shownPath} is a symlink to ${readlinkSync(entry)}, outside the shipped folder: copy the file into the folder instead`
    )
  }
  if (isGitPath(path.relative(top, real)))
    throw new WorkspaceError(`${shownPath} is a symlink to ${readlinkSync(entry)}, which ${GIT_REFUSAL}`)
  return real
}

/** Reads a file in fresh 1 MiB chunks (fflate may keep a chunk while it compresses). */
async function* fileChunks(file: string): AsyncIterable<Uint8Array> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    for (;;) {
      const chunk = Buffer.alloc(1024 * 1024)
      let filled = 0
      // Fixed-size chunks whatever the reads return: the same file gives the same zip bytes.
      while (filled < chunk.length) {
        const { bytesRead } = await handle.read(chunk, filled, chunk.length - filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      if (filled > 0) yield chunk.subarray(0, filled)
      if (filled < chunk.length) return
    }
  } finally {
    await handle.close()
  }
}

export interface WrittenBundle extends StreamedZip {
  bundlePath: string
}

/**
 * Streams the zip of `files` plus the in-memory `extra` entries (the Dockerrun)
 * to `<directory>/<fileName>`, where later steps (and actions/upload-artifact)
 * can find it. A failed or oversized bundle leaves no file behind.
 */
export async function writeBundle(
  directory: string,
  fileName: string,
  extra: { path: string; data: Uint8Array }[],
  files: BundleFile[]
): Promise<WrittenBundle> {
  await mkdir(directory, { recursive: true })
  const bundlePath = path.join(directory, fileName)
  const entries: StreamedEntry[] = [
    ...extra.map(entry => ({
      path: entry.path,
      size: entry.data.byteLength,
      chunks: async function* () {
        yield entry.data
      }
    })),
    ...files.map(file => ({
      path: file.path,
      executable: file.executable,
      size: file.size,
      chunks: () => fileChunks(file.source)
    }))
  ]
  const output = await open(bundlePath, 'w')
  try {
    const zip = await streamBundle(entries, async chunk => {
      await output.write(chunk)
    })
    await output.close()
    return { bundlePath, ...zip }
  } catch (error) {
    await output.close()
    await rm(bundlePath, { force: true })
    throw error
  }
}
