import { describe, expect, it } from '@jest/globals'

import type { CommandResult, CommandRunner } from '../../../../src/adapters/docker/command-runner.js'
import { removeBuilder, runBuild, startBuilder } from '../../../../src/adapters/docker/docker-cli.js'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const answering =
  (result: CommandResult): CommandRunner =>
  async () =>
    result

describe('removeBuilder', () => {
  it.each([
    ['removed', { exitCode: 0, stdout: 'bdd-1 removed', stderr: '' }, true],
    [
      'not there (the main step removed it already)',
      {
        exitCode: 1,
        stdout: 'failed to remove bdd-1: no builder "bdd-1" found',
        stderr: 'ERROR: failed to remove one or more builders'
      },
      false
    ]
  ])('%s', async (_case, result, removed) => {
    expect(await removeBuilder(answering(result), 'bdd-1')).toBe(removed)
  })

  it('fails on anything else', async () => {
    await expect(
      removeBuilder(answering({ exitCode: 1, stdout: '', stderr: 'ERROR: permission denied' }), 'bdd-1')
    ).rejects.toThrow('docker buildx rm bdd-1: ERROR: permission denied')
  })
})

describe('startBuilder', () => {
  it.each([
    [{ exitCode: 0, stdout: 'bdd-1', stderr: '' }, undefined],
    [{ exitCode: 124, stdout: '', stderr: '' }, 'it did not start within 60 s'],
    [
      {
        exitCode: 1,
        stdout: '',
        stderr: 'ERROR: Error response from daemon: Get "https://registry-1.docker.io/v2/": no such host'
      },
      'ERROR: Error response from daemon: Get "https://registry-1.docker.io/v2/": no such host'
    ]
  ])('%j → %j', async (result, cause) => {
    expect(await startBuilder(answering(result), 'bdd-1', 60_000)).toBe(cause)
  })
})

describe('runBuild', () => {
  it('a failed build’s error carries the failing step’s last lines (buildx 0.13’s real output)', async () => {
    const stderr = readFileSync(
      path.resolve(import.meta.dirname, '../../../fixtures/build-failures/buildx-0.13.txt'),
      'utf8'
    )
    await expect(
      runBuild(
        answering({ exitCode: 1, stdout: '', stderr }),
        { args: ['buildx', 'build', '.'], env: {} },
        () => undefined
      )
    ).rejects.toThrow(
      /^ERROR: failed to solve: executor failed running .*: exit code: 7 — \[build 3\/3\] RUN .*: Could not find gem rails-9\.9 in locally installed gems \| Run bundle install to install missing gems\.$/
    )
  })
})
