export const id = 497;
export const ids = [497,755,136];
export const modules = {

/***/ 93161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mk: () => (/* binding */ eventKey),
/* harmony export */   r0: () => (/* binding */ fetchCauses),
/* harmony export */   y$: () => (/* binding */ fetchEvents)
/* harmony export */ });
/* unused harmony export eventOf */
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76114);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20133);
// DescribeEvents → DeployEvent, oldest first. The service answers newest
// first with an inclusive StartTime; the caller asks from the last seen
// millisecond (events sharing it may arrive a poll later) and de-duplicates
// by date + message.


const MAX_PAGES = 5;
function eventOf(event) {
    return {
        date: event.EventDate ?? new Date(0),
        severity: (event.Severity ?? 'INFO').toUpperCase(),
        message: event.Message ?? '',
        ...(event.VersionLabel !== undefined && { versionLabel: event.VersionLabel }),
        ...(event.RequestId !== undefined && { requestId: event.RequestId })
    };
}
function eventKey(event) {
    return `${event.date.toISOString()} ${event.message}`;
}
/** Events matching the query, oldest first (at most a few pages: a deploy never makes thousands). */
async function fetchEvents(beanstalk, query) {
    const events = [];
    let nextToken;
    for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeEventsCommand */ .w6x({
            ApplicationName: query.application,
            ...(query.environmentName !== undefined && { EnvironmentName: query.environmentName }),
            ...(query.versionLabel !== undefined && { VersionLabel: query.versionLabel }),
            ...(query.startTime !== undefined && { StartTime: query.startTime }),
            ...(query.maxRecords !== undefined && { MaxRecords: query.maxRecords }),
            ...(nextToken !== undefined && { NextToken: nextToken })
        }));
        events.push(...(answer.Events ?? []).map(eventOf));
        nextToken = answer.NextToken;
        if (!nextToken || query.maxRecords !== undefined)
            break;
    }
    // Newest first across pages; reversed (not sorted) so events of one millisecond keep the service's order.
    return events.reverse();
}
/** Enhanced-health causes; undefined when enhanced health is not available for the environment. */
async function fetchCauses(beanstalk, environmentName) {
    try {
        const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeEnvironmentHealthCommand */ .qeK({ EnvironmentName: environmentName, AttributeNames: ['All'] }));
        return {
            causes: answer.Causes ?? [],
            ...(answer.RefreshedAt !== undefined && { refreshedAt: answer.RefreshedAt })
        };
    }
    catch (error) {
        // Basic health (no enhanced reporting) answers InvalidRequestException; the events still tell the story.
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsErrorCode */ .Tl.invalidRequest))
            return undefined;
        throw error;
    }
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

/***/ 79596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
/** e.g. `512 B`, `1.5 KiB`, `12.0 MiB`: sizes in the log and the job summary. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 ** 2)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}


/***/ }),

/***/ 18988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JR: () => (/* binding */ probeRule),
/* harmony export */   XR: () => (/* binding */ smokeProbes),
/* harmony export */   oh: () => (/* binding */ beanstalkHealthCheck),
/* harmony export */   ou: () => (/* binding */ probeAccepts),
/* harmony export */   zB: () => (/* binding */ expectedCodes)
/* harmony export */ });
/* unused harmony exports PAGE_SERVED, beanstalkHealthPaths, parseHttpCodes, acceptsHttpStatus */
// What Elastic Beanstalk's health check asks of an app, so the smoke test is at
// least as strict: the paths, and the HTTP codes that count as healthy.
//
// Paths: `Application Healthcheck URL` of aws:elasticbeanstalk:application
// ("/health" or "HTTP:80/health"; unset: "/" for an HTTP check) and, for an
// Application Load Balancer, HealthCheckPath of the default process
// (aws:elasticbeanstalk:environment:process:default, default "/").
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkapplication
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-environmentprocess
// Both are read when both are listed: checking each is never less strict.
//
// Codes, by the environment's load balancer (aws:elasticbeanstalk:environment
// EnvironmentType and LoadBalancerType):
// - Application Load Balancer: MatcherHTTPCode of the default process, default
//   "200" (ELB's Matcher: "200", "200,202" or "200-299").
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html
// - Classic Load Balancer: "Any answer other than 200 OK within the timeout
//   period is considered unhealthy."
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-elb-health-check.html
// - Network Load Balancer: MatcherHTTPCode, default "200-399" (the Matcher page).
// - Single instance: no load balancer checks a path; the smoke test keeps its
//   own rule, the page served (2xx/3xx).
// - LoadBalancerType not read: CreateEnvironment makes an Application Load
//   Balancer by default, so "200" (what a Classic one asks too).
//   https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.managing.ec2.aws-cli.html
// So an app whose "/" redirects to a login page passes a 2xx/3xx check and goes
// Red behind a load balancer: the smoke test must ask what the balancer asks.
const APPLICATION = ['aws:elasticbeanstalk:application', 'Application Healthcheck URL'];
const DEFAULT_PROCESS = ['aws:elasticbeanstalk:environment:process:default', 'HealthCheckPath'];
const MATCHER = ['aws:elasticbeanstalk:environment:process:default', 'MatcherHTTPCode'];
const ENVIRONMENT_TYPE = ['aws:elasticbeanstalk:environment', 'EnvironmentType'];
const LOAD_BALANCER_TYPE = ['aws:elasticbeanstalk:environment', 'LoadBalancerType'];
/** The smoke test's own rule where no load balancer asks for more: the page was served. */
const PAGE_SERVED = '200-399';
/** The option's value: the workflow's option-settings win over the environment's current ones. */
function optionReader(current, workflow) {
    return ([namespace, option]) => {
        const match = (settings) => settings.find(setting => setting.Namespace === namespace && setting.OptionName === option)?.Value;
        return match(workflow) ?? match(current);
    };
}
/** The paths Beanstalk checks. */
function beanstalkHealthPaths(current, workflow = []) {
    const valueOf = optionReader(current, workflow);
    const paths = [valueOf(APPLICATION), valueOf(DEFAULT_PROCESS)]
        .map(value => (value === undefined ? undefined : /^(?:[A-Za-z]+:\d+)?(\/.*)$/.exec(value.trim())?.[1]))
        .filter((path) => path !== undefined);
    return paths.length === 0 ? ['/'] : [...new Set(paths)];
}
const PROCESS_ADVICE = 'make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default';
/** The paths and codes of one environment's health check. */
function beanstalkHealthCheck(current, workflow = []) {
    const valueOf = optionReader(current, workflow);
    const paths = beanstalkHealthPaths(current, workflow);
    if (valueOf(ENVIRONMENT_TYPE)?.trim() === 'SingleInstance') {
        return {
            paths,
            codes: PAGE_SERVED,
            checker: 'the smoke test (a single-instance environment has no load balancer)'
        };
    }
    const matcher = valueOf(MATCHER)?.trim();
    const given = matcher !== undefined && parseHttpCodes(matcher) !== undefined;
    switch (valueOf(LOAD_BALANCER_TYPE)?.trim()) {
        case 'classic':
            return {
                paths,
                codes: '200',
                checker: "the environment's Classic Load Balancer",
                advice: 'make the path answer that, or set Application Healthcheck URL of aws:elasticbeanstalk:application'
            };
        case 'network':
            return {
                paths,
                codes: given ? matcher : PAGE_SERVED,
                checker: `the environment's Network Load Balancer (MatcherHTTPCode${given ? '' : ', default 200-399'})`,
                advice: PROCESS_ADVICE
            };
        default:
            return {
                paths,
                codes: given ? matcher : '200',
                checker: `the environment's Application Load Balancer (MatcherHTTPCode${given ? '' : ', default 200'})`,
                advice: PROCESS_ADVICE
            };
    }
}
/** "200,202" / "200-299" → inclusive ranges; undefined when the text is not a matcher. */
function parseHttpCodes(codes) {
    const ranges = [];
    for (const part of codes.split(',')) {
        const match = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(part);
        if (!match)
            return undefined;
        const low = Number(match[1]);
        const high = match[2] === undefined ? low : Number(match[2]);
        if (high < low)
            return undefined;
        ranges.push([low, high]);
    }
    return ranges;
}
/** Whether `status` is one of `codes` (ELB matcher syntax); a text that is no matcher accepts only 200. */
function acceptsHttpStatus(codes, status) {
    const ranges = parseHttpCodes(codes) ?? [[200, 200]];
    return ranges.some(([low, high]) => status >= low && status <= high);
}
/**
 * The paths one smoke run asks, each with the codes every environment of the target accepts there:
 * smoke-test-path when the workflow set it (the page served), and every path Beanstalk checks.
 */
function smokeProbes(smokeTestPath, given, checks) {
    const probes = new Map();
    const add = (path, check) => {
        const probe = probes.get(path) ?? { path, codes: [], checkers: [], advice: [] };
        const once = (list, item) => {
            if (item !== undefined && !list.includes(item))
                list.push(item);
        };
        once(probe.codes, check.codes);
        once(probe.checkers, check.checker);
        once(probe.advice, check.advice);
        probes.set(path, probe);
    };
    if (given)
        add(smokeTestPath, { codes: PAGE_SERVED, checker: 'smoke-test-path (the page served)' });
    for (const check of checks)
        for (const path of check.paths)
            add(path, check);
    return [...probes.values()];
}
/** Whether every code list of the probe accepts `status`. */
function probeAccepts(probe, status) {
    return probe.codes.every(codes => acceptsHttpStatus(codes, status));
}
/** "200", "200 and 200-299": what the probe expects, for log lines. */
function expectedCodes(probe) {
    return probe.codes.map(codes => (codes === PAGE_SERVED ? '2xx/3xx' : codes)).join(' and ');
}
/** What a failure line says after the status: which codes are healthy, who asks, and what to change. */
function probeRule(probe) {
    const advice = probe.advice.length > 0 ? `: ${probe.advice.join('; or ')}` : '';
    return `${expectedCodes(probe)}, as ${probe.checkers.join(' and ')} asks${advice}`;
}


/***/ }),

/***/ 70015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ basicHealthHint),
/* harmony export */   V: () => (/* binding */ ENHANCED_HEALTH_SETTING)
/* harmony export */ });
/* harmony import */ var _adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93161);
// What to add to a failed deploy's message when Beanstalk gave no cause. With basic health an environment reports
// only a color (DescribeEnvironmentHealth answers InvalidRequestException), so a Red deploy says nothing about why;
// enhanced health names the cause per instance — failing health checks, the share of 5xx answers, a container that
// exited — and the wait prints those causes as they come
// (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html,
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-enable.html).

const ENHANCED_HEALTH_SETTING = '{"Namespace": "aws:elasticbeanstalk:healthreporting:system", "OptionName": "SystemType", "Value": "enhanced"}';
/** A clause saying enhanced health is off and what it would have shown, or undefined when it is on (or unknown). */
async function basicHealthHint(beanstalk, environmentName) {
    const causes = await (0,_adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__/* .fetchCauses */ .r0)(beanstalk, environmentName).catch(() => null);
    if (causes !== undefined)
        return undefined;
    return (`no health cause: ${environmentName} has basic health, which reports only a color; enhanced health ` +
        'would have named it per instance (failing health checks, the share of 5xx answers, a container that exited): ' +
        `turn it on with option-settings [${ENHANCED_HEALTH_SETTING}]`);
}


/***/ }),

/***/ 68343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MU: () => (/* binding */ deployWaitTimeoutMs)
/* harmony export */ });
/* unused harmony exports DEFAULT_WAIT_MS, policyWait */
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98571);
// How long the deploy wait lasts when the workflow sets no wait-timeout: by the
// environment's deployment policy, from its option settings
// (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html):
// - all at once: 20 minutes (the deploy command is bounded by aws:elasticbeanstalk:command
//   Timeout, 600 s by default, to which Beanstalk adds 240 s);
// - rolling: 5 minutes a batch, at least 20 (a batch deploys, then needs two minutes of
//   passing health checks with enhanced health, rolling-version-deploy.html); the batch count
//   from BatchSizeType / BatchSize and the Auto Scaling group's MaxSize, one more with an
//   additional batch;
// - Immutable: a temporary Auto Scaling group, one instance first and then the rest, each
//   phase bounded by the command timeout: two of them and ten minutes of launches, at least 45
//   minutes (a public log shows 18 minutes for three instances, mup-aws-beanstalk#91 "up to an
//   hour" for two deploys);
// - traffic splitting: as Immutable, then part of the traffic goes to the new instances for
//   aws:elasticbeanstalk:trafficsplitting EvaluationTime (3 to 600 minutes, default 5).
// A wait that still ends first fails without an automatic rollback (wait-decision.ts, still-updating).

const DEFAULT_WAIT_MS = 20 * 60_000;
const MINUTE = 60_000;
const NEW_INSTANCES_WAIT_MS = 45 * MINUTE;
const LAUNCHES_MS = 10 * MINUTE;
const BATCH_MS = 5 * MINUTE;
/** Beanstalk adds 240 s to the command timeout it is given (command-options-general.html, Timeout). */
const COMMAND_OVERHEAD_MS = 240_000;
const COMMAND = 'aws:elasticbeanstalk:command';
// By namespace and option only: DescribeConfigurationSettings gives the Auto Scaling group's MinSize and MaxSize
// with a ResourceName (AWSEBAutoScalingGroup), which the workflow's settings do not name.
const key = (Namespace, OptionName) => `${Namespace ?? ''} ${OptionName ?? ''}`;
const POLICY = key(COMMAND, 'DeploymentPolicy');
const COMMAND_TIMEOUT = key(COMMAND, 'Timeout');
const BATCH_SIZE_TYPE = key(COMMAND, 'BatchSizeType');
const BATCH_SIZE = key(COMMAND, 'BatchSize');
const MIN_SIZE = key('aws:autoscaling:asg', 'MinSize');
const MAX_SIZE = key('aws:autoscaling:asg', 'MaxSize');
const EVALUATION = key('aws:elasticbeanstalk:trafficsplitting', 'EvaluationTime');
/** The wait for a deploy to an environment with these settings, the workflow's applied in the same update over them. */
function policyWait(current, applied = []) {
    const settings = new Map(current.map(setting => [key(setting.Namespace, setting.OptionName), setting.Value ?? '']));
    for (const setting of applied)
        settings.set(key(setting.Namespace, setting.OptionName), setting.Value);
    const policy = settings.get(POLICY);
    const number = (name, fallback) => {
        const given = Number(settings.get(name));
        return Number.isFinite(given) && given > 0 ? given : fallback;
    };
    if (policy === 'Immutable' || policy === 'TrafficSplitting') {
        const phases = 2 * (number(COMMAND_TIMEOUT, 600) * 1000 + COMMAND_OVERHEAD_MS) + LAUNCHES_MS;
        const launch = Math.max(NEW_INSTANCES_WAIT_MS, phases);
        if (policy === 'Immutable')
            return { ms: launch, reason: 'DeploymentPolicy Immutable' };
        const minutes = number(EVALUATION, 5);
        return {
            ms: launch + minutes * MINUTE,
            reason: `DeploymentPolicy TrafficSplitting, EvaluationTime ${minutes} minutes`
        };
    }
    if (policy === 'Rolling' || policy === 'RollingWithAdditionalBatch') {
        const size = number(BATCH_SIZE, 100);
        const batches = settings.get(BATCH_SIZE_TYPE) === 'Fixed'
            ? Math.ceil(Math.max(number(MIN_SIZE, 1), number(MAX_SIZE, 4)) / size)
            : Math.ceil(100 / Math.min(size, 100));
        const all = batches + (policy === 'RollingWithAdditionalBatch' ? 1 : 0);
        const ms = all * BATCH_MS;
        if (ms > DEFAULT_WAIT_MS)
            return { ms, reason: `DeploymentPolicy ${policy}, ${all} batches` };
    }
    return { ms: DEFAULT_WAIT_MS };
}
/**
 * The wait-timeout of a deploy to an environment with these option settings: the workflow's, or, left out, the
 * policy's (said when it is longer than the default).
 */
function deployWaitTimeoutMs(config, current, note) {
    if (!config.waitTimeoutByPolicy)
        return config.waitTimeoutMs;
    const wait = policyWait(current, config.settings);
    if (wait.reason !== undefined && wait.ms > config.waitTimeoutMs)
        note(`${wait.reason}: waiting up to ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(wait.ms)} (wait-timeout is not set)`);
    return Math.max(config.waitTimeoutMs, wait.ms);
}


/***/ }),

/***/ 18497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDeploy: () => (/* binding */ runDeploy)
});

// EXTERNAL MODULE: ./src/adapters/aws-clients.ts
var aws_clients = __webpack_require__(16992);
// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var beanstalk_environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./src/adapters/actions-runner/run-context.ts + 3 modules
var run_context = __webpack_require__(99009);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var actions_runner_logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/planning/prepare.ts + 15 modules
var prepare = __webpack_require__(49297);
// EXTERNAL MODULE: ./src/preview/rules.ts
var rules = __webpack_require__(95523);
// EXTERNAL MODULE: ./src/core/bytes.ts
var bytes = __webpack_require__(79596);
;// CONCATENATED MODULE: ./src/report/deploy-lines.ts
// The one line each deploy phase prints outside its group (report/phases.ts),
// and the line that fails the step when an environment failed.

/** e.g. `puppies-prod is Ready (Green) on v12`, for each environment as the run found it. */
function environmentsLine(before) {
    return [...before.values()]
        .map(environment => `${environment.EnvironmentName} is ${environment.Status} (${environment.Health}) on ${environment.VersionLabel ?? 'no version'}`)
        .join('; ');
}
function imagesLine(images) {
    if (images.reports.length === 0) {
        return Object.keys(images.pinned).length > 0
            ? `${Object.keys(images.pinned).length} image(s) already in ECR for this commit (build: false)`
            : 'no image to build';
    }
    return images.reports
        .map(report => report.reused
        ? `${report.id} reused`
        : `${report.id} ${report.layersPushed} layer(s) pushed (${(0,bytes/* formatBytes */.z)(report.bytesPushed)})`)
        .join(', ');
}
function bundlesLine(bundles) {
    return bundles
        .map(({ bundle }) => `${(0,bytes/* formatBytes */.z)(bundle.bytes)}, sha256 ${bundle.sha256.slice(0, 12)}…`)
        .join('; ');
}
function versionsLine(versions) {
    return versions
        .map(version => `${version.versionLabel} ${version.reused ? 'reused' : 'created'} (${version.status})`)
        .join('; ');
}
function outcomeLine(outcome) {
    if (!outcome.ok)
        return `${outcome.environmentName} failed`;
    if (outcome.action === 'none')
        return `${outcome.environmentName} already ran ${outcome.versionLabel}`;
    if (outcome.waited === false)
        return `${outcome.environmentName} is ${outcome.status} to ${outcome.versionLabel} (not waited for)`;
    return `${outcome.environmentName} is ${outcome.status} and ${outcome.health} on ${outcome.versionLabel}${outcome.url ? ` at ${outcome.url}` : ''}`;
}
/** The step's failure line: each environment that failed, and why. */
function failedEnvironments(outcomes) {
    return outcomes
        .filter(outcome => !outcome.ok)
        .map(outcome => `${outcome.environmentName}: ${outcome.message}`)
        .join(' | ');
}

// EXTERNAL MODULE: ./src/report/log.ts
var log = __webpack_require__(46472);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/report/phases.ts
var report_phases = __webpack_require__(62568);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./src/report/clear-secrets.ts
var clear_secrets = __webpack_require__(71879);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/deploy-summary.ts
// The deploy (and preview) job summary: what each environment runs now, or what a failed run changed.




/** e.g. `Smoke test: ✅ passed in 23.4 s (GET / answered 200)`. */
function smokeTestLine(report) {
    const result = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' }[report.result];
    const time = report.result === 'skipped' ? '' : ` in ${report.seconds.toFixed(1)} s`;
    return `Smoke test: ${result}${time} (${(0,summary/* escapeHtml */.ZD)(report.detail)})`;
}
async function writeDeploySummary(record) {
    const ok = record.environments.every(outcome => outcome.ok);
    const out = core/* summary */.z.addHeading(ok ? 'Deployed to Elastic Beanstalk' : 'Deploy failed', 2);
    out.addRaw(`Version ${record.versionLabels.map(summary/* code */.aY).join(', ')}`, true);
    if (record.smokeTest)
        out.addRaw(smokeTestLine(record.smokeTest), true);
    if (record.environments.length > 0) {
        (0,summary/* table */.tp)(out, ['Environment', 'Result', 'Health', 'URL'], record.environments.map(outcome => [
            (0,summary/* escapeHtml */.ZD)(outcome.environmentName),
            outcomeText(outcome),
            (0,summary/* escapeHtml */.ZD)(outcome.health ?? ''),
            outcome.url ? `<a href="${(0,summary/* escapeHtml */.ZD)(outcome.url)}">${(0,summary/* escapeHtml */.ZD)(outcome.url)}</a>` : ''
        ]));
    }
    if (record.images.length > 0) {
        out.addHeading('Images', 3);
        (0,summary/* table */.tp)(out, ['Services', 'Image', 'Layers pushed / present', 'Pushed', 'Build / push'], record.images.map(image => [
            (0,summary/* escapeHtml */.ZD)(image.services.join(', ')),
            (0,summary/* code */.aY)(image.imageUri),
            image.reused ? 'reused' : `${image.layersPushed} / ${image.layersExisting}`,
            (0,bytes/* formatBytes */.z)(image.bytesPushed),
            image.reused ? '—' : `${image.buildSeconds.toFixed(1)} s / ${image.pushSeconds.toFixed(1)} s`
        ]));
    }
    if (record.phases.length > 0) {
        out.addHeading('Phases', 3);
        (0,summary/* table */.tp)(out, ['Phase', 'Seconds'], record.phases.map(([phase, seconds]) => [phase, seconds.toFixed(1)]));
    }
    (0,summary/* lastEvents */.wN)(out, record.environments);
    (0,clear_secrets/* addClearSecrets */.E)(out, record.clearSecrets ?? [], summary/* escapeHtml */.ZD);
    (0,summary/* notesDetails */.Gu)(out, record.notes);
    await (0,summary/* publishSummary */.Iv)(out);
}
function outcomeText(outcome) {
    if (!outcome.ok)
        return `❌ ${(0,summary/* escapeHtml */.ZD)(outcome.message ?? 'failed')}`;
    if (outcome.action === 'none')
        return '✅ already on this version (nothing updated)';
    if (outcome.waited === false)
        return `⏩ update accepted, not waited for (${(0,summary/* escapeHtml */.ZD)(outcome.status ?? '')})`;
    return outcome.action === 'create' ? '✅ created and deployed' : '✅ deployed';
}
function noChanges() {
    return {
        repositoriesCreated: [],
        imagesPushed: [],
        bundlesUploaded: [],
        versionsCreated: [],
        versionsDeleted: [],
        versionsDiscarded: []
    };
}
/**
 * Phases in the order a deploy runs them: where it stopped says what cannot have happened. The smoke
 * test runs beside the push, the bundle and the version, and its failure stops the run before the deploy.
 */
const DEPLOY_PHASES = [
    'plan',
    'preview environment',
    'resolve',
    'dev images',
    'build and push',
    'bundle',
    'application version',
    'smoke test'
];
/** Lines saying what the run changed before it stopped, and what it did not. */
function changeLines(failure) {
    const { changes } = failure;
    const reached = (phase) => DEPLOY_PHASES.indexOf(failure.phase) >= DEPLOY_PHASES.indexOf(phase);
    const changed = [
        ...(changes.previewCreated ? [`Created the preview environment ${changes.previewCreated}`] : []),
        ...changes.repositoriesCreated.map(name => `Created the ECR repository ${name}`),
        ...changes.imagesPushed.map(image => `Pushed ${image}`),
        ...changes.bundlesUploaded.map(location => `Uploaded the bundle ${location}`),
        ...changes.versionsDeleted.map(label => `Deleted the application version ${label}`),
        ...changes.versionsCreated.map(label => changes.versionsDiscarded.includes(label)
            ? `Created the application version ${label}, then deleted it with its bundle: the smoke test failed`
            : `Created the application version ${label}`)
    ];
    const unchanged = ['No environment was updated: each runs what it ran before.'];
    if (changes.versionsCreated.length === 0)
        unchanged.push('No application version was created.');
    else if (changes.versionsCreated.every(label => changes.versionsDiscarded.includes(label))) {
        unchanged.push('No application version this run created remains.');
    }
    if (!reached('build and push'))
        unchanged.push('Nothing was built or pushed.');
    else if (failure.phase === 'smoke test') {
        unchanged.push('The smoke test ran beside the push, the bundle upload and the application version: no environment runs what it tested, any version this run created was deleted with its bundle, and the pushed images stay in ECR under the commit’s tag (the lifecycle policy ages them out; a re-run reuses them).');
    }
    else if (failure.phase === 'build and push' && changes.imagesPushed.length === 0) {
        unchanged.push("No application version uses this run's images; any that finished pushing stay in ECR under the commit's tag, and a re-run reuses them.");
    }
    return { changed, unchanged };
}
/**
 * A deploy (or preview) that stopped before any environment was updated —
 * bad input, credentials, a lookup, the build, the smoke test, the push, the
 * bundle or the version: what failed, and what was and was not changed.
 */
async function writeDeployFailure(failure) {
    const out = core/* summary */.z.addHeading('Deploy failed: no environment was changed', 2);
    out.addRaw(`<p>❌ Failed in <b>${(0,summary/* escapeHtml */.ZD)(failure.phase)}</b>: ${(0,summary/* escapeHtml */.ZD)(failure.message)}</p>`, true);
    if (failure.versionLabels.length > 0)
        out.addRaw(`Version ${failure.versionLabels.map(summary/* code */.aY).join(', ')}`, true);
    if (failure.smokeTest)
        out.addRaw(smokeTestLine(failure.smokeTest), true);
    const { changed, unchanged } = changeLines(failure);
    out.addHeading('What changed', 3);
    out.addRaw(changed.length > 0
        ? `<ul>${changed.map(line => `<li>${(0,summary/* escapeHtml */.ZD)(line)}</li>`).join('')}</ul>`
        : '<p>Nothing in AWS.</p>', true);
    out.addHeading('What did not change', 3);
    out.addRaw(`<ul>${unchanged.map(line => `<li>${(0,summary/* escapeHtml */.ZD)(line)}</li>`).join('')}</ul>`, true);
    if (failure.phases.length > 0) {
        out.addHeading('Phases', 3);
        (0,summary/* table */.tp)(out, ['Phase', 'Seconds'], failure.phases.map(([phase, seconds]) => [(0,summary/* escapeHtml */.ZD)(phase), seconds.toFixed(1)]));
    }
    (0,summary/* notesDetails */.Gu)(out, failure.notes);
    await (0,summary/* publishSummary */.Iv)(out);
}

;// CONCATENATED MODULE: ./src/smoke/crash-line.ts
// The one log line that says why a container stopped, for the smoke test's one-line failure.
//
// The last line is often not it: runtimes, package managers and process managers print their own lines after the
// error (stack frames, the error's printed properties, `Node.js v20.11.1`, npm's and yarn's reports, rake's `(See full
// trace …)`, gunicorn's and supervisord's shutdown, s6's `stopping the container`), and some print advice after it
// (Prisma, RubyGems, Spring Boot's "Action:"). A table of every runtime's trailers does not generalise: the first
// version of this file knew 28 real logs and got 10 of 26 unseen ones right. So each line of the log's end is scored
// by what any runtime's cause has and its trailers lack: the form of an uncaught error, and words that say what went
// wrong; a line that only reports a failure (`Command failed with exit code 1`, `exited with code 3`), names a code
// without its message, or is at INFO or WARN level scores less; frames and printed properties are never the cause. The best
// line wins, the later of equals (Java's root cause is the last `Caused by:`). Checked on real crash logs from public
// issue threads, each set gathered by someone who had not seen the rule (__tests__/unit/smoke/crash-line-*.test.ts):
// the scored rule got 23 of the first held-out set's 26, then 27 of a second, fresh set's 29 (the two misses, a
// .NET frame a viewer had unindented and a Python warning printed after the crash, are now read). The whole log is
// printed in the job log either way; this only picks the line the failure quotes.
/** Lines that are never the cause: frames, printed properties, the ends of printed objects. */
const NEVER = [
    /^\s+at\s/, // Node and Java frames
    /^at [\w$.<>`[\]]+\.[\w$<>`[\]]+\(/, // Java and .NET frames a log viewer printed without their indent
    /^\s*from\s\S+:\d+:in\s/, // Ruby frames
    /^\s*\S+\.(rb|py|js|mjs|cjs|ts|go|java|kt|php|ex|exs|erl|cs|rs):\d+(:\d+)?(:in [`'].*'|\s\+0x[0-9a-f]+)?$/, // file:line frames
    /^\s*File ".*", line \d+/, // Python frames
    /^#\d+\s/, // PHP and native frames
    /^\s*\.\.\. \d+ (more|common frames omitted)$/, // Java
    /^goroutine \d+ \[/, // Go
    /^[^\s()]+\(.*\)$/, // Go function frames: main.main(), github.com/lib/pq.(*conn).Close(…)
    /^created by \S+/, // Go
    /\(\+0x[0-9a-f]+\)|\[0x[0-9a-f]{6,}\]/, // native backtraces
    /^\s*\([\w.]+ [\w.-]+\) \S+:\d+: /, // Elixir frames: (stdlib 5.2) erl_eval.erl:136: …
    /^\s+(\[[\w\s().]+\]|[a-z_$][\w$]*|'[^']*'): /, // properties Node prints with an error ({ code: 'ECONNREFUSED', … })
    /^(Require stack:|- \/\S+)$/, // Node's list of the modules that required a missing one
    /^[\s{}[\]()|*=#^~-]*$/ // the ends of printed objects and arrays, rules and carets
];
/** The forms runtimes print an uncaught error in. */
const ERROR_FORMS = [
    /^([\w$]+(\.|::))*([A-Z][\w$]*)?(Error|Exception)\b(\s\[\w+\])?:/, // TypeError: …, psycopg2.OperationalError: …
    /^([A-Z]\w*::)+[A-Z]\w*: /, // Ruby: ActiveRecord::ConnectionNotEstablished: …
    /^([a-z_]\w*\.)+[A-Z]\w*: /, // Python: django.core.exceptions.ImproperlyConfigured: …
    /:in [`'][^']*': .*\([A-Z][\w:]*\)$/, // Ruby: file:line:in 'method': message (Class)
    /^\*\* \([\w.]+\)/, // Elixir: ** (RuntimeError) …
    /^(Caused by: |Exception in thread |panic(\([^)]*\))?: |fatal error: |Fatal error: |PHP (Fatal|Parse) error: )/,
    /^error: /, // node-postgres
    /^# (Fatal error|Check failed)/, // V8
    /^Killed$|Segmentation fault|SQLSTATE\[/
];
/** Words that say what went wrong. */
const WRONG = /\b(error|errors|exception|fatal|panic|fail(ed|ure|s)?|refused|denied|cannot|can't|couldn't|could not|unable|not found|no such|missing|invalid|undefined|unknown|not set|required|timed out|timeout|abort(ed)?|crash(ed)?|unexpected|no route|unreachable|forbidden|unauthori[sz]ed|not allowed|does not exist|doesn't exist|not generated|ECONN\w+|ENOTFOUND|EACCES|ENOENT|OOM|out of memory)\b/gi;
/** Names of error classes inside a line: java.lang.UnsupportedClassVersionError, PG::ConnectionBad is not one. */
const ERROR_CLASS = /\b[A-Z]\w*(Error|Exception)\b/g;
/** Lines that only report that something failed, or sign off: what wraps the cause, never the cause. */
const REPORT = /(Command failed with exit code|exited with code|exit(ed)? status|ELIFECYCLE|See full trace|Visit https?:|A complete log of this run|^Tasks: TOP|^Node\.js v\d|^npm (ERR!|error) (path|command|A complete log|\s*$)|stopping the container|sending SIG\w+|Shutting down|Worker exiting|entered FATAL state|^Error executing command|bun has crashed|Reason: Worker failed to boot|FPM initialization failed|failed to post process the configuration|Application startup failed|s6-rc failed|unable to start service)/i;
/** A process killed by a signal: whatever it printed before cannot say why (out of memory, a segfault). */
const SIGNAL = /\b(SIGKILL|SIGSEGV|SIGABRT|SIGBUS|terminated by SIG\w+|signal SIG\w+|OOMKilled)\b|^Killed$/;
/** An error line that names only a code; its message is elsewhere (`Error: P3009`, `Error: ERR_PNPM_…`). */
const CODE_ONLY = /^\w*Error:\s*[A-Z][A-Z0-9_]+\s*$/;
const INFO_LEVEL = /\[INFO\]|\bINFO\b|level=info|^info /;
/** A warning lets the process go on: it is not why it stopped. */
const WARNING = /\b\w*Warning:|\[WARN(ING)?\]|\bWARN(ING)?\b|level=warn/;
/** A process manager's column: honcho and foreman (`13:58:01 web.1  | `), forego (`nginx.1    | `), Bun (`| `). */
const MANAGER_COLUMN = /^(\d\d:\d\d:\d\d\s+)?([\w.-]+\s*)?\| ?/;
/** Lines read from the end: the cause is near it, and an early handled error must not stand for it. */
const WINDOW = 40;
function score(text) {
    const line = text.trim();
    let points = (line.match(WRONG) ?? []).length + (line.match(ERROR_CLASS) ?? []).length;
    if (ERROR_FORMS.some(form => form.test(line)))
        points += 3;
    if (SIGNAL.test(line))
        points += 3;
    // Java's cause chain: a cause is more than the exception that wraps it.
    if (line.startsWith('Caused by: '))
        points += 2;
    if (REPORT.test(line))
        points -= 4;
    if (CODE_ONLY.test(line))
        points -= 4;
    if (INFO_LEVEL.test(line))
        points -= 2;
    if (WARNING.test(line))
        points -= 2;
    return points;
}
/** The line of a container's log that best says why it stopped, shortened; undefined for an empty log. */
function crashLine(text, maxLength = 200) {
    const all = text.split('\n').filter(line => line.trim() !== '');
    // Spring Boot's failure analysis: the first line of its Description says what failed.
    const analysis = text.includes('APPLICATION FAILED TO START')
        ? all.findIndex(line => /^Description:$/.test(line.trim()))
        : -1;
    const described = analysis >= 0 ? all[analysis + 1] : undefined;
    let best;
    let afterCode = false;
    for (const raw of all.slice(-WINDOW)) {
        const written = raw.replace(MANAGER_COLUMN, '');
        if (NEVER.some(pattern => pattern.test(written)))
            continue;
        // The line after an error that names only its code carries that error's message.
        const points = score(written) + (afterCode ? 3 : 0);
        afterCode = CODE_ONLY.test(written.trim());
        if (best === undefined || points >= best.points)
            best = { line: raw, points };
    }
    // The best line, even a poor one: a wrapper's `error Command failed` says more than its `info Visit …`.
    const chosen = described ?? best?.line ?? all.at(-1);
    if (chosen === undefined)
        return undefined;
    const line = chosen.trim();
    return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

;// CONCATENATED MODULE: ./src/smoke/verdict.ts
// Pure: whether the smoke test runs, and how its result is worded for the
// log line that fails the step and for the job summary.


/** `auto` runs when a Docker engine answers; `true` requires one; `false` never runs. */
function smokeDecision(setting, dockerAnswers) {
    if (setting === 'false')
        return { run: false, reason: 'smoke-test is false' };
    if (dockerAnswers)
        return { run: true };
    if (setting === 'true') {
        throw new errors/* InputError */.dz('smoke-test', 'is true, but no Docker engine answers on this runner (`docker info` failed)');
    }
    return { run: false, reason: 'no Docker engine answers on this runner' };
}
/**
 * Why the smoke test can be skipped: every environment already runs its
 * target's version, Ready and Green — a re-run of a job that deployed. Its
 * images and bundle were tested then; a bundle that differs now is refused
 * when the version is created (a version that runs is never replaced).
 */
function noOpRerun(targets, before) {
    const pairs = targets.flatMap(target => target.environments.map(name => ({ environment: before.get(name), label: target.plan.versionLabel })));
    if (pairs.length === 0)
        return undefined;
    const same = pairs.every(({ environment, label }) => environment?.VersionLabel === label && environment.Status === 'Ready' && environment.Health === 'Green');
    if (!same)
        return undefined;
    const names = pairs.map(({ environment }) => environment?.EnvironmentName).join(', ');
    return `${names} already ${pairs.length === 1 ? 'runs' : 'run'} ${[...new Set(pairs.map(pair => pair.label))].join(', ')}, Ready and Green: a re-run, nothing new to test`;
}
/**
 * One line naming the cause: the first cause, and when a container stopped, the line of its log
 * that says why (smoke/crash-line.ts).
 */
function failureMessage(outcome) {
    // The causes come ranked (smoke/reach.ts rankedCauses). When an exit leads, every exited
    // container is named with the line of its log that says why; a cause read in a log that leads already says it.
    const [first = 'the app did not become healthy', ...rest] = outcome.causes;
    const exitLeads = EXITED.test(first);
    const withLog = (cause) => {
        const stopped = EXITED.exec(cause)?.[1];
        const log = stopped ? outcome.logs.find(entry => entry.container === stopped) : undefined;
        const line = log ? crashLine(log.text) : undefined;
        return line ? `${cause} — its log says: ${line}` : cause;
    };
    const exits = exitLeads ? rest.filter(cause => EXITED.test(cause)).map(withLog) : [];
    const others = exitLeads ? rest.filter(cause => !EXITED.test(cause)) : rest;
    const lead = exitLeads ? [withLog(first), ...exits].join('; ') : first;
    const more = others.length > 0 ? ` (and ${others.join('; ')})` : '';
    return `Smoke test failed: ${lead}${more}`;
}
const EXITED = /^container (\S+) exited/;
function passedDetail(outcome, healthPath) {
    const health = outcome.httpStatus !== undefined
        ? `GET ${healthPath} answered ${outcome.httpStatus}`
        : 'no container publishes port 80; every essential container stayed up';
    const reached = outcome.reached
        .filter(entry => entry.containers.length > 0)
        .map(entry => `${entry.role} reached by ${entry.containers.join(', ')}`);
    return [health, ...reached].join('; ');
}

// EXTERNAL MODULE: ./src/stages/bundles.ts
var stages_bundles = __webpack_require__(37014);
// EXTERNAL MODULE: ./src/core/architecture.ts
var architecture = __webpack_require__(46632);
;// CONCATENATED MODULE: ./src/stages/platforms.ts
// Platforms stage: the architecture each image is built for, from the
// instance types of the environments that run it (DescribeConfigurationSettings),
// the `platform` input and compose's `platform:` (src/core/architecture.ts
// decides; this stage reads the environments and logs the decision).





/**
 * Reads each environment's instance types and decides every image's
 * platform; throws one line for an environment of mixed architectures or an
 * image its environments could not all run. An environment whose settings
 * cannot be read (access denied) counts as unknown: its images are built for
 * the runner's architecture, as the log line says.
 */
async function imagePlatforms(prepared, clients, logger = actions_runner_logger/* actionsLogger */.MV, readSettings = name => (0,beanstalk_environments/* environmentOptionSettings */.i1)(clients.beanstalk, prepared.config.application, name)) {
    const { config, targets, compose } = prepared;
    const architectures = new Map();
    for (const environment of targets.flatMap(target => target.environments)) {
        let settings;
        try {
            settings = await readSettings(environment);
        }
        catch (error) {
            logger.warning(`Could not read the instance types of ${environment} (${(0,errors/* errorMessage */.gJ)(error)}); ` +
                "its images are built for the runner's architecture unless the platform input says otherwise");
            architectures.set(environment, { environment, evidence: 'settings not readable' });
            continue;
        }
        architectures.set(environment, (0,architecture/* environmentArchitecture */.v3)(environment, settings));
    }
    const platforms = new Map();
    for (const image of (0,prepare/* imagesOf */.IC)(targets)) {
        const environments = targets
            .filter(target => target.plan.images.some(planned => planned.id === image.id))
            .flatMap(target => target.environments)
            .flatMap(name => architectures.get(name) ?? []);
        const decided = (0,architecture/* imagePlatform */.Ht)({
            image: image.id,
            services: image.services.map(name => ({
                name,
                ...(compose.services[name]?.platform !== undefined && { platform: compose.services[name]?.platform })
            })),
            ...(config.platform !== undefined && { input: config.platform }),
            environments
        });
        for (const warning of decided.warnings)
            logger.warning(warning);
        platforms.set(image.id, decided);
    }
    return platforms;
}
/** One line for the log: each image's platform and why. */
function platformsLine(platforms) {
    return [...platforms.entries()]
        .map(([id, decided]) => `${id}: ${decided.platform ?? "the runner's architecture"} (${decided.why})`)
        .join('; ');
}
/** For the build: ImageBuild id → platform, for the images that have one. */
function platformOf(platforms) {
    return Object.fromEntries([...platforms.entries()].flatMap(([id, decided]) => (decided.platform ? [[id, decided.platform]] : [])));
}

// EXTERNAL MODULE: ./src/stages/local-checks.ts
var local_checks = __webpack_require__(3512);
// EXTERNAL MODULE: ./src/adapters/actions-runner/cancellation.ts
var actions_runner_cancellation = __webpack_require__(6634);
// EXTERNAL MODULE: ./src/adapters/docker/command-runner.ts
var command_runner = __webpack_require__(17755);
// EXTERNAL MODULE: ./src/smoke/dev-services.ts
var dev_services = __webpack_require__(53615);
;// CONCATENATED MODULE: ./src/smoke/dev-images.ts
// The images of the smoke run's twins (postgres, redis…): found before any
// build, and pulled when the runner lacks one, so a missing one fails the run
// before minutes of building.



/** The distinct images of the twins every target's smoke run starts (the compose file's db, redis…). */
function devImagesOf(targets, compose) {
    const images = new Map();
    for (const target of targets) {
        for (const replacement of target.plan.backing) {
            const image = (0,dev_services/* twinImage */.SQ)(replacement, compose);
            images.set(image, (images.get(image) ?? new Set()).add(replacement.composeService));
        }
    }
    return [...images].map(([image, services]) => ({ image, services: [...services] }));
}
async function pullDevImages(images, docker) {
    for (const { image, services } of images) {
        // `--` ends the options: an image reference is never read as one.
        if ((await docker.call(['image', 'inspect', '--format', '{{.Id}}', '--', image])).exitCode === 0) {
            actions_runner_logger/* actionsLogger */.MV.info(`Smoke test: dev image ${image} (${services.join(', ')}) is on this runner`);
            continue;
        }
        actions_runner_logger/* actionsLogger */.MV.info(`Smoke test: pulling dev image ${image} (${services.join(', ')})…`);
        try {
            await docker.run(['pull', '--quiet', '--', image]);
        }
        catch (error) {
            throw new Error(`Smoke test: the dev image ${image} of ${services.join(', ')} is not on this runner and could not be pulled (${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}); make it available to the runner, or set smoke-test: false`);
        }
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/core/settings.ts
var settings = __webpack_require__(51922);
// EXTERNAL MODULE: ./src/core/health-check.ts
var health_check = __webpack_require__(18988);
;// CONCATENATED MODULE: ./src/smoke/target-run.ts
// One smoke run of one target (smokeTestStage): the bundle runs on this runner as Beanstalk will run it, asking
// what the environment's load balancer asks (core/health-check.ts), with the environment's properties in every
// container, and a report or a SmokeTestFailedError at the end. The stage's state across the run (dev services
// started ahead, the run, its removal, a cancel) is SmokeTest's, in stages/smoke-test.ts.





/** The app was not healthy on the runner; the run stops before any deploy (the mode writes the summary). */
class SmokeTestFailedError extends Error {
    report;
    constructor(message, report) {
        super(message);
        this.report = report;
        this.name = 'SmokeTestFailedError';
    }
}
/** The prefix of every container, network and folder of one smoke run. */
function smokeProject() {
    return `bdd-smoke-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
const DEFAULTS = {
    healthTimeoutMs: 180_000,
    settleMs: 5_000,
    settledFailureMs: 15_000,
    devReadyTimeoutMs: 90_000
};
/**
 * The properties the target's environments give every container (the first environment that sets a name wins;
 * the workflow's environment-variables / option-settings win over what the environments have). Their values are
 * the real ones, as on Beanstalk (a placeholder for DJANGO_SETTINGS_MODULE would break an app that works there);
 * every value of 8 characters or more is masked, so an app that prints its settings cannot show one in the log.
 */
function smokeProperties(environments, byEnvironment, workflow, log) {
    const properties = new Map();
    for (const name of environments)
        for (const [key, value] of byEnvironment?.get(name) ?? [])
            if (!properties.has(key))
                properties.set(key, value);
    for (const setting of workflow)
        if (setting.Namespace === settings/* ENVIRONMENT_PROPERTIES */._n && setting.OptionName)
            properties.set(setting.OptionName, setting.Value ?? '');
    for (const value of properties.values())
        if (value.length >= 8)
            log.setSecret(value);
    return Object.fromEntries(properties);
}
/** Runs one target's bundle; throws SmokeTestFailedError when the app is unhealthy. */
async function smokeTestStage(prepared, plan, images, options = {}, log = actions_runner_logger/* actionsLogger */.MV) {
    const { config, compose, workspace } = prepared;
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const ahead = options.devServicesAhead;
    const project = ahead?.project ?? smokeProject();
    const environments = prepared.targets.find(target => target.plan === plan)?.environments ?? [];
    const checks = environments.map(name => options.healthChecks?.get(name) ?? (0,health_check/* beanstalkHealthCheck */.oh)([], config.settings));
    const [first, ...more] = (0,health_check/* smokeProbes */.XR)(config.smokeTestPath, config.smokeTestPathGiven === true, checks);
    const probes = first ? [first, ...more] : undefined;
    if (!probes)
        throw new Error(`no health check path for ${environments.join(', ')}`);
    const expecting = probes
        .map(probe => `GET ${probe.path} to answer ${(0,health_check/* expectedCodes */.zB)(probe)} (as ${probe.checkers.join(' and ')} asks)`)
        .join(' and ');
    log.info(`Smoke test: running the bundle on this runner as ${project}${ahead ? ' (its dev services started with the builds)' : ''}, expecting ${expecting}`);
    let outcome;
    try {
        // The runner loads when a smoke test runs, not with the mode.
        const { runSmoke } = await Promise.all(/* import() */[__webpack_require__.e(860), __webpack_require__.e(686), __webpack_require__.e(441)]).then(__webpack_require__.bind(__webpack_require__, 98441));
        outcome = await runSmoke({
            plan,
            compose,
            workspace,
            databasePasswordEnv: config.databasePasswordEnv,
            images,
            probes: [...probes],
            properties: smokeProperties(environments, options.properties, config.settings, log),
            backing: options.backing ?? {},
            resolution: {
                logDriver: config.logDriver,
                ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
                ...(options.region !== undefined && { region: options.region }),
                ...(options.executionRoleArn !== undefined && { executionRoleArn: options.executionRoleArn })
            }
        }, {
            ...DEFAULTS,
            ...options,
            project,
            onCleanup: remove => options.onCleanup?.({ project, remove }),
            ...(ahead && { devServices: ahead.services })
        });
    }
    catch (error) {
        // The app could not even be started (a missing image, a bad mount): that is a failed smoke test too.
        outcome = {
            healthy: false,
            causes: [error instanceof Error ? error.message : String(error)],
            logs: [],
            warnings: [],
            reached: []
        };
    }
    for (const warning of outcome.warnings)
        log.warning(`Smoke test: ${warning}`);
    if (outcome.healthy) {
        const report = {
            result: 'passed',
            seconds: seconds(),
            detail: passedDetail(outcome, probes.map(probe => probe.path).join(' and GET '))
        };
        log.info(`Smoke test passed in ${report.seconds.toFixed(1)} s: ${report.detail}`);
        return report;
    }
    for (const container of outcome.logs) {
        log.info(`Smoke test: last log lines of ${container.container}:`);
        for (const line of container.text.trimEnd().split('\n'))
            log.info(`  [${container.container}] ${line}`);
    }
    if (outcome.httpStatus !== undefined)
        log.info(`Smoke test: last HTTP status ${outcome.httpStatus}`);
    const message = failureMessage(outcome);
    throw new SmokeTestFailedError(message, { result: 'failed', seconds: seconds(), detail: message });
}

;// CONCATENATED MODULE: ./src/stages/smoke-test.ts
// Smoke-test stage: once the images are built, the rendered Dockerrun runs
// on the runner against twins of the managed database and cache (the RDS /
// ElastiCache host names, the RDS master user, a fresh password), beside the
// push, the bundle upload and CreateApplicationVersion; UpdateEnvironment
// waits for it, and an unhealthy app fails the step before anything is
// deployed (the mode deletes any version the run created). Its lines are
// printed as one group when it ends. Cancelling the job (SIGINT / SIGTERM)
// still removes what the run created: the entry point asks the run's
// cancellation to stop the smoke test (SmokeTest.stop), then exits.
//
// Decided in three steps: whether Docker answers (before any AWS call, so
// `smoke-test: true` without Docker changes nothing); whether the run is a
// no-op re-run (every environment already Ready and Green on the version:
// skipped, saying so); and, before any build, whether the dev images it
// needs (postgres:16, redis:7) are on the runner — pulled when they are not,
// so a missing one fails the run before minutes of building.








/** The smoke test of one run: the one owner of its state (see SmokeState). */
class SmokeTest {
    prepared;
    docker;
    options;
    cancellation;
    #state;
    constructor(prepared, decision, docker, options, cancellation) {
        this.prepared = prepared;
        this.docker = docker;
        this.options = options;
        this.cancellation = cancellation;
        this.#state = { name: 'idle' };
        if (!decision.run)
            this.skip(decision.reason);
    }
    get state() {
        return this.#state.name;
    }
    /** True while the smoke test is to run (Docker answered, and it was not skipped since). */
    get runs() {
        const { name } = this.#state;
        return name === 'idle' || name === 'starting' || name === 'running';
    }
    /** idle → skipped: a smoke test that would have run does not, saying why (a no-op re-run). */
    skip(reason) {
        if (this.#state.name !== 'idle')
            throw new Error(`A ${this.#state.name} smoke test cannot be skipped`);
        actions_runner_logger/* actionsLogger */.MV.info(`Smoke test skipped: ${reason}`);
        this.#state = { name: 'skipped', report: { result: 'skipped', seconds: 0, detail: reason } };
    }
    /** Before any build: the dev images the smoke run starts are on the runner, pulled when missing. */
    async pullDevImages() {
        if (this.runs)
            await pullDevImages(devImagesOf(this.prepared.targets, this.prepared.compose), this.docker);
    }
    /**
     * idle → starting, as the builds start: the first target's twins start under the project its run takes on,
     * to be ready when its images are (a database takes seconds).
     */
    startDevServices(backing) {
        const [first] = this.prepared.targets;
        if (this.#state.name !== 'idle')
            return;
        const project = smokeProject();
        const { options } = this;
        // The runner loads when a smoke test runs, not with the mode.
        const ahead = Promise.all(/* import() */[__webpack_require__.e(860), __webpack_require__.e(686), __webpack_require__.e(441)]).then(__webpack_require__.bind(__webpack_require__, 98441)).then(smoke => ({
            project,
            services: smoke.startDevServices({ plan: first.plan, compose: this.prepared.compose, backing }, {
                project,
                devReadyTimeoutMs: options.devReadyTimeoutMs ?? DEFAULTS.devReadyTimeoutMs,
                ...(options.docker !== undefined && { docker: options.docker })
            })
        }));
        ahead.catch(() => undefined);
        this.#state = { name: 'starting', ahead, untrack: this.cancellation.track(this) };
    }
    /** For publishImages: starts the smoke test, beside what follows, once every image is built. */
    hooks(resolution, phases = new report_phases/* PhaseLog */.U()) {
        if (!this.runs)
            return {};
        return { onBuilt: images => this.start(images, resolution, phases) };
    }
    /** idle | starting → running: every target's bundle runs on its own, as its environment will run it. */
    start(images, resolution, phases) {
        const from = this.#state;
        if (from.name !== 'idle' && from.name !== 'starting')
            return;
        const removals = [];
        const run = phases.run('smoke test', async (log) => {
            const reports = [];
            for (const [index, target] of this.prepared.targets.entries()) {
                // The first target's run takes the services started ahead.
                const started = index === 0 && from.name === 'starting' ? from.ahead : undefined;
                reports.push(await smokeTestStage(this.prepared, target.plan, images, {
                    ...this.options,
                    ...resolution,
                    ...(started && { devServicesAhead: await started }),
                    onCleanup: cleanup => this.whileRunning(running => ({ ...running, cleanup, ahead: undefined })),
                    // The verdict does not wait for `docker rm`: settle() (hence ended()) does.
                    removing: removal => {
                        removal.catch(() => undefined);
                        removals.push(removal);
                    }
                }, log));
                this.whileRunning(running => ({ ...running, cleanup: undefined }));
            }
            return combinedReport(this.prepared, reports);
        }, { collect: true, done: report => `passed: ${report.detail}` });
        // The verdict is kept as soon as the run's phase ends, before its containers are removed.
        const judged = (outcome) => {
            this.whileRunning(state => ({ ...state, outcome }));
            return outcome;
        };
        const running = {
            name: 'running',
            run,
            settled: run
                .then(report => judged({ report }), (failure) => judged({
                failure,
                ...(failure instanceof SmokeTestFailedError && { report: failure.report })
            }))
                .then(outcome => this.settle(running, outcome)),
            ahead: from.name === 'starting' ? from.ahead : undefined,
            cleanup: undefined,
            removals,
            untrack: from.name === 'starting' ? from.untrack : this.cancellation.track(this)
        };
        // ended() reports a failure to remove the services; until then it must not go unhandled.
        running.settled.catch(() => undefined);
        this.#state = running;
    }
    /** A change within the running state (a cancel may have moved on from it). */
    whileRunning(change) {
        if (this.#state.name === 'running')
            this.#state = change(this.#state);
    }
    /**
     * running → stopped, once the run's phase ended and what it created is removed; dev services it never took
     * are removed too. A removal that fails is a warning: the verdict stands.
     */
    async settle(running, result) {
        if (this.#state.name !== 'running')
            return;
        const untaken = this.#state.ahead;
        try {
            const removed = await Promise.allSettled([
                ...(untaken ? [stopAhead(untaken)] : []),
                ...running.removals
            ]);
            for (const outcome of removed) {
                if (outcome.status === 'rejected')
                    actions_runner_logger/* actionsLogger */.MV.warning(`Smoke test: could not remove what it created: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`);
            }
        }
        finally {
            if (this.#state.name === 'running') {
                running.untrack();
                this.#state = { name: 'stopped', ...result };
            }
        }
    }
    /** Throws the smoke test's failure as soon as it has failed: the run stops at its next step. */
    stopIfFailed() {
        const state = this.#state;
        const failure = state.name === 'stopped' ? state.failure : state.name === 'running' ? state.outcome?.failure : undefined;
        if (failure !== undefined)
            throw failure;
    }
    /** Until the smoke test has passed (at once when it does not run); throws its failure. */
    async passed() {
        const state = this.#state;
        if (state.name === 'idle' || state.name === 'starting')
            throw new Error('The smoke test was to run but never started');
        // The verdict, not the removal of the containers: UpdateEnvironment does not wait for `docker rm`.
        if (state.name === 'running')
            await state.run;
        this.stopIfFailed();
    }
    /**
     * Until the smoke test has ended, whatever its result: a run that failed elsewhere waits for its cleanup.
     * starting → stopped (the run stopped before the smoke test: its dev services are removed).
     */
    async ended() {
        const state = this.#state;
        if (state.name === 'running')
            await state.settled;
        else if (state.name === 'stopping')
            await state.stopped;
        else if (state.name === 'starting') {
            await this.removeStarted(state, () => stopAhead(state.ahead));
        }
    }
    /** A cancelled job (RunCancellation): starting | running → stopping → stopped, removing what it started. */
    async stop() {
        const state = this.#state;
        if (state.name === 'stopping')
            return state.stopped;
        if (state.name !== 'starting' && state.name !== 'running')
            return;
        await this.removeStarted(state, async () => {
            const ahead = state.ahead?.then(started => started.project, () => undefined);
            const projects = [await ahead, state.name === 'running' ? state.cleanup?.project : undefined];
            actions_runner_logger/* actionsLogger */.MV.info(`Smoke test: stopping, removing the containers of ${projects.filter(Boolean).join(', ') || 'nothing yet'}`);
            await Promise.all([
                state.ahead && stopAhead(state.ahead),
                state.name === 'running' ? state.cleanup?.remove() : undefined,
                ...(state.name === 'running' ? state.removals : [])
            ]);
        }, state.name === 'running' ? state.outcome : undefined);
    }
    /** Cancellable until done: a cancel meanwhile waits for this removal. */
    async removeStarted(from, remove, outcome) {
        const stopped = remove();
        this.#state = { name: 'stopping', stopped };
        try {
            await stopped;
        }
        finally {
            from.untrack();
            this.#state = { name: 'stopped', ...outcome };
        }
    }
    /** The result once it ended; the skip reason when it does not run; undefined before. */
    report() {
        const state = this.#state;
        if (state.name === 'running')
            return state.outcome?.report;
        return state.name === 'skipped' || state.name === 'stopped' ? state.report : undefined;
    }
}
/** Removes dev services started ahead, once they are up (or failed to come up). */
async function stopAhead(ahead) {
    const started = await ahead.catch(() => undefined);
    if (!started)
        return;
    await started.services.ready.catch(() => undefined);
    await started.services.dev.stop();
}
/**
 * Decides before any AWS call whether the smoke test runs (`smoke-test: true` on a runner
 * without Docker fails here), and returns the step that runs it. Cancelling `cancellation`
 * removes what it has started.
 */
async function smokeTestStep(prepared, options = {}, cancellation = new actions_runner_cancellation/* RunCancellation */.f()) {
    const setting = prepared.config.smokeTest;
    const docker = new command_runner/* DockerCli */.Vo(options.docker);
    const dockerAnswers = setting !== 'false' && (await docker.call(['info']).catch(() => undefined))?.exitCode === 0;
    return new SmokeTest(prepared, smokeDecision(setting, dockerAnswers), docker, options, cancellation);
}
/** One report for the run: each target's detail, named by its environments when there are several. */
function combinedReport(prepared, reports) {
    const [only, ...others] = reports;
    if (only && others.length === 0)
        return only;
    return {
        result: 'passed',
        seconds: reports.reduce((sum, report) => sum + report.seconds, 0),
        detail: reports
            .map((report, index) => `${prepared.targets[index]?.environments.join(', ')}: ${report.detail}`)
            .join('; ')
    };
}

;// CONCATENATED MODULE: ./src/modes/deploy/release-stages.ts
// The deploy's stages after the lookups (the build and ECR, the bundle upload
// and release, the cleanup), loaded while the smoke test's dev images are
// looked for: a run that fails its lookups never loads their code.


/** The stages after the lookups. */
async function loadReleaseStages(clients) {
    const [images, release, retention] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(823), __webpack_require__.e(284)]).then(__webpack_require__.bind(__webpack_require__, 52284)),
        Promise.all(/* import() */[__webpack_require__.e(275), __webpack_require__.e(59)]).then(__webpack_require__.bind(__webpack_require__, 66059)),
        __webpack_require__.e(/* import() */ 445).then(__webpack_require__.bind(__webpack_require__, 46445))
    ]);
    return {
        publishImages: images.publishImages,
        createVersions: release.createVersions,
        discardCreatedVersions: release.discardCreatedVersions,
        deployEnvironments: release.deployEnvironments,
        /** After a successful deploy: every problem is a warning, the deploy has succeeded. */
        async cleanupAfterDeploy(config) {
            try {
                return await retention.cleanupVersions(clients, { ...config, skipWithinKeep: true }, actions_runner_logger/* actionsLogger */.MV);
            }
            catch (error) {
                actions_runner_logger/* actionsLogger */.MV.warning(`Cleanup of old application versions failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
                return undefined;
            }
        }
    };
}

// EXTERNAL MODULE: ./src/deploy/policy-timeout.ts
var policy_timeout = __webpack_require__(68343);
// EXTERNAL MODULE: ./src/stages/managed-services.ts + 1 modules
var managed_services = __webpack_require__(93280);
;// CONCATENATED MODULE: ./src/stages/health-check.ts
// The health check of each environment: its paths and the HTTP codes its load
// balancer accepts (DescribeConfigurationSettings; core/health-check.ts reads
// them), for the smoke test.




/**
 * Environment → what its load balancer checks. An environment whose settings cannot be read gets the workflow's,
 * or "/" answering 200 (an Application Load Balancer's default).
 */
async function healthChecks(prepared, clients, readSettings = name => (0,beanstalk_environments/* environmentOptionSettings */.i1)(clients.beanstalk, prepared.config.application, name)) {
    const checks = new Map();
    for (const environment of prepared.targets.flatMap(target => target.environments)) {
        let current = [];
        try {
            current = await readSettings(environment);
        }
        catch (error) {
            (0,actions_runner_logger/* debug */.Yz)(`health check of ${environment} not read: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        checks.set(environment, (0,health_check/* beanstalkHealthCheck */.oh)(current, prepared.config.settings));
    }
    return checks;
}

// EXTERNAL MODULE: ./src/adapters/iam.ts
var iam = __webpack_require__(35737);
;// CONCATENATED MODULE: ./src/core/prerequisites.ts
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
/**
 * Whether the environment runs a platform that deploys a Dockerrun v2: the ECS branch ("… running ECS",
 * `platform/ECS running on …`) or the retired Amazon Linux AMI "Multi-container Docker" one. Undefined when
 * DescribeEnvironments names no platform (the check is then left to Beanstalk).
 */
function runsEcsPlatform(environment) {
    const stack = environment.SolutionStackName ?? '';
    const platform = /:platform\/([^/]+)/.exec(environment.PlatformArn ?? '')?.[1] ?? '';
    if (!stack && !platform)
        return undefined;
    return (/running ECS$/.test(stack) ||
        / running Multi-container Docker /.test(stack) ||
        /^ECS running on /.test(platform) ||
        /^Multi-container Docker running on /.test(platform));
}
/** The one line refusing an environment on another platform, or undefined when it runs (or may run) ECS. */
function platformProblem(environment) {
    if (runsEcsPlatform(environment) !== false)
        return undefined;
    const platform = environment.SolutionStackName ?? /:platform\/(.+)$/.exec(environment.PlatformArn ?? '')?.[1] ?? 'unknown';
    return (`${environment.EnvironmentName ?? 'the environment'} runs "${platform}", not the ECS platform branch ` +
        '("… running ECS"): a multi-container Dockerrun v2 deploys only there; create the environment on ' +
        '"ECS running on 64bit Amazon Linux 2023"');
}
/**
 * A `valueFrom` as IAM sees it. Secrets Manager: `arn:aws:secretsmanager:region:account:secret:name-AbCdEf` with an
 * optional `:json-key:version-stage:version-id` tail, which is not part of the resource. Parameter Store: the
 * parameter's ARN. A bare parameter name (allowed for a parameter in the same region) has no ARN to check.
 */
function secretRead(valueFrom) {
    const parts = valueFrom.split(':');
    if (parts[0] !== 'arn' || parts.length < 6)
        return undefined;
    if (parts[2] === 'secretsmanager' && parts[5] === 'secret' && parts[6]) {
        return { action: 'secretsmanager:GetSecretValue', resource: parts.slice(0, 7).join(':') };
    }
    if (parts[2] === 'ssm' && parts[5]?.startsWith('parameter/')) {
        return { action: 'ssm:GetParameters', resource: valueFrom };
    }
    return undefined;
}
/** Every secret the documents pass by reference, once per resource, with the variables that receive it. */
function secretReads(documents) {
    const reads = new Map();
    for (const document of documents) {
        for (const container of document.containerDefinitions) {
            for (const secret of container.secrets ?? []) {
                const read = secretRead(secret.valueFrom);
                if (!read)
                    continue;
                const key = `${read.action} ${read.resource}`;
                const entry = reads.get(key) ?? { ...read, variables: [] };
                const variable = `${container.name}/${secret.name}`;
                if (!entry.variables.includes(variable))
                    entry.variables.push(variable);
                reads.set(key, entry);
            }
        }
    }
    return [...reads.values()];
}

// EXTERNAL MODULE: ./src/deploy/health-hint.ts
var health_hint = __webpack_require__(70015);
;// CONCATENATED MODULE: ./src/stages/prerequisites.ts
// Prerequisites checked before anything is built (core/prerequisites.ts says why each matters):
// - every environment runs the ECS platform branch, or the run stops with one line;
// - the task execution role may read every secret the documents pass by reference, asked of IAM with
//   iam:SimulatePrincipalPolicy. A role IAM says cannot read one stops the run with one line naming the secret and
//   the permission; when the simulation itself cannot be had (the deploy role lacks iam:SimulatePrincipalPolicy,
//   the role is in another account…) the run says so in a note and goes on: the check is a convenience, never a
//   new permission the deploy needs.
// Resource policies on the secrets and organisation SCPs are outside the simulation: a grant made only in a secret's
// resource policy is not seen (deny iam:SimulatePrincipalPolicy to the deploy role to skip the check then).




/** Stops the run when an environment runs another platform than ECS. */
function checkPlatforms(environments) {
    for (const environment of environments) {
        const problem = platformProblem(environment);
        if (problem)
            throw new errors/* InputError */.dz('environment', problem);
    }
}
/**
 * Notes each environment with basic health: it deploys, but a failure there names no cause (deploy/health-hint.ts).
 * Returns the environments noted.
 */
async function noteBasicHealth(environments, beanstalk, logger) {
    const basic = [];
    for (const environment of environments) {
        const hint = await (0,health_hint/* basicHealthHint */.S)(beanstalk, environment);
        if (hint === undefined)
            continue;
        basic.push(environment);
        logger.info(`note: ${environment} has basic health: a failed deploy there will name no cause; enhanced health would (option-settings [${health_hint/* ENHANCED_HEALTH_SETTING */.V}])`);
    }
    return basic;
}
/** `secretsmanager:GetSecretValue on …:secret:db-AbCdEf (web/DATABASE_PASSWORD)` */
function describeRead(read) {
    return `${read.action} on ${read.resource} (${read.variables.join(', ')})`;
}
/**
 * Asks IAM whether the execution role may read each secret the documents pass; stops the run on a denial, notes
 * and goes on when IAM cannot be asked. Nothing to do when no secret is passed by reference or no role is known.
 * Returns the result in a few words, for the phase's line.
 */
async function checkExecutionRoleReadsSecrets(documents, clients, logger) {
    const reads = secretReads(documents);
    const role = documents.find(document => document.executionRoleArn)?.executionRoleArn;
    if (reads.length === 0)
        return 'no secret passed by reference';
    if (!role)
        return 'no execution role to check';
    const byAction = new Map();
    for (const read of reads)
        byAction.set(read.action, [...(byAction.get(read.action) ?? []), read]);
    const denied = [];
    try {
        for (const [action, ofAction] of byAction) {
            const decisions = await (0,iam/* simulatePrincipal */.j)(clients.iam, role, [action], ofAction.map(read => read.resource));
            for (const read of ofAction) {
                const decision = decisions.find(entry => entry.resource === read.resource)?.decision;
                if (decision !== 'allowed')
                    denied.push(`${describeRead(read)}: ${decision ?? 'no decision'}`);
            }
        }
    }
    catch (error) {
        logger.info(`note: could not check that the execution role ${role} may read the ${reads.length} secret(s) passed by ` +
            `reference (iam:SimulatePrincipalPolicy: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}); the platform reads them ` +
            'when the task starts');
        return 'execution role not checked (see the note)';
    }
    if (denied.length > 0) {
        throw new errors/* InputError */.dz('execution-role-arn', `${role} may not read what the containers are passed by reference, so their tasks would not start: ` +
            `${denied.join('; ')}; grant it those actions (and kms:Decrypt on a customer-managed key)`);
    }
    for (const read of reads)
        logger.info(`Execution role may read it: ${describeRead(read)}`);
    return `the execution role may read the ${reads.length} secret(s) passed by reference`;
}

;// CONCATENATED MODULE: ./src/modes/deploy/resolve.ts
// The deploy's "resolve" step: what it finds in the account before anything
// is built (the backing services and the execution role, each environment as
// it is, the properties they lack, the images' platforms), then the
// prerequisites checked against it.









function resolve(prepared, clients, phases) {
    const environments = prepared.targets.flatMap(target => target.environments);
    return phases.run('resolve', async (log) => {
        // The lookups run at once; the first failure in the order of the inputs (backing services, then
        // environments) is the one reported, whichever answered first.
        // The platforms, the missing properties and the health checks all read each environment's option
        // settings: once.
        const readSettings = (0,beanstalk_environments/* sharedOptionSettings */.kj)(clients.beanstalk, prepared.config.application);
        const [services, before, missing, platforms, checks, properties, waits] = await Promise.allSettled([
            (0,managed_services/* resolveBackingServices */.En)(prepared, clients).then(async (backing) => ({
                backing,
                executionRoleArn: await (0,managed_services/* findExecutionRole */.ae)(prepared, clients, backing)
            })),
            environmentsBefore(prepared, clients),
            (0,managed_services/* missingProperties */.Wx)(prepared, clients, environments, readSettings),
            imagePlatforms(prepared, clients, actions_runner_logger/* actionsLogger */.MV, readSettings),
            healthChecks(prepared, clients, readSettings),
            propertiesOf(environments, readSettings),
            waitTimeoutsOf(prepared, environments, readSettings)
        ]);
        const found = {
            services: resolve_valueOf(services),
            before: resolve_valueOf(before),
            missing: resolve_valueOf(missing),
            platforms: resolve_valueOf(platforms),
            healthChecks: resolve_valueOf(checks),
            properties: resolve_valueOf(properties),
            waitTimeouts: resolve_valueOf(waits)
        };
        if (found.platforms.size > 0)
            actions_runner_logger/* actionsLogger */.MV.info(`Image platforms: ${platformsLine(found.platforms)}`);
        // Prerequisites (stages/prerequisites.ts), before anything is built: the platform, the documents' rules, the
        // execution role against the secrets it is handed, and a note for each environment with basic health.
        checkPlatforms(found.before.values());
        const { executionRoleArn } = found.services;
        const resolution = {
            region: clients.region,
            backing: found.services.backing,
            ...(executionRoleArn !== undefined && { executionRoleArn })
        };
        const documents = (0,stages_bundles/* checkDocuments */.F)(prepared, resolution);
        await Promise.all([
            checkExecutionRoleReadsSecrets(documents, clients, log),
            noteBasicHealth([...found.before.keys()], clients.beanstalk, log)
        ]);
        return {
            backing: found.services.backing,
            before: found.before,
            missing: found.missing,
            platforms: found.platforms,
            healthChecks: found.healthChecks,
            properties: found.properties,
            waitTimeouts: found.waitTimeouts,
            resolution
        };
    }, { title: 'Backing services and environments', done: ({ before }) => environmentsLine(before) });
}
/** Each environment's wait-timeout: the workflow's, or its deployment policy's; unreadable settings leave the default. */
async function waitTimeoutsOf(prepared, environments, readSettings) {
    const { config } = prepared;
    const waits = await Promise.all(environments.map(async (name) => (0,policy_timeout/* deployWaitTimeoutMs */.MU)(config, await readSettings(name).catch(() => []), line => actions_runner_logger/* actionsLogger */.MV.info(`${name}: ${line}`))));
    return new Map(environments.map((name, index) => [name, waits[index] ?? config.waitTimeoutMs]));
}
/** Each environment's properties; an environment whose settings cannot be read has none here. */
async function propertiesOf(environments, readSettings) {
    const read = await Promise.all(environments.map(name => (0,beanstalk_environments/* environmentProperties */.Nv)(readSettings, name).catch(() => new Map())));
    return new Map(environments.map((name, index) => [name, read[index] ?? new Map()]));
}
/** Each environment as it is before the deploy (it must exist). */
async function environmentsBefore(prepared, clients) {
    const before = new Map();
    for (const environmentName of prepared.targets.flatMap(target => target.environments)) {
        before.set(environmentName, await (0,beanstalk_environments/* requireEnvironment */.L3)(clients.beanstalk, prepared.config.application, environmentName));
    }
    return before;
}
/** A settled lookup's value, or its failure thrown. */
function resolve_valueOf(result) {
    if (result.status === 'rejected')
        throw result.reason;
    return result.value;
}

;// CONCATENATED MODULE: ./src/modes/deploy.ts
// Deploy mode, and preview mode when a pull request opens or changes (a
// preview is a deploy to the pull request's own environment, created first
// and reported in a pull-request comment):
//
//   plan every target → smoke-test decision → backing services, environments
//   exist → check each document → build and push each image (the smoke
//   test's dev services start meanwhile) → bundles →
//   versions → the smoke test's result → every environment updated and
//   waited for → cleanup.
//
// The smoke test starts once every image is built and runs beside the push,
// the bundles and the versions; UpdateEnvironment waits for its verdict (not
// for the removal of its containers, which the run waits for at its end). When it
// fails nothing is deployed and the versions this run created are deleted
// with their bundles (pushed images stay in ECR: the lifecycle policy ages
// them out, and a re-run of the commit reuses them).
//
// Why the version may be created before the smoke result, then deleted,
// rather than CreateApplicationVersion waiting for the smoke test: the
// version's processing (seconds on Beanstalk) then runs beside the smoke test
// instead of after it, on the critical path. "No version left behind" holds
// through the same deletion path as a version that failed processing, which
// asks DescribeEnvironments first and never deletes a version an environment
// runs. Should that deletion fail, the run warns; a re-run of the commit finds
// the version but runs the smoke test again before deploying it (no
// environment runs it, so the run is not a no-op re-run).
//
// Everything that can be checked without a side effect is checked first, so
// a bad input fails before a repository, a bundle or a version is created.
// Each phase prints its detail in a group and one line outside it
// (report/phases.ts); a run that stops before any environment was updated
// still writes a summary saying where, and what it had and had not changed.
//
// What the first lookups need is loaded with the mode; the rest (the build
// and ECR, the bundle upload and release, the cleanup: deploy/release-stages.ts;
// a preview's environment and comment) when the run gets there.
//
// The pipeline is a sequence of named steps (deployPipeline); each returns
// what the steps after it use, and the run record (DeployRun) keeps what the
// summary and the outputs report when a step fails.



















async function runDeploy(config, region, env, cancellation, preview) {
    const run = {
        phases: new report_phases/* PhaseLog */.U(),
        changes: noChanges(),
        deploying: false,
        outputs: preview ? { preview: { 'environment-name': preview.environmentName } } : {}
    };
    try {
        // The compose file is read and planned before any AWS call: a bad one fails with nothing created.
        const prepared = await run.phases.run('plan', async () => {
            const planned = (0,prepare/* prepare */.iA)(config, (0,run_context/* workspaceDir */.zf)(env), env);
            (0,log/* logDeployPlans */._n)(planned.targets.map(target => target.plan));
            return planned;
        }, { done: planned => (0,log/* planLine */.od)(planned.targets.map(target => target.plan)) });
        run.prepared = prepared;
        // Risks at once; the properties the environments lack once they are read.
        (0,log/* warnPlan */.QG)(prepared.targets.map(target => target.plan), true);
        const clients = (0,aws_clients/* createAwsClients */.Gv)({ region: (0,run_context/* requireRegion */.CI)(region) });
        const pipeline = { prepared, clients, env, run, cancellation, preview };
        try {
            if (!preview)
                return await deployPipeline(pipeline);
            await deployPreview(pipeline, preview);
        }
        finally {
            (0,outputs/* writeOutputs */.Kn)(preview ? 'preview' : 'deploy', {
                ...run.outputs.preview,
                ...run.outputs.bundle,
                ...run.outputs.environment
            });
            clients.destroy();
        }
    }
    catch (error) {
        if (!run.deploying)
            await writeStopped(run, config, error);
        throw error;
    }
}
/** The summary of a run that stopped before the deploy stage: where, why, and what it had changed. */
async function writeStopped(run, config, error) {
    const smokeTest = run.smoke?.report();
    await writeDeployFailure({
        // The smoke test runs beside the push, the bundle and the version: its failure is the run's.
        phase: error instanceof SmokeTestFailedError ? 'smoke test' : (run.phases.failed?.phase ?? 'inputs'),
        message: (0,errors/* errorMessage */.gJ)(error),
        versionLabels: run.prepared ? (0,prepare/* versionLabelsOf */.fp)(run.prepared.targets) : [config.versionLabel],
        changes: run.changes,
        phases: run.phases.entries,
        notes: run.prepared ? (0,prepare/* notesOf */.h$)(run.prepared.targets) : [],
        ...(smokeTest !== undefined && { smokeTest })
    });
}
/** The pull request's environment is created (or checked to be its own), deployed to, and commented on. */
async function deployPreview(pipeline, preview) {
    const { config } = pipeline.prepared;
    const { commentPoster, environmentFacts } = await Promise.all(/* import() */[__webpack_require__.e(157), __webpack_require__.e(309)]).then(__webpack_require__.bind(__webpack_require__, 42309));
    const comment = commentPoster(config, (0,run_context/* getRunContext */.DI)(pipeline.env), pipeline.env, preview);
    const facts = async () => environmentFacts(await (0,beanstalk_environments/* describeEnvironment */.NE)(pipeline.clients.beanstalk, preview.application, preview.environmentName).catch(() => undefined));
    try {
        await deployPipeline(pipeline);
    }
    catch (error) {
        await comment({
            kind: 'failed',
            closing: false,
            versionLabel: config.versionLabel,
            message: (0,errors/* errorMessage */.gJ)(error),
            ...(await facts())
        });
        throw error;
    }
    await comment({ kind: 'deployed', versionLabel: config.versionLabel, ...(await facts()) });
}
async function deployPipeline(pipeline) {
    const { prepared, clients, run } = pipeline;
    // Before any AWS call: `smoke-test: true` on a runner without Docker fails here.
    const smoke = await smokeTestStep(prepared, { region: clients.region }, pipeline.cancellation);
    run.smoke = smoke;
    try {
        await deployWithSmokeTest(pipeline, smoke);
    }
    finally {
        // The smoke test's containers are removed beside the deploy and the wait; the run ends once they are gone.
        await smoke.ended();
    }
}
async function deployWithSmokeTest(pipeline, smoke) {
    const { prepared, clients, run } = pipeline;
    // The build inputs (.git in a context…) before a preview environment is created or anything resolved.
    await (0,local_checks/* checkOnRunner */.k)(prepared);
    const previewCreated = await ensurePreviewEnvironment(pipeline);
    const resolved = await resolve(prepared, clients, run.phases);
    (0,log/* warnMissingProperties */.g0)(resolved.missing);
    const stages = await readyToBuild(pipeline, smoke, resolved);
    const { images } = await releaseSmokeTested(pipeline, smoke, resolved, stages);
    run.deploying = true;
    const outcomes = await deployAndWait(pipeline, resolved, stages, previewCreated);
    const ok = outcomes.every(outcome => outcome.ok);
    if (ok)
        await cleanupOldVersions(pipeline, stages);
    const [first] = outcomes;
    if (first)
        run.outputs.environment = (0,outputs/* environmentOutputs */.yO)(first);
    const smokeTest = smoke.report();
    await writeDeploySummary({
        versionLabels: (0,prepare/* versionLabelsOf */.fp)(prepared.targets),
        images: images.reports,
        phases: run.phases.entries,
        environments: outcomes,
        notes: (0,prepare/* notesOf */.h$)(prepared.targets),
        clearSecrets: prepared.targets.flatMap(target => target.plan.clearSecrets ?? []),
        ...(smokeTest !== undefined && { smokeTest })
    });
    if (!ok)
        throw new Error(failedEnvironments(outcomes));
}
/**
 * A preview's environment, created when it does not exist: it launches (minutes on AWS) while the images
 * build; the deploy waits for it. True when this run created it.
 */
async function ensurePreviewEnvironment({ prepared, clients, run, preview }) {
    if (!preview)
        return false;
    const { ensurePreviewEnvironment: ensure } = await Promise.all(/* import() */[__webpack_require__.e(445), __webpack_require__.e(538)]).then(__webpack_require__.bind(__webpack_require__, 52538));
    const { created } = await run.phases.run('preview environment', () => ensure(clients.beanstalk, prepared.config, preview, actions_runner_logger/* actionsLogger */.MV), {
        title: `Preview environment ${preview.environmentName}`,
        done: result => (result.created ? 'created; it launches while the images build' : 'exists')
    });
    if (created)
        run.changes.previewCreated = preview.environmentName;
    return created;
}
/**
 * Before the build: the stages after the lookups load while the smoke test, unless the run is a no-op
 * re-run, has its dev images on the runner.
 */
async function readyToBuild({ prepared, clients, run }, smoke, resolved) {
    const loading = loadReleaseStages(clients);
    // Awaited below; a failure in between must not leave its rejection unhandled.
    loading.catch(() => undefined);
    const rerun = smoke.runs ? noOpRerun(prepared.targets, resolved.before) : undefined;
    if (rerun)
        smoke.skip(rerun);
    if (smoke.runs) {
        await run.phases.run('dev images', () => smoke.pullDevImages(), {
            title: 'Smoke test: dev images',
            done: () => 'on this runner'
        });
    }
    return await loading;
}
/**
 * Build and push, bundles, versions — with the smoke test beside them. Its dev services start with the
 * builds (a database takes seconds to accept connections); the smoke test itself starts when the last image
 * is built. Whatever fails, the smoke test's containers are gone before the run ends.
 */
async function releaseSmokeTested(pipeline, smoke, resolved, stages) {
    try {
        smoke.startDevServices(resolved.backing);
        const images = await buildAndPush(pipeline, smoke, resolved, stages);
        smoke.stopIfFailed();
        const bundles = await bundle(pipeline, resolved, images);
        smoke.stopIfFailed();
        const versions = await createVersions(pipeline, stages, bundles);
        await smokeTestPassed(pipeline, smoke, stages, versions);
        return { images, bundles, versions };
    }
    catch (error) {
        await smoke.ended();
        throw error;
    }
}
async function buildAndPush({ prepared, clients, env, run }, smoke, resolved, stages) {
    const images = await run.phases.run('build and push', () => stages.publishImages(prepared, clients, env, {
        ...smoke.hooks({ ...resolved.resolution, healthChecks: resolved.healthChecks, properties: resolved.properties }, run.phases),
        onRepositoryCreated: name => run.changes.repositoriesCreated.push(name),
        platforms: platformOf(resolved.platforms)
    }), { group: false, done: imagesLine });
    run.changes.imagesPushed = images.reports.filter(report => !report.reused).map(report => report.imageUri);
    return images;
}
/** Every target's bundle; from now on the outputs name the first one's. */
async function bundle({ prepared, env, run }, resolved, images) {
    const bundles = await run.phases.run('bundle', () => (0,stages_bundles/* writeBundles */.B)(prepared, { ...resolved.resolution, images: images.pinned }, env), { done: bundlesLine });
    const [first] = bundles;
    run.outputs.bundle = (0,outputs/* bundleOutputs */.p4)({ plan: first.target.plan, bundle: first.bundle }, prepared.targets.map(target => target.plan), images.pinned);
    return bundles;
}
function createVersions({ prepared, clients, run, preview }, stages, bundles) {
    const { changes } = run;
    return run.phases.run('application version', 
    // A preview's versions carry its pull request and repository: closing it deletes only those.
    () => stages.createVersions(prepared, bundles, clients, {
        bundleUploaded: location => changes.bundlesUploaded.push(location),
        versionCreated: label => changes.versionsCreated.push(label),
        versionDeleted: label => changes.versionsDeleted.push(label)
    }, preview && (0,rules/* previewTags */.uh)(preview)), { title: `Application version ${(0,prepare/* versionLabelsOf */.fp)(prepared.targets).join(', ')}`, done: versionsLine });
}
/**
 * UpdateEnvironment waits for the smoke test: nothing is deployed unless it passed. When it failed, the
 * versions this run created are deleted with their bundles, once its containers are gone.
 */
async function smokeTestPassed({ prepared, clients, run }, smoke, stages, versions) {
    try {
        await smoke.passed();
    }
    catch (error) {
        await smoke.ended();
        if (error instanceof SmokeTestFailedError) {
            await stages.discardCreatedVersions(prepared, versions, clients, 'the smoke test failed', label => run.changes.versionsDiscarded.push(label));
        }
        throw error;
    }
}
async function deployAndWait({ prepared, clients, run, preview }, resolved, stages, previewCreated) {
    const environments = prepared.targets.flatMap(target => target.environments);
    const outcomes = await run.phases.run('deploy and wait', () => stages.deployEnvironments(prepared, clients, resolved.before, resolved.waitTimeouts), {
        title: `Deploy and wait: ${environments.join(', ')}`,
        done: results => results.map(outcomeLine).join('; '),
        failed: results => results.some(outcome => !outcome.ok)
    });
    // The preview environment this run created is reported as created, not updated.
    return outcomes.map(outcome => previewCreated && outcome.environmentName === preview?.environmentName
        ? { ...outcome, action: 'create' }
        : outcome);
}
async function cleanupOldVersions({ prepared, run }, stages) {
    const { config } = prepared;
    await run.phases.run('cleanup', () => stages.cleanupAfterDeploy(config), {
        title: 'Cleanup of old application versions',
        done: report => report
            ? `deleted ${report.deleted.length} of ${report.total} versions, kept the newest ${config.keepVersions} and the protected ones`
            : 'failed (a warning: the deploy succeeded)'
    });
}


/***/ }),

/***/ 53615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ho: () => (/* binding */ databasePasswordReferences),
/* harmony export */   Qt: () => (/* binding */ devServices),
/* harmony export */   SQ: () => (/* binding */ twinImage),
/* harmony export */   U1: () => (/* binding */ smokeSecretValues),
/* harmony export */   tr: () => (/* binding */ smokeEnvironment)
/* harmony export */ });
/* unused harmony exports twinPassword, readinessProbeFor, connectionLoggingFor, twinEnvironment, twinCommand */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33568);
/* harmony import */ var _core_dockerrun_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9602);
// Pure: the Beanstalk twin of the managed backing services. In the smoke run
// each dev-only service the plan replaced (recognised by its image) runs as a
// throwaway container of the same engine, but as RDS / ElastiCache will
// answer on AWS: only under the managed endpoint's own host name and port,
// with the RDS instance's master user and database name, and a fresh random
// password that reaches the app only through the bundle's own secret
// references. The compose file's dev settings of the service (POSTGRES_*,
// MYSQL_*, its command, init scripts) play no part: RDS never sees them, so
// `${VAR}` in them no longer matters and its dev credentials are not accepted.



/** The image the twin of a replaced service runs: its own, or for a service built FROM postgres, that base. */
function twinImage(replacement, compose) {
    const service = compose.services[replacement.composeService];
    const image = service?.build ? service.build.contents?.baseImage : service?.image;
    if (!service || !image) {
        throw new Error(`the dev service ${replacement.composeService} has no image in the compose file, so the smoke test cannot start its twin`);
    }
    return image;
}
/** The endpoint the app will reach on AWS: the lookup's answer, or the endpoint URL input. */
function managedEndpoint(replacement, backing) {
    const endpoint = backing[replacement.role]?.endpoint ?? (0,_core_dockerrun_js__WEBPACK_IMPORTED_MODULE_2__/* .endpointFromInput */ .__)(replacement);
    if (!endpoint) {
        throw new Error(`the smoke test needs the ${replacement.role} endpoint (${(0,_core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .describeBackingSource */ .SY)(replacement.source)}) to stand in for it`);
    }
    return endpoint;
}
/** The engine's superuser when the managed service names no user (an endpoint URL without one). */
const DEFAULT_USER = {
    postgres: 'postgres',
    mysql: 'root',
    redis: undefined,
    memcached: undefined
};
/**
 * New every run, so no dev password or guess ever logs in: random hex around characters an RDS password may hold
 * ("any printable ASCII character except /, \" or @",
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, MasterUserPassword) that
 * break an app splicing the password into a URL unescaped (`#` ends it, `?` starts a query, `%` starts an
 * escape): what would fail against RDS fails here. 32 characters: within RDS for MySQL's 41.
 */
function twinPassword() {
    return `${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex')}#%?:!$&${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}(`;
}
/**
 * Probes run inside the server's own container over TCP: PostgreSQL's entrypoint restarts the
 * server once after initdb with TCP off, so only the final server answers these.
 */
function readinessProbeFor(engine, user, port = _core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_PORT */ .Wg[engine === 'valkey' ? 'redis' : engine]) {
    switch (engine) {
        case 'postgres':
            return ['pg_isready', '-h', '127.0.0.1', '-p', String(port), ...(user ? ['-U', user] : [])];
        case 'mysql':
            return [
                'sh',
                '-c',
                `mysqladmin ping -h 127.0.0.1 -P ${port} --silent || mariadb-admin ping -h 127.0.0.1 -P ${port} --silent`
            ];
        case 'redis':
            return ['redis-cli', '-h', '127.0.0.1', '-p', String(port), 'ping'];
        case 'valkey':
            return ['valkey-cli', '-h', '127.0.0.1', '-p', String(port), 'ping'];
        case 'memcached':
            // The memcached image has no client to ask with; the app's own retries cover its first second.
            return undefined;
    }
}
/**
 * For MySQL / MariaDB, turns on what the smoke test reads to prove who connected: the general log,
 * into its table. Runs once the server is ready, before any app container starts. PostgreSQL and
 * Redis log connections from their command line (twinCommand), with no call once they are up.
 */
function connectionLoggingFor(engine) {
    switch (engine) {
        case 'mysql':
            return [
                'sh',
                '-c',
                `q="SET GLOBAL log_output='TABLE'; SET GLOBAL general_log=1"; mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -e "$q" 2>/dev/null || mariadb -uroot -p"$MYSQL_ROOT_PASSWORD" -e "$q"`
            ];
        default:
            return undefined;
    }
}
/** The server's settings as a fresh managed instance with this user, database and password has them. */
function twinEnvironment(engine, port, credentials) {
    const { username, databaseName, password = '' } = credentials;
    switch (engine) {
        case 'postgres':
            return {
                POSTGRES_USER: username ?? 'postgres',
                POSTGRES_PASSWORD: password,
                // RDS for PostgreSQL without a DBName has only its `postgres` database.
                POSTGRES_DB: databaseName ?? 'postgres',
                ...(port !== _core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_PORT */ .Wg.postgres && { PGPORT: String(port) })
            };
        case 'mysql':
            return {
                MYSQL_ROOT_PASSWORD: password,
                // The images refuse MYSQL_USER=root: the master user is root itself then.
                ...(username !== undefined &&
                    username !== 'root' && { MYSQL_USER: username, MYSQL_PASSWORD: password }),
                ...(databaseName !== undefined && { MYSQL_DATABASE: databaseName }),
                ...(port !== _core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_PORT */ .Wg.mysql && { MYSQL_TCP_PORT: String(port) })
            };
        case 'redis':
        case 'valkey':
            // ElastiCache without an AUTH token asks for no password (Bitnami's images refuse that otherwise).
            return { ALLOW_EMPTY_PASSWORD: 'yes' };
        case 'memcached':
            return {};
    }
}
/**
 * The server's command: the images' own (`postgres`, `redis-server`; their entrypoints take it), with
 * the connections logged — PostgreSQL's log_connections, Redis' verbose log (`Accepted <ip>:<port>`) —
 * and the managed port when it is not the engine's.
 */
function twinCommand(engine, port) {
    const redisPort = port !== _core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_PORT */ .Wg.redis ? ['--port', String(port)] : [];
    switch (engine) {
        case 'postgres':
            return ['postgres', '-c', 'log_connections=on'];
        case 'redis':
            return ['redis-server', '--loglevel', 'verbose', ...redisPort];
        case 'valkey':
            return ['valkey-server', '--loglevel', 'verbose', ...redisPort];
        case 'memcached':
            return port !== _core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_PORT */ .Wg.memcached ? ['memcached', '-p', String(port)] : undefined;
        case 'mysql':
            return undefined;
    }
}
function describeManaged(replacement, endpoint) {
    const { source } = replacement;
    if (source.kind === 'rds' || source.kind === 'elasticache')
        return (0,_core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .describeBackingSource */ .SY)(source);
    return `${_core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .ROLE_PRODUCT */ .Vg[replacement.role]} endpoint ${endpoint.host}`;
}
/**
 * The twins of the plan's replaced services, on the managed endpoints the deploy resolved. Each
 * database gets a fresh password (`password` makes it predictable for tests).
 */
function devServices(plan, compose, backing, password = twinPassword) {
    return plan.backing.map(replacement => {
        const image = twinImage(replacement, compose);
        const endpoint = managedEndpoint(replacement, backing);
        const engine = replacement.engine === 'redis' && (0,_core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .imageName */ .tO)(image) === 'valkey' ? 'valkey' : replacement.engine;
        const port = endpoint.port;
        const username = replacement.role === 'database' ? (endpoint.username ?? DEFAULT_USER[replacement.engine]) : undefined;
        const databaseName = replacement.role === 'database' ? endpoint.databaseName : undefined;
        const secret = replacement.role === 'database' ? password() : undefined;
        const memoryBytes = compose.services[replacement.composeService]?.memoryLimit;
        const command = twinCommand(engine, port);
        const credentials = {
            ...(username !== undefined && { username }),
            ...(databaseName !== undefined && { databaseName }),
            ...(secret !== undefined && { password: secret })
        };
        const probe = readinessProbeFor(engine, username, port);
        const logging = connectionLoggingFor(engine);
        return {
            role: replacement.role,
            engine,
            name: replacement.composeService,
            image,
            host: endpoint.host,
            port,
            managed: describeManaged(replacement, endpoint),
            ...credentials,
            environment: twinEnvironment(engine, port, credentials),
            ...(command && { command }),
            ...(memoryBytes !== undefined && { memoryBytes }),
            ...(probe && { readinessProbe: probe }),
            ...(logging && { connectionLogging: logging }),
            ...(engine === 'postgres' &&
                replacement.role === 'database' && {
                tls: { refusePlain: (0,_core_backing_engines_js__WEBPACK_IMPORTED_MODULE_1__/* .refusesPlainConnections */ .Vx)('postgres', endpoint) }
            })
        };
    });
}
/**
 * The secret references that carry the database password in this document: the managed
 * service's own (the RDS-managed master secret), whatever the secrets input gives for the
 * database password variable, and any reference bound to a variable the plan treats as the
 * database password (PGPASSWORD…).
 */
function databasePasswordReferences(doc, plan, backing, databasePasswordEnv) {
    const references = new Set((backing.database?.secrets ?? []).map(secret => secret.valueFrom));
    const passwordVariables = new Set([databasePasswordEnv]);
    for (const container of plan.containers) {
        for (const binding of container.bindings) {
            if (binding.role === 'database' && binding.kind === 'password')
                passwordVariables.add(binding.variable);
        }
    }
    for (const container of doc.containerDefinitions) {
        for (const secret of container.secrets ?? []) {
            if (passwordVariables.has(secret.name))
                references.add(secret.valueFrom);
        }
    }
    return references;
}
/**
 * What the smoke runner resolves each `secrets[].valueFrom` of the document to: the database
 * password references to the twin's password, every other secret (its real value lives in
 * AWS) to a placeholder.
 */
function smokeSecretValues(doc, passwordReferences, twinDatabasePassword, placeholder) {
    const values = new Map();
    for (const container of doc.containerDefinitions) {
        for (const secret of container.secrets ?? []) {
            if (twinDatabasePassword !== undefined && passwordReferences.has(secret.valueFrom))
                values.set(secret.valueFrom, twinDatabasePassword);
            else if (!values.has(secret.valueFrom))
                values.set(secret.valueFrom, placeholder(secret.name));
        }
    }
    return values;
}
/**
 * What every container gets besides its own environment, as on Beanstalk: the environment's properties (real
 * values); run-time variables that no property sets get placeholders (no value on the runner); the database
 * password variable, which on Beanstalk holds the password the team put there (a reference of its own kind),
 * gets the twin's password.
 */
function smokeEnvironment(plan, placeholder, properties = {}, databasePassword) {
    const environment = {};
    for (const variable of plan.runtimeVariables)
        environment[variable.name] = placeholder(variable.name);
    Object.assign(environment, properties);
    if (databasePassword)
        environment[databasePassword.variable] = databasePassword.value;
    return environment;
}


/***/ })

};
