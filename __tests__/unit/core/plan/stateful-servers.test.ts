// Data stores the action does not replace, deployed as containers (src/core/plan/stateful-servers.ts): a warning
// that their data lives on the instance (fresh app razor-pages-movie: SQL Server kept silently).

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const warningsOf = (server: string) =>
  buildPlan(
    configFor({ database: 'none', cache: 'none' }),
    composeIn(`services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  store:\n${server}`)
  ).warnings.filter(warning => warning.startsWith('store:'))

describe('statefulServerWarning', () => {
  it.each([
    ['mcr.microsoft.com/mssql/server:2022-latest', 'SQL Server'],
    ['mongo:7', 'MongoDB'],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.14.0', 'a search index'],
    ['rabbitmq:3-management', 'RabbitMQ'],
    ['minio/minio@sha256:1111111111111111111111111111111111111111111111111111111111111111', 'MinIO']
  ])('%s: %s, data lost at the next deploy without a named volume', (image, product) => {
    expect(warningsOf(`    image: ${image}\n`)).toEqual([
      `store: runs ${product} as a container on the Beanstalk instance, which the action does not replace with a managed service: its data is lost at the next deploy; point the app at a managed ${product} and leave store out of services`
    ])
  })

  it('with a named volume: kept on that instance only', () => {
    expect(
      buildPlan(
        configFor({ database: 'none', cache: 'none' }),
        composeIn(
          'services:\n  web:\n    image: app\n    ports: ["80:3000"]\n  store:\n    image: mongo:7\n    volumes: [data:/data/db]\nvolumes:\n  data: {}\n'
        )
      ).warnings.join('\n')
    ).toContain('its data stays on that instance only (lost when Beanstalk replaces the instance)')
  })

  it.each([['nginx:1.27'], ['mongo-express:1'], ['redis-commander:latest'], ['myorg/mongo-backup:1']])(
    '%s: none',
    image => {
      expect(warningsOf(`    image: ${image}\n`)).toEqual([])
    }
  )
})
