// World (c): buildx with the docker driver on a daemon whose images live in
// containerd (Docker 29 fresh installs; here a Docker 26 daemon with the
// containerd snapshotter). That driver exports a registry cache: mode=max in
// ECR keeps the build stage of the multi-stage example cached on fresh runners.

import { rm } from 'node:fs/promises'

import { buildxDockerConfig, buildxEnvironment, startContainerdDaemon } from '../../../test-support/worlds.js'
import { buildxContainerdStore } from '../helpers/docker.js'
import { bridgeFor, describeWorldDeploy, runnerOn, type WorldRunner } from '../helpers/world-deploy.js'

async function containerdRunner(images: string[]): Promise<WorldRunner> {
  const config = await buildxDockerConfig()
  const runner = await runnerOn(
    await startContainerdDaemon({ ...bridgeFor(), nat: true }),
    buildxEnvironment(config),
    images
  )
  return {
    env: runner.env,
    stop: () => runner.stop().then(() => rm(config, { recursive: true, force: true }))
  }
}

describeWorldDeploy({
  world: buildxContainerdStore,
  title: 'world (c): buildx, docker driver, containerd image store',
  // The first runner runs the smoke test: it needs the compose file's dev database and cache images.
  runner: () => containerdRunner(['debian:bookworm-slim', 'postgres:15', 'redis:7']),
  freshRunner: () => containerdRunner(['debian:bookworm-slim']),
  maxRatio: 1.1,
  intended: { buildx: true, imageStore: 'containerd' }
})
