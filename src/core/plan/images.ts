// The images a plan builds: one per distinct build, shared by every service
// built like it — and by a service with no build whose `image:` is the name
// another service builds (web: {build: ., image: shop/app} and worker:
// {image: shop/app} run one image, as under compose).

import { posix } from 'node:path'
import type { ComposeProject, ComposeService } from '../compose/model.js'
import type { ActionConfig } from '../config-types.js'
import { ComposeError } from '../errors.js'
import type { ImageBuild } from './types.js'
import type { Reference } from './references.js'
import { isTemplate } from './selection.js'

export interface PlannedImages {
  images: ImageBuild[]
  /** Service → the build id it runs (services absent here run their prebuilt image). */
  buildOf: Map<string, string>
}

/**
 * One ImageBuild per distinct build (context, Dockerfile, args, target). It is
 * named after the first compose service with that build — among all services,
 * not only the selected ones — so a worker-only environment and a full one
 * share the image, its repository and its single build.
 */
export function planImages(
  config: ActionConfig,
  selected: ComposeService[],
  compose: ComposeProject,
  references: ReadonlyMap<string, Reference[]>,
  notes: string[]
): PlannedImages {
  const all = Object.values(compose.services)
  const owners = new Map<string, ComposeService>()
  for (const service of all) {
    const key = buildKey(service)
    if (key !== undefined && !owners.has(key) && !isTemplate(service, all, references))
      owners.set(key, service)
  }
  for (const service of all) {
    const key = buildKey(service)
    if (key !== undefined && !owners.has(key)) owners.set(key, service)
  }
  refuseRepositoryCollisions(config, owners)

  const builtByName = new Map<string, ComposeService>()
  for (const service of all) {
    if (service.build && service.image && !builtByName.has(service.image))
      builtByName.set(service.image, service)
  }
  const builderOf = (service: ComposeService): ComposeService | undefined =>
    service.image === undefined
      ? undefined
      : (builtByName.get(service.image) ?? defaultNamedBuilder(service, all))

  const byKey = new Map<string, ImageBuild>()
  const buildOf = new Map<string, string>()
  for (const service of selected) {
    const builder = service.build ? service : builderOf(service)
    const key = builder ? buildKey(builder) : undefined
    if (!builder?.build || key === undefined) continue
    if (builder !== service) {
      notes.push(`${service.name}: runs the image ${builder.name} builds (${service.image}), as compose does`)
    }
    const owner = owners.get(key) ?? builder
    buildOf.set(service.name, owner.name)
    const existing = byKey.get(key)
    if (existing) {
      existing.services.push(service.name)
      continue
    }
    const { context, dockerfile, dockerfileInline, args, target } = builder.build
    byKey.set(key, {
      id: owner.name,
      services: [service.name],
      repository: repositoryFor(config, owner.name),
      context,
      dockerfile,
      ...(dockerfileInline !== undefined && { dockerfileInline }),
      args,
      ...(target !== undefined && { target })
    })
  }
  return { images: [...byKey.values()], buildOf }
}

/**
 * The service whose build compose names the image `<project>-<service>` (`<project>_<service>` before compose v2),
 * when it gives no `image:` of its own: `worker: {image: shop_web}` beside `web: {build: .}` runs what web builds.
 * The project is the folder the developer ran compose in, unknown here; any prefix is taken, with no registry and
 * no tag but latest.
 */
function defaultNamedBuilder(
  service: ComposeService,
  all: readonly ComposeService[]
): ComposeService | undefined {
  if (!/^[a-z0-9][a-z0-9_.-]*(:latest)?$/.test(service.image ?? '')) return undefined
  const name = (service.image ?? '').replace(/:latest$/, '')
  return all.find(
    other =>
      other !== service &&
      other.build !== undefined &&
      other.image === undefined &&
      (name.endsWith(`-${other.name}`) || name.endsWith(`_${other.name}`))
  )
}

function buildKey(service: ComposeService): string | undefined {
  if (!service.build) return undefined
  const { context, dockerfile, dockerfileInline, args, target } = service.build
  return JSON.stringify([
    context,
    dockerfileInline ?? posix.normalize(dockerfile),
    Object.entries(args).sort(),
    target ?? ''
  ])
}

function repositoryFor(config: ActionConfig, service: string): string {
  return `${config.ecrRepositoryPrefix}/${repositoryComponent(service)}`
}

/**
 * A service name as an ECR path component: lowercase letters, digits and
 * hyphens (the names repositories have always had, so existing ones stay).
 * `api_v1` and `api-v1` both become `api-v1`: refuseRepositoryCollisions says so.
 */
function repositoryComponent(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app'
  )
}

/** Two different builds must not share a repository (and so a tag): each would run the other's image. */
function refuseRepositoryCollisions(config: ActionConfig, owners: Map<string, ComposeService>): void {
  const byRepository = new Map<string, string>()
  for (const owner of owners.values()) {
    const repository = repositoryFor(config, owner.name)
    const other = byRepository.get(repository)
    if (other !== undefined) {
      throw new ComposeError(
        `services "${other}" and "${owner.name}" build different images but both map to the ECR repository ${repository}; rename one of them`
      )
    }
    byRepository.set(repository, owner.name)
  }
}
