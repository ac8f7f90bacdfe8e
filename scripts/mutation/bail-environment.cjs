// Jest test environment for Stryker's mutant runs (stryker.config.mjs): once a test has failed under a mutant, the
// mutant is killed and the tests not yet started are skipped.
//
// Stryker runs jest once per mutant, in band, and cannot ask jest to bail (its jest runner sets `bail: false`:
// jest's bail exits the process). A mutant of a module every plan goes through (the YAML reader, the service model)
// is covered by most of the core's 1,500 tests: each killed mutant ran all of them, about a minute, where its first
// failing test decides. Skipped tests are reported as skipped; Stryker needs one failure to count a mutant killed, so
// no result changes, only the time. A survivor still runs every covering test.
//
// CommonJS because Stryker's environment wrapper loads the configured environment with `require`.
const { TestEnvironment } = require('jest-environment-node')

/**
 * The mutant whose run saw a failing test. Keyed by mutant so that no later mutant inherits it; the test sequencer
 * also clears it when jest starts a run, so a mutant run twice in one process runs its tests again.
 */
const KILLED = Symbol.for('beanstalk-docker-deploy.mutation.killed')
/** Stryker's switch for the active mutant (INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE); unset in the dry run. */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__'

class BailEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT]
    if (mutant === undefined) return
    // A failing test or hook leaves its errors on the test (a failing beforeAll on every test of its block).
    if (event.name === 'test_done' && event.test.errors.length > 0) globalThis[KILLED] = mutant
    else if (event.name === 'test_start' && globalThis[KILLED] === mutant) event.test.mode = 'skip'
  }
}

module.exports = BailEnvironment
