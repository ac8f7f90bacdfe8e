// A compose file, normalised: every short and long syntax the compose
// specification allows is turned into one shape, paths resolved against the
// workspace, variables interpolated (and where each value came from kept).

import type { ContainerDefinition, HealthCheckDefinition, LinuxParameters } from '../dockerrun-types.js'

/** What a build's Dockerfile puts into the image from the build context (its final stage). */
export interface ImageContents {
  /** COPY / ADD from the context: context-relative sources (globs allowed) → absolute destination. */
  copies: { sources: string[]; destination: string }[]
  /** `.dockerignore` patterns: context paths that never reach the image. */
  ignore: string[]
  /** The image the built stage starts from (through the stages it builds on), e.g. postgres:15. */
  baseImage?: string
}

export interface ComposeBuild {
  /** Workspace-relative build context. */
  context: string
  /** Dockerfile path relative to the context. */
  dockerfile: string
  /** `dockerfile_inline`: the Dockerfile's text, written in the compose file (then `dockerfile` is unused). */
  dockerfileInline?: string
  args: Record<string, string>
  target?: string
  /** Undefined when the Dockerfile could not be read (then mounts of the context are taken as built in). */
  contents?: ImageContents
}

/** A variable a value was interpolated from, and the runner variables behind it. */
export interface VariableUse {
  name: string
  /** Runner variables whose value flowed in: [name] for a runner variable, those a `.env` value used for one from `.env`. */
  runner: string[]
}

/** An environment value: written as is, or left to the Beanstalk environment at run time. */
export type EnvValue =
  | {
      kind: 'literal'
      value: string
      /** Where the value was written: the compose file, or an env_file. */
      origin: 'compose' | 'env_file'
      /** Variables interpolated into it (from the runner or `.env`); empty for a plain literal. */
      variables: VariableUse[]
    }
  /** `FOO` with no value, or exactly `${FOO}`: compose takes it from the shell; on Beanstalk, from the environment's properties. */
  | {
      kind: 'runtime'
      variable: string
      /**
       * The value `.env` gives it, when its name looks secret: never shipped, only compared (a
       * development password found again in another container).
       */
      dotenv?: string
    }

export interface ComposePort {
  hostIp?: string
  hostPort?: number
  containerPort: number
  protocol: 'tcp' | 'udp'
}

export interface ComposeMount {
  type: 'bind' | 'volume' | 'tmpfs'
  /** Workspace-relative path for binds inside the workspace, absolute for host paths, the name for volumes. */
  source?: string
  /** True when a bind source lies outside the workspace (an absolute host path). */
  hostPath?: boolean
  target: string
  readOnly: boolean
  /** tmpfs size in MiB, when given. */
  size?: number
}

/** compose `depends_on` conditions. */
export type DependencyCondition = 'started' | 'healthy' | 'completed'

export interface ComposeDependency {
  service: string
  condition: DependencyCondition
  /** `required: false`: compose starts without it when it is not there. */
  required: boolean
}

/** ECS health check, already in the container-definition shape (seconds). */
export type HealthCheck = HealthCheckDefinition

/**
 * Container settings with an ECS container-definition equivalent, already in
 * the container definition's shape and units (seconds, MiB): the fields of the
 * same name, plus `linuxParameters` flattened and `labels` for dockerLabels.
 */
export type ContainerOptions = Pick<
  ContainerDefinition,
  | 'user'
  | 'hostname'
  | 'extraHosts'
  | 'ulimits'
  | 'healthCheck'
  | 'stopTimeout'
  | 'readonlyRootFilesystem'
  | 'privileged'
  | 'systemControls'
  | 'dnsServers'
  | 'dnsSearchDomains'
  | 'dockerSecurityOptions'
  | 'interactive'
  | 'pseudoTerminal'
  | 'cpu'
> &
  LinuxParameters & {
    labels?: Record<string, string>
  }

export interface ComposeService {
  name: string
  build?: ComposeBuild
  image?: string
  /** compose's `platform:` (e.g. linux/arm64): the platform its image is built for. */
  platform?: string
  command?: string[]
  entrypoint?: string[]
  environment: Record<string, EnvValue>
  ports: ComposePort[]
  /** Container ports the service declares with `expose` (reachable by linked containers). */
  expose: number[]
  links: { service: string; alias?: string }[]
  /**
   * Names compose's network also resolves to this service: its container_name and network aliases. An app that
   * writes one as a host means this service (on Beanstalk it is linked under that name).
   */
  otherNames: string[]
  dependsOn: ComposeDependency[]
  volumes: ComposeMount[]
  volumesFrom: { service: string; readOnly: boolean }[]
  /** The env_files read into `environment` (workspace paths): their values reach the container as variables. */
  envFiles: string[]
  /** Hard memory limit in bytes. */
  memoryLimit?: number
  /** Soft memory reservation in bytes. */
  memoryReservation?: number
  /** The keys the memory values were written under (mem_limit, deploy.resources.limits.memory…), for messages. */
  memoryKeys: { limit?: string; reservation?: string }
  workingDir?: string
  /** compose's restart policy ("no", "always", "on-failure", "unless-stopped"), when the file sets one. */
  restart?: string
  profiles: string[]
  /** Carries a YAML anchor that other services merge (`app: &app` … `<<: *app`). */
  anchored: boolean
  options: ContainerOptions
  /** Keys (or parts of them) with no container-definition equivalent, each with why. */
  dropped: { key: string; reason: string }[]
  /** Adjustments made reading the service (a health-check interval raised to ECS's minimum…). */
  notes: string[]
  /** Build args whose name or value looks secret: they stay readable in the image history. */
  secretBuildArgs: string[]
}

/** Read access to the workspace for the planner (shipped config files are read for the names they use). */
export interface WorkspaceFiles {
  /**
   * A workspace-relative file's text; undefined when it is not a readable file,
   * or is larger than `skipOver` bytes when that is given (a scan for names
   * skips what is too big to be a config file instead of failing on it).
   */
  readFile(path: string, skipOver?: number): string | undefined
  /**
   * Workspace-relative paths of the files under a folder (recursively, at most
   * `limit` of them); undefined when the path is not a folder. Without it,
   * folders are taken to exist and hold nothing to read.
   */
  listFolder?(path: string, limit: number): string[] | undefined
}

export interface ComposeProject {
  /** Workspace-relative folder of the compose file ("." for the root). */
  directory: string
  services: Record<string, ComposeService>
  namedVolumes: string[]
  /** Profiles compose would run (COMPOSE_PROFILES; "" stands for "no profile selected"). */
  activeProfiles: string[]
  /** Format facts worth telling the user (legacy v1 file, `version:` key ignored…). */
  notes: string[]
  files: WorkspaceFiles
}
