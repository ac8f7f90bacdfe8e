// Compose volumes → what ships in the bundle, what lives in an instance folder, what is dropped, and what the plan
// says of each (src/core/plan/mounts.ts). Each case pins every note and warning about the mounts, so that one said
// wrongly, or twice, or for the wrong mount, fails.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import { configFor } from '../support.js'
import { composeIn, type FakeWorkspace } from '../workspace-fake.js'

const planOf = (text: string, workspace: FakeWorkspace = {}) =>
  buildPlan(configFor({ database: 'none', cache: 'none' }), composeIn(text, workspace))
/** Notes and warnings about mounts (not memory, ports or images). */
const said = (plan: ReturnType<typeof planOf>) => ({
  notes: plan.notes.filter(note => /mount|volume|path|socket/.test(note) && !note.includes('memory')),
  warnings: plan.warnings
})
const mounts = (plan: ReturnType<typeof planOf>, name = 'web') =>
  plan.containers.find(container => container.name === name)?.mountPoints.map(point => point.containerPath)

describe('mountsFor', () => {
  it('a host path is dropped, said as a note', () => {
    const plan = planOf('services:\n  web:\n    image: app\n    volumes: ["/srv/data:/data"]\n')
    expect(mounts(plan)).toEqual([])
    expect(said(plan)).toEqual({
      notes: [
        "web: host path /srv/data:/data dropped (a folder of the developer machine; the instance's is not the same)"
      ],
      warnings: []
    })
  })

  it('the Docker socket: a warning for a container that does not serve HTTP, refused for one that does (80 or 443)', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    volumes: ["/run/docker.sock:/var/run/docker.sock"]\n'
    )
    expect(said(plan).warnings).toEqual([
      'web: mounts the Docker socket (/run/docker.sock:/var/run/docker.sock), which the action never gives a container on Beanstalk (it would control every container of the instance): dropped, so whatever web does with Docker does not happen on Beanstalk'
    ])
    expect(said(plan).notes).toEqual([])
    expect(() =>
      planOf(
        'services:\n  proxy:\n    image: traefik\n    ports: ["443:443", "8080:8080"]\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]\n'
      )
    ).toThrow(/^service "proxy" serves HTTP and mounts the Docker socket/)
    const lookalike = planOf('services:\n  web:\n    image: app\n    volumes: ["/srv/docker.sock.d:/x"]\n')
    expect(said(lookalike).warnings).toEqual([])
  })

  it('a bind mount outside the compose file’s folder is dropped, said', () => {
    const plan = buildPlan(
      configFor({ database: 'none', cache: 'none', 'compose-file': 'deploy/docker-compose.yml' }),
      composeIn('services:\n  web:\n    image: app\n    volumes: ["../shared:/shared"]\n', {
        path: 'deploy/docker-compose.yml',
        files: { 'deploy/docker-compose.yml': '', 'shared/a': '' }
      })
    )
    expect(said(plan)).toEqual({
      notes: [
        "web: bind mount shared:/shared dropped: outside the compose file's folder, so not shipped in the bundle"
      ],
      warnings: []
    })
  })

  it('the whole compose folder is dropped with a warning when the image does not hold it', () => {
    // A new user's Laravel app (2026-12-07): its Dockerfile copied only a php.ini, and `.:/var/www` was dropped.
    const built = planOf('services:\n  web:\n    build: ./web\n    volumes: ["./:/code"]\n', {
      files: { 'docker-compose.yml': '', 'web/Dockerfile': 'FROM debian\nCOPY custom.ini /etc/\n' }
    })
    expect(said(built).warnings).toContain(
      'web: bind mount .:/code dropped: it mounts the whole folder of the compose file (source code for development), which is not shipped in the bundle, and the Dockerfile of web does not copy it to /code, so /code starts without that code on Beanstalk; COPY it to /code in the Dockerfile'
    )
    // A new user's todo app (2026-12-07): node:18-alpine running `yarn run dev` from the mounted folder went Red.
    const image = planOf('services:\n  web:\n    image: node:18-alpine\n    volumes: [".:/code"]\n', {
      files: { 'docker-compose.yml': '' }
    })
    expect(said(image).warnings).toEqual([
      'web: bind mount .:/code dropped: it mounts the whole folder of the compose file (source code for development), which is not shipped in the bundle, and node:18-alpine is not built from it, so /code starts without that code on Beanstalk; give the service a build (build: . with a Dockerfile that copies the code to /code)'
    ])
    expect(said(image).notes.filter(line => line.includes('/code'))).toEqual([])
  })

  it('a source holding "," is refused: ECS joins source and target with ":"', () => {
    expect(() =>
      planOf('services:\n  web:\n    image: app\n    volumes: ["./a,b:/x"]\n', { files: { 'a,b/c': '' } })
    ).toThrow(
      'service "web": bind mount a,b:/x: its source "a,b" has a "," or ":" in its path, which a Beanstalk volume cannot hold (ECS joins source and target with ":"); rename the folder or file'
    )
  })

  it('volume names keep letters, digits, "_" and "-", and fall back to "bundle"', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    volumes: ["./-conf-:/a", "./@@:/b", "./x y:/c"]\n',
      {
        files: { '-conf-/a': '', '@@/b': '', 'x y/c': '' }
      }
    )
    expect(plan.volumes.map(volume => volume.name)).toEqual(['conf', 'bundle', 'x-y'])
  })

  it('a path the checkout lacks is an instance folder, warned of; one it has ships', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    volumes: ["./uploads:/app/uploads", "./conf:/etc/app:ro"]\n',
      {
        files: { 'conf/app.ini': '' }
      }
    )
    expect(plan.volumes).toEqual([
      { name: 'data-uploads', sourcePath: '/var/app/volumes/uploads' },
      { name: 'conf', sourcePath: '/var/app/current/conf' }
    ])
    expect(said(plan).warnings).toEqual([
      'web: uploads is not in the checkout (ignored by git?): /app/uploads is mounted from the instance folder /var/app/volumes/uploads, which keeps its data across deploys on that instance only; a Beanstalk deploy starts new containers and an instance can be replaced or joined by others at any time; keep lasting data in S3, EFS or the database'
    ])
  })

  it('a cache volume under a shipped bind mount is a warning; one under nothing is a note', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    volumes: ["./src:/app", "/app/node_modules", "gems:/usr/local/bundle"]\nvolumes: {gems: {}}\n',
      { files: { 'src/index.js': '' } }
    )
    expect(said(plan)).toEqual({
      notes: [
        'web: volume gems:/usr/local/bundle dropped: nothing is mounted over /usr/local/bundle on Beanstalk, so the container uses what the image holds there'
      ],
      warnings: [
        "web: anonymous volume /app/node_modules dropped, but the bind mount src:/app ships the checkout's src over /app, so the container sees src/node_modules from the bundle instead of the image's /app/node_modules; copy src into the image at /app (COPY) so that bind mount is dropped too"
      ]
    })
  })

  it('a named volume three services share: one warning, said by the first, "see" for the others', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    volumes: ["static:/srv/static"]\n  nginx:\n    image: nginx\n    volumes: ["static:/usr/share/nginx/html"]\n  cdn:\n    image: cdn\n    volumes: ["static:/data", "/tmp/x"]\nvolumes: {static: {}}\n'
    )
    expect(plan.warnings).toEqual([
      'volume static dropped: service web (/srv/static) and service nginx (/usr/share/nginx/html) and service cdn (/data) share it, and on Beanstalk no volume is shared: each container sees only its own image there, so nginx, cdn never see what web puts in it (collected static files, uploads); serve those files from the app itself, or copy them into the image of nginx, cdn at build (a multi-stage COPY --from), or keep them in S3'
    ])
  })

  it('an anonymous volume of data is its own warning, never a shared one', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    volumes: ["/var/lib/app"]\n  worker:\n    image: app\n    volumes: ["/var/lib/app"]\n'
    )
    expect(plan.warnings).toEqual([
      'web: anonymous volume /var/lib/app dropped: what the app writes to /var/lib/app stays in its container and is lost at the next deploy; a Beanstalk deploy starts new containers and an instance can be replaced or joined by others at any time; keep lasting data in S3, EFS or the database',
      'worker: anonymous volume /var/lib/app dropped: what the app writes to /var/lib/app stays in its container and is lost at the next deploy; a Beanstalk deploy starts new containers and an instance can be replaced or joined by others at any time; keep lasting data in S3, EFS or the database'
    ])
  })
})

describe('a bind mount of the build context', () => {
  const app = (volume: string, files: Record<string, string>) =>
    planOf(`services:\n  web:\n    build: .\n    volumes: ["${volume}"]\n`, {
      files: { 'docker-compose.yml': '', ...files }
    })

  it('dropped when the Dockerfile copies it to that place (a trailing slash is the same place)', () => {
    const plan = app('./src:/app/src/', { Dockerfile: 'FROM node\nCOPY src /app/src\n', 'src/a.js': '' })
    expect(mounts(plan)).toEqual([])
    expect(said(plan).notes).toEqual([
      'web: bind mount src:/app/src dropped: the Dockerfile copies src to /app/src, so the image already contains it'
    ])
  })

  it('shipped when .dockerignore keeps it out of the image, or the Dockerfile copies it elsewhere', () => {
    expect(
      mounts(
        app('./src:/app/src', {
          Dockerfile: 'FROM node\nCOPY src /app/src\n',
          '.dockerignore': 'src\n',
          'src/a.js': ''
        })
      )
    ).toEqual(['/app/src'])
    expect(
      mounts(app('./src:/app/src', { Dockerfile: 'FROM node\nCOPY src /opt/src\n', 'src/a.js': '' }))
    ).toEqual(['/app/src'])
  })

  it('dropped without a readable Dockerfile: a development mount of the context', () => {
    const plan = planOf('services:\n  web:\n    build: ./web\n    volumes: ["./web/src:/app/src"]\n', {
      files: { 'web/src/a.js': '' }
    })
    expect(said(plan).notes).toEqual([
      'web: bind mount web/src:/app/src dropped: it mounts the build context for development, and the image already contains it'
    ])
  })

  it('a path beside the context, not in it, is not the context', () => {
    const plan = planOf('services:\n  web:\n    build: ./web\n    volumes: ["./web-data:/data"]\n', {
      files: { 'web/Dockerfile': 'FROM node\nCOPY . /app\n', 'web-data/x': '' }
    })
    expect(mounts(plan)).toEqual(['/data'])
  })
})
