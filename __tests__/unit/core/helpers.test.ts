import { describe, expect, it } from '@jest/globals'
import { parseByteValue, toMiB } from '../../../src/core/compose/memory.js'
import { shellWords } from '../../../src/core/compose/shell-words.js'
import { formatDuration, parseDuration } from '../../../src/core/duration.js'
import {
  applicationNameProblem,
  environmentNameProblem,
  regionProblem,
  repositoryNameProblem,
  toRepositoryPrefix,
  versionLabelProblem
} from '../../../src/core/names.js'

describe('parseDuration', () => {
  it.each<[string, number | undefined]>([
    ['20m', 1_200_000],
    ['900s', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1500ms', 1500],
    ['1m30s', 90_000],
    ['250000us', 250],
    ['1.5m', 90_000],
    ['600', 600_000],
    [' 45s ', 45_000],
    ['soon', undefined],
    ['10 minutes', undefined],
    ['10m extra', undefined],
    ['m', undefined],
    ['', undefined],
    ['-5m', undefined]
  ])('%j → %p', (text, ms) => expect(parseDuration(text)).toBe(ms))
})

describe('formatDuration', () => {
  it.each([
    [45_000, '45s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [1_200_000, '20m']
  ])('%p ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text))
})

describe('shellWords', () => {
  it.each<[string, string[]]>([
    ['bin/web', ['bin/web']],
    ['  bundle   exec  puma ', ['bundle', 'exec', 'puma']],
    [`rails s -b "0.0.0.0" -p '3000'`, ['rails', 's', '-b', '0.0.0.0', '-p', '3000']],
    [`sh -c 'echo "$HOME" && exec "$@"'`, ['sh', '-c', 'echo "$HOME" && exec "$@"']],
    [`echo "a \\"quoted\\" \\$word"`, ['echo', 'a "quoted" $word']],
    [`echo "keep \\n backslash"`, ['echo', 'keep \\n backslash']],
    ['a\\ b c', ['a b', 'c']],
    [`x '' ""`, ['x', '', '']],
    [`pre"mid"'end'`, ['premidend']],
    ['', []]
  ])('%s', (text, words) => expect(shellWords(text, 'command')).toEqual(words))

  it.each([`echo "open`, `echo 'open`])('refuses an unterminated quote in %s', text => {
    expect(() => shellWords(text, 'service "web" command')).toThrow(
      /^service "web" command: unterminated . quote/
    )
  })
})

describe('memory sizes', () => {
  it.each<[unknown, number]>([
    [536870912, 536870912],
    ['512m', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['512mb', 512 * 1024 ** 2],
    ['512MB', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1GB', 1024 ** 3],
    ['64k', 64 * 1024],
    ['1t', 1024 ** 4],
    ['100', 100],
    ['100b', 100]
  ])('%p bytes', (value, bytes) => expect(parseByteValue(value, 'mem_limit')).toBe(bytes))

  it.each([['lots'], ['-1m'], [-1], [null], ['1.5 gigs']])('refuses %p', value => {
    expect(() => parseByteValue(value, 'mem_limit')).toThrow(/is not a memory size/)
  })

  it('rounds up to whole MiB so a limit never tightens', () => {
    expect([toMiB(1), toMiB(1024 ** 2), toMiB(1024 ** 2 + 1)]).toEqual([1, 1, 2])
  })
})

describe('naming rules', () => {
  it.each<[string, boolean]>([
    ['prod', true],
    ['puppies-prod-2', true],
    ['e'.repeat(40), true],
    ['abc', false],
    ['e'.repeat(41), false],
    ['pup_prod', false],
    ['-prod', false],
    ['prod-', false]
  ])('environment name %s valid: %p', (name, valid) =>
    expect(environmentNameProblem(name) === undefined).toBe(valid)
  )

  it.each<[string, boolean]>([
    ['Puppies App', true],
    ['a', true],
    ['a'.repeat(100), true],
    ['', false],
    ['a'.repeat(101), false],
    ['acme/puppies', false],
    ['tab\there', false]
  ])('application name %j valid: %p', (name, valid) =>
    expect(applicationNameProblem(name) === undefined).toBe(valid)
  )

  it.each<[string, boolean]>([
    ['sha-0123456789ab', true],
    ['pr-17-abcdef', true],
    ['v1.2.3', true],
    ['_build', true],
    ['.hidden', false],
    ['-dash', false],
    ['release/1', false],
    ['with space', false],
    ['v'.repeat(101), false]
  ])('version label %s valid: %p', (label, valid) =>
    expect(versionLabelProblem(label) === undefined).toBe(valid)
  )

  it.each<[string, boolean]>([
    ['puppies', true],
    ['acme/puppies', true],
    ['a.b_c__d--e', true],
    ['a', false],
    ['Puppies', false],
    ['puppies/', false],
    ['a..b', false]
  ])('repository name %s valid: %p', (name, valid) =>
    expect(repositoryNameProblem(name) === undefined).toBe(valid)
  )

  it.each([
    ['Puppies App', 'puppies-app'],
    ['Puppies Co. (prod)', 'puppies-co-prod'],
    ['my_app', 'my_app'],
    ['x', 'app-x'],
    ['--Weird--', 'weird']
  ])('ECR prefix of %s is %s', (application, prefix) => {
    expect(toRepositoryPrefix(application)).toBe(prefix)
    expect(repositoryNameProblem(prefix)).toBeUndefined()
  })

  it.each<[string, boolean]>([
    ['us-east-1', true],
    ['eu-central-2', true],
    ['us-gov-west-1', true],
    ['ap-southeast-10', true],
    ['mars-1', false],
    ['US-EAST-1', false],
    ['us-east', false]
  ])('region %s valid: %p', (region, valid) => expect(regionProblem(region) === undefined).toBe(valid))
})
