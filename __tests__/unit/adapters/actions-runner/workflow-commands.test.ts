// Issue 24 class 3: no outside text becomes a workflow command, whatever
// Unicode it holds. The oracle is a port of the runner's own parser
// (actions/runner src/Runner.Common/ActionCommand.cs TryParseV2 and TryParse,
// src/Runner.Worker/ActionCommandManager.cs for the registered commands;
// lines split as StreamReader.ReadLine splits them; TrimStart() with .NET's
// Char.IsWhiteSpace), widened for the runner's ICU comparisons: an ignorable
// character (control, format, default-ignorable) may be skipped anywhere.
// Property-based (fast-check) over every .NET white-space character × every
// registered command name × every channel that prints outside text.

import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import fc from 'fast-check'
import {
  actionsLogger,
  debug,
  neutralise,
  prefixedLogger
} from '../../../../src/adapters/actions-runner/logger.js'
import {
  logDeployPlans,
  logEnvironmentDiff,
  logFailedPlanNotes,
  logVersionRows
} from '../../../../src/report/log.js'
import type { DeployPlan } from '../../../../src/core/plan/types.js'

/** Char.IsWhiteSpace (docs.microsoft.com, System.Char.IsWhiteSpace): Zs, Zl, Zp, U+0009–U+000D, U+0085. */
const DOTNET_WHITESPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000
].map(code => String.fromCodePoint(code))
/** Characters ICU comparisons may skip: a sample across controls, format characters and default-ignorables. */
const IGNORABLES = [
  0x00, 0x01, 0x1b, 0x7f, 0x9f, 0xad, 0x034f, 0x061c, 0x115f, 0x180b, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e,
  0x2060, 0x2061, 0x2064, 0xfe00, 0xfeff, 0xfff9, 0x1d173, 0xe0001, 0xe0020
].map(code => String.fromCodePoint(code))
/** ActionCommandManager's registered commands, and stop-commands. */
const COMMANDS = [
  'stop-commands',
  'internal-set-repo-path',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo'
]
const REGISTERED = new Set(COMMANDS)

const isWhitespace = (char: string): boolean => DOTNET_WHITESPACE.includes(char)
const isIgnorable = (char: string): boolean =>
  /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(char) || IGNORABLES.includes(char)
const trimStart = (line: string): string => {
  const chars = [...line]
  let index = 0
  while (index < chars.length && isWhitespace(chars[index] as string)) index++
  return chars.slice(index).join('')
}
const withoutIgnorables = (text: string): string => [...text].filter(char => !isIgnorable(char)).join('')

/** The command the runner would run for one line, or undefined. `icu`: ignorables may be skipped. */
function commandOf(line: string, icu: boolean): string | undefined {
  const look = (text: string): string => (icu ? withoutIgnorables(text) : text)
  // TryParseV2: TrimStart, then "::name props::data".
  let message = look(trimStart(line))
  if (icu) message = look(trimStart(message))
  if (message.startsWith('::')) {
    const end = message.indexOf('::', 2)
    if (end >= 0) {
      const info = message.slice(2, end)
      const name = info.split(' ')[0] as string
      if (REGISTERED.has(name)) return name
    }
  }
  // TryParse: "##[name props]data" anywhere in the line.
  const old = look(line)
  const prefix = old.indexOf('##[')
  if (prefix >= 0) {
    const bracket = old.indexOf(']', prefix)
    if (bracket >= 0) {
      const name = old.slice(prefix + 3, bracket).split(' ')[0] as string
      if (REGISTERED.has(name)) return name
    }
  }
  return undefined
}
/** Every command in a stdout stream, lines split as StreamReader.ReadLine splits them. */
const commandsIn = (stdout: string, icu = true): string[] =>
  stdout.split(/\r\n|\r|\n/).flatMap(line => commandOf(line, icu) ?? [])

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items)
const whitespace = pick(DOTNET_WHITESPACE)
const skippable = fc.oneof(whitespace, pick(IGNORABLES))
const lineBreak = pick(['\n', '\r', '\r\n'])
/** An attack line: skippables, "::" (or "##["), a registered command, properties, data. */
const attackLine = fc
  .record({
    lead: fc.array(skippable, { maxLength: 4 }),
    between: fc.array(pick(IGNORABLES), { maxLength: 2 }),
    command: pick(COMMANDS),
    properties: pick(['', ' name=environment-url', ' title=x,file=y']),
    data: fc.string({ maxLength: 12 }),
    old: fc.boolean(),
    before: fc.string({ maxLength: 6 })
  })
  .map(({ lead, between, command, properties, data, old, before }) =>
    old
      ? `${before}#${between.join('')}#${between.join('')}[${command}${properties}]${data}`
      : `${lead.join('')}:${between.join('')}:${command}${properties}::${data}`
  )
/** Outside text: attack lines among ordinary lines, any line break, any Unicode around. */
const outsideText = fc
  .tuple(
    fc.array(
      fc.oneof(
        attackLine,
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 20 })
      ),
      {
        minLength: 1,
        maxLength: 5
      }
    ),
    fc.array(lineBreak, { minLength: 5, maxLength: 5 })
  )
  .map(([lines, breaks]) =>
    lines.map((line, index) => `${line}${index < lines.length - 1 ? breaks[index] : ''}`).join('')
  )

const RUNS = { numRuns: 400 }

describe('the oracle reads real attacks', () => {
  it('finds the issue’s NEL attack, and every whitespace × command as the runner would', () => {
    expect(commandOf('\u0085::set-output name=environment-url::https://evil', false)).toBe('set-output')
    for (const space of DOTNET_WHITESPACE.filter(char => !'\r\n'.includes(char)))
      for (const command of COMMANDS) expect(commandOf(`${space}::${command}::x`, false)).toBe(command)
    // JavaScript's \s is not the runner's white space: U+FEFF is not stripped, U+0085 is.
    expect(commandOf('\ufeff::add-mask::x', false)).toBeUndefined()
    expect(/^\s/.test('\u0085')).toBe(false)
  })

  it('generates lines the runner would run', () => {
    fc.assert(
      fc.property(attackLine, line => {
        expect(commandOf(line, true)).toBeDefined()
      }),
      RUNS
    )
  })
})

describe('neutralise', () => {
  it('leaves no line of any outside text that the runner (ordinal or ICU) would run', () => {
    fc.assert(
      fc.property(outsideText, text => {
        const printed = neutralise(text)
        expect(commandsIn(printed, true)).toEqual([])
        expect(commandsIn(printed, false)).toEqual([])
      }),
      RUNS
    )
  })

  it('keeps every line, and every line that starts no command as it is', () => {
    fc.assert(
      fc.property(outsideText, text => {
        const lines = text.split(/\r\n|\r|\n/)
        const printed = neutralise(text).split('\n')
        expect(printed).toHaveLength(lines.length)
        const harmless = (line: string): boolean => {
          const first = [...line].find(char => !isWhitespace(char) && !isIgnorable(char))
          return first !== ':' && !withoutIgnorables(line).includes('##')
        }
        const kept = lines.flatMap((line, index) => (harmless(line) ? [[printed[index], line]] : []))
        expect(kept.map(([printedLine]) => printedLine)).toEqual(kept.map(([, line]) => line))
      }),
      RUNS
    )
  })

  it('reads the same to a person', () => {
    expect(neutralise('::add-mask::x')).toBe(': :add-mask::x')
    expect(neutralise('\u0085::set-output name=a::b')).toBe('\u0085: :set-output name=a::b')
    expect(neutralise('event ##[error]x')).toBe('event ## [error]x')
    expect(neutralise('note: a :: b')).toBe('note: a :: b')
  })
})

describe('every channel that prints outside text', () => {
  let written: string
  beforeEach(() => {
    written = ''
    process.env.RUNNER_DEBUG = '1'
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written += String(chunk)
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
    delete process.env.RUNNER_DEBUG
  })

  const plan = (text: string): DeployPlan =>
    ({
      environment: 'env',
      images: [{ id: 'web', repository: text, context: text, dockerfile: text, services: [text] }],
      containers: [{ name: text, image: { kind: 'image', ref: text }, portMappings: [], links: [text] }],
      notes: [text]
    }) as unknown as DeployPlan

  /** Channel → what prints outside text through it, and the commands it means to write. */
  const CHANNELS: Record<string, [(text: string) => void, string[]]> = {
    'info (container and build output, Beanstalk events)': [text => actionsLogger.info(text), []],
    'a prefixed environment’s info': [text => prefixedLogger(actionsLogger, '[puppies-web] ').info(text), []],
    'warning with a title (AWS messages, file names)': [
      text => actionsLogger.warning(text, text),
      ['warning']
    ],
    'error with a title': [text => actionsLogger.error(text, text), ['error']],
    'debug (AWS calls, docker argv)': [text => debug(text), ['debug']],
    'group title (image names)': [text => core.startGroup(text), ['group']],
    'setFailed (the failure line)': [text => core.setFailed(text), ['error']],
    'the plan (compose content)': [text => logDeployPlans([plan(text), plan(text)]), []],
    'plan notes after a failure': [text => logFailedPlanNotes([text, text]), []],
    'the environment diff (AWS answers)': [
      text =>
        logEnvironmentDiff({
          environmentName: text,
          current: { versionLabel: text },
          changes: []
        } as unknown as Parameters<typeof logEnvironmentDiff>[0]),
      []
    ],
    'version rows (labels, descriptions)': [
      text => logVersionRows(text, [{ label: text, commit: text, date: new Date(0), status: text }] as never),
      ['group', 'endgroup']
    ]
  }

  it.each(Object.entries(CHANNELS))('%s writes only its own commands', (_name, [print, own]) => {
    fc.assert(
      fc.property(outsideText, text => {
        written = ''
        print(text)
        expect(commandsIn(written)).toEqual(own)
      }),
      { numRuns: 150 }
    )
    process.exitCode = undefined
  })
})
