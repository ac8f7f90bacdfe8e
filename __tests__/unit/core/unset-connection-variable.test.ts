// Trial D5: `REDIS_URL: ${REDIS_URL}` with the git-ignored .env absent (a real checkout). The cache is
// replaced and REDIS_URL is the action's cache-env: it is set to the managed URL, not left for the user to type.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import { configFor } from './support.js'
import { composeIn } from './workspace-fake.js'

const inputs = {
  database: 'app-db',
  cache: 'app-cache',
  'execution-role-arn': 'arn:aws:iam::123456789012:role/exec'
}

describe('an unset ${VAR} whose name is how the app reaches a replaced service', () => {
  it.each([
    ['REDIS_URL: ${REDIS_URL}', 'REDIS_URL', 'cache'],
    ['REDIS_URL:', 'REDIS_URL', 'cache'],
    ['DATABASE_URL: ${DATABASE_URL}', 'DATABASE_URL', 'db']
  ])('%s is bound to the managed URL', (line, name, service) => {
    const plan = buildPlan(
      configFor(inputs),
      composeIn(
        `services:\n  web:\n    build: .\n    ports: ["80:3000"]\n    depends_on: [db, cache]\n    environment:\n      ${line}\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n`,
        { files: { 'compose.yaml': '', Dockerfile: 'FROM node\n' } }
      )
    )
    expect(plan.runtimeVariables.map(variable => variable.name)).not.toContain(name)
    expect(plan.notes).toContain(
      `web: ${name} is \${${name}} with no value here (a .env the checkout does not have?); it is how the app reaches ${service}, which ${service === 'db' ? 'RDS' : 'ElastiCache'} replaces, so it is set to that URL at deploy`
    )
  })
})
