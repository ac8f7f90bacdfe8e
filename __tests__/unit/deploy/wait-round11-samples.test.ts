// Round 11 of the wait: samples from sources no earlier round used (docs/deploy-decision.md, "Round 11", has the
// sources). Written by a reviewer who had not seen the code, pinning what the code did then; the rows that were
// holes ("was a hole") now assert what a user wants, and failed before the fix. Decide-level rows go through the project's own `replay`
// (__tests__/unit/deploy/real-samples.ts: poll by poll, leftReady and the settling time kept as wait.ts keeps
// them); loop rows go through the real waitForDeploy with the fake clock and the timeline double of
// __tests__/unit/deploy/round9-timeline.ts. Times are seconds after UpdateEnvironment was accepted; where a
// source gives clock times their gaps are kept. "assumed" marks what a source leaves out.

import { describe, expect, test } from '@jest/globals'

import { failureKind, isErrorEvent } from '../../../src/deploy/failure-events.js'
import { isFailedDeploymentCause } from '../../../src/deploy/wait-decision.js'
import { OLD, OURS, ready, updating } from './real-samples.js'
import { START, type TimelineEvent } from './round9-timeline.js'
import { ev, loop, rdy, upd, verdict, type Row } from './sample-replay.js'

// ----------------------------------------------------------------------------------------------------------
// Sources (the verbatim texts are in the rows below; docs/deploy-decision.md, "Round 11", lists them)
// ----------------------------------------------------------------------------------------------------------
const AWSDOCS = 'awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e'
const S_EB3_DEPLOY = `${AWSDOCS}:doc_source/eb3-deploy.md`
const S_SETENV = `${AWSDOCS}:doc_source/eb3-setenv.md + doc_source/environment-configuration-methods-after.md`
const S_EB3_CONFIG = `${AWSDOCS}:doc_source/eb3-config.md`
// S_YAMACOMI (loop rows): public notes (Japanese, yamacomi staging log 2026-02-10), search tool file id 23157150423
// S_IMMUTABLE_ES (loop rows): public notes (Spanish, "Validación del Despliegue Immutable", 2025-10-20), search tool file id 38957231568
// S_TRAFFIC (loop rows): awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e:doc_source/using-features.rolling-version-deploy.md (traffic-splitting example EvaluationTime "10"; "How traffic-splitting deployments work") + https://github.com/aws/elastic-beanstalk-roadmap/issues/55 (evaluation 3–600 minutes)
// S_MUP_91 (loop rows): https://github.com/meteor-up/mup-aws-beanstalk/issues/91
const S_GOPHER = 'public release notes (Gopher-Production, 2026-09-08), search tool file id 65716834524'
const S_ROADMAP_252 = 'https://github.com/aws/elastic-beanstalk-roadmap/issues/252'
const S_EB_DEPLOYER_38 = 'https://github.com/ThoughtWorksStudios/eb_deployer/issues/38'
const S_GEMFILE =
  'public eb-engine.log (CommandService Response events, 2023-12-14), search tool file id 27699760914'
const S_DEPS =
  'public eb-engine.log (CommandService Response events, 2026-03-03), search tool file id 53674600867'
const S_TS_NEW =
  'AWS Elastic Beanstalk developer guide, current "Troubleshooting your Elastic Beanstalk environment" page (public copy, search tool file id 57917027403)'
const S_DOTT = 'public notes (DottApp-prod, Docker on AL2023 4.5.2), search tool file id 35298246747'
const S_SCHEDULER = 'https://github.com/aws-solutions/instance-scheduler-on-aws/issues/705'
const S_CLI_528 = 'https://github.com/aws/aws-elastic-beanstalk-cli/issues/528'
const S_WORDPRESS = 'public notes (WordPress on Beanstalk, 2023-09-06), search tool file id 26140802819'
const S_LARAVEL_CRON = 'https://github.com/FoxxMD/laravel-elasticbeanstalk-cron/issues/17'
const S_KOREAN_NA =
  'public notes (Korean, "AWS 배포: EB Degraded", 2026-05-16), search tool file id 56960897056'
const S_DEPLOY_TABLE = `${AWSDOCS}:doc_source/using-features.deploy-existing-version.md ("Rollback process: Manual redeploy" for All at once / Rolling / Rolling with an additional batch)`
const S_DOCKER_BUILD = 'public notes (Portuguese, "Docker Build Errors"), search tool file id 1087284147'

// ----------------------------------------------------------------------------------------------------------
// (a) good deploys whose health (or duration) lags — decide-level
// ----------------------------------------------------------------------------------------------------------
describe('round 11 (a) good deploys, decide()', () => {
  test('A1 held: eb deploy all-at-once (AWS docs), Green/Info at the first Ready look then Ok → success', () => {
    const row: Row = {
      name: 'A1',
      source: `${S_EB3_DEPLOY} (event texts and times; health assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [5, 'INFO', 'Deploying new version to instance(s).'],
        [31, 'INFO', 'New application version was deployed to running EC2 instances.'],
        [31, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [
        { at: 3, env: updating('Grey') },
        { at: 20, env: updating('Green', OURS, 'Info') },
        { at: 32, env: ready('Green', OURS, 'Info') },
        { at: 60, env: ready('Green', OURS, 'Ok') }
      ],
      truth: 'success'
    }
    expect(verdict(row)).toBe('success/green')
  })

  test('A2 held: eb setenv-style settings update with the version (AWS docs), "Command is executing on all instances" → success', () => {
    const row: Row = {
      name: 'A2',
      source: `${S_SETENV} (texts and times; health assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [4, 'INFO', "Updating environment my-env's configuration settings."],
        [
          20,
          'INFO',
          'Environment health has transitioned from Ok to Info. Command is executing on all instances.',
          false
        ],
        [85, 'INFO', 'Successfully deployed new configuration to environment.'],
        [86, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [
        { at: 2, env: updating('Green', OURS, 'Ok') },
        { at: 40, env: updating('Green', OURS, 'Info') },
        { at: 87, env: ready('Green', OURS, 'Ok') }
      ],
      truth: 'success'
    }
    expect(verdict(row)).toBe('success/green')
  })

  test('A3 held: settings-only update ending at "Successfully deployed new configuration to environment." (no "Environment update completed successfully.") → success once Ok', () => {
    // eb3-config.md prints no completion event: the EB CLI stops at env.configsuccess, which isCompletionEvent does
    // not know; leftReady carries it here.
    const row: Row = {
      name: 'A3',
      source: `${S_EB3_CONFIG} (texts and times; same label, health assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [10, 'INFO', "Updating environment myApp-dev's configuration settings."],
        [95, 'INFO', 'Successfully deployed new configuration to environment.']
      ],
      polls: [
        { at: 5, env: updating('Green', OURS, 'Ok') },
        { at: 96, env: ready('Green', OURS, 'Info') },
        { at: 130, env: ready('Green', OURS, 'Ok') }
      ],
      truth: 'success'
    }
    expect(verdict(row)).toBe('success/green')
  })

  test('A7 held: Gopher — completion, then Red/Degraded "Incorrect application version found on 1 out of 2 instances." for a minute (extra instance), then Ok → success', () => {
    const row: Row = {
      name: 'A7',
      source: `${S_GOPHER} (17:43 Ready/Green/new version, 17:44 Degraded with that cause, 17:45 Degraded → Ok; deploy ~40 s; the transition event is assembled from the quoted cause)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [40, 'INFO', 'New application version was deployed to running EC2 instances.'],
        [40, 'INFO', 'Environment update completed successfully.'],
        [
          60,
          'WARN',
          'Environment health has transitioned from Ok to Degraded. Incorrect application version found on 1 out of 2 instances.',
          false
        ],
        [120, 'INFO', 'Environment health has transitioned from Degraded to Ok.', false]
      ],
      polls: [
        { at: 20, env: updating('Green', OURS, 'Info') },
        { at: 41, env: ready('Green', OURS, 'Info') },
        {
          at: 65,
          env: ready('Red', OURS, 'Degraded'),
          causes: ['Incorrect application version found on 1 out of 2 instances.']
        },
        { at: 121, env: ready('Green', OURS, 'Ok') }
      ],
      truth: 'success'
    }
    expect(verdict(row)).toBe('success/green')
  })

  test('A8 held: roadmap#252 — Ok right after the update, Severe "ELB health is failing…" two minutes later, app usable → success at Ok', () => {
    const row: Row = {
      name: 'A8',
      source: `${S_ROADMAP_252} ("After roughly 2 minutes after a successful update where the health is OK, the instance health suddenly transitions to Severe"; events assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [50, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [
        { at: 30, env: updating('Grey') },
        { at: 51, env: ready('Green', OURS, 'Ok') },
        {
          at: 170,
          env: ready('Red', OURS, 'Severe'),
          causes: ['ELB health is failing or not available for all instances.']
        }
      ],
      truth: 'success'
    }
    expect(verdict(row)).toBe('success/green')
  })
})

// ----------------------------------------------------------------------------------------------------------
// (a) good deploys — through the real loop (durations)
// ----------------------------------------------------------------------------------------------------------
const YAMACOMI_EVENTS: TimelineEvent[] = [
  ev(0, 'Environment update is starting.'),
  ev(
    12,
    'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.'
  ),
  ev(
    28,
    'Created temporary auto scaling group awseb-e-vddtf6c2wz-immutable-stack-AWSEBAutoScalingGroup-1Bo5KTHTnM64.'
  ),
  ev(132, 'Instance deployment completed successfully.'),
  ev(136, 'Adding new instance(s) (i-0bb4b9c4a89dfc31d) to the load balancer.'),
  ev(137, 'Waiting for instance(s) (i-0bb4b9c4a89dfc31d) to pass health checks. '),
  ev(
    261,
    'Detached new instance(s) from temporary auto scaling group awseb-e-vddtf6c2wz-immutable-stack-AWSEBAutoScalingGroup-1Bo5KTHTnM64.'
  ),
  ev(
    265,
    'Attached new instance(s) to the permanent auto scaling group awseb-e-vddtf6c2wz-stack-AWSEBAutoScalingGroup-hq8L6ykJ9A3f.'
  ),
  ev(292, 'Starting post-deployment configuration on new instances.'),
  ev(303, 'Instance deployment completed successfully.'),
  ev(306, 'Waiting for post-deployment configuration to complete.'),
  ev(400, 'Deployment succeeded. Terminating old instances and temporary Auto Scaling group.'),
  ev(592, 'New application version was deployed to running EC2 instances.'),
  ev(592, 'Environment update completed successfully.')
]

const SPANISH_EVENTS: TimelineEvent[] = [
  ev(0, 'Environment update is starting.'),
  ev(
    11,
    'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.'
  ),
  ev(
    27,
    'Created temporary auto scaling group awseb-e-47p3mk2m83-immutable-stack-AWSEBAutoScalingGroup-5WNFZCg4Fdq2.'
  ),
  ev(96, "Instance deployment used the commands in your 'Procfile' to initiate startup of your application."),
  ev(100, 'Instance deployment completed successfully.'),
  ev(103, 'Adding new instance(s) (i-0de374cf37d0a788a) to the load balancer.'),
  ev(104, 'Waiting for instance(s) (i-0de374cf37d0a788a) to pass health checks.'),
  ev(155, 'Added instance [i-0de374cf37d0a788a] to your environment.', 'INFO', null),
  ev(244, 'Test instance passed health checks. Launching remaining new instances.'),
  ev(335, 'Added instances [i-05f2c36ffb09ec20e, i-0c415974c2a927bb8] to your environment.', 'INFO', null),
  ev(365, 'Successfully launched all instances.'),
  ev(366, 'Adding new instance(s) (i-0c415974c2a927bb8,i-05f2c36ffb09ec20e) to the load balancer.'),
  ev(
    367,
    'Waiting for instance(s) (i-05f2c36ffb09ec20e,i-0c415974c2a927bb8,i-0de374cf37d0a788a) to pass health checks.'
  ),
  ev(481, 'Detached new instance(s) from temporary auto scaling group.'),
  ev(484, 'Attached new instance(s) to the permanent auto scaling group.'),
  ev(511, 'Starting post-deployment configuration on new instances.'),
  ev(522, 'Instance deployment completed successfully.'),
  ev(619, 'Deployment succeeded. Terminating old instances and temporary Auto Scaling group.'),
  ev(694, 'Removed instance [i-02bc7f43b740775f3] from your environment.', 'INFO', null),
  ev(874, 'Removed instance [i-01842ab73a6ef1229] from your environment.', 'INFO', null),
  ev(1090, 'Environment update completed successfully.')
]

describe('round 11 (a) good deploys, the real loop', () => {
  test('A4 held: yamacomi immutable deploy, 9 m 52 s Updating (old label shown while Updating), Ready/Green/Ok → success', async () => {
    // Source: S_YAMACOMI (events, final describe-environments Ready/Green/Ok/new label); Green during Updating and the
    // old label while Updating assumed from S_IMMUTABLE_ES ("Health: Green (se mantiene…)", "Deployed Version: … (versión anterior)").
    const result = await loop(
      [
        { from: 0, env: upd(OLD, 'Green', 'Ok') },
        { from: 20, env: upd(OLD) },
        { from: 592.5, env: rdy('Green', 'Ok') }
      ],
      YAMACOMI_EVENTS
    )
    expect(result).toBe('success at 595s')
  })

  test('A5 held (1 m 50 s to spare): immutable deploy of 3 instances, 18 m 10 s Updating, default wait-timeout 20m → success', async () => {
    const result = await loop(
      [
        { from: 0, env: upd(OLD, 'Green', 'Ok') },
        { from: 20, env: upd(OLD) },
        { from: 1090.5, env: rdy('Green', 'Ok') }
      ],
      SPANISH_EVENTS
    )
    expect(result).toBe('success at 1103s')
  })

  test("A6 was a hole: traffic-splitting deploy (same 3-instance fleet + the docs' EvaluationTime 10) ends after ~28 min → the 20 min wait ends first: a failure while still updating, so no automatic rollback undoes it (was: a plain timeout, rolled back)", async () => {
    // Constructed timing: S_IMMUTABLE_ES's 1090 s for the immutable stages + 600 s of evaluation (S_TRAFFIC).
    // No traffic-splitting event text was found, so only the two generic events are used.
    const result = await loop(
      [
        { from: 0, env: upd(OLD, 'Green', 'Ok') },
        { from: 20, env: upd(OLD) },
        { from: 1690.5, env: rdy('Green', 'Ok') }
      ],
      [ev(0, 'Environment update is starting.'), ev(1690, 'Environment update completed successfully.')]
    )
    expect(result).toBe('failure at 1200s (timeout, still-updating)')
  })

  test('A9 was a hole: mup#91 immutable update "taking up to an hour" for two sequences (~30 min each), Green/Info "Configuration update in progress…" → the 20 min wait ends first, still updating: no automatic rollback (was: rolled back)', async () => {
    // S_MUP_91: "Our deploys are working, they are just taking up to an hour because it runs the entire Test instance,
    // check, termination sequence twice." One sequence ≈ 30 min (assumed even split); event times assumed.
    const result = await loop(
      [
        { from: 0, env: upd(OLD, 'Green', 'Ok') },
        { from: 20, env: upd(OLD) },
        { from: 1800.5, env: rdy('Green', 'Ok') }
      ],
      [
        ev(0, 'Environment update is starting.'),
        ev(
          10,
          'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.'
        ),
        ev(
          40,
          'Created temporary auto scaling group awseb-e-2jjkrww7pa-immutable-stack-AWSEBAutoScalingGroup-484HDHN0V2O9.'
        ),
        ev(150, 'Added instance [i-0c52dbbd1261ea836] to your environment.', 'INFO', null),
        ev(
          160,
          'Environment health has transitioned from Ok to Info. Configuration update in progress on 1 instance. 0 out of 1 instance completed (running for 2 minutes).',
          'INFO',
          null
        ),
        ev(1800, 'Environment update completed successfully.')
      ]
    )
    expect(result).toBe('failure at 1200s (timeout, still-updating)')
  })
})

// ----------------------------------------------------------------------------------------------------------
// (b) failed deploys — decide-level
// ----------------------------------------------------------------------------------------------------------
const greenNew = (at: number) => ({ at, env: ready('Green', OURS, 'Ok') })

describe('round 11 (b) failed deploys, decide()', () => {
  test('B1 held: eb_deployer#38 "[Instance: i-281ca0d5] Command failed on instance. An unexpected error has occurred [ErrorCode: 0000000001]." (INFO assumed), Green on the new label → failure', () => {
    const row: Row = {
      name: 'B1',
      source: `${S_EB_DEPLOYER_38} (the one message quoted; severity assumed INFO; Ready/Green new label assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [
          60,
          'INFO',
          '[Instance: i-281ca0d5] Command failed on instance. An unexpected error has occurred [ErrorCode: 0000000001].'
        ],
        [70, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [{ at: 30, env: updating() }, greenNew(71)],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B2 held: eb-engine ERROR "Instance deployment failed to install dependency gems … The deployment failed." + "Instance deployment failed. …", Green on the new label → failure', () => {
    const row: Row = {
      name: 'B2',
      source: `${S_GEMFILE} (both events and their ERROR severity as the engine reports them; the rest assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [
          40,
          'ERROR',
          "Instance deployment failed to install dependency gems that you defined in 'Gemfile'. For details, see 'eb-engine.log'. The deployment failed."
        ],
        [40, 'ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."]
      ],
      polls: [{ at: 30, env: updating() }, greenNew(60)],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B3 held: eb-engine ERROR "Instance deployment failed to install application dependencies. The deployment failed.", Red/Severe → failure at once', () => {
    const row: Row = {
      name: 'B3',
      source: `${S_DEPS} (both events, ERROR; Red/Severe assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [
          33,
          'ERROR',
          'Instance deployment failed to install application dependencies. The deployment failed.'
        ],
        [33, 'ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."]
      ],
      polls: [
        { at: 30, env: updating() },
        { at: 60, env: ready('Red', OURS, 'Severe') }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B4 held: current AWS troubleshooting event "Instance deployment failed to get one or more secrets" (INFO assumed) → failure', () => {
    const row: Row = {
      name: 'B4',
      source: `${S_TS_NEW} ("If the event was triggered through an UpdateEnvironment call, retry the UpdateEnvironment operation"; severity and the rest assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [25, 'INFO', 'Instance deployment failed to get one or more secrets']
      ],
      polls: [{ at: 20, env: updating() }, greenNew(50)],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B5: AL2023 Docker "The Docker container unexpectedly ended after it was started" (no severity in the source → INFO), Red/Severe → an error event, failed at once (was: only at the end of the 3-minute window)', () => {
    const row: Row = {
      name: 'B5',
      source: `${S_DOTT} ("Health: Severe (Red)", "Error: \\"The Docker container unexpectedly ended after it was started\\""; events and timing assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [45, 'INFO', 'The Docker container unexpectedly ended after it was started'],
        [60, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [
        { at: 30, env: updating() },
        { at: 61, env: ready('Red', OURS, 'Severe') },
        { at: 150, env: ready('Red', OURS, 'Severe') },
        { at: 241, env: ready('Red', OURS, 'Severe') }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B6 held: instance-scheduler#705 "Updating Auto Scaling group named: … failed Reason: Autoscaling rolling updates cannot be performed…" at ERROR (as EB CLI#528 shows the "<operation> … failed Reason:" family) → failure', () => {
    const row: Row = {
      name: 'B6',
      source: `${S_SCHEDULER} (text); ${S_CLI_528} (ERROR severity of the same family); final state assumed Ready/Green new label`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [
          120,
          'ERROR',
          'Updating Auto Scaling group named: awseb-e-<id>-stack-AWSEBAutoScalingGroup-<id> failed Reason: Autoscaling rolling updates cannot be performed because scheduled action(s) [IS-<schedule>-Start,IS-<schedule>-Stop] are currently associated with this autoscaling group; either delete these actions or suspend the ScheduledActions process and then retry the update.'
        ]
      ],
      polls: [{ at: 60, env: updating() }, greenNew(200)],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B7 held: EB CLI#528 ERROR "Creating Auto Scaling launch configuration failed Reason: …" + ERROR "Stack named … aborted operation…" (a create, replayed as an update) → failure', () => {
    const row: Row = {
      name: 'B7',
      source: `${S_CLI_528} (both events with ERROR and their 2 m 20 s gap; replayed as an update; Ready on the new label assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [
          20,
          'ERROR',
          'Creating Auto Scaling launch configuration failed Reason: Resource handler returned message: "The Launch Configuration creation operation is not available in your account. Use launch templates to create configuration templates for your Auto Scaling groups. (Service: AutoScaling, Status Code: 400, Request ID: 94985653-6ab8-42b7-b224-87393fc43b06)" (RequestToken: ca4ca7b1-8d2c-78db-3338-ae173cb928b4, HandlerErrorCode: GeneralServiceException)'
        ],
        [
          160,
          'ERROR',
          "Stack named 'awseb-e-cgemcxtxz4-stack' aborted operation. Current state: 'CREATE_FAILED'  Reason: The following resource(s) failed to create: [AWSEBAutoScalingLaunchConfiguration]."
        ]
      ],
      polls: [{ at: 100, env: updating() }, greenNew(170)],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B8 was a hole: rolling deploy of v2 failed on one of five instances (AWS docs eb health frame): Ready on the reset expected version, two instances still on v2 → a failure that is rolled back (was: "reverted", no rollback)', () => {
    const row: Row = {
      name: 'B8',
      source: `${S_TS_NEW} (eb health: Overall Degraded "Incorrect application version found on 3 out of 5 instances. Expected version \\"Sample Application\\" (deployment 1).", two instances Deployed v2, one Failed v2; "After a failed deployment, the expected version is reset to the last version that succeeded"); ${S_DEPLOY_TABLE}; events assumed INFO only (roadmap#162 shows such a stream)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [300, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [
        { at: 60, env: updating('Grey') },
        {
          at: 600,
          env: ready('Red', OLD, 'Degraded'),
          causes: [
            'Incorrect application version found on 3 out of 5 instances. Expected version "Sample Application" (deployment 1).'
          ]
        }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/reverted-version/failed')
  })

  test('B9 was a hole: single-instance deploy failed ("Application deployment failed at … Engine execution has encountered an error." / "Incorrect application version \\"Wordpress-version-1\\" (deployment 4). Expected version \\"Sample\\" (deployment 3).") → a failure that is rolled back (was: "reverted", no rollback, while the instance ran the failed version)', () => {
    const row: Row = {
      name: 'B9',
      source: `${S_WORDPRESS} (the instance's two health texts); environment-level cause in AWS's wording (notifications page) and an ERROR engine event assumed`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [50, 'ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."]
      ],
      polls: [
        { at: 30, env: updating() },
        {
          at: 90,
          env: ready('Red', OLD, 'Degraded'),
          causes: [
            'Incorrect application version found on all instances. Expected version "Sample" (deployment 3).'
          ]
        }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('B10 held: "Incorrect application version found on all instances. Expected version n/a." after an update that did not complete (IAM), Red/Degraded on the new label → failure at the end of the window', () => {
    const row: Row = {
      name: 'B10',
      source: `${S_KOREAN_NA} (cause text; "update-environment 미완료(IAM CloudFormation 등)"; label and timing assumed)`,
      events: [[0, 'INFO', 'Environment update is starting.']],
      polls: [
        { at: 30, env: updating() },
        {
          at: 90,
          env: ready('Red', OURS, 'Degraded'),
          causes: ['Incorrect application version found on all instances. Expected version n/a.']
        },
        {
          at: 271,
          env: ready('Red', OURS, 'Degraded'),
          causes: ['Incorrect application version found on all instances. Expected version n/a.']
        }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/unhealthy-after-window/unhealthy')
  })

  test('B11 held: "Instance deployment failed to build the Docker image. The deployment failed." (no severity → INFO), Green/Info on the new label → failure', () => {
    const row: Row = {
      name: 'B11',
      source: `${S_DOCKER_BUILD} (text; the rest assumed)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [70, 'INFO', 'Instance deployment failed to build the Docker image. The deployment failed.']
      ],
      polls: [
        { at: 30, env: updating() },
        { at: 100, env: ready('Green', OURS, 'Info') }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })
})

// ----------------------------------------------------------------------------------------------------------
// single texts: how the classifiers read texts whose severity or channel the sources do not show
// ----------------------------------------------------------------------------------------------------------
describe('round 11 texts', () => {
  const at = (message: string, severity = 'INFO') => ({
    date: new Date(START + 60_000),
    severity,
    message,
    requestId: 'req-ours'
  })

  test('T1 held: laravel-cron#17 "Application update failed at … container_command … failed." is a failed-deployment health cause', () => {
    expect(
      isFailedDeploymentCause(
        'Application update failed at 2018-05-14T08:56:01Z with exit status 1 and error: container_command runLeaderSelection in .ebextensions/99scheduler.config failed.'
      )
    ).toBe(true)
    void S_LARAVEL_CRON
  })

  test('T2 held: WordPress "Application deployment failed at … Engine execution has encountered an error." is a failed-deployment health cause', () => {
    expect(
      isFailedDeploymentCause(
        'Application deployment failed at 2023-09-06T14:43:06Z with exit status 1 and error: Engine execution has encountered an error.'
      )
    ).toBe(true)
  })

  test('T3 was a gap: "The Docker container unexpectedly ended after it was started" at INFO is an error event (B5 was caught only by the colour, after 3 min)', () => {
    expect(isErrorEvent(at('The Docker container unexpectedly ended after it was started'), OURS)).toBe(true)
  })

  test('T4 was a gap: "Updating Auto Scaling group named: … failed Reason: …" at INFO is an error event (held at ERROR, B6)', () => {
    expect(
      isErrorEvent(
        at(
          'Updating Auto Scaling group named: awseb-e-<id>-stack-AWSEBAutoScalingGroup-<id> failed Reason: Autoscaling rolling updates cannot be performed because scheduled action(s) [IS-<schedule>-Start,IS-<schedule>-Stop] are currently associated with this autoscaling group; either delete these actions or suspend the ScheduledActions process and then retry the update.'
        ),
        OURS
      )
    ).toBe(true)
  })

  test('T5 held: "Successfully deployed new configuration to environment." (EB CLI env.configsuccess) is no failure', () => {
    expect(failureKind(at('Successfully deployed new configuration to environment.'), OURS)).toBeUndefined()
  })
})

// ----------------------------------------------------------------------------------------------------------
// the same two verdicts through the real loop (what the automatic rollback is told)
// ----------------------------------------------------------------------------------------------------------
describe('round 11 loop checks', () => {
  test('A7 loop, held: Gopher — Red/Degraded "Incorrect application version found on 1 out of 2 instances." a minute after completion, Ok at +80 s → success', async () => {
    const result = await loop(
      [
        { from: 0, env: upd(OURS, 'Grey', 'Pending') },
        { from: 40.5, env: rdy('Green', 'Info') },
        {
          from: 60,
          env: rdy('Red', 'Degraded'),
          causes: ['Incorrect application version found on 1 out of 2 instances.']
        },
        { from: 120, env: rdy('Green', 'Ok') }
      ],
      [
        ev(0, 'Environment update is starting.'),
        ev(40, 'New application version was deployed to running EC2 instances.'),
        ev(40, 'Environment update completed successfully.'),
        ev(
          60,
          'Environment health has transitioned from Ok to Degraded. Incorrect application version found on 1 out of 2 instances.',
          'WARN',
          null
        ),
        ev(120, 'Environment health has transitioned from Degraded to Ok.', 'INFO', null)
      ]
    )
    expect(result).toBe('success at 126s')
  })

  test('B8 loop, was a hole: failed rolling deploy, Ready on the reset expected version with the mismatch cause → DeployFailedError kind "failed", so the automatic rollback runs (was: "reverted")', async () => {
    const result = await loop(
      [
        { from: 0, env: upd(OURS, 'Grey', 'Pending') },
        {
          from: 600,
          env: rdy('Red', 'Degraded', OLD),
          causes: [
            'Incorrect application version found on 3 out of 5 instances. Expected version "Sample Application" (deployment 1).'
          ]
        }
      ],
      [ev(0, 'Environment update is starting.'), ev(300, 'Environment update completed successfully.')]
    )
    expect(result).toBe('failure at 607s (failed)')
  })
})
