import { describe, expect, it } from '@jest/globals'

import { detectBuilderFromProbes } from '../../../src/adapters/docker/builder-detection.js'

const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' })
const failed = (stderr: string) => ({ exitCode: 1, stdout: '', stderr })
const versionJson = (client: string, serverApi: string | undefined) =>
  JSON.stringify({
    Client: { Version: client },
    Server: serverApi ? { ApiVersion: serverApi, Os: 'linux' } : null
  })
const NO_BUILDX = failed("docker: 'buildx' is not a docker command.")

describe('detectBuilderFromProbes', () => {
  it.each([
    [
      'buildx plugin present',
      ok('github.com/docker/buildx v0.17.1 257815a'),
      versionJson('27.3.1', '1.47'),
      'buildx'
    ],
    ['classic 20.10 CLI, daemon with BuildKit', NO_BUILDX, versionJson('20.10.24+dfsg1', '1.41'), 'buildkit'],
    [
      '28.x CLI without buildx',
      failed('docker: unknown command: docker buildx'),
      versionJson('28.2.2', '1.41'),
      'legacy'
    ],
    ['classic CLI, daemon older than BuildKit', NO_BUILDX, versionJson('18.06.1-ce', '1.38'), 'legacy']
  ])('%s → %s', (_name, buildxVersion, dockerVersion, expected) => {
    expect(detectBuilderFromProbes({ buildxVersion, dockerVersion: ok(dockerVersion) }).builder).toBe(
      expected
    )
  })

  it('explains a legacy choice caused by a missing buildx plugin', () => {
    const detection = detectBuilderFromProbes({
      buildxVersion: NO_BUILDX,
      dockerVersion: ok(versionJson('28.2.2', '1.41'))
    })
    expect(detection.reason).toBe(
      'no buildx and docker CLI 28.2.2 builds with BuildKit only through the buildx plugin, which is missing'
    )
  })

  it('fails clearly when the daemon does not answer', () => {
    expect(() =>
      detectBuilderFromProbes({
        buildxVersion: NO_BUILDX,
        dockerVersion: failed('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.')
      })
    ).toThrow(
      'Docker is not usable on this runner: docker version failed: Cannot connect to the Docker daemon'
    )
  })
})
