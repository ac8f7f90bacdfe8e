// Dependencies inside src/ point one way:
//
//   entry (index, main) → modes → stages → domain → adapters → core
//
// A file may import from its own unit (folder) or from a lower layer, never
// from a higher one; no mode imports another mode and no stage another stage
// (what two of them share lives below them); the core imports nothing outside
// itself (and no Node module that reaches outside the process); and no two
// units, nor two files, import each other, however indirectly. A new folder
// or root file must be given its layer here.
//
// Packages too: @actions/core (the runner's log, outputs, summary, inputs and state) only where output is made
// and at the runner's other doors; AWS SDK packages only in adapters/, which own every call to AWS.

import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SRC = path.resolve(import.meta.dirname, '../../src')

/** Layer of each unit: a folder under src/ or a file at its root. Higher imports lower. */
const LAYERS: Record<string, number> = {
  /** Entry: read the inputs, pick the mode, fail the step; the post step. */
  'index.ts': 6,
  'main.ts': 6,
  modes: 5,
  stages: 4,
  /** Domain: the rules of each concern, over adapters and the core. */
  deploy: 3,
  preview: 3,
  rollback: 3,
  retention: 3,
  report: 3,
  smoke: 3,
  /** Building and pushing the images, with the build strategy. */
  build: 3,
  /** The workspace read into one plan per target (the core's I/O edge). */
  planning: 3,
  /** The fork guard's I/O: the checkout's HEAD and GitHub's answers (the rule is core/fork-guard.ts). */
  'fork-guard': 3,
  /** Every call to an outside system: AWS, GitHub, Docker, the workspace's files, the runner, the clock. */
  adapters: 2,
  /** What the ECS agent does with a Dockerrun, done on the runner's Docker (the smoke test's engine). */
  'ecs-agent': 2,
  core: 1
}

/** Units whose files stand alone: a file imports no sibling (a stage is a file or a sub-folder of stages/). */
const NO_SIBLING_IMPORTS = new Set(['modes', 'stages'])

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : []
  })
}

/** Every specifier a file imports (static, dynamic and re-exports; type-only imports count too). */
function specifiersOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8')
  return ts.preProcessFile(text, true, true).importedFiles.map(imported => imported.fileName)
}

/** Packages a file imports, by name (`@scope/name` or `name`; `node:` built-ins left out). */
function packagesOf(file: string): string[] {
  return specifiersOf(file)
    .filter(specifier => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map(specifier =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/')
    )
}

/** src-relative files a file imports. */
function importsOf(file: string): string[] {
  return specifiersOf(file)
    .filter(specifier => specifier.startsWith('.'))
    .map(specifier =>
      path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts')
    )
}

const unitOf = (file: string): string => file.split('/')[0] as string
/** The stage or mode a file belongs to: `stages/images.ts` and `stages/images/x.ts` are both `stages/images`. */
const memberOf = (file: string): string => file.split('/').slice(0, 2).join('/').replace(/\.ts$/, '')

const files = sourceFiles(SRC)
const edges = files.flatMap(from => importsOf(from).map(to => ({ from, to })))
const packageEdges = files.flatMap(from => packagesOf(from).map(to => ({ from, to })))

/**
 * Where @actions/core may be imported. Output is made in report/ (groups, outputs, the job summary) and
 * adapters/actions-runner/ (every log line, neutralised, in logger.ts; the runner's other doors: the inputs and
 * masking in run-context.ts, what main hands the post step in post-step-state.ts); main.ts fails the step.
 */
const ACTIONS_CORE_HOMES = ['report/', 'adapters/actions-runner/', 'main.ts']
/** What the pure core may import besides itself: path arithmetic, hashing, the YAML parser, the zip writer. */
const CORE_MODULES = new Set(['node:path', 'node:crypto', 'yaml', 'fflate'])
/** AWS's SDK and its Smithy runtime: only adapters/ (with the client factory, adapters/aws-clients.ts). */
const isAwsSdk = (name: string): boolean => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/')

/** Every cycle's path, found by depth-first search over `graph`. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'visiting')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node)
  return found
}

function graphOf(pairs: { from: string; to: string }[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const { from, to } of pairs) {
    if (from === to) continue
    graph.set(from, (graph.get(from) ?? new Set()).add(to))
  }
  return graph
}

describe('import direction in src/', () => {
  test('the graph was read (a broken reader must not pass by finding nothing)', () => {
    expect(files.length).toBeGreaterThan(50)
    expect(edges.length).toBeGreaterThan(150)
    expect(edges).toContainEqual({ from: 'main.ts', to: 'modes/deploy.ts' })
  })

  test('every unit has a layer', () => {
    const unplaced = [...new Set(files.map(unitOf))].filter(unit => LAYERS[unit] === undefined)
    expect(unplaced).toEqual([])
  })

  test('every layer entry names a unit that exists (no stale entry)', () => {
    const units = new Set(files.map(unitOf))
    expect(Object.keys(LAYERS).filter(unit => !units.has(unit))).toEqual([])
  })

  test('every import stays in its unit or goes to a lower layer', () => {
    const upward = edges
      .filter(({ from, to }) => unitOf(from) !== unitOf(to))
      .filter(({ from, to }) => (LAYERS[unitOf(to)] ?? 0) > (LAYERS[unitOf(from)] ?? 0))
      .map(({ from, to }) => `${from} → ${to}`)
    expect(upward).toEqual([])
  })

  test('no mode imports another mode, no stage another stage', () => {
    const siblings = edges
      .filter(({ from, to }) => NO_SIBLING_IMPORTS.has(unitOf(from)) && unitOf(from) === unitOf(to))
      .filter(({ from, to }) => memberOf(from) !== memberOf(to))
      .map(({ from, to }) => `${from} → ${to}`)
    expect(siblings).toEqual([])
  })

  test('the core imports nothing outside itself', () => {
    const leaving = edges
      .filter(({ from, to }) => unitOf(from) === 'core' && unitOf(to) !== 'core')
      .map(({ from, to }) => `${from} → ${to}`)
    expect(leaving).toEqual([])
  })

  test('no two units import each other, however indirectly', () => {
    const units = graphOf(edges.map(({ from, to }) => ({ from: unitOf(from), to: unitOf(to) })))
    expect(cycles(units).map(cycle => cycle.join(' → '))).toEqual([])
  })

  test('no two files import each other, however indirectly', () => {
    expect(cycles(graphOf(edges)).map(cycle => cycle.join(' → '))).toEqual([])
  })

  test('the package imports were read', () => {
    expect(packageEdges).toContainEqual({ from: 'adapters/aws-clients.ts', to: '@aws-sdk/client-ecr' })
    expect(packageEdges).toContainEqual({ from: 'adapters/actions-runner/logger.ts', to: '@actions/core' })
    expect(packageEdges).toContainEqual({ from: 'core/compose/yaml.ts', to: 'yaml' })
  })

  test('the core imports no module that reaches outside the process (files, processes, network, the runner)', () => {
    const impure = files
      .filter(file => unitOf(file) === 'core')
      .flatMap(file => specifiersOf(file).map(specifier => ({ file, specifier })))
      .filter(({ specifier }) => !specifier.startsWith('.') && !CORE_MODULES.has(specifier))
      .map(({ file, specifier }) => `${file} → ${specifier}`)
    expect(impure).toEqual([])
  })

  test('@actions/core is imported only where output is made (and at the runner’s other doors)', () => {
    const elsewhere = packageEdges
      .filter(({ to }) => to === '@actions/core')
      .filter(({ from }) => !ACTIONS_CORE_HOMES.some(home => from === home || from.startsWith(home)))
      .map(({ from }) => from)
    expect(elsewhere).toEqual([])
  })

  test('AWS SDK packages are imported only by adapters', () => {
    const outside = packageEdges
      .filter(({ from, to }) => isAwsSdk(to) && unitOf(from) !== 'adapters')
      .map(({ from, to }) => `${from} → ${to}`)
    expect(outside).toEqual([])
  })

  test('the cycle finder finds a cycle (the checks above can fail)', () => {
    const graph = graphOf([
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' }
    ])
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']])
  })
})
