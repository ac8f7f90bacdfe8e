// scripts/release.sh — the steps of .github/workflows/release.yml short of GitHub's release API — run for real in a
// throwaway git repository whose `npm run bundle` is a small deterministic build, with a bare repository as `origin`.
// (The release workflow calls the same script with the same arguments; only `gh release create` is not run here.)

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../../..')

let folder: string
let repo: string
let origin: string

async function git(...args: string[]): Promise<string> {
  return (await exec('git', args, { cwd: repo })).stdout.trim()
}

async function release(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await exec('bash', ['scripts/release.sh', ...args], { cwd: repo, timeout: 60_000 })
    return { code: 0, stderr }
  } catch (error) {
    const failure = error as { code: number; stderr: string }
    return { code: failure.code, stderr: failure.stderr }
  }
}

const changelog = (version: string, notes: string): string =>
  [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '- not yet',
    '',
    `## [${version}] - 2026-12-06`,
    '',
    notes,
    '',
    '## [0.9.0] - 2026-11-01',
    '',
    '- older',
    ''
  ].join('\n')

async function commitVersion(version: string, source: string, notes = '### Fixed\n\n- a fix'): Promise<void> {
  await writeFile(
    path.join(repo, 'package.json'),
    JSON.stringify({ name: 'fixture', version, private: true, scripts: { bundle: 'node build.mjs' } })
  )
  await writeFile(path.join(repo, 'CHANGELOG.md'), changelog(version, notes))
  await writeFile(path.join(repo, 'src.js'), source)
  await exec('node', ['build.mjs'], { cwd: repo })
  await git('add', '-A')
  await git('commit', '-qm', `release ${version}`)
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'release-test-'))
  repo = path.join(folder, 'repo')
  origin = path.join(folder, 'origin.git')
  await mkdir(path.join(repo, 'scripts'), { recursive: true })
  await exec('git', ['init', '-q', '--bare', origin])
  await git('init', '-q', '-b', 'main')
  await git('config', 'user.email', 'test@example.com')
  await git('config', 'user.name', 'test')
  await git('remote', 'add', 'origin', origin)
  await copyFile(path.join(root, 'scripts/release.sh'), path.join(repo, 'scripts/release.sh'))
  // The "bundle": dist/index.js derived from src.js, as ncc derives dist/ from src/.
  await writeFile(
    path.join(repo, 'build.mjs'),
    "import fs from 'node:fs'\nfs.mkdirSync('dist', { recursive: true })\n" +
      "fs.writeFileSync('dist/index.js', '// bundled\\n' + fs.readFileSync('src.js', 'utf8'))\n"
  )
  await commitVersion('1.0.0', 'one')
}, 30_000)

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('release.sh check', () => {
  test('a good tag: passes and writes the CHANGELOG section as the notes', async () => {
    const notes = path.join(folder, 'notes.md')
    const result = await release('check', 'v1.0.0', notes)
    expect(result).toEqual({ code: 0, stderr: expect.stringContaining('v1.0.0 checked') })
    expect(await readFile(notes, 'utf8')).toBe('### Fixed\n\n- a fix\n')
  })

  test.each([
    ['v1.0', "tag 'v1.0' is not vX.Y.Z (e.g. v1.2.3)"],
    ['1.0.0', "tag '1.0.0' is not vX.Y.Z (e.g. v1.2.3)"],
    ['v1.0.0-rc.1', "tag 'v1.0.0-rc.1' is not vX.Y.Z (e.g. v1.2.3)"],
    ['v1.0.1', "package.json's version is 1.0.0, the tag says 1.0.1"]
  ])('%s is refused with one line', async (tag, message) => {
    const result = await release('check', tag, path.join(folder, 'notes.md'))
    expect(result.code).not.toBe(0)
    expect(result.stderr.trim()).toBe(`release: ${message}`)
  })

  test('no CHANGELOG section for the version: refused', async () => {
    await writeFile(path.join(repo, 'CHANGELOG.md'), changelog('0.9.9', '- wrong version'))
    await git('commit', '-qam', 'changelog without 1.0.0')
    try {
      const result = await release('check', 'v1.0.0', path.join(folder, 'notes.md'))
      expect(result.code).not.toBe(0)
      expect(result.stderr.trim()).toBe("release: CHANGELOG.md has no '## [1.0.0]' section with notes")
    } finally {
      await git('reset', '-q', '--hard', 'HEAD~1')
    }
  })

  test('dist/ not rebundled after a source change: refused, and names the file', async () => {
    await writeFile(path.join(repo, 'src.js'), 'changed without a bundle')
    await git('commit', '-qam', 'source change, stale dist')
    try {
      const result = await release('check', 'v1.0.0', path.join(folder, 'notes.md'))
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain('dist/index.js')
      expect(result.stderr).toContain("dist/ differs from a fresh 'npm run bundle' of v1.0.0")
    } finally {
      await git('reset', '-q', '--hard', 'HEAD~1')
    }
  })
})

describe('release.sh move-major', () => {
  test('v1 follows the highest v1.*.* on the remote, never back to an older line', async () => {
    const first = await git('rev-parse', 'HEAD')
    await git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0')
    expect((await release('move-major', 'v1.0.0', 'origin')).code).toBe(0)
    const remoteV1 = async (): Promise<string> =>
      (await exec('git', ['rev-parse', 'refs/tags/v1^{commit}'], { cwd: origin })).stdout.trim()
    expect(await remoteV1()).toBe(first)

    await commitVersion('1.1.0', 'two')
    const second = await git('rev-parse', 'HEAD')
    await git('tag', '-a', 'v1.1.0', '-m', 'v1.1.0')
    expect((await release('move-major', 'v1.1.0', 'origin')).code).toBe(0)
    expect(await remoteV1()).toBe(second)

    // A patch release of the 1.0 line, tagged after 1.1.0: v1 stays on 1.1.0.
    await git('checkout', '-q', first)
    await commitVersion('1.0.1', 'one, patched')
    await git('tag', '-a', 'v1.0.1', '-m', 'v1.0.1')
    const result = await release('move-major', 'v1.0.1', 'origin')
    expect(result).toEqual({
      code: 0,
      stderr: 'release: v1 stays where it is: v1.1.0 is higher than v1.0.1\n'
    })
    expect(await remoteV1()).toBe(second)
  }, 30_000)

  test('a tag that does not exist: refused', async () => {
    const result = await release('move-major', 'v7.0.0')
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('no tag v7.0.0 here')
  })
})
