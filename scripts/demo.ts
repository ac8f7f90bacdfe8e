// The main job on this machine: the AWS stand-in (with a real registry behind
// ECR and real containers behind Beanstalk, RDS and ElastiCache), the example
// app built, pushed and deployed by dist/index.js exactly as a workflow step
// runs it on a GitHub-hosted runner — buildx with its default builder (docker
// driver, classic image store), no docker/setup-buildx-action step — then the
// page fetched through the environment's URL. Prints the build path the action
// took. Stops everything it started, also on failure or Ctrl-C.

import { rm } from 'node:fs/promises'

import { buildxDockerConfig, buildxEnvironment } from '../test-support/worlds.js'
import { startStandIn } from '../stand-in/server.js'
import { actionEnvironment, createExampleEnvironment } from '../test-support/example-environment.js'
import { runAction } from '../test-support/run-action.js'

const say = (line: string): void => console.log(`demo: ${line}`)

const standIn = await startStandIn({ port: 0 })
// The runner's buildx, seen only by this run (scripts/worlds.sh unpacked it into .worlds/).
const dockerConfig = await buildxDockerConfig()
const stop = async (): Promise<void> => {
  await standIn.stop()
  await rm(dockerConfig, { recursive: true, force: true })
}
process.on('SIGINT', () => void stop().then(() => process.exit(130)))

let exitCode = 1
try {
  say(`AWS stand-in on ${standIn.endpoint}, registry ${standIn.registry?.host}`)
  const example = await createExampleEnvironment(standIn)
  say(
    `application ${example.application}, environment ${example.environment} (Ready), RDS puppies-db, ElastiCache puppies-cache`
  )
  say(
    'runner: docker buildx with its default builder on a classic image store, as on a GitHub-hosted runner ' +
      'with no docker/setup-buildx-action step'
  )
  say('running dist/index.js (mode deploy) …')
  const result = await runAction({
    inputs: example.inputs,
    env: { ...actionEnvironment(standIn), ...buildxEnvironment(dockerConfig) },
    post: true,
    onLine: line => console.log(`  | ${line}`)
  })
  const decision = result.stdout.split('\n').find(line => line.startsWith('Image builder: '))
  say(`build path: ${decision?.slice('Image builder: '.length) ?? 'none logged'}`)
  if (result.status !== 0) throw new Error(`the action failed: ${result.errors.join(' ')}`)
  const url = result.outputs['environment-url'] ?? ''
  say(
    `outputs: environment-url=${url} health=${result.outputs.health} version-label=${result.outputs['version-label']}`
  )
  say(`images: ${result.outputs.images}`)
  const page = await fetch(url)
  const html = await page.text()
  const up = await fetch(`${url}/up`)
  say(`GET ${url}/ → ${page.status} (${/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'no title'})`)
  say(`GET ${url}/up → ${up.status}: ${(await up.text()).trim().replace(/\n/g, ', ')}`)
  exitCode = page.ok && up.ok ? 0 : 1
} catch (error) {
  say(error instanceof Error ? error.message : String(error))
} finally {
  await stop()
  say(exitCode === 0 ? 'done: deployed, Green, page served; everything stopped' : 'FAILED')
}
process.exit(exitCode)
