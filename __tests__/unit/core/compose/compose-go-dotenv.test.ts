// compose-go's own dotenv test tables (dotenv/godotenv_test.go,
// dotenv/parser_test.go and dotenv/fixtures/*.env of compose-spec/compose-go
// @ e70e961, MIT/Apache-2.0, test data only), run through the action's
// parser: compose reads `.env` and env_file with this parser, so every case
// here is what compose itself expects. Cases that depend on the process
// environment take it as the lookup, as compose does.

import { describe, expect, it } from '@jest/globals'
import { dotenvValues, parseDotenv } from '../../../../src/core/compose/dotenv.js'
import { ComposeError } from '../../../../src/core/errors.js'

const parse = (text: string, lookup: Record<string, string> = {}): Record<string, string> =>
  dotenvValues(parseDotenv(text, name => lookup[name]))

/** TestParsing: [line, key, value]. */
const PARSING: [string, string, string][] = [
  ['FOO=bar', 'FOO', 'bar'],
  ['FOO =bar', 'FOO', 'bar'],
  ['FOO= bar', 'FOO', 'bar'],
  ['FOO="bar"', 'FOO', 'bar'],
  ["FOO='bar'", 'FOO', 'bar'],
  ['FOO="escaped\\"bar"', 'FOO', 'escaped"bar'],
  ['FOO="\\"quoted\\""', 'FOO', '"quoted"'],
  [`FOO="'d'"`, 'FOO', "'d'"],
  ['OPTION_A: 1', 'OPTION_A', '1'],
  ['OPTION_A: Foo=bar', 'OPTION_A', 'Foo=bar'],
  ['OPTION_A=1:B', 'OPTION_A', '1:B'],
  ['export OPTION_A=2', 'OPTION_A', '2'],
  ["export OPTION_B='\\n'", 'OPTION_B', '\\n'],
  ['export exportFoo=2', 'exportFoo', '2'],
  ['exportFOO=2', 'exportFOO', '2'],
  ['export_FOO =2', 'export_FOO', '2'],
  ['export.FOO= 2', 'export.FOO', '2'],
  ['export\tOPTION_A=2', 'OPTION_A', '2'],
  ['  export OPTION_A=2', 'OPTION_A', '2'],
  ['\texport OPTION_A=2', 'OPTION_A', '2'],
  ['export OPTION_A="export A"', 'OPTION_A', 'export A'],
  ['FOO="bar\\nbaz"', 'FOO', 'bar\nbaz'],
  ['FOO=a\\tb', 'FOO', 'a\\tb'],
  ['FOO="a\\tb"', 'FOO', 'a\tb'],
  ['KEY="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"', 'KEY', 'Z\x07Z\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ'],
  ['FOO.BAR=foobar', 'FOO.BAR', 'foobar'],
  ['FOO=foobar=', 'FOO', 'foobar='],
  ['FOO=bar ', 'FOO', 'bar'],
  ['FOO=bar # this is foo', 'FOO', 'bar'],
  ['FOO=bar #this is foo', 'FOO', 'bar'],
  ['FOO=bar #', 'FOO', 'bar'],
  ['FOO=123#not-an-inline-comment', 'FOO', '123#not-an-inline-comment'],
  ['FOO="bar#baz"', 'FOO', 'bar#baz'],
  ['FOO="bar#baz"#', 'FOO', 'bar#baz'],
  ['FOO="bar#baz" # comment', 'FOO', 'bar#baz'],
  ["FOO='bar#baz' # comment", 'FOO', 'bar#baz'],
  ['FOO="bar#baz#bang" # comment', 'FOO', 'bar#baz#bang'],
  ['FOO="ba#r"', 'FOO', 'ba#r'],
  ["FOO='ba#r'", 'FOO', 'ba#r'],
  ['FOO="bar\\n\\ b\\az"', 'FOO', 'bar\n\\ b\x07z'],
  ['FOO="bar\\\\\\n\\ b\\az"', 'FOO', 'bar\\\n\\ b\x07z'],
  ['FOO="bar\\\\r\\ b\\az"', 'FOO', 'bar\\r\\ b\x07z'],
  ['FOO="bar\\nbaz\\\\"', 'FOO', 'bar\nbaz\\'],
  [' KEY =value', 'KEY', 'value'],
  ['   KEY=value', 'KEY', 'value'],
  ['\tKEY=value', 'KEY', 'value'],
  ['KEY="\\0123"', 'KEY', 'S'],
  ['KEY="\\x07"', 'KEY', '\\x07'],
  ['KEY="\\u12e4"', 'KEY', '\\u12e4'],
  ['KEY="\\U00101234"', 'KEY', '\\U00101234'],
  // TestParse, TestParseBytes, TestVariableStringValueSeparator
  ["TWO='2'", 'TWO', '2'],
  ['THREE = "3"', 'THREE', '3'],
  ['a[1]=c', 'a[1]', 'c'],
  ['a.propertyKey=d', 'a.propertyKey', 'd'],
  ['árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép', 'árvíztűrő-TÜKÖRFÚRÓGÉP', 'ÁRVÍZTŰRŐ-tükörfúrógép'],
  [
    'TEST_URLS="stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443"',
    'TEST_URLS',
    'stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443'
  ]
]

/** TestExpanding, TestExpandingEnvironmentWithLookup: [text, expected]. */
const EXPANDING: [string, Record<string, string>, Record<string, string>][] = [
  ['FOO=test\nBAR=$FOO', { FOO: 'test', BAR: 'test' }, {}],
  ['FOO=test\nBAR=${FOO}bar', { FOO: 'test', BAR: 'testbar' }, {}],
  ['BAR=$FOO', { BAR: '' }, {}],
  ['FOO=test\nBAR="quote $FOO"', { FOO: 'test', BAR: 'quote test' }, {}],
  ["BAR='quote $FOO'", { BAR: 'quote $FOO' }, {}],
  ['FOO="foo\\$BAR"', { FOO: 'foo$BAR' }, {}],
  ['FOO="foo\\${BAR}"', { FOO: 'foo${BAR}' }, {}],
  ['FOO=test\nBAR="foo\\${FOO} ${FOO}"', { FOO: 'test', BAR: 'foo${FOO} test' }, {}],
  ['TEST=$ME', { TEST: 'YES' }, { ME: 'YES' }]
]

/** dotenv/fixtures/*.env and the values their tests expect (with the process environment they set). */
const FIXTURES: {
  name: string
  text: string
  env?: Record<string, string>
  expected: Record<string, string>
}[] = [
  {
    name: 'plain.env',
    text: 'OPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\n456 = ABC\nOPTION_F = \nOPTION_G=\nOPTION_H = my string # Inline comment\n',
    expected: {
      OPTION_A: '1',
      OPTION_B: '2',
      OPTION_C: '3',
      OPTION_D: '4',
      OPTION_E: '5',
      '456': 'ABC',
      OPTION_F: '',
      OPTION_G: '',
      OPTION_H: 'my string'
    }
  },
  {
    name: 'utf8-bom.env',
    text: '\uFEFFOPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\n',
    expected: { OPTION_A: '1', OPTION_B: '2', OPTION_C: '3', OPTION_D: '4', OPTION_E: '5' }
  },
  {
    name: 'exported.env',
    text: "export OPTION_A=2\nexport OPTION_B='\\n'\n",
    expected: { OPTION_A: '2', OPTION_B: '\\n' }
  },
  {
    name: 'equals.env',
    text: "export OPTION_A='postgres://localhost:5432/database?sslmode=disable'\n\n",
    expected: { OPTION_A: 'postgres://localhost:5432/database?sslmode=disable' }
  },
  {
    name: 'quoted.env',
    text: [
      "OPTION_A='1'",
      "OPTION_B='2'",
      "OPTION_C=''",
      "OPTION_D='\\n'",
      'OPTION_E="1"',
      'OPTION_F="2"',
      'OPTION_G=""',
      'OPTION_H="\\n"',
      'OPTION_I = "echo \'asd\'" # Inline comment',
      "OPTION_J = 'first line",
      'second line',
      'third line',
      "and so on'",
      "OPTION_K='Let\\'s go!'",
      'OPTION_Z = "last value"',
      ''
    ].join('\n'),
    expected: {
      OPTION_A: '1',
      OPTION_B: '2',
      OPTION_C: '',
      OPTION_D: '\\n',
      OPTION_E: '1',
      OPTION_F: '2',
      OPTION_G: '',
      OPTION_H: '\n',
      OPTION_I: "echo 'asd'",
      OPTION_J: 'first line\nsecond line\nthird line\nand so on',
      OPTION_K: "Let's go!",
      OPTION_Z: 'last value'
    }
  },
  {
    name: 'unquoted.env',
    text: [
      'OPTION_A = "some quoted phrase"',
      'OPTION_B=first one with an unquoted phrase',
      'OPTION_C = then another one with an unquoted phrase',
      'OPTION_D = then another one with an unquoted phrase special è char',
      'OPTION_E = "then another one quoted phrase"',
      ''
    ].join('\n'),
    expected: {
      OPTION_A: 'some quoted phrase',
      OPTION_B: 'first one with an unquoted phrase',
      OPTION_C: 'then another one with an unquoted phrase',
      OPTION_D: 'then another one with an unquoted phrase special è char',
      OPTION_E: 'then another one quoted phrase'
    }
  },
  {
    name: 'special.env',
    text: 'VAR.WITH.DOTS=dots\nVAR_WITH_UNDERSCORES=underscores\nVAR-WITH-DASHES=dashes\n',
    expected: { 'VAR.WITH.DOTS': 'dots', VAR_WITH_UNDERSCORES: 'underscores', 'VAR-WITH-DASHES': 'dashes' }
  },
  {
    name: 'substitutions.env',
    text: 'OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n',
    expected: { OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' }
  },
  {
    name: 'substitutions.env with OPTION_A=5 in the environment',
    text: 'OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n',
    env: { OPTION_A: '5' },
    expected: { OPTION_A: '1', OPTION_B: '5', OPTION_C: '5', OPTION_D: '5_5', OPTION_E: '' }
  },
  {
    name: 'substitutions-default.env with OPTION_A=5 in the environment',
    text: 'OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n',
    env: { OPTION_A: '5' },
    expected: { OPTION_A: '5', OPTION_B: '5', OPTION_C: '5', OPTION_D: '5_5', OPTION_E: '' }
  },
  {
    name: 'substitutions-default.env with nothing in the environment',
    text: 'OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n',
    expected: { OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' }
  },
  {
    name: 'inherited-multi-var.env',
    text: 'foo=bar\nVAR_TO_BE_LOADED_FROM_OS_ENV\nbar=baz\n',
    env: { VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE' },
    expected: { foo: 'bar', VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE', bar: 'baz' }
  },
  { name: 'inherited-not-found.env', text: 'VARIABLE_NOT_FOUND\n', expected: {} },
  {
    name: 'TestMultipleFiles (base then override, read as one)',
    text: 'ENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n',
    expected: { ENV_HOSTNAME: 'dev.my-company.com', ENV_MY_URL: 'http://dev.my-company.com' }
  },
  {
    name: 'TestMultipleFiles with ENV_HOSTNAME in the environment',
    text: 'ENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n',
    env: { ENV_HOSTNAME: 'host.local' },
    expected: { ENV_HOSTNAME: 'dev.my-company.com', ENV_MY_URL: 'http://host.local' }
  }
]

/** Lines compose refuses: TestUnterminatedQuotes, the badly formatted line, invalid1.env, TestParseVariable. */
const REFUSED: [string, RegExp][] = [
  ['KEY="', /unterminated/],
  ['KEY="value', /unterminated/],
  ['KEY="value\\"', /unterminated/],
  ['KEY="value\'', /unterminated/],
  ["KEY='", /unterminated/],
  ["KEY='value", /unterminated/],
  ["KEY='value\\'", /unterminated/],
  ['KEY=\'value"', /unterminated/],
  ['lol$wut', /not a variable name/],
  [
    '# some comments\nfoo="\n  a\n  multine\n  value\n"\nINVALID LINE\nzot=qix',
    /line 7: .*not a variable name/
  ],
  ['%!(EXTRA string)=foo', /line 1: .*not a variable name/],
  // compose-go reads `="value"` as a variable with an empty name; no container can be given one, so the action refuses it.
  ['="value"', /no variable name/]
]

describe("compose-go's dotenv tables", () => {
  it.each(PARSING)('%j gives %s', (line, key, value) => {
    expect(parse(line)[key]).toBe(value)
  })

  it.each(EXPANDING)('%j expands', (text, expected, lookup) => {
    expect(parse(text, lookup)).toEqual(expected)
  })

  it.each(FIXTURES.map(fixture => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    expect(parse(fixture.text, fixture.env)).toEqual(fixture.expected)
  })

  it.each(REFUSED)('refuses %j', (text, message) => {
    expect(() => parse(text)).toThrow(ComposeError)
    expect(() => parse(text)).toThrow(message)
  })

  it('ignores blank, whitespace-only and comment lines (TestLinesToIgnore)', () => {
    expect(parse('\n\r\n\t\t \n# Comment\n\t # comment\n')).toEqual({})
  })

  it('reads 1000 lines (TestMemoryExplosion)', () => {
    const text = Array.from({ length: 1000 }, (_, index) => `KEY${index}=VALUE${index}`).join('\n')
    expect(Object.keys(parse(text))).toHaveLength(1000)
  })
})

// docker compose 2.26 (`config --format json`) on one env_file of mixed lines, 2026-12-07: what compose made of each
// line (its `$$` is a literal `$`). Written from the mutation run's survivors of dotenv.ts (BOM, `export` with a tab,
// a comment after an unquoted or a single-quoted value, an octal escape, an inherited name).
describe('docker compose 2.26 on a mixed env_file', () => {
  const text = [
    '\uFEFFBOM=1',
    'export EXP=exported',
    'export\tTAB=tabbed',
    'PLAIN=a b   # comment',
    'HASH=a#b',
    "SQ='single $X' # c",
    'DQ="dq \\"in\\" \\n end"',
    'OCT="\\0101"',
    'ESC="\\$NOPE"',
    'MULTI="line1',
    'line2"',
    'SPACES =  around  ',
    'EMPTY=',
    'INHERIT',
    ''
  ].join('\n')

  it('reads every line as compose does', () => {
    expect(parse(text, { INHERIT: 'from-env' })).toEqual({
      BOM: '1',
      DQ: 'dq "in" \n end',
      EMPTY: '',
      ESC: '$NOPE',
      EXP: 'exported',
      HASH: 'a#b',
      INHERIT: 'from-env',
      MULTI: 'line1\nline2',
      OCT: 'A',
      PLAIN: 'a b',
      SPACES: 'around',
      SQ: 'single $X',
      TAB: 'tabbed'
    })
    // A name with no value and none in the environment is not set at all.
    expect(parse('INHERIT\n')).toEqual({})
  })

  // `=2` is a variable with an empty name to compose 2.26's `config` (`{"": "2"}`), which no container can hold: the
  // action refuses it, naming the line, counted across the quoted value that spans two.
  it('counts lines across a quoted value that spans lines when it names one', () => {
    expect(() => parse('A="x\ny"\nB=1\n=2\n')).toThrow(/line 4/)
  })
})
