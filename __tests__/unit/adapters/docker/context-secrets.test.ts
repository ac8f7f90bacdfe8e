// A `.env`-style file with secret-looking values, sent in a build context
// (after the ignore files) and copied by the Dockerfile, ends up in the image
// pushed to ECR: the build warns, naming the file and the ignore line to add.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { checkBuildInputs } from '../../../../src/adapters/docker/build-context.js'
import { isEnvFileName, secretVariablesOf } from '../../../../src/adapters/docker/context-secrets.js'
import type { ImageBuild } from '../../../../src/core/plan/types.js'

let workspace: string
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true })
  writeFileSync(path.join(workspace, file), text)
}
beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'bdd-context-secrets-'))
  // .git excluded, so the .git refusal stays out of the way.
  write('web/.dockerignore', '.git\n')
})
afterEach(() => rmSync(workspace, { recursive: true, force: true }))

const image: ImageBuild = {
  id: 'web',
  services: ['web'],
  context: 'web',
  dockerfile: 'Dockerfile',
  args: {},
  repository: 'p/web'
} as unknown as ImageBuild

const warnings = async (): Promise<string[]> => (await checkBuildInputs(workspace, image)).warnings

describe('a secret-looking .env sent in the build context', () => {
  it('warns when COPY . . takes it into the image: which file, which variables (no value), which line to add', async () => {
    // The new user's app: dotenv's .env next to the code, a .dockerignore that misses it.
    write('web/Dockerfile', 'FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n')
    write('web/.env', '# dev\nPOSTGRES_PASSWORD=changeme\nPORT=3000\nexport API_TOKEN="abc"\n')
    expect(await warnings()).toEqual([
      'image web (services web): the build context holds .env, which sets POSTGRES_PASSWORD, API_TOKEN to a value, ' +
        'and the Dockerfile copies it into the image (/app/.env): anyone who can pull the image from ECR can read it. ' +
        'Add the line ".env" to web/.dockerignore, and give the containers their secrets by reference (the secrets input)'
    ])
  })

  it('names a nested file where the Dockerfile puts it, and the Dockerfile’s own ignore file when BuildKit reads that', async () => {
    write('web/Dockerfile', 'FROM debian:bookworm-slim\nCOPY config /etc/app\n')
    write('web/Dockerfile.dockerignore', '.git\n')
    write('web/config/prod.env', 'STRIPE_SECRET_KEY=sk_live_123\n')
    const [line] = await warnings()
    expect(line).toMatch(/holds config\/prod\.env, which sets STRIPE_SECRET_KEY to a value/)
    expect(line).toMatch(/\(\/etc\/app\/prod\.env\)/)
    expect(line).toMatch(/Add the line "config\/prod\.env" to web\/Dockerfile\.dockerignore,/)
  })

  it.each([
    ['the ignore file excludes it', { 'web/.dockerignore': '.git\n.env\n' }, 'COPY . .'],
    ['a **/.env rule excludes it', { 'web/.dockerignore': '.git\n**/.env*\n' }, 'COPY . .'],
    ['the Dockerfile copies other files only', {}, 'COPY server.js package.json ./'],
    ['the Dockerfile copies from another stage only', {}, 'COPY --from=build /out /app']
  ])('is quiet when %s', async (_, files: Record<string, string>, copy) => {
    write('web/Dockerfile', `FROM debian:bookworm-slim\nWORKDIR /app\n${copy}\n`)
    write('web/.env', 'DB_PASSWORD=changeme\n')
    for (const [file, text] of Object.entries(files)) write(file, text)
    expect(await warnings()).toEqual([])
  })

  it('is quiet for templates, for values that are not secrets, and for a package’s own .env', async () => {
    write('web/Dockerfile', 'FROM debian:bookworm-slim\nCOPY . /app\n')
    write('web/.env.example', 'DB_PASSWORD=changeme\n')
    write('web/.env', 'PORT=3000\nDB_PASSWORD=\nAPI_KEY=${API_KEY}\n')
    write('web/node_modules/some-package/.env', 'NPM_TOKEN=abc\n')
    expect(await warnings()).toEqual([])
  })
})

describe('isEnvFileName', () => {
  it.each(['.env', '.env.local', '.env.production', 'prod.env', '.ENV'])('%s is one', name => {
    expect(isEnvFileName(name)).toBe(true)
  })
  it.each(['.env.example', '.env.sample', '.env.template', '.env.dist', 'env.js', '.envrc', 'dotenv'])(
    '%s is not',
    name => {
      expect(isEnvFileName(name)).toBe(false)
    }
  )
})

describe('secretVariablesOf', () => {
  it('reads dotenv lines: export, quotes, comments; skips empty values and references', () => {
    expect(
      secretVariablesOf(
        [
          '# SECRET_KEY=commented',
          'export SECRET_KEY_BASE="abc" # rails',
          "DB_PASS='x'",
          'REDIS_URL=redis://cache:6379',
          'JWT_SECRET=',
          'API_TOKEN=${TOKEN}',
          'GITHUB_TOKEN = ghp_123'
        ].join('\n')
      )
    ).toEqual(['SECRET_KEY_BASE', 'DB_PASS', 'GITHUB_TOKEN'])
  })
})
