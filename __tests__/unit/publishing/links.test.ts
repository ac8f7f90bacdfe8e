// Every relative link in the README and the pages it points to resolves: the file exists and, for `#anchor`, a
// heading of the target gives that anchor as GitHub slugs it (lower case, spaces to -, punctuation dropped). The
// README moved its reference material to docs/; this keeps the moves from leaving dead links behind.

import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../../..')
const pages = [
  'README.md',
  'CHANGELOG.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]

/** GitHub's heading anchors: lower case, punctuation other than - and _ removed, spaces to -. */
function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>()
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '')
  for (const match of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    slugs.add(
      (match[1] as string)
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-')
    )
  }
  return slugs
}

function deadLinks(page: string): string[] {
  const text = readFileSync(path.join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '')
  const dead: string[] = []
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1] as string
    if (/^[a-z]+:/i.test(target)) continue
    const [file, anchor] = target.split('#') as [string, string | undefined]
    const resolved = file ? path.resolve(path.dirname(path.join(root, page)), file) : path.join(root, page)
    if (!existsSync(resolved)) {
      dead.push(`${target} (no such file)`)
      continue
    }
    if (anchor && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor))
      dead.push(`${target} (no such heading)`)
  }
  return dead
}

describe('links', () => {
  it('the check finds a dead file and a dead anchor (it can fail)', () => {
    expect(anchors('## AWS credentials (OIDC)\n### What the app must read')).toEqual(
      new Set(['aws-credentials-oidc', 'what-the-app-must-read'])
    )
  })

  it.each(pages)('%s has no dead relative link', page => {
    expect(deadLinks(page)).toEqual([])
  })
})
