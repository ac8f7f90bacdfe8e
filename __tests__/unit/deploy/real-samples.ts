// Real Beanstalk event streams and health sequences, from sources nobody here wrote, replayed through
// decide() one poll at a time the way wait.ts calls it. Each sample cites where it came from and says what
// really happened (`truth`) and what the wait concluded before the error-event rule (`before`, measured on
// commit d93c9aa with scripts in the report of branch wait-fresh). Texts and severities are the sources';
// where a source leaves something out (a severity, the final state), the sample says what it assumed, and
// assumes the case that is hardest for the wait (e.g. Green on the new version after a failure, which
// einaregilsson/beanstalk-deploy#67 and #84 show happens).

import type { DeployEvent } from '../../../src/adapters/beanstalk/events.js'
import type { EnvironmentSnapshot } from '../../../src/adapters/beanstalk/environments.js'
import { decide, type Decision, type RuleId } from '../../../src/deploy/wait-decision.js'

export const SINCE = new Date('2026-11-25T14:00:00.000Z')
export const OURS = 'sha-new'
export const OLD = 'sha-old'
export const REQUEST_ID = 'req-ours'

export type Verdict = 'success' | 'failure' | 'wait'

/** One DescribeEnvironments answer, `at` seconds after the update was accepted. */
export interface Poll {
  at: number
  env: Omit<EnvironmentSnapshot, 'name'> | undefined
  causes?: string[]
}

export interface Sample {
  name: string
  source: string
  /** [seconds after the update, severity, message, carries our request id (default: yes)] */
  events: readonly (readonly [number, string, string, boolean?])[]
  polls: Poll[]
  /** What really happened: the deploy worked (success), did not (failure), or was undecided at the last poll (wait). */
  truth: Verdict
  /** What the wait concluded on commit d93c9aa, before the error-event rule. */
  before: Verdict
  /** The rule that decides it now. */
  rule: RuleId
  allowYellow?: boolean
  recoveryMs?: number
}

/** A poll of an environment still updating, and of one Ready with a colour (on our version unless said). */
export const updating = (health = 'Grey', versionLabel = OURS, healthStatus = 'Pending'): Poll['env'] => ({
  status: 'Updating',
  health,
  healthStatus,
  versionLabel
})
export const ready = (health: string, versionLabel = OURS, healthStatus?: string): Poll['env'] => ({
  status: 'Ready',
  health,
  versionLabel,
  ...(healthStatus !== undefined && { healthStatus })
})

export function eventsOf(sample: Sample): DeployEvent[] {
  return sample.events.map(([seconds, severity, message, ours = true]) => ({
    date: new Date(SINCE.getTime() + seconds * 1000),
    severity,
    message,
    ...(ours && { requestId: REQUEST_ID })
  }))
}

/**
 * The polls in order, each seeing the events dated up to it, with leftReady, abortSeen and the settling time kept
 * as wait.ts keeps them; the first decision that is not "wait", or the last one.
 */
export function replay(sample: Sample): Decision {
  const events = eventsOf(sample)
  let leftReady = false
  let abortSeen = false
  let readySince: number | undefined
  let decision: Decision | undefined
  for (const poll of sample.polls) {
    const env = poll.env && { name: 'web-prod', ...poll.env }
    if (env && env.status !== 'Ready') leftReady = true
    if (env?.status === 'Aborting') abortSeen = true
    if (env?.status === 'Ready' && env.versionLabel === OURS) readySince ??= poll.at
    else readySince = undefined
    decision = decide({
      environment: env,
      events: events.filter(event => event.date.getTime() <= SINCE.getTime() + poll.at * 1000),
      versionLabel: OURS,
      since: SINCE,
      requestId: REQUEST_ID,
      allowYellow: sample.allowYellow ?? false,
      leftReady,
      abortSeen,
      causes: poll.causes ?? [],
      settlingForMs: readySince === undefined ? 0 : (poll.at - readySince) * 1000,
      ...(sample.recoveryMs !== undefined && { recoveryMs: sample.recoveryMs })
    })
    if (decision.kind !== 'wait') return decision
  }
  if (!decision) throw new Error(`${sample.name}: no polls`)
  return decision
}

const EB_CLI_50 = 'https://github.com/aws/aws-elastic-beanstalk-cli/issues/50'
const BOTOCORE_EXAMPLES =
  'botocore data/elasticbeanstalk/2010-12-01/examples-1.json, DescribeEvents (awscli 1.43.11 / botocore 1.43.11 here)'
const PROLOG = 'https://github.com/woowacourse/prolog/issues/373'
const MUP_9 = 'https://github.com/meteor-up/mup-aws-beanstalk/issues/9'
const MUP_53 = 'https://github.com/meteor-up/mup-aws-beanstalk/issues/53'
const MUP_63 = 'https://github.com/meteor-up/mup-aws-beanstalk/issues/63'
const EB_DEPLOYER_10 =
  'https://github.com/ThoughtWorksStudios/eb_deployer/issues/10 (= https://github.com/alienfast/elastic-beanstalk/issues/6)'
const EB_DEPLOYER_59 = 'https://github.com/ThoughtWorksStudios/eb_deployer/issues/59'
const BD_86 = 'https://github.com/einaregilsson/beanstalk-deploy/issues/86'
const BD_67 = 'https://github.com/einaregilsson/beanstalk-deploy/issues/67'
const BD_84 = 'https://github.com/einaregilsson/beanstalk-deploy/issues/84'
const LARAVEL_71 = 'https://github.com/rennokki/laravel-aws-eb/issues/71'
const HYPOTHESIS_60 = 'https://github.com/hypothesis/deployment/pull/60'
const MATTERMOST = 'https://github.com/mattermost/docs/issues/3660'
const KOREAN_NOTES =
  'public GitHub notes (Korean) on a multi-container Beanstalk deploy, found by the search tool for "ECS task stopped due to" (file id 24199460731)'
const STRAPI_NOTES =
  'public GitHub notes on a Strapi multi-container Beanstalk deploy, found by the search tool for "Failed to start ECS task after retrying" (file id 27586438817)'
const START_TASK_HOOK =
  "Beanstalk's ECS platform hook appdeploy/enact/03start-task.sh (Amazon, 2015), public copy found by the search tool (file id 32736590491): warn 'Failed to start ECS task, retrying...', then error_exit after two retries"

const B86_EVENTS = [
  [0, 'INFO', 'Environment update is starting.'],
  [40, 'INFO', 'Deploying new version to instance(s).'],
  [
    58,
    'INFO',
    'Environment health has transitioned from Ok to Info. Application update in progress (running for 13 seconds).',
    false
  ],
  [63, 'INFO', "Instance deployment successfully generated a 'Procfile'."],
  [81, 'ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."],
  [
    85,
    'ERROR',
    '[Instance: i-02e54e6924cc0c92a] Command failed on instance. Return code: 1 Output: Engine execution has encountered an error..'
  ],
  [85, 'INFO', 'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].'],
  [
    85,
    'ERROR',
    "Unsuccessful command execution on instance id(s) 'i-02e54e6924cc0c92a'. Aborting the operation."
  ],
  [118, 'WARN', 'Environment health has transitioned from Info to Degraded.', false]
] as const

export const SAMPLES: Sample[] = [
  // ---- (a) health lags a good deploy ----
  {
    name: 'botocore example: "update completed" (with request id), then "transitioned from Info to Ok" (without)',
    source: BOTOCORE_EXAMPLES,
    events: [
      [0, 'INFO', 'Environment update completed successfully.'],
      [51, 'INFO', 'Environment health has transitioned from Info to Ok.', false]
    ],
    polls: [
      { at: 1, env: ready('Green', OURS, 'Info') },
      { at: 52, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success',
    before: 'success',
    rule: 'green'
  },
  {
    name: 'rolling deploy, INFO events only, Updating for minutes (eb CLI 3.19.0 "expected result")',
    source: `${EB_CLI_50} (final Ready / Green assumed: the issue shows the events)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [4, 'INFO', 'Deploying new version to instance(s).'],
      [6, 'INFO', 'Batch 1: Starting application deployment on instance(s) [i-020bf20d9640f15fc].'],
      [42, 'INFO', 'Batch 1: Starting application deployment command execution.'],
      [175, 'INFO', 'Instance deployment completed successfully.'],
      [175, 'INFO', 'Batch 1: Completed application deployment.']
    ],
    polls: [
      { at: 5, env: updating() },
      { at: 60, env: updating('Green', OURS, 'Info') },
      { at: 176, env: updating('Green', OURS, 'Info') },
      { at: 240, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success',
    before: 'success',
    rule: 'green'
  },
  {
    name: 'Red / Degraded at completion, Yellow 30 s on, Green 70 s after (beanstalk-deploy failed it at 30 s)',
    source: PROLOG,
    events: [
      [7, 'INFO', 'Deploying new version to instance(s).'],
      [20, 'INFO', 'Instance deployment completed successfully.'],
      [20, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [20, 'INFO', 'Environment update completed successfully.'],
      [
        37,
        'INFO',
        'Environment health has transitioned from Ok to Info. Application update in progress on 1 instance. 0 out of 1 instance completed (running for 5 seconds).',
        false
      ]
    ],
    polls: [
      { at: 10, env: updating() },
      {
        at: 21,
        env: ready('Red', OURS, 'Degraded'),
        causes: ['ELB health is failing or not available for all instances.']
      },
      { at: 50, env: ready('Yellow', OURS, 'Warning') },
      { at: 90, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success',
    before: 'success',
    rule: 'green'
  },
  {
    name: 'rolling with additional batch: "transitioned from Warning to Severe. 100.0 % … HTTP 5xx" while Updating',
    source: `${MUP_9} (severity not printed by mup; given as ERROR, the worst case: health transitions never fail)`,
    events: [
      [
        3,
        'ERROR',
        'Environment health has transitioned from Warning to Severe. 100.0 % of the requests are failing with HTTP 5xx. ELB processes are not healthy on all instances. ELB health is failing or not available for all instances.',
        false
      ],
      [
        5,
        'INFO',
        'Rolling with Additional Batch deployment policy enabled. Launching  a new batch of 1 additional instance(s).'
      ],
      [40, 'INFO', 'Added instance [i-023e5bb56de69c---] to your environment.'],
      [
        41,
        'INFO',
        "Batch 1: 1 EC2 instance(s) [i-023e5bb56de69c---] launched. Deploying application version '4'."
      ]
    ],
    polls: [
      { at: 4, env: updating('Red', OURS, 'Severe') },
      { at: 45, env: updating('Red', OURS, 'Severe') }
    ],
    truth: 'wait',
    before: 'wait',
    rule: 'not-ready'
  },
  {
    name: 'configuration update in progress: Severe ↔ Degraded transitions with 5xx shares while Updating',
    source: `${MUP_53} (severity given as WARN, the stand-in's)`,
    events: [
      [
        180,
        'WARN',
        'Environment health has transitioned from Severe to Degraded. 100.0 % of the requests are failing with HTTP 5xx. ELB processes are not healthy on 1 out of 2 instances. Configuration update in progress on 1 instance. 0 out of 2 instances completed (running for 3 minutes). ELB health is failing or not available for 1 out of 2 instances.',
        false
      ],
      [
        240,
        'WARN',
        'Environment health has transitioned from Degraded to Severe. 50.0 % of the requests are failing with HTTP 5xx. ELB processes are not healthy on 1 out of 2 instances. Configuration update in progress on 1 instance. 0 out of 2 instances completed (running for 4 minutes). ELB health is failing or not available for 1 out of 2 instances.',
        false
      ]
    ],
    polls: [
      { at: 181, env: updating('Red', OURS, 'Degraded') },
      { at: 241, env: updating('Red', OURS, 'Severe') }
    ],
    truth: 'wait',
    before: 'wait',
    rule: 'not-ready'
  },
  {
    name: 'the ECS hook warns "Failed to start ECS task, retrying..." and its retry starts the task',
    source: `${START_TASK_HOOK} (a retry that succeeds emits only the warning; the rest of the deploy assumed clean)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [4, 'INFO', 'Deploying new version to instance(s).'],
      [30, 'WARN', 'Failed to start ECS task, retrying...'],
      [40, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [40, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 31, env: updating() },
      { at: 41, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success',
    before: 'success',
    rule: 'green'
  },
  {
    name: 'basic health: WARN "zero healthy instances" and "transitioned from YELLOW to RED" after completion, then Green',
    source: `${KOREAN_NOTES} (the two WARN events; the recovery to Green is assumed, as after any good deploy)`,
    events: [
      [20, 'INFO', 'Environment update completed successfully.'],
      [
        21,
        'WARN',
        'Elastic Load Balancer app/awseb-AWSEB-QH35DESZ1FEU/a4684696656a38cd has zero healthy instances.',
        false
      ],
      [30, 'WARN', 'Environment health has transitioned from YELLOW to RED', false]
    ],
    polls: [
      { at: 22, env: ready('Yellow') },
      { at: 31, env: ready('Red') },
      { at: 120, env: ready('Green') }
    ],
    truth: 'success',
    before: 'success',
    rule: 'green'
  },

  // ---- (b) the deploy failed on AWS ----
  {
    name: '"Command failed on instance" and "Summary: [Successful: 0, Failed: 1]", then Beanstalk says "completed successfully"',
    source: `${EB_DEPLOYER_10} (severities not in that log: INFO assumed, the worst case; Green on the new version, as the reporter says Beanstalk reported it deployed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [9, 'INFO', "Updating environment test-757ch20's configuration settings."],
      [53, 'INFO', 'Deploying new version to instance(s).'],
      [
        61,
        'INFO',
        '[Instance: i-1d06773d Module: AWSEBAutoScalingGroup ConfigSet: null] Command failed on instance. Return code: 1 Output: Error occurred during build: Command hooks failed .'
      ],
      [61, 'INFO', 'Command execution completed. Summary: [Successful: 0, Failed: 1].'],
      [62, 'INFO', 'Command execution completed successfully.'],
      [62, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [63, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 55, env: updating() },
      { at: 64, env: ready('Green') }
    ],
    truth: 'failure',
    before: 'success',
    rule: 'error-event'
  },
  {
    name: 'ERROR "Instance deployment failed", "Command failed", "Aborting the operation", no "Failed to deploy application.", Ready on the old version',
    source: `${BD_86} (the action's log; final Ready on the previous version as the reporter says, health assumed Red)`,
    events: B86_EVENTS,
    polls: [
      { at: 54, env: updating('Green', OURS, 'Info') },
      { at: 117, env: updating('Red', OURS, 'Degraded') },
      { at: 180, env: ready('Red', OLD, 'Degraded') }
    ],
    truth: 'failure',
    before: 'failure',
    rule: 'error-event'
  },
  {
    name: 'the same events, but Ready and Green (Info) on the new label, as #67 shows after a failed deploy',
    source: `${BD_86} events + ${BD_67} final state ("Version: test2, Health: Green, Health Status: Info" after a failure)`,
    events: B86_EVENTS,
    polls: [
      { at: 54, env: updating('Green', OURS, 'Info') },
      { at: 117, env: updating('Red', OURS, 'Degraded') },
      { at: 180, env: ready('Green', OURS, 'Info') }
    ],
    truth: 'failure',
    before: 'success',
    rule: 'error-event'
  },
  {
    name: 'a configuration error of the update (ERROR "To enable immutable config and application deployments together, …")',
    source: `${HYPOTHESIS_60} (the env-sync failed; the environment assumed back Ready and Green on the previous version)`,
    events: [
      [
        20,
        'ERROR',
        'To enable immutable config and application deployments together, you must set both the DeploymentPolicy option (aws:elasticbeanstalk:command namespace) and the RollingUpdateType option (aws:autoscaling:updatepolicy:rollingupdate namespace) to Immutable.'
      ]
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 30, env: ready('Green', OLD, 'Ok') }
    ],
    truth: 'failure',
    before: 'failure',
    rule: 'error-event'
  },
  {
    name: '"Failed to deploy application." and Green / Info on the previous version',
    source: `${BD_84} ("Deployment failed! Current State: Version: Sample Application, Health: Green, Health Status: Info")`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [60, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 61, env: ready('Green', OLD, 'Info') }
    ],
    truth: 'failure',
    before: 'failure',
    rule: 'failure-event'
  },
  {
    name: '"did not pass health check after command execution. Aborting the operation." + "Failed to deploy application." + "During an aborted deployment"',
    source: LARAVEL_71,
    events: [
      [
        59,
        'ERROR',
        "Instance id(s) 'i-...' did not pass health check after command execution. Aborting the operation."
      ],
      [59, 'ERROR', 'Failed to deploy application.'],
      [
        60,
        'ERROR',
        'During an aborted deployment, some instances may have deployed the new application version. To ensure all instances are running the same version, re-deploy the appropriate application version.'
      ]
    ],
    polls: [{ at: 61, env: ready('Red', OLD, 'Severe') }],
    truth: 'failure',
    before: 'failure',
    rule: 'failure-event'
  },
  {
    name: 'ERROR "ECS Application sourcebundle validation error: AWSEBDockerrunVersion is missing." + "Failed to deploy application."',
    source: KOREAN_NOTES,
    events: [
      [10, 'ERROR', 'ECS Application sourcebundle validation error: AWSEBDockerrunVersion is missing.'],
      [11, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [{ at: 12, env: ready('Green', OLD) }],
    truth: 'failure',
    before: 'failure',
    rule: 'failure-event'
  },
  {
    name: 'ERROR "Failed to start ECS task: … is STOPPED." and "ECS task stopped due to: Task failed to start." only',
    source: `${KOREAN_NOTES} (the two events the notes show; Ready / Green on the new label assumed, the worst case)`,
    events: [
      [
        28,
        'ERROR',
        'Failed to start ECS task: arn:aws:ecs:ap-northeast-2:556121139142:task/awseb-DockerFullstackApp-env-ekqrdnd3sh/7a14833862c5481bb941eff108630257 is STOPPED.'
      ],
      [29, 'ERROR', 'ECS task stopped due to: Task failed to start. (backend: nginx: frontend: )']
    ],
    polls: [
      { at: 20, env: updating() },
      { at: 30, env: updating() },
      { at: 60, env: ready('Green') }
    ],
    truth: 'failure',
    before: 'success',
    rule: 'error-event'
  },
  {
    name: 'WARN "Failed to start ECS task, retrying..." twice, then ERROR "… after retrying 2 times."',
    source: `${MATTERMOST} (eb-activity.log: eventHelper.py --severity WARN / ERROR; Ready / Green on the new label assumed, the worst case)`,
    events: [
      [30, 'WARN', 'Failed to start ECS task, retrying...'],
      [33, 'WARN', 'Failed to start ECS task, retrying...'],
      [36, 'ERROR', 'Failed to start ECS task after retrying 2 times.']
    ],
    polls: [
      { at: 31, env: updating() },
      { at: 37, env: updating() },
      { at: 60, env: ready('Green') }
    ],
    truth: 'failure',
    before: 'success',
    rule: 'error-event'
  },
  {
    name: 'ECS multi-container: "Essential container in task exited", "03start-task.sh failed", "Failed to deploy application."',
    source: STRAPI_NOTES,
    events: [
      [40, 'ERROR', 'ECS task stopped due to: Essential container in task exited. (backend: nginx: )'],
      [
        41,
        'ERROR',
        'Failed to start ECS task: arn:aws:ecs:us-east-2:901988871193:task/awseb-Strapiapp-env-5xztjd28qu/41322642edbd484cb45f6c72c1f11565 is STOPPED.'
      ],
      [50, 'ERROR', 'Failed to start ECS task after retrying 2 times.'],
      [
        51,
        'ERROR',
        '[Instance: i-079bb8c16b44abed3] Command failed on instance. Return code: 1 Output: /elasticbeanstalk/hooks/appdeploy/enact/03start-task.sh failed. For more detail, check /var/log/eb-activity.log using console or EB CLI.'
      ],
      [
        51,
        'ERROR',
        "Unsuccessful command execution on instance id(s) 'i-079bb8c16b44abed3'. Aborting the operation."
      ],
      [52, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [
      { at: 45, env: updating() },
      { at: 53, env: updating() }
    ],
    truth: 'failure',
    before: 'failure',
    rule: 'failure-event'
  },
  {
    name: 'a console summary worded "Deployment completed, but with errors:" (not the EB CLI\'s "Update environment operation is complete, but with errors.")',
    source: `${STRAPI_NOTES} (the wording of its first line, as an event of our deploy at WARN, the worst case)`,
    events: [
      [
        60,
        'WARN',
        'Deployment completed, but with errors: During an aborted deployment, some instances may have deployed the new application version.'
      ]
    ],
    polls: [{ at: 61, env: ready('Green') }],
    truth: 'failure',
    before: 'success',
    rule: 'error-event'
  },
  {
    name: '"Update environment operation is complete, but with errors. For more information, see troubleshooting documentation."',
    source: EB_DEPLOYER_59,
    events: [
      [
        90,
        'WARN',
        'Update environment operation is complete, but with errors. For more information, see troubleshooting documentation.'
      ]
    ],
    polls: [{ at: 91, env: ready('Green') }],
    truth: 'failure',
    before: 'failure',
    rule: 'failure-event'
  },
  {
    name: 'Red after completion with cause "Incorrect application version … Expected version … (deployment 15)" that stays',
    source: `${MUP_63} (the maintainer: "the app probably crashed during the deploy, and it was reverted")`,
    events: [[60, 'INFO', 'Environment update completed successfully.']],
    polls: [
      {
        at: 61,
        env: ready('Red', OURS, 'Severe'),
        causes: ['Incorrect application version "8" (deployment 16). Expected version "8" (deployment 15).']
      },
      {
        at: 241,
        env: ready('Red', OURS, 'Severe'),
        causes: ['Incorrect application version "8" (deployment 16). Expected version "8" (deployment 15).']
      }
    ],
    truth: 'failure',
    before: 'failure',
    rule: 'unhealthy-after-window'
  }
]
