// Decodes `Content-Encoding: aws-chunked` request bodies. SDK v3 sends them
// for S3 uploads when it adds a trailing checksum (the default since 2025):
//   <hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailer-lines>\r\n\r\n
// The decoded payload is what S3 stores; the trailers carry the checksum.

export interface DecodedChunks {
  payload: Buffer
  trailers: Record<string, string>
}

export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = String(headers['content-encoding'] ?? '')
  const sha = String(headers['x-amz-content-sha256'] ?? '')
  return encoding.split(',').some(part => part.trim() === 'aws-chunked') || sha.startsWith('STREAMING-')
}

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const chunks: Buffer[] = []
  const trailers: Record<string, string> = {}
  let offset = 0
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset)
    if (lineEnd < 0) throw new Error('aws-chunked body ended inside a chunk header')
    const header = body.subarray(offset, lineEnd).toString('latin1')
    const size = parseInt(header.split(';')[0] ?? '', 16)
    if (!Number.isFinite(size)) throw new Error(`aws-chunked: bad chunk header "${header}"`)
    offset = lineEnd + 2
    if (size === 0) break
    if (offset + size > body.length) throw new Error('aws-chunked body shorter than its chunk sizes')
    chunks.push(body.subarray(offset, offset + size))
    offset += size + 2 // the chunk's trailing \r\n
  }
  for (const line of body.subarray(offset).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { payload: Buffer.concat(chunks), trailers }
}
