// The architecture an image is built for: instance types → architecture,
// an environment's option settings → one architecture or a refusal, and the
// order compose's platform:, the platform input and the environments decide in.

import { describe, expect, it } from '@jest/globals'

import {
  environmentArchitecture,
  imagePlatform,
  instanceTypeArchitecture,
  platformArchitecture,
  type EnvironmentArchitecture
} from '../../../src/core/architecture.js'
import { parseInputs } from '../../../src/core/inputs.js'

describe('instanceTypeArchitecture', () => {
  // Graviton: a1 and a `g` among the attributes after the generation digit.
  it.each([
    'a1.medium',
    't4g.small',
    'm6g.large',
    'm6gd.xlarge',
    'm7g.medium',
    'm8g.large',
    'c6gn.large',
    'c7gd.2xlarge',
    'r7g.large',
    'x2gd.large',
    'im4gn.large',
    'is4gen.medium',
    'g5g.xlarge',
    'i4g.large',
    'hpc7g.4xlarge',
    'c8gb.large',
    'r8gn.medium',
    'i8ge.large',
    'p6e-gb200.36xlarge',
    ' T4G.Micro '
  ])('%s is arm64', type => expect(instanceTypeArchitecture(type)).toBe('arm64'))

  // x86: the family letter g (GPU) is before the digit; a, i, d, n, e, z, flex are not Graviton.
  it.each([
    't3.micro',
    't3a.small',
    't2.nano',
    'm5.large',
    'm7i-flex.large',
    'm7a.medium',
    'c5n.large',
    'g4dn.xlarge',
    'g5.xlarge',
    'gr6.4xlarge',
    'x2iedn.xlarge',
    'z1d.large',
    'inf2.xlarge',
    'trn1.2xlarge',
    'u-6tb1.metal',
    'r7iz.large',
    'd3en.xlarge',
    'g6f.large',
    'gr6f.4xlarge',
    'p6-b200.48xlarge',
    'c8i-flex.large',
    'u7inh-32tb.480xlarge',
    'x8aedz.large'
  ])('%s is amd64', type => expect(instanceTypeArchitecture(type)).toBe('amd64'))
})

describe('platformArchitecture', () => {
  it.each([
    ['linux/arm64', 'arm64'],
    ['linux/arm64/v8', 'arm64'],
    ['arm64', 'arm64'],
    ['linux/aarch64', 'arm64'],
    ['linux/amd64', 'amd64'],
    ['x86_64', 'amd64'],
    ['LINUX/AMD64', 'amd64']
  ])('%s → %s', (text, architecture) => expect(platformArchitecture(text)).toBe(architecture))

  it.each(['windows/amd64', 'linux/arm/v7', 'linux/386', 'linux/s390x', '', 'linux/arm64/v8/x'])(
    '%s is nothing Beanstalk runs',
    text => expect(platformArchitecture(text)).toBeUndefined()
  )
})

const setting = (Namespace: string, OptionName: string, Value: string) => ({ Namespace, OptionName, Value })
const INSTANCE_TYPES = (value: string) => setting('aws:ec2:instances', 'InstanceTypes', value)
const INSTANCE_TYPE = (value: string) => setting('aws:autoscaling:launchconfiguration', 'InstanceType', value)

describe('environmentArchitecture', () => {
  it('reads aws:ec2:instances InstanceTypes (comma-separated, spaces as Beanstalk returns them)', () => {
    expect(environmentArchitecture('prod', [INSTANCE_TYPES('t4g.small, t4g.medium')])).toEqual({
      environment: 'prod',
      architecture: 'arm64',
      evidence: 'instance types t4g.small, t4g.medium'
    })
  })

  it('prefers InstanceTypes over the older launch configuration InstanceType', () => {
    const settings = [INSTANCE_TYPE('t3.micro'), INSTANCE_TYPES('m7g.large')]
    expect(environmentArchitecture('prod', settings).architecture).toBe('arm64')
  })

  it('falls back to aws:autoscaling:launchconfiguration InstanceType', () => {
    expect(environmentArchitecture('prod', [INSTANCE_TYPE('c7g.large')]).architecture).toBe('arm64')
    expect(environmentArchitecture('prod', [INSTANCE_TYPE('t3.small')]).architecture).toBe('amd64')
  })

  it('is unknown when no setting names an instance type', () => {
    expect(
      environmentArchitecture('prod', [setting('aws:elasticbeanstalk:application:environment', 'A', 'b')])
    ).toEqual({ environment: 'prod', evidence: '' })
  })

  it('refuses instance types of two architectures in one line', () => {
    expect(() => environmentArchitecture('prod', [INSTANCE_TYPES('t3.small,t4g.small')])).toThrow(
      /^Environment prod mixes x86_64 and arm64 \(instance types t3\.small, t4g\.small\): one image runs on one architecture; give it instance types of one architecture \(aws:ec2:instances InstanceTypes\)$/
    )
  })

  it('refuses SupportedArchitectures that contradict the instance types', () => {
    const settings = [
      INSTANCE_TYPES('t4g.small'),
      setting('aws:ec2:instances', 'SupportedArchitectures', 'x86_64')
    ]
    expect(() => environmentArchitecture('prod', settings)).toThrow(/mixes x86_64 and arm64/)
  })

  it('takes SupportedArchitectures alone when no type is listed', () => {
    const settings = [setting('aws:ec2:instances', 'SupportedArchitectures', 'arm64')]
    expect(environmentArchitecture('prod', settings).architecture).toBe('arm64')
  })
})

const env = (environment: string, architecture?: 'amd64' | 'arm64'): EnvironmentArchitecture => ({
  environment,
  ...(architecture && { architecture }),
  evidence: architecture === 'arm64' ? 'instance types t4g.small' : 'instance types t3.small'
})

describe('imagePlatform', () => {
  it("builds for the environments' architecture", () => {
    expect(
      imagePlatform({ image: 'web', services: [{ name: 'web' }], environments: [env('prod', 'arm64')] })
    ).toEqual({ platform: 'linux/arm64', why: 'prod runs instance types t4g.small', warnings: [] })
  })

  it('refuses one image for environments of two architectures', () => {
    expect(() =>
      imagePlatform({
        image: 'web',
        services: [{ name: 'web' }, { name: 'worker' }],
        environments: [env('web-env', 'amd64'), env('worker-env', 'arm64')]
      })
    ).toThrow(/^The image web would run on environments of two architectures \(web-env: .*; worker-env: .*\)/)
  })

  it("takes compose's platform: and refuses one the environment cannot run", () => {
    const services = [{ name: 'web', platform: 'linux/arm64/v8' }]
    expect(imagePlatform({ image: 'web', services, environments: [env('prod', 'arm64')] }).platform).toBe(
      'linux/arm64'
    )
    expect(imagePlatform({ image: 'web', services, environments: [env('prod')] }).platform).toBe(
      'linux/arm64'
    )
    expect(() => imagePlatform({ image: 'web', services, environments: [env('prod', 'amd64')] })).toThrow(
      /^Service web has platform linux\/arm64, but prod runs instance types t3\.small: its instances could not run the image/
    )
  })

  it('refuses services of one image asking for two platforms, and a platform Beanstalk cannot run', () => {
    expect(() =>
      imagePlatform({
        image: 'web',
        services: [
          { name: 'web', platform: 'linux/amd64' },
          { name: 'worker', platform: 'linux/arm64' }
        ],
        environments: []
      })
    ).toThrow(/share the image web but set different platforms/)
    expect(() =>
      imagePlatform({ image: 'web', services: [{ name: 'web', platform: 'linux/arm/v7' }], environments: [] })
    ).toThrow(/^Service web has platform "linux\/arm\/v7"; Beanstalk runs linux\/amd64 or linux\/arm64$/)
  })

  it('refuses a platform input that contradicts compose', () => {
    expect(() =>
      imagePlatform({
        image: 'web',
        services: [{ name: 'web', platform: 'linux/amd64' }],
        input: 'linux/arm64',
        environments: []
      })
    ).toThrow(
      /^Service web has platform linux\/amd64, but input platform is linux\/arm64; remove one of them$/
    )
  })

  it('lets the platform input override the environments, with a warning when they differ', () => {
    const decided = imagePlatform({
      image: 'web',
      services: [{ name: 'web' }],
      input: 'linux/amd64',
      environments: [env('prod', 'arm64')]
    })
    expect(decided.platform).toBe('linux/amd64')
    expect(decided.warnings).toEqual([
      'Input platform is linux/amd64, but prod runs instance types t4g.small: the image web is built for linux/amd64 as the input says'
    ])
  })

  it("builds for the runner's architecture when nothing says otherwise", () => {
    expect(imagePlatform({ image: 'web', services: [{ name: 'web' }], environments: [env('prod')] })).toEqual(
      {
        why: "no instance type found for prod: built for the runner's architecture",
        warnings: []
      }
    )
  })
})

describe('the platform input', () => {
  const base = { application: 'shop', environment: 'shop-prod', 'compose-file': 'docker-compose.yml' }
  const context = { eventName: 'push', sha: 'a'.repeat(40) }

  it('is normalised to linux/amd64 or linux/arm64', () => {
    expect(parseInputs({ ...base, platform: 'arm64' }, context).config.platform).toBe('linux/arm64')
    expect(parseInputs({ ...base, platform: 'linux/amd64' }, context).config.platform).toBe('linux/amd64')
    expect(parseInputs(base, context).config.platform).toBeUndefined()
  })

  it('refuses anything else in one line naming the input', () => {
    expect(() => parseInputs({ ...base, platform: 'linux/arm/v7' }, context)).toThrow(
      /platform.*must be linux\/amd64 or linux\/arm64 \(got "linux\/arm\/v7"\)/
    )
  })
})

// Mutation testing (docs/development.md#mutation-testing) found these rules unpinned.
describe('the edges', () => {
  it('reads a platform in any case and with spaces around it', () => {
    expect(platformArchitecture(' Linux/ARM64 ')).toBe('arm64')
    expect(platformArchitecture('X86_64')).toBe('amd64')
  })

  it('reads only aws:ec2:instances InstanceTypes, not a property of that name', () => {
    const settings = [
      setting('aws:elasticbeanstalk:application:environment', 'InstanceTypes', 't4g.small'),
      INSTANCE_TYPES('t3.small')
    ]
    expect(environmentArchitecture('prod', settings).architecture).toBe('amd64')
  })

  it('names every source in its evidence and leaves out architectures Beanstalk cannot run', () => {
    const settings = [
      INSTANCE_TYPES('t3.small'),
      setting('aws:ec2:instances', 'SupportedArchitectures', 'x86_64, i386')
    ]
    expect(environmentArchitecture('prod', settings)).toStrictEqual({
      environment: 'prod',
      architecture: 'amd64',
      evidence: 'instance types t3.small, SupportedArchitectures x86_64'
    })
    expect(environmentArchitecture('prod', [])).toStrictEqual({ environment: 'prod', evidence: '' })
  })

  it('an environment whose architecture is unknown does not stand against one that is known', () => {
    expect(
      imagePlatform({
        image: 'web',
        services: [],
        environments: [env('preview'), env('prod', 'arm64'), env('staging', 'arm64')]
      })
    ).toStrictEqual({
      platform: 'linux/arm64',
      why: 'prod runs instance types t4g.small; staging runs instance types t4g.small',
      warnings: []
    })
  })

  it("names every service of the image in compose's answers", () => {
    const services = [
      { name: 'web', platform: 'linux/arm64' },
      { name: 'worker', platform: 'arm64' }
    ]
    expect(imagePlatform({ image: 'app', services, input: 'linux/arm64', environments: [] })).toStrictEqual({
      platform: 'linux/arm64',
      why: 'platform: of service web, worker in the compose file',
      warnings: []
    })
    expect(() => imagePlatform({ image: 'app', services, input: 'amd64', environments: [] })).toThrow(
      /^Service web, worker has platform linux\/arm64, but input platform is linux\/amd64/
    )
    expect(() => imagePlatform({ image: 'app', services, environments: [env('prod', 'amd64')] })).toThrow(
      /^Service web, worker has platform linux\/arm64, but prod runs/
    )
    expect(() =>
      imagePlatform({
        image: 'app',
        services: [...services, { name: 'cron', platform: 'linux/amd64' }],
        environments: []
      })
    ).toThrow(
      /^Services web, worker, cron share the image app but set different platforms; one image runs on one architecture$/
    )
  })

  it('the platform input: refused when Beanstalk cannot run it, silent when the environments agree or say nothing', () => {
    expect(() =>
      imagePlatform({ image: 'web', services: [], input: 'linux/arm/v7', environments: [] })
    ).toThrow(/^Input 'platform' must be linux\/amd64 or linux\/arm64 \(got "linux\/arm\/v7"\)$/)
    for (const environments of [[env('prod', 'arm64')], [env('prod')], []]) {
      expect(imagePlatform({ image: 'web', services: [], input: 'arm64', environments })).toStrictEqual({
        platform: 'linux/arm64',
        why: 'the platform input',
        warnings: []
      })
    }
  })

  it("says the runner's architecture is used, naming the environments it could not read", () => {
    expect(imagePlatform({ image: 'web', services: [], environments: [] }).why).toBe(
      "built for the runner's architecture"
    )
    expect(imagePlatform({ image: 'web', services: [], environments: [env('a'), env('b')] }).why).toBe(
      "no instance type found for a, b: built for the runner's architecture"
    )
  })
})
