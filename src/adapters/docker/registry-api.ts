// Reads manifests through the registry's HTTP API (Docker Registry v2, which
// ECR serves too). Basic authentication with the same user and password as
// `docker login` works for ECR (AWS + token) and for htpasswd registries.

export interface RegistryAccess {
  /** host[:port] as used in image references, e.g. 123.dkr.ecr.eu-west-1.amazonaws.com. */
  host: string
  /** Base URL of the registry API (ECR's proxyEndpoint), e.g. https://123.dkr.ecr.eu-west-1.amazonaws.com. */
  endpoint: string
  username: string
  password: string
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

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json'
]

interface ManifestJson {
  mediaType?: string
  layers?: { digest?: string; size?: number }[]
}

/** The single-platform manifest of `repository:reference`, or undefined when the registry has none. */
export async function fetchManifest(
  access: RegistryAccess,
  repository: string,
  reference: string
): Promise<Manifest | undefined> {
  const url = `${access.endpoint.replace(/\/+$/, '')}/v2/${repository}/manifests/${reference}`
  const authorization = Buffer.from(`${access.username}:${access.password}`).toString('base64')
  const response = await fetch(url, {
    headers: { Accept: MANIFEST_TYPES.join(', '), Authorization: `Basic ${authorization}` }
  })
  if (response.status === 404) return undefined
  if (!response.ok) {
    throw new Error(`registry answered ${response.status} for the manifest ${repository}:${reference}`)
  }
  const body = (await response.json()) as ManifestJson
  const digest = response.headers.get('docker-content-digest') ?? reference
  return {
    digest,
    mediaType: body.mediaType ?? response.headers.get('content-type') ?? '',
    layers: (body.layers ?? []).map(layer => ({ digest: layer.digest ?? '', size: layer.size ?? 0 }))
  }
}
