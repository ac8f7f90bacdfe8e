// S3 REST-XML front end over DiskObjectStore: resolves path-style
// (`/bucket/key`) and virtual-hosted (`Host: bucket.localhost:PORT`) requests
// into an operation, then answers with S3's own status codes, headers and XML.
// Error codes and texts: the S3 API Reference's list of error codes, except
// NotImplemented answers, which are the stand-in's own (operations it does not model).

import { createHash } from 'node:crypto'
import { escapeXml, NamedList, toXml, type XmlValue } from '../protocols/xml.js'
import { decodeAwsChunked, isAwsChunked } from '../protocols/aws-chunked.js'
import { AwsError } from '../errors.js'
import { headerValue, type StandInRequest, type StandInResponse } from '../http.js'
import type { StoredObject } from '../context.js'
import type { CompletedPart, DiskObjectStore } from './s3-store.js'

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/'
/** Hosts whose subdomains are bucket names (virtual-hosted addressing against the stand-in). */
const LOOPBACK_HOST_SUFFIXES = ['.localhost', '.127.0.0.1']

export interface S3Route {
  operation: string
  bucket?: string
  key?: string
}

export function routeS3(request: StandInRequest): S3Route {
  const { bucket, key } = bucketAndKey(request)
  const query = request.url.searchParams
  const method = request.method
  if (!bucket) return { operation: method === 'GET' ? 'ListBuckets' : 'Unsupported' }
  if (key === undefined) {
    const bucketOperations: Record<string, string> = {
      PUT: 'CreateBucket',
      HEAD: 'HeadBucket',
      DELETE: 'DeleteBucket',
      GET:
        query.get('list-type') === '2'
          ? 'ListObjectsV2'
          : query.has('location')
            ? 'GetBucketLocation'
            : 'ListObjects'
    }
    return { operation: bucketOperations[method] ?? 'Unsupported', bucket }
  }
  let operation = 'Unsupported'
  if (method === 'PUT') operation = query.has('uploadId') ? 'UploadPart' : 'PutObject'
  else if (method === 'POST' && query.has('uploads')) operation = 'CreateMultipartUpload'
  else if (method === 'POST' && query.has('uploadId')) operation = 'CompleteMultipartUpload'
  else if (method === 'DELETE') operation = query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject'
  else if (method === 'GET') operation = 'GetObject'
  else if (method === 'HEAD') operation = 'HeadObject'
  return { operation, bucket, key }
}

function bucketAndKey(request: StandInRequest): { bucket?: string | undefined; key?: string | undefined } {
  const host = (headerValue(request.headers, 'host') ?? '').replace(/:\d+$/, '')
  const suffix = LOOPBACK_HOST_SUFFIXES.find(
    candidate => host.endsWith(candidate) && host.length > candidate.length
  )
  const path = request.url.pathname
  if (suffix) {
    const key = decodeURIComponent(path.slice(1))
    return { bucket: host.slice(0, -suffix.length), key: key === '' ? undefined : key }
  }
  const slash = path.indexOf('/', 1)
  if (slash < 0) {
    const bucket = decodeURIComponent(path.slice(1))
    return { bucket: bucket === '' ? undefined : bucket }
  }
  const key = decodeURIComponent(path.slice(slash + 1))
  return { bucket: decodeURIComponent(path.slice(1, slash)), key: key === '' ? undefined : key }
}

/** `content` may be pre-rendered XML, for S3's flattened lists (repeated `<Contents>` without a wrapper). */
function xmlResponse(root: string, content: XmlValue, status = 200): StandInResponse {
  const inner = typeof content === 'string' ? content : toXml(content)
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_XMLNS}">${inner}</${root}>`
  return { status, headers: { 'content-type': 'application/xml' }, body }
}

export function s3ErrorResponse(
  error: AwsError,
  request: StandInRequest,
  requestId: string
): StandInResponse {
  // HEAD responses have no body, so the SDK only sees the status (404 → NotFound).
  if (request.method === 'HEAD') return { status: error.status }
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message><Resource>${escapeXml(request.url.pathname)}</Resource>` +
    `<RequestId>${requestId}</RequestId></Error>`
  return { status: error.status, headers: { 'content-type': 'application/xml' }, body }
}

function userMetadata(request: StandInRequest): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value
  }
  return metadata
}

function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'content-length': String(object.body.length),
    'content-type': object.contentType ?? 'binary/octet-stream',
    'accept-ranges': 'bytes'
  }
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value
  return headers
}

/**
 * The payload as S3 stores it: aws-chunked framing (trailing checksums) removed,
 * checked against Content-MD5 when the client sent one. Codes and texts from
 * the S3 API Reference, "Error responses" (BadDigest, InvalidDigest).
 */
function payloadOf(request: StandInRequest): Buffer {
  const payload = isAwsChunked(request.headers) ? decodeAwsChunked(request.body).payload : request.body
  const contentMd5 = headerValue(request.headers, 'content-md5')
  if (contentMd5 !== undefined) {
    const claimed = Buffer.from(contentMd5, 'base64')
    if (claimed.length !== 16 || claimed.toString('base64') !== contentMd5.trim())
      throw new AwsError('InvalidDigest', 'The Content-MD5 you specified is not valid.')
    if (!claimed.equals(createHash('md5').update(payload).digest()))
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.')
  }
  return payload
}

/**
 * One `bytes=` range of RFC 9110 against an object of `size` bytes: the
 * inclusive [start, end], 'unsatisfiable', or undefined when the header is
 * absent or not one plain range (S3 then sends the whole object: "Amazon S3
 * doesn't support retrieving multiple ranges of data per GET request", GetObject).
 */
export function parseRange(
  header: string | undefined,
  size: number
): [number, number] | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0) return 'unsatisfiable'
    return [Math.max(0, size - suffix), size - 1]
  }
  const start = Number(first)
  if (start >= size) return 'unsatisfiable'
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return end < start ? undefined : [start, end]
}

function parseCompletedParts(xml: string): CompletedPart[] {
  const parts: CompletedPart[] = []
  for (const [, part] of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const partNumber = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(part ?? '')?.[1]
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(part ?? '')?.[1]
    if (!partNumber || etag === undefined) {
      throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate.')
    }
    parts.push({ partNumber: Number(partNumber), etag: etag.replace(/&quot;/g, '"').trim() })
  }
  return parts
}

export class S3Service {
  constructor(private readonly store: DiskObjectStore) {}

  async handle(route: S3Route, request: StandInRequest): Promise<StandInResponse> {
    const { bucket = '', key = '' } = route
    const query = request.url.searchParams
    switch (route.operation) {
      case 'ListBuckets':
        return this.listBuckets()
      case 'CreateBucket':
        // Idempotent for the owner (the us-east-1 behaviour): creating an owned bucket again succeeds.
        await this.store.createBucket(bucket)
        return { status: 200, headers: { location: `/${bucket}` } }
      case 'HeadBucket':
        await this.requireBucket(bucket)
        return { status: 200, headers: { 'x-amz-bucket-region': 'us-east-1' } }
      case 'GetBucketLocation':
        await this.requireBucket(bucket)
        return xmlResponse('LocationConstraint', {})
      case 'DeleteBucket':
        await this.store.deleteBucket(bucket)
        return { status: 204 }
      case 'ListObjects':
        return this.listObjects(bucket, query, 1)
      case 'ListObjectsV2':
        return this.listObjects(bucket, query, 2)
      case 'PutObject': {
        if (headerValue(request.headers, 'x-amz-copy-source')) {
          throw new AwsError('NotImplemented', 'CopyObject is not supported by the stand-in', 501)
        }
        const contentType = headerValue(request.headers, 'content-type')
        const stored = await this.store.putObject(
          bucket,
          key,
          payloadOf(request),
          contentType,
          userMetadata(request)
        )
        return { status: 200, headers: { etag: stored.etag } }
      }
      case 'GetObject':
      case 'HeadObject': {
        const object = await this.store.getObject(bucket, key)
        if (!object) {
          await this.requireBucket(bucket)
          throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404)
        }
        const range = parseRange(headerValue(request.headers, 'range'), object.body.length)
        if (range === 'unsatisfiable' && route.operation === 'GetObject')
          throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416)
        if (Array.isArray(range)) {
          const [start, end] = range
          const part = object.body.subarray(start, end + 1)
          return {
            status: 206,
            headers: {
              ...objectHeaders(object),
              'content-length': String(part.length),
              'content-range': `bytes ${start}-${end}/${object.body.length}`
            },
            body: route.operation === 'GetObject' ? part : undefined
          }
        }
        return {
          status: 200,
          headers: objectHeaders(object),
          body: route.operation === 'GetObject' ? object.body : undefined
        }
      }
      case 'DeleteObject':
        await this.requireBucket(bucket)
        await this.store.deleteObject(bucket, key)
        return { status: 204 }
      case 'CreateMultipartUpload': {
        const contentType = headerValue(request.headers, 'content-type')
        const uploadId = await this.store.createMultipartUpload(
          bucket,
          key,
          contentType,
          userMetadata(request)
        )
        return xmlResponse('InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: uploadId })
      }
      case 'UploadPart': {
        const partNumber = Number(query.get('partNumber'))
        const uploadId = query.get('uploadId') ?? ''
        const etag = await this.store.uploadPart(bucket, key, uploadId, partNumber, payloadOf(request))
        return { status: 200, headers: { etag } }
      }
      case 'CompleteMultipartUpload': {
        const parts = parseCompletedParts(request.body.toString('utf8'))
        const stored = await this.store.completeMultipartUpload(
          bucket,
          key,
          query.get('uploadId') ?? '',
          parts
        )
        return xmlResponse('CompleteMultipartUploadResult', {
          Location: `http://${headerValue(request.headers, 'host') ?? '127.0.0.1'}/${bucket}/${encodeURIComponent(key)}`,
          Bucket: bucket,
          Key: key,
          ETag: stored.etag
        })
      }
      case 'AbortMultipartUpload':
        await this.store.abortMultipartUpload(bucket, key, query.get('uploadId') ?? '')
        return { status: 204 }
      default:
        throw new AwsError(
          'NotImplemented',
          `${request.method} ${request.url.pathname} is not supported`,
          501
        )
    }
  }

  private async requireBucket(bucket: string): Promise<void> {
    if (!(await this.store.bucketExists(bucket))) {
      throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404)
    }
  }

  private async listBuckets(): Promise<StandInResponse> {
    const buckets = await this.store.listBuckets()
    return xmlResponse('ListAllMyBucketsResult', {
      Owner: { ID: 'stand-in', DisplayName: 'stand-in' },
      Buckets: new NamedList(
        'Bucket',
        buckets.map(bucket => ({ Name: bucket.name, CreationDate: bucket.created }))
      )
    })
  }

  /**
   * ListObjects (v1: `marker`, `NextMarker` only with a delimiter) and
   * ListObjectsV2 (`continuation-token`, `start-after`, `KeyCount`), as the
   * S3 API Reference describes them; one walk over the sorted keys serves both.
   */
  private async listObjects(
    bucket: string,
    query: URLSearchParams,
    version: 1 | 2
  ): Promise<StandInResponse> {
    const prefix = query.get('prefix') ?? ''
    const delimiter = query.get('delimiter') ?? ''
    const maxKeys = Math.min(Number(query.get('max-keys') ?? '1000'), 1000)
    const token = query.get('continuation-token')
    // The continuation token is opaque to clients; it encodes the last key returned.
    const after =
      version === 1
        ? (query.get('marker') ?? '')
        : token
          ? Buffer.from(token, 'base64url').toString('utf8')
          : (query.get('start-after') ?? '')
    const objects = (await this.store.listObjects(bucket, prefix)).filter(object => object.key > after)

    const contents: XmlValue[] = []
    const commonPrefixes: string[] = []
    let lastKey = ''
    let truncated = false
    for (const object of objects) {
      const rest = object.key.slice(prefix.length)
      const cut = delimiter ? rest.indexOf(delimiter) : -1
      const commonPrefix = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : undefined
      // A page that ended on a common prefix resumes after every key it rolled up.
      if (commonPrefix && (commonPrefixes.includes(commonPrefix) || commonPrefix === after)) continue
      if (contents.length + commonPrefixes.length >= maxKeys) {
        truncated = true
        break
      }
      if (commonPrefix) commonPrefixes.push(commonPrefix)
      else {
        contents.push({
          Key: object.key,
          LastModified: object.lastModified,
          ETag: object.etag,
          Size: object.size,
          StorageClass: 'STANDARD'
        })
      }
      lastKey = commonPrefix ?? object.key
    }
    const summary =
      version === 1
        ? toXml({
            Name: bucket,
            Prefix: prefix,
            Marker: query.get('marker') ?? '',
            Delimiter: delimiter || undefined,
            MaxKeys: maxKeys,
            IsTruncated: truncated,
            // "This element is returned only if you have the delimiter request parameter specified." (ListObjects)
            NextMarker: truncated && delimiter ? lastKey : undefined
          })
        : toXml({
            Name: bucket,
            Prefix: prefix,
            Delimiter: delimiter || undefined,
            MaxKeys: maxKeys,
            KeyCount: contents.length + commonPrefixes.length,
            IsTruncated: truncated,
            ContinuationToken: token ?? undefined,
            NextContinuationToken: truncated ? Buffer.from(lastKey, 'utf8').toString('base64url') : undefined,
            StartAfter: query.get('start-after') ?? undefined
          })
    const flattenedLists =
      toXml(new NamedList('Contents', contents)) +
      toXml(
        new NamedList(
          'CommonPrefixes',
          commonPrefixes.map(value => ({ Prefix: value }))
        )
      )
    return xmlResponse('ListBucketResult', summary + flattenedLists)
  }
}
