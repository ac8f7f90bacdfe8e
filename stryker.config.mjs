// Mutation testing (issue 27 §6): `npm run mutation`. Mutates the pure core and
// the modules whose job is to decide, and runs the unit tests against each mutant.
//
// Runner decision: Stryker's jest runner works with this project's ESM jest
// (ts-jest, default-esm preset) once the test-runner child processes get
// `--experimental-vm-modules` through `testRunnerNodeArgs`; the `command`
// runner is not needed. It runs the `unit` jest project only (the integration
// project needs Docker and the stand-in, and is not run per mutant).
// StrykerJS 9.6 (not 10): Stryker 10 requires Node >= 22 and the tests here run on Node 20.
// Scores, run times and the per-file table: docs/development.md#mutation-testing.
import path from 'node:path'
import jestConfig from './jest.config.js'

const unit = jestConfig.projects.find(project => project.displayName === 'unit')

/** Modules whose job is to decide; each is pure or keeps its rule in a pure function. */
const decisionModules = [
  'src/deploy/wait-decision.ts', // Ready/Green/failed/rolled back from events and health
  'src/deploy/failure-events.ts', // which events explain a failed deploy
  'src/smoke/verdict.ts', // whether the smoke test runs, and what its result means
  'src/rollback/*.ts', // automatic rollback and rollback targets
  'src/preview/rules.ts', // preview environment names, limits and when to tear down
  'src/retention/*.ts', // which application versions cleanup deletes
  'src/ecs-agent/health.ts' // what counts as healthy, and when a failing app has settled
]

/**
 * The unit tests of the mutated files. Jest's --findRelatedTests alone is not enough: every test file that
 * imports a core module, however indirectly, is related to it, and in ESM mode jest links each related file's
 * whole module graph for every mutant, even when per-test coverage leaves one test to run (measured: ~13 s a
 * mutant with all unit tests eligible). This list bounds the files; the test sequencer below then keeps, per
 * mutant, only the files holding the tests that cover it. Move these globs with the tests.
 */
const coveringTests = [
  '__tests__/unit/core/**/*.test.ts',
  '__tests__/unit/security-variants.test.ts', // attack variants through the loader and the planner (credentials in ${…})
  '__tests__/unit/deploy/wait-decision.test.ts',
  '__tests__/unit/deploy/wait.test.ts', // the waiter: wait-decision's messages as the job prints them
  '__tests__/unit/deploy/wait-real-samples.test.ts', // wait-decision on recorded Beanstalk event sequences
  '__tests__/unit/smoke/verdict.test.ts',
  '__tests__/unit/rollback/rollback.test.ts',
  '__tests__/unit/preview/preview.test.ts',
  '__tests__/unit/retention/cleanup.test.ts',
  '__tests__/unit/ecs-agent/health.test.ts'
]

// STRYKER_WITHOUT_CORPUS=1: the same run without the compose-corpus test. Its rules plan every real compose file of
// the corpus again for each mutant it covers, which is every mutant of the compose and plan modules and of the core
// files they import: 7–17 s a mutant on the shared machine, too slow to score those files in a session. Without it
// the score can only be lower (fewer tests to kill a mutant), never flattered; docs/development.md says which runs used it.
const withoutCorpus = process.env.STRYKER_WITHOUT_CORPUS === '1'

// The map of test file → test names that scripts/mutation/test-sequencer.mjs reads in Stryker's test runner
// processes (they inherit the environment); scripts/mutation/test-files.mjs writes it before each run.
process.env.STRYKER_TEST_FILES_MAP ??= path.join(import.meta.dirname, 'reports/mutation/test-files.json')

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    // The unit project of jest.config.js, so the two never drift apart. `projects` is cleared: Stryker
    // merges this over jest.config.js, and its test environment (which switches mutants on and records
    // per-test coverage) applies to the top level only, not inside projects.
    config: {
      ...unit,
      projects: undefined,
      testMatch: coveringTests.map(glob => `<rootDir>/${glob}`),
      ...(withoutCorpus && {
        testPathIgnorePatterns: [
          ...(unit.testPathIgnorePatterns ?? ['/node_modules/']),
          '/compose/corpus\\.test\\.ts$'
        ]
      }),
      // Per mutant, only the test files holding the tests that cover it (see the file).
      testSequencer: '<rootDir>/scripts/mutation/test-sequencer.mjs',
      // Once a test fails under a mutant, the rest are skipped (see the file). A path, not <rootDir>: Stryker
      // loads the environment itself, before jest resolves the config.
      testEnvironment: path.join(import.meta.dirname, 'scripts/mutation/bail-environment.cjs')
    },
    // Per mutant, only the test files that import the mutated file (jest's own dependency graph); the
    // sequencer narrows these further to the files holding the covering tests.
    enableFindRelatedTests: true
  },
  // Per-test coverage works with the ESM runner (checked: the dry run reports which test covers which
  // mutant), so each mutant runs only the tests that reach it (jest skips the others by name).
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: regexes, tables) are reached by every test of every file that
  // imports the module, i.e. the whole unit suite for the core (~90 s each on this machine). They are left
  // out of the run and reported as ignored; the rules they hold are tested through the functions using them.
  ignoreStatic: true,
  // The pure core (src/core/**, fork guard and input rules included) and the decision modules.
  mutate: [
    'src/core/**/*.ts',
    '!src/core/**/*-types.ts', // type declarations only: nothing to mutate
    ...decisionModules
  ],
  // Stryker copies the project into a sandbox: leave out what the unit tests never read.
  ignorePatterns: [
    'dist',
    'coverage',
    '.worlds',
    '.oracles',
    '.arm64',
    '.stand-in-data',
    'reports',
    '.stryker-tmp'
  ],
  // The machine has two cores shared by several engineers: run it under `nice -n 10`. Four runners, not
  // two: a mutant's run is mostly single-threaded jest start-up and module linking, and at nice 10 the
  // extra runners take idle time, not the other engineers' share (measured in docs/development.md).
  concurrency: 4,
  // A runner's memory grows by about 100 MB a mutant (each jest run links the test files' modules anew): a fresh
  // runner every ten mutants (docs/development.md#mutation-testing).
  maxTestRunnerReuse: 10,
  // The incremental file stays out of git (reports/ is ignored): 745 KB for 297 mutants here, so many MB for the
  // whole scope, and it reuses nothing once a mutated file or its test file changes, which a fix always does.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // A mutant is "timed out" (counted as detected) when its tests run this much longer than without it. On the
  // loaded shared machine 10 s let mutants whose tests span many files time out without any loop (a regex
  // anchor in secret-names.ts): a minute leaves timeouts to real hangs.
  timeoutMS: 60000,
  // The initial run executes every covering test once with coverage, on a shared machine.
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
