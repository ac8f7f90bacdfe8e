// World (a): no buildx. Debian's 20.10 CLI first on PATH builds with the
// daemon's BuildKit and an inline cache: old self-hosted runners with a classic CLI before 23 and no buildx plugin.

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startFreshDaemon } from '../../../bench/lib/fresh-daemon.js'
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
  expectedPath:
    /^Image builder: docker build on the daemon's BuildKit with an inline cache in ECR — no buildx/,
  maxRatio: 1.1,
  buildStageCached: false
})
