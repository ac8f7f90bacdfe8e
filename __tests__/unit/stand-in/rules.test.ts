import { describe, expect, test } from '@jest/globals'

import { healthCheckPaths, healthyStatus } from '../../../stand-in/services/beanstalk/lifecycle.js'
import type { Environment } from '../../../stand-in/services/beanstalk/model.js'
import {
  TaskDefinitionError,
  registerTaskDefinition,
  startOrder
} from '../../../stand-in/services/beanstalk/task-definition.js'
import { validateLifecyclePolicy } from '../../../stand-in/services/ecr-lifecycle.js'
import { validateOptionSettings } from '../../../stand-in/services/beanstalk/options.js'
import { parseRange } from '../../../stand-in/services/s3.js'

const web = { name: 'web', image: 'web:1', memory: 64 }

function refusal(containers: unknown[], volumes: unknown[] = []): string {
  try {
    registerTaskDefinition({ AWSEBDockerrunVersion: 2, containerDefinitions: containers, volumes })
  } catch (error) {
    expect(error).toBeInstanceOf(TaskDefinitionError)
    return (error as Error).message
  }
  throw new Error('registered')
}

describe('registerTaskDefinition: what ECS refuses', () => {
  test.each([
    ['no containers', [], 'Container list cannot be empty.'],
    [
      'a container without a name',
      [{ image: 'x', memory: 8 }],
      'Container.name should not be null or empty.'
    ],
    [
      'a container without an image',
      [{ name: 'x', memory: 8 }],
      'Container.image should not be null or empty.'
    ],
    [
      'no memory value',
      [{ name: 'web', image: 'web:1' }],
      "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified."
    ],
    [
      'memory below its reservation',
      [{ ...web, memoryReservation: 128 }],
      "'memory' must be greater than or equal"
    ],
    [
      'no essential container',
      [{ ...web, essential: false }],
      "Task definition doesn't have any essential container."
    ],
    ['a duplicate name', [web, web], "Duplicate container name 'web'"],
    ['a missing link target', [{ ...web, links: ['db:database'] }], "Linked container 'db' does not exist"],
    [
      'a missing volumesFrom source',
      [{ ...web, volumesFrom: [{ sourceContainer: 'data' }] }],
      "volumesFrom container 'data'"
    ],
    [
      'an undeclared volume',
      [{ ...web, mountPoints: [{ sourceVolume: 'app', containerPath: '/app' }] }],
      "The sourceVolume 'app' is not defined"
    ],
    [
      'a dependency that does not exist',
      [{ ...web, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] }],
      "Cannot depend on container + 'migrate' because it does not exist"
    ],
    [
      'an unknown condition',
      [
        { ...web, dependsOn: [{ containerName: 'init', condition: 'READY' }] },
        { name: 'init', image: 'i', memory: 8, essential: false }
      ],
      "dependsOn condition 'READY'"
    ],
    [
      'SUCCESS on an essential container',
      [
        { ...web, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
        { name: 'init', image: 'i', memory: 8 }
      ],
      "The SUCCESS condition cannot be set on essential container 'init'"
    ],
    [
      'HEALTHY on a container without a health check',
      [
        { ...web, dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] },
        { name: 'db', image: 'd', memory: 8 }
      ],
      "requires container 'db' to have a health check"
    ],
    [
      'a health check polling faster than ECS allows',
      [{ ...web, healthCheck: { command: ['CMD-SHELL', 'true'], interval: 1 } }],
      'healthCheck: command must start with CMD or CMD-SHELL; interval 5-300'
    ],
    [
      'two containers on one host port',
      [
        { ...web, portMappings: [{ hostPort: 80, containerPort: 80 }] },
        { name: 'b', image: 'b', memory: 8, portMappings: [{ hostPort: 80, containerPort: 8080 }] }
      ],
      "Host port 80 is already used by container 'web'"
    ],
    [
      'a dependency cycle',
      [
        { ...web, links: ['b'] },
        { name: 'b', image: 'b', memory: 8, dependsOn: [{ containerName: 'web', condition: 'START' }] }
      ],
      'Circular container dependencies'
    ]
  ])('%s', (_case, containers, message) => {
    expect(refusal(containers)).toContain(message)
  })
})

describe('registerTaskDefinition: what ECS accepts', () => {
  test('defaults: essential unless false, tcp, dynamic host ports; awseb-logs volumes need no declaration', () => {
    const task = registerTaskDefinition({
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        {
          name: 'nginx',
          image: 'nginx:1',
          memoryReservation: 32,
          links: ['app:upstream'],
          portMappings: [{ containerPort: 80, hostPort: 80 }, { containerPort: 9000 }],
          mountPoints: [{ sourceVolume: 'awseb-logs-nginx', containerPath: '/var/log/nginx' }]
        },
        { name: 'app', image: 'app:1', memory: 128 }
      ]
    })
    expect(task.containers[0]).toMatchObject({
      essential: true,
      links: [{ target: 'app', alias: 'upstream' }],
      portMappings: [
        { hostPort: 80, containerPort: 80, protocol: 'tcp' },
        { hostPort: 0, containerPort: 9000, protocol: 'tcp' }
      ]
    })
  })

  test('start order: links, volumesFrom and dependsOn targets first, document order otherwise', () => {
    const task = registerTaskDefinition({
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [
        { name: 'nginx', image: 'n', memory: 8, links: ['web'] },
        {
          name: 'web',
          image: 'w',
          memory: 8,
          dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }]
        },
        { name: 'worker', image: 'w', memory: 8, volumesFrom: [{ sourceContainer: 'data' }] },
        { name: 'migrate', image: 'w', memory: 8, essential: false },
        { name: 'data', image: 'd', memory: 8, essential: false }
      ]
    })
    expect(startOrder(task.containers).map(container => container.name)).toEqual([
      'migrate',
      'web',
      'nginx',
      'data',
      'worker'
    ])
  })
})

describe('ECR lifecycle policies', () => {
  const rule = (priority: number, selection: object) => ({
    rulePriority: priority,
    selection,
    action: { type: 'expire' }
  })
  test.each([
    ['not JSON', 'nope', 'not valid JSON'],
    ['no rules', JSON.stringify({ rules: [] }), 'non-empty rules'],
    [
      'tagged without a list',
      JSON.stringify({
        rules: [rule(1, { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 })]
      }),
      'tagStatus tagged'
    ],
    [
      'any before another rule',
      JSON.stringify({
        rules: [
          rule(2, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }),
          rule(3, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 })
        ]
      }),
      'highest rulePriority'
    ]
  ])('%s is refused', (_case, text, problem) => {
    expect(validateLifecyclePolicy(text)).toContain(problem)
  })

  test('a valid policy passes', () => {
    const text = JSON.stringify({
      rules: [
        rule(1, {
          tagStatus: 'tagged',
          tagPatternList: ['buildcache'],
          countType: 'imageCountMoreThan',
          countNumber: 1
        }),
        rule(2, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }),
        rule(3, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 })
      ]
    })
    expect(validateLifecyclePolicy(text)).toBeUndefined()
  })
})

describe('Beanstalk option settings', () => {
  test('known options, free-form namespaces and resource-named namespaces pass', () => {
    expect(() =>
      validateOptionSettings([
        { Namespace: 'aws:elasticbeanstalk:application:environment', OptionName: 'ANYTHING', Value: 'x' },
        {
          Namespace: 'aws:elasticbeanstalk:environment:process:default',
          OptionName: 'HealthCheckPath',
          Value: '/up'
        },
        {
          Namespace: 'aws:elasticbeanstalk:healthreporting:system',
          OptionName: 'SystemType',
          Value: 'enhanced'
        },
        { Namespace: 'aws:autoscaling:launchconfiguration', OptionName: 'IamInstanceProfile' }
      ])
    ).not.toThrow()
  })

  test('an unknown option or namespace and a value outside its set are refused', () => {
    expect(() => validateOptionSettings([{ Namespace: 'aws:ec2:vpc', OptionName: 'VpcId' }])).toThrow(
      "Invalid option specification (Namespace: 'aws:ec2:vpc', OptionName: 'VpcId'): Unknown configuration setting."
    )
    expect(() => validateOptionSettings([{ Namespace: 'aws:nowhere', OptionName: 'X' }])).toThrow(
      'Unknown configuration setting.'
    )
    expect(() =>
      validateOptionSettings([
        { Namespace: 'aws:elasticbeanstalk:environment', OptionName: 'EnvironmentType', Value: 'Big' }
      ])
    ).toThrow('Value is not one of the allowed values: [LoadBalanced, SingleInstance]')
  })
})

describe('S3 ranges', () => {
  test.each([
    ['bytes=0-0', 10, [0, 0]],
    ['bytes=3-', 10, [3, 9]],
    ['bytes=-4', 10, [6, 9]],
    ['bytes=-40', 10, [0, 9]],
    ['bytes=8-100', 10, [8, 9]],
    ['bytes=10-', 10, 'unsatisfiable'],
    ['bytes=5-2', 10, undefined],
    ['bytes=0-1,4-5', 10, undefined],
    ['items=0-1', 10, undefined],
    [undefined, 10, undefined]
  ])('%s of %d bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })
})

describe("the stand-in's load balancer: the paths and codes it checks", () => {
  const withSettings = (...settings: [string, string, string][]) =>
    ({
      optionSettings: settings.map(([Namespace, OptionName, Value]) => ({ Namespace, OptionName, Value }))
    }) as unknown as Environment
  const processDefault = 'aws:elasticbeanstalk:environment:process:default'

  test('paths: Application Healthcheck URL and the default process HealthCheckPath, each when set; else /', () => {
    expect(healthCheckPaths(withSettings())).toEqual(['/'])
    expect(healthCheckPaths(withSettings([processDefault, 'HealthCheckPath', '/health']))).toEqual([
      '/health'
    ])
    expect(
      healthCheckPaths(
        withSettings(
          ['aws:elasticbeanstalk:application', 'Application Healthcheck URL', 'HTTP:80/up'],
          [processDefault, 'HealthCheckPath', '/health']
        )
      )
    ).toEqual(['/up', '/health'])
  })

  test.each([
    [[], 302, false],
    [[], 200, true],
    [[[processDefault, 'MatcherHTTPCode', '200-399']], 302, true],
    [[[processDefault, 'MatcherHTTPCode', '200,404']], 404, true],
    [
      [
        ['aws:elasticbeanstalk:environment', 'LoadBalancerType', 'classic'],
        [processDefault, 'MatcherHTTPCode', '200-399']
      ],
      302,
      false
    ],
    [[['aws:elasticbeanstalk:environment', 'LoadBalancerType', 'network']], 302, true],
    [[['aws:elasticbeanstalk:environment', 'EnvironmentType', 'SingleInstance']], 302, true]
  ] as [[string, string, string][], number, boolean][])(
    'settings %j: %i healthy %s',
    (settings, status, healthy) => expect(healthyStatus(withSettings(...settings))(status)).toBe(healthy)
  )
})
