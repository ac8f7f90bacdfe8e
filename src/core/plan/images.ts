// The images a plan builds: one per distinct build, shared by every service built like it.

import { posix } from 'node:path'
import type { ComposeProject, ComposeService } from '../compose/model.js'
import { isTemplate } from './selection.js'
import type { ActionConfig } from '../config-types.js'
import type { ImageBuild } from '../plan-types.js'

/**
 * One ImageBuild per distinct build (context, Dockerfile, args, target). It is
 * named after the first compose service with that build — among all services,
 * not only the selected ones — so a worker-only environment and a full one
 * share the image, its repository and its single build.
 */
export function planImages(
  config: ActionConfig,
  selected: ComposeService[],
  compose: ComposeProject
): ImageBuild[] {
  const buildKey = (service: ComposeService): string | undefined => {
    if (!service.build) return undefined
    const { context, dockerfile, args, target } = service.build
    return JSON.stringify([context, posix.normalize(dockerfile), Object.entries(args).sort(), target ?? ''])
  }
  const byKey = new Map<string, ImageBuild>()
  for (const service of selected) {
    const key = buildKey(service)
    if (key === undefined || !service.build) continue
    const existing = byKey.get(key)
    if (existing) {
      existing.services.push(service.name)
      continue
    }
    const owner =
      Object.values(compose.services).find(
        candidate => buildKey(candidate) === key && !isTemplate(candidate)
      ) ?? service
    const { context, dockerfile, args, target } = service.build
    byKey.set(key, {
      id: owner.name,
      services: [service.name],
      repository: `${config.ecrRepositoryPrefix}/${owner.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
      context,
      dockerfile,
      args,
      ...(target !== undefined && { target })
    })
  }
  return [...byKey.values()]
}
