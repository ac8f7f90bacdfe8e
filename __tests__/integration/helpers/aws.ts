import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  DescribeApplicationsCommand,
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

export interface OptionSetting {
  Namespace: string
  OptionName: string
  Value: string
}

/** The option setting that turns on enhanced health reporting (Causes in DescribeEnvironmentHealth). */
export const ENHANCED_HEALTH: OptionSetting = {
  Namespace: 'aws:elasticbeanstalk:healthreporting:system',
  OptionName: 'SystemType',
  Value: 'enhanced'
}

/**
 * Environments of an application on the stand-in (the application created
 * unless it exists), once they are all Ready. They run no version yet.
 */
export async function createReadyEnvironment(
  standIn: Pick<StandIn, 'clientConfig'>,
  application: string,
  environments: string | string[],
  optionSettings: OptionSetting[] = [],
  solutionStack = '64bit Amazon Linux 2023 v4.2.0 running ECS'
): Promise<void> {
  const names = typeof environments === 'string' ? [environments] : environments
  const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  try {
    const existing = await beanstalk.send(
      new DescribeApplicationsCommand({ ApplicationNames: [application] })
    )
    if ((existing.Applications ?? []).length === 0)
      await beanstalk.send(new CreateApplicationCommand({ ApplicationName: application }))
    for (const environment of names) {
      await beanstalk.send(
        new CreateEnvironmentCommand({
          ApplicationName: application,
          EnvironmentName: environment,
          SolutionStackName: solutionStack,
          OptionSettings: optionSettings
        })
      )
    }
    for (let attempt = 0; attempt < 300; attempt++) {
      const described = await beanstalk.send(
        new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: names })
      )
      const ready = (described.Environments ?? []).filter(
        environment => environment.Status === 'Ready' && names.includes(environment.EnvironmentName ?? '')
      )
      if (ready.length === names.length) return
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    throw new Error(`environments ${names.join(', ')} of ${application} did not become Ready within 30 s`)
  } finally {
    beanstalk.destroy()
  }
}
