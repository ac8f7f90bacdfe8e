// The wait's decision table (wait-decision.ts decides by it): every outcome of decide() is one row, in order,
// and every row names its source. docs/deploy-decision.md has the same table with the reasoning, and
// __tests__/unit/deploy/wait-decision.test.ts checks both have every row.

export type RuleId =
  | 'environment-gone'
  | 'environment-terminating'
  | 'reverted-event'
  | 'failure-event'
  | 'health-red-event'
  | 'processing-failed-event'
  | 'not-ready'
  | 'error-event'
  | 'update-not-started'
  | 'reverted-version'
  | 'aborted'
  | 'failed-deployment-cause'
  | 'health-pending'
  | 'green'
  | 'yellow-allowed'
  | 'settling'
  | 'unhealthy-after-window'
  | 'no-health-data'

export interface DecisionRule {
  id: RuleId
  outcome: 'success' | 'failure' | 'wait'
  when: string
  source: string
}

const EB_CLI_COMMONOPS =
  'https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/operations/commonops.py#L249'
const MODEL_HEALTH =
  'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (Health; botocore elasticbeanstalk/2010-12-01/service-2.json)'
const WAITER =
  'https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/waiters-2.json (EnvironmentUpdated: retry while Updating)'
const HEALTH_DOCS = {
  status: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html',
  enhanced: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html',
  cancel: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rollingupdates.cancel.html'
}
const RECOVERY =
  'https://github.com/einaregilsson/beanstalk-deploy/blob/01e11095f02493bf4c9d37f9791d9caf0b1a6d74/beanstalk-deploy.js#L385 (wait_for_environment_recovery); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html'

/** First matching row wins; the order is the table's. */
export const DECISION_TABLE: readonly DecisionRule[] = [
  {
    id: 'environment-gone',
    outcome: 'failure',
    when: 'DescribeEnvironments no longer lists the environment',
    source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_DescribeEnvironments.html'
  },
  {
    id: 'environment-terminating',
    outcome: 'failure',
    when: 'Status Terminating or Terminated',
    source:
      'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (Status: "Terminating: Environment is in the shut-down process")'
  },
  {
    id: 'reverted-event',
    outcome: 'failure',
    when: 'our event "The environment was reverted to the previous configuration setting." (any colour)',
    source: `${EB_CLI_COMMONOPS} (event.failedupdate)`
  },
  {
    id: 'failure-event',
    outcome: 'failure',
    when: 'our event is one of the EB CLI failure texts, e.g. "Failed to deploy application.", "Update environment operation is complete, but with errors." (any colour)',
    source: `${EB_CLI_COMMONOPS} (_raise_if_error_event)`
  },
  {
    id: 'health-red-event',
    outcome: 'failure',
    when: '"Environment health has been set to RED" before the update completed (the EB CLI stops watching at "Environment update completed successfully."; later ones belong to the recovery window)',
    source: `${EB_CLI_COMMONOPS} (event.redmessage; _is_success_event ends the wait)`
  },
  {
    id: 'processing-failed-event',
    outcome: 'failure',
    when: '"Finished processing application version … FAILED." for our version',
    source: `${EB_CLI_COMMONOPS} (appversion.finished … FAILED.)`
  },
  {
    id: 'not-ready',
    outcome: 'wait',
    when: 'Status Updating, Launching, Aborting, LinkingFrom or LinkingTo (health is Grey: checks are suspended during an update)',
    source: `${WAITER}; ${MODEL_HEALTH}`
  },
  {
    id: 'error-event',
    outcome: 'failure',
    when: 'Ready (any colour, any version) after an error event of our deploy the EB CLI has no text for: ERROR or FATAL (not a health transition), or a failed command\'s shape whatever the severity ("Summary: [Successful: 0, Failed: 1]", "… complete(d), but with errors", "Aborting the operation", "During an aborted deployment", "Failed to deploy …"); with our request id, or without one only after our completion event; reported as a revert when Beanstalk is back on another version, unless a health cause read at that look says instances still run another ("Incorrect application version found on 3 out of 5 instances") or an abort was seen: then a failure that is rolled back',
    source:
      'https://github.com/ThoughtWorksStudios/eb_deployer/issues/10 (Command failed on instance, then "completed successfully"); https://github.com/einaregilsson/beanstalk-deploy/issues/86 (ERROR events, no "Failed to deploy application." seen); https://github.com/aws/elastic-beanstalk-roadmap/issues/162; docs/deploy-decision.md'
  },
  {
    id: 'update-not-started',
    outcome: 'wait',
    when: 'Ready on another version, and no poll has seen the environment leave Ready yet',
    source:
      'https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/examples-1.json (UpdateEnvironment answers Status Updating: the update is asynchronous)'
  },
  {
    id: 'reverted-version',
    outcome: 'failure',
    when: 'Ready on another version after the update ran: Beanstalk kept or restored the previous version; unless a health cause says instances still run another ("Incorrect application version …"): an in-place deploy that failed part-way resets only the expected version, so it is a failure that is rolled back',
    source:
      'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (VersionLabel: "The application version deployed in this environment"); botocore examples-1.json UpdateEnvironment (the new label is shown while Updating); https://github.com/ingenieux/awseb-deployment-plugin/issues/69 ("a deploy can fail and the status goes back to ready and the environment health goes back to green"); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html (all at once, rolling: "Rollback process: Manual redeploy"); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html ("Incorrect application version found on 3 out of 5 instances")'
  },
  {
    id: 'aborted',
    outcome: 'failure',
    when: 'Ready (on any version) after a poll saw Status Aborting: the update was cancelled part-way (AbortEnvironmentUpdate, its own request, so its events need not carry our request id)',
    source: `${HEALTH_DOCS.cancel} ("some instances will have the new application version and others will continue to run the existing application version"); ${MODEL_HEALTH} (Status Aborting)`
  },
  {
    id: 'failed-deployment-cause',
    outcome: 'wait',
    when: 'Ready on our version, and a health cause says the deployment failed on instances ("Incorrect application version found on …", "Command failed on …"): never success, whatever the colour; it fails as unhealthy when the recovery window ends',
    source: `${HEALTH_DOCS.status} (Degraded / Warning causes; "If a deployment fails, the expected version is reset to the version from the most recent successful deployment")`
  },
  {
    id: 'health-pending',
    outcome: 'wait',
    when: 'Ready and Green on our version but HealthStatus Info or Pending, or the update neither left Ready nor logged its completion yet, for less than the recovery window: the new version is not judged yet (Info: "a new application version is being deployed"); after the window, Green succeeds',
    source: `${HEALTH_DOCS.status}; https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/examples-1.json (DescribeEvents: "transitioned from Info to Ok" after the update completed)`
  },
  {
    id: 'green',
    outcome: 'success',
    when: 'Ready, Green, on our version',
    source: `${MODEL_HEALTH} ("Green: Indicates the environment is healthy and fully functional")`
  },
  {
    id: 'yellow-allowed',
    outcome: 'success',
    when: 'Ready, Yellow, on our version, with allow-yellow: true',
    source:
      "https://github.com/aws-actions/aws-elasticbeanstalk-deploy (AWS's own action accepts Yellow); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html (Warning: moderate request failures)"
  },
  {
    id: 'settling',
    outcome: 'wait',
    when: 'Ready on our version but Red, Grey, or Yellow without allow-yellow, for less than the recovery window since the wait first saw it Ready there',
    source: RECOVERY
  },
  {
    id: 'unhealthy-after-window',
    outcome: 'failure',
    when: 'the same, once the recovery window has passed (persistent Yellow without allow-yellow fails here, not at wait-timeout)',
    source: RECOVERY
  }
]
