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

/** OCI annotations as image labels, so an image in ECR says which commit it is. */
export function ociLabels(commitSha: string, created: Date, sourceUrl?: string): Record<string, string> {
  return {
    'org.opencontainers.image.revision': commitSha,
    'org.opencontainers.image.created': created.toISOString(),
    ...(sourceUrl ? { 'org.opencontainers.image.source': sourceUrl } : {})
  }
}
