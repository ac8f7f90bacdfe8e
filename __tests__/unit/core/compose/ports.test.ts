// Compose `ports` entries, each expectation what `docker compose config` (2.26, compose-go) printed for the same
// entry on 2026-12-07, or its refusal. Where the action is stricter or looser than compose it says so.

import { describe, expect, it } from '@jest/globals'
import { parsePorts } from '../../../../src/core/compose/ports.js'

const tcp = (containerPort: number, extra: object = {}) => ({ containerPort, ...extra, protocol: 'tcp' })

describe('parsePorts: short syntax', () => {
  it.each([
    ['80', [tcp(80)]],
    [80, [tcp(80)]],
    ['8000:80', [tcp(80, { hostPort: 8000 })]],
    [':80:80', [tcp(80, { hostPort: 80 })]],
    ['127.0.0.1::80', [tcp(80, { hostIp: '127.0.0.1' })]],
    ['[::1]:8080:80', [tcp(80, { hostPort: 8080, hostIp: '::1' })]],
    ['80/UDP', [{ containerPort: 80, protocol: 'udp' }]],
    ['8000-8001:3000-3001', [tcp(3000, { hostPort: 8000 }), tcp(3001, { hostPort: 8001 })]],
    // A host range for one container port: Docker picks one of the range; the action leaves the choice to Docker.
    ['8000-8010:80', [tcp(80)]],
    ['80:65535', [tcp(65535, { hostPort: 80 })]],
    [
      '80-81/udp',
      [
        { containerPort: 80, protocol: 'udp' },
        { containerPort: 81, protocol: 'udp' }
      ]
    ]
  ])('%s', (spec, expected) => {
    // Strict: a port without a host port has no hostPort key at all.
    expect(parsePorts(spec, 'service "web"')).toStrictEqual(expected)
  })

  it.each([
    ['abc', 'container port "abc" is not a port or a range of ports'],
    ['80abc', 'container port "80abc" is not a port or a range of ports'],
    ['x80', 'container port "x80" is not a port or a range of ports'],
    ['80:', 'no container port'],
    ['65536:80', 'host port "65536" is out of range'],
    ['80-65536', 'container port "80-65536" is out of range'],
    ['81-80', 'container port "81-80" is out of range'],
    ['8000-8001:3000-3002', 'the host range and the container range differ in length'],
    ['localhost:80:80', '"localhost" is not an IP address'],
    ['1.2.3:80:80', '"1.2.3" is not an IP address'],
    ['1.2.3.4.5:80:80', '"1.2.3.4.5" is not an IP address'],
    ['g::1:80:80', '"g::1" is not an IP address'],
    ['80/sctp', 'ECS port mappings take tcp or udp, not sctp'],
    ['80/icmp', 'unknown protocol "icmp"']
  ])('refuses %s', (spec, why) => {
    expect(() => parsePorts(spec, 'service "web"')).toThrow(
      `service "web": cannot read port "${spec}": ${why}`
    )
  })
})

describe('parsePorts: long syntax', () => {
  it.each([
    [{ target: 80 }, [tcp(80)]],
    [{ target: '80', published: 8080 }, [tcp(80, { hostPort: 8080 })]],
    [{ target: 80, published: '8080' }, [tcp(80, { hostPort: 8080 })]],
    [{ target: 80, published: '8000-8001' }, [tcp(80)]],
    [
      { target: 80, published: 8080, host_ip: '[::1]', protocol: 'UDP' },
      [{ containerPort: 80, hostPort: 8080, hostIp: '::1', protocol: 'udp' }]
    ],
    [{ target: 80, host_ip: '127.0.0.1' }, [tcp(80, { hostIp: '127.0.0.1' })]]
  ])('%j', (entry, expected) => {
    expect(parsePorts(entry, 'service "web"')).toStrictEqual(expected)
  })

  it.each([
    // compose: "is missing a target port"
    [{ published: 80 }, 'needs one numeric target'],
    // compose: `parsing "80-81": invalid syntax`
    [{ target: '80-81' }, 'needs one numeric target'],
    [{ target: 'eighty' }, 'target "eighty" is not a port or a range of ports'],
    [{ target: 80, published: 70000 }, 'published port "70000" is out of range'],
    // compose prints it and Docker refuses it when the container starts; the action refuses it first.
    [{ target: 80, host_ip: 'nothost' }, 'host_ip "nothost" is not an IP address'],
    [{ target: 80, protocol: 'sctp' }, 'ECS port mappings take tcp or udp, not sctp']
  ])('refuses %j', (entry, why) => {
    expect(() => parsePorts(entry, 'service "web"')).toThrow(
      `service "web": ports entry ${JSON.stringify(entry)}: ${why}`
    )
  })
})
