// World (b): buildx with its default builder, the docker driver, on a daemon
// with the classic image store: a GitHub-hosted runner whose workflow has no
// docker/setup-buildx-action step (the README's quick start). The action tries
// a docker-container builder for the run: where moby/buildkit can be pulled (a
// GitHub-hosted runner) it starts and builds with a registry cache; here, with no
// Docker Hub, it cannot, and the run takes the bounded fall-back (an inline cache
// on the docker driver). The test watches the daemon's events to know which
// happened, and holds the run to that row (helpers/world-deploy.ts).

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startFreshDaemon } from '../../../test-support/fresh-daemon.js'
import { buildxDockerConfig, buildxEnvironment } from '../../../test-support/worlds.js'
import { buildxClassicStore } from '../helpers/docker.js'
import { bridgeFor, describeWorldDeploy, runnerOn } from '../helpers/world-deploy.js'

describeWorldDeploy({
  world: buildxClassicStore,
  title: 'world (b): buildx, docker driver, classic image store',
  runner: async () => {
    const config = await buildxDockerConfig()
    return { env: buildxEnvironment(config), stop: () => rm(config, { recursive: true, force: true }) }
  },
  freshRunner: async () => {
    const config = await buildxDockerConfig()
    const daemon = await startFreshDaemon(await mkdtemp(path.join(tmpdir(), 'bdd-dockerd-')), {
      ...bridgeFor(),
      nat: true
    })
    const runner = await runnerOn(daemon, buildxEnvironment(config))
    return {
      env: runner.env,
      stop: () => runner.stop().then(() => rm(config, { recursive: true, force: true }))
    }
  },
  maxRatio: 1.1,
  intended: { buildx: true }
})
