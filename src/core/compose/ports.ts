// Compose `ports` entries as compose and Docker read them (docker's
// nat.ParsePortSpec): `[ip:][hostPort:]containerPort[/protocol]`, where the
// host address may be empty (`:2283:2283`, what `${PORT-:2283:2283}` gives),
// the host port may be empty (`127.0.0.1::80`, Docker picks one), either side
// may be a range (`3000-3005`, `8000-8001:3000-3001`, `8000-8010:80`), and
// the long syntax gives target, published (a number, a string or a range),
// host_ip and protocol.

import { ComposeError } from '../errors.js'
import type { ComposePort } from './model.js'

type Raw = Record<string, unknown>

interface Range {
  start: number
  end: number
}

export function parsePorts(value: unknown, where: string): ComposePort[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return longSyntax(value as Raw, where)
  const spec = String(value).trim()
  const fail = (why: string): never => {
    throw new ComposeError(`${where}: cannot read port "${spec}": ${why}`)
  }
  const slash = spec.lastIndexOf('/')
  const protocolText = slash < 0 ? 'tcp' : spec.slice(slash + 1).toLowerCase()
  const body = slash < 0 ? spec : spec.slice(0, slash)
  const parts = body.split(':')
  const containerText = parts.at(-1) as string
  const hostText = parts.length >= 2 ? (parts.at(-2) as string) : ''
  const ipText = parts.length >= 3 ? parts.slice(0, -2).join(':') : ''
  const hostIp = ipText.replace(/^\[|\]$/g, '')
  if (hostIp !== '' && !isIpAddress(hostIp)) fail(`"${ipText}" is not an IP address`)
  return expand(
    range(containerText, fail, 'container port') ?? fail('no container port'),
    range(hostText, fail, 'host port'),
    hostIp,
    protocol(protocolText, fail),
    fail
  )
}

function longSyntax(value: Raw, where: string): ComposePort[] {
  const fail = (why: string): never => {
    throw new ComposeError(`${where}: ports entry ${JSON.stringify(value)}: ${why}`)
  }
  const target = range(value.target === undefined ? '' : String(value.target), fail, 'target')
  if (!target || target.start !== target.end) return fail('needs one numeric target')
  const published =
    value.published === undefined || value.published === null
      ? undefined
      : range(String(value.published), fail, 'published port')
  const hostIp = typeof value.host_ip === 'string' ? value.host_ip.replace(/^\[|\]$/g, '') : ''
  if (hostIp !== '' && !isIpAddress(hostIp)) fail(`host_ip "${hostIp}" is not an IP address`)
  const protocolText = value.protocol === undefined ? 'tcp' : String(value.protocol).toLowerCase()
  return expand(target, published, hostIp, protocol(protocolText, fail), fail)
}

/** One port entry per container port; a host range as long as the container range pairs up, one for a single port leaves the choice to Docker. */
function expand(
  container: Range,
  host: Range | undefined,
  hostIp: string,
  protocolName: 'tcp' | 'udp',
  fail: (why: string) => never
): ComposePort[] {
  const count = container.end - container.start + 1
  const hostCount = host ? host.end - host.start + 1 : 0
  if (host && hostCount !== count && count !== 1)
    fail('the host range and the container range differ in length')
  const ports: ComposePort[] = []
  for (let offset = 0; offset < count; offset++) {
    const hostPort = host && hostCount === count ? host.start + offset : undefined
    ports.push({
      containerPort: container.start + offset,
      ...(hostPort !== undefined && { hostPort }),
      ...(hostIp !== '' && { hostIp }),
      protocol: protocolName
    })
  }
  return ports
}

function range(text: string, fail: (why: string) => never, what: string): Range | undefined {
  if (text === '') return undefined
  const match = /^(\d+)(?:-(\d+))?$/.exec(text)
  if (!match) return fail(`${what} "${text}" is not a port or a range of ports`)
  const start = Number(match[1])
  const end = match[2] === undefined ? start : Number(match[2])
  if (start > 65535 || end > 65535 || end < start) return fail(`${what} "${text}" is out of range`)
  return { start, end }
}

function protocol(text: string, fail: (why: string) => never): 'tcp' | 'udp' {
  if (text === 'tcp' || text === 'udp') return text
  if (text === 'sctp') return fail('ECS port mappings take tcp or udp, not sctp')
  return fail(`unknown protocol "${text}"`)
}

function isIpAddress(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (/^[0-9a-f:.]+$/i.test(text) && text.includes(':'))
}
