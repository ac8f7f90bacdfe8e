// Where a service names another one as a host. Under compose every service
// reaches every other by name; on the ECS bridge network only linked names
// resolve, so these references decide the links (and which backing services
// a container uses). Read from environment values, the command and
// entrypoint, and the config files the service mounts or copies into its
// image (an nginx `proxy_pass http://api:8080`).

import { posix } from 'node:path'
import type { ComposeService, WorkspaceFiles } from '../compose/model.js'
import { isWithin } from './mounts.js'

export type ReferenceKind = 'url' | 'host-port' | 'host'

export interface Reference {
  /** The compose service named (a link alias, container_name or network alias already resolved to its service). */
  target: string
  /** The host name as written, when it is not the service's name: the link's alias on Beanstalk. */
  name?: string
  /** Where, for messages: "environment APP_DB_URL", "command", "file nginx/default.conf". */
  place: string
  /** The environment variable, when the reference is an environment value. */
  variable?: string
  kind: ReferenceKind
}

/** Variable names that say host, server, address, URL or endpoint: their bare values are host names. */
const HOST_VARIABLE = /HOST|SERVER|ADDR|URL|URI|ENDPOINT/i

/** Names that say a connection string or configuration (ConnectionStrings__Redis, Redis__Configuration; not Laravel's QUEUE_CONNECTION). */
export function isConnectionSettingName(name: string): boolean {
  return /CONNECTION_?STRING|CONFIGURATION/i.test(name)
}

export function isHostVariable(name: string): boolean {
  return HOST_VARIABLE.test(name)
}

/** Bounds on reading config files: a mounted source tree is not config. */
const MAX_FILES = 200
const MAX_FILE_BYTES = 256 * 1024

const NAME = '[A-Za-z0-9_][A-Za-z0-9_.-]*'
const URL_HOST = new RegExp(`[a-z][a-z0-9+.-]*://(?:[^\\s/?#@'"]*@)?(${NAME})`, 'gi')
// The port ends the token: `postgres:16-alpine` or `postgres:16.4` is an image, not a host. A label may come first
// (Redis Commander's `REDIS_HOSTS=local:redis:6379`).
const HOST_PORT = new RegExp(`(?:^|[\\s=,;:"'(\\[{])(${NAME}):(\\d{1,5})(?![\\w.-])`, 'g')
const HOST_FLAG = new RegExp(`(?:^|\\s)(?:-h|--host|--hostname|--server)(?:=|\\s+)(${NAME})`, 'g')
const NGINX_SERVER = new RegExp(`(?:^|[\\s{;])server\\s+(${NAME})\\s*;`, 'g')
/** bash's `</dev/tcp/db/5432` (a wait loop in a command) */
const DEV_TCP = new RegExp(`/dev/(?:tcp|udp)/(${NAME})/\\d{1,5}`, 'g')
/** `nc -z db 5432`, `netcat db 5432` */
const NETCAT = new RegExp(
  `(?:^|[\\s;&|(])(?:nc|ncat|netcat)(?:\\s+-[A-Za-z]+)*\\s+(${NAME})\\s+\\d{1,5}\\b`,
  'g'
)
/** A connection string's host: `Host=db;…` (ADO.NET), `host=db user=…` (libpq, also `?host=db` in a URL), `user@tcp(db:3306)/app` (Go MySQL) */
const KEYED_HOST = new RegExp(
  `(?:^|[;\\s"'?&])(?:host|hostaddr|server|data\\s*source|address|addr)\\s*=\\s*'?(${NAME})`,
  'gi'
)
const GO_DSN_HOST = new RegExp(`(?:^|[@/\\s"'=])tcp\\((${NAME})(?::\\d{1,5})?\\)`, 'g')
/**
 * A key ending in host, server or address anywhere in a text, then `=`, `=>` or `:` and the name: GitLab's
 * `gitlab_rails['db_host'] = "postgres"`, JSON's `"host":"db"`, `-Dspring.data.redis.host=redis` (fresh apps,
 * round 11); not `ghost: db`.
 */
const HOST_KEY = new RegExp(
  `(?:^|[^A-Za-z0-9])(?:[A-Za-z0-9]*[_.])*(?:host|hostname|server|address|addr)["'\\]]*\\s*(?:=>|=|:)\\s*["']?(${NAME})["']?(?![\\w.-])`,
  'gi'
)
/** A setting whose key says host in a config file: `DB_HOST="db"` (.env), `host: db` (YAML), `host = db` (INI, TOML) */
const HOST_SETTING = new RegExp(
  `^\\s*(?:export\\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\\s*[=:]\\s*["']?(${NAME})["']?\\s*[,;]?\\s*$`,
  'gm'
)

/** The service names a text uses as hosts, and how. `bare`: the whole value (or a list item) may be a host. */
export function hostsIn(
  text: string,
  names: ReadonlyMap<string, string>,
  bare: boolean
): { target: string; kind: ReferenceKind; name?: string }[] {
  const found = new Map<string, { kind: ReferenceKind; name?: string }>()
  const add = (name: string | undefined, kind: ReferenceKind): void => {
    const target = name === undefined ? undefined : names.get(name)
    if (target !== undefined && !found.has(target))
      found.set(target, { kind, ...(name !== target && { name: name as string }) })
  }
  for (const match of text.matchAll(URL_HOST)) add(match[1], 'url')
  for (const match of text.matchAll(HOST_PORT)) add(match[1], 'host-port')
  for (const match of text.matchAll(HOST_FLAG)) add(match[1], 'host')
  for (const match of text.matchAll(NGINX_SERVER)) add(match[1], 'host')
  for (const match of text.matchAll(DEV_TCP)) add(match[1], 'host')
  for (const match of text.matchAll(NETCAT)) add(match[1], 'host')
  for (const match of text.matchAll(KEYED_HOST)) add(match[1], 'host')
  for (const match of text.matchAll(GO_DSN_HOST)) add(match[1], 'host')
  for (const match of text.matchAll(HOST_KEY)) add(match[1], 'host')
  for (const match of text.matchAll(HOST_SETTING)) if (isHostVariable(match[1] ?? '')) add(match[2], 'host')
  if (bare) {
    for (const item of text.split(/[\s,]+/)) add(item.replace(/^["']|["']$/g, ''), 'host')
  }
  return [...found].map(([target, hit]) => ({ target, ...hit }))
}

/**
 * Each name a host may take across the project → the service it designates: service names, then the
 * container_name and network aliases compose's network also resolves (never over a service's own name).
 */
export function projectHostNames(services: readonly ComposeService[]): Map<string, string> {
  const names = new Map(services.map(service => [service.name, service.name]))
  for (const service of services)
    for (const other of service.otherNames) if (!names.has(other)) names.set(other, service.name)
  return names
}

/**
 * Every reference a service makes to another compose service. `projectNames` maps each name a host may take
 * (projectHostNames) to the service it designates; this service's link aliases are added.
 */
export function serviceReferences(
  service: ComposeService,
  projectNames: ReadonlyMap<string, string>,
  files: WorkspaceFiles,
  composeDirectory = '.'
): Reference[] {
  const names = new Map(projectNames)
  for (const link of service.links) if (link.alias) names.set(link.alias, link.service)
  const references: Reference[] = []
  const record = (
    place: string,
    hits: { target: string; kind: ReferenceKind; name?: string }[],
    variable?: string
  ): void => {
    for (const hit of hits) {
      if (hit.target === service.name) continue
      references.push({ ...hit, place, ...(variable !== undefined && { variable }) })
    }
  }
  for (const [variable, value] of Object.entries(service.environment)) {
    if (value.kind !== 'literal') continue
    // A connection setting's bare host list counts too (`ConnectionStrings__Redis: redis,abortConnect=false`).
    const bare = isHostVariable(variable) || isConnectionSettingName(variable)
    record(`environment ${variable}`, hostsIn(value.value, names, bare), variable)
  }
  if (service.command) record('command', hostsIn(service.command.join(' '), names, false))
  if (service.entrypoint) record('entrypoint', hostsIn(service.entrypoint.join(' '), names, false))
  for (const file of configFiles(service, files, composeDirectory)) {
    // The service's env_file: its values reach the container as variables, rewritten; dotenv libraries do not
    // override a variable the environment has, so the copy in the image does not decide either.
    if (service.envFiles.includes(file)) continue
    const text = files.readFile(file, MAX_FILE_BYTES)
    if (text === undefined || text.includes('\0')) continue
    record(`file ${file}`, hostsIn(text, names, false))
  }
  return references
}

/** Files the service mounts from the workspace or copies into its image by name (not whole source trees). */
function configFiles(service: ComposeService, files: WorkspaceFiles, composeDirectory: string): string[] {
  const sources = service.volumes
    .filter(mount => mount.type === 'bind' && !mount.hostPath && mount.source !== undefined)
    .map(mount => mount.source as string)
  const build = service.build
  if (build?.contents) {
    for (const copy of build.contents.copies) {
      for (const source of copy.sources) {
        if (!/[*?[]/.test(source) && posix.normalize(source) !== '.')
          sources.push(posix.join(build.context, source))
      }
    }
  }
  const found: string[] = []
  for (const source of new Set(sources)) {
    // The whole build context or compose folder (or a folder above them) mounted for live code reload is source
    // code, not config, and holds the compose file, which names every service (it is not shipped: plan/mounts.ts
    // drops it).
    if (isWithin(composeDirectory, source) || (build && isWithin(build.context, source))) continue
    if (files.readFile(source, MAX_FILE_BYTES) !== undefined) {
      found.push(source)
      continue
    }
    const listed = files.listFolder?.(source, MAX_FILES + 1)
    if (listed && listed.length <= MAX_FILES) found.push(...listed)
    if (found.length > MAX_FILES) break
  }
  return found.slice(0, MAX_FILES)
}
