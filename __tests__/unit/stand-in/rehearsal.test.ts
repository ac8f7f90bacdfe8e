// The rehearsal file and flags → what the rehearsal creates and the inputs it
// passes (pure; the command itself is tested in integration/rehearsal.test.ts).

import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'

import { parse } from 'yaml'

import { parseRehearsal, rehearsedMode, unexpectedInputLines } from '../../../test-support/rehearsal.js'

/** The inputs the runner checks `with:` against: this checkout's action.yml. */
const declared = Object.keys(
  (parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as { inputs: object }).inputs
)

describe('parseRehearsal', () => {
  it('reads the test app’s file', () => {
    const text = readFileSync(
      new URL('../../fixtures/rehearsal-app/.github/beanstalk-rehearsal.yml', import.meta.url),
      'utf8'
    )
    expect(parseRehearsal(text, {}, 'rehearsal-app')).toEqual({
      application: 'notes',
      environment: 'notes-rehearsal',
      properties: { GREETING: 'hello from the rehearsal' },
      database: { id: 'notes-db', name: 'notes', username: 'notes' },
      roles: ['ecsTaskExecutionRole'],
      secrets: [{ variable: 'API_TOKEN', kind: 'secret', name: 'notes/api-token', value: 'rehearsal-token' }],
      inputs: { 'compose-file': 'docker-compose.yml' }
    })
  })

  it('needs no file: names from the folder, flags for the rest', () => {
    expect(
      parseRehearsal(
        undefined,
        {
          database: 'shop-db',
          cache: 'shop-cache',
          instanceTypes: 't4g.small',
          properties: { RAILS_ENV: 'production' },
          inputs: { services: 'web worker' }
        },
        'My_Shop'
      )
    ).toEqual({
      application: 'my-shop',
      environment: 'my-shop-rehearsal',
      instanceTypes: 't4g.small',
      properties: { RAILS_ENV: 'production' },
      database: { id: 'shop-db', name: 'app', username: 'app' },
      cache: 'shop-cache',
      roles: ['ecsTaskExecutionRole'],
      secrets: [],
      inputs: { services: 'web worker' }
    })
  })

  it('lets flags win over the file, and takes SSM parameters and a list of roles', () => {
    const text = [
      'application: shop',
      'environment: shop-a',
      'roles: [ecsTaskExecutionRole, shop-task]',
      'secrets:',
      '  TOKEN: { parameter: /shop/token }',
      'properties: { A: "1" }'
    ].join('\n')
    const spec = parseRehearsal(text, { environment: 'shop-b', properties: { A: '2' } }, 'x')
    expect(spec).toMatchObject({
      application: 'shop',
      environment: 'shop-b',
      roles: ['ecsTaskExecutionRole', 'shop-task'],
      properties: { A: '2' },
      secrets: [{ variable: 'TOKEN', kind: 'parameter', name: '/shop/token', value: 'rehearsal-value' }]
    })
  })

  it.each([
    ['databse: x', /^unknown key databse in the rehearsal file \(known: /],
    ['- a list', /^the rehearsal file must be a YAML mapping$/],
    ['with: { environment: other }', /^set environment as a key of its own, not under with: /],
    [
      'secrets: { TOKEN: { secret: a, parameter: b } }',
      /^secrets\.TOKEN needs one of secret: or parameter:$/
    ],
    ['secrets: { 1TOKEN: { secret: a } }', /^secrets\.1TOKEN: 1TOKEN is not an environment variable name$/],
    ['database: { name: x }', /^database\.id must be a non-empty string$/],
    [
      'database: mysql://u:p@db:3306/app',
      /^database "mysql:\/\/u:p@db:3306\/app" is not an RDS instance identifier \(1–63 letters, digits and hyphens, from a letter\): the rehearsal creates the instance it names, so an endpoint URL cannot be rehearsed$/
    ],
    ['database: { id: app--db }', /^database "app--db" is not an RDS instance identifier/],
    ['cache: redis://c:6379', /^cache "redis:\/\/c:6379" is not an ElastiCache identifier/],
    [
      'database: { id: x, engine: mysql }',
      /^unknown key engine in database of the rehearsal file \(known: id, name, username\)$/
    ],
    [
      'secrets: { TOKEN: { secret: a, vaule: b } }',
      /^unknown key vaule in secrets\.TOKEN of the rehearsal file \(known: secret, parameter, value\)$/
    ],
    ['properties: [a]', /^properties must be a mapping of NAME: value$/]
  ])('refuses %s in one line', (text, message) => {
    expect(() => parseRehearsal(text, {}, 'x')).toThrow(message)
  })
})

describe('unexpectedInputLines: with: names action.yml does not declare', () => {
  it('warns in the runner’s words, every unexpected name at once, then one line per name with its nearest input', () => {
    // The inputs einaregilsson/beanstalk-deploy users carry over (underscores), and typos of our own names.
    const lines = unexpectedInputLines(
      ['compose_file', 'services', 'version_label', 'application_name', 'aws_access_key', 'smoke-test-paht'],
      declared
    )
    expect(lines[0]).toBe(
      "Unexpected input(s) 'compose_file', 'version_label', 'application_name', 'aws_access_key', " +
        `'smoke-test-paht', valid inputs are ['${declared.join("', '")}']`
    )
    expect(lines.slice(1)).toEqual([
      'compose_file: not an input of the action, so it is ignored (did you mean compose-file?)',
      'version_label: not an input of the action, so it is ignored (did you mean version-label?)',
      'application_name: not an input of the action, so it is ignored (did you mean application?)',
      'aws_access_key: not an input of the action, so it is ignored',
      'smoke-test-paht: not an input of the action, so it is ignored (did you mean smoke-test-path?)'
    ])
  })

  it('says nothing when every name is declared, in any case (the runner compares them ignoring case)', () => {
    expect(unexpectedInputLines(['Compose-File', 'SERVICES', 'mode'], declared)).toEqual([])
    expect(unexpectedInputLines([], declared)).toEqual([])
  })

  it('offers no nearest name for a name far from every input', () => {
    expect(unexpectedInputLines(['foo'], declared)).toEqual([
      expect.stringMatching(/^Unexpected input\(s\) 'foo', valid inputs are \['mode', /),
      'foo: not an input of the action, so it is ignored'
    ])
  })
})

describe('rehearsedMode', () => {
  it.each([
    [{}, 'deploy'],
    [{ mode: '' }, 'deploy'],
    [{ mode: 'deploy' }, 'deploy'],
    [{ mode: ' Plan ' }, 'plan']
  ])('rehearses %j as %s (read as the action reads it: trimmed, any case)', (inputs, mode) => {
    expect(rehearsedMode(inputs)).toBe(mode)
  })

  it.each([
    ['preview', /^mode preview deploys a pull request .* rehearse mode deploy .* or mode plan$/],
    ['rollback', /^mode rollback redeploys a version an earlier deploy created/],
    ['cleanup', /^mode cleanup deletes old application versions/],
    ['plna', /^Input 'mode' must be one of deploy, preview, rollback, plan, cleanup \(got "plna"\); /]
  ])('refuses mode %s in one line', (mode, message) => {
    expect(() => rehearsedMode({ mode })).toThrow(message)
  })
})

describe('docs/rehearsal.md', () => {
  it('shows a rehearsal file the command accepts', () => {
    const docs = readFileSync(new URL('../../../docs/rehearsal.md', import.meta.url), 'utf8')
    const yaml = /## The rehearsal file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)?.[1]
    expect(yaml).toBeDefined()
    const spec = parseRehearsal(yaml, {}, 'x')
    expect(spec).toMatchObject({
      application: 'notes',
      instanceTypes: 't4g.small',
      cache: 'notes-cache',
      inputs: { 'compose-file': 'docker-compose.yml', services: 'web worker' }
    })
    expect(spec.secrets.map(secret => secret.kind)).toEqual(['secret', 'parameter'])
  })
})
