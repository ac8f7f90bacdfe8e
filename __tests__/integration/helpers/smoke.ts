import { execFileSync } from 'node:child_process'

/** Containers and networks of the run's smoke project (named in its log) still present. */
export function smokeLeftovers(log: string): string[] {
  const project = /running the bundle on this runner as (bdd-smoke-[0-9a-f]+)/.exec(log)?.[1]
  if (!project) throw new Error('the log names no smoke project')
  return projectLeftovers(project)
}

/** Containers and networks of a smoke project still present. */
export function projectLeftovers(project: string): string[] {
  const list = (args: string[]) =>
    execFileSync('docker', args, { encoding: 'utf8' })
      .split('\n')
      .filter(name => name !== '')
  return [
    ...list(['ps', '-a', '--filter', `name=${project}-`, '--format', '{{.Names}}']),
    ...list(['network', 'ls', '--filter', `name=${project}-`, '--format', '{{.Name}}'])
  ]
}
