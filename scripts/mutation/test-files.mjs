// Writes the map the mutation runs' test sequencer reads (test-sequencer.mjs): each covering test file → the
// full names of its tests, from one jest run of the tests stryker.config.mjs gives to Stryker.
// `npm run mutation` runs it before Stryker; a test added or moved since only makes a mutant run more files.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import stryker from '../../stryker.config.mjs'

const root = path.resolve(import.meta.dirname, '../..')
const output = process.env.STRYKER_TEST_FILES_MAP
const config = path.join(root, 'reports/mutation/jest-covering.config.json')
const results = path.join(root, 'reports/mutation/jest-covering.results.json')
fs.mkdirSync(path.dirname(config), { recursive: true })
fs.writeFileSync(config, JSON.stringify({ ...stryker.jest.config, rootDir: root, testSequencer: undefined }))
try {
  execFileSync('npx', ['jest', '--config', config, '--json', '--outputFile', results, '--silent'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' }
  })
} catch (error) {
  // Stryker's dry run would fail on the same tests: say which, and stop before it.
  process.stderr.write(error.stderr ?? String(error))
  process.exit(1)
}
const run = JSON.parse(fs.readFileSync(results, 'utf8'))
const map = Object.fromEntries(
  run.testResults.map(file => [
    path.relative(root, file.name),
    file.assertionResults.map(test => test.fullName)
  ])
)
fs.writeFileSync(output, JSON.stringify(map))
console.log(
  `${Object.keys(map).length} test files, ${run.numTotalTests} tests: ${path.relative(root, output)}`
)
