// `npm run rehearse -- <your app's folder> [flags]` (docs/rehearsal.md): the
// first deploy of YOUR repository, rehearsed on this machine before anyone
// touches AWS. Starts the AWS stand-in (a real registry behind ECR, real
// containers behind Beanstalk, RDS and ElastiCache), creates what the
// rehearsal file (<app>/.github/beanstalk-rehearsal.yml) or the flags name,
// runs this checkout's bundled action (dist/index.js) on the app exactly as a
// workflow step would — plan, build and push, smoke test, bundle, version,
// deploy and wait for Ready + Green — prints the running app's URL, fetches
// it, and removes everything it started (with --keep: once you press Ctrl-C).

import { existsSync, readFileSync, statSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { parse } from 'yaml'

import { buildxDockerConfig, buildxEnvironment, worldInstallMissing } from '../test-support/worlds.js'
import { ciCheckout, type CiCheckout } from '../test-support/ci-checkout.js'
import { actionEnvironment } from '../test-support/example-environment.js'
import {
  parseRehearsal,
  prepareRehearsal,
  RehearsalError,
  rehearsedMode,
  unexpectedInputLines
} from '../test-support/rehearsal.js'
import { PROJECT_ROOT, runAction } from '../test-support/run-action.js'
import { startStandIn, type StandIn } from '../stand-in/server.js'
import { httpGet } from '../src/ecs-agent/health.js'

const USAGE = `usage: npm run rehearse -- <app folder> [--file F] [--application A] [--environment E]
  [--database RDS_ID] [--cache CACHE_ID] [--instance-types T] [--property NAME=VALUE]… [--input NAME=VALUE]…
  [--keep] [--verbose]`

const say = (line: string): void => console.log(`rehearse: ${line}`)

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  return Object.fromEntries(
    (values ?? []).map(pair => {
      const at = pair.indexOf('=')
      if (at <= 0) throw new RehearsalError(`--${flag} takes NAME=VALUE (got "${pair}")`)
      return [pair.slice(0, at), pair.slice(at + 1)]
    })
  )
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    app: { type: 'string' },
    file: { type: 'string' },
    application: { type: 'string' },
    environment: { type: 'string' },
    database: { type: 'string' },
    cache: { type: 'string' },
    'instance-types': { type: 'string' },
    property: { type: 'string', multiple: true },
    input: { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

// npm runs scripts from this checkout's root; paths are the caller's (INIT_CWD, or REHEARSE_CWD from rehearse.sh).
const callerDir = process.env.REHEARSE_CWD ?? process.env.INIT_CWD ?? process.cwd()
const appArgument = values.app ?? positionals[0]
if (!appArgument) {
  console.error(`rehearse: which app? ${USAGE}`)
  process.exit(2)
}
const appDir = path.resolve(callerDir, appArgument)
let exitCode = 1
let closing = 'done: deployed, Green, page served; everything removed'
let standIn: StandIn | undefined
let dockerConfig: string | undefined
let checkout: CiCheckout | undefined
let stopping: Promise<void> | undefined
/** Removes everything the run started; once, whether the run ends, fails or is interrupted. */
const stop = (): Promise<void> =>
  (stopping ??= (async () => {
    // Its stop removes what the run built and pulled under its registry (127.0.0.1:<port>): nothing of anyone else's.
    await standIn?.stop()
    if (dockerConfig) await rm(dockerConfig, { recursive: true, force: true })
    await checkout?.remove()
  })())
/** Set once --keep holds the run (up and well, or failed once the stand-in was up): Ctrl-C then ends it. */
let keeping = false
let interruptedBy: NodeJS.Signals | undefined
/** Removes everything, says how the run ended — once, however it ends — and exits. */
const finish = async (): Promise<never> => {
  await stop()
  if (interruptedBy && !keeping) {
    say(`interrupted (${interruptedBy}) before the end; everything removed`)
    process.exit(interruptedBy === 'SIGINT' ? 130 : 143)
  }
  say(exitCode === 0 ? closing : 'FAILED; everything removed')
  process.exit(exitCode)
}
// Ctrl-C (or a kill): the same end as any other, with its closing line (the action's own process gets the signal
// too). Listening on, not once: tsx relays the signal a second time, and a second signal with no listener would end
// the process half-way through removing what it started on the shared engine.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interruptedBy) return
    interruptedBy = signal
    void finish()
  })
}

try {
  if (!existsSync(appDir) || !statSync(appDir).isDirectory()) throw new RehearsalError(`no folder ${appDir}`)
  const file = values.file
    ? path.resolve(callerDir, values.file)
    : path.join(appDir, '.github/beanstalk-rehearsal.yml')
  if (values.file && !existsSync(file)) throw new RehearsalError(`no rehearsal file ${file}`)
  const spec = parseRehearsal(
    existsSync(file) ? readFileSync(file, 'utf8') : undefined,
    {
      ...(values.application !== undefined && { application: values.application }),
      ...(values.environment !== undefined && { environment: values.environment }),
      ...(values.database !== undefined && { database: values.database }),
      ...(values.cache !== undefined && { cache: values.cache }),
      ...(values['instance-types'] !== undefined && { instanceTypes: values['instance-types'] }),
      properties: pairs(values.property, 'property'),
      inputs: pairs(values.input, 'input')
    },
    path.basename(appDir)
  )
  say(
    `app ${appDir}${existsSync(file) ? `, rehearsal file ${path.relative(appDir, file)}` : ' (no rehearsal file: flags only)'}`
  )

  // The runner's check of `with:` against the action.yml it runs (this checkout's): a warning, as on GitHub.
  const declared = Object.keys(
    (parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs
  )
  for (const line of unexpectedInputLines(Object.keys(spec.inputs), declared)) say(`warning: ${line}`)
  // deploy or plan; the others refused here, in one line, before anything starts.
  const mode = rehearsedMode(spec.inputs)
  // What CI would build: the commit's tracked files (plus uncommitted edits to them, said), not the folder.
  checkout = await ciCheckout(appDir)
  for (const line of checkout.lines) say(line)

  standIn = await startStandIn({
    port: 0,
    ...(values.verbose && { log: (message: string) => process.stderr.write(`stand-in: ${message}\n`) })
  })
  say(`AWS stand-in on ${standIn.endpoint}, ECR registry ${standIn.registry?.host}`)
  const prepared = await prepareRehearsal(standIn, spec)
  for (const line of prepared.created) say(`created ${line}`)

  // The runner: buildx with its default builder, as on a GitHub-hosted runner (when scripts/worlds.sh installed
  // it here), else this machine's own docker.
  let runnerEnv: Record<string, string> = {}
  if (worldInstallMissing() === undefined) {
    dockerConfig = await buildxDockerConfig()
    runnerEnv = buildxEnvironment(dockerConfig)
  }
  const sha = checkout.sha
  say(`running the action (mode ${mode}) on ${path.basename(appDir)} at ${sha.slice(0, 12)} with:`)
  for (const [name, value] of Object.entries(prepared.inputs))
    say(`  ${name}: ${value.replace(/\n/g, '\n    ')}`)
  const result = await runAction({
    inputs: prepared.inputs,
    env: {
      ...actionEnvironment(standIn),
      ...runnerEnv,
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: `rehearsal/${path.basename(appDir)}`
    },
    workspace: checkout.workspace,
    post: true,
    onLine: line => console.log(`  | ${line}`)
  })
  if (result.status !== 0) {
    throw new RehearsalError(
      `the ${mode} failed: ${result.errors.map(line => line.replace(/^::error[^:]*::/, '')).join(' ')}`
    )
  }
  if (mode === 'plan') {
    // A plan changes nothing: there is no new version to visit, only what the log above shows.
    say(`planned ${result.outputs['version-label']} for ${spec.environment}: nothing deployed`)
    exitCode = 0
    closing = 'done: planned, nothing deployed; everything removed'
  } else {
    const url = result.outputs['environment-url']
    if (!url) throw new RehearsalError('the deploy ended without an environment-url output: nothing to visit')
    const smokePath = prepared.inputs['smoke-test-path'] ?? '/'
    // Not following redirects: a 302 to a login page is what the page answered, as the smoke test saw it.
    const page = await fetch(new URL(smokePath, url), { redirect: 'manual' })
    say(`deployed ${result.outputs['version-label']} to ${spec.environment}: ${result.outputs.health}`)
    const firstLine = (await page.text()).trim().split('\n')[0]?.slice(0, 200) ?? ''
    say(`your app runs at ${url} (GET ${smokePath} → ${page.status}: ${firstLine})`)
    // The stand-in's address is 127.0.0.1; on AWS a visitor's browser sends the environment's own name as Host, which
    // an app that checks it (Django's ALLOWED_HOSTS, Rails' config.hosts) refuses with 400 when it does not know it.
    const publicName = `${spec.environment}.${standIn.env.AWS_REGION ?? 'us-east-1'}.elasticbeanstalk.com`
    const named = (await httpGet(new URL(smokePath, url).href, 5000, { Host: publicName })).status
    if (named !== page.status) {
      say(
        `warning: GET ${smokePath} with Host: ${publicName} (what a visitor of the environment's address sends) answered ${named ?? 'nothing'}: on AWS every visitor of that address gets the same; allow that name (or your own domain) in the app's host check (Django: ALLOWED_HOSTS; Rails: config.hosts)`
      )
    }
    if (page.status < 200 || page.status >= 400) {
      throw new RehearsalError(
        `the deploy went Green, but GET ${smokePath} answered ${page.status}, and a rehearsal ends well when that page is served (2xx/3xx): set smoke-test-path (a rehearsal file input) to a page your app serves`
      )
    }
    exitCode = 0
  }
  if (values.keep && mode === 'deploy') {
    say('--keep: it stays up until Ctrl-C, then everything is removed')
    keeping = true
    await new Promise(() => undefined)
  }
} catch (error) {
  say(error instanceof Error ? error.message : String(error))
  // A failed deploy is when there is most to look at: the stand-in's environment, its database twin, the logs.
  if (values.keep && standIn && interruptedBy === undefined) {
    say(
      `--keep: the failed run stays as it is until Ctrl-C (AWS stand-in ${standIn.endpoint}; \`docker ps -a\` lists its containers), then everything is removed`
    )
    keeping = true
    await new Promise(() => undefined)
  }
}
await finish()
