// The compose file's YAML read within bounds (size, aliases, duplicate keys), each error one line naming where.

import { describe, expect, it } from '@jest/globals'
import { MAX_COMPOSE_BYTES, parseComposeYaml } from '../../../../src/core/compose/yaml.js'
import { tooDeepAt } from '../../../../src/core/compose/yaml-depth.js'

const SERVICES = 'services:\n  web:\n    image: nginx\n'
const parse = (text: string) => parseComposeYaml(text, 'docker-compose.yml').root

describe('parseComposeYaml', () => {
  it('reads a file of exactly the size limit, and refuses one byte more', () => {
    const padded = (bytes: number) => `${SERVICES}#${'x'.repeat(bytes - SERVICES.length - 2)}\n`
    expect(Buffer.byteLength(padded(MAX_COMPOSE_BYTES))).toBe(MAX_COMPOSE_BYTES)
    expect(parse(padded(MAX_COMPOSE_BYTES))).toEqual({ services: { web: { image: 'nginx' } } })
    expect(() => parse(padded(MAX_COMPOSE_BYTES + 1))).toThrow(
      'docker-compose.yml is 1.0 MiB; a compose file may be at most 1 MiB'
    )
  })

  it('counts the size in UTF-8 bytes, not characters', () => {
    const text = `${SERVICES}# ${'é'.repeat(MAX_COMPOSE_BYTES / 2)}\n`
    expect(text.length).toBeLessThan(MAX_COMPOSE_BYTES)
    expect(() => parse(text)).toThrow(/a compose file may be at most 1 MiB/)
  })

  it('gives the first line of the parser’s message, with the line it points at', () => {
    const text = `${SERVICES}    ports:\n      - "80:80"\n     environment:\n      FOO: bar\n`
    expect(() => parse(text)).toThrow(
      /^docker-compose\.yml line 6: invalid YAML: All mapping items must start at the same column$/
    )
  })

  it('names a duplicate key and its line', () => {
    expect(() => parse(`${SERVICES}    image: httpd\n`)).toThrow(
      'docker-compose.yml line 4: invalid YAML: Map keys must be unique ("image" appears twice)'
    )
  })

  // compose (go-yaml): `mapping key "<<" already defined at line 5`.
  it('refuses a repeated merge key, as compose does', () => {
    const text = 'x-a: &a {image: a}\nx-b: &b {restart: always}\nservices:\n  web:\n    <<: *a\n    <<: *b\n'
    expect(() => parse(text)).toThrow(
      'docker-compose.yml line 6: invalid YAML: Map keys must be unique ("<<" appears twice)'
    )
  })

  it('reads merge keys and aliases: 500 copies of an anchor, as compose does', () => {
    const text = `x-a: &a [1]\nx-many: [${Array(500).fill('*a').join(', ')}]\n${SERVICES}    <<: {restart: always}\n`
    const root = parse(text) as { 'x-many': unknown[]; services: { web: object } }
    expect(root['x-many']).toHaveLength(500)
    expect(root.services.web).toEqual({ image: 'nginx', restart: 'always' })
  })

  it('stops an anchor expanded past 1000 copies (a "billion laughs" file)', () => {
    const text = `x-a: &a [1]\nx-many: [${Array(1001).fill('*a').join(', ')}]\n${SERVICES}`
    expect(() => parse(text)).toThrow(/^docker-compose\.yml: invalid YAML: Excessive alias count/)
  })
})

describe('tooDeepAt', () => {
  it('reads empty values (null nodes) without failing', () => {
    expect(tooDeepAt('a:\nb:\n  c:\n  d: [, ]\n')).toBeUndefined()
  })

  it('finds nesting past the limit, and none within it', () => {
    const text = `${SERVICES}x-deep:\n  a:\n    b: [[1]]\n`
    const offset = tooDeepAt(text, 4) as number
    expect(text.slice(0, offset).split('\n')).toHaveLength(6)
    expect(tooDeepAt(text, 8)).toBeUndefined()
  })

  it('counts the nesting of complex keys too', () => {
    expect(tooDeepAt(`? ${'['.repeat(20)}1${']'.repeat(20)}\n: x\n`, 10)).toBeDefined()
  })

  it('names the line of the first node past the limit', () => {
    const text = `${SERVICES}x-deep:\n  a:\n    b: ${'['.repeat(70)}1${']'.repeat(70)}\n`
    expect(() => parse(text)).toThrow(/^docker-compose\.yml line 6: YAML nested more than 64 levels deep/)
  })
})
