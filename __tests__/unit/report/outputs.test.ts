// The step outputs: `environment-health` (the name AWS's own Beanstalk action uses) carries the value of `health`
// in every mode that reports health, and only there.

import { describe, expect, it, jest } from '@jest/globals'

import { actionsCore } from '../../integration/helpers/actions-core.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { OUTPUTS_OF, writeOutputs } = await import('../../../src/report/outputs.js')

describe('writeOutputs', () => {
  it.each(['deploy', 'preview', 'rollback'] as const)('%s: environment-health is health', mode => {
    actionsCore.step({})
    writeOutputs(mode, { health: 'Red', 'environment-name': 'puppies-production' })
    expect(actionsCore.outputs).toMatchObject({ health: 'Red', 'environment-health': 'Red' })
  })

  it('a run that has no health yet writes neither', () => {
    actionsCore.step({})
    writeOutputs('deploy', { 'version-label': 'sha-0123456789ab' })
    expect(actionsCore.outputs).toEqual({ 'version-label': 'sha-0123456789ab' })
  })

  it('modes without health (plan, preview-close, cleanup) do not declare environment-health', () => {
    for (const mode of ['plan', 'preview-close', 'cleanup'] as const)
      expect(OUTPUTS_OF[mode] as readonly string[]).not.toContain('environment-health')
  })
})
