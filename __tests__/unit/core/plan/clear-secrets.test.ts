// Secret-looking values written in clear: one warning per variable, naming every container and source once.

import { describe, expect, it } from '@jest/globals'
import { clearSecretWarnings } from '../../../../src/core/plan/clear-secrets.js'

describe('clearSecretWarnings', () => {
  it('groups by variable, each container and source once, in first-seen order', () => {
    expect(
      clearSecretWarnings([
        { container: 'web', variable: 'API_KEY', source: 'env_file' },
        { container: 'worker', variable: 'API_KEY', source: '.env' },
        { container: 'web', variable: 'API_KEY', source: 'env_file' },
        { container: 'web', variable: 'TOKEN', source: 'compose file' }
      ])
    ).toEqual([
      'API_KEY is written in clear into the bundle in S3 (web, worker; from the env_file and the .env): pass it by reference with the secrets input (API_KEY=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write API_KEY: ${API_KEY} in the compose file',
      'TOKEN is written in clear into the bundle in S3 (web; from the compose file): pass it by reference with the secrets input (TOKEN=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write TOKEN: ${TOKEN} in the compose file'
    ])
  })

  it('says nothing when nothing is in clear', () => {
    expect(clearSecretWarnings([])).toEqual([])
  })
})
