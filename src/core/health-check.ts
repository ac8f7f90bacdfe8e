// What Elastic Beanstalk's health check asks of an app, so the smoke test is at
// least as strict: the paths, and the HTTP codes that count as healthy.
//
// Paths: `Application Healthcheck URL` of aws:elasticbeanstalk:application
// ("/health" or "HTTP:80/health"; unset: "/" for an HTTP check) and, for an
// Application Load Balancer, HealthCheckPath of the default process
// (aws:elasticbeanstalk:environment:process:default, default "/").
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkapplication
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-environmentprocess
// Both are read when both are listed: checking each is never less strict.
//
// Codes, by the environment's load balancer (aws:elasticbeanstalk:environment
// EnvironmentType and LoadBalancerType):
// - Application Load Balancer: MatcherHTTPCode of the default process, default
//   "200" (ELB's Matcher: "200", "200,202" or "200-299").
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html
// - Classic Load Balancer: "Any answer other than 200 OK within the timeout
//   period is considered unhealthy."
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-elb-health-check.html
// - Network Load Balancer: MatcherHTTPCode, default "200-399" (the Matcher page).
// - Single instance: no load balancer checks a path; the smoke test keeps its
//   own rule, the page served (2xx/3xx).
// - LoadBalancerType not read: CreateEnvironment makes an Application Load
//   Balancer by default, so "200" (what a Classic one asks too).
//   https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.managing.ec2.aws-cli.html
// So an app whose "/" redirects to a login page passes a 2xx/3xx check and goes
// Red behind a load balancer: the smoke test must ask what the balancer asks.

interface Setting {
  Namespace?: string | undefined
  OptionName?: string | undefined
  Value?: string | undefined
}

const APPLICATION = ['aws:elasticbeanstalk:application', 'Application Healthcheck URL'] as const
const DEFAULT_PROCESS = ['aws:elasticbeanstalk:environment:process:default', 'HealthCheckPath'] as const
const MATCHER = ['aws:elasticbeanstalk:environment:process:default', 'MatcherHTTPCode'] as const
const ENVIRONMENT_TYPE = ['aws:elasticbeanstalk:environment', 'EnvironmentType'] as const
const LOAD_BALANCER_TYPE = ['aws:elasticbeanstalk:environment', 'LoadBalancerType'] as const

/** The smoke test's own rule where no load balancer asks for more: the page was served. */
export const PAGE_SERVED = '200-399'

/** One environment's health check: the paths its load balancer asks, the codes it accepts, and who asks. */
export interface BeanstalkHealthCheck {
  paths: string[]
  /** ELB matcher syntax: "200", "200,202", "200-299". */
  codes: string
  /** Who asks for these codes, worded for "as … asks". */
  checker: string
  /** What a user can change when the app answers otherwise. */
  advice?: string
}

/** One path the smoke test asks, with every code list that must accept the answer. */
export interface HealthProbe {
  path: string
  codes: string[]
  checkers: string[]
  advice: string[]
}

/** The option's value: the workflow's option-settings win over the environment's current ones. */
function optionReader(current: Setting[], workflow: Setting[]) {
  return ([namespace, option]: readonly [string, string]): string | undefined => {
    const match = (settings: Setting[]) =>
      settings.find(setting => setting.Namespace === namespace && setting.OptionName === option)?.Value
    return match(workflow) ?? match(current)
  }
}

/** The paths Beanstalk checks. */
export function beanstalkHealthPaths(current: Setting[], workflow: Setting[] = []): string[] {
  const valueOf = optionReader(current, workflow)
  const paths = [valueOf(APPLICATION), valueOf(DEFAULT_PROCESS)]
    .map(value => (value === undefined ? undefined : /^(?:[A-Za-z]+:\d+)?(\/.*)$/.exec(value.trim())?.[1]))
    .filter((path): path is string => path !== undefined)
  return paths.length === 0 ? ['/'] : [...new Set(paths)]
}

const PROCESS_ADVICE =
  'make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default'

/** The paths and codes of one environment's health check. */
export function beanstalkHealthCheck(current: Setting[], workflow: Setting[] = []): BeanstalkHealthCheck {
  const valueOf = optionReader(current, workflow)
  const paths = beanstalkHealthPaths(current, workflow)
  if (valueOf(ENVIRONMENT_TYPE)?.trim() === 'SingleInstance') {
    return {
      paths,
      codes: PAGE_SERVED,
      checker: 'the smoke test (a single-instance environment has no load balancer)'
    }
  }
  const matcher = valueOf(MATCHER)?.trim()
  const given = matcher !== undefined && parseHttpCodes(matcher) !== undefined
  switch (valueOf(LOAD_BALANCER_TYPE)?.trim()) {
    case 'classic':
      return {
        paths,
        codes: '200',
        checker: "the environment's Classic Load Balancer",
        advice:
          'make the path answer that, or set Application Healthcheck URL of aws:elasticbeanstalk:application'
      }
    case 'network':
      return {
        paths,
        codes: given ? matcher : PAGE_SERVED,
        checker: `the environment's Network Load Balancer (MatcherHTTPCode${given ? '' : ', default 200-399'})`,
        advice: PROCESS_ADVICE
      }
    default:
      return {
        paths,
        codes: given ? matcher : '200',
        checker: `the environment's Application Load Balancer (MatcherHTTPCode${given ? '' : ', default 200'})`,
        advice: PROCESS_ADVICE
      }
  }
}

/** "200,202" / "200-299" → inclusive ranges; undefined when the text is not a matcher. */
export function parseHttpCodes(codes: string): [number, number][] | undefined {
  const ranges: [number, number][] = []
  for (const part of codes.split(',')) {
    const match = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(part)
    if (!match) return undefined
    const low = Number(match[1])
    const high = match[2] === undefined ? low : Number(match[2])
    if (high < low) return undefined
    ranges.push([low, high])
  }
  return ranges
}

/** Whether `status` is one of `codes` (ELB matcher syntax); a text that is no matcher accepts only 200. */
export function acceptsHttpStatus(codes: string, status: number): boolean {
  const ranges = parseHttpCodes(codes) ?? [[200, 200]]
  return ranges.some(([low, high]) => status >= low && status <= high)
}

/**
 * The paths one smoke run asks, each with the codes every environment of the target accepts there:
 * smoke-test-path when the workflow set it (the page served), and every path Beanstalk checks.
 */
export function smokeProbes(
  smokeTestPath: string,
  given: boolean,
  checks: BeanstalkHealthCheck[]
): HealthProbe[] {
  const probes = new Map<string, HealthProbe>()
  const add = (path: string, check: Omit<BeanstalkHealthCheck, 'paths'>) => {
    const probe = probes.get(path) ?? { path, codes: [], checkers: [], advice: [] }
    const once = (list: string[], item: string | undefined) => {
      if (item !== undefined && !list.includes(item)) list.push(item)
    }
    once(probe.codes, check.codes)
    once(probe.checkers, check.checker)
    once(probe.advice, check.advice)
    probes.set(path, probe)
  }
  if (given) add(smokeTestPath, { codes: PAGE_SERVED, checker: 'smoke-test-path (the page served)' })
  for (const check of checks) for (const path of check.paths) add(path, check)
  return [...probes.values()]
}

/** Whether every code list of the probe accepts `status`. */
export function probeAccepts(probe: Pick<HealthProbe, 'codes'>, status: number): boolean {
  return probe.codes.every(codes => acceptsHttpStatus(codes, status))
}

/** "200", "200 and 200-299": what the probe expects, for log lines. */
export function expectedCodes(probe: Pick<HealthProbe, 'codes'>): string {
  return probe.codes.map(codes => (codes === PAGE_SERVED ? '2xx/3xx' : codes)).join(' and ')
}

/** What a failure line says after the status: which codes are healthy, who asks, and what to change. */
export function probeRule(probe: HealthProbe): string {
  const advice = probe.advice.length > 0 ? `: ${probe.advice.join('; or ')}` : ''
  return `${expectedCodes(probe)}, as ${probe.checkers.join(' and ')} asks${advice}`
}
