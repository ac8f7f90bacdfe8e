import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { strFromU8, strToU8, unzipSync } from 'fflate'
import { BundleError, streamBundle, type StreamedEntry } from '../../../src/core/bundle.js'
import { repoRoot } from './support.js'

/** An entry whose content arrives in the given chunks. */
const streamed = (
  path: string,
  chunks: Uint8Array[],
  options: { size?: number; executable?: boolean } = {}
): StreamedEntry => ({
  path,
  ...options,
  chunks: async function* () {
    yield* chunks
  }
})

/** streamBundle's output collected in memory, with the size and sha256 it reported. */
async function zipOf(
  entries: StreamedEntry[],
  maxBytes?: number
): Promise<{ zip: Uint8Array; bytes: number; sha256: string }> {
  const out: Uint8Array[] = []
  const result = await streamBundle(entries, async chunk => void out.push(chunk), maxBytes)
  return { zip: new Uint8Array(Buffer.concat(out)), ...result }
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

interface PlainEntry {
  path: string
  text: string
  executable?: boolean
}

const plain: PlainEntry[] = [
  { path: 'Dockerrun.aws.json', text: '{"AWSEBDockerrunVersion":2}\n' },
  { path: 'nginx/nginx.conf', text: 'events {}\n' },
  { path: '.platform/hooks/predeploy/01-migrate.sh', text: '#!/bin/sh\nexit 0\n', executable: true }
]
const entriesOf = (list: PlainEntry[]): StreamedEntry[] =>
  list.map(({ path, text, executable }) => streamed(path, [strToU8(text)], executable ? { executable } : {}))

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

describe('streamBundle: reproducible bytes', () => {
  let zip: Uint8Array
  let reported: string

  beforeAll(async () => {
    ;({ zip, sha256: reported } = await zipOf(entriesOf(plain)))
  })

  it('gives identical bytes and sha256 for the same entries in any order', async () => {
    const reversed = await zipOf(entriesOf([...plain].reverse()))
    const rotated = await zipOf(entriesOf([plain[1]!, plain[2]!, plain[0]!]))
    expect(Buffer.from(reversed.zip).equals(Buffer.from(zip))).toBe(true)
    expect(rotated.sha256).toBe(reported)
    expect(reported).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives the same bytes however the content is split into chunks', async () => {
    const [first, ...rest] = entriesOf(plain)
    const dockerrun = strToU8(plain[0]!.text)
    const split = await zipOf([
      streamed(first!.path, [dockerrun.subarray(0, 5), dockerrun.subarray(5)]),
      ...rest
    ])
    expect(split.sha256).toBe(reported)
  })

  it('changes the hash when a byte of content changes', async () => {
    const changed = await zipOf(
      entriesOf([{ ...plain[0]!, text: '{"AWSEBDockerrunVersion":2} \n' }, ...plain.slice(1)])
    )
    expect(changed.sha256).not.toBe(reported)
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
      "const { streamBundle } = await import('./src/core/bundle.ts')",
      'const entries = JSON.parse(process.argv[1]).map(e => ({',
      '  ...e,',
      '  chunks: async function* () { yield new TextEncoder().encode(e.text) }',
      '}))',
      'const chunks = []',
      'await streamBundle(entries, async chunk => void chunks.push(chunk))',
      "const { createHash } = await import('node:crypto')",
      "process.stdout.write(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'))"
    ].join('\n')
    const hash = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(plain)],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, TZ: timeZone },
        encoding: 'utf8'
      }
    )
    expect(hash).toBe(sha256(zip))
  })
})

describe('streamBundle: paths', () => {
  it('strips a leading ./ or / from paths', async () => {
    const files = unzipSync((await zipOf([streamed('./a/b.txt', [strToU8('x')])])).zip)
    expect(Object.keys(files)).toEqual(['a/b.txt'])
  })

  it.each([
    ['a parent-directory path', ['../etc/passwd'], 'bundle path "../etc/passwd" is not allowed'],
    ['a nested traversal', ['nginx/../../x'], 'bundle path "nginx/../../x" is not allowed'],
    ['an empty path', ['./'], 'bundle path "./" is not allowed'],
    [
      'the same path twice',
      ['nginx/nginx.conf', './nginx/nginx.conf'],
      'bundle path "nginx/nginx.conf" is given twice'
    ]
  ])('rejects %s before writing anything', async (_case, paths, message) => {
    const written: Uint8Array[] = []
    const entries = paths.map(path => streamed(path, [strToU8('x')]))
    await expect(streamBundle(entries, async chunk => void written.push(chunk))).rejects.toThrow(message)
    expect(written).toEqual([])
  })

  it('stores a file named __proto__ as a file like any other', async () => {
    const { zip } = await zipOf([
      streamed('conf/__proto__', [strToU8('x')]),
      streamed('__proto__', [strToU8('y')])
    ])
    expect(centralDirectory(zip).map(entry => entry.name)).toEqual(['__proto__', 'conf/__proto__'])
  })
})

describe('streamBundle: output and limits', () => {
  it('writes a zip whose size and sha256 it reports, entries sorted by path', async () => {
    const {
      zip,
      bytes,
      sha256: reportedHash
    } = await zipOf([
      streamed('nginx/nginx.conf', [strToU8('events '), strToU8('{}\n')]),
      streamed('Dockerrun.aws.json', [strToU8('{}')])
    ])
    expect(bytes).toBe(zip.byteLength)
    expect(reportedHash).toBe(sha256(zip))
    const files = unzipSync(zip)
    expect(Object.keys(files)).toEqual(['Dockerrun.aws.json', 'nginx/nginx.conf'])
    expect(strFromU8(files['nginx/nginx.conf']!)).toBe('events {}\n')
  })

  it('stops once the output passes the limit, naming the largest files', async () => {
    // Random bytes do not compress.
    const noise = () => new Uint8Array(randomBytes(64 * 1024))
    const entries = [
      streamed('data/a.bin', [noise(), noise()], { size: 128 * 1024 }),
      streamed('data/b.bin', [noise()], { size: 64 * 1024 })
    ]
    await expect(zipOf(entries, 100 * 1024)).rejects.toThrow(
      /larger than Beanstalk's source bundle limit of 0 MB compressed; its largest files: data\/a\.bin \(0 MB\), data\/b\.bin/
    )
  })

  it('a bundle of exactly the limit passes; one byte more stops, naming the largest files first, at most three', async () => {
    const entries = [
      streamed('a.txt', [strToU8('a')], { size: 1 }),
      streamed('b.txt', [strToU8('bb')], { size: 3 * 1024 * 1024 }),
      streamed('c.txt', [strToU8('c')]),
      streamed('d.txt', [strToU8('d')], { size: 2 * 1024 * 1024 }),
      streamed('e.txt', [strToU8('e')], { size: 5 * 1024 * 1024 })
    ]
    const { bytes } = await zipOf(entries)
    await expect(zipOf(entries, bytes)).resolves.toMatchObject({ bytes })
    const failure = zipOf(entries, bytes - 1)
    await expect(failure).rejects.toThrow(BundleError)
    await expect(zipOf(entries, bytes - 1)).rejects.toThrow(
      "the bundle is larger than Beanstalk's source bundle limit of 0 MB compressed; its largest files: e.txt (5 MB), b.txt (3 MB), d.txt (2 MB). Ship less in mounted folders (data belongs in the image or S3)"
    )
    // Without sizes, no list.
    await expect(zipOf([streamed('x', [strToU8('x')])], 1)).rejects.toThrow(
      'limit of 0 MB compressed. Ship less in mounted folders'
    )
  })

  it('takes an entry of just under 4 GiB, and exactly 65,535 files', async () => {
    await expect(zipOf([streamed('big', [strToU8('x')], { size: 2 ** 32 - 1 })])).resolves.toBeDefined()
    const entries = Array.from({ length: 65_535 }, (_, index) => streamed(`f/${index}`, []))
    await expect(zipOf(entries)).resolves.toBeDefined()
  }, 60_000)

  it('strips any number of leading slashes', async () => {
    const files = unzipSync(
      (await zipOf([streamed('///a.txt', [strToU8('x')]), streamed('./b.txt', [strToU8('y')])])).zip
    )
    expect(Object.keys(files)).toEqual(['a.txt', 'b.txt'])
  })

  it('names its errors BundleError', async () => {
    await expect(zipOf([streamed('../x', [])])).rejects.toMatchObject({ name: 'BundleError' })
  })

  it('refuses an entry of 4 GiB or more before reading anything', async () => {
    await expect(zipOf([streamed('huge', [], { size: 2 ** 32 })])).rejects.toThrow(
      'huge is too large for a bundle'
    )
  })

  it('refuses more files than a zip holds before reading anything', async () => {
    const entries = Array.from({ length: 65_536 }, (_, index) => streamed(`f/${index}`, []))
    await expect(zipOf(entries)).rejects.toThrow(
      'the bundle would hold 65536 files; a zip holds at most 65535'
    )
  })
})
