// Storage location, applications, application versions, configuration
// templates and configuration settings.

import { AwsError } from '../../errors.js'
import { queryBoolean, queryList, queryStruct } from '../../protocols/query.js'
import { fetchBundle, processingProblem } from './bundle.js'
import {
  type Handler,
  type ServiceCore,
  arn,
  requireApplication,
  requireSolutionStack,
  solutionStacks
} from './core.js'
import type { Application, ApplicationVersion, ConfigurationTemplate } from './model.js'
import { mergeOptionSettings } from './model.js'
import { validateOptionSettings } from './options.js'
import { checkLength, maxRecords, optionSettings, required, tags } from './params.js'
import {
  applicationDescription,
  environmentSettingsDescription,
  templateDescription,
  versionDescription
} from './wire.js'

export const createStorageLocation: Handler = async core => {
  const bucket = `elasticbeanstalk-${core.ctx.region}-${core.ctx.accountId}`
  if (!(await core.ctx.s3.bucketExists(bucket))) await core.ctx.s3.createBucket(bucket)
  return { S3Bucket: bucket }
}

export function createApplicationRecord(core: ServiceCore, name: string, description?: string): Application {
  const now = new Date()
  const application: Application = {
    name,
    arn: arn(core, `application/${name}`),
    description,
    created: now,
    updated: now,
    tags: []
  }
  core.state.applications.set(name, application)
  return application
}

export const createApplication: Handler = async (core, params) => {
  const name = required(params, 'ApplicationName')
  checkLength('ApplicationName', name, 1, 100)
  checkLength('Description', params.Description, 0, 200)
  if (core.state.applications.has(name))
    // Beanstalk's text, same form as "Application Version <label> already exists." (docs/stand-in.md, AWS texts).
    throw new AwsError('InvalidParameterValue', `Application ${name} already exists.`)
  const application = createApplicationRecord(core, name, params.Description)
  application.tags.push(...tags(params))
  return { Application: applicationDescription(application, core.state) }
}

export const describeApplications: Handler = async (core, params) => {
  const names = queryList(params, 'ApplicationNames')
  const applications = [...core.state.applications.values()].filter(
    application => names.length === 0 || names.includes(application.name)
  )
  return { Applications: applications.map(application => applicationDescription(application, core.state)) }
}

/**
 * Moves a version PROCESSING → PROCESSED / FAILED after a transition, as
 * Beanstalk's processing does: it checks the bundle unzips and its
 * .ebextensions / env.yaml parse — not the Dockerrun, which a deploy reads.
 */
function processVersion(core: ServiceCore, version: ApplicationVersion): void {
  const delay = core.options.transitionMs * (core.faults.slowTransitions ?? 1)
  const timer = setTimeout(() => {
    core.timers.delete(timer)
    const forcedFailure = core.faults.failProcessing === true
    if (forcedFailure) core.faults.failProcessing = false
    fetchBundle(core.ctx.s3, version.bucket, version.key)
      .then(bundle => {
        const problem = bundle.ok ? processingProblem(bundle.files) : bundle.reason
        if (problem) core.ctx.log(`beanstalk: version ${version.label} failed processing: ${problem}`)
        version.status = !forcedFailure && !problem ? 'PROCESSED' : 'FAILED'
      })
      .catch(error => {
        core.ctx.log(`beanstalk: processing ${version.label} failed: ${(error as Error).message}`)
        version.status = 'FAILED'
      })
      .finally(() => {
        version.updated = new Date()
        // The EB CLI waits for this event (appversion.finished … PROCESSED. / … FAILED.); the words between the
        // label and the status are the stand-in's (real text not published).
        core.events.add({
          severity: version.status === 'FAILED' ? 'ERROR' : 'INFO',
          message: `Finished processing application version ${version.label} with status ${version.status}.`,
          applicationName: version.applicationName,
          versionLabel: version.label
        })
      })
  }, delay)
  core.timers.add(timer)
}

export const createApplicationVersion: Handler = async (core, params) => {
  const applicationName = required(params, 'ApplicationName')
  const label = required(params, 'VersionLabel')
  checkLength('ApplicationName', applicationName, 1, 100)
  checkLength('VersionLabel', label, 1, 100)
  checkLength('Description', params.Description, 0, 200)
  if (!core.state.applications.has(applicationName)) {
    if (queryBoolean(params, 'AutoCreateApplication') === true) createApplicationRecord(core, applicationName)
    else requireApplication(core, applicationName)
  }
  const versions = core.state.versionsOf(applicationName)
  const refuseIfTaken = (): void => {
    if (versions.has(label))
      // docs/stand-in.md, AWS texts.
      throw new AwsError('InvalidParameterValue', `Application Version ${label} already exists.`)
    if (core.state.versionCount() >= core.options.maxApplicationVersions) {
      // Code from docs/stand-in.md, AWS texts; real text unknown.
      throw new AwsError(
        'TooManyApplicationVersionsException',
        `You cannot have more than ${core.options.maxApplicationVersions} Application Versions.`
      )
    }
  }
  refuseIfTaken()
  const source = queryStruct(params, 'SourceBundle')
  const bucket = source?.S3Bucket
  const key = source?.S3Key
  if (!bucket || !key)
    // Query APIs' common MissingParameter text (AWS common errors).
    throw new AwsError('MissingParameter', 'The request must contain the parameter SourceBundle')
  if (!(await core.ctx.s3.getObject(bucket, key))) {
    // docs/stand-in.md, AWS texts.
    throw new AwsError(
      'InvalidParameterCombination',
      `Unable to download from S3 location (Bucket: ${bucket}  Key: ${key}). Reason: Not Found`
    )
  }
  // Asked again after the await: of concurrent requests for one label, exactly one creates it.
  refuseIfTaken()
  const now = new Date()
  const process = queryBoolean(params, 'Process') === true
  const version: ApplicationVersion = {
    applicationName,
    label,
    arn: arn(core, `applicationversion/${applicationName}/${label}`),
    description: params.Description,
    bucket,
    key,
    status: process ? 'PROCESSING' : 'UNPROCESSED',
    created: now,
    updated: now,
    tags: tags(params)
  }
  versions.set(label, version)
  if (process) processVersion(core, version)
  await applyVersionLifecycle(core, applicationName)
  return { ApplicationVersion: versionDescription(version) }
}

/**
 * The application's version lifecycle policy, applied "each time you create a new application version"; it
 * does not delete versions an environment uses
 * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/applications-lifecycle.html). The stand-in models
 * MaxCountRule only: the oldest versions beyond MaxCount go, and their bundles too with DeleteSourceFromS3.
 * Versions being deployed, and the one an updating environment ran before, count as used.
 */
async function applyVersionLifecycle(core: ServiceCore, applicationName: string): Promise<void> {
  const rule = core.state.applications.get(applicationName)?.versionLifecycle
  if (!rule) return
  const versions = core.state.versionsOf(applicationName)
  const used = new Set<string>()
  for (const environment of core.state.environments) {
    if (environment.applicationName !== applicationName || environment.status === 'Terminated') continue
    if (environment.versionLabel) used.add(environment.versionLabel)
  }
  for (const { versionLabel } of core.lifecycle.deployingVersions()) used.add(versionLabel)
  for (const label of core.lifecycle.replacedVersions()) used.add(label)
  const oldestFirst = [...versions.values()].sort((a, b) => a.created.getTime() - b.created.getTime())
  let excess = versions.size - rule.maxCount
  for (const version of oldestFirst) {
    if (excess <= 0) break
    if (used.has(version.label) || version.status === 'PROCESSING') continue
    versions.delete(version.label)
    excess--
    core.ctx.log(`beanstalk: lifecycle policy of ${applicationName} deleted version ${version.label}`)
    if (rule.deleteSourceFromS3) await core.ctx.s3.deleteObject(version.bucket, version.key)
  }
}

export const updateApplicationResourceLifecycle: Handler = async (core, params) => {
  const applicationName = required(params, 'ApplicationName')
  const application = requireApplication(core, applicationName)
  const prefix = 'ResourceLifecycleConfig.VersionLifecycleConfig.MaxCountRule.'
  const enabled = params[`${prefix}Enabled`] === 'true'
  const maxCount = Number(params[`${prefix}MaxCount`] ?? '200')
  const serviceRole = params['ResourceLifecycleConfig.ServiceRole']
  application.versionLifecycle = enabled
    ? {
        maxCount,
        deleteSourceFromS3: params[`${prefix}DeleteSourceFromS3`] === 'true',
        ...(serviceRole !== undefined && { serviceRole })
      }
    : undefined
  return {
    ApplicationName: applicationName,
    ResourceLifecycleConfig: {
      ServiceRole: serviceRole,
      VersionLifecycleConfig: {
        MaxCountRule: {
          Enabled: enabled,
          MaxCount: maxCount,
          DeleteSourceFromS3: application.versionLifecycle?.deleteSourceFromS3 ?? false
        }
      }
    }
  }
}

export const describeApplicationVersions: Handler = async (core, params) => {
  const labels = queryList(params, 'VersionLabels')
  const applicationNames = params.ApplicationName ? [params.ApplicationName] : [...core.state.versions.keys()]
  const matching = applicationNames
    .flatMap(name => [...core.state.versionsOf(name).values()])
    .filter(version => labels.length === 0 || labels.includes(version.label))
    .sort((a, b) => b.created.getTime() - a.created.getTime())
  const offset = params.NextToken ? Number(params.NextToken) : 0
  const pageSize = maxRecords(params) ?? matching.length
  const page = matching.slice(offset, offset + pageSize)
  const next = offset + pageSize < matching.length ? String(offset + pageSize) : undefined
  return { ApplicationVersions: page.map(versionDescription), NextToken: next }
}

export const deleteApplicationVersion: Handler = async (core, params) => {
  const applicationName = required(params, 'ApplicationName')
  const label = required(params, 'VersionLabel')
  requireApplication(core, applicationName)
  const versions = core.state.versionsOf(applicationName)
  const version = versions.get(label)
  // docs/stand-in.md, AWS texts.
  if (!version) throw new AwsError('InvalidParameterValue', `No Application Version named '${label}' found.`)
  const applicationEnvironments = core.state.environments.filter(
    environment => environment.applicationName === applicationName && environment.status !== 'Terminated'
  )
  const deploying = core.lifecycle
    .deployingVersions()
    .some(
      ({ environmentId, versionLabel }) =>
        versionLabel === label &&
        applicationEnvironments.some(environment => environment.id === environmentId)
    )
  if (deploying || version.status === 'PROCESSING') {
    // docs/stand-in.md, AWS texts.
    throw new AwsError(
      'OperationInProgressFailure',
      `Unable to delete application version: ${label}. An operation is already in progress, please retry again shortly.`
    )
  }
  // An environment may run this version: AWS deletes it anyway (boto/boto3#891, hashicorp/terraform#5770),
  // and with DeleteSourceBundle the environment can no longer redeploy it.
  versions.delete(label)
  if (queryBoolean(params, 'DeleteSourceBundle') === true)
    await core.ctx.s3.deleteObject(version.bucket, version.key)
  return undefined
}

export const createConfigurationTemplate: Handler = async (core, params) => {
  const applicationName = required(params, 'ApplicationName')
  const templateName = required(params, 'TemplateName')
  checkLength('TemplateName', templateName, 1, 100)
  requireApplication(core, applicationName)
  const templates = core.state.templatesOf(applicationName)
  if (templates.has(templateName)) {
    // Real text unknown (modelled on the application's).
    throw new AwsError('InvalidParameterValue', `Configuration Template ${templateName} already exists.`)
  }
  let base: Pick<ConfigurationTemplate, 'solutionStackName' | 'platformArn' | 'optionSettings'> = {
    optionSettings: []
  }
  const source = queryStruct(params, 'SourceConfiguration')
  if (params.EnvironmentId) {
    const environment = core.state.environments.find(candidate => candidate.id === params.EnvironmentId)
    if (!environment || environment.status === 'Terminated') {
      // Beanstalk's text as in public reports ("No Environment found for EnvironmentId = 'e-…'.").
      throw new AwsError(
        'InvalidParameterValue',
        `No Environment found for EnvironmentId = '${params.EnvironmentId}'.`
      )
    }
    base = environment
  } else if (source?.TemplateName) {
    const sourceTemplate = core.state
      .templatesOf(source.ApplicationName ?? applicationName)
      .get(source.TemplateName)
    if (!sourceTemplate) {
      // Real text unknown (modelled on "No Application Version named …").
      throw new AwsError(
        'InvalidParameterValue',
        `No Configuration Template named '${source.TemplateName}' found.`
      )
    }
    base = sourceTemplate
  }
  requireSolutionStack(core, params.SolutionStackName)
  const settings = optionSettings(params)
  validateOptionSettings(settings)
  const now = new Date()
  const template: ConfigurationTemplate = {
    applicationName,
    name: templateName,
    description: params.Description,
    solutionStackName: params.SolutionStackName ?? base.solutionStackName,
    platformArn: params.PlatformArn ?? base.platformArn,
    optionSettings: mergeOptionSettings(base.optionSettings, settings),
    created: now,
    updated: now
  }
  templates.set(templateName, template)
  return templateDescription(template)
}

export const describeConfigurationSettings: Handler = async (core, params) => {
  const applicationName = required(params, 'ApplicationName')
  requireApplication(core, applicationName)
  if (params.TemplateName) {
    const template = core.state.templatesOf(applicationName).get(params.TemplateName)
    if (!template)
      // Real text unknown (modelled on "No Application Version named …").
      throw new AwsError(
        'InvalidParameterValue',
        `No Configuration Template named '${params.TemplateName}' found.`
      )
    return { ConfigurationSettings: [templateDescription(template)] }
  }
  const environment = core.state.environments.find(
    candidate =>
      candidate.applicationName === applicationName &&
      candidate.name === params.EnvironmentName &&
      candidate.status !== 'Terminated'
  )
  if (!environment) {
    // Beanstalk's text as in public reports.
    throw new AwsError(
      'InvalidParameterValue',
      `No Environment found for EnvironmentName = '${params.EnvironmentName ?? ''}'.`
    )
  }
  return { ConfigurationSettings: [environmentSettingsDescription(environment)] }
}

export const deleteConfigurationTemplate: Handler = async (core, params) => {
  const applicationName = required(params, 'ApplicationName')
  const templateName = required(params, 'TemplateName')
  requireApplication(core, applicationName)
  // Environments launched from a template keep their own copy of it, so deleting it never touches them.
  if (!core.state.templatesOf(applicationName).delete(templateName)) {
    // Real text unknown (modelled on "No Application Version named …").
    throw new AwsError('InvalidParameterValue', `No Configuration Template named '${templateName}' found.`)
  }
  return undefined
}

export const listAvailableSolutionStacks: Handler = async core => {
  const stacks = solutionStacks(core)
  return {
    SolutionStacks: stacks,
    SolutionStackDetails: stacks.map(name => ({
      SolutionStackName: name,
      PermittedFileTypes: ['zip', 'json']
    }))
  }
}
