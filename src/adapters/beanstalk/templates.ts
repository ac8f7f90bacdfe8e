// Saved configurations (configuration templates): a preview environment is
// created from a copy of its base environment's settings, and the copy is
// deleted with the preview. Whether a template exists is read from
// DescribeApplications, not guessed from an error.

import {
  CreateConfigurationTemplateCommand,
  DeleteConfigurationTemplateCommand,
  DescribeApplicationsCommand
} from '@aws-sdk/client-elastic-beanstalk'

import type { BeanstalkApi } from './environments.js'

export interface TemplateInput {
  application: string
  templateName: string
  /** The environment whose configuration is saved. */
  environmentId: string
  description: string
}

async function templateExists(beanstalk: BeanstalkApi, application: string, templateName: string) {
  const { Applications = [] } = await beanstalk.send(
    new DescribeApplicationsCommand({ ApplicationNames: [application] })
  )
  return Applications.some(candidate => candidate.ConfigurationTemplates?.includes(templateName) === true)
}

/** Saves the environment's configuration as the template, replacing one of that name left by an earlier run. */
export async function saveEnvironmentAsTemplate(
  beanstalk: BeanstalkApi,
  input: TemplateInput
): Promise<void> {
  await deleteTemplate(beanstalk, input.application, input.templateName)
  await beanstalk.send(
    new CreateConfigurationTemplateCommand({
      ApplicationName: input.application,
      TemplateName: input.templateName,
      EnvironmentId: input.environmentId,
      Description: input.description
    })
  )
}

/** Deletes the template when it exists; false when there was none. */
export async function deleteTemplate(
  beanstalk: BeanstalkApi,
  application: string,
  templateName: string
): Promise<boolean> {
  if (!(await templateExists(beanstalk, application, templateName))) return false
  await beanstalk.send(
    new DeleteConfigurationTemplateCommand({ ApplicationName: application, TemplateName: templateName })
  )
  return true
}
