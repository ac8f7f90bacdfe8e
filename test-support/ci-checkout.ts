// What the rehearsal builds from: what a CI run would check out, not the
// developer's folder. actions/checkout gives the job the tracked files of one
// commit — no untracked file, nothing .gitignore names (a dev `.env`, a local
// `node_modules`), no submodule unless asked — so an app that works only
// thanks to such a file would pass here and fail in CI. The rehearsal clones
// the app's repository at HEAD into a folder of its own (a `.git` included, as
// actions/checkout leaves one), then lays the uncommitted changes to tracked
// files over it: rehearsing an edit before committing it is what a rehearsal
// is for, and a line names every such file, since CI builds the commit.

import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface CiCheckout {
  /** The folder the action runs in (GITHUB_WORKSPACE): the app's folder inside the clone. */
  workspace: string
  /** GITHUB_SHA: the commit checked out. */
  sha: string
  /** What the user should know about the difference from their folder, one line each. */
  lines: string[]
  /** Removes the clone. */
  remove: () => Promise<void>
}

/** How many paths a line names before it says "and N more". */
const SHOWN = 5

function git(folder: string, args: string[]): string {
  return execFileSync('git', ['-C', folder, ...args], { encoding: 'utf8', stdio: 'pipe' })
}

function named(paths: string[]): string {
  const shown = paths.slice(0, SHOWN).join(', ')
  return paths.length > SHOWN ? `${shown} and ${paths.length - SHOWN} more` : shown
}

function nulSeparated(text: string): string[] {
  return text.split('\0').filter(entry => entry !== '')
}

/** The checkout of `appDir`'s repository a CI run would have, in a temp folder; the folder itself when not in git. */
export async function ciCheckout(appDir: string): Promise<CiCheckout> {
  let top: string
  let sha: string
  try {
    top = git(appDir, ['rev-parse', '--show-toplevel']).trim()
    sha = git(appDir, ['rev-parse', '--verify', 'HEAD^{commit}']).trim()
  } catch {
    return {
      workspace: appDir,
      // No commit to name: a commit-like SHA of its own.
      sha: randomBytes(20).toString('hex'),
      lines: [
        `${appDir} is not a git checkout with a commit: rehearsing the folder as it is, every file in it ` +
          `(CI builds what actions/checkout gives: the tracked files of a commit)`
      ],
      remove: async () => undefined
    }
  }
  const parent = await mkdtemp(path.join(tmpdir(), 'bdd-rehearsal-checkout-'))
  const remove = (): Promise<void> => rm(parent, { recursive: true, force: true })
  try {
    const clone = path.join(parent, path.basename(top))
    execFileSync('git', ['clone', '--quiet', '--no-checkout', top, clone], { stdio: 'pipe' })
    git(clone, ['checkout', '--quiet', '--detach', sha])
    const workspace = path.join(clone, path.relative(top, appDir))
    const lines: string[] = []
    // Staged and unstaged changes to tracked files, under the app's folder, as the working tree has them.
    const changed = nulSeparated(git(appDir, ['diff', 'HEAD', '--name-only', '-z', '--relative', '--', '.']))
    for (const file of changed) {
      const from = path.join(appDir, file)
      const to = path.join(workspace, file)
      if (existsSync(from)) await cp(from, to, { recursive: true, force: true, verbatimSymlinks: true })
      else await rm(to, { recursive: true, force: true })
    }
    if (changed.length > 0) {
      lines.push(
        `rehearsing ${changed.length} uncommitted change(s) to tracked files as your folder has them ` +
          `(${named(changed)}): CI builds the commit, so commit them before you push`
      )
    }
    // Untracked and git-ignored paths (folders whole), which actions/checkout would not give the job.
    const left = nulSeparated(git(appDir, ['ls-files', '--others', '--directory', '-z', '--', '.']))
    if (left.length > 0) {
      lines.push(
        `left out, as actions/checkout leaves them out: ${left.length} untracked or git-ignored path(s) ` +
          `(${named(left)}); commit what the build or the compose file needs`
      )
    }
    return { workspace, sha, lines, remove }
  } catch (error) {
    await remove()
    throw error
  }
}
