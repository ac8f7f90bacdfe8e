// Shared set-up of the reliability suite: a stand-in whose environments run
// their bundles on Docker (Green means the app answered), the test app pushed to
// its registry as the fixtures' images (rel/web:1, rel/nginx:1), the example's
// RDS instance and ElastiCache cluster, an application with Ready environments,
// and a picture of everything the action could have changed, so a test can
// prove a run changed nothing (bad inputs) or left nothing behind (failed runs).

import { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { startStandIn, type StandIn, type StandInOptions } from '../../../stand-in/server.js'
import { createReadyEnvironment } from '../helpers/aws.js'
import { pushHttpTestImage, testImageVariables } from '../helpers/http-image.js'
import { actionEnvironment } from '../../../test-support/example-environment.js'
import { PROJECT_ROOT, runAction, type ActionRun } from '../../../test-support/run-action.js'
import path from 'node:path'

export const FIXTURES = path.join(PROJECT_ROOT, '__tests__/fixtures/reliability')
export const STORAGE_BUCKET = 'elasticbeanstalk-us-east-1-123456789012'

/** Operations that only read: a bad input may make these (to check that an id exists), nothing else. */
export const READ_ONLY_OPERATION = /^(Describe|Get|List|Head|BatchGet|BatchCheck|CheckDNSAvailability)/

export interface Stage {
  standIn: StandIn
  application: string
  /** Inputs of a valid deploy of the `app` fixture to `environment` (short wait, no smoke test). */
  inputs(environment: string, overrides?: Record<string, string>): Record<string, string>
  /** The variables a runner step gets: the stand-in's AWS_*, BuildKit-capable docker first, the test images'. */
  env: Record<string, string>
  /** Runs dist/index.js in the fixtures workspace; `env` replaces the stage's variables when given. */
  run(inputs: Record<string, string>, env?: Record<string, string>): Promise<ActionRun>
  beanstalk: ElasticBeanstalkClient
  stop(): Promise<void>
}

export interface StageOptions {
  application: string
  environments: string[]
  standIn?: StandInOptions
}

export async function startStage(options: StageOptions): Promise<Stage> {
  // Short transitions: the Updating → Ready walk takes a fraction of a second.
  const standIn = await startStandIn({ beanstalk: { transitionMs: 50 }, ...options.standIn })
  await standIn.seed.example()
  await pushHttpTestImage(standIn, ['rel/web:1', 'rel/nginx:1'])
  await createReadyEnvironment(standIn, options.application, options.environments)
  const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  const env = {
    ...actionEnvironment(standIn),
    ...(await testImageVariables(standIn)),
    AWS_EC2_METADATA_DISABLED: 'true'
  }
  return {
    standIn,
    application: options.application,
    env,
    beanstalk,
    inputs: (environment, overrides = {}) => ({
      application: options.application,
      environment,
      'compose-file': 'app/docker-compose.yml',
      database: 'puppies-db',
      cache: 'puppies-cache',
      'execution-role-arn': `arn:aws:iam::${standIn.ctx.accountId}:role/ecsTaskExecutionRole`,
      'smoke-test': 'false',
      'wait-timeout': '2m',
      ...overrides
    }),
    run: (inputs, runEnv = env) => runAction({ inputs, env: runEnv, workspace: FIXTURES }),
    stop: async () => {
      beanstalk.destroy()
      await standIn.stop()
    }
  }
}

/** Everything a run could change in the stand-in, as plain data to compare before and after. */
export interface Footprint {
  versions: string[]
  objects: string[]
  repositories: string[]
  uploads: number
  manifests: number
  environments: string[]
}

export async function footprint(standIn: StandIn): Promise<Footprint> {
  const { state } = standIn.services.beanstalk
  const versions = [...state.versions.entries()].flatMap(([application, labels]) =>
    [...labels.values()].map(version => `${application}/${version.label} ${version.status}`)
  )
  const objects: string[] = []
  for (const bucket of await standIn.services.s3.listBuckets()) {
    for (const object of await standIn.services.s3.listObjects(bucket.name))
      objects.push(`${bucket.name}/${object.key}`)
  }
  return {
    versions: versions.sort(),
    objects: objects.sort(),
    repositories: [...standIn.services.ecr.repositories.keys()].sort(),
    uploads: standIn.registry?.uploads().length ?? 0,
    manifests: standIn.registry?.manifestPushes().length ?? 0,
    environments: state.environments
      .map(environment => `${environment.name} ${environment.status} ${environment.versionLabel ?? '-'}`)
      .sort()
  }
}

/** Operations a run made that are not reads, e.g. `elasticbeanstalk.CreateApplicationVersion`. */
export function writeCalls(standIn: StandIn, since: number): string[] {
  return standIn.calls
    .slice(since)
    .filter(call => !READ_ONLY_OPERATION.test(call.operation))
    .map(call => `${call.service}.${call.operation}`)
}

/** The log a person reads: the runner consumes `::add-mask::` commands before showing it. */
export function visibleLog(run: ActionRun): string {
  return [...run.stdout.split('\n').filter(line => !line.startsWith('::add-mask::')), run.stderr].join('\n')
}
