import { describe, expect, it } from '@jest/globals'

import { imageTags, ociLabels, toDockerTag } from '../../../src/adapters/docker/image-tags.js'
import { dockerfileStages } from '../../../src/adapters/docker/build-context.js'

describe('image tags', () => {
  it.each([
    ['abc123', 'abc123', ['abc123']],
    ['abc123', 'v42', ['abc123', 'v42']],
    ['abc123', 'release/2024 #7', ['abc123', 'release-2024--7']],
    ['abc123', '', ['abc123']]
  ])('%s + %s → %j', (sha, label, expected) => {
    expect(imageTags(sha, label)).toEqual(expected)
  })

  it('drops leading dots and dashes and caps the length at 128', () => {
    expect(toDockerTag('-.x')).toBe('x')
    expect(toDockerTag('a'.repeat(200))).toHaveLength(128)
  })

  it('labels the image with its source only: no time, no commit, so an unchanged image keeps its digest', () => {
    expect(ociLabels('https://github.com/o/r')).toEqual({
      'org.opencontainers.image.source': 'https://github.com/o/r'
    })
    expect(ociLabels()).toEqual({})
  })
})

describe('dockerfileStages', () => {
  it('lists named stages, including platform flags and split lines', () => {
    const dockerfile = [
      'FROM ruby:3.3-slim AS Base',
      'RUN true',
      'FROM --platform=$BUILDPLATFORM base as build',
      'FROM base \\',
      '  AS production',
      'FROM scratch'
    ].join('\n')
    expect(dockerfileStages(dockerfile)).toEqual(['base', 'build', 'production'])
  })
})
