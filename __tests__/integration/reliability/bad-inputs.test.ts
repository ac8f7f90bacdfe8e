// Bad inputs through dist/index.js, as the runner runs it: each must fail with
// exactly one actionable `::error::` line naming the input (or the compose
// service / file), a non-zero exit, and no AWS side effect: the stand-in saw
// only reads, and no version, bundle, repository, environment change or
// registry upload exists after the run. The table is in cases.ts.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { BAD_INPUTS, type BadInputCase } from './cases.js'
import { footprint, startStage, writeCalls, type Footprint, type Stage } from './harness.js'
import { describeIn, dockerEngine } from '../helpers/docker.js'

// The stage's environments run on Docker, as a valid deploy of the baseline would.
const describe = describeIn(dockerEngine)

const APPLICATION = 'rel-inputs'
const ENVIRONMENT = 'rel-input'

// The table itself is checked when the suite is collected: a short or ambiguous table fails the
// suite instead of adding a passing test to the count.
const caseNames = new Set(BAD_INPUTS.map(entry => entry.name))
if (BAD_INPUTS.length < 40 || caseNames.size !== BAD_INPUTS.length) {
  throw new Error(
    `cases.ts must hold at least 40 bad inputs with distinct names; it holds ${BAD_INPUTS.length} (${caseNames.size} names)`
  )
}

describe('bad inputs fail with one line and no AWS side effect', () => {
  let stage: Stage

  beforeAll(async () => {
    stage = await startStage({ application: APPLICATION, environments: [ENVIRONMENT] })
  }, 60_000)

  afterAll(async () => {
    await stage?.stop()
  }, 60_000)

  it.each(BAD_INPUTS.map(entry => [entry.name, entry] as const))(
    '%s',
    async (_name: string, entry: BadInputCase) => {
      const before: Footprint = await footprint(stage.standIn)
      const callsBefore = stage.standIn.calls.length
      const inputs = withChanges(stage.inputs(ENVIRONMENT), entry.inputs)
      const env = withChanges(stage.env, entry.env ?? {})
      const run = await stage.run(inputs, env)

      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(entry.error)
      expect(run.status).not.toBe(0)
      expect(writeCalls(stage.standIn, callsBefore)).toEqual([])
      expect(await footprint(stage.standIn)).toEqual(before)
    },
    60_000
  )
})

function withChanges(
  base: Record<string, string>,
  changes: Record<string, string | undefined>
): Record<string, string> {
  const result = { ...base }
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete result[name]
    else result[name] = value
  }
  return result
}
