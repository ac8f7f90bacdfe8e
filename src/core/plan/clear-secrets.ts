// Secret-looking values the compose file, `.env` or an env_file write in
// clear: they go into the bundle in S3 as given. Each is a warning on the
// run's page and a row of the job summary, with the two ways to pass it
// instead: by reference (the secrets input), or as an environment property of
// the Beanstalk environment, which stays out of the bundle — and can itself
// be a Secrets Manager or Parameter Store reference on platform versions
// from 26 March 2025:
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/AWSHowTo.secrets.env-vars.html

import type { ClearSecret } from './types.js'

/** The two ways to pass a secret instead, for a warning or a summary cell. */
export function secretAdvice(variable: string): string {
  return `pass it by reference with the secrets input (${variable}=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write ${variable}: \${${variable}} in the compose file`
}

/** Variable → the containers and sources that write it in clear, in first-seen order. */
export function groupClearSecrets(
  secrets: readonly ClearSecret[]
): Map<string, { containers: string[]; sources: string[] }> {
  const grouped = new Map<string, { containers: string[]; sources: string[] }>()
  for (const secret of secrets) {
    const entry = grouped.get(secret.variable) ?? { containers: [], sources: [] }
    if (!entry.containers.includes(secret.container)) entry.containers.push(secret.container)
    if (!entry.sources.includes(secret.source)) entry.sources.push(secret.source)
    grouped.set(secret.variable, entry)
  }
  return grouped
}

export function clearSecretWarnings(secrets: readonly ClearSecret[]): string[] {
  return [...groupClearSecrets(secrets)].map(
    ([variable, { containers, sources }]) =>
      `${variable} is written in clear into the bundle in S3 (${containers.join(', ')}; from the ${sources.join(' and the ')}): ${secretAdvice(variable)}`
  )
}
