// compose's merge of a service with the one it extends (compose-go's
// override rules, checked against `docker compose config`): mappings merge
// key by key whichever of the list (`KEY=value`) or mapping form each side
// uses; volumes replace the base's mount at the same target, in its place;
// ports and the other option lists append what is not there yet; sub-mappings
// (build, deploy, healthcheck, logging) merge deeply; anything else is
// replaced. A `null` keeps the base's value, but resets command and entrypoint.

type Raw = Record<string, unknown>

/** Keys whose value is a mapping, also written as a list of KEY=value (or bare KEY). */
const MAPPING_KEYS = new Set(['environment', 'labels', 'extra_hosts', 'sysctls', 'annotations'])
/** Lists whose entries append, once each. */
const APPENDED_KEYS = new Set([
  'ports',
  'expose',
  'links',
  'env_file',
  'cap_add',
  'cap_drop',
  'dns',
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
const NESTED_KEYS = new Set(['build', 'deploy', 'healthcheck', 'logging', 'ulimits', 'networks'])

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
    else if (APPENDED_KEYS.has(key) && Array.isArray(previous) && Array.isArray(value))
      merged[key] = [
        ...previous,
        ...value.filter(item => !previous.some(old => JSON.stringify(old) === JSON.stringify(item)))
      ]
    else if (NESTED_KEYS.has(key) && (isRecord(previous) || typeof previous === 'string'))
      merged[key] = deepMerge(nested(key, previous), nested(key, value))
    else merged[key] = value
  }
  return merged
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

function deepMerge(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base }
  for (const [key, value] of Object.entries(override)) {
    const previous = merged[key]
    merged[key] = isRecord(previous) && isRecord(value) ? deepMerge(previous, value) : value
  }
  return merged
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
