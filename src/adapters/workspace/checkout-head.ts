// The commit a git checkout in the workspace holds: `.git/HEAD`, a detached
// SHA or a ref resolved through the loose ref or `packed-refs`. A `.git` file
// (`gitdir: …`, a worktree or submodule) points at the real git folder, whose
// `commondir` holds the shared refs. Read by the action itself for the fork
// guard; nothing here is shipped or printed but the SHA.

import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/

function read(file: string): string | undefined {
  try {
    // Only small regular files: a FIFO or a device in a crafted .git must not block the action.
    const stats = statSync(file)
    if (!stats.isFile() || stats.size > 4 * 1024 * 1024) return undefined
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** The git folder of the workspace's checkout, or undefined when there is none. */
function gitFolder(workspace: string): string | undefined {
  const dotGit = path.join(workspace, '.git')
  const stats = statSync(dotGit, { throwIfNoEntry: false })
  if (stats?.isDirectory()) return dotGit
  if (!stats?.isFile()) return undefined
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(read(dotGit) ?? '')?.[1]
  return pointer === undefined ? undefined : path.resolve(workspace, pointer)
}

/** HEAD's commit, or undefined when the workspace is no git checkout or HEAD cannot be resolved. */
export function checkoutHead(workspace: string): string | undefined {
  const folder = gitFolder(workspace)
  if (folder === undefined) return undefined
  const common = read(path.join(folder, 'commondir'))?.trim()
  const refsFolder = common ? path.resolve(folder, common) : folder
  let content = read(path.join(folder, 'HEAD'))?.trim()
  // A symbolic ref may point at another symbolic ref; git allows five levels.
  for (let depth = 0; depth < 5 && content !== undefined; depth++) {
    if (SHA.test(content)) return content
    const ref = /^ref:\s*(refs\/\S+)$/.exec(content)?.[1]
    if (ref === undefined || ref.split('/').includes('..')) return undefined
    content =
      read(path.join(refsFolder, ref))?.trim() ??
      read(path.join(folder, ref))?.trim() ??
      packedRef(refsFolder, ref)
  }
  return undefined
}

function packedRef(folder: string, ref: string): string | undefined {
  for (const line of (read(path.join(folder, 'packed-refs')) ?? '').split('\n')) {
    const [sha, name] = line.trim().split(/\s+/)
    if (name === ref && sha !== undefined && SHA.test(sha)) return sha
  }
  return undefined
}
