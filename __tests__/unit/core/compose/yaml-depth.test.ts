// Issue 24 class 6: deep YAML nesting is refused with the limit named, never
// with "Maximum call stack size exceeded". Every way YAML nests (flow
// sequences, flow mappings, block mappings, block sequences, mixed) at the
// limit, one past it, and far past it.

import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseComposeYaml } from '../../../../src/core/compose/yaml.js'
import { MAX_YAML_DEPTH, tooDeepAt } from '../../../../src/core/compose/yaml-depth.js'
import { ComposeError } from '../../../../src/core/errors.js'
import { fixturesDir, repoRoot } from '../support.js'

/** A compose file whose `x-deep` value nests `levels` levels below the top-level mapping. */
const NESTINGS: Record<string, (levels: number) => string> = {
  'flow sequences': levels => `x-deep: ${'['.repeat(levels)}1${']'.repeat(levels)}\n`,
  'flow mappings': levels => `x-deep: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`,
  'block mappings': levels =>
    `x-deep:\n${Array.from({ length: levels }, (_, index) => `${' '.repeat(index + 1)}k${index}:`).join('\n')} 1\n`,
  'block sequences': levels =>
    `x-deep:\n${Array.from({ length: levels }, (_, index) => `${' '.repeat(2 * index)}-`).join('\n')} 1\n`,
  'compact block sequences': levels => `x-deep:\n  ${'- '.repeat(levels)}1\n`,
  'flow inside block': levels =>
    `x-deep:\n  a:\n    b: ${'[{c: '.repeat(Math.ceil(levels / 2))}1${'}]'.repeat(Math.ceil(levels / 2))}\n`
}
const SERVICES = 'services:\n  web:\n    image: nginx\n'

describe('YAML nesting', () => {
  const cases = Object.keys(NESTINGS).flatMap(kind =>
    // Indented block nesting grows as the square of its depth: 1000 levels is near the 1 MiB file limit.
    [MAX_YAML_DEPTH + 1, 1000, ...(kind.startsWith('block') ? [] : [50_000])].map(
      levels => [kind, levels] as const
    )
  )
  it.each(cases)('%s %d levels deep: refused naming the limit', (kind, levels) => {
    const text = `${SERVICES}${(NESTINGS[kind] as (levels: number) => string)(levels)}`
    let thrown: unknown
    try {
      parseComposeYaml(text, 'docker-compose.yml')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ComposeError)
    const message = (thrown as Error).message
    expect(message).toMatch(
      new RegExp(
        `^docker-compose\\.yml line \\d+: YAML nested more than ${MAX_YAML_DEPTH} levels deep; at most ${MAX_YAML_DEPTH} levels are read`
      )
    )
    expect(message).not.toMatch(/call stack/)
  })

  it.each(Object.keys(NESTINGS))('%s a little under the limit: read', kind => {
    const text = `${SERVICES}${(NESTINGS[kind] as (levels: number) => string)(MAX_YAML_DEPTH - 4)}`
    expect(() => parseComposeYaml(text, 'docker-compose.yml')).not.toThrow()
  })

  it('finds every compose fixture and example well within the limit', () => {
    const files = [
      ...readdirSync(fixturesDir, { recursive: true, encoding: 'utf8' })
        .filter(file => /docker-compose[^/]*\.ya?ml$/.test(file))
        .map(file => path.join(fixturesDir, file)),
      path.join(repoRoot, 'examples/puppies/docker-compose.yml')
    ]
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) expect(tooDeepAt(readFileSync(file, 'utf8'), 12)).toBeUndefined()
  })
})
