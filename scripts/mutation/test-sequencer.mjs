// Jest test sequencer for Stryker's mutant runs (stryker.config.mjs): runs only the test files that hold the
// tests covering the mutant.
//
// Per mutant, Stryker's jest runner passes the covering tests as a --testNamePattern and the mutated file as
// --findRelatedTests, so jest still loads every test file that imports the mutated module, however indirectly,
// and skips their other tests by name. In ESM mode loading a file links its whole module graph: for a core
// module imported by 25 test files that was most of a mutant's time. The map written by test-files.mjs (test
// file → the full names of its tests) lets this sequencer drop the files holding none of the covering tests.
// Without a pattern (the dry run), without the map, or when the pattern matches no test in the map (a test
// added after the map was written), every file jest selected runs: slower, never fewer tests than covered.
import fs from 'node:fs'
import path from 'node:path'
import Sequencer from '@jest/test-sequencer'

function readMap() {
  const file = process.env.STRYKER_TEST_FILES_MAP
  if (!file || !fs.existsSync(file)) return undefined
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

export default class CoveringTestFiles extends Sequencer {
  constructor(options) {
    super(options)
    const pattern = options.globalConfig.testNamePattern
    // Jest matches the pattern case-insensitively against each test's full name.
    this.pattern = pattern ? new RegExp(pattern, 'i') : undefined
    this.map = this.pattern ? readMap() : undefined
  }

  sort(tests) {
    // A new jest run (a new mutant): bail-environment.cjs skips tests once a test of this run has failed.
    globalThis[Symbol.for('beanstalk-docker-deploy.mutation.killed')] = undefined
    const sorted = super.sort(tests)
    if (!this.pattern || !this.map) return sorted
    const holding = sorted.filter(test => {
      const names = this.map[path.relative(test.context.config.rootDir, test.path)]
      return names === undefined || names.some(name => this.pattern.test(name))
    })
    const known = holding.some(test => this.map[path.relative(test.context.config.rootDir, test.path)])
    return known ? holding : sorted
  }
}
