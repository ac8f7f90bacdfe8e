export const id = 755;
export const ids = [755,136];
export const modules = {

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


/***/ })

};
