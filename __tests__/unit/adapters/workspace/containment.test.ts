// Repository content stays in the workspace: every path the action reads is
// resolved with its symlinks followed and must stay inside; a shipped folder
// follows a symlink only when it stays inside that folder; FIFOs, devices,
// sockets and loops are one-line errors, never a hang.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DeployPlan } from '../../../../src/core/plan/types.js'
import {
  MAX_TEXT_FILE_BYTES,
  listBundleFiles,
  readCompose,
  readWorkspaceText,
  resolveInWorkspace
} from '../../../../src/adapters/workspace/files.js'

let root: string
let workspace: string
let outside: string

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bdd-containment-'))
  workspace = path.join(root, 'workspace')
  outside = path.join(root, 'outside')
  mkdirSync(workspace)
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'secret.env'), 'AWS_SECRET_ACCESS_KEY=host-secret\n')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const write = (relative: string, text = 'x\n'): void => {
  mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true })
  writeFileSync(path.join(workspace, relative), text)
}
const link = (relative: string, target: string): void => {
  mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true })
  symlinkSync(target, path.join(workspace, relative))
}
const planShipping = (...sources: string[]): DeployPlan =>
  ({ bundleFiles: sources.map(source => ({ source, target: source })) }) as unknown as DeployPlan

describe('resolveInWorkspace and readWorkspaceText', () => {
  it('reads a file of the workspace, also through a symlink that stays inside', () => {
    write('config/app.env', 'A=1\n')
    link('.env', 'config/app.env')
    expect(readWorkspaceText(workspace, '.env', 'file')).toBe('A=1\n')
    expect(resolveInWorkspace(workspace, 'nowhere.env', 'file')).toBeUndefined()
  })

  it.each([
    ['a ../ path', () => '../outside/secret.env'],
    ['an absolute path', () => path.join(outside, 'secret.env')],
    ['/proc/self/environ', () => '/proc/self/environ']
  ])('refuses %s', (_case, relative) => {
    expect(() => readWorkspaceText(workspace, relative(), 'file')).toThrow(/outside the workspace/)
  })

  it('refuses a symlink to a file outside, naming the repository path', () => {
    link('.env', path.join(outside, 'secret.env'))
    expect(() => readWorkspaceText(workspace, '.env', 'file')).toThrow(
      `file .env resolves to ${path.join(outside, 'secret.env')}, outside the workspace`
    )
  })

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    execFileSync('mkfifo', [path.join(workspace, 'docker-compose.yml')])
    expect(() => readWorkspaceText(workspace, 'docker-compose.yml', 'compose file')).toThrow(
      'compose file docker-compose.yml is a FIFO, not a file'
    )
  })

  it('refuses a device and a symlink loop', () => {
    link('dev.env', '/dev/zero')
    expect(() => readWorkspaceText(workspace, 'dev.env', 'file')).toThrow(/outside the workspace/)
    link('a', 'b')
    link('b', 'a')
    expect(() => readWorkspaceText(workspace, 'a', 'file')).toThrow('file a is a symlink loop')
  })

  it('refuses a text file over the size limit', () => {
    write('big.yml', 'x'.repeat(MAX_TEXT_FILE_BYTES + 1))
    expect(() => readWorkspaceText(workspace, 'big.yml', 'compose file')).toThrow(/larger than 10 MiB/)
  })

  it('gives readCompose an env_file lookup that refuses files outside', () => {
    write('docker-compose.yml', 'services:\n  web:\n    image: web:1\n    env_file: ../outside/secret.env\n')
    expect(() => readCompose(workspace, 'docker-compose.yml', {})).toThrow(/outside the workspace/)
  })
})

describe('listBundleFiles', () => {
  it('lists files of shipped folders and the platform folders, with their real paths and modes', () => {
    write('nginx/conf.d/site.conf')
    write('.platform/hooks/predeploy/01.sh', '#!/bin/sh\n')
    chmodSync(path.join(workspace, '.platform/hooks/predeploy/01.sh'), 0o755)
    link('nginx/conf.d/alias.conf', 'site.conf')
    const files = listBundleFiles(workspace, '.', planShipping('nginx/conf.d'))
    expect(files.map(file => [file.path, path.relative(workspace, file.source), file.executable])).toEqual([
      ['nginx/conf.d/alias.conf', 'nginx/conf.d/site.conf', false],
      ['nginx/conf.d/site.conf', 'nginx/conf.d/site.conf', false],
      ['.platform/hooks/predeploy/01.sh', '.platform/hooks/predeploy/01.sh', true]
    ])
  })

  it('ships a file named __proto__', () => {
    write('conf/__proto__')
    expect(listBundleFiles(workspace, '.', planShipping('conf')).map(file => file.path)).toEqual([
      'conf/__proto__'
    ])
  })

  it('refuses a symlink in a shipped folder that leaves it, even into the workspace', () => {
    write('shared/x.conf')
    link('conf/x', '/proc/self/environ')
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow(
      'conf/x is a symlink to /proc/self/environ, outside the shipped folder'
    )
    rmSync(path.join(workspace, 'conf/x'))
    link('conf/y', '../shared/x.conf')
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow(
      /conf\/y .*outside the shipped folder/
    )
  })

  it('refuses .ebextensions that is a symlink out of the workspace', () => {
    mkdirSync(path.join(outside, 'docker'))
    writeFileSync(path.join(outside, 'docker', 'config.json'), '{"auths":{}}')
    link('.ebextensions', path.join(outside, 'docker'))
    expect(() => listBundleFiles(workspace, '.', planShipping())).toThrow(
      /folder \.ebextensions resolves to .*outside the workspace/
    )
  })

  it('refuses a FIFO, a symlink loop and a folder linked into itself with a clear error', () => {
    execFileSync('mkfifo', [path.join(workspace, 'fifo')])
    write('conf/a.conf')
    link('conf/pipe', '../fifo')
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow(
      /conf\/pipe .*outside the shipped folder/
    )
    rmSync(path.join(workspace, 'conf/pipe'))
    execFileSync('mkfifo', [path.join(workspace, 'conf/pipe')])
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow(
      'conf/pipe is a FIFO: only files and folders can be shipped'
    )
    rmSync(path.join(workspace, 'conf/pipe'))
    link('conf/l1', 'l2')
    link('conf/l2', 'l1')
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow('conf/l1 is a symlink loop')
    rmSync(path.join(workspace, 'conf/l1'))
    rmSync(path.join(workspace, 'conf/l2'))
    link('conf/self', '.')
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow('conf/self is a symlink loop')
  })

  it('says so when a mounted path does not exist', () => {
    expect(() => listBundleFiles(workspace, '.', planShipping('conf'))).toThrow(
      "Input 'compose-file': mounted path conf does not exist"
    )
  })
})
