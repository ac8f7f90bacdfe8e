// The two kinds of user error and the notes an error carries to the step that fails.

import { describe, expect, it } from '@jest/globals'
import { attachNotes, ComposeError, errorMessage, InputError, notesOf } from '../../../src/core/errors.js'

describe('errors', () => {
  it('an input error names the input in its one line', () => {
    const error = new InputError('database', 'must be an RDS instance identifier')
    expect(error).toBeInstanceOf(Error)
    expect([error.name, error.input, error.message]).toEqual([
      'InputError',
      'database',
      "Input 'database': must be an RDS instance identifier"
    ])
    expect(new ComposeError('bad file').name).toBe('ComposeError')
  })

  it('notes ride on an error as a copy; nothing is attached to a non-error or for no notes', () => {
    const notes = ['service db replaced by RDS']
    const error = attachNotes(new Error('x'), notes)
    notes.push('later')
    expect(notesOf(error)).toEqual(['service db replaced by RDS'])
    expect(notesOf(attachNotes(new Error('y'), []))).toEqual([])
    expect(Object.hasOwn(attachNotes(new Error('y'), []) as object, 'notes')).toBe(false)
    expect(attachNotes('text', notes)).toBe('text')
    expect(notesOf(undefined)).toEqual([])
    expect(notesOf({ notes: 'not a list' })).toEqual([])
    expect(notesOf({ notes: [1, 'a'] })).toEqual(['1', 'a'])
  })

  it('the message of anything thrown', () => {
    expect(errorMessage(new ComposeError('bad'))).toBe('bad')
    expect(errorMessage('plain')).toBe('plain')
    expect(errorMessage(42)).toBe('42')
  })
})
