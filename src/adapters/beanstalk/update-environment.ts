// UpdateEnvironment(VersionLabel, OptionSettings), waiting out what makes it fail for a
// moment. Beanstalk refuses both "another operation is running" and "no such
// version (yet)" with the same InvalidParameterValue code, so the cause is
// read from the state, not from the message: an environment that is not Ready
// is waited for; a version the versions API does not list yet (created a
// moment ago) is asked for again a few times with a short backoff.

import { UpdateEnvironmentCommand, type ConfigurationOptionSetting } from '@aws-sdk/client-elastic-beanstalk'

import { Backoff } from '../clock.js'
import { AwsErrorCode, isAwsError } from '../aws-errors.js'
import {
  describeEnvironment,
  waitForReady,
  type BeanstalkApi,
  type UpdateResult,
  type WaitForReadyOptions
} from './environments.js'
import { describeVersion } from './versions.js'

const MISSING_VERSION_RETRIES = 5

export async function updateEnvironmentVersion(
  beanstalk: BeanstalkApi,
  options: WaitForReadyOptions & {
    versionLabel: string
    optionSettings?: readonly ConfigurationOptionSetting[]
  }
): Promise<UpdateResult> {
  let missingVersionRetries = 0
  const missingBackoff = new Backoff(options.pollMs?.first ?? 1_000, options.pollMs?.max ?? 8_000, 2)
  for (;;) {
    const before = options.clock.now()
    try {
      const answer = await beanstalk.send(
        new UpdateEnvironmentCommand({
          ApplicationName: options.application,
          EnvironmentName: options.environmentName,
          VersionLabel: options.versionLabel,
          // The workflow's settings with the version, in one update (and one restart), as AWS's own action does.
          ...(options.optionSettings?.length && { OptionSettings: [...options.optionSettings] })
        })
      )
      const { $metadata, ...environment } = answer
      return {
        environment,
        since: environment.DateUpdated ?? new Date(before),
        ...($metadata.requestId !== undefined && { requestId: $metadata.requestId })
      }
    } catch (error) {
      if (!isAwsError(error, AwsErrorCode.invalidParameterValue) || options.clock.now() >= options.deadline) {
        throw error
      }
      const environment = await describeEnvironment(beanstalk, options.application, options.environmentName)
      if (environment && environment.Status !== 'Ready' && environment.Status !== 'Terminated') {
        options.log.info(
          `UpdateEnvironment raced with another operation on ${options.environmentName}; waiting for Ready…`
        )
        await waitForReady(beanstalk, options)
        continue
      }
      const missing =
        (await describeVersion(beanstalk, options.application, options.versionLabel)) === undefined
      if (missing && missingVersionRetries < MISSING_VERSION_RETRIES) {
        missingVersionRetries++
        await options.clock.sleep(missingBackoff.next())
        continue
      }
      throw error
    }
  }
}
