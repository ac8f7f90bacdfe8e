import { describe, expect, it } from '@jest/globals'
import type { ContainerDefinition, DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import {
  DockerrunPlanError,
  containerEnvironment,
  hostPathForVolume,
  networkAliases,
  parseLink,
  planApp,
  startOrder
} from '../../../src/ecs-agent/docker-argv.js'

const base = { project: 'p1', hostDir: '/tmp/p1', bundleDir: '/bundle' }
const doc = (...containerDefinitions: ContainerDefinition[]): DockerrunV2 => ({
  AWSEBDockerrunVersion: 2,
  containerDefinitions
})
const common = ['--label', 'beanstalk-docker-deploy.runner-project=p1', '--network', 'p1-net']

describe('parseLink', () => {
  it.each([
    ['db', { target: 'db', alias: 'db' }],
    ['db:database', { target: 'db', alias: 'database' }]
  ])('%s', (link, expected) => expect(parseLink(link)).toEqual(expected))
})

describe('startOrder', () => {
  const c = (name: string, links: string[] = [], volumesFrom: string[] = []): ContainerDefinition => ({
    name,
    image: 'x',
    links,
    volumesFrom: volumesFrom.map(sourceContainer => ({ sourceContainer }))
  })
  it.each([
    ['keeps document order without links', [c('a'), c('b')], ['a', 'b']],
    [
      'starts link targets first',
      [c('proxy', ['app:backend']), c('app', ['db']), c('db')],
      ['db', 'app', 'proxy']
    ],
    ['starts volumesFrom sources first', [c('web', [], ['data']), c('data')], ['data', 'web']]
  ])('%s', (_title, containers, expected) => {
    expect(startOrder(containers).map(container => container.name)).toEqual(expected)
  })
  it.each([
    ['a cycle', [c('a', ['b']), c('b', ['a'])], 'Circular links: a -> b -> a'],
    ['an unknown link', [c('a', ['ghost'])], 'Container a refers to unknown container ghost']
  ])('rejects %s', (_title, containers, message) => {
    expect(() => startOrder(containers)).toThrow(new DockerrunPlanError(message))
  })
})

describe('networkAliases', () => {
  it('gives each container its name and every alias it is linked by', () => {
    const aliases = networkAliases([
      { name: 'proxy', image: 'x', links: ['app:backend', 'cache'] },
      { name: 'app', image: 'x', links: ['cache:redis'] },
      { name: 'cache', image: 'x' }
    ])
    expect(Object.fromEntries(aliases)).toEqual({
      proxy: ['proxy'],
      app: ['app', 'backend'],
      cache: ['cache', 'redis']
    })
  })
})

describe('hostPathForVolume', () => {
  it.each([
    ['/var/app/current/proxy/conf.d', '/bundle/proxy/conf.d'],
    ['/var/app/current', '/bundle'],
    ['/var/log/nginx', '/tmp/p1/host/var/log/nginx']
  ])('%s → %s', (sourcePath, expected) => expect(hostPathForVolume(sourcePath, base)).toBe(expected))
  it('keeps paths that climb out of the bundle inside the host folder', () => {
    expect(hostPathForVolume('/var/app/current/../../../etc', base)).toBe('/tmp/p1/host/etc')
  })
  it('refuses relative paths', () => {
    expect(() => hostPathForVolume('app', base)).toThrow(DockerrunPlanError)
  })
  it('needs the bundle for bundle paths', () => {
    expect(() => hostPathForVolume('/var/app/current/x', { hostDir: '/h' })).toThrow(
      'needs the extracted bundle'
    )
  })
})

describe('containerEnvironment', () => {
  it('lets the container environment override properties, and secrets override both', () => {
    const container: ContainerDefinition = {
      name: 'web',
      image: 'x',
      environment: [
        { name: 'RAILS_ENV', value: 'production' },
        { name: 'KEY', value: 'plain' }
      ],
      secrets: [{ name: 'KEY', valueFrom: 'arn:aws:secretsmanager:r:1:secret:k' }]
    }
    expect(
      Object.fromEntries(
        containerEnvironment(container, { RAILS_ENV: 'staging', SHARED: '1' }, { KEY: 's3cret' })
      )
    ).toEqual({
      RAILS_ENV: 'production',
      SHARED: '1',
      KEY: 's3cret'
    })
  })
  it('fails when a secret was not resolved', () => {
    const container: ContainerDefinition = {
      name: 'web',
      image: 'x',
      secrets: [{ name: 'K', valueFrom: 'arn' }]
    }
    expect(() => containerEnvironment(container)).toThrow('Secret K of web is not resolved')
  })
})

describe('planApp create argv', () => {
  it.each<[string, ContainerDefinition, string[]]>([
    [
      'minimal',
      { name: 'web', image: 'img:1' },
      ['--name', 'p1-web', ...common, '--network-alias', 'web', '--', 'img:1']
    ],
    [
      'memory, workdir, command',
      {
        name: 'web',
        image: 'img',
        memory: 256,
        memoryReservation: 128,
        workingDirectory: '/app',
        command: ['rails', 's']
      },
      [
        '--name',
        'p1-web',
        ...common,
        '--network-alias',
        'web',
        '--memory',
        '256m',
        '--memory-reservation',
        '128m',
        '--workdir',
        '/app',
        '--',
        'img',
        'rails',
        's'
      ]
    ],
    [
      'entryPoint array splits into --entrypoint and leading args',
      { name: 'web', image: 'img', entryPoint: ['sh', '-c'], command: ['echo hi'] },
      [
        '--name',
        'p1-web',
        ...common,
        '--network-alias',
        'web',
        '--entrypoint',
        'sh',
        '--',
        'img',
        '-c',
        'echo hi'
      ]
    ],
    [
      'an empty entryPoint clears the image ENTRYPOINT, as the ECS agent hands Docker an empty list',
      { name: 'web', image: 'img', entryPoint: [], command: ['rails', 's'] },
      ['--name', 'p1-web', ...common, '--network-alias', 'web', '--entrypoint', '', '--', 'img', 'rails', 's']
    ],
    [
      'environment in the env file only',
      {
        name: 'web',
        image: 'img',
        environment: [
          { name: 'B', value: '2' },
          { name: 'A', value: '1' }
        ]
      },
      ['--name', 'p1-web', ...common, '--network-alias', 'web', '--', 'img']
    ],
    [
      'ports publish on loopback with a random host port',
      {
        name: 'web',
        image: 'img',
        portMappings: [
          { hostPort: 80, containerPort: 8080 },
          { hostPort: 53, containerPort: 53, protocol: 'udp' }
        ]
      },
      [
        '--name',
        'p1-web',
        ...common,
        '--network-alias',
        'web',
        '--publish',
        '127.0.0.1::8080/tcp',
        '--publish',
        '127.0.0.1::53/udp',
        '--',
        'img'
      ]
    ],
    [
      'labels',
      { name: 'web', image: 'img', dockerLabels: { team: 'a' } },
      ['--name', 'p1-web', ...common, '--network-alias', 'web', '--label', 'team=a', '--', 'img']
    ]
  ])('%s', (_title, container, expected) => {
    const [planned] = planApp(doc(container), base).containers
    expect(planned?.createArgs).toEqual(expected)
  })

  it('keeps values out of argv and in the env file', () => {
    const [planned] = planApp(
      doc({ name: 'web', image: 'img', secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:x' }] }),
      {
        ...base,
        extraEnvironment: { RAILS_ENV: 'production' },
        secretValues: { web: { DB_PASSWORD: 'hunter2' } }
      }
    ).containers
    expect(planned?.createArgs.join(' ')).not.toContain('hunter2')
    expect(planned?.envFile).toBe('DB_PASSWORD=hunter2\nRAILS_ENV=production\n')
  })

  it('mounts bundle folders, log volumes and volumesFrom', () => {
    const plan = planApp(
      {
        AWSEBDockerrunVersion: 2,
        volumes: [
          { name: 'conf', host: { sourcePath: '/var/app/current/proxy/conf.d' } },
          { name: 'app', host: { sourcePath: '/var/app/current/app' } }
        ],
        containerDefinitions: [
          {
            name: 'proxy',
            image: 'nginx',
            links: ['app:backend'],
            volumesFrom: [{ sourceContainer: 'app', readOnly: true }],
            mountPoints: [
              { sourceVolume: 'conf', containerPath: '/etc/nginx/conf.d', readOnly: true },
              { sourceVolume: 'awseb-logs-proxy', containerPath: '/var/log/nginx' }
            ]
          },
          {
            name: 'app',
            image: 'php',
            mountPoints: [{ sourceVolume: 'app', containerPath: '/var/www/html' }]
          }
        ]
      },
      base
    )
    expect(plan.containers.map(container => container.name)).toEqual(['app', 'proxy'])
    expect(plan.containers[1]?.createArgs).toEqual([
      '--name',
      'p1-proxy',
      ...common,
      '--network-alias',
      'proxy',
      '--mount',
      'type=bind,source=/bundle/proxy/conf.d,target=/etc/nginx/conf.d,readonly',
      '--mount',
      'type=bind,source=/tmp/p1/logs/proxy,target=/var/log/nginx',
      '--volumes-from',
      'p1-app:ro',
      '--',
      'nginx'
    ])
    expect(plan.containers[0]?.createArgs).toContain('backend')
    expect(plan.hostFolders).toEqual(['/bundle/app', '/bundle/proxy/conf.d', '/tmp/p1/logs/proxy'])
  })

  it.each<[string, DockerrunV2, string]>([
    [
      'version 1',
      { AWSEBDockerrunVersion: 1 as unknown as 2, containerDefinitions: [] },
      'Unsupported AWSEBDockerrunVersion: 1'
    ],
    ['no containers', doc(), 'containerDefinitions is empty'],
    [
      'duplicate names',
      doc({ name: 'a', image: 'x' }, { name: 'a', image: 'y' }),
      'Duplicate container name a'
    ],
    [
      'undeclared volume',
      doc({ name: 'a', image: 'x', mountPoints: [{ sourceVolume: 'nope', containerPath: '/x' }] }),
      'Container a mounts undeclared volume nope'
    ],
    [
      // Attack round 8: the suffix became a path under the logs folder (`..` climbed out of the run's folders).
      'a log volume of no container of the document',
      doc({
        name: 'a',
        image: 'x',
        mountPoints: [{ sourceVolume: 'awseb-logs-../../..', containerPath: '/x' }]
      }),
      'Container a mounts undeclared volume awseb-logs-../../..'
    ]
  ])('rejects %s', (_title, document, message) => {
    expect(() => planApp(document, base)).toThrow(message)
  })

  it('marks containers essential unless essential is false', () => {
    const plan = planApp(doc({ name: 'a', image: 'x' }, { name: 'b', image: 'x', essential: false }), base)
    expect(plan.containers.map(container => container.essential)).toEqual([true, false])
  })
})

describe('dependsOn and container settings (issue 14.5, 14.12)', () => {
  it('starts a job before the containers that wait for it, and says what each waits for', () => {
    const app = planApp(
      doc(
        { name: 'api', image: 'a', dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] },
        { name: 'migrate', image: 'a', essential: false },
        {
          name: 'proxy',
          image: 'p',
          links: ['api'],
          dependsOn: [{ containerName: 'api', condition: 'START' }]
        }
      ),
      base
    )
    expect(app.containers.map(container => [container.name, container.essential, container.waitFor])).toEqual(
      [
        ['migrate', false, []],
        ['api', true, [{ container: 'migrate', condition: 'SUCCESS' }]],
        ['proxy', true, []]
      ]
    )
  })

  it('passes the settings docker run knows as --flag=value, and none that widen rights on the runner', () => {
    const [container] = planApp(
      doc({
        name: 'app',
        image: 'a',
        user: '1000:1000',
        hostname: 'app.local',
        extraHosts: [{ hostname: 'legacy', ipAddress: '10.0.0.5' }],
        ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }],
        healthCheck: { command: ['CMD', 'curl', '-f', 'http://localhost/up it'], interval: 5, retries: 3 },
        linuxParameters: {
          capabilities: { add: ['SYS_ADMIN'], drop: ['NET_RAW'] },
          initProcessEnabled: true,
          sharedMemorySize: 256,
          tmpfs: [{ containerPath: '/run', size: 16, mountOptions: ['mode=1777'] }]
        },
        stopTimeout: 90,
        readonlyRootFilesystem: true,
        privileged: true,
        systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }],
        dockerSecurityOptions: ['apparmor:unconfined'],
        dnsServers: ['10.0.0.2'],
        pseudoTerminal: true
      }),
      base
    ).containers
    const args = container?.createArgs ?? []
    expect(args).toEqual(
      expect.arrayContaining([
        '--user=1000:1000',
        '--hostname=app.local',
        '--add-host=legacy:10.0.0.5',
        '--ulimit=nofile=1024:4096',
        "--health-cmd=curl -f 'http://localhost/up it'",
        '--health-interval=5s',
        '--health-retries=3',
        '--tmpfs=/run:size=16m,mode=1777',
        '--shm-size=256m',
        '--init',
        '--cap-drop=NET_RAW',
        '--stop-timeout=90',
        '--read-only',
        '--dns=10.0.0.2',
        '--tty'
      ])
    )
    expect(args.join(' ')).not.toMatch(/privileged|cap-add|sysctl|security-opt|SYS_ADMIN|unconfined/)
  })
})

describe('linksOnly: names as ECS bridge networking gives them', () => {
  it('a container answers under no bare name; a link gives its alias to the linking container only', () => {
    const plan = planApp(
      doc(
        { name: 'web', image: 'img' },
        { name: 'worker', image: 'img' },
        { name: 'nginx', image: 'nginx', links: ['web:app'] }
      ),
      { ...base, linksOnly: true }
    )
    const argsOf = (name: string) => plan.containers.find(container => container.name === name)?.createArgs
    expect(argsOf('web')).toEqual(['--name', 'p1-web', ...common, '--', 'img'])
    expect(argsOf('worker')).not.toContain('--network-alias')
    expect(argsOf('nginx')).toEqual(['--name', 'p1-nginx', ...common, '--link', 'p1-web:app', '--', 'nginx'])
  })
})

// Attack round 7: a container writing a folder could swap a path inside it for a link to the runner's files before
// another container mounting that path starts (Docker follows links in a bind source at start).
describe('a bind source inside another writable source gets its own copy', () => {
  const volumes = (...paths: string[]): NonNullable<DockerrunV2['volumes']> =>
    paths.map((sourcePath, index) => ({ name: `v${index}`, host: { sourcePath } }))
  const mounting = (name: string, ...mounts: [number, string, boolean?][]): ContainerDefinition => ({
    name,
    image: 'x',
    mountPoints: mounts.map(([index, containerPath, readOnly]) => ({
      sourceVolume: `v${index}`,
      containerPath,
      ...(readOnly === undefined ? {} : { readOnly })
    }))
  })
  const sources = (plan: ReturnType<typeof planApp>) =>
    Object.fromEntries(
      plan.containers.map(container => [container.name, container.mounts.map(m => m.source)])
    )

  it('an instance folder inside another container’s writable one: copied, the copy mounted, the folder still made', () => {
    const plan = planApp(
      {
        AWSEBDockerrunVersion: 2,
        volumes: volumes('/var/app/volumes/data', '/var/app/volumes/data/y'),
        containerDefinitions: [mounting('a', [0, '/x']), mounting('web', [1, '/inner'])]
      },
      base
    )
    expect(plan.isolatedCopies).toEqual([
      { from: '/tmp/p1/host/var/app/volumes/data/y', to: '/tmp/p1/isolated/0' }
    ])
    expect(sources(plan)).toEqual({
      a: ['/tmp/p1/host/var/app/volumes/data'],
      web: ['/tmp/p1/isolated/0']
    })
    expect(plan.containers[1]?.createArgs).toContain('type=bind,source=/tmp/p1/isolated/0,target=/inner')
    expect(plan.hostFolders).toEqual([
      '/tmp/p1/host/var/app/volumes/data',
      '/tmp/p1/host/var/app/volumes/data/y'
    ])
  })

  it('shipped files: a config file inside the writable code folder (`.:/app` and `./nginx.conf`), each level its own copy', () => {
    const plan = planApp(
      {
        AWSEBDockerrunVersion: 2,
        volumes: volumes('/var/app/current', '/var/app/current/nginx/default.conf', '/var/app/current/nginx'),
        containerDefinitions: [
          mounting('app', [0, '/app']),
          mounting('proxy', [1, '/etc/nginx/conf.d/default.conf', true]),
          mounting('worker', [2, '/conf'])
        ]
      },
      base
    )
    expect(plan.isolatedCopies).toEqual([
      { from: '/bundle/nginx/default.conf', to: '/tmp/p1/isolated/0' },
      { from: '/bundle/nginx', to: '/tmp/p1/isolated/1' }
    ])
    expect(sources(plan)).toEqual({
      app: ['/bundle'],
      proxy: ['/tmp/p1/isolated/0'],
      worker: ['/tmp/p1/isolated/1']
    })
  })

  it('its own writable folder counts (a restarted container resolves its mounts again)', () => {
    const plan = planApp(
      {
        AWSEBDockerrunVersion: 2,
        volumes: volumes('/var/app/volumes/data', '/var/app/volumes/data/y'),
        containerDefinitions: [mounting('a', [0, '/x'], [1, '/y'])]
      },
      base
    )
    expect(sources(plan)).toEqual({ a: ['/tmp/p1/host/var/app/volumes/data', '/tmp/p1/isolated/0'] })
  })

  it.each<[string, [number, string, boolean?][], [number, string, boolean?][], string[]]>([
    ['the outer folder read-only everywhere', [[0, '/x', true]], [[1, '/inner']], []],
    ['the same folder shared', [[0, '/x']], [[0, '/x']], []],
    ['the outer folder mounted by the inner one only', [[1, '/inner']], [[0, '/x', true]], []],
    ['a sibling that only shares a name prefix (data and data-y)', [[0, '/x']], [[2, '/inner']], []]
  ])('no copy: %s', (_title, first, second, expected) => {
    const plan = planApp(
      {
        AWSEBDockerrunVersion: 2,
        volumes: volumes('/var/app/volumes/data', '/var/app/volumes/data/y', '/var/app/volumes/data-y'),
        containerDefinitions: [mounting('a', ...first), mounting('b', ...second)]
      },
      base
    )
    expect(plan.isolatedCopies.map(copy => copy.from)).toEqual(expected)
  })
})
