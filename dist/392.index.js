export const id = 392;
export const ids = [392];
export const modules = {

/***/ 3392:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  randomPlaceholder: () => (/* binding */ randomPlaceholder),
  removeLabelled: () => (/* binding */ removeLabelled),
  runSmoke: () => (/* binding */ runSmoke),
  startDevServices: () => (/* binding */ startDevServices)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/dockerrun.ts
var dockerrun = __webpack_require__(9602);
// EXTERNAL MODULE: ./src/adapters/docker/command-runner.ts
var command_runner = __webpack_require__(7755);
// EXTERNAL MODULE: ./src/core/docker-values.ts
var docker_values = __webpack_require__(914);
;// CONCATENATED MODULE: ./src/runner/plan.ts
// Pure translation of a Dockerrun v2 document into the docker CLI calls the
// ECS platform's agent would make: no I/O here, so every rule is unit-tested
// as a table of document → argv.


/** Where the bundle's `/var/app/current/...` paths live on the instance. */
const BUNDLE_ROOT = '/var/app/current';
/** Label on everything the runner creates, so leftovers can be traced to a project. */
const PROJECT_LABEL = 'beanstalk-docker-deploy.runner-project';
class DockerrunPlanError extends Error {
}
function containerNameFor(project, container) {
    return `${project}-${container}`;
}
function networkNameFor(project) {
    return `${project}-net`;
}
/** `"db"` → {target: db, alias: db}; `"db:database"` → {target: db, alias: database}. */
function parseLink(link) {
    const [target = '', alias] = link.split(':');
    return { target, alias: alias || target };
}
function dependenciesOf(container) {
    const linked = (container.links ?? []).map(link => parseLink(link).target);
    const volumeSources = (container.volumesFrom ?? []).map(source => source.sourceContainer);
    const awaited = (container.dependsOn ?? []).map(dependency => dependency.containerName);
    return [...new Set([...linked, ...volumeSources, ...awaited])];
}
/** Orders containers so dependencies (links, volumesFrom, dependsOn) start first, keeping document order otherwise. */
function startOrder(containers) {
    const byName = new Map(containers.map(container => [container.name, container]));
    const ordered = [];
    const state = new Map();
    const visit = (container, chain) => {
        const seen = state.get(container.name);
        if (seen === 'done')
            return;
        if (seen === 'visiting') {
            throw new DockerrunPlanError(`Circular links: ${[...chain, container.name].join(' -> ')}`);
        }
        state.set(container.name, 'visiting');
        for (const dependency of dependenciesOf(container)) {
            const target = byName.get(dependency);
            if (!target)
                throw new DockerrunPlanError(`Container ${container.name} refers to unknown container ${dependency}`);
            visit(target, [...chain, container.name]);
        }
        state.set(container.name, 'done');
        ordered.push(container);
    };
    for (const container of containers)
        visit(container, []);
    return ordered;
}
/** Network aliases per container: its own name plus every alias other containers link to it by. */
function networkAliases(containers) {
    const aliases = new Map(containers.map(container => [container.name, [container.name]]));
    for (const container of containers) {
        for (const link of container.links ?? []) {
            const { target, alias } = parseLink(link);
            const list = aliases.get(target);
            if (list && !list.includes(alias))
                list.push(alias);
        }
    }
    return aliases;
}
/**
 * Host folder for a declared volume. Bundle paths map into bundleDir;
 * everything else (absolute instance paths such as /var/log/nginx) maps into
 * the app's own hostDir so a test run never binds real host folders.
 */
function hostPathForVolume(sourcePath, options) {
    if (!sourcePath.startsWith('/'))
        throw new DockerrunPlanError(`Volume path ${sourcePath} is not absolute`);
    const normalised = external_node_path_default().posix.normalize(sourcePath);
    if (normalised === BUNDLE_ROOT || normalised.startsWith(`${BUNDLE_ROOT}/`)) {
        if (!options.bundleDir)
            throw new DockerrunPlanError(`Volume path ${sourcePath} needs the extracted bundle`);
        const relative = normalised.slice(BUNDLE_ROOT.length).replace(/^\//, '');
        if (relative.split('/').includes('..'))
            throw new DockerrunPlanError(`Volume path ${sourcePath} leaves the bundle`);
        return external_node_path_default().join(options.bundleDir, relative);
    }
    return external_node_path_default().join(options.hostDir, 'host', normalised.replace(/^\/+/, '').replace(/\.\.(\/|$)/g, ''));
}
/** Beanstalk's per-container log volume: `awseb-logs-<container>` → /var/log/containers/<container>. */
function logsFolder(hostDir, container) {
    return external_node_path_default().join(hostDir, 'logs', container);
}
function resolveMounts(container, doc, options) {
    return (container.mountPoints ?? []).map(mount => {
        const declared = (doc.volumes ?? []).find(volume => volume.name === mount.sourceVolume);
        let source;
        if (declared)
            source = hostPathForVolume(declared.host.sourcePath, options);
        else if (mount.sourceVolume.startsWith('awseb-logs-')) {
            source = logsFolder(options.hostDir, mount.sourceVolume.slice('awseb-logs-'.length));
        }
        else {
            throw new DockerrunPlanError(`Container ${container.name} mounts undeclared volume ${mount.sourceVolume}`);
        }
        const problem = (0,docker_values/* containerPathProblem */.a)(mount.containerPath);
        if (problem)
            throw new DockerrunPlanError(`Container ${container.name}: ${problem}`);
        return { source, target: mount.containerPath, readOnly: mount.readOnly === true };
    });
}
/** Later sources win: Beanstalk environment properties, then the container's environment, then its secrets. */
function containerEnvironment(container, extraEnvironment = {}, secretValues = {}) {
    // A Map: a variable named __proto__ is a variable like any other.
    const env = new Map(Object.entries(extraEnvironment));
    for (const { name, value } of container.environment ?? [])
        env.set(name, value);
    for (const secret of container.secrets ?? []) {
        const value = Object.hasOwn(secretValues, secret.name) ? secretValues[secret.name] : undefined;
        if (value === undefined)
            throw new DockerrunPlanError(`Secret ${secret.name} of ${container.name} is not resolved`);
        env.set(secret.name, value);
    }
    return env;
}
/** Longest value sent through the env file: docker reads it line by line with a 64 KiB line limit. */
const MAX_ENV_FILE_VALUE = 60_000;
/**
 * How a container's environment reaches `docker create` / `docker run`: an env
 * file of `NAME=value` lines. Never the docker CLI's own environment (`-e NAME`
 * reads the value from there), where a PATH or DOCKER_HOST set by the compose
 * file would steer the CLI itself. docker's env files cannot hold a line break,
 * so such a value (compose text or a smoke-test placeholder) goes in `--env`.
 */
function environmentTransport(env, where) {
    const lines = [];
    const args = [];
    for (const name of [...env.keys()].sort()) {
        const value = env.get(name);
        if (name === '' || /[\s=\0]/.test(name)) {
            throw new DockerrunPlanError(`${where}: environment variable name ${JSON.stringify(name)} is not valid`);
        }
        if (value.includes('\0')) {
            throw new DockerrunPlanError(`${where}: the value of ${name} contains a NUL character`);
        }
        // An env file line starting with # is a comment.
        if (/[\r\n]/.test(value) || value.length > MAX_ENV_FILE_VALUE || name.startsWith('#')) {
            args.push('--env', `${name}=${value}`);
        }
        else
            lines.push(`${name}=${value}\n`);
    }
    return { envFile: lines.join(''), args };
}
/** One `--mount` value whose fields are CSV-quoted, as docker reads it: no path can add a field. */
function bindMountSpec(mount) {
    const fields = ['type=bind', `source=${mount.source}`, `target=${mount.target}`];
    if (mount.readOnly)
        fields.push('readonly');
    return fields.map(field => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}
function createArgs(container, options, aliases, environmentArgs, mounts) {
    const imageProblem = (0,docker_values/* imageReferenceProblem */.i)(container.image);
    if (imageProblem)
        throw new DockerrunPlanError(`Container ${container.name}: image ${imageProblem}`);
    const args = ['--name', containerNameFor(options.project, container.name)];
    args.push('--label', `${PROJECT_LABEL}=${options.project}`);
    args.push('--network', networkNameFor(options.project));
    for (const alias of aliases)
        args.push('--network-alias', alias);
    args.push(...environmentArgs);
    if (container.memory)
        args.push('--memory', `${container.memory}m`);
    if (container.memoryReservation)
        args.push('--memory-reservation', `${container.memoryReservation}m`);
    if (container.workingDirectory)
        args.push('--workdir', container.workingDirectory);
    for (const mount of mounts)
        args.push('--mount', bindMountSpec(mount));
    for (const source of container.volumesFrom ?? []) {
        const from = containerNameFor(options.project, source.sourceContainer);
        args.push('--volumes-from', source.readOnly ? `${from}:ro` : from);
    }
    const binding = options.hostPortBinding ?? '127.0.0.1';
    for (const mapping of container.portMappings ?? []) {
        // An empty host port lets Docker pick a free one; the runner reads it back with `docker port`.
        args.push('--publish', `${binding}::${mapping.containerPort}/${mapping.protocol ?? 'tcp'}`);
    }
    for (const [key, value] of Object.entries(container.dockerLabels ?? {}))
        args.push('--label', `${key}=${value}`);
    args.push(...settingArgs(container));
    // docker's --entrypoint takes one executable; the rest of an ECS entryPoint array precedes the command.
    // An empty entryPoint reaches Docker from the ECS agent as an empty Entrypoint, which clears the image's.
    const [entryExecutable, ...entryArgs] = container.entryPoint ?? [];
    if (entryExecutable !== undefined)
        args.push('--entrypoint', entryExecutable);
    else if (container.entryPoint)
        args.push('--entrypoint', '');
    // Everything after `--` is the image and the container's own arguments, never an option of docker's.
    args.push('--', container.image, ...entryArgs, ...(container.command ?? []));
    return args;
}
/**
 * The container-definition settings docker run knows, as `--flag=value` (a
 * value can never be read as another option). What would widen a
 * container's rights on the machine running it — privileged, cap_add,
 * sysctls, security options — is left out: here that machine is a CI runner
 * or a test host, and those settings apply on Beanstalk only.
 */
function settingArgs(container) {
    const args = [];
    if (container.user !== undefined)
        args.push(`--user=${container.user}`);
    if (container.hostname !== undefined)
        args.push(`--hostname=${container.hostname}`);
    for (const host of container.extraHosts ?? [])
        args.push(`--add-host=${host.hostname}:${host.ipAddress}`);
    for (const limit of container.ulimits ?? []) {
        args.push(`--ulimit=${limit.name}=${limit.softLimit}:${limit.hardLimit}`);
    }
    const check = container.healthCheck;
    if (check) {
        const [kind, ...command] = check.command;
        args.push(`--health-cmd=${kind === 'CMD-SHELL' ? command.join(' ') : command.map(shellQuote).join(' ')}`);
        if (check.interval !== undefined)
            args.push(`--health-interval=${check.interval}s`);
        if (check.timeout !== undefined)
            args.push(`--health-timeout=${check.timeout}s`);
        if (check.retries !== undefined)
            args.push(`--health-retries=${check.retries}`);
        if (check.startPeriod !== undefined)
            args.push(`--health-start-period=${check.startPeriod}s`);
    }
    const linux = container.linuxParameters;
    for (const mount of linux?.tmpfs ?? []) {
        args.push(`--tmpfs=${mount.containerPath}:${[`size=${mount.size}m`, ...(mount.mountOptions ?? [])].join(',')}`);
    }
    if (linux?.sharedMemorySize !== undefined)
        args.push(`--shm-size=${linux.sharedMemorySize}m`);
    if (linux?.initProcessEnabled)
        args.push('--init');
    for (const capability of linux?.capabilities?.drop ?? [])
        args.push(`--cap-drop=${capability}`);
    if (container.stopTimeout !== undefined)
        args.push(`--stop-timeout=${container.stopTimeout}`);
    if (container.readonlyRootFilesystem)
        args.push('--read-only');
    for (const server of container.dnsServers ?? [])
        args.push(`--dns=${server}`);
    for (const domain of container.dnsSearchDomains ?? [])
        args.push(`--dns-search=${domain}`);
    if (container.interactive)
        args.push('--interactive');
    if (container.pseudoTerminal)
        args.push('--tty');
    if (container.cpu !== undefined)
        args.push(`--cpu-shares=${container.cpu}`);
    return args;
}
function shellQuote(word) {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
function planApp(doc, options) {
    if (Number(doc.AWSEBDockerrunVersion) !== 2) {
        throw new DockerrunPlanError(`Unsupported AWSEBDockerrunVersion: ${String(doc.AWSEBDockerrunVersion)}`);
    }
    if (!Array.isArray(doc.containerDefinitions) || doc.containerDefinitions.length === 0) {
        throw new DockerrunPlanError('containerDefinitions is empty');
    }
    const names = doc.containerDefinitions.map(container => container.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate)
        throw new DockerrunPlanError(`Duplicate container name ${duplicate}`);
    const aliases = networkAliases(doc.containerDefinitions);
    const containers = startOrder(doc.containerDefinitions).map((container) => {
        const mounts = resolveMounts(container, doc, options);
        const environment = environmentTransport(containerEnvironment(container, options.extraEnvironment, options.secretValues?.[container.name]), `Container ${container.name}`);
        return {
            name: container.name,
            containerName: containerNameFor(options.project, container.name),
            image: container.image,
            essential: container.essential !== false,
            createArgs: createArgs(container, options, aliases.get(container.name) ?? [], environment.args, mounts),
            envFile: environment.envFile,
            mounts,
            ports: (container.portMappings ?? []).map(mapping => ({
                containerPort: mapping.containerPort,
                protocol: mapping.protocol ?? 'tcp',
                requestedHostPort: mapping.hostPort
            })),
            waitFor: (container.dependsOn ?? []).flatMap(dependency => dependency.condition === 'START'
                ? []
                : [{ container: dependency.containerName, condition: dependency.condition }])
        };
    });
    const hostFolders = [
        ...new Set(containers.flatMap(container => container.mounts.map(mount => mount.source)))
    ];
    return { network: networkNameFor(options.project), containers, hostFolders };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/runner/health.ts
// Health rules shared by the runner and the Beanstalk stand-in: what counts as
// healthy, how causes are worded, and the HTTP GET that probes an app.

/** 2xx and 3xx are healthy, as for the Beanstalk / ELB default health check. */
function isHealthyHttpStatus(status) {
    return status >= 200 && status < 400;
}
/** Causes for essential containers that are no longer running; empty while they all run. */
function exitedEssentialCauses(statuses) {
    return statuses
        .filter(status => status.essential && !status.running)
        .map(status => `container ${status.name} exited with code ${status.exitCode ?? 'unknown'}`);
}
function httpFailureCause(path, outcome) {
    return outcome.status !== undefined
        ? `health check failed: GET ${path} returned ${outcome.status}`
        : `health check failed: GET ${path} ${outcome.error ?? 'no answer'}`;
}
/** One GET without following redirects; resolves with the status or the connection error. */
function httpGet(url, timeoutMs) {
    return new Promise(resolve => {
        const request = external_node_http_default().get(url, { timeout: timeoutMs }, response => {
            response.resume();
            resolve({ status: response.statusCode ?? 0 });
        });
        request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
        request.on('error', (error) => resolve({ error: error.code ?? error.message }));
    });
}

;// CONCATENATED MODULE: ./src/runner/env-file.ts
// Container environment handed to docker in a file only the runner's user can
// read, in a fresh private folder, removed as soon as docker has read it.



/** Runs `use` with the path of an env file holding `text`; the file is gone when it returns. */
async function withEnvFile(text, use) {
    const folder = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'bdd-env-'));
    try {
        const file = external_node_path_default().join(folder, 'container.env');
        await (0,promises_.writeFile)(file, text, { mode: 0o600, flag: 'wx' });
        return await use(file);
    }
    finally {
        await (0,promises_.rm)(folder, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/runner/run.ts
// Runs a Dockerrun v2 document on the local Docker engine the way the ECS
// platform does: one network per app, containers started in link order,
// ports published on loopback. plan.ts decides the argv; this file only
// executes it and keeps track of what it created so stop() can remove it.







const DEPENDENCY_TIMEOUT_MS = 10 * 60_000;
/** A proxy answering these is waiting for its upstream, not reporting an app error. */
const STILL_BOOTING = new Set([502, 503, 504]);
async function exists(file) {
    return (0,promises_.stat)(file).then(() => true, () => false);
}
async function resolveSecrets(doc, resolveSecret) {
    const values = {};
    for (const container of doc.containerDefinitions) {
        if (!container.secrets?.length)
            continue;
        if (!resolveSecret)
            throw new Error(`Container ${container.name} has secrets but no resolveSecret was given`);
        const resolved = {};
        for (const secret of container.secrets)
            resolved[secret.name] = await resolveSecret(secret.valueFrom);
        values[container.name] = resolved;
    }
    return values;
}
async function ensureImage(docker, image) {
    const present = await docker.call(['image', 'inspect', '--format', '{{.Id}}', '--', image]);
    if (present.exitCode !== 0)
        await docker.run(['pull', '--quiet', '--', image]);
}
/** Reads the host port Docker picked, e.g. `127.0.0.1:49153` → 49153. */
function parsePortLine(output) {
    const match = /:(\d+)\s*$/m.exec(output.split('\n')[0] ?? '');
    if (!match?.[1])
        throw new Error(`Unexpected docker port output: ${output}`);
    return Number(match[1]);
}
class DockerApp {
    project;
    docker;
    plan;
    hostDir;
    removeHostDir;
    url;
    containers = {};
    ports = [];
    networkCreated = false;
    stopped;
    constructor(project, docker, plan, hostDir, removeHostDir) {
        this.project = project;
        this.docker = docker;
        this.plan = plan;
        this.hostDir = hostDir;
        this.removeHostDir = removeHostDir;
    }
    async start(options) {
        for (const folder of [this.hostDir, ...this.plan.hostFolders]) {
            // Docker's -v creates missing bind sources; --mount does not, so do it here.
            if (!(await exists(folder)))
                await (0,promises_.mkdir)(folder, { recursive: true });
        }
        for (const image of new Set(this.plan.containers.map(container => container.image))) {
            await ensureImage(this.docker, image);
        }
        await this.docker.run([
            'network',
            'create',
            '--label',
            `${PROJECT_LABEL}=${this.project}`,
            this.plan.network
        ]);
        this.networkCreated = true;
        for (const container of this.plan.containers) {
            const id = await withEnvFile(container.envFile, file => this.docker.run(['create', '--env-file', file, ...container.createArgs]));
            this.containers[container.name] = id;
            for (const network of options.networks ?? [])
                await this.docker.run(['network', 'connect', network, id]);
            await this.waitForDependencies(container, options.dependencyTimeoutMs ?? DEPENDENCY_TIMEOUT_MS);
            await this.docker.run(['start', id]);
            for (const port of container.ports) {
                const args = ['port', id, `${port.containerPort}/${port.protocol}`];
                const answer = await this.docker.call(args);
                if (answer.exitCode !== 0) {
                    // A container that stopped right after its start has no published port: status() and
                    // waitHealthy() report its exit, which says more than this error would.
                    const running = await this.docker.call(['inspect', '--format', '{{.State.Running}}', id]);
                    if (running.stdout.trim() === 'false')
                        break;
                    throw new command_runner/* DockerCommandError */.YJ(args, answer);
                }
                const hostPort = parsePortLine(answer.stdout.trim());
                this.ports.push({
                    container: container.name,
                    containerPort: port.containerPort,
                    requestedHostPort: port.requestedHostPort,
                    hostPort
                });
                if (port.requestedHostPort === 80 && port.protocol === 'tcp')
                    this.url = `http://127.0.0.1:${hostPort}`;
            }
        }
    }
    /** dependsOn as ECS applies it: a job must have exited (with 0 for SUCCESS), a container be healthy. */
    async waitForDependencies(container, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        for (const { container: name, condition } of container.waitFor) {
            const id = this.containers[name];
            if (!id)
                throw new Error(`container ${container.name} depends on ${name}, which was not started`);
            for (;;) {
                const state = await this.docker.call([
                    'inspect',
                    '--format',
                    '{{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
                    id
                ]);
                const [status, exitCode, health] = state.stdout.trim().split(' ');
                const exited = status === 'exited' || status === 'dead';
                if (condition === 'HEALTHY' && health === 'healthy')
                    break;
                if (condition !== 'HEALTHY' && exited) {
                    if (condition === 'SUCCESS' && exitCode !== '0') {
                        throw new Error(`container ${name} exited with code ${exitCode}; ${container.name} waits for it to succeed and was not started`);
                    }
                    break;
                }
                if (condition === 'HEALTHY' && exited) {
                    throw new Error(`container ${name} exited with code ${exitCode} before it was healthy; ${container.name} was not started`);
                }
                if (Date.now() >= deadline) {
                    throw new Error(`container ${container.name} waited ${Math.round(timeoutMs / 1000)} s for ${name} to ${condition === 'HEALTHY' ? 'be healthy' : 'complete'}`);
                }
                await new Promise(resolve => setTimeout(resolve, 500));
            }
        }
    }
    async status() {
        const statuses = [];
        for (const container of this.plan.containers) {
            const id = this.containers[container.name];
            if (!id)
                continue;
            const result = await this.docker.call([
                'inspect',
                '--format',
                '{{.State.Running}} {{.State.ExitCode}}',
                id
            ]);
            const [running, exitCode] = result.stdout.trim().split(' ');
            statuses.push({
                name: container.name,
                id,
                essential: container.essential,
                running: result.exitCode === 0 && running === 'true',
                exitCode: result.exitCode === 0 && running !== 'true' ? Number(exitCode) : undefined
            });
        }
        return statuses;
    }
    async logs(name, lines = 100) {
        const id = this.containers[name];
        if (!id)
            throw new Error(`No container ${name} in ${this.project}`);
        const result = await this.docker.call(['logs', '--tail', String(lines), id]);
        return result.stdout + result.stderr;
    }
    async waitHealthy({ path: checkPath = '/', timeoutMs, intervalMs = 250, settledFailureMs }) {
        const deadline = Date.now() + timeoutMs;
        let failingSince;
        for (;;) {
            const exited = exitedEssentialCauses(await this.status());
            if (exited.length > 0)
                return { healthy: false, causes: exited };
            if (!this.url)
                return { healthy: true, causes: [] };
            // At least a second per request, so the last attempt near the deadline can still get an answer.
            const requestTimeout = Math.min(5000, Math.max(1000, deadline - Date.now()));
            const outcome = await httpGet(`${this.url}${checkPath}`, requestTimeout);
            if (outcome.status !== undefined && isHealthyHttpStatus(outcome.status)) {
                return { healthy: true, httpStatus: outcome.status, causes: [] };
            }
            const failed = { healthy: false, causes: [httpFailureCause(checkPath, outcome)] };
            if (outcome.status !== undefined)
                failed.httpStatus = outcome.status;
            if (Date.now() + intervalMs >= deadline)
                return failed;
            if (outcome.status === undefined || STILL_BOOTING.has(outcome.status)) {
                failingSince = undefined;
            }
            else if (failingSince?.status !== outcome.status) {
                failingSince = { status: outcome.status, at: Date.now() };
            }
            else if (settledFailureMs !== undefined && Date.now() - failingSince.at >= settledFailureMs) {
                return failed;
            }
            await new Promise(resolve => setTimeout(resolve, intervalMs));
        }
    }
    stop() {
        this.stopped ??= this.removeEverything();
        return this.stopped;
    }
    async removeEverything() {
        const ids = Object.values(this.containers);
        if (ids.length > 0)
            await this.docker.call(['rm', '--force', '--volumes', ...ids]);
        if (this.networkCreated)
            await this.docker.call(['network', 'rm', this.plan.network]);
        if (this.removeHostDir)
            await (0,promises_.rm)(this.hostDir, { recursive: true, force: true });
    }
}
async function runDockerrun(doc, options) {
    const hostDir = options.hostDir ?? external_node_path_default().join(external_node_os_default().tmpdir(), options.project);
    const plan = planApp(doc, {
        project: options.project,
        bundleDir: options.bundleDir,
        hostDir,
        extraEnvironment: options.extraEnvironment,
        secretValues: await resolveSecrets(doc, options.resolveSecret),
        hostPortBinding: options.hostPortBinding
    });
    const app = new DockerApp(options.project, new command_runner/* DockerCli */.Vo(options.docker), plan, hostDir, options.hostDir === undefined);
    try {
        await app.start(options);
    }
    catch (error) {
        await app.stop();
        throw error;
    }
    return app;
}

;// CONCATENATED MODULE: ./src/runner/index.ts
// Runs Dockerrun v2 bundles on a local Docker engine (stand-in deploys, smoke tests).



// EXTERNAL MODULE: ./src/workspace.ts + 10 modules
var workspace = __webpack_require__(3310);
;// CONCATENATED MODULE: ./src/smoke/dev-containers.ts
// The compose file's dev-only db / redis, started as throwaway containers on
// a network of their own that every app container of the smoke run joins, so
// the app reaches them by their compose names, as in development.



/**
 * `docker run` argv (after `run` and the `--env-file` flag) of one dev service, and its env file.
 * The image is checked as a reference and follows `--`: a compose `image: -v=/:/hostroot` is refused.
 */
function devServiceRun(service, project, network) {
    const where = `dev service ${service.name}`;
    const imageProblem = (0,docker_values/* imageReferenceProblem */.i)(service.image);
    if (imageProblem)
        throw new Error(`${where}: image ${imageProblem}`);
    const environment = environmentTransport(new Map(Object.entries(service.environment)), where);
    const [entryExecutable, ...entryArgs] = service.entrypoint ?? [];
    const args = [
        '--detach',
        '--name',
        devContainerName(project, service.name),
        '--label',
        `${PROJECT_LABEL}=${project}`,
        '--network',
        network,
        '--network-alias',
        service.name,
        ...environment.args,
        ...(service.memoryBytes !== undefined ? ['--memory', String(service.memoryBytes)] : []),
        ...(entryExecutable !== undefined ? ['--entrypoint', entryExecutable] : []),
        '--',
        service.image,
        ...entryArgs,
        ...(service.command ?? [])
    ];
    return { args, envFile: environment.envFile };
}
function devContainerName(project, service) {
    return `${project}-dev-${service}`;
}
class DevContainers {
    options;
    network;
    /** Names, recorded before `docker run` so a container that was created but failed to start is removed too. */
    names = [];
    networkCreated = false;
    stopped;
    constructor(options) {
        this.options = options;
        this.network = `${options.project}-dev`;
    }
    /** Starts every service and waits until each accepts connections; on failure the caller still calls stop(). */
    async start(services) {
        const { docker, project } = this.options;
        await docker.run(['network', 'create', '--label', `${PROJECT_LABEL}=${project}`, this.network]);
        this.networkCreated = true;
        for (const service of services) {
            const run = devServiceRun(service, project, this.network);
            this.names.push(devContainerName(project, service.name));
            await withEnvFile(run.envFile, file => docker.run(['run', '--env-file', file, ...run.args]));
        }
        await Promise.all(services.map(service => this.waitReady(service)));
    }
    async waitReady(service) {
        if (!service.readinessProbe)
            return;
        const { docker, project, readyTimeoutMs, intervalMs = 500 } = this.options;
        const name = devContainerName(project, service.name);
        const deadline = Date.now() + readyTimeoutMs;
        for (;;) {
            const probe = await docker.call(['exec', name, ...service.readinessProbe]);
            if (probe.exitCode === 0)
                return;
            const state = await docker.call(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name]);
            const [running, exitCode] = state.stdout.trim().split(' ');
            if (running !== 'true') {
                throw new Error(`dev service ${service.name} (${service.image}) exited with code ${exitCode ?? 'unknown'}`);
            }
            if (Date.now() + intervalMs >= deadline) {
                throw new Error(`dev service ${service.name} (${service.image}) not ready within ${readyTimeoutMs / 1000} s`);
            }
            await new Promise(resolve => setTimeout(resolve, intervalMs));
        }
    }
    async logs(service, lines) {
        const result = await this.options.docker.call([
            'logs',
            '--tail',
            String(lines),
            devContainerName(this.options.project, service)
        ]);
        return result.stdout + result.stderr;
    }
    /** Removes the containers (with their anonymous volumes) and the network. Safe to call twice. */
    stop() {
        this.stopped ??= (async () => {
            const { docker } = this.options;
            if (this.names.length > 0)
                await docker.call(['rm', '--force', '--volumes', ...this.names]);
            if (this.networkCreated)
                await docker.call(['network', 'rm', this.network]);
        })();
        return this.stopped;
    }
}

// EXTERNAL MODULE: ./src/smoke/dev-services.ts
var dev_services = __webpack_require__(3615);
;// CONCATENATED MODULE: ./src/smoke/run-smoke.ts
// One smoke run: the dev backing services up, the Dockerrun rendered for
// them, the bundle's files extracted where `/var/app/current` points, the app
// started by the same runner the stand-in uses, then health: an HTTP answer
// of 2xx/3xx from the port-80 container and every essential container still
// up a moment later. Everything it creates is removed before it returns.












/**
 * Starts the dev services of a smoke run ahead of it (a database takes seconds to accept connections):
 * pass the result to runSmoke with the same project, or stop `dev` once `ready` settled.
 */
function startDevServices(input, options) {
    const dev = new DevContainers({
        project: options.project,
        docker: new command_runner/* DockerCli */.Vo(options.docker),
        readyTimeoutMs: options.devReadyTimeoutMs
    });
    const ready = dev.start((0,dev_services/* devServices */.Qt)(input.plan, input.compose));
    // Awaited by the run that takes them, which reports a failure; until then it must not go unhandled.
    ready.catch(() => undefined);
    return { dev, ready };
}
/** 64 random hex characters: long enough for any key-shaped setting (Rails' SECRET_KEY_BASE), new every run. */
function randomPlaceholder() {
    return (0,external_node_crypto_.randomBytes)(32).toString('hex');
}
async function runSmoke(input, options) {
    const docker = new command_runner/* DockerCli */.Vo(options.docker);
    const placeholder = options.placeholder ?? (() => randomPlaceholder());
    const services = (0,dev_services/* devServices */.Qt)(input.plan, input.compose);
    const devPassword = services.find(service => service.role === 'database')?.password;
    // The database password reaches every variable the plan binds to it, as the dev password.
    const doc = (0,dockerrun/* renderDockerrun */.Cd)(input.plan, (0,dev_services/* smokeResolution */.KS)(input.resolution ?? {}, input.images, services));
    const secrets = (0,dev_services/* smokeSecretValues */.U1)(doc, input.databasePasswordEnv, devPassword, placeholder);
    const hostDir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), `${options.project}-`));
    const ahead = options.devServices;
    const dev = ahead?.dev ??
        new DevContainers({
            project: options.project,
            docker,
            readyTimeoutMs: options.devReadyTimeoutMs
        });
    let app;
    const cleanup = async () => {
        await app?.stop();
        // Services started ahead may still be starting: removed once they are up (or failed).
        await ahead?.ready.catch(() => undefined);
        await dev.stop();
        // A signal can arrive while runDockerrun is still creating containers, before `app` knows them.
        await removeLabelled(docker, options.project);
        await (0,promises_.rm)(hostDir, { recursive: true, force: true });
    };
    options.onCleanup?.(cleanup);
    try {
        const bundleDir = external_node_path_default().join(hostDir, 'bundle');
        await extractBundleFiles(input, bundleDir);
        try {
            await (ahead ? ahead.ready : dev.start(services));
        }
        catch (error) {
            return await devServiceFailure(error, services, dev, options.logLines ?? 30);
        }
        app = await runDockerrun(doc, {
            project: options.project,
            bundleDir,
            hostDir: external_node_path_default().join(hostDir, 'host'),
            extraEnvironment: (0,dev_services/* placeholderEnvironment */.Zd)(input.plan, placeholder),
            resolveSecret: async (valueFrom) => secrets.get(valueFrom) ?? placeholder(valueFrom),
            networks: [dev.network],
            ...(options.docker !== undefined && { docker: options.docker })
        });
        return await checkHealth(app, input.healthPath, options);
    }
    finally {
        await cleanup();
    }
}
/** Removes whatever still carries the run's project label: containers (with their volumes), then networks. */
async function removeLabelled(docker, project) {
    const filter = `label=${PROJECT_LABEL}=${project}`;
    const containers = (await docker.call(['ps', '--all', '--quiet', '--filter', filter])).stdout.split('\n');
    const ids = containers.map(id => id.trim()).filter(id => id !== '');
    if (ids.length > 0)
        await docker.call(['rm', '--force', '--volumes', ...ids]);
    const networks = (await docker.call(['network', 'ls', '--quiet', '--filter', filter])).stdout.split('\n');
    const networkIds = networks.map(id => id.trim()).filter(id => id !== '');
    if (networkIds.length > 0)
        await docker.call(['network', 'rm', ...networkIds]);
}
/** The files `/var/app/current/...` mount points refer to, written as the platform extracts the bundle. */
async function extractBundleFiles(input, bundleDir) {
    await (0,promises_.mkdir)(bundleDir, { recursive: true });
    for (const entry of (0,workspace/* listBundleFiles */._C)(input.workspace, input.compose.directory, input.plan)) {
        const file = external_node_path_default().join(bundleDir, ...entry.path.split('/'));
        // The same rule as the zip's: a bundle path never leaves the bundle.
        if (external_node_path_default().relative(bundleDir, file).split((external_node_path_default()).sep).includes('..'))
            throw new Error(`bundle path "${entry.path}" is not allowed`);
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        await (0,promises_.copyFile)(entry.source, file);
        await (0,promises_.chmod)(file, entry.executable ? 0o755 : 0o644);
    }
}
async function checkHealth(app, healthPath, options) {
    const lines = options.logLines ?? 30;
    const result = await app.waitHealthy({
        path: healthPath,
        timeoutMs: options.healthTimeoutMs,
        settledFailureMs: options.settledFailureMs
    });
    let causes = result.causes;
    if (result.healthy) {
        // A container that crashes a moment after start (a worker that cannot reach Redis) fails too.
        await new Promise(resolve => setTimeout(resolve, options.settleMs));
        causes = exitedEssentialCauses(await app.status());
    }
    const outcome = {
        healthy: causes.length === 0,
        causes,
        logs: causes.length === 0 ? [] : await failingLogs(app, lines),
        ...(result.httpStatus !== undefined && { httpStatus: result.httpStatus })
    };
    return outcome;
}
/** The stopped essential containers' logs when some stopped; otherwise (a bad HTTP answer) every container's. */
async function failingLogs(app, lines) {
    const statuses = await app.status();
    const stopped = statuses.filter(status => status.essential && !status.running);
    const chosen = stopped.length > 0 ? stopped : statuses;
    return Promise.all(chosen.map(async (status) => ({ container: status.name, text: await app.logs(status.name, lines) })));
}
async function devServiceFailure(error, services, dev, lines) {
    const message = error instanceof Error ? error.message : String(error);
    const logs = await Promise.all(services.map(async (service) => ({ container: service.name, text: await dev.logs(service.name, lines) })));
    return { healthy: false, causes: [message], logs: logs.filter(log => log.text.trim() !== '') };
}


/***/ })

};
