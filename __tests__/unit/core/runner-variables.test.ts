// Issue 24 class 4: a runner variable's value reaches the bundle only when the
// workflow named it in `runner-variables`. Every place of a compose file a
// value can be interpolated into × every interpolation syntax that takes the
// value × names that look secret and names that do not, through prepare() as
// the action runs it: refused with one line naming the variable, or, for an
// exact "${VAR}" environment value, a run-time property — never the value.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { InputError } from '../../../src/core/errors.js'
import { RUN_METADATA_VARIABLES } from '../../../src/core/runner-variables.js'
import { prepare } from '../../../src/planning/prepare.js'
import { configFor } from './support.js'

const VALUE = 'postgres://app:s3cr3t-Pa55@db.internal:5432/app'

let workspace: string
beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'bdd-runner-vars-'))
  mkdirSync(path.join(workspace, 'web'))
  writeFileSync(path.join(workspace, 'web/Dockerfile'), 'FROM scratch\n')
})
afterEach(() => rmSync(workspace, { recursive: true, force: true }))

const WEB = "services:\n  web:\n    build: ./web\n    ports: ['80:80']\n"

/** Where a reference can sit; `ref` is the interpolation text. */
const PLACES: Record<string, (ref: string) => { compose: string; files?: Record<string, string> }> = {
  'an environment value, inside a longer string': ref => ({
    compose: `${WEB}    environment:\n      LINK: "url=${ref}"\n`
  }),
  'an environment list entry': ref => ({ compose: `${WEB}    environment:\n      - "LINK=${ref}/x"\n` }),
  'a label': ref => ({ compose: `${WEB}    labels:\n      owner: "${ref}"\n` }),
  'a command': ref => ({ compose: `${WEB}    command: ["serve", "--db", "${ref}"]\n` }),
  'the image tag': ref => ({
    compose: `services:\n  web:\n    image: "registry.example.com/app:x${ref}"\n    ports: ['80:80']\n`
  }),
  'a build arg value': ref => ({
    compose: WEB.replace('build: ./web', `build:\n      context: ./web\n      args:\n        DB: "${ref}"`)
  }),
  'an env_file value': ref => ({
    compose: `${WEB}    env_file: web.env\n`,
    files: { 'web.env': `LINK=${ref}\n` }
  }),
  'a .env value used by the compose file': ref => ({
    compose: `${WEB}    environment:\n      LINK: "x-\${FROM_DOTENV}"\n`,
    files: { '.env': `FROM_DOTENV=${ref}\n` }
  })
}
/** Syntaxes that take the value when the variable is set. */
const SYNTAXES = [
  '${NAME}',
  '$NAME',
  '${NAME:-fallback}',
  '${NAME-fallback}',
  '${NAME:?needed}',
  '${NAME?needed}'
]
/** Names that do not look secret (a deny-list misses them) and one that does. */
const NAMES = ['DATABASE_URL', 'SLACK_WEBHOOK_URL', 'UPSTREAM', 'SERVICE_DSN']

function layOut(place: string, syntax: string, name: string): void {
  const { compose, files = {} } = (
    PLACES[place] as (ref: string) => { compose: string; files?: Record<string, string> }
  )(syntax.replace('NAME', name))
  writeFileSync(path.join(workspace, 'docker-compose.yml'), compose)
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(workspace, file), text)
}

describe('an unnamed runner variable never reaches the bundle', () => {
  const cases = Object.keys(PLACES).flatMap(place =>
    SYNTAXES.flatMap(syntax => NAMES.map(name => [place, syntax, name] as const))
  )
  it.each(cases)('%s, %s, %s', (place, syntax, name) => {
    layOut(place, syntax, name)
    const env = { [name]: VALUE, PATH: '/usr/bin' }
    let message: string
    try {
      const prepared = prepare(configFor(), workspace, env)
      message = `accepted: ${JSON.stringify(prepared.targets[0]?.plan).slice(0, 300)}`
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toContain(VALUE)
    expect(message).toContain(`\${${name}} from the runner's environment, which the workflow did not name`)
    expect(message).toContain(`add ${name} to the runner-variables input`)
  })

  it('names every unnamed variable of a value, and what to do with each', () => {
    layOut('a label', '${UPSTREAM}-${REGION}', 'UPSTREAM')
    const env = { UPSTREAM: 'svc-7', REGION: 'eu-west-1', PATH: '/usr/bin' }
    expect(() => prepare(configFor(), workspace, env)).toThrow(
      "uses ${UPSTREAM}, ${REGION} from the runner's environment, which the workflow did not name: its value would " +
        'be written into the bundle in clear. If it is not secret, add UPSTREAM REGION to the runner-variables ' +
        'input; otherwise give the container the value at run time (an environment property, written ${UPSTREAM} ' +
        'alone, or the secrets input)'
    )
  })

  it("refuses an action input's value (INPUT_*) as a credential, though its name does not look secret", () => {
    layOut('a label', '${INPUT_DATABASE}', 'INPUT_DATABASE')
    const env = { INPUT_DATABASE: VALUE, PATH: '/usr/bin' }
    expect(() => prepare(configFor(), workspace, env)).toThrow(
      /uses \$\{INPUT_DATABASE\}, a credential of the runner: its value is never written into the bundle/
    )
  })

  it('turns an exact ${VAR} environment value into a run-time property, as before', () => {
    writeFileSync(
      path.join(workspace, 'docker-compose.yml'),
      `${WEB}    environment:\n      DATABASE_URL: \${DATABASE_URL}\n`
    )
    const prepared = prepare(configFor(), workspace, { DATABASE_URL: VALUE })
    expect(JSON.stringify(prepared)).not.toContain(VALUE)
    expect(prepared.compose.services.web?.environment.DATABASE_URL).toEqual({
      kind: 'runtime',
      variable: 'DATABASE_URL'
    })
  })
})

describe('a named runner variable is interpolated', () => {
  it.each(Object.keys(PLACES))('%s', place => {
    layOut(place, '${UPSTREAM}', 'UPSTREAM')
    const prepared = prepare(configFor({ 'runner-variables': 'OTHER, UPSTREAM' }), workspace, {
      UPSTREAM: 'svc-7'
    })
    expect(JSON.stringify(prepared.compose.services)).toContain('svc-7')
  })

  it('needs no listing for the run’s public metadata', () => {
    writeFileSync(
      path.join(workspace, 'docker-compose.yml'),
      `${WEB}    labels:\n      commit: "\${GITHUB_SHA}"\n      run: "\${GITHUB_RUN_ID}-\${GITHUB_REF_NAME}"\n`
    )
    const env = { GITHUB_SHA: 'abc123', GITHUB_RUN_ID: '42', GITHUB_REF_NAME: 'main' }
    const prepared = prepare(configFor(), workspace, env)
    expect(prepared.compose.services.web?.options.labels).toEqual({ commit: 'abc123', run: '42-main' })
    expect(RUN_METADATA_VARIABLES).not.toContain('GITHUB_TOKEN')
  })

  it('refuses to list a credential, or a name that is no variable', () => {
    for (const [listed, pattern] of [
      ['GITHUB_TOKEN', /GITHUB_TOKEN is a credential/],
      ['DB_PASSWORD', /DB_PASSWORD is a credential/],
      ['AWS_SECRET_ACCESS_KEY', /is a credential/],
      // The action's own inputs (a workflow may pass a secret to any of them) and the Actions runtime's
      // variables, though their names do not look secret.
      ['INPUT_DATABASE', /INPUT_DATABASE is a credential/],
      ['ACTIONS_CACHE_URL', /ACTIONS_CACHE_URL is a credential/],
      ['NOT-A-NAME', /"NOT-A-NAME" is not a variable name/]
    ] as const) {
      expect(() => configFor({ 'runner-variables': listed })).toThrow(InputError)
      expect(() => configFor({ 'runner-variables': listed })).toThrow(pattern)
      // The one line names the input it is about.
      expect(() => configFor({ 'runner-variables': listed })).toThrow(/^Input 'runner-variables': /)
    }
  })

  it('takes names that only contain INPUT_ or ACTIONS_ (the credential rule is about the prefix)', () => {
    layOut('a label', '${MAX_INPUT_SIZE}-${NUM_ACTIONS_SHOWN}', 'MAX_INPUT_SIZE')
    const config = configFor({ 'runner-variables': 'MAX_INPUT_SIZE NUM_ACTIONS_SHOWN' })
    const prepared = prepare(config, workspace, { MAX_INPUT_SIZE: '10m', NUM_ACTIONS_SHOWN: '5' })
    expect(prepared.compose.services.web?.options.labels).toEqual({ owner: '10m-5' })
  })
})
