// Where a service names another one as a host (src/core/plan/references.ts): each form a real file uses, and the
// look-alikes that are not hosts.

import { describe, expect, it } from '@jest/globals'
import {
  hostsIn,
  isHostVariable,
  projectHostNames,
  serviceReferences
} from '../../../../src/core/plan/references.js'
import { composeIn } from '../workspace-fake.js'

const NAMES = new Map([
  ['db', 'db'],
  ['cache', 'cache'],
  ['api', 'api'],
  ['database', 'db']
])
const hosts = (text: string, bare = false) => hostsIn(text, NAMES, bare)

describe('hostsIn', () => {
  it.each([
    ['postgres://user:pw@db:5432/app', [{ target: 'db', kind: 'url' }]],
    ['redis://cache', [{ target: 'cache', kind: 'url' }]],
    ['http://database/x', [{ target: 'db', kind: 'url', name: 'database' }]],
    ['db:5432', [{ target: 'db', kind: 'host-port' }]],
    [
      'hosts=["api:8080", "cache:6379"]',
      [
        { target: 'api', kind: 'host-port' },
        { target: 'cache', kind: 'host-port' }
      ]
    ],
    ['psql -h db -U app', [{ target: 'db', kind: 'host' }]],
    ['mysqladmin ping --host=db', [{ target: 'db', kind: 'host' }]],
    ['redis-cli --hostname cache ping', [{ target: 'cache', kind: 'host' }]],
    ['upstream app { server api; }', [{ target: 'api', kind: 'host' }]],
    ['while ! </dev/tcp/db/5432; do sleep 1; done', [{ target: 'db', kind: 'host' }]],
    ['until nc -z -v db 5432; do sleep 1; done', [{ target: 'db', kind: 'host' }]],
    ['netcat cache 6379', [{ target: 'cache', kind: 'host' }]],
    ['DB_HOST="db"', [{ target: 'db', kind: 'host' }]],
    ['export DB_SERVER=db', [{ target: 'db', kind: 'host' }]],
    ['  host: db', [{ target: 'db', kind: 'host' }]],
    ["redis_host = 'cache';", [{ target: 'cache', kind: 'host' }]],
    // The first way a text names a service decides its kind.
    ['postgres://db/app db:5432', [{ target: 'db', kind: 'url' }]]
  ])('%s', (text, expected) => {
    expect(hosts(text)).toEqual(expected)
  })

  it.each([
    ['a service name as a word', 'the db is slow'],
    ['a port-like suffix that is longer', 'db:543210'],
    ['a name inside a longer name', 'mydb:5432 dbx:5432'],
    ['a setting whose key does not say host', 'DB_NAME=db'],
    ['a user name in a URL', 'postgres://db@elsewhere/app'],
    ['a flag glued to another word', 'echo x-h db'],
    ['nc without a port', 'nc -z db'],
    ['a nginx server_name', 'server_name api;']
  ])('not a host: %s', (_case, text) => {
    expect(hosts(text)).toEqual([])
  })

  it('a bare value (a host variable) may be the name itself, or a list of names, quoted or not', () => {
    expect(hosts('db', true)).toEqual([{ target: 'db', kind: 'host' }])
    expect(hosts('"api", cache', true)).toEqual([
      { target: 'api', kind: 'host' },
      { target: 'cache', kind: 'host' }
    ])
    expect(hosts('db', false)).toEqual([])
  })
})

describe('isHostVariable', () => {
  it.each(['DB_HOST', 'MAIL_SERVER', 'LISTEN_ADDR', 'REDIS_URL', 'MONGO_URI', 'S3_ENDPOINT', 'db_host'])(
    '%s',
    name => {
      expect(isHostVariable(name)).toBe(true)
    }
  )
  it.each(['DB_NAME', 'DB_PORT', 'MODE'])('not %s', name => {
    expect(isHostVariable(name)).toBe(false)
  })
})

describe('serviceReferences', () => {
  const referencesOf = (text: string, files: Record<string, string> = {}) => {
    const compose = composeIn(text, { files })
    return serviceReferences(
      compose.services.web!,
      projectHostNames(Object.values(compose.services)),
      compose.files
    )
  }
  const SERVICES = '  db:\n    image: postgres:16\n  api:\n    image: api\n'

  it('reads environment values, the command, the entrypoint and mounted config files, never itself', () => {
    const references = referencesOf(
      `services:\n  web:\n    image: nginx\n    environment: {API_URL: "http://api:8080", SELF: "http://web", DB_HOST: db, NOTE: db}\n    command: ["sh", "-c", "nc -z db 5432 && nginx"]\n    entrypoint: ["/wait", "--host=api", "db"]\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n${SERVICES}`,
      { 'nginx.conf': 'upstream a { server api:8080; }\n' }
    )
    expect(references).toStrictEqual([
      { target: 'api', kind: 'url', place: 'environment API_URL', variable: 'API_URL' },
      { target: 'db', kind: 'host', place: 'environment DB_HOST', variable: 'DB_HOST' },
      { target: 'db', kind: 'host', place: 'command' },
      { target: 'api', kind: 'host', place: 'entrypoint' },
      { target: 'api', kind: 'host-port', place: 'file nginx.conf' }
    ])
  })

  it('a link alias names the service it links to', () => {
    expect(
      referencesOf(
        `services:\n  web:\n    image: app\n    links: ["db:database"]\n    environment: {DB_HOST: database}\n${SERVICES}`
      )
    ).toEqual([
      { target: 'db', name: 'database', kind: 'host', place: 'environment DB_HOST', variable: 'DB_HOST' }
    ])
  })

  it('reads the files of a mounted config folder and those a Dockerfile copies by name, not globs, binaries or the source tree', () => {
    const references = referencesOf(
      `services:\n  web:\n    build: ./web\n    volumes: ["./conf:/etc/app", "./web:/srv", ".:/code", "/etc/hosts:/etc/hosts"]\n${SERVICES}`,
      {
        'conf/a.env': 'DB_HOST=db\n',
        'conf/b.bin': 'API_HOST=api\n\0',
        'web/Dockerfile': 'FROM nginx\nCOPY site.conf /etc/nginx/conf.d/\nCOPY *.tmpl /t/\nCOPY . /srv\n',
        'web/site.conf': 'proxy_pass http://api;\n',
        'web/x.tmpl': 'DB_HOST=db\n',
        'web/app.py': 'DB_HOST = "db"\n'
      }
    )
    expect(references.map(reference => `${reference.place} → ${reference.target}`)).toEqual([
      'file conf/a.env → db',
      'file web/site.conf → api'
    ])
  })

  it('stops at 200 files of a mounted folder: a tree that large is not config', () => {
    const files = Object.fromEntries(
      Array.from({ length: 201 }, (_, index) => [`conf/${index}.env`, 'DB_HOST=db\n'])
    )
    expect(
      referencesOf(`services:\n  web:\n    image: app\n    volumes: ["./conf:/etc/app"]\n${SERVICES}`, files)
    ).toEqual([])
    const fewer = Object.fromEntries(Object.entries(files).slice(0, 200))
    expect(
      referencesOf(`services:\n  web:\n    image: app\n    volumes: ["./conf:/etc/app"]\n${SERVICES}`, fewer)
    ).toHaveLength(200)
  })
})
