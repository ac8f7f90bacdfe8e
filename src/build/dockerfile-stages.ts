// Pure: which stages of a multi-stage Dockerfile an inline cache cannot hold.
//
// An inline cache travels in the config of the image built, so it records the
// steps of the target stage and of the stages it is built FROM (its layers),
// but not those of a stage it only copies from (`COPY --from=build`,
// `RUN --mount=…,from=build`): the `build` stage that compiles the gems is
// rebuilt on every fresh runner. Those stages get an inline-cache image of
// their own (./daemon-build.ts), named here.

import { readDockerfile } from '../core/compose/dockerfile-words.js'

/** BuildKit's rule for a stage name (dockerfile2llb): anything else fails the build. */
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/

interface Stage {
  /** Lower-case, as BuildKit compares stage names; undefined for an unnamed stage. */
  name?: string
  /** The stage it is built FROM, when that is a stage of this file. */
  parent?: number
  /** Stages its COPY --from and RUN --mount from= read. */
  reads: number[]
}

function parseStages(text: string): Stage[] {
  const stages: Stage[] = []
  const named = new Map<string, number>()
  const stageOf = (reference: string): number | undefined => {
    const lower = reference.toLowerCase()
    if (named.has(lower)) return named.get(lower)
    return /^\d+$/.test(lower) && Number(lower) < stages.length ? Number(lower) : undefined
  }
  // Docker's own reading (escape directive, continuations, comments, heredoc bodies), shared with the plan.
  for (const { keyword: word, rest } of readDockerfile(text).instructions) {
    const instruction = `${word} ${rest}`
    const words = instruction.split(/\s+/)
    const keyword = words[0]?.toUpperCase()
    if (keyword === 'FROM') {
      const args = words.slice(1).filter(word => !word.startsWith('--'))
      // BuildKit refuses any other stage name; this one becomes part of a --cache-from value (CSV fields).
      const given = args[1]?.toUpperCase() === 'AS' ? args[2]?.toLowerCase() : undefined
      const name = given !== undefined && STAGE_NAME.test(given) ? given : undefined
      const parent = args[0] === undefined ? undefined : stageOf(args[0])
      stages.push({ ...(name && { name }), ...(parent !== undefined && { parent }), reads: [] })
      if (name) named.set(name, stages.length - 1)
      continue
    }
    const stage = stages.at(-1)
    if (!stage || (keyword !== 'COPY' && keyword !== 'RUN')) continue
    for (const match of instruction.matchAll(/--(?:from=([^\s,]+)|mount=\S*?\bfrom=([^\s,]+))/g)) {
      const read = stageOf((match[1] ?? match[2]) as string)
      if (read !== undefined) stage.reads.push(read)
    }
  }
  return stages
}

/**
 * The named stages the target (default: the last stage) reads files from, directly or through the stages it
 * needs, that are not in its own FROM chain: each needs a cache image of its own. Unnamed stages cannot be
 * built alone (`--target` takes a name) and are left out.
 */
export function stagesToCache(dockerfile: string, target?: string): string[] {
  const stages = parseStages(dockerfile)
  const last = stages.length - 1
  const start = target === undefined ? last : stages.findIndex(stage => stage.name === target.toLowerCase())
  if (start < 0) return []
  const chain = new Set<number>()
  for (let at: number | undefined = start; at !== undefined && !chain.has(at); at = stages[at]?.parent)
    chain.add(at)
  const needed = new Set<number>()
  const read = new Set<number>()
  const visit = (index: number): void => {
    if (needed.has(index)) return
    needed.add(index)
    const stage = stages[index] as Stage
    if (stage.parent !== undefined) visit(stage.parent)
    for (const source of stage.reads) {
      read.add(source)
      visit(source)
    }
  }
  visit(start)
  return [...read]
    .filter(index => !chain.has(index))
    .sort((a, b) => a - b)
    .flatMap(index => stages[index]?.name ?? [])
}
