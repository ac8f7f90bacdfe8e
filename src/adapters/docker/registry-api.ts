// Registry-side shapes the build stage and the ECR adapter share: how to reach
// the registry (what `docker login` used), repository settings, an image a tag
// names, and the layers of a pushed image manifest.

export interface RegistryAccess {
  /** host[:port] as used in image references, e.g. 123.dkr.ecr.eu-west-1.amazonaws.com. */
  host: string
  /** ECR's proxyEndpoint, e.g. https://123.dkr.ecr.eu-west-1.amazonaws.com. */
  endpoint: string
  username: string
  password: string
}

export type TagMutability = 'MUTABLE' | 'IMMUTABLE'

export interface RepositorySettings {
  tagMutability: TagMutability
  /** How many images the lifecycle policy keeps besides the cache image. */
  keepImages: number
  /** The moving build-cache tag, exempt from expiry and from tag immutability. */
  cacheTag: string
}

export interface ExistingImage {
  digest: string
  tags: string[]
}

export interface ManifestLayer {
  digest: string
  size: number
}

export interface Manifest {
  digest: string
  mediaType: string
  layers: ManifestLayer[]
}

/** The media types of a single-platform image manifest, the only kind ECS runs by digest. */
export const IMAGE_MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json'
]

interface ManifestJson {
  mediaType?: string
  layers?: { digest?: string; size?: number }[]
}

/** Pure: the layers of an image manifest document. */
export function parseManifest(body: string, digest: string, mediaType?: string): Manifest {
  const json = JSON.parse(body) as ManifestJson
  return {
    digest,
    mediaType: json.mediaType ?? mediaType ?? '',
    layers: (json.layers ?? []).map(layer => ({ digest: layer.digest ?? '', size: layer.size ?? 0 }))
  }
}
