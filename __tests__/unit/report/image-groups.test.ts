// Each image's output in its own group, one line outside it: several images
// build at once, so their lines are collected and printed as each build ends;
// a single image streams live.

import { describe, expect, it, jest } from '@jest/globals'

import { actionsCore } from '../../integration/helpers/actions-core.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { ImageGroups } = await import('../../../src/report/image-groups.js')

const pushed = (id: string) => ({ id, layersPushed: 2, bytesPushed: 2048, pushSeconds: 1.5 })

describe('ImageGroups', () => {
  it('never interleaves two concurrent builds: each is one group, printed when it ends', () => {
    actionsCore.step({})
    const groups = new ImageGroups(
      new Map([
        ['web', ['web', 'worker']],
        ['nginx', ['nginx']]
      ])
    )
    const web = groups.lines('web')
    const nginx = groups.lines('nginx')
    web('#1 FROM debian')
    nginx('#1 FROM nginx')
    web('#2 RUN bundle install')
    groups.built('nginx', 'built')
    groups.built('web', 'built')
    web('pushing layer 1')
    groups.pushed(pushed('web'))
    expect(actionsCore.lines.slice(0, 4)).toEqual([
      '::group::Build nginx',
      '[nginx] #1 FROM nginx',
      '::endgroup::',
      expect.stringMatching(/^✓ Build nginx \(\d+\.\d s\)$/)
    ])
    expect(actionsCore.lines.slice(4)).toEqual([
      '::group::Build web (web, worker)',
      '[web] #1 FROM debian',
      '[web] #2 RUN bundle install',
      '::endgroup::',
      expect.stringMatching(/^✓ Build web \(\d+\.\d s\)$/),
      '::group::Push web (web, worker)',
      '[web] pushing layer 1',
      '::endgroup::',
      '✓ Push web: 2 layer(s) uploaded (2.0 KiB) (1.5 s)'
    ])
  })

  it('streams a single image live inside its group, and says when it was reused instead', () => {
    actionsCore.step({})
    const groups = new ImageGroups(new Map([['web', ['web']]]))
    const web = groups.lines('web')
    web('#1 FROM debian')
    expect(actionsCore.lines).toEqual(['::group::Build web', '[web] #1 FROM debian'])
    groups.built('web', 'built and pushed')
    expect(actionsCore.lines.slice(2)).toEqual([
      '::endgroup::',
      expect.stringMatching(/^✓ Build and push web \(\d+\.\d s\)$/)
    ])

    actionsCore.step({})
    new ImageGroups(new Map([['nginx', ['nginx']]])).built('nginx', 'reused')
    expect(actionsCore.lines).toEqual(['✓ nginx: already in ECR for this commit, not built again'])
  })

  it('prints the output of a build that failed, marked as not finished', () => {
    actionsCore.step({})
    const groups = new ImageGroups(
      new Map([
        ['web', ['web']],
        ['nginx', ['nginx']]
      ])
    )
    groups.lines('web')('ERROR: failed to solve: exit code 1')
    groups.flushAll()
    expect(actionsCore.lines).toEqual([
      '::group::Build web (did not finish)',
      '[web] ERROR: failed to solve: exit code 1',
      '::endgroup::',
      '✗ build web did not finish'
    ])
  })
})
