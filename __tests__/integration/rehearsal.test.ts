// The rehearsal command as a user runs it (`npm run rehearse -- <their app>`,
// docs/rehearsal.md) on an app of its own (__tests__/fixtures/rehearsal-app:
// a web service that needs its RDS database, a secret by reference and an
// environment property, and a dev postgres the deploy replaces): what the
// rehearsal file names is created, the action deploys the app Green through
// the smoke test, the running app's URL is printed and answers, and nothing
// the command started is left behind.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFile, spawn } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { PROJECT_ROOT } from '../../test-support/run-action.js'
import { describeWithDocker } from './helpers/docker.js'

const execFileAsync = promisify(execFile)

interface Run {
  status: number | null
  stdout: string
}

function rehearse(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // From the user's app folder, through npm, as the docs say; --prefix points npm at this checkout.
    const child = spawn('npm', ['run', '-s', '--prefix', PROJECT_ROOT, 'rehearse', '--', ...args], {
      cwd,
      env: process.env
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', reject)
    child.on('close', status => resolve({ status, stdout }))
  })
}

async function dockerLines(args: string[]): Promise<string[]> {
  const { stdout } = await execFileAsync('docker', args)
  return stdout.split('\n').filter(line => line.trim() !== '')
}

describeWithDocker()('npm run rehearse on an app of its own', () => {
  let parent: string
  let app: string
  let run: Run

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'bdd-rehearsal-'))
    app = path.join(parent, 'notes')
    await cp(path.join(PROJECT_ROOT, '__tests__/fixtures/rehearsal-app'), app, { recursive: true })
    // The path as a user types it: relative to the folder they run npm in.
    run = await rehearse(['notes'], parent)
  }, 15 * 60_000)

  afterAll(async () => {
    if (parent) await rm(parent, { recursive: true, force: true })
  })

  it('creates what the rehearsal file names and deploys the app Green, its URL printed and answering', () => {
    if (run.status !== 0) console.log(run.stdout.split('\n').slice(-80).join('\n'))
    expect(run.status).toBe(0)
    const said = run.stdout.split('\n').filter(line => line.startsWith('rehearse: '))
    expect(said).toEqual(
      expect.arrayContaining([
        'rehearse: app ' + app + ', rehearsal file .github/beanstalk-rehearsal.yml',
        'rehearse: created RDS PostgreSQL notes-db (database notes, user notes, RDS-managed master secret)',
        'rehearse: created Secrets Manager secret notes/api-token → API_TOKEN',
        'rehearse: created Beanstalk application notes, environment notes-rehearsal (Ready, enhanced health, properties GREETING)',
        'rehearse: done: deployed, Green, page served; everything removed'
      ])
    )
    expect(run.stdout).toMatch(/Smoke test passed/)
    expect(run.stdout).toMatch(
      /✓ Deploy and wait: notes-rehearsal is Ready and Green on sha-\w+ at http:\/\/127\.0\.0\.1:\d+/
    )
    // The app answered 200 only because its database, its secret and its property all reached it.
    expect(said).toContainEqual(
      expect.stringMatching(
        /^rehearse: your app runs at http:\/\/127\.0\.0\.1:\d+ \(GET \/ → 200: notes: hello from the rehearsal; database notes-db\.\S+ reachable; API_TOKEN set \(15 chars\)\)$/
      )
    )
  })

  it('removes everything it started: the stand-in, its registry, the app containers and the images it tagged', async () => {
    const registryHost = /ECR registry (127\.0\.0\.1:\d+)/.exec(run.stdout)?.[1]
    expect(registryHost).toBeDefined()
    const images = await dockerLines(['images', '--format', '{{.Repository}}'])
    expect(images.filter(repository => repository.startsWith(`${registryHost}/`))).toEqual([])
    const containers = await dockerLines([
      'ps',
      '--all',
      '--filter',
      'label=org.opencontainers.image.source=https://github.com/rehearsal/notes',
      '--format',
      '{{.Names}}'
    ])
    expect(containers).toEqual([])
    expect(
      await dockerLines(['ps', '--all', '--filter', 'name=rds-notes-db', '--format', '{{.Names}}'])
    ).toEqual([])
  })

  it(
    'refuses a bad rehearsal file in one line, before starting anything',
    async () => {
      const bad = await rehearse(['notes', '--input', 'application=other'], parent)
      expect(bad.status).toBe(1)
      expect(bad.stdout).toContain(
        'rehearse: set application as a key of its own, not under with: the rehearsal creates it'
      )
      expect(bad.stdout).not.toContain('AWS stand-in on')
    },
    5 * 60_000
  )
})
