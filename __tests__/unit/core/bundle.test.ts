import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { strFromU8, strToU8, unzipSync } from 'fflate'
import {
  sha256Hex,
  streamBundle,
  zipBundle,
  type BundleEntry,
  type StreamedEntry
} from '../../../src/core/bundle.js'
import { repoRoot } from './support.js'

const entries: BundleEntry[] = [
  { path: 'Dockerrun.aws.json', data: strToU8('{"AWSEBDockerrunVersion":2}\n') },
  { path: 'nginx/nginx.conf', data: strToU8('events {}\n') },
  { path: '.platform/hooks/predeploy/01-migrate.sh', data: strToU8('#!/bin/sh\nexit 0\n'), executable: true }
]

interface CentralEntry {
  name: string
  madeBy: number
  externalAttributes: number
  dosTime: number
  dosDate: number
}

/** Reads the central directory: the entry names, their "made by" host and external attributes. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const found: CentralEntry[] = []
  for (let offset = 0; offset + 46 <= zip.length; offset++) {
    if (view.getUint32(offset, true) !== 0x02014b50) continue
    const nameLength = view.getUint16(offset + 28, true)
    found.push({
      name: strFromU8(zip.subarray(offset + 46, offset + 46 + nameLength)),
      madeBy: view.getUint8(offset + 5),
      externalAttributes: view.getUint32(offset + 38, true),
      dosTime: view.getUint16(offset + 12, true),
      dosDate: view.getUint16(offset + 14, true)
    })
    offset += 45 + nameLength
  }
  return found
}

describe('zipBundle', () => {
  const zip = zipBundle(entries)

  it('gives identical bytes and sha256 for the same entries in any order', () => {
    const reversed = zipBundle([...entries].reverse())
    const rotated = zipBundle([entries[1]!, entries[2]!, entries[0]!])
    expect(Buffer.from(reversed).equals(Buffer.from(zip))).toBe(true)
    expect(sha256Hex(rotated)).toBe(sha256Hex(zip))
    expect(sha256Hex(zip)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes the hash when a byte of content changes', () => {
    const changed = zipBundle([
      { ...entries[0]!, data: strToU8('{"AWSEBDockerrunVersion":2} \n') },
      ...entries.slice(1)
    ])
    expect(sha256Hex(changed)).not.toBe(sha256Hex(zip))
  })

  it('round-trips the content, sorted by path', () => {
    const files = unzipSync(zip)
    expect(Object.keys(files)).toEqual([
      '.platform/hooks/predeploy/01-migrate.sh',
      'Dockerrun.aws.json',
      'nginx/nginx.conf'
    ])
    expect(strFromU8(files['nginx/nginx.conf']!)).toBe('events {}\n')
  })

  it('records Unix modes: executable 0755 for hooks, 0644 otherwise', () => {
    const modes = Object.fromEntries(
      centralDirectory(zip).map(entry => [
        entry.name,
        { madeBy: entry.madeBy, mode: entry.externalAttributes >>> 16 }
      ])
    )
    expect(modes).toEqual({
      '.platform/hooks/predeploy/01-migrate.sh': { madeBy: 3, mode: 0o100755 },
      'Dockerrun.aws.json': { madeBy: 3, mode: 0o100644 },
      'nginx/nginx.conf': { madeBy: 3, mode: 0o100644 }
    })
  })

  it('stamps every entry 1980-01-01 00:00 (DOS time), whatever the time zone', () => {
    for (const entry of centralDirectory(zip)) {
      expect({ date: entry.dosDate, time: entry.dosTime }).toEqual({ date: (0 << 9) | (1 << 5) | 1, time: 0 })
    }
  })

  it.each(['America/New_York', 'Asia/Tokyo'])('gives the same bytes in time zone %s as here', timeZone => {
    // The time zone is read at process start: only a child process can run in another one.
    const script = [
      "const { zipBundle, sha256Hex } = await import('./src/core/bundle.ts')",
      'const entries = JSON.parse(process.argv[1]).map(e => ({ ...e, data: new TextEncoder().encode(e.data) }))',
      'process.stdout.write(sha256Hex(zipBundle(entries)))'
    ].join('\n')
    const plain = JSON.stringify(entries.map(entry => ({ ...entry, data: strFromU8(entry.data) })))
    const hash = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, plain],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, TZ: timeZone },
        encoding: 'utf8'
      }
    )
    expect(hash).toBe(sha256Hex(zip))
  })

  it('strips a leading ./ or / from paths', () => {
    const files = unzipSync(zipBundle([{ path: './a/b.txt', data: strToU8('x') }]))
    expect(Object.keys(files)).toEqual(['a/b.txt'])
  })

  it.each([
    [
      'a parent-directory path',
      [{ path: '../etc/passwd', data: strToU8('x') }],
      'bundle path "../etc/passwd" is not allowed'
    ],
    [
      'a nested traversal',
      [{ path: 'nginx/../../x', data: strToU8('x') }],
      'bundle path "nginx/../../x" is not allowed'
    ],
    ['an empty path', [{ path: './', data: strToU8('x') }], 'bundle path "./" is not allowed'],
    [
      'the same path twice',
      [
        { path: 'nginx/nginx.conf', data: strToU8('a') },
        { path: './nginx/nginx.conf', data: strToU8('b') }
      ],
      'bundle path "nginx/nginx.conf" is given twice'
    ]
  ])('rejects %s', (_case, bad, message) => {
    expect(() => zipBundle(bad)).toThrow(message)
  })
})

describe('streamBundle', () => {
  const streamed = (path: string, chunks: Uint8Array[], size?: number): StreamedEntry => ({
    path,
    ...(size !== undefined && { size }),
    chunks: async function* () {
      yield* chunks
    }
  })
  const collect = async (entries: StreamedEntry[], maxBytes?: number) => {
    const out: Uint8Array[] = []
    const result = await streamBundle(entries, async chunk => void out.push(chunk), maxBytes)
    return { zip: new Uint8Array(Buffer.concat(out)), ...result }
  }

  it('writes a zip whose size and sha256 it reports, entries sorted by path', async () => {
    const { zip, bytes, sha256 } = await collect([
      streamed('nginx/nginx.conf', [strToU8('events '), strToU8('{}\n')]),
      streamed('Dockerrun.aws.json', [strToU8('{}')])
    ])
    expect(bytes).toBe(zip.byteLength)
    expect(sha256).toBe(sha256Hex(zip))
    const files = unzipSync(zip)
    expect(Object.keys(files)).toEqual(['Dockerrun.aws.json', 'nginx/nginx.conf'])
    expect(strFromU8(files['nginx/nginx.conf']!)).toBe('events {}\n')
  })

  it('stores a file named __proto__ as a file like any other', async () => {
    const { zip } = await collect([
      streamed('conf/__proto__', [strToU8('x')]),
      streamed('__proto__', [strToU8('y')])
    ])
    expect(centralDirectory(zip).map(entry => entry.name)).toEqual(['__proto__', 'conf/__proto__'])
  })

  it('stops once the output passes the limit, naming the largest files', async () => {
    // Random bytes do not compress.
    const noise = () => new Uint8Array(randomBytes(64 * 1024))
    const entries = [
      streamed('data/a.bin', [noise(), noise()], 128 * 1024),
      streamed('data/b.bin', [noise()], 64 * 1024)
    ]
    await expect(collect(entries, 100 * 1024)).rejects.toThrow(
      /larger than Beanstalk's source bundle limit of 0 MB compressed; its largest files: data\/a\.bin \(0 MB\), data\/b\.bin/
    )
  })

  it('refuses an entry of 4 GiB or more before reading anything', async () => {
    await expect(collect([streamed('huge', [], 2 ** 32)])).rejects.toThrow('huge is too large for a bundle')
  })
})
