// Compose service keys that have an ECS container-definition field, turned
// into that field's shape and units. The Beanstalk ECS platform takes its
// container definitions "in the same format as an Amazon ECS task
// definition" (Beanstalk developer guide, Dockerrun.aws.json v2), on the EC2
// launch type with the bridge network, so these fields apply:
//   user, hostname, extraHosts, ulimits, dockerLabels, healthCheck,
//   linuxParameters {tmpfs, sharedMemorySize, initProcessEnabled,
//   capabilities}, stopTimeout, readonlyRootFilesystem, privileged,
//   systemControls, dnsServers, dnsSearchDomains, dockerSecurityOptions,
//   interactive, pseudoTerminal, cpu.
// Values outside what ECS accepts are adjusted with a note, or dropped with
// the reason; nothing is dropped silently.

import { parseDuration } from '../duration.js'
import { containerPathProblem } from '../docker-values.js'
import { ComposeError } from '../errors.js'
import { parseByteValue, toMiB } from './memory.js'
import type { ContainerOptions, HealthCheck } from './model.js'

type Raw = Record<string, unknown>

export interface OptionsResult {
  options: ContainerOptions
  dropped: { key: string; reason: string }[]
  notes: string[]
}

const ULIMIT_NAMES = new Set([
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack'
])

const CAPABILITIES = new Set(
  (
    'ALL AUDIT_CONTROL AUDIT_WRITE BLOCK_SUSPEND CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK ' +
    'IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST ' +
    'NET_RAW SETFCAP SETGID SETPCAP SETUID SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE ' +
    'SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM'
  ).split(' ')
)

/** ECS tmpfs mount options (the part before "="). */
const TMPFS_OPTIONS = new Set(
  (
    'defaults ro rw suid nosuid dev nodev exec noexec sync async dirsync remount mand nomand atime noatime ' +
    'diratime nodiratime bind rbind unbindable runbindable private rprivate shared rshared slave rslave relatime ' +
    'norelatime strictatime nostrictatime mode uid gid nr_inodes nr_blocks mpol'
  ).split(' ')
)

/** ECS ranges (seconds, count) and compose's defaults, so a check behaves as it did under compose. */
const HEALTH_LIMITS = {
  interval: { min: 5, max: 300, compose: 30 },
  timeout: { min: 2, max: 60, compose: 30 },
  retries: { min: 1, max: 10, compose: 3 },
  startPeriod: { min: 0, max: 300, compose: 0 }
} as const

/** ECS needs a tmpfs size; compose's default (half the memory) has no fixed value. */
const DEFAULT_TMPFS_MIB = 64

export function containerOptions(raw: Raw, where: string): OptionsResult {
  const options: ContainerOptions = {}
  const dropped: OptionsResult['dropped'] = []
  const notes: string[] = []
  const drop = (key: string, reason: string): void => {
    dropped.push({ key, reason })
  }

  if (raw.user !== undefined && raw.user !== null) options.user = String(raw.user)
  if (typeof raw.hostname === 'string' && raw.hostname !== '') options.hostname = raw.hostname
  if (raw.extra_hosts !== undefined) {
    const hosts = extraHosts(raw.extra_hosts, where)
    const usable = hosts.filter(host => isIpAddress(host.ipAddress))
    for (const host of hosts.filter(candidate => !usable.includes(candidate))) {
      drop(
        `extra_hosts ${host.hostname}`,
        `"${host.ipAddress}" is not an IP address (ECS extraHosts take addresses; host-gateway has no equivalent)`
      )
    }
    if (usable.length > 0) options.extraHosts = usable
  }
  if (isRecord(raw.ulimits)) {
    const ulimits: NonNullable<ContainerOptions['ulimits']> = []
    for (const [name, value] of Object.entries(raw.ulimits)) {
      if (!ULIMIT_NAMES.has(name)) {
        drop(`ulimits ${name}`, 'not a limit ECS sets')
        continue
      }
      const soft = isRecord(value) ? Number(value.soft) : Number(value)
      const hard = isRecord(value) ? Number(value.hard) : Number(value)
      if (!Number.isInteger(soft) || !Number.isInteger(hard)) {
        throw new ComposeError(`${where}: ulimits ${name} must be a number or {soft, hard}`)
      }
      ulimits.push({ name, softLimit: soft, hardLimit: hard })
    }
    if (ulimits.length > 0) options.ulimits = ulimits
  }
  if (raw.labels !== undefined && raw.labels !== null) {
    options.labels = stringMapOf(raw.labels, `${where} labels`)
    // The smoke test's cleanup finds its containers by the action's own labels: the repository cannot set them.
    const reserved = Object.keys(options.labels).find(key => key.startsWith('beanstalk-docker-deploy.'))
    if (reserved !== undefined) {
      throw new ComposeError(
        `${where} labels ${reserved}: labels under beanstalk-docker-deploy. are the action's own (its cleanup finds containers by them); rename it`
      )
    }
  }
  if (raw.healthcheck !== undefined) {
    const check = healthCheck(raw.healthcheck, where, notes)
    if (check) options.healthCheck = check
  }
  const tmpfs = [
    ...(typeof raw.tmpfs === 'string' ? [raw.tmpfs] : Array.isArray(raw.tmpfs) ? raw.tmpfs.map(String) : [])
  ].map(entry => tmpfsMount(entry, where, notes, drop))
  if (tmpfs.length > 0) options.tmpfs = tmpfs
  if (raw.shm_size !== undefined) {
    options.sharedMemorySize = toMiB(parseByteValue(raw.shm_size, `${where} shm_size`))
  }
  if (isTrue(raw.init)) options.initProcessEnabled = true
  if (raw.stop_grace_period !== undefined) {
    const ms = parseDuration(String(raw.stop_grace_period))
    if (ms === undefined)
      throw new ComposeError(
        `${where}: stop_grace_period "${String(raw.stop_grace_period)}" is not a duration`
      )
    // On the EC2 launch type ECS sets no maximum (120 s is Fargate's); the instance's agent default is 30 s.
    options.stopTimeout = Math.ceil(ms / 1000)
  }
  const add = capabilities(raw.cap_add, 'cap_add', drop)
  const removed = capabilities(raw.cap_drop, 'cap_drop', drop)
  if (add.length > 0 || removed.length > 0) {
    options.capabilities = { ...(add.length > 0 && { add }), ...(removed.length > 0 && { drop: removed }) }
  }
  if (isTrue(raw.read_only)) options.readonlyRootFilesystem = true
  if (isTrue(raw.privileged)) options.privileged = true
  if (raw.sysctls !== undefined && raw.sysctls !== null) {
    const controls = Object.entries(stringMapOf(raw.sysctls, `${where} sysctls`))
    if (controls.length > 0)
      options.systemControls = controls.map(([namespace, value]) => ({ namespace, value }))
  }
  const dns = listOf(raw.dns)
  if (dns.length > 0) options.dnsServers = dns
  const search = listOf(raw.dns_search)
  if (search.length > 0) options.dnsSearchDomains = search
  const security = listOf(raw.security_opt).flatMap(option => {
    const normalised = option.replace(/^no-new-privileges(:true|=true)?$/, 'no-new-privileges')
    if (normalised === 'no-new-privileges' || /^(apparmor|label)[:=]/.test(normalised))
      return [normalised.replace('=', ':')]
    if (!/^no-new-privileges(:|=)false$/.test(option))
      drop(`security_opt ${option}`, 'ECS takes only no-new-privileges, apparmor: and label: options')
    return []
  })
  if (security.length > 0) options.dockerSecurityOptions = security
  if (isTrue(raw.stdin_open)) options.interactive = true
  if (isTrue(raw.tty)) options.pseudoTerminal = true
  if (raw.cpu_shares !== undefined) {
    const shares = Number(raw.cpu_shares)
    if (!Number.isInteger(shares) || shares < 0)
      throw new ComposeError(`${where}: cpu_shares must be a whole number`)
    options.cpu = shares
  }
  return { options, dropped, notes }
}

function healthCheck(value: unknown, where: string, notes: string[]): HealthCheck | undefined {
  if (!isRecord(value)) throw new ComposeError(`${where}: healthcheck must be a mapping`)
  if (isTrue(value.disable)) return undefined
  const test = value.test
  let command: string[]
  if (typeof test === 'string') command = ['CMD-SHELL', test]
  else if (Array.isArray(test) && test.length > 0) {
    const [kind, ...rest] = test.map(String)
    if (kind === 'NONE') return undefined
    if (kind !== 'CMD' && kind !== 'CMD-SHELL') {
      throw new ComposeError(`${where}: healthcheck test must start with CMD, CMD-SHELL or NONE`)
    }
    command = [kind, ...rest]
  } else if (test === undefined) {
    // The image's own HEALTHCHECK applies under compose, and on ECS too.
    return undefined
  } else throw new ComposeError(`${where}: healthcheck test must be a string or a list`)

  const check: HealthCheck = { command }
  const seconds = (key: string): number | undefined => {
    const raw = value[key]
    if (raw === undefined) return undefined
    const ms = parseDuration(String(raw))
    if (ms === undefined)
      throw new ComposeError(`${where}: healthcheck ${key} "${String(raw)}" is not a duration`)
    return Math.round(ms / 1000)
  }
  const given = {
    interval: seconds('interval'),
    timeout: seconds('timeout'),
    retries: value.retries === undefined ? undefined : Number(value.retries),
    startPeriod: seconds('start_period')
  }
  for (const field of ['interval', 'timeout', 'retries', 'startPeriod'] as const) {
    const limits = HEALTH_LIMITS[field]
    const wanted = given[field] ?? limits.compose
    const clamped = Math.min(limits.max, Math.max(limits.min, wanted))
    if (given[field] !== undefined && clamped !== wanted) {
      notes.push(
        `healthcheck ${field} ${wanted} set to ${clamped}, within ECS's range ${limits.min}–${limits.max}`
      )
    }
    if (field !== 'startPeriod' || clamped > 0) check[field] = clamped
  }
  if (value.start_interval !== undefined)
    notes.push('healthcheck start_interval dropped (ECS has no equivalent)')
  return check
}

function tmpfsMount(
  entry: string,
  where: string,
  notes: string[],
  drop: (key: string, reason: string) => void
): NonNullable<ContainerOptions['tmpfs']>[number] {
  const [containerPath = '', optionText = ''] = entry.split(/:(.*)/s)
  if (!containerPath.startsWith('/'))
    throw new ComposeError(`${where}: tmpfs path "${containerPath}" must be absolute`)
  let size: number | undefined
  const mountOptions: string[] = []
  for (const option of optionText.split(',').filter(Boolean)) {
    const [key = '', value] = option.split('=')
    if (key === 'size' && value !== undefined)
      size = toMiB(parseByteValue(value, `${where} tmpfs ${containerPath} size`))
    else if (TMPFS_OPTIONS.has(key)) mountOptions.push(option)
    else drop(`tmpfs ${containerPath} ${option}`, 'not a tmpfs mount option ECS accepts')
  }
  return tmpfsEntry(containerPath, size, mountOptions, notes, where)
}

export function tmpfsEntry(
  containerPath: string,
  size: number | undefined,
  mountOptions: string[],
  notes: string[],
  where: string
): NonNullable<ContainerOptions['tmpfs']>[number] {
  // docker reads `--tmpfs PATH:OPTIONS`: a ":" or "," in the path would smuggle options past the ones allowed.
  const problem = containerPathProblem(containerPath)
  if (problem) throw new ComposeError(`${where}: tmpfs ${problem}`)
  if (size === undefined)
    notes.push(`tmpfs ${containerPath} has no size; ECS needs one: ${DEFAULT_TMPFS_MIB} MiB`)
  return {
    containerPath,
    size: size ?? DEFAULT_TMPFS_MIB,
    ...(mountOptions.length > 0 && { mountOptions })
  }
}

function capabilities(value: unknown, key: string, drop: (key: string, reason: string) => void): string[] {
  return listOf(value).flatMap(name => {
    const capability = name.toUpperCase().replace(/^CAP_/, '')
    if (CAPABILITIES.has(capability)) return [capability]
    drop(`${key} ${name}`, 'not a capability ECS knows')
    return []
  })
}

function extraHosts(value: unknown, where: string): { hostname: string; ipAddress: string }[] {
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([hostname, address]) =>
      (Array.isArray(address) ? address : [address]).map(ip => ({ hostname, ipAddress: String(ip) }))
    )
  }
  return listOf(value).map(entry => {
    const match = /^([^=:]+)[=:](.+)$/.exec(entry)
    if (!match) throw new ComposeError(`${where}: extra_hosts entry "${entry}" must be host=address`)
    return { hostname: match[1] as string, ipAddress: (match[2] as string).replace(/^\[|\]$/g, '') }
  })
}

function isIpAddress(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (/^[0-9a-f:]+$/i.test(text) && text.includes(':'))
}

/** Compose's "list of KEY=VALUE or mapping" shape. */
export function stringMapOf(value: unknown, where: string): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map(item => {
        const line = String(item)
        const equals = line.indexOf('=')
        return equals < 0 ? [line, ''] : [line.slice(0, equals), line.slice(equals + 1)]
      })
    )
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        item === null || item === undefined ? '' : String(item)
      ])
    )
  }
  throw new ComposeError(`${where} must be a mapping or a list`)
}

function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

/** A compose boolean, also once interpolated ("true", "True", "1" as Go's ParseBool reads them). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(1|t|true)$/i.test(value.trim()))
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
