// Issue 18, cases 4, 5, 7, 14 and 15: repository files stay in the workspace.
// Each case is a hostile checkout (env_file and .env escaping it, symlinks to
// host files in shipped folders, .ebextensions linked to ~/.docker, FIFOs,
// loops, build contexts and Dockerfiles outside, a shipped folder over the
// bundle limit, a file named __proto__) deployed through dist/index.js against
// the stand-in. A refused case must fail with one line naming the path, before
// any AWS write, with no host file or runner secret anywhere the action writes.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { startStage, type Stage } from './harness.js'
import {
  expectNothingEscaped,
  hostileRepository,
  PREBUILT_WEB,
  repositoryInputs,
  runOnRepository,
  s3Texts,
  zipEntries,
  type HostileRepository
} from './security-checks.js'

const APPLICATION = 'rel-sec-files'
const ENVIRONMENT = 'rel-sec-files-env'

const WEB = PREBUILT_WEB

let stage: Stage
let repository: HostileRepository

beforeAll(async () => {
  stage = await startStage({ application: APPLICATION, environments: [ENVIRONMENT] })
}, 120_000)
afterAll(async () => stage?.stop(), 60_000)
afterEach(() => repository?.remove())

const deployInputs = (overrides: Record<string, string> = {}) =>
  repositoryInputs(stage, ENVIRONMENT, overrides)

interface RefusedCase {
  /** Lays the attack out in the repository. */
  attack(repo: HostileRepository): void
  error: RegExp
  inputs?: Record<string, string>
}

const REFUSED: Record<string, RefusedCase> = {
  '4: env_file pointing at /proc/self/environ': {
    attack: repo =>
      repo.write('docker-compose.yml', `${WEB}    env_file: ../../../../../../../../proc/self/environ\n`),
    error: /file .*proc\/self\/environ resolves to \/proc\/\d+\/environ, outside the workspace/
  },
  '4: env_file climbing out of the workspace': {
    attack: repo => repo.write('docker-compose.yml', `${WEB}    env_file: ../outside/secret.env\n`),
    error: /file \.\.\/outside\/secret\.env resolves to .*, outside the workspace/
  },
  '4: an env_file that is a symlink to a file outside': {
    attack: repo => {
      repo.link('production.env', path.join(repo.outside, 'secret.env'))
      repo.write('docker-compose.yml', `${WEB}    env_file: production.env\n`)
    },
    error: /file production\.env resolves to .*outside\/secret\.env, outside the workspace/
  },
  '4: a .env that is a symlink to a file outside': {
    attack: repo => {
      repo.link('.env', path.join(repo.outside, 'secret.env'))
      repo.write('docker-compose.yml', `${WEB}    environment:\n      LEAK: \${HOST_SECRET}\n`)
    },
    error: /file \.env resolves to .*outside\/secret\.env, outside the workspace/
  },
  '5: a shipped folder holding a symlink to /proc/self/environ': {
    attack: repo => {
      repo.write('conf/app.conf', 'listen 80;\n')
      repo.link('conf/x', '/proc/self/environ')
      repo.write('docker-compose.yml', `${WEB}    volumes: ['./conf:/etc/app:ro']\n`)
    },
    error: /conf\/x is a symlink to \/proc\/self\/environ, outside the shipped folder/
  },
  '5: .ebextensions linked to ~/.docker': {
    attack: repo => {
      repo.link('.ebextensions', path.join(repo.home, '.docker'))
      repo.write('docker-compose.yml', WEB)
    },
    error: /folder \.ebextensions resolves to .*home\/\.docker, outside the workspace/
  },
  '5: .platform holding a link to the host secret': {
    attack: repo => {
      repo.write('.platform/hooks/predeploy/01.sh', '#!/bin/sh\n', 0o755)
      repo.link('.platform/hooks/predeploy/02.env', path.join(repo.outside, 'secret.env'))
      repo.write('docker-compose.yml', WEB)
    },
    error: /\.platform\/hooks\/predeploy\/02\.env is a symlink to .*outside the shipped folder/
  },
  '5: a FIFO in a shipped folder': {
    attack: repo => {
      repo.fifo('conf/pipe')
      repo.write('docker-compose.yml', `${WEB}    volumes: ['./conf:/etc/app']\n`)
    },
    error: /conf\/pipe is a FIFO: only files and folders can be shipped/
  },
  '5: a symlink loop in a shipped folder': {
    attack: repo => {
      repo.link('conf/a', 'b')
      repo.link('conf/b', 'a')
      repo.write('docker-compose.yml', `${WEB}    volumes: ['./conf:/etc/app']\n`)
    },
    error: /conf\/a is a symlink loop/
  },
  '5: a shipped folder linked into itself': {
    attack: repo => {
      repo.write('conf/app.conf', 'x\n')
      repo.link('conf/again', '.')
      repo.write('docker-compose.yml', `${WEB}    volumes: ['./conf:/etc/app']\n`)
    },
    error: /conf\/again is a symlink loop/
  },
  '5: a mounted path through a file (ENOTDIR)': {
    attack: repo => {
      repo.write('conf.txt', 'x\n')
      repo.write('docker-compose.yml', `${WEB}    volumes: ['./conf.txt/inner:/etc/app']\n`)
    },
    error: /conf\.txt\/inner cannot exist: conf\.txt is a file, not a folder/
  },
  '7: a build context above the workspace': {
    attack: repo => {
      repo.write('../outside/Dockerfile', 'FROM debian:bookworm-slim\nCOPY secret.env /\n')
      repo.write('docker-compose.yml', `services:\n  web:\n    build: ../outside\n    ports: ['80:3000']\n`)
    },
    // Refused while planning already: the planner reads the Dockerfile for what it copies.
    error: /\.\.\/outside\/Dockerfile resolves to .*, outside the workspace/
  },
  '7: a Dockerfile given as /etc/passwd': {
    attack: repo => {
      repo.write('web/app.txt', 'x\n')
      repo.write(
        'docker-compose.yml',
        `services:\n  web:\n    build:\n      context: ./web\n      dockerfile: /etc/passwd\n    ports: ['80:3000']\n`
      )
    },
    error:
      /Build of image web .*failed: Dockerfile .*etc\/passwd resolves to \/etc\/passwd, outside the workspace/
  },
  '14: a Dockerfile that is a FIFO': {
    attack: repo => {
      repo.fifo('web/Dockerfile')
      repo.write('docker-compose.yml', `services:\n  web:\n    build: ./web\n    ports: ['80:3000']\n`)
    },
    error: /web\/Dockerfile is a FIFO, not a file/
  },
  '14: a compose file that is a FIFO': {
    attack: repo => repo.fifo('docker-compose.yml'),
    error: /compose file docker-compose\.yml is a FIFO, not a file/
  },
  '14: a compose file that is a symlink to /etc/passwd': {
    attack: repo => repo.link('docker-compose.yml', '/etc/passwd'),
    error: /compose file docker-compose\.yml resolves to \/etc\/passwd, outside the workspace/
  }
}

describe('repository files that leave the workspace are refused before any AWS write', () => {
  it.each(Object.entries(REFUSED))(
    '%s',
    async (_case, { attack, error, inputs }) => {
      repository = hostileRepository()
      attack(repository)
      const result = await runOnRepository(stage, repository, deployInputs(inputs))
      expect(result.run.errors).toEqual([expect.stringMatching(error)])
      await expectNothingEscaped(stage, result)
      // Nothing of /etc/passwd either (its first line appeared in the error before).
      expect(result.run.stdout + result.run.summary).not.toMatch(/root:x?:0:0/)
    },
    60_000
  )
})

describe('plan mode, whose output is published, reads no file outside either', () => {
  it('4 (plan mode): an env_file of the host secret fails without printing it', async () => {
    repository = hostileRepository()
    REFUSED['4: env_file climbing out of the workspace']?.attack(repository)
    const result = await runOnRepository(stage, repository, deployInputs({ mode: 'plan' }))
    expect(result.run.errors).toEqual([expect.stringMatching(/outside the workspace/)])
    await expectNothingEscaped(stage, result)
  }, 60_000)
})

describe('shipped content that is allowed', () => {
  it('15: a mounted file named __proto__ is in the zip, as the Dockerrun mounts it', async () => {
    repository = hostileRepository()
    repository.write('conf/__proto__', 'proto content\n')
    repository.write('conf/app.conf', 'listen 80;\n')
    repository.link('conf/alias.conf', 'app.conf')
    repository.write('__proto__', 'top-level proto\n')
    repository.write(
      'docker-compose.yml',
      `${WEB}    volumes: ['./conf:/etc/app:ro', './__proto__:/etc/proto:ro']\n`
    )
    const result = await runOnRepository(stage, repository, deployInputs({ 'version-label': 'proto-1' }))
    expect(result.run.errors).toEqual([])
    expect(result.run.status).toBe(0)
    const stored = await stage.standIn.services.s3.getObject(
      'elasticbeanstalk-us-east-1-123456789012',
      `${APPLICATION}/proto-1.zip`
    )
    const entries = new Map(zipEntries(new Uint8Array(stored?.body ?? [])))
    expect([...entries.keys()].sort()).toEqual([
      'Dockerrun.aws.json',
      '__proto__',
      'conf/__proto__',
      'conf/alias.conf',
      'conf/app.conf'
    ])
    expect(Buffer.from(entries.get('conf/__proto__') ?? []).toString()).toBe('proto content\n')
    expect(Buffer.from(entries.get('__proto__') ?? []).toString()).toBe('top-level proto\n')
    expect(Buffer.from(entries.get('conf/alias.conf') ?? []).toString()).toBe('listen 80;\n')
    const dockerrun = JSON.parse(Buffer.from(entries.get('Dockerrun.aws.json') ?? []).toString()) as {
      volumes: { host: { sourcePath: string } }[]
    }
    expect(dockerrun.volumes.map(volume => volume.host.sourcePath).sort()).toEqual([
      '/var/app/current/__proto__',
      '/var/app/current/conf'
    ])
    await expectNothingEscaped(stage, result, { refused: false })
  }, 60_000)

  it('14: a shipped folder over the 500 MB bundle limit fails with the largest files named, nothing uploaded', async () => {
    repository = hostileRepository()
    // Random bytes do not compress: three files of 180 MiB make a zip over 500 MiB.
    for (const name of ['a.bin', 'b.bin', 'c.bin']) {
      const file = path.join(repository.workspace, 'data', name)
      repository.write(`data/${name}`, '')
      for (let part = 0; part < 18; part++) writeFileSync(file, randomBytes(10 * 1024 * 1024), { flag: 'a' })
    }
    repository.write('docker-compose.yml', `${WEB}    volumes: ['./data:/srv/data']\n`)
    const before = Object.keys(await s3Texts(stage.standIn))
    const result = await runOnRepository(stage, repository, deployInputs({ 'version-label': 'too-big-1' }))
    expect(result.run.errors).toEqual([
      expect.stringMatching(
        /larger than Beanstalk's source bundle limit of 500 MB compressed; its largest files: data\/a\.bin \(180 MB\), data\/b\.bin \(180 MB\), data\/c\.bin \(180 MB\)/
      )
    ])
    await expectNothingEscaped(stage, result)
    expect(Object.keys(await s3Texts(stage.standIn))).toEqual(before)
  }, 180_000)
})
