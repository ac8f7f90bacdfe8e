// Compose keys with an ECS container-definition field (src/core/compose/container-options.ts): each rule pinned by
// its whole result — the field written, every note and every drop — so a rule that writes a value nobody asked for,
// or drops one without its reason, fails (mutation triage, issue 27 §6).

import { describe, expect, it } from '@jest/globals'
import { containerOptions, isTrue, stringMapOf } from '../../../../src/core/compose/container-options.js'

const where = 'service "web"'
const optionsOf = (raw: Record<string, unknown>) => containerOptions(raw, where)
const only = (options: Record<string, unknown>) => ({ options, dropped: [], notes: [] })
const errorOf = (raw: Record<string, unknown>): string => {
  try {
    optionsOf(raw)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

describe('plain fields', () => {
  it('nothing given: nothing written', () => {
    expect(optionsOf({})).toEqual(only({}))
    expect(optionsOf({ user: null, hostname: '', labels: null, sysctls: null, dns: null })).toEqual(only({}))
  })

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['user as a number', { user: 1000 }, { user: '1000' }],
    ['user:group', { user: 'app:app' }, { user: 'app:app' }],
    ['hostname', { hostname: 'api' }, { hostname: 'api' }],
    [
      'labels, a mapping (null is empty)',
      { labels: { a: 'x', b: null, n: 2 } },
      { labels: { a: 'x', b: '', n: '2' } }
    ],
    [
      'labels, a list (no "=" is empty; the first "=" splits)',
      { labels: ['a=x=y', 'b'] },
      { labels: { a: 'x=y', b: '' } }
    ],
    ['shm_size', { shm_size: '128m' }, { sharedMemorySize: 128 }],
    ['init', { init: true }, { initProcessEnabled: true }],
    ['stop_grace_period, rounded up to seconds', { stop_grace_period: '1m30.5s' }, { stopTimeout: 91 }],
    [
      'read_only, privileged, stdin_open, tty',
      { read_only: 'true', privileged: true, stdin_open: 'True', tty: '1' },
      { readonlyRootFilesystem: true, privileged: true, interactive: true, pseudoTerminal: true }
    ],
    [
      'false flags write nothing',
      { init: false, read_only: 'false', privileged: 'no', stdin_open: 0, tty: 'f' },
      {}
    ],
    [
      'sysctls, a mapping',
      { sysctls: { 'net.core.somaxconn': 1024 } },
      { systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }] }
    ],
    [
      'sysctls, a list',
      { sysctls: ['net.ipv4.tcp_syncookies=0', 'kernel.msgmax=65536'] },
      {
        systemControls: [
          { namespace: 'net.ipv4.tcp_syncookies', value: '0' },
          { namespace: 'kernel.msgmax', value: '65536' }
        ]
      }
    ],
    ['empty sysctls', { sysctls: {} }, {}],
    [
      'dns and dns_search, one or a list',
      { dns: '8.8.8.8', dns_search: ['a.example', 'b.example'] },
      { dnsServers: ['8.8.8.8'], dnsSearchDomains: ['a.example', 'b.example'] }
    ],
    ['empty dns lists', { dns: [], dns_search: [] }, {}],
    ['cpu_shares', { cpu_shares: '512' }, { cpu: 512 }],
    ['cpu_shares 0', { cpu_shares: 0 }, { cpu: 0 }]
  ])('%s', (_title, raw, options) => expect(optionsOf(raw)).toEqual(only(options)))

  it.each<[string, Record<string, unknown>, string]>([
    ['cpu_shares not whole', { cpu_shares: 1.5 }, 'service "web": cpu_shares must be a whole number'],
    ['cpu_shares negative', { cpu_shares: -1 }, 'service "web": cpu_shares must be a whole number'],
    ['cpu_shares text', { cpu_shares: 'lots' }, 'service "web": cpu_shares must be a whole number'],
    [
      'stop_grace_period',
      { stop_grace_period: 'soon' },
      'service "web": stop_grace_period "soon" is not a duration'
    ],
    ['labels of another shape', { labels: 'a=b' }, 'service "web" labels must be a mapping or a list'],
    ['sysctls of another shape', { sysctls: 3 }, 'service "web" sysctls must be a mapping or a list'],
    [
      'shm_size',
      { shm_size: 'big' },
      'service "web" shm_size: "big" is not a memory size (use a number of bytes or e.g. 512m, 1g)'
    ]
  ])('refused: %s', (_title, raw, message) => expect(errorOf(raw)).toBe(message))
})

describe('extra_hosts, ulimits, capabilities, security_opt', () => {
  it('extra_hosts: a mapping (one or several addresses), a list with "=" or ":", IPv6 in brackets', () => {
    expect(optionsOf({ extra_hosts: { db: '10.0.0.5', multi: ['10.0.0.6', '::1'] } })).toEqual(
      only({
        extraHosts: [
          { hostname: 'db', ipAddress: '10.0.0.5' },
          { hostname: 'multi', ipAddress: '10.0.0.6' },
          { hostname: 'multi', ipAddress: '::1' }
        ]
      })
    )
    expect(optionsOf({ extra_hosts: ['a=10.0.0.1', 'b:10.0.0.2', 'c=[fd00::1]', 'd:fe80::1:2'] })).toEqual(
      only({
        extraHosts: [
          { hostname: 'a', ipAddress: '10.0.0.1' },
          { hostname: 'b', ipAddress: '10.0.0.2' },
          { hostname: 'c', ipAddress: 'fd00::1' },
          { hostname: 'd', ipAddress: 'fe80::1:2' }
        ]
      })
    )
  })

  it('extra_hosts: what is no address is dropped with its reason, the rest kept', () => {
    expect(
      optionsOf({ extra_hosts: ['gw=host-gateway', 'ok=10.1.2.3', 'name=db.internal', 'hex=abcd'] })
    ).toEqual({
      options: { extraHosts: [{ hostname: 'ok', ipAddress: '10.1.2.3' }] },
      dropped: [
        {
          key: 'extra_hosts gw',
          reason:
            '"host-gateway" is not an IP address (ECS extraHosts take addresses; host-gateway has no equivalent)'
        },
        {
          key: 'extra_hosts name',
          reason:
            '"db.internal" is not an IP address (ECS extraHosts take addresses; host-gateway has no equivalent)'
        },
        {
          key: 'extra_hosts hex',
          reason:
            '"abcd" is not an IP address (ECS extraHosts take addresses; host-gateway has no equivalent)'
        }
      ],
      notes: []
    })
    expect(optionsOf({ extra_hosts: ['gw=host-gateway'] }).options).toEqual({})
    expect(optionsOf({ extra_hosts: ['x=1.2.3.4.5', 'y=a1.2.3.4'] }).options).toEqual({})
    expect(errorOf({ extra_hosts: ['no-address'] })).toBe(
      'service "web": extra_hosts entry "no-address" must be host=address'
    )
    expect(errorOf({ extra_hosts: ['=1.2.3.4'] })).toBe(
      'service "web": extra_hosts entry "=1.2.3.4" must be host=address'
    )
  })

  it('ulimits: a number is both limits, {soft, hard} each; an unknown name dropped, a bad value refused', () => {
    expect(optionsOf({ ulimits: { nofile: { soft: 1024, hard: 4096 }, nproc: 65535, bogus: 1 } })).toEqual({
      options: {
        ulimits: [
          { name: 'nofile', softLimit: 1024, hardLimit: 4096 },
          { name: 'nproc', softLimit: 65535, hardLimit: 65535 }
        ]
      },
      dropped: [{ key: 'ulimits bogus', reason: 'not a limit ECS sets' }],
      notes: []
    })
    expect(optionsOf({ ulimits: { bogus: 1 } }).options).toEqual({})
    expect(optionsOf({ ulimits: ['nofile=1'] }).options).toEqual({})
    expect(errorOf({ ulimits: { nofile: { soft: 1024 } } })).toBe(
      'service "web": ulimits nofile must be a number or {soft, hard}'
    )
    expect(errorOf({ ulimits: { nofile: { hard: 1024 } } })).toBe(
      'service "web": ulimits nofile must be a number or {soft, hard}'
    )
    expect(errorOf({ ulimits: { nofile: 'many' } })).toBe(
      'service "web": ulimits nofile must be a number or {soft, hard}'
    )
  })

  it('capabilities: upper-cased, CAP_ removed, unknown ones dropped; add and drop each only when given', () => {
    expect(optionsOf({ cap_add: ['net_admin', 'CAP_SYS_TIME', 'FLY'], cap_drop: 'ALL' })).toEqual({
      options: { capabilities: { add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] } },
      dropped: [{ key: 'cap_add FLY', reason: 'not a capability ECS knows' }],
      notes: []
    })
    expect(optionsOf({ cap_add: ['CHOWN'] }).options).toEqual({ capabilities: { add: ['CHOWN'] } })
    expect(optionsOf({ cap_drop: ['NET_RAW'] }).options).toEqual({ capabilities: { drop: ['NET_RAW'] } })
    expect(optionsOf({ cap_add: ['XCAP_CHOWN'] })).toEqual({
      options: {},
      dropped: [{ key: 'cap_add XCAP_CHOWN', reason: 'not a capability ECS knows' }],
      notes: []
    })
    expect(optionsOf({ cap_drop: ['nope'] }).dropped).toEqual([
      { key: 'cap_drop nope', reason: 'not a capability ECS knows' }
    ])
  })

  it('security_opt: no-new-privileges in its forms, apparmor and label with ":"; false is no option; others dropped', () => {
    expect(
      optionsOf({
        security_opt: [
          'no-new-privileges',
          'no-new-privileges:true',
          'no-new-privileges=true',
          'apparmor=unconfined',
          'label:type:svirt',
          'no-new-privileges:false',
          'no-new-privileges=false',
          'seccomp=unconfined',
          'xno-new-privileges',
          'no-new-privileges:truex'
        ]
      })
    ).toEqual({
      options: {
        dockerSecurityOptions: [
          'no-new-privileges',
          'no-new-privileges',
          'no-new-privileges',
          'apparmor:unconfined',
          'label:type:svirt'
        ]
      },
      dropped: [
        {
          key: 'security_opt seccomp=unconfined',
          reason: 'ECS takes only no-new-privileges, apparmor: and label: options'
        },
        {
          key: 'security_opt xno-new-privileges',
          reason: 'ECS takes only no-new-privileges, apparmor: and label: options'
        },
        {
          key: 'security_opt no-new-privileges:truex',
          reason: 'ECS takes only no-new-privileges, apparmor: and label: options'
        }
      ],
      notes: []
    })
    expect(optionsOf({ security_opt: ['label=disable'] }).options).toEqual({
      dockerSecurityOptions: ['label:disable']
    })
    expect(optionsOf({ security_opt: ['xapparmor=x'] }).options).toEqual({})
  })
})

describe('healthcheck', () => {
  it('a string test is CMD-SHELL; fields clamped into ECS ranges with a note each; start_period 0 left out', () => {
    expect(
      optionsOf({
        healthcheck: {
          test: 'curl -f localhost',
          interval: '1s',
          timeout: '2m',
          retries: 20,
          start_period: '0s'
        }
      })
    ).toEqual({
      options: {
        healthCheck: { command: ['CMD-SHELL', 'curl -f localhost'], interval: 5, timeout: 60, retries: 10 }
      },
      dropped: [],
      notes: [
        "healthcheck interval 1 set to 5, within ECS's range 5–300",
        "healthcheck timeout 120 set to 60, within ECS's range 2–60",
        "healthcheck retries 20 set to 10, within ECS's range 1–10"
      ]
    })
  })

  it("compose's defaults where none is given (interval 30, timeout 30, retries 3), no note; a start period kept", () => {
    expect(optionsOf({ healthcheck: { test: ['CMD', 'true'], start_period: '10s' } })).toEqual(
      only({
        healthCheck: { command: ['CMD', 'true'], interval: 30, timeout: 30, retries: 3, startPeriod: 10 }
      })
    )
    expect(
      optionsOf({ healthcheck: { test: ['CMD-SHELL', 'x'], retries: 0, start_period: '600s' } })
    ).toEqual({
      options: {
        healthCheck: { command: ['CMD-SHELL', 'x'], interval: 30, timeout: 30, retries: 1, startPeriod: 300 }
      },
      dropped: [],
      notes: [
        "healthcheck retries 0 set to 1, within ECS's range 1–10",
        "healthcheck startPeriod 600 set to 300, within ECS's range 0–300"
      ]
    })
  })

  it('start_interval has no ECS field: dropped with a note', () => {
    expect(optionsOf({ healthcheck: { test: 'x', start_interval: '1s' } }).notes).toEqual([
      'healthcheck start_interval dropped (ECS has no equivalent)'
    ])
  })

  it.each<[string, unknown]>([
    ['disable: true', { disable: true, test: 'x' }],
    ['disable: "true"', { disable: 'true', test: 'x' }],
    ['test NONE', { test: ['NONE'] }],
    ['no test (the image HEALTHCHECK applies)', { interval: '10s' }]
  ])('no check written: %s', (_title, healthcheck) => expect(optionsOf({ healthcheck })).toEqual(only({})))

  it.each<[string, unknown, string]>([
    ['not a mapping', 'curl x', 'service "web": healthcheck must be a mapping'],
    ['an empty list', { test: [] }, 'service "web": healthcheck test must be a string or a list'],
    ['a number', { test: 3 }, 'service "web": healthcheck test must be a string or a list'],
    [
      'another first word',
      { test: ['SHELL', 'x'] },
      'service "web": healthcheck test must start with CMD, CMD-SHELL or NONE'
    ],
    [
      'a bad interval',
      { test: 'x', interval: 'often' },
      'service "web": healthcheck interval "often" is not a duration'
    ]
  ])('refused: %s', (_title, healthcheck, message) => expect(errorOf({ healthcheck })).toBe(message))
})

describe('tmpfs', () => {
  it('a path with size and options; options ECS does not take dropped; no size → 64 MiB and a note', () => {
    expect(optionsOf({ tmpfs: ['/run:size=32m,noexec,uid=1000,huge=1', '/tmp'] })).toEqual({
      options: {
        tmpfs: [
          { containerPath: '/run', size: 32, mountOptions: ['noexec', 'uid=1000'] },
          { containerPath: '/tmp', size: 64 }
        ]
      },
      dropped: [{ key: 'tmpfs /run huge=1', reason: 'not a tmpfs mount option ECS accepts' }],
      notes: ['tmpfs /tmp has no size; ECS needs one: 64 MiB']
    })
    expect(optionsOf({ tmpfs: '/cache:size=1g' })).toEqual(
      only({ tmpfs: [{ containerPath: '/cache', size: 1024 }] })
    )
  })

  it('"size" without a value is no size; the path must be absolute and plain', () => {
    expect(optionsOf({ tmpfs: ['/x:size'] })).toEqual({
      options: { tmpfs: [{ containerPath: '/x', size: 64 }] },
      dropped: [{ key: 'tmpfs /x size', reason: 'not a tmpfs mount option ECS accepts' }],
      notes: ['tmpfs /x has no size; ECS needs one: 64 MiB']
    })
    expect(errorOf({ tmpfs: ['run'] })).toBe('service "web": tmpfs path "run" must be absolute')
    expect(errorOf({ tmpfs: ['/x,uid=0'] })).toMatch(/^service "web": tmpfs /)
  })
})

describe('helpers', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    ['true', true],
    ['True', true],
    [' 1 ', true],
    ['t', true],
    ['yes', false],
    ['truex', false],
    ['xtrue', false],
    [1, false],
    [false, false],
    [undefined, false]
  ])('isTrue(%p) → %p', (value, expected) => expect(isTrue(value)).toBe(expected))

  it('stringMapOf: a mapping or a list of KEY=VALUE', () => {
    expect(stringMapOf(['A=1', 'B', 'C=x=y'], 'w')).toEqual({ A: '1', B: '', C: 'x=y' })
    expect(stringMapOf({ A: 1, B: undefined }, 'w')).toEqual({ A: '1', B: '' })
    expect(() => stringMapOf('A=1', 'w')).toThrow('w must be a mapping or a list')
  })
})
