// Images a benchmark tagged on the shared daemon for the stand-in's registry
// (builds and pushes from the shared daemon): removed when it ends, since the
// daemon is shared with other work and the registry is gone with the stand-in.

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** Removes every image on the shared daemon tagged `<registryHost>/…`; failures are ignored. */
export async function removeRegistryImages(registryHost: string): Promise<void> {
  const listed = await execFileAsync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).catch(
    () => ({ stdout: '' })
  )
  const ours = listed.stdout.split('\n').filter(reference => reference.startsWith(`${registryHost}/`))
  if (ours.length > 0)
    await execFileAsync('docker', ['image', 'rm', '--force', ...ours]).catch(() => undefined)
}
