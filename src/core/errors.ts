/**
 * A problem with what the user gave the action. Its message is the one line
 * the job fails with: it names the input and says what is allowed.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Input '${input}': ${detail}`)
    this.name = 'InputError'
  }
}

/** A problem in the compose file or in the document rendered from it. */
export class ComposeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ComposeError'
  }
}

/**
 * The notes gathered before an error, carried by it so that the step that
 * fails can still print them: they are often why it failed.
 */
export function attachNotes(error: unknown, notes: readonly string[]): unknown {
  if (error instanceof Error && notes.length > 0) Object.assign(error, { notes: [...notes] })
  return error
}

export function notesOf(error: unknown): string[] {
  const notes = (error as { notes?: unknown } | undefined)?.notes
  return Array.isArray(notes) ? notes.map(String) : []
}

/** The message of anything thrown (an Error's message, anything else as text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
