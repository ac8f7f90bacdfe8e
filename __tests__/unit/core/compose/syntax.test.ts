// Compose's own text rules, as compose-go implements them: dotenv files,
// variable interpolation, and the YAML reader's bounds.

import { describe, expect, it } from '@jest/globals'
import { dotenvValues, parseDotenv } from '../../../../src/core/compose/dotenv.js'
import { interpolate, soleReference } from '../../../../src/core/compose/interpolate.js'
import { loadCompose } from '../../../../src/core/compose/load.js'
import { MAX_COMPOSE_BYTES, parseComposeYaml } from '../../../../src/core/compose/yaml.js'

const values = (text: string, lookup: Record<string, string> = {}): Record<string, string> =>
  dotenvValues(parseDotenv(text, name => lookup[name]))

describe('parseDotenv', () => {
  it('reads comments, export, quotes and inline comments as compose does', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = around ',
      "SINGLE='literal $HOME \\n'",
      'DOUBLE="line1\\nline2 \\"q\\""',
      'WINDOWS_PATH="C:\\\\new\\\\table"',
      'INLINE=value # comment',
      'HASH=a#b',
      'EMPTY=',
      'QUOTED_COMMENT="kept # here" # dropped',
      'dotted.key=1',
      'YAML_STYLE: colon',
      'CRLF=yes\r'
    ].join('\n')
    expect(values(text)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'around',
      SINGLE: 'literal $HOME \\n',
      DOUBLE: 'line1\nline2 "q"',
      WINDOWS_PATH: 'C:\\new\\table',
      INLINE: 'value',
      HASH: 'a#b',
      EMPTY: '',
      QUOTED_COMMENT: 'kept # here',
      'dotted.key': '1',
      YAML_STYLE: 'colon',
      CRLF: 'yes'
    })
  })

  it('reads an empty quoted value followed by a comment as empty (issue 14.10: SUBPATH="" # comment)', () => {
    expect(values('SUBPATH="" # it\'ll be appended\nSCHEME=http  # serve over http')).toEqual({
      SUBPATH: '',
      SCHEME: 'http'
    })
  })

  it('expands earlier keys and the environment, the environment first (issue 14.10: DB_PORT=${DB_PORT:-5432})', () => {
    const text = "DB_PORT=${DB_PORT:-5432}\nHOST=db\nURL=postgres://${HOST}:${DB_PORT}/app\nLITERAL='${HOST}'"
    expect(values(text)).toEqual({
      DB_PORT: '5432',
      HOST: 'db',
      URL: 'postgres://db:5432/app',
      LITERAL: '${HOST}'
    })
    expect(values(text, { DB_PORT: '6543' }).URL).toBe('postgres://db:6543/app')
  })

  it('takes a bare KEY from the environment, and remembers which environment variables a value used', () => {
    const parsed = parseDotenv('TOKEN\nDERIVED=x-${TOKEN}\nOWN=1\nBOTH=${OWN}${TOKEN}', name =>
      name === 'TOKEN' ? 'runner-value' : undefined
    )
    expect(parsed.get('TOKEN')).toEqual({ value: 'runner-value', fromLookup: ['TOKEN'], fromFile: [] })
    expect(parsed.get('DERIVED')).toEqual({ value: 'x-runner-value', fromLookup: ['TOKEN'], fromFile: [] })
    expect(parsed.get('BOTH')).toEqual({ value: '1runner-value', fromLookup: ['TOKEN'], fromFile: ['OWN'] })
  })

  it('reads multi-line double-quoted values and \\$ as a literal dollar', () => {
    expect(values('KEY="-----BEGIN-----\nabc\n-----END-----"\nPRICE="\\$5"\nNEXT=1')).toEqual({
      KEY: '-----BEGIN-----\nabc\n-----END-----',
      PRICE: '$5',
      NEXT: '1'
    })
  })

  it('refuses an unterminated quote and a key with spaces, naming the line', () => {
    expect(() => parseDotenv('A=1\nB="open\n', undefined, '.env')).toThrow(
      /^\.env line 2: unterminated " quote/
    )
    expect(() => parseDotenv('BAD KEY=1', undefined, '.env')).toThrow(
      /^\.env line 1: "BAD KEY" is not a variable name/
    )
  })

  it('reads format: raw values as they are', () => {
    expect(dotenvValues(parseDotenv('A="q" # c\nB=${X}', () => 'x', 'f', true))).toEqual({
      A: '"q" # c',
      B: '${X}'
    })
  })
})

describe('interpolate', () => {
  const variables: Record<string, string> = { SET: 'value', EMPTY: '', PORT: '8080' }
  const lookup = (name: string): string | undefined => variables[name]
  it.each<[string, string]>([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', ''],
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${EMPTY-default}', ''],
    ['${UNSET-default}', 'default'],
    ['${SET:-default}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${PORT}}', '8080'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-a-b:c}', 'a-b:c'],
    ['$$', '$'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost: $5', 'cost: $5'],
    ['${SET:?missing}', 'value'],
    ['${EMPTY?missing}', '']
  ])('%s', (text, expected) => expect(interpolate(text, lookup, 'where').value).toBe(expected))

  it('records the variables whose value went into the result', () => {
    expect(interpolate('${SET}-${UNSET:-${PORT}}-${EMPTY:+x}', lookup, 'where').used).toEqual(['SET', 'PORT'])
  })

  it.each([
    ['${UNSET:?UNSET must be set}', 'where: required variable UNSET is missing a value: UNSET must be set'],
    ['${EMPTY:?}', 'where: required variable EMPTY is missing a value'],
    ['${UNSET?no}', 'where: required variable UNSET is missing a value: no'],
    ['${BAD NAME}', 'where: invalid interpolation "${BAD NAME}"'],
    ['${}', 'where: invalid interpolation "${}"'],
    ['${OPEN', 'where: invalid interpolation "${OPEN"'],
    // At most 40 characters of the text are quoted.
    [`\${BAD ${'x'.repeat(50)}}`, `where: invalid interpolation "\${BAD ${'x'.repeat(34)}"`]
  ])('refuses %s', (text, message) => {
    // The whole line: nothing more is said than what is wrong.
    let thrown: unknown
    try {
      interpolate(text, lookup, 'where')
    } catch (error) {
      thrown = error
    }
    expect((thrown as Error | undefined)?.message).toBe(message)
  })

  it.each<[string, string | undefined]>([
    ['${FOO}', 'FOO'],
    ['$FOO', 'FOO'],
    ['${FOO}x', undefined],
    ['${FOO:-x}', undefined],
    ['FOO', undefined],
    // Required forms (Documenso's `${NEXT_PRIVATE_DATABASE_URL:?err}`): given by the environment on Beanstalk.
    ['${FOO:?err}', 'FOO'],
    ['${FOO:?}', 'FOO'],
    ['${FOO?set it in .env}', 'FOO'],
    ['${FOO:?${BAR}}', undefined],
    ['${FOO:?err}x', undefined],
    ['${FOO:+x}', undefined],
    ['${FOO-x}', undefined]
  ])('soleReference(%s) → %p', (text, name) => expect(soleReference(text)).toBe(name))

  it('interpolates profiles like any other value (issue 14.10)', () => {
    const project = loadCompose({
      path: 'docker-compose.yml',
      text: 'services:\n  web:\n    image: a\n    profiles: ["${WEB_PROFILE:-}"]\n  admin:\n    image: b\n    profiles: ["${ADMIN_PROFILE:-tools}"]\n',
      env: {},
      readFile: () => undefined
    })
    expect(project.services.web?.profiles).toEqual([''])
    expect(project.services.admin?.profiles).toEqual(['tools'])
  })
})

describe('the compose file YAML', () => {
  it('finds a duplicate key among 40 000, with its line', () => {
    const lines = ['services:', '  web:', '    image: a', '    environment:']
    for (let index = 0; index < 40_000; index++) lines.push(`      K${index}: v`)
    lines.push('      K17: again')
    // Its speed is measured in `npm run bench` (compose-parse).
    expect(() => parseComposeYaml(lines.join('\n'), 'big.yml')).toThrow(
      /^big\.yml line 40005: invalid YAML: Map keys must be unique \("K17" appears twice\)/
    )
  })

  it('refuses a compose file above the size bound before parsing it', () => {
    const text = `services:\n  web:\n    image: a\n# ${'x'.repeat(MAX_COMPOSE_BYTES)}\n`
    expect(() => parseComposeYaml(text, 'docker-compose.yml')).toThrow(
      /^docker-compose\.yml is 1\.0 MiB; a compose file may be at most 1 MiB$/
    )
  })

  it('stops an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for (let level = 1; level < 8; level++) {
      bomb.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(',')}]`
      )
    }
    expect(() => parseComposeYaml(bomb.join('\n'), 'bomb.yml')).toThrow(/^bomb\.yml: invalid YAML/)
  })
})
