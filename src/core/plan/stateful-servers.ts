// A data store the action does not replace, deployed as a container: MongoDB, SQL Server, Elasticsearch… run on the
// instance like any service, so what they hold lives on that instance (an anonymous volume or the container's own
// layer: gone at the next deploy; a named volume: gone with the instance). Said as a warning, since a deploy goes
// Green and the data is lost later. The action replaces only PostgreSQL, MySQL/MariaDB, Redis and Memcached.

import type { ComposeService } from '../compose/model.js'

/** Image paths of servers that keep data (`mcr.microsoft.com/mssql/server:2022-latest`), and their product. */
const STATEFUL: [RegExp, string][] = [
  [/(^|\/)mongo(db)?(-community-server)?$/, 'MongoDB'],
  [/mssql\/server$|(^|\/)azure-sql-edge$/, 'SQL Server'],
  [/(^|\/)(elasticsearch|opensearch)$/, 'a search index'],
  [/(^|\/)rabbitmq$/, 'RabbitMQ'],
  [/(^|\/)minio$/, 'MinIO'],
  [/(^|\/)(clickhouse-server|clickhouse)$/, 'ClickHouse'],
  [/(^|\/)(cassandra|scylla)$/, 'Cassandra'],
  [/(^|\/)neo4j$/, 'Neo4j'],
  [/(^|\/)couchdb$/, 'CouchDB'],
  [/(^|\/)influxdb$/, 'InfluxDB']
]

/** The warning for a deployed service that runs such a server, or undefined. */
export function statefulServerWarning(service: ComposeService): string | undefined {
  const path = (service.image ?? service.build?.contents?.baseImage ?? '').split('@')[0]?.split(':')[0] ?? ''
  const product = STATEFUL.find(([pattern]) => pattern.test(path.toLowerCase()))?.[1]
  if (!product) return undefined
  const named = service.volumes.some(mount => mount.type === 'volume' && mount.source !== undefined)
  return `${service.name}: runs ${product} as a container on the Beanstalk instance, which the action does not replace with a managed service: its data ${named ? 'stays on that instance only (lost when Beanstalk replaces the instance)' : 'is lost at the next deploy'}; point the app at a managed ${product} and leave ${service.name} out of services`
}
