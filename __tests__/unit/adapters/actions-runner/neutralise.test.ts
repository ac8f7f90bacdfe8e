// One neutraliser for log lines and one for job summary text: nothing from
// outside (compose text, container logs, Beanstalk events, AWS errors)
// becomes a workflow command, a tag, a link, an image or the end of an HTML block.

import { describe, expect, it } from '@jest/globals'
import { neutralise } from '../../../../src/adapters/actions-runner/logger.js'
import { escapeHtml } from '../../../../src/report/summary.js'

/** How the runner reads a line: a command starts with `::` after leading white space, or holds `##[`. */
const isWorkflowCommand = (line: string): boolean => line.trimStart().startsWith('::') || line.includes('##[')

describe('neutralise', () => {
  it.each([
    '::add-mask::hunter2',
    '  ::stop-commands::token',
    '\t::set-output name=x::y',
    'version 3\n::error::fake',
    'a\r::warning::carriage return',
    'a\r\n::group::crlf',
    '\u00a0::notice::no-break space',
    'event text ##[set-output name=x;]y'
  ])('leaves no line of %j that the runner reads as a command', text => {
    const lines = neutralise(text).split('\n')
    expect(lines.filter(isWorkflowCommand)).toEqual([])
  })

  it('keeps ordinary text and its lines as they are', () => {
    expect(neutralise('container web: image web:1, ports 80→8080\nnote: a :: b')).toBe(
      'container web: image web:1, ports 80→8080\nnote: a :: b'
    )
  })

  it('still reads the same to a person (a space after the first colon; see workflow-commands.test.ts)', () => {
    expect(neutralise('::add-mask::x')).toBe(': :add-mask::x')
  })
})

describe('escapeHtml (summary text)', () => {
  it('leaves no tag, no link or image, and no blank line that would end the HTML block', () => {
    const hostile = 'ok</pre>\n\n[click](https://evil.example) ![x](https://evil.example/p.png) <img src=x>'
    const escaped = escapeHtml(hostile)
    expect(escaped).not.toMatch(/[<>\n\r[\]]/)
    expect(escaped).toBe(
      'ok&lt;/pre&gt;&#10;&#10;&#91;click&#93;(https://evil.example) !&#91;x&#93;(https://evil.example/p.png) &lt;img src=x&gt;'
    )
  })
})
