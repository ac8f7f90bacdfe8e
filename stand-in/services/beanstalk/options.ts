// Which configuration options exist. Beanstalk refuses an OptionSettings entry
// whose namespace or option it does not know with
//   ConfigurationValidationException: Configuration validation exception:
//   Invalid option specification (Namespace: '<ns>', OptionName: '<name>'): Unknown configuration setting.
// (hashicorp/terraform#20257, pulumi/pulumi-aws#3461). The table follows the
// developer guide's "General options for all environments" for the namespaces
// an ECS-platform environment has; free-form namespaces take any option name.

import { AwsError } from '../../errors.js'
import type { OptionSetting } from './model.js'

const ANY = '*'

const OPTIONS: Record<string, string[] | typeof ANY> = {
  'aws:autoscaling:asg': [
    'Availability Zones',
    'Cooldown',
    'Custom Availability Zones',
    'EnableCapacityRebalancing',
    'MinSize',
    'MaxSize'
  ],
  'aws:autoscaling:launchconfiguration': [
    'BlockDeviceMappings',
    'DisableDefaultEC2SecurityGroup',
    'DisableIMDSv1',
    'EC2KeyName',
    'IamInstanceProfile',
    'ImageId',
    'InstanceType',
    'LaunchTemplateTagPropagationEnabled',
    'MonitoringInterval',
    'RootVolumeIOPS',
    'RootVolumeSize',
    'RootVolumeThroughput',
    'RootVolumeType',
    'SecurityGroups',
    'SSHSourceRestriction'
  ],
  'aws:autoscaling:scheduledaction': [
    'DesiredCapacity',
    'EndTime',
    'MaxSize',
    'MinSize',
    'Recurrence',
    'StartTime',
    'Suspend'
  ],
  'aws:autoscaling:trigger': [
    'BreachDuration',
    'EvaluationPeriods',
    'LowerBreachScaleIncrement',
    'LowerThreshold',
    'MeasureName',
    'Period',
    'Statistic',
    'Unit',
    'UpperBreachScaleIncrement',
    'UpperThreshold'
  ],
  'aws:autoscaling:updatepolicy:rollingupdate': [
    'MaxBatchSize',
    'MinInstancesInService',
    'PauseTime',
    'RollingUpdateEnabled',
    'RollingUpdateType',
    'Timeout'
  ],
  'aws:ec2:instances': [
    'EnableSpot',
    'InstanceTypes',
    'SpotFleetOnDemandAboveBasePercentage',
    'SpotFleetOnDemandBase',
    'SpotMaxPrice',
    'SupportedArchitectures'
  ],
  'aws:ec2:vpc': ['AssociatePublicIpAddress', 'DBSubnets', 'ELBScheme', 'ELBSubnets', 'Subnets', 'VPCId'],
  'aws:elasticbeanstalk:application': ['Application Healthcheck URL'],
  'aws:elasticbeanstalk:application:environment': ANY,
  'aws:elasticbeanstalk:application:environmentsecrets': ANY,
  'aws:elasticbeanstalk:cloudwatch:logs': ['DeleteOnTerminate', 'RetentionInDays', 'StreamLogs'],
  'aws:elasticbeanstalk:cloudwatch:logs:health': [
    'DeleteOnTerminate',
    'HealthStreamingEnabled',
    'RetentionInDays'
  ],
  'aws:elasticbeanstalk:command': [
    'BatchSize',
    'BatchSizeType',
    'DeploymentPolicy',
    'IgnoreHealthCheck',
    'Timeout'
  ],
  'aws:elasticbeanstalk:environment': [
    'EnvironmentType',
    'ExternalExtensionsS3Bucket',
    'ExternalExtensionsS3Key',
    'LoadBalancerIsShared',
    'LoadBalancerType',
    'ServiceRole'
  ],
  'aws:elasticbeanstalk:healthreporting:system': [
    'ConfigDocument',
    'EnhancedHealthAuthEnabled',
    'HealthCheckSuccessThreshold',
    'SystemType'
  ],
  'aws:elasticbeanstalk:hostmanager': ['LogPublicationControl'],
  'aws:elasticbeanstalk:managedactions': [
    'ManagedActionsEnabled',
    'PreferredStartTime',
    'ServiceRoleForManagedUpdates'
  ],
  'aws:elasticbeanstalk:managedactions:platformupdate': ['InstanceRefreshEnabled', 'UpdateLevel'],
  'aws:elasticbeanstalk:monitoring': ['Automatically Terminate Unhealthy Instances'],
  'aws:elasticbeanstalk:sns:topics': [
    'Notification Endpoint',
    'Notification Protocol',
    'Notification Topic ARN',
    'Notification Topic Name'
  ],
  'aws:elasticbeanstalk:sqsd': [
    'ConnectTimeout',
    'ErrorVisibilityTimeout',
    'HttpConnections',
    'HttpPath',
    'InactivityTimeout',
    'MaxRetries',
    'MimeType',
    'RetentionPeriod',
    'VisibilityTimeout',
    'WorkerQueueURL'
  ],
  'aws:elasticbeanstalk:trafficsplitting': ['EvaluationTime', 'NewVersionPercent'],
  'aws:elasticbeanstalk:xray': ['XRayEnabled'],
  'aws:elb:healthcheck': ['HealthyThreshold', 'Interval', 'Timeout', 'UnhealthyThreshold'],
  'aws:elb:loadbalancer': ['CrossZone', 'SecurityGroups', 'ManagedSecurityGroup'],
  'aws:elb:policies': [
    'ConnectionDrainingEnabled',
    'ConnectionDrainingTimeout',
    'ConnectionSettingIdleTimeout',
    'Stickiness Cookie Expiration',
    'Stickiness Policy'
  ],
  'aws:elbv2:loadbalancer': [
    'AccessLogsS3Bucket',
    'AccessLogsS3Enabled',
    'AccessLogsS3Prefix',
    'IdleTimeout',
    'ManagedSecurityGroup',
    'SecurityGroups',
    'SharedLoadBalancer'
  ],
  'aws:rds:dbinstance': [
    'DBAllocatedStorage',
    'DBDeletionPolicy',
    'DBEngine',
    'DBEngineVersion',
    'DBInstanceClass',
    'DBPassword',
    'DBSnapshotIdentifier',
    'DBUser',
    'HasCoupledDatabase',
    'MultiAZDatabase'
  ]
}

/** Namespaces named after a resource of the environment (a process, a listener port, a rule). */
const PATTERNS: [RegExp, string[]][] = [
  [
    /^aws:elasticbeanstalk:environment:process:[^:]+$/,
    [
      'DeregistrationDelay',
      'HealthCheckInterval',
      'HealthCheckPath',
      'HealthCheckTimeout',
      'HealthyThresholdCount',
      'MatcherHTTPCode',
      'Port',
      'Protocol',
      'StickinessEnabled',
      'StickinessLBCookieDuration',
      'StickinessType',
      'UnhealthyThresholdCount'
    ]
  ],
  [
    /^aws:elbv2:listener:[^:]+$/,
    ['DefaultProcess', 'ListenerEnabled', 'Protocol', 'Rules', 'SSLCertificateArns', 'SSLPolicy']
  ],
  [/^aws:elbv2:listenerrule:[^:]+$/, ['HostHeaders', 'PathPatterns', 'Priority', 'Process']],
  [
    /^aws:elb:listener(:\d+)?$/,
    [
      'InstancePort',
      'InstanceProtocol',
      'ListenerEnabled',
      'ListenerProtocol',
      'PolicyNames',
      'SSLCertificateId'
    ]
  ]
]

/** Options whose value has a fixed set; others take any string here. */
const ALLOWED_VALUES: Record<string, string[]> = {
  'aws:elasticbeanstalk:environment EnvironmentType': ['LoadBalanced', 'SingleInstance'],
  'aws:elasticbeanstalk:healthreporting:system SystemType': ['basic', 'enhanced'],
  'aws:elasticbeanstalk:environment LoadBalancerType': ['classic', 'application', 'network']
}

function knownOptions(namespace: string): string[] | typeof ANY | undefined {
  return OPTIONS[namespace] ?? PATTERNS.find(([pattern]) => pattern.test(namespace))?.[1]
}

/** Refuses what Beanstalk refuses in an OptionSettings (or OptionsToRemove) list. */
export function validateOptionSettings(
  settings: (Pick<OptionSetting, 'Namespace' | 'OptionName'> & { Value?: string })[]
): void {
  for (const setting of settings) {
    const known = knownOptions(setting.Namespace)
    if (known === undefined || (known !== ANY && !known.includes(setting.OptionName))) {
      throw new AwsError(
        'ConfigurationValidationException',
        `Configuration validation exception: Invalid option specification (Namespace: '${setting.Namespace}', OptionName: '${setting.OptionName}'): Unknown configuration setting.`
      )
    }
    const allowed = ALLOWED_VALUES[`${setting.Namespace} ${setting.OptionName}`]
    if (allowed && setting.Value !== undefined && !allowed.includes(setting.Value)) {
      // Real text unknown; the option reference lists the valid values.
      throw new AwsError(
        'ConfigurationValidationException',
        `Configuration validation exception: Invalid option value: '${setting.Value}' (Namespace: '${setting.Namespace}', OptionName: '${setting.OptionName}'): Value is not one of the allowed values: [${allowed.join(', ')}]`
      )
    }
  }
}
