// How containers find and wait for each other on the ECS bridge network (src/core/plan/connections.ts): links for
// every deployed service a container links to, depends on or names; one-shot jobs waited for, never linked.

import { describe, expect, it } from '@jest/globals'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import type { RawInputs } from '../../../../src/core/inputs.js'
import { configFor } from '../support.js'
import { composeIn } from '../workspace-fake.js'

const none: RawInputs = { database: 'none', cache: 'none' }
const planOf = (text: string, inputs: RawInputs = none) => buildPlan(configFor(inputs), composeIn(text))
const wiring = (plan: ReturnType<typeof planOf>) =>
  Object.fromEntries(
    plan.containers.map(container => [
      container.name,
      { links: container.links, dependsOn: container.dependsOn }
    ])
  )
const WEB = '  web:\n    image: app\n    ports: ["80:3000"]\n'

describe('links and start order', () => {
  it('links to what a container links to (with its alias), depends on, or names in its environment, once each', () => {
    const plan = planOf(
      `services:\n${WEB}    links: ["api:backend"]\n    depends_on: [api, search]\n    environment: {SEARCH_URL: "http://search:9200", API: "http://api"}\n  api:\n    image: api\n  search:\n    image: search\n`
    )
    expect(wiring(plan).web).toEqual({ links: ['api:backend', 'search'], dependsOn: [] })
  })

  it('waits for a healthy dependency when it has a healthcheck, and says so when it has none', () => {
    const plan = planOf(
      `services:\n${WEB}    depends_on: {api: {condition: service_healthy}, search: {condition: service_healthy}}\n  api:\n    image: api\n    healthcheck: {test: [CMD, "true"]}\n  search:\n    image: search\n`
    )
    expect(wiring(plan).web).toEqual({
      links: ['api', 'search'],
      dependsOn: [{ containerName: 'api', condition: 'HEALTHY' }]
    })
    expect(plan.notes).toContain(
      'web: waits for search to be healthy, but search has no healthcheck in the compose file: web starts once search has started'
    )
  })

  it('a one-shot job is waited for with SUCCESS, started before a plain dependant, and never linked', () => {
    const plan = planOf(
      `services:\n${WEB}    links: [migrate]\n    depends_on: {migrate: {condition: service_completed_successfully}}\n  worker:\n    image: app\n    depends_on: [migrate]\n    environment: {MIGRATOR: "http://migrate"}\n  migrate:\n    image: app\n    command: rails db:migrate\n`
    )
    expect(wiring(plan)).toEqual({
      web: { links: [], dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] },
      worker: { links: [], dependsOn: [{ containerName: 'migrate', condition: 'START' }] },
      migrate: { links: [], dependsOn: [] }
    })
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'web: not linked to migrate, a one-shot job that has exited by the time web starts',
        'worker: environment MIGRATOR names migrate, a one-shot job: not linked'
      ])
    )
  })

  it('a job cannot link to what starts only after it has completed, however indirectly', () => {
    const plan = planOf(
      `services:\n${WEB}    depends_on: [api]\n  api:\n    image: api\n    depends_on: {setup: {condition: service_completed_successfully}}\n  setup:\n    image: app\n    command: ./setup.sh\n    environment: {WEB_URL: "http://web", API_URL: "http://api"}\n`
    )
    expect(wiring(plan).setup).toEqual({ links: [], dependsOn: [] })
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'setup: environment WEB_URL names web, which starts only after setup has completed: not linked (setup cannot reach it)',
        'setup: environment API_URL names api, which starts only after setup has completed: not linked (setup cannot reach it)'
      ])
    )
  })

  it('a service left out by the services input: a link or a required dependency is refused, the rest is said', () => {
    const text = `services:\n${WEB}    environment: {MAIL_HOST: mail}\n    depends_on: {admin: {condition: service_started, required: false}}\n  mail:\n    image: mailhog/mailhog\n  admin:\n    image: admin\n`
    const plan = planOf(text, { ...none, services: 'web' })
    expect(wiring(plan)).toEqual({ web: { links: [], dependsOn: [] } })
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'web: environment MAIL_HOST names mail, which is not deployed: that name does not resolve on Beanstalk',
        'web: depends on admin (required: false), which is not deployed'
      ])
    )
    expect(() =>
      planOf(`services:\n${WEB}    links: [mail]\n  mail:\n    image: mailhog/mailhog\n`, {
        ...none,
        services: 'web'
      })
    ).toThrow(
      "Input 'services': service web links to mail, which is not deployed; add mail to services or remove the link"
    )
    expect(() =>
      planOf(`services:\n${WEB}    depends_on: [mail]\n  mail:\n    image: mailhog/mailhog\n`, {
        ...none,
        services: 'web'
      })
    ).toThrow(
      "Input 'services': service web depends on mail, which is not deployed; add mail to services or remove the dependency"
    )
  })

  it('links and dependencies on a replaced database are not links: the database is reached through variables', () => {
    const plan = planOf(
      `services:\n${WEB}    links: [db]\n    depends_on: {db: {condition: service_healthy}}\n    environment: {DATABASE_URL: "postgres://db/app"}\n  db:\n    image: postgres:16\n`,
      { database: 'app-db', cache: 'none' }
    )
    expect(wiring(plan).web).toEqual({ links: [], dependsOn: [] })
  })
})

describe('link cycles', () => {
  it('names the first cycle with why each link is there', () => {
    expect(() =>
      planOf(
        `services:\n${WEB}    links: [api]\n  api:\n    image: api\n    depends_on: [queue]\n  queue:\n    image: queue\n    environment: {CALLBACK: "http://web:3000"}\n`
      )
    ).toThrow(
      'containers would link in a cycle: web → api (links), api → queue (depends_on), queue → web (environment CALLBACK); Docker links cannot be circular'
    )
  })

  it('a shared dependency is no cycle', () => {
    const plan = planOf(
      `services:\n${WEB}    depends_on: [api, queue]\n  api:\n    image: api\n    depends_on: [queue]\n  queue:\n    image: queue\n`
    )
    expect(wiring(plan).web?.links).toEqual(['api', 'queue'])
  })
})
