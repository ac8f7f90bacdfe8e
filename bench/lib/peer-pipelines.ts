// The pipelines a team would run instead of this action, on one runner,
// against the stand-in (bench/team.ts):
//  - naive: `docker build --no-cache && docker push` of each image, one after
//    the other;
//  - best practice: what docker/build-push-action with a registry cache does,
//    one step per image: `docker buildx build --push` with `--cache-from` and
//    `--cache-to type=registry,mode=max` in ECR (image-manifest=true,
//    oci-mediatypes=true, which ECR needs; --provenance=false, which ECS needs
//    to run an image by digest). build-push-action cannot run without buildx
//    (world a); there the best a team can do is Docker's documented inline
//    cache on the daemon's BuildKit: `docker build --cache-from <cache tag>
//    --build-arg BUILDKIT_INLINE_CACHE=1`, then `docker push` of the image and
//    of the cache tag.
// Both then deploy as AWS's Beanstalk deploy action and
// einaregilsson/beanstalk-deploy do: one PutObject of the bundle,
// CreateApplicationVersion (no processing asked for), UpdateEnvironment, and
// DescribeEnvironments every 10 s until the environment is Ready on the label.
// The bundle is a version our action made, its Dockerrun naming the peer's
// images: rendering one is the peer's job too, so it stays inside the clock.

import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

import type { ECRClient } from '@aws-sdk/client-ecr'
import {
  CreateApplicationVersionCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  type ElasticBeanstalkClient,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

import { createCommandRunner } from '../../src/adapters/docker/command-runner.js'
import { EcrRegistry } from '../../src/adapters/ecr.js'

const execFileAsync = promisify(execFile)
const quiet = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  setSecret: () => undefined
}

export type PeerKind = 'naive' | 'best-practice'

/** The moving tag of the best-practice peer's cache: apart from the action's own `buildcache`. */
export const PEER_CACHE_TAG = 'peer-buildcache'

export interface PeerImage {
  /** ECR repository, e.g. puppies/web. */
  repository: string
  /** Dockerfile, relative to the context. */
  dockerfile: string
}

export interface PeerRunner {
  /** The docker CLI's environment: PATH (the world's CLI first), DOCKER_CONFIG, DOCKER_HOST. */
  env: Record<string, string>
  /** Whether `docker buildx` is there (worlds b and c). */
  buildx: boolean
}

export interface PeerClients {
  ecr: ECRClient
  beanstalk: ElasticBeanstalkClient
  s3: S3Client
}

export interface PeerBuild {
  /** What the peer ran for each image, for the report. */
  how: string
  /** Date.now() when its first command started and when its last build (and push) ended. */
  startedAt: number
  lastBuildAt: number
  /** Seconds building and seconds pushing (for buildx --push, building includes the push). */
  buildSeconds: number
  pushSeconds: number
  /** repository → the reference pushed. */
  images: Map<string, string>
  /** The builds' own output (BuildKit's plain progress), for the time of a step. */
  output: string
  /** Date.now() at the end of each command and call, and what it was. */
  steps: { at: number; what: string }[]
}

export interface PeerDeploy extends PeerBuild {
  label: string
  /** When UpdateEnvironment returned, and when the poll that saw the environment Ready on the label returned. */
  updateAt: number
  noticedAt: number
}

/** The commands the peer runs for one image, in order. */
export function peerCommands(
  kind: PeerKind,
  runner: PeerRunner,
  image: PeerImage,
  tag: string,
  context: string
): string[][] {
  const dockerfile = path.join(context, image.dockerfile)
  const cacheRef = `${tag.slice(0, tag.lastIndexOf(':'))}:${PEER_CACHE_TAG}`
  if (kind === 'naive')
    return [
      [
        'build',
        '--no-cache',
        '--progress=plain',
        // buildx's default provenance attestation turns the push into an image index; the benchmark reads the
        // deployed image's layers, and ECS runs a plain manifest by digest. The 20.10 CLI has no such flag.
        ...(runner.buildx ? ['--provenance=false'] : []),
        '-f',
        dockerfile,
        '-t',
        tag,
        context
      ],
      ['push', tag]
    ]
  if (runner.buildx)
    return [
      [
        'buildx',
        'build',
        '--progress=plain',
        '--provenance=false',
        '--push',
        '--cache-from',
        `type=registry,ref=${cacheRef}`,
        '--cache-to',
        `type=registry,ref=${cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`,
        '-f',
        dockerfile,
        '-t',
        tag,
        context
      ]
    ]
  return [
    [
      'build',
      '--progress=plain',
      '--cache-from',
      cacheRef,
      '--build-arg',
      'BUILDKIT_INLINE_CACHE=1',
      '-f',
      dockerfile,
      '-t',
      tag,
      '-t',
      cacheRef,
      context
    ],
    ['push', tag],
    ['push', cacheRef]
  ]
}

/** A one-line description of the commands, for the report. */
export function peerHow(kind: PeerKind, runner: PeerRunner): string {
  if (kind === 'naive') return '`docker build --no-cache` + `docker push`'
  return runner.buildx
    ? '`docker buildx build --push`, registry cache mode=max in ECR'
    : '`docker build` with an inline cache (`--cache-from`, no buildx) + `docker push`'
}

/** Logs in to ECR, then builds and pushes each image in turn: the peer's build steps (also its cache seeding). */
export async function peerBuildAndPush(options: {
  kind: PeerKind
  runner: PeerRunner
  clients: PeerClients
  registryHost: string
  context: string
  images: PeerImage[]
  tag: string
}): Promise<PeerBuild> {
  const { kind, runner, registryHost, context } = options
  const env = { ...process.env, ...runner.env, DOCKER_BUILDKIT: '1' }
  const startedAt = Date.now()
  await new EcrRegistry(options.clients.ecr, createCommandRunner(runner.env), quiet).login()
  const images = new Map<string, string>()
  let buildSeconds = 0
  let pushSeconds = 0
  let output = ''
  const steps = [{ at: Date.now(), what: 'ECR login' }]
  for (const image of options.images) {
    const reference = `${registryHost}/${image.repository}:${options.tag}`
    for (const command of peerCommands(kind, runner, image, reference, context)) {
      const started = Date.now()
      const result = await execFileAsync('docker', command, { env, maxBuffer: 64 * 1024 * 1024 }).catch(
        (error: unknown) => {
          const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr).slice(-3000) : ''
          throw new Error(
            `peer (${kind}): docker ${command.slice(0, 2).join(' ')} failed: ${stderr || String(error)}`
          )
        }
      )
      output += `${result.stdout}\n${result.stderr}\n`
      const seconds = (Date.now() - started) / 1000
      steps.push({
        at: Date.now(),
        what: `docker ${command.slice(0, command[0] === 'buildx' ? 2 : 1).join(' ')} ${image.repository} (${seconds.toFixed(1)} s)`
      })
      if (command[0] === 'push') pushSeconds += seconds
      else buildSeconds += seconds
    }
    images.set(image.repository, reference)
  }
  return {
    how: peerHow(kind, runner),
    startedAt,
    lastBuildAt: Date.now(),
    buildSeconds,
    pushSeconds,
    images,
    output,
    steps
  }
}

/** The whole peer pipeline: build and push, then bundle, version, update and 10 s polls. */
export async function runPeerPipeline(options: {
  kind: PeerKind
  runner: PeerRunner
  clients: PeerClients
  registryHost: string
  context: string
  images: PeerImage[]
  application: string
  environment: string
  /** A version our action made: its bundle, with the peer's images in its Dockerrun, is the peer's bundle. */
  fromLabel: string
  pollSeconds: number
}): Promise<PeerDeploy> {
  const { clients, application } = options
  const label = `peer-${options.kind}-${Date.now().toString(36)}`
  const from = await clients.beanstalk.send(
    new DescribeApplicationVersionsCommand({
      ApplicationName: application,
      VersionLabels: [options.fromLabel]
    })
  )
  const source = from.ApplicationVersions?.[0]?.SourceBundle
  if (!source?.S3Bucket || !source.S3Key) throw new Error(`peer: no bundle of ${options.fromLabel}`)
  const built = await peerBuildAndPush({ ...options, tag: label })
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: source.S3Bucket, Key: source.S3Key }))
  const files = unzipSync(
    await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()
  )
  const dockerrun = JSON.parse(strFromU8(files['Dockerrun.aws.json'] as Uint8Array)) as {
    containerDefinitions: { image: string }[]
  }
  for (const container of dockerrun.containerDefinitions) {
    const repository = [...built.images.keys()].find(
      name => container.image.includes(`/${name}@`) || container.image.includes(`/${name}:`)
    )
    if (repository) container.image = built.images.get(repository) as string
  }
  files['Dockerrun.aws.json'] = strToU8(JSON.stringify(dockerrun, null, 2))
  const key = `${application}/${label}.zip`
  await clients.s3.send(new PutObjectCommand({ Bucket: source.S3Bucket, Key: key, Body: zipSync(files) }))
  built.steps.push({ at: Date.now(), what: 'bundle PutObject' })
  await clients.beanstalk.send(
    new CreateApplicationVersionCommand({
      ApplicationName: application,
      VersionLabel: label,
      SourceBundle: { S3Bucket: source.S3Bucket, S3Key: key }
    })
  )
  built.steps.push({ at: Date.now(), what: 'CreateApplicationVersion' })
  await clients.beanstalk.send(
    new UpdateEnvironmentCommand({ EnvironmentName: options.environment, VersionLabel: label })
  )
  const updateAt = Date.now()
  built.steps.push({ at: updateAt, what: 'UpdateEnvironment' })
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, options.pollSeconds * 1000))
    const described = await clients.beanstalk.send(
      new DescribeEnvironmentsCommand({ EnvironmentNames: [options.environment] })
    )
    const environment = described.Environments?.[0]
    if (environment?.Status === 'Ready' && environment.VersionLabel === label) {
      if (environment.Health !== 'Green')
        throw new Error(`peer (${options.kind}): the deploy is ${environment.Health}`)
      built.steps.push({ at: Date.now(), what: `DescribeEnvironments: Ready, Green` })
      return { ...built, label, updateAt, noticedAt: Date.now() }
    }
  }
}
