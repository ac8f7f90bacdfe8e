// What a user or a packager reads before adopting the action: the license file agrees with package.json, every
// installed package supports every Node version package.json's engines admit (npm ci prints no EBADENGINE), and
// Dependabot covers the pinned AWS SDK clients and the workflows' actions.

import { describe, expect, test } from '@jest/globals'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import semver from 'semver'
import { parse } from 'yaml'

const root = path.resolve(import.meta.dirname, '../../..')
const read = (file: string): Promise<string> => readFile(path.join(root, file), 'utf8')

interface PackageJson {
  license: string
  engines: { node: string }
  dependencies: Record<string, string>
}
const pkg = JSON.parse(await read('package.json')) as PackageJson
const lock = JSON.parse(await read('package-lock.json')) as {
  packages: Record<string, { engines?: Record<string, string> | string[] }>
}

describe('license', () => {
  test('LICENSE is the MIT license package.json names', async () => {
    expect(pkg.license).toBe('MIT')
    const license = await read('LICENSE')
    expect(license.split('\n')[0]).toBe('MIT License')
    expect(license).toContain('Permission is hereby granted, free of charge')
  })
})

describe('engines', () => {
  const range = pkg.engines.node

  test('every locked package supports every Node version package.json admits', () => {
    const narrower = Object.entries(lock.packages).flatMap(([name, entry]) => {
      const node = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined
      return node && !semver.subset(range, node) ? [`${name} needs node ${node}`] : []
    })
    expect(narrower).toEqual([])
  })

  test('the check can fail: content-type 3 (node >=22), which @octokit/request 10.0.16 asks for, is not admitted', () => {
    expect(semver.subset(range, '>=22')).toBe(false)
  })

  test('this Node and the workflows’ node-version are in the range', async () => {
    expect(semver.satisfies(process.version, range)).toBe(true)
    const workflows = (await readdir(path.join(root, '.github/workflows'))).filter(name =>
      name.endsWith('.yml')
    )
    const versions = new Set<string>()
    for (const name of workflows) {
      for (const match of (await read(`.github/workflows/${name}`)).matchAll(/node-version:\s*(\S+)/g))
        versions.add(match[1] as string)
    }
    expect(versions.size).toBeGreaterThan(0)
    for (const version of versions) expect(semver.satisfies(`${version}.0.0`, range)).toBe(true)
  })

  test('action.yml runs on a Node version in the range', async () => {
    const using = (parse(await read('action.yml')) as { runs: { using: string } }).runs.using
    expect(semver.satisfies(`${using.replace('node', '')}.0.0`, range)).toBe(true)
  })
})

describe('dependabot', () => {
  interface Update {
    'package-ecosystem': string
    groups?: Record<string, { patterns?: string[] }>
  }
  const matches = (pattern: string, name: string): boolean =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name

  test('npm: every @aws-sdk/* dependency falls in one group; github-actions is updated too', async () => {
    const config = parse(await read('.github/dependabot.yml')) as { version: number; updates: Update[] }
    expect(config.version).toBe(2)
    const ecosystems = config.updates.map(update => update['package-ecosystem'])
    expect(ecosystems).toEqual(expect.arrayContaining(['npm', 'github-actions']))
    const npm = config.updates.find(update => update['package-ecosystem'] === 'npm') as Update
    const sdk = Object.keys(pkg.dependencies).filter(name => name.startsWith('@aws-sdk/'))
    expect(sdk.length).toBeGreaterThan(1)
    const groupsOf = (name: string): string[] =>
      Object.entries(npm.groups ?? {})
        .filter(([, group]) => (group.patterns ?? []).some(pattern => matches(pattern, name)))
        .map(([groupName]) => groupName)
    expect(new Set(sdk.map(name => groupsOf(name).join()))).toEqual(new Set(['aws-sdk']))
  })
})

describe('changelog', () => {
  test('has an Unreleased section and only "## [X.Y.Z] - YYYY-MM-DD" release headings', async () => {
    const headings = (await read('CHANGELOG.md')).split('\n').filter(line => line.startsWith('## '))
    expect(headings[0]).toBe('## [Unreleased]')
    for (const heading of headings.slice(1))
      expect(heading).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/)
  })
})
