// What buildPlan assembles around the containers (src/core/plan/build-plan.ts): volumes and their names, volumes_from,
// secret build args, variables left to the environment, and the version label of a subset of services.

import { describe, expect, it } from '@jest/globals'
import { buildPlan, subsetVersionLabel } from '../../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn, type FakeWorkspace } from '../workspace-fake.js'

const planOf = (text: string, inputs: RawInputs = {}, workspace: FakeWorkspace = {}) =>
  buildPlan(configFor({ database: 'none', cache: 'none', ...inputs }), composeIn(text, workspace))

describe('buildPlan: volumes', () => {
  it('two paths that flatten to one name get numbered names; one path mounted twice keeps one', () => {
    const plan = planOf(
      'services:\n  web:\n    image: app\n    ports: ["80:80"]\n    volumes: ["./nginx/conf.d:/a:ro", "./nginx-conf.d:/b", "./nginx/conf.d:/c"]\n',
      {},
      { files: { 'nginx/conf.d/x.conf': '', 'nginx-conf.d/y.conf': '' } }
    )
    expect(plan.volumes).toEqual([
      { name: 'nginx-conf-d', sourcePath: '/var/app/current/nginx/conf.d' },
      { name: 'nginx-conf-d-2', sourcePath: '/var/app/current/nginx-conf.d' }
    ])
    expect(plan.containers[0]?.mountPoints).toStrictEqual([
      { sourceVolume: 'nginx-conf-d', containerPath: '/a', readOnly: true },
      { sourceVolume: 'nginx-conf-d-2', containerPath: '/b' },
      { sourceVolume: 'nginx-conf-d', containerPath: '/c' }
    ])
    expect(plan.bundleFiles).toEqual([
      { source: 'nginx/conf.d', target: 'nginx/conf.d' },
      { source: 'nginx-conf.d', target: 'nginx-conf.d' }
    ])
  })

  it('volumes_from a deployed service, read-only as given; one not deployed is said; itself is refused', () => {
    const text =
      'services:\n  web:\n    image: app\n    ports: ["80:80"]\n    volumes_from: ["assets:ro", "logs"]\n  assets:\n    image: assets\n  logs:\n    image: logs\n'
    expect(planOf(text).containers[0]?.volumesFrom).toStrictEqual([
      { sourceContainer: 'assets', readOnly: true },
      { sourceContainer: 'logs' }
    ])
    const partial = planOf(text, { services: 'web,assets' })
    expect(partial.containers[0]?.volumesFrom).toStrictEqual([{ sourceContainer: 'assets', readOnly: true }])
    expect(partial.notes).toContain('web: volumes_from logs dropped: logs is not deployed')
    expect(() => planOf('services:\n  web:\n    image: app\n    volumes_from: [web]\n')).toThrow(
      'service "web": volumes_from itself'
    )
  })
})

describe('buildPlan: build args and variables', () => {
  it('secret-looking build args are warned of once, by the service that builds the image', () => {
    const plan = planOf(
      'services:\n  web:\n    build: {context: ., args: {NPM_TOKEN: x}}\n    ports: ["80:80"]\n  worker:\n    build: {context: ., args: {NPM_TOKEN: x}}\n'
    )
    expect(plan.warnings).toEqual([
      'web: build arg(s) NPM_TOKEN look secret: build args stay readable in the image history (docker history) pushed to ECR; pass secrets to the build as BuildKit secrets (RUN --mount=type=secret) instead'
    ])
  })

  it('variables left to the environment are named once, in one note', () => {
    const one = planOf(
      'services:\n  web:\n    image: app\n    environment: [API_KEY]\n  worker:\n    image: app\n    environment: [API_KEY]\n'
    )
    expect(one.runtimeVariables).toEqual([
      { container: 'web', name: 'API_KEY' },
      { container: 'worker', name: 'API_KEY' }
    ])
    expect(one.notes).toContain(
      'API_KEY has no value in the compose file: not written into the bundle; set as an environment property of the Beanstalk environment, or pass by reference with the secrets input'
    )
    const two = planOf('services:\n  web:\n    image: app\n    environment: [API_KEY, TOKEN]\n')
    expect(two.notes).toContain(
      'API_KEY, TOKEN have no value in the compose file: not written into the bundle; set as an environment property of the Beanstalk environment, or pass by reference with the secrets input'
    )
    expect(planOf('services:\n  web:\n    image: app\n').notes.join('\n')).not.toContain(
      'no value in the compose file'
    )
  })
})

describe('subsetVersionLabel', () => {
  it('appends the services, sorted and made label-safe, within 100 characters', () => {
    expect(subsetVersionLabel('sha-0123456789ab', ['worker', 'api'])).toBe('sha-0123456789ab-api-worker')
    expect(subsetVersionLabel('v1', ['web+admin'])).toBe('v1-web-admin')
    expect(subsetVersionLabel('', ['web'])).toBe('')
    const long = subsetVersionLabel('x'.repeat(90), ['abcdefghij.', 'k'])
    expect(long).toBe(`${'x'.repeat(90)}-abcdefghi`)
    expect(subsetVersionLabel('x'.repeat(96), ['ab', 'cd'])).toBe(`${'x'.repeat(96)}-ab`)
  })
})
