// Bundle upload with one injected S3 failure: a single PutObject of the whole
// file (what einaregilsson/beanstalk-deploy does) against ours, lib-storage
// multipart with 8 MiB parts (src/adapters/s3.ts). A TCP proxy in front
// of the stand-in counts the bytes each client really sent, so "re-sent" is
// measured, not inferred.

import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'

import { uploadBundle } from '../src/adapters/s3.js'
import { startStandIn } from '../stand-in/server.js'

export interface UploadSample {
  method: 'single PutObject' | 'multipart (ours)'
  injectedFailures: number
  seconds: number
  bytesSent: number
  /** Bytes sent beyond the file's size (headers included, so a clean run shows a few KiB). */
  bytesResent: number
  requests: number
}

export interface UploadBenchResult {
  fileBytes: number
  samples: UploadSample[]
}

interface CountingProxy {
  endpoint: string
  sent(): number
  close(): Promise<void>
}

/** Forwards loopback connections to `target`, counting the bytes clients send. */
async function countingProxy(target: URL): Promise<CountingProxy> {
  let sent = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer(client => {
    const upstream = net.connect(Number(target.port), target.hostname)
    sockets.add(client).add(upstream)
    client.on('data', (chunk: Buffer) => (sent += chunk.length))
    client.pipe(upstream)
    upstream.pipe(client)
    const close = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    sent: () => sent,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file)
  for (let written = 0; written < bytes; written += 1024 * 1024) {
    if (!out.write(randomBytes(Math.min(1024 * 1024, bytes - written))))
      await new Promise<void>(resolve => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve()))
  )
}

export async function runUploadBench(fileMiB = 200, repetitions = 1): Promise<UploadBenchResult> {
  const standIn = await startStandIn({ registry: false, runContainers: false })
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-upload-'))
  const proxy = await countingProxy(new URL(standIn.endpoint))
  const s3 = new S3Client({
    region: standIn.env.AWS_REGION as string,
    endpoint: proxy.endpoint,
    forcePathStyle: true,
    credentials: {
      accessKeyId: standIn.env.AWS_ACCESS_KEY_ID as string,
      secretAccessKey: standIn.env.AWS_SECRET_ACCESS_KEY as string
    }
  })
  try {
    const bucket = 'bench-bundles'
    await s3.send(new CreateBucketCommand({ Bucket: bucket }))
    const file = path.join(directory, 'bundle.zip')
    const fileBytes = fileMiB * 1024 * 1024
    await writeRandomFile(file, fileBytes)
    const sha256 = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')

    const samples: UploadSample[] = []
    const methods: UploadSample['method'][] = ['single PutObject', 'multipart (ours)']
    for (let repetition = 0; repetition < repetitions; repetition++) {
      for (const injectedFailures of [0, 1]) {
        for (const method of methods) {
          standIn.faults.set({ s3UploadFailures: injectedFailures })
          const callsBefore = standIn.calls.length
          const sentBefore = proxy.sent()
          const key = `bench/${method === 'single PutObject' ? 'put' : 'multipart'}-${injectedFailures}.zip`
          const start = performance.now()
          if (method === 'single PutObject') {
            // As beanstalk-deploy does it: the whole file read into memory, one request, the SDK's retries.
            const body = await readFile(file)
            await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
          } else {
            await uploadBundle(s3, { bucket, key, bundle: file, sha256 })
          }
          const seconds = (performance.now() - start) / 1000
          const bytesSent = proxy.sent() - sentBefore
          const calls = standIn.calls.slice(callsBefore).filter(call => call.service === 's3')
          samples.push({
            method,
            injectedFailures,
            seconds,
            bytesSent,
            bytesResent: bytesSent - fileBytes,
            requests: calls.length
          })
          await standIn.services.s3.deleteObject(bucket, key)
        }
      }
    }
    return { fileBytes, samples }
  } finally {
    s3.destroy()
    await proxy.close()
    await standIn.stop()
    await rm(directory, { recursive: true, force: true })
  }
}
