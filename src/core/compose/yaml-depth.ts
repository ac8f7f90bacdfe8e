// How deep a YAML text nests, read from the yaml library's concrete syntax
// tree (its Parser keeps an explicit stack, so any depth is read without
// recursion). The document composer and toJS recurse once per level: a
// file nested tens of thousands of levels deep would exhaust the call stack
// ("Maximum call stack size exceeded"). Such a file is refused first, with
// the limit named.

import { Parser } from 'yaml'

/** Far beyond any compose file (services → web → healthcheck → test → item is 5); far below the stack's reach. */
export const MAX_YAML_DEPTH = 64

interface CstNode {
  offset?: number
  items?: { key?: CstNode | null; value?: CstNode | null }[]
  value?: CstNode | null
}

/** The offset of the first node nested deeper than `limit`, or undefined when none is. */
export function tooDeepAt(text: string, limit = MAX_YAML_DEPTH): number | undefined {
  for (const token of new Parser().parse(text)) {
    const stack: [CstNode | null | undefined, number][] = [[(token as CstNode).value, 1]]
    while (stack.length > 0) {
      const [node, depth] = stack.pop() as [CstNode | null | undefined, number]
      if (!node || typeof node !== 'object') continue
      if (depth > limit) return node.offset ?? 0
      for (const item of node.items ?? []) stack.push([item.key, depth + 1], [item.value, depth + 1])
    }
  }
  return undefined
}
