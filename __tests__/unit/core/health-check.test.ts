// The paths Beanstalk's load balancer checks (trial D3: smoke-test-path /health passed, Beanstalk checked /).

import { describe, expect, it } from '@jest/globals'
import { beanstalkHealthPaths, smokePaths } from '../../../src/core/health-check.js'

const app = (Value: string) => ({
  Namespace: 'aws:elasticbeanstalk:application',
  OptionName: 'Application Healthcheck URL',
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

describe('smokePaths', () => {
  it('smoke-test-path set and different from Beanstalk: both', () => {
    expect(smokePaths('/health', true, ['/'])).toEqual(['/health', '/'])
  })
  it('smoke-test-path not set: what Beanstalk checks, instead of /', () => {
    expect(smokePaths('/', false, ['/api/status'])).toEqual(['/api/status'])
  })
  it('the same path once', () => {
    expect(smokePaths('/up', true, ['/up'])).toEqual(['/up'])
  })
})
