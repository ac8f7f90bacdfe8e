// Which image builder this runner really has, asked of Docker, never assumed:
//  - buildx: `docker buildx version` succeeds. Then which builder a build
//    would use (`docker buildx inspect`, or the one the `builder` input
//    names), its driver, and for the `docker` driver the image store of the
//    daemon it builds in (`docker info` DriverStatus): only a containerd
//    store lets that driver export a registry cache.
//  - buildkit: no buildx, but a classic CLI (< 23.0) talking to a daemon that
//    has BuildKit (API >= 1.39). `DOCKER_BUILDKIT=1 docker build` uses the
//    daemon's BuildKit and supports inline cache.
//  - legacy: anything else, e.g. a 23+ CLI without the buildx plugin: such a
//    CLI refuses DOCKER_BUILDKIT=1 ("BuildKit is enabled but the buildx
//    component is missing"), so the only thing left is the classic builder.
// Parsing and deciding are pure (tested as tables); inspectBuilder runs the probes.

import { InputError } from '../../core/errors.js'
import { lastErrorLine, type CommandResult, type CommandRunner } from './command-runner.js'

export type ImageStore = 'containerd' | 'classic'

export interface BuildxBuilder {
  name: string
  /** docker, docker-container, remote, kubernetes, cloud-… */
  driver: string
  /** The docker context (docker driver) or address the builder's first node uses. */
  endpoint?: string
  /** docker driver only: the store of the daemon it builds in. */
  imageStore?: ImageStore
  /** The platforms its first node can build for (`Platforms:`), e.g. linux/amd64, linux/arm64 with QEMU. */
  platforms?: string[]
}

export type RunnerBuilder =
  | { kind: 'buildx'; version: string; builder: BuildxBuilder }
  /** `arch`: the daemon's architecture (Docker's name, e.g. amd64, arm64): the only one these builders build for. */
  | { kind: 'buildkit'; reason: string; arch?: string }
  | { kind: 'legacy'; reason: string; arch?: string }

/** The CLI major version from which BuildKit builds go through buildx only. */
const FIRST_BUILDX_ONLY_CLI_MAJOR = 23
/** The daemon API version that shipped BuildKit as a stable (non-experimental) builder: Docker 18.09. */
const FIRST_BUILDKIT_API: [number, number] = [1, 39]
/** The DriverStatus entry of a daemon whose images live in containerd (Docker 24+ with containerd-snapshotter, 29 by default). */
const CONTAINERD_DRIVER_TYPE = 'io.containerd.snapshotter.v1'

function parseVersion(text: string | undefined): number[] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(text ?? '')
  return match ? [Number(match[1]), Number(match[2])] : undefined
}

function atLeast(version: number[], minimum: number[]): boolean {
  const [major = 0, minor = 0] = version
  const [minMajor = 0, minMinor = 0] = minimum
  return major > minMajor || (major === minMajor && minor >= minMinor)
}

interface DockerVersionJson {
  Client?: { Version?: string }
  Server?: { ApiVersion?: string; Os?: string; Arch?: string } | null
}

/** Pure: without buildx, what `docker version --format '{{json .}}'` allows. */
export function builderWithoutBuildx(dockerVersion: CommandResult): RunnerBuilder {
  if (dockerVersion.exitCode !== 0) {
    const detail = dockerVersion.stderr.trim().split('\n').at(-1) ?? ''
    throw new Error(`Docker is not usable on this runner: docker version failed: ${detail}`)
  }
  let info: DockerVersionJson
  try {
    info = JSON.parse(dockerVersion.stdout) as DockerVersionJson
  } catch {
    throw new Error(`Docker is not usable on this runner: unexpected docker version output`)
  }
  const client = info.Client?.Version ?? 'unknown'
  const clientVersion = parseVersion(info.Client?.Version)
  const serverApi = parseVersion(info.Server?.ApiVersion)
  if (!serverApi) throw new Error(`Docker is not usable on this runner: the Docker daemon did not answer`)
  const classicCli = clientVersion !== undefined && !atLeast(clientVersion, [FIRST_BUILDX_ONLY_CLI_MAJOR, 0])
  const daemonHasBuildKit = atLeast(serverApi, FIRST_BUILDKIT_API) && (info.Server?.Os ?? 'linux') === 'linux'
  const arch = info.Server?.Arch ? { arch: info.Server.Arch } : {}
  if (classicCli && daemonHasBuildKit) {
    return {
      kind: 'buildkit',
      reason: `no buildx; docker CLI ${client} can use the daemon's BuildKit (API ${info.Server?.ApiVersion})`,
      ...arch
    }
  }
  const why = classicCli
    ? `the daemon (API ${info.Server?.ApiVersion}) has no BuildKit`
    : `docker CLI ${client} builds with BuildKit only through the buildx plugin, which is missing`
  return { kind: 'legacy', reason: `no buildx and ${why}`, ...arch }
}

/**
 * Pure: the builder of `docker buildx inspect` output, e.g.
 *   Name:   default
 *   Driver: docker
 *   Nodes:
 *   Name:     default
 *   Endpoint: default
 */
export function parseBuildxInspect(stdout: string): BuildxBuilder {
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}:[ \\t]*(\\S+)`, 'm').exec(stdout)?.[1]
  const name = field('Name')
  const driver = field('Driver')
  if (!name || !driver)
    throw new Error(`unexpected docker buildx inspect output: ${stdout.trim().split('\n')[0]}`)
  const endpoint = field('Endpoint')
  const platforms = /^Platforms:[ \t]*(.+)$/m
    .exec(stdout)?.[1]
    ?.split(',')
    .map(platform => platform.trim().replace(/\*$/, ''))
    .filter(platform => platform.length > 0)
  return {
    name,
    driver,
    ...(endpoint !== undefined && { endpoint }),
    ...(platforms !== undefined && { platforms })
  }
}

/** Pure: the image store from `docker info --format '{{json .DriverStatus}}'` ([["driver-type","io.containerd.snapshotter.v1"]]). */
export function imageStoreFromDriverStatus(stdout: string): ImageStore {
  let pairs: unknown
  try {
    pairs = JSON.parse(stdout)
  } catch {
    return 'classic'
  }
  const containerd =
    Array.isArray(pairs) &&
    pairs.some(pair => Array.isArray(pair) && pair[0] === 'driver-type' && pair[1] === CONTAINERD_DRIVER_TYPE)
  return containerd ? 'containerd' : 'classic'
}

/** The builder a build would use on this runner: `requested` names one (the `builder` input), else buildx's current one. */
export async function inspectBuilder(run: CommandRunner, requested?: string): Promise<RunnerBuilder> {
  const version = await run('docker', ['buildx', 'version'])
  if (version.exitCode !== 0) {
    if (requested !== undefined) {
      throw new InputError(
        'builder',
        `names buildx builder "${requested}", but docker buildx is not installed`
      )
    }
    return builderWithoutBuildx(await run('docker', ['version', '--format', '{{json .}}']))
  }
  const inspect = await run('docker', ['buildx', 'inspect', ...(requested ? ['--builder', requested] : [])])
  if (inspect.exitCode !== 0) {
    if (requested !== undefined) {
      throw new InputError(
        'builder',
        `no buildx builder "${requested}" on this runner (${lastErrorLine(inspect)})`
      )
    }
    throw new Error(
      `Docker is not usable on this runner: docker buildx inspect failed: ${lastErrorLine(inspect)}`
    )
  }
  const builder = parseBuildxInspect(inspect.stdout)
  if (builder.driver === 'docker') {
    // A docker-driver builder builds in the daemon of the context it is named after.
    const context = builder.endpoint && builder.endpoint !== 'default' ? ['--context', builder.endpoint] : []
    const info = await run('docker', [...context, 'info', '--format', '{{json .DriverStatus}}'])
    if (info.exitCode !== 0) {
      throw new Error(`Docker is not usable on this runner: docker info failed: ${lastErrorLine(info)}`)
    }
    builder.imageStore = imageStoreFromDriverStatus(info.stdout)
  }
  return { kind: 'buildx', version: version.stdout.trim().split('\n')[0] ?? '', builder }
}
