// How one service's keys reach the model, and how a project's files are put together (src/core/compose/service.ts,
// service-build.ts, load.ts): each case below was a surviving mutant of issue 27 §6's run on load.ts + service.ts.

import { describe, expect, it } from '@jest/globals'
import type { ComposeService } from '../../../../src/core/compose/model.js'
import { composeIn, type FakeWorkspace } from '../workspace-fake.js'

const service = (fields: string, workspace: FakeWorkspace = {}): ComposeService => {
  const found = composeIn(`services:\n  app:\n${fields}`, workspace).services.app
  if (!found) throw new Error('no service app')
  return found
}
const errorOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected an error')
}
const droppedOf = (fields: string) => Object.fromEntries(service(fields).dropped.map(d => [d.key, d.reason]))

describe('service keys', () => {
  it('reads scalars as compose does: numbers and booleans as text, restart: no (YAML false) as "no"', () => {
    const app = service('    image: 5\n    platform: linux/arm64\n    working_dir: /srv\n    restart: no\n')
    expect([app.image, app.platform, app.workingDir, app.restart]).toEqual(['5', 'linux/arm64', '/srv', 'no'])
    expect(service('    image: app\n    restart: on-failure\n').restart).toBe('on-failure')
    expect(service('    image: app\n').restart).toBeUndefined()
    expect(errorOf(() => service('    image: [a]\n'))).toBe('service "app": image must be a string')
  })

  it('links with and without an alias; expose as numbers, or one line', () => {
    const app = service('    image: app\n    links: ["db:database", cache]\n    expose: ["8080", 9000]\n')
    expect(app.links).toEqual([{ service: 'db', alias: 'database' }, { service: 'cache' }])
    expect(app.expose).toEqual([8080, 9000])
    expect(errorOf(() => service('    image: app\n    expose: ["http"]\n'))).toMatch(
      /^service "app": cannot read expose "http"/
    )
  })

  it('volumes_from another service, read-only or not; a container outside the project is dropped', () => {
    const app = service('    image: app\n    volumes_from: ["data:ro", files, "container:other"]\n')
    expect(app.volumesFrom).toEqual([
      { service: 'data', readOnly: true },
      { service: 'files', readOnly: false }
    ])
    expect(app.dropped).toContainEqual({
      key: 'volumes_from container:other',
      reason: 'containers outside the bundle cannot share volumes'
    })
  })

  it('an unknown key and the deploy keys with no container-definition field are dropped, each with its reason', () => {
    expect(
      droppedOf(
        '    image: app\n    frobnicate: 1\n    deploy:\n      replicas: 2\n      placement: {}\n      resources:\n        limits: {cpus: "0.5", memory: 256M}\n'
      )
    ).toEqual({
      frobnicate: 'not a compose key this action knows',
      'deploy.replicas': 'every instance runs one copy; scale with the number of instances',
      'deploy.placement': 'a swarm setting with no container-definition field',
      'deploy.resources.limits.cpus': 'ECS reserves memory per container; CPU and devices are not set'
    })
  })

  it('depends_on as a list, as a map with each condition, required: false (also as text); an unknown condition is one line', () => {
    const app = service(
      '    image: app\n    depends_on:\n      a: {condition: service_started}\n      b: {condition: service_healthy}\n      c: {condition: service_completed_successfully, required: "false"}\n      d: {}\n'
    )
    expect(app.dependsOn).toEqual([
      { service: 'a', condition: 'started', required: true },
      { service: 'b', condition: 'healthy', required: true },
      { service: 'c', condition: 'completed', required: false },
      { service: 'd', condition: 'started', required: true }
    ])
    expect(service('    image: app\n    depends_on: [x]\n').dependsOn).toEqual([
      { service: 'x', condition: 'started', required: true }
    ])
    expect(errorOf(() => service('    image: app\n    depends_on: {x: {condition: done}}\n'))).toBe(
      'service "app": depends_on x has an unknown condition "done"'
    )
    expect(errorOf(() => service('    image: app\n    depends_on: x\n'))).toMatch(
      /depends_on must be a list or a map/
    )
  })

  it('environment as a list: NAME=value, and NAME alone left to the environment; any other shape is one line', () => {
    const app = service('    image: app\n    environment: ["A=1=2", "B"]\n', { env: { B: 'from-runner' } })
    expect(app.environment.A).toMatchObject({ kind: 'literal', value: '1=2' })
    expect(app.environment.B).toMatchObject({ kind: 'runtime' })
    expect(errorOf(() => service('    image: app\n    environment: 5\n'))).toBe(
      'service "app": environment must be a mapping or a list'
    )
  })

  it('env_file: required false skips a missing one; format raw keeps quotes and ${…} as written', () => {
    const app = service(
      '    image: app\n    env_file:\n      - {path: missing.env, required: false}\n      - {path: raw.env, format: raw}\n',
      { files: { 'raw.env': 'A="${B}"\n' } }
    )
    expect(app.envFiles).toEqual(['raw.env'])
    expect(app.environment.A).toMatchObject({ kind: 'literal', value: '"${B}"' })
    expect(errorOf(() => service('    image: app\n    env_file: missing.env\n'))).toBe(
      'service "app": env_file missing.env not found'
    )
  })
})

describe('build', () => {
  it('refuses a remote context, and dockerfile with dockerfile_inline', () => {
    expect(errorOf(() => service('    build: https://github.com/acme/app.git\n'))).toBe(
      'service "app": remote build contexts (https://github.com/acme/app.git) are not supported; check the source out first'
    )
    expect(errorOf(() => service('    build: {context: git@github.com:acme/app.git}\n'))).toMatch(
      /remote build/
    )
    expect(errorOf(() => service('    build: {dockerfile: D, dockerfile_inline: "FROM a"}\n'))).toBe(
      'service "app": build sets both dockerfile and dockerfile_inline; keep one'
    )
    expect(errorOf(() => service('    build: 5\n'))).not.toBe('')
  })

  it('reads dockerfile_inline and target; an unknown build key is dropped with its reason', () => {
    const app = service(
      '    build:\n      dockerfile_inline: "FROM alpine"\n      target: prod\n      frob: 1\n'
    )
    expect(app.build).toMatchObject({
      context: '.',
      dockerfile: 'Dockerfile',
      dockerfileInline: 'FROM alpine',
      target: 'prod'
    })
    expect(app.dropped).toContainEqual({ key: 'build.frob', reason: 'not a build key this action knows' })
    expect(service('    build: .\n').build).not.toHaveProperty('target')
    expect(service('    build: .\n').build).not.toHaveProperty('dockerfileInline')
  })

  it('<Dockerfile>.dockerignore wins over the context’s .dockerignore, as BuildKit reads it', () => {
    const files = {
      Dockerfile: 'FROM alpine\nCOPY . /app\n',
      'Dockerfile.dockerignore': 'secret.env\n',
      '.dockerignore': '*\n'
    }
    const contents = service('    build: .\n', { files }).build?.contents
    expect(contents?.ignore).toEqual(['secret.env'])
  })

  it('args: a name alone takes the runner’s value or is left out; a credential of the runner is refused', () => {
    const args = (spec: string, env: Record<string, string> = {}) =>
      service(`    build:\n      context: .\n      args: ${spec}\n`, { env }).build?.args
    expect(args('["A=1", "B", "C"]', { B: 'b' })).toEqual({ A: '1', B: 'b' })
    expect(args('{A: 1, B: null, C: ~}', { C: 'c' })).toEqual({ A: '1', C: 'c' })
    expect(errorOf(() => args('["GITHUB_TOKEN"]', { GITHUB_TOKEN: 'ghs_x' }))).toMatch(/GITHUB_TOKEN/)
  })

  it('a build arg of a secret-looking name is named for the image-history warning', () => {
    const app = service('    build:\n      context: .\n      args: {API_TOKEN: x, PLAIN: y}\n')
    expect(app.secretBuildArgs).toEqual(['API_TOKEN'])
    expect(service('    image: app\n').secretBuildArgs).toEqual([])
  })
})

describe('a project of files', () => {
  it('COMPOSE_PROFILES: trimmed, empty entries left out; none is the default profile only', () => {
    const text = 'services:\n  app:\n    image: a\n'
    expect(composeIn(text, { env: { COMPOSE_PROFILES: ' a , b ,,' } }).activeProfiles).toEqual(['a', 'b'])
    expect(composeIn(text, { env: { COMPOSE_PROFILES: '  ' } }).activeProfiles).toEqual([''])
    expect(composeIn(text).activeProfiles).toEqual([''])
  })

  it('the v1 format: services at the top level, version/name/volumes/networks and x- keys are not services', () => {
    const project = composeIn(
      'version: "2"\nname: p\nweb:\n  image: a\nx-common: {}\nvolumes: {data: {}}\nnetworks: {}\n'
    )
    expect(Object.keys(project.services)).toEqual(['web'])
    expect(project.notes).toEqual(
      expect.arrayContaining([
        'docker-compose.yml uses the legacy v1 format (no "services:" key); read as services at the top level',
        'the "version" key (2) is obsolete in compose and was ignored'
      ])
    )
  })

  it('x- entries under services are not services; named volumes are collected once across includes', () => {
    const project = composeIn(
      'include: [inc.yml]\nservices:\n  x-base: {image: a}\n  web: {image: a}\nvolumes: {data: {}, logs: {}}\n',
      { files: { 'inc.yml': 'services:\n  db: {image: postgres}\nvolumes: {data: {}}\n' } }
    )
    expect(Object.keys(project.services).sort()).toEqual(['db', 'web'])
    expect(project.namedVolumes).toEqual(['data', 'logs'])
  })

  it.each([
    ['include: inc.yml\n', 'docker-compose.yml: include must be a list'],
    ['include: [5]\n', 'docker-compose.yml: include path must be a path'],
    [
      'include: [{path: [a.yml, b.yml]}]\n',
      'docker-compose.yml: include of a.yml, b.yml as one project (several paths in one entry) is not supported; include each file as its own entry'
    ],
    ['include: [../up.yml]\n', 'docker-compose.yml: include ../up.yml lies outside the workspace'],
    [
      'include: [{path: inc.yml, env_file: none.env}]\n',
      'docker-compose.yml: env_file none.env of include inc.yml not found'
    ],
    [
      'include: [inc.yml, inc2.yml]\n',
      'docker-compose.yml: service "db" is defined by both inc.yml and inc2.yml'
    ],
    ['include: [loop.yml]\n', 'loop.yml: include forms a cycle (docker-compose.yml → loop.yml → loop.yml)']
  ])('%j: %s', (include, message) => {
    const files = {
      'inc.yml': 'services:\n  db: {image: postgres}\n',
      'inc2.yml': 'services:\n  db: {image: postgres}\n',
      'loop.yml': 'include: [loop.yml]\nservices:\n  l: {image: a}\n'
    }
    expect(errorOf(() => composeIn(`${include}services:\n  web: {image: a}\n`, { files }))).toBe(message)
  })

  it('an include without env_file reads its own folder’s .env if there is one, and goes on without', () => {
    const files = { 'sub/inc.yml': 'services:\n  db: {image: "postgres:${TAG}"}\n', 'sub/.env': 'TAG=16\n' }
    expect(composeIn('include: [sub/inc.yml]\n', { files }).services.db?.image).toBe('postgres:16')
    expect(
      composeIn('include: [sub/inc.yml]\n', {
        files: { 'sub/inc.yml': 'services:\n  db: {image: postgres}\n' }
      }).services.db?.image
    ).toBe('postgres')
  })

  it('extends: must name a service, and must not form a cycle', () => {
    expect(errorOf(() => composeIn('services:\n  a: {image: x, extends: {file: f.yml}}\n'))).toBe(
      'service "a": extends must name a service'
    )
    expect(errorOf(() => composeIn('services:\n  a: {extends: b}\n  b: {extends: a}\n'))).toMatch(
      /^service "b": extends forms a cycle \(a → b\)$/
    )
  })
})
