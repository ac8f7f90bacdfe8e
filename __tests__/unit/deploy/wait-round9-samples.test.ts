// A third held-out check: real samples none of real-samples.ts, heldout-samples.ts or wait-fresh-samples.test.ts has,
// replayed poll by poll through decide() with the project's own `replay` harness. Every row asserts what really
// happened according to its source (`truth`); a row the wait gets wrong fails, and its received value names the
// rule that decided it. Conventions are the earlier sample files': texts and severities are the sources'; where a
// source leaves something out the row says what it assumed, and assumes the case hardest for the wait.
// Times are seconds after UpdateEnvironment was accepted.

import { describe, expect, test } from '@jest/globals'

import { failureKind, isErrorEvent } from '../../../src/deploy/failure-events.js'
import { OURS, SINCE, ready, replay, updating, type Sample } from './real-samples.js'

type Wait9Sample = Omit<Sample, 'before' | 'rule'>

const AWSDOCS = 'awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e'
const DOC_STATUS = `${AWSDOCS}:doc_source/health-enhanced-status.md (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html)`
const DOC_ENHANCED = `${AWSDOCS}:doc_source/health-enhanced.md (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html)`
const DOC_NOTIFICATIONS = `${AWSDOCS}:doc_source/environments-health-enhanced-notifications.md`
const DOC_TS_DEPLOY = `${AWSDOCS}:doc_source/troubleshooting-deployments.md`
const DOC_TS_DOCKER = `${AWSDOCS}:doc_source/troubleshooting-docker.md`
const DOC_ROLLING = `${AWSDOCS}:doc_source/using-features.rolling-version-deploy.md`
const DOCKER_HOOK =
  'AWS\'s single-container Docker platform hook (Amazon Software License, 2012), public copy found by the search tool (file id 23068162485): error_exit "No EXPOSE directive found in Dockerfile, abort deployment", warn "Only one EXPOSE directive is allowed, using the first one", error_exit "Docker container quit unexpectedly after launch: … Check snapshot logs for details." (error_exit → eventHelper.py --severity ERROR, as the mattermost/docs#3660 eb-activity.log shows for the ECS hook)'
const YEONGSEON_LAB =
  'https://yeongseon.github.io/aws-elastic-beanstalk-practical-guide/troubleshooting/lab-guides/health-red-after-deploy/ ("Application deploy succeeds but ALB health check path returns 500 … environment health quickly moves from Info to Warning, Degraded, or Severe")'
const PROLOG_INFO_AFTER =
  'https://github.com/woowacourse/prolog/issues/373 (04:26:24 "Environment update completed successfully.", 04:26:41 "transitioned from Ok to Info. Application update in progress … (running for 5 seconds)": Info outlives the completion event)'
const AUDIT_61165220994 =
  'public GitHub audit report of an EB environment after a failed deploy (DescribeEnvironmentHealth causes, instance Deployment FAILED, "old version continues serving traffic"), search tool file id 61165220994'

const COMMAND_TIMEOUTS =
  'Update environment operation is complete, but with command timeouts. Try increasing the timeout period.'

// ------------------------------------------------------------------------------------------------------------
// (a) good deploys whose health lags
// ------------------------------------------------------------------------------------------------------------
const GOOD: Wait9Sample[] = [
  {
    name: 'A1 rolling deploy: Updating, Green / Info "Command is executing on 3 out of 5 instances", completed, Ok',
    source: `${DOC_ENHANCED} ("Operations and commands": Overall Info, "Command is executing on 3 out of 5 instances"; timing assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [5, 'INFO', 'Deploying new version to instance(s).'],
      [
        40,
        'INFO',
        'Environment health has transitioned from Ok to Info. Command is executing on 3 out of 5 instances.',
        false
      ],
      [150, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [150, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 30, env: updating('Green', OURS, 'Info') },
      { at: 90, env: updating('Green', OURS, 'Info') },
      { at: 151, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  },
  {
    name: 'A2 rolling with additional batch: Red / Degraded "4 active instances is below Auto Scaling group minimum size 5" after completion, Green 100 s later',
    source: `${DOC_STATUS} (Degraded example: "environment is in the process of scaling up to 5 instances"); ${DOC_ROLLING} (the additional batch is terminated when the deployment completes); recovery time assumed`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [
        5,
        'INFO',
        'Rolling with Additional Batch deployment policy enabled. Launching  a new batch of 1 additional instance(s).'
      ],
      [300, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [300, 'INFO', 'Environment update completed successfully.'],
      [
        330,
        'WARN',
        'Environment health has transitioned from Ok to Degraded. 4 active instances is below Auto Scaling group minimum size 5.',
        false
      ],
      [400, 'INFO', 'Environment health has transitioned from Degraded to Ok.', false]
    ],
    polls: [
      { at: 60, env: updating('Green', OURS, 'Info') },
      {
        at: 301,
        env: ready('Red', OURS, 'Degraded'),
        causes: ['4 active instances is below Auto Scaling group minimum size 5.']
      },
      { at: 360, env: ready('Yellow', OURS, 'Warning') },
      { at: 401, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  },
  {
    name: 'A3 Docker: WARN "Only one EXPOSE directive is allowed, using the first one: 8080", built, running, completed',
    source: `${DOCKER_HOOK} (the WARN of a deploy that goes on; the rest of the stream assumed clean)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [4, 'INFO', 'Deploying new version to instance(s).'],
      [60, 'INFO', 'Successfully built aws_beanstalk/staging-app'],
      [62, 'WARN', 'Only one EXPOSE directive is allowed, using the first one: 8080'],
      [75, 'INFO', 'Docker container 3691fd5e5d46 is running aws_beanstalk/current-app.'],
      [80, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [80, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 63, env: updating() },
      { at: 81, env: ready('Yellow', OURS, 'Warning') },
      { at: 140, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  }
]

/**
 * A working deploy whose health is Grey because no health data reaches Beanstalk: AWS's docs say a custom instance
 * profile without elasticbeanstalk:PutInstanceStatistics makes the environment show "No Data". The app runs; the
 * wait fails it when the window ends (rule unhealthy-after-window) and the automatic rollback undoes it.
 */
const GOOD_BUT_NO_DATA: Wait9Sample = {
  name: 'A4 good deploy, health Grey / NoData throughout (instance profile lacks PutInstanceStatistics)',
  source: `${DOC_ENHANCED} ("If you use a custom instance profile … your environment might display a No Data health status"); botocore service-2.json EnvironmentHealthStatus enum has NoData (Grey); events assumed clean`,
  events: [
    [0, 'INFO', 'Environment update is starting.'],
    [5, 'INFO', 'Deploying new version to instance(s).'],
    [60, 'INFO', 'New application version was deployed to running EC2 instances.'],
    [60, 'INFO', 'Environment update completed successfully.']
  ],
  polls: [
    { at: 30, env: updating('Grey', OURS, 'NoData') },
    { at: 61, env: ready('Grey', OURS, 'NoData') },
    { at: 241, env: ready('Grey', OURS, 'NoData') }
  ],
  truth: 'success'
}

// ------------------------------------------------------------------------------------------------------------
// (b) failed deploys
// ------------------------------------------------------------------------------------------------------------
const FAILED: Wait9Sample[] = [
  {
    name: 'B1 "Update environment operation is complete, but with command timeouts. Try increasing the timeout period." (WARN), then Ready Green',
    source: `${DOC_TS_DEPLOY} (the event text; listed by AWS as a deployment problem: "Increase the command timeout to give your application more time"); severity not given, WARN assumed (the EB CLI's sibling "… but with errors." is WARN in ThoughtWorksStudios/eb_deployer#59); Ready / Green on the new label assumed`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [5, 'INFO', 'Deploying new version to instance(s).'],
      [605, 'WARN', COMMAND_TIMEOUTS]
    ],
    polls: [
      { at: 300, env: updating('Green', OURS, 'Info') },
      { at: 606, env: ready('Green', OURS, 'Info') }
    ],
    truth: 'failure'
  },
  {
    name: 'B2 ALB health path returns 500: "completed successfully", first Ready poll Green / Info, Severe a minute later',
    source: `${YEONGSEON_LAB}; ${DOC_STATUS} (Info is Green: "A new application version is being deployed"; Beanstalk "does not immediately change environment health status"); ${PROLOG_INFO_AFTER}; times assumed`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [4, 'INFO', 'Deploying new version to instance(s).'],
      [20, 'INFO', 'Instance deployment completed successfully.'],
      [24, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [24, 'INFO', 'Environment update completed successfully.'],
      [
        85,
        'WARN',
        'Environment health has transitioned from Info to Severe. ELB processes are not healthy on all instances. ELB health is failing or not available for all instances.',
        false
      ]
    ],
    polls: [
      { at: 10, env: updating('Green', OURS, 'Info') },
      { at: 25, env: ready('Green', OURS, 'Info') },
      {
        at: 86,
        env: ready('Red', OURS, 'Severe'),
        causes: [
          'ELB processes are not healthy on all instances.',
          'ELB health is failing or not available for all instances.'
        ]
      },
      {
        at: 300,
        env: ready('Red', OURS, 'Severe'),
        causes: [
          'ELB processes are not healthy on all instances.',
          'ELB health is failing or not available for all instances.'
        ]
      }
    ],
    truth: 'failure'
  },
  {
    name: 'B3 Docker: ERROR "Failed to pull Docker image :latest: Invalid repository name …", "Command failed on instance", Ready Green',
    source: `${DOC_TS_DOCKER} (the event text); ERROR as the Docker hook's error_exit writes it (${DOCKER_HOOK}); the Command-failed event as in tasso94/start-camunda#20; Ready / Green on the new label assumed`,
    events: [
      [4, 'INFO', 'Deploying new version to instance(s).'],
      [
        12,
        'ERROR',
        'Failed to pull Docker image :latest: Invalid repository name (), only [a-z0-9-_.] are allowed. Tail the logs for more details.'
      ],
      [
        14,
        'ERROR',
        '[Instance: i-0318935e05589fba6] Command failed on instance. Return code: 1 Output: (TRUNCATED)...Failed to pull Docker image :latest'
      ]
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 30, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'B4 Docker: ERROR "No EXPOSE directive found in Dockerfile, abort deployment" only, Ready Green on the new label',
    source: `${DOC_TS_DOCKER} + ${DOCKER_HOOK} (error_exit → ERROR); no other event assumed; Ready / Green on the new label assumed`,
    events: [[15, 'ERROR', 'No EXPOSE directive found in Dockerfile, abort deployment']],
    polls: [
      { at: 10, env: updating() },
      { at: 40, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'B5 Docker: ERROR "Docker container quit unexpectedly after launch: … Check snapshot logs for details." only',
    source: `${DOCKER_HOOK}; Ready / Green on the new label assumed`,
    events: [
      [
        30,
        'ERROR',
        "Docker container quit unexpectedly after launch: Error: Cannot find module '/app/server.js'. Check snapshot logs for details."
      ]
    ],
    polls: [
      { at: 20, env: updating() },
      { at: 50, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'B6 failed deploy: Ready Red / Degraded, causes "Command failed on all instances." + "Incorrect application version found on all instances."',
    source: `${AUDIT_61165220994} (health oscillates Degraded ↔ Severe; events not shown: INFO only assumed; label assumed the new one)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [5, 'INFO', 'Deploying new version to instance(s).']
    ],
    polls: [
      { at: 60, env: updating('Green', OURS, 'Info') },
      {
        at: 120,
        env: ready('Red', OURS, 'Degraded'),
        causes: [
          'Command failed on all instances.',
          'Incorrect application version found on all instances. Expected version "v48-nova3-medical-dropdown-20260703-170816" (deployment 157).'
        ]
      },
      { at: 200, env: ready('Red', OURS, 'Severe') },
      {
        at: 300,
        env: ready('Red', OURS, 'Degraded'),
        causes: [
          'Command failed on all instances.',
          'Incorrect application version found on all instances. Expected version "v48-nova3-medical-dropdown-20260703-170816" (deployment 157).'
        ]
      }
    ],
    truth: 'failure'
  },
  {
    name: 'B7 Suspended after the update (service role unusable): Ready Grey / Suspended',
    source: `${DOC_STATUS} (Suspended, Grey: "Elastic Beanstalk can't access the environment's service role … The environment might not work correctly"); events assumed clean`,
    events: [[60, 'INFO', 'Environment update completed successfully.']],
    polls: [
      { at: 61, env: ready('Grey', OURS, 'Suspended') },
      { at: 260, env: ready('Grey', OURS, 'Suspended') }
    ],
    truth: 'failure'
  }
]

/**
 * A rolling deploy that failed part-way, told only by the health cause (AWS docs): instances with the new version
 * "are considered unhealthy", the expected version is reset to the previous one. Warning (Yellow) when a minority
 * of instances is affected ("Impaired services on 1 out of 5 instances" is the docs' Warning example). The batch
 * events are assumed INFO only (as in AWS's own roadmap#162 stream), so only the cause says it failed.
 */
const PARTIAL_ROLLING: Wait9Sample = {
  name: 'B8 partial rolling failure told by the cause only: Ready Yellow / Warning, "Incorrect application version found on 2 out of 5 instances. Expected version "v1""',
  source: `${DOC_NOTIFICATIONS} ("If a rolling deployment fails … Incorrect application version found on 2 out of 5 instances. Expected version "v1" (deployment 1)."); ${DOC_STATUS} (Warning example); label assumed the new one (einaregilsson/beanstalk-deploy#67)`,
  events: [
    [0, 'INFO', 'Environment update is starting.'],
    [6, 'INFO', 'Batch 1: Starting application deployment on instance(s) [i-1, i-2].'],
    [120, 'INFO', 'Batch 1: Completed application deployment.'],
    [121, 'INFO', 'Batch 2: Starting application deployment on instance(s) [i-3, i-4].']
  ],
  polls: [
    { at: 60, env: updating('Green', OURS, 'Info') },
    {
      at: 400,
      env: ready('Yellow', OURS, 'Warning'),
      causes: [
        'Incorrect application version found on 2 out of 5 instances. Expected version "v1" (deployment 1).'
      ]
    },
    {
      at: 600,
      env: ready('Yellow', OURS, 'Warning'),
      causes: [
        'Incorrect application version found on 2 out of 5 instances. Expected version "v1" (deployment 1).'
      ]
    }
  ],
  truth: 'failure'
}

const verdict = (sample: Wait9Sample, extra: Partial<Sample> = {}): string => {
  const decision = replay({ ...(sample as Sample), ...extra })
  return `${decision.kind} (rule: ${decision.rule})`
}

describe('held-out 3 (a): good deploys with lagging health', () => {
  test.each(GOOD.map(sample => [sample.name, sample] as const))('%s', (_name, sample) => {
    expect(verdict(sample)).toMatch(new RegExp(`^${sample.truth} `))
  })

  test('A4 Grey / NoData on a working deploy: not Green (nothing shows the app works), but no rollback', () => {
    // The app runs; only the health data is missing. Green must mean the app works, so the deploy fails, as its own
    // kind: the message names the missing permission and the automatic rollback (whose version would be Grey too)
    // does not run.
    const decision = replay(GOOD_BUT_NO_DATA as Sample)
    expect(decision).toMatchObject({ kind: 'failure', rule: 'no-health-data', failure: 'no-health' })
    expect(decision.kind === 'failure' && decision.reason).toMatch(/PutInstanceStatistics/)
  })
})

describe('held-out 3 (b): failed deploys', () => {
  test.each(FAILED.map(sample => [sample.name, sample] as const))('%s', (_name, sample) => {
    expect(verdict(sample)).toMatch(new RegExp(`^${sample.truth} `))
  })

  test('B1 at INFO', () => {
    const info = {
      ...FAILED[0]!,
      events: FAILED[0]!.events.map(e => (e[2] === COMMAND_TIMEOUTS ? ([e[0], 'INFO', e[2]] as const) : e))
    }
    expect(verdict(info)).toMatch(/^failure /)
  })

  test('B1 with the per-instance summary such a deploy also writes ("[Successful: 1, TimedOut: 1]")', () => {
    const withSummary = {
      ...FAILED[0]!,
      events: [
        ...FAILED[0]!.events,
        [
          604,
          'INFO',
          'Command execution completed on all instances. Summary: [Successful: 1, TimedOut: 1].'
        ] as const
      ]
    }
    expect(verdict(withSummary)).toMatch(/^failure /)
  })

  test('B2 when the first Ready poll comes after the health system caught up (at 86 s): the window judges', () => {
    const late = { ...FAILED[1]!, polls: FAILED[1]!.polls.filter(poll => poll.at !== 25) }
    expect(verdict(late)).toMatch(/^failure /)
  })

  test('B8 partial rolling failure, allow-yellow: true', () => {
    expect(verdict(PARTIAL_ROLLING, { allowYellow: true })).toMatch(/^failure /)
  })

  test('B8 partial rolling failure, allow-yellow: false', () => {
    expect(verdict(PARTIAL_ROLLING)).toMatch(/^failure /)
  })
})

describe('held-out 3 (b): single texts whose severity the source does not give (INFO assumed, the worst case)', () => {
  const at = (severity: string, message: string) => ({
    date: SINCE,
    severity,
    message,
    requestId: 'req-ours'
  })
  test.each([
    [
      'troubleshooting-docker.md',
      'Failed to pull Docker image :latest: Invalid repository name (), only [a-z0-9-_.] are allowed. Tail the logs for more details.'
    ],
    [
      'troubleshooting-docker.md',
      'Activity execution failed, because: WARNING: Invalid auth configuration file'
    ],
    ['troubleshooting-docker.md', 'Failed to download authentication credentials my-repo from my-bucket'],
    ['troubleshooting-docker.md', 'No EXPOSE directive found in Dockerfile, abort deployment'],
    ['troubleshooting-deployments.md', COMMAND_TIMEOUTS]
  ])('%s: "%s" is an error of the deploy at INFO', (_doc, message) => {
    expect(
      isErrorEvent(at('INFO', message), OURS) || failureKind(at('INFO', message), OURS) !== undefined
    ).toBe(true)
  })
})
