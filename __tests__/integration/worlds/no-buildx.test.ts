// World (a): no buildx. Debian's 20.10 CLI first on PATH builds with the
// daemon's BuildKit and an inline cache: old self-hosted runners with a classic CLI before 23 and no buildx plugin.
// On a GitHub-hosted runner every docker CLI finds the system's buildx plugin
// (/usr/libexec/docker/cli-plugins, searched whatever DOCKER_CONFIG says), so
// there this suite runs the buildx row the test finds (helpers/world-deploy.ts).

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startFreshDaemon } from '../../../test-support/fresh-daemon.js'
import { dockerEngine } from '../helpers/docker.js'
import { bridgeFor, describeWorldDeploy, runnerOn } from '../helpers/world-deploy.js'

describeWorldDeploy({
  world: dockerEngine,
  title: 'world (a): no buildx, the daemon BuildKit',
  // actionEnvironment already puts /usr/bin (the 20.10 CLI) first.
  runner: async () => ({ env: {}, stop: async () => undefined }),
  freshRunner: async () =>
    runnerOn(
      await startFreshDaemon(await mkdtemp(path.join(tmpdir(), 'bdd-dockerd-')), {
        ...bridgeFor(),
        nat: true
      }),
      {}
    ),
  maxRatio: 1.1
})
