// AWS Query protocol requests (Beanstalk, RDS, ElastiCache, STS): a
// form-encoded body whose lists and structures are flattened into dotted keys,
// e.g. `Names.member.1=a` or `OptionSettings.member.2.Namespace=…`.

export type QueryParams = Record<string, string>

export function parseQueryBody(body: string): QueryParams {
  const params: QueryParams = {}
  for (const [key, value] of new URLSearchParams(body)) params[key] = value
  return params
}

/** `Names.member.N` → ["…", …] in N order. An empty list arrives as `Names=`. */
export function queryList(params: QueryParams, name: string, memberName = 'member'): string[] {
  const prefix = `${name}.${memberName}.`
  return Object.keys(params)
    .filter(key => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map(key => params[key] as string)
}

/** `OptionSettings.member.N.Field` → [{Field: …}, …] in N order. */
export function queryStructList(
  params: QueryParams,
  name: string,
  memberName = 'member'
): Record<string, string>[] {
  const prefix = `${name}.${memberName}.`
  const byIndex = new Map<number, Record<string, string>>()
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue
    const rest = key.slice(prefix.length)
    const dot = rest.indexOf('.')
    if (dot < 0) continue
    const index = Number(rest.slice(0, dot))
    if (!Number.isInteger(index)) continue
    const entry = byIndex.get(index) ?? {}
    entry[rest.slice(dot + 1)] = value
    byIndex.set(index, entry)
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry)
}

/** `SourceBundle.S3Bucket` style nested structure → {S3Bucket: …}, or undefined when absent. */
export function queryStruct(params: QueryParams, name: string): Record<string, string> | undefined {
  const prefix = `${name}.`
  const entries = Object.entries(params).filter(([key]) => key.startsWith(prefix))
  if (entries.length === 0) return undefined
  return Object.fromEntries(entries.map(([key, value]) => [key.slice(prefix.length), value]))
}

export function queryBoolean(params: QueryParams, name: string): boolean | undefined {
  const value = params[name]
  return value === undefined ? undefined : value === 'true'
}
