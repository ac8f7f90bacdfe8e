// Reads the SigV4 credential scope to learn which service a request is for.
// Signatures are deliberately not verified: the stand-in accepts any signer.
// Scope format: Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request

export interface CredentialScope {
  accessKeyId: string
  region: string
  service: string
}

export function parseCredentialScope(authorization: string | undefined): CredentialScope | undefined {
  if (!authorization?.startsWith('AWS4-HMAC-SHA256')) return undefined
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization)
  if (!match) return undefined
  const [, accessKeyId, region, service] = match
  return { accessKeyId: accessKeyId as string, region: region as string, service: service as string }
}

/** Presigned URLs carry the scope in the query string instead of the header. */
export function parseQueryCredentialScope(searchParams: URLSearchParams): CredentialScope | undefined {
  const credential = searchParams.get('X-Amz-Credential')
  if (!credential) return undefined
  const [accessKeyId, , region, service] = credential.split('/')
  if (!accessKeyId || !region || !service) return undefined
  return { accessKeyId, region, service }
}
