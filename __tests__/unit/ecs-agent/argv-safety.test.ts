// What the compose file controls cannot become an option of the docker CLI,
// a second mount field, or a variable of the docker process itself.

import { describe, expect, it } from '@jest/globals'
import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { bindMountSpec, environmentTransport, planApp } from '../../../src/ecs-agent/docker-argv.js'

const base = { project: 'p1', hostDir: '/tmp/p1', bundleDir: '/bundle' }

describe('environmentTransport', () => {
  it('puts every single-line value in the env file, sorted, and nothing in argv', () => {
    const env = new Map([
      ['PATH', './rtbin:/usr/bin:/bin'],
      ['DOCKER_HOST', 'tcp://127.0.0.1:47999'],
      ['__proto__', 'kept'],
      ['EMPTY', '']
    ])
    expect(environmentTransport(env, 'web')).toEqual({
      envFile: 'DOCKER_HOST=tcp://127.0.0.1:47999\nEMPTY=\nPATH=./rtbin:/usr/bin:/bin\n__proto__=kept\n',
      args: []
    })
  })

  it('passes a value with a line break as one --env argument (an env file line cannot hold it)', () => {
    const env = new Map([['PEM', 'line 1\nline 2']])
    expect(environmentTransport(env, 'web')).toEqual({ envFile: '', args: ['--env', 'PEM=line 1\nline 2'] })
  })

  it.each([
    ['a name with "="', 'A=B'],
    ['a name with a space', 'A B'],
    ['an empty name', '']
  ])('refuses %s', (_case, name) => {
    expect(() => environmentTransport(new Map([[name, 'x']]), 'Container web')).toThrow(
      /Container web: environment variable name .* is not valid/
    )
  })
})

describe('bindMountSpec', () => {
  it('writes plain paths as they are', () => {
    expect(bindMountSpec({ source: '/b/conf', target: '/etc/nginx/conf.d', readOnly: true })).toBe(
      'type=bind,source=/b/conf,target=/etc/nginx/conf.d,readonly'
    )
  })

  it('quotes a field holding a comma or a quote, so docker reads it as one field', () => {
    expect(bindMountSpec({ source: '/b/a,target=/hostroot', target: '/cfg', readOnly: false })).toBe(
      'type=bind,"source=/b/a,target=/hostroot",target=/cfg'
    )
    expect(bindMountSpec({ source: '/b/"q"', target: '/cfg', readOnly: false })).toBe(
      'type=bind,"source=/b/""q""",target=/cfg'
    )
  })
})

describe('planApp refuses values that would be read as docker options', () => {
  const doc = (container: DockerrunV2['containerDefinitions'][number], volumes?: DockerrunV2['volumes']) =>
    ({
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [container],
      ...(volumes && { volumes })
    }) as DockerrunV2

  it('an image that is an option', () => {
    expect(() => planApp(doc({ name: 'web', image: '-v=/:/hostroot' }), base)).toThrow(
      'Container web: image "-v=/:/hostroot" is not an image reference'
    )
  })

  it('a container path carrying more mount fields', () => {
    const document = doc(
      {
        name: 'web',
        image: 'img',
        mountPoints: [{ sourceVolume: 'conf', containerPath: '/cfg,source=/,target=/hostroot' }]
      },
      [{ name: 'conf', host: { sourcePath: '/var/app/current/conf' } }]
    )
    expect(() => planApp(document, base)).toThrow(
      'Container web: mount path "/cfg,source=/,target=/hostroot"'
    )
  })

  it('puts the image and the command after --, and environment values in the env file', () => {
    const [planned] = planApp(
      doc({
        name: 'web',
        image: 'img',
        command: ['--privileged'],
        environment: [{ name: 'PATH', value: './rtbin:/bin' }]
      }),
      base
    ).containers
    expect(planned?.createArgs.slice(-3)).toEqual(['--', 'img', '--privileged'])
    expect(planned?.createArgs.join(' ')).not.toContain('rtbin')
    expect(planned?.envFile).toBe('PATH=./rtbin:/bin\n')
  })
})
