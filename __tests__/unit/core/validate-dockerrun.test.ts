import { describe, expect, it } from '@jest/globals'
import type { ContainerDefinition, DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { dockerrunProblems } from '../../../src/core/validate-dockerrun.js'

const ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
const app = (overrides: Partial<ContainerDefinition> = {}): ContainerDefinition => ({
  name: 'app',
  image: 'acme/app:1',
  essential: true,
  memory: 256,
  ...overrides
})
/** The container without its memory key, as a Dockerrun that sets none has it. */
const withoutMemory = ({ memory: _memory, ...container }: ContainerDefinition): ContainerDefinition =>
  container
const doc = (containerDefinitions: ContainerDefinition[], extra: Partial<DockerrunV2> = {}): DockerrunV2 => ({
  AWSEBDockerrunVersion: 2,
  containerDefinitions,
  ...extra
})

describe('dockerrunProblems', () => {
  it('finds nothing wrong with a valid two-container document (the AWS php-app / nginx-proxy shape)', () => {
    const document = doc(
      [
        app({
          name: 'php-app',
          mountPoints: [{ sourceVolume: 'php-app', containerPath: '/var/www/html', readOnly: true }]
        }),
        app({
          name: 'nginx-proxy',
          memory: 128,
          memoryReservation: 64,
          portMappings: [{ hostPort: 80, containerPort: 80 }],
          links: ['php-app:php'],
          volumesFrom: [{ sourceContainer: 'php-app' }],
          mountPoints: [{ sourceVolume: 'awseb-logs-nginx-proxy', containerPath: '/var/log/nginx' }],
          environment: [{ name: 'app.mode', value: 'x' }],
          secrets: [{ name: 'TOKEN', valueFrom: '/app/token' }]
        })
      ],
      {
        executionRoleArn: ROLE,
        volumes: [{ name: 'php-app', host: { sourcePath: '/var/app/current/php-app' } }]
      }
    )
    expect(dockerrunProblems(document)).toEqual([])
  })

  it.each<[string, DockerrunV2, string]>([
    [
      'a version other than 2',
      { ...doc([app()]), AWSEBDockerrunVersion: 1 as unknown as 2 },
      'AWSEBDockerrunVersion must be 2'
    ],
    ['no container', doc([]), 'there must be at least one container'],
    ['a duplicate name', doc([app(), app()]), 'container name "app" is used twice'],
    [
      'an invalid name',
      doc([app({ name: 'my.app' })]),
      'container name "my.app" must be 1–255 letters, digits, "_" or "-"'
    ],
    [
      'an empty name',
      doc([app({ name: '' })]),
      'container name "" must be 1–255 letters, digits, "_" or "-"'
    ],
    ['no essential container', doc([app({ essential: false })]), 'at least one container must be essential'],
    ['an empty image', doc([app({ image: '' })]), 'container app: image must be 1–255 characters'],
    ['no memory', doc([withoutMemory(app())]), 'container app: needs memory or memoryReservation (MiB)'],
    [
      'memory below 4 MiB',
      doc([app({ memory: 3 })]),
      'container app: memory 3 MiB is below the 4 MiB minimum'
    ],
    [
      'memoryReservation below 4 MiB',
      doc([withoutMemory(app({ memoryReservation: 2 }))]),
      'container app: memoryReservation 2 MiB is below the 4 MiB minimum'
    ],
    [
      'memory not above memoryReservation',
      doc([app({ memory: 128, memoryReservation: 128 })]),
      'container app: memory (128) must be greater than memoryReservation (128)'
    ],
    [
      'a link to a missing container',
      doc([app({ links: ['db:database'] })]),
      'container app: links to "db", which is not a container of this bundle'
    ],
    ['a link to itself', doc([app({ links: ['app'] })]), 'container app: links to itself'],
    [
      'a link cycle',
      doc([
        app({ name: 'a', links: ['b'] }),
        app({ name: 'b', links: ['c'] }),
        app({ name: 'c', links: ['a'] })
      ]),
      'links and dependsOn form a cycle: a → b → c → a'
    ],
    [
      'a volumesFrom target that does not exist',
      doc([app({ volumesFrom: [{ sourceContainer: 'data' }] })]),
      'container app: volumesFrom "data", which is not a container of this bundle'
    ],
    [
      'an undeclared sourceVolume',
      doc([app({ mountPoints: [{ sourceVolume: 'conf', containerPath: '/etc/app' }] })]),
      'container app: mount of undeclared volume "conf"'
    ],
    [
      'a relative mount path',
      doc([app({ mountPoints: [{ sourceVolume: 'awseb-logs-app', containerPath: 'log' }] })]),
      'container app: mount path "log" must be absolute'
    ],
    [
      'two containers on one host port',
      doc([
        app({ name: 'a', portMappings: [{ hostPort: 80, containerPort: 3000 }] }),
        app({ name: 'b', portMappings: [{ hostPort: 80, containerPort: 80, protocol: 'tcp' }] })
      ]),
      'host port 80/tcp is published by both a and b'
    ],
    [
      'a port out of range',
      doc([app({ portMappings: [{ hostPort: 80, containerPort: 70000 }] })]),
      'container app: port 70000 is out of range'
    ],
    [
      'an invalid variable name',
      doc([app({ environment: [{ name: '1PASSWORD', value: 'x' }] })]),
      'container app: "1PASSWORD" is not a valid variable name'
    ],
    [
      'a value and a secret of the same name',
      doc(
        [
          app({ environment: [{ name: 'TOKEN', value: 'x' }], secrets: [{ name: 'TOKEN', valueFrom: '/t' }] })
        ],
        {
          executionRoleArn: ROLE
        }
      ),
      'container app: TOKEN is both a value and a secret reference'
    ],
    [
      'secrets without executionRoleArn',
      doc([
        app({
          secrets: [
            { name: 'TOKEN', valueFrom: '/t' },
            { name: 'KEY', valueFrom: '/k' }
          ]
        })
      ]),
      'container app: passes TOKEN, KEY by reference, which needs an execution role: set the execution-role-arn input'
    ]
  ])('reports %s', (_case, document, problem) => {
    expect(dockerrunProblems(document)).toEqual([problem])
  })

  // Each rule at its edge: one step inside passes, one step outside is the one problem reported.
  const many = (count: number) =>
    doc(Array.from({ length: count }, (_, index) => app({ name: `c${index}`, memory: 4 })))
  const job = app({ name: 'job', essential: false })
  it.each<[string, DockerrunV2, string[]]>([
    ['10 containers', many(10), []],
    [
      '11 containers',
      many(11),
      ['ECS runs at most 10 containers per task definition (this document has 11)']
    ],
    ['memory 4 MiB', doc([app({ memory: 4 })]), []],
    ['memory 3 MiB', doc([app({ memory: 3 })]), ['container app: memory 3 MiB is below the 4 MiB minimum']],
    ['a reservation of 4 MiB', doc([withoutMemory(app({ memoryReservation: 4 }))]), []],
    [
      'a reservation of 3 MiB',
      doc([withoutMemory(app({ memoryReservation: 3 }))]),
      ['container app: memoryReservation 3 MiB is below the 4 MiB minimum']
    ],
    ['memory above its reservation', doc([app({ memory: 257, memoryReservation: 256 })]), []],
    [
      'memory equal to its reservation',
      doc([app({ memory: 256, memoryReservation: 256 })]),
      ['container app: memory (256) must be greater than memoryReservation (256)']
    ],
    ['an image of 255 characters', doc([app({ image: `a/${'b'.repeat(253)}` })]), []],
    [
      'an image of 256 characters',
      doc([app({ image: `a/${'b'.repeat(254)}` })]),
      ['container app: image must be 1–255 characters']
    ],
    ['ports 1 and 65535', doc([app({ portMappings: [{ hostPort: 1, containerPort: 65535 }] })]), []],
    [
      'port 0 and 65536',
      doc([app({ portMappings: [{ hostPort: 0, containerPort: 65536 }] })]),
      ['container app: port 0 is out of range', 'container app: port 65536 is out of range']
    ],
    [
      'a port that is not a whole number',
      doc([app({ portMappings: [{ hostPort: 80.5, containerPort: 80 }] })]),
      ['container app: port 80.5 is out of range']
    ],
    [
      'dependsOn an unknown container',
      doc([app({ dependsOn: [{ containerName: 'migrate', condition: 'START' }] })]),
      ['container app: dependsOn "migrate", which is not a container of this bundle']
    ],
    [
      'a job waited for to succeed',
      doc([job, app({ dependsOn: [{ containerName: 'job', condition: 'SUCCESS' }] })]),
      []
    ],
    [
      'an essential container waited for to complete',
      doc([app({ name: 'job' }), app({ dependsOn: [{ containerName: 'job', condition: 'COMPLETE' }] })]),
      ['container app: waits for job to complete, which ECS allows only for a non-essential container']
    ],
    [
      'an essential container waited for to succeed',
      doc([app({ name: 'job' }), app({ dependsOn: [{ containerName: 'job', condition: 'SUCCESS' }] })]),
      ['container app: waits for job to succeed, which ECS allows only for a non-essential container']
    ],
    [
      'waiting for health without a health check',
      doc([app({ name: 'db' }), app({ dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] })]),
      ['container app: waits for db to be healthy, but db has no healthCheck']
    ],
    [
      'waiting for health with one',
      doc([
        app({ name: 'db', healthCheck: { command: ['CMD', 'true'] } }),
        app({ dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] })
      ]),
      []
    ],
    [
      'a volume whose host path holds ":"',
      doc([app()], { volumes: [{ name: 'v', host: { sourcePath: '/var/app/current/a:b' } }] }),
      ['volume v: host mount path "/var/app/current/a:b" may not contain ",", "=", ":" or a line break']
    ],
    [
      'a tmpfs at a relative path',
      doc([app({ linuxParameters: { tmpfs: [{ containerPath: 'tmp', size: 64 }] } })]),
      ['container app: tmpfs mount path "tmp" must be absolute']
    ],
    [
      'a value and a secret of one name',
      doc(
        [
          app({ environment: [{ name: 'TOKEN', value: 'x' }], secrets: [{ name: 'TOKEN', valueFrom: '/t' }] })
        ],
        {
          executionRoleArn: ROLE
        }
      ),
      ['container app: TOKEN is both a value and a secret reference']
    ],
    [
      'a cycle through dependsOn',
      doc([
        app({ name: 'a', dependsOn: [{ containerName: 'b', condition: 'START' }] }),
        app({ name: 'b', links: ['c'] }),
        app({ name: 'c', dependsOn: [{ containerName: 'a', condition: 'START' }] })
      ]),
      ['links and dependsOn form a cycle: a → b → c → a']
    ],
    [
      'a diamond, which is no cycle',
      doc([
        app({ name: 'a', links: ['b', 'c'] }),
        app({ name: 'b', links: ['d'] }),
        app({ name: 'c', dependsOn: [{ containerName: 'd', condition: 'START' }] }),
        app({ name: 'd' })
      ]),
      []
    ]
  ])('at the edge: %s', (_case, document, problems) => {
    expect(dockerrunProblems(document)).toEqual(problems)
  })

  it('measures the task definition as ECS does, volumes included', () => {
    const big = (bytes: number) => [{ name: 'X', value: 'x'.repeat(bytes) }]
    const base = Buffer.byteLength(
      JSON.stringify({ containerDefinitions: [app({ environment: big(0) })], volumes: [] })
    )
    expect(dockerrunProblems(doc([app({ environment: big(64 * 1024 - base) })]))).toEqual([])
    expect(dockerrunProblems(doc([app({ environment: big(64 * 1024 - base + 1) })]))).toEqual([
      'the container definitions take 64.0 KiB; an ECS task definition may take at most 64 KiB (move long values into environment properties or secrets)'
    ])
    const volumes = [{ name: 'v', host: { sourcePath: '/var/app/current/v' } }]
    const withVolume = Buffer.byteLength(
      JSON.stringify({ containerDefinitions: [app({ environment: big(0) })], volumes })
    )
    expect(
      dockerrunProblems(doc([app({ environment: big(64 * 1024 - withVolume + 1) })], { volumes }))
    ).toHaveLength(1)
  })

  it('allows the same host port on tcp and udp', () => {
    const document = doc([
      app({ name: 'a', portMappings: [{ hostPort: 53, containerPort: 53, protocol: 'udp' }] }),
      app({ name: 'b', portMappings: [{ hostPort: 53, containerPort: 53 }] })
    ])
    expect(dockerrunProblems(document)).toEqual([])
  })

  it('allows a mount of the awseb-logs volume of the container', () => {
    const document = doc([
      app({ mountPoints: [{ sourceVolume: 'awseb-logs-app', containerPath: '/app/log' }] })
    ])
    expect(dockerrunProblems(document)).toEqual([])
  })
})
