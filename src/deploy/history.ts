// The deploy history of one environment: a small JSON record the action keeps
// in the bundle bucket at `<application>/_history/<environment>.json`, one
// entry appended after each deploy or rollback (label, commit, date, result).
// Rollbacks choose their target from it — never by guessing from dates or
// version names — and cleanup keeps the versions it points back to.
//
// One file per environment, so concurrent deploys to several environments
// never write the same object; two jobs deploying the same environment at
// once cannot both succeed anyway (Beanstalk refuses the second update).

import type { BeanstalkApi } from '../adapters/beanstalk/environments.js'
import { storageBucket } from '../adapters/beanstalk/storage.js'
import { getObjectText, putObjectText, type S3Api } from '../adapters/s3.js'
import { errorMessage } from '../core/errors.js'
import type { Logger } from '../adapters/actions-runner/logger.js'

/** Entries kept per environment: enough to roll back far, small enough to read on every deploy. */
export const HISTORY_LIMIT = 100

export type HistoryKind = 'deploy' | 'rollback' | 'auto-rollback'

export interface HistoryEntry {
  versionLabel: string
  /** The commit the version was built from, when known. */
  commit?: string
  /** ISO 8601, when the deploy ended. */
  date: string
  /** succeeded: the environment was Ready and Green (or Yellow with allow-yellow) on the version. */
  result: 'succeeded' | 'failed'
  health?: string
  kind: HistoryKind
}

export interface DeployHistory {
  application: string
  environment: string
  /** Oldest first. */
  entries: HistoryEntry[]
}

export class HistoryUnreadableError extends Error {
  constructor(key: string) {
    super(`The deploy history ${key} is not valid JSON`)
    this.name = 'HistoryUnreadableError'
  }
}

export function historyKey(application: string, environment: string): string {
  return `${application}/_history/${environment}.json`
}

export function emptyHistory(application: string, environment: string): DeployHistory {
  return { application, environment, entries: [] }
}

/** Reads the stored JSON; entries that are not well formed are dropped rather than trusted. */
export function parseHistory(text: string, application: string, environment: string): DeployHistory {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new HistoryUnreadableError(historyKey(application, environment))
  }
  const raw = (parsed as { entries?: unknown } | null)?.entries
  const entries = Array.isArray(raw) ? raw.filter(isEntry) : []
  return { application, environment, entries }
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!value || typeof value !== 'object') return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.versionLabel === 'string' &&
    entry.versionLabel !== '' &&
    typeof entry.date === 'string' &&
    (entry.result === 'succeeded' || entry.result === 'failed') &&
    (entry.commit === undefined || typeof entry.commit === 'string') &&
    (entry.kind === 'deploy' || entry.kind === 'rollback' || entry.kind === 'auto-rollback')
  )
}

export function appendEntry(
  history: DeployHistory,
  entry: HistoryEntry,
  limit = HISTORY_LIMIT
): DeployHistory {
  return { ...history, entries: [...history.entries, entry].slice(-limit) }
}

export function serialiseHistory(history: DeployHistory): string {
  return `${JSON.stringify({ schema: 1, ...history }, null, 2)}\n`
}

/**
 * The newest version that succeeded on the environment and is not one of
 * `exclude` (the version running now, or the one that just failed), among
 * versions that still exist when `exists` is given.
 */
export function lastGoodVersion(
  history: DeployHistory,
  exclude: readonly (string | undefined)[],
  exists?: (versionLabel: string) => boolean
): HistoryEntry | undefined {
  for (let index = history.entries.length - 1; index >= 0; index--) {
    const entry = history.entries[index] as HistoryEntry
    if (entry.result !== 'succeeded' || exclude.includes(entry.versionLabel)) continue
    if (exists && !exists(entry.versionLabel)) continue
    return entry
  }
  return undefined
}

export async function loadHistory(
  s3: S3Api,
  bucket: string,
  application: string,
  environment: string
): Promise<DeployHistory> {
  const text = await getObjectText(s3, bucket, historyKey(application, environment))
  return text === undefined || text.trim() === ''
    ? emptyHistory(application, environment)
    : parseHistory(text, application, environment)
}

export async function saveHistory(s3: S3Api, bucket: string, history: DeployHistory): Promise<void> {
  await putObjectText(s3, {
    bucket,
    key: historyKey(history.application, history.environment),
    body: serialiseHistory(history),
    contentType: 'application/json'
  })
}

/** Read, append, write: the history after the entry. An unreadable file is replaced, not kept failing every deploy. */
export async function recordEntry(
  s3: S3Api,
  bucket: string,
  application: string,
  environment: string,
  entry: HistoryEntry
): Promise<DeployHistory> {
  const stored = await loadHistory(s3, bucket, application, environment).catch((error: unknown) => {
    if (error instanceof HistoryUnreadableError) return emptyHistory(application, environment)
    throw error
  })
  const history = appendEntry(stored, entry)
  await saveHistory(s3, bucket, history)
  return history
}

/**
 * The histories of one run: the bucket resolved once (the `bucket` input or
 * Beanstalk's storage bucket), and writes whose failure is a warning — the
 * deploy itself has happened either way.
 */
export class HistoryStore {
  private bucketName: Promise<string> | undefined

  constructor(
    private readonly clients: { beanstalk: BeanstalkApi; s3: S3Api },
    private readonly bucketInput: string | undefined,
    private readonly log: Logger
  ) {}

  bucket(): Promise<string> {
    this.bucketName ??= storageBucket(this.clients.beanstalk, this.bucketInput)
    return this.bucketName
  }

  async load(application: string, environment: string): Promise<DeployHistory> {
    return loadHistory(this.clients.s3, await this.bucket(), application, environment)
  }

  async record(application: string, environment: string, entry: HistoryEntry): Promise<void> {
    try {
      await recordEntry(this.clients.s3, await this.bucket(), application, environment, entry)
    } catch (error) {
      this.log.warning(
        `Could not record ${entry.versionLabel} (${entry.result}) in the deploy history of ${environment}: ${errorMessage(error)}`
      )
    }
  }
}
