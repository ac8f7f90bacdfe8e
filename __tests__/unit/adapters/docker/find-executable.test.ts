import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dockerBinary, findExecutable } from '../../../../src/adapters/docker/command-runner.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bdd-which-'))
  for (const folder of ['rtbin', 'bin', 'plain']) mkdirSync(path.join(root, folder))
  for (const folder of ['rtbin', 'bin']) {
    writeFileSync(path.join(root, folder, 'docker'), '#!/bin/sh\n')
    chmodSync(path.join(root, folder, 'docker'), 0o755)
  }
  writeFileSync(path.join(root, 'plain', 'docker'), 'not executable')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('findExecutable', () => {
  it('skips relative PATH entries, which would resolve inside the checkout', () => {
    const cwd = process.cwd()
    process.chdir(root)
    try {
      expect(findExecutable('docker', ['./rtbin', 'rtbin', path.join(root, 'bin')].join(':'))).toBe(
        path.join(root, 'bin', 'docker')
      )
    } finally {
      process.chdir(cwd)
    }
  })

  it('skips files that are not executable, and says when there is none', () => {
    expect(findExecutable('docker', `${path.join(root, 'plain')}:${path.join(root, 'bin')}`)).toBe(
      path.join(root, 'bin', 'docker')
    )
    expect(findExecutable('docker', path.join(root, 'plain'))).toBeUndefined()
  })
})

describe('dockerBinary', () => {
  it('answers from the PATH it is given, and fails in one line without a docker', () => {
    expect(dockerBinary(path.join(root, 'bin'))).toBe(path.join(root, 'bin', 'docker'))
    expect(() => dockerBinary(path.join(root, 'plain'))).toThrow("no docker on this runner's PATH")
  })
})
