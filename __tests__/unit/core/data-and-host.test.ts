// Issue 23, class 5: data and host resources. What survives a deploy is a
// warning, said the same way for named volumes and instance folders; a
// Docker socket consumer is refused when it is the proxy (it would route
// nothing) and warned about otherwise; a database image bringing extensions
// RDS may not offer is a warning.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../src/core/inputs.js'
import { configFor } from './support.js'
import { composeIn, type FakeWorkspace } from './workspace-fake.js'

const none: RawInputs = { database: 'none', cache: 'none' }
const rds: RawInputs = {
  database: 'app-db',
  cache: 'none',
  'execution-role-arn': 'arn:aws:iam::123456789012:role/exec'
}
const planOf = (text: string, inputs: RawInputs = none, workspace: FakeWorkspace = {}) =>
  buildPlan(configFor(inputs), composeIn(text, workspace))

describe('what survives a deploy is a warning', () => {
  it('a named volume of uploaded documents (issue 23: paperless media)', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:8000"]\n    volumes: ["media:/usr/src/paperless/media"]\nvolumes: {media: {}}\n'
    )
    expect(plan.warnings).toEqual([
      'web: volume media:/usr/src/paperless/media dropped: what the app writes to /usr/src/paperless/media stays in its container and is lost at the next deploy; a Beanstalk deploy starts new containers and an instance can be replaced or joined by others at any time; keep lasting data in S3, EFS or the database'
    ])
  })

  it('a bind folder the checkout lacks is an instance folder, said with the same rule', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:8000"]\n    volumes: ["./data:/data"]\n',
      none,
      {
        files: { 'compose.yaml': '' }
      }
    )
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^web: data is not in the checkout .* \/var\/app\/volumes\/data, which keeps its data across deploys on that instance only; .*keep lasting data in S3, EFS or the database$/
      )
    ])
  })

  it('dependency caches (bundle, node_modules) are notes: nothing is lost', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:8000"]\n    volumes: ["bundle:/usr/local/bundle", "/app/node_modules"]\n'
    )
    expect(plan.warnings).toEqual([])
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'web: volume bundle:/usr/local/bundle dropped: nothing is mounted over /usr/local/bundle on Beanstalk, so the container uses what the image holds there',
        'web: anonymous volume /app/node_modules dropped: nothing is mounted over /app/node_modules on Beanstalk, so the container uses what the image holds there'
      ])
    )
  })
})

describe('the Docker socket', () => {
  it('a proxy that routes by watching containers is refused: it would serve nothing (issue 23: nginx-proxy)', () => {
    expect(() =>
      planOf(
        'services:\n  proxy:\n    image: nginxproxy/nginx-proxy\n    ports: ["80:80"]\n    volumes: ["/var/run/docker.sock:/tmp/docker.sock:ro"]\n  web:\n    image: app\n    environment: {VIRTUAL_HOST: example.com}\n'
      )
    ).toThrow(
      /service "proxy" serves HTTP and mounts the Docker socket .* use a proxy with a static configuration/
    )
  })

  it('any other consumer (Watchtower, a log shipper) is a warning with the reason', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  watchtower:\n    image: containrrr/watchtower\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n'
    )
    expect(plan.warnings).toEqual([
      'watchtower: mounts the Docker socket (/var/run/docker.sock:/var/run/docker.sock), which the action never gives a container on Beanstalk (it would control every container of the instance): dropped, so whatever watchtower does with Docker does not happen on Beanstalk'
    ])
  })
})

describe('database extensions RDS may not offer', () => {
  const app = 'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n    environment: {DB_HOST: db}\n'

  it('a vector-search image replaced by RDS is a warning (issue 23: pgvecto.rs)', () => {
    const plan = planOf(`${app}  db:\n    image: tensorchord/pgvecto-rs:pg16-v0.2.0\n`, rds)
    expect(plan.backing.map(replacement => replacement.composeService)).toEqual(['db'])
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^db: tensorchord\/pgvecto-rs:pg16-v0.2.0 brings pgvecto.rs; RDS for PostgreSQL does not offer pgvecto.rs/
      )
    ])
  })

  it('pgvector, PostGIS and TimescaleDB, by image or by shared_preload_libraries', () => {
    for (const [image, command, expected] of [
      ['pgvector/pgvector:pg16', '', /brings pgvector; RDS offers pgvector: run CREATE EXTENSION/],
      ['postgis/postgis:16-3.4', '', /brings PostGIS; RDS offers PostGIS/],
      ['timescale/timescaledb:latest-pg16', '', /RDS for PostgreSQL does not offer TimescaleDB/],
      [
        'postgres:16',
        '["postgres", "-c", "shared_preload_libraries=vchord.so"]',
        /does not offer VectorChord/
      ]
    ] as const) {
      const plan = planOf(
        `${app}  db:\n    image: ${image}\n${command ? `    command: ${command}\n` : ''}`,
        rds
      )
      expect(plan.warnings.join('\n')).toMatch(expected)
    }
  })

  it('a plain postgres image is no warning', () => {
    expect(planOf(`${app}  db:\n    image: postgres:16\n`, rds).warnings).toEqual([])
  })
})
