// dist/index.js is what the runner executes: it must equal a fresh bundle of
// src/, and run the way the runner runs it (INPUT_* variables, GITHUB_OUTPUT).

import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'

const root = path.resolve(import.meta.dirname, '../..')

function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[match[1] as string] = match[3] as string
  }
  return outputs
}

describe('dist/index.js', () => {
  it('equals a fresh bundle of src/', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'dist-check-'))
    try {
      execFileSync(
        'npx',
        ['ncc', 'build', 'src/index.ts', '-o', out, '--license', 'licenses.txt', '--target', 'es2022'],
        {
          cwd: root,
          stdio: 'pipe'
        }
      )
      const fresh = readFileSync(path.join(out, 'index.js'), 'utf8')
      const committed = readFileSync(path.join(root, 'dist/index.js'), 'utf8')
      // A plain equality keeps the failure message short: the fix is `npm run bundle`.
      expect(fresh === committed).toBe(true)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 180_000)

  it('renders the plan of the example app with no AWS credentials, as the runner runs it', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'dist-plan-'))
    const outputFile = path.join(temp, 'output')
    writeFileSync(outputFile, '')
    try {
      const result = spawnSync(process.execPath, [path.join(root, 'dist/index.js')], {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          GITHUB_WORKSPACE: root,
          GITHUB_OUTPUT: outputFile,
          GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
          GITHUB_EVENT_NAME: 'push',
          RUNNER_TEMP: temp,
          INPUT_MODE: 'plan',
          INPUT_APPLICATION: 'puppies',
          INPUT_ENVIRONMENT: 'puppies-prod',
          'INPUT_COMPOSE-FILE': 'examples/puppies/docker-compose.yml'
        }
      })
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      const outputs = readOutputs(outputFile)
      const dockerrun = JSON.parse(outputs.dockerrun ?? '{}') as { containerDefinitions: { name: string }[] }
      expect(dockerrun.containerDefinitions.map(container => container.name)).toEqual([
        'web',
        'worker',
        'nginx'
      ])
      expect(outputs['version-label']).toBe('sha-0123456789ab')
      const bundle = unzipSync(readFileSync(outputs['bundle-path'] as string))
      expect(JSON.parse(new TextDecoder().decode(bundle['Dockerrun.aws.json']))).toEqual(dockerrun)
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }, 60_000)

  it('fails with one line naming the input when an input is bad, and writes no output', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'dist-bad-'))
    const outputFile = path.join(temp, 'output')
    writeFileSync(outputFile, '')
    try {
      const result = spawnSync(process.execPath, [path.join(root, 'dist/index.js')], {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          GITHUB_WORKSPACE: root,
          GITHUB_OUTPUT: outputFile,
          RUNNER_TEMP: temp,
          INPUT_MODE: 'plan',
          INPUT_APPLICATION: 'puppies',
          INPUT_ENVIRONMENT: 'pp'
        }
      })
      expect(result.status).not.toBe(0)
      const errors = result.stdout.split('\n').filter(line => line.startsWith('::error::'))
      expect(errors).toEqual([`::error::Input 'environment': "pp" must be 4 to 40 characters long (got 2)`])
      expect(readFileSync(outputFile, 'utf8')).toBe('')
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  })
})
