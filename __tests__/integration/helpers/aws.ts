import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import type { StandIn } from '../../../stand-in/server.js'

/** The SDK error name a call fails with (its modelled shape name, e.g. RepositoryNotFoundException). */
export async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return (error as Error).name
  }
  throw new Error('expected the call to fail')
}

/** An application and an environment on the stand-in, once the environment is Ready. */
export async function createReadyEnvironment(
  standIn: Pick<StandIn, 'clientConfig'>,
  application: string,
  environment: string
): Promise<void> {
  const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  try {
    await beanstalk.send(new CreateApplicationCommand({ ApplicationName: application }))
    await beanstalk.send(
      new CreateEnvironmentCommand({
        ApplicationName: application,
        EnvironmentName: environment,
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS'
      })
    )
    for (let attempt = 0; attempt < 300; attempt++) {
      const described = await beanstalk.send(
        new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [environment] })
      )
      if (described.Environments?.[0]?.Status === 'Ready') return
      await new Promise(resolve => setTimeout(resolve, 200))
    }
    throw new Error(`environment ${environment} did not become Ready`)
  } finally {
    beanstalk.destroy()
  }
}
