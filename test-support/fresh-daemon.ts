// A second dockerd with empty storage and its own bridge: what a fresh GitHub
// runner starts with. Shared by the integration tests (the runner worlds), the
// benchmarks and the demo.
//
// Not --bridge=none: a dockerd started with it deletes the host's docker0
// interface, breaking the shared daemon. Its own bridge leaves docker0 alone.
// Nor --iptables=true: that daemon would rewrite the DOCKER chains the shared
// daemon's published ports live in. Build steps that need the network (apt in
// a RUN that missed the cache) get it from two rules of our own for the
// bridge's subnet (`nat`), removed when the daemon stops.

import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

export interface FreshDaemon {
  /** unix:///…/docker.sock, for `docker -H` or DOCKER_HOST. */
  host: string
  process: ChildProcess
  root: string
  bridge: string
  /** The iptables rules added for `nat`, removed by stopFreshDaemon. */
  natRules: string[][]
}

export interface FreshDaemonOptions {
  /** The bridge's address with prefix; give concurrent daemons different subnets. */
  bridgeAddress?: string
  /** Up to 15 characters; unique per process by default. */
  bridgeName?: string
  /**
   * Where the daemon takes the subnets of the networks it creates (a smoke
   * test's): a range of its own, apart from the shared daemon's 172.x pools.
   */
  addressPool?: string
  /** The dockerd binary (default: dockerd on PATH, Debian's 20.10). */
  dockerd?: string
  /** Folders put first on the daemon's PATH (for the containerd, runc and docker-proxy it starts). */
  pathFirst?: string[]
  /** daemon.json contents, e.g. {"features": {"containerd-snapshotter": true}}. */
  config?: Record<string, unknown>
  /** Let containers on the bridge (build steps) reach the network, through masquerading. */
  nat?: boolean
}

async function createBridge(name: string, address: string): Promise<void> {
  await execFileAsync('ip', ['link', 'add', name, 'type', 'bridge'])
  await execFileAsync('ip', ['addr', 'add', address, 'dev', name])
  await execFileAsync('ip', ['link', 'set', name, 'up'])
}

/**
 * The rules (as `iptables` arguments after -A/-I/-D) that give the bridge's
 * subnet, and the networks the daemon creates from its pool, a way out. The
 * host's FORWARD policy is DROP (the shared daemon set it), and bridged
 * traffic passes FORWARD too: without the pool's rule, two containers of one
 * network (a smoke test's web and redis) could not reach each other.
 */
function natRules(bridge: string, address: string, pool?: string): string[][] {
  const comment = ['-m', 'comment', '--comment', `bdd-fresh-daemon-${bridge}`]
  const subnets = pool ? [address, pool] : [address]
  return subnets.flatMap(subnet => [
    ['-t', 'nat', 'POSTROUTING', '-s', subnet, '!', '-d', subnet, '-j', 'MASQUERADE', ...comment],
    ['FORWARD', '-s', subnet, '-j', 'ACCEPT', ...comment],
    [
      'FORWARD',
      '-d',
      subnet,
      '-m',
      'conntrack',
      '--ctstate',
      'RELATED,ESTABLISHED',
      '-j',
      'ACCEPT',
      ...comment
    ]
  ])
}

/** `iptables <verb> <rule>`: the table option goes before the verb and its chain. */
function iptablesArgs(verb: '-I' | '-D', rule: string[]): string[] {
  return rule[0] === '-t' ? [rule[0], rule[1] as string, verb, ...rule.slice(2)] : [verb, ...rule]
}

/** Starts dockerd on `root` (an empty folder it may own); resolves once `docker info` answers. */
export async function startFreshDaemon(root: string, options: FreshDaemonOptions = {}): Promise<FreshDaemon> {
  const socket = path.join(root, 'docker.sock')
  const bridge = (options.bridgeName ?? `bdd${process.pid.toString(36)}`).slice(0, 15)
  const address = options.bridgeAddress ?? '10.213.77.1/24'
  await createBridge(bridge, address)
  const rules = options.nat ? natRules(bridge, address, options.addressPool) : []
  for (const rule of rules) await execFileAsync('iptables', iptablesArgs('-I', rule))
  const configFile = path.join(root, 'daemon.json')
  const pools = options.addressPool
    ? { 'default-address-pools': [{ base: options.addressPool, size: 28 }] }
    : {}
  await writeFile(configFile, JSON.stringify({ ...pools, ...options.config }))
  const child = spawn(
    options.dockerd ?? 'dockerd',
    [
      `--config-file=${configFile}`,
      `--data-root=${path.join(root, 'data')}`,
      `--exec-root=${path.join(root, 'exec')}`,
      `--pidfile=${path.join(root, 'dockerd.pid')}`,
      `-H=unix://${socket}`,
      `--bridge=${bridge}`,
      '--iptables=false',
      '--ip-masq=false'
    ],
    {
      stdio: 'ignore',
      env: { ...process.env, PATH: [...(options.pathFirst ?? []), process.env.PATH ?? ''].join(':') }
    }
  )
  const daemon: FreshDaemon = { host: `unix://${socket}`, process: child, root, bridge, natRules: rules }
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await execFileAsync('docker', ['-H', daemon.host, 'info']).then(
      () => true,
      () => false
    )
    if (ready) return daemon
    if (child.exitCode !== null) break
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  await stopFreshDaemon(daemon)
  throw new Error('the fresh dockerd did not start')
}

/** Stops the daemon, deletes its bridge, its rules and its storage. */
export async function stopFreshDaemon(daemon: FreshDaemon): Promise<void> {
  if (daemon.process.exitCode === null && daemon.process.signalCode === null) {
    const exited = new Promise(resolve => daemon.process.once('exit', resolve))
    daemon.process.kill('SIGTERM')
    await exited
  }
  for (const rule of daemon.natRules) {
    await execFileAsync('iptables', iptablesArgs('-D', rule)).catch(() => undefined)
  }
  await execFileAsync('ip', ['link', 'delete', daemon.bridge]).catch(() => undefined)
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
