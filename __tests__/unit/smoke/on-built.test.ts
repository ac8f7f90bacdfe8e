// buildAndPush's onBuilt hook, where the smoke test starts: told once every
// image is built, with what the local daemon can run; each image's push
// follows its own build and goes on beside the smoke test. On a containerd
// image store (buildx docker driver), where one `buildx build --push` builds,
// pushes and exports the cache, it is told once BuildKit has unpacked each
// image into the daemon, before that push and that export end.

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

/**
 * buildx's docker driver on a containerd image store (world c): `buildx build --push` writes BuildKit's plain log
 * line by line; each build stops after its exporter unpacked the image into the daemon, until `release()`, as the
 * push and the cache export would keep it running. `unpackLine: false` leaves the unpack line out of the log.
 */
function containerdRunner(options: { unpackLine: boolean }) {
  const ended: string[] = []
  let release: () => void = () => undefined
  const released = new Promise<void>(resolve => (release = resolve))
  const run: CommandRunner = async (_command, args, runOptions) => {
    const line = args.join(' ')
    if (line.startsWith('buildx version'))
      return {
        exitCode: 0,
        stdout: 'github.com/docker/buildx v0.13.1 788433953af10f2a698f5c07611dcdeb2e2a9a3c',
        stderr: ''
      }
    if (line.startsWith('buildx inspect'))
      return { exitCode: 0, stdout: 'Name:   default\nDriver: docker\n', stderr: '' }
    if (line.startsWith('info'))
      return { exitCode: 0, stdout: '[["driver-type","io.containerd.snapshotter.v1"]]', stderr: '' }
    if (line.startsWith('buildx build')) {
      const image = /puppies\/(\w+)/.exec(line)?.[1] as string
      const tag = args[args.indexOf('--tag') + 1] as string
      const say = (text: string) => runOptions?.onLine?.(text)
      say('#12 exporting to image')
      say('#12 exporting layers 0.4s done')
      say(`#12 exporting manifest sha256:${image.padEnd(64, '0')} 0.0s done`)
      say(`#12 naming to ${tag} done`)
      if (options.unpackLine) say(`#12 unpacking to ${tag} 0.3s done`)
      await released
      say('#12 pushing layers 0.2s done')
      say('#12 DONE 1.0s')
      say('#13 exporting cache to registry')
      const metadata = args[args.indexOf('--metadata-file') + 1] as string
      await writeFile(
        metadata,
        JSON.stringify({ 'containerimage.digest': `sha256:${image.padEnd(64, '0')}` })
      )
      ended.push(image)
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    return { exitCode: 1, stdout: '', stderr: `unexpected: docker ${line}` }
  }
  return { run, ended, release }
}

const manifests: ImageRegistry = {
  ...registry,
  getManifest: async (_repository, reference) =>
    reference.startsWith('sha256:')
      ? { digest: reference, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] }
      : undefined
}

describe('buildAndPush onBuilt on a containerd image store (buildx docker driver)', () => {
  it('is told once each image is unpacked in the daemon, with the tags it was named, while the builds still push', async () => {
    const { run, ended, release } = containerdRunner({ unpackLine: true })
    let seen: { built: Record<string, string>; ended: string[] } | undefined
    const reports = buildAndPush(images, {
      ...(await options(run)),
      registry: manifests,
      onBuilt: built => {
        seen = { built, ended: [...ended] }
        release()
      }
    })
    const done = await reports
    expect(seen?.built).toEqual({
      web: '1.dkr.ecr.x/puppies/web:abc',
      nginx: '1.dkr.ecr.x/puppies/nginx:abc'
    })
    // Neither build had ended (pushed, cache exported) when the smoke test could start.
    expect(seen?.ended).toEqual([])
    // The bundle still pins what was pushed, by digest.
    expect(done.map(report => report.imageUri).sort()).toEqual([
      `1.dkr.ecr.x/puppies/nginx@sha256:${'nginx'.padEnd(64, '0')}`,
      `1.dkr.ecr.x/puppies/web@sha256:${'web'.padEnd(64, '0')}`
    ])
  })

  it('without the unpack line in the log, is told when the builds end, with the pushed digests', async () => {
    const { run, ended, release } = containerdRunner({ unpackLine: false })
    let seen: { built: Record<string, string>; ended: string[] } | undefined
    const reports = buildAndPush(images, {
      ...(await options(run)),
      registry: manifests,
      onBuilt: built => {
        seen = { built, ended: [...ended] }
      }
    })
    release()
    await reports
    expect(seen?.ended.sort()).toEqual(['nginx', 'web'])
    expect(seen?.built).toEqual({
      web: `1.dkr.ecr.x/puppies/web@sha256:${'web'.padEnd(64, '0')}`,
      nginx: `1.dkr.ecr.x/puppies/nginx@sha256:${'nginx'.padEnd(64, '0')}`
    })
  })
})
