import { afterAll, beforeAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { actionEnvironment } from '../../../test-support/example-environment.js'
import { PROJECT_ROOT, runAction } from '../../../test-support/run-action.js'
import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { createReadyEnvironment } from './aws.js'

/** Containers and networks of the run's smoke project (named in its log) still present. */
export function smokeLeftovers(log: string): string[] {
  const project = /running the bundle on this runner as (bdd-smoke-[0-9a-f]+)/.exec(log)?.[1]
  if (!project) throw new Error('the log names no smoke project')
  return projectLeftovers(project)
}

/** Containers and networks of a smoke project still present. */
export function projectLeftovers(project: string): string[] {
  const list = (args: string[]) =>
    execFileSync('docker', args, { encoding: 'utf8' })
      .split('\n')
      .filter(name => name !== '')
  return [
    ...list(['ps', '-a', '--filter', `name=${project}-`, '--format', '{{.Names}}']),
    ...list(['network', 'ls', '--filter', `name=${project}-`, '--format', '{{.Name}}'])
  ]
}

export interface FixtureDeploysOptions {
  application: string
  environment: string
  /** Folders (relative to the project) copied into the workspace; the first holds the fixtures. */
  folders: string[]
  database: { id: string; dbName: string; username: string }
  cache: string
  /** Inputs every run adds to the common ones. */
  inputs?: Record<string, string>
}

/**
 * Deploys of fixture apps through the action to one stand-in, for suites that run many apps: it
 * registers the suite's beforeAll/afterAll (a workspace of the fixtures alone, the stand-in, an
 * RDS instance with a managed master secret, a cache cluster and a Ready environment). Each run
 * names a commit of its own, so no image or version is another fixture's; the workspace is no
 * git checkout, which the fork guard would otherwise compare with HEAD.
 */
export function fixtureDeploys(options: FixtureDeploysOptions) {
  let standIn: StandIn | undefined
  let workspace = ''
  let rdsHost = ''
  const started = (): StandIn => {
    if (!standIn) throw new Error('the stand-in is not started: call run() inside a test')
    return standIn
  }

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), `bdd-${options.application}-workspace-`))
    for (const folder of options.folders)
      cpSync(path.join(PROJECT_ROOT, folder), path.join(workspace, folder), { recursive: true })
    standIn = await startStandIn()
    const { id, dbName, username } = options.database
    rdsHost = (await standIn.seed.dbInstance({ id, dbName, username, manageMasterSecret: true })).address
    await standIn.seed.cacheCluster({ id: options.cache })
    await createReadyEnvironment(standIn, options.application, options.environment)
  }, 5 * 60_000)

  afterAll(async () => {
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 120_000)

  return {
    /** The RDS instance's address, known once the suite has started. */
    rdsHost: () => rdsHost,
    /** Successful UpdateEnvironment calls so far. */
    updateCalls: () =>
      started().calls.filter(call => call.operation === 'UpdateEnvironment' && call.status === 200),
    run: (fixture: string) =>
      runAction({
        inputs: {
          application: options.application,
          environment: options.environment,
          'compose-file': `${options.folders[0]}/${fixture}/docker-compose.yml`,
          database: options.database.id,
          cache: options.cache,
          'execution-role-arn': `arn:aws:iam::${started().ctx.accountId}:role/ecsTaskExecutionRole`,
          'wait-timeout': '5m',
          ...options.inputs
        },
        env: {
          ...actionEnvironment(started()),
          GITHUB_SHA: createHash('sha1').update(fixture).digest('hex')
        },
        workspace
      })
  }
}
