// Attack round 11 (docs/reliability.md): the variants that got through, each expecting the safe behaviour. A folder
// of the pull request laid out as a git repository, in or above a build context, made buildx's git lookup run the
// repository's own config (real buildx and git: __tests__/integration/reliability/buried-git-repository.test.ts); an
// ignore-file line `.git` + U+FEFF excluded .git for a JavaScript-trimmed check and not for Docker's builders (the
// daemon as oracle: __tests__/integration/git-in-build-context.test.ts); the review events of a fork's pull request,
// whose commit is the pull request's merge commit, passed the fork guard.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { getRunContext } from '../../src/adapters/actions-runner/run-context.js'
import { buildArgs, type BuildPath } from '../../src/adapters/docker/build-args.js'
import { checkBuildInputs } from '../../src/adapters/docker/build-context.js'
import { ignoreFileProblem } from '../../src/adapters/workspace/checkout-credentials.js'
import { forkVerdict } from '../../src/core/fork-guard.js'
import type { ImageBuild } from '../../src/core/plan/types.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'security-round11-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const write = (relative: string, text = ''): void => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
  writeFileSync(path.join(root, relative), text)
}
/** A folder laid out as git lays out a repository: HEAD, objects/, refs/ (and a config). */
const repositoryLayout = (folder: string): void => {
  write(`${folder}/HEAD`, 'ref: refs/heads/main\n')
  write(`${folder}/objects/info/keep`)
  write(`${folder}/refs/heads/main`, `${'1234567890'.repeat(4)}\n`)
  write(`${folder}/config`, '[remote "origin"]\n\tuploadpack = ./hook.sh\n')
}
const image = (context: string): ImageBuild =>
  ({ id: 'web', services: ['web'], context, dockerfile: 'Dockerfile', args: {} }) as unknown as ImageBuild

describe('a folder laid out as a git repository', () => {
  it.each([
    ['the context itself', 'app', 'app'],
    ['a folder above the context, below the workspace', 'services/app', 'services']
  ])('is refused when it is %s', async (_name, context, layout) => {
    write(`${context}/Dockerfile`, 'FROM scratch\n')
    write('.dockerignore', '.git\n')
    repositoryLayout(layout)
    await expect(checkBuildInputs(root, image(context))).rejects.toThrow(
      `Build of image web (services web) failed: ${layout} is laid out as a git repository (HEAD with objects and refs, or commondir)`
    )
  })

  it('is not a context beside it, nor a folder missing one of the three, nor the workspace (the checkout)', async () => {
    write('app/Dockerfile', 'FROM scratch\n')
    write('.dockerignore', '.git\n')
    repositoryLayout('fixtures/repo')
    write('app/HEAD', 'x')
    write('app/refs/x')
    // The workspace holds the checkout's .git: git stops there, whatever else the root holds.
    write('.git/HEAD', 'ref: refs/heads/main\n')
    write('HEAD', 'x')
    mkdirSync(path.join(root, 'objects'))
    mkdirSync(path.join(root, 'refs'))
    await expect(checkBuildInputs(root, image('app'))).resolves.toMatchObject({
      contextDir: path.join(root, 'app')
    })
  })

  it("is never looked up by buildx: every build command turns buildx's git lookup off", () => {
    const paths: BuildPath[] = [
      { kind: 'registry-cache', builder: 'b', driver: 'docker-container', imagesLocal: false },
      { kind: 'inline-cache', builder: 'b' },
      { kind: 'buildkit' },
      { kind: 'legacy' }
    ]
    for (const buildPath of paths) {
      const { env } = buildArgs({
        path: buildPath,
        contextDir: '/ws/app',
        dockerfile: '/ws/app/Dockerfile',
        buildArgs: {},
        labels: {},
        tags: ['r:t'],
        cacheRef: 'r:buildcache'
      })
      expect(env).toMatchObject({ BUILDX_GIT_INFO: '0', BUILDX_GIT_LABELS: '0' })
    }
  })
})

describe('ignore files holding characters JavaScript and Go trim differently', () => {
  const files = (context?: string, dockerfile?: string) => ({
    contextName: '.dockerignore',
    dockerfileName: 'Dockerfile.dockerignore',
    ...(context !== undefined && { context }),
    ...(dockerfile !== undefined && { dockerfile })
  })

  it.each([
    ['`.git` + U+FEFF (both 20.10 builders send .git)', 'node_modules\n.git\uFEFF\n', 2, 'U+FEFF'],
    ['U+FEFF + `.git`', 'node_modules\n\uFEFF.git\n', 2, 'U+FEFF'],
    ['`.git` + U+0085', '.git\u0085\n', 1, 'U+0085 (NEL)'],
    ['a second U+FEFF after the BOM', '\uFEFF\uFEFF.git\n', 1, 'U+FEFF']
  ])('%s: refused, naming the line', (_name, text, line, character) => {
    expect(ignoreFileProblem(files(text))).toBe(
      `.dockerignore line ${line} holds ${character}, an invisible character Docker's builder and this check read differently (the line might exclude .git for one and not the other): remove it`
    )
  })

  it('reads the Dockerfile’s own ignore file too; a BOM opening a file is fine', () => {
    expect(ignoreFileProblem(files('\uFEFF.git\n', 'x\n.git\uFEFF'))).toMatch(
      /^Dockerfile\.dockerignore line 2 holds U\+FEFF/
    )
    expect(ignoreFileProblem(files('\uFEFF.git\nnode_modules\n'))).toBeUndefined()
    expect(ignoreFileProblem(files())).toBeUndefined()
  })

  it('refuses the build before anything is sent', async () => {
    write('app/Dockerfile', 'FROM scratch\n')
    write('app/.git/config', 'token')
    write('app/.dockerignore', '.git\uFEFF\n')
    await expect(checkBuildInputs(root, image('app'))).rejects.toThrow(
      /^Build of image web \(services web\) failed: app\/\.dockerignore line 1 holds U\+FEFF/
    )
  })
})

describe('the review events of a fork’s pull request (their commit is the merge commit)', () => {
  const MERGE = 'e'.repeat(40)
  const runFor = (eventName: string, headRepository: string) => {
    const event = path.join(root, 'event.json')
    writeFileSync(
      event,
      JSON.stringify({
        action: 'submitted',
        pull_request: {
          number: 5,
          head: { sha: 'f'.repeat(40), repo: { full_name: headRepository } },
          base: { repo: { full_name: 'octo/puppies' } }
        }
      })
    )
    return getRunContext({
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: event,
      GITHUB_SHA: MERGE,
      GITHUB_REPOSITORY: 'octo/puppies'
    })
  }

  it.each(['pull_request_review', 'pull_request_review_comment'])(
    '%s: deploy and preview refused as on pull_request, plan allowed',
    eventName => {
      const run = runFor(eventName, 'mallory/puppies')
      for (const verb of ['deploy', 'preview'])
        expect(forkVerdict(run, { head: MERGE }, verb)).toEqual({
          kind: 'refused',
          message: expect.stringContaining(
            `Refusing to ${verb} pull request #5 from mallory/puppies (a fork's code, on ${eventName})`
          )
        })
      expect(forkVerdict(run, { head: MERGE }, 'plan')).toEqual({ kind: 'allowed' })
    }
  )

  it('the same events on a pull request from a branch of this repository are allowed', () => {
    for (const eventName of ['pull_request_review', 'pull_request_review_comment'])
      expect(forkVerdict(runFor(eventName, 'octo/puppies'), { head: MERGE }, 'deploy')).toEqual({
        kind: 'allowed'
      })
  })
})

describe('round 12: the round-11 fixes attacked', () => {
  const files = (context: string) => ({
    contextName: '.dockerignore',
    dockerfileName: 'Dockerfile.dockerignore',
    context
  })

  it.each([
    ['x|.git', '|'],
    ['(.git)', '('],
    ['.gi+t', '+'],
    ['.git{1}', '{'],
    ['.gi[[:print:]]{0}', '[:'],
    ['.git\\Q{0}', '\\'],
    ['!.git/(config)', '(']
  ])(
    'an ignore pattern a JavaScript expression and Docker read differently is refused: %s',
    (pattern, held) => {
      expect(ignoreFileProblem(files(`node_modules\n${pattern}\n`))).toBe(
        `.dockerignore line 2 "${pattern}" holds "${held}", which Docker's builders read differently from one version to the next (a regular expression or plain text), so whether it keeps .git out cannot be told: write it with * ? [ ] only`
      )
    }
  )

  it('ordinary patterns, comments and character classes pass', () => {
    expect(
      ignoreFileProblem(
        files('# (comments) may hold anything|\n**/.git\n*.[oa]\n$RECYCLE.BIN\nnode_modules/\n!keep?.txt\n')
      )
    ).toBeUndefined()
  })

  it('a symlinked .dockerignore is refused: BuildKit reads it only inside the context', async () => {
    write('app/Dockerfile', 'FROM scratch\n')
    write('app/.git/config', 'token')
    write('shared/dockerignore', '.git\n')
    symlinkSync(path.join(root, 'shared/dockerignore'), path.join(root, 'app/.dockerignore'))
    await expect(checkBuildInputs(root, image('app'))).rejects.toThrow(
      'Build of image web (services web) failed: app/.dockerignore is a symbolic link: BuildKit reads it only inside the build context and the classic builder on the runner'
    )
  })

  it.each([
    [
      'HEAD a dangling link, objects and refs files',
      () => {
        symlinkSync('refs/heads/main', path.join(root, 'app/HEAD'))
        write('app/objects')
        write('app/refs')
      }
    ],
    [
      'HEAD and a commondir naming another folder',
      () => {
        write('app/HEAD', 'ref: refs/heads/main\n')
        write('app/commondir', '../elsewhere\n')
      }
    ]
  ])('git layouts git itself accepts are refused too: %s', async (_name, lay) => {
    write('app/Dockerfile', 'FROM scratch\n')
    write('.dockerignore', '.git\n')
    lay()
    await expect(checkBuildInputs(root, image('app'))).rejects.toThrow(
      /failed: app is laid out as a git repository/
    )
  })

  it('the workspace itself, when it has no .git, and a folder above a second checkout’s .git is not', async () => {
    write('Dockerfile', 'FROM scratch\n')
    repositoryLayout('.')
    await expect(checkBuildInputs(root, image('.'))).rejects.toThrow(
      /failed: \. is laid out as a git repository/
    )
    rmSync(path.join(root, 'config'))
    write('app/Dockerfile', 'FROM scratch\n')
    write('app/.git/HEAD', 'x')
    write('app/.dockerignore', '.git\n')
    // git stops at app/.git (a checkout the workflow made): the layout above it is never looked at.
    await expect(checkBuildInputs(root, image('app'))).resolves.toMatchObject({
      contextDir: path.join(root, 'app')
    })
  })
})

describe('review of rounds 11 and 12', () => {
  const files = (context: string) => ({
    contextName: '.dockerignore',
    dockerfileName: 'Dockerfile.dockerignore',
    context
  })
  it('`^.git` and ` #|.git` (a pattern: `#` opens no comment after a space) are refused too', () => {
    expect(ignoreFileProblem(files('^.git\n'))).toMatch(/line 1 "\^\.git" holds "\^"/)
    expect(ignoreFileProblem(files(' #|.git\n'))).toMatch(/line 1 "#\|\.git" holds "\|"/)
    expect(ignoreFileProblem(files('#|.git is a comment\n'))).toBeUndefined()
  })
})
