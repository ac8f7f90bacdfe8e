// The rehearsal command as a user runs it (`npm run rehearse -- <their app>`,
// docs/rehearsal.md) on an app of its own (__tests__/fixtures/rehearsal-app:
// a web service that needs its RDS database, a secret by reference and an
// environment property, and a dev postgres the deploy replaces): what the
// rehearsal file names is created, the action deploys the app Green through
// the smoke test, the running app's URL is printed and answers, and nothing
// the command started is left behind.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFile, spawn } from 'node:child_process'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
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

/**
 * From the user's app folder, through npm, as the docs say; --prefix points npm at this checkout. `onLine` sees
 * each line as it comes, with a way to press Ctrl-C (SIGINT to the whole process group, as a terminal sends it).
 */
function rehearse(
  args: string[],
  cwd: string,
  onLine?: (line: string, interrupt: () => void) => void
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', '--prefix', PROJECT_ROOT, 'rehearse', '--', ...args], {
      cwd,
      env: process.env,
      detached: true
    })
    const interrupt = (): void => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT')
    }
    let stdout = ''
    let pending = ''
    const take = (chunk: Buffer): void => {
      stdout += chunk.toString()
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) onLine?.(line, interrupt)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('error', reject)
    child.on('close', status => resolve({ status, stdout }))
  })
}

const git = (folder: string, ...args: string[]): Promise<unknown> =>
  execFileAsync('git', [
    '-C',
    folder,
    '-c',
    'user.name=rehearsal',
    '-c',
    'user.email=rehearsal@example.com',
    '-c',
    'commit.gpgsign=false',
    ...args
  ])

async function dockerLines(args: string[]): Promise<string[]> {
  const { stdout } = await execFileAsync('docker', args)
  return stdout.split('\n').filter(line => line.trim() !== '')
}

describeWithDocker()('npm run rehearse on an app of its own', () => {
  let parent: string
  let app: string
  let run: Run
  /** What the kept app answered after the run said it stays up, before Ctrl-C. */
  let keptAnswer: number | undefined
  let keptUrl: string | undefined

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'bdd-rehearsal-'))
    app = path.join(parent, 'notes')
    await cp(path.join(PROJECT_ROOT, '__tests__/fixtures/rehearsal-app'), app, { recursive: true })
    // A repository, as a user's app is: the commit is what CI checks out; a dev .env stays untracked.
    await git(parent, 'init', '--quiet', app)
    await git(app, 'add', '.')
    await git(app, 'commit', '--quiet', '-m', 'notes')
    await writeFile(path.join(app, '.env'), 'DB_PASSWORD=dev-only\n')
    // The path as a user types it: relative to the folder they run npm in. A misspelt input (underscores, as
    // einaregilsson/beanstalk-deploy names them), and --keep ended with Ctrl-C once the app is up.
    run = await rehearse(['notes', '--keep', '--input', 'version_label=v1'], parent, (line, interrupt) => {
      const url = /^rehearse: your app runs at (\S+) /.exec(line)?.[1]
      if (url) keptUrl = url
      if (line.startsWith('rehearse: --keep: it stays up')) {
        void fetch(keptUrl ?? '')
          .then(answer => (keptAnswer = answer.status))
          .catch(() => (keptAnswer = -1))
          .finally(interrupt)
      }
    })
  }, 15 * 60_000)

  afterAll(async () => {
    if (parent) await rm(parent, { recursive: true, force: true })
  })

  it('creates what the rehearsal file names and deploys the app Green, its URL printed and answering', () => {
    const said = run.stdout.split('\n').filter(line => line.startsWith('rehearse: '))
    if (said.at(-1) !== 'rehearse: done: deployed, Green, page served; everything removed')
      console.log(run.stdout.split('\n').slice(-80).join('\n'))
    expect(said).toEqual(
      expect.arrayContaining([
        'rehearse: app ' + app + ', rehearsal file .github/beanstalk-rehearsal.yml',
        expect.stringMatching(
          /^rehearse: warning: Unexpected input\(s\) 'version_label', valid inputs are \['mode', /
        ),
        'rehearse: warning: version_label: not an input of the action, so it is ignored (did you mean version-label?)',
        'rehearse: left out, as actions/checkout leaves them out: 1 untracked or git-ignored path(s) (.env); ' +
          'commit what the build or the compose file needs',
        expect.stringMatching(
          /^rehearse: running the action \(mode deploy\) on notes at [0-9a-f]{12} with:$/
        ),
        'rehearse: created RDS PostgreSQL notes-db (database notes, user notes, RDS-managed master secret)',
        'rehearse: created Secrets Manager secret notes/api-token → API_TOKEN',
        'rehearse: created Beanstalk application notes, environment notes-rehearsal (Ready, enhanced health, properties GREETING)'
      ])
    )
    // The misspelt input changed nothing: the version is labelled as without it.
    expect(said).toContainEqual(
      expect.stringMatching(/^rehearse: deployed sha-[0-9a-f]{12} to notes-rehearsal: Green$/)
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

  it('keeps the app up with --keep, and on Ctrl-C removes everything and ends with its closing line', () => {
    expect(keptAnswer).toBe(200)
    // The action's post step untags what it built although the kept instance runs it (as on a runner).
    expect(run.stdout).not.toMatch(/Could not remove every local image tag/)
    expect(run.stdout).toMatch(/Removed the \d+ local image tag\(s\) this run created/)
    const said = run.stdout.split('\n').filter(line => line.startsWith('rehearse: '))
    expect(said.at(-1)).toBe('rehearse: done: deployed, Green, page served; everything removed')
    // npm itself then ends as interrupted, as it does for any Ctrl-C; the line above says how the run ended.
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
      const rollback = await rehearse(['notes', '--input', 'mode=rollback'], parent)
      expect(rollback.status).toBe(1)
      expect(rollback.stdout).toMatch(
        /^rehearse: mode rollback redeploys a version an earlier deploy created/m
      )
      expect(rollback.stdout).not.toContain('AWS stand-in on')
    },
    5 * 60_000
  )

  it(
    "warns when the app refuses the environment's own address as Host, as visitors on AWS would be refused",
    async () => {
      const strict = await rehearse(['notes', '--property', 'ALLOWED_HOSTS=127.0.0.1 localhost'], parent)
      const said = strict.stdout.split('\n').filter(line => line.startsWith('rehearse: '))
      if (strict.status !== 0) console.log(strict.stdout.split('\n').slice(-60).join('\n'))
      expect(strict.status).toBe(0)
      expect(said).toContainEqual(
        "rehearse: warning: GET / with Host: notes-rehearsal.us-east-1.elasticbeanstalk.com (what a visitor of the environment's address sends) answered 400: on AWS every visitor of that address gets the same; allow that name (or your own domain) in the app's host check (Django: ALLOWED_HOSTS; Rails: config.hosts)"
      )
      // The smoke test said the same of the load balancer's health checker before the deploy.
      expect(strict.stdout).toMatch(/with Host: 172\.31\.0\.10 .* answered 400/)
    },
    10 * 60_000
  )

  it(
    'with --keep a failed run stays up until Ctrl-C, then removes everything and says it failed',
    async () => {
      let held = false
      const failed = await rehearse(
        ['notes', '--keep', '--input', 'smoke-test=maybe'],
        parent,
        (line, interrupt) => {
          if (line.startsWith('rehearse: --keep: the failed run stays as it is until Ctrl-C')) {
            held = true
            interrupt()
          }
        }
      )
      const said = failed.stdout.split('\n').filter(line => line.startsWith('rehearse: '))
      expect(said).toContainEqual(
        expect.stringMatching(/smoke-test.*must be one of auto, true, false \(got "maybe"\)/)
      )
      expect(held).toBe(true)
      expect(said.at(-1)).toBe('rehearse: FAILED; everything removed')
      expect(
        await dockerLines(['ps', '--all', '--filter', 'name=rds-notes-db', '--format', '{{.Names}}'])
      ).toEqual([])
    },
    5 * 60_000
  )

  it(
    'rehearses mode plan: plans against the Ready environment, deploys nothing, and says so',
    async () => {
      const plan = await rehearse(['notes', '--input', 'mode=plan'], parent)
      const said = plan.stdout.split('\n').filter(line => line.startsWith('rehearse: '))
      if (plan.status !== 0) console.log(plan.stdout.split('\n').slice(-60).join('\n'))
      expect(plan.status).toBe(0)
      expect(said).toContainEqual(
        expect.stringMatching(/^rehearse: running the action \(mode plan\) on notes at /)
      )
      expect(said).toContainEqual(
        expect.stringMatching(/^rehearse: planned sha-[0-9a-f]{12} for notes-rehearsal: nothing deployed$/)
      )
      expect(said.at(-1)).toBe('rehearse: done: planned, nothing deployed; everything removed')
      expect(plan.stdout).not.toMatch(/Invalid URL|your app runs at/)
    },
    10 * 60_000
  )
})
