// Five real public apps (web + worker + PostgreSQL + Redis), gathered after
// the smoke twin was written, deployed end to end through dist/index.js to the
// stand-in with nothing but the inputs a user gives. Their compose files are
// as published; their images are reduced to the twin test app running each
// app's own configuration reading (__tests__/fixtures/real-apps/README.md).
// Each goes Green with its database and cache proven reached, or stops before
// any environment is updated with a line a user can act on: none goes Green
// without reaching its database.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { PROJECT_ROOT } from '../../test-support/run-action.js'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'
import { fixtureDeploys } from './helpers/smoke.js'

const describeWithDocker = dockerSuite('smoke test on real apps')

/**
 * The engine images the gathered compose files name, which this machine cannot pull (no Docker
 * Hub): the local postgres:15 / redis:7 tagged under their names for the run, and removed after.
 */
const ENGINE_TAGS: Record<string, string> = {
  'postgres:13.0-alpine': 'postgres:15',
  'postgres:10-alpine': 'postgres:15',
  'postgres:latest': 'postgres:15',
  'redis:7.0.5-alpine': 'redis:7',
  'redis:alpine': 'redis:7',
  'redis:latest': 'redis:7',
  'redis:7.0-alpine': 'redis:7'
}
const NGINX_TAG = 'nginx:1.23-alpine'

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}
function imageExists(image: string): boolean {
  try {
    docker(['image', 'inspect', '--format', '{{.Id}}', image])
    return true
  } catch {
    return false
  }
}

describeWithDocker('real apps through the smoke twin', () => {
  const tagged: string[] = []
  // Tagged before the stand-in starts (hooks run in the order they are registered).
  beforeAll(() => {
    for (const [name, local] of Object.entries(ENGINE_TAGS)) {
      if (imageExists(name)) continue
      docker(['tag', local, name])
      tagged.push(name)
    }
    if (!imageExists(NGINX_TAG)) {
      docker(['build', '-q', '-t', NGINX_TAG, `${PROJECT_ROOT}/__tests__/fixtures/real-apps/nginx-stand-in`])
      tagged.push(NGINX_TAG)
    }
  }, 5 * 60_000)
  const deploys = fixtureDeploys({
    application: 'realapps',
    environment: 'realapps-env',
    folders: ['__tests__/fixtures/real-apps', '__tests__/fixtures/twin-app'],
    database: { id: 'shop-db', dbName: 'shop', username: 'shop_admin' },
    cache: 'shop-cache'
  })
  // Only the tags this suite made: the images under them stay.
  afterAll(() => {
    if (tagged.length > 0) docker(['image', 'rm', ...tagged])
  })

  it.each([
    [
      'kaili-yang-django-celery',
      () =>
        // Its Celery reads BROKER_URL (default redis://localhost:6379/0), not the CELERY_BROKER_URL it is given.
        /^::error::Smoke test failed: worker tried to reach the cache on localhost, where nothing listens on Beanstalk either: the cache is ElastiCache shop-cache \(\S+\), and your app reads its address from a variable the action does not set \(the action sets CELERY_BROKER_URL, CELERY_RESULT_BACKEND(, REDIS_URL)?\)/
    ],
    [
      'vincent-law-transactions',
      () =>
        new RegExp(
          `^::error::Smoke test failed: app tried to reach \`database\`, the compose name of the database this deploy replaces with RDS instance shop-db \\(${deploys.rdsHost().replace(/\./g, '\\.')}\\); on Beanstalk it does not resolve`
        )
    ],
    [
      'chapchon-nekospot',
      () =>
        /^::error::Smoke test failed: web could not log in to the database as `shop_admin`: the password it sent is not RDS instance shop-db's; on Beanstalk the app gets it only by reference, in DB_PASSWORD, DATABASE_PASSWORD, PGPASSWORD: read it from there/
    ],
    [
      'virtualstaticvoid-rails-sidekiq',
      // Its web and worker run an image built by hand (bin/first-time); the compose file builds nothing.
      () =>
        /^::error::Smoke test failed: the image rails-app of (worker, web|web, worker) could not be pulled \(.*\); the instances pull it the same way: build it in the compose file \(build:\) or push it to a registry they can reach$/
    ]
  ])(
    '%s: stopped before any environment is updated, saying why',
    async (fixture, message) => {
      const updatesBefore = deploys.updateCalls().length
      const run = await deploys.run(fixture)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(message())
      expect(deploys.updateCalls()).toHaveLength(updatesBefore)
    },
    10 * 60_000
  )

  it(
    'veronika-drf-homework: Green, its database and broker proven reached',
    async () => {
      const fixture = 'veronika-drf-homework'
      const run = await deploys.run(fixture)
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by django_app; cache reached by (celery, celery-beat|celery-beat, celery)/
      )
      expect(run.outputs.health).toBe('Green')
    },
    10 * 60_000
  )
})
