// Dev tooling, used for the issue-27 §4 reorganisation ("rooms and names"): moves files to the folder of
// the layer they belong in and gives the three plan.ts, backing.ts and two decision.ts names of their own,
// then rewrites every reference so the repository still builds. Written to be run again on a branch that
// others changed meanwhile (`npx tsx scripts/rooms/move.ts` from the repository root):
//
//  1. `git mv` each file of MOVES that is still at its old path (one already moved is skipped; both paths
//     present is reported and left for a person to merge).
//  2. In every .ts/.js/.mjs/.cjs file (src, __tests__, bench, stand-in, test-support, scripts, examples,
//     the root configs; never dist/ or node_modules/), each relative specifier — import/export … from,
//     import(), jest.unstable_mockModule() / jest.mock() / require(), new URL(…, import.meta.url),
//     path.resolve/join(import.meta.dirname, …) — that does not resolve from the file's current place is
//     resolved from the file's OLD place, mapped through MOVES and made relative to the current place again,
//     keeping its extension style. A specifier that already resolves is left as it is: that is what makes
//     a second run change nothing, and lets files added by other branches (with old specifiers) be fixed.
//  3. Path mentions in docs, README, CONTRIBUTING, configs, package.json, .github/, scripts/*.sh and in the
//     code files' comments and strings: the old repository path and its src/-relative form become the new
//     ones (whole words only, so a new path never contains an old one and a second run finds nothing). A bare
//     file name (`logger.ts`) is left alone: the moved file keeps that name, so it cannot tell old from new.
//     Text between `rooms:keep-old-names` and `/rooms:keep-old-names` (docs/architecture.md's account of
//     the moves) is never rewritten.
//
// On a merge of this branch with others: where a conflict is only in import lines or path mentions, take the
// other branch's side and run this script again; it respells them. Then `npx tsc --noEmit` and the
// import-direction test say whether anything was missed (a new root file of src/ needs a line in MOVES).
//
// `--dry-run` prints what would change and writes nothing.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Old repository path → new repository path. Files, not folders, so every move is written out. */
export const MOVES: Record<string, string> = {
  // The three plan.ts: the core's compose → plan converter joins its helpers in core/plan/; the runner's
  // is Dockerrun → docker argv; modes/plan.ts stays (modes/ is named after the `mode` input's values).
  'src/core/plan.ts': 'src/core/plan/build-plan.ts',
  'src/core/plan-types.ts': 'src/core/plan/types.ts',
  // runner/ read as "the GitHub runner"; it is what the ECS agent does with a Dockerrun, on local Docker.
  'src/runner/plan.ts': 'src/ecs-agent/docker-argv.ts',
  'src/runner/run.ts': 'src/ecs-agent/run.ts',
  'src/runner/health.ts': 'src/ecs-agent/health.ts',
  'src/runner/env-file.ts': 'src/ecs-agent/env-file.ts',
  'src/runner/index.ts': 'src/ecs-agent/index.ts',
  // The three backing.ts.
  'src/core/backing.ts': 'src/core/backing-engines.ts',
  'src/stages/backing.ts': 'src/stages/managed-services.ts',
  'stand-in/backing.ts': 'stand-in/backing-containers.ts',
  // The two decision.ts.
  'src/deploy/decision.ts': 'src/deploy/wait-decision.ts',
  'src/smoke/decision.ts': 'src/smoke/verdict.ts',
  // The root files of src/, each to its layer's room (main.ts and index.ts stay).
  'src/workspace.ts': 'src/adapters/workspace/files.ts',
  'src/checkout-credentials.ts': 'src/adapters/workspace/checkout-credentials.ts',
  'src/checkout-head.ts': 'src/adapters/workspace/checkout-head.ts',
  'src/context.ts': 'src/adapters/actions-runner/run-context.ts',
  'src/logger.ts': 'src/adapters/actions-runner/logger.ts',
  'src/state.ts': 'src/adapters/actions-runner/post-step-state.ts',
  'src/clock.ts': 'src/adapters/clock.ts',
  'src/code-origin.ts': 'src/fork-guard/code-origin.ts',
  'src/prepare.ts': 'src/planning/prepare.ts',
  // Added by the orchestration branch (issue 27 §1) at the root: what a cancelled job stops, the runner's signal.
  'src/cancellation.ts': 'src/adapters/actions-runner/cancellation.ts',
  // Added by this session's other branches after the first run: the rehearsal's checkout (beside the rehearsal)
  // and the entry point's cancellation test (mirroring src/).
  'stand-in/ci-checkout.ts': 'test-support/ci-checkout.ts',
  '__tests__/unit/cancellation.test.ts': '__tests__/unit/adapters/actions-runner/cancellation.test.ts',
  // Test support: what tests, the benchmarks and the scripts share, in one home; the stand-in keeps only
  // the AWS stand-in itself.
  'stand-in/run-action.ts': 'test-support/run-action.ts',
  'stand-in/github-fake.ts': 'test-support/github-fake.ts',
  'stand-in/example-environment.ts': 'test-support/example-environment.ts',
  'stand-in/local-images.ts': 'test-support/local-images.ts',
  'stand-in/rehearsal.ts': 'test-support/rehearsal.ts',
  'bench/lib/fresh-daemon.ts': 'test-support/fresh-daemon.ts',
  'bench/lib/worlds.ts': 'test-support/worlds.ts',
  // __tests__/unit mirrors src/: each test in the folder of the module it tests.
  '__tests__/unit/cleanup.test.ts': '__tests__/unit/retention/cleanup.test.ts',
  '__tests__/unit/clock.test.ts': '__tests__/unit/adapters/clock.test.ts',
  '__tests__/unit/ecr.test.ts': '__tests__/unit/adapters/ecr.test.ts',
  '__tests__/unit/execution-role.test.ts': '__tests__/unit/stages/execution-role.test.ts',
  '__tests__/unit/github-comments.test.ts': '__tests__/unit/adapters/github-comments.test.ts',
  '__tests__/unit/history.test.ts': '__tests__/unit/deploy/history.test.ts',
  '__tests__/unit/neutralise.test.ts': '__tests__/unit/adapters/actions-runner/neutralise.test.ts',
  '__tests__/unit/workflow-commands.test.ts':
    '__tests__/unit/adapters/actions-runner/workflow-commands.test.ts',
  '__tests__/unit/preview.test.ts': '__tests__/unit/preview/preview.test.ts',
  '__tests__/unit/report-clear-secrets.test.ts': '__tests__/unit/report/clear-secrets.test.ts',
  '__tests__/unit/report-image-groups.test.ts': '__tests__/unit/report/image-groups.test.ts',
  '__tests__/unit/report-outputs.test.ts': '__tests__/unit/report/outputs.test.ts',
  '__tests__/unit/report-phases.test.ts': '__tests__/unit/report/phases.test.ts',
  '__tests__/unit/report-summary.test.ts': '__tests__/unit/report/summary.test.ts',
  '__tests__/unit/rollback.test.ts': '__tests__/unit/rollback/rollback.test.ts',
  '__tests__/unit/docker/build-and-push-stage.test.ts': '__tests__/unit/build/build-and-push.test.ts',
  '__tests__/unit/docker/build-args.test.ts': '__tests__/unit/adapters/docker/build-args.test.ts',
  '__tests__/unit/docker/build-context.test.ts': '__tests__/unit/adapters/docker/build-context.test.ts',
  '__tests__/unit/docker/build-output.test.ts': '__tests__/unit/adapters/docker/build-output.test.ts',
  '__tests__/unit/docker/builder-inspection.test.ts':
    '__tests__/unit/adapters/docker/builder-inspection.test.ts',
  '__tests__/unit/docker/command-runner.test.ts': '__tests__/unit/adapters/docker/command-runner.test.ts',
  '__tests__/unit/adapters/command-runner.test.ts': '__tests__/unit/adapters/docker/find-executable.test.ts',
  '__tests__/unit/docker/docker-cli.test.ts': '__tests__/unit/adapters/docker/docker-cli.test.ts',
  '__tests__/unit/docker/image-tags.test.ts': '__tests__/unit/adapters/docker/image-tags.test.ts',
  '__tests__/unit/docker/push-output.test.ts': '__tests__/unit/adapters/docker/push-output.test.ts',
  '__tests__/unit/adapters/beanstalk-environments.test.ts':
    '__tests__/unit/adapters/beanstalk/environments.test.ts',
  '__tests__/unit/workspace/checkout-credentials.test.ts':
    '__tests__/unit/adapters/workspace/checkout-credentials.test.ts',
  '__tests__/unit/workspace/containment.test.ts': '__tests__/unit/adapters/workspace/containment.test.ts',
  '__tests__/unit/runner/argv-safety.test.ts': '__tests__/unit/ecs-agent/argv-safety.test.ts',
  '__tests__/unit/runner/health.test.ts': '__tests__/unit/ecs-agent/health.test.ts',
  '__tests__/unit/runner/plan.test.ts': '__tests__/unit/ecs-agent/docker-argv.test.ts',
  '__tests__/unit/deploy/decision.test.ts': '__tests__/unit/deploy/wait-decision.test.ts',
  '__tests__/unit/smoke/decision.test.ts': '__tests__/unit/smoke/verdict.test.ts',
  '__tests__/unit/core/plan.test.ts': '__tests__/unit/core/plan/build-plan.test.ts',
  '__tests__/unit/core/compose-corpus.test.ts': '__tests__/unit/core/compose/corpus.test.ts',
  '__tests__/unit/core/compose-go-dotenv.test.ts': '__tests__/unit/core/compose/compose-go-dotenv.test.ts',
  '__tests__/unit/core/compose-go-interpolation.test.ts':
    '__tests__/unit/core/compose/compose-go-interpolation.test.ts',
  '__tests__/unit/core/compose-load.test.ts': '__tests__/unit/core/compose/load.test.ts',
  '__tests__/unit/core/compose-semantics.test.ts': '__tests__/unit/core/compose/semantics.test.ts',
  '__tests__/unit/core/compose-syntax.test.ts': '__tests__/unit/core/compose/syntax.test.ts',
  '__tests__/unit/core/yaml-depth.test.ts': '__tests__/unit/core/compose/yaml-depth.test.ts'
}

/** Folders that moved whole: mentions of them in text (`src/runner/` → `src/ecs-agent/`). */
export const FOLDER_MENTIONS: Record<string, string> = {
  'src/runner/': 'src/ecs-agent/',
  '__tests__/unit/runner/': '__tests__/unit/ecs-agent/',
  '__tests__/unit/docker/': '__tests__/unit/adapters/docker/',
  '__tests__/unit/workspace/': '__tests__/unit/adapters/workspace/'
}

/** Folder mentions that are a single word, so rewritten only right after a quote or backtick (`runner/`). */
export const QUOTED_FOLDER_MENTIONS: Record<string, string> = {
  'runner/': 'ecs-agent/'
}

const CODE = /\.(ts|js|mjs|cjs)$/
const TEXT_FILE = (file: string): boolean =>
  CODE.test(file) ||
  /^docs\/.*\.md$/.test(file) ||
  ['README.md', 'CONTRIBUTING.md', 'package.json', 'tsconfig.json'].includes(file) ||
  /^(jest|eslint|stryker)[^/]*\.(js|mjs|cjs|json)$/.test(file) ||
  /^\.github\//.test(file) ||
  /^scripts\/[^/]*\.sh$/.test(file)
// This script names every old path on purpose: it is never rewritten.
const SKIPPED = /^(dist|node_modules|coverage|\.stryker-tmp|reports|scripts\/rooms)\//

const dryRun = process.argv.includes('--dry-run')
const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim()
process.chdir(root)

const newToOld = new Map(Object.entries(MOVES).map(([from, to]) => [to, from]))
const changed = new Set<string>()
/** Files this run moved: every relative specifier in them was written for the old place. */
const movedNow = new Set<string>()

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8' })
}

// 1. The moves.
for (const [from, to] of Object.entries(MOVES)) {
  const fromExists = existsSync(from)
  const toExists = existsSync(to)
  if (fromExists && toExists) {
    console.error(`both ${from} and ${to} exist: merge them by hand, then run again`)
    process.exitCode = 1
  } else if (fromExists) {
    console.log(`move ${from} → ${to}`)
    movedNow.add(to)
    if (!dryRun) {
      mkdirSync(path.dirname(to), { recursive: true })
      git('mv', from, to)
    }
  } else if (!toExists) {
    console.warn(`neither ${from} nor ${to} exists: skipped`)
  }
}

/** Where a file is now (after the moves, also in a dry run). */
const currentOf = (file: string): string => (dryRun ? (MOVES[file] ?? file) : file)

const listed = git('ls-files', '--cached', '--others', '--exclude-standard', '-z')
  .split('\0')
  .filter(file => file !== '' && !SKIPPED.test(file) && !file.includes('/node_modules/'))
const present = new Set(listed.filter(file => existsSync(file)).map(currentOf))
for (const to of Object.values(MOVES)) if (existsSync(to) || dryRun) present.add(to)
const isFile = (file: string): boolean =>
  !(dryRun && MOVES[file] !== undefined) &&
  (present.has(file) || (existsSync(file) && statSync(file).isFile()))
/** In a dry run the old paths are still on disk: they count as gone, as they will be. */
const exists = (target: string): boolean =>
  !(dryRun && MOVES[target] !== undefined) && (present.has(target) || existsSync(target))

/** The repository file a specifier names from `dir`, trying what Node/TypeScript would; undefined if none. */
function resolveFrom(dir: string, specifier: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir, specifier))
  const candidates = /\.(js|mjs|cjs)$/.test(joined)
    ? [joined.replace(/\.(m|c)?js$/, '.$1ts'), joined]
    : /\.[a-z]+$/i.test(joined)
      ? [joined]
      : [joined, `${joined}.ts`, `${joined}.js`, `${joined}/index.ts`, `${joined}/index.js`]
  return candidates.find(candidate => (candidate === joined ? exists(candidate) : isFile(candidate)))
}

/** `specifier` with its target's new path, relative to `dir`, in the same extension style. */
function respell(specifier: string, target: string, resolved: string, dir: string): string {
  let relative = path.posix.relative(dir, target)
  if (relative === '') relative = '.'
  if (!relative.startsWith('.')) relative = `./${relative}`
  const joined = path.posix.normalize(path.posix.join('.', specifier))
  if (/\.(m|c)?js$/.test(specifier) && /\.(m|c)?ts$/.test(resolved))
    relative = relative.replace(/\.(m|c)?ts$/, '.$1js')
  else if (!/\.[a-z]+$/i.test(joined)) {
    if (resolved.endsWith('/index.ts') || resolved.endsWith('/index.js'))
      relative = path.posix.dirname(relative)
    else relative = relative.replace(/\.(ts|js)$/, '')
  }
  if (specifier.endsWith('/') && !relative.endsWith('/')) relative += '/'
  return relative
}

/** The relative string literals whose meaning depends on where the file is. */
const SPECIFIER_PATTERNS: RegExp[] = [
  /(\bfrom\s*)(['"])(\.{1,2}(?:\/[^'"\n]*)?)\2/g,
  /(\bimport\s*)(['"])(\.{1,2}(?:\/[^'"\n]*)?)\2/g,
  /(\b(?:import|require|require\.resolve|import\.meta\.resolve|unstable_mockModule|mock|doMock|requireActual|importActual)\(\s*)(['"])(\.{1,2}(?:\/[^'"\n]*)?)\2/g,
  /(\bnew URL\(\s*)(['"])(\.{1,2}(?:\/[^'"\n]*)?)\2(?=\s*,\s*import\.meta\.url)/g,
  /(\b(?:import\.meta\.dirname|__dirname)\s*,\s*)(['"])(\.{1,2}(?:\/[^'"\n]*)?)\2/g
]

function rewriteSpecifiers(file: string, text: string): string {
  const dir = path.posix.dirname(file)
  const oldDir = path.posix.dirname(newToOld.get(file) ?? file)
  let result = text
  for (const pattern of SPECIFIER_PATTERNS) {
    result = result.replace(pattern, (whole, before: string, quote: string, specifier: string) => {
      // A file moved by an earlier run (or by a merge) may hold both kinds: only the stale ones change.
      if (!movedNow.has(file) && resolveFrom(dir, specifier) !== undefined) return whole
      const resolved = oldTarget(oldDir, specifier) ?? resolveFrom(oldDir, specifier)
      if (resolved === undefined) return whole
      const target = MOVES[resolved] ?? resolved
      if (!exists(target)) return whole
      const respelled = respell(specifier, target, resolved, dir)
      return respelled === specifier ? whole : `${before}${quote}${respelled}${quote}`
    })
  }
  return result
}

/** A specifier that names a moved file by its old path (which no longer exists). */
function oldTarget(dir: string, specifier: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir, specifier))
  const candidates = /\.(m|c)?js$/.test(joined)
    ? [joined.replace(/\.(m|c)?js$/, '.$1ts'), joined]
    : [joined, `${joined}.ts`, `${joined}.js`, `${joined}/index.ts`]
  return candidates.find(candidate => MOVES[candidate] !== undefined)
}

/** Old mention → new mention, longest first: full paths and src/-relative paths (`core/plan.ts`). */
function mentionTable(): [string, string][] {
  const pairs = new Map<string, string>(Object.entries(FOLDER_MENTIONS))
  for (const [from, to] of Object.entries(MOVES)) {
    pairs.set(from, to)
    // A root file's src/-relative form is its bare name: ambiguous once moved (see the top of this file).
    if (from.startsWith('src/') && to.startsWith('src/') && from.slice(4).includes('/')) {
      pairs.set(from.slice(4), to.slice(4))
    }
  }
  return [...pairs].sort(([a], [b]) => b.length - a.length)
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const mentions = mentionTable()
const mentionPattern = new RegExp(
  `(?<![\\w./@-])(${mentions.map(([from]) => escape(from)).join('|')})(?![\\w-])`,
  'g'
)
const mentionOf = new Map(mentions)
const quotedPattern = new RegExp(
  `(?<=[\`'"])(${Object.keys(QUOTED_FOLDER_MENTIONS).map(escape).join('|')})`,
  'g'
)

/** Splits off the kept regions (odd indexes) from the rest (even indexes). */
const KEPT = /(rooms:keep-old-names[\s\S]*?\/rooms:keep-old-names)/

function rewriteMentions(text: string): string {
  return text
    .split(KEPT)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(mentionPattern, (_whole, from: string) => mentionOf.get(from) ?? from)
            .replace(quotedPattern, (_whole, from: string) => QUOTED_FOLDER_MENTIONS[from] ?? from)
    )
    .join('')
}

// 2 and 3. References and mentions.
for (const listedFile of listed) {
  const file = currentOf(listedFile)
  const source = dryRun ? listedFile : file
  if (!TEXT_FILE(file) || !existsSync(source) || !statSync(source).isFile()) continue
  const before = readFileSync(source, 'utf8')
  let after = CODE.test(file) ? rewriteSpecifiers(file, before) : before
  after = rewriteMentions(after)
  if (after !== before) {
    changed.add(file)
    if (!dryRun) writeFileSync(file, after)
  }
}

// Rewritten paths change line lengths: the changed files go through the project's prettier (its ignore
// file decides which), so the result passes `prettier --check .` as the rest of the repository does.
if (!dryRun && changed.size > 0) {
  execFileSync(
    path.join('node_modules', '.bin', 'prettier'),
    ['--write', '--ignore-unknown', '--log-level', 'warn', ...changed],
    {
      stdio: 'inherit'
    }
  )
}

console.log(changed.size === 0 ? 'no references to rewrite' : `rewrote references in ${changed.size} files:`)
for (const file of [...changed].sort()) console.log(`  ${file}`)
