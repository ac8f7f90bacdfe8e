// Plan rendering at scale: a generated compose file with 50 services (db and
// redis replaced by managed endpoints, 16 builds each shared by two services,
// 16 prebuilt images, a proxy) through loadCompose → buildPlan →
// renderDockerrun, beside the example app's 5-service file. Time per render
// and the heap the plan and document keep.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runInNewContext } from 'node:vm'
import v8 from 'node:v8'

import { loadCompose } from '../src/core/compose/load.js'
import { renderDockerrun } from '../src/core/dockerrun.js'
import { parseInputs } from '../src/core/inputs.js'
import { buildPlan } from '../src/core/plan/build-plan.js'
import { PROJECT_ROOT } from '../test-support/run-action.js'
import { median } from './lib/stats.js'

export interface PlanScaleSample {
  name: string
  services: number
  containers: number
  iterations: number
  medianMs: number
  /** Heap kept by one plan + one Dockerrun document (after a full GC). */
  retainedKiB: number
  documentBytes: number
}

export function generateCompose(services: number): string {
  const lines = ['services:']
  const builds = Math.floor((services - 2) / 3)
  const prebuilt = services - 2 - builds * 2
  const env = (index: number): string[] => [
    '    environment:',
    '      DATABASE_URL: postgres://app:app@db:5432/app',
    '      REDIS_URL: redis://redis:6379/0',
    ...Array.from({ length: 8 }, (_, key) => `      SETTING_${key}: value-${index}-${key}`)
  ]
  for (let index = 0; index < builds; index++) {
    for (const role of ['web', 'worker']) {
      lines.push(
        `  ${role}${index}:`,
        '    build:',
        `      context: ./svc${index}`,
        `      args: { FLAVOUR: "${index}" }`,
        `    command: bin/${role} --queue q${index}`,
        ...env(index),
        '    links: [db, redis]',
        '    depends_on: [db, redis]',
        `    mem_limit: ${role === 'web' ? 512 : 256}m`
      )
    }
  }
  for (let index = 0; index < prebuilt; index++) {
    lines.push(
      `  sidecar${index}:`,
      `    image: public.ecr.aws/example/sidecar${index}:1.${index}`,
      ...env(index),
      `    links: [web${index % builds}]`,
      '    mem_reservation: 64m'
    )
    if (index === 0) lines.push("    ports: ['80:8080']")
  }
  lines.push(
    '  db:',
    '    image: postgres:15',
    '    environment: { POSTGRES_PASSWORD: app }',
    '  redis:',
    '    image: redis:7'
  )
  return `${lines.join('\n')}\n`
}

/** ECS runs at most 10 containers per task definition: the generated file deploys ten of its services. */
const GENERATED_DEPLOYED = [
  'web0',
  'web1',
  'web2',
  'web3',
  'web4',
  'worker0',
  'worker1',
  'worker2',
  'worker3',
  'sidecar0'
]

function configFor(composeFile: string) {
  return parseInputs(
    {
      mode: 'plan',
      application: 'bench',
      'compose-file': composeFile,
      ...(composeFile.startsWith('generated/') && { services: GENERATED_DEPLOYED.join(' ') }),
      database: 'postgres://app@app-db.abc123.us-east-1.rds.amazonaws.com:5432/app',
      cache: 'redis://app-cache.abc123.0001.use1.cache.amazonaws.com:6379/0'
    },
    { eventName: 'push', sha: '0123456789abcdef0123456789abcdef01234567', repository: 'example/bench' }
  ).config
}

function renderOnce(composeFile: string, text: string, directory: string) {
  const config = configFor(composeFile)
  const compose = loadCompose({
    path: composeFile,
    text,
    env: {},
    readFile: file => {
      try {
        return readFileSync(path.join(directory, file), 'utf8')
      } catch {
        return undefined
      }
    }
  })
  const plan = buildPlan(config, compose)
  const document = renderDockerrun(plan, { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com' })
  return { compose, plan, document }
}

v8.setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
/** Holds the measured plan alive across the GC that follows it. */
const keep: unknown[] = []

function measure(name: string, composeFile: string, text: string, directory: string, iterations: number) {
  renderOnce(composeFile, text, directory) // warm-up: JIT and module state
  const times: number[] = []
  for (let index = 0; index < iterations; index++) {
    const start = performance.now()
    renderOnce(composeFile, text, directory)
    times.push(performance.now() - start)
  }
  gc()
  const before = process.memoryUsage().heapUsed
  // Twenty copies kept at once, so the figure stands out of the heap's noise.
  for (let copy = 0; copy < 20; copy++) keep.push(renderOnce(composeFile, text, directory))
  gc()
  const retained = (process.memoryUsage().heapUsed - before) / 20
  const kept = keep[0] as ReturnType<typeof renderOnce>
  keep.length = 0
  return {
    name,
    services: Object.keys(kept.compose.services).length,
    containers: kept.document.containerDefinitions.length,
    iterations,
    medianMs: median(times),
    retainedKiB: Math.max(0, retained) / 1024,
    documentBytes: JSON.stringify(kept.document).length
  }
}

export function runPlanScaleBench(iterations = 200): PlanScaleSample[] {
  const generated = generateCompose(50)
  const puppiesFile = 'examples/puppies/docker-compose.yml'
  return [
    measure(
      'examples/puppies',
      puppiesFile,
      readFileSync(path.join(PROJECT_ROOT, puppiesFile), 'utf8'),
      PROJECT_ROOT,
      iterations
    ),
    measure(
      'generated, 50 services (10 deployed)',
      'generated/docker-compose.yml',
      generated,
      PROJECT_ROOT,
      iterations
    )
  ]
}

/**
 * Issue 18.14: a compose file whose mapping has 40 000 keys (27 s with the
 * yaml library's own duplicate-key check; linear now). Median of a few loads.
 */
export function runComposeParseBench(
  keys = 40_000,
  iterations = 5
): { keys: number; bytes: number; medianMs: number } {
  const lines = ['services:', '  web:', '    image: a', '    environment:']
  for (let index = 0; index < keys; index++) lines.push(`      K${index}: v`)
  const text = `${lines.join('\n')}\n`
  const times: number[] = []
  for (let index = 0; index < iterations; index++) {
    const start = performance.now()
    loadCompose({ path: 'docker-compose.yml', text, env: {}, readFile: () => undefined })
    times.push(performance.now() - start)
  }
  return { keys, bytes: Buffer.byteLength(text), medianMs: median(times) }
}
