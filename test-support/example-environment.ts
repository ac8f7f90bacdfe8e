// The example app's AWS side, as a team would have set it up before its first
// deploy: the RDS instance and ElastiCache cluster (seeded in the stand-in),
// the Beanstalk application and a running environment whose properties hold
// the app's run-time settings. Used by the demo and the end-to-end tests.

import { randomBytes } from 'node:crypto'
import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import type { StandIn } from '../stand-in/server.js'

export interface ExampleEnvironment {
  application: string
  environment: string
  /** Inputs for the action that deploy the example to this environment. */
  inputs: Record<string, string>
}

export async function createExampleEnvironment(
  standIn: StandIn,
  names: { application?: string; environment?: string } = {}
): Promise<ExampleEnvironment> {
  const application = names.application ?? 'puppies'
  const environment = names.environment ?? 'puppies-demo'
  await standIn.seed.example()
  const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  try {
    await beanstalk
      .send(new CreateApplicationCommand({ ApplicationName: application }))
      .catch(() => undefined)
    await beanstalk.send(
      new CreateEnvironmentCommand({
        ApplicationName: application,
        EnvironmentName: environment,
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS',
        OptionSettings: [
          // Run-time settings live in the environment, not in the bundle.
          {
            Namespace: 'aws:elasticbeanstalk:application:environment',
            OptionName: 'SECRET_KEY_BASE',
            Value: randomBytes(64).toString('hex')
          }
        ]
      })
    )
    for (let attempt = 0; attempt < 300; attempt++) {
      const described = await beanstalk.send(
        new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [environment] })
      )
      if (described.Environments?.[0]?.Status === 'Ready') break
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  } finally {
    beanstalk.destroy()
  }
  return {
    application,
    environment,
    inputs: {
      application,
      environment,
      'compose-file': 'examples/puppies/docker-compose.yml',
      database: 'puppies-db',
      cache: 'puppies-cache',
      'execution-role-arn': `arn:aws:iam::${standIn.ctx.accountId}:role/ecsTaskExecutionRole`,
      'wait-timeout': '10m'
    }
  }
}

/** The environment for a child `node dist/index.js`: the stand-in's AWS variables, BuildKit-capable docker first. */
export function actionEnvironment(standIn: StandIn): Record<string, string> {
  return {
    ...standIn.env,
    // Debian's docker 20.10 CLI builds with the daemon's BuildKit; the 28.x CLI here has no buildx.
    PATH: `/usr/bin:${process.env.PATH ?? ''}`,
    DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? `${process.env.HOME ?? '/root'}/.docker`
  }
}
