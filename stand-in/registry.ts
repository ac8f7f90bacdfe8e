// The registry behind the ECR stand-in: Debian's `docker-registry`
// (distribution 2.8) with htpasswd auth and deletes enabled, on a private
// loopback port, fronted by a small HTTP proxy on the public port. The proxy
// exists so tests can see what a push really transferred (completed blob
// uploads with their byte counts, manifest pushes) and so pushes to a
// repository ECR does not know are refused with NAME_UNKNOWN, as ECR does.

import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import { join } from 'node:path'
import { promisify } from 'node:util'

import type { RegistryInfo } from './context.js'
import { freePort } from './ports.js'

const run = promisify(execFile)

export interface BlobUpload {
  repository: string
  digest: string
  /** Bytes the client sent for this blob (PATCH chunks plus the final PUT body). */
  bytes: number
  time: Date
}

export interface ManifestPush {
  repository: string
  /** Tag or digest the manifest was pushed under. */
  reference: string
  digest: string
  mediaType: string
  time: Date
}

export interface Registry extends RegistryInfo {
  /** Base URL of distribution itself (no proxy, no guard), for the ECR service's own reads. */
  backendUrl: string
  uploads(): BlobUpload[]
  manifestPushes(): ManifestPush[]
  /** Decides whether a repository exists (ECR's CreateRepository); unknown ones answer NAME_UNKNOWN. */
  setRepositoryGuard(exists: (repository: string) => boolean): void
  /** Decides whether a manifest may be pushed under a tag: undefined allows, a message refuses (TAG_INVALID). */
  setTagGuard(check: TagGuard): void
  stop(): Promise<void>
}

export interface RegistryOptions {
  dataDir: string
  host?: string
  log?: (message: string) => void
}

/** `digest` is the sha256 of the manifest being pushed. */
export type TagGuard = (repository: string, tag: string, digest: string) => Promise<string | undefined>

const REGISTRY_BINARY = '/usr/bin/docker-registry'
const USERNAME = 'AWS'
const READY_TIMEOUT_MS = 15_000
const REPOSITORY_PATH = /^\/v2\/(.+?)\/(blobs|manifests|tags)\/(.*)$/

export async function startRegistry(options: RegistryOptions): Promise<Registry> {
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? (() => undefined)
  const root = join(options.dataDir, 'registry')
  await mkdir(join(root, 'storage'), { recursive: true })

  const password = randomBytes(18).toString('base64url')
  const { stdout: htpasswdLine } = await run('htpasswd', ['-Bbn', USERNAME, password])
  await writeFile(join(root, 'htpasswd'), htpasswdLine)

  const backendPort = await freePort(host)
  const configPath = join(root, 'config.yml')
  await writeFile(configPath, registryConfig(root, host, backendPort))
  const child = spawn(REGISTRY_BINARY, ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'] })
  const stderrTail: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail.push(chunk.toString('utf8'))
    if (stderrTail.length > 20) stderrTail.shift()
  })
  const backendUrl = `http://${host}:${backendPort}`
  try {
    await waitUntilAnswering(backendUrl, child)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${stderrTail.join('')}`)
  }

  const proxy = new CountingProxy(host, backendPort)
  const proxyPort = await proxy.listen(host)
  const publicHost = `${host}:${proxyPort}`
  log(`registry: distribution on ${backendUrl}, public ${publicHost}`)

  let stopped: Promise<void> | undefined
  return {
    host: publicHost,
    username: USERNAME,
    password,
    backendUrl,
    uploads: () => [...proxy.uploads],
    manifestPushes: () => [...proxy.manifests],
    setRepositoryGuard: exists => {
      proxy.repositoryExists = exists
    },
    setTagGuard: check => {
      proxy.tagGuard = check
    },
    stop: () => {
      stopped ??= Promise.all([proxy.close(), stopProcess(child)]).then(() => undefined)
      return stopped
    }
  }
}

function registryConfig(root: string, host: string, port: number): string {
  // JSON is valid YAML, and spares a YAML dependency in this module.
  return JSON.stringify(
    {
      version: 0.1,
      log: { level: 'warn', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: join(root, 'storage') }, delete: { enabled: true } },
      http: { addr: `${host}:${port}`, secret: randomBytes(16).toString('hex') },
      auth: { htpasswd: { realm: 'stand-in-ecr', path: join(root, 'htpasswd') } }
    },
    null,
    2
  )
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}`)
    try {
      // Unauthenticated /v2/ answers 401 once the registry is serving.
      const response = await fetch(`${url}/v2/`)
      if (response.status === 401 || response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`docker-registry did not answer on ${url} within ${READY_TIMEOUT_MS} ms`)
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(forceKill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

class CountingProxy {
  readonly uploads: BlobUpload[] = []
  readonly manifests: ManifestPush[] = []
  repositoryExists: (repository: string) => boolean = () => true
  tagGuard: TagGuard = async () => undefined
  /** Bytes received so far per upload session path (/v2/<name>/blobs/uploads/<uuid>). */
  private readonly uploadBytes = new Map<string, number>()
  private readonly server: Server

  constructor(
    private readonly backendHost: string,
    private readonly backendPort: number
  ) {
    this.server = createServer((request, response) => this.forward(request, response))
  }

  listen(host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, host, () => {
        const address = this.server.address()
        if (typeof address === 'object' && address) resolve(address.port)
        else reject(new Error('registry proxy has no port'))
      })
    })
  }

  close(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private forward(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const match = REPOSITORY_PATH.exec(path)
    const repository = match?.[1]
    if (repository !== undefined && !this.repositoryExists(repository)) {
      request.resume()
      const body = JSON.stringify({
        errors: [
          {
            code: 'NAME_UNKNOWN',
            message: 'repository name not known to registry',
            detail: { name: repository }
          }
        ]
      })
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(body)
      return
    }
    const reference = decodeURIComponent(match?.[3] ?? '')
    if (
      repository !== undefined &&
      request.method === 'PUT' &&
      match?.[2] === 'manifests' &&
      !reference.includes(':')
    ) {
      // Not awaited: an http handler returns void. A client that goes away mid-body rejects the read; that
      // ends this one response instead of becoming an unhandled rejection that stops the stand-in.
      void this.guardTagPush(request, response, repository, reference).catch((error: unknown) =>
        response.destroy(error as Error)
      )
      return
    }
    this.pass(request, response, path, match)
  }

  /** A manifest PUT to a tag: buffered, so its digest can be checked against ECR's tag mutability first. */
  private async guardTagPush(
    request: IncomingMessage,
    response: ServerResponse,
    repository: string,
    tag: string
  ): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`
    const refusal = await this.tagGuard(repository, tag, digest).catch((error: unknown) => String(error))
    if (refusal !== undefined) {
      // distribution's error document; docker prints it as "tag invalid: <message>".
      const document = JSON.stringify({ errors: [{ code: 'TAG_INVALID', message: refusal }] })
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end(document)
      return
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const upstream = httpRequest(
      {
        host: this.backendHost,
        port: this.backendPort,
        method: 'PUT',
        path: request.url,
        headers: { ...request.headers, 'content-length': String(body.length) }
      },
      upstreamResponse => {
        this.observe(
          request,
          upstreamResponse,
          repository,
          'manifests',
          path.split('/manifests/')[1],
          undefined
        )
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers)
        upstreamResponse.pipe(response)
      }
    )
    upstream.on('error', error => {
      if (!response.headersSent) response.writeHead(502).end(String(error))
      else response.destroy(error)
    })
    upstream.end(body)
  }

  private pass(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    match: RegExpExecArray | null
  ): void {
    const repository = match?.[1]
    const isUploadSession = match?.[2] === 'blobs' && /^uploads\/[^/]+$/.test(match[3] ?? '')
    const upstream = httpRequest(
      {
        host: this.backendHost,
        port: this.backendPort,
        method: request.method,
        path: request.url,
        headers: request.headers
      },
      upstreamResponse => {
        this.observe(
          request,
          upstreamResponse,
          repository,
          match?.[2],
          match?.[3],
          isUploadSession ? path : undefined
        )
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers)
        upstreamResponse.pipe(response)
      }
    )
    upstream.on('error', error => {
      if (!response.headersSent) response.writeHead(502).end(String(error))
      else response.destroy(error)
    })
    if (isUploadSession) {
      request.on('data', (chunk: Buffer) => {
        this.uploadBytes.set(path, (this.uploadBytes.get(path) ?? 0) + chunk.length)
      })
    }
    request.pipe(upstream)
  }

  private observe(
    request: IncomingMessage,
    response: IncomingMessage,
    repository: string | undefined,
    kind: string | undefined,
    rest: string | undefined,
    uploadSession: string | undefined
  ): void {
    if (repository === undefined || request.method !== 'PUT' || response.statusCode !== 201) return
    const digest = String(response.headers['docker-content-digest'] ?? '')
    if (uploadSession) {
      this.uploads.push({
        repository,
        digest,
        bytes: this.uploadBytes.get(uploadSession) ?? 0,
        time: new Date()
      })
      this.uploadBytes.delete(uploadSession)
    } else if (kind === 'manifests' && rest) {
      this.manifests.push({
        repository,
        reference: decodeURIComponent(rest),
        digest,
        mediaType: String(request.headers['content-type'] ?? ''),
        time: new Date()
      })
    }
  }
}
