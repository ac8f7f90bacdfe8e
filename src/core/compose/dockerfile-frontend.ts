// Which BuildKit frontend a build would run. A Dockerfile's `# syntax=` line,
// or a BUILDKIT_SYNTAX build arg, makes BuildKit run that image as the
// frontend (https://docs.docker.com/build/buildkit/frontend/). The frontend
// asks the client for the context and applies .dockerignore itself: Docker's
// own does, any other can read the whole context — the checkout's .git, whose
// config holds the job's token — and the Dockerfile's folder. So only
// Docker's frontend images are built.

/** docker/dockerfile (and -upstream), by tag or digest (https://hub.docker.com/r/docker/dockerfile). */
const DOCKER_FRONTEND =
  /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?(?::[\w][\w.-]*)?(?:@sha256:[a-f0-9]{64})?$/

/**
 * BuildKit reads directives from the leading lines (`# syntax=…`; newer releases also `// syntax=…`). Every
 * leading comment or blank line is read here, so no spelling BuildKit might take as a directive is missed.
 */
const SYNTAX_LINE = /^\s*(?:#|\/\/)\s*syntax\s*=\s*(\S*)/i

export interface CustomFrontend {
  image: string
  /** Where it was named: `# syntax=` or the BUILDKIT_SYNTAX build arg. */
  how: string
}

/** The frontend a build names that is not Docker's own, if any. Pure. */
export function customFrontend(
  dockerfileText: string,
  buildArgs: Readonly<Record<string, string>>
): CustomFrontend | undefined {
  const named: CustomFrontend[] = []
  for (const line of dockerfileText.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//')) break
    const match = SYNTAX_LINE.exec(line)
    if (match) named.push({ image: match[1] as string, how: '# syntax=' })
  }
  const argument = buildArgs.BUILDKIT_SYNTAX
  if (argument !== undefined)
    named.push({ image: argument.trim().split(/\s+/)[0] ?? '', how: 'build arg BUILDKIT_SYNTAX' })
  return named.find(frontend => !DOCKER_FRONTEND.test(frontend.image))
}
