// The Dockerrun.aws.json v2 document, as the Elastic Beanstalk ECS platform
// reads it. Keys follow ECS task-definition container definitions.

export interface DockerrunVolume {
  name: string
  host: { sourcePath: string }
}

export interface PortMapping {
  hostPort: number
  containerPort: number
  protocol?: 'tcp' | 'udp'
}

export interface MountPoint {
  sourceVolume: string
  containerPath: string
  readOnly?: boolean
}

export interface KeyValue {
  name: string
  value: string
}

/** A value the platform resolves at container start (Secrets Manager or SSM). */
export interface SecretReference {
  name: string
  valueFrom: string
}

export interface LogConfiguration {
  logDriver: string
  options?: Record<string, string>
}

/** ECS container dependency; COMPLETE and SUCCESS need the dependency to be non-essential. */
export interface ContainerDependency {
  containerName: string
  condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY'
}

export interface HealthCheckDefinition {
  command: string[]
  interval?: number
  timeout?: number
  retries?: number
  startPeriod?: number
}

export interface LinuxParameters {
  capabilities?: { add?: string[]; drop?: string[] }
  initProcessEnabled?: boolean
  sharedMemorySize?: number
  tmpfs?: { containerPath: string; size: number; mountOptions?: string[] }[]
}

export interface ContainerDefinition {
  name: string
  image: string
  essential?: boolean
  memory?: number
  memoryReservation?: number
  portMappings?: PortMapping[]
  links?: string[]
  environment?: KeyValue[]
  secrets?: SecretReference[]
  command?: string[]
  entryPoint?: string[]
  workingDirectory?: string
  mountPoints?: MountPoint[]
  volumesFrom?: { sourceContainer: string; readOnly?: boolean }[]
  logConfiguration?: LogConfiguration
  dockerLabels?: Record<string, string>
  dependsOn?: ContainerDependency[]
  user?: string
  hostname?: string
  extraHosts?: { hostname: string; ipAddress: string }[]
  ulimits?: { name: string; softLimit: number; hardLimit: number }[]
  healthCheck?: HealthCheckDefinition
  linuxParameters?: LinuxParameters
  stopTimeout?: number
  readonlyRootFilesystem?: boolean
  privileged?: boolean
  systemControls?: { namespace: string; value: string }[]
  dnsServers?: string[]
  dnsSearchDomains?: string[]
  dockerSecurityOptions?: string[]
  interactive?: boolean
  pseudoTerminal?: boolean
  cpu?: number
}

export interface DockerrunV2 {
  AWSEBDockerrunVersion: 2
  executionRoleArn?: string
  volumes?: DockerrunVolume[]
  containerDefinitions: ContainerDefinition[]
}
