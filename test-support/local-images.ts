// The images a run left in the local daemon under the stand-in's registry
// (what the action built and tagged, what the smoke test and the stand-in's
// instance pulled): removed by tag when the stand-in goes. The registry host
// is 127.0.0.1:<port of this run>, so nothing of another run or another
// suite matches.

import { dockerCall } from '../stand-in/docker.js'

/** Removes every local tag `<registryHost>/…:tag` and pulled `<registryHost>/…@digest`; returns how many. */
export async function removeRegistryImages(registryHost: string): Promise<number> {
  const listed = await dockerCall(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}'])
  if (listed.code !== 0) return 0
  const references = new Set<string>()
  for (const line of listed.stdout.split('\n')) {
    const [repository = '', tag = '', digest = ''] = line.trim().split(' ')
    if (!repository.startsWith(`${registryHost}/`)) continue
    if (tag !== '<none>') references.add(`${repository}:${tag}`)
    else if (digest.startsWith('sha256:')) references.add(`${repository}@${digest}`)
  }
  if (references.size === 0) return 0
  await dockerCall(['rmi', ...references])
  return references.size
}
