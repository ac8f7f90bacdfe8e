// The health-check paths of each environment (DescribeConfigurationSettings;
// core/health-check.ts reads them), for the smoke test and the failure line.

import type { AwsClients } from '../adapters/aws-clients.js'
import { environmentOptionSettings, type OptionSettingsReader } from '../adapters/beanstalk/environments.js'
import { beanstalkHealthPaths } from '../core/health-check.js'
import { errorMessage } from '../core/errors.js'
import { debug } from '../adapters/actions-runner/logger.js'
import type { Prepared } from '../planning/prepare.js'

/** Environment → the paths its load balancer checks. An environment whose settings cannot be read gets the workflow's or "/". */
export async function healthCheckPaths(
  prepared: Prepared,
  clients: Pick<AwsClients, 'beanstalk'>,
  readSettings: OptionSettingsReader = name =>
    environmentOptionSettings(clients.beanstalk, prepared.config.application, name)
): Promise<Map<string, string[]>> {
  const paths = new Map<string, string[]>()
  for (const environment of prepared.targets.flatMap(target => target.environments)) {
    let current: Awaited<ReturnType<typeof environmentOptionSettings>> = []
    try {
      current = await readSettings(environment)
    } catch (error) {
      debug(`health-check path of ${environment} not read: ${errorMessage(error)}`)
    }
    paths.set(environment, beanstalkHealthPaths(current, prepared.config.settings))
  }
  return paths
}
