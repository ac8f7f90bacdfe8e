// Checks, before any AWS call or build, that an ImageBuild can be built: the
// context folder and Dockerfile exist inside the workspace (symlinks
// followed: a context of ../../host or a Dockerfile of /etc/passwd would build
// host files into an image), the target names a stage, no `.git` would be
// sent to the builder (see checkout-credentials.ts), the frontend is
// Docker's own (core/compose/dockerfile-frontend.ts), and no folder from the
// context up to the workspace is laid out as a git directory: git, run in the
// context by a tool of the runner, would take it for a repository and obey
// its config (build-args.ts turns buildx's git lookup off as well).

import { lstatSync, realpathSync } from 'node:fs'
import { mkdtemp, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  gitInContextMessage,
  gitSentToBuilder,
  ignoreFileProblem,
  type IgnoreFiles
} from '../workspace/checkout-credentials.js'
import { contextSecretWarnings } from './context-secrets.js'
import { customFrontend } from '../../core/compose/dockerfile-frontend.js'
import { readDockerfile } from '../../core/compose/dockerfile-words.js'
import type { ImageBuild } from '../../core/plan/types.js'
import { readWorkspaceText, resolveInWorkspace } from '../workspace/files.js'

export interface ResolvedBuildPaths {
  contextDir: string
  dockerfile: string
  /** Secret-looking `.env` files the build would copy into the image (context-secrets.ts): warned, not refused. */
  warnings: string[]
}

/** Stage names declared with `FROM <image> AS <name>`, in order. Pure. */
export function dockerfileStages(dockerfileText: string): string[] {
  return readDockerfile(dockerfileText)
    .instructions.filter(instruction => instruction.keyword.toUpperCase() === 'FROM')
    .flatMap(({ rest }) => /^(?:--\S+\s+)*\S+\s+AS\s+(\S+)\s*$/i.exec(rest.trim())?.[1]?.toLowerCase() ?? [])
}

async function isDirectory(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() ?? false
}

/**
 * The first folder from the context up to the workspace that git would take for a repository (git's
 * is_git_directory: a HEAD entry of any kind, with objects and refs, or a commondir naming them elsewhere): a pull
 * request can commit those files, not a `.git` (git refuses that path). Git's discovery stops at the first folder
 * holding a `.git` (the checkout's own, or a second checkout the workflow made), so the walk does too.
 */
function gitDirectoryLayout(workspace: string, contextDir: string): string | undefined {
  const has = (folder: string, name: string): boolean =>
    lstatSync(path.join(folder, name), { throwIfNoEntry: false }) !== undefined
  for (let folder = contextDir; folder === workspace || folder.startsWith(workspace + path.sep);) {
    if (has(folder, '.git')) return undefined
    if (has(folder, 'HEAD') && ((has(folder, 'objects') && has(folder, 'refs')) || has(folder, 'commondir')))
      return folder
    if (folder === workspace) return undefined
    folder = path.dirname(folder)
  }
  return undefined
}

/** The one-line description used by every error about an image. */
export function describeImage(image: ImageBuild): string {
  return `image ${image.id} (services ${image.services.join(', ')})`
}

/**
 * Resolves and checks the paths of one image; throws a one-line error naming
 * the image. The paths returned are real (symlinks resolved), inside the workspace.
 */
export async function checkBuildInputs(workspace: string, image: ImageBuild): Promise<ResolvedBuildPaths> {
  const fail = (cause: string): never => {
    throw new Error(`Build of ${describeImage(image)} failed: ${cause}`)
  }
  const inWorkspace = <T>(read: () => T): T => {
    try {
      return read()
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error))
    }
  }
  const lexicalContext = path.resolve(workspace, image.context)
  const lexicalDockerfile = path.resolve(lexicalContext, image.dockerfile)
  const relativeDockerfile = path.relative(workspace, lexicalDockerfile)
  const shown = (file: string): string => path.relative(workspace, file) || '.'
  const contextDir = inWorkspace(() => resolveInWorkspace(workspace, image.context, 'build context'))
  if (contextDir === undefined || !(await isDirectory(contextDir)))
    fail(`build context not found at ${shown(lexicalContext)}`)
  // compose's dockerfile_inline: the text goes to a file outside the workspace, built with the same context.
  const inline = image.dockerfileInline
  const dockerfile =
    inline !== undefined
      ? await writeInlineDockerfile(inline)
      : inWorkspace(() => resolveInWorkspace(workspace, relativeDockerfile, 'Dockerfile'))
  const text = inline ?? inWorkspace(() => readWorkspaceText(workspace, relativeDockerfile, 'Dockerfile'))
  if (dockerfile === undefined || text === undefined)
    fail(`Dockerfile not found at ${shown(lexicalDockerfile)}`)
  const frontend = customFrontend(text ?? '', image.args)
  if (frontend) {
    fail(
      `${frontend.how} names the BuildKit frontend "${frontend.image}": a frontend other than docker/dockerfile is given the whole build context past .dockerignore (the checkout's .git holds the job's token), so it is not built; use docker/dockerfile (# syntax=docker/dockerfile:1) or remove it`
    )
  }
  if (image.target) {
    const stages = dockerfileStages(text ?? '')
    if (!stages.includes(image.target.toLowerCase())) {
      const known = stages.length > 0 ? stages.join(', ') : 'none'
      const where = inline !== undefined ? 'the dockerfile_inline' : shown(lexicalDockerfile)
      fail(`target "${image.target}" is not a stage of ${where} (stages: ${known})`)
    }
  }
  // BuildKit reads `<Dockerfile>.dockerignore` beside the file --file names: the real one, after any link.
  const builtDockerfile =
    inline !== undefined ? relativeDockerfile : path.relative(realpathSync(workspace), dockerfile as string)
  const ignore: IgnoreFiles = {
    contextName: `${shown(path.join(lexicalContext, '.dockerignore'))}`,
    dockerfileName: `${builtDockerfile}.dockerignore`
  }
  // BuildKit reads the ignore file inside the context it was sent (a link resolved there), the classic builder on
  // the runner: for a link the two can disagree, and a link out of the context is no ignore file to BuildKit.
  const contextIgnorePath = path.join(lexicalContext, '.dockerignore')
  if (lstatSync(contextIgnorePath, { throwIfNoEntry: false })?.isSymbolicLink())
    fail(
      `${shown(contextIgnorePath)} is a symbolic link: BuildKit reads it only inside the build context and the classic builder on the runner, so which rules keep .git out cannot be told; make it a regular file`
    )
  const contextIgnore = inWorkspace(() =>
    readWorkspaceText(workspace, path.relative(workspace, path.join(lexicalContext, '.dockerignore')), 'file')
  )
  const dockerfileIgnore = inWorkspace(() =>
    readWorkspaceText(workspace, `${builtDockerfile}.dockerignore`, 'file')
  )
  if (contextIgnore !== undefined) ignore.context = contextIgnore
  if (dockerfileIgnore !== undefined) ignore.dockerfile = dockerfileIgnore
  const repository = gitDirectoryLayout(realpathSync(workspace), contextDir as string)
  if (repository !== undefined)
    fail(
      `${shown(repository)} is laid out as a git repository (HEAD with objects and refs, or commondir): git run in the build context on the runner would take it for one and obey its config (a committed command), so it is not built; move those files out of the context's folders`
    )
  const ignoreProblem = ignoreFileProblem(ignore)
  if (ignoreProblem !== undefined) fail(ignoreProblem)
  const sentGit = gitSentToBuilder(contextDir as string, ignore)
  if (sentGit !== undefined) fail(gitInContextMessage(sentGit, ignore))
  const warnings = contextSecretWarnings({
    contextDir: contextDir as string,
    ignore,
    dockerfileText: text ?? '',
    ...(image.target !== undefined && { target: image.target }),
    imageName: describeImage(image)
  })
  return { contextDir: contextDir as string, dockerfile: dockerfile as string, warnings }
}

/** A Dockerfile given inline, written to a private folder of the runner's temp space; the build reads it there. */
async function writeInlineDockerfile(text: string): Promise<string> {
  const folder = await mkdtemp(path.join(process.env.RUNNER_TEMP || tmpdir(), 'dockerfile-inline-'))
  const file = path.join(folder, 'Dockerfile')
  await writeFile(file, text, { mode: 0o600 })
  return file
}
