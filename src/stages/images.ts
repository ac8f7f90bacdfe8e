// Images stage: build and push every ImageBuild of the plan to ECR (or, with
// build: false, find the images this commit already pushed), and return the
// pinned references the Dockerrun uses.

import { createCommandRunner } from '../adapters/docker/command-runner.js'
import { imageTags } from '../adapters/docker/image-tags.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { EcrRegistry } from '../adapters/ecr.js'
import type { AwsClients } from '../adapters/aws-clients.js'
import { buildAndPush, DEFAULT_CACHE_TAG, type ImageReport } from '../build/build-and-push.js'
import { imagesOf, type Prepared } from '../planning/prepare.js'
import { ImageGroups } from '../report/image-groups.js'
import { localTags, registryLogin, runBuilder } from '../adapters/actions-runner/post-step-state.js'

export interface PublishedImages {
  reports: ImageReport[]
  /** ImageBuild id → `<repositoryUri>@sha256:…` */
  pinned: Record<string, string>
  /** Registry host logged in to, for the post step's logout. */
  registryHost?: string
}

export interface PublishHooks {
  /** Told ImageBuild id → runnable image once every image exists (the smoke test starts); pushes go on. */
  onBuilt?: (built: Record<string, string>) => void
  /** Told of each ECR repository created. */
  onRepositoryCreated?: (name: string) => void
  /** ImageBuild id → the platform to build it for (stages/platforms.ts); absent: the runner's own. */
  platforms?: Record<string, string>
}

export async function publishImages(
  prepared: Prepared,
  clients: AwsClients,
  env: NodeJS.ProcessEnv,
  hooks: PublishHooks = {}
): Promise<PublishedImages> {
  const { config, workspace } = prepared
  const images = imagesOf(prepared.targets)
  if (images.length === 0) {
    hooks.onBuilt?.({})
    return { reports: [], pinned: {} }
  }
  const run = createCommandRunner()
  // The logout state is saved before `docker login`: a failed build or smoke test still logs out in the post step.
  const registry = new EcrRegistry(clients.ecr, run, actionsLogger, {
    beforeLogin: host => registryLogin.save(host),
    ...(hooks.onRepositoryCreated && { onRepositoryCreated: hooks.onRepositoryCreated })
  })

  if (!config.build) {
    // Nothing is built or pushed: the images this commit pushed earlier are checked before the deploy.
    const existing = await findExistingImages(prepared, registry, hooks.platforms ?? {})
    if (hooks.onBuilt) {
      // The smoke run pulls them from ECR, which needs the daemon logged in (logged out by the post step).
      await registry.login()
      hooks.onBuilt(existing.pinned)
    }
    return existing
  }

  // Each image's output in a group of its own (images build concurrently: collected, then printed).
  const groups = new ImageGroups(new Map(images.map(image => [image.id, image.services])))
  const tagged = new Set<string>()
  const reports = await buildAndPush(images, {
    workspace,
    commitSha: config.commitSha,
    versionLabel: config.versionLabel,
    registry,
    tagMutability: config.ecrTagMutability,
    keepImages: config.ecrKeepImages,
    cacheTag: DEFAULT_CACHE_TAG,
    ...(config.buildCacheScope !== undefined && { cacheScope: config.buildCacheScope }),
    ...(env.GITHUB_SERVER_URL &&
      env.GITHUB_REPOSITORY && { sourceUrl: `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` }),
    run,
    ...(config.builder !== undefined && { builder: config.builder }),
    ...(hooks.platforms && { platforms: hooks.platforms }),
    // Saved before the builder is created: a cancelled run's post step still removes it.
    onRunBuilder: name => runBuilder.save(name),
    // Saved as they are made: a run that fails or is cancelled half-way still has its tags removed.
    onLocalTags: references => {
      for (const reference of references) tagged.add(reference)
      localTags.save(JSON.stringify([...tagged]))
    },
    ...(hooks.onBuilt && { onBuilt: hooks.onBuilt }),
    imageLog: id => groups.lines(id),
    onImageBuilt: (id, outcome) => groups.built(id, outcome),
    onImagePushed: report => groups.pushed(report)
  }).catch((error: unknown) => {
    groups.flushAll()
    throw error
  })
  const registryHost = reports[0]?.imageUri.split('/')[0]
  return {
    reports,
    pinned: Object.fromEntries(reports.map(report => [report.id, report.imageUri])),
    ...(registryHost !== undefined && { registryHost })
  }
}

/**
 * build: false — deploy what CI pushed earlier for this commit, or say exactly
 * what is missing. Nothing is created: a missing repository is an error too.
 */
async function findExistingImages(
  prepared: Prepared,
  registry: EcrRegistry,
  platforms: Record<string, string>
): Promise<PublishedImages> {
  const pinned: Record<string, string> = {}
  for (const image of imagesOf(prepared.targets)) {
    // The tag a build of this commit for the image's platform pushed (`<sha>-arm64` for arm64).
    const [commitSha] = imageTags(prepared.config.commitSha, '', platforms[image.id]) as [string]
    const repositoryUri = await registry.findRepository(image.repository)
    const existing = repositoryUri && (await registry.findImage(image.repository, commitSha))
    if (!repositoryUri || !existing) {
      throw new Error(
        `Input 'build' is false, but ECR has no ${repositoryUri ? 'image' : 'repository for the image'} ${image.repository}:${commitSha} for services ${image.services.join(', ')}; build it first or set build: true`
      )
    }
    pinned[image.id] = `${repositoryUri}@${existing.digest}`
  }
  return { reports: [], pinned }
}
