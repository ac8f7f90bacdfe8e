// The log's shape: each phase in a group with one line outside it, its
// seconds for the summary, and the first failed phase remembered for the
// failure summary.

import { describe, expect, it, jest } from '@jest/globals'

import { actionsCore } from '../../integration/helpers/actions-core.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { PhaseLog } = await import('../../../src/report/phases.js')

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

  it('keeps the lines of a phase running beside others and prints its group once no other is open', async () => {
    actionsCore.step({})
    const phases = new PhaseLog()
    let release: () => void = () => undefined
    const beside = phases.run(
      'smoke test',
      async log => {
        log.info('smoke line')
        await new Promise<void>(resolve => (release = resolve))
        return 'GET / answered 200'
      },
      { collect: true, done: detail => `passed: ${detail}` }
    )
    await phases.run('application version', async log => {
      log.info('version line')
      // The smoke test ends while this phase's group is open: its group waits for this one to close.
      release()
      await beside
    })
    expect(actionsCore.lines).toEqual([
      '::group::Application version',
      'version line',
      '::endgroup::',
      expect.stringMatching(/^✓ Application version \(\d+\.\d s\)$/),
      '::group::Smoke test',
      'smoke line',
      '::endgroup::',
      expect.stringMatching(/^✓ Smoke test: passed: GET \/ answered 200 \(\d+\.\d s\)$/)
    ])
    expect(phases.entries.map(([name]) => name)).toEqual(['smoke test', 'application version'])
  })

  it('prints a failed phase beside others with its lines and remembers the failure', async () => {
    actionsCore.step({})
    const phases = new PhaseLog()
    await expect(
      phases.run(
        'smoke test',
        async log => {
          log.info('container web exited')
          throw new Error('Smoke test failed: container web exited with code 3')
        },
        { collect: true }
      )
    ).rejects.toThrow('container web exited')
    expect(actionsCore.lines.slice(0, 3)).toEqual([
      '::group::Smoke test',
      'container web exited',
      '::endgroup::'
    ])
    expect(actionsCore.lines[3]).toMatch(/^✗ Smoke test failed after \d+\.\d s$/)
    expect(phases.failed?.phase).toBe('smoke test')
  })

  it('a phase that returns a failure (one environment of several failed) gets the failure mark, never ✓', async () => {
    actionsCore.step({})
    const phases = new PhaseLog()
    const outcomes = [
      { name: 'hello-production', ok: false },
      { name: 'hello-worker', ok: true }
    ]
    await phases.run('deploy and wait', async () => outcomes, {
      title: 'Deploy and wait: hello-production, hello-worker',
      done: results =>
        results.map(result => `${result.name} ${result.ok ? 'is Green' : 'failed'}`).join('; '),
      failed: results => results.some(result => !result.ok)
    })
    expect(actionsCore.lines.at(-1)).toMatch(
      /^✗ Deploy and wait: hello-production failed; hello-worker is Green \(\d+\.\d s\)$/
    )
    expect(phases.failed).toEqual({
      phase: 'deploy and wait',
      message: 'hello-production failed; hello-worker is Green'
    })

    await phases.run('cleanup', async () => [{ ok: true }], { failed: results => results.some(r => !r.ok) })
    expect(actionsCore.lines.at(-1)).toMatch(/^✓ Cleanup \(\d+\.\d s\)$/)
  })
})
