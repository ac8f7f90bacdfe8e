// Issue 23, class 1: compose semantics the plan did not follow. Each case is
// the smallest compose file of an instance found in a public app, then the
// other forms of the same rule (what compose accepts must be read as compose
// reads it). __tests__/unit/core/compose-oracle.test.ts checks the same forms
// against docker compose itself.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { renderDockerrun } from '../../../../src/core/dockerrun.js'
import { ComposeError } from '../../../../src/core/errors.js'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import { defaultComposeFile, overrideFileOf } from '../../../../src/adapters/workspace/files.js'
import { configFor, envOf } from '../support.js'
import { composeIn, type FakeWorkspace } from '../workspace-fake.js'

const MiB = 1024 * 1024

function errorOf(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    if (error instanceof Error) return error
  }
  throw new Error('expected an error')
}

function planOf(text: string, workspace: FakeWorkspace = {}) {
  return buildPlan(configFor({ database: 'none', cache: 'none' }), composeIn(text, workspace))
}

describe('memory: 0 means no limit, and a message names the key the file used', () => {
  it('deploy.resources.limits.memory "${X:-0}" sets no limit (issue 23: immich)', () => {
    const project = composeIn(
      'services:\n  web:\n    image: app\n    deploy:\n      resources:\n        limits:\n          memory: "${X:-0}"\n'
    )
    expect(project.services.web?.memoryLimit).toBeUndefined()
    expect(project.services.web?.notes).toContain(
      'deploy.resources.limits.memory 0 means no limit in compose and Docker: none set'
    )
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:80"]\n    deploy:\n      resources:\n        limits:\n          memory: "${X:-0}"\n'
    )
    expect(plan.containers[0]?.memory).toBeUndefined()
    expect(plan.containers[0]?.memoryReservation).toBeGreaterThan(0)
  })

  it('mem_limit 0 and mem_reservation "0" are no limit too', () => {
    const web = composeIn('services:\n  web:\n    image: app\n    mem_limit: 0\n    mem_reservation: "0"\n')
      .services.web
    expect(web?.memoryLimit).toBeUndefined()
    expect(web?.memoryReservation).toBeUndefined()
  })

  it('a too-small deploy limit is refused naming deploy.resources.limits.memory, not mem_limit', () => {
    expect(
      errorOf(() =>
        planOf(
          'services:\n  web:\n    image: app\n    deploy:\n      resources:\n        limits: {memory: 1m}\n'
        )
      ).message
    ).toBe('service "web": deploy.resources.limits.memory of 1 MiB is below the platform minimum of 4 MiB')
  })

  it('mem_limit beside an equal deploy limit is read; distinct values are refused, as compose does', () => {
    const web = composeIn(
      'services:\n  web:\n    image: app\n    mem_limit: 256m\n    deploy: {resources: {limits: {memory: 268435456}}}\n'
    ).services.web
    expect(web?.memoryLimit).toBe(256 * MiB)
    expect(web?.memoryKeys.limit).toBe('mem_limit')
    expect(
      errorOf(() =>
        composeIn(
          'services:\n  web:\n    image: app\n    mem_limit: 256m\n    deploy: {resources: {limits: {memory: 512m}}}\n'
        )
      ).message
    ).toBe(
      'service "web": mem_limit and deploy.resources.limits.memory differ; compose refuses distinct values, keep one'
    )
  })
})

describe('ports: every form docker reads', () => {
  const portsOf = (spec: string, env: Record<string, string> = {}) =>
    composeIn(`services:\n  web:\n    image: app\n    ports: [${spec}]\n`, { env }).services.web?.ports

  it('an empty host address (":2283:2283", from ${EXPOSE_PORT-:2283:2283}) is all addresses (issue 23: immich)', () => {
    expect(portsOf('"${EXPOSE_PORT-:2283:2283}"')).toEqual([
      { hostPort: 2283, containerPort: 2283, protocol: 'tcp' }
    ])
  })

  it('an empty host port lets Docker pick one', () => {
    expect(portsOf('"127.0.0.1::80"')).toEqual([{ hostIp: '127.0.0.1', containerPort: 80, protocol: 'tcp' }])
  })

  it('ranges expand pairwise; a host range for one port leaves the choice to Docker', () => {
    expect(portsOf('"3000-3001:4000-4001", "8000-8010:80", "9000-9001/udp"')).toEqual([
      { hostPort: 3000, containerPort: 4000, protocol: 'tcp' },
      { hostPort: 3001, containerPort: 4001, protocol: 'tcp' },
      { containerPort: 80, protocol: 'tcp' },
      { containerPort: 9000, protocol: 'udp' },
      { containerPort: 9001, protocol: 'udp' }
    ])
  })

  it('long syntax with a string published port, a range and a bracketed IPv6 host address', () => {
    expect(
      portsOf('{target: "80", published: "8080"}, {target: 81, published: "8081-8082"}, "[::1]:90:90/TCP"')
    ).toEqual([
      { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
      { containerPort: 81, protocol: 'tcp' },
      { hostIp: '::1', hostPort: 90, containerPort: 90, protocol: 'tcp' }
    ])
  })

  it('refuses what docker refuses, in one line', () => {
    expect(errorOf(() => portsOf('"host:80:80"')).message).toBe(
      'service "web": cannot read port "host:80:80": "host" is not an IP address'
    )
    expect(errorOf(() => portsOf('"80:80/sctp"')).message).toMatch(/tcp or udp, not sctp/)
  })
})

describe('include: the files it names join the project', () => {
  const files = {
    'sub/compose.yaml':
      'services:\n  api:\n    build: .\n    env_file: api.env\n    environment: {A: "a-$A", C: "${C-unset}"}\n    volumes: [./data:/data]\n',
    'sub/api.env': 'X=1\n',
    'sub/.env': 'A=sub\nC=sub\n',
    '.env': 'A=main\n'
  }

  it("reads an included file with paths relative to it and its own .env under the includer's (issue 23)", () => {
    const project = composeIn('include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: web\n', {
      files,
      path: 'compose.yaml'
    })
    expect(Object.keys(project.services).sort()).toEqual(['api', 'web'])
    expect(project.services.api?.build?.context).toBe('sub')
    expect(project.services.api?.volumes[0]?.source).toBe('sub/data')
    expect(envOf(project.services.api)).toEqual({ A: 'a-main', C: 'sub', X: '1' })
  })

  it('takes the long form (path, project_directory, env_file) and a file of includes only', () => {
    const project = composeIn(
      'include:\n  - path: sub/compose.yaml\n    project_directory: sub\n    env_file: other.env\n',
      { files: { ...files, 'other.env': 'C=other\n' }, path: 'compose.yaml' }
    )
    expect(Object.keys(project.services)).toEqual(['api'])
    expect(envOf(project.services.api)).toEqual({ A: 'a-main', C: 'other', X: '1' })
  })

  it('refuses a service defined twice, a cycle and a missing file, as compose does', () => {
    expect(
      errorOf(() =>
        composeIn('include: [sub/compose.yaml]\nservices:\n  api:\n    image: x\n', {
          files,
          path: 'compose.yaml'
        })
      ).message
    ).toBe(
      'compose.yaml: service "api" is also defined by the included file sub/compose.yaml; the action does not merge a definition over an included one (Compose 2.26 refuses it, later releases merge it): move these keys into sub/compose.yaml, or rename one of the two'
    )
    expect(
      errorOf(() =>
        composeIn('include: [a.yaml]\n', {
          files: { 'a.yaml': 'include: [compose.yaml]\nservices: {a: {image: a}}\n' },
          path: 'compose.yaml'
        })
      ).message
    ).toMatch(/include forms a cycle/)
    expect(errorOf(() => composeIn('include: [nope.yaml]\n', { path: 'compose.yaml' })).message).toMatch(
      /included file nope.yaml not found/
    )
  })
})

describe('build: dockerfile_inline and the keys the build does not take', () => {
  it('builds dockerfile_inline as written, never the context Dockerfile (issue 23)', () => {
    const text =
      'services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM nginx:1.27\n        COPY site /usr/share/nginx/html\n    ports: ["80:80"]\n'
    const plan = planOf(text, { files: { Dockerfile: 'FROM ruby:3.3\n', 'site/index.html': 'hi' } })
    expect(plan.images[0]?.dockerfileInline).toBe('FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n')
    const project = composeIn(text, { files: { Dockerfile: 'FROM ruby:3.3\n' } })
    expect(project.services.web?.build?.contents?.baseImage).toBe('nginx:1.27')
  })

  it('two inline Dockerfiles with one context are two images', () => {
    const plan = planOf(
      'services:\n  a:\n    build: {context: ., dockerfile_inline: "FROM alpine\\n"}\n    ports: ["80:80"]\n  b:\n    build: {context: ., dockerfile_inline: "FROM busybox\\n"}\n'
    )
    expect(plan.images.map(image => image.id)).toEqual(['a', 'b'])
  })

  it('notes secrets, ssh, platforms and additional_contexts instead of dropping them silently', () => {
    const web = composeIn(
      'services:\n  web:\n    build:\n      context: .\n      secrets: [npmrc]\n      ssh: [default]\n      platforms: [linux/arm64]\n      additional_contexts: {assets: ./assets}\n'
    ).services.web
    expect(web?.dropped.map(dropped => dropped.key)).toEqual([
      'build.secrets',
      'build.ssh',
      'build.platforms',
      'build.additional_contexts'
    ])
  })
})

describe('entrypoint: [] clears the image ENTRYPOINT on Beanstalk too', () => {
  it('renders the command with its executable as the entryPoint, never an empty entryPoint (issue 23)', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    entrypoint: []\n    command: ["bundle", "exec", "puma"]\n    ports: ["80:3000"]\n'
    )
    const document = renderDockerrun(plan, { backing: {}, images: {} })
    const web = document.containerDefinitions[0]
    expect(web?.entryPoint).toEqual(['bundle'])
    expect(web?.command).toEqual(['exec', 'puma'])
  })

  it('entrypoint "" is the same; with no command it is refused in one actionable line', () => {
    expect(
      planOf('services:\n  web:\n    image: app\n    entrypoint: ""\n    command: run\n').containers[0]
    ).toMatchObject({
      entryPoint: ['run']
    })
    const error = errorOf(() => planOf('services:\n  web:\n    image: app\n    entrypoint: []\n'))
    expect(error).toBeInstanceOf(ComposeError)
    expect(error.message).toMatch(/entrypoint: \[\] clears the image's ENTRYPOINT .* give it a command/)
  })

  it('entrypoint: null keeps the image ENTRYPOINT', () => {
    const container = planOf('services:\n  web:\n    image: app\n    entrypoint: null\n    command: [a]\n')
      .containers[0]
    expect(container?.entryPoint).toBeUndefined()
    expect(container?.command).toEqual(['a'])
  })
})

describe('the default compose file is the one compose picks', () => {
  let folder: string | undefined
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true })
    folder = undefined
  })

  it('compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml in that order', () => {
    folder = mkdtempSync(path.join(tmpdir(), 'compose-default-'))
    writeFileSync(path.join(folder, 'docker-compose.yml'), 'services: {}\n')
    expect(defaultComposeFile(folder)).toEqual({ file: 'docker-compose.yml', ignored: [] })
    writeFileSync(path.join(folder, 'docker-compose.yaml'), 'services: {}\n')
    writeFileSync(path.join(folder, 'compose.yml'), 'services: {}\n')
    expect(defaultComposeFile(folder)).toEqual({
      file: 'compose.yml',
      ignored: ['docker-compose.yaml', 'docker-compose.yml']
    })
    writeFileSync(path.join(folder, 'compose.yaml'), 'services: {}\n')
    expect(defaultComposeFile(folder).file).toBe('compose.yaml')
  })

  it('finds the override file compose would merge, so the plan can say it is not', () => {
    folder = mkdtempSync(path.join(tmpdir(), 'compose-default-'))
    writeFileSync(path.join(folder, 'compose.yaml'), 'services: {}\n')
    expect(overrideFileOf(folder, 'compose.yaml')).toBeUndefined()
    writeFileSync(path.join(folder, 'compose.override.yaml'), 'services: {}\n')
    expect(overrideFileOf(folder, 'compose.yaml')).toBe('compose.override.yaml')
    expect(overrideFileOf(folder, 'deploy/production.yml')).toBeUndefined()
  })

  it('none of them: one line naming the input', () => {
    folder = mkdtempSync(path.join(tmpdir(), 'compose-default-'))
    expect(errorOf(() => defaultComposeFile(folder as string)).message).toMatch(
      /^Input 'compose-file': none of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml is in .*: name the compose file with compose-file$/
    )
  })
})
