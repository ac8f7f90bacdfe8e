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
