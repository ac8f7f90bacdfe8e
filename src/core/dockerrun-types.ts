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
}

export interface DockerrunV2 {
  AWSEBDockerrunVersion: 2
  executionRoleArn?: string
  volumes?: DockerrunVolume[]
  containerDefinitions: ContainerDefinition[]
}
