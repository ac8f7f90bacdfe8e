// Fault injection for resilience tests and demos: throttling at a rate, bursts
// of 5xx answers, dropped connections and failing S3 uploads, each optionally
// limited to one service and/or operation. Rate-based decisions come from a
// seeded PRNG so a run can be replayed exactly. Beanstalk's own knobs (forced
// Red health, stuck Updating, slow transitions) live on the Beanstalk service
// and are passed through untouched.

import { seededRandom, type Random } from './prng.js'
import type { BeanstalkFaults } from './services/beanstalk/index.js'

export interface FaultFilter {
  /** Service as logged in `calls` (e.g. `s3`, `ecr`, `elasticbeanstalk`); all when absent. */
  service?: string
  /** Operation name (e.g. `PutObject`, `DescribeEnvironments`); all when absent. */
  operation?: string
}

export interface ThrottleFault extends FaultFilter {
  /** Probability in [0, 1] that a matching call is throttled. */
  rate: number
}

export interface ServerErrorFault extends FaultFilter {
  /** The next `count` matching calls fail. */
  count: number
  status?: 500 | 503
}

export interface DropFault extends FaultFilter {
  /** The next `count` matching calls have their connection destroyed without an answer. */
  count: number
}

export interface FaultSettings {
  seed?: number
  throttle?: ThrottleFault
  serverErrors?: ServerErrorFault
  dropConnections?: DropFault
  /** The next `count` PutObject / UploadPart calls fail with HTTP 500 InternalError. */
  s3UploadFailures?: number
  /** Passed through to the Beanstalk service's `faults` object (forceRed, stuckUpdating, slowTransitions, …). */
  beanstalk?: Partial<BeanstalkFaults>
}

export type FaultDecision =
  | { kind: 'throttle' }
  | { kind: 'server-error'; status: 500 | 503 }
  | { kind: 'drop' }
  | { kind: 's3-upload-failure' }

export interface FaultLogEntry {
  service: string
  operation: string
  kind: FaultDecision['kind']
}

const S3_UPLOAD_OPERATIONS = new Set(['PutObject', 'UploadPart'])
const DEFAULT_SEED = 1

function matches(filter: FaultFilter, service: string, operation: string): boolean {
  return (
    (!filter.service || filter.service === service) && (!filter.operation || filter.operation === operation)
  )
}

export class FaultInjector {
  /** Every fault injected so far, in order. */
  readonly injected: FaultLogEntry[] = []
  private random: Random = seededRandom(DEFAULT_SEED)
  private throttle: ThrottleFault | undefined
  private serverErrors: ServerErrorFault | undefined
  private dropConnections: DropFault | undefined
  private s3UploadFailures = 0
  private beanstalkFaults?: BeanstalkFaults

  /** Called by the server once the Beanstalk service exists. */
  attachBeanstalk(faults: BeanstalkFaults): void {
    this.beanstalkFaults = faults
  }

  /** The Beanstalk service's own fault object, when that service is wired in. */
  get beanstalk(): BeanstalkFaults | undefined {
    return this.beanstalkFaults
  }

  /** Merges settings: only the keys given change; `null`-like resets go through `clear()`. */
  set(settings: FaultSettings): void {
    if (settings.seed !== undefined) this.random = seededRandom(settings.seed)
    if (settings.throttle) {
      if (settings.throttle.rate < 0 || settings.throttle.rate > 1)
        throw new Error('throttle.rate must be in [0, 1]')
      this.throttle = { ...settings.throttle }
    }
    if (settings.serverErrors) this.serverErrors = { ...settings.serverErrors }
    if (settings.dropConnections) this.dropConnections = { ...settings.dropConnections }
    if (settings.s3UploadFailures !== undefined) this.s3UploadFailures = settings.s3UploadFailures
    if (settings.beanstalk) {
      if (!this.beanstalkFaults)
        throw new Error('Beanstalk faults were set but the Beanstalk service is not wired in')
      Object.assign(this.beanstalkFaults, settings.beanstalk)
    }
  }

  /** Removes every stand-in fault (Beanstalk's knobs are the Beanstalk service's to reset). */
  clear(): void {
    this.throttle = undefined
    this.serverErrors = undefined
    this.dropConnections = undefined
    this.s3UploadFailures = 0
  }

  /** Decides, once per request, whether to inject a fault. Counted faults are consumed here. */
  decide(service: string, operation: string): FaultDecision | undefined {
    const decision = this.pick(service, operation)
    if (decision) this.injected.push({ service, operation, kind: decision.kind })
    return decision
  }

  private pick(service: string, operation: string): FaultDecision | undefined {
    if (
      this.dropConnections &&
      this.dropConnections.count > 0 &&
      matches(this.dropConnections, service, operation)
    ) {
      this.dropConnections.count--
      return { kind: 'drop' }
    }
    if (this.serverErrors && this.serverErrors.count > 0 && matches(this.serverErrors, service, operation)) {
      this.serverErrors.count--
      return { kind: 'server-error', status: this.serverErrors.status ?? 500 }
    }
    if (this.s3UploadFailures > 0 && service === 's3' && S3_UPLOAD_OPERATIONS.has(operation)) {
      this.s3UploadFailures--
      return { kind: 's3-upload-failure' }
    }
    if (this.throttle && matches(this.throttle, service, operation) && this.random() < this.throttle.rate) {
      return { kind: 'throttle' }
    }
    return undefined
  }
}
