import { describe, expect, it } from '@jest/globals'
import { backingEngineOf } from '../../../../src/core/backing-engines.js'
import { loadCompose } from '../../../../src/core/compose/load.js'
import { ComposeError } from '../../../../src/core/errors.js'
import { envOf, loadFixture } from '../support.js'

function composeErrorOf(load: () => unknown): ComposeError {
  try {
    load()
  } catch (error) {
    if (error instanceof ComposeError) return error
    throw error
  }
  throw new Error('expected a ComposeError')
}

const MiB = 1024 * 1024

describe('loadCompose: file formats', () => {
  it('reads a legacy v1 file (services at the top level) and says so', () => {
    const project = loadFixture('legacy-v1')
    expect(Object.keys(project.services)).toEqual(['web', 'db'])
    expect(project.services.web?.build).toEqual({ context: '.', dockerfile: 'Dockerfile', args: {} })
    expect(project.services.web?.links).toEqual([{ service: 'db' }])
    expect(project.notes.join('\n')).toMatch(/legacy v1 format/)
  })

  it('ignores the obsolete version key with a note', () => {
    const project = loadFixture('version-key')
    expect(Object.keys(project.services)).toEqual(['web'])
    expect(project.notes).toEqual(['the "version" key (3.8) is obsolete in compose and was ignored'])
  })

  it('resolves anchors and merge keys, marks the merged template, skips x- extension fields', () => {
    const project = loadFixture('anchors')
    expect(Object.keys(project.services)).toEqual(['base', 'web', 'worker'])
    expect(project.services.base?.anchored).toBe(true)
    for (const name of ['web', 'worker'] as const) {
      const service = project.services[name]
      expect(service?.anchored).toBe(false)
      expect(service?.build).toEqual({
        context: '.',
        dockerfile: 'Dockerfile',
        args: { RUBY_VERSION: '3.3' }
      })
      expect(envOf(service)).toEqual({
        RAILS_ENV: 'production',
        RAILS_LOG_TO_STDOUT: '1'
      })
    }
    expect(project.services.web?.command).toEqual(['bin/web'])
    expect(project.services.web?.memoryLimit).toBe(256 * MiB)
    expect(project.services.worker?.memoryLimit).toBe(384 * MiB)
    expect(project.notes).toEqual([])
  })

  it('merges extends from the same file (string and {service} forms)', () => {
    const project = loadFixture('extends-same-file')
    expect(envOf(project.services.web)).toEqual({
      RAILS_ENV: 'production',
      PORT: '3000'
    })
    expect(project.services.web?.build?.context).toBe('.')
    expect(project.services.web?.memoryLimit).toBe(256 * MiB)
    expect(project.services.worker?.command).toEqual(['bin/worker'])
    expect(project.services.worker?.build?.context).toBe('.')
  })

  it('refuses extends from another file, naming the file', () => {
    expect(composeErrorOf(() => loadFixture('extends-other-file')).message).toBe(
      'service "web": extends from another file (common-services.yml) is not supported; merge it into docker-compose.yml'
    )
  })

  it.each([
    ['a cycle', 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n', /extends forms a cycle/],
    ['an unknown service', 'services:\n  a:\n    extends: nothing\n', /extends unknown service "nothing"/]
  ])('refuses extends with %s', (_case, text, message) => {
    expect(() =>
      loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
    ).toThrow(message)
  })
})

// What `docker compose config` (2.26, compose-go) printed for these files, 2026-12-07: the expected values below.
describe('loadCompose: extends merges as docker compose does', () => {
  const BASE = `services:
  base:
    image: app:1
    command: bin/base
    entrypoint: [sh, -c]
    environment: [A=1, B=2, BARE]
    labels: { tier: base }
    depends_on: [db]
    volumes:
      - ./data:/data
      - ./logs:/logs
      - { type: volume, source: cache, target: /cache }
    ports: ["8000:80"]
    expose: ["9000"]
    build: { context: ./base, args: [V=1, W=2] }
    healthcheck: { test: [CMD, "true"], interval: 10s }
    working_dir: /base
  db: { image: "postgres:16" }
  cache: { image: "redis:7" }
`
  const load = (extending: string) =>
    loadCompose({
      path: '/app/docker-compose.yml',
      text: `${BASE}  web:\n${extending.replace(/^/gm, '    ')}\n`,
      env: {},
      readFile: () => undefined
    }).services.web

  it('merges each kind of key by its own rule', () => {
    const web = load(`extends: base
command: bin/web
environment: { B: three, C: "4" }
labels: [role=web]
depends_on: { cache: { condition: service_healthy } }
volumes:
  - ./other:/data
  - { type: volume, source: cache2, target: /cache }
ports: ["8000:80", "8001:81"]
expose: ["9000", "9001"]
build: { args: { W: override, X: "3" } }
healthcheck: { interval: 20s }`)
    expect(web?.command).toEqual(['bin/web'])
    expect(envOf(web)).toEqual({ A: '1', B: 'three', C: '4', BARE: { runtime: 'BARE' } })
    expect(web?.options.labels).toEqual({ tier: 'base', role: 'web' })
    expect(web?.dependsOn.map(({ service, condition }) => [service, condition]).sort()).toEqual([
      ['cache', 'healthy'],
      ['db', 'started']
    ])
    // The extending mount takes the base's place at its target; the order is compose's.
    expect(web?.volumes.map(({ source, target }) => `${source}:${target}`)).toEqual([
      '/app/other:/data',
      '/app/logs:/logs',
      'cache2:/cache'
    ])
    expect(web?.ports).toEqual([
      { containerPort: 80, hostPort: 8000, protocol: 'tcp' },
      { containerPort: 81, hostPort: 8001, protocol: 'tcp' }
    ])
    expect(web?.expose).toEqual([9000, 9001])
    expect(web?.build).toMatchObject({ context: '/app/base', args: { V: '1', W: 'override', X: '3' } })
    expect(web?.options.healthCheck).toMatchObject({ command: ['CMD', 'true'], interval: 20 })
    expect(web?.workingDir).toBe('/base')
  })

  it('keeps the base build’s args when the extending service names only a context', () => {
    const web = load('extends: { service: base }\nbuild: ./worker\nenvironment: [A=override]')
    expect(web?.build).toMatchObject({ context: '/app/worker', args: { V: '1', W: '2' } })
    expect(envOf(web)).toEqual({ A: 'override', B: '2', BARE: { runtime: 'BARE' } })
    expect(web?.command).toEqual(['bin/base'])
  })

  it.each(['working_dir', 'environment', 'ports', 'volumes', 'depends_on', 'healthcheck', 'build', 'image'])(
    'keeps the base’s %s when the extending service sets it to null',
    key => {
      const base = load('extends: base')
      const web = load(`extends: base\n${key}: null`)
      expect(web).toEqual(base)
    }
  )

  it.each(['command', 'entrypoint'])('resets %s set to null', key => {
    const web = load(`extends: base\n${key}: null`)
    expect(web?.[key as 'command' | 'entrypoint']).toBeUndefined()
    expect(web?.[key === 'command' ? 'entrypoint' : 'command']).toBeDefined()
  })
})

describe('loadCompose: interpolation', () => {
  const env = { FROM_ENV: 'env-value', BOTH: 'from-env' }

  it('interpolates from the environment and .env, the environment winning', () => {
    const web = loadFixture('interpolation', env).services.web
    expect(web?.image).toBe('docker.io/library/nginx:1.25')
    expect(web?.ports).toEqual([{ hostPort: 80, containerPort: 8081, protocol: 'tcp' }])
    expect(envOf(web)).toEqual({
      FROM_ENV: 'env-value-suffix',
      FROM_DOTENV: 'dotenv-value/x',
      BOTH: 'from-env!',
      EMPTY_COLON_DEFAULT: 'fallback',
      EMPTY_DASH_DEFAULT: '[]',
      UNSET_DASH_DEFAULT: 'dash-default',
      PRICE: '$5 and ${NOT_INTERPOLATED}',
      REQUIRED: 'yes'
    })
  })

  it('${VAR:?message} alone is left to the deploy environment, as ${VAR} is, whatever the runner holds', () => {
    // In a longer value an empty one still fails with the message (the test of the required forms, above).
    expect(envOf(loadFixture('interpolation', { ...env, NEEDED: '' }).services.web)['REQUIRED']).toEqual({
      runtime: 'NEEDED'
    })
  })
})

describe('loadCompose: env_file', () => {
  // Loaded in each test, not here: mutation testing credits only what runs inside a test.
  const envFileProject = () => loadFixture('env-file')

  it('reads an env_file of exactly 256 KiB and refuses one byte more, naming it', () => {
    const load = (bytes: number) => {
      const line = 'A=' + 'x'.repeat(bytes - 3) + '\n'
      return loadCompose({
        path: 'docker-compose.yml',
        text: 'services:\n  web:\n    image: a\n    env_file: big.env\n',
        env: {},
        readFile: (file: string) => (file === 'big.env' ? line : undefined)
      })
    }
    expect(load(256 * 1024).services.web?.environment.A).toBeDefined()
    expect(() => load(256 * 1024 + 1)).toThrow(
      'big.env is larger than 256 KiB; an env file that large is not read'
    )
  })

  it('reads env_file as a string', () => {
    expect(envOf(envFileProject().services.web)).toEqual({
      WEB_ONLY: '1',
      QUOTED: 'two words'
    })
  })

  it('reads env_file as a list, later files and environment winning', () => {
    expect(envOf(envFileProject().services.worker)).toEqual({
      SHARED: 'common',
      OVERRIDE: 'from-compose',
      WORKER_ONLY: 'yes'
    })
  })

  it('skips a missing {path, required: false} file', () => {
    expect(envOf(envFileProject().services.optional)).toEqual({
      SHARED: 'common',
      OVERRIDE: 'from-common'
    })
  })

  it('fails on a missing required env_file, naming it', () => {
    expect(composeErrorOf(() => loadFixture('env-file-missing')).message).toBe(
      'service "web": env_file config/secrets.env not found'
    )
  })
})

describe('loadCompose: services and their keys', () => {
  it('reads prebuilt image services without build', () => {
    const project = loadFixture('prebuilt-images')
    expect(project.services.web?.build).toBeUndefined()
    expect(project.services.web?.image).toBe('ghcr.io/acme/web:1.2.3')
    expect(project.services.worker?.image).toMatch(/^acme\/worker@sha256:/)
  })

  it('recognises backing services by image whatever their name', () => {
    const project = loadFixture('backing-by-image')
    expect(backingEngineOf(project.services.database!)).toBe('postgres')
    expect(backingEngineOf(project.services.cache!)).toBe('redis')
    expect(backingEngineOf(project.services.app!)).toBeUndefined()
  })

  it('reads IP-bound, long-syntax, udp, IPv6 and container-only ports', () => {
    expect(loadFixture('ports').services.web?.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: 3000, containerPort: 3000, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 9229, containerPort: 9229, protocol: 'tcp' },
      { hostPort: 8125, containerPort: 8125, protocol: 'udp' },
      { hostIp: '::1', hostPort: 5000, containerPort: 5000, protocol: 'tcp' },
      { containerPort: 4000, protocol: 'tcp' },
      { containerPort: 4001, protocol: 'tcp' }
    ])
  })

  it('refuses port ranges of different lengths, as docker does, with a clear message', () => {
    expect(composeErrorOf(() => loadFixture('port-range')).message).toBe(
      'service "web": cannot read port "3000-3005:3000-3002": the host range and the container range differ in length'
    )
  })

  it('records restart and networks as dropped with their reason, and reads healthcheck', () => {
    const web = loadFixture('ignored-keys').services.web
    expect(web?.dropped.map(dropped => dropped.key)).toEqual(['restart', 'networks'])
    expect(web?.options.healthCheck?.command).toEqual(['CMD', 'curl', '-f', 'http://localhost/up'])
  })

  it('reads bind mounts, named volumes, host paths and anonymous volumes', () => {
    const project = loadFixture('volumes')
    expect(project.namedVolumes).toEqual(['bundle'])
    expect(project.services.web?.volumes).toEqual([
      { type: 'bind', source: '.', target: '/app', readOnly: false },
      { type: 'bind', source: 'app', target: '/app/app', readOnly: false },
      { type: 'volume', source: 'bundle', target: '/usr/local/bundle', readOnly: false },
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        hostPath: true,
        target: '/var/run/docker.sock',
        readOnly: false
      },
      { type: 'volume', target: '/tmp/cache', readOnly: false }
    ])
    expect(project.services.nginx?.volumes).toEqual([
      { type: 'bind', source: 'nginx/nginx.conf', target: '/etc/nginx/nginx.conf', readOnly: true },
      { type: 'bind', source: 'public', target: '/usr/share/nginx/html', readOnly: true }
    ])
  })

  it('splits string command/entrypoint with shell quoting and keeps list forms', () => {
    const project = loadFixture('commands')
    expect(project.services.web?.command).toEqual([
      'bundle',
      'exec',
      'rails',
      's',
      '-b',
      '0.0.0.0',
      '-p',
      '3000'
    ])
    expect(project.services.web?.entrypoint).toEqual(['/docker-entrypoint.sh', '--verbose'])
    expect(project.services.worker?.command).toEqual([
      'bundle',
      'exec',
      'sidekiq',
      '-C',
      'config/sidekiq.yml'
    ])
    expect(project.services.worker?.entrypoint).toEqual([
      'sh',
      '-c',
      'echo "starting $HOME" && exec "$@"',
      '--'
    ])
  })

  it('reads the environment list form; FOO without value and exactly ${FOO} are runtime variables', () => {
    const web = loadFixture('environment-list', {
      SECRET_KEY_BASE: 'runner-secret',
      API_TOKEN: 'runner-token'
    }).services.web
    expect(envOf(web)).toEqual({
      RAILS_ENV: 'production',
      EQUALS: 'a=b=c',
      SECRET_KEY_BASE: { runtime: 'SECRET_KEY_BASE' },
      API_TOKEN: { runtime: 'API_TOKEN' },
      EMPTY: ''
    })
  })

  // Fresh sample (Documenso, 2026-12-07): `NEXT_PRIVATE_DATABASE_URL=${NEXT_PRIVATE_DATABASE_URL:?err}`, given on
  // Beanstalk by the secrets input, was refused as missing on the runner.
  it('a required reference alone (${X:?err}, ${X?}) is a runtime variable as ${X} is; in a longer value it is required', () => {
    const text =
      'services:\n  web:\n    image: nginx\n    environment:\n      - DATABASE_URL=${DATABASE_URL:?err}\n      - TOKEN=${TOKEN?}\n      - NAME=${NAME:?set NAME}\n'
    const web = loadCompose({
      path: 'docker-compose.yml',
      text,
      env: { NAME: 'runner-name' },
      readFile: () => undefined
    }).services.web
    expect(envOf(web)).toEqual({
      DATABASE_URL: { runtime: 'DATABASE_URL' },
      TOKEN: { runtime: 'TOKEN' },
      NAME: { runtime: 'NAME' }
    })
    expect(() =>
      loadCompose({
        path: 'docker-compose.yml',
        text: 'services:\n  web:\n    image: nginx\n    environment:\n      URL: "postgres://${HOST:?err}/db"\n',
        env: {},
        readFile: () => undefined
      })
    ).toThrow('service "web" environment URL: required variable HOST is missing a value: err')
  })

  it.each([
    ['megabytes', 512 * MiB, undefined],
    ['gigabytes', 1024 * MiB, undefined],
    ['fractional', 1536 * MiB, undefined],
    ['bytes', 256 * MiB, undefined],
    ['deploy-limits', 512 * MiB, 128 * MiB],
    ['suffix-b', 512 * MiB, 256 * MiB],
    ['kilobytes', 100_000 * 1024, undefined],
    ['reservation-only', undefined, 64 * MiB]
  ])('reads memory of %s', (name, limit, reservation) => {
    const service = loadFixture('memory').services[name]
    expect(service?.memoryLimit).toBe(limit)
    expect(service?.memoryReservation).toBe(reservation)
  })

  it('refuses a memory value that is not a size', () => {
    const text = 'services:\n  web:\n    image: nginx\n    mem_limit: lots\n'
    expect(() =>
      loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
    ).toThrow('service "web" mem_limit: "lots" is not a memory size (use a number of bytes or e.g. 512m, 1g)')
  })
})

describe('loadCompose: malformed files', () => {
  it('reports malformed YAML with its line number', () => {
    expect(composeErrorOf(() => loadFixture('bad-yaml')).message).toMatch(
      /^docker-compose\.yml line 6: invalid YAML: /
    )
  })

  it('reports duplicate keys with their line number', () => {
    expect(composeErrorOf(() => loadFixture('duplicate-keys')).message).toMatch(
      /^docker-compose\.yml line 8: invalid YAML: Map keys must be unique/
    )
  })

  it.each([
    ['a top-level list', '- web\n', /expected a mapping of services/],
    ['services as a list', 'services:\n  - web\n', /"services" must be a mapping/],
    ['no services', 'services: {}\n', /defines no services/]
  ])('refuses %s', (_case, text, message) => {
    expect(() =>
      loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
    ).toThrow(message)
  })
})

describe('loadCompose: variables set nowhere', () => {
  // docker compose 2.26 (`docker compose config`) on this file warns `The "HOST" variable is not set. Defaulting to
  // a blank string.` and the same for OTHER, not for UPSTREAM (it has a default) nor for the environment's own
  // ${HOST} beyond the one warning; the action says it once per field.
  const text = [
    'services:',
    '  proxy:',
    '    image: caddy',
    '    command: caddy reverse-proxy --from $HOST --to ${UPSTREAM:-app:3000} --x ${OTHER}',
    '    environment:',
    '      - FORCE_SSL=${HOST}'
  ].join('\n')

  it('are a blank string, as compose makes them, with a note naming each and the field', () => {
    const project = loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
    expect(project.services.proxy?.command).toEqual([
      'caddy',
      'reverse-proxy',
      '--from',
      '--to',
      'app:3000',
      '--x'
    ])
    expect(project.notes).toEqual([
      `service "proxy" command: \${HOST}, \${OTHER} are set neither in the runner's environment nor in .env: a blank string, as compose makes it; set it in the workflow's env: or .env, or give it a default (\${NAME:-value})`
    ])
  })

  it('say nothing once the runner or .env sets them', () => {
    const project = loadCompose({
      path: 'docker-compose.yml',
      text,
      env: { HOST: 'example.com' },
      readFile: file => (file === '.env' ? 'OTHER=1\n' : undefined)
    })
    expect(project.notes).toEqual([])
  })
})
