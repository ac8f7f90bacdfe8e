// What the smoke test says when the twin fails: causes read in the app's logs
// and the twins' connection logs, each naming the container and what to do.

import { describe, expect, it } from '@jest/globals'
import { diagnose, type ContainerFacts, type TwinFacts } from '../../../src/smoke/causes.js'

const RDS = 'paper-db.c9akciq32.us-east-1.rds.amazonaws.com'
const twins: TwinFacts[] = [
  {
    role: 'database',
    engine: 'postgres',
    name: 'postgres',
    managed: 'RDS instance paper-db',
    host: RDS,
    port: 5432,
    username: 'paper_admin'
  },
  {
    role: 'cache',
    engine: 'redis',
    name: 'redis',
    managed: 'ElastiCache paper-cache',
    host: 'paper-cache.x.cache.amazonaws.com',
    port: 6379
  }
]
const web: ContainerFacts = {
  name: 'web',
  linkAliases: [],
  bindings: [
    { role: 'database', variable: 'DATABASE_URL', kind: 'url' },
    { role: 'database', variable: 'DATABASE_PASSWORD', kind: 'password' },
    { role: 'cache', variable: 'REDIS_URL', kind: 'url' }
  ],
  mounts: [{ containerPath: '/app/media', sourcePath: '/var/app/current/media', readOnly: false }],
  user: '1000'
}
const worker: ContainerFacts = { ...web, name: 'worker', mounts: [] }
const nginx: ContainerFacts = { name: 'nginx', linkAliases: ['web'], bindings: [], mounts: [] }

const diagnosed = (logs: { container: string; text: string }[], connections = new Map()) =>
  diagnose({ twins, containers: [web, worker, nginx], logs, connections })

describe('diagnose: a host that does not resolve', () => {
  it.each([
    'psycopg2.OperationalError: could not translate host name "postgres" to address: Name or service not known',
    'Error: getaddrinfo ENOTFOUND postgres',
    'django.db.utils.OperationalError: could not translate host name "postgres" to address: Temporary failure in name resolution',
    'dial tcp: lookup postgres on 127.0.0.11:53: no such host',
    'java.net.UnknownHostException: postgres'
  ])('names the replaced database’s compose name: %s', line => {
    expect(diagnosed([{ container: 'worker', text: `starting\n${line}\n` }])).toEqual([
      `worker tried to reach \`postgres\`, the compose name of the database this deploy replaces with RDS instance paper-db (${RDS}); on Beanstalk it does not resolve: set the variable your app reads for the database host — the action sets DATABASE_URL — or add it to the compose file as \`POSTGRES_HOST: postgres\` so the action rewrites it`
    ])
  })

  it('names the cache too (redis-py’s wording)', () => {
    const [cause] = diagnosed([
      { container: 'web', text: 'Error -3 connecting to redis:6379. Temporary failure in name resolution.' }
    ])
    expect(cause).toMatch(/^web tried to reach `redis`, the compose name of the cache .* `REDIS_HOST: redis`/)
  })

  it('names a sibling container it has no link to', () => {
    expect(diagnosed([{ container: 'web', text: 'Error: getaddrinfo EAI_AGAIN nginx' }])[0]).toBe(
      'web tried to reach `nginx`, another container of this app it has no link to; on Beanstalk (ECS bridge networking) containers reach each other only through links: add `links: [nginx]` to web in the compose file'
    )
  })

  it('does not take a longer name for a compose name', () => {
    expect(
      diagnosed([
        { container: 'web', text: 'getaddrinfo ENOTFOUND postgres-replica.internal and redis_cache' }
      ])
    ).toEqual([])
  })
})

describe('diagnose: refused logins', () => {
  it('a user that is not the managed one, from the server’s own log', () => {
    const connections = new Map([
      [
        'postgres',
        [
          {
            container: 'worker',
            user: 'paperless',
            ok: false,
            failure: 'password authentication failed for user "paperless"'
          }
        ]
      ]
    ])
    expect(diagnosed([], connections)).toEqual([
      "worker logged in to the database as `paperless`, but the user of RDS instance paper-db is `paper_admin`: the compose file's dev credentials do not work there; set the variable your app reads for the database user — the action sets DATABASE_URL — or add it to the compose file as `POSTGRES_USER: paperless` so the action rewrites it"
    ])
  })

  it('the managed user with a password that did not come by reference, from the app’s log', () => {
    expect(
      diagnosed([
        {
          container: 'web',
          text: 'FATAL:  password authentication failed for user "paper_admin"'
        }
      ])
    ).toEqual([
      "web could not log in to the database as `paper_admin`: the password it sent is not RDS instance paper-db's; on Beanstalk the app gets it only by reference, in DATABASE_PASSWORD: read it from there"
    ])
  })
})

describe('diagnose: Permission denied on a mounted folder', () => {
  it('names the folder, where it comes from and the container’s user', () => {
    expect(
      diagnosed([
        { container: 'web', text: "PermissionError: [Errno 13] Permission denied: '/app/media/thumbs'" }
      ])
    ).toEqual([
      'web cannot write to /app/media: the folder is mounted from /var/app/current/media, which belongs to root on the instance (as here), and web runs as user `1000`; make it writable before the containers start (a .platform/hooks/predeploy script that chowns it under /var/app/staging), run the container as root, or write to a folder of the image or a volume instead'
    ])
  })

  it('says nothing of a path that is not a mount', () => {
    expect(
      diagnosed([{ container: 'web', text: "EACCES: permission denied, open '/app/media2/x'" }])
    ).toEqual([])
  })
})

describe('diagnose: a code default on the loopback', () => {
  it.each([
    'consumer: Cannot connect to redis://localhost:6379/0: Error 111 connecting to localhost:6379. Connection refused..',
    'bash: connect: Connection refused\nbash: /dev/tcp/localhost/6379: Connection refused'
  ])('names the cache the app meant: %s', text => {
    expect(diagnosed([{ container: 'worker', text }])).toEqual([
      'worker tried to reach the cache on localhost, where nothing listens on Beanstalk either: the cache is ElastiCache paper-cache (paper-cache.x.cache.amazonaws.com), and your app reads its address from a variable the action does not set (the action sets REDIS_URL); add that variable to the compose file with its development value (the compose name redis) so the action rewrites it'
    ])
  })

  it('names the database: psycopg’s wording', () => {
    const [cause] = diagnosed([
      {
        container: 'web',
        text: 'connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused'
      }
    ])
    expect(cause).toMatch(/^web tried to reach the database on localhost, .* RDS instance paper-db/)
  })
})

describe('diagnose: the loopback over IPv6', () => {
  it('redis-py’s Error 99 names the cache too', () => {
    const [cause] = diagnosed([
      {
        container: 'worker',
        text: 'redis.exceptions.ConnectionError: Error 99 connecting to localhost:6379. Cannot assign requested address.'
      }
    ])
    expect(cause).toMatch(/^worker tried to reach the cache on localhost, /)
  })
})
