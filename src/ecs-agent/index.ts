// Runs Dockerrun v2 bundles on a local Docker engine (stand-in deploys, smoke tests).
export { DependencyFailedError, runDockerrun } from './run.js'
export type {
  AddressRecord,
  RunDockerrunOptions,
  RunningApp,
  PublishedPort,
  WaitHealthyOptions
} from './run.js'
export type { ContainerStatus, HealthResult } from './health.js'
export { DockerrunPlanError, planApp } from './docker-argv.js'
