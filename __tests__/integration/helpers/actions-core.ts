// An in-memory @actions/core for tests that call the action's run() in
// process, as actions/typescript-action's template does: mock the module with
//
//   jest.unstable_mockModule('@actions/core', () => actionsCore.module)
//   const { run } = await import('../../src/main.js')
//
// Inputs come from a map (not INPUT_* variables); outputs, failures, log
// lines, state and the job summary are kept for the test to read.

import { jest } from '@jest/globals'

class SummaryFake {
  private buffer: string[] = []
  /** Everything written so far, in order. */
  written = ''

  addHeading(text: string, level = 1): this {
    this.buffer.push(`<h${level}>${text}</h${level}>`)
    return this
  }
  addRaw(text: string, addEol = false): this {
    this.buffer.push(addEol ? `${text}\n` : text)
    return this
  }
  addTable(rows: (string | { data: string })[][]): this {
    const cells = rows.map(row => row.map(cell => (typeof cell === 'string' ? cell : cell.data)).join(' | '))
    this.buffer.push(`<table>\n${cells.join('\n')}\n</table>`)
    return this
  }
  /** Forgets everything (the module keeps this one object: a new step starts it afresh). */
  clear(): void {
    this.buffer = []
    this.written = ''
  }
  /** What @actions/core's summary gives: the buffer as text, and emptying it. */
  stringify(): string {
    return this.buffer.join('\n')
  }
  emptyBuffer(): this {
    this.buffer = []
    return this
  }
  addDetails(label: string, content: string): this {
    this.buffer.push(`<details><summary>${label}</summary>${content}</details>`)
    return this
  }
  async write(): Promise<this> {
    this.written += this.buffer.join('\n')
    this.buffer = []
    return this
  }
}

export class ActionsCoreFake {
  inputs: Record<string, string> = {}
  outputs: Record<string, string> = {}
  failures: string[] = []
  /** Every info, warning and group line, in order (warnings prefixed `warning: `). */
  lines: string[] = []
  warnings: string[] = []
  errors: string[] = []
  /** Annotations (warnings and errors) with their titles, in order. */
  annotations: { kind: 'warning' | 'error'; message: string; title?: string }[] = []
  debugs: string[] = []
  secrets: string[] = []
  state: Record<string, string> = {}
  /** One object for the whole file: a mocked module's exports are read once, when it is first imported. */
  readonly summary = new SummaryFake()

  /** Starts a new step: the given inputs, nothing recorded yet (state survives, as from main to post). */
  step(inputs: Record<string, string>): void {
    this.inputs = inputs
    this.outputs = {}
    this.failures = []
    this.lines = []
    this.warnings = []
    this.errors = []
    this.annotations = []
    this.debugs = []
    this.summary.clear()
  }

  get log(): string {
    return this.lines.join('\n')
  }

  /** A warning or an error annotation: its list, the annotations in order, and the log line. */
  annotate(kind: 'warning' | 'error', message: string | Error, properties?: { title?: string }): void {
    const text = typeof message === 'string' ? message : message.message
    ;(kind === 'warning' ? this.warnings : this.errors).push(text)
    this.annotations.push({ kind, message: text, ...(properties?.title && { title: properties.title }) })
    this.lines.push(`${kind}: ${text}`)
  }

  /** What `import * as core from '@actions/core'` gives the code under test. */
  readonly module = this.moduleFor(this)

  private moduleFor(fake: ActionsCoreFake) {
    return {
      getInput: jest.fn((name: string) => (fake.inputs[name] ?? '').trim()),
      setSecret: jest.fn((secret: string) => {
        fake.secrets.push(secret)
      }),
      setOutput: jest.fn((name: string, value: unknown) => {
        fake.outputs[name] = String(value)
      }),
      setFailed: jest.fn((message: string | Error) => {
        fake.failures.push(typeof message === 'string' ? message : message.message)
      }),
      info: jest.fn((message: string) => {
        fake.lines.push(message)
      }),
      warning: jest.fn((message: string | Error, properties?: { title?: string }) =>
        fake.annotate('warning', message, properties)
      ),
      error: jest.fn((message: string | Error, properties?: { title?: string }) =>
        fake.annotate('error', message, properties)
      ),
      debug: jest.fn((message: string) => {
        fake.debugs.push(message)
      }),
      startGroup: jest.fn((name: string) => {
        fake.lines.push(`::group::${name}`)
      }),
      endGroup: jest.fn(() => {
        fake.lines.push('::endgroup::')
      }),
      getState: jest.fn((name: string) => fake.state[name] ?? ''),
      saveState: jest.fn((name: string, value: unknown) => {
        fake.state[name] = String(value)
      }),
      get summary() {
        return fake.summary
      }
    }
  }
}

export const actionsCore = new ActionsCoreFake()

/**
 * For a test that runs the deploy mode in process, after the mock: jest's ESM runner cannot link a module that
 * two dynamic imports reach at once ("request for 'node:fs' is not in cache"), and the deploy loads its release
 * stages together (src/modes/deploy/release-stages.ts). They are linked here first, one at a time; the action
 * under node needs none of this.
 */
export async function linkDeployChunks(): Promise<void> {
  await import('../../../src/stages/images.js')
  await import('../../../src/stages/release.js')
  await import('../../../src/retention/versions.js')
}
