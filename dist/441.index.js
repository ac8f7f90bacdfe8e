export const id = 441;
export const ids = [441];
export const modules = {

/***/ 98441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cacheWithoutTls: () => (/* binding */ cacheWithoutTls),
  randomPlaceholder: () => (/* binding */ randomPlaceholder),
  removeLabelled: () => (/* binding */ removeLabelled),
  runSmoke: () => (/* binding */ runSmoke),
  startDevServices: () => (/* binding */ startDevServices)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/dockerrun.ts
var dockerrun = __webpack_require__(9602);
// EXTERNAL MODULE: ./src/adapters/docker/command-runner.ts
var command_runner = __webpack_require__(17755);
// EXTERNAL MODULE: ./src/core/docker-values.ts
var docker_values = __webpack_require__(914);
// EXTERNAL MODULE: ./src/core/plan/mounts.ts
var plan_mounts = __webpack_require__(96501);
;// CONCATENATED MODULE: ./src/ecs-agent/nested-mounts.ts
// A bind source inside another container's writable bind source is not safe to mount on the runner: Docker
// resolves a bind source when its container starts, following symlinks on the host, and the container that writes
// the outer folder can replace the inner path with a link to any runner path (the Docker login, the job's
// environment in /proc) before the other container starts. Such a source gets a private copy, made before any
// container runs, in a folder no mount contains. On the instance the two still share the folder; the copy loses only
// what one container writes there for the other while the smoke test runs.


/**
 * The sources lying strictly inside a source some container mounts writable (its own included: a restarted
 * container resolves its mounts again), each with its copy under `<hostDir>/isolated`, which no mount contains.
 */
function isolatedCopies(mounts, hostDir) {
    const writable = [...new Set(mounts.filter(mount => !mount.readOnly).map(mount => mount.source))];
    const exposed = [...new Set(mounts.map(mount => mount.source))].filter(source => writable.some(outer => outer !== source && (0,plan_mounts/* isWithin */.UO)(source, outer)));
    return exposed.map((from, index) => ({ from, to: external_node_path_default().join(hostDir, 'isolated', String(index)) }));
}

;// CONCATENATED MODULE: ./src/ecs-agent/docker-argv.ts
// Pure translation of a Dockerrun v2 document into the docker CLI calls the
// ECS platform's agent would make: no I/O here, so every rule is unit-tested
// as a table of document → argv.



/** Where the bundle's `/var/app/current/...` paths live on the instance. */
const BUNDLE_ROOT = '/var/app/current';
/** Label on everything the runner creates, so leftovers can be traced to a project. */
const ACTION_LABEL_PREFIX = 'beanstalk-docker-deploy.';
const PROJECT_LABEL = `${ACTION_LABEL_PREFIX}runner-project`;
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
        else if (mount.sourceVolume.startsWith('awseb-logs-') &&
            // Beanstalk's log volume of a container of the document: no other name becomes a host path.
            doc.containerDefinitions.some(other => `awseb-logs-${other.name}` === mount.sourceVolume)) {
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
    if (options.linksOnly) {
        // A link's alias resolves for the linking container only, as Docker's links on the ECS bridge do.
        for (const link of container.links ?? []) {
            const { target, alias } = parseLink(link);
            args.push('--link', `${containerNameFor(options.project, target)}:${alias}`);
        }
    }
    else
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
    // Never the document's own labels under the action's prefix: docker keeps the last of a repeated key, and the
    // cleanup finds containers by the project label, so a label of the repository must not replace it.
    for (const [key, value] of Object.entries(container.dockerLabels ?? {}))
        if (!key.startsWith(ACTION_LABEL_PREFIX))
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
    const ordered = startOrder(doc.containerDefinitions);
    const declaredMounts = new Map(ordered.map(container => [
        container.name,
        [...resolveMounts(container, doc, options), ...(options.extraMounts?.[container.name] ?? [])]
    ]));
    const copies = isolatedCopies([...declaredMounts.values()].flat(), options.hostDir);
    const copyOf = new Map(copies.map(copy => [copy.from, copy.to]));
    const containers = ordered.map((container) => {
        const mounts = (declaredMounts.get(container.name) ?? []).map(mount => ({
            ...mount,
            source: copyOf.get(mount.source) ?? mount.source
        }));
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
                : [{ container: dependency.containerName, condition: dependency.condition }]),
            startsAfter: dependenciesOf(container)
        };
    });
    // The sources as the document names them: a copied one still exists where the outer container sees it.
    const hostFolders = [...new Set([...declaredMounts.values()].flat().map(mount => mount.source))];
    return { network: networkNameFor(options.project), containers, hostFolders, isolatedCopies: copies };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/ecs-agent/health.ts
// Health rules of a Dockerrun run on this runner (ecs-agent/run.ts waits with
// them; the smoke test, smoke/run-smoke.ts, checks its essential containers
// with them): what counts as healthy, how causes are worded, and the HTTP GET
// that probes an app. The Beanstalk stand-in keeps its own rules
// (stand-in/services/beanstalk/deployer.ts): product code has no test hooks.

/**
 * The default rule of a run on this runner: 2xx and 3xx mean the page was served. The smoke test asks what the
 * environment's load balancer asks instead (core/health-check.ts: an Application Load Balancer wants 200).
 */
function isHealthyHttpStatus(status) {
    return status >= 200 && status < 400;
}
/** Causes for essential containers that are no longer running; empty while they all run. */
function exitedEssentialCauses(statuses) {
    return statuses
        .filter(status => status.essential && !status.running)
        .map(status => `container ${status.name} exited with code ${status.exitCode ?? 'unknown'}`);
}
/**
 * `expected` says what a healthy answer is when the rule is not the default (e.g. "200, as its load balancer
 * asks"). It is left out for a server error (5xx): no health-check setting makes one healthy, the app must change.
 */
function httpFailureCause(path, outcome, expected) {
    if (outcome.status === undefined)
        return `health check failed: GET ${path} ${outcome.error ?? 'no answer'}`;
    const rule = expected !== undefined && outcome.status < 500 ? ` (healthy: ${expected})` : '';
    return `health check failed: GET ${path} returned ${outcome.status}${rule}`;
}
/** A proxy answering these is waiting for its upstream, not reporting an app error. */
const STILL_BOOTING = new Set([502, 503, 504]);
/**
 * After a failed probe, at `now`: whether the app has settled on failing, so waiting longer will not change the
 * answer. A gateway answer (502, 503, 504) or no answer means "still booting" and ends any streak; the app's own
 * failing status starts a streak, or settles it once the same status has come for `settledFailureMs`.
 */
function afterFailedProbe(streak, status, now, settledFailureMs) {
    // Stryker disable next-line ObjectLiteral: `{}` is read the same way (no streak, `settled` falsy)
    if (status === undefined || STILL_BOOTING.has(status))
        return { settled: false };
    if (streak?.status !== status)
        return { streak: { status, since: now }, settled: false };
    return { streak, settled: now - streak.since >= (settledFailureMs ?? Infinity) };
}
/** One GET without following redirects; resolves with the status or the connection error. */
function httpGet(url, timeoutMs, headers = {}) {
    return new Promise(resolve => {
        const request = external_node_http_default().get(url, { timeout: timeoutMs, headers }, response => {
            response.resume();
            resolve({ status: response.statusCode ?? 0 });
        });
        request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
        request.on('error', (error) => resolve({ error: error.code ?? error.message }));
    });
}

;// CONCATENATED MODULE: ./src/adapters/docker/container-logs.ts
// `docker logs` prints a container's stdout and stderr on two streams of its own, so read apart they lose their
// order: an app's log lines, then, cut off from them, the stack trace it printed on stderr. With `--timestamps` each
// line carries the time the engine received it, in a fixed-width RFC 3339 form with nanoseconds, always UTC
// (https://docs.docker.com/reference/cli/docker/container/logs/): the two streams are merged back in that order
// and the stamps removed.
/** argv of `docker logs` for the last `lines` lines (all when undefined), stamped for mergeLogStreams. */
const containerLogsArgs = (container, lines) => [
    'logs',
    '--timestamps',
    ...(lines !== undefined ? ['--tail', String(lines)] : []),
    container
];
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) ?/;
function stampedLines(output) {
    const lines = output.split('\n');
    if (lines.at(-1) === '')
        lines.pop();
    // A line without a stamp (none is expected) keeps the place of the line before it.
    let previous = '';
    return lines.map(line => {
        const stamp = STAMP.exec(line);
        previous = stamp?.[1] ?? previous;
        return { stamp: previous, text: stamp ? line.slice(stamp[0].length) : line };
    });
}
/**
 * One log in the order the engine received its lines, without their stamps (`keepStamps`: each line still starts
 * with its stamp and a space, for a reader that needs the time); stdout first where two tie.
 */
function mergeLogStreams(stdout, stderr, keepStamps = false) {
    const out = stampedLines(stdout);
    const err = stampedLines(stderr);
    const merged = [];
    const show = (line) => (keepStamps ? `${line.stamp} ${line.text}` : line.text);
    let [o, e] = [0, 0];
    while (o < out.length || e < err.length) {
        const next = e >= err.length || (o < out.length && out[o].stamp <= err[e].stamp);
        merged.push(show(next ? out[o++] : err[e++]));
    }
    return merged.length > 0 ? `${merged.join('\n')}\n` : '';
}
/** The time (ms) of a line mergeLogStreams kept its stamp on; undefined for a line without one. */
function lineTime(line) {
    const stamp = STAMP.exec(line)?.[1];
    return stamp === undefined ? undefined : Date.parse(stamp);
}

;// CONCATENATED MODULE: ./src/ecs-agent/env-file.ts
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

;// CONCATENATED MODULE: ./src/ecs-agent/run.ts
// Runs a Dockerrun v2 document on the local Docker engine the way the ECS
// platform does: one network per app, containers started in link order,
// ports published on loopback. docker-argv.ts decides the argv; this file only
// executes it and keeps track of what it created so stop() can remove it.








const DEPENDENCY_TIMEOUT_MS = 10 * 60_000;
/** A container another waits for failed (a job exited non-zero, a container stopped before it was healthy). */
class DependencyFailedError extends Error {
    container;
    log;
    constructor(message, 
    /** The container that failed, as in the document. */
    container, 
    /** The end of its log: why it failed, as a user reads it. */
    log) {
        super(message);
        this.container = container;
        this.log = log;
        this.name = 'DependencyFailedError';
    }
}
/** Lines of a failed dependency's log kept: as many as the smoke test reads of a failing container. */
const DEPENDENCY_LOG_LINES = 100;
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
/** The image, pulled when the daemon lacks it; a failed pull names the image and its containers. */
async function ensureImage(docker, image, containers) {
    const present = await docker.call(['image', 'inspect', '--format', '{{.Id}}', '--', image]);
    if (present.exitCode === 0)
        return;
    const pulled = await docker.call(['pull', '--quiet', '--', image]);
    if (pulled.exitCode !== 0) {
        const reason = (pulled.stderr.trim() || pulled.stdout.trim()).split('\n')[0];
        throw new Error(`the image ${image} of ${containers.join(', ')} could not be pulled (${reason}); the instances pull it the same way: build it in the compose file (build:) or push it to a registry they can reach`);
    }
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
    addresses = [];
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
        // Before any container runs, so none can have swapped a path for a link yet (nested-mounts.ts).
        for (const copy of this.plan.isolatedCopies) {
            await (0,promises_.mkdir)(external_node_path_default().dirname(copy.to), { recursive: true });
            await (0,promises_.cp)(copy.from, copy.to, {
                recursive: true,
                verbatimSymlinks: true,
                errorOnExist: true,
                force: false
            });
        }
        for (const image of new Set(this.plan.containers.map(container => container.image))) {
            const users = this.plan.containers.filter(container => container.image === image);
            await ensureImage(this.docker, image, users.map(container => container.name));
        }
        await this.docker.run([
            'network',
            'create',
            '--label',
            `${PROJECT_LABEL}=${this.project}`,
            this.plan.network
        ]);
        this.networkCreated = true;
        // As the ECS agent does: each container starts once the ones it links to, takes volumes from or depends on
        // have started; the others at the same time (web and worker of one image need not wait for each other).
        const started = new Map();
        for (const container of this.plan.containers) {
            const after = container.startsAfter.map(name => started.get(name) ?? Promise.resolve());
            started.set(container.name, Promise.all(after).then(() => this.launch(container, options)));
        }
        // Every launch settles before a failure is thrown: stop() then knows every container that was created.
        const outcomes = await Promise.allSettled(started.values());
        const failed = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failed)
            throw failed.reason;
    }
    async launch(container, options) {
        const id = await withEnvFile(container.envFile, file => this.docker.run(['create', '--env-file', file, ...container.createArgs]));
        this.containers[container.name] = id;
        for (const network of options.networks ?? [])
            await this.docker.run(['network', 'connect', network, id]);
        await this.waitForDependencies(container, options.dependencyTimeoutMs ?? DEPENDENCY_TIMEOUT_MS);
        await this.docker.run(['start', id]);
        if (options.recordAddresses)
            await this.recordAddresses(container.name, id);
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
    async recordAddresses(name, id) {
        const answer = await this.docker.call([
            'inspect',
            '--format',
            '{{.State.StartedAt}} {{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
            id
        ]);
        const [startedAt = '', ...addresses] = answer.stdout.trim().split(/\s+/);
        const started = Date.parse(startedAt);
        for (const address of addresses) {
            if (address !== '' && Number.isFinite(started))
                this.addresses.push({ address, name, startedAt: started });
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
                        throw new DependencyFailedError(`container ${name} exited with code ${exitCode}; ${container.name} waits for it to succeed and was not started`, name, await this.logs(name, DEPENDENCY_LOG_LINES));
                    }
                    break;
                }
                if (condition === 'HEALTHY' && exited) {
                    throw new DependencyFailedError(`container ${name} exited with code ${exitCode} before it was healthy; ${container.name} was not started`, name, await this.logs(name, DEPENDENCY_LOG_LINES));
                }
                if (Date.now() >= deadline) {
                    throw new Error(`container ${container.name} waited ${Math.round(timeoutMs / 1000)} s for ${name} to ${condition === 'HEALTHY' ? 'be healthy' : 'complete'}`);
                }
                await new Promise(resolve => setTimeout(resolve, 500));
            }
        }
    }
    async status() {
        const started = this.plan.containers.flatMap(container => {
            const id = this.containers[container.name];
            return id ? [{ container, id }] : [];
        });
        if (started.length === 0)
            return [];
        // One `docker inspect` for every container (polled several times a second while the app boots); a
        // container that is gone prints no line (and the call exits non-zero): not running, no exit code.
        const result = await this.docker.call([
            'inspect',
            '--format',
            '{{.Id}} {{.State.Running}} {{.State.ExitCode}}',
            ...started.map(({ id }) => id)
        ]);
        const states = new Map();
        for (const line of result.stdout.split('\n')) {
            const [fullId, running, exitCode] = line.trim().split(' ');
            if (fullId)
                states.set(fullId, [running, exitCode]);
        }
        return started.map(({ container, id }) => {
            const [running, exitCode] = states.get(id) ?? [...states].find(([full]) => full.startsWith(id))?.[1] ?? [];
            return {
                name: container.name,
                id,
                essential: container.essential,
                running: running === 'true',
                exitCode: running !== undefined && running !== 'true' ? Number(exitCode) : undefined
            };
        });
    }
    async logs(name, lines = 100) {
        const id = this.containers[name];
        if (!id)
            throw new Error(`No container ${name} in ${this.project}`);
        const result = await this.docker.call(containerLogsArgs(id, lines));
        return mergeLogStreams(result.stdout, result.stderr);
    }
    async waitHealthy({ path: checkPath = '/', timeoutMs, intervalMs = 250, settledFailureMs, accepts }) {
        const healthy = accepts?.status ?? isHealthyHttpStatus;
        const deadline = Date.now() + timeoutMs;
        let streak;
        for (;;) {
            const exited = exitedEssentialCauses(await this.status());
            if (exited.length > 0)
                return { healthy: false, causes: exited };
            if (!this.url)
                return { healthy: true, causes: [] };
            // At least a second per request, so the last attempt near the deadline can still get an answer.
            const requestTimeout = Math.min(5000, Math.max(1000, deadline - Date.now()));
            const outcome = await httpGet(`${this.url}${checkPath}`, requestTimeout);
            if (outcome.status !== undefined && healthy(outcome.status)) {
                return { healthy: true, httpStatus: outcome.status, causes: [] };
            }
            const failed = {
                healthy: false,
                causes: [httpFailureCause(checkPath, outcome, accepts?.expected)]
            };
            if (outcome.status !== undefined)
                failed.httpStatus = outcome.status;
            if (Date.now() + intervalMs >= deadline)
                return failed;
            const judged = afterFailedProbe(streak, outcome.status, Date.now(), settledFailureMs);
            if (judged.settled)
                return failed;
            streak = judged.streak;
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
        hostPortBinding: options.hostPortBinding,
        linksOnly: options.linksOnly,
        extraMounts: options.extraMounts
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

;// CONCATENATED MODULE: ./src/ecs-agent/index.ts
// Runs Dockerrun v2 bundles on a local Docker engine (stand-in deploys, smoke tests).



;// CONCATENATED MODULE: ./src/smoke/ca-bundles.ts
// The CA bundle files a container names, and what they hold. Pure: twin-trust.ts reads the files from the images,
// tls-findings.ts judges a client that rejected the twin with them.

/** Variable names that name a CA bundle (an app's own spellings included: DB_SSL_CA, REDIS_CA_CERT…). */
const CA_VARIABLE = /^(NODE_EXTRA_CA_CERTS|PGSSLROOTCERT)$|SSL_?ROOT_?CERT|SSL_?CA(_|$)|CA_?(CERT|BUNDLE|FILE|PATH)/i;
/** The first variable of a container's environment that names a CA bundle, if any. */
function caBundleVariable(environment) {
    const found = environment.find(({ name, value }) => (CA_VARIABLE.test(name) && value.trim() !== '') || /sslrootcert=/i.test(value));
    return found?.name;
}
/** Absolute paths a container's environment names as CA bundles: by a CA variable, or `sslrootcert=` in a value. */
function caBundlePaths(environment) {
    const found = [];
    for (const { name, value } of environment) {
        const trimmed = value.trim();
        if (CA_VARIABLE.test(name) && trimmed.startsWith('/'))
            found.push({ variable: name, path: trimmed });
        const rootCert = /sslrootcert=([^&\s]+)/i.exec(value)?.[1];
        if (rootCert !== undefined) {
            const decoded = safeDecode(rootCert);
            if (decoded.startsWith('/'))
                found.push({ variable: name, path: decoded });
        }
    }
    return found.filter((entry, index) => found.findIndex(other => other.path === entry.path) === index);
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * The subjects of the PEM certificates in `text`, and whether one is a CA RDS endpoints chain to: the RDS CAs
 * ("Amazon RDS … Root CA", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html), or
 * Amazon Trust Services' roots, which RDS Proxy's certificates chain to
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls).
 */
function bundleSubjects(text) {
    const subjects = [];
    for (const block of text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
        try {
            subjects.push(new external_node_crypto_.X509Certificate(block).subject.replace(/\n/g, ', '));
        }
        catch {
            // Not a certificate a client could load either.
        }
    }
    return { subjects, rds: subjects.some(subject => /Amazon RDS|Amazon Root CA/.test(subject)) };
}

;// CONCATENATED MODULE: ./src/smoke/twin-trust.ts
// A client that verifies the database against a CA bundle it names (NODE_EXTRA_CA_CERTS, PGSSLROOTCERT,
// sslrootcert=… in a URL) cannot trust the twin, whose certificate only a throwaway CA signed: an app that connects
// at its start and stops when it cannot (node-postgres with the RDS CA bundle) would never pass the smoke test.
// So the file the variable names is read from the image first:
// - it holds an RDS CA certificate: for the smoke run only, the same file with the throwaway CA appended is mounted
//   over it, and the client verifies the twin as it will verify RDS;
// - it holds none, or is not in the image: nothing is mounted, and the client fails against the twin as it would
//   against RDS (tls-findings.ts then names the file).




/**
 * Reads every CA bundle the document's containers name from their images, and prepares the files that add the
 * twin's CA to those that hold an RDS CA. `folder`: a host folder of the smoke run for those files.
 */
async function trustTwinCa(doc, twinCa, docker, options) {
    const trust = { mounts: {}, files: new Map() };
    await (0,promises_.mkdir)(options.folder, { recursive: true });
    for (const container of doc.containerDefinitions) {
        const paths = caBundlePaths(container.environment ?? []);
        if (paths.length === 0)
            continue;
        const files = [];
        for (const [index, named] of paths.entries()) {
            const copy = external_node_path_default().join(options.folder, `${container.name}-${index}.pem`);
            const text = await imageFile(docker, container.image, named.path, copy, options.project);
            // A folder of certificates (CA_PATH=/etc/ssl/certs) is no bundle file: left as it is, unjudged.
            if (text === FOLDER)
                continue;
            if (text === undefined) {
                files.push({ ...named, holds: 'missing', subjects: [] });
                continue;
            }
            const { subjects, rds } = bundleSubjects(text);
            files.push({ ...named, holds: rds ? 'rds' : 'other', subjects });
            if (!rds)
                continue;
            await (0,promises_.writeFile)(copy, `${text.trimEnd()}\n${twinCa.trim()}\n`);
            (trust.mounts[container.name] ??= []).push({ source: copy, target: named.path, readOnly: true });
        }
        trust.files.set(container.name, files);
    }
    return trust;
}
const FOLDER = Symbol('folder');
/**
 * A file of an image, copied out of a container that never starts; undefined when the image has none there, FOLDER
 * when the path is a folder.
 */
async function imageFile(docker, image, file, copy, project) {
    // Labelled as the smoke run's containers are, so a run stopped half-way still removes it.
    const created = await docker.call([
        'create',
        '--label',
        `${PROJECT_LABEL}=${project}`,
        '--entrypoint',
        '/',
        image
    ]);
    const id = created.stdout.trim();
    if (created.exitCode !== 0 || id === '')
        return undefined;
    try {
        const copied = await docker.call(['cp', '--follow-link', `${id}:${file}`, copy]);
        if (copied.exitCode !== 0)
            return undefined;
        const entry = await (0,promises_.lstat)(copy);
        if (entry.isDirectory())
            return FOLDER;
        // Only a regular file is a bundle: reading a FIFO the image put there would wait forever (attack round 8).
        if (!entry.isFile())
            return undefined;
        return await (0,promises_.readFile)(copy, 'utf8').catch(() => undefined);
    }
    finally {
        await docker.call(['rm', '--force', id]);
        await (0,promises_.rm)(copy, { force: true, recursive: true });
    }
}

// EXTERNAL MODULE: ./src/core/health-check.ts
var health_check = __webpack_require__(18988);
// EXTERNAL MODULE: ./src/adapters/workspace/files.ts + 11 modules
var files = __webpack_require__(41150);
// EXTERNAL MODULE: ./src/core/plan/types.ts
var types = __webpack_require__(73886);
;// CONCATENATED MODULE: ./src/smoke/causes.ts
// Pure: why the twin failed, in words a user can act on, read from the
// containers' logs and the twins' connection logs: a host that does not
// resolve and is the compose name of a replaced service (or of a container it
// has no link to), a login refused for a user that is not the managed one (or
// with a password that did not come through the bundle's references), and
// `Permission denied` on a folder the bundle mounts.

const ENGINE_WORDS = {
    postgres: /postgres|psql|pg\b|[/:]5432\b|port 5432/i,
    mysql: /mysql|maria|[/:]3306\b|port 3306/i,
    redis: /redis|celery|sidekiq|[/:]6379\b|port 6379/i,
    valkey: /redis|valkey|celery|sidekiq|[/:]6379\b|port 6379/i,
    memcached: /memcache|[/:]11211\b/i
};
const NAME_RESOLUTION_FAILED = /could not translate host name|getaddrinfo|ENOTFOUND|EAI_AGAIN|Name or service not known|Temporary failure in name resolution|Unknown (?:MySQL|MariaDB) server host|no such host|UnknownHostException|nodename nor servname|Name does not resolve|Could not resolve host|failed to lookup address|No address associated with hostname|host not found|unknown host|could not resolve/i;
const CONNECTION_REFUSED = /refused|ECONNREFUSED|Error 111|errno 111|Cannot assign requested address|EADDRNOTAVAIL|Error 99/i;
const LOOPBACK = /(?<![\w.-])(localhost|127\.0\.0\.1|\[?::1\]?)(?![\w-])/i;
/** PostgreSQL's refusal of a plain connection where only `hostssl` rules match (RDS's rds.force_ssl = 1). */
const NO_ENCRYPTION = /no pg_hba\.conf entry for .*no encryption/;
const PERMISSION_DENIED = /permission denied|EACCES|EPERM|operation not permitted|read-only file system/i;
const HOST_VARIABLE = {
    postgres: 'POSTGRES_HOST',
    mysql: 'MYSQL_HOST',
    redis: 'REDIS_HOST',
    valkey: 'REDIS_HOST',
    memcached: 'MEMCACHED_HOST'
};
const USER_VARIABLE = {
    postgres: 'POSTGRES_USER',
    mysql: 'MYSQL_USER'
};
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** `name` as a host in a log line: not part of a longer name (`db` in `db_1` or `mydb.example`). */
function mentionsHost(line, name) {
    return new RegExp(`(?<![\\w.-])${escapeRegExp(name)}(?![\\w-]|\\.\\w)`, 'i').test(line);
}
function boundVariables(container, role, kinds) {
    return container.bindings
        .filter(binding => binding.role === role && kinds.includes(binding.kind))
        .map(binding => binding.variable);
}
function actionSets(variables, container) {
    return variables.length > 0
        ? `the action sets ${variables.join(', ')}`
        : `the action sets none in ${container}`;
}
function unresolvedHostCause(input, container, line) {
    for (const twin of input.twins) {
        if (!mentionsHost(line, twin.name))
            continue;
        const variables = boundVariables(container, twin.role, types/* ADDRESS_KINDS */.p);
        return `${container.name} tried to reach \`${twin.name}\`, the compose name of the ${twin.role} this deploy replaces with ${twin.managed} (${twin.host}); on Beanstalk it does not resolve: set the variable your app reads for the ${twin.role} host — ${actionSets(variables, container.name)} — or add it to the compose file as \`${HOST_VARIABLE[twin.engine]}: ${twin.name}\` so the action rewrites it`;
    }
    for (const other of input.containers) {
        if (other.name === container.name || container.linkAliases.includes(other.name))
            continue;
        if (!mentionsHost(line, other.name))
            continue;
        return `${container.name} tried to reach \`${other.name}\`, another container of this app it has no link to; on Beanstalk (ECS bridge networking) containers reach each other only through links: add \`links: [${other.name}]\` to ${container.name} in the compose file`;
    }
    return undefined;
}
/**
 * A connection refused on the container's own loopback, naming a database or cache: a code default
 * (`redis://localhost:6379/0`) the app fell back to because it reads a variable the action does not set.
 */
function loopbackCause(input, container, line) {
    if (!CONNECTION_REFUSED.test(line))
        return undefined;
    const where = LOOPBACK.exec(line)?.[1];
    if (!where)
        return undefined;
    const twin = input.twins.find(candidate => ENGINE_WORDS[candidate.engine].test(line));
    if (!twin)
        return undefined;
    const variables = boundVariables(container, twin.role, types/* ADDRESS_KINDS */.p);
    return `${container.name} tried to reach the ${twin.role} on ${where}, where nothing listens on Beanstalk either: the ${twin.role} is ${twin.managed} (${twin.host}), and your app reads its address from a variable the action does not set (${actionSets(variables, container.name)}); add that variable to the compose file with its development value (the compose name ${twin.name}) so the action rewrites it`;
}
function loginCause(twin, container, user) {
    if (twin.role !== 'database')
        return undefined;
    if (user !== undefined && twin.username !== undefined && user !== twin.username) {
        const variables = boundVariables(container, 'database', ['url', 'connection-string', 'user']);
        const example = USER_VARIABLE[twin.engine];
        return `${container.name} logged in to the database as \`${user}\`, but the user of ${twin.managed} is \`${twin.username}\`: the compose file's dev credentials do not work there; set the variable your app reads for the database user — ${actionSets(variables, container.name)}${example ? ` — or add it to the compose file as \`${example}: ${user}\` so the action rewrites it` : ''}`;
    }
    const passwords = boundVariables(container, 'database', ['password']);
    return `${container.name} could not log in to the database as \`${user ?? twin.username ?? 'its user'}\`: the password it sent is not ${twin.managed}'s; on Beanstalk the app gets it only by reference, ${passwords.length > 0 ? `in ${passwords.join(', ')}: read it from there` : `and ${container.name} is given none: pass it with the secrets input (the database password variable) and read it in the app`}`;
}
/** A refused login named by the app's own log (drivers quote the server's words). */
function loggedLoginFailure(line) {
    const match = /password authentication failed for user "([^"]*)"/.exec(line) ??
        /role "([^"]*)" does not exist/.exec(line) ??
        /Access denied for user '([^']*)'@/.exec(line);
    return match ? { user: match[1] } : undefined;
}
function permissionCause(container, line) {
    const mount = container.mounts
        .filter(candidate => !candidate.readOnly)
        .filter(candidate => new RegExp(`(?<![\\w.-])${escapeRegExp(candidate.containerPath.replace(/\/+$/, ''))}(?=$|[/'"\\s:,)\\]])`).test(line))
        .sort((a, b) => b.containerPath.length - a.containerPath.length)[0];
    if (!mount)
        return undefined;
    return `${container.name} cannot write to ${mount.containerPath}: the folder is mounted from ${mount.sourcePath}, which belongs to root on the instance (as here), and ${container.name} runs as user \`${container.user ?? 'root'}\`; make it writable before the containers start (a .platform/hooks/predeploy script that chowns it under /var/app/staging), run the container as root, or write to a folder of the image or a volume instead`;
}
/** Every cause found, the most specific first; at most one per container and kind. */
function diagnose(input) {
    const causes = [];
    const seen = new Set();
    const add = (key, cause) => {
        if (cause === undefined || seen.has(key))
            return;
        seen.add(key);
        causes.push(cause);
    };
    const facts = new Map(input.containers.map(container => [container.name, container]));
    for (const { container: name, text } of input.logs) {
        const container = facts.get(name);
        if (!container)
            continue;
        for (const line of text.split('\n')) {
            if (NAME_RESOLUTION_FAILED.test(line))
                add(`host:${name}`, unresolvedHostCause(input, container, line));
            add(`loopback:${name}`, loopbackCause(input, container, line));
            if (PERMISSION_DENIED.test(line))
                add(`permission:${name}`, permissionCause(container, line));
        }
    }
    for (const twin of input.twins) {
        for (const connection of input.connections.get(twin.name) ?? []) {
            const container = connection.container ? facts.get(connection.container) : undefined;
            if (!container || connection.ok || connection.failure === undefined)
                continue;
            // A plain connection refused for want of TLS is tls-findings.ts' to explain, not a login's.
            if (NO_ENCRYPTION.test(connection.failure))
                continue;
            add(`login:${container.name}:${twin.role}`, loginCause(twin, container, connection.user));
        }
    }
    // Without the server's word (no connection log), the app's own.
    const database = input.twins.find(twin => twin.role === 'database');
    if (database) {
        for (const { container: name, text } of input.logs) {
            const container = facts.get(name);
            const failure = text
                .split('\n')
                .map(loggedLoginFailure)
                .find(found => found !== undefined);
            if (container && failure)
                add(`login:${name}:database`, loginCause(database, container, failure.user));
        }
    }
    return causes;
}

// EXTERNAL MODULE: ./node_modules/selfsigned/index.js
var selfsigned = __webpack_require__(7686);
;// CONCATENATED MODULE: ./src/smoke/twin-tls.ts
// The database twin serves TLS as every RDS instance does, and refuses plain
// connections where RDS would (PostgreSQL 15+, rds.force_ssl = 1). Its
// certificate is for the managed host name, signed by a throwaway CA, and new
// every run: the twin cannot present one signed by the RDS CA, so a client
// that verifies the server against its default trust store rejects it here
// (tls-findings.ts), and one that names a CA bundle is given the throwaway CA
// there for the smoke run (twin-trust.ts).
//
// The official postgres images may lack openssl, so the key and certificate
// are made on the runner and written into the running twin, then turned on
// with a reload (ssl and pg_hba.conf are re-read on SIGHUP). This happens
// once the server is ready and before any app container starts.

/** A throwaway certificate for `host`, signed by a throwaway CA of its own, both valid for a day. */
async function twinCertificate(host) {
    const now = Date.now();
    // SHA-256 signatures: OpenSSL's default security level refuses a certificate signed with SHA-1 ("ca md too weak").
    const validity = {
        notBeforeDate: new Date(now - 60_000),
        notAfterDate: new Date(now + 24 * 3600_000),
        algorithm: 'sha256'
    };
    const ca = await (0,selfsigned/* generate */.c)([{ name: 'commonName', value: 'Smoke test database twin CA (throwaway)' }], {
        keyType: 'ec',
        curve: 'P-256',
        ...validity,
        extensions: [
            { name: 'basicConstraints', cA: true, critical: true },
            { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
        ]
    });
    const generated = await (0,selfsigned/* generate */.c)([{ name: 'commonName', value: host }], {
        keyType: 'ec',
        curve: 'P-256',
        ...validity,
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
            { name: 'basicConstraints', cA: false },
            { name: 'keyUsage', digitalSignature: true, critical: true },
            { name: 'extKeyUsage', serverAuth: true },
            { name: 'subjectAltName', altNames: [{ type: 2, value: host }] }
        ]
    });
    return { cert: generated.cert, key: generated.private, ca: ca.cert };
}
/** Where the twin keeps them: a folder of the server's user (postgres), the key 0600 as the server requires. */
const TLS_DIR = '/tmp/bdd-twin-tls';
/**
 * `docker exec` argv (after the container name) that installs the certificate in a PostgreSQL twin and turns
 * TLS on; with `refusePlain`, every `host` rule of pg_hba.conf becomes `hostssl`, as rds.force_ssl = 1 does
 * on RDS (https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates), so a plain connection gets
 * RDS's own `no pg_hba.conf entry for host "…", user "…", database "…", no encryption`. Runs as the
 * container's user (root in the official images, which then hands the files to postgres) and asks the
 * server as the twin's superuser over its socket (trusted locally in every postgres image).
 */
function postgresTlsSetup(certificate, user, refusePlain) {
    const script = [
        'set -eu',
        'cert=$1 key=$2 user=$3 refuse=$4',
        `dir=${TLS_DIR}`,
        'umask 077',
        'mkdir -p "$dir"',
        `printf '%s\\n' "$cert" >"$dir/server.crt"`,
        `printf '%s\\n' "$key" >"$dir/server.key"`,
        'if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; fi',
        'sql() { psql -v ON_ERROR_STOP=1 -U "$user" -d postgres -Atc "$1"; }',
        // Rewritten in place (cat >), so the file keeps its owner and mode.
        'if [ "$refuse" = yes ]; then',
        '  hba=$(sql "show hba_file")',
        `  sed 's/^host[[:space:]]/hostssl /' "$hba" >"$dir/pg_hba.conf"`,
        '  cat "$dir/pg_hba.conf" >"$hba"',
        'fi',
        `sql "ALTER SYSTEM SET ssl_cert_file = '$dir/server.crt'" >/dev/null`,
        `sql "ALTER SYSTEM SET ssl_key_file = '$dir/server.key'" >/dev/null`,
        `sql "ALTER SYSTEM SET ssl = on" >/dev/null`,
        'sql "select pg_reload_conf()" >/dev/null',
        // The postmaster reloads asynchronously; a new session sees the new settings once it has.
        'tries=0',
        'until [ "$(sql "show ssl")" = on ]; do',
        '  tries=$((tries + 1))',
        '  if [ "$tries" -gt 100 ]; then echo "the twin did not turn TLS on (see its log)" >&2; exit 1; fi',
        '  sleep 0.1',
        'done'
    ].join('\n');
    return ['sh', '-c', script, 'twin-tls', certificate.cert, certificate.key, user, refusePlain ? 'yes' : 'no'];
}

;// CONCATENATED MODULE: ./src/smoke/dev-containers.ts
// The twins of the managed database and cache, started as throwaway
// containers on a network of their own that every app container of the smoke
// run joins. Each answers only under its managed endpoint's host name (the RDS
// address, the ElastiCache address) as a network alias: a compose name such
// as `db` does not resolve here, as it does not on Beanstalk.





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
    const args = [
        '--detach',
        '--name',
        devContainerName(project, service.name),
        '--label',
        `${PROJECT_LABEL}=${project}`,
        '--network',
        network,
        '--network-alias',
        service.host,
        ...environment.args,
        ...(service.memoryBytes !== undefined ? ['--memory', String(service.memoryBytes)] : []),
        '--',
        service.image,
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
    /** The throwaway CA that signed the database twin's certificate, once a twin serves TLS. */
    twinCa;
    removed;
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
            if (probe.exitCode === 0) {
                if (service.connectionLogging)
                    await docker.run(['exec', name, ...service.connectionLogging]);
                if (service.tls) {
                    const certificate = await twinCertificate(service.host);
                    const setup = postgresTlsSetup(certificate, service.username ?? 'postgres', service.tls.refusePlain);
                    await docker.run(['exec', name, ...setup]);
                    this.twinCa = certificate.ca;
                }
                return;
            }
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
    /**
     * The last `lines` lines of a twin's log (all of it when undefined); `stamped`: each line keeps the time the
     * engine received it (lineTime reads it).
     */
    async logs(service, lines, stamped = false) {
        const result = await this.options.docker.call(containerLogsArgs(devContainerName(this.options.project, service), lines));
        return mergeLogStreams(result.stdout, result.stderr, stamped);
    }
    /** Runs argv in a twin's container; its output. */
    async exec(service, argv) {
        const result = await this.options.docker.call([
            'exec',
            devContainerName(this.options.project, service),
            ...argv
        ]);
        return result.stdout;
    }
    /** Removes the containers (with their anonymous volumes). Safe to call twice. */
    removeContainers() {
        this.removed ??= (async () => {
            if (this.names.length > 0)
                await this.options.docker.call(['rm', '--force', '--volumes', ...this.names]);
        })();
        return this.removed;
    }
    /** Removes the containers, then the network (once no other container is on it). Safe to call twice. */
    stop() {
        this.stopped ??= (async () => {
            await this.removeContainers();
            if (this.networkCreated)
                await this.options.docker.call(['network', 'rm', this.network]);
        })();
        return this.stopped;
    }
}

// EXTERNAL MODULE: ./src/smoke/dev-services.ts
var dev_services = __webpack_require__(53615);
;// CONCATENATED MODULE: ./src/smoke/reach.ts
// Pure: who reached the twins. The servers' own connection logs (PostgreSQL's
// log_connections, MySQL's general log, Redis' verbose log) name the client
// address of every connection; the smoke run maps addresses to its
// containers. A container whose compose definition uses the database or the
// cache (depends_on, links, a variable the plan rewrote) must have connected.
//
// Decided: when no container that uses a service reached it, the smoke test
// fails (the app went up without its database: on Beanstalk it would go Green
// while broken). When some reached it and another did not, that one gets a
// warning: a web container that depends on the database only for its start
// order and connects on its first real request is common and works.

/**
 * PostgreSQL's log with log_connections on: `[pid] LOG:  connection received: host=… port=…`, then
 * `[pid] LOG:  connection authorized: user=…` or `[pid] FATAL:  password authentication failed…`.
 */
function postgresConnections(log) {
    const byPid = new Map();
    for (const line of log.split('\n')) {
        const pid = /\[(\d+)\]/.exec(line)?.[1];
        if (!pid)
            continue;
        const received = /connection received: host=([0-9a-fA-F.:]+)/.exec(line);
        if (received?.[1]) {
            const at = lineTime(line);
            byPid.set(pid, { address: received[1], ok: false, ...(at !== undefined && { at }) });
            continue;
        }
        const connection = byPid.get(pid);
        if (!connection)
            continue;
        const authorized = /connection authorized: user=(\S+)/.exec(line);
        if (authorized?.[1]) {
            connection.ok = true;
            connection.user = authorized[1];
            continue;
        }
        const handshake = /could not accept SSL connection: (.*)$/.exec(line)?.[1];
        if (handshake && !connection.ok) {
            connection.tlsFailure = handshake.trim();
            continue;
        }
        const fatal = /FATAL:\s+(.*)$/.exec(line)?.[1];
        if (fatal && !connection.ok && connection.failure === undefined) {
            connection.failure = fatal.trim();
            const user = /for user "([^"]*)"/.exec(fatal)?.[1] ??
                /role "([^"]*)" does not exist/.exec(fatal)?.[1] ??
                /, user "([^"]*)", database "/.exec(fatal)?.[1];
            if (user !== undefined)
                connection.user = user;
        }
    }
    return [...byPid.values()];
}
/**
 * Rows of `SELECT user_host, argument FROM mysql.general_log WHERE command_type = 'Connect'`
 * (tab-separated): `app[app] @  [172.20.0.3]` and `app@172.20.0.3 on db using TCP/IP`, or
 * `Access denied for user 'x'@'172.20.0.3' (using password: YES)`.
 */
function mysqlConnections(rows) {
    const connections = [];
    for (const row of rows.split('\n')) {
        const [userHost = '', argument = ''] = row.split('\t');
        const denied = /Access denied for user '([^']*)'@'([^']*)'/.exec(argument);
        if (denied) {
            connections.push({
                address: denied[2] ?? '',
                user: denied[1] ?? '',
                ok: false,
                failure: argument.trim()
            });
            continue;
        }
        const address = /\[([0-9a-fA-F.:]+)\]/.exec(userHost)?.[1] ?? /@(\S+) on /.exec(argument)?.[1];
        const user = /^(\S+?)@/.exec(argument)?.[1] ?? /^(\S+?)\[/.exec(userHost)?.[1];
        if (address)
            connections.push({ address, ok: true, ...(user !== undefined && { user }) });
    }
    return connections;
}
/** Redis / Valkey at loglevel verbose: `Accepted 172.20.0.3:41234` per connection. */
function redisConnections(log) {
    return log.split('\n').flatMap(line => {
        const address = /Accepted (?:[a-z]+:\/\/)?\[?([0-9a-fA-F.:]+?)\]?:\d+\s*$/.exec(line)?.[1];
        if (address === undefined)
            return [];
        const at = lineTime(line);
        return [{ address, ok: true, ...(at !== undefined && { at }) }];
    });
}
/** How late after a job's end the engine may stamp a line the server logged while the job was connected. */
const LOG_DELAY_MS = 1000;
/** How far before a container's recorded start its first connection may be stamped. */
const START_SKEW_MS = 250;
/**
 * Which container had `address` when a connection was logged at `at`: the one seen with it that started there last
 * before then. Docker gives the address of a job that exited (a migration) to the next container it starts on
 * that network, so a web container's connections would otherwise be the job's, or the job's the web's. A job too
 * quick to show its address is the one container of unknown address that was running then, if only one was.
 * Without a time, the last container seen with the address.
 */
function addressOwner(lifetimes, address, at) {
    const latest = (candidates) => candidates.reduce((found, candidate) => found === undefined || candidate.startedAt >= found.startedAt ? candidate : found, undefined);
    const seen = lifetimes.filter(lifetime => lifetime.addresses.includes(address));
    const holder = latest(seen.filter(lifetime => at === undefined || lifetime.startedAt <= at));
    if (holder !== undefined || at === undefined)
        return holder?.name;
    // The engine records a start once the process runs: a client that connects at once can be logged a moment
    // before its own start time (a bash /dev/tcp probe was). The first container started just after the stamp.
    const starting = seen
        .filter(lifetime => lifetime.startedAt <= at + START_SKEW_MS)
        .sort((a, b) => a.startedAt - b.startedAt)[0];
    if (starting !== undefined)
        return starting.name;
    const unknown = lifetimes.filter(lifetime => lifetime.addresses.length === 0 &&
        lifetime.startedAt <= at &&
        (lifetime.finishedAt === undefined || at <= lifetime.finishedAt + LOG_DELAY_MS));
    return unknown.length === 1 ? unknown[0]?.name : undefined;
}
/** The client addresses → app container names. */
function attribute(connections, containerAt) {
    return connections.map(({ address, at, ...rest }) => {
        const container = containerAt(address, at);
        return { ...rest, ...(container !== undefined && { container }) };
    });
}
/**
 * What the connections prove. `users` are the containers whose compose definition uses the
 * service; `connections` undefined means the engine gives no way to tell (Memcached).
 */
function reachFindings(checks) {
    const finding = { causes: [], warnings: [], reached: [] };
    for (const { service, users, connections, unproven = [] } of checks) {
        if (users.length === 0)
            continue;
        const where = `${service.managed}'s twin at ${service.host}:${service.port}`;
        if (connections === undefined) {
            finding.warnings.push(`whether ${users.join(', ')} reached the ${service.role} (${where}) is not checked: ${service.name}'s engine logs no connections`);
            continue;
        }
        const reached = [
            ...new Set(connections.filter(c => c.ok && c.container !== undefined).map(c => c.container))
        ];
        finding.reached.push({ role: service.role, containers: reached });
        if (reached.length === 0 && !users.some(user => unproven.includes(user))) {
            finding.causes.push(`no container reached the ${service.role} during the smoke test: ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it (compose service ${service.name}), but none connected to ${where}; on Beanstalk the app would run without it. If the app reads its address from a variable or a file the compose file does not name, name that variable in the service's environment with the compose name (KEY: ${service.name}) so the action rewrites it; if only some pages use it, set smoke-test-path to one that does; if no page does until the app's tables exist, run its migrations as a one-shot job the app depends on (condition: service_completed_successfully), which the smoke test and every deploy run first`);
            continue;
        }
        const missing = users.filter(candidate => !reached.includes(candidate) && !unproven.includes(candidate));
        for (const user of missing) {
            finding.warnings.push(`${user} uses the ${service.role} (compose service ${service.name}) but did not connect to ${where} during the smoke test`);
        }
    }
    return finding;
}
const EXITED = /^container (\S+) exited/;
/**
 * The smoke test's causes by strength: what the logs tell (diagnosed: the reason a container
 * failed, with the fix), then the essential containers that exited (the line quotes their last
 * log lines), then what the twins saw, then the health check's other causes. A service whose
 * users all exited was not reached because they died: its reach verdict would only send the
 * user to smoke-test-path, so it is given only for services a running container failed to
 * reach, and only when no log told more.
 */
function rankedCauses(healthCauses, diagnosed, checks) {
    const exitedNames = new Set(healthCauses.flatMap(cause => EXITED.exec(cause)?.[1] ?? []));
    const exited = healthCauses.filter(cause => EXITED.test(cause));
    const otherHealth = healthCauses.filter(cause => !EXITED.test(cause));
    const reach = reachFindings(checks.filter(check => check.users.some(user => !exitedNames.has(user))));
    return [...diagnosed, ...exited, ...(diagnosed.length === 0 ? reach.causes : []), ...otherHealth];
}

;// CONCATENATED MODULE: ./src/smoke/evidence.ts
// What the smoke run reads once the app has run: the connections each twin
// logged (attributed to the app's containers by address), who each container
// is (its links, the variables the plan bound, its mounts, its user) and what
// it logged. The findings are pure (reach.ts, causes.ts); this gathers.


/** Name, user, lifetime and addresses of each app container (an exited one has no address left). */
const INSPECT_FORMAT = '{{.Name}}|{{.Config.User}}|{{.State.StartedAt}}|{{.State.FinishedAt}}|{{.State.Running}}|{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}';
/** What the twins saw, who each app container is (links, bindings, mounts, user), and what it logged. */
async function gatherEvidence(app, input, doc, services, dev, docker, options) {
    const containerPrefix = `${options.project}-`;
    const ids = Object.values(app.containers);
    // Every read at once: each is a docker call, and the smoke run waits for the last.
    const [raw, inspected, logs] = await Promise.all([
        Promise.all(services.map(service => twinConnections(service, dev))),
        ids.length > 0
            ? docker.call(['inspect', '--format', INSPECT_FORMAT, ...ids])
            : Promise.resolve({ stdout: '' }),
        Promise.all(Object.keys(app.containers).map(async (name) => ({ container: name, text: await app.logs(name, 200) })))
    ]);
    const users = new Map();
    const lifetimes = [];
    for (const line of inspected.stdout.split('\n')) {
        const [fullName = '', user = '', started = '', finished = '', running = '', addresses = ''] = line
            .trim()
            .split('|');
        const name = fullName.replace(/^\//, '');
        if (!name.startsWith(containerPrefix))
            continue;
        const container = name.slice(containerPrefix.length);
        if (user !== '' && user !== 'root' && user !== '0')
            users.set(container, user);
        const startedAt = Date.parse(started);
        if (!Number.isFinite(startedAt))
            continue;
        const now = addresses.split(' ').filter(address => address !== '');
        const atStart = app.addresses.filter(record => record.name === container).map(record => record.address);
        lifetimes.push({
            name: container,
            addresses: [...new Set([...atStart, ...now])],
            startedAt,
            ...(running !== 'true' && Number.isFinite(Date.parse(finished)) && { finishedAt: Date.parse(finished) })
        });
    }
    const connections = new Map();
    services.forEach((service, index) => {
        const seen = raw[index];
        connections.set(service.name, seen && attribute(seen, (address, at) => addressOwner(lifetimes, address, at)));
    });
    const facts = doc.containerDefinitions.map((container) => {
        const plan = input.plan.containers.find(candidate => candidate.name === container.name);
        const user = users.get(container.name);
        const caBundle = caBundleVariable(container.environment ?? []);
        const caFiles = options.caFiles?.get(container.name);
        return {
            name: container.name,
            linkAliases: (container.links ?? []).map(link => link.split(':')[1] || link.split(':')[0]),
            bindings: plan?.bindings ?? [],
            mounts: (container.mountPoints ?? []).map(mount => ({
                containerPath: mount.containerPath,
                sourcePath: doc.volumes?.find(volume => volume.name === mount.sourceVolume)?.host.sourcePath ??
                    mount.sourceVolume,
                readOnly: mount.readOnly === true
            })),
            ...(user !== undefined && { user }),
            ...(caBundle !== undefined && { caBundle }),
            ...(caFiles !== undefined && { caFiles })
        };
    });
    return { connections, facts, logs };
}
/** The connections a twin logged, by client address; undefined when its engine logs none (Memcached). */
async function twinConnections(service, dev) {
    switch (service.engine) {
        case 'postgres':
            return postgresConnections(await dev.logs(service.name, undefined, true));
        case 'redis':
        case 'valkey':
            return redisConnections(await dev.logs(service.name, undefined, true));
        case 'mysql':
            return mysqlConnections(await dev.exec(service.name, [
                'sh',
                '-c',
                `q="SELECT user_host, argument FROM mysql.general_log WHERE command_type = 'Connect'"; mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -N -B -e "$q" 2>/dev/null || mariadb -uroot -p"$MYSQL_ROOT_PASSWORD" -N -B -e "$q"`
            ]));
        case 'memcached':
            return undefined;
    }
}

;// CONCATENATED MODULE: ./src/smoke/tls-findings.ts
// Pure: what the database twin's TLS tells about an app that could not reach it.
//
// - A container that connected without TLS to a twin of RDS for PostgreSQL 15+ was refused, as RDS
//   (rds.force_ssl = 1) will refuse it: the smoke test fails and says how to make the client use TLS.
// - A container whose client rejected the twin's certificate (the twin's log: `could not accept SSL
//   connection: tlsv1 alert unknown ca`; or the app's own log: `self-signed certificate`, `certificate
//   verify failed`) verifies the server. The twin cannot present a certificate signed by the RDS CA, so
//   this proves nothing about AWS by itself. Decided (docs/smoke-test.md, "TLS"): when the container's
//   environment names a CA bundle file (NODE_EXTRA_CA_CERTS, PGSSLROOTCERT, sslrootcert=…), that file is read
//   from the image (twin-trust.ts): one that holds an RDS CA gets the twin's throwaway CA added for the smoke
//   run, so the client connects; one that holds none, or is missing, fails the smoke test as it fails on AWS.
//   A bundle that could not be read (a relative path) is taken to work on AWS: a warning says its reach is
//   unproven. When it names none, the client verifies against its default trust store (Node's, the OS's),
//   which has no RDS CA on AWS either: the smoke test fails and says how to give it the bundle.

/** Where RDS publishes its CA bundle (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html). */
const RDS_CA_BUNDLE_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';
/** The twin's words when the client aborted the handshake over its certificate. */
const CERTIFICATE_REJECTED_BY_CLIENT = /unknown ca|certificate unknown|bad certificate|unsupported certificate/i;
/** A client's own words for a server certificate it does not trust (OpenSSL / libpq, Node, Java, Go, Python). */
const CERTIFICATE_NOT_TRUSTED = /self[- ]signed certificate|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first certificate|unable to get local issuer certificate|certificate verify failed|PKIX path building failed|x509: certificate signed by unknown authority|root certificate file .* does not exist/i;
function tlsFindings(input) {
    const findings = { causes: [], warnings: [], unproven: new Map() };
    const facts = new Map(input.containers.map(container => [container.name, container]));
    for (const twin of input.twins) {
        if (!twin.tls)
            continue;
        const connections = input.connections.get(twin.name) ?? [];
        const reached = new Set(connections.filter(c => c.ok).map(c => c.container));
        const refusedPlain = new Set();
        const rejectedCertificate = new Set();
        for (const connection of connections) {
            if (connection.container === undefined || reached.has(connection.container))
                continue;
            if (connection.failure !== undefined && NO_ENCRYPTION.test(connection.failure))
                refusedPlain.add(connection.container);
            if (connection.tlsFailure !== undefined && CERTIFICATE_REJECTED_BY_CLIENT.test(connection.tlsFailure))
                rejectedCertificate.add(connection.container);
        }
        // Clients that check the certificate after the handshake (Node) leave no alert in the twin's log. And a
        // container that crashed on the refusal before its address was recorded cannot be named from the twin's
        // log: its own log quotes the server's words (node-postgres does).
        for (const user of input.users.get(twin.name) ?? []) {
            if (reached.has(user))
                continue;
            const log = input.logs.find(candidate => candidate.container === user)?.text ?? '';
            if (CERTIFICATE_NOT_TRUSTED.test(log))
                rejectedCertificate.add(user);
            if (NO_ENCRYPTION.test(log))
                refusedPlain.add(user);
        }
        // libpq's default (prefer) retries without TLS after a login refused over TLS: the login is the cause
        // (causes.ts says it), not the retry.
        const refusedLogin = new Set(connections.filter(c => c.failure !== undefined && !NO_ENCRYPTION.test(c.failure)).map(c => c.container));
        for (const name of refusedPlain) {
            if (!refusedLogin.has(name))
                findings.causes.push(plainRefusedCause(twin, name));
        }
        for (const name of rejectedCertificate) {
            if (refusedPlain.has(name))
                continue;
            const caBundle = facts.get(name)?.caBundle;
            if (caBundle === undefined) {
                findings.causes.push(untrustedCause(twin, name));
                continue;
            }
            // The file it names was read from its image: one without an RDS CA fails it here as on AWS.
            const wrong = facts.get(name)?.caFiles?.find(file => file.holds !== 'rds');
            if (wrong !== undefined) {
                findings.causes.push(wrongBundleCause(twin, name, wrong));
                continue;
            }
            findings.warnings.push(unprovenWarning(twin, name, caBundle));
            findings.unproven.set(twin.name, [...(findings.unproven.get(twin.name) ?? []), name]);
        }
    }
    return findings;
}
function plainRefusedCause(twin, container) {
    return `${container} connected to the database without TLS and was refused: ${twin.managed} runs RDS for PostgreSQL 15 or later, which refuses unencrypted connections (rds.force_ssl = 1), and so does its twin: make your client use TLS — libpq (psql, Rails, Django, Go's pgx): sslmode=require; node-postgres, which never tries TLS unless asked: the RDS CA bundle (${RDS_CA_BUNDLE_URL}) in NODE_EXTRA_CA_CERTS and sslmode=verify-full in the URL, or ssl: { ca } in its config, or PGSSLMODE when it connects with separate host variables (see docs/variable-families.md#tls)`;
}
function untrustedCause(twin, container) {
    return `${container} rejected the database twin's TLS certificate: its client verifies the server (sslmode=verify-full, or node-postgres' sslmode=require / ssl: true) against its default trust store, which has no RDS CA, so it would reject ${twin.managed}'s certificate on AWS too: give it the RDS CA bundle (${RDS_CA_BUNDLE_URL}) and name it in its environment — NODE_EXTRA_CA_CERTS=<path> for Node, PGSSLROOTCERT=<path> or sslrootcert=<path> for libpq; the smoke test then adds its own throwaway CA to that bundle for the smoke run, so the client verifies the twin as it will verify RDS`;
}
function wrongBundleCause(twin, container, file) {
    const holds = file.holds === 'missing'
        ? 'which is not in its image'
        : `whose certificates (${file.subjects.join('; ') || 'none readable'}) include no RDS CA`;
    return `${container} could not verify the database twin's TLS certificate: it verifies the server against ${file.path} (${file.variable}), ${holds}, so it would reject ${twin.managed}'s certificate on AWS too: put the RDS CA bundle (${RDS_CA_BUNDLE_URL}) at ${file.path} in the image`;
}
function unprovenWarning(twin, container, caBundle) {
    return `${container} rejected the database twin's TLS certificate, as a client that verifies the server against the CA bundle it names in ${caBundle} should: the twin cannot present a certificate signed by the RDS CA, so whether ${container} reaches ${twin.managed} is not proven by the smoke test; it will on AWS if ${caBundle} names the RDS CA bundle (${RDS_CA_BUNDLE_URL})`;
}

;// CONCATENATED MODULE: ./src/smoke/run-smoke.ts
// One smoke run, as Beanstalk will run the bundle: the twins of the managed
// database and cache up under the managed endpoints' host names, the
// Dockerrun rendered exactly as it is deployed (RDS / ElastiCache hosts,
// secrets by reference; the database password references resolve to the
// twin's fresh password), the bundle's files extracted where
// `/var/app/current` points, the app started by the same runner the stand-in
// uses with links as its only names for each other. Then health: an HTTP
// answer of 2xx/3xx from the port-80 container, every essential container
// still up a moment later, every service that uses the database or the cache
// proven connected, and no known cause in the logs. Everything it creates is
// removed: before it returns, or, when the caller takes the removal
// (`removing`), beside what the caller does next (the deploy does not wait for
// `docker rm`; the run still ends with nothing left).


















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
    const services = (0,dev_services/* devServices */.Qt)(input.plan, input.compose, input.backing);
    const ready = dev.start(services);
    // Awaited by the run that takes them, which reports a failure; until then it must not go unhandled.
    ready.catch(() => undefined);
    return { dev, services, ready };
}
/** 64 random hex characters: long enough for any key-shaped setting (Rails' SECRET_KEY_BASE), new every run. */
function randomPlaceholder() {
    return (0,external_node_crypto_.randomBytes)(32).toString('hex');
}
async function runSmoke(input, options) {
    const docker = new command_runner/* DockerCli */.Vo(options.docker);
    const placeholder = options.placeholder ?? (() => randomPlaceholder());
    const ahead = options.devServices;
    const services = ahead?.services ?? (0,dev_services/* devServices */.Qt)(input.plan, input.compose, input.backing);
    const twinPassword = services.find(service => service.role === 'database')?.password;
    // The document as it is deployed; only the values behind its references are the runner's.
    const doc = (0,dockerrun/* renderDockerrun */.Cd)(input.plan, {
        ...input.resolution,
        images: input.images,
        backing: cacheWithoutTls(input.backing)
    });
    const passwordReferences = (0,dev_services/* databasePasswordReferences */.Ho)(doc, input.plan, input.backing, input.databasePasswordEnv);
    const secrets = (0,dev_services/* smokeSecretValues */.U1)(doc, passwordReferences, twinPassword, placeholder);
    const hostDir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), `${options.project}-`));
    const dev = ahead?.dev ??
        new DevContainers({
            project: options.project,
            docker,
            readyTimeoutMs: options.devReadyTimeoutMs
        });
    let app;
    let removal;
    const remove = async () => {
        // The app's containers and the twins at once; the twins' network once no app container is on it.
        await Promise.all([
            app?.stop(),
            // Services started ahead may still be starting: removed once they are up (or failed).
            (ahead?.ready ?? Promise.resolve()).catch(() => undefined).then(() => dev.removeContainers())
        ]);
        await dev.stop();
        // A signal can arrive while runDockerrun is still creating containers, before `app` knows them.
        await removeLabelled(docker, options.project);
        await (0,promises_.rm)(hostDir, { recursive: true, force: true });
    };
    // Once: a cancel during the removal waits for the same one.
    const cleanup = () => (removal ??= remove());
    options.onCleanup?.(cleanup);
    try {
        const bundleDir = external_node_path_default().join(hostDir, 'bundle');
        await extractBundleFiles(input, bundleDir);
        try {
            await (ahead ? ahead.ready : dev.start(services));
        }
        catch (error) {
            return await devServiceFailure(error, services, dev, options.logLines ?? FAILING_LOG_LINES);
        }
        // A client that verifies the database against the RDS CA bundle it names is given the twin's CA there too.
        const trust = dev.twinCa
            ? await trustTwinCa(doc, dev.twinCa, docker, {
                project: options.project,
                folder: external_node_path_default().join(hostDir, 'ca')
            })
            : { mounts: {}, files: new Map() };
        try {
            app = await runDockerrun(doc, {
                project: options.project,
                bundleDir,
                hostDir: external_node_path_default().join(hostDir, 'host'),
                extraEnvironment: (0,dev_services/* smokeEnvironment */.tr)(input.plan, placeholder, input.properties, twinPassword !== undefined
                    ? { variable: input.databasePasswordEnv, value: twinPassword }
                    : undefined),
                resolveSecret: async (valueFrom) => secrets.get(valueFrom) ?? placeholder(valueFrom),
                networks: [dev.network],
                linksOnly: true,
                recordAddresses: true,
                extraMounts: trust.mounts,
                ...(options.docker !== undefined && { docker: options.docker })
            });
        }
        catch (error) {
            // A failed job (a migration) or dependency: its log says why, as a stopped essential container's does.
            if (error instanceof DependencyFailedError)
                return dependencyFailure(error);
            throw error;
        }
        return await checkHealth(app, input, doc, services, dev, docker, { ...options, caFiles: trust.files });
    }
    finally {
        const removed = cleanup();
        if (options.removing)
            options.removing(removed);
        else
            await removed;
    }
}
/**
 * The one change to the deployed document: a cache with in-transit encryption is reached without TLS
 * (rediss:// becomes redis://), since the cache twin serves none. The database keeps the deployed TLS
 * settings: its twin serves TLS as RDS does, and refuses plain connections where RDS would (15+).
 */
function cacheWithoutTls(backing) {
    const cache = backing.cache;
    if (!cache?.endpoint.tls)
        return backing;
    const { tls: _tls, ...endpoint } = cache.endpoint;
    return { ...backing, cache: { ...cache, endpoint } };
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
    for (const entry of (0,files/* listBundleFiles */._C)(input.workspace, input.compose.directory, input.plan)) {
        const file = external_node_path_default().join(bundleDir, ...entry.path.split('/'));
        // The same rule as the zip's: a bundle path never leaves the bundle.
        if (external_node_path_default().relative(bundleDir, file).split((external_node_path_default()).sep).includes('..'))
            throw new Error(`bundle path "${entry.path}" is not allowed`);
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        await (0,promises_.copyFile)(entry.source, file);
        await (0,promises_.chmod)(file, entry.executable ? 0o755 : 0o644);
    }
}
async function checkHealth(app, input, doc, services, dev, docker, options) {
    const lines = options.logLines ?? FAILING_LOG_LINES;
    // Every path Beanstalk checks must answer as its load balancer asks: a smoke test less strict than Beanstalk
    // passes a failing deploy.
    let result = { healthy: true, causes: [] };
    for (const probe of input.probes) {
        if (!result.healthy)
            break;
        result = await app.waitHealthy({
            path: probe.path,
            timeoutMs: options.healthTimeoutMs,
            settledFailureMs: options.settledFailureMs,
            accepts: {
                status: status => (0,health_check/* probeAccepts */.ou)(probe, status),
                expected: (0,health_check/* probeRule */.JR)(probe)
            }
        });
    }
    let healthCauses = result.causes;
    if (result.healthy) {
        // A container that crashes a moment after start (a worker that cannot reach Redis) fails too.
        await new Promise(resolve => setTimeout(resolve, options.settleMs));
        healthCauses = exitedEssentialCauses(await app.status());
        if (healthCauses.length === 0)
            healthCauses = await stillHealthy(app, input.probes, options.settleMs);
    }
    const checkerWarnings = healthCauses.length === 0 ? await healthCheckerWarnings(app, input.probes) : [];
    const evidence = await gatherEvidence(app, input, doc, services, dev, docker, {
        project: options.project,
        caFiles: options.caFiles
    });
    const users = new Map(services.map(service => [
        service.name,
        input.plan.containers
            .filter(container => container.uses.includes(service.role))
            .map(container => container.name)
    ]));
    const tls = tlsFindings({
        twins: services,
        containers: evidence.facts,
        logs: evidence.logs,
        connections: evidence.connections,
        users
    });
    const checks = services.map(service => ({
        service,
        users: users.get(service.name) ?? [],
        connections: evidence.connections.get(service.name),
        unproven: tls.unproven.get(service.name) ?? []
    }));
    const reach = reachFindings(checks);
    const diagnosed = diagnose({
        twins: services,
        containers: evidence.facts,
        logs: evidence.logs,
        connections: evidence.connections
    });
    // By strength (reach.ts): a cause read in a log or a TLS refusal, an essential container that exited, what
    // the twins did not see, then the health check's.
    const causes = rankedCauses(healthCauses, [...diagnosed, ...tls.causes], checks);
    return {
        healthy: causes.length === 0,
        causes,
        logs: causes.length === 0 ? [] : await failingLogs(app, lines),
        warnings: [...checkerWarnings, ...tls.warnings, ...reach.warnings],
        reached: reach.reached,
        ...(result.httpStatus !== undefined && { httpStatus: result.httpStatus })
    };
}
/**
 * Each probe asked once (5 s: the default HealthCheckTimeout); the ones whose answer it does not accept, with the
 * answer's words ("returned 500", or the connection error).
 */
async function unhealthyAnswers(app, probes, headers = {}) {
    if (!app.url)
        return [];
    const failed = [];
    for (const probe of probes) {
        const outcome = await httpGet(`${app.url}${probe.path}`, 5000, headers);
        if (outcome.status !== undefined && (0,health_check/* probeAccepts */.ou)(probe, outcome.status))
            continue;
        failed.push({
            probe,
            ...(outcome.status !== undefined && { status: outcome.status }),
            error: outcome.error ?? 'no answer'
        });
    }
    return failed;
}
/**
 * Every path asked once more after the settle period. A load balancer counts a target healthy only after several
 * healthy answers in a row (HealthyThreshold / HealthyThresholdCount: at least 2 for every ELB type,
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_HealthCheck.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html), so an app
 * that answers once and then fails (a crashed worker thread, an exhausted pool) never turns Green there.
 */
async function stillHealthy(app, probes, settleMs) {
    return (await unhealthyAnswers(app, probes)).map(({ probe, status, error }) => `health check failed: GET ${probe.path} ${status !== undefined ? `returned ${status}` : error} ${Math.round(settleMs / 1000)} s after a healthy answer (a load balancer wants several healthy answers in a row)`);
}
/** What a load balancer's health checker sends: the instance's private IP as the Host (here one of the default VPC's). */
const HEALTH_CHECKER_HEADERS = { Host: '172.31.0.10', 'User-Agent': 'ELB-HealthChecker/2.0' };
/**
 * Each path a load balancer checks, asked once as its health checker asks: with the instance's private IP as the
 * Host. An app that validates the Host (Django's ALLOWED_HOSTS, Rails' config.hosts) answers 400 there and goes
 * Red although every page works by name. A warning, not a failure: an app that adds its instance's IP from the
 * instance metadata (django-ebhealthcheck) works on AWS, and a runner has no instance metadata.
 */
async function healthCheckerWarnings(app, probes) {
    const checked = probes.filter(probe => probe.advice.length > 0);
    return (await unhealthyAnswers(app, checked, HEALTH_CHECKER_HEADERS)).map(({ probe, status, error }) => `GET ${probe.path} with Host: ${HEALTH_CHECKER_HEADERS.Host} (the instance's private IP, which the load balancer's health checker sends) ${status !== undefined ? `answered ${status}` : error}: on AWS the health check fails unless the app accepts its instance's private IP as a host (Django: ALLOWED_HOSTS; Rails: config.hosts), and the environment goes Red; an app that adds that IP from the instance metadata is fine (a runner has none)`);
}
/**
 * Lines of a failing container's log printed and read for its cause: the error a runtime prints is often 30 or more
 * lines above the end (node-postgres' error with its frames and properties, Java's cause chain).
 */
const FAILING_LOG_LINES = 100;
/** The stopped essential containers' logs when some stopped; otherwise (a bad HTTP answer) every container's. */
async function failingLogs(app, lines) {
    const statuses = await app.status();
    const stopped = statuses.filter(status => status.essential && !status.running);
    const chosen = stopped.length > 0 ? stopped : statuses;
    return Promise.all(chosen.map(async (status) => ({ container: status.name, text: await app.logs(status.name, lines) })));
}
function dependencyFailure(error) {
    return {
        healthy: false,
        causes: [error.message],
        logs: [{ container: error.container, text: error.log }],
        warnings: [],
        reached: []
    };
}
async function devServiceFailure(error, services, dev, lines) {
    const message = error instanceof Error ? error.message : String(error);
    const logs = await Promise.all(services.map(async (service) => ({ container: service.name, text: await dev.logs(service.name, lines) })));
    return {
        healthy: false,
        causes: [message],
        logs: logs.filter(log => log.text.trim() !== ''),
        warnings: [],
        reached: []
    };
}


/***/ })

};
