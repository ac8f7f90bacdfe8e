// ncc emits an ES module bundle; dist/package.json marks it as one so Node
// loads dist/index.js as ESM on the runner (node24) and here (node20).
import { writeFileSync } from 'node:fs'
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }, null, 2) + '\n')
