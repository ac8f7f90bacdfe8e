// The machine a benchmark ran on, for the report's header.

import { execFile } from 'node:child_process'
import os from 'node:os'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

export interface MachineInfo {
  nproc: number
  cpuModel: string
  memoryGiB: number
  dockerServer: string
  dockerClient: string
  node: string
  kernel: string
}

async function output(command: string, args: string[]): Promise<string> {
  return execFileAsync(command, args).then(
    result => result.stdout.trim(),
    () => 'unknown'
  )
}

export async function machineInfo(): Promise<MachineInfo> {
  return {
    nproc: Number(await output('nproc', [])),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    dockerServer: await output('/usr/bin/docker', ['version', '--format', '{{.Server.Version}}']),
    dockerClient: await output('/usr/bin/docker', ['version', '--format', '{{.Client.Version}}']),
    node: process.version,
    kernel: os.release()
  }
}

/** The machine's 1-minute load average over a run, sampled every 10 s: other work on a shared machine shows here. */
export interface LoadSummary {
  samples: number
  median: number
  max: number
}

/** Starts sampling os.loadavg(); the returned function stops and summarises (nothing keeps the process alive). */
export function sampleLoad(intervalMs = 10_000): () => LoadSummary {
  const samples: number[] = [os.loadavg()[0] ?? 0]
  const timer = setInterval(() => samples.push(os.loadavg()[0] ?? 0), intervalMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    samples.push(os.loadavg()[0] ?? 0)
    const sorted = [...samples].sort((a, b) => a - b)
    return {
      samples: samples.length,
      median: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
      max: sorted.at(-1) ?? 0
    }
  }
}
