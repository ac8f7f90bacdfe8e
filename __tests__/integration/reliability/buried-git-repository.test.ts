// Attack round 11, H1, with buildx and git as the oracles: a pull request commits a folder laid out as a git
// repository (HEAD, objects/, refs/ and a config whose promisor remote's uploadpack is a committed script) and builds
// from it. Before it sends anything to BuildKit, buildx runs git in the context folder on the runner to record the
// commit (docker/buildx build/git.go); git takes the folder for a repository, lazily fetches the missing HEAD and
// runs the script, as the runner's user, outside any container. Shown here with trixie's buildx (the worlds'
// install) on the daemon: the plain command runs the script; the command the action builds (buildArgs: buildx's
// git lookup off) does not, and the action refuses such a context before building anyway.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { buildArgs } from '../../../src/adapters/docker/build-args.js'
import { checkBuildInputs } from '../../../src/adapters/docker/build-context.js'
import type { ImageBuild } from '../../../src/core/plan/types.js'
import { buildxDockerConfig, buildxEnvironment } from '../../../test-support/worlds.js'
import { buildxClassicStore, describeIn } from '../helpers/docker.js'

const TAG = 'bdd-buried-git'
let root: string
let workspace: string
let marker: string
let dockerConfig: string

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bdd-buried-git-'))
  marker = path.join(root, 'ran-on-the-runner')
  workspace = path.join(root, 'workspace')
  const app = path.join(workspace, 'app')
  mkdirSync(path.join(app, 'refs', 'heads'), { recursive: true })
  mkdirSync(path.join(app, 'objects', 'info'), { recursive: true })
  execFileSync('git', ['init', '-q', '-b', 'main', workspace])
  writeFileSync(path.join(workspace, '.dockerignore'), '.git\n')
  writeFileSync(path.join(app, 'Dockerfile'), 'FROM scratch\nCOPY index.html /\n')
  writeFileSync(path.join(app, 'index.html'), 'hello\n')
  writeFileSync(path.join(app, 'HEAD'), 'ref: refs/heads/main\n')
  writeFileSync(path.join(app, 'refs', 'heads', 'main'), `${'1234567890'.repeat(4)}\n`)
  writeFileSync(path.join(app, 'objects', 'info', 'keep'), '')
  writeFileSync(
    path.join(app, 'config'),
    '[core]\n\trepositoryformatversion = 1\n\tbare = false\n\tworktree = .\n[extensions]\n\tpartialClone = origin\n' +
      '[remote "origin"]\n\turl = /nonexistent\n\tpromisor = true\n\tuploadpack = ./hook.sh\n'
  )
  writeFileSync(path.join(app, 'hook.sh'), `#!/bin/sh\necho ran > '${marker}'\nexit 1\n`)
  chmodSync(path.join(app, 'hook.sh'), 0o755)
  dockerConfig = await buildxDockerConfig()
}, 60_000)

afterAll(async () => {
  spawnSync('docker', ['rmi', '--force', TAG], { stdio: 'ignore' })
  if (root) rmSync(root, { recursive: true, force: true })
  if (dockerConfig) await rm(dockerConfig, { recursive: true, force: true })
})

const image: ImageBuild = {
  id: 'web',
  services: ['web'],
  repository: 'puppies/web',
  context: 'app',
  dockerfile: 'Dockerfile',
  args: {}
} as unknown as ImageBuild

/** `docker buildx build` of the context on the default builder, with the given environment on top of the world's. */
function buildx(env: Record<string, string>): number | null {
  rmSync(marker, { force: true })
  return spawnSync(
    'docker',
    ['buildx', 'build', '--progress=plain', '--tag', TAG, path.join(workspace, 'app')],
    {
      env: { ...process.env, ...buildxEnvironment(dockerConfig), ...env },
      stdio: 'ignore',
      timeout: 120_000
    }
  ).status
}

const describe = describeIn(buildxClassicStore)

describe('a folder laid out as a git repository in a build context (attack round 11, H1)', () => {
  it('runs its committed script on the runner when buildx looks up git (the oracle: the hole is real)', () => {
    buildx({})
    expect(existsSync(marker)).toBe(true)
  }, 180_000)

  it("does not with the environment the action's build commands carry", () => {
    const { env } = buildArgs({
      path: { kind: 'inline-cache', builder: 'default' },
      contextDir: path.join(workspace, 'app'),
      dockerfile: path.join(workspace, 'app', 'Dockerfile'),
      buildArgs: {},
      labels: {},
      tags: [TAG],
      cacheRef: `${TAG}:cache`
    })
    expect(buildx(env)).toBe(0)
    expect(existsSync(marker)).toBe(false)
  }, 180_000)

  it('is refused before any build, naming the folder', async () => {
    await expect(checkBuildInputs(workspace, image)).rejects.toThrow(
      /^Build of image web \(services web\) failed: app is laid out as a git repository \(HEAD with objects and refs, or commondir\)/
    )
    rmSync(marker, { force: true })
  })
})
