// Container environment handed to docker in a file only the runner's user can
// read, in a fresh private folder, removed as soon as docker has read it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** Runs `use` with the path of an env file holding `text`; the file is gone when it returns. */
export async function withEnvFile<T>(text: string, use: (file: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'bdd-env-'))
  try {
    const file = path.join(folder, 'container.env')
    await writeFile(file, text, { mode: 0o600, flag: 'wx' })
    return await use(file)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
