// Environments, their events and health, DNS availability and tags.

import { randomBytes } from 'node:crypto'
import { AwsError } from '../../errors.js'
import { queryBoolean, queryList, queryStruct } from '../../protocols/query.js'
import {
  type Handler,
  type ServiceCore,
  arn,
  invalidState,
  requireApplication,
  requireDeployableVersion,
  requireLiveEnvironment,
  requireSolutionStack
} from './core.js'
import { randomInstanceId } from './lifecycle.js'
import {
  type Environment,
  HEALTH_REPORTING_NAMESPACE,
  type Tag,
  mergeOptionSettings,
  optionValue,
  removeOptions
} from './model.js'
import { withInstanceTypes } from './instances.js'
import { validateOptionSettings } from './options.js'
import {
  checkEnvironmentName,
  checkLength,
  maxRecords,
  optionSettings,
  optionSpecifiers,
  required,
  severity,
  tags,
  timestamp
} from './params.js'
import { environmentDescription, eventDescription } from './wire.js'

function randomSuffix(length: number): string {
  return randomBytes(length).toString('hex').slice(0, length)
}

function fullCname(core: ServiceCore, prefix: string): string {
  return `${prefix}.${core.ctx.region}.elasticbeanstalk.com`.toLowerCase()
}

function cnameTaken(core: ServiceCore, cname: string): boolean {
  return core.state.environments.some(
    environment => environment.status !== 'Terminated' && environment.realCname === cname
  )
}

function describe(core: ServiceCore, environment: Environment) {
  return environmentDescription(environment, core.options.loopbackInCname)
}

export const checkDNSAvailability: Handler = async (core, params) => {
  const prefix = required(params, 'CNAMEPrefix')
  checkLength('CNAMEPrefix', prefix, 4, 63)
  const cname = fullCname(core, prefix)
  return { Available: !cnameTaken(core, cname), FullyQualifiedCNAME: cname }
}

export const createEnvironment: Handler = async (core, params, requestId) => {
  const applicationName = required(params, 'ApplicationName')
  const name = required(params, 'EnvironmentName')
  checkEnvironmentName(name)
  checkLength('Description', params.Description, 0, 200)
  requireApplication(core, applicationName)
  if (core.state.liveEnvironmentNamed(name))
    // docs/stand-in.md, AWS texts.
    throw new AwsError('InvalidParameterValue', `Environment ${name} already exists.`)

  const platformChoices = [params.SolutionStackName, params.PlatformArn, params.TemplateName].filter(Boolean)
  if (platformChoices.length === 0) {
    // Real text unknown.
    throw new AwsError(
      'InvalidParameterCombination',
      'One of SolutionStackName, PlatformArn or TemplateName must be specified.'
    )
  }
  if (params.SolutionStackName && params.PlatformArn) {
    // Real text unknown.
    throw new AwsError(
      'InvalidParameterCombination',
      'You cannot specify both SolutionStackName and PlatformArn.'
    )
  }
  const template = params.TemplateName
    ? core.state.templatesOf(applicationName).get(params.TemplateName)
    : undefined
  if (params.TemplateName && !template) {
    // Real text unknown (modelled on "No Application Version named …").
    throw new AwsError(
      'InvalidParameterValue',
      `No Configuration Template named '${params.TemplateName}' found.`
    )
  }
  requireSolutionStack(core, params.SolutionStackName)
  const settings = optionSettings(params)
  const toRemove = optionSpecifiers(params)
  validateOptionSettings([...settings, ...toRemove])
  if (params.VersionLabel) requireDeployableVersion(core, applicationName, params.VersionLabel)
  let cname: string
  if (params.CNAMEPrefix) {
    checkLength('CNAMEPrefix', params.CNAMEPrefix, 4, 63)
    cname = fullCname(core, params.CNAMEPrefix)
    if (cnameTaken(core, cname))
      // docs/stand-in.md, AWS texts.
      throw new AwsError('InvalidParameterValue', `DNS name (${cname}) is not available.`)
  } else {
    // Beanstalk's generated form: <environment>.eba-<8 random>.<region>.elasticbeanstalk.com
    cname = fullCname(core, `${name}.eba-${randomSuffix(8)}`)
  }
  const tier = queryStruct(params, 'Tier')
  const now = new Date()
  const environment: Environment = {
    id: `e-${randomSuffix(10)}`,
    name,
    arn: arn(core, `environment/${applicationName}/${name}`),
    applicationName,
    description: params.Description,
    versionLabel: params.VersionLabel,
    solutionStackName:
      params.SolutionStackName ??
      template?.solutionStackName ??
      (params.PlatformArn ? undefined : core.options.solutionStackName),
    platformArn: params.PlatformArn ?? template?.platformArn,
    templateName: params.TemplateName,
    realCname: cname,
    status: 'Launching',
    health: 'Grey',
    healthStatus: 'Pending',
    causes: [],
    healthRefreshedAt: new Date(),
    abortable: false,
    optionSettings: withInstanceTypes(
      removeOptions(mergeOptionSettings(template?.optionSettings ?? [], settings), toRemove)
    ),
    tags: tags(params),
    tier: {
      Name: tier?.Name ?? 'WebServer',
      Type: tier?.Type ?? 'Standard',
      Version: tier?.Version ?? '1.0'
    },
    instanceId: randomInstanceId(),
    created: now,
    updated: now
  }
  core.state.environments.push(environment)
  core.lifecycle.launch(environment, requestId)
  return describe(core, environment)
}

export const updateEnvironment: Handler = async (core, params, requestId) => {
  const environment = requireLiveEnvironment(core, params)
  if (environment.status !== 'Ready' || core.lifecycle.isBusy(environment.id))
    throw invalidState(environment, 'Ready')
  const { VersionLabel: versionLabel, TemplateName: templateName } = params
  if (versionLabel) requireDeployableVersion(core, environment.applicationName, versionLabel)
  const settings = optionSettings(params)
  const toRemove = optionSpecifiers(params)
  validateOptionSettings([...settings, ...toRemove])
  const template = templateName
    ? core.state.templatesOf(environment.applicationName).get(templateName)
    : undefined
  if (templateName && !template) {
    // Real text unknown (modelled on "No Application Version named …").
    throw new AwsError('InvalidParameterValue', `No Configuration Template named '${templateName}' found.`)
  }
  checkLength('Description', params.Description, 0, 200)
  if (params.Description !== undefined) environment.description = params.Description
  if (template) environment.templateName = template.name
  environment.optionSettings = removeOptions(
    mergeOptionSettings(environment.optionSettings, template?.optionSettings ?? [], settings),
    toRemove
  )
  core.lifecycle.update(environment, versionLabel, requestId)
  return describe(core, environment)
}

export const terminateEnvironment: Handler = async (core, params, requestId) => {
  const environment = requireLiveEnvironment(core, params)
  const force = queryBoolean(params, 'ForceTerminate') === true
  if (environment.status === 'Terminating' || (!force && environment.status !== 'Ready')) {
    throw invalidState(environment, 'Ready')
  }
  core.lifecycle.terminate(environment, requestId)
  return describe(core, environment)
}

export const abortEnvironmentUpdate: Handler = async (core, params, requestId) => {
  const environment = requireLiveEnvironment(core, params)
  if (!core.lifecycle.abort(environment, requestId)) throw invalidState(environment, 'pending deployment')
  return undefined
}

/** Drops terminated environments older than the retention, as Beanstalk forgets them after about an hour. */
function forgetOldTerminated(core: ServiceCore): void {
  const cutoff = Date.now() - core.options.terminatedRetentionMs
  const keep = core.state.environments.filter(
    environment => !environment.terminatedAt || environment.terminatedAt.getTime() >= cutoff
  )
  core.state.environments.splice(0, core.state.environments.length, ...keep)
}

export const describeEnvironments: Handler = async (core, params) => {
  forgetOldTerminated(core)
  const ids = queryList(params, 'EnvironmentIds')
  const names = queryList(params, 'EnvironmentNames')
  const includeDeleted = queryBoolean(params, 'IncludeDeleted') !== false
  const deletedBackTo = timestamp(params, 'IncludedDeletedBackTo')
  const environments = core.state.environments.filter(
    environment =>
      (!params.ApplicationName || environment.applicationName === params.ApplicationName) &&
      (!params.VersionLabel || environment.versionLabel === params.VersionLabel) &&
      (ids.length === 0 || ids.includes(environment.id)) &&
      (names.length === 0 || names.includes(environment.name)) &&
      (!environment.terminatedAt ||
        (includeDeleted && (!deletedBackTo || environment.terminatedAt.getTime() >= deletedBackTo.getTime())))
  )
  const offset = params.NextToken ? Number(params.NextToken) : 0
  const pageSize = maxRecords(params) ?? environments.length
  const next = offset + pageSize < environments.length ? String(offset + pageSize) : undefined
  return {
    Environments: environments
      .slice(offset, offset + pageSize)
      .map(environment => describe(core, environment)),
    NextToken: next
  }
}

export const describeEvents: Handler = async (core, params) => {
  const { events, nextToken } = core.events.query({
    applicationName: params.ApplicationName,
    environmentName:
      params.EnvironmentName ??
      core.state.environments.find(environment => environment.id === params.EnvironmentId)?.name,
    versionLabel: params.VersionLabel,
    templateName: params.TemplateName,
    requestId: params.RequestId,
    severity: severity(params),
    startTime: timestamp(params, 'StartTime'),
    endTime: timestamp(params, 'EndTime'),
    maxRecords: maxRecords(params),
    nextToken: params.NextToken
  })
  return { Events: events.map(eventDescription), NextToken: nextToken }
}

const HEALTH_ATTRIBUTES = [
  'Status',
  'Color',
  'Causes',
  'ApplicationMetrics',
  'InstancesHealth',
  'All',
  'HealthStatus',
  'RefreshedAt'
]

export const describeEnvironmentHealth: Handler = async (core, params) => {
  const environment = requireLiveEnvironment(core, params)
  // Environments created through the API have basic health unless SystemType says enhanced ("To maintain
  // backward compatibility, enhanced health reporting is not enabled by default when you create an
  // environment using the Elastic Beanstalk API", developer guide); basic health answers this error
  // (docs/stand-in.md, AWS texts).
  if (optionValue(environment.optionSettings, HEALTH_REPORTING_NAMESPACE, 'SystemType') !== 'enhanced')
    throw new AwsError('InvalidRequestException', 'DescribeEnvironmentHealth is not supported.')
  const requested = queryList(params, 'AttributeNames')
  const unknown = requested.find(attribute => !HEALTH_ATTRIBUTES.includes(attribute))
  // Real text unknown.
  if (unknown) throw new AwsError('InvalidRequestException', `Invalid attribute name: ${unknown}`)
  const wants = (attribute: string): boolean =>
    requested.length === 0 || requested.includes('All') || requested.includes(attribute)
  const instanceCounts = {
    NoData: 0,
    Unknown: 0,
    Pending: 0,
    Ok: 0,
    Info: 0,
    Warning: 0,
    Degraded: 0,
    Severe: 0
  }
  instanceCounts[environment.healthStatus] = 1
  return {
    EnvironmentName: environment.name,
    HealthStatus: wants('HealthStatus') ? environment.healthStatus : undefined,
    Status: wants('Status') ? environment.status : undefined,
    Color: wants('Color') ? environment.health : undefined,
    Causes: wants('Causes') ? environment.causes : undefined,
    InstancesHealth: wants('InstancesHealth') ? instanceCounts : undefined,
    RefreshedAt: wants('RefreshedAt') ? environment.healthRefreshedAt : undefined
  }
}

function taggedResource(core: ServiceCore, resourceArn: string): { tags: Tag[] } {
  const resource =
    core.state.environments.find(
      environment => environment.arn === resourceArn && environment.status !== 'Terminated'
    ) ??
    [...core.state.applications.values()].find(application => application.arn === resourceArn) ??
    [...core.state.versions.values()]
      .flatMap(versions => [...versions.values()])
      .find(version => version.arn === resourceArn)
  if (!resource)
    // Real text unknown.
    throw new AwsError('ResourceNotFoundException', `Resource with ARN ${resourceArn} was not found.`)
  return resource
}

export const listTagsForResource: Handler = async (core, params) => {
  const resourceArn = required(params, 'ResourceArn')
  return {
    ResourceArn: resourceArn,
    ResourceTags: taggedResource(core, resourceArn).tags.map(tag => ({ Key: tag.Key, Value: tag.Value }))
  }
}

export const updateTagsForResource: Handler = async (core, params) => {
  const resource = taggedResource(core, required(params, 'ResourceArn'))
  const toRemove = queryList(params, 'TagsToRemove')
  const toAdd = tags(params, 'TagsToAdd')
  const kept = resource.tags.filter(
    tag => !toRemove.includes(tag.Key) && !toAdd.some(added => added.Key === tag.Key)
  )
  resource.tags.splice(0, resource.tags.length, ...kept, ...toAdd)
  return undefined
}
