// The examples/puppies app on the real Docker engine: its five services come
// up from the example's own scripts, Nginx serves the page and public/ files,
// a puppy travels web -> Redis -> Sidekiq worker -> PostgreSQL, and /up turns
// 503 when Redis goes away.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { describeIn, dockerEngine } from './helpers/docker.js'
import {
  type PuppiesStack,
  type PuppyJson,
  bringUp,
  containerHostname,
  execInService,
  leftovers,
  pollUntil,
  request,
  serviceLog,
  stopService,
  tearDown
} from './helpers/puppies.js'

const prefix = `puppies-test-${randomBytes(3).toString('hex')}`

// A cold build (no layer cache) installs Ruby, Rails, PostgreSQL and Nginx from Debian.
const bringUpTimeoutMs = 15 * 60_000
// Migrations plus the Rails boot, bounded: 90 polls 2 s apart, about 3 minutes.
const untilReady = { attempts: 90, intervalMs: 2_000 }

let stack: PuppiesStack | undefined

function upAnswersOk(): Promise<boolean> {
  return pollUntil(
    () => request(current(), '/up'),
    answer => answer.status === 200,
    untilReady
  ).then(answer => answer.status === 200)
}

function current(): PuppiesStack {
  if (stack === undefined) throw new Error('the puppies stack is not up')
  return stack
}

describeIn(dockerEngine)('examples/puppies', () => {
  beforeAll(
    async () => {
      stack = await bringUp(prefix)
      if (!(await upAnswersOk())) {
        const logs = await Promise.all(['nginx', 'web', 'worker'].map(s => serviceLog(current(), s)))
        throw new Error(`the stack did not become healthy:\n${logs.join('\n---\n')}`)
      }
    },
    bringUpTimeoutMs + 4 * 60_000
  )

  afterAll(async () => {
    await tearDown(prefix)
    const left = await leftovers(prefix)
    if (left.length > 0) throw new Error(`down.sh left behind: ${left.join(', ')}`)
  }, 120_000)

  it('serves the puppies page through Nginx', async () => {
    const page = await request(current(), '/')

    expect(page.status).toBe(200)
    expect(page.headers.get('server')).toBe('nginx')
    expect(page.body).toContain('<h1>Puppies</h1>')
    expect(page.body).toContain('name="authenticity_token"')
  })

  it('reports both backing services healthy on /up', async () => {
    const up = await request(current(), '/up')

    expect(up.status).toBe(200)
    expect(up.body).toBe('postgresql: ok\nredis: ok\n')
  })

  it('serves files in public/ from Nginx without reaching Rails', async () => {
    const stylesheet = await request(current(), '/puppies.css')

    expect(stylesheet.status).toBe(200)
    expect(stylesheet.headers.get('content-type')).toBe('text/css')
    expect(stylesheet.body).toContain('.greeting')
    // Every Rails response carries a request id; Nginx's own do not.
    expect(stylesheet.headers.get('x-request-id')).toBeNull()
  })

  it('has the worker greet a puppy created through the JSON API, in PostgreSQL', async () => {
    const name = `Rex ${randomBytes(2).toString('hex')}`
    const created = await request(current(), '/api/puppies', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ puppy: { name } })
    })
    expect(created.status).toBe(201)
    const { id } = JSON.parse(created.body) as PuppyJson

    const greeted = await pollUntil(
      async () => JSON.parse((await request(current(), `/api/puppies/${id}`)).body || '{}') as PuppyJson,
      puppy => puppy.processed_at !== null && puppy.processed_at !== undefined,
      { attempts: 30, intervalMs: 1_000 }
    )

    // The greeting names the container that wrote it: the worker, not the web.
    const workerHost = await containerHostname(current(), 'worker')
    expect(greeted.greeting).toBe(`Woof, ${name}! (greeted by ${workerHost})`)
    expect(greeted.processed_at).not.toBeNull()
    const page = await request(current(), '/')
    expect(page.body).toContain(`Woof, ${name}!`)
  })

  it('adds a puppy through the HTML form, redirecting back to the page on the same host and port', async () => {
    const form = await request(current(), '/puppies')
    const token = /name="authenticity_token" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    const session = form.headers.getSetCookie().map(cookie => cookie.split(';')[0])
    const name = `Fido ${randomBytes(2).toString('hex')}`

    const posted = await request(current(), '/puppies', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.join('; ') },
      body: new URLSearchParams({ authenticity_token: token, 'puppy[name]': name }).toString()
    })

    expect(posted.status).toBe(302)
    // Nginx passes the Host header with its port, so Rails redirects back here.
    expect(posted.headers.get('location')).toBe(`${current().baseUrl}/puppies`)
    expect((await request(current(), '/puppies')).body).toContain(name)
  })

  it('rejects a form post without its CSRF token', async () => {
    const forged = await request(current(), '/puppies', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'puppy%5Bname%5D=Intruder'
    })

    expect(forged.status).toBe(422)
  })

  it('connects with DATABASE_PASSWORD overriding the password in DATABASE_URL', async () => {
    // What the deploy action does on Elastic Beanstalk: the bundle's URL has
    // no (here: a wrong) password, the RDS-managed one comes separately.
    const count = await execInService(
      current(),
      'web',
      {
        DATABASE_URL: 'postgres://puppies:not-the-password@db:5432/puppies',
        DATABASE_PASSWORD: 'puppies'
      },
      ['bin/rails', 'runner', 'print Puppy.connection.select_value("SELECT count(*) FROM puppies")']
    )

    expect(Number(count.trim().split('\n').pop())).toBeGreaterThan(0)
  })

  // Last: it leaves the stack without Redis.
  it('answers 503 on /up, naming Redis, once the redis container stops', async () => {
    await stopService(current(), 'redis')

    const up = await pollUntil(
      () => request(current(), '/up'),
      answer => answer.status === 503,
      { attempts: 10, intervalMs: 1_000 }
    )

    expect(up.status).toBe(503)
    expect(up.body).toMatch(/^postgresql: ok\nredis: unavailable \(.+\)\n$/)
  })
})
