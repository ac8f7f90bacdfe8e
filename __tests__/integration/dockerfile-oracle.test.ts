// Dockerfile arguments read as Docker reads them, with the daemon as the
// oracle (new-user trial D2): every case of fixtures/dockerfile-workdirs is
// built with BuildKit and the image's WorkingDir compared with the recorded
// expectation and with the planner's reading. Cases the shared 20.10
// daemon's built-in frontend predates name the reference page instead.

import { afterAll, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { workdirOf } from '../../src/core/compose/dockerfile.js'
import { workdirCases } from '../fixtures/dockerfile-workdirs/cases.js'
import { describeIn, dockerEngine } from './helpers/docker.js'

// BuildKit through DOCKER_BUILDKIT=1 needs the CLI that drives the 20.10 daemon's own BuildKit (Debian's).
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker'
const images: string[] = []

afterAll(() => {
  if (images.length > 0) spawnSync(DOCKER, ['rmi', '--force', ...images], { stdio: 'ignore' })
})

function dockerWorkdir(dockerfile: string, target?: string, buildArgs: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bdd-dockerfile-oracle-'))
  try {
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile)
    const id = execFileSync(
      DOCKER,
      [
        'build',
        '--quiet',
        ...(target === undefined ? [] : ['--target', target]),
        ...Object.entries(buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]),
        dir
      ],
      { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '1' }, timeout: 120_000 }
    ).trim()
    images.push(id)
    return execFileSync(DOCKER, ['inspect', '--format', '{{json .Config.WorkingDir}}', id], {
      encoding: 'utf8'
    }).trim()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const describe = describeIn(dockerEngine)

describe('WORKDIR as Docker builds it', () => {
  const built = workdirCases.filter(
    testCase => testCase.workdir !== null && testCase.newerFrontend === undefined
  )

  it.each(built.map(testCase => [testCase.name, testCase] as const))(
    '%s',
    (_name, testCase) => {
      const docker = JSON.parse(
        dockerWorkdir(testCase.dockerfile, testCase.target, testCase.buildArgs)
      ) as string
      expect(docker).toBe(testCase.workdir)
      expect(workdirOf(testCase.dockerfile, testCase.target, testCase.buildArgs)).toBe(docker)
    },
    180_000
  )

  it('the cases the oracle cannot build say where their expectation comes from', () => {
    for (const testCase of workdirCases.filter(each => each.newerFrontend !== undefined)) {
      expect(testCase.newerFrontend).toMatch(/^https:\/\/docs\.docker\.com\/reference\/dockerfile\/#/)
    }
  })
})
