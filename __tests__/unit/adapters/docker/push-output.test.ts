import { describe, expect, it } from '@jest/globals'

import { statsFromKnownBlobs, statsFromPushOutput } from '../../../../src/adapters/docker/layer-stats.js'
import { parsePushOutput, shortDiffId } from '../../../../src/adapters/docker/push-output.js'

// Captured from `docker push` (CLI 20.10, daemon 20.10, non-TTY) on a fresh
// daemon after a one-line code change: base and dependency layers were in
// the registry, the code layer was uploaded.
const FRESH_RUNNER_PUSH = `The push refers to repository [127.0.0.1:5099/exp/web]
99b69904a3d7: Preparing
52365bdec467: Preparing
1317dcab8e37: Preparing
52365bdec467: Layer already exists
1317dcab8e37: Layer already exists
99b69904a3d7: Pushed
c2: digest: sha256:35bf2dfaeb58ddb7fad4d1943656051ae56519e6afdc4f8803bf3fb9142fe433 size: 947
`
const DIFF_IDS = [
  'sha256:1317dcab8e37333a63201f47f59935e3b2e700c6bdcd143a9baab8fa920a9aed',
  'sha256:52365bdec467f3a5babfb17df45343e25bcd585938586e39f5559e572f829adf',
  'sha256:99b69904a3d7af606b74379aa5982f087449e62c37a4d47097b6c580e00d984b'
]
// The pushed manifest's layers (same order as the diff IDs).
const MANIFEST_LAYERS = [
  { digest: 'sha256:8de19a3ca3a5da79462af9c7000f3174c96aaad08925979019622fa198e2b2bc', size: 72112217 },
  { digest: 'sha256:e87b7e14a4fe18674f96aa5e9c226d801d798b99ddebf4c5868d35211dad4e72', size: 3001220 },
  { digest: 'sha256:06fcef1fc72b377f15f582456c06cdf7868a85b432f79141faef4169770f481c', size: 142 }
]

describe('parsePushOutput', () => {
  it('reads each layer status, the digest and the manifest size', () => {
    const output = parsePushOutput(FRESH_RUNNER_PUSH)
    expect(Object.fromEntries(output.layers)).toEqual({
      '99b69904a3d7': 'pushed',
      '52365bdec467': 'existing',
      '1317dcab8e37': 'existing'
    })
    expect(output.digest).toBe('sha256:35bf2dfaeb58ddb7fad4d1943656051ae56519e6afdc4f8803bf3fb9142fe433')
    expect(output.manifestSize).toBe(947)
  })

  it('counts a cross-repository mount as existing and ignores waiting lines', () => {
    const output = parsePushOutput(
      'aaaaaaaaaaaa: Waiting\naaaaaaaaaaaa: Mounted from puppies/worker\nbbbbbbbbbbbb: Pushed\n'
    )
    expect(Object.fromEntries(output.layers)).toEqual({ aaaaaaaaaaaa: 'existing', bbbbbbbbbbbb: 'pushed' })
    expect(output.digest).toBeUndefined()
  })

  it('shortens diff IDs the way docker push prints them', () => {
    expect(shortDiffId(DIFF_IDS[2] as string)).toBe('99b69904a3d7')
  })
})

describe('layer statistics', () => {
  it('adds up the compressed size of the pushed layers only', () => {
    expect(statsFromPushOutput(DIFF_IDS, MANIFEST_LAYERS, parsePushOutput(FRESH_RUNNER_PUSH))).toEqual({
      layersPushed: 1,
      layersExisting: 2,
      bytesPushed: 142
    })
  })

  it('does not fail a push whose manifest does not pair with the local image: counts from docker, said so', () => {
    expect(
      statsFromPushOutput(DIFF_IDS.slice(1), MANIFEST_LAYERS, parsePushOutput(FRESH_RUNNER_PUSH))
    ).toEqual({
      layersPushed: 1,
      layersExisting: 2,
      bytesPushed: 0,
      inexact:
        'the pushed manifest has 3 layers but the local image has 2; ' +
        'layer counts are from docker push, bytes uploaded are not counted'
    })
  })

  it('for buildx, counts layers whose blob the registry held before as existing', () => {
    const before = new Set([MANIFEST_LAYERS[0]?.digest as string, MANIFEST_LAYERS[1]?.digest as string])
    expect(statsFromKnownBlobs(MANIFEST_LAYERS, before)).toEqual({
      layersPushed: 1,
      layersExisting: 2,
      bytesPushed: 142
    })
  })
})
