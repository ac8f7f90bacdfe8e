import { describe, expect, it } from '@jest/globals'

import { createCommandRunner, TIMED_OUT_EXIT_CODE } from '../../../../src/adapters/docker/command-runner.js'

describe('createCommandRunner with timeoutMs', () => {
  it('ends a command that runs past its time and says so in the exit code', async () => {
    const started = Date.now()
    const result = await createCommandRunner()('sleep', ['30'], { timeoutMs: 200 })
    expect(result.exitCode).toBe(TIMED_OUT_EXIT_CODE)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('returns the output and exit code of a command that ends in time', async () => {
    const result = await createCommandRunner({ GREETING: 'hello' })(
      'sh',
      ['-c', 'read line; echo "$GREETING $line"; echo oops >&2; exit 3'],
      { timeoutMs: 10_000, input: Buffer.from('world\n') }
    )
    expect(result).toEqual({ exitCode: 3, stdout: 'hello world\n', stderr: 'oops\n' })
  })
})
