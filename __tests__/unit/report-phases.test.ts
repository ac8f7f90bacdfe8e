// The log's shape: each phase in a group with one line outside it, its
// seconds for the summary, and the first failed phase remembered for the
// failure summary.

import { describe, expect, it, jest } from '@jest/globals'

import { actionsCore } from '../integration/helpers/actions-core.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { PhaseLog } = await import('../../src/report/phases.js')

describe('PhaseLog', () => {
  it('groups each phase and prints its one-line result outside the group', async () => {
    actionsCore.step({})
    const phases = new PhaseLog()
    const value = await phases.run(
      'bundle',
      async () => {
        actionsCore.module.info('inside')
        return 925
      },
      { done: bytes => `${bytes} bytes` }
    )
    expect(value).toBe(925)
    expect(actionsCore.lines).toEqual([
      '::group::Bundle',
      'inside',
      '::endgroup::',
      expect.stringMatching(/^✓ Bundle: 925 bytes \(\d+\.\d s\)$/)
    ])
    expect(phases.entries.map(([name]) => name)).toEqual(['bundle'])
  })

  it('closes the group of a failed phase, says so outside it, and remembers the first failure', async () => {
    actionsCore.step({})
    const phases = new PhaseLog()
    await expect(
      phases.run('build and push', async () => Promise.reject(new Error('Build of web failed')), {
        group: false
      })
    ).rejects.toThrow('Build of web failed')
    await expect(phases.run('bundle', async () => Promise.reject(new Error('later')))).rejects.toThrow()
    expect(phases.failed).toEqual({ phase: 'build and push', message: 'Build of web failed' })
    expect(actionsCore.lines[0]).toMatch(/^✗ Build and push failed after \d+\.\d s$/)
    expect(actionsCore.lines.slice(1, 3)).toEqual(['::group::Bundle', '::endgroup::'])
  })

  it('gives a phase that ran inside another its own row (the smoke test inside build and push)', () => {
    const phases = new PhaseLog()
    phases.entries.push(['resolve', 1], ['build and push', 50])
    phases.carveOut('smoke test', 20, 'build and push')
    expect(phases.entries).toEqual([
      ['resolve', 1],
      ['build and push', 30],
      ['smoke test', 20]
    ])
  })
})
