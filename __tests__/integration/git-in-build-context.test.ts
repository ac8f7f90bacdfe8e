// Issue 24 class 1, with the daemon as the oracle: for each .dockerignore
// variant, the action's decision (refuse the build, or let it run) must agree
// with what Docker's own builders really send. A build whose context holds the
// checkout's .git/config (a persisted token) runs a RUN step that tries to
// read every .git file it was given; the action lets a build through only when
// that step finds nothing, with BuildKit and with the classic builder.

import { afterAll, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkBuildInputs } from '../../src/adapters/docker/build-context.js'
import type { ImageBuild } from '../../src/core/plan/types.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'

const TOKEN = 'ghs_persistedByCheckout0123456789abcdef'
const BASE = 'debian:bookworm-slim'
const TAG = 'bdd-sec-gitctx'
const created: string[] = []
// BuildKit through `DOCKER_BUILDKIT=1` needs a CLI that drives the daemon's own BuildKit (the 20.10 one,
// Debian's); a newer CLI without the buildx plugin refuses it.
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker'

afterAll(() => {
  if (created.length > 0) spawnSync(DOCKER, ['rmi', '--force', ...created], { stdio: 'ignore' })
})

// [name, .dockerignore (undefined: none), Dockerfile.dockerignore (undefined: none)]
const VARIANTS: [string, string | undefined, string | undefined][] = [
  ['no .dockerignore', undefined, undefined],
  ['.git', '.git\n', undefined],
  ['**/.git', '**/.git\n', undefined],
  ['/.git only (the nested checkout stays)', '/.git\n', undefined],
  ['.git/', '.git/\n', undefined],
  ['.*', '.*\n', undefined],
  ['.git then !.git/config', '**/.git\n!.git/config\n', undefined],
  ['* then !.git', '*\n!.git\n!Dockerfile\n', undefined],
  ['# .git (a comment)', '# .git\n', undefined],
  ['.GIT (case)', '.GIT\n**/.GIT\n', undefined],
  ['.git/* (the folder itself stays, empty)', '.git/*\ntools/.git/*\n', undefined],
  ['CRLF and spaces', '  node_modules \r\n  **/.git  \r\n', undefined],
  ['Dockerfile.dockerignore misses it', '**/.git\n', 'node_modules\n'],
  ['both exclude it', '**/.git\n', '**/.git\n'],
  // Characters JavaScript's trim and Go's TrimSpace read differently (attack round 11): `.git` + U+FEFF leaks on
  // both builders of docker 20.10 while a JavaScript-trimmed check reads ".git"; U+FEFF before it, and U+0085, do
  // not. Each is refused as unreadable, which is safe whichever way a builder reads it.
  ['U+FEFF after .git', 'node_modules\n.git\uFEFF\n', undefined],
  ['U+FEFF before .git', 'node_modules\n\uFEFF.git\n', undefined],
  ['U+0085 after .git', 'node_modules\n.git\u0085\n', undefined],
  // Patterns a JavaScript regular expression reads as excluding .git (attack round 12): Go's matchers do not, and
  // the first two leak on docker 20.10's builders too. Refused as unreadable.
  ['pattern .gi[[:print:]]{0}', '.gi[[:print:]]{0}\n', undefined],
  ['pattern .git\\Q{0}', '.git\\Q{0}\n', undefined],
  ['pattern x|.git', 'x|.git\n', undefined]
]

/** Variants both builders of docker 20.10 really send .git for, while a JavaScript reading says it is excluded. */
const LEAK_ON_BOTH = ['U+FEFF after .git', 'pattern .gi[[:print:]]{0}', 'pattern .git\\Q{0}']

const describe = describeIn(dockerEngine)

describe('.git in a build context: the action agrees with the daemon', () => {
  const context = (ignore: string | undefined, dockerfileIgnore: string | undefined): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bdd-sec-gitctx-'))
    for (const gitDir of ['.git', 'tools/.git']) {
      mkdirSync(path.join(dir, gitDir), { recursive: true })
      writeFileSync(
        path.join(dir, gitDir, 'config'),
        `[http]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`
      )
    }
    writeFileSync(path.join(dir, 'tools/run.sh'), 'echo hi\n')
    // The RUN step tries every .git file the context gave it.
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM ${BASE}\nCOPY . /ctx\nRUN find /ctx -ipath '*.git*' -type f -exec cat {} + ; echo read-done\n`
    )
    if (ignore !== undefined) writeFileSync(path.join(dir, '.dockerignore'), ignore)
    if (dockerfileIgnore !== undefined)
      writeFileSync(path.join(dir, 'Dockerfile.dockerignore'), dockerfileIgnore)
    return dir
  }

  const build = (dir: string, buildkit: boolean, tag: string): string => {
    created.push(tag)
    const result = spawnSync(
      DOCKER,
      ['build', '--no-cache', '--progress=plain', '--tag', tag, '--file', path.join(dir, 'Dockerfile'), dir],
      { env: { ...process.env, DOCKER_BUILDKIT: buildkit ? '1' : '0' }, encoding: 'utf8', timeout: 120_000 }
    )
    const output = `${result.stdout}${result.stderr}`
    if (result.status !== 0) throw new Error(`docker build failed: ${output.slice(-2000)}`)
    expect(output).toContain('read-done')
    return output
  }

  it.each(VARIANTS)(
    '%s',
    async (name, ignore, dockerfileIgnore) => {
      if (!hasDocker()) return
      execFileSync(DOCKER, ['image', 'inspect', BASE], { stdio: 'ignore' })
      const dir = context(ignore, dockerfileIgnore)
      try {
        const image = {
          id: 'web',
          context: '.',
          dockerfile: 'Dockerfile',
          services: ['web'],
          args: {}
        } as ImageBuild
        const outcome = await checkBuildInputs(dir, image).then(
          () => 'accepted',
          (error: Error) =>
            /an invisible character Docker's builder and this check read differently|which Docker's builders read differently/.test(
              error.message
            )
              ? 'unreadable'
              : /the build context holds .*\.git, which no rule of .* excludes/.test(error.message)
                ? 'refused'
                : error.message
        )
        const index = VARIANTS.findIndex(variant => variant[0] === name)
        // BuildKit (which reads Dockerfile.dockerignore) and the classic builder (which does not).
        const leaked = [true, false].map(buildkit =>
          build(dir, buildkit, `${TAG}:${index}-${buildkit ? 'bk' : 'classic'}`).includes(TOKEN)
        )
        // Accepted ⇒ neither builder gave the RUN step the token; refused ⇒ at least one did. An ignore file
        // refused as unreadable is refused whatever the builders did; `.git` + U+FEFF is the one both leak.
        const expected =
          name.startsWith('U+') || name.startsWith('pattern ')
            ? 'unreadable'
            : leaked.some(Boolean)
              ? 'refused'
              : 'accepted'
        expect({ outcome, leaked }).toEqual({
          outcome: expected,
          leaked: LEAK_ON_BOTH.includes(name) ? [true, true] : leaked
        })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    300_000
  )
})
