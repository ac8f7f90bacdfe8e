import type { SecretReference } from './dockerrun-types.js'
import type { OptionSetting } from './settings.js'

export const MODES = ['deploy', 'preview', 'rollback', 'plan', 'cleanup'] as const
export type Mode = (typeof MODES)[number]

/** How the user named the managed replacement of a compose backing service. */
export type BackingInput =
  /** Empty input: replace when the compose file has the service, resolve nothing. */
  | { kind: 'unset' }
  /** `none`: keep nothing, inject nothing. */
  | { kind: 'none' }
  /** An RDS instance or ElastiCache cluster / replication group identifier. */
  | { kind: 'identifier'; id: string }
  /** An explicit endpoint URL such as postgres://app@db.internal:5432/app. */
  | { kind: 'endpoint'; url: string }

export interface ActionConfig {
  mode: Mode
  application: string
  /** Target environments (one or more). For previews, the derived preview name. */
  environments: string[]
  /** Environments given their own subset of services (`name: worker`); the others deploy `services`. */
  environmentServices: Record<string, string[]>
  region?: string
  composeFile: string
  /** Compose services to deploy; undefined = every buildable/image service not replaced by RDS/ElastiCache. */
  services?: string[]
  database: BackingInput
  cache: BackingInput
  databaseEnv: string
  databasePasswordEnv: string
  cacheEnv: string
  secrets: SecretReference[]
  /** Runner variables the workflow named: the only ones interpolated into the bundle (core/runner-variables.ts). */
  runnerVariables: string[]
  /** Environment properties and option settings from the workflow (environment-variables, option-settings). */
  settings: OptionSetting[]
  executionRoleArn?: string
  ecrRepositoryPrefix: string
  ecrTagMutability: 'MUTABLE' | 'IMMUTABLE'
  ecrKeepImages: number
  /** The version to create; for a rollback, the one to go back to ('' = the last Green before the current). */
  versionLabel: string
  versionDescription: string
  bucket?: string
  /** False: stop once Beanstalk accepted the update (no health wait, no automatic rollback). */
  wait: boolean
  waitTimeoutMs: number
  /** wait-timeout left out: a deploy's wait follows the environment's deployment policy (20m is the shortest). */
  waitTimeoutByPolicy: boolean
  allowYellow: boolean
  /** health-recovery-window: how long Red / Yellow / Grey may settle after an update completes (docs/deploy-decision.md). */
  healthRecoveryMs: number
  autoRollback: boolean
  smokeTest: 'auto' | 'true' | 'false'
  smokeTestPath: string
  /** True when smoke-test-path is not the default "/": the workflow chose it, and it is checked beside the environment's health-check path (otherwise that path replaces "/"). */
  smokeTestPathGiven?: boolean
  previewBaseEnvironment?: string
  keepVersions: number
  defaultMemoryReservation: number
  proxyService?: string
  logDriver: 'awslogs' | 'json-file' | 'none'
  logGroup?: string
  solutionStack?: string
  build: boolean
  /** The buildx builder to build with (the `builder` input); undefined = buildx's current builder. */
  builder?: string
  /** The `platform` input (linux/amd64 or linux/arm64): overrides the architecture of the environments' instance types. */
  platform?: string
  githubToken?: string
  /** Mask the account id of the credentials in the log and the summary (configure-aws-credentials' input of that name). */
  maskAwsAccountId: boolean
  commitSha: string
  /**
   * A run that builds a pull request's content writes a build cache of its own (`buildcache-pr12`) and only reads
   * the shared one: a pull request must not put layers where production's next build finds them.
   */
  buildCacheScope?: string
}

/** What the action knows of the workflow run (from the Actions runtime). */
export interface RunContext {
  eventName: string
  sha: string
  repository?: string
  runId?: string
  serverUrl?: string
  pullRequest?: {
    number: number
    headSha: string
    headRepository?: string
    baseRepository?: string
    /** The event's action: opened, synchronize, reopened, closed… (previews are removed on closed). */
    action?: string
  }
  /** The pull request an issue_comment was written on (its number), when it was written on one. */
  commentedPullRequest?: number
  /** The run a workflow_run event follows: where its code came from. */
  workflowRun?: {
    event: string
    headRepository?: string
    repository?: string
  }
}
