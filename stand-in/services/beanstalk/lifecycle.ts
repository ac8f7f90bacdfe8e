// The environment state machine. Every operation runs as a background task:
//   CreateEnvironment:   Launching/Grey → deploy → Ready/Green (or Ready/Red)
//   UpdateEnvironment:   Updating/Grey with the new label → deploy or reconfigure → Ready/Green (or
//                        Ready/Red, old version back); then the dynamics' health phases (dynamics.ts)
//   AbortEnvironmentUpdate: Updating → Aborting → Ready (old version kept)
//   TerminateEnvironment: Terminating → Terminated/Grey (app stopped)
// Delays are `transitionMs` × faults.slowTransitions. close() aborts them all.

import { randomBytes } from 'node:crypto'
import type { StandInContext } from '../../context.js'
import { loadDeployableBundle } from './bundle.js'
import type { Deployer } from './deployer.js'
import { type DynamicsSettings, type HealthPhase, healthTransitionMessage } from './dynamics.js'
import type { EventLog } from './events.js'
import { type BeanstalkFaults, appliesTo } from './faults.js'
import {
  APPLICATION_NAMESPACE,
  type BeanstalkState,
  ENVIRONMENT_PROPERTIES_NAMESPACE,
  ENVIRONMENT_SECRETS_NAMESPACE,
  type Environment,
  type HealthColor,
  type HealthStatus,
  type Severity,
  optionValue
} from './model.js'
import { TaskDefinitionError, registerTaskDefinition } from './task-definition.js'

export const FAILED_DEPLOY_MESSAGE = 'Failed to deploy application.'
const ABORTED_DEPLOY_MESSAGE =
  'During an aborted deployment, some instances may have deployed the new application version. ' +
  'To ensure all instances are running the same version, re-deploy the appropriate application version.'
// ERROR severity on AWS; the text is the one the EB CLI raises on (event.launchbad,
// https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/resources/strings.py#L1044).
const CREATE_WITH_ERRORS_MESSAGE =
  'Create environment operation is complete, but with errors. For more information, see troubleshooting documentation.'

class Aborted extends Error {}

interface Operation {
  kind: 'launch' | 'update' | 'terminate'
  controller: AbortController
  /** The version being deployed, if any (DeleteApplicationVersion refuses it). */
  versionLabel?: string | undefined
  done: Promise<void>
}

/** event.failedupdate in the EB CLI's strings (docs/deploy-decision.md). */
export const REVERTED_MESSAGE = 'The environment was reverted to the previous configuration setting.'

export interface LifecycleOptions {
  transitionMs: number
  dynamics: DynamicsSettings
  /** How often a stuck update looks whether its fault was cleared. */
  pollMs?: number
}

export function randomInstanceId(): string {
  return `i-${randomBytes(9).toString('hex').slice(0, 17)}`
}

/**
 * The paths the load balancer checks: `Application Healthcheck URL` ("/up" or "HTTP:80/up") and the default
 * process's `HealthCheckPath` (an Application Load Balancer's target group path), each when set; neither: "/".
 */
export function healthCheckPaths(environment: Environment): string[] {
  const settings = environment.optionSettings
  const url = optionValue(settings, APPLICATION_NAMESPACE, 'Application Healthcheck URL')
  const fromUrl = url ? /^(?:[A-Za-z]+:\d+)?(\/.*)$/.exec(url)?.[1] : undefined
  const processPath = optionValue(
    settings,
    'aws:elasticbeanstalk:environment:process:default',
    'HealthCheckPath'
  )
  const paths = [fromUrl, processPath?.startsWith('/') ? processPath : undefined].filter(
    (path): path is string => path !== undefined
  )
  return paths.length > 0 ? [...new Set(paths)] : ['/']
}

/**
 * Which answers the environment's load balancer counts as healthy, as AWS documents it: an Application Load
 * Balancer's MatcherHTTPCode of the default process (default "200"; "200,202" or "200-299",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html), a Classic Load
 * Balancer's "200 OK" only, a Network Load Balancer's MatcherHTTPCode (default "200-399"). A single instance has
 * no load balancer: the stand-in keeps "the page served" (2xx/3xx). Written apart from the action's reading
 * (src/core/health-check.ts) so the two check each other.
 */
export function healthyStatus(environment: Environment): (status: number) => boolean {
  const settings = environment.optionSettings
  const between = (low: number, high: number) => (status: number) => status >= low && status <= high
  if (optionValue(settings, 'aws:elasticbeanstalk:environment', 'EnvironmentType') === 'SingleInstance')
    return between(200, 399)
  const type = optionValue(settings, 'aws:elasticbeanstalk:environment', 'LoadBalancerType') ?? 'application'
  if (type === 'classic') return between(200, 200)
  const matcher = optionValue(settings, 'aws:elasticbeanstalk:environment:process:default', 'MatcherHTTPCode')
  if (!matcher) return type === 'network' ? between(200, 399) : between(200, 200)
  const ranges = matcher.split(',').map(part => {
    const [low = 0, high = low] = part.split('-').map(code => Number(code.trim()))
    return between(low, high)
  })
  return status => ranges.some(inRange => inRange(status))
}

export class Lifecycle {
  private readonly operations = new Map<string, Operation>()
  /** Pending health-phase timers per environment id (cancelled by the next operation). */
  private readonly settling = new Map<string, NodeJS.Timeout>()
  /** The label an environment ran before the update in flight (restored when the update fails or is aborted). */
  private readonly previousLabels = new Map<string, string | undefined>()
  private closed = false

  constructor(
    private readonly ctx: StandInContext,
    private readonly state: BeanstalkState,
    private readonly events: EventLog,
    private readonly deployer: Deployer,
    private readonly faults: BeanstalkFaults,
    private readonly options: LifecycleOptions
  ) {}

  /** The version label an in-flight operation is deploying, per environment id. */
  deployingVersions(): { environmentId: string; versionLabel: string }[] {
    return [...this.operations.entries()]
      .filter(([, operation]) => operation.versionLabel !== undefined)
      .map(([environmentId, operation]) => ({
        environmentId,
        versionLabel: operation.versionLabel as string
      }))
  }

  /** Labels updating environments ran before the update in flight (still serving until it ends). */
  replacedVersions(): string[] {
    return [...this.previousLabels.entries()]
      .filter(([environmentId]) => this.operations.has(environmentId))
      .flatMap(([, label]) => (label === undefined ? [] : [label]))
  }

  launch(environment: Environment, requestId: string): void {
    this.emit(environment, 'INFO', 'createEnvironment is starting.', requestId)
    this.start(environment, 'launch', environment.versionLabel, async signal => {
      await this.sleep(signal)
      if (!environment.versionLabel) {
        this.ready(environment, [])
      } else {
        const result = await this.deploy(environment, environment.versionLabel, signal, requestId)
        if (!result.healthy) {
          this.emitFailure(environment, requestId, false)
          this.emit(environment, 'ERROR', CREATE_WITH_ERRORS_MESSAGE, requestId)
          this.ready(environment, result.causes)
          return
        }
      }
      this.emit(environment, 'INFO', `Successfully launched environment: ${environment.name}`, requestId)
    })
  }

  /** A deploy when versionLabel is given, otherwise a configuration update (apps restart with new properties). */
  update(environment: Environment, versionLabel: string | undefined, requestId: string): void {
    this.cancelSettling(environment.id)
    const previous = environment.versionLabel
    this.setStatus(environment, 'Updating', true)
    if (versionLabel) {
      // botocore examples-1.json, UpdateEnvironment: the answer already says Updating, Health Grey ("health
      // checks are suspended during an UpdateEnvironment", service-2.json) and the NEW VersionLabel.
      this.previousLabels.set(environment.id, previous)
      environment.versionLabel = versionLabel
      environment.health = 'Grey'
      environment.healthStatus = 'Pending'
    }
    this.emit(environment, 'INFO', 'Environment update is starting.', requestId)
    this.start(environment, 'update', versionLabel, async signal => {
      await this.sleep(signal)
      while (appliesTo(this.faults.stuckUpdating, environment.name))
        await this.sleep(signal, this.options.pollMs ?? 50)
      if (versionLabel) {
        this.emit(environment, 'INFO', 'Deploying new version to instance(s).', requestId, versionLabel)
        if (appliesTo(this.faults.revert, environment.name)) {
          this.faults.revert = undefined
          await this.sleep(signal)
          environment.versionLabel = previous
          this.emit(environment, 'ERROR', REVERTED_MESSAGE, requestId, versionLabel)
          this.ready(environment, [])
          return
        }
        const result = await this.deploy(environment, versionLabel, signal, requestId)
        if (!result.healthy) {
          environment.versionLabel = previous
          this.emitFailure(environment, requestId, true, versionLabel)
          this.ready(environment, result.causes)
          return
        }
        this.emit(
          environment,
          'INFO',
          'New application version was deployed to running EC2 instances.',
          requestId
        )
        const failureEvent = this.faults.failureEvent
        if (failureEvent && appliesTo(failureEvent.environment, environment.name)) {
          this.faults.failureEvent = undefined
          this.emit(environment, failureEvent.severity ?? 'ERROR', failureEvent.message, requestId)
          if (!failureEvent.completes) return
        }
      } else {
        this.emit(
          environment,
          'INFO',
          `Updating environment ${environment.name}'s configuration settings.`,
          requestId
        )
        if (environment.versionLabel && this.deployer.endpoint(environment.id)) {
          const result = await this.deploy(environment, environment.versionLabel, signal, requestId)
          if (!result.healthy) {
            this.emitFailure(environment, requestId, true)
            this.ready(environment, result.causes)
            return
          }
        }
        this.emit(environment, 'INFO', 'Successfully deployed new configuration to environment.', requestId)
        // Health stays what it was: a configuration change does not heal a Red environment.
        this.setStatus(environment, 'Ready', false)
      }
      this.emit(environment, 'INFO', 'Environment update completed successfully.', requestId)
      if (versionLabel) this.settle(environment, this.phasesAfterDeploy(environment))
    })
  }

  /** True when an abortable update was running and is now being aborted. */
  abort(environment: Environment, requestId: string): boolean {
    const operation = this.operations.get(environment.id)
    if (!operation || operation.kind !== 'update' || !environment.abortable) return false
    this.setStatus(environment, 'Aborting', false)
    this.emit(environment, 'INFO', 'Aborting the environment update.', requestId)
    operation.controller.abort(new Aborted())
    // Not awaited: AbortEnvironmentUpdate answers at once, as Beanstalk's does, and the rollback lands later.
    // `done` never rejects (start() catches the body's failure), so nothing is lost.
    void operation.done.then(() => {
      if (operation.versionLabel !== undefined)
        environment.versionLabel = this.previousLabels.get(environment.id)
      this.emit(
        environment,
        'INFO',
        'Environment update was aborted; the previous version keeps running.',
        requestId
      )
      this.setStatus(environment, 'Ready', false)
    })
    return true
  }

  terminate(environment: Environment, requestId: string): void {
    this.cancelSettling(environment.id)
    const running = this.operations.get(environment.id)
    running?.controller.abort(new Aborted())
    this.setStatus(environment, 'Terminating', false)
    this.emit(environment, 'INFO', 'terminateEnvironment is starting.', requestId)
    const previous = running?.done ?? Promise.resolve()
    // Not awaited: TerminateEnvironment answers at once and the environment terminates in the background.
    // `previous` never rejects (start() catches), and start() catches the termination's own failure.
    void previous.then(() =>
      this.start(environment, 'terminate', undefined, async signal => {
        await this.sleep(signal)
        await this.deployer.stop(environment.id)
        environment.loopbackEndpoint = undefined
        environment.health = 'Grey'
        environment.healthStatus = 'Unknown'
        environment.causes = []
        environment.healthRefreshedAt = new Date()
        environment.terminatedAt = new Date()
        this.setStatus(environment, 'Terminated', false)
        this.emit(environment, 'INFO', 'terminateEnvironment completed successfully.', requestId)
      })
    )
  }

  isBusy(environmentId: string): boolean {
    return this.operations.has(environmentId)
  }

  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.settling.values()) clearTimeout(timer)
    this.settling.clear()
    for (const operation of this.operations.values()) operation.controller.abort(new Aborted())
    await Promise.all([...this.operations.values()].map(operation => operation.done))
    await this.deployer.close()
  }

  private start(
    environment: Environment,
    kind: Operation['kind'],
    versionLabel: string | undefined,
    body: (signal: AbortSignal) => Promise<void>
  ): void {
    if (this.closed) return
    const controller = new AbortController()
    const done = body(controller.signal)
      .catch(error => {
        if (error instanceof Aborted) return
        this.ctx.log(
          `beanstalk: ${kind} of ${environment.name} failed: ${(error as Error).stack ?? String(error)}`
        )
        this.emit(environment, 'ERROR', `Service error: ${(error as Error).message}`)
        this.ready(environment, [(error as Error).message])
      })
      .finally(() => {
        if (this.operations.get(environment.id)?.controller === controller)
          this.operations.delete(environment.id)
      })
    this.operations.set(environment.id, { kind, controller, versionLabel, done })
  }

  /**
   * Reads the version's Dockerrun, registers its task definition (ECS's
   * rules), deploys it and, when healthy, switches the environment to it.
   * Aborts discard the candidate.
   */
  private async deploy(
    environment: Environment,
    versionLabel: string,
    signal: AbortSignal,
    requestId: string
  ): Promise<{ healthy: boolean; causes: string[] }> {
    const version = this.state.versionsOf(environment.applicationName).get(versionLabel)
    // A version deleted while the environment runs it (AWS allows that): nothing left to deploy. Real text unknown.
    if (!version) return { healthy: false, causes: [`Application version ${versionLabel} no longer exists.`] }
    const bundle = await loadDeployableBundle(this.ctx.s3, version.bucket, version.key)
    if (!bundle.ok) {
      this.emit(environment, 'ERROR', bundle.reason, requestId, versionLabel)
      return { healthy: false, causes: [bundle.reason] }
    }
    let task
    try {
      task = registerTaskDefinition(bundle.dockerrun)
    } catch (error) {
      if (!(error instanceof TaskDefinitionError)) throw error
      // ECS's own text after the exception name, as botocore prints it; the Beanstalk prefix is not
      // publicly documented (real text unknown).
      const message = `Failed to register the ECS task definition: ${error.code}: ${error.message}`
      this.emit(environment, 'ERROR', message, requestId, versionLabel)
      return { healthy: false, causes: [message] }
    }
    let environmentVariables: Record<string, string>
    try {
      environmentVariables = await this.environmentVariables(environment)
    } catch (error) {
      return {
        healthy: false,
        causes: [`Unable to resolve environment secrets: ${(error as Error).message}`]
      }
    }
    const candidate = await this.deployer.prepare({
      environment,
      versionLabel,
      task,
      files: bundle.files,
      environmentVariables,
      healthCheckPaths: healthCheckPaths(environment),
      healthyStatus: healthyStatus(environment)
    })
    if (signal.aborted) {
      await candidate.discard()
      throw new Aborted()
    }
    if (appliesTo(this.faults.forceRed, environment.name)) {
      this.faults.forceRed = undefined
      await candidate.discard()
      return { healthy: false, causes: [FAILED_DEPLOY_MESSAGE] }
    }
    if (!candidate.healthy) {
      await candidate.discard()
      return { healthy: false, causes: candidate.causes }
    }
    await candidate.promote()
    environment.versionLabel = versionLabel
    environment.loopbackEndpoint = this.deployer.endpoint(environment.id)
    this.ready(environment, [])
    return { healthy: true, causes: [] }
  }

  /** Properties as they are, plus secrets resolved from their Secrets Manager / SSM ARNs. */
  private async environmentVariables(environment: Environment): Promise<Record<string, string>> {
    const variables: Record<string, string> = {}
    for (const setting of environment.optionSettings) {
      if (setting.Namespace === ENVIRONMENT_PROPERTIES_NAMESPACE)
        variables[setting.OptionName] = setting.Value
    }
    for (const setting of environment.optionSettings) {
      if (setting.Namespace === ENVIRONMENT_SECRETS_NAMESPACE) {
        variables[setting.OptionName] = await this.ctx.resolveSecret(setting.Value)
      }
    }
    return variables
  }

  private ready(environment: Environment, causes: string[]): void {
    environment.causes = causes
    environment.healthRefreshedAt = new Date()
    environment.health = causes.length === 0 ? 'Green' : 'Red'
    environment.healthStatus = causes.length === 0 ? 'Ok' : 'Severe'
    this.setStatus(environment, 'Ready', false)
    if (causes.length === 0)
      (environment.turnedGreen ??= []).push({
        at: environment.updated,
        versionLabel: environment.versionLabel
      })
  }

  /** The next deploy's override (faults.healthAfterDeploy, consumed), else the service's dynamics. */
  private phasesAfterDeploy(environment: Environment): HealthPhase[] {
    const override = this.faults.healthAfterDeploy
    if (override && appliesTo(override.environment, environment.name)) {
      this.faults.healthAfterDeploy = undefined
      return override.phases
    }
    return this.options.dynamics.afterDeploy
  }

  /**
   * Health after a completed update: each phase for its time, then Green / Ok. A phase without a duration
   * stays (until the next operation). The environment is Ready throughout, as on AWS.
   */
  private settle(environment: Environment, phases: HealthPhase[]): void {
    if (phases.length === 0) return
    environment.turnedGreen?.pop() // not Green yet after all
    // The health the update showed (Pending): the deploy's own Green / Ok never reached a client.
    environment.healthStatus = 'Pending'
    let index = 0
    const next = (): void => {
      this.settling.delete(environment.id)
      const phase = phases[index++]
      if (!phase) {
        this.setHealth(environment, 'Green', 'Ok', [])
        ;(environment.turnedGreen ??= []).push({ at: new Date(), versionLabel: environment.versionLabel })
        return
      }
      this.setHealth(environment, phase.color, phase.status, phase.causes)
      if (phase.ms !== undefined) this.settling.set(environment.id, setTimeout(next, phase.ms))
    }
    next()
  }

  private cancelSettling(environmentId: string): void {
    const timer = this.settling.get(environmentId)
    if (timer) clearTimeout(timer)
    this.settling.delete(environmentId)
  }

  /** A health change enhanced health reports, with its event (no request id: health events carry none). */
  private setHealth(
    environment: Environment,
    color: HealthColor,
    status: HealthStatus,
    causes: string[]
  ): void {
    if (status !== environment.healthStatus) {
      const worse = status === 'Warning' || status === 'Degraded' || status === 'Severe'
      this.emit(
        environment,
        worse ? 'WARN' : 'INFO',
        healthTransitionMessage(environment.healthStatus, status, causes)
      )
    }
    environment.health = color
    environment.healthStatus = status
    environment.causes = causes
    environment.healthRefreshedAt = new Date()
  }

  private emitFailure(
    environment: Environment,
    requestId: string,
    aborted: boolean,
    versionLabel?: string
  ): void {
    this.emit(
      environment,
      'ERROR',
      `Unsuccessful command execution on instance id(s) '${environment.instanceId}'. Aborting the operation.`,
      requestId,
      versionLabel
    )
    this.emit(environment, 'ERROR', FAILED_DEPLOY_MESSAGE, requestId, versionLabel)
    if (aborted) this.emit(environment, 'ERROR', ABORTED_DEPLOY_MESSAGE, requestId, versionLabel)
  }

  private setStatus(environment: Environment, status: Environment['status'], abortable: boolean): void {
    environment.status = status
    environment.abortable = abortable
    environment.updated = new Date()
  }

  private emit(
    environment: Environment,
    severity: Severity,
    message: string,
    requestId?: string,
    versionLabel?: string
  ): void {
    this.events.add({
      severity,
      message,
      applicationName: environment.applicationName,
      environmentName: environment.name,
      versionLabel: versionLabel ?? environment.versionLabel,
      requestId
    })
  }

  private sleep(
    signal: AbortSignal,
    ms = this.options.transitionMs * (this.faults.slowTransitions ?? 1)
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Aborted())
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(new Aborted())
      }
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
}
