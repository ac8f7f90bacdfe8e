// `npm run rehearse -- <your app's folder> [flags]` (docs/rehearsal.md): the
// first deploy of YOUR repository, rehearsed on this machine before anyone
// touches AWS. Starts the AWS stand-in (a real registry behind ECR, real
// containers behind Beanstalk, RDS and ElastiCache), creates what the
// rehearsal file (<app>/.github/beanstalk-rehearsal.yml) or the flags name,
// runs this checkout's bundled action (dist/index.js) on the app exactly as a
// workflow step would — plan, build and push, smoke test, bundle, version,
// deploy and wait for Ready + Green — prints the running app's URL, fetches
// it, and removes everything it started (with --keep: once you press Ctrl-C).

import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { buildxDockerConfig, buildxEnvironment, worldInstallMissing } from '../test-support/worlds.js'
import { actionEnvironment } from '../test-support/example-environment.js'
import { removeRegistryImages } from '../test-support/local-images.js'
import { parseRehearsal, prepareRehearsal, RehearsalError } from '../test-support/rehearsal.js'
import { runAction } from '../test-support/run-action.js'
import { startStandIn, type StandIn } from '../stand-in/server.js'

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

function gitSha(folder: string): string {
  try {
    return execFileSync('git', ['-C', folder, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: 'pipe'
    }).trim()
  } catch {
    // Not a git checkout (or no commit yet): a commit-like SHA of its own.
    return randomBytes(20).toString('hex')
  }
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
let standIn: StandIn | undefined
let dockerConfig: string | undefined
const stop = async (): Promise<void> => {
  const registryHost = standIn?.registry?.host
  await standIn?.stop()
  // What the run built and pulled under this run's registry (127.0.0.1:<port>): nothing of anyone else's.
  if (registryHost) await removeRegistryImages(registryHost)
  if (dockerConfig) await rm(dockerConfig, { recursive: true, force: true })
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

  standIn = await startStandIn({
    port: 0,
    ...(values.verbose && { log: (message: string) => process.stderr.write(`stand-in: ${message}\n`) })
  })
  process.on('SIGINT', () => void stop().then(() => process.exit(130)))
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
  const sha = gitSha(appDir)
  say(`running the action (mode deploy) on ${path.basename(appDir)} at ${sha.slice(0, 12)} with:`)
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
    workspace: appDir,
    post: true,
    onLine: line => console.log(`  | ${line}`)
  })
  if (result.status !== 0) {
    throw new RehearsalError(
      `the deploy failed: ${result.errors.map(line => line.replace(/^::error[^:]*::/, '')).join(' ')}`
    )
  }
  const url = result.outputs['environment-url'] ?? ''
  const smokePath = prepared.inputs['smoke-test-path'] ?? '/'
  const page = await fetch(new URL(smokePath, url))
  say(`deployed ${result.outputs['version-label']} to ${spec.environment}: ${result.outputs.health}`)
  const firstLine = (await page.text()).trim().split('\n')[0]?.slice(0, 200) ?? ''
  say(`your app runs at ${url} (GET ${smokePath} → ${page.status}: ${firstLine})`)
  exitCode = page.ok ? 0 : 1
  if (values.keep) {
    say('--keep: it stays up until Ctrl-C, then everything is removed')
    await new Promise(() => undefined)
  }
} catch (error) {
  say(error instanceof Error ? error.message : String(error))
} finally {
  await stop()
  say(
    exitCode === 0 ? 'done: deployed, Green, page served; everything removed' : 'FAILED; everything removed'
  )
}
process.exit(exitCode)
