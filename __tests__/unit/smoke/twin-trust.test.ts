// Reading the CA bundle a container names from its image (src/smoke/twin-trust.ts), with a docker stand-in that
// leaves on the host what `docker cp` would: a regular file, a folder, or something that is neither.

import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DockerCli, type CommandRunner } from '../../../src/adapters/docker/command-runner.js'
import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { trustTwinCa } from '../../../src/smoke/twin-trust.js'

const doc: DockerrunV2 = {
  AWSEBDockerrunVersion: 2,
  containerDefinitions: [
    { name: 'web', image: 'app:1', environment: [{ name: 'PGSSLROOTCERT', value: '/app/ca.pem' }] }
  ]
}

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A docker whose `cp` puts `make(destination)` where the file would land. */
function dockerLeaving(make: (destination: string) => void): DockerCli {
  const runner: CommandRunner = async (_command, args) => {
    if (args[0] === 'create') return { exitCode: 0, stdout: 'c0ffee\n', stderr: '' }
    if (args[0] === 'cp') make(args.at(-1) as string)
    return { exitCode: 0, stdout: '', stderr: '' }
  }
  return new DockerCli(runner)
}

async function filesOf(docker: DockerCli) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'twin-trust-'))
  folders.push(folder)
  return (await trustTwinCa(doc, 'TWIN CA', docker, { project: 'p', folder })).files.get('web')
}

describe('the CA bundle a container names, read from its image', () => {
  it('a regular file without an RDS CA: read and judged', async () => {
    expect(await filesOf(dockerLeaving(file => writeFileSync(file, 'not a certificate\n')))).toEqual([
      { variable: 'PGSSLROOTCERT', path: '/app/ca.pem', holds: 'other', subjects: [] }
    ])
  })

  it('a folder: left unjudged', async () => {
    expect(await filesOf(dockerLeaving(file => mkdirSync(file)))).toEqual([])
  })

  // Attack round 8: an image with a FIFO at the named path made the smoke test wait forever reading it.
  it('a FIFO: no bundle (missing), and never read', async () => {
    expect(await filesOf(dockerLeaving(file => execFileSync('mkfifo', [file])))).toEqual([
      { variable: 'PGSSLROOTCERT', path: '/app/ca.pem', holds: 'missing', subjects: [] }
    ])
  }, 10_000)
})
