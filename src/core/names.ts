// Naming rules of the services the action writes to, checked before any call
// so a bad name fails in the first second instead of half-way through a deploy.

/** Beanstalk environment names: 4–40 letters, digits and hyphens, no hyphen at either end. */
export function environmentNameProblem(name: string): string | undefined {
  if (name.length < 4 || name.length > 40) return `must be 4 to 40 characters long (got ${name.length})`
  if (!/^[A-Za-z0-9-]+$/.test(name)) return 'may contain only letters, digits and hyphens'
  if (name.startsWith('-') || name.endsWith('-')) return 'must not start or end with a hyphen'
  return undefined
}

/** Beanstalk application names: 1–100 characters, no slash. */
export function applicationNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 100) return `must be 1 to 100 characters long (got ${name.length})`
  if (name.includes('/')) return 'must not contain "/"'
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f]/.test(name)) return 'must not contain control characters'
  return undefined
}

/**
 * Version labels: 1–100 characters. The label also names the bundle's S3 key
 * and the image tag, so keep to characters valid in both: letters, digits and
 * `.`, `_`, `-` (a Docker tag allows no more, and must not start with . or -).
 */
export function versionLabelProblem(label: string): string | undefined {
  if (label.length < 1 || label.length > 100) return `must be 1 to 100 characters long (got ${label.length})`
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(label)) {
    return 'may contain only letters, digits, ".", "_" and "-", and must start with a letter, digit or "_"'
  }
  return undefined
}

/** ECR repository names: lowercase path components joined by `/`, 2–256 characters. */
export function repositoryNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > 256) return `must be 2 to 256 characters long (got ${name.length})`
  const component = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*'
  if (!new RegExp(`^${component}(?:/${component})*$`).test(name)) {
    return 'must be lowercase letters and digits, separated by ".", "_", "-" or "/"'
  }
  return undefined
}

/** Turns an application name into a valid ECR repository prefix ("Puppies App" → "puppies-app"). */
export function toRepositoryPrefix(application: string): string {
  const cleaned = application
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    // ECR allows one separator between components: ". " in "Co. (prod)" must not give ".-".
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
  return cleaned.length >= 2 ? cleaned : `app-${cleaned}`.replace(/-$/, '')
}

/** AWS region names such as us-east-1, eu-central-2, us-gov-west-1. */
export function regionProblem(region: string): string | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)
    ? undefined
    : 'is not an AWS region name such as us-east-1'
}
