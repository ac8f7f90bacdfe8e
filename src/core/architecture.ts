// Pure: which CPU architecture an image must be built for.
//
// A Beanstalk environment runs its containers on its EC2 instances; an image
// built for another architecture fails there ("exec format error"), so the
// architecture comes from the environment's instance types, read from
// DescribeConfigurationSettings (which lists every option with its value,
// defaults included, as `eb config` shows). Namespaces and options, from
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html:
//  - aws:ec2:instances InstanceTypes: the comma-separated instance types the
//    environment launches (On-Demand and Spot);
//  - aws:ec2:instances SupportedArchitectures: the comma-separated
//    architectures those types may have (x86_64, arm64, i386);
//  - aws:autoscaling:launchconfiguration InstanceType: the older single
//    instance type, read when InstanceTypes is absent.
// An instance type's architecture follows EC2's naming: a `g` among the
// attributes after the generation digit means an AWS Graviton (arm64)
// processor (t4g, m7g, c7gn, im4gn, x2gd, g5g), as does the a1 family
// (https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html),
// as do NVIDIA Grace superchip types (p6e-gb200); every other type Beanstalk
// launches is x86_64. Checked against every instance type botocore 1.43's EC2
// model lists (1,212 types, 188 families): the 37 Graviton families and
// p6e-gb200 come out arm64, the rest x86_64 (mac* are Apple silicon, which
// Beanstalk does not launch).

export type Architecture = 'amd64' | 'arm64'

/** The OCI platform of each architecture: what buildx's --platform and an image config say. */
export const PLATFORM: Record<Architecture, string> = { amd64: 'linux/amd64', arm64: 'linux/arm64' }

/** EC2's name (SupportedArchitectures, DescribeInstanceTypes) of each architecture. */
const EC2_NAME: Record<Architecture, string> = { amd64: 'x86_64', arm64: 'arm64' }

export const INSTANCES_NAMESPACE = 'aws:ec2:instances'
export const LAUNCH_CONFIGURATION_NAMESPACE = 'aws:autoscaling:launchconfiguration'

/** The architecture of an EC2 instance type such as `t4g.small` or `m7i-flex.large`. */
export function instanceTypeArchitecture(instanceType: string): Architecture {
  const family = instanceType.trim().toLowerCase().split('.')[0] ?? ''
  // a1: the first Graviton; -gb200 / -gh200: NVIDIA Grace (an Arm CPU) superchips, e.g. p6e-gb200.
  if (family === 'a1' || /-g[bh]\d+$/.test(family)) return 'arm64'
  const match = /^[a-z]+\d+([a-z]*)/.exec(family)
  return match && (match[1] ?? '').includes('g') ? 'arm64' : 'amd64'
}

/**
 * A platform as compose (`platform:`), buildx (`--platform`) or this action's
 * `platform` input write it: `linux/arm64`, `linux/arm64/v8`, `arm64`,
 * `linux/amd64`, `x86_64`… Undefined for anything Beanstalk cannot run.
 */
export function platformArchitecture(platform: string): Architecture | undefined {
  const parts = platform.trim().toLowerCase().split('/')
  const [os, arch] = parts.length === 1 ? ['linux', parts[0]] : [parts[0], parts[1]]
  if (os !== 'linux' || parts.length > 3) return undefined
  if (arch === 'amd64' || arch === 'x86_64') return 'amd64'
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64'
  return undefined
}

/** An option setting as the SDK gives it (its optional fields may be undefined). */
export interface OptionValue {
  Namespace?: string | undefined
  OptionName?: string | undefined
  Value?: string | undefined
}

/** What an environment's settings say about its architecture. */
export interface EnvironmentArchitecture {
  environment: string
  /** Undefined when the settings name no instance type at all. */
  architecture?: Architecture
  /** e.g. `instance types t4g.small, t4g.medium` — for the log and for errors. */
  evidence: string
}

const commaList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(part => part.length > 0)

/** The architecture an environment's option settings give; throws one line when they mix two. */
export function environmentArchitecture(
  environment: string,
  settings: readonly OptionValue[]
): EnvironmentArchitecture {
  const value = (namespace: string, option: string): string | undefined =>
    settings.find(setting => setting.Namespace === namespace && setting.OptionName === option)?.Value
  const listed = commaList(value(INSTANCES_NAMESPACE, 'InstanceTypes'))
  const instanceTypes =
    listed.length > 0 ? listed : commaList(value(LAUNCH_CONFIGURATION_NAMESPACE, 'InstanceType'))
  const byType = new Map(instanceTypes.map(type => [type, instanceTypeArchitecture(type)]))
  const supported = commaList(value(INSTANCES_NAMESPACE, 'SupportedArchitectures')).flatMap(name => {
    const architecture = (Object.keys(EC2_NAME) as Architecture[]).find(key => EC2_NAME[key] === name)
    return architecture ? [architecture] : []
  })
  const architectures = new Set([...byType.values(), ...supported])
  const evidence = [
    ...(instanceTypes.length > 0 ? [`instance types ${instanceTypes.join(', ')}`] : []),
    ...(supported.length > 0 ? [`SupportedArchitectures ${supported.map(a => EC2_NAME[a]).join(', ')}`] : [])
  ].join(', ')
  if (architectures.size > 1) {
    throw new Error(
      `Environment ${environment} mixes x86_64 and arm64 (${evidence}): one image runs on one architecture; ` +
        `give it instance types of one architecture (aws:ec2:instances InstanceTypes)`
    )
  }
  const [architecture] = [...architectures]
  return { environment, ...(architecture !== undefined && { architecture }), evidence }
}

/** Where an image's platform comes from, strongest first. */
export interface PlatformSources {
  image: string
  /** Compose services that run the image, each with its `platform:` when it has one. */
  services: { name: string; platform?: string }[]
  /** The `platform` input (an override of what the environments say). */
  input?: string
  /** The environments that run the image. */
  environments: readonly EnvironmentArchitecture[]
}

export interface ImagePlatform {
  /** The buildx platform, e.g. linux/arm64; undefined: build for the runner's own architecture. */
  platform?: string
  /** Why, for the log. */
  why: string
  /** Things the user should know (an input overriding the environment…). */
  warnings: string[]
}

/**
 * The platform one image is built for: compose's `platform:` of its services,
 * else the `platform` input, else the architecture of the environments that
 * run it. Refuses (one line) what would deploy an image its instances cannot
 * run: services of one image asking for two platforms, a compose platform
 * other than the environment's, and one image for environments of two
 * architectures.
 */
export function imagePlatform(sources: PlatformSources): ImagePlatform {
  const warnings: string[] = []
  const composed = new Map<Architecture, string[]>()
  for (const service of sources.services) {
    if (service.platform === undefined) continue
    const architecture = platformArchitecture(service.platform)
    if (!architecture) {
      throw new Error(
        `Service ${service.name} has platform "${service.platform}"; Beanstalk runs linux/amd64 or linux/arm64`
      )
    }
    composed.set(architecture, [...(composed.get(architecture) ?? []), service.name])
  }
  if (composed.size > 1) {
    throw new Error(
      `Services ${[...composed.values()].flat().join(', ')} share the image ${sources.image} but set different platforms; one image runs on one architecture`
    )
  }
  const known = sources.environments.filter(environment => environment.architecture !== undefined)
  const byArchitecture = new Set(known.map(environment => environment.architecture))
  if (byArchitecture.size > 1) {
    throw new Error(
      `The image ${sources.image} would run on environments of two architectures (${known
        .map(environment => `${environment.environment}: ${environment.evidence}`)
        .join(
          '; '
        )}); one image runs on one architecture: deploy them from separate steps, or give them instance types of one architecture`
    )
  }
  const environmentArch = known[0]?.architecture
  const describeEnvironments = known
    .map(environment => `${environment.environment} runs ${environment.evidence}`)
    .join('; ')
  const [composedArch, composedBy] = [...composed.entries()][0] ?? []
  if (composedArch !== undefined) {
    const inputArch = sources.input === undefined ? undefined : platformArchitecture(sources.input)
    if (inputArch !== undefined && inputArch !== composedArch) {
      throw new Error(
        `Service ${(composedBy ?? []).join(', ')} has platform ${PLATFORM[composedArch]}, but input platform is ${PLATFORM[inputArch]}; remove one of them`
      )
    }
    if (environmentArch !== undefined && composedArch !== environmentArch) {
      throw new Error(
        `Service ${(composedBy ?? []).join(', ')} has platform ${PLATFORM[composedArch]}, but ${describeEnvironments}: its instances could not run the image; change platform: or the environment's instance types`
      )
    }
    return {
      platform: PLATFORM[composedArch],
      why: `platform: of service ${(composedBy ?? []).join(', ')} in the compose file`,
      warnings
    }
  }
  if (sources.input !== undefined) {
    const architecture = platformArchitecture(sources.input)
    if (!architecture)
      throw new Error(`Input 'platform' must be linux/amd64 or linux/arm64 (got "${sources.input}")`)
    if (environmentArch !== undefined && architecture !== environmentArch) {
      warnings.push(
        `Input platform is ${PLATFORM[architecture]}, but ${describeEnvironments}: the image ${sources.image} is built for ${PLATFORM[architecture]} as the input says`
      )
    }
    return { platform: PLATFORM[architecture], why: 'the platform input', warnings }
  }
  if (environmentArch !== undefined) {
    return { platform: PLATFORM[environmentArch], why: describeEnvironments, warnings }
  }
  return {
    why:
      sources.environments.length > 0
        ? `no instance type found for ${sources.environments.map(environment => environment.environment).join(', ')}: built for the runner's architecture`
        : "built for the runner's architecture",
    warnings
  }
}
