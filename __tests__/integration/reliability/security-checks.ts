// What the security cases share: a hostile repository laid out in a fresh
// folder (the workspace, a HOME and a folder "outside" holding a host
// secret), the runner secrets a real job has, and the one assertion every case
// ends with — nothing escaped: no secret or host file in the log, the outputs,
// the job summary or any S3 object; no file written in the workspace, in HOME
// or at a path the attack aimed at; and, for refused runs, no AWS write call.

import { RUNNER_WHITESPACE } from '../../../src/adapters/actions-runner/logger.js'
import { expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Unzip, UnzipInflate } from 'fflate'
import type { ActionRun } from '../../../test-support/run-action.js'
import { runAction } from '../../../test-support/run-action.js'
import type { StandIn } from '../../../stand-in/server.js'
import { visibleLog, writeCalls, type Stage } from './harness.js'

/** Tokens a job's environment holds besides the AWS credentials; the attacks try to read them. */
export const RUNNER_SECRETS = {
  GITHUB_TOKEN: `ghs_${randomBytes(18).toString('hex')}`,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: `oidc-${randomBytes(16).toString('hex')}`,
  ACTIONS_RUNTIME_TOKEN: `runtime-${randomBytes(16).toString('hex')}`
}

/** A valid app of one prebuilt image (the test app the harness pushed), nothing to build; each case adds its attack. */
export const PREBUILT_WEB = `services:
  web:
    image: \${TEST_REGISTRY}/rel/web:1
    ports: ['80:8080']
`

/** Inputs of a deploy of the repository's docker-compose.yml to `environment`, with no backing services. */
export function repositoryInputs(
  stage: Stage,
  environment: string,
  overrides: Record<string, string> = {}
): Record<string, string> {
  return stage.inputs(environment, {
    'compose-file': 'docker-compose.yml',
    database: '',
    cache: '',
    ...overrides
  })
}

export interface HostileRepository {
  /** The checkout: everything in it is the attacker's. */
  workspace: string
  /** The runner's HOME, with a registry credential in ~/.docker/config.json. */
  home: string
  /** A folder of the runner outside the workspace, holding `secret.env`. */
  outside: string
  /** Text of the host files the attacks aim at (outside/secret.env, ~/.docker/config.json). */
  hostSecrets: string[]
  /** Paths an attack tries to create on the host; none may exist after the run. */
  canaries: string[]
  write(relative: string, text: string, mode?: number): void
  link(relative: string, target: string): void
  fifo(relative: string): void
  /** A path on the host the attack aims to create, registered as a canary. */
  canary(name: string): string
  remove(): void
}

export function hostileRepository(): HostileRepository {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bdd-hostile-'))
  const workspace = path.join(root, 'workspace')
  const home = path.join(root, 'home')
  const outside = path.join(root, 'outside')
  const hostSecret = `HOST_SECRET=host-${randomBytes(12).toString('hex')}`
  const registryAuth = Buffer.from(`AWS:registry-${randomBytes(12).toString('hex')}`).toString('base64')
  for (const folder of [workspace, path.join(home, '.docker'), outside])
    mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(outside, 'secret.env'), `${hostSecret}\n`)
  writeFileSync(
    path.join(home, '.docker', 'config.json'),
    JSON.stringify({ auths: { 'registry.example': { auth: registryAuth } } })
  )
  const canaries: string[] = []
  const inWorkspace = (relative: string): string => {
    const file = path.join(workspace, relative)
    mkdirSync(path.dirname(file), { recursive: true })
    return file
  }
  return {
    workspace,
    home,
    outside,
    hostSecrets: [hostSecret, registryAuth],
    canaries,
    write: (relative, text, mode) => writeFileSync(inWorkspace(relative), text, { mode: mode ?? 0o644 }),
    link: (relative, target) => symlinkSync(target, inWorkspace(relative)),
    fifo: relative => execFileSync('mkfifo', [inWorkspace(relative)]),
    canary: name => {
      const file = path.join(os.tmpdir(), `bdd-escaped-${randomBytes(6).toString('hex')}-${name}`)
      canaries.push(file)
      return file
    },
    remove: () => {
      rmSync(root, { recursive: true, force: true })
      for (const file of canaries) rmSync(file, { force: true })
    }
  }
}

/** Every path under a folder with its type and size, symlinks not followed: a picture to compare. */
export function treeOf(folder: string): string[] {
  const entries: string[] = []
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const file = path.join(current, name)
      const stats = lstatSync(file)
      const kind = stats.isSymbolicLink()
        ? 'link'
        : stats.isDirectory()
          ? 'dir'
          : stats.isFIFO()
            ? 'fifo'
            : 'file'
      entries.push(`${path.relative(folder, file)} ${kind} ${stats.isFile() ? stats.size : ''}`)
      if (kind === 'dir') walk(file)
    }
  }
  walk(folder)
  return entries
}

/** Entry name → content of a zip, read entry by entry (a name such as __proto__ is an entry like any other). */
export function zipEntries(zip: Uint8Array): [string, Uint8Array][] {
  const entries: [string, Uint8Array][] = []
  const unzip = new Unzip(file => {
    const chunks: Uint8Array[] = []
    file.ondata = (error, data, final) => {
      if (error) throw error
      chunks.push(data)
      if (final) entries.push([file.name, Buffer.concat(chunks)])
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  unzip.push(zip, true)
  return entries
}

/** Every object in every bucket of the stand-in, zips opened, as text. */
export async function s3Texts(standIn: StandIn): Promise<Record<string, string>> {
  const texts: Record<string, string> = {}
  const s3 = standIn.services.s3
  for (const bucket of await s3.listBuckets()) {
    for (const object of await s3.listObjects(bucket.name)) {
      const body = new Uint8Array((await s3.getObject(bucket.name, object.key))?.body ?? [])
      texts[`s3://${bucket.name}/${object.key}`] = object.key.endsWith('.zip')
        ? zipEntries(body)
            .map(([name, data]) => `${name}\n${Buffer.from(data).toString('utf8')}`)
            .join('\n')
        : Buffer.from(body).toString('utf8')
    }
  }
  return texts
}

export interface SecurityRun {
  run: ActionRun
  /** Index into standIn.calls when the run started. */
  since: number
  repository: HostileRepository
  workspaceBefore: string[]
  homeBefore: string[]
}

/**
 * Runs dist/index.js on the hostile repository with a job's secrets in its
 * environment and HOME pointing at the repository's fake home.
 */
export async function runOnRepository(
  stage: Stage,
  repository: HostileRepository,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: { post?: boolean } = {}
): Promise<SecurityRun> {
  const workspaceBefore = treeOf(repository.workspace)
  const homeBefore = treeOf(repository.home)
  const since = stage.standIn.calls.length
  const run = await runAction({
    inputs,
    env: { ...stage.env, ...RUNNER_SECRETS, HOME: repository.home, ...env },
    workspace: repository.workspace,
    ...(options.post !== undefined && { post: options.post })
  })
  return { run, since, repository, workspaceBefore, homeBefore }
}

/** The values no place the action writes to may hold. */
export function secretValues(stage: Stage, repository: HostileRepository): Record<string, string> {
  return {
    ...RUNNER_SECRETS,
    AWS_SECRET_ACCESS_KEY: stage.env.AWS_SECRET_ACCESS_KEY as string,
    ...Object.fromEntries(repository.hostSecrets.map((secret, index) => [`host file ${index}`, secret]))
  }
}

/** Lines of stdout the runner would take for workflow commands, by name. */
export function workflowCommands(run: ActionRun): string[] {
  return (
    run.stdout
      .split(/\r\n|\r|\n/)
      // The runner's TrimStart() (.NET white space, U+0085 included), not JavaScript's.
      .map(line => line.replace(new RegExp(`^[${RUNNER_WHITESPACE}]+`, 'u'), ''))
      .filter(line => line.startsWith('::') || line.includes('##['))
      .map(line => /^::([^ :]*)/.exec(line)?.[1] ?? line)
  )
}

/** The assertion every case ends with (see the top of this file). */
export async function expectNothingEscaped(
  stage: Stage,
  result: SecurityRun,
  options: { refused: boolean; extraSecrets?: string[] } = { refused: true }
): Promise<void> {
  const { run, since, repository } = result
  if (options.refused) {
    expect(run.status).not.toBe(0)
    expect(run.errors).toHaveLength(1)
    expect(writeCalls(stage.standIn, since)).toEqual([])
  }
  const places: Record<string, string> = {
    log: visibleLog(run),
    outputs: JSON.stringify(run.outputs),
    summary: run.summary,
    ...(await s3Texts(stage.standIn))
  }
  const values = {
    ...secretValues(stage, repository),
    ...Object.fromEntries((options.extraSecrets ?? []).map((secret, index) => [`extra ${index}`, secret]))
  }
  for (const [what, value] of Object.entries(values)) {
    for (const [place, text] of Object.entries(places)) {
      expect({ what, place, leaked: text.includes(value) }).toEqual({ what, place, leaked: false })
    }
  }
  // Only the commands the action issues itself: an attacker's `::stop-commands::` would silence `::add-mask::`.
  for (const command of workflowCommands(run)) {
    expect(['group', 'endgroup', 'add-mask', 'error', 'warning', 'debug']).toContain(command)
  }
  expect(treeOf(repository.workspace)).toEqual(result.workspaceBefore)
  expect(treeOf(repository.home)).toEqual(result.homeBefore)
  for (const canary of repository.canaries)
    expect({ canary, exists: existsSync(canary) }).toEqual({ canary, exists: false })
}
