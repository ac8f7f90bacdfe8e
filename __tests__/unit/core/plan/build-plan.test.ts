import { posix } from 'node:path'

import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../../src/core/errors.js'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import { loadCompose } from '../../../../src/core/compose/load.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor, loadFixture, loadPuppies } from '../support.js'

const backed: RawInputs = { database: 'puppies-db', cache: 'puppies-redis' }

function inputErrorOf(build: () => unknown): InputError {
  try {
    build()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

function composeOf(text: string) {
  return loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
}

describe('buildPlan: the puppies example', () => {
  // Built in each test, not here: mutation testing credits only what runs inside a test.
  const puppies = () => buildPlan(configFor(backed), loadPuppies())

  it('builds web and worker from one image and nginx from another', () => {
    expect(puppies().images).toEqual([
      {
        id: 'web',
        services: ['web', 'worker'],
        repository: 'puppies/web',
        context: '.',
        dockerfile: 'Dockerfile',
        args: {}
      },
      {
        id: 'nginx',
        services: ['nginx'],
        repository: 'puppies/nginx',
        context: '.',
        dockerfile: 'nginx/Dockerfile',
        args: {}
      }
    ])
  })

  it('deploys web, worker and nginx; nginx links to web; db and redis links are removed', () => {
    expect(
      puppies().containers.map(({ name, image, memory, links, portMappings, uses }) => ({
        name,
        image,
        memory,
        links,
        portMappings,
        uses
      }))
    ).toEqual([
      {
        name: 'web',
        image: { kind: 'build', buildId: 'web' },
        memory: 512,
        links: [],
        portMappings: [],
        uses: ['database', 'cache']
      },
      {
        name: 'worker',
        image: { kind: 'build', buildId: 'web' },
        memory: 384,
        links: [],
        portMappings: [],
        uses: ['database', 'cache']
      },
      {
        name: 'nginx',
        image: { kind: 'build', buildId: 'nginx' },
        memory: 64,
        links: ['web'],
        portMappings: [{ hostPort: 80, containerPort: 80, protocol: 'tcp' }],
        uses: []
      }
    ])
    expect(puppies().containers.map(container => container.command)).toEqual([
      ['bin/web'],
      ['bin/worker'],
      undefined
    ])
  })

  it('replaces db by RDS and redis by ElastiCache, keeping the development URLs', () => {
    expect(puppies().backing).toEqual([
      {
        role: 'database',
        engine: 'postgres',
        composeService: 'db',
        envName: 'DATABASE_URL',
        source: { kind: 'rds', id: 'puppies-db' },
        devUrl: 'postgres://puppies:puppies@db:5432/puppies'
      },
      {
        role: 'cache',
        engine: 'redis',
        composeService: 'redis',
        envName: 'REDIS_URL',
        source: { kind: 'elasticache', id: 'puppies-redis' },
        devUrl: 'redis://redis:6379/0'
      }
    ])
  })

  it('leaves SECRET_KEY_BASE to the environment and says what it did', () => {
    expect(puppies().runtimeVariables).toEqual([
      { container: 'web', name: 'SECRET_KEY_BASE' },
      { container: 'worker', name: 'SECRET_KEY_BASE' }
    ])
    expect(puppies().containers[0]?.environment).not.toHaveProperty('SECRET_KEY_BASE')
    expect(puppies().notes).toEqual(
      expect.arrayContaining([
        'service db (postgres) replaced by RDS: RDS instance puppies-db → DATABASE_URL',
        'service redis (redis) replaced by ElastiCache: ElastiCache puppies-redis → REDIS_URL',
        'web: DATABASE_URL set from RDS (RDS instance puppies-db) at deploy',
        "web: the database password reaches DATABASE_PASSWORD, PGPASSWORD by reference (the RDS-managed master secret, or the secrets input's DATABASE_PASSWORD); PGPASSWORD is read by libpq and the drivers built on it (psycopg, node-postgres, sqlx; not JDBC); DATABASE_URL carries no password, so an app that takes it only from the URL must read DATABASE_PASSWORD instead, or get the whole URL from a secret: secrets input `DATABASE_URL=<ARN of a secret holding it>`",
        'web: links to replaced backing services removed',
        'worker: links to replaced backing services removed',
        expect.stringMatching(/^SECRET_KEY_BASE has no value in the compose file/)
      ])
    )
    expect(puppies()).toMatchObject({
      application: 'puppies',
      environment: 'puppies-prod',
      volumes: [],
      bundleFiles: []
    })
  })
})

describe('buildPlan: service selection', () => {
  it('deploys only the services named in the services input', () => {
    const plan = buildPlan(configFor({ ...backed, services: 'worker' }), loadPuppies())
    expect(plan.containers.map(container => container.name)).toEqual(['worker'])
    // The image keeps the name of the first service built like it (web), so every environment shares one build.
    expect(plan.images).toEqual([
      expect.objectContaining({ id: 'web', repository: 'puppies/web', services: ['worker'] })
    ])
    expect(plan.notes).toContain(
      'no container publishes a port: the environment serves no HTTP traffic (fine for a worker environment); for a web environment, set proxy-service to the service and container port that serve HTTP (e.g. web:8000)'
    )
  })

  it('names the available services when the services input names an unknown one', () => {
    const error = inputErrorOf(() =>
      buildPlan(configFor({ ...backed, services: 'web sidekiq' }), loadPuppies())
    )
    expect(error.message).toBe(
      `Input 'services': "sidekiq" is not a service of the compose file (it has: web, worker, nginx, db, redis)`
    )
  })

  it('refuses nginx linking to a service that is not deployed', () => {
    const error = inputErrorOf(() => buildPlan(configFor({ ...backed, services: 'nginx' }), loadPuppies()))
    expect(error.message).toBe(
      "Input 'services': service nginx links to web, which is not deployed; add web to services or remove the link"
    )
  })

  it('does not deploy a YAML template service, and says so', () => {
    const plan = buildPlan(configFor(), loadFixture('anchors'))
    expect(plan.containers.map(container => container.name)).toEqual(['web', 'worker'])
    expect(plan.images).toEqual([expect.objectContaining({ id: 'web', services: ['web', 'worker'] })])
    expect(plan.notes).toContain(
      'service base only serves as a YAML template for other services: not deployed (name it in services to deploy it)'
    )
  })

  it('deploys an anchored service that has its own command and ports (web: &app, worker: <<: *app)', () => {
    const plan = buildPlan(configFor(), loadFixture('anchored-web'))
    expect(plan.containers.map(container => container.name)).toEqual(['web', 'worker'])
    expect(plan.containers[0]?.portMappings).toEqual([{ hostPort: 80, containerPort: 3000, protocol: 'tcp' }])
    expect(plan.images).toEqual([expect.objectContaining({ id: 'web', services: ['web', 'worker'] })])
  })

  it('gives bundle folders that flatten to the same name distinct volumes', () => {
    const compose = composeOf(
      'services:\n  proxy:\n    image: nginx\n    ports: ["80:80"]\n    volumes:\n      - ./nginx/conf.d:/etc/nginx/conf.d:ro\n      - ./nginx-conf.d:/etc/nginx/extra:ro\n'
    )
    const plan = buildPlan(configFor(), compose)
    expect(plan.volumes).toEqual([
      { name: 'nginx-conf-d', sourcePath: '/var/app/current/nginx/conf.d' },
      { name: 'nginx-conf-d-2', sourcePath: '/var/app/current/nginx-conf.d' }
    ])
    expect(plan.containers[0]?.mountPoints.map(mount => mount.sourceVolume)).toEqual([
      'nginx-conf-d',
      'nginx-conf-d-2'
    ])
  })

  // rfreis/flask-sqlalchemy (a new user's rehearsal, 2026-12-07): the worker runs the image compose built for flask
  // in the author's folder (flask-tutorial_flask); on a runner nobody built it, and the pull failed after the build.
  it.each(['flask-tutorial_flask:latest', 'flask-tutorial-flask', 'app_flask'])(
    'runs the image compose names after a built service (%s) from that service’s build',
    image => {
      const compose = composeOf(
        JSON.stringify({
          services: {
            flask: { build: '.', ports: ['80:5000'] },
            'flask-worker': { image, command: ['python', 'worker.py'] }
          }
        })
      )
      const plan = buildPlan(configFor(), compose)
      expect(plan.images.map(({ id, services }) => ({ id, services }))).toEqual([
        { id: 'flask', services: ['flask', 'flask-worker'] }
      ])
      expect(plan.notes).toContain(`flask-worker: runs the image flask builds (${image}), as compose does`)
    }
  )

  it('leaves an image with a registry, a namespace or another tag to be pulled', () => {
    for (const image of ['docker.io/library/app_flask', 'me/app_flask', 'app_flask:1.2']) {
      const compose = composeOf(
        JSON.stringify({ services: { flask: { build: '.', ports: ['80:5000'] }, worker: { image } } })
      )
      expect(buildPlan(configFor(), compose).images.map(({ services }) => services)).toEqual([['flask']])
    }
  })

  it('names a worker-only environment’s image after the first compose service with that build, so it is built once', () => {
    const plan = buildPlan(configFor({ services: 'worker' }), loadFixture('anchored-web'))
    expect(plan.images).toEqual([
      expect.objectContaining({ id: 'web', services: ['worker'], repository: 'puppies/web' })
    ])
    expect(plan.containers[0]?.image).toEqual({ kind: 'build', buildId: 'web' })
  })

  it('plans each environment with its own service subset and version label', () => {
    const config = configFor({ ...backed, environment: 'puppies-web: web nginx\npuppies-worker: worker' })
    const web = buildPlan(config, loadPuppies(), 'puppies-web')
    const worker = buildPlan(config, loadPuppies(), 'puppies-worker')
    expect(web.containers.map(container => container.name)).toEqual(['web', 'nginx'])
    expect(worker.containers.map(container => container.name)).toEqual(['worker'])
    expect([web.versionLabel, worker.versionLabel]).toEqual([
      'sha-0123456789ab-nginx-web',
      'sha-0123456789ab-worker'
    ])
    expect(web.images.map(image => image.repository)).toEqual(['puppies/web', 'puppies/nginx'])
    expect(worker.images.map(image => image.repository)).toEqual(['puppies/web'])
  })

  it('names the environment input when a subset names an unknown service', () => {
    const error = inputErrorOf(() =>
      buildPlan(
        configFor({ ...backed, environment: 'puppies-worker: sidekiq' }),
        loadPuppies(),
        'puppies-worker'
      )
    )
    expect(error.input).toBe('environment')
  })

  it('turns depends_on into links', () => {
    const compose = composeOf(
      'services:\n  web:\n    image: a\n    ports: ["80:80"]\n    depends_on:\n      api:\n        condition: service_healthy\n  api:\n    image: b\n'
    )
    expect(buildPlan(configFor(), compose).containers[0]?.links).toEqual(['api'])
  })

  it('keeps link aliases', () => {
    const compose = composeOf(
      'services:\n  web:\n    image: a\n    ports: ["80:80"]\n    links: ["api:backend"]\n  api:\n    image: b\n'
    )
    expect(buildPlan(configFor(), compose).containers[0]?.links).toEqual(['api:backend'])
  })
})

describe('buildPlan: backing services', () => {
  it('replaces backing services recognised by image and rewrites nothing yet', () => {
    const plan = buildPlan(configFor(backed), loadFixture('backing-by-image'))
    expect(plan.containers.map(container => container.name)).toEqual(['app'])
    expect(plan.containers[0]?.links).toEqual([])
    expect(
      plan.backing.map(({ composeService, role, devUrl }) => ({ composeService, role, devUrl }))
    ).toEqual([
      {
        composeService: 'database',
        role: 'database',
        devUrl: 'postgres://app:devpassword@database:5432/app_development'
      },
      { composeService: 'cache', role: 'cache', devUrl: 'redis://cache:6379/1' }
    ])
  })

  it('refuses two database services', () => {
    const error = inputErrorOf(() => buildPlan(configFor(backed), loadFixture('two-databases')))
    expect(error.input).toBe('database')
    expect(error.message).toMatch(/two database services \(primary, analytics\)/)
  })

  it('names every database service when there are more than two, so one change of services is enough', () => {
    const compose = composeOf(
      [
        'services:',
        '  app: {build: ., ports: ["80:3000"], depends_on: [postgres, mariadb, mysql]}',
        '  postgres: {image: "postgres:16"}',
        '  mariadb: {image: "mariadb:11"}',
        '  mysql: {image: "mysql:8"}'
      ].join('\n')
    )
    expect(inputErrorOf(() => buildPlan(configFor(backed), compose)).message).toBe(
      "Input 'database': the compose file has 3 database services (postgres, mariadb, mysql); deploy all but one of them as containers with the services input, or keep one database service"
    )
  })

  it.each([
    [
      'a bash wait loop in the command',
      { command: ['bash', '-c', 'while !</dev/tcp/db/5432; do sleep 1; done; uwsgi'] },
      'command'
    ],
    [
      'nc in the entrypoint',
      { entrypoint: ['sh', '-c', 'until nc -z -v db 5432; do sleep 1; done; exec "$@"'], command: ['uwsgi'] },
      'entrypoint'
    ],
    ['wait-for-it', { command: ['./wait-for-it.sh', 'db:5432', '--', 'uwsgi'] }, 'command']
  ])('warns of %s naming the replaced database, which nothing rewrites', (_, fields, place) => {
    const compose = composeOf(
      JSON.stringify({
        services: {
          web: { build: '.', ports: ['80:8000'], environment: { DB_HOST: 'db', DB_NAME: 'hc' }, ...fields },
          db: { image: 'postgres:16' }
        }
      })
    )
    const plan = buildPlan(configFor(backed), compose)
    expect(plan.warnings).toContain(
      `web: ${place} names db, the compose name of the database this deploy replaces with RDS; nothing rewrites it, and on Beanstalk that name does not resolve: read the host from the environment instead (the action sets DB_HOST)`
    )
  })

  it('names every place that names the replaced database, in one warning', () => {
    const compose = composeOf(
      JSON.stringify({
        services: {
          web: {
            build: '.',
            ports: ['80:8000'],
            entrypoint: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done; exec "$@"'],
            command: ['./wait-for-it.sh', 'db:5432', '--', 'uwsgi']
          },
          db: { image: 'postgres:16' }
        }
      })
    )
    const warnings = buildPlan(configFor(backed), compose).warnings.filter(line =>
      line.includes('compose name')
    )
    // No variable names the database: the action's own DATABASE_URL is the one to read.
    expect(warnings).toEqual([
      'web: command, entrypoint name db, the compose name of the database this deploy replaces with RDS; nothing rewrites them, and on Beanstalk that name does not resolve: read the host from the environment instead (the action sets DATABASE_URL, PGHOST, DB_HOST)'
    ])
  })

  it('warns of a mounted .env naming the replaced database, and says which variable to name instead', () => {
    const files: Record<string, string> = {
      'app.env': 'APP_NAME=shop\nDB_CONNECTION=pgsql\nDB_HOST="db"\nDB_DATABASE=db\n'
    }
    const compose = loadCompose({
      path: 'docker-compose.yml',
      text: JSON.stringify({
        services: {
          web: { build: '.', ports: ['80:8000'], volumes: ['./app.env:/var/www/.env'], depends_on: ['db'] },
          db: { image: 'postgres:16' }
        }
      }),
      env: {},
      readFile: (file: string) => files[file]
    })
    const warnings = buildPlan(configFor(backed), compose).warnings.filter(line =>
      line.includes('compose name')
    )
    expect(warnings).toEqual([
      "web: file app.env names db, the compose name of the database this deploy replaces with RDS; nothing rewrites it, and on Beanstalk that name does not resolve: read the host from the environment instead (the action sets DATABASE_URL, PGHOST, DB_HOST), or name the variable the app reads in the service's environment (KEY: db), which the action rewrites"
    ])
  })

  // rfreis/flask-sqlalchemy's worker (a new user, 2026-12-07): `.:/app` mounted for live reload, no build of its own.
  // Its env_file .env.dev is in the folder but reaches the container as variables, rewritten; worker.py is code.
  it('does not read the whole compose folder mounted for live reload as config files', () => {
    const files: Record<string, string> = {
      '.env.dev': 'DB_HOST=db\n',
      'worker.py': "redis.from_url('redis://redis:6379')\n"
    }
    const compose = loadCompose({
      path: 'docker-compose.yml',
      text: JSON.stringify({
        services: {
          web: { build: '.', ports: ['80:5000'], env_file: './.env.dev' },
          worker: { image: 'python:3.12', volumes: ['.:/app'], env_file: './.env.dev' },
          db: { image: 'postgres:16' },
          redis: { image: 'redis:7' }
        }
      }),
      env: {},
      readFile: (file: string) => files[file],
      listFolder: (folder: string) => (folder === '.' ? Object.keys(files) : undefined)
    })
    expect(
      buildPlan(configFor(backed), compose).warnings.filter(line => line.includes('compose name'))
    ).toEqual([])
  })

  // A new user's todo app (2026-12-07): `./:/app` mounted, the compose file itself read as a config file, and a
  // warning that asked for exactly what the file already did. Any spelling of the compose folder, or a folder
  // above it, is source code, not config.
  it.each([
    ['docker-compose.yml', './:/app'],
    ['docker-compose.yml', './/:/app'],
    ['docker-compose.yml', '././:/app'],
    ['deploy/docker-compose.yml', '.:/app'],
    ['deploy/docker-compose.yml', './:/app'],
    ['deploy/docker-compose.yml', '..:/app']
  ])('does not read the folder of %s mounted as %s as config files', (composePath, mount) => {
    const compose = `services:\n  app:\n    image: node:18-alpine\n    volumes: ["${mount}"]\n    ports: ["80:3000"]\n    environment:\n      MYSQL_HOST: db\n  db:\n    image: postgres:16\n`
    const files: Record<string, string> = { [composePath]: compose, 'src/db.js': "host: 'db'\n" }
    const loaded = loadCompose({
      path: composePath,
      text: compose,
      env: {},
      readFile: (file: string) => files[file],
      // As the workspace lists a folder: `./` and `deploy/` are the folders `.` and `deploy`.
      listFolder: (folder: string) => {
        const normal = posix.normalize(folder).replace(/(?<=.)\/+$/, '')
        return Object.keys(files).filter(file => normal === '.' || file.startsWith(`${normal}/`))
      }
    })
    expect(
      buildPlan(configFor(backed), loaded).warnings.filter(line => line.includes('compose name'))
    ).toEqual([])
  })

  // A new user's Flask app (2026-12-07): app/.env was the service's env_file and, copied into the image, a config
  // file too; its POSTGRES_HOST is rewritten as a variable, which dotenv libraries do not override.
  it('does not read the service’s own env_file as a config file', () => {
    const files: Record<string, string> = {
      'app/.env': 'POSTGRES_HOST=db\nPOSTGRES_USER=u\n',
      'app/Dockerfile': 'FROM python:3.12\nCOPY .env /srv/.env\nCOPY main.py /srv/\n',
      'app/main.py': 'print(1)\n'
    }
    const compose = loadCompose({
      path: 'docker-compose.yml',
      text: 'services:\n  web:\n    build: ./app\n    ports: ["80:5000"]\n    env_file: app/.env\n  db:\n    image: postgres:16\n',
      env: {},
      readFile: (file: string) => files[file]
    })
    const plan = buildPlan(configFor(backed), compose)
    expect(plan.warnings.filter(line => line.includes('compose name'))).toEqual([])
    expect(plan.notes.join('\n')).toContain('POSTGRES_HOST')
  })

  it('does not take a database name or a mention in prose for a host', () => {
    const files: Record<string, string> = { 'app.env': 'DB_DATABASE=db\nDB_NAME: db\n# start db first\n' }
    const compose = loadCompose({
      path: 'docker-compose.yml',
      text: JSON.stringify({
        services: {
          web: {
            build: '.',
            ports: ['80:8000'],
            volumes: ['./app.env:/app/.env'],
            environment: { DB_HOST: 'db' }
          },
          db: { image: 'postgres:16' }
        }
      }),
      env: {},
      readFile: (file: string) => files[file]
    })
    expect(
      buildPlan(configFor(backed), compose).warnings.filter(line => line.includes('compose name'))
    ).toEqual([])
  })

  it('a database kept as a container keeps its own password, even one equal to the replaced database’s', () => {
    const compose = composeOf(
      JSON.stringify({
        services: {
          app: {
            build: '.',
            ports: ['80:8080'],
            environment: { DATABASE_URL: 'postgres://app:secret@db:5432/app' }
          },
          db: { image: 'postgres:16', environment: { POSTGRES_PASSWORD: 'secret' } },
          mariadb: { image: 'mariadb:11', environment: { MYSQL_PASSWORD: 'secret', MYSQL_USER: 'app' } }
        }
      })
    )
    const plan = buildPlan(configFor({ ...backed, services: 'app mariadb' }), compose)
    expect(plan.containers.find(container => container.name === 'mariadb')?.environment).toMatchObject({
      MYSQL_PASSWORD: 'secret'
    })
    expect(plan.notes.filter(note => note.startsWith('mariadb:') && note.includes('dropped'))).toEqual([])
  })

  // pfoo360/Docker-Postgres-Redis-Node as a new user fixed it (2026-12-07): the schema loaded by a job that uses the
  // postgres image for psql. A job, not a second database.
  it('a database image run with a client command is a job to deploy, not a database to replace', () => {
    const compose = composeOf(
      JSON.stringify({
        services: {
          server: {
            build: '.',
            ports: ['80:3000'],
            environment: {
              DATABASE_URL: 'postgres://postgres@database:5432/postgres',
              REDIS_URL: 'redis://cache:6379'
            },
            depends_on: { migrate: { condition: 'service_completed_successfully' } }
          },
          migrate: {
            image: 'postgres:16-alpine',
            command: ['sh', '-c', 'psql "$$DATABASE_URL" -v ON_ERROR_STOP=1 -f /sql/db.sql'],
            environment: { DATABASE_URL: 'postgres://postgres@database:5432/postgres' }
          },
          database: { image: 'postgres:16-alpine', command: ['postgres', '-c', 'max_connections=200'] },
          cache: { image: 'redis:7', command: ['--appendonly', 'yes'] }
        }
      })
    )
    const plan = buildPlan(configFor({ ...backed }), compose)
    expect(plan.backing.map(replacement => replacement.composeService)).toEqual(['database', 'cache'])
    expect(plan.containers.map(container => container.name)).toEqual(['server', 'migrate'])
    expect(plan.containers.find(container => container.name === 'migrate')?.essential).toBe(false)
    // The job uses the database the deploy replaces: its URL is rewritten to RDS like the app's.
    expect(plan.containers.find(container => container.name === 'migrate')?.uses).toEqual(['database'])
  })

  // pfoo360/Docker-Postgres-Redis-Node (a new user's rehearsal, 2026-12-07): the database image copies db.sql into
  // /docker-entrypoint-initdb.d; on RDS no table existed, and the deploy was Green while every write failed.
  it.each([
    [
      'copied by the database image’s Dockerfile',
      { build: './postgres' },
      {
        'postgres/Dockerfile': 'FROM postgres:16\nCOPY db.sql /docker-entrypoint-initdb.d/\n',
        'postgres/db.sql': 'create table users ();'
      },
      'db.sql → /docker-entrypoint-initdb.d/ (Dockerfile)'
    ],
    [
      'mounted into the database container',
      { image: 'postgres:16', volumes: ['./sql/schema.sql:/docker-entrypoint-initdb.d/schema.sql:ro'] },
      { 'sql/schema.sql': 'create table users ();' },
      'sql/schema.sql → /docker-entrypoint-initdb.d/schema.sql'
    ]
  ])(
    'warns that init scripts %s never run on RDS, with the job that would run them',
    (_, database, files, named) => {
      const compose = loadCompose({
        path: 'docker-compose.yml',
        text: JSON.stringify({
          services: {
            server: {
              build: '.',
              ports: ['80:3000'],
              environment: { DATABASE_URL: 'postgres://app@database:5432/app' }
            },
            database
          }
        }),
        env: {},
        readFile: (file: string) => (files as Record<string, string>)[file]
      })
      const warnings = buildPlan(configFor(backed), compose).warnings.filter(line =>
        line.includes('init scripts')
      )
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(`service database: its init scripts (${named}) are never run on RDS`)
      expect(warnings[0]).toContain('depends_on: {condition: service_completed_successfully}')
    }
  )

  it('requires the database input in deploy mode', () => {
    const error = inputErrorOf(() => buildPlan(configFor({ cache: 'puppies-redis' }), loadPuppies()))
    expect(error.input).toBe('database')
    expect(error.message).toMatch(
      /^Input 'database': compose service "db" is a dev-only database \(postgres:15\); on Beanstalk it is replaced by RDS/
    )
  })

  it('allows an unset database input in plan mode', () => {
    const plan = buildPlan(configFor({ mode: 'plan' }), loadPuppies())
    expect(plan.backing.map(replacement => replacement.source)).toEqual([
      { kind: 'unset' },
      { kind: 'unset' }
    ])
  })

  it('drops the service with none and writes no URL to it', () => {
    const plan = buildPlan(configFor({ database: 'none', cache: 'none' }), loadPuppies())
    expect(plan.backing).toEqual([])
    expect(plan.notes).toContain(
      'service db (database) dropped; database is "none", so DATABASE_URL is not set'
    )
    for (const container of plan.containers) {
      expect(container.environment).not.toHaveProperty('DATABASE_URL')
      expect(container.environment).not.toHaveProperty('REDIS_URL')
      expect(container.links).toEqual(container.name === 'nginx' ? ['web'] : [])
    }
  })
})

describe('buildPlan: a named volume two containers share', () => {
  // kaili-yang/Django-Celery-Redis-Postgres-Docker (a new user's rehearsal, 2026-12-07): the app collects its
  // static files into static_volume, nginx serves them from it; on Beanstalk nginx never saw them.
  it('is dropped with a warning that says the other container never sees the files, said once', () => {
    const compose = composeOf(
      JSON.stringify({
        services: {
          server: { build: '.', volumes: ['static_volume:/app/backend/django_static'] },
          nginx: {
            image: 'nginx',
            ports: ['80:80'],
            depends_on: ['server'],
            volumes: ['static_volume:/app/backend/django_static:ro']
          }
        },
        volumes: { static_volume: {} }
      })
    )
    const warnings = buildPlan(configFor(), compose).warnings.filter(line => line.includes('static_volume'))
    expect(warnings).toEqual([
      'volume static_volume dropped: service server (/app/backend/django_static) and service nginx (/app/backend/django_static) share it, and on Beanstalk no volume is shared: each container sees only its own image there, so nginx never sees what server puts in it (collected static files, uploads); serve those files from the app itself, or copy them into the image of nginx at build (a multi-stage COPY --from), or keep them in S3'
    ])
  })

  it('used by one deployed service only, it is the usual warning', () => {
    const compose = composeOf(
      JSON.stringify({
        services: {
          server: { build: '.', ports: ['80:8000'], volumes: ['media:/app/media'] },
          backup: { image: 'busybox', volumes: ['media:/backup'], profiles: ['ops'] }
        },
        volumes: { media: {} }
      })
    )
    const warnings = buildPlan(configFor(), compose).warnings.filter(line => line.includes('media'))
    expect(warnings).toEqual([
      expect.stringMatching(
        /^server: volume media:\/app\/media dropped: what the app writes to \/app\/media stays in its container/
      )
    ])
  })
})

describe('buildPlan: ports, mounts, memory', () => {
  it('publishes the only port-publishing service on host port 80, with a note', () => {
    const plan = buildPlan(configFor(), loadFixture('no-proxy-single'))
    expect(plan.containers[0]?.portMappings).toEqual([{ hostPort: 80, containerPort: 3000, protocol: 'tcp' }])
    expect(plan.containers[1]?.portMappings).toEqual([])
    expect(plan.notes).toContain('web: no container publishes host port 80; its port 3000 is published there')
  })

  it('refuses several port-publishing services without proxy-service', () => {
    const error = inputErrorOf(() => buildPlan(configFor(), loadFixture('no-proxy-several')))
    expect(error.message).toBe(
      "Input 'proxy-service': no service publishes host port 80 and several publish ports (web, admin): name the one that serves HTTP"
    )
  })

  it('publishes the proxy-service port on host port 80', () => {
    const plan = buildPlan(configFor({ 'proxy-service': 'admin' }), loadFixture('no-proxy-several'))
    expect(plan.containers.map(container => container.portMappings)).toEqual([
      [],
      [{ hostPort: 80, containerPort: 4000, protocol: 'tcp' }]
    ])
  })

  it('refuses a proxy-service that is not deployed', () => {
    expect(
      inputErrorOf(() => buildPlan(configFor({ 'proxy-service': 'nope' }), loadFixture('no-proxy-several')))
        .input
    ).toBe('proxy-service')
  })

  it('allows a worker-only app', () => {
    const plan = buildPlan(configFor(), loadFixture('worker-only'))
    expect(plan.containers).toEqual([
      expect.objectContaining({
        name: 'worker',
        image: { kind: 'prebuilt', ref: 'acme/worker:2' },
        portMappings: []
      })
    ])
  })

  it('deploys prebuilt images as they are', () => {
    const plan = buildPlan(configFor(), loadFixture('prebuilt-images'))
    expect(plan.images).toEqual([])
    expect(plan.containers.map(container => container.image)).toEqual([
      { kind: 'prebuilt', ref: 'ghcr.io/acme/web:1.2.3' },
      {
        kind: 'prebuilt',
        ref: 'acme/worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
      }
    ])
  })

  it('drops the host address of a published port and local-only ports with notes', () => {
    const plan = buildPlan(configFor(), loadFixture('ports'))
    expect(plan.containers[0]?.portMappings).toEqual([{ hostPort: 80, containerPort: 3000, protocol: 'tcp' }])
  })

  it('maps healthcheck to the container definition and drops restart and networks, each with its reason', () => {
    const plan = buildPlan(configFor(), loadFixture('ignored-keys'))
    expect(plan.containers[0]?.options.healthCheck).toEqual({
      command: ['CMD', 'curl', '-f', 'http://localhost/up'],
      interval: 10,
      timeout: 30,
      retries: 3
    })
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'web: restart dropped (Beanstalk restarts the task when an essential container stops)',
        'web: networks dropped (containers share the bridge network and reach each other through links (a host written as one of its aliases is linked under that name))'
      ])
    )
  })

  it('drops dev mounts and ships the config bind mounts of an image-only service in the bundle', () => {
    const plan = buildPlan(configFor(), loadFixture('volumes'))
    const [web, nginx] = plan.containers
    expect(web?.mountPoints).toEqual([])
    expect(nginx?.mountPoints).toEqual([
      { sourceVolume: 'nginx-nginx-conf', containerPath: '/etc/nginx/nginx.conf', readOnly: true },
      { sourceVolume: 'public', containerPath: '/usr/share/nginx/html', readOnly: true }
    ])
    expect(plan.volumes).toEqual([
      { name: 'nginx-nginx-conf', sourcePath: '/var/app/current/nginx/nginx.conf' },
      { name: 'public', sourcePath: '/var/app/current/public' }
    ])
    expect(plan.bundleFiles).toEqual([
      { source: 'nginx/nginx.conf', target: 'nginx/nginx.conf' },
      { source: 'public', target: 'public' }
    ])
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'web: bind mount .:/app dropped: it mounts the build context for development, and the image already contains it',
        'web: bind mount app:/app/app dropped: it mounts the build context for development, and the image already contains it',
        'web: volume bundle:/usr/local/bundle dropped: nothing is mounted over /usr/local/bundle on Beanstalk, so the container uses what the image holds there'
      ])
    )
    expect(plan.warnings).toEqual(
      expect.arrayContaining([
        'web: mounts the Docker socket (/var/run/docker.sock:/var/run/docker.sock), which the action never gives a container on Beanstalk (it would control every container of the instance): dropped, so whatever web does with Docker does not happen on Beanstalk'
      ])
    )
  })

  it.each([
    ['megabytes', { memory: 512 }],
    ['fractional', { memory: 1536 }],
    ['bytes', { memory: 256 }],
    ['deploy-limits', { memory: 512, memoryReservation: 128 }],
    ['kilobytes', { memory: 98 }],
    ['reservation-only', { memoryReservation: 64 }]
  ])('converts the memory of %s to MiB', (name, expected) => {
    const plan = buildPlan(configFor({ services: name }), loadFixture('memory'))
    expect(plan.containers[0]).toMatchObject(expected)
  })

  it('reserves the memory-reservation input for a service without a limit', () => {
    const plan = buildPlan(configFor({ 'memory-reservation': '300' }), loadFixture('worker-only'))
    expect(plan.containers[0]?.memoryReservation).toBe(300)
    expect(plan.containers[0]?.memory).toBeUndefined()
  })

  it.each([
    [
      'a limit below 4 MiB',
      '    mem_limit: 1m\n',
      /mem_limit of 1 MiB is below the platform minimum of 4 MiB/
    ],
    [
      'a reservation not below the limit',
      '    mem_limit: 64m\n    mem_reservation: 64m\n',
      /mem_reservation \(64 MiB\) must be below mem_limit \(64 MiB\)/
    ]
  ])('refuses %s', (_case, memory, message) => {
    expect(() => buildPlan(configFor(), composeOf(`services:\n  web:\n    image: a\n${memory}`))).toThrow(
      message
    )
  })
})

describe('buildPlan: secrets and runtime variables', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:puppies/skb-AbCdEf'

  it('passes a secret to the containers that name it and not as a runtime variable', () => {
    const plan = buildPlan(configFor({ ...backed, secrets: `SECRET_KEY_BASE=${arn}` }), loadPuppies())
    expect(plan.containers.map(container => container.secrets)).toEqual([
      [{ name: 'SECRET_KEY_BASE', valueFrom: arn }],
      [{ name: 'SECRET_KEY_BASE', valueFrom: arn }],
      []
    ])
    expect(plan.runtimeVariables).toEqual([])
  })

  it('never writes a FOO-without-value variable even when the runner has it', () => {
    const compose = loadFixture('environment-list', {
      SECRET_KEY_BASE: 'runner-secret',
      API_TOKEN: 'runner-token'
    })
    const plan = buildPlan(configFor(), compose)
    expect(plan.containers[0]?.environment).toEqual({ RAILS_ENV: 'production', EQUALS: 'a=b=c', EMPTY: '' })
    expect(JSON.stringify(plan)).not.toMatch(/runner-secret|runner-token/)
    expect(plan.runtimeVariables).toEqual([
      { container: 'web', name: 'SECRET_KEY_BASE' },
      { container: 'web', name: 'API_TOKEN' }
    ])
  })
})
