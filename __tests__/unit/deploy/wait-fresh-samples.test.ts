// FRESH check of the wait: real Beanstalk event texts and deploy sequences that are in none of real-samples.ts,
// heldout-samples.ts or wait-decision.test.ts, replayed poll by poll with the same `replay` (or, for a single text,
// through failureKind / isErrorEvent as wait-real-samples.test.ts does). Every case asserts what SHOULD happen
// (`truth`, what really happened according to the source), so a miss is a plainly failing row; the received value
// names the rule that decided it. Conventions are heldout-samples.ts's: texts and severities are the sources';
// where a source leaves something out, the case says what it assumed, and assumes the case hardest for the wait
// (for a failure: Ready / Green on the new label, and INFO where no severity is shown).
// Times are seconds after the update was accepted; where the source gives clock times they keep their gaps.

import { describe, expect, test } from '@jest/globals'

import { failureKind, isErrorEvent, isHealthTransition } from '../../../src/deploy/failure-events.js'
import { OLD, OURS, SINCE, ready, replay, updating, type Sample } from './real-samples.js'

type FreshSample = Omit<Sample, 'before' | 'rule'>

const EB_CLI_60 = 'https://github.com/aws/aws-elastic-beanstalk-cli/issues/60'
const DOCKER_CURRICULUM_89 = 'https://github.com/prakhar1989/docker-curriculum/issues/89'
const SUCHANAAI =
  'public GitHub repository ashokabbhattarai-byte/suchanaai, deployment notes §2.10 "AI deploy times out after ~14 minutes" (search tool file id 58943010178), with the exact severities of the same event triple from a public Celery-on-Beanstalk incident report, "Appendix: Failed Deployment Logs" (search tool file id 58812186834)'
const ECS_MGR_PASTEBIN =
  'https://pastebin.com/DYA115pY (eb-ecs-mgr.log of a multi-container Docker instance: "eventHelper.py --msg \'ECS task stopped due to: Essential container in task exited. (server:\\nclient:\\nnginx:\\nworker: )\' --severity ERROR"; found by the search tool, docs corpus)'
const AWS_HEALTH_NOTIFICATIONS =
  'http://docs.amazonaws.cn/en_us/elasticbeanstalk/latest/dg/environments-health-enhanced-notifications.html (AWS docs, "Notifications and Troubleshooting": "If a rolling deployment fails … the expected version is reset to the version from the most recent successful deployment")'
const IMMUTABLE_NOTES =
  'public GitHub notes (elastic-beanstalk-sample-app, "4.a. Immutable", eb deploy output 2020-11-27), found by the search tool for "temporary auto scaling group" (file id 10150996221)'
const EB_DEPLOYER_66 = 'https://github.com/ThoughtWorksStudios/eb_deployer/issues/66'
const VS_TOOLKIT_97 = 'https://github.com/aws/aws-toolkit-visual-studio/issues/97'
const HEALTHCHECKER_MOCK =
  'public GitHub PHP test (HealthChecker::getEventHistory, testGetRecentEvents: a DescribeEvents answer with RequestIds and severities, legacy/basic health, 2017-04-24), found by the search tool for "has transitioned from YELLOW to RED" (file id 38724981170)'

const FRESH: FreshSample[] = [
  // ---- failures ----
  {
    // EB CLI#60: `eb create` on "Docker running on 64bit Amazon Linux 2" with only a docker-compose.yml.
    name: "Docker AL2: \"Instance deployment: Both 'Dockerfile' and 'Dockerrun.aws.json' are missing … The deployment failed.\" (severity not given)",
    source: `${EB_CLI_60} (the one message quoted; severity assumed INFO, the worst case, though a public course FAQ quoting the same text shows ERROR (search tool file id 9942048701); replayed as an update; Ready / Green on the new label assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [20, 'INFO', 'Deploying new version to instance(s).'],
      [
        45,
        'INFO',
        "Instance deployment: Both 'Dockerfile' and 'Dockerrun.aws.json' are missing in your source bundle. Include at least one of them. The deployment failed."
      ]
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 60, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: '"Command failed on instance. Return code: 1 Output: cat: Dockerrun.aws.json" (severity not given)',
    source: `${DOCKER_CURRICULUM_89} (the quoted error; severity assumed INFO; Ready / Green on the new label assumed)`,
    events: [[30, 'INFO', 'Command failed on instance. Return code: 1 Output: cat: Dockerrun.aws.json']],
    polls: [
      { at: 20, env: updating() },
      { at: 60, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'command timeout: WARN "have not responded in the allowed command timeout time", INFO "[Successful: 0, TimedOut: 1]", ERROR "Aborting the operation."; rolled back, Green throughout',
    source: `${SUCHANAAI} (14 minutes Updating; "instance Health: Green the whole time"; "Beanstalk rolls back to the previous working version automatically")`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [20, 'INFO', 'Deploying new version to instance(s).'],
      [
        840,
        'WARN',
        'The following instances have not responded in the allowed command timeout time (they might still finish eventually on their own): [i-0035c8884bfe7a2e9].'
      ],
      [840, 'INFO', 'Command execution completed on all instances. Summary: [Successful: 0, TimedOut: 1].'],
      [
        840,
        'ERROR',
        "Unsuccessful command execution on instance id(s) 'i-0035c8884bfe7a2e9'. Aborting the operation."
      ]
    ],
    polls: [
      { at: 300, env: updating('Green', OURS, 'Info') },
      { at: 841, env: updating('Green', OURS, 'Info') },
      { at: 900, env: ready('Green', OLD, 'Ok') }
    ],
    truth: 'failure'
  },
  {
    name: 'multi-container: ERROR "ECS task stopped due to: Essential container in task exited." with a multi-line container list',
    source: `${ECS_MGR_PASTEBIN} (the hook's event, newlines as written; Ready / Green on the new label assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [10, 'INFO', 'Deploying new version to instance(s).'],
      [
        50,
        'ERROR',
        'ECS task stopped due to: Essential container in task exited. (server:\nclient:\nnginx:\nworker: )'
      ]
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 70, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'failed rolling deploy, no failure event seen: Ready on the previous version, Red, cause "Incorrect application version found on 2 out of 5 instances"',
    source: `${AWS_HEALTH_NOTIFICATIONS} (the docs' cause text; the events and timing assumed: INFO only)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [10, 'INFO', 'Batch 1: Starting application deployment on instance(s) [i-1, i-2].']
    ],
    polls: [
      { at: 60, env: updating('Grey', OURS) },
      {
        at: 400,
        env: ready('Red', OLD, 'Degraded'),
        causes: [
          'Incorrect application version found on 2 out of 5 instances. Expected version "v1" (deployment 1).'
        ]
      }
    ],
    truth: 'failure'
  },

  // ---- good deploys, or still in progress ----
  {
    name: 'immutable deploy in progress: INFO "Instance deployment: You didn\'t specify a Node.js version … The deployment didn\'t install a specific Node.js version."',
    source: `${IMMUTABLE_NOTES} (the output stops at "Instance deployment completed successfully."; the environment is still Updating at the last poll)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [
        8,
        'INFO',
        'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.'
      ],
      [
        39,
        'INFO',
        'Created temporary auto scaling group awseb-e-ifjhvssvsd-immutable-stack-AWSEBAutoScalingGroup-QF84XXNS8XLV.'
      ],
      [
        103,
        'INFO',
        "Instance deployment: You didn't specify a Node.js version in the 'package.json' file in your source bundle. The deployment didn't install a specific Node.js version."
      ],
      [110, 'INFO', 'Instance deployment completed successfully.']
    ],
    polls: [
      { at: 60, env: updating() },
      { at: 115, env: updating() }
    ],
    truth: 'wait'
  },
  {
    name: 'basic health: Ready RED on the new version at "update completed", "transitioned from RED to GREEN" 128 s later (no request id)',
    source: `${HEALTHCHECKER_MOCK} (the second deploy of the stream, request 0e95c9da…; its clock times kept; health during the update assumed Red, as the environment was Red before it)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [63, 'INFO', 'Deploying new version to instance(s).'],
      [82, 'INFO', 'Started Application Update'],
      [92, 'INFO', 'UpdateAppVersion Completed'],
      [140, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [140, 'INFO', 'Environment update completed successfully.'],
      [268, 'INFO', 'Environment health has transitioned from RED to GREEN', false]
    ],
    polls: [
      { at: 30, env: updating('Red', OURS, 'Severe') },
      { at: 141, env: ready('Red', OURS) },
      { at: 200, env: ready('Red', OURS) },
      { at: 269, env: ready('Green', OURS) }
    ],
    truth: 'success'
  }
]

/**
 * Good deploys whose colour stays off Green for reasons that are not the new version's. The wait fails them when
 * the recovery window ends, by design: Green is Beanstalk's verdict and the action promises Ready + Green, not a
 * guess at why it is missing, and the failure quotes the health causes. A worker environment whose queue backlog
 * keeps it Yellow sets `allow-yellow: true` (README); health Red because the service role cannot read the target
 * health is a broken environment the user must hear about.
 */
const COLOUR_NOT_THE_VERSIONS: FreshSample[] = [
  {
    name: 'worker environment: deploy completes, Yellow stays (queue backlog), allow-yellow off',
    source: `${EB_DEPLOYER_66} ("Yellow state occurs for us in a worker environment when there is a lot of messages in the queue"; events and timing assumed; the deploy itself worked)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [20, 'INFO', 'Deploying new version to instance(s).'],
      [60, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [60, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 61, env: ready('Yellow', OURS, 'Warning') },
      { at: 241, env: ready('Yellow', OURS, 'Warning') }
    ],
    truth: 'success'
  },
  {
    name: 'health Red only because the service role lacks elasticloadbalancing:DescribeTargetHealth (ALB), app fine',
    source: `${VS_TOOLKIT_97} (AWS's own toolkit bug: "the environment will end-up as RED"; adding the permission "fixes the issue and environment turns Green"; replayed as an update, events assumed INFO only)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [60, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [60, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 61, env: ready('Red', OURS, 'Severe') },
      { at: 241, env: ready('Red', OURS, 'Severe') }
    ],
    truth: 'success'
  }
]

const verdict = (sample: FreshSample): string => {
  const decision = replay(sample as Sample)
  return `${decision.kind} (rule: ${decision.rule})`
}

describe('fresh event streams and health sequences, replayed poll by poll', () => {
  test.each(FRESH.map(sample => [sample.name, sample] as const))('%s', (_name, sample) => {
    expect(verdict(sample)).toMatch(new RegExp(`^${sample.truth} `))
  })

  test.each(COLOUR_NOT_THE_VERSIONS.map(sample => [sample.name, sample] as const))(
    '%s: fails when the recovery window ends (by design)',
    (_name, sample) => {
      expect(verdict(sample)).toBe('failure (rule: unhealthy-after-window)')
    }
  )

  test('every fresh sample cites its source', () => {
    for (const sample of [...FRESH, ...COLOUR_NOT_THE_VERSIONS])
      expect(sample.source).toMatch(/https?:\/\/|search tool/)
  })
})

describe('fresh single texts through failureKind / isErrorEvent', () => {
  const at = (severity: string, message: string, extra: object = {}) => ({
    date: SINCE,
    severity,
    message,
    ...extra
  })

  // suchanaai notes + the Celery incident report above (both at INFO): a command that timed out on the only
  // instance is a failed command, like "[Successful: 0, Failed: 1]".
  test('"Summary: [Successful: 0, TimedOut: 1]" at INFO is a failed command', () => {
    expect(
      isErrorEvent(
        at('INFO', 'Command execution completed on all instances. Summary: [Successful: 0, TimedOut: 1].'),
        OURS
      )
    ).toBe(true)
  })

  test('a command summary counting anything but Successful fails; all Successful, or zero others, does not', () => {
    const summary = (counts: string) =>
      isErrorEvent(at('INFO', `Command execution completed on all instances. Summary: [${counts}].`), OURS)
    expect(summary('Successful: 0, Failed: 1')).toBe(true)
    expect(summary('Successful: 1, TimedOut: 2')).toBe(true)
    expect(summary('Successful: 2')).toBe(false)
    expect(summary('Successful: 3, Failed: 0')).toBe(false)
    expect(summary('Successful: 10, TimedOut: 0')).toBe(false)
  })

  // A public repository's FAQ (search tool file id 34751461616) and deploy notes (file id 58943010178): the ECS
  // platform's verdict when the instance cannot pull from ECR. Quoted without a severity: at INFO it must still fail.
  test('"Instance deployment: The ECR service failed to authenticate … The deployment failed." at INFO is an error', () => {
    expect(
      isErrorEvent(
        at(
          'INFO',
          'Instance deployment: The ECR service failed to authenticate your private repository. The deployment failed.'
        ),
        OURS
      )
    ).toBe(true)
  })

  // HEALTHCHECKER_MOCK: legacy/basic-health transitions are WARN/INFO without a request id, upper-case colours.
  test('basic-health "transitioned from YELLOW to RED" / "GREEN to YELLOW" are health transitions, never errors', () => {
    for (const message of [
      'Environment health has transitioned from YELLOW to RED',
      'Environment health has transitioned from GREEN to YELLOW',
      'Environment health has transitioned from RED to GREEN'
    ]) {
      expect(isHealthTransition(message)).toBe(true)
      expect(isErrorEvent(at('WARN', message), OURS)).toBe(false)
      expect(failureKind(at('WARN', message), OURS)).toBeUndefined()
    }
  })

  // HEALTHCHECKER_MOCK: WARN "Elastic Load Balancer … has zero healthy instances." is not an error by itself.
  test('WARN "Elastic Load Balancer myelb-testing-1 has zero healthy instances." is not an error', () => {
    expect(
      isErrorEvent(at('WARN', 'Elastic Load Balancer myelb-testing-1 has zero healthy instances.'), OURS)
    ).toBe(false)
  })

  // EB CLI tests/unit/integration/mockservice.py standard_events(): the completion event of another request id.
  test('"Environment update completed successfully." of another request is not an error', () => {
    expect(
      isErrorEvent(at('INFO', 'Environment update completed successfully.', { requestId: 'aaa' }), OURS)
    ).toBe(false)
  })

  // IMMUTABLE_NOTES: informational "Instance deployment: …" texts of a good deploy must not read as failures.
  test('INFO "Instance deployment: You didn\'t specify a Node.js version …" is not an error', () => {
    expect(
      isErrorEvent(
        at(
          'INFO',
          "Instance deployment: You didn't specify a Node.js version in the 'package.json' file in your source bundle. The deployment didn't install a specific Node.js version."
        ),
        OURS
      )
    ).toBe(false)
  })
})
