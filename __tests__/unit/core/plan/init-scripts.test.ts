// A development database whose image runs init scripts that RDS never runs (src/core/plan/init-scripts.ts).

import { describe, expect, it } from '@jest/globals'
import { initScriptWarning, initScripts } from '../../../../src/core/plan/init-scripts.js'
import type { BackingReplacement } from '../../../../src/core/plan/types.js'
import { composeIn } from '../workspace-fake.js'

const replacement = (
  engine: BackingReplacement['engine'],
  role: BackingReplacement['role'] = 'database'
): BackingReplacement => ({
  role,
  engine,
  composeService: 'db',
  envName: 'DATABASE_URL',
  source: { kind: 'unset' }
})
const db = (fields: string, files: Record<string, string> = {}) =>
  composeIn(`services:\n  db:\n${fields}`, { files }).services.db!

describe('initScripts', () => {
  it('names mounts into the init folder, the folder itself, and named volumes', () => {
    expect(
      initScripts(
        db(
          '    image: postgres:16\n    volumes: ["./sql:/docker-entrypoint-initdb.d", "./seed.sql:/docker-entrypoint-initdb.d/2-seed.sql", "init:/docker-entrypoint-initdb.d/x/", "./data:/var/lib/postgresql/data", "./other:/docker-entrypoint-initdb.d.bak"]\nvolumes: {init: {}}\n',
          {
            'sql/1.sql': '',
            'seed.sql': ''
          }
        )
      )
    ).toEqual([
      'sql → /docker-entrypoint-initdb.d',
      'seed.sql → /docker-entrypoint-initdb.d/2-seed.sql',
      'init → /docker-entrypoint-initdb.d/x'
    ])
  })

  it('names files a Dockerfile copies there', () => {
    expect(
      initScripts(
        db('    build: ./db\n', {
          'db/Dockerfile':
            'FROM mysql:8\nCOPY schema.sql seed.sql /docker-entrypoint-initdb.d/\nCOPY my.cnf /etc/mysql/conf.d/\n',
          'db/schema.sql': '',
          'db/seed.sql': ''
        })
      )
    ).toEqual(['schema.sql seed.sql → /docker-entrypoint-initdb.d/ (Dockerfile)'])
  })

  it('names nothing for a database without them', () => {
    expect(initScripts(db('    image: postgres:16\n'))).toEqual([])
  })
})

describe('initScriptWarning', () => {
  const withScript = '    volumes: ["./schema.sql:/docker-entrypoint-initdb.d/schema.sql"]\n'
  const files = { 'schema.sql': '' }

  it('for postgres: the job runs psql on the same image', () => {
    expect(
      initScriptWarning(db(`    image: postgres:16\n${withScript}`, files), replacement('postgres'))
    ).toBe(
      `service db: its init scripts (schema.sql → /docker-entrypoint-initdb.d/schema.sql) are never run on RDS: what they create (tables, rows, users, databases) will not be there, and the app fails at its first query that needs it; run them once with a job the app depends on (a service on the postgres:16 image with command: sh -c 'psql "$$DATABASE_URL" -f <file>', the files mounted, and depends_on: {condition: service_completed_successfully}), or let the app create its schema (migrations)`
    )
  })

  it('for mysql built from a Dockerfile: the mysql client on its base image', () => {
    const warning = initScriptWarning(
      db('    build: ./db\n', {
        'db/Dockerfile': 'FROM mariadb:11\nCOPY x.sql /docker-entrypoint-initdb.d/\n',
        'db/x.sql': ''
      }),
      replacement('mysql')
    )
    expect(warning).toContain("(a service on the mariadb:11 image with command: sh -c 'mysql … < <file>',")
  })

  it('names the engine when neither image nor base image is known', () => {
    const { image: _image, ...service } = db(`    image: postgres:16\n${withScript}`, files)
    expect(initScriptWarning(service, replacement('postgres'))).toContain(
      '(a service on the postgres image with'
    )
  })

  it('says nothing for a cache, or a database without init scripts', () => {
    expect(
      initScriptWarning(db(`    image: redis:7\n${withScript}`, files), replacement('redis', 'cache'))
    ).toBeUndefined()
    expect(initScriptWarning(db('    image: postgres:16\n'), replacement('postgres'))).toBeUndefined()
  })
})
