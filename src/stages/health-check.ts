// The health check of each environment: its paths and the HTTP codes its load
// balancer accepts (DescribeConfigurationSettings; core/health-check.ts reads
// them), for the smoke test.

import type { AwsClients } from '../adapters/aws-clients.js'
import { environmentOptionSettings, type OptionSettingsReader } from '../adapters/beanstalk/environments.js'
import { beanstalkHealthCheck, type BeanstalkHealthCheck } from '../core/health-check.js'
import { errorMessage } from '../core/errors.js'
import { debug } from '../adapters/actions-runner/logger.js'
import type { Prepared } from '../planning/prepare.js'

/**
 * Environment → what its load balancer checks. An environment whose settings cannot be read gets the workflow's,
 * or "/" answering 200 (an Application Load Balancer's default).
 */
export async function healthChecks(
  prepared: Prepared,
  clients: Pick<AwsClients, 'beanstalk'>,
  readSettings: OptionSettingsReader = name =>
    environmentOptionSettings(clients.beanstalk, prepared.config.application, name)
): Promise<Map<string, BeanstalkHealthCheck>> {
  const checks = new Map<string, BeanstalkHealthCheck>()
  for (const environment of prepared.targets.flatMap(target => target.environments)) {
    let current: Awaited<ReturnType<typeof environmentOptionSettings>> = []
    try {
      current = await readSettings(environment)
    } catch (error) {
      debug(`health check of ${environment} not read: ${errorMessage(error)}`)
    }
    checks.set(environment, beanstalkHealthCheck(current, prepared.config.settings))
  }
  return checks
}
