// The paths Beanstalk's load balancer checks (trial D3: smoke-test-path /health passed, Beanstalk checked /),
// and the codes it counts as healthy (an app whose / redirects passed 2xx/3xx and goes Red behind an ALB).

import { describe, expect, it } from '@jest/globals'
import {
  acceptsHttpStatus,
  beanstalkHealthCheck,
  beanstalkHealthPaths,
  parseHttpCodes,
  probeAccepts,
  probeRule,
  smokeProbes,
  type BeanstalkHealthCheck
} from '../../../src/core/health-check.js'

const app = (Value: string) => ({
  Namespace: 'aws:elasticbeanstalk:application',
  OptionName: 'Application Healthcheck URL',
  Value
})
const environment = (OptionName: string, Value: string) => ({
  Namespace: 'aws:elasticbeanstalk:environment',
  OptionName,
  Value
})
const matcher = (Value: string) => ({
  Namespace: 'aws:elasticbeanstalk:environment:process:default',
  OptionName: 'MatcherHTTPCode',
  Value
})
const processPath = (Value: string) => ({
  Namespace: 'aws:elasticbeanstalk:environment:process:default',
  OptionName: 'HealthCheckPath',
  Value
})

describe('beanstalkHealthPaths', () => {
  it('is / when nothing sets it (an environment as created)', () => {
    expect(beanstalkHealthPaths([app('')])).toEqual(['/'])
    expect(beanstalkHealthPaths([])).toEqual(['/'])
  })

  it('reads Application Healthcheck URL with or without protocol and port', () => {
    expect(beanstalkHealthPaths([app('/health')])).toEqual(['/health'])
    expect(beanstalkHealthPaths([app('HTTP:80/up')])).toEqual(['/up'])
  })

  it('an ALB process path counts too; two different paths are both checked', () => {
    expect(beanstalkHealthPaths([app(''), processPath('/healthz')])).toEqual(['/healthz'])
    expect(beanstalkHealthPaths([app('/health'), processPath('/')])).toEqual(['/health', '/'])
  })

  it("the workflow's option-settings win over the environment's current value", () => {
    expect(beanstalkHealthPaths([app('/')], [app('/ready')])).toEqual(['/ready'])
  })
})

describe('beanstalkHealthCheck: the codes the load balancer accepts', () => {
  const codesOf = (...settings: { Namespace: string; OptionName: string; Value: string }[]) =>
    beanstalkHealthCheck(settings).codes

  it("an Application Load Balancer: MatcherHTTPCode, default 200 (ELB's Matcher)", () => {
    expect(codesOf(environment('LoadBalancerType', 'application'))).toBe('200')
    expect(codesOf(environment('LoadBalancerType', 'application'), matcher('200-399'))).toBe('200-399')
    expect(codesOf(environment('LoadBalancerType', 'application'), matcher(' 200,302 '))).toBe('200,302')
  })

  it('a Classic Load Balancer: only 200, whatever MatcherHTTPCode says', () => {
    expect(codesOf(environment('LoadBalancerType', 'classic'), matcher('200-399'))).toBe('200')
  })

  it('a Network Load Balancer: MatcherHTTPCode, default 200-399', () => {
    expect(codesOf(environment('LoadBalancerType', 'network'))).toBe('200-399')
    expect(codesOf(environment('LoadBalancerType', 'network'), matcher('200'))).toBe('200')
  })

  it('a single-instance environment (a preview): no load balancer, the page served (2xx/3xx)', () => {
    const check = beanstalkHealthCheck([
      environment('EnvironmentType', 'SingleInstance'),
      environment('LoadBalancerType', 'application')
    ])
    expect(check.codes).toBe('200-399')
    expect(check.advice).toBeUndefined()
  })

  it('nothing read: an Application Load Balancer, as CreateEnvironment makes by default (200)', () => {
    expect(codesOf()).toBe('200')
    expect(beanstalkHealthCheck([]).checker).toContain('Application Load Balancer')
  })

  it("a matcher that is not one (empty, words) is the default's 200", () => {
    expect(codesOf(matcher(''))).toBe('200')
    expect(codesOf(matcher('ok'))).toBe('200')
  })

  it("the workflow's option-settings win over the environment's current ones", () => {
    const check = beanstalkHealthCheck([matcher('200-399')], [matcher('200')])
    expect(check.codes).toBe('200')
    expect(
      beanstalkHealthCheck(
        [environment('EnvironmentType', 'LoadBalanced')],
        [environment('EnvironmentType', 'SingleInstance')]
      ).codes
    ).toBe('200-399')
  })
})

describe('ELB matcher syntax', () => {
  it.each([
    ['200', 200, true],
    ['200', 302, false],
    ['200', 201, false],
    ['200,202', 202, true],
    ['200,202', 201, false],
    ['200-299', 200, true],
    ['200-299', 299, true],
    ['200-299', 300, false],
    ['200-299', 199, false],
    ['200-399', 302, true],
    ['200, 300-302', 301, true],
    ['200, 300-302', 303, false]
  ])('%s accepts %i: %s', (codes, status, accepted) =>
    expect(acceptsHttpStatus(codes, status)).toBe(accepted)
  )

  it.each(['', 'ok', '200-', '299-200', '20', '200;302'])('%j is no matcher', codes =>
    expect(parseHttpCodes(codes)).toBeUndefined()
  )

  it('a text that is no matcher accepts only 200', () => {
    expect(acceptsHttpStatus('nonsense', 200)).toBe(true)
    expect(acceptsHttpStatus('nonsense', 204)).toBe(false)
  })
})

describe('smokeProbes', () => {
  const alb = (paths: string[], codes = '200'): BeanstalkHealthCheck => ({
    paths,
    codes,
    checker: 'the ALB',
    advice: 'change it'
  })
  const paths = (smokeTestPath: string, given: boolean, checks: BeanstalkHealthCheck[]) =>
    smokeProbes(smokeTestPath, given, checks).map(probe => probe.path)

  it('smoke-test-path set and different from Beanstalk: both', () => {
    expect(paths('/health', true, [alb(['/'])])).toEqual(['/health', '/'])
  })
  it('smoke-test-path not set: what Beanstalk checks, instead of /', () => {
    expect(paths('/', false, [alb(['/api/status'])])).toEqual(['/api/status'])
  })
  it('the same path once', () => {
    expect(paths('/up', true, [alb(['/up'])])).toEqual(['/up'])
  })

  it("smoke-test-path alone accepts a redirect; Beanstalk's path wants what its balancer wants", () => {
    const [own, balancer] = smokeProbes('/login', true, [alb(['/'])])
    expect(own && probeAccepts(own, 302)).toBe(true)
    expect(balancer && probeAccepts(balancer, 302)).toBe(false)
    expect(balancer && probeAccepts(balancer, 200)).toBe(true)
  })

  it('one path asked by two: every rule must accept (two environments, or smoke-test-path on the checked path)', () => {
    const [probe] = smokeProbes('/', true, [alb(['/'], '200-299'), alb(['/'], '200,204')])
    expect(probe?.codes).toEqual(['200-399', '200-299', '200,204'])
    expect(probe && probeAccepts(probe, 204)).toBe(true)
    expect(probe && probeAccepts(probe, 201)).toBe(false)
    expect(probe && probeAccepts(probe, 302)).toBe(false)
  })

  it('a failure line says the codes, who asks them and what to change', () => {
    const [probe] = smokeProbes('/', false, [beanstalkHealthCheck([])])
    expect(probe && probeRule(probe)).toBe(
      "200, as the environment's Application Load Balancer (MatcherHTTPCode, default 200) asks: make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default"
    )
  })
})

describe('what the health check reads, exactly (mutation testing found these unpinned)', () => {
  it("reads the default process's options only, not another process's of the same name", () => {
    const admin = {
      Namespace: 'aws:elasticbeanstalk:environment:process:admin',
      OptionName: 'HealthCheckPath',
      Value: '/admin/health'
    }
    expect(beanstalkHealthPaths([admin])).toEqual(['/'])
    expect(beanstalkHealthCheck([{ ...admin, OptionName: 'MatcherHTTPCode', Value: '200-399' }]).codes).toBe(
      '200'
    )
    // An option of the right namespace but another name is not the path either.
    expect(
      beanstalkHealthPaths([
        { Namespace: 'aws:elasticbeanstalk:environment:process:default', OptionName: 'Port', Value: '/80' }
      ])
    ).toEqual(['/'])
  })

  it('takes a path only from a whole value: blanks trimmed, nothing before the protocol, nothing but a path', () => {
    expect(beanstalkHealthPaths([app('  /health  ')])).toEqual(['/health'])
    expect(beanstalkHealthPaths([app('x/health')])).toEqual(['/'])
    expect(beanstalkHealthPaths([app('TCP:80')])).toEqual(['/'])
  })

  it('reads the environment and balancer types with blanks around them', () => {
    expect(beanstalkHealthCheck([environment('EnvironmentType', ' SingleInstance ')]).codes).toBe('200-399')
    expect(
      beanstalkHealthCheck([environment('LoadBalancerType', ' classic '), matcher('200-399')]).codes
    ).toBe('200')
  })

  it('reads a range with blanks around the dash', () => {
    expect(parseHttpCodes('200 - 299')).toEqual([[200, 299]])
    expect(parseHttpCodes('200,302')).toEqual([
      [200, 200],
      [302, 302]
    ])
  })

  const ruleOf = (...settings: { Namespace: string; OptionName: string; Value: string }[]) => {
    const [probe] = smokeProbes('/', false, [beanstalkHealthCheck(settings)])
    return probe ? probeRule(probe) : undefined
  }

  it.each([
    [
      [environment('LoadBalancerType', 'classic')],
      "200, as the environment's Classic Load Balancer asks: make the path answer that, or set Application Healthcheck URL of aws:elasticbeanstalk:application"
    ],
    [
      [environment('LoadBalancerType', 'network')],
      "2xx/3xx, as the environment's Network Load Balancer (MatcherHTTPCode, default 200-399) asks: make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default"
    ],
    [
      [environment('LoadBalancerType', 'network'), matcher('200')],
      "200, as the environment's Network Load Balancer (MatcherHTTPCode) asks: make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default"
    ],
    [
      [matcher('200,204')],
      "200,204, as the environment's Application Load Balancer (MatcherHTTPCode) asks: make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default"
    ],
    [
      [environment('EnvironmentType', 'SingleInstance')],
      '2xx/3xx, as the smoke test (a single-instance environment has no load balancer) asks'
    ]
  ])('words the rule of %j', (settings, rule) => expect(ruleOf(...settings)).toBe(rule))

  it('words two rules on one path: each code list, each who asks, one advice', () => {
    const [probe] = smokeProbes('/', true, [beanstalkHealthCheck([])])
    expect(probe && probeRule(probe)).toBe(
      "2xx/3xx and 200, as smoke-test-path (the page served) and the environment's Application Load Balancer (MatcherHTTPCode, default 200) asks: make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default"
    )
    // Two environments with the same balancer: their rule once.
    const [same] = smokeProbes('/', false, [beanstalkHealthCheck([]), beanstalkHealthCheck([])])
    expect(same?.codes).toEqual(['200'])
    expect(same?.checkers).toHaveLength(1)
    expect(same?.advice).toHaveLength(1)
  })
})
