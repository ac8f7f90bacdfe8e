// The job summary and the plan line: what a run that stopped early says it
// changed, the plan's tables, and the account id masked where asked.

import { describe, expect, it, jest } from '@jest/globals'

import { actionsCore } from '../../integration/helpers/actions-core.js'
import { configFor, loadPuppies } from '../core/support.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { buildPlan } = await import('../../../src/core/plan/build-plan.js')
const { renderDockerrun } = await import('../../../src/core/dockerrun.js')
const { planLine } = await import('../../../src/report/log.js')
// Each mode's summary is a module of its own; the tests reach them as one.
const summary = {
  ...(await import('../../../src/report/summary.js')),
  ...(await import('../../../src/report/deploy-summary.js')),
  ...(await import('../../../src/report/plan-summary.js'))
}

const DIGEST = 'a'.repeat(64)
const config = configFor({ database: 'puppies-db', cache: 'puppies-cache' })
const plan = buildPlan(config, loadPuppies(), 'puppies-prod')

describe('the plan line', () => {
  it('counts only the builds ECR does not already have for the commit', () => {
    expect(planLine([plan])).toMatch(
      /^3 containers, 2 images from the compose file's builds \(web, nginx\), db replaced by RDS instance puppies-db, redis replaced by ElastiCache puppies-cache, \d+ notes$/
    )
    const existing = new Map([
      ['web', `1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}`],
      ['nginx', '1.dkr.ecr.us-east-1.amazonaws.com/puppies/nginx@sha256:bb']
    ])
    expect(planLine([plan], existing)).toMatch(/^3 containers, 0 images to build, 2 already in ECR, /)
    expect(planLine([plan], new Map([['web', 'x@sha256:aa']]))).toMatch(
      /^3 containers, 1 image to build \(nginx\), 1 already in ECR, /
    )
  })
})

describe('what a stopped deploy changed', () => {
  it('before any build: nothing built, no version, no environment', () => {
    const { changed, unchanged } = summary.changeLines({ phase: 'resolve', changes: summary.noChanges() })
    expect(changed).toEqual([])
    expect(unchanged).toEqual([
      'No environment was updated: each runs what it ran before.',
      'No application version was created.',
      'Nothing was built or pushed.'
    ])
  })

  it('in the version phase: each change made, in order, and still no environment updated', () => {
    const changes = {
      ...summary.noChanges(),
      repositoriesCreated: ['puppies/web'],
      imagesPushed: [`1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}`],
      bundlesUploaded: ['s3://bucket/puppies/sha-1.zip'],
      versionsDeleted: ['sha-1']
    }
    const { changed, unchanged } = summary.changeLines({ phase: 'application version', changes })
    expect(changed).toEqual([
      'Created the ECR repository puppies/web',
      `Pushed 1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}`,
      'Uploaded the bundle s3://bucket/puppies/sha-1.zip',
      'Deleted the application version sha-1'
    ])
    expect(unchanged).toEqual([
      'No environment was updated: each runs what it ran before.',
      'No application version was created.'
    ])
  })

  it('a failed smoke test: the version it created is listed as deleted again, and none remains', () => {
    const changes = {
      ...summary.noChanges(),
      imagesPushed: [`1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}`],
      bundlesUploaded: ['s3://bucket/puppies/sha-1.zip'],
      versionsCreated: ['sha-1'],
      versionsDiscarded: ['sha-1']
    }
    const { changed, unchanged } = summary.changeLines({ phase: 'smoke test', changes })
    expect(changed).toContain(
      'Created the application version sha-1, then deleted it with its bundle: the smoke test failed'
    )
    expect(unchanged).toContain('No application version this run created remains.')
    expect(unchanged.join(' ')).toMatch(/no environment runs what it tested/)
    // One of two versions kept (its deletion failed): the summary does not claim none remains.
    const kept = summary.changeLines({
      phase: 'smoke test',
      changes: { ...changes, versionsCreated: ['sha-1', 'sha-2'] }
    })
    expect(kept.changed).toContain('Created the application version sha-2')
    expect(kept.unchanged).not.toContain('No application version this run created remains.')
  })

  it('writes the failure summary with the phase, the message, and both lists', async () => {
    actionsCore.step({})
    await summary.writeDeployFailure({
      phase: 'build and push',
      message: 'Build of web (./Dockerfile) failed: <boom>',
      versionLabels: ['sha-1'],
      changes: { ...summary.noChanges(), repositoriesCreated: ['puppies/web'] },
      phases: [['build and push', 12.3]],
      notes: []
    })
    const written = actionsCore.summary.written
    expect(written).toContain('Deploy failed: no environment was changed')
    expect(written).toContain(
      'Failed in <b>build and push</b>: Build of web (./Dockerfile) failed: &lt;boom&gt;'
    )
    expect(written).toContain('<li>Created the ECR repository puppies/web</li>')
    expect(written).toContain('any that finished pushing stay in ECR under the commit&#39;s tag')
  })
})

describe('the plan summary', () => {
  it('has tables of containers (images as a deploy would ship them), images, replaced services and notes', async () => {
    actionsCore.step({})
    const dockerrun = renderDockerrun(plan, {
      images: { web: `1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}` },
      registry: '1.dkr.ecr.us-east-1.amazonaws.com',
      executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
    })
    await summary.writePlanSummary({
      bundles: [{ environments: ['puppies-prod'], plan, dockerrun }],
      existing: new Map([['web', `1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}`]]),
      diffs: [],
      notes: plan.notes
    })
    const written = actionsCore.summary.written
    for (const heading of ['Containers', 'Images', 'Replaced services', 'Notes']) {
      expect(written).toContain(`<h3>${heading}</h3>`)
    }
    expect(written).toContain(`<code>1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}</code>`)
    expect(written).toContain('<code>1.dkr.ecr.us-east-1.amazonaws.com/puppies/nginx:sha-0123456789ab</code>')
    expect(written).toContain(
      `reuse <code>1.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:${DIGEST}</code>`
    )
    expect(written).toContain(
      'db | database (postgres) | RDS instance puppies-db | <code>DATABASE_URL</code>'
    )
  })
})

describe('mask-aws-account-id in the summary', () => {
  it('writes *** wherever the account id appears', async () => {
    actionsCore.step({})
    summary.maskInSummary('123456789012')
    await summary.writeFailureSummary('deploy', 'Bucket elasticbeanstalk-us-east-1-123456789012 is gone')
    expect(actionsCore.summary.written).toContain('elasticbeanstalk-us-east-1-***')
    expect(actionsCore.summary.written).not.toContain('123456789012')
    expect(summary.summaryWritten()).toBe(true)
  })
})
