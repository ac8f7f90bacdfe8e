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

/** Go's unicode.IsSpace has U+0085 (NEL), which JavaScript's `\s` does not: BuildKit trims it around a directive. */
const GO_SPACE = /\u0085/g

/**
 * A leading line BuildKit may read a directive from: blank, or a comment (`#`, `//`, a `#!` line). Every such line
 * that says `syntax` then `=` is taken for one, whatever BuildKit's exact grammar, so no spelling it accepts is
 * missed (its parser has grown new forms: `//` comments, a JSON document).
 */
const SYNTAX = /syntax\s*=\s*(\S*)/i

export interface CustomFrontend {
  image: string
  /** Where it was named: `# syntax=`, a JSON Dockerfile, or the BUILDKIT_SYNTAX build arg. */
  how: string
}

/** The frontend a build names that is not Docker's own, if any. Pure. */
export function customFrontend(
  dockerfileText: string,
  buildArgs: Readonly<Record<string, string>>
): CustomFrontend | undefined {
  const named: CustomFrontend[] = []
  const text = dockerfileText.replace(/^\uFEFF/, '').replace(GO_SPACE, ' ')
  for (const line of text.split(/\r?\n|\r/)) {
    const trimmed = line.trim()
    if (trimmed.startsWith('{')) {
      // BuildKit also reads directives from a JSON document ({"syntax": …}): no Dockerfile starts so.
      named.push({ image: jsonSyntax(text.slice(text.indexOf('{'))), how: 'a JSON Dockerfile' })
      break
    }
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//')) break
    const match = SYNTAX.exec(trimmed)
    if (match) named.push({ image: match[1] as string, how: '# syntax=' })
  }
  const argument = buildArgs.BUILDKIT_SYNTAX
  if (argument !== undefined)
    named.push({ image: argument.trim().split(/\s+/)[0] ?? '', how: 'build arg BUILDKIT_SYNTAX' })
  return named.find(frontend => !DOCKER_FRONTEND.test(frontend.image))
}

/** The frontend a JSON document names; anything else it holds is no frontend of Docker's either. */
function jsonSyntax(text: string): string {
  try {
    const parsed = JSON.parse(text) as unknown
    const syntax =
      parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>).syntax : undefined
    return typeof syntax === 'string' ? syntax : '(JSON)'
  } catch {
    return '(JSON)'
  }
}
