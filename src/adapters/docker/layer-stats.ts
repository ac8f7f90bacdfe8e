// Pure: what a push cost, from the pushed manifest's layer sizes (compressed
// bytes, what really crossed the network) and what the pusher reported.

import { shortDiffId, type PushOutput } from './push-output.js'
import type { ManifestLayer } from './registry-api.js'

export interface LayerStats {
  layersPushed: number
  layersExisting: number
  bytesPushed: number
}

/** Statistics that could not be paired layer by layer: why, for a warning beside the push's result. */
export interface InexactLayerStats extends LayerStats {
  inexact?: string
}

/**
 * For `docker push`: layer i of the manifest is diff ID i of the local image
 * (both exclude empty layers and list the base first).
 *
 * The numbers are a metric, never a reason to fail a push that succeeded: when the two lists differ in length
 * the pairing is lost, so the counts come from docker's own per-layer lines and the bytes are not counted.
 */
export function statsFromPushOutput(
  diffIds: string[],
  manifestLayers: ManifestLayer[],
  push: PushOutput
): InexactLayerStats {
  if (diffIds.length !== manifestLayers.length) {
    const layersPushed = [...push.layers.values()].filter(status => status === 'pushed').length
    return {
      layersPushed,
      layersExisting: Math.max(manifestLayers.length - layersPushed, 0),
      bytesPushed: 0,
      inexact:
        `the pushed manifest has ${manifestLayers.length} layers but the local image has ${diffIds.length}; ` +
        'layer counts are from docker push, bytes uploaded are not counted'
    }
  }
  const stats: LayerStats = { layersPushed: 0, layersExisting: 0, bytesPushed: 0 }
  manifestLayers.forEach((layer, index) => {
    const status = push.layers.get(shortDiffId(diffIds[index] ?? ''))
    if (status === 'pushed') {
      stats.layersPushed += 1
      stats.bytesPushed += layer.size
    } else {
      stats.layersExisting += 1
    }
  })
  return stats
}

/**
 * For buildx, which pushes by itself without per-layer output: a layer was
 * already in the registry when its blob was part of what the registry held
 * before the build (the previous cache manifest's blobs).
 */
export function statsFromKnownBlobs(manifestLayers: ManifestLayer[], blobsBefore: Set<string>): LayerStats {
  const stats: LayerStats = { layersPushed: 0, layersExisting: 0, bytesPushed: 0 }
  for (const layer of manifestLayers) {
    if (blobsBefore.has(layer.digest)) {
      stats.layersExisting += 1
    } else {
      stats.layersPushed += 1
      stats.bytesPushed += layer.size
    }
  }
  return stats
}
