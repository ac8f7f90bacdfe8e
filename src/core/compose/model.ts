// A compose file, normalised: every short and long syntax the compose
// specification allows is turned into one shape, paths resolved against the
// workspace, variables interpolated.

export interface ComposeBuild {
  /** Workspace-relative build context. */
  context: string
  /** Dockerfile path relative to the context. */
  dockerfile: string
  args: Record<string, string>
  target?: string
}

/** An environment value: written as is, or left to the Beanstalk environment at run time. */
export type EnvValue =
  | { kind: 'literal'; value: string }
  /** `FOO` with no value, or exactly `${FOO}`: compose takes it from the shell; on Beanstalk, from the environment's properties. */
  | { kind: 'runtime'; variable: string }

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
}

export interface ComposeService {
  name: string
  build?: ComposeBuild
  image?: string
  command?: string[]
  entrypoint?: string[]
  environment: Record<string, EnvValue>
  ports: ComposePort[]
  links: { service: string; alias?: string }[]
  dependsOn: string[]
  volumes: ComposeMount[]
  /** Hard memory limit in bytes. */
  memoryLimit?: number
  /** Soft memory reservation in bytes. */
  memoryReservation?: number
  workingDir?: string
  profiles: string[]
  /** Declared only to be merged into other services through a YAML anchor. */
  templateOnly: boolean
  /** Keys present that have no Beanstalk equivalent (healthcheck, restart, networks…). */
  ignoredKeys: string[]
}

export interface ComposeProject {
  /** Workspace-relative folder of the compose file ("." for the root). */
  directory: string
  services: Record<string, ComposeService>
  namedVolumes: string[]
  /** Format facts worth telling the user (legacy v1 file, `version:` key ignored…). */
  notes: string[]
}
