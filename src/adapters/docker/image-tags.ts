// Pure: the tags an image is pushed under.

/** Docker tags allow [A-Za-z0-9_.-], must not start with "." or "-", and are at most 128 characters. */
export function toDockerTag(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
}

/**
 * The commit SHA first (what re-runs look up), then the version label when it
 * differs. An image built for a platform other than linux/amd64 gets its
 * architecture after each (`<sha>-arm64`): the same commit deployed to an x86
 * and a Graviton environment is two images, and a re-run must find the one of
 * its own architecture, never reuse the other.
 */
export function imageTags(commitSha: string, versionLabel: string, platform?: string): string[] {
  const arch = platform?.split('/')[1]
  const suffix = arch && arch !== 'amd64' ? `-${toDockerTag(arch)}` : ''
  const tagged = (text: string): string => (text ? `${text.slice(0, 128 - suffix.length)}${suffix}` : '')
  const tags = [tagged(toDockerTag(commitSha))]
  const label = tagged(toDockerTag(versionLabel))
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
