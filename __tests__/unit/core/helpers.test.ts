import { describe, expect, it } from '@jest/globals'
import {
  backingRoleOf,
  managedUrl,
  mentionsService,
  rewriteBackingReference
} from '../../../src/core/backing.js'
import { parseDotenv } from '../../../src/core/compose/dotenv.js'
import { interpolate, soleReference } from '../../../src/core/compose/interpolate.js'
import { parseByteValue, toMiB } from '../../../src/core/compose/memory.js'
import type { ComposeService } from '../../../src/core/compose/model.js'
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
import type { BackingReplacement } from '../../../src/core/plan-types.js'

describe('parseDuration', () => {
  it.each<[string, number | undefined]>([
    ['20m', 1_200_000],
    ['900s', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1500ms', 1500],
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
      'not a line',
      'dotted.key=1',
      'CRLF=yes\r'
    ].join('\n')
    expect(parseDotenv(text)).toEqual({
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
      CRLF: 'yes'
    })
  })
})

describe('interpolate', () => {
  const variables = { SET: 'value', EMPTY: '', PORT: '8080' }
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
    ['${UNSET:-a-b:c}', 'a-b:c'],
    ['$$', '$'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost: $5', 'cost: $5'],
    ['${SET:?missing}', 'value'],
    ['${EMPTY?missing}', '']
  ])('%s', (text, expected) => expect(interpolate(text, variables, 'where')).toBe(expected))

  it.each([
    ['${UNSET:?UNSET must be set}', 'where: required variable UNSET is missing a value: UNSET must be set'],
    ['${EMPTY:?}', 'where: required variable EMPTY is missing a value'],
    ['${UNSET?no}', 'where: required variable UNSET is missing a value: no'],
    ['${BAD NAME}', 'where: invalid interpolation "${BAD NAME}"'],
    ['${}', 'where: invalid interpolation "${}"']
  ])('refuses %s', (text, message) => {
    expect(() => interpolate(text, variables, 'where')).toThrow(message)
  })

  it.each<[string, string | undefined]>([
    ['${FOO}', 'FOO'],
    ['$FOO', 'FOO'],
    ['${FOO}x', undefined],
    ['${FOO:-x}', undefined],
    ['FOO', undefined]
  ])('soleReference(%s) → %p', (text, name) => expect(soleReference(text)).toBe(name))
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

describe('backing services', () => {
  const service = (name: string, image?: string, build = false): ComposeService => ({
    name,
    ...(image !== undefined && { image }),
    ...(build && { build: { context: '.', dockerfile: 'Dockerfile', args: {} } }),
    environment: {},
    ports: [],
    links: [],
    dependsOn: [],
    volumes: [],
    profiles: [],
    templateOnly: false,
    ignoredKeys: []
  })

  it.each<[string, string | undefined, boolean, string | undefined]>([
    ['db', 'postgres:15', false, 'database'],
    ['database', 'postgres:16-alpine', false, 'database'],
    ['anything', 'postgis/postgis:16-3.4', false, 'database'],
    ['mysql', 'mysql:8', false, 'database'],
    ['maria', 'mariadb:11', false, 'database'],
    ['cache', 'bitnami/redis:7.2', false, 'cache'],
    ['queue', 'redis@sha256:abc', false, 'cache'],
    ['kv', 'valkey/valkey:8', false, 'cache'],
    ['pg', undefined, false, 'database'],
    ['redis', undefined, false, 'cache'],
    ['db', undefined, true, 'database'],
    ['db', 'acme/custom-pg:1', false, 'database'],
    ['db', 'acme/db-image', true, undefined],
    ['web', 'acme/postgres-exporter:1', false, undefined],
    ['web', 'acme/redisinsight:2', false, undefined],
    ['web', undefined, true, undefined]
  ])('%s (image %s, build %s) → %p', (name, image, build, role) => {
    expect(backingRoleOf(service(name, image, build))).toBe(role)
  })

  const endpoint = { host: 'prod.rds.amazonaws.com', port: 5432 }
  it.each<[string, string | undefined]>([
    ['db', 'prod.rds.amazonaws.com'],
    ['db:5432', 'prod.rds.amazonaws.com:5432'],
    [
      'postgres://app:secret@db:5432/app?sslmode=require',
      'postgres://app@prod.rds.amazonaws.com:5432/app?sslmode=require'
    ],
    ['postgres://db/app', 'postgres://prod.rds.amazonaws.com:5432/app'],
    [
      'postgres://app@db/app?password=secret&sslmode=require&sslpassword=x',
      'postgres://app@prod.rds.amazonaws.com:5432/app?sslmode=require'
    ],
    ['dbx', undefined],
    ['postgres://app@other:5432/app', undefined],
    ['production', undefined]
  ])('rewriteBackingReference(%s)', (value, rewritten) => {
    expect(rewriteBackingReference(value, 'db', endpoint)).toBe(rewritten)
  })

  it.each<[string, boolean]>([
    ['db', true],
    ['db:5432', true],
    ['redis://db:6379', true],
    ['mydb', false],
    ['db.example.com', false]
  ])('mentionsService(%s, db) → %p', (value, mentioned) =>
    expect(mentionsService(value, 'db')).toBe(mentioned)
  )

  const database = (devUrl?: string): BackingReplacement => ({
    role: 'database',
    composeService: 'db',
    envName: 'DATABASE_URL',
    source: { kind: 'rds', id: 'prod' },
    ...(devUrl !== undefined && { devUrl })
  })
  const cache = (devUrl?: string): BackingReplacement => ({
    ...database(devUrl),
    role: 'cache',
    envName: 'REDIS_URL'
  })

  it.each<[string, BackingReplacement, Parameters<typeof managedUrl>[1], string]>([
    [
      'drops the dev password, keeps user and database',
      database('postgres://puppies:puppies@db:5432/puppies'),
      endpoint,
      'postgres://puppies@prod.rds.amazonaws.com:5432/puppies'
    ],
    [
      'prefers the RDS master user and database name',
      database('postgresql://dev:dev@db/dev_db?pool=5'),
      { ...endpoint, username: 'admin', databaseName: 'prod_db' },
      'postgresql://admin@prod.rds.amazonaws.com:5432/prod_db?pool=5'
    ],
    [
      'drops a password given in the query',
      database('postgres://puppies@db:5432/puppies?password=puppies&pool=5'),
      endpoint,
      'postgres://puppies@prod.rds.amazonaws.com:5432/puppies?pool=5'
    ],
    [
      'defaults to postgres without a dev URL',
      database(),
      endpoint,
      'postgres://prod.rds.amazonaws.com:5432'
    ],
    [
      'encodes a user with special characters',
      database(),
      { ...endpoint, username: 'app@corp' },
      'postgres://app%40corp@prod.rds.amazonaws.com:5432'
    ],
    [
      'keeps the redis database number',
      cache('redis://redis:6379/2'),
      { host: 'c.cache.amazonaws.com', port: 6379 },
      'redis://c.cache.amazonaws.com:6379/2'
    ],
    [
      'switches to rediss for in-transit encryption',
      cache('redis://redis:6379/0'),
      { host: 'c.cache.amazonaws.com', port: 6379, tls: true },
      'rediss://c.cache.amazonaws.com:6379/0'
    ],
    ['defaults to redis without a dev URL', cache(), { host: 'c', port: 6379 }, 'redis://c:6379']
  ])('managedUrl %s', (_case, replacement, target, url) => {
    expect(managedUrl(replacement, target)).toBe(url)
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
