// A service's `build:` — context, Dockerfile (or dockerfile_inline), target, args — read into the model with
// what the Dockerfile puts into the image (dockerfile.ts). Remote contexts are refused; build keys with no
// equivalent are recorded as dropped.

import { posix } from 'node:path'
import { ComposeError } from '../errors.js'
import { isRecord, stringMapOf } from './container-options.js'
import { imageContents, parseDockerignore } from './dockerfile.js'
import type { ComposeBuild, ComposeService, VariableUse } from './model.js'
import { BUILD_KEYS_DROPPED, BUILD_KEYS_READ } from './service-keys.js'
import { credentialError, credentialsIn, type ProjectVariables } from './variables.js'

export interface ServiceContext {
  directory: string
  variables: ProjectVariables
  readFile(path: string): string | undefined
  anchored: boolean
  /** Variables interpolated into each value, by its path in the service ("build.args.TOKEN"). */
  uses: Map<string, VariableUse[]>
}

export function readBuild(
  value: unknown,
  where: string,
  inWorkspace: (path: string) => string,
  context: ServiceContext,
  dropped: ComposeService['dropped']
): ComposeBuild {
  const spec = typeof value === 'string' ? { context: value } : value
  if (!isRecord(spec)) throw new ComposeError(`${where}: build must be a path or a mapping`)
  const buildContext = String(spec.context ?? '.')
  if (/^[a-z]+:\/\/|^git@/.test(buildContext)) {
    throw new ComposeError(
      `${where}: remote build contexts (${buildContext}) are not supported; check the source out first`
    )
  }
  const contextPath = inWorkspace(buildContext)
  const dockerfile = spec.dockerfile === undefined ? 'Dockerfile' : String(spec.dockerfile)
  const target = spec.target === undefined ? undefined : String(spec.target)
  const dockerfilePath = posix.join(contextPath, dockerfile)
  const inline = typeof spec.dockerfile_inline === 'string' ? spec.dockerfile_inline : undefined
  if (inline !== undefined && spec.dockerfile !== undefined)
    throw new ComposeError(`${where}: build sets both dockerfile and dockerfile_inline; keep one`)
  const dockerfileText = inline ?? context.readFile(dockerfilePath)
  for (const key of Object.keys(spec)) {
    if (BUILD_KEYS_READ.has(key) || key.startsWith('x-')) continue
    dropped.push({
      key: `build.${key}`,
      reason: BUILD_KEYS_DROPPED[key] ?? 'not a build key this action knows'
    })
  }
  // BuildKit reads <Dockerfile>.dockerignore before the context's .dockerignore.
  const ignoreText =
    context.readFile(`${dockerfilePath}.dockerignore`) ??
    context.readFile(posix.join(contextPath, '.dockerignore'))
  const args = buildArgs(spec.args, where, context)
  return {
    context: contextPath,
    dockerfile,
    ...(inline !== undefined && { dockerfileInline: inline }),
    args,
    ...(target !== undefined && { target }),
    ...(dockerfileText !== undefined && {
      contents: imageContents(
        dockerfileText,
        target,
        ignoreText === undefined ? [] : parseDockerignore(ignoreText),
        args
      )
    })
  }
}

/** Build args; one given without a value takes it from the environment compose runs in, as compose does. */
function buildArgs(value: unknown, where: string, context: ServiceContext): Record<string, string> {
  if (value === undefined || value === null) return {}
  const inherited = Array.isArray(value)
    ? value.map(String).filter(item => !item.includes('='))
    : isRecord(value)
      ? Object.keys(value).filter(key => value[key] === null || value[key] === undefined)
      : []
  const args = stringMapOf(value, `${where} build.args`)
  // Each becomes one `--build-arg NAME=value` word, split at its first "=": a name holding "=" or a blank would
  // name another arg (`BUILDKIT_SYNTAX=attacker/frontend =x`, attack round 10).
  const malformed = Object.keys(args).find(name => !/^[^=\s]+$/.test(name))
  if (malformed !== undefined) {
    throw new ComposeError(
      `${where}: build.args name ${JSON.stringify(malformed)} holds "=" or a blank, which docker's --build-arg would split differently; rename it`
    )
  }
  for (const name of inherited) {
    const uses = context.variables.uses([name], `${where} build.args ${name}`)
    const credentials = credentialsIn(uses)
    if (credentials.length > 0) throw credentialError(`${where} build.args ${name}`, credentials, 'build')
    const found = context.variables.lookup(name)
    if (found === undefined) delete args[name]
    else {
      args[name] = found
      context.uses.set(`build.args.${name}`, uses)
    }
  }
  return args
}
