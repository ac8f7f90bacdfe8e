// What a Dockerfile copies from its build context into the image, read from
// its text (no build): the COPY and ADD instructions of the stage that is
// built (the target, or the last one, with the stages it starts FROM), with
// destinations made absolute against WORKDIR; and the `.dockerignore`
// patterns that keep context paths out of the image. The planner uses it to
// tell a development bind mount (the image has those files at that path)
// from a mount the app needs on Beanstalk too.

import { posix } from 'node:path'
import type { ImageContents } from './model.js'

interface Stage {
  name?: string
  baseImage?: string
  workdir: string
  copies: ImageContents['copies']
}

export function imageContents(
  dockerfile: string,
  target: string | undefined,
  ignore: string[]
): ImageContents {
  const stages: Stage[] = []
  let current: Stage | undefined
  for (const instruction of instructions(dockerfile)) {
    const [keyword = '', ...rest] = splitWords(instruction)
    const command = keyword.toUpperCase()
    if (command === 'FROM') {
      const words = rest.filter(word => !word.startsWith('--'))
      const base = stages.find(stage => stage.name !== undefined && stage.name === words[0]?.toLowerCase())
      const baseImage = base ? base.baseImage : words[0]
      current = {
        ...(words[1]?.toUpperCase() === 'AS' && words[2] && { name: words[2].toLowerCase() }),
        ...(baseImage !== undefined && { baseImage }),
        workdir: base?.workdir ?? '/',
        copies: [...(base?.copies ?? [])]
      }
      stages.push(current)
    } else if (current && command === 'WORKDIR' && rest[0]) {
      current.workdir = posix.resolve(current.workdir, rest.join(' '))
    } else if (current && (command === 'COPY' || command === 'ADD')) {
      const copy = copyOf(rest, current.workdir)
      if (copy) current.copies.push(copy)
    }
  }
  const built = target ? stages.find(stage => stage.name === target.toLowerCase()) : stages.at(-1)
  return {
    copies: built?.copies ?? [],
    ignore,
    ...(built?.baseImage !== undefined && { baseImage: built.baseImage })
  }
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

function copyOf(words: string[], workdir: string): ImageContents['copies'][number] | undefined {
  // Copies from another stage or image, and heredocs, bring nothing from the context.
  if (words.some(word => /^--from=/i.test(word))) return undefined
  const args = words.filter(word => !word.startsWith('--'))
  if (args.length < 2 || args.some(word => word.startsWith('<<'))) return undefined
  const destination = args.at(-1) as string
  // Unresolved variables: where the files land is unknown, so nothing counts as copied.
  const sources = args.slice(0, -1).filter(source => !/^[a-z]+:\/\//i.test(source))
  if (sources.length === 0 || [destination, ...sources].some(word => word.includes('$'))) return undefined
  const absolute = posix.resolve(workdir, destination)
  return { sources, destination: destination.endsWith('/') ? `${absolute}/` : absolute }
}

/** Logical lines: continuations joined, comments and parser directives dropped. */
function instructions(text: string): string[] {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split('\n').slice(0, 5).join('\n')) ? '`' : '\\'
  const lines: string[] = []
  let pending = ''
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (pending === '' && (line === '' || line.startsWith('#'))) continue
    if (pending !== '' && line.startsWith('#')) continue
    if (line.endsWith(escape)) {
      pending += `${line.slice(0, -1)} `
      continue
    }
    lines.push(pending + line)
    pending = ''
  }
  if (pending.trim() !== '') lines.push(pending)
  return lines
}

/** An instruction's words: the JSON array form, or blank-separated words. */
function splitWords(instruction: string): string[] {
  const match = /^(\S+)\s+(\[.*\])\s*$/.exec(instruction)
  if (match) {
    try {
      const parsed: unknown = JSON.parse(match[2] as string)
      if (Array.isArray(parsed) && parsed.every(item => typeof item === 'string')) {
        return [match[1] as string, ...(parsed as string[])]
      }
    } catch {
      // Not JSON: read as words.
    }
  }
  return instruction.split(/\s+/).filter(Boolean)
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
