// Pure: the tags an image is pushed under.

/** Docker tags allow [A-Za-z0-9_.-], must not start with "." or "-", and are at most 128 characters. */
export function toDockerTag(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
}

/** The commit SHA first (what re-runs look up), then the version label when it differs. */
export function imageTags(commitSha: string, versionLabel: string): string[] {
  const tags = [toDockerTag(commitSha)]
  const label = toDockerTag(versionLabel)
  if (label && !tags.includes(label)) tags.push(label)
  return tags
}

/**
 * OCI annotations as image labels: the repository it is built from. No
 * creation time and no commit: either would change the image config, hence
 * the digest, on every build, and an unchanged service would restart on every
 * deploy. The commit an image was built from is its ECR tag (imageTags).
 */
export function ociLabels(sourceUrl?: string): Record<string, string> {
  return sourceUrl ? { 'org.opencontainers.image.source': sourceUrl } : {}
}
