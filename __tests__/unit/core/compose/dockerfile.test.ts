// What a Dockerfile copies into the image and what .dockerignore keeps out (src/core/compose/dockerfile.ts), on
// one multi-stage Dockerfile and one pattern list (mutation triage, issue 27 §6: its first run scored 56.9 %). The
// real builds that check the same rules against Docker are in __tests__/integration/dockerfile-oracle.test.ts.

import { describe, expect, it } from '@jest/globals'
import {
  imageContents,
  imagePathsOf,
  isIgnored,
  parseDockerignore,
  workdirOf
} from '../../../../src/core/compose/dockerfile.js'

const DOCKERFILE = [
  'ARG BASE=node:20',
  'FROM ${BASE} AS deps',
  'WORKDIR /app',
  'COPY package.json ./',
  'FROM deps AS build',
  'ARG OUT=dist',
  'COPY src/ src/',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY <<EOF /x',
  'hi',
  'EOF',
  'ADD https://example.com/f.tgz /opt/',
  'COPY ["conf/a.ini", "conf/b.ini", "/etc/app/"]',
  'COPY $UNDEFINED /y',
  'COPY static ${OUT}',
  'FROM build AS final',
  'WORKDIR sub',
  'COPY . .',
  'FROM alpine AS other',
  'COPY x y',
  'COPY x /abs/x',
  ''
].join('\n')

describe('.dockerignore', () => {
  it('lines trimmed; blank lines and comments left out (CRLF too)', () => {
    expect(parseDockerignore('# c\r\n node_modules \r\n\r\n!keep\n*.log\n')).toEqual([
      'node_modules',
      '!keep',
      '*.log'
    ])
  })

  const patterns = [
    'node_modules',
    '**/*.log',
    '!important.log',
    'docs/?',
    'tmp/[abc]x',
    'tmp/[!abc]y',
    '/abs',
    './rel',
    'deep/**/cache',
    '.'
  ]
  it.each<[string, boolean]>([
    ['node_modules', true],
    ['node_modules/x/y.js', true],
    ['a/b/c.log', true],
    ['c.log', true],
    ['important.log', false],
    ['docs/a', true],
    ['docs/ab', false],
    ['tmp/ax', true],
    ['tmp/dx', false],
    ['tmp/dy', true],
    ['tmp/ay', false],
    ['abs', true],
    ['abs/f', true],
    ['rel/f', true],
    ['deep/cache', true],
    ['deep/a/b/cache/f', true],
    ['src/app.js', false],
    ['./src/../node_modules/z', true]
  ])('%s ignored: %p', (path, ignored) => expect(isIgnored(path, patterns)).toBe(ignored))

  it('the last matching pattern decides', () => {
    expect(isIgnored('a.log', ['!a.log', '*.log'])).toBe(true)
    expect(isIgnored('a.log', ['*.log', '!a.log'])).toBe(false)
    expect(isIgnored('x/a.log', ['*.log'])).toBe(false)
    expect(isIgnored('a.txt', [])).toBe(false)
  })
})

describe('what the built stage copies', () => {
  it('the last stage by default: a relative destination under an outside image is unknown (not counted)', () => {
    expect(imageContents(DOCKERFILE, undefined, ['a'])).toEqual({
      copies: [{ sources: ['x'], destination: '/abs/x' }],
      ignore: ['a'],
      baseImage: 'alpine'
    })
  })

  it('a target with the stages it starts FROM: --from, heredocs, URLs and unknown variables bring nothing', () => {
    expect(imageContents(DOCKERFILE, 'final', [], { OUT: 'public' })).toEqual({
      copies: [
        { sources: ['package.json'], destination: '/app/' },
        { sources: ['src/'], destination: '/app/src/' },
        { sources: ['conf/a.ini', 'conf/b.ini'], destination: '/etc/app/' },
        { sources: ['static'], destination: '/app/public' },
        { sources: ['.'], destination: '/app/sub' }
      ],
      ignore: [],
      baseImage: 'node:20'
    })
    expect(imageContents(DOCKERFILE, 'nope', [])).toEqual({ copies: [], ignore: [] })
  })

  it('WORKDIR: relative to the one before; unknown in a stage FROM an outside image', () => {
    expect(workdirOf(DOCKERFILE, 'final')).toBe('/app/sub')
    expect(workdirOf(DOCKERFILE, 'deps')).toBe('/app')
    expect(workdirOf(DOCKERFILE, 'other')).toBeUndefined()
  })

  it('where the image holds a context path', () => {
    const contents = imageContents(DOCKERFILE, 'final', [])
    expect(imagePathsOf('package.json', contents)).toEqual([
      '/app/',
      '/app/package.json',
      '/app/sub/package.json'
    ])
    expect(imagePathsOf('src/app.js', contents)).toEqual(['/app/src/app.js', '/app/sub/src/app.js'])
    expect(imagePathsOf('src', contents)).toContain('/app/src/')
    expect(imagePathsOf('conf/a.ini', contents)).toEqual([
      '/etc/app/',
      '/etc/app/a.ini',
      '/app/sub/conf/a.ini'
    ])
    expect(imagePathsOf('static', contents)).toEqual(['/app/dist', '/app/sub/static'])
    expect(imagePathsOf('static/x.css', contents)).toEqual(['/app/dist/x.css', '/app/sub/static/x.css'])
    expect(imagePathsOf('other.txt', contents)).toEqual(['/app/sub/other.txt'])
    expect(imagePathsOf('.', contents)).toEqual(['/app/sub'])
    expect(imagePathsOf('x', imageContents(DOCKERFILE, 'other', []))).toEqual(['/abs/x'])
  })

  it('a glob source puts each match in the destination folder', () => {
    const contents = imageContents('FROM alpine\nCOPY *.ini /etc/app/\n', undefined, [])
    expect(imagePathsOf('a.ini', contents)).toEqual(['/etc/app/', '/etc/app/a.ini'])
    expect(imagePathsOf('dir/a.ini', contents)).toEqual([])
  })
})
