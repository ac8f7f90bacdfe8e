// No secret value leaves the runner's memory: after a deploy that builds and
// pushes (so the ECR login happens) and after a deploy that fails, the bundle,
// every S3 object the action wrote, the job summary, the outputs and the log a
// person reads (the runner consumes `::add-mask::` lines) hold none of them —
// the ECR password and token, the RDS master password, the values behind the
// `secrets` input's references, the github-token input. The ECR credentials
// and the token are masked with `::add-mask::`.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { unzipSync } from 'fflate'
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import type { ActionRun } from '../../../test-support/run-action.js'
import { startStage, visibleLog, type Stage } from './harness.js'
import { describeIn, dockerEngine } from '../helpers/docker.js'

const describeWithDocker = describeIn(dockerEngine)

const APPLICATION = 'rel-secrets'
const ENVIRONMENT = 'rel-secrets-env'
const GITHUB_TOKEN = `ghs_${randomBytes(18).toString('hex')}`
const API_KEY = `api-${randomBytes(16).toString('hex')}`
const SIGNING_KEY = `sig-${randomBytes(16).toString('hex')}`

describeWithDocker('secrets stay out of everything the action writes', () => {
  let stage: Stage
  let secretArn: string
  let deployed: ActionRun
  let failed: ActionRun

  beforeAll(async () => {
    stage = await startStage({ application: APPLICATION, environments: [ENVIRONMENT] })
    const config = {
      region: stage.standIn.env.AWS_REGION as string,
      endpoint: stage.standIn.endpoint,
      credentials: {
        accessKeyId: stage.standIn.env.AWS_ACCESS_KEY_ID as string,
        secretAccessKey: stage.standIn.env.AWS_SECRET_ACCESS_KEY as string
      }
    }
    const secretsManager = new SecretsManagerClient(config)
    const ssm = new SSMClient(config)
    const created = await secretsManager.send(
      new CreateSecretCommand({ Name: 'rel/api-key', SecretString: API_KEY })
    )
    secretArn = created.ARN as string
    await ssm.send(
      new PutParameterCommand({ Name: '/rel/signing-key', Value: SIGNING_KEY, Type: 'SecureString' })
    )
    secretsManager.destroy()
    ssm.destroy()

    const inputs = stage.inputs(ENVIRONMENT, {
      'compose-file': 'build/docker-compose.yml',
      'ecr-repository-prefix': 'rel-secrets',
      secrets: `API_KEY=${secretArn}\nSIGNING_KEY=/rel/signing-key`,
      'github-token': GITHUB_TOKEN
    })
    deployed = await stage.run(inputs)
    // A failing deploy of another commit: error paths print events and causes, and must leak nothing either.
    stage.standIn.faults.set({ beanstalk: { forceRed: ENVIRONMENT } })
    failed = await stage.run(inputs, { ...stage.env, GITHUB_SHA: 'fedcba9876543210fedcba9876543210fedcba98' })
  }, 10 * 60_000)

  afterAll(async () => {
    await stage?.stop()
    // The tags the action left on this "runner": ours only, by their repository name.
    const tags = execFileSync('/usr/bin/docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], {
      encoding: 'utf8'
    })
      .split('\n')
      .filter(tag => /^127\.0\.0\.1:\d+\/rel-secrets\/web:/.test(tag))
    if (tags.length > 0) execFileSync('/usr/bin/docker', ['rmi', ...tags], { stdio: 'ignore' })
  }, 60_000)

  const secretValues = (): Record<string, string> => {
    const registry = stage.standIn.registry
    const dbPassword = stage.standIn.services.rds.instances.get('puppies-db')?.password
    if (!registry || !dbPassword) throw new Error('the stand-in has no registry or no puppies-db')
    return {
      'ECR password': registry.password,
      'ECR token': Buffer.from(`AWS:${registry.password}`).toString('base64'),
      'RDS master password': dbPassword,
      'secrets input API_KEY value': API_KEY,
      'secrets input SIGNING_KEY value': SIGNING_KEY,
      'github-token': GITHUB_TOKEN
    }
  }

  /** Every object in every bucket of the stand-in, zips opened, as text. */
  const everyS3Object = async (): Promise<Record<string, string>> => {
    const texts: Record<string, string> = {}
    const s3 = stage.standIn.services.s3
    for (const bucket of await s3.listBuckets()) {
      for (const object of await s3.listObjects(bucket.name)) {
        const stored = await s3.getObject(bucket.name, object.key)
        const body = new Uint8Array(stored?.body ?? [])
        const name = `s3://${bucket.name}/${object.key}`
        texts[name] = object.key.endsWith('.zip')
          ? Object.entries(unzipSync(body))
              .map(([file, data]) => `${file}\n${new TextDecoder().decode(data)}`)
              .join('\n')
          : new TextDecoder().decode(body)
      }
    }
    return texts
  }

  it('deploys the build, and the failing deploy fails', () => {
    expect(deployed.errors).toEqual([])
    expect(deployed.status).toBe(0)
    expect(deployed.outputs.health).toBe('Green')
    expect(failed.status).not.toBe(0)
    expect(failed.errors).toHaveLength(1)
  })

  it('masks the ECR password and token and the github-token', () => {
    const { 'ECR password': password, 'ECR token': token } = secretValues()
    const masks = deployed.stdout.split('\n').filter(line => line.startsWith('::add-mask::'))
    expect(masks).toEqual(
      expect.arrayContaining([
        `::add-mask::${password}`,
        `::add-mask::${token}`,
        `::add-mask::${GITHUB_TOKEN}`
      ])
    )
  })

  it('writes the bundle and the deploy history to S3, with no secret value in any object', async () => {
    const objects = await everyS3Object()
    expect(Object.keys(objects)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/rel-secrets\/sha-0123456789ab\.zip$/)])
    )
    // The secrets travel by reference: their ARN / parameter name is in the bundle, their value is not.
    const bundle = Object.entries(objects).find(([name]) => name.endsWith('sha-0123456789ab.zip'))?.[1] ?? ''
    expect(bundle).toContain(secretArn)
    expect(bundle).toContain('/rel/signing-key')
    for (const [what, value] of Object.entries(secretValues())) {
      for (const [name, text] of Object.entries(objects)) {
        expect({ what, name, leaked: text.includes(value) }).toEqual({ what, name, leaked: false })
      }
    }
  })

  it('keeps every secret value out of the summary, the outputs and the visible log of both runs', () => {
    for (const run of [deployed, failed]) {
      const places: Record<string, string> = {
        summary: run.summary,
        outputs: JSON.stringify(run.outputs),
        log: visibleLog(run)
      }
      expect(run.summary.length).toBeGreaterThan(0)
      for (const [what, value] of Object.entries(secretValues())) {
        expect(value.length).toBeGreaterThan(8)
        for (const [place, text] of Object.entries(places)) {
          expect({ what, place, leaked: text.includes(value) }).toEqual({ what, place, leaked: false })
        }
      }
    }
  })
})
