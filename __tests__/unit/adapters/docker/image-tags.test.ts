import { describe, expect, it } from '@jest/globals'

import { imageTags, ociLabels, toDockerTag } from '../../../../src/adapters/docker/image-tags.js'
import { dockerfileStages } from '../../../../src/adapters/docker/build-context.js'

describe('image tags', () => {
  it.each([
    ['abc123', 'abc123', ['abc123']],
    ['abc123', 'v42', ['abc123', 'v42']],
    ['abc123', 'release/2024 #7', ['abc123', 'release-2024--7']],
    ['abc123', '', ['abc123']]
  ])('%s + %s → %j', (sha, label, expected) => {
    expect(imageTags(sha, label)).toEqual(expected)
  })

  it('names the architecture of an image for another platform than linux/amd64 in each tag', () => {
    expect(imageTags('abc123', 'v42', 'linux/arm64')).toEqual(['abc123-arm64', 'v42-arm64'])
    expect(imageTags('abc123', 'v42', 'linux/amd64')).toEqual(['abc123', 'v42'])
    const [long] = imageTags('a'.repeat(200), '', 'linux/arm64')
    expect(long).toHaveLength(128)
    expect(long?.endsWith('-arm64')).toBe(true)
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
