// buildAndPush's beforePush hook, where the smoke test runs: it sees every
// image built and none pushed, and when it rejects nothing is pushed at all.

import { describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import { buildAndPush, type ImageRegistry } from '../../../src/build/build-and-push.js'
import type { ImageBuild } from '../../../src/core/plan-types.js'

const images: ImageBuild[] = ['web', 'nginx'].map(id => ({
  id,
  services: [id],
  repository: `puppies/${id}`,
  context: id,
  dockerfile: 'Dockerfile',
  args: {}
}))
const quietLogger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}

async function workspace(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'bdd-before-push-'))
  for (const image of images) {
    await mkdir(path.join(folder, image.context))
    await writeFile(path.join(folder, image.context, 'Dockerfile'), 'FROM debian:bookworm-slim\n')
  }
  return folder
}

const registry: ImageRegistry = {
  login: async () => ({
    host: '1.dkr.ecr.x',
    endpoint: 'https://1.dkr.ecr.x',
    username: 'AWS',
    password: 'p'
  }),
  ensureRepository: async name => `1.dkr.ecr.x/${name}`,
  findImage: async () => undefined,
  getManifest: async () => undefined
}

/** A classic CLI with a BuildKit daemon whose builds succeed; pushes fail (no registry), which is enough here. */
function recordingRunner() {
  const commands: string[] = []
  const run: CommandRunner = async (_command, args) => {
    commands.push(args[0] ?? '')
    if (args[0] === 'version') {
      return {
        exitCode: 0,
        stdout: JSON.stringify({ Client: { Version: '20.10.24' }, Server: { ApiVersion: '1.41' } }),
        stderr: ''
      }
    }
    if (args[0] === 'build') return { exitCode: 0, stdout: '', stderr: '' }
    return { exitCode: 1, stdout: '', stderr: 'no registry here' }
  }
  return { run, commands }
}

describe('buildAndPush beforePush', () => {
  it('runs once every image is built and before any push, with the local tags', async () => {
    const { run, commands } = recordingRunner()
    let seen: { built: Record<string, string>; commands: string[] } | undefined
    await expect(
      buildAndPush(images, {
        workspace: await workspace(),
        commitSha: 'abc',
        versionLabel: 'v1',
        registry,
        run,
        logger: quietLogger,
        beforePush: async built => {
          seen = { built, commands: [...commands] }
        }
      })
    ).rejects.toThrow(/Push of image web/)
    expect(seen?.built).toEqual({
      web: '1.dkr.ecr.x/puppies/web:abc',
      nginx: '1.dkr.ecr.x/puppies/nginx:abc'
    })
    expect(seen?.commands.filter(command => command === 'build')).toHaveLength(2)
    expect(seen?.commands).not.toContain('push')
    expect(commands).toContain('push')
  })

  it('pushes nothing when it rejects, and passes its error on unchanged', async () => {
    const { run, commands } = recordingRunner()
    await expect(
      buildAndPush(images, {
        workspace: await workspace(),
        commitSha: 'abc',
        versionLabel: 'v1',
        registry,
        run,
        logger: quietLogger,
        beforePush: () => Promise.reject(new Error('Smoke test failed: container web exited with code 3'))
      })
    ).rejects.toThrow(/^Smoke test failed: container web exited with code 3$/)
    expect(commands.filter(command => command === 'build')).toHaveLength(2)
    expect(commands).not.toContain('push')
  })
})
