// A second dockerd with empty storage and its own bridge: what a fresh GitHub
// runner starts with. Shared by the build-and-push integration test and the
// benchmarks.
//
// Not --bridge=none: a dockerd started with it deletes the host's docker0
// interface, breaking the shared daemon. Its own bridge leaves docker0 alone.

import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

export interface FreshDaemon {
  /** unix:///…/docker.sock, for `docker -H` or DOCKER_HOST. */
  host: string
  process: ChildProcess
  root: string
  bridge: string
}

export interface FreshDaemonOptions {
  /** The bridge's address with prefix; give concurrent daemons different subnets. */
  bridgeAddress?: string
  /** Up to 15 characters; unique per process by default. */
  bridgeName?: string
}

async function createBridge(name: string, address: string): Promise<void> {
  await execFileAsync('ip', ['link', 'add', name, 'type', 'bridge'])
  await execFileAsync('ip', ['addr', 'add', address, 'dev', name])
  await execFileAsync('ip', ['link', 'set', name, 'up'])
}

/** Starts dockerd on `root` (an empty folder it may own); resolves once `docker info` answers. */
export async function startFreshDaemon(root: string, options: FreshDaemonOptions = {}): Promise<FreshDaemon> {
  const socket = path.join(root, 'docker.sock')
  const bridge = (options.bridgeName ?? `bdd${process.pid.toString(36)}`).slice(0, 15)
  await createBridge(bridge, options.bridgeAddress ?? '10.213.77.1/24')
  const child = spawn(
    'dockerd',
    [
      `--data-root=${path.join(root, 'data')}`,
      `--exec-root=${path.join(root, 'exec')}`,
      `--pidfile=${path.join(root, 'dockerd.pid')}`,
      `-H=unix://${socket}`,
      `--bridge=${bridge}`,
      '--iptables=false',
      '--ip-masq=false',
      '--storage-driver=overlay2'
    ],
    { stdio: 'ignore' }
  )
  const host = `unix://${socket}`
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await execFileAsync('docker', ['-H', host, 'info']).then(
      () => true,
      () => false
    )
    if (ready) return { host, process: child, root, bridge }
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  child.kill()
  await execFileAsync('ip', ['link', 'delete', bridge])
  throw new Error('the fresh dockerd did not start')
}

/** Stops the daemon, deletes its bridge and its storage. */
export async function stopFreshDaemon(daemon: FreshDaemon): Promise<void> {
  const exited = new Promise(resolve => daemon.process.once('exit', resolve))
  if (daemon.process.exitCode === null) daemon.process.kill('SIGTERM')
  await exited
  await execFileAsync('ip', ['link', 'delete', daemon.bridge])
  await rm(daemon.root, { recursive: true, force: true })
}

/** Copies images from the shared daemon into the fresh one, as a runner would pull them. */
export async function loadImages(host: string, images: string[] = ['debian:bookworm-slim']): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const save = spawn('docker', ['save', ...images], { stdio: ['ignore', 'pipe', 'inherit'] })
    const load = spawn('docker', ['-H', host, 'load', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'] })
    save.stdout.pipe(load.stdin)
    load.once('exit', code => (code === 0 ? resolve() : reject(new Error(`docker load exited ${code}`))))
  })
}
