// What each mode loads when it starts: the modules reachable from it through
// static imports (a dynamic import() is a chunk of dist/ loaded when reached,
// and a type-only import loads nothing). Every AWS SDK client package loads
// with the entry (src/adapters/aws-clients.ts imports them statically), so no
// call site can reach a client whose package is not loaded (issue 27). A
// rollback or a cleanup must not load the bundle upload (lib-storage), the
// build or the smoke runner, and a deploy loads them only once its first
// lookups are under way.

import { describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SRC = path.resolve(import.meta.dirname, '../../src')

/** The specifiers a file imports with a runtime effect: static imports and re-exports that are not type-only. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every(element => element.isTypeOnly)))
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers
}

/** Files under src/ (relative) and packages reached from `entry` through static imports. */
function loadedBy(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    const relative = path.relative(SRC, file).split(path.sep).join('/')
    if (files.has(relative)) return
    files.add(relative)
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'))
        if (!existsSync(target)) throw new Error(`${relative} imports ${specifier}, which does not exist`)
        visit(target)
      } else if (!specifier.startsWith('node:')) {
        packages.add(specifier)
      }
    }
  }
  visit(path.join(SRC, entry))
  return { files, packages }
}

/** What must wait for a chunk: the packages a mode would load for nothing. */
const HEAVY = {
  upload: '@aws-sdk/lib-storage',
  github: '@actions/github'
}

/** The AWS SDK client packages the action depends on (package.json). */
const CLIENT_PACKAGES = Object.keys(
  (
    JSON.parse(readFileSync(path.join(SRC, '../package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
  ).dependencies
).filter(name => name.startsWith('@aws-sdk/client-'))

/** Every .ts file under src/. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.ts'))
    .map(file => path.join(SRC, file))
}

function heavyIn(loaded: { files: Set<string>; packages: Set<string> }): string[] {
  const modules = [...loaded.files].filter(
    file =>
      file.startsWith('smoke/run-smoke') ||
      file.startsWith('ecs-agent/') ||
      file.startsWith('build/') ||
      file.startsWith('modes/') ||
      file.startsWith('stages/images') ||
      file.startsWith('stages/release')
  )
  // A mode's own folder (modes/deploy/ for modes/deploy.ts) is that mode.
  const modes = new Set(modules.map(file => file.replace(/^(modes\/[^/]+)\/.+$/, '$1.ts')))
  const packages = Object.values(HEAVY).filter(name => loaded.packages.has(name))
  return [...modes, ...packages].sort()
}

describe('what each mode loads at start', () => {
  test('the reader follows static imports and skips type-only ones (a broken reader must not pass by finding nothing)', () => {
    const deploy = loadedBy('modes/deploy.ts')
    expect(deploy.files.size).toBeGreaterThan(30)
    expect(deploy.files).toContain('planning/prepare.ts')
    expect(deploy.packages).toContain('@aws-sdk/client-elastic-beanstalk')
    // stages/images.ts is imported for its types only.
    expect(readFileSync(path.join(SRC, 'modes/deploy.ts'), 'utf8')).toContain("from '../stages/images.js'")
    expect(deploy.files).not.toContain('stages/images.ts')
  })

  test('the entry loads no mode, and every AWS SDK client package: no client can be used before its package loads', () => {
    const entry = loadedBy('index.ts')
    expect(heavyIn(entry)).toEqual([])
    expect(CLIENT_PACKAGES.length).toBeGreaterThanOrEqual(7)
    expect(CLIENT_PACKAGES.filter(name => !entry.packages.has(name))).toEqual([])
  })

  test('no file in src/ imports an AWS SDK client package dynamically', () => {
    const files = sourceFiles()
    expect(files.length).toBeGreaterThan(50)
    const dynamic = files.filter(file => /import\(\s*['"`]@aws-sdk\/client-/.test(readFileSync(file, 'utf8')))
    expect(dynamic.map(file => path.relative(SRC, file))).toEqual([])
  })

  test.each(['modes/rollback.ts', 'modes/cleanup.ts', 'modes/preview.ts'])(
    '%s loads nothing of the build, the upload or the smoke test',
    mode => {
      const loaded = loadedBy(mode)
      expect(heavyIn(loaded).filter(name => name !== HEAVY.github)).toEqual([mode])
    }
  )

  test('plan loads nothing of the build, the upload or the smoke test', () => {
    expect(heavyIn(loadedBy('modes/plan.ts'))).toEqual(['modes/plan.ts'])
  })

  test('deploy loads the build, the upload and the smoke test only while its first lookups are in flight', () => {
    expect(heavyIn(loadedBy('modes/deploy.ts'))).toEqual(['modes/deploy.ts'])
  })
})
