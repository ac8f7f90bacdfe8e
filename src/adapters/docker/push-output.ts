// Pure parser of `docker push` output (non-TTY form, as on CI runners):
//   1317dcab8e37: Preparing
//   52365bdec467: Layer already exists
//   99b69904a3d7: Pushed
//   c2: digest: sha256:35bf…e433 size: 947
// Layer IDs are the first 12 hex digits of the layer's diff ID (uncompressed
// digest), not of the blob digest in the manifest.

export type LayerPushStatus = 'pushed' | 'existing'

export interface PushOutput {
  /** Short diff ID → what happened to that layer. */
  layers: Map<string, LayerPushStatus>
  digest?: string
  manifestSize?: number
}

const LAYER_LINE = /^([0-9a-f]{12}): (Pushed|Layer already exists|Mounted from \S+)\s*$/
const DIGEST_LINE = /^\S+: digest: (sha256:[0-9a-f]{64}) size: (\d+)\s*$/

export function parsePushOutput(output: string): PushOutput {
  const result: PushOutput = { layers: new Map() }
  for (const rawLine of output.split('\n')) {
    const line = rawLine.trim()
    const layer = LAYER_LINE.exec(line)
    if (layer?.[1] && layer[2]) {
      // A cross-repository mount transfers no bytes either.
      result.layers.set(layer[1], layer[2] === 'Pushed' ? 'pushed' : 'existing')
      continue
    }
    const digest = DIGEST_LINE.exec(line)
    if (digest?.[1]) {
      result.digest = digest[1]
      result.manifestSize = Number(digest[2])
    }
  }
  return result
}

export function shortDiffId(diffId: string): string {
  return diffId.replace(/^sha256:/, '').slice(0, 12)
}
