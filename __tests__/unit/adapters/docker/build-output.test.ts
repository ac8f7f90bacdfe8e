// The failing step's last lines in a build's error, from the output real builders printed for the same failing
// Dockerfile (__tests__/fixtures/build-failures/Dockerfile): the daemon's BuildKit through Debian's docker 20.10 CLI,
// buildx 0.13 (Debian trixie), and the legacy builder (DOCKER_BUILDKIT=0).

import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { buildFailure, failedStep } from '../../../../src/adapters/docker/build-output.js'

const fixture = (name: string): string =>
  readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/build-failures', name), 'utf8')

const STEP =
  'RUN echo "Could not find gem rails-9.9 in locally installed gems" >&2; echo "Run bundle install to install missing gems."; exit 7'

describe('failedStep', () => {
  it.each([
    [
      'daemon-buildkit-20.10.txt',
      `[build 3/3] ${STEP}`,
      [
        'Run bundle install to install missing gems.',
        'Could not find gem rails-9.9 in locally installed gems'
      ]
    ],
    [
      'buildx-0.13.txt',
      `[build 3/3] ${STEP}`,
      [
        'Could not find gem rails-9.9 in locally installed gems',
        'Run bundle install to install missing gems.'
      ]
    ],
    [
      'legacy-20.10.txt',
      STEP,
      [
        'Could not find gem rails-9.9 in locally installed gems',
        'Run bundle install to install missing gems.'
      ]
    ]
  ])('%s: the failing step and its output, not the earlier steps’', (file, step, tail) => {
    expect(failedStep(fixture(file))).toEqual({ step, tail })
  })

  it('keeps the last lines of a long step', () => {
    const output = [
      '#7 [web 2/2] RUN make',
      ...Array.from({ length: 30 }, (_, i) => `#7 1.${i} line ${i}`),
      '#7 ERROR: exit code: 2'
    ].join('\n')
    expect(failedStep(output, 3)?.tail).toEqual(['line 27', 'line 28', 'line 29'])
  })

  it('output with no failed step (a daemon error): nothing', () => {
    expect(
      failedStep(
        'ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory'
      )
    ).toBeUndefined()
  })
})

describe('buildFailure', () => {
  it('the error line, then the step (shortened) and its last lines on the same line', () => {
    const message = buildFailure(
      'ERROR: failed to solve: executor failed running […]: exit code: 7',
      fixture('buildx-0.13.txt')
    )
    expect(message).toBe(
      'ERROR: failed to solve: executor failed running […]: exit code: 7 — [build 3/3] RUN echo "Could not find gem rails-9.9 in locally installed gems" >…: ' +
        'Could not find gem rails-9.9 in locally installed gems | Run bundle install to install missing gems.'
    )
    expect(message).not.toContain('\n')
  })
})
