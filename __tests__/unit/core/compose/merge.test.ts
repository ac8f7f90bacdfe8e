// mergeService against what `docker compose config` 2.26 (compose-go) printed for
// the same extends, recorded here so that the unit suite (and mutation testing)
// checks each rule; the integration test compose-oracle.test.ts runs the oracle
// itself on the variants extends-merge-rules, extends-short-forms and
// extends-null-keeps-base.
import { describe, expect, it } from '@jest/globals'
import { mergeService } from '../../../../src/core/compose/merge.js'

describe('mergeService: mappings', () => {
  it('merges environment, labels, sysctls and annotations key by key, list or mapping on either side', () => {
    const merged = mergeService(
      {
        environment: ['A=1', 'B=2', 'BARE'],
        labels: { x: '1' },
        sysctls: ['net.core.somaxconn=1024'],
        annotations: { a: '1' }
      },
      {
        environment: { B: '3', C: '4' },
        labels: ['y=2'],
        sysctls: { 'net.ipv4.x': 1 },
        annotations: ['b=2']
      }
    )
    expect(merged).toEqual({
      environment: { A: '1', B: '3', BARE: null, C: '4' },
      labels: { x: '1', y: '2' },
      sysctls: { 'net.core.somaxconn': '1024', 'net.ipv4.x': 1 },
      annotations: { a: '1', b: '2' }
    })
  })

  it('keeps a value holding "=" whole after the first "="', () => {
    expect(mergeService({ environment: ['URL=a=b'] }, { environment: ['X=1'] })).toEqual({
      environment: { URL: 'a=b', X: '1' }
    })
  })

  it('merges depends_on: a list means service_started', () => {
    expect(
      mergeService({ depends_on: ['db'] }, { depends_on: { cache: { condition: 'service_healthy' } } })
    ).toEqual({
      depends_on: { db: { condition: 'service_started' }, cache: { condition: 'service_healthy' } }
    })
    expect(
      mergeService({ depends_on: { db: { condition: 'service_healthy' } } }, { depends_on: ['db'] })
    ).toEqual({ depends_on: { db: { condition: 'service_started' } } })
  })
})

describe('mergeService: lists', () => {
  it("replaces the base's mount at the same target in its place and appends the others", () => {
    const merged = mergeService(
      { volumes: ['./a:/data', '/anon', { type: 'bind', source: './c', target: '/c' }] },
      { volumes: ['./b:/data', './d:/d', { type: 'bind', source: './e', target: '/c' }] }
    )
    expect(merged.volumes).toEqual([
      './b:/data',
      '/anon',
      { type: 'bind', source: './e', target: '/c' },
      './d:/d'
    ])
  })

  it('appends ports and option lists once each', () => {
    expect(
      mergeService(
        { ports: ['80:80'], cap_add: ['NET_ADMIN'] },
        { ports: ['80:80', '81:81'], cap_add: ['NET_ADMIN', 'SYS_TIME'] }
      )
    ).toEqual({ ports: ['80:80', '81:81'], cap_add: ['NET_ADMIN', 'SYS_TIME'] })
  })

  it('reads a lone string as a one-item list: both env files are read, both DNS servers kept', () => {
    // compose 2.26: env_file: base.env extended by [web.env] reads both; dns 8.8.8.8 + [1.1.1.1] gives both.
    expect(
      mergeService(
        { env_file: 'base.env', dns: '8.8.8.8', dns_search: 'example.com', tmpfs: '/run' },
        { env_file: ['web.env'], dns: ['1.1.1.1'], dns_search: ['x.example'], tmpfs: ['/tmp'] }
      )
    ).toEqual({
      env_file: ['base.env', 'web.env'],
      dns: ['8.8.8.8', '1.1.1.1'],
      dns_search: ['example.com', 'x.example'],
      tmpfs: ['/run', '/tmp']
    })
    expect(mergeService({ env_file: ['a.env'] }, { env_file: 'a.env' })).toEqual({ env_file: ['a.env'] })
  })

  it('appends extra_hosts as host=address entries: a host named twice keeps both addresses', () => {
    expect(
      mergeService(
        { extra_hosts: ['a=10.0.0.1'] },
        { extra_hosts: { a: '10.0.0.2', b: ['10.0.0.3', '10.0.0.4'] } }
      )
    ).toEqual({ extra_hosts: ['a=10.0.0.1', 'a=10.0.0.2', 'b=10.0.0.3', 'b=10.0.0.4'] })
    expect(mergeService({ extra_hosts: { a: '10.0.0.1' } }, { extra_hosts: 'a=10.0.0.1' })).toEqual({
      extra_hosts: ['a=10.0.0.1']
    })
  })
})

describe('mergeService: sub-mappings', () => {
  it('merges networks by name and appends their aliases; a list of names is a mapping', () => {
    expect(
      mergeService(
        { networks: { default: { aliases: ['one', 'both'] } } },
        { networks: { default: { aliases: ['two', 'both'] } } }
      )
    ).toEqual({ networks: { default: { aliases: ['one', 'both', 'two'] } } })
    expect(
      mergeService({ networks: { default: { aliases: ['one'] } } }, { networks: ['default', 'back'] })
    ).toEqual({
      networks: { default: { aliases: ['one'] }, back: null }
    })
    expect(mergeService({ networks: ['front'] }, { networks: { back: { aliases: ['b'] } } })).toEqual({
      networks: { front: null, back: { aliases: ['b'] } }
    })
  })

  it('merges build, deploy and logging deeply, appending their lists; a build string is its context', () => {
    const merged = mergeService(
      {
        build: { context: '.', args: ['X=1', 'Y=2'], cache_from: ['a'] },
        deploy: {
          replicas: 2,
          resources: { limits: { memory: '256M' } },
          placement: { constraints: ['c1'] }
        },
        logging: { driver: 'json-file', options: { 'max-size': '1m' } }
      },
      {
        build: { args: { Y: '3', Z: '4' }, dockerfile: 'Other', cache_from: ['b', 'a'] },
        deploy: { resources: { limits: { cpus: '0.5' } }, placement: { constraints: ['c2'] } },
        logging: { options: { 'max-file': '2' } }
      }
    )
    expect(merged).toEqual({
      build: { context: '.', args: { X: '1', Y: '3', Z: '4' }, dockerfile: 'Other', cache_from: ['a', 'b'] },
      deploy: {
        replicas: 2,
        resources: { limits: { memory: '256M', cpus: '0.5' } },
        placement: { constraints: ['c1', 'c2'] }
      },
      logging: { driver: 'json-file', options: { 'max-size': '1m', 'max-file': '2' } }
    })
    expect(mergeService({ build: { context: '.', args: ['X=1'] } }, { build: './sub' })).toEqual({
      build: { context: './sub', args: { X: '1' } }
    })
    expect(mergeService({ build: './app' }, { build: { target: 'prod' } })).toEqual({
      build: { context: './app', target: 'prod' }
    })
  })

  it("replaces a healthcheck's test and each ulimit, keeping the rest", () => {
    expect(
      mergeService(
        {
          healthcheck: { test: ['CMD', 'a'], interval: '10s' },
          ulimits: { nofile: { soft: 10, hard: 20 }, nproc: 5 }
        },
        { healthcheck: { test: ['CMD', 'b'] }, ulimits: { nofile: { soft: 30, hard: 40 } } }
      )
    ).toEqual({
      healthcheck: { test: ['CMD', 'b'], interval: '10s' },
      ulimits: { nofile: { soft: 30, hard: 40 }, nproc: 5 }
    })
  })

  it('keeps a nested value the extending service sets to null', () => {
    expect(mergeService({ deploy: { replicas: 2 } }, { deploy: { replicas: null } })).toEqual({
      deploy: { replicas: 2 }
    })
  })
})

describe('mergeService: nulls and everything else', () => {
  it("keeps the base's value for a null, but resets command and entrypoint", () => {
    const base = { image: 'app:1', command: ['run'], entrypoint: '/bin/base', working_dir: '/srv' }
    expect(mergeService(base, { image: null, working_dir: null, command: null })).toEqual({
      image: 'app:1',
      command: null,
      entrypoint: '/bin/base',
      working_dir: '/srv'
    })
    expect(mergeService(base, { entrypoint: null })).toEqual({ ...base, entrypoint: null })
  })

  it('takes a value the base lacks or left null, and replaces scalars and other lists', () => {
    expect(
      mergeService(
        { restart: 'always', command: ['a', 'b'], user: null },
        { restart: 'no', command: ['c'], user: 'app', x: 1 }
      )
    ).toEqual({ restart: 'no', command: ['c'], user: 'app', x: 1 })
  })

  it('does not change the base it extends', () => {
    const base = { environment: { A: '1' }, ports: ['80:80'] }
    mergeService(base, { environment: { B: '2' }, ports: ['81:81'] })
    expect(base).toEqual({ environment: { A: '1' }, ports: ['80:80'] })
  })
})
