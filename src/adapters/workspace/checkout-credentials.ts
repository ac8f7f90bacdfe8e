// The workspace is not only repository content: the runner writes there too.
// actions/checkout persists the job's GITHUB_TOKEN in `.git/config`
// (`http.<url>.extraheader`, unless `persist-credentials: false`), and a
// second checkout (`path:`) or a submodule gets its own `.git`. So nothing
// under a `.git` — at any depth, file or folder — is ever read into a plan,
// shipped in a bundle, mounted in the smoke test or sent to a build.
//
// Build contexts: a context holding `.git` that its ignore file does not
// exclude is refused, not rebuilt without it. Rebuilding would make the image
// differ from what `docker build` gives on the developer's machine from the
// same files, silently; the fix is one line in `.dockerignore`, which the
// error names. Which ignore file counts: BuildKit reads `<Dockerfile>.dockerignore`
// when it exists and `<context>/.dockerignore` otherwise; the classic builder
// reads only the latter. Both must exclude `.git` when both exist. The
// patterns are read with @balena/dockerignore, a port of moby's matcher.

import dockerignoreModule from '@balena/dockerignore'
import { readdirSync, type Dirent } from 'node:fs'
import path from 'node:path'

// A CommonJS module whose types declare an ES default export: its `default` property is the factory either way.
const dockerignore = dockerignoreModule.default

/** The folder name git keeps a checkout's state (and actions/checkout the token) in. */
const GIT = '.git'

/**
 * Whether a workspace-relative path goes through `.git`. Case-insensitive:
 * on a case-insensitive file system (macOS runners) `.GIT/config` is the same file.
 */
export function isGitPath(relative: string): boolean {
  return relative.split(/[\\/]/).some(part => part.toLowerCase() === GIT)
}

export function isGitName(name: string): boolean {
  return name.toLowerCase() === GIT
}

/** Why a workspace-relative path may not be read, or undefined. One sentence, the path named by the caller. */
export const GIT_REFUSAL =
  "is inside .git, the checkout's git folder: actions/checkout keeps the job's token there (.git/config), so nothing under .git is read, shipped or mounted"

/** How far the context walk looks for nested `.git` entries; a context bigger than this is checked at its top levels only. */
const MAX_CONTEXT_ENTRIES = 200_000

/** The ignore-file patterns that apply to a build, and whether any of them re-includes (`!`). */
interface IgnoreRules {
  file: string
  matcher: ReturnType<typeof dockerignore>
  hasExceptions: boolean
}

function ignoreRules(file: string, text: string): IgnoreRules {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  return {
    file,
    // Linux builders match case-sensitively (Go's filepath.Match); the library's default is not.
    matcher: dockerignore({ ignorecase: false }).add(lines),
    hasExceptions: lines.some(line => line.trim().startsWith('!'))
  }
}

export interface IgnoreFiles {
  /** `<context>/.dockerignore`'s text, when it exists. */
  context?: string
  /** `<Dockerfile>.dockerignore`'s text, when it exists (BuildKit reads it instead of the context's). */
  dockerfile?: string
  /** Names for the message. */
  contextName: string
  dockerfileName: string
}

/**
 * The first `.git` entry (context-relative, `/`-separated) a build of
 * `contextDir` would send to the builder, or undefined when every one is
 * excluded. Symlinks are not followed: the builder sends a symlink as a link.
 */
export function gitSentToBuilder(contextDir: string, ignore: IgnoreFiles): string | undefined {
  const { rules, sent } = builderFilter(contextDir, ignore)
  let budget = MAX_CONTEXT_ENTRIES
  const walk = (relative: string): string | undefined => {
    let entries: Dirent[]
    try {
      entries = readdirSync(path.join(contextDir, relative), { withFileTypes: true })
    } catch {
      return undefined // unreadable: the builder fails on it too, with its own message
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (--budget < 0) return undefined
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (isGitName(entry.name)) {
        if (sent(child, entry.isDirectory())) return child
        continue
      }
      // A folder every rule skips whole (no `!` exception could reach into it) is not walked, as the builder does not.
      if (entry.isDirectory() && rules.some(rule => !skippedWhole(child, rule))) {
        const found = walk(child)
        if (found !== undefined) return found
      }
    }
    return undefined
  }
  return walk('')
}

/**
 * What a build of `contextDir` sends to the builder, by the ignore files' rules: `sent` for a context-relative
 * path (`/`-separated), `walks` for a folder the builder may look into (one no rule skips whole).
 */
export function builderFilter(
  contextDir: string,
  ignore: IgnoreFiles
): {
  rules: IgnoreRules[]
  sent: (relative: string, isFolder: boolean) => boolean
  walks: (relative: string) => boolean
} {
  const rules: IgnoreRules[] = [ignoreRules(ignore.contextName, ignore.context ?? '')]
  if (ignore.dockerfile !== undefined) rules.push(ignoreRules(ignore.dockerfileName, ignore.dockerfile))
  return {
    rules,
    sent: (relative, isFolder) => rules.some(rule => !excluded(contextDir, relative, isFolder, rule)),
    walks: relative => rules.some(rule => !skippedWhole(relative, rule))
  }
}

function skippedWhole(relative: string, rule: IgnoreRules): boolean {
  return !rule.hasExceptions && rule.matcher.ignores(relative)
}

/** Whether the builder leaves out `relative` and everything under it. */
function excluded(contextDir: string, relative: string, isFolder: boolean, rule: IgnoreRules): boolean {
  if (skippedWhole(relative, rule)) return true
  if (!isFolder) return rule.matcher.ignores(relative)
  // With exceptions the builder walks into an ignored folder: every file under it must stay ignored.
  const stack = [relative]
  while (stack.length > 0) {
    const folder = stack.pop() as string
    let entries: Dirent[]
    try {
      entries = readdirSync(path.join(contextDir, folder), { withFileTypes: true })
    } catch {
      return false
    }
    for (const entry of entries) {
      const child = `${folder}/${entry.name}`
      if (entry.isDirectory()) stack.push(child)
      else if (!rule.matcher.ignores(child)) return false
    }
  }
  return true
}

/** The one-line refusal for a build context that would send `.git` to the builder. */
/**
 * Characters JavaScript's trim and Go's strings.TrimSpace (BuildKit's ignore-file reader, moby/patternmatcher
 * ignorefile.ReadAll) disagree on: U+FEFF (JavaScript trims it, Go keeps it in the pattern, which then names
 * nothing) and U+0085 (Go trims it). The matcher here trims as JavaScript does, so a line holding either would
 * mean one thing to this check and another to the builder.
 */
const TRIMMED_DIFFERENTLY: Record<string, string> = { '\uFEFF': 'U+FEFF', '\u0085': 'U+0085 (NEL)' }

/**
 * Pattern characters Docker's matchers read differently from one version to the next and from the matcher here
 * (@balena/dockerignore builds a JavaScript regular expression, escaping only `.` and `$`): docker 20.10 builds an
 * RE2 expression the same way; Docker 23 and later (moby/patternmatcher) read `+ ( ) $` as text and compare a
 * pattern without `* ? [ ] \` as plain text; POSIX classes (`[[:print:]]`) are Go's only. So `x|.git` or `(.git)`
 * excludes .git for this check and not for buildx (attack round 12, each run on the builders).
 */
const READ_DIFFERENTLY = /[+(){}|^\\]|\[[:=.]/

/** Why an ignore file cannot be checked as the builder reads it, or undefined (a BOM opening the file is fine). */
export function ignoreFileProblem(ignore: IgnoreFiles): string | undefined {
  for (const [name, text] of [
    [ignore.contextName, ignore.context],
    [ignore.dockerfileName, ignore.dockerfile]
  ] as const) {
    const lines = (text ?? '').replace(/^\uFEFF/, '').split('\n')
    for (const [index, line] of lines.entries()) {
      const character = [...line].find(each => each in TRIMMED_DIFFERENTLY)
      if (character !== undefined)
        return `${name} line ${index + 1} holds ${TRIMMED_DIFFERENTLY[character]}, an invisible character Docker's builder and this check read differently (the line might exclude .git for one and not the other): remove it`
      const pattern = line.trim()
      // A comment only when `#` opens the line itself: Docker's readers look before trimming (` #x` is a pattern).
      const odd = line.startsWith('#') ? null : READ_DIFFERENTLY.exec(pattern)
      if (odd)
        return `${name} line ${index + 1} "${pattern}" holds "${odd[0]}", which Docker's builders read differently from one version to the next (a regular expression or plain text), so whether it keeps .git out cannot be told: write it with * ? [ ] only`
    }
  }
  return undefined
}

export function gitInContextMessage(found: string, ignore: IgnoreFiles): string {
  const files =
    ignore.dockerfile === undefined
      ? ignore.contextName
      : `${ignore.contextName} and ${ignore.dockerfileName}`
  const rule = found === GIT ? '.git' : `**/.git`
  return (
    `the build context holds ${found}, which no rule of ${files} excludes: ` +
    `actions/checkout keeps the job's token in .git/config and every RUN step could read it. ` +
    `Add the line "${rule}" to ${ignore.contextName}${ignore.dockerfile === undefined ? '' : ` and ${ignore.dockerfileName}`} ` +
    `(pass the commit as a build arg, e.g. GITHUB_SHA, if the build needs it)`
  )
}
