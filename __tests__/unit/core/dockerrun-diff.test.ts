import { describe, expect, it } from '@jest/globals'
import { diffDockerrun, formatChange, HIDDEN } from '../../../src/core/dockerrun-diff.js'
import type { ContainerDefinition, DockerrunV2 } from '../../../src/core/dockerrun-types.js'

const web: ContainerDefinition = {
  name: 'web',
  image: 'repo/web@sha256:aaa',
  essential: true,
  memory: 512,
  environment: [
    { name: 'RAILS_ENV', value: 'production' },
    { name: 'SECRET_KEY_BASE', value: 'old-secret-value' }
  ],
  secrets: [
    {
      name: 'DATABASE_PASSWORD',
      valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:a:password::'
    }
  ]
}
const nginx: ContainerDefinition = {
  name: 'nginx',
  image: 'repo/nginx@sha256:bbb',
  memory: 64,
  portMappings: [{ hostPort: 80, containerPort: 80 }],
  links: ['web']
}
const doc = (...containers: ContainerDefinition[]): DockerrunV2 => ({
  AWSEBDockerrunVersion: 2,
  containerDefinitions: containers
})

describe('diffDockerrun', () => {
  it('finds no change between equal documents', () => {
    expect(diffDockerrun(doc(web, nginx), doc(web, nginx))).toEqual([])
  })

  it('lists every container as added when the environment runs nothing yet', () => {
    expect(diffDockerrun(undefined, doc(web, nginx)).map(formatChange)).toEqual([
      'web: + new container',
      'nginx: + new container'
    ])
  })

  it('reports image, memory, ports, links and environment changes per container', () => {
    const next = doc(
      {
        ...web,
        image: 'repo/web@sha256:ccc',
        memory: 768,
        environment: [
          { name: 'RAILS_ENV', value: 'staging' },
          { name: 'SECRET_KEY_BASE', value: 'old-secret-value' },
          { name: 'RAILS_MAX_THREADS', value: '5' }
        ]
      },
      { ...nginx, portMappings: [{ hostPort: 80, containerPort: 8080 }], links: ['web:app'] }
    )
    expect(diffDockerrun(doc(web, nginx), next).map(formatChange)).toEqual([
      'web: image: repo/web@sha256:aaa → repo/web@sha256:ccc',
      'web: memory: 512 → 768',
      'web: environment RAILS_ENV: production → staging',
      'web: + environment RAILS_MAX_THREADS = 5',
      'nginx: ports: 80:80/tcp → 80:8080/tcp',
      'nginx: links: web → web:app'
    ])
  })

  it('never shows the value of a variable whose name looks secret', () => {
    const next = doc({ ...web, environment: [{ name: 'SECRET_KEY_BASE', value: 'new-secret-value' }] })
    const changes = diffDockerrun(doc(web), next)
    expect(changes).toContainEqual({
      container: 'web',
      kind: 'changed',
      field: 'environment SECRET_KEY_BASE',
      before: HIDDEN,
      after: HIDDEN
    })
    expect(JSON.stringify(changes)).not.toMatch(/secret-value/)
  })

  it('shows secret references, which name where a secret lives and not its value', () => {
    const next = doc({ ...web, secrets: [] })
    expect(diffDockerrun(doc(web), next).map(formatChange)).toEqual([
      'web: - secret DATABASE_PASSWORD (was arn:aws:secretsmanager:us-east-1:123456789012:secret:a:password::)'
    ])
  })

  it('reports removed containers and a changed execution role', () => {
    const before = { ...doc(web, nginx), executionRoleArn: 'arn:aws:iam::123456789012:role/a' }
    const after = { ...doc(web), executionRoleArn: 'arn:aws:iam::123456789012:role/b' }
    expect(diffDockerrun(before, after).map(formatChange)).toEqual([
      'nginx: - container removed',
      'executionRoleArn: arn:aws:iam::123456789012:role/a → arn:aws:iam::123456789012:role/b'
    ])
  })
})

describe('diffDockerrun: container settings and hidden values', () => {
  const definition = (extra: object) => ({
    AWSEBDockerrunVersion: 2 as const,
    containerDefinitions: [{ name: 'web', image: 'a', memory: 64, ...extra }]
  })

  it('shows a changed container setting', () => {
    const changes = diffDockerrun(definition({ user: '1000' }), definition({ user: '1001', stopTimeout: 30 }))
    expect(changes.map(change => [change.field, change.before, change.after])).toEqual([
      ['user', '"1000"', '"1001"'],
      ['stopTimeout', undefined, '30']
    ])
  })

  it('hides the values of variables that came from the runner, .env or an env_file', () => {
    const changes = diffDockerrun(
      definition({ environment: [{ name: 'RELEASE', value: 'one' }] }),
      definition({ environment: [{ name: 'RELEASE', value: 'two' }] }),
      new Map([['web', new Set(['RELEASE'])]])
    )
    expect(changes).toEqual([
      {
        container: 'web',
        kind: 'changed',
        field: 'environment RELEASE',
        before: '(hidden)',
        after: '(hidden)'
      }
    ])
  })
})

describe('diffDockerrun: every compared field, named; order and absence are not changes', () => {
  const one = (container: Partial<ContainerDefinition>): DockerrunV2 =>
    doc({ name: 'web', image: 'a', ...container })

  it('names each field it compares, with before and after as the log shows them', () => {
    const before = one({
      essential: false,
      memoryReservation: 128,
      command: ['serve'],
      entryPoint: ['/init'],
      workingDirectory: '/app',
      mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }]
    })
    const after = one({
      memoryReservation: 256,
      command: ['serve', '--fast'],
      entryPoint: ['/entry'],
      workingDirectory: '/srv',
      mountPoints: [{ sourceVolume: 'data', containerPath: '/var/data' }]
    })
    expect(diffDockerrun(before, after).map(formatChange)).toEqual([
      'web: essential: false → true',
      'web: memoryReservation: 128 → 256',
      'web: command: serve → serve --fast',
      'web: entryPoint: /init → /entry',
      'web: workingDirectory: /app → /srv',
      'web: mountPoints: data:/data → data:/var/data'
    ])
  })

  it('gives an added or removed container its image, and a change only the sides it has', () => {
    expect(diffDockerrun(doc(web), doc(nginx))).toEqual([
      { container: 'nginx', kind: 'added', field: 'container', after: 'repo/nginx@sha256:bbb' },
      { container: 'web', kind: 'removed', field: 'container', before: 'repo/web@sha256:aaa' }
    ])
    const added = diffDockerrun(one({}), one({ workingDirectory: '/app' }))
    expect(added).toEqual([{ container: 'web', kind: 'added', field: 'workingDirectory', after: '/app' }])
    expect(Object.keys(added[0] ?? {})).not.toContain('before')
    const removed = diffDockerrun(one({ user: 'app' }), one({}))
    expect(removed).toEqual([{ container: 'web', kind: 'removed', field: 'user', before: '"app"' }])
    expect(Object.keys(removed[0] ?? {})).not.toContain('after')
  })

  it('takes links, ports, variables and secrets as sets: a new order is no change', () => {
    const secret = (name: string) => ({
      name,
      valueFrom: `arn:aws:ssm:us-east-1:123456789012:parameter/${name}`
    })
    const before = one({
      links: ['db', 'cache'],
      portMappings: [
        { hostPort: 80, containerPort: 80 },
        { hostPort: 443, containerPort: 443 }
      ],
      environment: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' }
      ],
      secrets: [secret('Y'), secret('X')]
    })
    const after = one({
      links: ['cache', 'db'],
      portMappings: [
        { hostPort: 443, containerPort: 443, protocol: 'tcp' },
        { hostPort: 80, containerPort: 80 }
      ],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' }
      ],
      secrets: [secret('X'), secret('Y')]
    })
    expect(diffDockerrun(before, after)).toEqual([])
  })

  it('lists changed variables and secrets in name order, and an empty list as no list', () => {
    const before = one({
      environment: [
        { name: 'Z', value: '1' },
        { name: 'M', value: '1' }
      ],
      secrets: [
        { name: 'S2', valueFrom: 'arn:a' },
        { name: 'S1', valueFrom: 'arn:a' }
      ],
      links: [],
      command: []
    })
    const after = one({
      environment: [
        { name: 'Z', value: '2' },
        { name: 'M', value: '2' }
      ],
      secrets: [
        { name: 'S2', valueFrom: 'arn:b' },
        { name: 'S1', valueFrom: 'arn:b' }
      ]
    })
    expect(diffDockerrun(before, after).map(change => change.field)).toEqual([
      'environment M',
      'environment Z',
      'secret S1',
      'secret S2'
    ])
  })
})
