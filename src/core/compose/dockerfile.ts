// What a Dockerfile copies from its build context into the image, read from
// its text (no build): the COPY and ADD instructions of the stage that is
// built (the target, or the last one, with the stages it starts FROM), with
// destinations made absolute against WORKDIR; and the `.dockerignore`
// patterns that keep context paths out of the image. The planner uses it to
// tell a development bind mount (the image has those files at that path)
// from a mount the app needs on Beanstalk too.

import { posix } from 'node:path'
import { expandWord, nameValues, readDockerfile, type Scope } from './dockerfile-words.js'
import type { ImageContents } from './model.js'

interface Stage {
  name?: string
  baseImage?: string
  /** Undefined while it is the base image's own WORKDIR, which the text does not tell. */
  workdir: string | undefined
  /**
   * What word processing sees: ENV and ARG values, the last definition
   * winning; a stage built FROM another starts with both (Docker's builds
   * show it: an ARG of the parent stage is set in the child).
   */
  scope: Scope & { values: Map<string, string | undefined> }
  copies: ImageContents['copies']
}

/**
 * What the built stage copies from the context. Arguments are read as
 * Docker reads them (dockerfile-words.ts); `buildArgs` are the compose
 * file's build.args. A stage FROM an outside image starts in that image's
 * WORKDIR, which the text does not tell: relative destinations there, and
 * variables the Dockerfile does not define, leave a copy unknown (not
 * counted), never guessed.
 */
export function imageContents(
  dockerfile: string,
  target: string | undefined,
  ignore: string[],
  buildArgs: Record<string, string> = {}
): ImageContents {
  const built = builtStage(dockerfile, target, buildArgs)
  return {
    copies: built?.copies ?? [],
    ignore,
    ...(built?.baseImage !== undefined && { baseImage: built.baseImage })
  }
}

/** The WORKDIR the built image runs in, when the text tells it (undefined: the base image's own). */
export function workdirOf(
  dockerfile: string,
  target: string | undefined,
  buildArgs: Record<string, string> = {}
): string | undefined {
  return builtStage(dockerfile, target, buildArgs)?.workdir
}

function builtStage(
  dockerfile: string,
  target: string | undefined,
  buildArgs: Record<string, string>
): Stage | undefined {
  const { escape, instructions } = readDockerfile(dockerfile)
  const stages: Stage[] = []
  const globals: Stage['scope'] = { values: new Map(), closed: true }
  let current: Stage | undefined
  for (const { keyword, rest } of instructions) {
    if (keyword === 'ARG') {
      const scope = current?.scope ?? globals
      for (const [name, raw] of nameValues(rest, escape)) {
        const given = buildArgs[name]
        if (given !== undefined) scope.values.set(name, given)
        else if (raw !== undefined) setOrForget(scope, name, expandWord(raw, scope, escape))
        else if (current && globals.values.has(name)) scope.values.set(name, globals.values.get(name))
        else if (!scope.values.has(name)) scope.values.set(name, undefined)
      }
    } else if (keyword === 'FROM') {
      current = stageFrom(rest, stages, globals, escape)
      stages.push(current)
    } else if (!current) {
      continue
    } else if (keyword === 'ENV') {
      // Every value of one ENV sees the variables as they were before it.
      const before: Scope = { values: new Map(current.scope.values), closed: current.scope.closed }
      for (const [name, raw] of nameValues(rest, escape)) {
        setOrForget(current.scope, name, expandWord(raw ?? '', before, escape))
      }
    } else if (keyword === 'WORKDIR' && rest !== '') {
      const path = expandWord(rest, current.scope, escape)
      current.workdir =
        path === undefined
          ? undefined
          : posix.isAbsolute(path)
            ? posix.resolve(path)
            : current.workdir === undefined
              ? undefined
              : posix.resolve(current.workdir, path)
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const copy = copyOf(rest, current, escape)
      if (copy) current.copies.push(copy)
    }
  }
  return target ? stages.find(stage => stage.name === target.toLowerCase()) : stages.at(-1)
}

function stageFrom(rest: string, stages: Stage[], globals: Scope, escape: string): Stage {
  const words = rest.split(/\s+/).filter(word => word !== '' && !word.startsWith('--'))
  const image = words[0] === undefined ? undefined : expandWord(words[0], globals, escape)
  const base = stages.find(stage => stage.name !== undefined && stage.name === image?.toLowerCase())
  const baseImage = base ? base.baseImage : image
  return {
    ...(words[1]?.toUpperCase() === 'AS' && words[2] && { name: words[2].toLowerCase() }),
    ...(baseImage !== undefined && { baseImage }),
    workdir: base ? base.workdir : image === 'scratch' ? '/' : undefined,
    scope: { values: new Map(base?.scope.values), closed: base ? base.scope.closed : image === 'scratch' },
    copies: [...(base?.copies ?? [])]
  }
}

/** A value the text does not tell is forgotten: the name becomes unknown, not unset. */
function setOrForget(scope: Stage['scope'], name: string, value: string | undefined): void {
  if (value !== undefined) {
    scope.values.set(name, value)
    return
  }
  scope.values.delete(name)
  scope.closed = false
}

/** `.dockerignore` lines: patterns, `!` exceptions, comments and blank lines dropped. */
export function parseDockerignore(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

/** True when the context-relative path (or a folder above it) is excluded by the patterns. */
export function isIgnored(path: string, patterns: string[]): boolean {
  const candidates = ancestors(clean(path))
  let ignored = false
  for (const raw of patterns) {
    const exception = raw.startsWith('!')
    const pattern = clean(exception ? raw.slice(1) : raw)
    if (pattern === '') continue
    const regex = globRegex(pattern)
    if (candidates.some(candidate => regex.test(candidate))) ignored = !exception
  }
  return ignored
}

/**
 * Where the image holds a context path (file or folder), or undefined when no
 * COPY / ADD puts it there. A folder copied whole counts for any path inside it.
 */
export function imagePathsOf(contextPath: string, contents: ImageContents): string[] {
  const path = clean(contextPath)
  const found: string[] = []
  for (const copy of contents.copies) {
    const intoFolder = copy.destination.endsWith('/') || copy.sources.length > 1
    const destination = posix.normalize(copy.destination)
    for (const raw of copy.sources) {
      const source = clean(raw)
      if (source === '') {
        found.push(posix.join(destination, path))
        continue
      }
      const regex = globRegex(source)
      if (regex.test(path)) {
        // The source itself: a file lands in the folder (or as the destination), a folder's contents in it.
        found.push(destination)
        if (intoFolder || /[*?[]/.test(source)) found.push(posix.join(destination, posix.basename(path)))
        continue
      }
      const parent = ancestors(path).find(candidate => candidate !== path && regex.test(candidate))
      if (parent !== undefined) found.push(posix.join(destination, posix.relative(parent, path)))
    }
  }
  return [...new Set(found)]
}

function copyOf(rest: string, stage: Stage, escape: string): ImageContents['copies'][number] | undefined {
  const words = argumentsOf(rest)
  // Copies from another stage or image, and heredocs, bring nothing from the context.
  if (words.some(word => /^--from=/i.test(word))) return undefined
  const args = words.filter(word => !word.startsWith('--'))
  if (args.length < 2 || args.some(word => word.startsWith('<<'))) return undefined
  const expanded = args.map(word => expandWord(word, stage.scope, escape))
  // Unresolved variables: where the files land is unknown, so nothing counts as copied.
  if (expanded.some(word => word === undefined)) return undefined
  const destination = expanded.at(-1) as string
  const sources = (expanded.slice(0, -1) as string[]).filter(source => !/^[a-z]+:\/\//i.test(source))
  if (sources.length === 0 || destination === '') return undefined
  if (!posix.isAbsolute(destination) && stage.workdir === undefined) return undefined
  const absolute = posix.resolve(stage.workdir ?? '/', destination)
  return { sources, destination: destination.endsWith('/') ? `${absolute}/` : absolute }
}

/** COPY / ADD arguments: the JSON array form, or blank-separated words (Docker splits these ignoring quotes). */
function argumentsOf(rest: string): string[] {
  if (/^\[.*\]$/s.test(rest)) {
    try {
      const parsed: unknown = JSON.parse(rest)
      if (Array.isArray(parsed) && parsed.every(item => typeof item === 'string')) return parsed as string[]
    } catch {
      // Not JSON: read as words.
    }
  }
  return rest.split(/\s+/).filter(Boolean)
}

function clean(path: string): string {
  const normalised = posix.normalize(path.replace(/^\/+/, '')).replace(/\/+$/, '')
  return normalised === '.' ? '' : normalised.replace(/^\.\//, '')
}

function ancestors(path: string): string[] {
  const parts = path.split('/')
  return parts.map((_part, index) => parts.slice(0, index + 1).join('/'))
}

/** Docker's path patterns: `*` and `?` within one component, `**` across components, `[…]` classes. */
function globRegex(pattern: string): RegExp {
  let regex = ''
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string
    if (char === '*' && pattern[index + 1] === '*') {
      index++
      if (pattern[index + 1] === '/') {
        regex += '(?:.*/)?'
        index++
      } else regex += '.*'
    } else if (char === '*') regex += '[^/]*'
    else if (char === '?') regex += '[^/]'
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 1)
      if (close < 0) regex += '\\['
      else {
        regex += `[${pattern
          .slice(index + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        index = close
      }
    } else regex += char.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${regex}$`)
}
