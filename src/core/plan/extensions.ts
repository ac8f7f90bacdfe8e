// A development database whose image brings PostgreSQL extensions: RDS for
// PostgreSQL offers pgvector and PostGIS (CREATE EXTENSION), not pgvecto.rs,
// VectorChord or TimescaleDB (the list:
// https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html).
// Replacing such a database by RDS is said as a warning, naming what to check.

import type { ComposeService } from '../compose/model.js'

const EXTENSIONS: { pattern: RegExp; name: string; onRds: boolean }[] = [
  { pattern: /pgvecto-?rs|vectors(\.so)?\b/i, name: 'pgvecto.rs', onRds: false },
  { pattern: /vectorchord|vchord/i, name: 'VectorChord', onRds: false },
  { pattern: /timescale/i, name: 'TimescaleDB', onRds: false },
  { pattern: /pgvector|(^|[^.\w])vector(\.so)?\b/i, name: 'pgvector', onRds: true },
  { pattern: /postgis/i, name: 'PostGIS', onRds: true }
]

/** The warning for a database service replaced by RDS whose image or command brings extensions. */
export function extensionWarning(service: ComposeService): string | undefined {
  const text = [
    service.image ?? '',
    service.build?.contents?.baseImage ?? '',
    ...(service.command ?? [])
  ].join(' ')
  const found = EXTENSIONS.filter(extension => extension.pattern.test(text))
  if (found.length === 0) return undefined
  const missing = found.filter(extension => !extension.onRds).map(extension => extension.name)
  const offered = found.filter(extension => extension.onRds).map(extension => extension.name)
  return (
    `${service.name}: ${service.image ?? service.build?.contents?.baseImage ?? 'its image'} brings ${found.map(extension => extension.name).join(', ')}; ` +
    (missing.length > 0
      ? `RDS for PostgreSQL does not offer ${missing.join(', ')}: the app's queries that need it fail there. `
      : '') +
    (offered.length > 0
      ? `RDS offers ${offered.join(', ')}: run CREATE EXTENSION on the RDS database. `
      : '') +
    'Check the extensions the app uses against RDS for PostgreSQL (docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html)'
  )
}
