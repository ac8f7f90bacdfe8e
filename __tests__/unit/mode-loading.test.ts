// What each mode loads when it starts: the modules reachable from it through
// static imports (a dynamic import() is a chunk of dist/ loaded when reached,
// and a type-only import loads nothing). A rollback or a cleanup must not
// load ECR, the bundle upload (lib-storage), the build or the smoke runner,
// and a deploy loads them only once its first lookups are under way: the
// start-up time to the first AWS call is what a user waits for in every run.

import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
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

/** What must wait for a chunk: the SDK packages and modules a mode would load for nothing. */
const HEAVY = {
  ecr: '@aws-sdk/client-ecr',
  upload: '@aws-sdk/lib-storage',
  rds: '@aws-sdk/client-rds',
  elasticache: '@aws-sdk/client-elasticache',
  iam: '@aws-sdk/client-iam',
  sts: '@aws-sdk/client-sts',
  s3: '@aws-sdk/client-s3',
  github: '@actions/github'
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
  const packages = Object.values(HEAVY).filter(name => loaded.packages.has(name))
  return [...modules, ...packages].sort()
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

  test('the entry loads no mode and no AWS SDK package', () => {
    const entry = loadedBy('index.ts')
    expect(heavyIn(entry)).toEqual([])
    expect([...entry.packages].filter(name => name.startsWith('@aws-sdk/'))).toEqual([])
  })

  test.each(['modes/rollback.ts', 'modes/cleanup.ts', 'modes/preview.ts'])(
    '%s loads Beanstalk and S3, and nothing of the build, ECR, the upload or the smoke test',
    mode => {
      const loaded = loadedBy(mode)
      expect(heavyIn(loaded).filter(name => name !== HEAVY.s3 && name !== HEAVY.github)).toEqual([mode])
    }
  )

  test('plan loads ECR, RDS, ElastiCache and IAM when it looks them up, not at start', () => {
    expect(heavyIn(loadedBy('modes/plan.ts')).filter(name => name !== HEAVY.s3)).toEqual(['modes/plan.ts'])
  })

  test('deploy starts with Beanstalk only: the rest loads while its first lookups are in flight', () => {
    expect(heavyIn(loadedBy('modes/deploy.ts'))).toEqual(['modes/deploy.ts'])
  })
})
