// What to add to a failed deploy's message when Beanstalk gave no cause. With basic health an environment reports
// only a color (DescribeEnvironmentHealth answers InvalidRequestException), so a Red deploy says nothing about why;
// enhanced health names the cause per instance — failing health checks, the share of 5xx answers, a container that
// exited — and the wait prints those causes as they come
// (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html,
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-enable.html).

import type { BeanstalkApi } from '../adapters/beanstalk/environments.js'
import { fetchCauses } from '../adapters/beanstalk/events.js'

export const ENHANCED_HEALTH_SETTING =
  '{"Namespace": "aws:elasticbeanstalk:healthreporting:system", "OptionName": "SystemType", "Value": "enhanced"}'

/** A clause saying enhanced health is off and what it would have shown, or undefined when it is on (or unknown). */
export async function basicHealthHint(
  beanstalk: BeanstalkApi,
  environmentName: string
): Promise<string | undefined> {
  const causes = await fetchCauses(beanstalk, environmentName).catch(() => null)
  if (causes !== undefined) return undefined
  return (
    `no health cause: ${environmentName} has basic health, which reports only a color; enhanced health ` +
    'would have named it per instance (failing health checks, the share of 5xx answers, a container that exited): ' +
    `turn it on with option-settings [${ENHANCED_HEALTH_SETTING}]`
  )
}
