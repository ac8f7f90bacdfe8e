// The runner calls dist/index.js twice: as the main step and, because
// action.yml declares `post:`, again after the job's other steps.

import * as core from '@actions/core'
import { run, runPost } from './main.js'

if (core.getState('isPost') === 'true') {
  await runPost()
} else {
  core.saveState('isPost', 'true')
  await run()
}
