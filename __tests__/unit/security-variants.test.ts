// Security review, third round: variants of the attack classes closed earlier
// (escape from the containers, runner secrets in the log / bundle / image,
// values read as docker options), tried at unit level through the project's
// own loader, planner, Dockerrun renderer, smoke-test argv and workspace
// containment, by a reviewer who had not seen the code (2026-12-07).
// `describe('closed …')` holds the nine variants that got through, each
// expecting the safe behaviour (they failed before the fixes of that day);
// `describe('holds …')` documents what the action does with the others.

import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { listBundleFiles, readCompose } from '../../src/adapters/workspace/files.js'
import { loadCompose } from '../../src/core/compose/load.js'
import type { ComposeProject } from '../../src/core/compose/model.js'
import { renderDockerrun } from '../../src/core/dockerrun.js'
import type { ContainerDefinition, DockerrunV2 } from '../../src/core/dockerrun-types.js'
import { buildPlan } from '../../src/core/plan/build-plan.js'
import type { DeployPlan } from '../../src/core/plan/types.js'
import { runnerVariableNamed } from '../../src/core/runner-variables.js'
import { planApp } from '../../src/ecs-agent/docker-argv.js'
import { configFor } from './core/support.js'

/** The job's environment: a GitHub token, the Actions runtime token, a webhook secret nobody named, HOME. */
const TOKEN = 'ghs_RUNNERTOKENvalue0123456789'
const RUNTIME = 'actions-runtime-secret-0123456789'
const HOOK = 'https://hooks.slack.example/services/T0/B0/hooksecret'
const RUNNER_ENV = {
  GITHUB_TOKEN: TOKEN,
  ACTIONS_RUNTIME_TOKEN: RUNTIME,
  SLACK_WEBHOOK_URL: HOOK,
  HOME: '/home/runner'
}
/** Distinctive parts too: a path normalised on the way (https:// → https:/) still carries them. */
const SECRETS = [TOKEN, RUNTIME, HOOK, 'RUNNERTOKENvalue', 'hooksecret']

/** A compose text in an in-memory workspace, loaded as the action loads it (no runner-variables named). */
function load(text: string, files: Record<string, string> = {}): ComposeProject {
  return loadCompose({
    path: 'docker-compose.yml',
    text,
    env: RUNNER_ENV,
    runnerVariableNamed: runnerVariableNamed([]),
    readFile: file => files[file],
    listFolder: (folder, limit) => {
      const prefix = folder === '.' ? '' : `${folder}/`
      const inside = Object.keys(files).filter(file => file.startsWith(prefix))
      return inside.length === 0 ? undefined : inside.slice(0, limit)
    }
  })
}

interface Outcome {
  plan: DeployPlan
  document: DockerrunV2
  web: ContainerDefinition
  /** `docker create` argv of the web container in the smoke test. */
  argv: string[]
  /** Notes and warnings: what the log and the job summary print. */
  log: string
}

function deploy(text: string, files: Record<string, string> = {}): Outcome {
  const plan = buildPlan(configFor(), load(text, files))
  const document = renderDockerrun(plan, {
    images: Object.fromEntries(plan.images.map(image => [image.id, `registry.example/${image.id}:1`]))
  })
  const app = planApp(document, { project: 'p', hostDir: '/tmp/h', bundleDir: '/tmp/b' })
  const web = document.containerDefinitions.find(container => container.name === 'web')
  const argv = app.containers.find(container => container.name === 'web')?.createArgs
  if (!web || !argv) throw new Error('no web container')
  return { plan, document, web, argv, log: [...plan.notes, ...plan.warnings].join('\n') }
}

/** The message of what `run` throws; fails the test when nothing is thrown. */
function errorOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

/** A web service on port 80; `more` adds keys under it. */
const web = (more = ''): string => `services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n${more}`

/** The runner secrets (or distinctive parts of them) that `text` holds: [] when it holds none. */
const secretsIn = (text: string): string[] => SECRETS.filter(secret => text.includes(secret))

describe('closed: a runner secret never reaches the log', () => {
  it('V1 ${UNSET:?${GITHUB_TOKEN}} in a service value: the refusal quotes the message unexpanded', () => {
    // Was open: src/core/compose/interpolate.ts evaluate(): the ":?" message is expanded and thrown before
    // interpolateService (load.ts) gets to check the credentials it used.
    const message = errorOf(() => load(web().replace('image: nginx', 'image: "${NOPE:?${GITHUB_TOKEN}}"')))
    expect(secretsIn(message)).toEqual([])
    expect(message).toMatch(/required variable NOPE is missing a value: \$\{GITHUB_TOKEN\}$/)
  })

  it('V2 ${UNSET?$SLACK_WEBHOOK_URL} in a command: an unnamed runner variable stays unexpanded in the refusal', () => {
    const message = errorOf(() => load(web('    command: ["serve", "${NOPE?$SLACK_WEBHOOK_URL}"]\n')))
    expect(secretsIn(message)).toEqual([])
  })

  it('V3 the same ":?" message in .env: unexpanded too', () => {
    // Was open: src/core/compose/dotenv.ts resolve() → interpolate(): same path, no credential check first.
    const message = errorOf(() => load(web(), { '.env': 'A=${NOPE:?${GITHUB_TOKEN}}\n' }))
    expect(secretsIn(message)).toEqual([])
  })

  it('V4 include: ["${GITHUB_TOKEN}.yml"]: refused as a credential, its value never printed', () => {
    // Was open: src/core/compose/load.ts includeEntries() text(): interpolated with no ProjectVariables.uses check.
    const message = errorOf(() => load(`include:\n  - "\${GITHUB_TOKEN}.yml"\n${web()}`))
    expect(secretsIn(message)).toEqual([])
  })

  it('V5 include env_file from an unnamed runner variable: refused without its value', () => {
    const message = errorOf(() =>
      load(`include:\n  - path: x.yml\n    env_file: "\${SLACK_WEBHOOK_URL}"\n${web()}`, {
        'x.yml': 'services:\n  other:\n    image: busybox\n'
      })
    )
    expect(secretsIn(message)).toEqual([])
  })

  it('V6 COMPOSE_PROFILES=${GITHUB_TOKEN} in .env: refused as a credential, never printed as the active profiles', () => {
    // Was open: src/core/compose/load.ts loadCompose(): variables.lookup('COMPOSE_PROFILES') takes the .env value
    // built from a runner credential with no uses() check; src/core/plan/selection.ts prints it.
    let printed = ''
    try {
      printed = deploy(web(), { '.env': 'COMPOSE_PROFILES=${GITHUB_TOKEN}\n' }).log
    } catch (error) {
      printed = (error as Error).message
    }
    expect(secretsIn(printed)).toEqual([])
  })

  it('V6b COMPOSE_PROFILES=x${SLACK_WEBHOOK_URL} in .env (an unnamed runner variable): refused, never printed', () => {
    // Was open (attack round 8): only credentials were checked, and the active profiles note printed the webhook.
    const message = errorOf(() => deploy(web(), { '.env': 'COMPOSE_PROFILES=x${SLACK_WEBHOOK_URL}\n' }))
    expect(secretsIn(message)).toEqual([])
    expect(message).toContain('SLACK_WEBHOOK_URL')
  })
})

// Round 7 (docs/reliability.md): an included file's env file looks its values up in the including project's
// variables, and its record of where a value came from named those variables, not the runner's: a credential the
// root `.env` put under an allowed or named-but-unset name reached the bundle, the image and the log.
describe('closed: a credential through the env file of an included file', () => {
  const including = `include:\n  - sub/x.yml\n${web()}`
  const throughInclude = (service: string, files: Record<string, string> = {}, named: string[] = []) => {
    const all = {
      '.env': 'COMPOSE_PROJECT_NAME=${GITHUB_TOKEN}\n',
      'sub/.env': 'C=${COMPOSE_PROJECT_NAME}\n',
      'sub/x.yml': `services:\n  worker:\n    image: busybox\n${service}`,
      ...files
    }
    // What leaves the runner: the refusal, or the Dockerrun with its notes and warnings.
    try {
      const compose = loadCompose({
        path: 'docker-compose.yml',
        text: including,
        env: RUNNER_ENV,
        runnerVariableNamed: runnerVariableNamed(named),
        readFile: file => all[file as keyof typeof all]
      })
      const plan = buildPlan(configFor(), compose)
      const images = Object.fromEntries(
        plan.images.map(image => [image.id, `registry.example/${image.id}:1`])
      )
      return JSON.stringify([renderDockerrun(plan, { images }), plan.notes, plan.warnings])
    } catch (error) {
      return (error as Error).message
    }
  }

  it.each([
    ['a label and a command', '    labels: {leak: "${C}"}\n    command: ["echo", "${C}"]\n'],
    ['an environment value with more text', '    environment: {LEAK: "x${C}"}\n'],
    ['a build arg (the image history)', '    build: {context: ., args: {A: "${C}"}}\n']
  ])('%s: refused as the credential it came from, never printed', (_title, service) => {
    const message = throughInclude(service)
    expect(secretsIn(message)).toEqual([])
    expect(message).toContain('${GITHUB_TOKEN}, a credential of the runner')
  })

  it('the ":?" message of the included file stays unexpanded', () => {
    const message = throughInclude('    command: ["echo", "${NOPE:?${C}}"]\n')
    expect(secretsIn(message)).toEqual([])
    expect(message).toMatch(/required variable NOPE is missing a value: \$\{C\}$/)
  })

  it('a name the workflow named but never set carries nothing either', () => {
    const message = throughInclude(
      '    labels: {leak: "${C}"}\n',
      { '.env': 'APP_VERSION=${GITHUB_TOKEN}\n', 'sub/.env': 'C=${APP_VERSION}\n' },
      ['APP_VERSION']
    )
    expect(secretsIn(message)).toEqual([])
    expect(message).toContain('${GITHUB_TOKEN}, a credential of the runner')
  })

  it("an unnamed runner variable is named as the runner's, not as the parent's .env variable", () => {
    const message = throughInclude('    labels: {leak: "${C}"}\n', {
      '.env': 'B=${SLACK_WEBHOOK_URL}\n',
      'sub/.env': 'C=${B}\n'
    })
    expect(secretsIn(message)).toEqual([])
    expect(message).toContain('SLACK_WEBHOOK_URL')
    expect(message).not.toContain('${B}')
  })

  it('a chain of plain .env values through two includes is no runner value: planned', () => {
    const compose = loadCompose({
      path: 'docker-compose.yml',
      text: including,
      env: RUNNER_ENV,
      runnerVariableNamed: runnerVariableNamed([]),
      readFile: file =>
        ({
          '.env': 'A=hello\n',
          'sub/.env': 'B=${A}-sub\n',
          'sub/x.yml': 'include:\n  - deeper/y.yml\nservices:\n  worker:\n    image: busybox\n',
          'sub/deeper/.env': 'C=${B}-deeper\n',
          'sub/deeper/y.yml': 'services:\n  job:\n    image: busybox\n    labels: {chain: "${C}"}\n'
        })[file]
    })
    expect(compose.services['job']?.options.labels).toEqual({ chain: 'hello-sub-deeper' })
  })
})

describe('closed: a value that would reach the instance or a docker argument unchecked', () => {
  it('V7 long-syntax bind source "./conf:/etc": refused before anything is uploaded', () => {
    // Was open: plan, bundle and smoke test accepted it (the smoke --mount is CSV-quoted, so it passes on the runner);
    // on the instance the ECS agent joins sourcePath:containerPath, which docker cannot parse, after the
    // upload. src/core/validate-dockerrun.ts dockerrunProblems() checks containerPath only, never
    // volumes[].host.sourcePath; src/core/compose/service.ts parseMount() lets the long syntax through.
    const text = web('    volumes:\n      - {type: bind, source: "./conf:/etc", target: /c}\n')
    expect(() => deploy(text, { 'conf:/etc/app.ini': 'x' })).toThrow(/conf:\/etc/)
  })

  it('V8 a tmpfs target with ":" (options past the allow-list on the runner) is refused', () => {
    // Was open: src/core/compose/service.ts parseMount() → tmpfsEntry() and container-options.ts tmpfsMount() never
    // apply containerPathProblem (docker-values.ts) to a tmpfs path; docker-argv.ts settingArgs() writes
    // --tmpfs=<path>:<options>, so the path's ":" starts the option list (exec,rbind here).
    const text = web('    volumes:\n      - {type: tmpfs, target: "/x:exec,rbind"}\n')
    expect(() => deploy(text)).toThrow(/may not contain/)
  })

  it('V9 a tmpfs path with "," in the short syntax is refused like any mount path', () => {
    expect(() => deploy(web('    tmpfs: ["/x,uid=0"]\n'))).toThrow(/may not contain/)
  })
})

describe('holds: runner secrets stay out of the bundle, the image and the log', () => {
  it.each([
    [
      'a credential nested in ":+"',
      '    labels:\n      t: "${HOME:+${GITHUB_TOKEN}}"\n',
      /GITHUB_TOKEN.*credential/
    ],
    ['a credential with a default', '    environment:\n      X: "${GITHUB_TOKEN:-x}"\n', /credential/],
    ['a build arg inherited by name', null, /ACTIONS_RUNTIME_TOKEN.*credential/],
    ['HOME in a build arg, unnamed', 'HOME', /HOME.*did not name/]
  ])('%s is refused', (_case, more, error) => {
    const text =
      more === null
        ? 'services:\n  web:\n    build:\n      context: .\n      args: [ACTIONS_RUNTIME_TOKEN]\n    ports: ["80:80"]\n'
        : more === 'HOME'
          ? 'services:\n  web:\n    build:\n      context: .\n      args: {H: "${HOME}"}\n    ports: ["80:80"]\n'
          : web(more)
    const message = errorOf(() => deploy(text))
    expect(message).toMatch(error)
    expect(secretsIn(message)).toEqual([])
  })

  it('an env_file line built from a credential, or naming one alone, is refused', () => {
    for (const line of ['X=pre${GITHUB_TOKEN}\n', 'GITHUB_TOKEN\n']) {
      const message = errorOf(() => deploy(web('    env_file: [a.env]\n'), { 'a.env': line }))
      expect(message).toMatch(/GITHUB_TOKEN.*credential/)
      expect(secretsIn(message)).toEqual([])
    }
  })

  it('${GITHUB_TOKEN:+present} tells only whether the token is set (one bit, no value)', () => {
    const { web: container } = deploy(web('    labels:\n      t: "${GITHUB_TOKEN:+present}"\n'))
    expect(container.dockerLabels).toEqual({ t: 'present' })
  })

  it('x- keys are not interpolated: ${GITHUB_TOKEN} under a label named x-… stays literal text', () => {
    const { web: container, argv } = deploy(web('    labels:\n      x-leak: "${GITHUB_TOKEN}"\n'))
    expect(container.dockerLabels).toEqual({ 'x-leak': '${GITHUB_TOKEN}' })
    expect(secretsIn(argv.join(' '))).toEqual([])
  })

  it('compose secrets and build secrets/ssh reading runner files are dropped, nothing read', () => {
    const text =
      'services:\n  web:\n    build:\n      context: .\n      secrets: [s]\n      ssh: [default]\n' +
      '      privileged: true\n      entitlements: [security.insecure]\n      network: host\n' +
      '    ports: ["80:80"]\n    secrets: [s]\nsecrets:\n  s:\n    file: /home/runner/.docker/config.json\n'
    const { log, plan } = deploy(text)
    for (const key of [
      'build.secrets',
      'build.ssh',
      'build.privileged',
      'build.entitlements',
      'build.network'
    ])
      expect(log).toContain(`web: ${key} dropped`)
    expect(log).toContain('web: secrets dropped')
    expect(plan.bundleFiles).toEqual([])
  })
})

describe('holds: host access on the runner (smoke test argv)', () => {
  const widening =
    /privileged|cap-add|sysctl|security-opt|SYS_ADMIN|unconfined|pid=|ipc=|uts=|userns|cgroup|device|network=host/

  it.each([
    ['privileged through interpolation', '    privileged: "${PRIV:-true}"\n'],
    ['privileged and cap_add ALL through a merge key', null],
    [
      'security_opt, sysctls',
      '    security_opt: ["apparmor=unconfined", "label=disable"]\n    sysctls: {kernel.shm_rmid_forced: 1}\n'
    ]
  ])('%s: kept out of the smoke argv (reaches the Dockerrun only)', (_case, more) => {
    const text =
      more === null
        ? `x-p: &p\n  privileged: true\n  cap_add: [ALL, cap_sys_admin]\n${web('    <<: *p\n')}`
        : web(more)
    const { argv, web: container } = deploy(text)
    expect(argv.join(' ')).not.toMatch(widening)
    // By design (docs/compose.md): Beanstalk gets them; the repository already runs as root there
    // through .ebextensions and .platform hooks, so this widens nothing the deploy did not give.
    expect(
      container.privileged === true ||
        container.dockerSecurityOptions !== undefined ||
        container.linuxParameters?.capabilities !== undefined
    ).toBe(true)
  })

  it('pid/ipc/uts/userns_mode/cgroup_parent/network_mode host, devices, runtime: dropped with a note', () => {
    const {
      argv,
      web: container,
      log
    } = deploy(
      web(
        '    pid: host\n    ipc: host\n    uts: host\n    userns_mode: host\n    cgroup_parent: /\n' +
          '    network_mode: host\n    devices: ["/dev/kmsg:/dev/kmsg"]\n    cgroup: host\n    runtime: runc\n'
      )
    )
    expect(argv.join(' ')).not.toMatch(widening)
    expect(Object.keys(container).sort()).toEqual([
      'essential',
      'image',
      'logConfiguration',
      'memoryReservation',
      'name',
      'portMappings'
    ])
    for (const key of [
      'pid',
      'ipc',
      'uts',
      'userns_mode',
      'cgroup_parent',
      'network_mode',
      'devices',
      'runtime'
    ])
      expect(log).toContain(`web: ${key} dropped`)
  })

  it('network_mode container:x and volumes_from container:x are dropped; a deployed service is kept', () => {
    const { argv, log } = deploy(
      web(
        '    network_mode: "container:runner"\n    volumes_from: ["container:runner", "db"]\n  db:\n    image: busybox\n'
      )
    )
    expect(argv).toContain('--volumes-from')
    expect(argv[argv.indexOf('--volumes-from') + 1]).toBe('p-db')
    expect(log).toContain('volumes_from container:runner dropped')
  })

  it.each([
    ['/', '/host'],
    ['~/.docker', '/d'],
    ['/run//docker.sock/', '/s'],
    ['../..', '/up']
  ])('a long-syntax bind of %s is dropped as a host path', (source, target) => {
    const { argv, document, plan } = deploy(
      web(`    volumes:\n      - {type: bind, source: "${source}", target: ${target}}\n`)
    )
    expect(argv).not.toContain('--mount')
    expect(document.volumes).toBeUndefined()
    expect(plan.bundleFiles).toEqual([])
  })

  it('the Docker socket in the long syntax on the HTTP service is refused', () => {
    expect(
      errorOf(() =>
        deploy(web('    volumes:\n      - {type: bind, source: /var/run/docker.sock, target: /s}\n'))
      )
    ).toMatch(/mounts the Docker socket/)
  })

  it('a named volume whose driver_opts bind the host root is dropped', () => {
    const { argv, document } = deploy(
      `${web('    volumes: ["hostroot:/host"]\n')}volumes:\n  hostroot:\n    driver_opts: {type: none, o: bind, device: /}\n`
    )
    expect(argv).not.toContain('--mount')
    expect(document.volumes).toBeUndefined()
  })

  it('values that look like options stay values: each follows its flag or --flag=', () => {
    const { argv } = deploy(
      web(
        '    entrypoint: ["--privileged", "-v", "/:/h"]\n    working_dir: "--privileged"\n' +
          '    hostname: "-v=/:/h"\n    links: ["w2:--privileged"]\n  w2:\n    image: busybox\n'
      )
    )
    // pflag takes the next word as the value of --workdir/--entrypoint whatever it starts with.
    expect(argv.slice(argv.indexOf('--workdir'), argv.indexOf('--workdir') + 2)).toEqual([
      '--workdir',
      '--privileged'
    ])
    expect(argv).toContain('--hostname=-v=/:/h')
    expect(argv.slice(argv.indexOf('--'))).toEqual(['--', 'nginx', '-v', '/:/h'])
  })

  it('a service named --privileged gets a prefixed container name; container_name is dropped', () => {
    const plan = buildPlan(
      configFor(),
      load(
        'services:\n  --privileged:\n    image: nginx\n    ports: ["80:80"]\n    container_name: "--privileged"\n'
      )
    )
    const app = planApp(renderDockerrun(plan), { project: 'p', hostDir: '/tmp/h', bundleDir: '/tmp/b' })
    expect(app.containers[0]?.createArgs.slice(0, 2)).toEqual(['--name', 'p---privileged'])
  })

  it.each([
    ['a Cyrillic look-alike', 'wеb'],
    ['300 characters', 'a'.repeat(300)]
  ])('a service name with %s is refused', (_case, name) => {
    expect(
      errorOf(() =>
        buildPlan(configFor(), load(`services:\n  ${name}:\n    image: nginx\n    ports: ["80:80"]\n`))
      )
    ).toMatch(/container names may contain only/)
  })

  it('an image that is an option is refused before anything runs', () => {
    expect(errorOf(() => deploy(web().replace('image: nginx', 'image: "-v=/:/h"')))).toMatch(
      /is not an image reference/
    )
  })

  it('a project label in the compose labels is refused (attack round 9: a cancel before the ids are known removes by label)', () => {
    expect(
      errorOf(() => deploy(web('    labels:\n      beanstalk-docker-deploy.runner-project: other\n')))
    ).toContain("labels under beanstalk-docker-deploy. are the action's own")
  })

  it('extra_hosts to the metadata address, dns, ulimits, shm_size, a healthcheck: inside the container only', () => {
    const { argv, log } = deploy(
      web(
        '    extra_hosts: ["metadata:169.254.169.254", "h:host-gateway"]\n    dns: ["169.254.169.254"]\n' +
          '    ulimits: {nofile: -1, memlock: -1}\n    shm_size: 1g\n' +
          '    healthcheck:\n      test: ["CMD-SHELL", "curl 169.254.169.254"]\n'
      )
    )
    expect(argv).toEqual(
      expect.arrayContaining([
        '--add-host=metadata:169.254.169.254',
        '--dns=169.254.169.254',
        '--ulimit=memlock=-1:-1',
        '--shm-size=1024m',
        '--health-cmd=curl 169.254.169.254'
      ])
    )
    expect(log).toContain('extra_hosts h dropped')
  })

  it('tmpfs options from the ECS list (rbind, dev, suid, exec) reach the smoke argv as given', () => {
    // Not shown to escape (docker takes "rbind" as a flag of the tmpfs mount; no source path to bind),
    // but the smoke test could keep to size and mode: noted in the report.
    const { argv } = deploy(web('    tmpfs: ["/x:rbind,dev,suid,exec"]\n'))
    expect(argv).toContain('--tmpfs=/x:size=64m,rbind,dev,suid,exec')
  })

  it('x- fields and platform strings never become docker arguments', () => {
    const { argv } = deploy(
      web(
        '    x-docker-args: ["--privileged"]\n    x-aws: {privileged: true}\n    platform: "linux/amd64 --privileged"\n'
      )
    )
    expect(argv.join(' ')).not.toContain('privileged')
  })

  it('"yes" and !!bool "yes" are not privileged (Go ParseBool does not read yes)', () => {
    expect(deploy(web('    privileged: "yes"\n')).web.privileged).toBeUndefined()
    expect(deploy(web('    privileged: !!bool "yes"\n')).web.privileged).toBeUndefined()
  })
})

describe('holds: paths stay in the workspace (in-memory workspace)', () => {
  it('env_file ~/… and ../… are read inside the workspace only (not found here)', () => {
    expect(errorOf(() => deploy(web('    env_file: ["~/.aws/credentials"]\n')))).toMatch(/not found/)
    expect(errorOf(() => deploy(web('    env_file: ["../outside.env"]\n')))).toMatch(/not found/)
  })

  it("env_file /proc/self/environ is the workspace file proc/self/environ, never the runner's", () => {
    const { web: container } = deploy(web('    env_file: ["/proc/self/environ"]\n'), {
      'proc/self/environ': 'A=1\n'
    })
    expect(container.environment).toEqual([{ name: 'A', value: '1' }])
  })

  it('build context / and dockerfile ../../etc/passwd stay relative to the workspace', () => {
    const plan = buildPlan(
      configFor(),
      load(
        'services:\n  web:\n    build:\n      context: /\n      dockerfile: ../../etc/passwd\n    ports: ["80:80"]\n'
      )
    )
    // The Dockerfile path leaves the workspace here; the build adapter refuses it (security-files 7).
    expect(plan.images[0]).toMatchObject({ context: '.', dockerfile: '../../etc/passwd' })
  })

  it('extends from another file is refused', () => {
    expect(errorOf(() => deploy(web('  w2:\n    extends: {file: /etc/passwd, service: x}\n')))).toMatch(
      /extends from another file/
    )
  })

  it('a mount of .git is planned, .github and .platform ship (repository content); .git is refused on listing (below)', () => {
    const { plan } = deploy(web('    volumes: ["./.git:/g", "./.github:/gh:ro", "./.platform:/p"]\n'), {
      '.git/config': 'token',
      '.github/workflows/a.yml': 'x',
      '.platform/hooks/prebuild/a.sh': 'x'
    })
    expect(plan.bundleFiles.map(file => file.source)).toEqual(['.git', '.github', '.platform'])
  })
})

describe('holds: symlinks in a real checkout', () => {
  let root = ''
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true })
  })

  /** A checkout with a .git holding the token, a runner-written file, and a host secret beside it. */
  function shipped(
    setup: (workspace: string) => void,
    compose = web('    volumes: ["./conf:/c"]\n')
  ): string {
    root = mkdtempSync(path.join(os.tmpdir(), 'bdd-variants-'))
    const workspace = path.join(root, 'workspace')
    mkdirSync(path.join(workspace, '.git'), { recursive: true })
    mkdirSync(path.join(root, 'outside'))
    writeFileSync(path.join(root, 'outside/secret'), 'HOST')
    writeFileSync(path.join(workspace, '.git/config'), `extraheader = ${TOKEN}\n`)
    writeFileSync(path.join(workspace, 'docker-compose.yml'), compose)
    setup(workspace)
    try {
      const compose = readCompose(workspace, 'docker-compose.yml', {})
      const files = listBundleFiles(workspace, compose.directory, buildPlan(configFor(), compose))
      return files.map(file => `${file.path} <- ${path.relative(workspace, file.source)}`).join('\n')
    } catch (error) {
      return `refused: ${(error as Error).message}`
    }
  }
  const link = (workspace: string, target: string, at: string): void => {
    mkdirSync(path.dirname(path.join(workspace, at)), { recursive: true })
    symlinkSync(target, path.join(workspace, at))
  }

  it.each([
    ['conf -> .', '.', 'conf', /symlink loop/],
    ['conf -> .git', '.git', 'conf', /inside \.git/],
    ['conf -> ../outside', '../outside', 'conf', /outside the workspace/],
    ['conf/x -> ../.git/config', '../.git/config', 'conf/x', /outside the shipped folder/]
  ])('a mounted folder %s is refused', (_case, target, at, refusal) => {
    const result = shipped(workspace => link(workspace, target, at))
    expect(result).toMatch(refusal)
    expect(result).not.toContain(TOKEN)
  })

  it('conf -> .GIT (no such folder on Linux) ships nothing', () => {
    expect(shipped(workspace => link(workspace, '.GIT', 'conf'))).toBe('')
  })

  it('.ebextensions -> . is refused as a loop', () => {
    expect(shipped(workspace => link(workspace, '.', '.ebextensions'), web())).toMatch(/symlink loop/)
  })
})
