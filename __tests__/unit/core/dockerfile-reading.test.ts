// Dockerfile arguments read as Docker reads them (new-user trial D2: a quoted
// `WORKDIR "/app"` hid that `./server:/app` mounts what the image holds).
// The expectations come from real builds (fixtures/dockerfile-workdirs);
// the integration test dockerfile-oracle.test.ts rebuilds them.

import { describe, expect, it } from '@jest/globals'
import { workdirOf } from '../../../src/core/compose/dockerfile.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import { workdirCases } from '../../fixtures/dockerfile-workdirs/cases.js'
import { configFor } from './support.js'
import { composeIn } from './workspace-fake.js'

describe('the WORKDIR of the built image, as Docker builds it', () => {
  it.each(workdirCases.map(testCase => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    expect(workdirOf(testCase.dockerfile, testCase.target, testCase.buildArgs) ?? null).toBe(testCase.workdir)
  })
})

const compose = (dockerfile: string) =>
  composeIn(
    'services:\n  api:\n    build:\n      context: ./server\n      dockerfile: Dockerfile.dev\n    ports: ["80:5000"]\n    volumes: ["/app/node_modules", "./server:/app"]\n',
    { files: { 'compose.yaml': '', 'server/Dockerfile.dev': dockerfile, 'server/index.js': '' } }
  )
const planOf = (dockerfile: string) =>
  buildPlan(configFor({ database: 'none', cache: 'none' }), compose(dockerfile))

describe('a source bind mount over what the image holds (trial D2, app multi-docker)', () => {
  // Shapes the trial did not use: each puts the context at /app as Docker reads it.
  const copiesToApp = [
    'FROM node:16-alpine\nWORKDIR "/app"\nCOPY ./package.json ./\nRUN npm install\nCOPY . .\nCMD ["npm", "run", "dev"]\n',
    "FROM node\nWORKDIR '/app'\nCOPY . .\n",
    'FROM node\nARG APP_DIR=/app\nWORKDIR ${APP_DIR}\nCOPY . .\n',
    'FROM node\nENV HOME_DIR=/ APP=app\nWORKDIR $HOME_DIR\nWORKDIR "${APP}"\nCOPY . ./\n',
    '# escape=`\nFROM node AS deps\nWORKDIR /app\nFROM deps AS dev\nCOPY . `\n  .\nFROM deps AS prod\nCOPY dist /app/dist\n',
    'FROM node\nWORKDIR /srv\nCOPY ["./", "/app/"]\n'
  ]
  it.each(copiesToApp)('drops ./server:/app and says the image holds node_modules: %s', dockerfile => {
    const text = dockerfile.includes('AS prod')
      ? dockerfile.replace(/FROM deps AS prod[\s\S]*/, '')
      : dockerfile
    const plan = planOf(text)
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'api: bind mount server:/app dropped: the Dockerfile copies the build context to /app, so the image already contains it',
        'api: anonymous volume /app/node_modules dropped: nothing is mounted over /app/node_modules on Beanstalk, so the container uses what the image holds there'
      ])
    )
    expect(plan.warnings).toEqual([])
  })

  it('a source mount that ships over the image: the dropped node_modules volume is a warning saying what the container sees', () => {
    const plan = planOf('FROM node\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\n')
    expect(plan.warnings).toContain(
      "api: anonymous volume /app/node_modules dropped, but the bind mount server:/app ships the checkout's server over /app, so the container sees server/node_modules from the bundle instead of the image's /app/node_modules; copy server into the image at /app (COPY) so that bind mount is dropped too"
    )
    expect(plan.notes.join('\n')).not.toContain('/app/node_modules')
  })

  it('a WORKDIR the text does not tell (relative, on an outside image) is never guessed', () => {
    const plan = planOf('FROM node\nWORKDIR app\nCOPY . .\n')
    expect(plan.notes.join('\n')).not.toContain('bind mount server:/app dropped')
  })
})
