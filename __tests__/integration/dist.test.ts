// dist/ is what the runner executes: it must equal a fresh bundle of
// src/, and run the way the runner runs it (INPUT_* variables, GITHUB_OUTPUT).
// The bundle is index.js and the chunks ncc splits at each dynamic import
// (every mode, the stages a deploy loads later, the bundle upload…): dist/
// holds exactly those files, each equal to the fresh one.

import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { PROJECT_ROOT, runAction } from '../../test-support/run-action.js'
import { checkoutHead } from '../../src/adapters/workspace/checkout-head.js'

const root = path.resolve(import.meta.dirname, '../..')

describe('dist/index.js', () => {
  it('equals a fresh bundle of src/, every file of it (the lazily loaded chunks too)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'dist-check-'))
    try {
      execFileSync(
        'npx',
        // --no-cache: ncc keeps a webpack cache per working folder (~/.cache/ncc/<sha1 of the folder>), which outlives
        // a checkout; a stale one from an earlier clone at the same path gave a different set of chunks.
        [
          'ncc',
          'build',
          'src/index.ts',
          '-o',
          out,
          '--license',
          'licenses.txt',
          '--target',
          'es2022',
          '--no-cache'
        ],
        {
          cwd: root,
          stdio: 'pipe'
        }
      )
      // ncc writes dist/package.json too; scripts/finish-dist.mjs rewrites it to the same content.
      const committedFiles = readdirSync(path.join(root, 'dist'))
      expect(committedFiles.sort()).toEqual(readdirSync(out).sort())
      // Each mode and each later stage is a chunk of its own (loaded when the run needs it).
      expect(committedFiles.filter(name => /^\d+\.index\.js$/.test(name)).length).toBeGreaterThan(5)
      const differing = committedFiles.filter(
        name => !readFileSync(path.join(out, name)).equals(readFileSync(path.join(root, 'dist', name)))
      )
      // A short failure message: the fix is `npm run bundle`.
      expect(differing).toEqual([])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 180_000)

  it('renders the plan of the example app with no AWS credentials, as the runner runs it', async () => {
    // RUNNER_TEMP of our own: the bundle written there outlives the run.
    const temp = mkdtempSync(path.join(tmpdir(), 'dist-plan-'))
    try {
      const run = await runAction({
        inputs: {
          mode: 'plan',
          application: 'puppies',
          environment: 'puppies-prod',
          'compose-file': 'examples/puppies/docker-compose.yml'
        },
        env: { RUNNER_TEMP: temp }
      })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      const dockerrun = JSON.parse(run.outputs.dockerrun ?? '{}') as {
        containerDefinitions: { name: string }[]
      }
      expect(dockerrun.containerDefinitions.map(container => container.name)).toEqual([
        'web',
        'worker',
        'nginx'
      ])
      // The run is in this checkout: its HEAD is the commit (test-support/run-action.ts).
      expect(run.outputs['version-label']).toBe(`sha-${(checkoutHead(PROJECT_ROOT) ?? '').slice(0, 12)}`)
      const bundle = unzipSync(readFileSync(run.outputs['bundle-path'] as string))
      expect(JSON.parse(new TextDecoder().decode(bundle['Dockerrun.aws.json']))).toEqual(dockerrun)
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }, 60_000)

  it('fails with one line naming the input when an input is bad, and writes no output', async () => {
    const run = await runAction({ inputs: { mode: 'plan', application: 'puppies', environment: 'pp' } })
    expect(run.status).not.toBe(0)
    expect(run.errors).toEqual([`::error::Input 'environment': "pp" must be 4 to 40 characters long (got 2)`])
    expect(run.outputs).toEqual({})
  })
})
