// Which deployed services are jobs (non-essential on ECS), and why: src/core/plan/roles.ts.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import { isAssetWatcher, jobServices } from '../../../../src/core/plan/roles.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const jobsOf = (text: string) => Object.fromEntries(jobServices(Object.values(composeIn(text).services)))
const WEB = '  web:\n    image: app\n    ports: ["80:3000"]\n'

describe('jobServices', () => {
  it('a service others wait for to complete is a job, whatever its own command says', () => {
    expect(
      jobsOf(
        `services:\n${WEB}    depends_on: {migrate: {condition: service_completed_successfully}}\n  migrate:\n    image: app\n    command: rails db:migrate\n`
      )
    ).toEqual({ migrate: 'a one-shot job (others wait for it to complete)' })
  })

  it.each([
    [
      'a migration command',
      '    command: bundle exec rails db:migrate\n',
      'a one-shot job (its command "bundle exec rails db:migrate" runs and exits)'
    ],
    [
      'collectstatic',
      '    entrypoint: [python]\n    command: manage.py collectstatic --noinput\n',
      'a one-shot job (its command "python manage.py collectstatic --noinput" runs and exits)'
    ],
    [
      'restart: "no" without ports',
      '    restart: "no"\n',
      'a one-shot job (restart: "no": compose does not restart it when it exits)'
    ],
    [
      'an asset watcher',
      '    command: yarn build --watch\n',
      'a development asset watcher (it exits when no terminal is attached)'
    ]
  ])('%s', (_case, fields, reason) => {
    expect(jobsOf(`services:\n${WEB}  job:\n    image: app\n${fields}`)).toEqual({ job: reason })
  })

  it.each([
    [
      'a compound command that migrates then serves',
      '    command: sh -c "rails db:migrate && rails server"\n'
    ],
    ['restart: "no" with an exposed port', '    restart: "no"\n    expose: ["9000"]\n'],
    ['restart: "no" with a published port', '    restart: "no"\n    ports: ["9000:9000"]\n'],
    ['a long-running worker', '    command: bundle exec sidekiq\n']
  ])('not a job: %s', (_case, fields) => {
    expect(jobsOf(`services:\n${WEB}  job:\n    image: app\n${fields}`)).toEqual({})
  })

  describe('restart: on-failure (fresh app Zammad: zammad-init runs until it succeeds once)', () => {
    it.each([
      [
        'a setup word in its command',
        WEB,
        '  zammad-init:\n    image: app\n    command: ["zammad-init"]\n    restart: on-failure\n',
        'zammad-init'
      ],
      ['a setup word in its name', WEB, '  db-seed:\n    image: app\n    restart: on-failure:3\n', 'db-seed']
    ])('%s: a job', (_case, web, job, name) => {
      const reason = jobsOf(`services:\n${web}${job}`)[name]
      expect(reason).toMatch(
        /^a one-shot job \(restart: on-failure(:3)?: compose runs it until it succeeds once\)$/
      )
    })

    it.each([
      [
        'a worker without a sign of setup',
        WEB,
        '  worker:\n    image: app\n    command: bundle exec sidekiq\n    restart: on-failure\n'
      ],
      [
        'a setup word but a published port',
        WEB,
        '  setup:\n    image: app\n    ports: ["81:81"]\n    restart: on-failure\n'
      ],
      [
        'a worker whose command installs first',
        WEB,
        '  worker:\n    image: app\n    command: ["sh", "-c", "pip install -r req.txt && celery worker"]\n    restart: on-failure\n'
      ],
      [
        'a worker that requires an init module',
        WEB,
        '  worker:\n    image: app\n    command: ["node", "--require", "./tracing/init.js", "worker.js"]\n    restart: on-failure\n'
      ],
      [
        'a worker with on-failure beside services that restart always',
        '  web:\n    image: app\n    ports: ["80:3000"]\n    restart: always\n',
        '  worker:\n    image: app\n    command: ["celery", "-A", "app", "worker"]\n    restart: on-failure\n'
      ],
      [
        'a seed node (a setup word in its name, no restart key, no migration)',
        WEB,
        '  seed-node:\n    image: chain\n    command: ["node", "--seed"]\n'
      ],
      [
        'others on-failure too',
        '  web:\n    image: app\n    ports: ["80:3000"]\n    restart: on-failure\n',
        '  worker:\n    image: app\n    restart: on-failure\n'
      ]
    ])('not a job: %s', (_case, web, job) => {
      expect(jobsOf(`services:\n${web}${job}`)).toEqual({})
    })
  })

  it('no restart key (compose’s "no") and a name that says setup: a job (data-act-broker’s init-db)', () => {
    expect(
      jobsOf(
        `services:\n${WEB}  init-db:\n    image: app\n    command: ["sh", "-c", "sleep 9s; alembic upgrade head"]\n`
      )
    ).toEqual({
      'init-db': 'a one-shot job (its name says setup, and compose does not restart it when it exits)'
    })
    expect(jobsOf(`services:\n${WEB}  worker:\n    image: app\n    command: ["celery", "worker"]\n`)).toEqual(
      {}
    )
  })

  it('when every service looks like a job, only those others wait for stay jobs: ECS needs an essential container', () => {
    expect(jobsOf('services:\n  worker:\n    image: app\n    restart: "no"\n')).toEqual({})
    expect(
      jobsOf(
        'services:\n  worker:\n    image: app\n    restart: "no"\n    depends_on: {setup: {condition: service_completed_successfully}}\n  setup:\n    image: app\n    command: rails db:setup\n'
      )
    ).toEqual({ setup: 'a one-shot job (others wait for it to complete)' })
  })

  it('a worker-only app whose worker compose does not restart deploys with that worker essential', () => {
    const plan = buildPlan(
      configFor({ database: 'none', cache: 'none' }),
      composeIn('services:\n  worker:\n    image: app\n    restart: "no"\n')
    )
    expect(plan.containers.map(container => [container.name, container.essential])).toEqual([
      ['worker', true]
    ])
  })
})

describe('isAssetWatcher', () => {
  const watcher = (fields: string) =>
    isAssetWatcher(composeIn(`services:\n  assets:\n    image: app\n${fields}`).services.assets!)
  it.each([
    '    command: yarn build --watch\n',
    '    command: ["sh", "-c", "npm run build -- --watch=always"]\n',
    '    command: bin/rails tailwindcss:watch\n',
    '    entrypoint: [yarn, watch]\n'
  ])('%s', fields => {
    expect(watcher(fields)).toBe(true)
  })

  it.each([
    '    command: yarn build\n',
    '    command: yarn build --watch\n    ports: ["3035:3035"]\n',
    '    command: watchman-wait .\n',
    '    command: [sh, -c, "echo --watch-me"]\n'
  ])('not %s', fields => {
    expect(watcher(fields)).toBe(false)
  })
})
