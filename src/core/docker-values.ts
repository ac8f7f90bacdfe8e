// Values from the compose file that end up as arguments of the docker CLI (on
// the runner) or of the ECS agent (on the instance): an image reference and a
// container path must be exactly that, so that no value can turn into an
// option (`-v=/:/hostroot`) or a second mount field (`/cfg,source=/`).

// The reference grammar of distribution/reference, which docker applies.
const ALPHANUMERIC = '[a-z0-9]+'
const SEPARATOR = '(?:[._]|__|-+)'
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
const REFERENCE = new RegExp(`^${NAME}(?::${TAG})?(?:@${DIGEST})?$`)

/** Docker's own limit on a reference's name; longer strings are not tried against the grammar at all. */
const MAX_REFERENCE_LENGTH = 512

/** Why `image` is not an image reference (`name[:tag][@digest]`), or undefined when it is one. */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.length > MAX_REFERENCE_LENGTH || !REFERENCE.test(image)) {
    return `"${image}" is not an image reference (name[:tag][@digest], e.g. postgres:15)`
  }
  return undefined
}

/**
 * Why a container path cannot be used as a mount target, or undefined. ECS
 * joins it into `source:target[:ro]` and the docker CLI into
 * `type=bind,source=…,target=…`: separators of either format are refused.
 */
export function containerPathProblem(containerPath: string): string | undefined {
  if (!containerPath.startsWith('/')) return `mount path "${containerPath}" must be absolute`
  if (/[,=:\0\r\n]/.test(containerPath)) {
    return `mount path ${JSON.stringify(containerPath)} may not contain ",", "=", ":" or a line break`
  }
  return undefined
}
