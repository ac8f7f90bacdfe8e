// The compose file's YAML, read within bounds: a size limit checked before
// parsing, and duplicate keys found in one pass over each mapping (the yaml
// library's own uniqueKeys check compares every key with every other one:
// 40 000 keys took 27 s, a 50 MB file never finished).

import { isScalar, parseDocument, visit, type Document, type Node } from 'yaml'
import { ComposeError } from '../errors.js'
import { MAX_YAML_DEPTH, tooDeepAt } from './yaml-depth.js'

/** Far above any hand-written compose file (the largest public ones are ~100 KiB). */
export const MAX_COMPOSE_BYTES = 1024 * 1024
/** Anchors expanded into at most this many copies (a "billion laughs" file stops here). */
const MAX_ALIAS_COUNT = 1000

export interface ParsedYaml {
  document: Document
  root: unknown
}

export function parseComposeYaml(text: string, path: string): ParsedYaml {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_COMPOSE_BYTES) {
    throw new ComposeError(
      `${path} is ${(bytes / 1024 / 1024).toFixed(1)} MiB; a compose file may be at most ${MAX_COMPOSE_BYTES / 1024 / 1024} MiB`
    )
  }
  const deep = tooDeepAt(text)
  if (deep !== undefined) {
    throw new ComposeError(
      `${path} line ${lineAt(text, deep)}: YAML nested more than ${MAX_YAML_DEPTH} levels deep; at most ${MAX_YAML_DEPTH} levels are read (a compose file needs fewer than 10)`
    )
  }
  const document = parseDocument(text, { merge: true, uniqueKeys: false, prettyErrors: false })
  if (document.errors.length > 0) {
    // linePos is only filled in with prettyErrors; pos (character offsets) always is.
    const first = document.errors[0] as { message: string; pos: [number, number] }
    throw new ComposeError(
      `${path} line ${lineAt(text, first.pos[0])}: invalid YAML: ${first.message.split('\n')[0]}`
    )
  }
  const duplicate = firstDuplicateKey(document)
  if (duplicate) {
    throw new ComposeError(
      `${path} line ${lineAt(text, duplicate.offset)}: invalid YAML: Map keys must be unique ("${duplicate.key}" appears twice)`
    )
  }
  let root: unknown
  try {
    root = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    throw new ComposeError(`${path}: invalid YAML: ${error instanceof Error ? error.message : String(error)}`)
  }
  return { document, root }
}

function firstDuplicateKey(document: Document): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        const key = pair.key as Node | null
        // Non-scalar keys do not occur in compose files. A repeated merge key (<<) is refused too, as compose does.
        if (!isScalar(key)) continue
        // A merge key's value is a symbol: its source is `<<`.
        const name = key.source ?? String(key.value)
        if (seen.has(name)) {
          found = { key: name, offset: key.range?.[0] ?? 0 }
          return visit.BREAK
        }
        seen.add(name)
      }
      return undefined
    }
  })
  return found
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset && index < text.length; index++) if (text[index] === '\n') line++
  return line
}
