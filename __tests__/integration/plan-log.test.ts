// What the step log says about a compose file, through dist/index.js in plan
// mode with no AWS at all (issue 14.9 and 14.11): the converter's notes also
// when planning fails, and names — never values — of variables that came from
// the runner, `.env` or an env_file.

import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runAction } from '../../test-support/run-action.js'

describe('the plan log', () => {
  let workspace: string | undefined
  afterEach(() => {
    if (workspace) rmSync(workspace, { recursive: true, force: true })
    workspace = undefined
  })

  function withFiles(files: Record<string, string>): string {
    workspace = mkdtempSync(path.join(tmpdir(), 'plan-log-'))
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(workspace, name), text)
    return workspace
  }

  it('prints the notes gathered before planning failed, then the one error line', async () => {
    const run = await runAction({
      inputs: { mode: 'plan', application: 'notes-app' },
      env: {},
      workspace: withFiles({
        'docker-compose.yml':
          'version: "3.8"\nservices:\n  nginx:\n    image: nginx\n    ports: ["80:80"]\n    links: [api]\n  api:\n    image: api\n    profiles: [extra]\n'
      })
    })
    expect(run.status).not.toBe(0)
    expect(run.stdout).toContain('note: the "version" key (3.8) is obsolete in compose and was ignored')
    expect(run.stdout).toContain('note: service api belongs to profile(s) extra, not active')
    expect(run.errors).toEqual([
      expect.stringMatching(/^::error::Input 'services': service nginx links to api, which is not deployed/)
    ])
  })

  it('shows the Dockerrun with values from the runner, .env and env_file hidden', async () => {
    const run = await runAction({
      // A runner value the workflow named (runner-variables) is interpolated, and still hidden in the log.
      inputs: { mode: 'plan', application: 'hidden-app', 'runner-variables': 'RELEASE_CHANNEL' },
      env: { RELEASE_CHANNEL: 'runner-channel-value' },
      workspace: withFiles({
        'docker-compose.yml':
          'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    env_file: app.env\n    environment:\n      CHANNEL: "${RELEASE_CHANNEL}-x"\n      FROM_DOTENV: ${DOTENV_VALUE}/y\n      PLAIN: shown-value\n',
        '.env': 'DOTENV_VALUE=dotenv-value\n',
        'app.env': 'FROM_FILE=env-file-value\n'
      })
    })
    expect(run.errors).toEqual([])
    expect(run.stdout).toContain('"value": "shown-value"')
    for (const value of ['runner-channel-value', 'dotenv-value', 'env-file-value']) {
      expect(run.stdout).not.toContain(value)
      expect(run.summary).not.toContain(value)
    }
    expect(run.stdout).toMatch(/"name": "CHANNEL",\s+"value": "\(hidden\)"/)
  })

  it('refuses a runner credential interpolated into the compose file, without printing it', async () => {
    const run = await runAction({
      inputs: { mode: 'plan', application: 'leak-app' },
      env: { GITHUB_TOKEN: 'ghs_runnertokenvalue' },
      workspace: withFiles({
        'docker-compose.yml':
          'services:\n  web:\n    image: nginx\n    environment:\n      TOKEN_COPY: "${GITHUB_TOKEN}-"\n'
      })
    })
    expect(run.status).not.toBe(0)
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^::error::service "web" environment TOKEN_COPY uses \$\{GITHUB_TOKEN\}, a credential of the runner/
      )
    ])
    expect(`${run.stdout}${run.stderr}${run.summary}`).not.toContain('ghs_runnertokenvalue')
  })
})
