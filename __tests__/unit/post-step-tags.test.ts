// The post step removes the local image tags the main step saved (state `local-tags`), with one `docker image rm`
// and no --force; an image still in use is a warning, never a failure. A fake docker CLI on PATH records the call
// and answers as docker does.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { actionsCore } from '../integration/helpers/actions-core.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { runPost } = await import('../../src/main.js')

let folder: string
const savedPath = process.env.PATH
const tags = [
  '1.dkr.ecr.x/puppies/web:0123abc',
  '1.dkr.ecr.x/puppies/web:sha-0123abc',
  '1.dkr.ecr.x/puppies/web:buildcache'
]

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'bdd-post-tags-'))
})

afterAll(async () => {
  process.env.PATH = savedPath
  await rm(folder, { recursive: true, force: true })
})

async function fakeDocker(script: string): Promise<void> {
  const docker = path.join(folder, 'docker')
  await writeFile(docker, `#!/bin/sh\necho "$*" >> '${path.join(folder, 'calls')}'\n${script}\n`)
  await chmod(docker, 0o755)
  process.env.PATH = `${folder}:${savedPath ?? ''}`
}

describe('post step', () => {
  it('removes every tag the main step made, in one call without --force', async () => {
    await fakeDocker(tags.map(tag => `echo "Untagged: ${tag}"`).join('\n') + '\nexit 0')
    actionsCore.step({})
    actionsCore.state = { 'local-tags': JSON.stringify(tags) }
    await runPost()
    expect((await readFile(path.join(folder, 'calls'), 'utf8')).trim()).toBe(`image rm ${tags.join(' ')}`)
    expect(actionsCore.lines).toContain('Removed the 3 local image tag(s) this run created')
    expect(actionsCore.failures).toEqual([])
  })

  it('an image a container still uses keeps its tag: a warning, not a failure', async () => {
    await rm(path.join(folder, 'calls'), { force: true })
    await fakeDocker(
      `echo "Untagged: ${tags[0]}"\necho "Error response from daemon: conflict: unable to remove repository reference \\"${tags[1]}\\" (must force) - container 3f2a is using its referenced image 9c1b" >&2\nexit 1`
    )
    actionsCore.step({})
    actionsCore.state = { 'local-tags': JSON.stringify(tags.slice(0, 2)) }
    await runPost()
    expect(actionsCore.lines).toContain('Removed the 1 local image tag(s) this run created')
    expect(actionsCore.warnings).toEqual([
      expect.stringMatching(
        /^Could not remove every local image tag this run created: Error response from daemon: conflict/
      )
    ])
    expect(actionsCore.failures).toEqual([])
  })
})
