// The runner worlds that have buildx (README "Builders"), built from what
// scripts/worlds.sh unpacked into .worlds/:
//  - buildx + docker driver + classic image store: trixie's buildx plugin
//    and Docker 26 CLI in front of a 20.10 daemon (the shared one, or a fresh
//    one for a fresh runner);
//  - buildx + docker driver + containerd image store: the same CLI in front
//    of a Docker 26 daemon with the containerd snapshotter, started here.
// The plugin is only ever seen through a DOCKER_CONFIG made for one run: the
// rest of the machine keeps the runner without buildx.

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { PROJECT_ROOT } from './run-action.js'
import { startFreshDaemon, type FreshDaemon, type FreshDaemonOptions } from './fresh-daemon.js'

const WORLDS = path.join(PROJECT_ROOT, '.worlds')
export const worldInstall = {
  buildxPlugin: path.join(WORLDS, 'root/usr/libexec/docker/cli-plugins/docker-buildx'),
  /** Holds only `docker` (the 26.1.5 CLI): put first on PATH. */
  cliDir: path.join(WORLDS, 'bin'),
  dockerd: path.join(WORLDS, 'root/usr/sbin/dockerd'),
  /** dockerd 26's own docker-proxy; containerd and runc come from the host's Debian packages. */
  daemonPath: [path.join(WORLDS, 'root/usr/sbin'), path.join(WORLDS, 'root/usr/bin')]
}

/** Why the private install is missing, or undefined when scripts/worlds.sh has run. */
export function worldInstallMissing(): string | undefined {
  const missing = [worldInstall.buildxPlugin, path.join(worldInstall.cliDir, 'docker'), worldInstall.dockerd]
    .filter(file => !existsSync(file))
    .map(file => path.relative(PROJECT_ROOT, file))
  return missing.length > 0 ? `run scripts/worlds.sh: no ${missing.join(', ')}` : undefined
}

/** A new DOCKER_CONFIG folder whose cli-plugins/ holds buildx (and whose config.json the run's logins go to). */
export async function buildxDockerConfig(parent = tmpdir()): Promise<string> {
  const folder = await mkdtemp(path.join(parent, 'bdd-buildx-config-'))
  await mkdir(path.join(folder, 'cli-plugins'))
  await symlink(worldInstall.buildxPlugin, path.join(folder, 'cli-plugins', 'docker-buildx'))
  return folder
}

/** The environment of a runner with buildx: its CLI first on PATH, its DOCKER_CONFIG, and the daemon to talk to. */
export function buildxEnvironment(dockerConfig: string, dockerHost?: string): Record<string, string> {
  return {
    PATH: `${worldInstall.cliDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    DOCKER_CONFIG: dockerConfig,
    ...(dockerHost !== undefined && { DOCKER_HOST: dockerHost })
  }
}

/** A fresh Docker 26 daemon whose images live in containerd (what Docker 29 installs by default). */
export async function startContainerdDaemon(options: FreshDaemonOptions = {}): Promise<FreshDaemon> {
  return startFreshDaemon(await mkdtemp(path.join(tmpdir(), 'bdd-dockerd26-')), {
    ...options,
    dockerd: worldInstall.dockerd,
    pathFirst: worldInstall.daemonPath,
    config: { features: { 'containerd-snapshotter': true } }
  })
}
