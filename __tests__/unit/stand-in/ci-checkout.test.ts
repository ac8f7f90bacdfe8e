// The rehearsal builds what actions/checkout would give a CI run — the
// commit's tracked files — plus the uncommitted edits to them (said in a
// line), never untracked or git-ignored files such as a dev `.env`.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { ciCheckout, type CiCheckout } from '../../../test-support/ci-checkout.js'

const git = (folder: string, ...args: string[]): string =>
  execFileSync(
    'git',
    [
      '-C',
      folder,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      '-c',
      'commit.gpgsign=false',
      ...args
    ],
    { encoding: 'utf8' }
  )

describe('ciCheckout', () => {
  let parent: string
  let repo: string
  let app: string
  let checkout: CiCheckout

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'bdd-ci-checkout-test-'))
    repo = path.join(parent, 'mono')
    // A monorepo whose app lives in a subfolder, as the rehearsal is pointed at it.
    app = path.join(repo, 'apps/notes')
    await mkdir(app, { recursive: true })
    git(parent, 'init', '--quiet', repo)
    await writeFile(path.join(repo, '.gitignore'), '.env\nnode_modules/\n')
    await writeFile(path.join(app, 'Dockerfile'), 'FROM scratch\nCOPY . /app\n')
    await writeFile(path.join(app, 'app.txt'), 'committed\n')
    await writeFile(path.join(app, 'gone.txt'), 'deleted after the commit\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '--quiet', '-m', 'one')
    await writeFile(path.join(app, 'app.txt'), 'edited, not committed\n')
    await rm(path.join(app, 'gone.txt'))
    await writeFile(path.join(app, '.env'), 'POSTGRES_PASSWORD=changeme\n')
    await mkdir(path.join(app, 'node_modules/x'), { recursive: true })
    await writeFile(path.join(app, 'node_modules/x/index.js'), '')
    await writeFile(path.join(app, 'notes.md'), 'untracked\n')
    checkout = await ciCheckout(app)
  })

  afterAll(async () => {
    await checkout?.remove()
    if (parent) await rm(parent, { recursive: true, force: true })
  })

  it('checks out HEAD in a folder of its own, the app at the same place in it, with a .git as actions/checkout leaves', () => {
    expect(checkout.sha).toBe(git(repo, 'rev-parse', 'HEAD').trim())
    expect(checkout.workspace).not.toBe(app)
    expect(checkout.workspace.endsWith(`${path.sep}mono${path.sep}apps${path.sep}notes`)).toBe(true)
    expect(existsSync(path.join(checkout.workspace, '../../.git'))).toBe(true)
    expect(readFileSync(path.join(checkout.workspace, 'Dockerfile'), 'utf8')).toContain('COPY . /app')
  })

  it('lays the uncommitted edits to tracked files over it, deletions too, and names them', () => {
    expect(readFileSync(path.join(checkout.workspace, 'app.txt'), 'utf8')).toBe('edited, not committed\n')
    expect(existsSync(path.join(checkout.workspace, 'gone.txt'))).toBe(false)
    expect(checkout.lines).toContain(
      'rehearsing 2 uncommitted change(s) to tracked files as your folder has them (app.txt, gone.txt): ' +
        'CI builds the commit, so commit them before you push'
    )
  })

  it('leaves out untracked and git-ignored files, the dev .env first of all, and says so', () => {
    expect(existsSync(path.join(checkout.workspace, '.env'))).toBe(false)
    expect(existsSync(path.join(checkout.workspace, 'notes.md'))).toBe(false)
    expect(existsSync(path.join(checkout.workspace, 'node_modules'))).toBe(false)
    expect(checkout.lines).toContain(
      'left out, as actions/checkout leaves them out: 3 untracked or git-ignored path(s) ' +
        '(.env, node_modules/, notes.md); commit what the build or the compose file needs'
    )
  })

  it('leaves the developer’s folder as it was', () => {
    expect(readFileSync(path.join(app, '.env'), 'utf8')).toBe('POSTGRES_PASSWORD=changeme\n')
    expect(git(repo, 'status', '--porcelain')).toContain(' M apps/notes/app.txt')
  })

  it('rehearses a folder outside git as it is, and says so', async () => {
    const plain = path.join(parent, 'plain')
    await mkdir(plain)
    const asIs = await ciCheckout(plain)
    expect(asIs.workspace).toBe(plain)
    expect(asIs.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(asIs.lines).toEqual([
      expect.stringMatching(/is not a git checkout with a commit: rehearsing the folder as it is/)
    ])
  })
})
