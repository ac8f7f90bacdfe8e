export const id = 34;
export const ids = [34,755,136];
export const modules = {

/***/ 43615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $1: () => (/* binding */ diffIdsArgs),
/* harmony export */   CH: () => (/* binding */ buildArgs),
/* harmony export */   Cj: () => (/* binding */ tagArgs),
/* harmony export */   R2: () => (/* binding */ createBuilderArgs),
/* harmony export */   dy: () => (/* binding */ cacheSources),
/* harmony export */   kJ: () => (/* binding */ pushArgs),
/* harmony export */   tk: () => (/* binding */ removeBuilderArgs)
/* harmony export */ });
// Pure: the argv (and environment) of one image build, for each builder.
// Kept free of I/O so every flag combination is tested as a table.
/** Every cache image an inline-cache build reads: its own, its stages', and the read-only ones. */
function cacheSources(input) {
    return [input.cacheRef, ...(input.stageCacheRefs ?? []), ...(input.readOnlyCacheRefs ?? [])];
}
/** Sorted so the argv does not depend on the order keys were written in. */
function keyValueFlags(flag, values) {
    return Object.keys(values)
        .sort()
        .flatMap(key => [flag, `${key}=${values[key]}`]);
}
function commonFlags(input) {
    return [
        ...(input.target ? ['--target', input.target] : []),
        ...keyValueFlags('--build-arg', input.buildArgs),
        ...keyValueFlags('--label', input.labels),
        ...input.tags.flatMap(tag => ['--tag', tag])
    ];
}
/**
 * Reproducible image timestamps: BuildKit 0.11 and later (buildx 0.13's
 * docker-container builder runs BuildKit 0.13, as does Docker 26's own) set the
 * image config's `created` and every history entry to SOURCE_DATE_EPOCH, so an
 * unchanged service rebuilt on a fresh runner keeps its digest. 0, not the
 * commit's time: a per-commit value would change every image's config, hence
 * its digest, on every commit. docker 20.10's BuildKit (0.8) ignores it; it
 * takes those times from the build steps, and a step taken from the cache
 * keeps its recorded time, so a cached rebuild keeps its digest there too.
 * A user's own --build-arg SOURCE_DATE_EPOCH comes later and wins.
 */
const REPRODUCIBLE_TIMESTAMPS = ['--build-arg', 'SOURCE_DATE_EPOCH=0'];
/** `docker buildx build` on a named builder, with plain progress (one line per step in the log). */
function buildxBuild(builder, input) {
    return [
        'buildx',
        'build',
        '--builder',
        builder,
        '--file',
        input.dockerfile,
        '--progress=plain',
        ...(input.platform ? ['--platform', input.platform] : [])
    ];
}
/**
 * buildx runs git in the context folder, on the runner, to record the commit (docker/buildx build/git.go), and git
 * obeys the config of whatever repository it finds there: a pull request's folder laid out as one runs its own
 * commands (uploadpack, ext:: remotes). Off for every build; the images carry their source in our own labels.
 */
const NO_GIT_LOOKUP = { BUILDX_GIT_INFO: '0', BUILDX_GIT_LABELS: '0' };
function buildArgs(input) {
    const command = buildCommand(input);
    return { ...command, env: { ...command.env, ...NO_GIT_LOOKUP } };
}
function buildCommand(input) {
    const { path } = input;
    switch (path.kind) {
        case 'registry-cache':
            // buildx pushes itself: BuildKit checks each blob in the registry
            // before uploading it, and the registry cache (mode=max) keeps every
            // intermediate layer of every stage. image-manifest=true stores the
            // cache as an image manifest, which ECR accepts (it rejects the
            // default cache index); oci-mediatypes=true is required with it.
            return {
                env: {},
                args: [
                    ...buildxBuild(path.builder, input),
                    `--provenance=${input.provenance === true}`,
                    '--push',
                    ...(input.metadataFile ? ['--metadata-file', input.metadataFile] : []),
                    ...[input.cacheRef, ...(input.readOnlyCacheRefs ?? [])].flatMap(ref => [
                        '--cache-from',
                        `type=registry,ref=${ref}`
                    ]),
                    '--cache-to',
                    `type=registry,ref=${input.cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`,
                    ...REPRODUCIBLE_TIMESTAMPS,
                    ...commonFlags(input),
                    input.contextDir
                ]
            };
        case 'inline-cache':
            // The docker driver on a classic store refuses --cache-to type=registry
            // ("Cache export is not supported for the docker driver"). An inline
            // cache travels in the image config instead, so the image pushed under
            // the cache tag is also the cache; as with the daemon's BuildKit below,
            // the caller pulls it first and pushes with `docker push` afterwards.
            return {
                env: {},
                args: [
                    ...buildxBuild(path.builder, input),
                    '--provenance=false',
                    '--load',
                    ...cacheSources(input).flatMap(ref => ['--cache-from', `type=registry,ref=${ref}`]),
                    '--cache-to',
                    'type=inline',
                    ...REPRODUCIBLE_TIMESTAMPS,
                    ...commonFlags(input),
                    input.contextDir
                ]
            };
        case 'buildkit':
            // Inline cache: the cache metadata travels in the image config, so the
            // image pushed under the cache tag is also the cache. The caller pulls
            // that image first: docker 20.10's BuildKit only carries the cache
            // records of hits on into the new image when the cache image is local
            // (see src/build/build-and-push.ts), and the pull tells `docker push`
            // that those layers are already in the registry.
            return {
                env: { DOCKER_BUILDKIT: '1' },
                args: [
                    'build',
                    '--file',
                    input.dockerfile,
                    '--progress=plain',
                    '--build-arg',
                    'BUILDKIT_INLINE_CACHE=1',
                    ...cacheSources(input).flatMap(ref => ['--cache-from', ref]),
                    ...REPRODUCIBLE_TIMESTAMPS,
                    ...commonFlags(input),
                    input.contextDir
                ]
            };
        case 'legacy':
            // The classic builder can only use a --cache-from image that is in the
            // local store; the caller pulls it first (a full download).
            return {
                env: { DOCKER_BUILDKIT: '0' },
                args: [
                    'build',
                    '--file',
                    input.dockerfile,
                    ...[input.cacheRef, ...(input.readOnlyCacheRefs ?? [])].flatMap(ref => ['--cache-from', ref]),
                    ...commonFlags(input),
                    input.contextDir
                ]
            };
    }
}
/**
 * A docker-container builder for one run: not made the current builder
 * (no --use), so later steps of the job build as before; --bootstrap starts
 * its BuildKit container now, so a failure to start (moby/buildkit cannot be
 * pulled) shows here, within a bounded time, not in the first build.
 */
function createBuilderArgs(name) {
    return ['buildx', 'create', '--name', name, '--driver', 'docker-container', '--bootstrap'];
}
/** Removes a builder with its BuildKit container and state. */
function removeBuilderArgs(name) {
    return ['buildx', 'rm', name];
}
function pushArgs(reference) {
    return ['push', reference];
}
function tagArgs(source, target) {
    return ['tag', source, target];
}
/** The layer diff IDs of a local image, base first (the order of the pushed manifest's layers). */
function diffIdsArgs(reference) {
    return ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', reference];
}


/***/ }),

/***/ 94679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   He: () => (/* binding */ buildFailure),
/* harmony export */   TS: () => (/* binding */ unpackedReference)
/* harmony export */ });
/* unused harmony export failedStep */
// Why a build failed, from the builder's own output. BuildKit's last line is generic ("ERROR: failed to solve:
// process "/bin/sh -c bundle install" did not complete successfully: exit code: 1"); the cause is in the failing
// step's own output, which the log shows only inside the image's collapsed group. BuildKit's plain progress
// (`--progress=plain`, what a non-TTY gets) numbers each step (`#12 [build 4/7] RUN bundle install`), prefixes each
// of its output lines with that number (`#12 3.517 Could not find gem …`) and ends a failed step with
// `#12 ERROR: …`. The legacy builder prints `Step 4/7 : RUN …`, the output, then `The command … returned a
// non-zero code`.
/** The index of the last element that passes, or -1 (es2022 has no findLastIndex). */
function lastIndex(items, test) {
    for (let index = items.length - 1; index >= 0; index--)
        if (test(items[index]))
            return index;
    return -1;
}
/** The step that failed and its last output lines, or undefined when the output does not show one. */
function failedStep(output, maxLines = 5) {
    // The legacy builder colours a step's stderr with ANSI escapes.
    // eslint-disable-next-line no-control-regex
    const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
    const errorAt = lastIndex(lines, line => /^#\d+ ERROR: /.test(line));
    if (errorAt >= 0) {
        const failed = /^#(\d+)/.exec(lines[errorAt])?.[1];
        const title = lines.map(line => new RegExp(`^#${failed} (\\[.+)$`).exec(line)?.[1]).find(Boolean);
        const tail = lines
            .map(line => new RegExp(`^#${failed} \\d+\\.\\d+ (.*)$`).exec(line)?.[1])
            .filter((line) => line !== undefined && line.trim() !== '')
            .slice(-maxLines);
        return { step: title ?? `step #${failed}`, tail };
    }
    const legacyEnd = lastIndex(lines, line => /^The command .* returned a non-zero code/.test(line));
    if (legacyEnd >= 0) {
        const start = lastIndex(lines.slice(0, legacyEnd), line => /^Step \d+\/\d+ : /.test(line));
        if (start < 0)
            return undefined;
        const tail = lines
            .slice(start + 1, legacyEnd)
            .filter(line => line.trim() !== '' && !/^( ---> |Removing intermediate container )/.test(line))
            .slice(-maxLines);
        return { step: lines[start].replace(/^Step \d+\/\d+ : /, ''), tail };
    }
    return undefined;
}
/** The builder's error line, followed by the failing step and its last lines when the output shows them. */
function buildFailure(errorLine, output) {
    const step = failedStep(output);
    if (!step || step.tail.length === 0)
        return errorLine;
    const title = step.step.length > 80 ? `${step.step.slice(0, 79)}…` : step.step;
    return `${errorLine} — ${title}: ${step.tail.map(line => line.trim()).join(' | ')}`;
}
/**
 * The reference BuildKit's image exporter has just unpacked into the daemon's image store, when `line` says so
 * and names one of `references`: `#12 unpacking to <ref> 0.0s done` (buildx's docker driver on a containerd
 * image store prints it after `naming to <ref> done` and before `pushing layers`). From then on the daemon runs
 * the image, while the same build still pushes it and exports the cache.
 */
function unpackedReference(line, references) {
    const reference = /^#\d+ unpacking to (\S+) (?:\d+(?:\.\d+)?s )?done$/.exec(line.trim())?.[1];
    return reference !== undefined && references.includes(reference) ? reference : undefined;
}


/***/ }),

/***/ 17755:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HY: () => (/* binding */ lastErrorLine),
/* harmony export */   Vo: () => (/* binding */ DockerCli),
/* harmony export */   YJ: () => (/* binding */ DockerCommandError),
/* harmony export */   createCommandRunner: () => (/* binding */ createCommandRunner),
/* harmony export */   kt: () => (/* binding */ TIMED_OUT_EXIT_CODE)
/* harmony export */ });
/* unused harmony exports findExecutable, dockerBinary */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22876);
/* harmony import */ var _actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26277);
// The one place that starts processes. The Docker and ECR adapters, the
// Dockerrun runner and the smoke test all receive a CommandRunner, so callers
// (and tests) choose the environment — DOCKER_HOST, DOCKER_CONFIG — by
// parameter, not by globals.
//
// A child gets the runner's environment plus the action's own settings
// (DOCKER_BUILDKIT…), never a value from repository content: a compose
// `environment: {PATH: ./bin}` or `DOCKER_HOST` given to the docker CLI would
// make the runner execute the repository's programs or talk to its daemon.
// Container environment reaches containers through env files (ecs-agent/docker-argv.ts).
// `docker` is the binary found once on the runner's PATH (the action's own).





/** What a command ended by timeoutMs exits with (as coreutils' timeout reports it). */
const TIMED_OUT_EXIT_CODE = 124;
/**
 * The first executable file called `name` in the absolute folders of a PATH.
 * Relative entries (`.`, `bin`) are skipped: they resolve against the current
 * folder, which is the repository checkout.
 */
function findExecutable(name, searchPath) {
    for (const folder of (searchPath ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_1___default().delimiter))) {
        if (!node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(folder))
            continue;
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(folder, name);
        try {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isFile())
                continue;
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return candidate;
        }
        catch {
            // Not here: try the next folder.
        }
    }
    return undefined;
}
const resolved = new Map();
/**
 * The runner's docker CLI: looked up in this process's own PATH (never in the
 * environment given to a child), once per PATH value. Throws a one-line error when there is none.
 */
function dockerBinary(searchPath = process.env.PATH ?? '') {
    if (!resolved.has(searchPath))
        resolved.set(searchPath, findExecutable('docker', searchPath));
    const docker = resolved.get(searchPath);
    if (docker === undefined)
        throw new Error("docker is not installed: no docker on this runner's PATH");
    return docker;
}
/** Runs commands with @actions/exec, never throwing on a non-zero exit (callers turn exit codes into errors with context). */
function createCommandRunner(baseEnv = {}, options = {}) {
    return async (command, args, runOptions = {}) => {
        const executable = command === 'docker' ? (options.docker ?? dockerBinary()) : command;
        // The argv only: secrets reach commands through stdin and env files, never arguments.
        (0,_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_4__/* .debug */ .Yz)(`run ${[executable, ...args].join(' ')}`);
        const env = {};
        for (const [key, value] of Object.entries(process.env))
            if (value !== undefined)
                env[key] = value;
        Object.assign(env, baseEnv, runOptions.env);
        // @actions/exec cannot end a child: a bounded command is spawned directly.
        if (runOptions.timeoutMs !== undefined) {
            return runBounded(executable, args, env, runOptions.timeoutMs, runOptions.input);
        }
        const onLine = runOptions.onLine;
        return (0,_actions_exec__WEBPACK_IMPORTED_MODULE_3__/* .getExecOutput */ .H)(executable, args, {
            env,
            silent: true,
            ignoreReturnCode: true,
            ...(runOptions.input !== undefined && { input: runOptions.input }),
            ...(onLine && { listeners: { stdline: onLine, errline: onLine } })
        });
    };
}
function runBounded(command, args, env, timeoutMs, input) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_2__.spawn)(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }, timeoutMs);
        child.on('error', error => {
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', code => {
            clearTimeout(timer);
            resolve({ exitCode: timedOut ? TIMED_OUT_EXIT_CODE : (code ?? 1), stdout, stderr });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(input ?? '');
    });
}
/** The last line of a failed command's output worth quoting in a one-line error. */
function lastErrorLine(result) {
    const lines = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .map(line => line.trim())
        .filter(line => line.length > 0);
    const errorLine = [...lines]
        .reverse()
        .find(line => /error|denied|unauthorized|failed|not found/i.test(line));
    return errorLine ?? lines.at(-1) ?? `exit code ${result.exitCode}`;
}
class DockerCommandError extends Error {
    args;
    result;
    constructor(args, result) {
        // Only the subcommand is named: later arguments can be long or carry paths of no interest.
        super(`docker ${args.slice(0, 2).join(' ')} failed (${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
        this.args = args;
        this.result = result;
    }
}
/** docker through a CommandRunner, for callers that want its output or an error (the runner, the smoke test). */
class DockerCli {
    runner;
    constructor(docker) {
        this.runner = typeof docker === 'function' ? docker : createCommandRunner({}, { docker });
    }
    /** Runs docker and resolves with its result whatever the exit code. */
    call(args, options = {}) {
        return this.runner('docker', args, {
            ...(options.input !== undefined && { input: Buffer.from(options.input) })
        });
    }
    /** Runs docker and rejects with DockerCommandError unless it exits 0; resolves with trimmed stdout. */
    async run(args, options = {}) {
        const result = await this.call(args, options);
        if (result.exitCode !== 0)
            throw new DockerCommandError(args, result);
        return result.stdout.trim();
    }
}


/***/ }),

/***/ 91034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ tagImage),
/* harmony export */   GH: () => (/* binding */ pushImage),
/* harmony export */   Nm: () => (/* binding */ imageDiffIds),
/* harmony export */   a1: () => (/* binding */ dockerLogin),
/* harmony export */   cM: () => (/* binding */ runBuild),
/* harmony export */   g6: () => (/* binding */ startBuilder),
/* harmony export */   pS: () => (/* binding */ tryPull),
/* harmony export */   removeBuilder: () => (/* binding */ removeBuilder),
/* harmony export */   removeImageTags: () => (/* binding */ removeImageTags),
/* harmony export */   tX: () => (/* binding */ dockerLogout)
/* harmony export */ });
/* unused harmony export pullImage */
/* harmony import */ var _build_output_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94679);
/* harmony import */ var _build_args_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43615);
/* harmony import */ var _command_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17755);
/* harmony import */ var _push_output_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(82443);
// Thin execution of the docker commands whose argv build-args.ts computes.
// Each function turns a failed exit into an Error carrying the line of output
// that explains it; callers add which image it was about.




async function runBuild(run, command, onLine) {
    const result = await run('docker', command.args, { env: command.env, onLine });
    if (result.exitCode !== 0) {
        throw new Error((0,_build_output_js__WEBPACK_IMPORTED_MODULE_2__/* .buildFailure */ .He)((0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result), `${result.stdout}\n${result.stderr}`));
    }
}
async function pushImage(run, reference, onLine) {
    const result = await run('docker', (0,_build_args_js__WEBPACK_IMPORTED_MODULE_0__/* .pushArgs */ .kJ)(reference), { onLine });
    if (result.exitCode !== 0)
        throw new Error(`docker push ${reference}: ${(0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result)}`);
    const output = (0,_push_output_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePushOutput */ .l)(result.stdout);
    if (!output.digest)
        throw new Error(`docker push ${reference} reported no digest`);
    return output;
}
async function tagImage(run, source, target) {
    const result = await run('docker', (0,_build_args_js__WEBPACK_IMPORTED_MODULE_0__/* .tagArgs */ .Cj)(source, target));
    if (result.exitCode !== 0)
        throw new Error(`docker tag ${target}: ${(0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result)}`);
}
/**
 * Removes the tags (`docker image rm`, no --force: an image a container still uses keeps its tag). An image left
 * with no tag is deleted with its layers that no other image uses; BuildKit's own build cache is not touched.
 * Returns the references removed and, when some could not be, why.
 */
async function removeImageTags(run, references) {
    if (references.length === 0)
        return { removed: [] };
    const result = await run('docker', ['image', 'rm', ...references]);
    const untagged = new Set(result.stdout
        .split('\n')
        .map(line => /^Untagged: (.+)$/.exec(line.trim())?.[1])
        .filter((reference) => reference !== undefined));
    const removed = references.filter(reference => untagged.has(reference));
    return result.exitCode === 0 ? { removed } : { removed, problem: (0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result) };
}
async function imageDiffIds(run, reference) {
    const result = await run('docker', (0,_build_args_js__WEBPACK_IMPORTED_MODULE_0__/* .diffIdsArgs */ .$1)(reference));
    if (result.exitCode !== 0)
        throw new Error(`docker image inspect ${reference}: ${(0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result)}`);
    return JSON.parse(result.stdout);
}
/** Pulls a reference, answering whether it exists (a first build has no cache image yet). */
async function tryPull(run, reference) {
    const result = await run('docker', ['pull', '--quiet', reference]);
    return result.exitCode === 0;
}
/** Pulls a reference; throws with the line that explains a failure. */
async function pullImage(run, reference) {
    const result = await run('docker', ['pull', '--quiet', reference]);
    if (result.exitCode !== 0)
        throw new Error(`docker pull ${reference}: ${lastErrorLine(result)}`);
}
/** Creates and starts a docker-container builder; resolves with why it could not, or undefined once it runs. */
async function startBuilder(run, name, timeoutMs) {
    const result = await run('docker', (0,_build_args_js__WEBPACK_IMPORTED_MODULE_0__/* .createBuilderArgs */ .R2)(name), { timeoutMs });
    if (result.exitCode === 0)
        return undefined;
    if (result.exitCode === _command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .TIMED_OUT_EXIT_CODE */ .kt)
        return `it did not start within ${Math.round(timeoutMs / 1000)} s`;
    return (0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result);
}
/** Removes a builder; resolves false when there was none (never created, or already removed). */
async function removeBuilder(run, name) {
    const result = await run('docker', (0,_build_args_js__WEBPACK_IMPORTED_MODULE_0__/* .removeBuilderArgs */ .tk)(name));
    if (result.exitCode === 0)
        return true;
    if (/no builder .* found/i.test(`${result.stdout}\n${result.stderr}`))
        return false;
    throw new Error(`docker buildx rm ${name}: ${(0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result)}`);
}
async function dockerLogin(run, access) {
    const result = await run('docker', ['login', '--username', access.username, '--password-stdin', access.host], {
        input: Buffer.from(access.password)
    });
    if (result.exitCode !== 0)
        throw new Error(`docker login to ${access.host} failed: ${(0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result)}`);
}
async function dockerLogout(run, host) {
    const result = await run('docker', ['logout', host]);
    if (result.exitCode !== 0)
        throw new Error(`docker logout ${host} failed: ${(0,_command_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .lastErrorLine */ .HY)(result)}`);
}


/***/ }),

/***/ 82443:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ shortDiffId),
/* harmony export */   l: () => (/* binding */ parsePushOutput)
/* harmony export */ });
// Pure parser of `docker push` output (non-TTY form, as on CI runners):
//   1317dcab8e37: Preparing
//   52365bdec467: Layer already exists
//   99b69904a3d7: Pushed
//   c2: digest: sha256:35bf…e433 size: 947
// Layer IDs are the first 12 hex digits of the layer's diff ID (uncompressed
// digest), not of the blob digest in the manifest.
const LAYER_LINE = /^([0-9a-f]{12}): (Pushed|Layer already exists|Mounted from \S+)\s*$/;
const DIGEST_LINE = /^\S+: digest: (sha256:[0-9a-f]{64}) size: (\d+)\s*$/;
function parsePushOutput(output) {
    const result = { layers: new Map() };
    for (const rawLine of output.split('\n')) {
        const line = rawLine.trim();
        const layer = LAYER_LINE.exec(line);
        if (layer?.[1] && layer[2]) {
            // A cross-repository mount transfers no bytes either.
            result.layers.set(layer[1], layer[2] === 'Pushed' ? 'pushed' : 'existing');
            continue;
        }
        const digest = DIGEST_LINE.exec(line);
        if (digest?.[1]) {
            result.digest = digest[1];
            result.manifestSize = Number(digest[2]);
        }
    }
    return result;
}
function shortDiffId(diffId) {
    return diffId.replace(/^sha256:/, '').slice(0, 12);
}


/***/ })

};
