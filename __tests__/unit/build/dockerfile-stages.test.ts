import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { stagesToCache } from '../../../src/build/dockerfile-stages.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

describe('stagesToCache: the stages an inline cache of the target cannot hold', () => {
  it('names the build stage of the example (rails new shape): copied from, not built FROM', async () => {
    const dockerfile = await readFile(path.join(root, 'examples/puppies/Dockerfile'), 'utf8')
    expect(stagesToCache(dockerfile)).toEqual(['build'])
  })

  it('names nothing for a single-stage file or a target built FROM its only other stage', () => {
    expect(stagesToCache('FROM debian\nRUN true\n')).toEqual([])
    expect(stagesToCache('FROM debian AS base\nRUN x\nFROM base AS app\nCOPY . /app\n', 'app')).toEqual([])
  })

  it('follows the target, not the last stage, and leaves out stages the target does not need', () => {
    const dockerfile = [
      'FROM node:20 AS assets',
      'RUN npm ci',
      'FROM golang AS tools',
      'RUN go build',
      'FROM debian AS prod',
      'COPY --from=assets /out /srv',
      'FROM prod AS dev',
      'COPY --from=tools /go/bin /usr/local/bin'
    ].join('\n')
    expect(stagesToCache(dockerfile, 'prod')).toEqual(['assets'])
    expect(stagesToCache(dockerfile, 'PROD')).toEqual(['assets'])
    expect(stagesToCache(dockerfile)).toEqual(['assets', 'tools'])
    expect(stagesToCache(dockerfile, 'missing')).toEqual([])
  })

  it('reads COPY --from by name or index, RUN --mount from=, continuations and flags; ignores outside images', () => {
    const dockerfile = [
      '# syntax=docker/dockerfile:1',
      'FROM --platform=$BUILDPLATFORM debian AS Deps',
      'RUN make',
      'FROM debian AS gems',
      'FROM deps AS compiled',
      'RUN make more',
      'FROM debian',
      'RUN --mount=type=bind,from=gems,source=/g,target=/g \\',
      '    cp -r /g /usr/local',
      'COPY --from=2 --chown=app /x /x',
      'COPY --from=nginx:1.27 /etc/nginx /etc/nginx'
    ].join('\n')
    expect(stagesToCache(dockerfile)).toEqual(['gems', 'compiled'])
  })

  it('leaves out an unnamed stage (--target needs a name)', () => {
    expect(stagesToCache('FROM debian\nRUN make\nFROM debian\nCOPY --from=0 /a /a\n')).toEqual([])
  })
})
