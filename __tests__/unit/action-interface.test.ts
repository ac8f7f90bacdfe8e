import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_NAMES } from '../../src/adapters/actions-runner/run-context.js'
import { MODES } from '../../src/core/config-types.js'
import { parseInputs } from '../../src/core/inputs.js'
import { OUTPUTS_OF } from '../../src/report/outputs.js'

interface ActionYaml {
  runs: { using: string; main: string; post?: string }
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
}

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYaml

describe('action.yml', () => {
  it('runs the bundled action on GitHub’s current Node runtime, with a post step', () => {
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' })
  })

  it('declares exactly the inputs the action reads', () => {
    const { inputNames } = parseInputs(
      { application: 'puppies', environment: 'puppies-prod' },
      { eventName: 'push', sha: 'a'.repeat(40) }
    )
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
    expect([...inputNames].sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('gives every input a description and a default (kebab-case names)', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(input.description?.length).toBeGreaterThan(10)
    }
    const optionalWithoutDefault = Object.entries(action.inputs)
      .filter(([, input]) => !input.required && input.default === undefined)
      .map(([name]) => name)
    expect(optionalWithoutDefault).toEqual([])
  })

  // On GitHub the runner passes action.yml's default for every input not given; run anywhere else (the stand-in,
  // a local run) the code's own default applies. Both must mean the same, in every mode.
  describe.each(MODES)(
    'in %s mode, the code reads each action.yml default as it reads the input left out',
    mode => {
      const given = { mode, application: 'puppies', environment: 'puppies-prod' }
      const run = {
        eventName: mode === 'preview' ? 'pull_request' : 'push',
        sha: 'a'.repeat(40),
        ...(mode === 'preview' && { pullRequest: { number: 7, headSha: 'b'.repeat(40) } })
      }
      // A default that is an expression (github-token's `${{ github.token }}`) is the runner's to evaluate: off
      // GitHub there is no such value, and the code's default (none) is the only honest one.
      const defaults = Object.entries(action.inputs)
        .filter(
          ([name, input]) => input.default !== undefined && !input.default.includes('${{') && !(name in given)
        )
        .map(([name, input]) => [name, input.default as string] as const)
      it.each(defaults)('%s: %j', (name, value) => {
        const leftOut = parseInputs(given, run).config
        expect(parseInputs({ ...given, [name]: value }, run).config).toEqual(leftOut)
      })
    }
  )

  it('declares exactly the outputs the modes write', () => {
    const written = new Set(Object.values(OUTPUTS_OF).flat())
    expect(Object.keys(action.outputs).sort()).toEqual([...written].sort())
    expect(Object.keys(action.outputs)).toContain('environment-url')
  })
})
