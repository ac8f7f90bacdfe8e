// What must exist in the account before a deploy can work, as far as it can be told from the inputs, the rendered
// documents and DescribeEnvironments — pure rules, no I/O (the checks that call AWS are in stages/prerequisites.ts):
//
// - the environment runs the ECS platform branch: a multi-container Dockerrun.aws.json v2 deploys only there
//   (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create_deploy_docker_ecs.html); the Docker branch takes
//   a Dockerfile, a docker-compose.yml or a v1 Dockerrun, and fails a v2 one at deploy time, after the build;
// - the task execution role may read each secret passed by reference: secretsmanager:GetSecretValue on a Secrets
//   Manager ARN, ssm:GetParameters on a Parameter Store ARN
//   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html,
//   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html); the managed
//   AmazonECSTaskExecutionRolePolicy grants neither
//   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).

import type { DockerrunV2 } from './dockerrun-types.js'

export interface EnvironmentPlatform {
  EnvironmentName?: string | undefined
  SolutionStackName?: string | undefined
  PlatformArn?: string | undefined
}

/**
 * Whether the environment runs a platform that deploys a Dockerrun v2: the ECS branch ("… running ECS",
 * `platform/ECS running on …`) or the retired Amazon Linux AMI "Multi-container Docker" one. Undefined when
 * DescribeEnvironments names no platform (the check is then left to Beanstalk).
 */
export function runsEcsPlatform(environment: EnvironmentPlatform): boolean | undefined {
  const stack = environment.SolutionStackName ?? ''
  const platform = /:platform\/([^/]+)/.exec(environment.PlatformArn ?? '')?.[1] ?? ''
  if (!stack && !platform) return undefined
  return (
    /running ECS$/.test(stack) ||
    / running Multi-container Docker /.test(stack) ||
    /^ECS running on /.test(platform) ||
    /^Multi-container Docker running on /.test(platform)
  )
}

/** The one line refusing an environment on another platform, or undefined when it runs (or may run) ECS. */
export function platformProblem(environment: EnvironmentPlatform): string | undefined {
  if (runsEcsPlatform(environment) !== false) return undefined
  const platform =
    environment.SolutionStackName ?? /:platform\/(.+)$/.exec(environment.PlatformArn ?? '')?.[1] ?? 'unknown'
  return (
    `${environment.EnvironmentName ?? 'the environment'} runs "${platform}", not the ECS platform branch ` +
    '("… running ECS"): a multi-container Dockerrun v2 deploys only there; create the environment on ' +
    '"ECS running on 64bit Amazon Linux 2023"'
  )
}

/** The IAM action the platform needs to read a secret reference, by the service its ARN names. */
export type SecretReadAction = 'secretsmanager:GetSecretValue' | 'ssm:GetParameters'

export interface SecretRead {
  action: SecretReadAction
  /** The resource as IAM evaluates it: the secret's ARN without a JSON key or version, the parameter's ARN. */
  resource: string
  /** The variables (container/NAME) that receive it. */
  variables: string[]
}

/**
 * A `valueFrom` as IAM sees it. Secrets Manager: `arn:aws:secretsmanager:region:account:secret:name-AbCdEf` with an
 * optional `:json-key:version-stage:version-id` tail, which is not part of the resource. Parameter Store: the
 * parameter's ARN. A bare parameter name (allowed for a parameter in the same region) has no ARN to check.
 */
export function secretRead(valueFrom: string): Omit<SecretRead, 'variables'> | undefined {
  const parts = valueFrom.split(':')
  if (parts[0] !== 'arn' || parts.length < 6) return undefined
  if (parts[2] === 'secretsmanager' && parts[5] === 'secret' && parts[6]) {
    return { action: 'secretsmanager:GetSecretValue', resource: parts.slice(0, 7).join(':') }
  }
  if (parts[2] === 'ssm' && parts[5]?.startsWith('parameter/')) {
    return { action: 'ssm:GetParameters', resource: valueFrom }
  }
  return undefined
}

/** Every secret the documents pass by reference, once per resource, with the variables that receive it. */
export function secretReads(documents: readonly DockerrunV2[]): SecretRead[] {
  const reads = new Map<string, SecretRead>()
  for (const document of documents) {
    for (const container of document.containerDefinitions) {
      for (const secret of container.secrets ?? []) {
        const read = secretRead(secret.valueFrom)
        if (!read) continue
        const key = `${read.action} ${read.resource}`
        const entry = reads.get(key) ?? { ...read, variables: [] }
        const variable = `${container.name}/${secret.name}`
        if (!entry.variables.includes(variable)) entry.variables.push(variable)
        reads.set(key, entry)
      }
    }
  }
  return [...reads.values()]
}
