// A development database that creates its schema itself: the official postgres, mysql and mariadb images run the
// files in /docker-entrypoint-initdb.d (.sql, .sql.gz, .sh) when they start on an empty data folder
// (https://hub.docker.com/_/postgres, "Initialization scripts"). RDS runs none of them, so the tables and rows they
// make are not there after the replacement, and an app that does not create its own schema fails at its first query
// — possibly only on the pages that write, after a Green deploy. Said as a warning with the way out: the same files
// run once by a job the app waits for.

import { posix } from 'node:path'

import type { ComposeService } from '../compose/model.js'
import type { BackingReplacement } from './types.js'

const INIT_FOLDER = '/docker-entrypoint-initdb.d'

const inInitFolder = (path: string): boolean =>
  posix.normalize(path) === INIT_FOLDER || posix.normalize(path).startsWith(`${INIT_FOLDER}/`)

/** The files (as the compose file or the Dockerfile names them) that put init scripts into the database service. */
export function initScripts(service: ComposeService): string[] {
  const mounted = service.volumes
    .filter(mount => inInitFolder(mount.target))
    .map(mount => `${mount.source ?? '(a volume)'} → ${mount.target}`)
  const copied = (service.build?.contents?.copies ?? [])
    .filter(copy => inInitFolder(copy.destination))
    .map(copy => `${copy.sources.join(' ')} → ${copy.destination} (Dockerfile)`)
  return [...mounted, ...copied]
}

/** The warning for a replaced database whose development service runs init scripts, or undefined. */
export function initScriptWarning(
  service: ComposeService,
  replacement: BackingReplacement
): string | undefined {
  if (replacement.role !== 'database') return undefined
  const scripts = initScripts(service)
  if (scripts.length === 0) return undefined
  const client = replacement.engine === 'postgres' ? `psql "$$DATABASE_URL" -f <file>` : `mysql … < <file>`
  return `service ${service.name}: its init scripts (${scripts.join('; ')}) are never run on RDS: what they create (tables, rows, users, databases) will not be there, and the app fails at its first query that needs it; run them once with a job the app depends on (a service on the ${service.image ?? service.build?.contents?.baseImage ?? replacement.engine} image with command: sh -c '${client}', the files mounted, and depends_on: {condition: service_completed_successfully}), or let the app create its schema (migrations)`
}
