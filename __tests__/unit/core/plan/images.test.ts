// The images a plan builds (src/core/plan/images.ts): one per distinct build, shared by every service built like it
// or running it by name, each in its own ECR repository.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const planOf = (text: string, inputs: RawInputs = {}) =>
  buildPlan(
    configFor({ database: 'none', cache: 'none', 'ecr-repository-prefix': 'shop', ...inputs }),
    composeIn(text)
  )
const images = (plan: ReturnType<typeof planOf>) =>
  plan.images.map(({ id, services, repository }) => ({ id, services, repository }))
const runs = (plan: ReturnType<typeof planOf>) =>
  Object.fromEntries(plan.containers.map(container => [container.name, container.image]))

describe('planImages', () => {
  it('services built alike share one image, named after the first; the Dockerfile path is compared normalised', () => {
    const plan = planOf(
      'services:\n  web:\n    build: .\n    ports: ["80:80"]\n  worker:\n    build: {context: ., dockerfile: ./Dockerfile}\n    command: work\n'
    )
    expect(images(plan)).toEqual([{ id: 'web', services: ['web', 'worker'], repository: 'shop/web' }])
    expect(runs(plan)).toEqual({
      web: { kind: 'build', buildId: 'web' },
      worker: { kind: 'build', buildId: 'web' }
    })
  })

  it.each([
    ['build args', '    build: {context: ., args: {MODE: worker}}\n'],
    ['a target', '    build: {context: ., target: worker}\n'],
    ['another Dockerfile', '    build: {context: ., dockerfile: Dockerfile.worker}\n'],
    ['another context', '    build: ./worker\n'],
    ['an inline Dockerfile', '    build: {context: ., dockerfile_inline: "FROM app"}\n']
  ])('%s make another image', (_case, build) => {
    const plan = planOf(`services:\n  web:\n    build: .\n    ports: ["80:80"]\n  worker:\n${build}`)
    expect(images(plan)).toEqual([
      { id: 'web', services: ['web'], repository: 'shop/web' },
      { id: 'worker', services: ['worker'], repository: 'shop/worker' }
    ])
  })

  it('an image carries its build as the file gives it: context, Dockerfile, inline Dockerfile, args, target', () => {
    const plan = planOf(
      'services:\n  web:\n    build: {context: ./web, dockerfile: docker/Dockerfile, args: {A: "1"}, target: prod}\n    ports: ["80:80"]\n  job:\n    build: {context: ., dockerfile_inline: "FROM alpine"}\n  plain:\n    build: ./plain\n'
    )
    expect(plan.images).toStrictEqual([
      {
        id: 'web',
        services: ['web'],
        repository: 'shop/web',
        context: 'web',
        dockerfile: 'docker/Dockerfile',
        args: { A: '1' },
        target: 'prod'
      },
      {
        id: 'job',
        services: ['job'],
        repository: 'shop/job',
        context: '.',
        dockerfile: 'Dockerfile',
        dockerfileInline: 'FROM alpine',
        args: {}
      },
      {
        id: 'plain',
        services: ['plain'],
        repository: 'shop/plain',
        context: 'plain',
        dockerfile: 'Dockerfile',
        args: {}
      }
    ])
  })

  it('an empty target is no target: one image', () => {
    const plan = planOf(
      'services:\n  web:\n    build: {context: ., target: ""}\n    ports: ["80:80"]\n  worker:\n    build: .\n'
    )
    expect(plan.images.map(image => image.services)).toEqual([['web', 'worker']])
  })

  it('the build args are compared whatever their order', () => {
    const plan = planOf(
      'services:\n  web:\n    build: {context: ., args: {A: "1", B: "2"}}\n    ports: ["80:80"]\n  worker:\n    build: {context: ., args: {B: "2", A: "1"}}\n'
    )
    expect(plan.images).toHaveLength(1)
  })

  it('an image is named after the first service building it among all, deployed or not', () => {
    const plan = planOf('services:\n  web:\n    build: .\n    ports: ["80:80"]\n  worker:\n    build: .\n', {
      services: 'worker'
    })
    expect(images(plan)).toEqual([{ id: 'web', services: ['worker'], repository: 'shop/web' }])
  })

  it('a YAML template does not name the image', () => {
    const plan = planOf(
      'services:\n  base: &base\n    build: .\n  web:\n    <<: *base\n    ports: ["80:80"]\n'
    )
    expect(images(plan)).toEqual([{ id: 'web', services: ['web'], repository: 'shop/web' }])
  })

  it('a service whose image is the name another service builds runs that build, and says so', () => {
    const plan = planOf(
      'services:\n  web:\n    build: .\n    image: acme/shop\n    ports: ["80:80"]\n  worker:\n    image: acme/shop\n    command: work\n'
    )
    expect(runs(plan).worker).toEqual({ kind: 'build', buildId: 'web' })
    expect(plan.notes).toContain('worker: runs the image web builds (acme/shop), as compose does')
  })

  it.each(['shop-web', 'shop_web', 'my.project-web:latest'])(
    'a service whose image is compose’s default name for another’s build (%s) runs that build',
    image => {
      const plan = planOf(
        `services:\n  web:\n    build: .\n    ports: ["80:80"]\n  worker:\n    image: ${image}\n`
      )
      expect(runs(plan).worker).toEqual({ kind: 'build', buildId: 'web' })
    }
  )

  it.each(['registry.example.com/shop-web', 'shop-web:1.0', 'shopweb', 'Shop-web'])(
    '%s is a prebuilt image',
    image => {
      const plan = planOf(
        `services:\n  web:\n    build: .\n    ports: ["80:80"]\n  worker:\n    image: ${image}\n`
      )
      expect(runs(plan).worker).toEqual({ kind: 'prebuilt', ref: image })
    }
  )

  it('a default name does not point at a build that has an image name of its own', () => {
    const plan = planOf(
      'services:\n  web:\n    build: .\n    image: acme/web\n    ports: ["80:80"]\n  worker:\n    image: shop-web\n'
    )
    expect(runs(plan).worker).toEqual({ kind: 'prebuilt', ref: 'shop-web' })
  })

  it('repository names are lowercase letters, digits and hyphens', () => {
    const plan = planOf('services:\n  API_v1:\n    build: .\n    ports: ["80:80"]\n  _:\n    build: ./x\n')
    expect(plan.images.map(image => image.repository)).toEqual(['shop/api-v1', 'shop/app'])
  })

  it('two builds mapping to one repository are refused', () => {
    expect(() =>
      planOf('services:\n  api_v1:\n    build: .\n    ports: ["80:80"]\n  api-v1:\n    build: ./other\n')
    ).toThrow(
      'services "api_v1" and "api-v1" build different images but both map to the ECR repository shop/api-v1; rename one of them'
    )
  })
})
