// The per-file table of docs/development.md#mutation-testing from Stryker's JSON reports:
// `node scripts/mutation/summary.mjs reports/mutation/<run>.json...` (a file in several reports: the last wins).
// Score as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage); ignored
// (static) mutants and compile or runtime errors are not in it.
import fs from 'node:fs'

const files = new Map()
for (const report of process.argv.slice(2)) {
  for (const [file, { mutants }] of Object.entries(JSON.parse(fs.readFileSync(report, 'utf8')).files)) {
    const count = status => mutants.filter(mutant => mutant.status === status).length
    files.set(file, {
      killed: count('Killed'),
      timeout: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
      ignored: count('Ignored')
    })
  }
}
const score = row => {
  const detected = row.killed + row.timeout
  const valid = detected + row.survived + row.noCoverage
  return valid === 0 ? 'n/a' : ((100 * detected) / valid).toFixed(2)
}
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 }
const rows = [...files].sort(([a], [b]) => a.localeCompare(b))
console.log('| File | Score | Killed | Timeout | Survived | No coverage | Ignored (static) |')
console.log('| --- | --- | --- | --- | --- | --- | --- |')
for (const [file, row] of rows) {
  for (const key of Object.keys(total)) total[key] += row[key]
  const cells = [row.killed, row.timeout, row.survived, row.noCoverage, row.ignored]
  console.log(`| \`${file}\` | ${score(row)} | ${cells.join(' | ')} |`)
}
const cells = [total.killed, total.timeout, total.survived, total.noCoverage, total.ignored]
console.log(`| **All ${rows.length} files** | **${score(total)}** | ${cells.join(' | ')} |`)
