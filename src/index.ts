// The runner calls dist/index.js twice: as the main step and, because
// action.yml declares `post:`, again after the job's other steps.

import { RunCancellation } from './adapters/actions-runner/cancellation.js'
import { exitOnSignals, run, runPost } from './main.js'
import { postStep } from './adapters/actions-runner/post-step-state.js'

if (postStep.read() === 'true') {
  await runPost()
} else {
  postStep.save('true')
  const cancellation = new RunCancellation()
  const removeSignalHandlers = exitOnSignals(cancellation)
  try {
    await run(process.env, cancellation)
  } finally {
    removeSignalHandlers()
  }
}
