// Issue 24 class 1: the checkout's credentials (.git/config, where
// actions/checkout persists the job's token) never reach a plan, a bundle, a
// mount or a build. Every channel a compose file has to a workspace path ×
// every spelling of a path into .git, through prepare() (read → plan →
// shipped files) as the action runs it; build contexts × .dockerignore rules.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkBuildInputs } from '../../../../src/adapters/docker/build-context.js'
import { gitSentToBuilder, isGitPath } from '../../../../src/adapters/workspace/checkout-credentials.js'
import type { ImageBuild } from '../../../../src/core/plan/types.js'
import { prepare } from '../../../../src/planning/prepare.js'
import { listBundleFiles } from '../../../../src/adapters/workspace/files.js'
import { configFor } from '../../core/support.js'

const TOKEN = 'ghs_checkoutPersistedToken0123456789'
const GIT_CONFIG = `[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}\nTOKEN=${TOKEN}\n`

let root: string
let workspace: string

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bdd-gitcreds-'))
  workspace = path.join(root, 'workspace')
  mkdirSync(workspace)
  // The root checkout, a second checkout (`path: tools`) and a submodule's git dir: each holds the token.
  for (const gitDir of ['.git', 'tools/.git', '.git/modules/lib']) {
    mkdirSync(path.join(workspace, gitDir), { recursive: true })
    writeFileSync(path.join(workspace, gitDir, 'config'), GIT_CONFIG)
  }
  write('tools/build.sh', 'echo tools\n')
  write('conf/app.conf', 'listen 80;\n')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true })
  writeFileSync(path.join(workspace, relative), text)
}
function link(relative: string, target: string): void {
  mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true })
  symlinkSync(target, path.join(workspace, relative))
}

const WEB = "services:\n  web:\n    image: nginx:1.27\n    ports: ['80:80']\n"

/** Paths into a `.git`, as a compose file could write them. */
const SPELLINGS = [
  '.git',
  './.git',
  '.git/',
  '.git/config',
  './.git/config',
  'conf/../.git/config',
  '.GIT/config',
  '.git/modules/lib/config',
  'tools/.git',
  'tools/.git/config'
]

/** How a compose file reaches a workspace path; each lays the attack out and returns the compose text. */
const CHANNELS: Record<string, (target: string) => string> = {
  'a bind mount': target => `${WEB}    volumes: ['${target}:/srv/git:ro']\n`,
  'a long-syntax bind mount': target =>
    `${WEB}    volumes:\n      - type: bind\n        source: ${target}\n        target: /srv/git\n`,
  'an env_file': target => `${WEB}    env_file: ${target}\n`,
  'an env_file list entry': target => `${WEB}    env_file:\n      - path: ${target}\n`,
  'a symlink mounted': target => {
    link('innocent', target)
    return `${WEB}    volumes: ['./innocent:/srv/git:ro']\n`
  },
  'a symlink as env_file': target => {
    link('production.env', target)
    return `${WEB}    env_file: production.env\n`
  },
  'a symlink inside a shipped folder': target => {
    link('conf/extra', path.join('..', target))
    return `${WEB}    volumes: ['./conf:/etc/app:ro']\n`
  },
  '.env as a symlink': target => {
    link('.env', target)
    return `${WEB}    environment:\n      LEAK: \${TOKEN}\n`
  },
  '.ebextensions as a symlink': target => {
    link('.ebextensions', target)
    return WEB
  }
}

/** Everything the prepared plan would write: the services as read, and every shipped file's bytes. */
function everythingShipped(prepared: ReturnType<typeof prepare>): string {
  const files = prepared.targets.flatMap(target => listBundleFiles(workspace, '.', target.plan))
  return [
    JSON.stringify(prepared.compose.services),
    ...files.map(file => `${file.path}\n${readFileSync(file.source, 'utf8')}`)
  ].join('\n')
}

describe('no channel of a compose file reaches .git', () => {
  const cases = Object.keys(CHANNELS).flatMap(channel =>
    SPELLINGS.map(spelling => [channel, spelling] as const)
  )
  it.each(cases)('%s to %s is refused, or ships nothing of .git', (channel, spelling) => {
    write('docker-compose.yml', (CHANNELS[channel] as (target: string) => string)(spelling))
    let refusal: string | undefined
    let text: string
    try {
      // Accepted (a symlink target that does not exist, say): nothing of a .git is in what would ship.
      text = everythingShipped(prepare(configFor(), workspace, {}))
    } catch (error) {
      refusal = (error as Error).message
      text = refusal
    }
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('extraheader')
    // Refused: one line naming .git (or, for a path that does not exist, saying so).
    const refusalExplains =
      refusal === undefined ||
      /\.git|does not exist|not found|outside the shipped folder|symlink to nothing/i.test(refusal)
    expect({ refusal, refusalExplains }).toEqual({ refusal, refusalExplains: true })
  })
})

describe('a shipped folder holding a checkout ships it without .git', () => {
  it("leaves a nested checkout's .git out of a shipped folder, and refuses a link into .git inside it", () => {
    write('docker-compose.yml', `${WEB}    volumes: ['./tools:/app/tools:ro', './conf:/app/conf:ro']\n`)
    const prepared = prepare(configFor(), workspace, {})
    const files = listBundleFiles(workspace, '.', prepared.targets[0]!.plan)
    const shipped = files.map(file => file.path)
    expect(shipped).toEqual(expect.arrayContaining(['conf/app.conf', 'tools/build.sh']))
    expect(shipped.filter(isGitPath)).toEqual([])
    for (const file of files) expect(readFileSync(file.source, 'utf8')).not.toContain(TOKEN)

    link('tools/head', '.git/config')
    expect(() => prepare(configFor(), workspace, {})).toThrow(
      /tools\/head is a symlink to \.git\/config, which is inside \.git/
    )
  })
})

describe('build contexts', () => {
  const image = (context: string, dockerfile = 'Dockerfile'): ImageBuild =>
    ({ id: 'web', context, dockerfile, services: ['web'], args: {} }) as unknown as ImageBuild

  beforeEach(() => write('Dockerfile', 'FROM scratch\nCOPY . /src\n'))

  // [.dockerignore text, sent?] — Docker's own semantics (moby fileutils), checked
  // against the daemon in __tests__/integration/git-in-build-context.test.ts.
  const RULES: [string, string | undefined, boolean][] = [
    ['no .dockerignore', undefined, true],
    ['empty', '', true],
    ['.git', '.git\n', false],
    ['.git/', '.git/\n', false],
    ['/.git', '/.git\n', false],
    ['./.git', './.git\n', false],
    ['.git*', '.git*\n', false],
    ['.*', '.*\n', false],
    ['*', '*\n', false],
    ['**', '**\n', false],
    ['**/.git only', '**/.git\n', false],
    ['.git/* (folder itself sent, empty)', '.git/*\n', false],
    ['.git then !.git/config', '.git\n!.git/config\n', true],
    ['* then !.git', '*\n!.git\n', true],
    ['.git with a later !**/config', '.git\n!**/config\n', true],
    ['a comment', '# .git\n', true],
    ['.GIT (case differs)', '.GIT\n', true],
    ['git (no dot)', 'git\n', true],
    ['leading spaces', '   .git   \n', false],
    ['CRLF lines', 'node_modules\r\n.git\r\n', false],
    ['a BOM first', '\uFEFF.git\n', false]
  ]
  it.each(RULES)('root context, %s', (_name, ignore, sent) => {
    if (ignore !== undefined) write('.dockerignore', ignore)
    const found = gitSentToBuilder(workspace, {
      ...(ignore !== undefined && { context: ignore }),
      contextName: '.dockerignore',
      dockerfileName: 'Dockerfile.dockerignore'
    })
    // Root rules that leave tools/.git in (".git", "/.git"…) still send the second checkout's.
    expect(sent ? ['.git'] : [undefined, 'tools/.git']).toContain(found)
  })

  it('refuses the build before it starts, naming the file and the line to add', async () => {
    await expect(checkBuildInputs(workspace, image('.'))).rejects.toThrow(
      /Build of image web \(services web\) failed: the build context holds \.git, which no rule of \.dockerignore excludes: .*Add the line "\.git" to \.dockerignore/
    )
  })

  it('finds a nested checkout the root rule misses, and accepts **/.git', async () => {
    write('.dockerignore', '/.git\n')
    await expect(checkBuildInputs(workspace, image('.'))).rejects.toThrow(
      /holds tools\/\.git, .*Add the line "\*\*\/\.git"/
    )
    write('.dockerignore', '**/.git\n')
    await expect(checkBuildInputs(workspace, image('.'))).resolves.toBeDefined()
  })

  it('requires <Dockerfile>.dockerignore to exclude it too, since BuildKit reads that one instead', async () => {
    write('.dockerignore', '**/.git\n')
    write('Dockerfile.dockerignore', 'node_modules\n')
    await expect(checkBuildInputs(workspace, image('.'))).rejects.toThrow(
      /no rule of \.dockerignore and Dockerfile\.dockerignore excludes/
    )
    write('Dockerfile.dockerignore', 'node_modules\n**/.git\n')
    await expect(checkBuildInputs(workspace, image('.'))).resolves.toBeDefined()
  })

  it('accepts a context without .git, and refuses a context that is .git', async () => {
    write('web/Dockerfile', 'FROM scratch\n')
    await expect(checkBuildInputs(workspace, image('web'))).resolves.toBeDefined()
    await expect(checkBuildInputs(workspace, image('.git'))).rejects.toThrow(
      /build context \.git is inside \.git/
    )
    await expect(checkBuildInputs(workspace, image('web', '../.git/config'))).rejects.toThrow(
      /Dockerfile \.git\/config is inside \.git/
    )
  })
})
