// The runner calls dist/index.js twice: as the main step and, because
// action.yml declares `post:`, again after the job's other steps.

import { run, runPost } from './main.js'
import { postStep } from './adapters/actions-runner/post-step-state.js'

if (postStep.read() === 'true') {
  await runPost()
} else {
  postStep.save('true')
  await run()
}
