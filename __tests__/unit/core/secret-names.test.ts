// Which variable names hold secrets (src/core/secret-names.ts): one rule for the plan diff, interpolation from the
// runner and build-arg warnings.

import { describe, expect, it } from '@jest/globals'
import { isRunnerCredential, looksSecret } from '../../../src/core/secret-names.js'

describe('looksSecret', () => {
  it.each([
    'DATABASE_PASSWORD',
    'DB_PASSWD',
    'DB_PASS',
    'DB_PWD',
    'POSTGRES_PW', // a new user's Flask app (2026-12-07)
    'PW',
    'GPG_PASSPHRASE',
    'SECRET_KEY_BASE',
    'API_KEY',
    'STRIPE_APIKEY',
    'AWS_ACCESS_KEY',
    'GITHUB_TOKEN',
    'PRIVATE_KEY_PEM',
    'GOOGLE_CREDENTIALS',
    'KEY',
    'REDIS_AUTH', // Langfuse's Redis password (2026-12-07): shipped in clear, unreported
    'BASIC_AUTH'
  ])('%s holds a secret', name => {
    expect(looksSecret(name)).toBe(true)
  })

  it.each([
    'PASSPORT_ENABLED',
    'KEYBOARD_LAYOUT',
    'MONKEY',
    'PWA_ENABLED',
    'UPW',
    'DB_HOST',
    'AUTH_URL',
    'GOOGLE_OAUTH',
    'AUTHOR'
  ])('%s does not', name => {
    expect(looksSecret(name)).toBe(false)
  })

  it('the runner’s own credentials and inputs are credentials; ordinary variables are not', () => {
    expect(isRunnerCredential('AWS_SESSION_TOKEN')).toBe(true)
    expect(isRunnerCredential('ACTIONS_RUNTIME_TOKEN')).toBe(true)
    expect(isRunnerCredential('INPUT_DATABASE')).toBe(true)
    expect(isRunnerCredential('GH_TOKEN')).toBe(true)
    expect(isRunnerCredential('GITHUB_SHA')).toBe(false)
    expect(isRunnerCredential('RAILS_ENV')).toBe(false)
  })
})
