// The compose files of public projects (see __tests__/fixtures/compose-corpus,
// each with its source repository, commit and licence), planned in-process
// as a deploy would plan them, and checked against rules that hold for any
// app. The rules read the compose file and the rendered Dockerrun
// themselves, not the planner's internals, so they judge the translation
// rather than restate it.

import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { loadCompose } from '../../../../src/core/compose/load.js'
import type { ComposeProject } from '../../../../src/core/compose/model.js'
import { renderDockerrun, type Resolution } from '../../../../src/core/dockerrun.js'
import type { ContainerDefinition, DockerrunV2 } from '../../../../src/core/dockerrun-types.js'
import { parseInputs } from '../../../../src/core/inputs.js'
import { buildPlan } from '../../../../src/core/plan/build-plan.js'
import type { DeployPlan } from '../../../../src/core/plan/types.js'
import { repoRoot, SHA } from '../support.js'

const CORPUS = path.join(repoRoot, '__tests__/fixtures/compose-corpus')

interface CorpusEntry {
  repository: string
  path: string
  commit: string
  licence: string
  stack: string
  composeFile: string
  exercises: string
  inputs: Record<string, string>
  runner?: Record<string, string>
  /** A pattern of the one-line refusal, for a file that cannot work on Beanstalk. */
  refused?: string
  files: { path: string; origin: string }[]
  /** An input the file needs: without it the plan is refused with this one line (a fragment of it). */
  refusedWithout?: { input: string; message: string }
  /** Gathered after a fix, to test it on files it was not written from: the README says what it found. */
  gatheredAfter?: string
}

const RDS_HOST = 'corpus-db.c1a2b3c4.us-east-1.rds.amazonaws.com'
const CACHE_HOST = 'corpus-cache.abc123.ng.0001.use1.cache.amazonaws.com'
const RESOLUTION: Resolution = {
  backing: {
    database: {
      // tls: every RDS instance serves TLS, as the RDS lookup says.
      endpoint: { host: RDS_HOST, port: 5432, username: 'master', databaseName: 'appdb', tls: true },
      secrets: [
        {
          name: 'DATABASE_PASSWORD',
          valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-AbCdEf:password::'
        }
      ]
    },
    cache: { endpoint: { host: CACHE_HOST, port: 6379 }, secrets: [] }
  },
  region: 'us-east-1'
}
const MANAGED_HOSTS = [RDS_HOST, CACHE_HOST]

/** What a GitHub-hosted runner has in its environment, without secrets. */
const CI_ENVIRONMENT = {
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_SHA: SHA,
  RUNNER_OS: 'Linux',
  HOME: '/home/runner',
  AWS_REGION: 'us-east-1'
}

/** The runner's credentials: never in the bundle, an image, a note or an error. */
const RUNNER_CREDENTIALS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'GITHUB_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_RUNTIME_TOKEN'
]
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|(^|_)PASS($|_)/i
const HOST_NAME = /HOST|SERVER|ADDR|URL|URI|ENDPOINT/i
const sentinel = (name: string): string => `sentinel-${name.toLowerCase()}-7f3a9c`

function entries(): [string, CorpusEntry][] {
  return readdirSync(CORPUS)
    .filter(id => existsSync(path.join(CORPUS, id, 'corpus.json')))
    .sort()
    .map(id => [id, JSON.parse(readFileSync(path.join(CORPUS, id, 'corpus.json'), 'utf8')) as CorpusEntry])
}

function readIn(folder: string): (relative: string) => string | undefined {
  return relative => {
    const file = path.join(folder, relative)
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined
  }
}

function load(id: string, entry: CorpusEntry, env: Record<string, string>): ComposeProject {
  const folder = path.join(CORPUS, id)
  return loadCompose({
    path: entry.composeFile,
    text: readFileSync(path.join(folder, entry.composeFile), 'utf8'),
    env,
    readFile: readIn(folder),
    listFolder: (relative, limit) => {
      const root = path.join(folder, relative)
      if (!existsSync(root) || !statSync(root).isDirectory()) return undefined
      return (readdirSync(root, { recursive: true }) as string[])
        .map(name => path.posix.join(relative, name.split(path.sep).join('/')))
        .filter(file => statSync(path.join(folder, file)).isFile())
        .slice(0, limit)
    }
  })
}

function planOf(id: string, entry: CorpusEntry, env: Record<string, string>): DeployPlan {
  const { config } = parseInputs(
    { application: id, environment: `${id}-prod`, 'compose-file': entry.composeFile, ...entry.inputs },
    { eventName: 'push', sha: SHA }
  )
  return buildPlan(config, load(id, entry, env))
}

/** The compose file as YAML, anchors merged: the rules' own reading of it. */
function rawServices(id: string, entry: CorpusEntry): Record<string, Record<string, unknown>> {
  const folder = path.join(CORPUS, id, path.dirname(entry.composeFile))
  const dotenv = Object.fromEntries(
    (readIn(folder)('.env') ?? '')
      .split('\n')
      .map(line => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("[^"]*"|'[^']*'|[^#]*)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(match => [match[1], (match[2] as string).trim().replace(/^["']|["']$/g, '')])
  ) as Record<string, string>
  // ${VAR} and ${VAR:-default} from the .env beside it: the rules' own reading, not the loader's. Innermost first,
  // until none is left, for defaults that hold another (`${A:-${B:?error}}`).
  let text = readFileSync(path.join(CORPUS, id, entry.composeFile), 'utf8')
  for (let before = ''; before !== text;) {
    before = text
    text = text.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^${}]*))?\}/g,
      (_match, name: string, fallback?: string) => dotenv[name] || fallback || ''
    )
  }
  const root = parse(text, { merge: true }) as {
    services: Record<string, Record<string, unknown> | null>
  }
  return Object.fromEntries(
    Object.entries(root.services)
      .filter(([name]) => !name.startsWith('x-'))
      .map(([name, raw]) => [name, raw ?? {}])
  )
}

/** Service names a text uses as hosts: URL hosts, host:port, -h / --host flags, nginx `server x;`. */
function hostsNamed(text: string, names: Set<string>, bare: boolean): string[] {
  const found = new Set<string>()
  const patterns = [
    /[a-z][a-z0-9+.-]*:\/\/(?:[^\s/?#@'"]*@)?([A-Za-z0-9_][A-Za-z0-9_.-]*)/gi,
    /(?:^|[\s=,;"'([{])([A-Za-z0-9_][A-Za-z0-9_.-]*):\d{1,5}(?!\d)/g,
    /(?:^|\s)(?:-h|--host|--hostname|--server)(?:=|\s+)([A-Za-z0-9_][A-Za-z0-9_.-]*)/g,
    /(?:^|[\s{;])server\s+([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*;/g,
    // bash's /dev/tcp/<host>/<port> and netcat's `nc -z <host> <port>` in wait loops
    /\/dev\/(?:tcp|udp)\/([A-Za-z0-9_][A-Za-z0-9_.-]*)\/\d/g,
    /\b(?:nc|ncat|netcat)(?:\s+-\w+)*\s+([A-Za-z0-9_][A-Za-z0-9_.-]*)\s+\d/g
  ]
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern))
      if (names.has(match[1] as string)) found.add(match[1] as string)
  }
  // A config file's `HOST_KEY=name` / `host: name` line (a mounted .env, a YAML config)
  for (const match of text.matchAll(/^\s*(?:export\s+)?([\w.-]+)\s*[=:]\s*["']?([\w.-]+)["']?\s*$/gm)) {
    if (HOST_NAME.test(match[1] as string) && names.has(match[2] as string)) found.add(match[2] as string)
  }
  if (bare) for (const item of text.split(/[\s,]+/)) if (names.has(item)) found.add(item)
  return [...found]
}

function envOf(container: ContainerDefinition): Record<string, string> {
  return Object.fromEntries((container.environment ?? []).map(({ name, value }) => [name, value]))
}

/** Each container's shipped config files, as the instance will have them. */
function shippedTexts(
  id: string,
  plan: DeployPlan,
  container: ContainerDefinition,
  document: DockerrunV2
): string[] {
  const folder = path.join(CORPUS, id)
  const texts: string[] = []
  for (const mount of container.mountPoints ?? []) {
    const volume = document.volumes?.find(candidate => candidate.name === mount.sourceVolume)
    const bundlePath = volume?.host.sourcePath.replace(/^\/var\/app\/current\//, '')
    const file = plan.bundleFiles.find(candidate => candidate.target === bundlePath)
    if (!file) continue
    const root = path.join(folder, file.source)
    if (!existsSync(root)) continue
    const files = statSync(root).isDirectory()
      ? (readdirSync(root, { recursive: true }) as string[]).map(name => path.join(root, name))
      : [root]
    for (const one of files) if (statSync(one).isFile()) texts.push(readFileSync(one, 'utf8'))
  }
  return texts
}

interface Planned {
  plan: DeployPlan
  document: DockerrunV2
  compose: ComposeProject
  replaced: Set<string>
  notes: string[]
}

describe.each(entries())('%s', (id, entry) => {
  const runner = { ...CI_ENVIRONMENT, ...(entry.runner ?? {}) }
  const raw = rawServices(id, entry)
  const names = new Set(Object.keys(raw))
  // Planned once; a planning error fails every rule with its message, not the whole file.
  let outcome: Planned | Error
  try {
    const plan = planOf(id, entry, runner)
    outcome = {
      plan,
      document: renderDockerrun(plan, RESOLUTION),
      compose: load(id, entry, runner),
      replaced: new Set(plan.backing.map(replacement => replacement.composeService)),
      // What the plan tells the user: its notes and its warnings.
      notes: [...plan.notes, ...plan.warnings]
    }
  } catch (error) {
    outcome = error instanceof Error ? error : new Error(String(error))
  }
  const planned = (): Planned => {
    if (outcome instanceof Error) throw outcome
    return outcome
  }

  if (entry.refused !== undefined) {
    // A file that cannot work on Beanstalk is refused with one actionable line (corpus.json says why).
    it(`is refused: ${entry.refused}`, () => {
      expect(outcome).toBeInstanceOf(Error)
      const message = (outcome as Error).message
      expect(message).toMatch(new RegExp(entry.refused as string))
      expect(message).not.toContain('\n')
    })
    return
  }

  it('plans and renders a Dockerrun that passes the platform rules', () => {
    expect(outcome instanceof Error ? outcome.message : 'planned').toBe('planned')
  })

  const refusal = entry.refusedWithout
  if (refusal) {
    it(`is refused with one actionable line without the ${refusal.input} input`, () => {
      const inputs = { ...entry.inputs }
      delete inputs[refusal.input]
      let message = 'planned'
      try {
        planOf(id, { ...entry, inputs }, runner)
      } catch (error) {
        message = error instanceof Error ? error.message : String(error)
      }
      expect(message).toContain(refusal.message)
      expect(message).not.toContain('\n')
    })
  }

  if (entry.gatheredAfter) {
    it(`says in the corpus README what it found after the ${entry.gatheredAfter} fix`, () => {
      const readme = readFileSync(path.join(CORPUS, 'README.md'), 'utf8')
      const found = readme.split(`## Gathered after the ${entry.gatheredAfter} fix`)[1] ?? ''
      expect(found).toMatch(new RegExp(`^\\| \`${id}\` \\| \\S`, 'm'))
    })
  }

  it(`is kept with its source (${entry.repository}, ${entry.stack})`, () => {
    expect(entry.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(entry.licence).not.toBe('')
    for (const file of entry.files) expect(existsSync(path.join(CORPUS, id, file.path))).toBe(true)
  })

  it('resolves every service name a container uses: a link, a managed endpoint, or a note saying it does not', () => {
    const { plan, document, notes } = planned()
    const unresolved: string[] = []
    for (const container of document.containerDefinitions) {
      const linked = new Set((container.links ?? []).flatMap(link => link.split(':')))
      const texts: [string, boolean][] = [
        ...Object.entries(envOf(container)).map(([name, value]): [string, boolean] => [
          value,
          HOST_NAME.test(name)
        ]),
        [(container.command ?? []).join(' '), false],
        [(container.entryPoint ?? []).join(' '), false],
        ...shippedTexts(id, plan, container, document).map((text): [string, boolean] => [text, false])
      ]
      for (const [text, bare] of texts) {
        for (const host of hostsNamed(text, names, bare)) {
          if (host === container.name || linked.has(host)) continue
          // The name as a word of its own: "db" is in every note naming the RDS instance corpus-db.
          const word = new RegExp(`(?<![\\w.-])${host.replace(/[.]/g, '\\.')}(?![\\w-]|\\.\\w)`)
          const explained = notes.some(
            note =>
              note.startsWith(`${container.name}:`) &&
              word.test(note) &&
              /does not resolve|not linked|not deployed|no link/.test(note)
          )
          if (!explained) unresolved.push(`${container.name} → ${host}`)
        }
      }
    }
    expect(unresolved).toEqual([])
  })

  it('ships only files the checkout has', () => {
    const { plan } = planned()
    const missing = plan.bundleFiles.filter(file => !existsSync(path.join(CORPUS, id, file.source)))
    expect(missing).toEqual([])
  })

  it('never makes a one-shot job essential', () => {
    const { document } = planned()
    const jobs = Object.values(raw).flatMap(service =>
      Object.entries(
        (service.depends_on as Record<string, { condition?: string }> | string[] | undefined) ?? {}
      )
        .filter(
          ([, spec]) => typeof spec === 'object' && spec?.condition === 'service_completed_successfully'
        )
        .map(([name]) => name)
    )
    const jobContainers = [...new Set(jobs)].flatMap(job =>
      document.containerDefinitions
        .filter(candidate => candidate.name === job)
        .map(container => ({ job, essential: container.essential }))
    )
    expect(jobContainers).toEqual(jobContainers.map(({ job }) => ({ job, essential: false })))
  })

  it('keeps no development credential beside a managed host', () => {
    const { document, compose, replaced } = planned()
    const devPasswords = new Set<string>()
    for (const service of Object.values(compose.services)) {
      for (const [name, value] of Object.entries(service.environment)) {
        if (value.kind !== 'literal' || value.value.length < 3) continue
        const url = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@/]+)@([^:/?#]+)/i.exec(value.value)
        if (url && replaced.has(url[2] as string)) devPasswords.add(decodeURIComponent(url[1] as string))
        if (replaced.has(service.name) && /PASS/i.test(name)) devPasswords.add(value.value)
      }
    }
    const leaks: string[] = []
    for (const container of document.containerDefinitions) {
      const env = envOf(container)
      if (!Object.values(env).some(value => MANAGED_HOSTS.some(host => value.includes(host)))) continue
      for (const [name, value] of Object.entries(env)) {
        // A data store's credential: its name says so, and it holds a development password.
        const storeCredential =
          /PASS|PWD/i.test(name) && /DB|DATABASE|SQL|POSTGRES|PG|MYSQL|MARIA|REDIS|CACHE/i.test(name)
        if (storeCredential && devPasswords.has(value)) leaks.push(`${container.name} ${name}`)
        if (new RegExp(`:[^/@]+@(${MANAGED_HOSTS.join('|').replace(/\./g, '\\.')})`).test(value)) {
          leaks.push(`${container.name} ${name} (password in a URL)`)
        }
      }
    }
    expect(leaks).toEqual([])
  })

  it('rewrites no family by halves: beside a managed database host, its user, name and password are managed too', () => {
    const { document } = planned()
    const halves: string[] = []
    for (const container of document.containerDefinitions) {
      const env = envOf(container)
      const secrets = new Set((container.secrets ?? []).map(secret => secret.name.toUpperCase()))
      for (const [name, value] of Object.entries(env)) {
        const host = /^(.*?)(_{0,2})(HOSTNAME|HOST|SERVER)$/i.exec(name)
        if (!host || !host[1] || value.split(':')[0] !== RDS_HOST) continue
        const start = `${host[1]}${host[2]}`.toUpperCase()
        const member = (suffixes: string[]): string | undefined =>
          Object.keys(env).find(key => suffixes.some(suffix => key.toUpperCase() === start + suffix))
        const user = member(['USER', 'USERNAME'])
        const database = member(['NAME', 'DB', 'DATABASE', 'DBNAME', 'DB_NAME', 'DATABASE_NAME'])
        const password = ['PASSWORD', 'PASS', 'PASSWD', 'PWD'].some(suffix => secrets.has(start + suffix))
        if (user === undefined || env[user] !== 'master') halves.push(`${container.name} ${name}: user`)
        if (database === undefined || env[database] !== 'appdb')
          halves.push(`${container.name} ${name}: database name`)
        if (!password) halves.push(`${container.name} ${name}: password by reference`)
        for (const [key, setting] of Object.entries(env)) {
          if (
            key.toUpperCase().startsWith(start) &&
            /SSL_?MODE$/i.test(key) &&
            /^(disable|disabled|allow)$/i.test(setting)
          )
            halves.push(`${container.name} ${key}: TLS off`)
        }
      }
    }
    expect(halves).toEqual([])
  })

  it('writes no secret-looking value in clear without a warning naming it', () => {
    const { document, plan } = planned()
    const silent: string[] = []
    for (const container of document.containerDefinitions) {
      for (const [name, value] of Object.entries(envOf(container))) {
        if (!SECRET_NAME.test(name) || /_(FILE|PATH|DIR)$/i.test(name)) continue
        if (value === '' || /^(true|false|yes|no|on|off|none|null|\d{1,6})$/i.test(value)) continue
        if (!plan.warnings.some(warning => warning.startsWith(`${name} `)))
          silent.push(`${container.name} ${name}`)
      }
    }
    expect(silent).toEqual([])
  })

  it('rewrites only hosts', () => {
    const { document, compose, replaced } = planned()
    const wrong: string[] = []
    for (const container of document.containerDefinitions) {
      const service = compose.services[container.name]
      const rendered = envOf(container)
      const besideManagedHost = Object.values(rendered).some(value =>
        MANAGED_HOSTS.some(host => value.includes(host))
      )
      for (const [name, value] of Object.entries(service?.environment ?? {})) {
        if (value.kind !== 'literal' || !(name in rendered) || rendered[name] === value.value) continue
        const before = value.value
        const credential = besideManagedHost && /(USER|USERNAME|DB|DATABASE|NAME|PORT|SSL_?MODE)$/i.test(name)
        const wasHost = hostsNamed(before, replaced, HOST_NAME.test(name)).length > 0
        if (!wasHost && !credential) wrong.push(`${container.name} ${name}: ${before} → ${rendered[name]}`)
        if (names.has(before) && !HOST_NAME.test(name) && !credential) {
          wrong.push(`${container.name} ${name}: "${before}" is not a host`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('never writes a secret-named value of the runner into the bundle, a note or an error', () => {
    planned()
    const texts = [
      readFileSync(path.join(CORPUS, id, entry.composeFile), 'utf8'),
      ...entry.files.map(file => readFileSync(path.join(CORPUS, id, file.path), 'utf8'))
    ].join('\n')
    const interpolated = [...texts.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map(
      match => match[1] as string
    )
    const secretNames = [
      ...new Set([...RUNNER_CREDENTIALS, ...interpolated.filter(name => SECRET_NAME.test(name))])
    ]
    const hostile = { ...runner, ...Object.fromEntries(secretNames.map(name => [name, sentinel(name)])) }
    let output: string
    let refusal: string | undefined
    try {
      const hostilePlan = planOf(id, entry, hostile)
      output = JSON.stringify([
        renderDockerrun(hostilePlan, RESOLUTION),
        hostilePlan.notes,
        hostilePlan.warnings ?? []
      ])
    } catch (error) {
      output = error instanceof Error ? error.message : String(error)
      refusal = output
    }
    // Refusing is allowed only with a line that names the runner's variables.
    expect({ refusal, namesRunner: refusal === undefined || /runner/.test(refusal) }).toEqual({
      refusal,
      namesRunner: true
    })
    for (const name of secretNames) expect(output).not.toContain(sentinel(name))
  })

  it('drops nothing without a note', () => {
    const { document, replaced, notes } = planned()
    const silent: string[] = []
    const noted = (service: string, what: string): boolean =>
      notes.some(note => note.startsWith(`${service}:`) && note.includes(what)) ||
      notes.some(note => note.includes(`service ${service} `) && note.includes(what))
    for (const [name, service] of Object.entries(raw)) {
      const container = document.containerDefinitions.find(candidate => candidate.name === name)
      if (!container) {
        if (!replaced.has(name) && !notes.some(note => note.includes(name))) silent.push(`service ${name}`)
        continue
      }
      for (const [key, value] of Object.entries(service)) {
        if (key.startsWith('x-') || value === false || value === null || value === '') continue
        const mentioned = noted(name, key === 'ports' ? 'port' : key)
        if (!keyKept(key, value, container) && !mentioned) silent.push(`${name}.${key}`)
      }
      for (const volume of (service.volumes as unknown[] | undefined) ?? []) {
        const written =
          typeof volume === 'string'
            ? (volume.split(':')[1] ?? volume)
            : String((volume as { target?: unknown }).target)
        // compose cleans the container path (a trailing slash goes).
        const target = path.posix.normalize(written).replace(/(.)\/+$/, '$1')
        const mounted =
          (container.mountPoints ?? []).some(mount => mount.containerPath === target) ||
          (container.linuxParameters?.tmpfs ?? []).some(mount => mount.containerPath === target)
        if (!mounted && !noted(name, target.replace(/\$\{[^}]*\}/g, '')))
          silent.push(`${name} volume ${target}`)
      }
    }
    expect(silent).toEqual([])
  })
})

/** Whether the container definition carries what a compose key asked for. */
function keyKept(key: string, value: unknown, container: ContainerDefinition): boolean {
  const linux = container.linuxParameters ?? {}
  switch (key) {
    case 'image':
    case 'build':
    case 'environment':
    case 'env_file':
    case 'depends_on':
    case 'links':
    case 'profiles':
    case 'expose':
    case 'extends':
    case 'volumes':
      return true
    case 'command':
      return container.command !== undefined
    case 'entrypoint':
      return container.entryPoint !== undefined
    case 'working_dir':
      return container.workingDirectory !== undefined
    case 'ports':
      return (container.portMappings ?? []).length === (value as unknown[]).length
    case 'mem_limit':
      return container.memory !== undefined
    case 'mem_reservation':
      return container.memoryReservation !== undefined
    case 'user':
      return container.user !== undefined
    case 'hostname':
      return container.hostname !== undefined
    case 'extra_hosts':
      return container.extraHosts !== undefined
    case 'ulimits':
      return container.ulimits !== undefined
    case 'labels':
      return container.dockerLabels !== undefined || (Array.isArray(value) && value.length === 0)
    case 'healthcheck':
      // `disable: false` alone asks for nothing: the image's own HEALTHCHECK stays, as Docker runs it.
      return (
        container.healthCheck !== undefined ||
        Object.entries(value as Record<string, unknown>).every(
          ([field, setting]) => field === 'disable' && (setting === false || setting === 'false')
        )
      )
    case 'tmpfs':
      return linux.tmpfs !== undefined
    case 'shm_size':
      return linux.sharedMemorySize !== undefined
    case 'init':
      return linux.initProcessEnabled === true
    case 'cap_add':
    case 'cap_drop':
      return linux.capabilities !== undefined
    case 'stop_grace_period':
      return container.stopTimeout !== undefined
    case 'read_only':
      return container.readonlyRootFilesystem === true || String(value) === 'false'
    case 'privileged':
      return container.privileged === true
    case 'volumes_from':
      return container.volumesFrom !== undefined
    case 'sysctls':
      return container.systemControls !== undefined
    case 'dns':
      return container.dnsServers !== undefined
    case 'dns_search':
      return container.dnsSearchDomains !== undefined
    case 'security_opt':
      return container.dockerSecurityOptions !== undefined
    case 'stdin_open':
      return container.interactive === true
    case 'tty':
      return container.pseudoTerminal === true
    case 'cpu_shares':
      return container.cpu !== undefined
    default:
      return false
  }
}
