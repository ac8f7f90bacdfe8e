// The paths Elastic Beanstalk's load balancer checks, so the smoke test is at
// least as strict: `Application Healthcheck URL` of aws:elasticbeanstalk:application
// ("/health" or "HTTP:80/health"; unset: "/" for an HTTP check) and, for an
// Application Load Balancer, HealthCheckPath of the default process
// (aws:elasticbeanstalk:environment:process:default, default "/").
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkapplication
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-environmentprocess
// Both are read when both are listed: checking each is never less strict.

interface Setting {
  Namespace?: string | undefined
  OptionName?: string | undefined
  Value?: string | undefined
}

const APPLICATION = ['aws:elasticbeanstalk:application', 'Application Healthcheck URL'] as const
const DEFAULT_PROCESS = ['aws:elasticbeanstalk:environment:process:default', 'HealthCheckPath'] as const

/** The paths Beanstalk checks: the workflow's option-settings win over the environment's current ones. */
export function beanstalkHealthPaths(current: Setting[], workflow: Setting[] = []): string[] {
  const valueOf = ([namespace, option]: readonly [string, string]): string | undefined => {
    const match = (settings: Setting[]) =>
      settings.find(setting => setting.Namespace === namespace && setting.OptionName === option)?.Value
    return match(workflow) ?? match(current)
  }
  const paths = [valueOf(APPLICATION), valueOf(DEFAULT_PROCESS)]
    .map(value => (value === undefined ? undefined : /^(?:[A-Za-z]+:\d+)?(\/.*)$/.exec(value.trim())?.[1]))
    .filter((path): path is string => path !== undefined)
  return paths.length === 0 ? ['/'] : [...new Set(paths)]
}

/** The paths one smoke run checks: smoke-test-path when the workflow set it, and every path Beanstalk checks. */
export function smokePaths(smokeTestPath: string, given: boolean, beanstalk: string[]): string[] {
  return [...new Set([...(given ? [smokeTestPath] : []), ...beanstalk])]
}
