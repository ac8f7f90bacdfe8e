// buildAndPush's onBuilt hook, where the smoke test starts: told once every
// image is built, with what the local daemon can run; each image's push
// follows its own build and goes on beside the smoke test.

import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import { buildAndPush, type ImageRegistry } from '../../../src/build/build-and-push.js'
import type { ImageBuild } from '../../../src/core/plan/types.js'

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

/** Every folder the tests made, removed once they ran. */
const folders: string[] = []
afterAll(() => Promise.all(folders.map(folder => rm(folder, { recursive: true, force: true }))))

async function workspace(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'bdd-before-push-'))
  folders.push(folder)
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

/**
 * A classic CLI with a BuildKit daemon whose builds succeed (web's slowly, or failing when asked); pushes
 * fail (no registry), which is enough here. Each command is recorded with the image its tag names.
 */
function recordingRunner(options: { failWeb?: boolean } = {}) {
  const commands: string[] = []
  const run: CommandRunner = async (_command, args) => {
    const image = /puppies\/(\w+)/.exec(args.join(' '))?.[1]
    commands.push(image ? `${args[0]} ${image}` : (args[0] ?? ''))
    if (args[0] === 'version') {
      return {
        exitCode: 0,
        stdout: JSON.stringify({ Client: { Version: '20.10.24' }, Server: { ApiVersion: '1.41' } }),
        stderr: ''
      }
    }
    if (args[0] === 'build' && image === 'web') {
      await new Promise(resolve => setTimeout(resolve, 50))
      if (options.failWeb) return { exitCode: 1, stdout: '', stderr: 'web does not build' }
    }
    if (args[0] === 'build') return { exitCode: 0, stdout: '', stderr: '' }
    return { exitCode: 1, stdout: '', stderr: 'no registry here' }
  }
  return { run, commands }
}

const options = async (run: CommandRunner) => ({
  workspace: await workspace(),
  commitSha: 'abc',
  versionLabel: 'v1',
  registry,
  run,
  logger: quietLogger
})

describe('buildAndPush onBuilt', () => {
  it('is told once every image is built, with the local tags; each push follows its own build', async () => {
    const { run, commands } = recordingRunner()
    let seen: { built: Record<string, string>; commands: string[] } | undefined
    await expect(
      buildAndPush(images, {
        ...(await options(run)),
        onBuilt: built => {
          seen = { built, commands: [...commands] }
        }
      })
    ).rejects.toThrow(/Push of image web/)
    expect(seen?.built).toEqual({
      web: '1.dkr.ecr.x/puppies/web:abc',
      nginx: '1.dkr.ecr.x/puppies/nginx:abc'
    })
    // nginx's push started while web was still building, before the hook was told.
    expect(seen?.commands).toContain('push nginx')
    expect(commands).toContain('push web')
  })

  it('is not told when a build fails; the other image is still pushed and the error names the build', async () => {
    const { run, commands } = recordingRunner({ failWeb: true })
    let told = false
    await expect(
      buildAndPush(images, {
        ...(await options(run)),
        onBuilt: () => {
          told = true
        }
      })
    ).rejects.toThrow(/Build of image web .*failed/)
    expect(told).toBe(false)
    expect(commands).toContain('push nginx')
  })
})
