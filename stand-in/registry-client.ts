// Reads the registry through its HTTP API v2, which is what the ECR image
// operations (DescribeImages, BatchGetImage, DeleteRepository force) are built on.

export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json'
]

export interface FetchedManifest {
  digest: string
  mediaType: string
  body: string
}

export class RegistryClient {
  private readonly authorization: string

  constructor(
    private readonly baseUrl: string,
    username: string,
    password: string
  ) {
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  }

  /** Tags of a repository; none when the registry has never seen it. */
  async listTags(repository: string): Promise<string[]> {
    const response = await this.request('GET', `/v2/${repository}/tags/list`)
    if (response.status === 404) return []
    await this.expectOk(response, `list tags of ${repository}`)
    const body = (await response.json()) as { tags?: string[] | null }
    return body.tags ?? []
  }

  async getManifest(
    repository: string,
    reference: string,
    accept: string[] = MANIFEST_MEDIA_TYPES
  ): Promise<FetchedManifest | undefined> {
    const response = await this.request('GET', `/v2/${repository}/manifests/${reference}`, {
      accept: accept.join(', ')
    })
    if (response.status === 404) return undefined
    await this.expectOk(response, `get manifest ${repository}:${reference}`)
    return {
      digest: response.headers.get('docker-content-digest') ?? '',
      mediaType: (response.headers.get('content-type') ?? '').split(';')[0] ?? '',
      body: await response.text()
    }
  }

  async deleteManifest(repository: string, digest: string): Promise<void> {
    const response = await this.request('DELETE', `/v2/${repository}/manifests/${digest}`)
    if (response.status !== 404) await this.expectOk(response, `delete manifest ${repository}@${digest}`)
  }

  private request(method: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: this.authorization, ...headers }
    })
  }

  private async expectOk(response: Response, what: string): Promise<void> {
    if (!response.ok)
      throw new Error(`registry: could not ${what}: HTTP ${response.status} ${await response.text()}`)
  }
}

/** imageSizeInBytes as ECR reports it: the compressed layers plus config of a manifest, or the sum of an index's entries. */
export function manifestSize(body: string): number {
  const manifest = JSON.parse(body) as {
    config?: { size?: number }
    layers?: { size?: number }[]
    manifests?: { size?: number }[]
  }
  const sizes = [manifest.config, ...(manifest.layers ?? []), ...(manifest.manifests ?? [])]
  return sizes.reduce((total, entry) => total + (entry?.size ?? 0), 0)
}
