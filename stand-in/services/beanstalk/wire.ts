// State records → the response shapes of the botocore model
// (EnvironmentDescription, ApplicationVersionDescription, EventDescription, …).

import type { XmlValue } from '../../protocols/xml.js'
import type {
  Application,
  ApplicationVersion,
  BeanstalkEvent,
  BeanstalkState,
  ConfigurationTemplate,
  Environment
} from './model.js'

/**
 * Where the environment answers. By default CNAME (and EndpointURL) is the
 * loopback front door `127.0.0.1:<port>` while an app serves, so the action's
 * `http://<CNAME>` output is a clickable URL; before that, and in no-run mode,
 * CNAME is the real-looking `<prefix>.<region>.elasticbeanstalk.com`.
 * With `loopbackInCname: false` CNAME always stays real-looking and only
 * EndpointURL carries the loopback address.
 */
export function environmentDescription(environment: Environment, loopbackInCname: boolean): XmlValue {
  const loopback = environment.loopbackEndpoint
  return {
    EnvironmentName: environment.name,
    EnvironmentId: environment.id,
    ApplicationName: environment.applicationName,
    VersionLabel: environment.versionLabel,
    SolutionStackName: environment.solutionStackName,
    PlatformArn: environment.platformArn,
    TemplateName: environment.templateName,
    Description: environment.description,
    EndpointURL: loopback,
    CNAME: loopback && loopbackInCname ? loopback : environment.realCname,
    DateCreated: environment.created,
    DateUpdated: environment.updated,
    Status: environment.status,
    AbortableOperationInProgress: environment.abortable,
    Health: environment.health,
    HealthStatus: environment.healthStatus,
    Tier: environment.tier,
    EnvironmentLinks: [],
    EnvironmentArn: environment.arn
  }
}

export function versionDescription(version: ApplicationVersion): XmlValue {
  return {
    ApplicationVersionArn: version.arn,
    ApplicationName: version.applicationName,
    Description: version.description,
    VersionLabel: version.label,
    SourceBundle: { S3Bucket: version.bucket, S3Key: version.key },
    DateCreated: version.created,
    DateUpdated: version.updated,
    // UPPERCASE on the wire, as the real service sends it (the model enum is PascalCase).
    Status: version.status
  }
}

export function applicationDescription(application: Application, state: BeanstalkState): XmlValue {
  return {
    ApplicationArn: application.arn,
    ApplicationName: application.name,
    Description: application.description,
    DateCreated: application.created,
    DateUpdated: application.updated,
    Versions: [...state.versionsOf(application.name).keys()],
    ConfigurationTemplates: [...state.templatesOf(application.name).keys()]
  }
}

export function templateDescription(template: ConfigurationTemplate): XmlValue {
  return {
    SolutionStackName: template.solutionStackName,
    PlatformArn: template.platformArn,
    ApplicationName: template.applicationName,
    TemplateName: template.name,
    Description: template.description,
    DateCreated: template.created,
    DateUpdated: template.updated,
    OptionSettings: template.optionSettings.map(setting => ({ ...setting }))
  }
}

export function environmentSettingsDescription(environment: Environment): XmlValue {
  return {
    SolutionStackName: environment.solutionStackName,
    PlatformArn: environment.platformArn,
    ApplicationName: environment.applicationName,
    EnvironmentName: environment.name,
    DeploymentStatus: 'deployed',
    DateCreated: environment.created,
    DateUpdated: environment.updated,
    OptionSettings: environment.optionSettings.map(setting => ({ ...setting }))
  }
}

export function eventDescription(event: BeanstalkEvent): XmlValue {
  return {
    EventDate: event.date,
    Message: event.message,
    ApplicationName: event.applicationName,
    VersionLabel: event.versionLabel,
    TemplateName: event.templateName,
    EnvironmentName: event.environmentName,
    RequestId: event.requestId,
    Severity: event.severity
  }
}
