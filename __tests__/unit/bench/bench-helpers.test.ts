// The benchmark's own parsing and argv: a wrong figure here would be reported as a measurement.
import { describe, expect, it } from '@jest/globals'

import { stepSeconds } from '../../../bench/lib/buildkit-log.js'
import { peerCommands, PEER_CACHE_TAG } from '../../../bench/lib/peer-pipelines.js'

const plain = [
  '#5 [base 2/3] RUN apt-get update',
  '#5 DONE 38.3s',
  "#11 [build 3/6] RUN echo 'deb-src http://deb.debian.org/debian bookworm main' > /etc/apt/sources.list.d/x",
  '#11 20.07 Download complete and in download only mode',
  '#11 DONE 55.2s',
  '#12 [build 4/6] RUN gems=…',
  '#12 DONE 58.3s'
].join('\n')

describe('stepSeconds', () => {
  it('reads the DONE line of the step whose command has the marker', () => {
    expect(stepSeconds(plain, 'deb-src')).toBe(55.2)
  })

  it('is NaN when the step came from the cache, not a later step that reuses its number', () => {
    const log = [
      '#11 [build 3/6] RUN echo deb-src',
      '#11 CACHED',
      '#11 [nginx 2/3] COPY x',
      '#11 DONE 3.0s'
    ].join('\n')
    expect(stepSeconds(log, 'deb-src')).toBeNaN()
  })

  it('keeps to one image in a log where images build at the same time and share step numbers', () => {
    const log = [
      '[web] #11 [build 3/6] RUN echo deb-src',
      '[nginx] #11 [2/3] RUN apt-get install nginx',
      '[nginx] #11 DONE 2.0s',
      '[web] #11 DONE 7.5s'
    ].join('\n')
    expect(stepSeconds(log, 'deb-src', 'web')).toBe(7.5)
  })

  it('is NaN when no step has the marker', () => {
    expect(stepSeconds(plain, 'no such command')).toBeNaN()
  })
})

describe('peerCommands', () => {
  const image = { repository: 'team/web', dockerfile: 'Dockerfile' }
  const tag = '127.0.0.1:5000/team/web:peer-1'
  const cacheRef = `127.0.0.1:5000/team/web:${PEER_CACHE_TAG}`

  it('naive: builds with no cache, then pushes', () => {
    const commands = peerCommands('naive', { env: {}, buildx: false }, image, tag, '/app')
    expect(commands).toEqual([
      ['build', '--no-cache', '--progress=plain', '-f', '/app/Dockerfile', '-t', tag, '/app'],
      ['push', tag]
    ])
  })

  it('naive with buildx: no provenance attestation, so the push is a plain image manifest', () => {
    const [build] = peerCommands('naive', { env: {}, buildx: true }, image, tag, '/app')
    expect(build).toContain('--provenance=false')
  })

  it('best practice with buildx: one build that pushes, with a registry cache mode=max ECR accepts', () => {
    const [build, ...rest] = peerCommands('best-practice', { env: {}, buildx: true }, image, tag, '/app')
    expect(rest).toEqual([])
    expect(build?.slice(0, 2)).toEqual(['buildx', 'build'])
    expect(build).toContain('--push')
    expect(build).toContain('--provenance=false')
    expect(build).toContain(`type=registry,ref=${cacheRef}`)
    expect(build).toContain(`type=registry,ref=${cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`)
  })

  it('best practice without buildx: the inline cache from the cache tag, and both tags pushed', () => {
    const commands = peerCommands('best-practice', { env: {}, buildx: false }, image, tag, '/app')
    expect(commands[0]).toEqual(expect.arrayContaining(['--cache-from', cacheRef, 'BUILDKIT_INLINE_CACHE=1']))
    expect(commands.slice(1)).toEqual([
      ['push', tag],
      ['push', cacheRef]
    ])
  })
})
