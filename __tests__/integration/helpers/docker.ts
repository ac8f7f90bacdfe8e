// The one way an integration suite asks for a world it needs (a Docker engine,
// a buildx plugin, a second daemon…). Present: the suite runs. Missing: under
// CI=true the suite fails with one test naming what is missing — a CI run must
// never pass by skipping; on a developer's machine it is skipped with a line
// saying why.

import { describe, it, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import path from 'node:path'

import { worldInstall, worldInstallMissing } from '../../../test-support/worlds.js'

export interface World {
  /** What the suite needs, as a noun phrase: "a Docker engine". */
  name: string
  /** Why the world is missing, or undefined when it is here. Called once. */
  probe(): string | undefined
}

type Suite = (title: string, body: () => void) => void
type Case = (title: string, body: () => Promise<void> | void, timeout?: number) => void

const probed = new Map<World, string | undefined>()
function missing(world: World): string | undefined {
  if (!probed.has(world)) probed.set(world, world.probe())
  return probed.get(world)
}

export const inCi = (): boolean => process.env.CI === 'true'

function absenceMessage(world: World, why: string): string {
  return `needs ${world.name}, which is missing here (${why})`
}

/** `describe` when the world is here; otherwise a failing suite under CI, a visible skip elsewhere. */
export function describeIn(world: World): Suite {
  const why = missing(world)
  if (why === undefined) return describe
  if (inCi()) {
    return title =>
      describe(title, () => {
        // eslint-disable-next-line jest/expect-expect -- a stand-in whose only job is to fail, naming what is missing
        it(absenceMessage(world, why), () => {
          throw new Error(`${title} ${absenceMessage(world, why)}; under CI=true a suite never skips`)
        })
      })
  }
  return (title, body) => {
    console.warn(`${title} skipped: ${absenceMessage(world, why)}`)
    describe.skip(title, body)
  }
}

/** `test` when the world is here; otherwise a failing test under CI, a visible skip elsewhere. */
export function testIn(world: World): Case {
  const why = missing(world)
  if (why === undefined) return test
  if (inCi()) {
    return (title, _body, timeout) =>
      // eslint-disable-next-line jest/expect-expect -- a stand-in whose only job is to fail, naming what is missing
      test(
        title,
        () => {
          throw new Error(`${title} ${absenceMessage(world, why)}; under CI=true a test never skips`)
        },
        timeout
      )
  }
  return (title, body, timeout) => {
    console.warn(`${title} skipped: ${absenceMessage(world, why)}`)
    // eslint-disable-next-line jest/expect-expect -- the skipped body is the real test, with its own expects
    test.skip(title, body, timeout)
  }
}

/** A Docker engine answering the `docker` on PATH (honours DOCKER_HOST). */
export const dockerEngine: World = {
  name: 'a Docker engine',
  probe: () => {
    try {
      execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 30_000 })
      return undefined
    } catch {
      return '`docker info` failed'
    }
  }
}

export const hasDocker = (): boolean => missing(dockerEngine) === undefined

/** `describe` for suites that need a Docker engine (see describeIn). */
export function describeWithDocker(_suite?: string): Suite {
  return describeIn(dockerEngine)
}

/**
 * Runner worlds with buildx (README "Builders"; test-support/worlds.ts): the
 * buildx plugin and Docker 26 CLI scripts/worlds.sh unpacks into .worlds/,
 * seen only through a DOCKER_CONFIG made per run.
 */
export const buildxClassicStore: World = {
  name: 'buildx with the docker driver on a classic image store (the shared 20.10 daemon; scripts/worlds.sh)',
  probe: () => worldInstallMissing() ?? missing(dockerEngine) ?? buildxAnswers()
}

/** buildx with the docker driver on a Docker 26 daemon whose images live in containerd, started by the suite. */
export const buildxContainerdStore: World = {
  name: 'buildx with the docker driver on a containerd image store (a Docker 26 daemon; scripts/worlds.sh)',
  probe: () =>
    worldInstallMissing() ??
    missing(dockerEngine) ??
    buildxAnswers() ??
    (process.getuid?.() === 0 ? undefined : 'starting a second dockerd needs root')
}

function buildxAnswers(): string | undefined {
  try {
    execFileSync(path.join(worldInstall.cliDir, 'docker'), ['buildx', 'version'], {
      stdio: 'ignore',
      timeout: 30_000,
      env: { ...process.env, DOCKER_CONFIG: path.dirname(path.dirname(worldInstall.buildxPlugin)) }
    })
    return undefined
  } catch {
    return 'the unpacked buildx plugin does not run'
  }
}
