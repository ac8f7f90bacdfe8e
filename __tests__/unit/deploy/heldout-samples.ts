// HELD-OUT real Beanstalk event streams: none of them is cited in real-samples.ts, and none was looked at
// while the wait's rules were written. Each is replayed through decide() exactly as real-samples.ts replays
// its samples (same `replay`), and `truth` is what really happened according to the source's own account,
// written down before the replay was ever run. Texts and severities are the sources'; where a source leaves
// something out (a severity, the timing, the final health or version), the sample says what it assumed and
// assumes the case that is hardest for the wait: for a good deploy, health that lags the update (Red / Yellow
// before Green); for a failed one, Ready and Green on the new label (einaregilsson/beanstalk-deploy#67 shows
// Beanstalk does that after a failure) and, where no severity is given, INFO.
// Times are seconds after the update was accepted; where the source gives clock times they keep their gaps.

import type { Sample } from './real-samples.js'
import { OLD, OURS, ready, updating } from './real-samples.js'

export type HeldoutSample = Omit<Sample, 'before' | 'rule'>

const ROADMAP_162 = 'https://github.com/aws/elastic-beanstalk-roadmap/issues/162'
const START_CAMUNDA = 'https://github.com/tasso94/start-camunda/pull/20'
const NGINX_PROXY = 'https://github.com/aws-samples/eb-docker-nginx-proxy/issues/9'
const DOCKER_ICE = 'https://github.com/jonbrouse/docker-ice/issues/5'
const BOLTOPS = 'https://blog.boltops.com/2017/07/19/under-the-hood-of-aws-elastic-beanstalk-part-1'
const TODOBACKEND =
  'public GitHub copy (Chinese) of the book "Docker on Amazon Web Services", chapter on Elastic Beanstalk multi-container deploys, found by the search tool for "INFO: Environment update completed successfully." (file id 36485508021)'
const MULTICONTAINER_NOTES =
  'public GitHub notes (Chinese) on a multi-container Beanstalk PHP/nginx deploy, found by the search tool for "ERROR: Failed to deploy application." (file id 32498408542)'
const CFN_CONDITION =
  'public GitHub repository "Elastic Beanstalk Bug Reproduction" (CloudFormation Condition in .ebextensions), found by the search tool for "ERROR: Failed to deploy application." (file id 16602441426)'
const SECURITY_GROUP_NOTES =
  'public GitHub README (Django on Beanstalk, "Troubleshooting: The following resource(s) failed to create: MyCacheSecurityGroup"), found by the search tool for "ERROR   Failed to deploy application." (file ids 20204693361 / 20273110607 / 20114256709)'
const FAILED_DEPLOY_NOTES =
  'public GitHub notes ("## Failed Deploy — Example failed deploy: eb deploy …", 2021-09-30), found by the search tool for "ERROR   Failed to deploy application." (file id 418872267)'
const FRENCH_NOTES =
  'public GitHub deploy report (French, "Problème de Déploiement", rollback to v2.1.4), found by the search tool for "ERROR: Instance deployment failed. For details" (file id 9680646695)'
const BD_48 = 'https://github.com/einaregilsson/beanstalk-deploy/issues/48'
const JFALKEN_2 = 'https://github.com/jfalken/s3_https_upload_portal/issues/2'
const PARSE_379 = 'https://github.com/parse-community/parse-server-example/issues/379'
const SHIPPABLE_2333 = 'https://github.com/Shippable/support/issues/2333'
const DOCKER_REACT_6 = 'https://github.com/StephenGrider/docker-react/issues/6'

export const HELDOUT: HeldoutSample[] = [
  // ---- (a) good deploys, health lagging the update ----
  {
    name: 'single-container Docker: "Successfully pulled" / "Successfully built" / "Docker container … is running", completed',
    source: `${DOCKER_ICE} (the reporter: "everting on deploy was good"; his later trouble is reaching the app, not the deploy. Severities the console's; health assumed Yellow at completion, Green later)`,
    events: [
      [10, 'INFO', 'Deploying new version to instance(s).'],
      [96, 'INFO', 'Successfully pulled jonbrouse/java:7'],
      [308, 'INFO', 'Successfully built aws_beanstalk/staging-app'],
      [343, 'INFO', 'Docker container ea2139345d9e is running aws_beanstalk/current-app.'],
      [430, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [430, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 60, env: updating() },
      { at: 320, env: updating() },
      { at: 431, env: ready('Yellow', OURS, 'Warning') },
      { at: 500, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  },
  {
    name: 'Docker on two instances: "Command execution completed on 1 of 2 / 2 of 2 instances", completed; Red, then Yellow, then Green',
    source: `${BOLTOPS} (eb deploy output, no clock times: timing assumed; the Red → Yellow → Green lag after completion assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [3, 'INFO', 'Deploying new version to instance(s).'],
      [20, 'INFO', 'Successfully pulled tongueroo/hi:base'],
      [60, 'INFO', 'Successfully built aws_beanstalk/staging-app'],
      [61, 'INFO', 'Successfully built aws_beanstalk/staging-app'],
      [70, 'INFO', 'Docker container 3691fd5e5d46 is running aws_beanstalk/current-app.'],
      [71, 'INFO', 'Command execution completed on 1 of 2 instances in environment.'],
      [80, 'INFO', 'Docker container 14638e61c6ee is running aws_beanstalk/current-app.'],
      [81, 'INFO', 'Command execution completed on 2 of 2 instances in environment.'],
      [85, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [85, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 30, env: updating() },
      {
        at: 86,
        env: ready('Red', OURS, 'Degraded'),
        causes: ['ELB health is failing or not available for all instances.']
      },
      { at: 120, env: ready('Yellow', OURS, 'Warning') },
      { at: 180, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  },
  {
    name: 'multi-container (ECS): INFO "Stopping ECS task", "ECS task: … is STOPPED.", "Starting new ECS task", "… is RUNNING.", completed',
    source: `${TODOBACKEND} (the book goes on using the deployed app; timing assumed; Yellow at completion assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [3, 'INFO', 'Deploying new version to instance(s).'],
      [
        5,
        'INFO',
        'Stopping ECS task arn:aws:ecs:us-east-1:385605022855:task/dd2a2379-1b2c-4398-9f44-b7c25d338c67.'
      ],
      [
        8,
        'INFO',
        'ECS task: arn:aws:ecs:us-east-1:385605022855:task/dd2a2379-1b2c-4398-9f44-b7c25d338c67 is STOPPED.'
      ],
      [9, 'INFO', 'Starting new ECS task with awseb-Todobackend-env-amv5i5upx4:3.'],
      [
        20,
        'INFO',
        'ECS task: arn:aws:ecs:us-east-1:385605022855:task/d9fa5a87-1329-401a-ba26-eb18957f5070 is RUNNING.'
      ],
      [22, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [22, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 23, env: ready('Yellow', OURS, 'Warning') },
      { at: 60, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  },
  {
    name: 'the fixed redeploy: "Created security group", five minutes Updating, completed; Yellow, then Green',
    source: `${SECURITY_GROUP_NOTES} (the "After changing:" log; health during and after assumed: Red while Updating, Yellow at completion, Green later)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [23, 'INFO', 'Created security group named: sg-06269f92dba330485'],
      [286, 'INFO', 'Deploying new version to instance(s).'],
      [345, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [345, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 200, env: updating() },
      { at: 300, env: updating('Red', OURS, 'Severe') },
      { at: 346, env: ready('Yellow', OURS, 'Warning') },
      { at: 420, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'success'
  },

  // ---- (b) failed deploys ----
  {
    name: 'rolling deploy that Beanstalk reports as a success though one instance failed: INFO events only',
    source: `${ROADMAP_162} (AWS's own roadmap: "reporting deployment success in spite of failing to deploy on one instance"; the events shown are all INFO and cut off after "New application version was deployed…"; "Environment update completed successfully." and Ready / Green on the new label assumed, as the reporter says Beanstalk reported success)`,
    events: [
      [120, 'INFO', 'Batch 2: Starting application deployment on instance(s) [instance id #2].'],
      [142, 'INFO', 'Batch 2: Starting application deployment command execution.'],
      [151, 'INFO', 'Batch 2: Completed application deployment command execution.'],
      [151, 'INFO', 'Command execution completed on 2 of 2 instances in environment.'],
      [
        151,
        'INFO',
        'Batch 2: Registering instance(s) with the load balancer and waiting for them to be healthy.'
      ],
      [165, 'INFO', 'Batch 2: Completed application deployment.'],
      [214, 'INFO', 'New application version was deployed to running EC2 instances.'],
      [214, 'INFO', 'Environment update completed successfully.']
    ],
    polls: [
      { at: 100, env: updating('Green', OURS, 'Info') },
      { at: 200, env: updating('Green', OURS, 'Info') },
      { at: 215, env: ready('Green', OURS, 'Ok') }
    ],
    truth: 'failure'
  },
  {
    name: 'Docker: WARN "Failed to build Docker image …, retrying...", ERROR "Failed to build Docker image …", ERROR "Command failed on instance"',
    source: `${START_CAMUNDA} (eb deploy output, cut off inside the "Command failed" text; the maintainer: "something is not quite right"; Ready / Green on the new label assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [4, 'INFO', 'Deploying new version to instance(s).'],
      [12, 'WARN', 'Failed to build Docker image aws_beanstalk/staging-app, retrying...'],
      [
        12,
        'ERROR',
        'Failed to build Docker image aws_beanstalk/staging-app: Sending build context to Docker daemon  2.376MB\nError response from daemon: No build stage in current context. Check snapshot logs for details.'
      ],
      [12, 'INFO', 'Successfully pulled alpine:latest'],
      [
        14,
        'ERROR',
        '[Instance: i-0318935e05589fba6] Command failed on instance. Return code: 1 Output: (TRUNCATED)...esponse from daemon: No build stage in current context\nFailed to build Docker image aws_beanstalk/staging-app: Sending build context to Docker daemon  2.376MB\nError response from daemon: No build stage in current context. Check snapshot logs for details.'
      ]
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 15, env: updating() },
      { at: 60, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'Docker, INFO only (severity not shown): "Failed to build Docker image …: COPY failed: … no such file or directory"',
    source: `${DOCKER_REACT_6} (the error text only; severity assumed INFO — ${START_CAMUNDA} shows the same text at ERROR; Ready / Green on the new label assumed)`,
    events: [
      [
        40,
        'INFO',
        'Failed to build Docker image aws_beanstalk/staging-app: d: stat /var/lib/docker/devicemapper/mnt/03f6851be8132adbf7034666eae85f2b98379ab8125b395fd2e6d9ffb6167934/rootfs/app/build: no such file or directory. Check snapshot logs for details.'
      ]
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 60, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'multi-container: ERROR "Invalid Dockerrun.aws.json version", 03build.sh failed, WARN Pending → Degraded, ERROR "… operation is complete, but with errors."',
    source: `${NGINX_PROXY} (console events of an environment creation, replayed as an update; "Not works")`,
    events: [
      [100, 'ERROR', 'Invalid Dockerrun.aws.json version, abort deployment'],
      [
        105,
        'ERROR',
        '[Instance: i-02aaac5f276d1c2bc] Command failed on instance. Return code: 1 Output: Invalid Dockerrun.aws.json version, abort deployment. Hook /opt/elasticbeanstalk/hooks/appdeploy/pre/03build.sh failed. For more detail, check /var/log/eb-activity.log using console or EB CLI.'
      ],
      [105, 'INFO', 'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].'],
      [
        159,
        'WARN',
        'Environment health has transitioned from Pending to Degraded. Command failed on all instances. Initialization completed 22 seconds ago and took 2 minutes.',
        false
      ],
      [
        167,
        'ERROR',
        'Create environment operation is complete, but with errors. For more information, see troubleshooting documentation.'
      ]
    ],
    polls: [
      { at: 90, env: updating() },
      { at: 110, env: updating() },
      { at: 168, env: ready('Red', OURS, 'Degraded') }
    ],
    truth: 'failure'
  },
  {
    name: 'multi-container: ERROR "Invalid Dockerrun.aws.json version", "Unsuccessful command execution", "Failed to deploy application."',
    source: `${MULTICONTAINER_NOTES} (eb deploy output; timing assumed; Ready / Green on the new label assumed)`,
    events: [
      [10, 'ERROR', 'Invalid Dockerrun.aws.json version, abort deployment'],
      [
        11,
        'ERROR',
        '[Instance: i-0084258ba535e77fa] Command failed on instance. Return code: 1 Output: Invalid Dockerrun.aws.json version, abort deployment. \nHook /opt/elasticbeanstalk/hooks/appdeploy/pre/03build.sh failed. For more detail, check /var/log/eb-activity.log using console or EB CLI.'
      ],
      [11, 'INFO', 'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].'],
      [
        11,
        'ERROR',
        "Unsuccessful command execution on instance id(s) 'i-0084258ba535e77fa'. Aborting the operation."
      ],
      [12, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [
      { at: 5, env: updating() },
      { at: 13, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'ERROR "Service:AmazonCloudFormation, Message:Template format error: …" + "Failed to deploy application."',
    source: `${CFN_CONDITION} (eb deploy output; timing assumed; Ready / Green on the new label assumed)`,
    events: [
      [
        5,
        'ERROR',
        'Service:AmazonCloudFormation, Message:Template format error: Unresolved resource dependencies [Bucket] in the Resources block of the template'
      ],
      [6, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [
      { at: 3, env: updating() },
      { at: 7, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'ERROR "Stack … aborted operation. Current state: \'UPDATE_ROLLBACK_IN_PROGRESS\'", "Creating security group … failed", "Failed to deploy application."',
    source: `${SECURITY_GROUP_NOTES} (the first eb deploy log; Ready / Green on the new label assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [
        23,
        'ERROR',
        "Service:AmazonCloudFormation, Message:Stack named 'awseb-e-wbmxbruwe8-stack' aborted operation. Current state: 'UPDATE_ROLLBACK_IN_PROGRESS'  Reason: The following resource(s) failed to create: [MyCacheSecurityGroup]."
      ],
      [
        23,
        'ERROR',
        'Creating security group named: sg-0fee88b49cda8b643 failed Reason: Invalid id: "awseb-e-wbmxbruwe8-stack-AWSEBSecurityGroup-GTCFKNA6VCPQ" (expecting "sg-...") (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroupId.Malformed; Request ID: fdc762ec-f799-4753-bf2e-110d62ccf87d)'
      ],
      [23, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 24, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: '"Instance deployment failed", "Engine execution has encountered an error..", "Summary: [Successful: 0, Failed: 1]", "Failed to deploy application."',
    source: `${FAILED_DEPLOY_NOTES} (eb deploy output with the console's severities; Ready / Green on the new label assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [41, 'INFO', 'Deploying new version to instance(s).'],
      [173, 'ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."],
      [
        177,
        'ERROR',
        '[Instance: i-0efbdcf69182ec996] Command failed on instance. Return code: 1 Output: Engine execution has encountered an error..'
      ],
      [177, 'INFO', 'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].'],
      [
        177,
        'ERROR',
        "Unsuccessful command execution on instance id(s) 'i-0efbdcf69182ec996'. Aborting the operation."
      ],
      [178, 'ERROR', 'Failed to deploy application.']
    ],
    polls: [
      { at: 100, env: updating() },
      { at: 175, env: updating() },
      { at: 179, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: 'ERROR "Instance deployment failed" + "Your source bundle has issues that caused the deployment to fail.", rolled back to the old version',
    source: `${FRENCH_NOTES} ("L'environnement fait automatiquement un rollback vers v2.1.4"; timing assumed; health after the rollback assumed Green)`,
    events: [
      [40, 'ERROR', "Instance deployment failed. For details, see 'eb-engine.log'."],
      [40, 'ERROR', 'Your source bundle has issues that caused the deployment to fail.']
    ],
    polls: [
      { at: 30, env: updating() },
      { at: 41, env: updating() },
      { at: 90, env: ready('Green', OLD, 'Ok') }
    ],
    truth: 'failure'
  },
  {
    name: 'cause "Incorrect application version … (deployment 29). Expected version … (deployment 27)." that stays',
    source: `${BD_48} (the action's log is cut off; "Environment update is starting." assumed as the only event seen; Red / Severe with that cause assumed until the last poll)`,
    events: [[0, 'INFO', 'Environment update is starting.']],
    polls: [
      { at: 30, env: updating() },
      {
        at: 60,
        env: ready('Red', OURS, 'Severe'),
        causes: [
          'Incorrect application version "X-1607792162" (deployment 29). Expected version "X-1607790305" (deployment 27).'
        ]
      },
      {
        at: 300,
        env: ready('Red', OURS, 'Severe'),
        causes: [
          'Incorrect application version "X-1607792162" (deployment 29). Expected version "X-1607790305" (deployment 27).'
        ]
      }
    ],
    truth: 'failure'
  },
  {
    name: '"Added instance […] to your environment." then "Instance deployment failed. For details, see \'eb-engine.log\'." (severity not given)',
    source: `${JFALKEN_2} (the two messages the reporter quotes; severity assumed INFO, the worst case; Ready / Green on the new label assumed)`,
    events: [
      [0, 'INFO', 'Environment update is starting.'],
      [30, 'INFO', 'Added instance [i-0ca6b54779ee5d6ce] to your environment.'],
      [90, 'INFO', "Instance deployment failed. For details, see 'eb-engine.log'."]
    ],
    polls: [
      { at: 60, env: updating() },
      { at: 100, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: '"Instance deployment failed to generate a \'Procfile\' for Node.js. … The deployment failed." (severity not given)',
    source: `${PARSE_379} (the one message quoted; severity assumed INFO, the worst case; Ready / Green on the new label assumed)`,
    events: [
      [
        20,
        'INFO',
        "Instance deployment failed to generate a 'Procfile' for Node.js. Provide one of these files: 'package.json', 'server.js', or 'app.js'. The deployment failed."
      ]
    ],
    polls: [
      { at: 10, env: updating() },
      { at: 30, env: ready('Green') }
    ],
    truth: 'failure'
  },
  {
    name: '"Update environment operation is complete, but with errors. For more information, see the troubleshooting documentation." (severity not given)',
    source: `${SHIPPABLE_2333} ("The beanstalk will not start properly … the deployment has not been successful"; severity assumed INFO, the worst case; Ready / Green on the new label assumed)`,
    events: [
      [
        90,
        'INFO',
        'Update environment operation is complete, but with errors. For more information, see the troubleshooting documentation.'
      ]
    ],
    polls: [
      { at: 60, env: updating() },
      { at: 91, env: ready('Green') }
    ],
    truth: 'failure'
  }
]
