import { describe } from '@jest/globals'
import { execFileSync } from 'node:child_process'

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** `describe` when a Docker engine answers, else `describe.skip` with a line saying why. */
export function describeWithDocker(suite: string): typeof describe | typeof describe.skip {
  if (dockerAnswers()) return describe
  console.warn(`${suite} skipped: \`docker info\` failed (no Docker engine)`)
  return describe.skip
}
