// Fakes shared by the deploy unit tests: a clock that advances only when the
// code sleeps, a logger that keeps lines, and a client whose `send` answers
// by command class.

import type { Clock } from '../../../src/adapters/clock.js'
import type { Logger } from '../../../src/adapters/actions-runner/logger.js'

export class FakeClock implements Clock {
  readonly sleeps: number[] = []
  constructor(public time = Date.parse('2026-11-25T14:00:00Z')) {}
  now(): number {
    return this.time
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms)
    this.time += ms
  }
}

export class MemoryLog implements Logger {
  readonly lines: string[] = []
  readonly warnings: string[] = []
  readonly secrets: string[] = []
  info(message: string): void {
    this.lines.push(message)
  }
  readonly errors: string[] = []
  /** Every warning and error with its title, in order: the annotations on the run's page. */
  readonly annotations: { kind: 'warning' | 'error'; message: string; title?: string }[] = []
  warning(message: string, title?: string): void {
    this.warnings.push(message)
    this.annotations.push({ kind: 'warning', message, ...(title !== undefined && { title }) })
  }
  error(message: string, title?: string): void {
    this.errors.push(message)
    this.annotations.push({ kind: 'error', message, ...(title !== undefined && { title }) })
  }
  setSecret(secret: string): void {
    this.secrets.push(secret)
  }
}

type Handler = (input: Record<string, unknown>) => unknown
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command classes have differing constructor signatures
type CommandClass = abstract new (...args: any[]) => unknown

/** A client double: `on(CommandClass, handler)`; unknown commands fail the test loudly. */
export class FakeClient {
  readonly calls: { command: string; input: Record<string, unknown> }[] = []
  private readonly handlers = new Map<unknown, Handler>()

  on(command: CommandClass, handler: Handler): this {
    this.handlers.set(command, handler)
    return this
  }

  async send(command: { input: unknown; constructor: { name: string } }): Promise<never> {
    const input = command.input as Record<string, unknown>
    this.calls.push({ command: command.constructor.name, input })
    const handler = this.handlers.get(command.constructor)
    if (!handler) throw new Error(`unexpected ${command.constructor.name}`)
    const answer = await handler(input)
    return { $metadata: {}, ...(answer as object) } as never
  }

  count(name: string): number {
    return this.calls.filter(call => call.command === name).length
  }
}

export function awsError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}
