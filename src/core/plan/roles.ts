// Which deployed services are jobs: they run and exit, so on ECS they are
// non-essential (an essential container's exit stops the whole task, where
// compose lets the others run). A job is a service others wait for with
// service_completed_successfully, a migration or setup command that is the
// whole command, a service compose is told not to restart (`restart: "no"`)
// or to restart only until it succeeds (`restart: on-failure`, with a sign of
// setup) that serves no port, or a development asset watcher deployed on purpose.

import type { ComposeService } from '../compose/model.js'

/** Commands that migrate or set up a database and exit (Rails, Django, Flask, Alembic, Prisma, Ecto, Knex…). */
const MIGRATION =
  /(^|[\s/:])(db:(migrate|prepare|setup|seed|create)|migrate( |$)|migrate:(up|latest|deploy|run)|migration:run|alembic upgrade|prisma migrate deploy|prisma db push|ecto\.(migrate|setup)|knex migrate|sequelize(-cli)? db:migrate|flask db upgrade|goose .*up|diesel migration run|dbmate up|collectstatic)/

/** A word that turns a build into a watcher: `--watch`, `yarn watch`, `tailwindcss:watch`, `build:watch`. */
const WATCH_WORD = /^(--watch(=.*)?|watch|[\w.-]+:watch)$/

/** A development asset watcher: rebuilds assets into a folder on file changes (`yarn build --watch`). */
export function isAssetWatcher(service: ComposeService): boolean {
  const words = [...(service.entrypoint ?? []), ...(service.command ?? [])]
  return (
    service.ports.length === 0 && words.some(word => word.split(/\s+/).some(part => WATCH_WORD.test(part)))
  )
}

const WAITED_FOR = 'a one-shot job (others wait for it to complete)'

/** Deployed jobs, each with why it is one. */
export function jobServices(selected: readonly ComposeService[]): Map<string, string> {
  const names = new Set(selected.map(service => service.name))
  const jobs = new Map<string, string>()
  for (const service of selected) {
    for (const dependency of service.dependsOn) {
      if (dependency.condition === 'completed' && names.has(dependency.service))
        jobs.set(dependency.service, WAITED_FOR)
    }
  }
  for (const service of selected) {
    if (jobs.has(service.name)) continue
    const reason = jobReason(service)
    if (reason) jobs.set(service.name, reason)
  }
  // ECS needs an essential container: when every service looks like a job, only those others wait for are taken for
  // one (a worker-only app whose worker compose does not restart keeps running on Beanstalk).
  return jobs.size === selected.length
    ? new Map([...jobs].filter(([, reason]) => reason === WAITED_FOR))
    : jobs
}

/** Words of a setup step's name or command: Zammad's `zammad-init`, `setup`, `bootstrap`, `seed`. */
const SETUP_WORD = /(^|[-_\s/:.])(init|setup|bootstrap|seed|install|migrat\w*)($|[-_\s/:.])/i

/**
 * A setup step by its name or its program (`init-db`, `zammad-init`), never by a word further down its command: a
 * worker's `sh -c "pip install … && celery worker"` or `node --require ./init.js worker.js` is no setup step.
 */
function namesSetup(service: ComposeService): boolean {
  const program = [...(service.entrypoint ?? []), ...(service.command ?? [])][0]?.split('/').at(-1) ?? ''
  return SETUP_WORD.test(service.name) || SETUP_WORD.test(program)
}

/**
 * `restart: on-failure` is how compose says "run until it succeeds once" (Zammad's zammad-init) — but a worker may
 * say it too, and a worker made non-essential would die unseen. So it makes a job only with a sign of setup in its
 * name or program.
 */
function runsUntilSuccess(service: ComposeService): boolean {
  return /^on-failure(:\d+)?$/.test(service.restart ?? '') && namesSetup(service)
}

function jobReason(service: ComposeService): string | undefined {
  if (isAssetWatcher(service)) return 'a development asset watcher (it exits when no terminal is attached)'
  const command = [...(service.entrypoint ?? []), ...(service.command ?? [])].join(' ')
  const compound = /&&|\|\||;|\n/.test(command)
  if (!compound && MIGRATION.test(command)) return `a one-shot job (its command "${command}" runs and exits)`
  if (service.ports.length > 0 || service.expose.length > 0) return undefined
  if (service.restart === 'no')
    return 'a one-shot job (restart: "no": compose does not restart it when it exits)'
  // No restart key is compose's "no" too; named for setup and migrating somewhere in its command (data-act-broker's
  // init-db: `sleep 9s; …; alembic upgrade head`), it is a job. A name alone is not enough (a blockchain's seed-node).
  if (service.restart === undefined && SETUP_WORD.test(service.name) && MIGRATION.test(command))
    return 'a one-shot job (its name says setup, and compose does not restart it when it exits)'
  if (runsUntilSuccess(service))
    return `a one-shot job (restart: ${service.restart ?? ''}: compose runs it until it succeeds once)`
  return undefined
}
