// Issue 23.6: a secret-looking value the bundle carries in clear is a row of
// the job summary (plan and deploy), with the two ways to pass it instead.

import { describe, expect, it, jest } from '@jest/globals'

import { actionsCore } from '../../integration/helpers/actions-core.js'
import { configFor } from '../core/support.js'
import { composeIn } from '../core/workspace-fake.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { buildPlan } = await import('../../../src/core/plan/build-plan.js')
const { renderDockerrun } = await import('../../../src/core/dockerrun.js')
// Each mode's summary is a module of its own; the tests reach them as one.
const summary = {
  ...(await import('../../../src/report/summary.js')),
  ...(await import('../../../src/report/deploy-summary.js')),
  ...(await import('../../../src/report/plan-summary.js'))
}

const plan = buildPlan(
  configFor(),
  composeIn('services:\n  web:\n    image: acme/web:1\n    ports: ["80:80"]\n    env_file: app.env\n', {
    files: { 'app.env': 'SMTP_PASSWORD=hunter2\n' }
  })
)

describe('secrets written in clear in the job summary', () => {
  it('lists each with its containers, its source and the two ways to pass it', async () => {
    actionsCore.step({})
    await summary.writePlanSummary({
      bundles: [{ environments: ['puppies-prod'], plan, dockerrun: renderDockerrun(plan) }],
      diffs: [],
      notes: plan.notes
    })
    const written = actionsCore.summary.written
    expect(written).toContain('<h3>Secrets written in clear</h3>')
    expect(written).toContain('<code>SMTP_PASSWORD</code>')
    expect(written).toContain('<code>secrets: SMTP_PASSWORD=&lt;Secrets Manager or SSM ARN&gt;</code>')
    expect(written).toContain('<code>SMTP_PASSWORD: ${SMTP_PASSWORD}</code>')
    expect(written).not.toContain('hunter2')
  })

  it('is in the deploy summary too', async () => {
    actionsCore.step({})
    await summary.writeDeploySummary({
      versionLabels: ['sha-0123456789ab'],
      images: [],
      phases: [],
      environments: [],
      notes: [],
      clearSecrets: plan.clearSecrets ?? []
    })
    expect(actionsCore.summary.written).toContain('<code>SMTP_PASSWORD</code>')
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^SMTP_PASSWORD is written in clear into the bundle in S3 \(web; from the env_file\)/
      )
    ])
  })
})
