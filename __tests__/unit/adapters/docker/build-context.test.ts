// Build contexts and Dockerfiles stay inside the workspace: a context of
// ../../host or a Dockerfile of /etc/passwd would build host files into an
// image pushed to ECR (and quote them in errors).

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkBuildInputs } from '../../../../src/adapters/docker/build-context.js'
import type { ImageBuild } from '../../../../src/core/plan/types.js'

let root: string
let workspace: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bdd-build-context-'))
  workspace = path.join(root, 'workspace')
  mkdirSync(path.join(workspace, 'web'), { recursive: true })
  mkdirSync(path.join(root, 'host'))
  writeFileSync(path.join(workspace, 'web', 'Dockerfile'), 'FROM debian:bookworm-slim AS base\n')
  writeFileSync(path.join(root, 'host', 'Dockerfile'), 'FROM scratch\n')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const image = (context: string, dockerfile = 'Dockerfile'): ImageBuild =>
  ({ id: 'web', services: ['web'], context, dockerfile, args: {}, repository: 'p/web' }) as ImageBuild

describe('checkBuildInputs', () => {
  it('builds a dockerfile_inline from a private file, never the context Dockerfile (issue 23)', async () => {
    const previous = process.env.RUNNER_TEMP
    process.env.RUNNER_TEMP = root
    try {
      const inline = {
        ...image('web'),
        dockerfileInline: 'FROM alpine AS runtime\nCOPY . /app\n',
        target: 'runtime'
      }
      const paths = await checkBuildInputs(workspace, inline)
      expect(paths.contextDir).toBe(realpathSync(path.join(workspace, 'web')))
      expect(paths.dockerfile.startsWith(path.join(root, 'dockerfile-inline-'))).toBe(true)
      expect(readFileSync(paths.dockerfile, 'utf8')).toBe('FROM alpine AS runtime\nCOPY . /app\n')
      await expect(checkBuildInputs(workspace, { ...inline, target: 'base' })).rejects.toThrow(
        /target "base" is not a stage of the dockerfile_inline \(stages: runtime\)/
      )
    } finally {
      if (previous === undefined) delete process.env.RUNNER_TEMP
      else process.env.RUNNER_TEMP = previous
    }
  })

  it('returns the real paths of a context and Dockerfile inside the workspace', async () => {
    symlinkSync('web', path.join(workspace, 'app'))
    await expect(checkBuildInputs(workspace, image('app'))).resolves.toEqual({
      contextDir: realpathSync(path.join(workspace, 'web')),
      dockerfile: realpathSync(path.join(workspace, 'web', 'Dockerfile')),
      warnings: []
    })
  })

  it.each([
    [
      'a context above the workspace',
      image('../host'),
      /build context \.\.\/host resolves to .*outside the workspace/
    ],
    [
      'a Dockerfile given as a host path',
      image('web', '/etc/passwd'),
      /Dockerfile .*etc\/passwd resolves to \/etc\/passwd, outside the workspace/
    ],
    [
      'a Dockerfile that is a symlink out',
      image('web', 'Dockerfile.link'),
      /Dockerfile web\/Dockerfile\.link resolves to .*outside the workspace/
    ]
  ])('refuses %s, quoting none of its content', async (_case, build, message) => {
    symlinkSync(path.join(root, 'host', 'Dockerfile'), path.join(workspace, 'web', 'Dockerfile.link'))
    const failure = checkBuildInputs(workspace, build)
    await expect(failure).rejects.toThrow(message)
    await expect(failure).rejects.toThrow(/^Build of image web \(services web\) failed: /)
    await expect(failure).rejects.not.toThrow(/root:|FROM scratch/)
  })

  it('refuses a Dockerfile that is a FIFO at once', async () => {
    execFileSync('mkfifo', [path.join(workspace, 'web', 'Dockerfile.fifo')])
    await expect(checkBuildInputs(workspace, image('web', 'Dockerfile.fifo'))).rejects.toThrow(
      'Dockerfile web/Dockerfile.fifo is a FIFO, not a file'
    )
  })
})
