// compose's merge of a service with the one it extends, after compose-go's
// override rules (override/merge.go, its `mergeSpecials`) and checked against
// `docker compose config` 2.26:
// - mappings (also written as lists of `KEY=value` or bare `KEY`) merge key by
//   key, the extending service's value winning;
// - volumes replace the base's mount at the same target, in its place;
// - lists append what is not there yet, a lone string counting as a one-item
//   list (`env_file: .env` extended by `env_file: [worker.env]` reads both);
// - extra_hosts append as `host=address` entries, so a host named twice keeps
//   both addresses, in order;
// - networks merge by name (a list is a mapping of names), their aliases append;
// - sub-mappings (build, deploy, healthcheck, logging) merge deeply, their lists
//   append, except a healthcheck's test, which is replaced; each ulimit is replaced;
// - anything else is replaced. A `null` keeps the base's value, but resets
//   command and entrypoint.

type Raw = Record<string, unknown>

/** Keys whose value is a mapping, also written as a list of KEY=value (or bare KEY). */
const MAPPING_KEYS = new Set(['environment', 'labels', 'sysctls', 'annotations'])
/** Lists whose entries append, once each. */
const APPENDED_KEYS = new Set([
  'ports',
  'expose',
  'links',
  'env_file',
  'cap_add',
  'cap_drop',
  'dns',
  'dns_opt',
  'dns_search',
  'tmpfs',
  'security_opt',
  'volumes_from',
  'external_links',
  'devices',
  'profiles',
  'secrets',
  'configs'
])
/** Keys an extending service resets with `null`; a `null` anywhere else keeps the base's value (docker compose 2.26). */
const RESET_BY_NULL = new Set(['command', 'entrypoint'])
/** Sub-mappings merged deeply. */
const NESTED_KEYS = new Set(['build', 'deploy', 'healthcheck', 'logging'])

export function mergeService(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base }
  for (const [key, value] of Object.entries(override)) {
    const previous = merged[key]
    if (value === null && !RESET_BY_NULL.has(key)) continue
    if (previous === undefined || previous === null) merged[key] = value
    else if (MAPPING_KEYS.has(key)) merged[key] = { ...asMapping(previous), ...asMapping(value) }
    else if (key === 'depends_on') merged[key] = { ...dependencies(previous), ...dependencies(value) }
    else if (key === 'volumes' && Array.isArray(previous) && Array.isArray(value))
      merged[key] = mergeVolumes(previous, value)
    else if (APPENDED_KEYS.has(key) && isListLike(previous) && isListLike(value))
      merged[key] = appendNew(asList(previous), asList(value))
    else if (key === 'extra_hosts') merged[key] = appendNew(hostEntries(previous), hostEntries(value))
    else if (key === 'networks') merged[key] = deepMerge(networksOf(previous), networksOf(value))
    else if (key === 'ulimits' && isRecord(previous) && isRecord(value))
      merged[key] = { ...previous, ...value }
    else if (key === 'healthcheck' && isRecord(previous) && isRecord(value))
      merged[key] = { ...previous, ...value }
    else if (NESTED_KEYS.has(key) && (isRecord(previous) || typeof previous === 'string'))
      merged[key] = deepMerge(nested(key, previous), nested(key, value))
    else merged[key] = value
  }
  return merged
}

function isListLike(value: unknown): value is unknown[] | string {
  return Array.isArray(value) || typeof value === 'string'
}

function asList(value: unknown[] | string): unknown[] {
  return typeof value === 'string' ? [value] : value
}

function appendNew(base: unknown[], added: unknown[]): unknown[] {
  const seen = new Set(base.map(item => JSON.stringify(item)))
  const appended = [...base]
  for (const item of added) {
    const key = JSON.stringify(item)
    if (!seen.has(key)) appended.push(item)
    seen.add(key)
  }
  return appended
}

function asMapping(value: unknown): Raw {
  if (isRecord(value)) return value
  if (!Array.isArray(value)) return {}
  return Object.fromEntries(
    value.map(item => {
      const line = String(item)
      const equals = line.indexOf('=')
      return equals < 0 ? [line, null] : [line.slice(0, equals), line.slice(equals + 1)]
    })
  )
}

/** extra_hosts as compose-go's sequence: a mapping's entries become `host=address`, one per address. */
function hostEntries(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return [value]
  if (!isRecord(value)) return []
  return Object.entries(value).flatMap(([host, addresses]) =>
    (Array.isArray(addresses) ? addresses : [addresses]).map(address => `${host}=${String(address)}`)
  )
}

/** A service's networks as a mapping: the list form names networks with no options. */
function networksOf(value: unknown): Raw {
  if (isRecord(value)) return value
  return Array.isArray(value) ? Object.fromEntries(value.map(name => [String(name), null])) : {}
}

function dependencies(value: unknown): Raw {
  if (isRecord(value)) return value
  return Array.isArray(value)
    ? Object.fromEntries(value.map(name => [String(name), { condition: 'service_started' }]))
    : {}
}

/** A mount of the extending service takes the place of the base's mount at the same target; the others follow. */
function mergeVolumes(base: unknown[], override: unknown[]): unknown[] {
  const byTarget = new Map(override.map(mount => [targetOf(mount), mount]))
  const merged = base.map(mount => byTarget.get(targetOf(mount)) ?? mount)
  return [...merged, ...override.filter(mount => !merged.includes(mount))]
}

function targetOf(mount: unknown): string {
  if (isRecord(mount)) return String(mount.target ?? '')
  const parts = String(mount).split(':')
  return (parts.length === 1 ? parts[0] : parts[1]) ?? ''
}

function nested(key: string, value: unknown): Raw {
  if (key === 'build' && typeof value === 'string') return { context: value }
  if (isRecord(value)) {
    return key === 'build' && value.args !== undefined ? { ...value, args: asMapping(value.args) } : value
  }
  return {}
}

/** compose-go's default merge: mappings key by key, lists appended, a `null` keeping what was there. */
function deepMerge(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base }
  for (const [key, value] of Object.entries(override)) {
    const previous = merged[key]
    if (value === null && previous !== undefined) continue
    if (isRecord(previous) && isRecord(value)) merged[key] = deepMerge(previous, value)
    else if (Array.isArray(previous) && Array.isArray(value)) merged[key] = appendNew(previous, value)
    else merged[key] = value
  }
  return merged
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
