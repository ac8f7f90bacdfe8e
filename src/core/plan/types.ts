// The typed deploy plan: what the pure core derives from the inputs and the
// compose file, before any I/O. Adapters execute it; renderers turn it into
// the Dockerrun document and the bundle.

import type { ContainerOptions } from '../compose/model.js'
import type { ContainerDependency, MountPoint, PortMapping, SecretReference } from '../dockerrun-types.js'

/** One image to build. Services built from the same context, Dockerfile, args and target share it. */
export interface ImageBuild {
  /** Stable key: the first compose service that uses this image, e.g. "web". */
  id: string
  /** Every compose service that runs this image, e.g. ["web", "worker"]. */
  services: string[]
  /** ECR repository name, e.g. "puppies/web". */
  repository: string
  /** Build context, relative to the workspace (the compose file's folder resolved). */
  context: string
  /** Dockerfile path relative to the context. */
  dockerfile: string
  /** compose's dockerfile_inline: the Dockerfile's text (the build writes it to a file of its own). */
  dockerfileInline?: string
  args: Record<string, string>
  target?: string
}

export type ContainerImage =
  | { kind: 'build'; buildId: string }
  /** A prebuilt `image:` service with no `build:`: deployed as it is. */
  | { kind: 'prebuilt'; ref: string }

export interface ContainerPlan {
  name: string
  image: ContainerImage
  /** False for a one-shot job (migrations, seeds) that others wait for: its exit must not stop the task. */
  essential: boolean
  /** Hard limit in MiB. */
  memory?: number
  /** Soft limit in MiB. */
  memoryReservation?: number
  portMappings: PortMapping[]
  /** Link targets as `name` or `name:alias`. */
  links: string[]
  /** Start order beyond links: after a job succeeded, after a container is healthy. */
  dependsOn: ContainerDependency[]
  /** Literal environment values, written into the Dockerrun (bound variables hold their development value). */
  environment: Record<string, string>
  /** Values resolved by the platform at start; never written as values. */
  secrets: SecretReference[]
  command?: string[]
  entryPoint?: string[]
  workingDirectory?: string
  mountPoints: MountPoint[]
  volumesFrom: { sourceContainer: string; readOnly?: boolean }[]
  /** Container-definition settings read from the compose service (user, ulimits, healthCheck…). */
  options: ContainerOptions
  /** Backing services this container reaches (by link, depends_on or an environment value naming them). */
  uses: BackingRole[]
  /** Variables whose value the managed service decides at deploy (host, URL, user, password…). */
  bindings: BackingBinding[]
  /** Variables whose value came from the runner, `.env` or an env_file: the log shows their names only. */
  sourcedVariables: string[]
}

export type BackingRole = 'database' | 'cache'
export type BackingEngine = 'postgres' | 'mysql' | 'redis' | 'memcached'

/**
 * How a variable takes its value from a managed backing service. `sslmode`: a
 * TLS mode that turns TLS off (sslmode=disable, --ssl-mode=DISABLED), which a
 * managed endpoint serving TLS gets as "encrypt" (require / REQUIRED).
 */
/**
 * What a URL's query parameter holds of the connection (plan/bindings.ts decides, by its name or its development
 * value): libpq and Connector/J let `?user=` and `?dbname=` override the URL's own parts, and NocoDB reads only
 * `?u=&p=&d=`. They take the managed values, and a development password is left out.
 */
export type QueryMember = 'user' | 'database' | 'password' | 'host' | 'port'

export type BindingKind =
  | 'url'
  | 'connection-string'
  | 'host'
  | 'host-port'
  /** A scheme-and-address URL in a host variable (`AUTHELIA_…_ADDRESS: tcp://db:5432`): only host and port change. */
  | 'address'
  | 'port'
  | 'user'
  | 'database'
  | 'password'
  | 'sslmode'

/** The kinds that say where the service is: how an app reaches it. */
export const ADDRESS_KINDS: readonly BindingKind[] = [
  'url',
  'connection-string',
  'host',
  'host-port',
  'address'
]

export interface BackingBinding {
  role: BackingRole
  variable: string
  kind: BindingKind
  /** A URL's query parameters that hold part of the connection (`?user=`, NocoDB's `?u=&p=&d=`). */
  query?: Record<string, QueryMember>
}

/** A secret-looking value written into the bundle in clear, and where it was written. */
export interface ClearSecret {
  container: string
  variable: string
  source: 'compose file' | '.env' | 'env_file'
}

/** Where the managed replacement of a dev-only backing service comes from. */
export type BackingSource =
  | { kind: 'rds'; id: string }
  | { kind: 'elasticache'; id: string }
  | { kind: 'endpoint'; url: string }
  /** The input was left empty: allowed when only rendering a plan. */
  | { kind: 'unset' }

/** A compose service (postgres, redis) replaced by a managed AWS service. */
export interface BackingReplacement {
  role: BackingRole
  /** What the dev service runs (from its image): decides the URL scheme, port and password variable. */
  engine: BackingEngine
  /** The compose service that is dropped, e.g. "db". */
  composeService: string
  /** The environment variable the app reads, e.g. DATABASE_URL. */
  envName: string
  source: BackingSource
  /** The URL the compose file gave the app (user, database name, scheme kept on replacement). */
  devUrl?: string
}

/** A file or folder of the workspace shipped in the bundle (mount sources, .ebextensions, .platform). */
export interface BundleFile {
  /** Path in the workspace. */
  source: string
  /** Path inside the zip. */
  target: string
}

export interface DeployPlan {
  application: string
  environment: string
  versionLabel: string
  images: ImageBuild[]
  containers: ContainerPlan[]
  volumes: { name: string; sourcePath: string }[]
  bundleFiles: BundleFile[]
  backing: BackingReplacement[]
  executionRoleArn?: string
  /** Variables the containers read from the Beanstalk environment at run time (compose `FOO` / `${FOO}`). */
  runtimeVariables: { container: string; name: string }[]
  /** Choices the converter made that a user should know about (dropped mounts, mapped ports…). */
  notes: string[]
  /** Choices that put something at risk (a secret-looking build arg in the image history…). */
  warnings: string[]
  /** Secret-looking values written into the bundle in clear: each a warning, and a row of the summary. */
  clearSecrets?: ClearSecret[]
}
