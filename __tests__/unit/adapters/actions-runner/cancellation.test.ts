// A cancelled job (the runner's SIGINT, then SIGTERM): the entry point stops
// what the run tracks, then exits with the signal's code; with nothing to stop
// the signal takes its default course. The signal cases run in a child
// process, through the same handlers src/index.ts installs.

import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { RunCancellation } from '../../../../src/adapters/actions-runner/cancellation.js'

const ROOT = path.resolve(import.meta.dirname, '../../../..')

describe('RunCancellation', () => {
  it('stops what it tracks, together, and no longer what was untracked', async () => {
    const cancellation = new RunCancellation()
    const stopped: string[] = []
    cancellation.track({ stop: async () => void stopped.push('smoke') })
    const untrack = cancellation.track({ stop: async () => void stopped.push('gone') })
    untrack()
    expect(cancellation.tracking).toBe(true)
    await cancellation.cancel()
    expect(stopped).toEqual(['smoke'])
  })

  it('a stop that fails does not keep the others from stopping; a second cancel waits for the first', async () => {
    const cancellation = new RunCancellation()
    const stopped: string[] = []
    let finish = (): void => undefined
    cancellation.track({ stop: () => Promise.reject(new Error('docker is gone')) })
    cancellation.track({
      stop: () =>
        new Promise<void>(resolve => {
          finish = () => {
            stopped.push('slow')
            resolve()
          }
        })
    })
    const first = cancellation.cancel()
    let secondDone = false
    const second = cancellation.cancel().then(() => (secondDone = true))
    await new Promise(resolve => setImmediate(resolve))
    expect(secondDone).toBe(false)
    expect(cancellation.tracking).toBe(true)
    finish()
    await Promise.all([first, second])
    expect(stopped).toEqual(['slow'])
  })

  it('has nothing to stop when nothing was tracked', () => {
    expect(new RunCancellation().tracking).toBe(false)
  })
})

/** Runs a script against src/main.ts's exitOnSignals in a child, sends it `signal` once it is ready. */
async function signalled(
  signal: NodeJS.Signals,
  tracked: boolean
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stopped: string; stdout: string }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'bdd-cancel-'))
  const marker = path.join(folder, 'stopped')
  const script = `
    import { writeFile } from 'node:fs/promises'
    import { RunCancellation } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/adapters/actions-runner/cancellation.ts')).href)}
    import { exitOnSignals } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/main.ts')).href)}
    const cancellation = new RunCancellation()
    exitOnSignals(cancellation)
    if (${tracked}) cancellation.track({ stop: () => writeFile(${JSON.stringify(marker)}, 'removed') })
    setInterval(() => undefined, 1000)
    console.log('ready')
  `
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
          '--input-type=module',
          '-e',
          script
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
      )
      let stdout = ''
      let sent = false
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        // Once: a second SIGINT would find its handler gone (once()), as on the runner.
        if (!sent && stdout.includes('ready\n')) sent = child.kill(signal)
      })
      child.on('error', reject)
      child.on('close', (code, received) => {
        void readFile(marker, 'utf8')
          .catch(() => '')
          .then(stopped => resolve({ code, signal: received, stopped, stdout }))
      })
    })
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

describe('exitOnSignals (the entry point)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    '%s: stops what the run tracks, then exits with %i',
    async (signal, code) => {
      const result = await signalled(signal, true)
      expect(result).toMatchObject({ code, stopped: 'removed' })
      expect(result.stdout).toContain(`${signal} received: stopping what the run started`)
    },
    60_000
  )

  it('with nothing to stop, the signal takes its default course', async () => {
    const result = await signalled('SIGTERM', false)
    expect(result).toMatchObject({ code: null, signal: 'SIGTERM', stopped: '' })
  }, 60_000)
})
