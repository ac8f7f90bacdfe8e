// The checks that refuse a deploy on the runner alone, before any AWS call:
// deploy and plan mode run this one function, so a plan reports what a deploy
// would refuse (new-user trial D7: `.git` in a build context refused the
// deploy at 0.0 s while the plan said nothing). The other refusals before any
// AWS side effect are in prepare() (inputs, compose file, plan), which both
// modes run first; the resolve stage's prerequisites (platform, documents,
// execution role) need AWS reads, which plan mode makes too.

import { checkBuildInputs } from '../adapters/docker/build-context.js'
import { imagesOf, type Prepared } from '../planning/prepare.js'

/**
 * Each image's build inputs: context and Dockerfile inside the workspace, the target stage, no `.git` sent.
 * With `build: false` nothing is built (the commit's images are taken from ECR), so there is nothing to check.
 */
export async function checkOnRunner(prepared: Prepared): Promise<void> {
  if (!prepared.config.build) return
  for (const image of imagesOf(prepared.targets)) await checkBuildInputs(prepared.workspace, image)
}
