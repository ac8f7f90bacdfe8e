// The differential test of issue 23: compose's own implementation (Debian
// trixie's docker-compose 2.26, compose-go; scripts/compose-oracle.sh puts it
// in .oracles/) against the action's loader, on every corpus file and on
// generated variants of the forms compose accepts. For each project, with
// the same .env and a clean environment (PATH and the variant's variables
// only): both accept or both refuse it; the services (all profiles) match,
// and so do the services compose runs by default; each service's model
// (./compose-oracle/model.ts) is equal. A difference is fixed, or listed in
// KNOWN with the reason the action differs on purpose.

import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { loadCompose } from '../../src/core/compose/load.js'
import type { ComposeProject } from '../../src/core/compose/model.js'
import { isEnabled } from '../../src/core/plan/backing-replacements.js'
import { fromAction, fromOracle, type ServiceModel } from './compose-oracle/model.js'
import { VARIANTS, type Variant } from './compose-oracle/variants.js'

const REPO = path.resolve(import.meta.dirname, '../..')
const ORACLE = path.join(REPO, '.oracles/docker-compose')
const CORPUS = path.join(REPO, '__tests__/fixtures/compose-corpus')

interface Difference {
  project: string
  service: string
  field: keyof ServiceModel | 'refused' | 'services' | 'active services'
  action: unknown
  compose: unknown
}

/**
 * Differences the action keeps on purpose, each with its reason. Anything
 * else the oracle shows is a defect.
 */
const KNOWN: { reason: string; matches: (difference: Difference) => boolean }[] = [
  {
    reason:
      'a variable given alone ("${X}", "$X" or a bare name) is left to the Beanstalk environment at run time instead of taking the runner\'s or .env\'s value (issue 23 class 6 decides which .env values become values)',
    matches: ({ field, action, compose }) =>
      field === 'environment' &&
      isRecord(action) &&
      isRecord(compose) &&
      Object.entries(action).every(
        ([name, value]) => isDeepStrictEqual(value, compose[name]) || (isRecord(value) && 'deferred' in value)
      ) &&
      Object.keys(compose).every(name => name in action)
  },
  {
    reason:
      'the legacy v1 format (services at the top level, docker-compose 1.x) is read with a note; compose v2 refuses it',
    matches: ({ project, field }) => project === 'variant legacy-v1' && field === 'refused'
  },
  {
    reason:
      "zulip's compose.yaml names secrets that its users define in a compose.override.yaml (upstream README); compose refuses the file alone, the action drops service secrets with a note (they are passed with the secrets input)",
    matches: ({ project, field }) => project === 'corpus zulip' && field === 'refused'
  },
  {
    reason:
      'extends from another file is refused with a line asking to merge it (the action plans one file and what it includes)',
    matches: ({ project, field }) => project === 'variant extends-other-file' && field === 'refused'
  }
]

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface Project {
  name: string
  root: string
  composeFile: string
  env: Record<string, string>
  cleanup?: () => void
}

function corpusProjects(): Project[] {
  return readdirSync(CORPUS)
    .filter(name => statSync(path.join(CORPUS, name)).isDirectory())
    .sort()
    .map(name => {
      const entry = JSON.parse(readFileSync(path.join(CORPUS, name, 'corpus.json'), 'utf8')) as {
        composeFile: string
        runner?: Record<string, string>
      }
      return {
        name: `corpus ${name}`,
        root: path.join(CORPUS, name),
        composeFile: entry.composeFile,
        env: entry.runner ?? {}
      }
    })
}

function variantProject(variant: Variant): Project {
  const root = mkdtempSync(path.join(tmpdir(), `compose-oracle-${variant.name}-`))
  for (const [file, text] of Object.entries(variant.files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  return {
    name: `variant ${variant.name}`,
    root,
    composeFile: variant.composeFile ?? 'compose.yaml',
    env: variant.env ?? {},
    cleanup: () => rmSync(root, { recursive: true, force: true })
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string }

function oracle(project: Project, allProfiles: boolean): Outcome<Record<string, Record<string, unknown>>> {
  try {
    const output = execFileSync(
      ORACLE,
      [...(allProfiles ? ['--profile', '*'] : []), '-f', project.composeFile, 'config', '--format', 'json'],
      {
        cwd: project.root,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...project.env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    return {
      ok: true,
      value: (JSON.parse(output) as { services: Record<string, Record<string, unknown>> }).services
    }
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error)
    return { ok: false, error: stderr.trim().split('\n').at(-1) ?? '' }
  }
}

function action(project: Project): Outcome<ComposeProject> {
  const read = (relative: string): string | undefined => {
    const absolute = path.join(project.root, relative)
    return existsSync(absolute) && statSync(absolute).isFile() ? readFileSync(absolute, 'utf8') : undefined
  }
  try {
    const text = read(project.composeFile) as string
    return {
      ok: true,
      value: loadCompose({ path: project.composeFile, text, env: project.env, readFile: read })
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

function differences(project: Project): Difference[] {
  const ours = action(project)
  const theirs = oracle(project, true)
  const found: Difference[] = []
  const add = (
    service: string,
    field: Difference['field'],
    actionValue: unknown,
    composeValue: unknown
  ): void => {
    found.push({ project: project.name, service, field, action: actionValue, compose: composeValue })
  }
  if (!ours.ok || !theirs.ok) {
    if (ours.ok !== theirs.ok)
      add('-', 'refused', ours.ok ? 'accepted' : ours.error, theirs.ok ? 'accepted' : theirs.error)
    return found
  }
  const names = Object.keys(ours.value.services).sort()
  const composeNames = Object.keys(theirs.value).sort()
  if (!isDeepStrictEqual(names, composeNames)) add('-', 'services', names, composeNames)
  const active = oracle(project, false)
  const activeNames = Object.values(ours.value.services)
    .filter(service => isEnabled(service, ours.value.activeProfiles))
    .map(service => service.name)
    .sort()
  if (active.ok && !isDeepStrictEqual(activeNames, Object.keys(active.value).sort()))
    add('-', 'active services', activeNames, Object.keys(active.value).sort())
  for (const name of names.filter(candidate => candidate in theirs.value)) {
    const mine = fromAction(ours.value.services[name]!, '.')
    const compose = fromOracle(theirs.value[name]!, project.root)
    for (const field of Object.keys({ ...mine, ...compose }) as (keyof ServiceModel)[]) {
      if (!isDeepStrictEqual(mine[field], compose[field])) add(name, field, mine[field], compose[field])
    }
  }
  return found
}

const oracleInstalled = existsSync(ORACLE)

describe('compose oracle: docker compose config (compose-go) against the action’s loader', () => {
  it('has the oracle installed (bash scripts/compose-oracle.sh; scripts/setup.sh runs it)', () => {
    expect(oracleInstalled).toBe(true)
  })

  const projects: [string, () => Project][] = [
    ...corpusProjects().map((project): [string, () => Project] => [project.name, () => project]),
    ...VARIANTS.map((variant): [string, () => Project] => [
      `variant ${variant.name}`,
      () => variantProject(variant)
    ])
  ]
  it.each(projects)('%s: same model as compose', (_name, make) => {
    if (!oracleInstalled) throw new Error(`${ORACLE} is missing: run bash scripts/compose-oracle.sh`)
    const project = make()
    try {
      const unexplained = differences(project).filter(
        difference => !KNOWN.some(known => known.matches(difference))
      )
      expect(unexplained).toEqual([])
    } finally {
      project.cleanup?.()
    }
  })
})
