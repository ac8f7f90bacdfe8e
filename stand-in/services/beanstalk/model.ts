// The Beanstalk stand-in's state: applications, versions, templates and
// environments as plain records. Wire shapes are built from them in wire.ts.

export type VersionStatus = 'UNPROCESSED' | 'PROCESSING' | 'PROCESSED' | 'FAILED'
export type EnvironmentStatus = 'Launching' | 'Updating' | 'Ready' | 'Aborting' | 'Terminating' | 'Terminated'
export type HealthColor = 'Green' | 'Yellow' | 'Red' | 'Grey'
export type HealthStatus =
  'NoData' | 'Unknown' | 'Pending' | 'Ok' | 'Info' | 'Warning' | 'Degraded' | 'Severe'
export type Severity = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL'

export interface OptionSetting {
  Namespace: string
  OptionName: string
  Value: string
  ResourceName?: string
}

export interface Tag {
  Key: string
  Value: string
}

export interface Application {
  name: string
  arn: string
  description?: string | undefined
  created: Date
  updated: Date
  tags: Tag[]
  /** ResourceLifecycleConfig's version MaxCountRule, when enabled (UpdateApplicationResourceLifecycle). */
  versionLifecycle?: { maxCount: number; deleteSourceFromS3: boolean; serviceRole?: string } | undefined
}

export interface ApplicationVersion {
  applicationName: string
  label: string
  arn: string
  description?: string | undefined
  bucket: string
  key: string
  status: VersionStatus
  created: Date
  updated: Date
  /** CreateApplicationVersion's Tags (the version's own; environments running it do not inherit them). */
  tags: Tag[]
}

export interface ConfigurationTemplate {
  applicationName: string
  name: string
  description?: string | undefined
  solutionStackName?: string | undefined
  platformArn?: string | undefined
  optionSettings: OptionSetting[]
  created: Date
  updated: Date
}

export interface Environment {
  id: string
  name: string
  arn: string
  applicationName: string
  description?: string | undefined
  /** The version the environment runs (kept when a deploy of another version fails). */
  versionLabel?: string | undefined
  solutionStackName?: string | undefined
  platformArn?: string | undefined
  templateName?: string | undefined
  /** `<prefix>.<region>.elasticbeanstalk.com`, reserved for the environment's life. */
  realCname: string
  /** `127.0.0.1:<port>` while an app answers on the loopback front door. */
  loopbackEndpoint?: string | undefined
  status: EnvironmentStatus
  health: HealthColor
  healthStatus: HealthStatus
  causes: string[]
  /**
   * When health and causes were last computed (DescribeEnvironmentHealth's RefreshedAt). AWS recomputes
   * enhanced health every 10 seconds; the stand-in at the end of each operation, so until an update ends
   * it answers with the causes of the operation before, and their time, as AWS does until its next refresh.
   */
  healthRefreshedAt: Date
  abortable: boolean
  optionSettings: OptionSetting[]
  tags: Tag[]
  tier: { Name: string; Type: string; Version: string }
  instanceId: string
  created: Date
  updated: Date
  terminatedAt?: Date
  /** Every moment an operation left the environment Ready and Green, oldest first (the benchmarks read it). */
  turnedGreen?: { at: Date; versionLabel?: string | undefined }[]
}

export interface BeanstalkEvent {
  seq: number
  date: Date
  message: string
  severity: Severity
  applicationName?: string
  environmentName?: string
  versionLabel?: string | undefined
  templateName?: string
  requestId?: string | undefined
}

export const ENVIRONMENT_PROPERTIES_NAMESPACE = 'aws:elasticbeanstalk:application:environment'
export const ENVIRONMENT_SECRETS_NAMESPACE = 'aws:elasticbeanstalk:application:environmentsecrets'
export const APPLICATION_NAMESPACE = 'aws:elasticbeanstalk:application'
export const HEALTH_REPORTING_NAMESPACE = 'aws:elasticbeanstalk:healthreporting:system'

/** In-memory store; one per service instance. */
export class BeanstalkState {
  readonly applications = new Map<string, Application>()
  /** application name → label → version */
  readonly versions = new Map<string, Map<string, ApplicationVersion>>()
  /** application name → template name → template */
  readonly templates = new Map<string, Map<string, ConfigurationTemplate>>()
  readonly environments: Environment[] = []

  versionsOf(applicationName: string): Map<string, ApplicationVersion> {
    let versions = this.versions.get(applicationName)
    if (!versions) this.versions.set(applicationName, (versions = new Map()))
    return versions
  }

  templatesOf(applicationName: string): Map<string, ConfigurationTemplate> {
    let templates = this.templates.get(applicationName)
    if (!templates) this.templates.set(applicationName, (templates = new Map()))
    return templates
  }

  versionCount(): number {
    return [...this.versions.values()].reduce((total, versions) => total + versions.size, 0)
  }

  /** The environment that holds this name now (terminated ones release their name). */
  liveEnvironmentNamed(name: string): Environment | undefined {
    return this.environments.find(
      environment => environment.name === name && environment.status !== 'Terminated'
    )
  }
}

/** Option settings merged by namespace + option name; later lists win. */
export function mergeOptionSettings(...lists: OptionSetting[][]): OptionSetting[] {
  const merged = new Map<string, OptionSetting>()
  for (const list of lists) {
    for (const setting of list) merged.set(`${setting.Namespace}\u0000${setting.OptionName}`, setting)
  }
  return [...merged.values()]
}

export function removeOptions(
  settings: OptionSetting[],
  toRemove: { Namespace: string; OptionName: string }[]
): OptionSetting[] {
  return settings.filter(
    setting =>
      !toRemove.some(
        option => option.Namespace === setting.Namespace && option.OptionName === setting.OptionName
      )
  )
}

export function optionValue(
  settings: OptionSetting[],
  namespace: string,
  optionName: string
): string | undefined {
  return settings.find(setting => setting.Namespace === namespace && setting.OptionName === optionName)?.Value
}
