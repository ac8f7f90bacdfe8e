// Which image builder this runner really has. Three cases, best first:
//  - buildx: `docker buildx version` succeeds (GitHub-hosted runners). Builds
//    with `docker buildx build` and a registry cache (mode=max).
//  - buildkit: no buildx, but a classic CLI (< 23.0) talking to a daemon that
//    has BuildKit (API >= 1.39). `DOCKER_BUILDKIT=1 docker build` uses the
//    daemon's BuildKit and supports inline cache.
//  - legacy: anything else, e.g. a 23+ CLI without the buildx plugin: such a
//    CLI refuses DOCKER_BUILDKIT=1 ("BuildKit is enabled but the buildx
//    component is missing"), so the only thing left is the classic builder.

import type { CommandResult, CommandRunner } from './command-runner.js'

export type Builder = 'buildx' | 'buildkit' | 'legacy'

export interface BuilderDetection {
  builder: Builder
  /** One sentence for the log explaining the choice. */
  reason: string
}

export interface BuilderProbes {
  /** `docker buildx version` */
  buildxVersion: CommandResult
  /** `docker version --format '{{json .}}'` */
  dockerVersion: CommandResult
}

/** The CLI major version from which BuildKit builds go through buildx only. */
const FIRST_BUILDX_ONLY_CLI_MAJOR = 23
/** The daemon API version that shipped BuildKit as a stable (non-experimental) builder: Docker 18.09. */
const FIRST_BUILDKIT_API: [number, number] = [1, 39]

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
  Server?: { ApiVersion?: string; Os?: string } | null
}

/** Pure: decides the builder from the output of the two probes. */
export function detectBuilderFromProbes(probes: BuilderProbes): BuilderDetection {
  if (probes.buildxVersion.exitCode === 0) {
    const version = probes.buildxVersion.stdout.trim().split('\n')[0] ?? ''
    return { builder: 'buildx', reason: `buildx is available (${version})` }
  }
  if (probes.dockerVersion.exitCode !== 0) {
    const detail = probes.dockerVersion.stderr.trim().split('\n').at(-1) ?? ''
    throw new Error(`Docker is not usable on this runner: docker version failed: ${detail}`)
  }
  let info: DockerVersionJson
  try {
    info = JSON.parse(probes.dockerVersion.stdout) as DockerVersionJson
  } catch {
    throw new Error(`Docker is not usable on this runner: unexpected docker version output`)
  }
  const client = info.Client?.Version ?? 'unknown'
  const clientVersion = parseVersion(info.Client?.Version)
  const serverApi = parseVersion(info.Server?.ApiVersion)
  if (!serverApi) throw new Error(`Docker is not usable on this runner: the Docker daemon did not answer`)
  const classicCli = clientVersion !== undefined && !atLeast(clientVersion, [FIRST_BUILDX_ONLY_CLI_MAJOR, 0])
  const daemonHasBuildKit = atLeast(serverApi, FIRST_BUILDKIT_API) && (info.Server?.Os ?? 'linux') === 'linux'
  if (classicCli && daemonHasBuildKit) {
    return {
      builder: 'buildkit',
      reason: `no buildx; docker CLI ${client} can use the daemon's BuildKit (API ${info.Server?.ApiVersion})`
    }
  }
  const why = classicCli
    ? `the daemon (API ${info.Server?.ApiVersion}) has no BuildKit`
    : `docker CLI ${client} builds with BuildKit only through the buildx plugin, which is missing`
  return { builder: 'legacy', reason: `no buildx and ${why}` }
}

/** Runs the probes with the `docker` on PATH and decides. */
export async function detectBuilder(run: CommandRunner): Promise<BuilderDetection> {
  const [buildxVersion, dockerVersion] = await Promise.all([
    run('docker', ['buildx', 'version']),
    run('docker', ['version', '--format', '{{json .}}'])
  ])
  return detectBuilderFromProbes({ buildxVersion, dockerVersion })
}
