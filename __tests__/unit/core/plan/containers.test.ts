// One compose service → one container plan (src/core/plan/containers.ts): names, memory, jobs, the start command,
// and which container serves host port 80.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const none: RawInputs = { database: 'none', cache: 'none' }
const planOf = (text: string, inputs: RawInputs = {}) =>
  buildPlan(configFor({ ...none, ...inputs }), composeIn(text))
const only = (text: string, inputs: RawInputs = {}) => planOf(text, inputs).containers[0]!
const ports = (plan: ReturnType<typeof planOf>) =>
  Object.fromEntries(plan.containers.map(container => [container.name, container.portMappings]))

describe('planContainer', () => {
  it.each(['web.1', 'web app', 'wéb'])('refuses the container name %j', name => {
    expect(() => planOf(`services:\n  "${name}":\n    image: app\n`)).toThrow(
      `service "${name}": container names may contain only letters, digits, "_" and "-"`
    )
  })

  it('memory: limits in MiB rounded up, 4 MiB allowed, the keys named as the file wrote them', () => {
    expect(only('services:\n  web:\n    image: app\n    mem_limit: 4m\n').memory).toBe(4)
    expect(only('services:\n  web:\n    image: app\n    mem_reservation: 4194305\n').memoryReservation).toBe(
      5
    )
    expect(() =>
      planOf('services:\n  web:\n    image: app\n    deploy: {resources: {limits: {memory: 3m}}}\n')
    ).toThrow('service "web": deploy.resources.limits.memory of 3 MiB is below the platform minimum of 4 MiB')
    expect(() => planOf('services:\n  web:\n    image: app\n    mem_reservation: 2m\n')).toThrow(
      'service "web": mem_reservation of 2 MiB is below the platform minimum of 4 MiB'
    )
    expect(() =>
      planOf(
        'services:\n  web:\n    image: app\n    deploy: {resources: {limits: {memory: 64m}, reservations: {memory: 128m}}}\n'
      )
    ).toThrow(
      'service "web": deploy.resources.reservations.memory (128 MiB) must be below deploy.resources.limits.memory (64 MiB)'
    )
  })

  it('no memory given: the memory-reservation input is reserved, and said', () => {
    const plan = planOf('services:\n  web:\n    image: app\n', { 'memory-reservation': '300' })
    expect(plan.containers[0]).toMatchObject({ memoryReservation: 300 })
    expect(plan.containers[0]?.memory).toBeUndefined()
    expect(plan.notes).toContain(
      'web: no memory limit in the compose file; reserving 300 MiB (memory-reservation input)'
    )
    const limited = planOf('services:\n  web:\n    image: app\n    mem_limit: 256m\n')
    expect(limited.containers[0]?.memoryReservation).toBeUndefined()
    expect(limited.notes.join('\n')).not.toContain('no memory limit')
  })

  it('a job is not essential, and says what that means', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n    depends_on: {migrate: {condition: service_completed_successfully}}\n  migrate:\n    image: app\n    command: rails db:migrate\n  seed:\n    image: app\n    command: rails db:seed\n'
    )
    expect(plan.containers.map(container => [container.name, container.essential])).toEqual([
      ['web', true],
      ['migrate', false],
      ['seed', false]
    ])
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'migrate: a one-shot job (others wait for it to complete): non-essential, and the containers that depend on it start after it exits with 0; every instance runs it at each deploy, so it must be safe to run more than once and concurrently',
        'seed: a one-shot job (its command "rails db:seed" runs and exits): non-essential (its exit does not stop the task); every instance runs it at each deploy, so it must be safe to run more than once and concurrently'
      ])
    )
  })

  it('a prebuilt image and the working directory', () => {
    const container = only('services:\n  web:\n    image: ghcr.io/acme/web:1\n    working_dir: /srv\n')
    expect(container.image).toEqual({ kind: 'prebuilt', ref: 'ghcr.io/acme/web:1' })
    expect(container.workingDirectory).toBe('/srv')
    expect(only('services:\n  web:\n    image: app\n').workingDirectory).toBeUndefined()
  })

  it('links to a replaced database are removed, and said', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    links: [db]\n  db:\n    image: postgres:16\n',
      { database: 'app-db' }
    )
    expect(plan.notes).toContain('web: links to replaced backing services removed')
  })
})

describe('the start command', () => {
  it('command and entrypoint as given', () => {
    expect(
      only('services:\n  web:\n    image: app\n    entrypoint: [tini, --]\n    command: [serve]\n')
    ).toMatchObject({
      entryPoint: ['tini', '--'],
      command: ['serve']
    })
  })

  it('entrypoint: [] clears the image’s: the command’s executable becomes the entryPoint', () => {
    expect(
      only('services:\n  web:\n    image: app\n    entrypoint: []\n    command: [bundle, exec, puma]\n')
    ).toMatchObject({
      entryPoint: ['bundle'],
      command: ['exec', 'puma']
    })
    const alone = only('services:\n  web:\n    image: app\n    entrypoint: ""\n    command: [puma]\n')
    expect(alone.entryPoint).toEqual(['puma'])
    expect(alone.command).toBeUndefined()
  })

  it('entrypoint: [] without a command is refused', () => {
    expect(() => planOf('services:\n  web:\n    image: app\n    entrypoint: []\n')).toThrow(
      `service "web": entrypoint: [] clears the image's ENTRYPOINT but the service has no command to run instead; give it a command (the image's CMD is not known here)`
    )
  })
})

describe('host ports', () => {
  it('only host ports 80 and 443 are published; the host address is dropped, said; the others are said once', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["127.0.0.1:80:3000", "443:3443", "8080:8080", "9000"]\n'
    )
    expect(ports(plan)).toEqual({
      web: [
        { hostPort: 80, containerPort: 3000, protocol: 'tcp' },
        { hostPort: 443, containerPort: 3443, protocol: 'tcp' }
      ]
    })
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'web: host address 127.0.0.1 of port 80 dropped (ECS binds all addresses)',
        'web: port(s) 8080:8080, 9000 not published (a Beanstalk instance serves host ports 80 and 443; linked containers reach every port)'
      ])
    )
  })

  it('without port 80: the only service with ports publishes its first HTTP port there', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["443:443", "3000:3000/udp"]\n  worker:\n    image: app\n'
    )
    expect(ports(plan).web).toEqual([
      { hostPort: 80, containerPort: 3000, protocol: 'udp' },
      { hostPort: 443, containerPort: 443, protocol: 'tcp' }
    ])
    expect(plan.notes).toContain('web: no container publishes host port 80; its port 3000 is published there')
  })

  it('the proxy-service input names the service, and the container port when it has none to publish', () => {
    const text =
      'services:\n  web:\n    image: app\n    ports: ["8080:3000"]\n  api:\n    image: api\n    ports: ["8081:4000"]\n    expose: ["5000"]\n  admin:\n    image: admin\n    expose: ["7000"]\n'
    expect(ports(planOf(text, { 'proxy-service': 'api' })).api).toEqual([
      { hostPort: 80, containerPort: 4000, protocol: 'tcp' }
    ])
    expect(ports(planOf(text, { 'proxy-service': 'api:5000' })).api).toEqual([
      { hostPort: 80, containerPort: 5000, protocol: 'tcp' }
    ])
    expect(ports(planOf(text, { 'proxy-service': 'admin' })).admin).toEqual([
      { hostPort: 80, containerPort: 7000, protocol: 'tcp' }
    ])
  })

  it.each([
    [
      'a proxy-service that is not deployed',
      'services:\n  web:\n    image: app\n    ports: ["80:80"]\n',
      { 'proxy-service': 'wbe' },
      `Input 'proxy-service': "wbe" is not a deployed service (deployed: web)`
    ],
    [
      'a proxy-service with no HTTP port',
      'services:\n  web:\n    image: app\n  api:\n    image: app\n',
      { 'proxy-service': 'api' },
      "Input 'proxy-service': service api publishes or exposes no HTTP port in the compose file: name the container port, e.g. api:3000"
    ],
    [
      'only TLS',
      'services:\n  web:\n    image: app\n    ports: ["443:443"]\n',
      {},
      "Input 'proxy-service': no service publishes host port 80, and web publishes only TLS port 443, which cannot take the plain HTTP the environment forwards to port 80: name the service and container port that serve HTTP, e.g. web:80"
    ],
    [
      'several candidates',
      'services:\n  web:\n    image: app\n    ports: ["8080:80"]\n  api:\n    image: app\n    ports: ["8081:80"]\n',
      {},
      "Input 'proxy-service': no service publishes host port 80 and several publish ports (web, api): name the one that serves HTTP"
    ]
  ])('refuses %s', (_case, text, inputs, message) => {
    expect(() => planOf(text, inputs)).toThrow(message)
  })

  it('no port anywhere: a worker environment, said', () => {
    const plan = planOf('services:\n  worker:\n    image: app\n')
    expect(plan.containers[0]?.portMappings).toEqual([])
    expect(plan.notes).toContain(
      'no container publishes a port: the environment serves no HTTP traffic (fine for a worker environment); for a web environment, set proxy-service to the service and container port that serve HTTP (e.g. web:8000)'
    )
  })
})
