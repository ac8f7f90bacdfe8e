// Attack round 9 (docs/reliability.md): the variants that got through, each expecting the safe behaviour. A
// BuildKit frontend other than Docker's (named by `# syntax=` or the BUILDKIT_SYNTAX build arg) is given the
// build context past .dockerignore; a stage name written by the repository became fields of a --cache-from
// value; a compose label under the action's prefix hid a smoke-test container from its cleanup; an include fan-out
// read 2^depth files.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { buildArgs } from '../../src/adapters/docker/build-args.js'
import { checkBuildInputs } from '../../src/adapters/docker/build-context.js'
import { stagesToCache } from '../../src/build/dockerfile-stages.js'
import { customFrontend } from '../../src/core/compose/dockerfile-frontend.js'
import { loadCompose } from '../../src/core/compose/load.js'
import { renderDockerrun } from '../../src/core/dockerrun.js'
import type { DockerrunV2 } from '../../src/core/dockerrun-types.js'
import { buildPlan } from '../../src/core/plan/build-plan.js'
import { runnerVariableNamed } from '../../src/core/runner-variables.js'
import { PROJECT_LABEL, planApp } from '../../src/ecs-agent/docker-argv.js'
import { configFor } from './core/support.js'

const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/puppies/web'

function errorOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected an error')
}

async function rejectionOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected a rejection')
}

describe('a build names only Docker’s own frontend', () => {
  let workspace: string
  beforeEach(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'round9-build-'))
    // actions/checkout's default persist-credentials: the token in .git/config
    mkdirSync(path.join(workspace, '.git'))
    writeFileSync(
      path.join(workspace, '.git', 'config'),
      '[http]\n\textraheader = AUTHORIZATION: basic eA==\n'
    )
  })
  afterEach(() => rmSync(workspace, { recursive: true, force: true }))

  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true })
    writeFileSync(path.join(workspace, file), text)
  }
  const firstImage = () => {
    const project = loadCompose({
      path: 'docker-compose.yml',
      text: readFileSync(path.join(workspace, 'docker-compose.yml'), 'utf8'),
      env: {},
      runnerVariableNamed: runnerVariableNamed([]),
      readFile: relative => {
        const absolute = path.join(workspace, relative)
        return existsSync(absolute) && statSync(absolute).isFile()
          ? readFileSync(absolute, 'utf8')
          : undefined
      }
    })
    const image = buildPlan(configFor(), project).images[0]
    if (!image) throw new Error('no image')
    return image
  }

  it.each([
    ['# syntax=docker.io/attacker/frontend:1', 'docker.io/attacker/frontend:1'],
    ['#syntax=attacker/dockerfile:1', 'attacker/dockerfile:1'],
    ['# SYNTAX = ghcr.io/docker/dockerfile:1', 'ghcr.io/docker/dockerfile:1'],
    ['// syntax=attacker/frontend', 'attacker/frontend'],
    ['# check=skip=all\n# syntax=docker/dockerfile-evil:1', 'docker/dockerfile-evil:1'],
    ['# syntax=docker/dockerfile:1,attacker', 'docker/dockerfile:1,attacker']
  ])('%j in the Dockerfile is refused before anything is built', async (directive, image) => {
    write('.dockerignore', '.git\n')
    write('Dockerfile', `${directive}\nFROM alpine\nCOPY . /app\n`)
    write('docker-compose.yml', 'services:\n  web:\n    build: .\n    ports: ["80:80"]\n')
    const message = await rejectionOf(() => checkBuildInputs(workspace, firstImage()))
    expect(message).toContain(`names the BuildKit frontend "${image}"`)
    expect(message).toContain('use docker/dockerfile')
  })

  it('the Dockerfile at the checkout root built with a context below it: the frontend is refused there too', async () => {
    write('app/index.js', 'console.log(1)\n')
    write('Dockerfile', '# syntax=docker.io/attacker/frontend:1\nFROM node:20-alpine\nCOPY . /app\n')
    write(
      'docker-compose.yml',
      'services:\n  web:\n    build: {context: app, dockerfile: ../Dockerfile}\n    ports: ["80:80"]\n'
    )
    expect(await rejectionOf(() => checkBuildInputs(workspace, firstImage()))).toMatch(/BuildKit frontend/)
  })

  it('a compose build arg BUILDKIT_SYNTAX is refused the same way', async () => {
    write('.dockerignore', '.git\n')
    write('Dockerfile', 'FROM alpine\n')
    write(
      'docker-compose.yml',
      'services:\n  web:\n    build:\n      context: .\n      args: {BUILDKIT_SYNTAX: "docker.io/attacker/frontend:1"}\n    ports: ["80:80"]\n'
    )
    expect(await rejectionOf(() => checkBuildInputs(workspace, firstImage()))).toContain(
      'build arg BUILDKIT_SYNTAX names the BuildKit frontend "docker.io/attacker/frontend:1"'
    )
  })

  it.each([
    ['a JSON document', '{"syntax": "docker.io/attacker/frontend:1"}\n', 'docker.io/attacker/frontend:1'],
    ['a JSON document after a #! line', '#!/usr/bin/env x\n{"syntax": "attacker/f"}\n', 'attacker/f'],
    [
      'a NEL (U+0085) after #, which Go trims',
      '#\u0085syntax=docker.io/attacker/frontend:1\nFROM alpine\n',
      'docker.io/attacker/frontend:1'
    ],
    [
      'a NEL after // and a check directive',
      '# check=skip=all\n//\u0085syntax =attacker/f\nFROM alpine\n',
      'attacker/f'
    ],
    ['a BOM first', '\uFEFF# syntax=attacker/f\nFROM alpine\n', 'attacker/f']
  ])('round 10: %s naming another frontend is refused', (_name, dockerfile, image) => {
    expect(customFrontend(dockerfile, {})?.image).toBe(image)
  })

  it('round 10: a build arg name holding "=" (BUILDKIT_SYNTAX=… as the key) is refused in the compose file', () => {
    write('Dockerfile', 'FROM alpine\n')
    write(
      'docker-compose.yml',
      'services:\n  web:\n    build:\n      context: .\n      args: {"BUILDKIT_SYNTAX=docker.io/attacker/frontend:1 ": x}\n    ports: ["80:80"]\n'
    )
    expect(() => firstImage()).toThrow(
      'service "web": build.args name "BUILDKIT_SYNTAX=docker.io/attacker/frontend:1 " holds "=" or a blank, which docker\'s --build-arg would split differently; rename it'
    )
  })

  it('round 10: a linked Dockerfile is checked with the ignore file beside its target, which BuildKit reads', async () => {
    write('.dockerignore', '.git\n')
    write('docker/prod.Dockerfile', 'FROM alpine\nCOPY . /app\n')
    write('docker/prod.Dockerfile.dockerignore', '*.md\n')
    symlinkSync('docker/prod.Dockerfile', path.join(workspace, 'Dockerfile'))
    write('docker-compose.yml', 'services:\n  web:\n    build: .\n    ports: ["80:80"]\n')
    expect(await rejectionOf(() => checkBuildInputs(workspace, firstImage()))).toMatch(
      /docker\/prod\.Dockerfile\.dockerignore/
    )
  })

  it('Docker’s own frontend images stay allowed, by tag or digest', async () => {
    const digest = `sha256:${'a'.repeat(64)}`
    for (const allowed of [
      'docker/dockerfile:1',
      'docker/dockerfile:1.7-labs',
      'docker.io/docker/dockerfile:1.4',
      `docker/dockerfile-upstream:master@${digest}`,
      `docker/dockerfile@${digest}`
    ]) {
      expect(customFrontend(`# syntax=${allowed}\nFROM alpine\n`, {})).toBeUndefined()
      expect(customFrontend('FROM alpine\n', { BUILDKIT_SYNTAX: allowed })).toBeUndefined()
    }
    // A comment after the first instruction is no directive.
    expect(customFrontend('FROM alpine\n# syntax=attacker/frontend\n', {})).toBeUndefined()
    write('.dockerignore', '.git\n')
    write('Dockerfile', '# syntax=docker/dockerfile:1\nFROM alpine\n')
    write('docker-compose.yml', 'services:\n  web:\n    build: .\n    ports: ["80:80"]\n')
    await expect(checkBuildInputs(workspace, firstImage())).resolves.toMatchObject({ warnings: [] })
  })
})

describe('a stage name never becomes fields of --cache-from', () => {
  it.each([
    ['x,type=s3,region=us-east-1,bucket=b,endpoint_url=https://evil.example'],
    ['x,type=gha,url=https://evil.example/'],
    ['X=1'],
    ['1stage']
  ])('FROM alpine AS %s is no stage to cache (BuildKit refuses the name)', name => {
    const dockerfile = `FROM alpine AS a\nFROM alpine AS ${name}\nFROM a\nCOPY --from=1 /etc/hostname /h\n`
    const stages = stagesToCache(dockerfile)
    expect(stages).toEqual([])
    const cacheRef = `${URI}:buildcache`
    const argv = buildArgs({
      path: { kind: 'inline-cache', builder: 'default' },
      contextDir: '/w',
      dockerfile: '/w/Dockerfile',
      buildArgs: {},
      labels: {},
      tags: [`${URI}:sha`],
      cacheRef,
      stageCacheRefs: stages.map(stage => `${cacheRef}-${stage}`)
    }).args
    const values = argv.flatMap((word, index) => (argv[index - 1] === '--cache-from' ? [word] : []))
    expect(values).toEqual([`type=registry,ref=${cacheRef}`])
  })

  it('a valid name is still cached', () => {
    expect(
      stagesToCache('FROM alpine AS gems.build-1\nFROM alpine\nCOPY --from=gems.build-1 /a /a\n')
    ).toEqual(['gems.build-1'])
  })
})

describe('the smoke test’s cleanup label is the action’s alone', () => {
  const compose = (label: string) =>
    `services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n    labels: {"${label}": "not-this-run"}\n`
  const load = (text: string) =>
    loadCompose({
      path: 'docker-compose.yml',
      text,
      env: {},
      runnerVariableNamed: runnerVariableNamed([]),
      readFile: () => undefined
    })

  it.each([PROJECT_LABEL, 'beanstalk-docker-deploy.anything'])(
    'a compose label %s is refused in one line',
    label => {
      expect(errorOf(() => load(compose(label)))).toBe(
        `service "web" labels ${label}: labels under beanstalk-docker-deploy. are the action's own (its cleanup finds containers by them); rename it`
      )
    }
  )

  it('a Dockerrun that carries one (an older bundle) does not hide the container: its label under the action’s prefix is not passed', () => {
    const plan = buildPlan(
      configFor(),
      load('services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n')
    )
    const document: DockerrunV2 = renderDockerrun(plan, {})
    const web = document.containerDefinitions[0]
    if (!web) throw new Error('no container')
    web.dockerLabels = { [PROJECT_LABEL]: 'not-this-run', 'com.example.team': 'web' }
    const app = planApp(document, { project: 'bdd-smoke-0011aabb', hostDir: '/tmp/h', bundleDir: '/tmp/b' })
    const args = app.containers[0]?.createArgs ?? []
    const labels = args.flatMap((word, index) => (args[index - 1] === '--label' ? [word] : []))
    expect(labels).toEqual([`${PROJECT_LABEL}=bdd-smoke-0011aabb`, 'com.example.team=web'])
  })
})

describe('a compose file’s cost is bounded (round 10)', () => {
  const load = (text: string, files: Record<string, string>, count: { reads: number }) =>
    loadCompose({
      path: 'docker-compose.yml',
      text,
      env: {},
      runnerVariableNamed: runnerVariableNamed([]),
      readFile: file => {
        count.reads++
        return files[file]
      }
    })

  it('services sharing an anchored list of one env_file read it once', () => {
    const services = Array.from(
      { length: 200 },
      (_, index) => `  s${index}:\n    image: nginx\n    env_file: *files\n`
    )
    const text = `x-files: &files\n${'  - e.env\n'.repeat(2000)}services:\n${services.join('')}`
    const count = { reads: 0 }
    load(text, { 'e.env': 'A=1\n' }, count)
    expect(count.reads).toBeLessThan(10)
  })

  it('more than 500 services: one line', () => {
    const services = Array.from({ length: 501 }, (_, index) => `  s${index}:\n    image: nginx\n`)
    expect(errorOf(() => load(`services:\n${services.join('')}`, {}, { reads: 0 }))).toBe(
      'docker-compose.yml: more than 500 services; the action reads at most 500'
    )
  })
})

describe('an include fan-out ends in one line', () => {
  it('each file listing the next twice (2^30 loads): refused after 100 files', () => {
    const files: Record<string, string> = {}
    const depth = 30
    for (let level = 1; level < depth; level++)
      files[`f${level}.yml`] = `include:\n  - f${level + 1}.yml\n  - f${level + 1}.yml\n`
    files[`f${depth}.yml`] = 'x-leaf: 1\n'
    let reads = 0
    const message = errorOf(() =>
      loadCompose({
        path: 'docker-compose.yml',
        text: 'include:\n  - f1.yml\n  - f1.yml\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n',
        env: {},
        runnerVariableNamed: runnerVariableNamed([]),
        readFile: file => {
          reads++
          return files[file]
        }
      })
    )
    expect(message).toMatch(
      /include reads more than 100 compose files \(is a file included more than once\?\)/
    )
    expect(reads).toBeLessThan(300)
  })
})
