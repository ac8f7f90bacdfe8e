// `npm run stand-in -- [--port 4566] [--data-dir D] [--no-containers] [--simulate-instances] [--no-registry]
//   [--seed-example] [--throttle-rate R] [--fault-seed N] [--server-errors N] [--drop-connections N]
//   [--s3-upload-failures N] [--realistic-health]`
// --realistic-health: after each update health is Red, then Yellow, then Green
// (the 'realistic' dynamics, docs/stand-in.md); by default Green at once.
// --simulate-instances: Beanstalk deploys go Green on a valid task definition
// without running anything (what the benchmarks use); otherwise they need Docker.
// Starts the stand-in, prints `export X=…` lines for clients, and stops
// everything it started on Ctrl-C / SIGTERM.

import { parseArgs } from 'node:util'

import type { FaultSettings } from './faults.js'
import { startStandIn } from './server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    'data-dir': { type: 'string' },
    'no-containers': { type: 'boolean', default: false },
    'simulate-instances': { type: 'boolean', default: false },
    'no-registry': { type: 'boolean', default: false },
    'seed-example': { type: 'boolean', default: false },
    'throttle-rate': { type: 'string' },
    'fault-seed': { type: 'string' },
    'server-errors': { type: 'string' },
    'drop-connections': { type: 'string' },
    's3-upload-failures': { type: 'string' },
    'realistic-health': { type: 'boolean', default: false }
  }
})

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number, got "${text}"`)
  return value
}

const faults: FaultSettings = {}
const throttleRate = integer('throttle-rate', values['throttle-rate'])
if (throttleRate !== undefined) faults.throttle = { rate: throttleRate }
const seed = integer('fault-seed', values['fault-seed'])
if (seed !== undefined) faults.seed = seed
const serverErrors = integer('server-errors', values['server-errors'])
if (serverErrors !== undefined) faults.serverErrors = { count: serverErrors }
const drops = integer('drop-connections', values['drop-connections'])
if (drops !== undefined) faults.dropConnections = { count: drops }
const uploadFailures = integer('s3-upload-failures', values['s3-upload-failures'])
if (uploadFailures !== undefined) faults.s3UploadFailures = uploadFailures

const standIn = await startStandIn({
  port: integer('port', values.port),
  dataDir: values['data-dir'],
  registry: !values['no-registry'],
  runContainers: values['no-containers'] ? false : undefined,
  backing: { seedExample: values['seed-example'] },
  faults,
  beanstalk: {
    ...(values['simulate-instances'] && { instances: 'simulated' as const }),
    ...(values['realistic-health'] && { dynamics: 'realistic' as const })
  },
  log: message => process.stderr.write(`${message}\n`)
})

for (const [name, value] of Object.entries(standIn.env)) process.stdout.write(`export ${name}=${value}\n`)
if (standIn.registry) process.stdout.write(`# registry: ${standIn.registry.host} (docker login -u AWS)\n`)
if (standIn.ctx.backingNetwork) process.stdout.write(`# backing network: ${standIn.ctx.backingNetwork}\n`)

let stopping = false
async function shutDown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  process.stderr.write(`stand-in: ${signal}, stopping\n`)
  await standIn.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutDown('SIGINT'))
process.on('SIGTERM', () => void shutDown('SIGTERM'))
