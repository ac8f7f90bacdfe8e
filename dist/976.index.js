export const id = 976;
export const ids = [976];
export const modules = {

/***/ 97206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B8: () => (/* binding */ waitTerminated),
/* harmony export */   Cf: () => (/* binding */ waitForReady),
/* harmony export */   J7: () => (/* binding */ solutionStacks),
/* harmony export */   L3: () => (/* binding */ requireEnvironment),
/* harmony export */   MO: () => (/* binding */ createEnvironment),
/* harmony export */   NE: () => (/* binding */ describeEnvironment),
/* harmony export */   Ni: () => (/* binding */ EnvironmentNotFoundError),
/* harmony export */   Nv: () => (/* binding */ environmentProperties),
/* harmony export */   TA: () => (/* binding */ environmentTags),
/* harmony export */   X6: () => (/* binding */ configurationValues),
/* harmony export */   bT: () => (/* binding */ terminateEnvironment),
/* harmony export */   eY: () => (/* binding */ snapshotOf),
/* harmony export */   i1: () => (/* binding */ environmentOptionSettings),
/* harmony export */   iu: () => (/* binding */ resourceTags),
/* harmony export */   kj: () => (/* binding */ sharedOptionSettings),
/* harmony export */   lS: () => (/* binding */ liveEnvironments)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76114);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33350);
// Environments: look one up, list the live ones, wait until one accepts an
// operation, create one (previews), terminate it and wait until it is gone.
// Pointing an environment at a version is in update-environment.ts.


class EnvironmentNotFoundError extends Error {
    constructor(application, environmentName) {
        super(`Environment ${environmentName} of application ${application} not found: create it first (console, eb create, or this action's preview mode)`);
        this.name = 'EnvironmentNotFoundError';
    }
}
function snapshotOf(environment) {
    return {
        name: environment.EnvironmentName ?? '',
        ...(environment.EnvironmentId !== undefined && { id: environment.EnvironmentId }),
        ...(environment.Status !== undefined && { status: environment.Status }),
        ...(environment.Health !== undefined && { health: environment.Health }),
        ...(environment.HealthStatus !== undefined && { healthStatus: environment.HealthStatus }),
        ...(environment.VersionLabel !== undefined && { versionLabel: environment.VersionLabel }),
        ...(environment.CNAME !== undefined && { cname: environment.CNAME })
    };
}
/** The live environment of that name (a terminated one of the same name is only returned when no live one exists). */
async function describeEnvironment(beanstalk, application, environmentName) {
    const { Environments = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeEnvironmentsCommand */ .$8c({ ApplicationName: application, EnvironmentNames: [environmentName] }));
    const named = Environments.filter(environment => environment.EnvironmentName === environmentName);
    return named.find(environment => environment.Status !== 'Terminated') ?? named.at(-1);
}
/**
 * The application's environments that are not terminated, optionally only
 * those running `versionLabel`. A terminating environment still counts: its
 * instances run the version until they are gone.
 */
async function liveEnvironments(beanstalk, application, versionLabel) {
    const { Environments = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeEnvironmentsCommand */ .$8c({
        ApplicationName: application,
        ...(versionLabel !== undefined && { VersionLabel: versionLabel }),
        IncludeDeleted: false
    }));
    return Environments.filter(environment => environment.Status !== 'Terminated' &&
        (versionLabel === undefined || environment.VersionLabel === versionLabel));
}
async function requireEnvironment(beanstalk, application, environmentName) {
    const environment = await describeEnvironment(beanstalk, application, environmentName);
    if (!environment || environment.Status === 'Terminated')
        throw new EnvironmentNotFoundError(application, environmentName);
    return environment;
}
/**
 * Waits until the environment is Ready (another deployment or a configuration
 * change may be running), logging each status once. Throws at the deadline.
 */
async function waitForReady(beanstalk, options) {
    const backoff = new _clock_js__WEBPACK_IMPORTED_MODULE_0__/* .Backoff */ .n(options.pollMs?.first ?? 2_000, options.pollMs?.max ?? 15_000);
    let lastStatus;
    for (;;) {
        const environment = await requireEnvironment(beanstalk, options.application, options.environmentName);
        if (environment.Status === 'Ready')
            return environment;
        if (environment.Status === 'Terminating')
            throw new EnvironmentNotFoundError(options.application, options.environmentName);
        if (environment.Status !== lastStatus) {
            lastStatus = environment.Status;
            options.log.info(`Environment ${options.environmentName} is ${environment.Status ?? 'busy'} (another deployment?) — waiting for Ready…`);
        }
        const left = options.deadline - options.clock.now();
        if (left <= 0) {
            throw new Error(`Environment ${options.environmentName} stayed ${environment.Status ?? 'busy'} (another deployment?) and never became Ready to take version updates`);
        }
        await options.clock.sleep(Math.min(backoff.next(), left));
    }
}
/** CreateEnvironment (WebServer tier); the caller waits for it like any deploy (see waitForDeploy). */
async function createEnvironment(beanstalk, input) {
    if (!input.solutionStackName && !input.platformArn && !input.templateName) {
        throw new Error('Creating an environment needs a solution stack, a platform ARN or a configuration template');
    }
    const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .CreateEnvironmentCommand */ .Rne({
        ApplicationName: input.application,
        EnvironmentName: input.environmentName,
        ...(input.versionLabel !== undefined && { VersionLabel: input.versionLabel }),
        ...(input.cnamePrefix !== undefined && { CNAMEPrefix: input.cnamePrefix }),
        ...(input.templateName !== undefined && { TemplateName: input.templateName }),
        ...(input.templateName === undefined &&
            input.solutionStackName !== undefined && { SolutionStackName: input.solutionStackName }),
        ...(input.templateName === undefined &&
            input.platformArn !== undefined && { PlatformArn: input.platformArn }),
        ...(input.optionSettings !== undefined && { OptionSettings: input.optionSettings }),
        ...(input.tags !== undefined && { Tags: input.tags }),
        ...(input.description !== undefined && { Description: input.description }),
        Tier: { Name: 'WebServer', Type: 'Standard' }
    }));
    const { $metadata, ...environment } = answer;
    return {
        environment,
        since: environment.DateCreated ?? new Date(),
        ...($metadata.requestId !== undefined && { requestId: $metadata.requestId })
    };
}
/** The tags of an environment, an application or a version, by ARN (none without an ARN). */
async function resourceTags(beanstalk, resourceArn) {
    if (!resourceArn)
        return [];
    const { ResourceTags = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .ListTagsForResourceCommand */ .a_e({ ResourceArn: resourceArn }));
    return ResourceTags;
}
/** The environment's tags (empty when it has no ARN yet). */
function environmentTags(beanstalk, environment) {
    return resourceTags(beanstalk, environment.EnvironmentArn);
}
/** Every option setting of an environment, defaults included (DescribeConfigurationSettings). */
async function environmentOptionSettings(beanstalk, application, environmentName) {
    const { ConfigurationSettings = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeConfigurationSettingsCommand */ .yAX({
        ApplicationName: application,
        EnvironmentName: environmentName
    }));
    return ConfigurationSettings[0]?.OptionSettings ?? [];
}
/** environmentOptionSettings, called once per environment however many lookups of a run ask (one promise each). */
function sharedOptionSettings(beanstalk, application) {
    const reads = new Map();
    return environmentName => {
        const read = reads.get(environmentName) ?? environmentOptionSettings(beanstalk, application, environmentName);
        reads.set(environmentName, read);
        return read;
    };
}
/** The environment's properties (namespace aws:elasticbeanstalk:application:environment): name → value. */
async function environmentProperties(readSettings, environmentName) {
    const properties = new Map();
    for (const setting of await readSettings(environmentName)) {
        if (setting.Namespace === 'aws:elasticbeanstalk:application:environment' && setting.OptionName) {
            properties.set(setting.OptionName, setting.Value ?? '');
        }
    }
    return properties;
}
/** The environment's whole configuration: "namespace resource option" (core/settings.ts settingKey) → value. */
async function configurationValues(beanstalk, application, environmentName) {
    const { ConfigurationSettings = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeConfigurationSettingsCommand */ .yAX({
        ApplicationName: application,
        EnvironmentName: environmentName
    }));
    return new Map((ConfigurationSettings[0]?.OptionSettings ?? []).map(setting => [
        [setting.Namespace ?? '', setting.ResourceName ?? '', setting.OptionName ?? ''].join(' '),
        setting.Value ?? ''
    ]));
}
/** The region's solution stack names. */
async function solutionStacks(beanstalk) {
    const { SolutionStacks = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .ListAvailableSolutionStacksCommand */ .jue({}));
    return SolutionStacks;
}
/** TerminateEnvironment with its resources (instances, load balancer, security groups). */
async function terminateEnvironment(beanstalk, environmentId) {
    await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .TerminateEnvironmentCommand */ .iLe({ EnvironmentId: environmentId, TerminateResources: true }));
}
/** Until the environment is Terminated (or no longer listed); throws at the deadline. */
async function waitTerminated(beanstalk, options) {
    const backoff = new _clock_js__WEBPACK_IMPORTED_MODULE_0__/* .Backoff */ .n(2_000, 15_000);
    for (;;) {
        const { Environments = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__/* .DescribeEnvironmentsCommand */ .$8c({ EnvironmentIds: [options.environmentId], IncludeDeleted: true }));
        const status = Environments[0]?.Status;
        if (status === undefined || status === 'Terminated') {
            options.log.info(`${options.environmentName} is terminated`);
            return;
        }
        const left = options.deadline - options.clock.now();
        if (left <= 0)
            throw new Error(`${options.environmentName} was still ${status} at the end of wait-timeout`);
        await options.clock.sleep(Math.min(backoff.next(), left));
    }
}


/***/ }),

/***/ 33350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock),
/* harmony export */   n: () => (/* binding */ Backoff)
/* harmony export */ });
// Time, injected: the loops read `now` and wait with `sleep`, so tests drive
// them with a fake clock and never wait for real.
const systemClock = {
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
};
/**
 * Poll intervals: the quick start when there is one, then intervals growing
 * by `factor` up to `max` (from the quick interval, else from `first`).
 * `reset()` after a change goes back to `first` (a quick start still running
 * goes on: it is faster); `slowDown()` after a throttled poll ends the quick
 * start and doubles the interval.
 */
class Backoff {
    first;
    max;
    factor;
    current;
    quickLeft;
    quickMs;
    constructor(first = 2_000, max = 15_000, factor = 1.5, quick) {
        this.first = first;
        this.max = max;
        this.factor = factor;
        this.quickLeft = quick?.polls ?? 0;
        this.quickMs = quick?.ms ?? first;
        // After a quick start the intervals grow on from it instead of jumping to
        // `first`: how late a result is seen stays proportional to how long it took.
        this.current = quick ? Math.min(first, Math.round(quick.ms * factor)) : first;
    }
    /** A Backoff from injectable intervals (`pollMs` options), with the caller's defaults. */
    static of(intervals, factor) {
        return new Backoff(intervals.first, intervals.max, factor, intervals.quick);
    }
    next() {
        if (this.quickLeft > 0) {
            this.quickLeft--;
            return this.quickMs;
        }
        const value = this.current;
        this.current = Math.min(this.max, Math.round(this.current * this.factor));
        return value;
    }
    reset() {
        this.current = this.first;
    }
    slowDown() {
        this.quickLeft = 0;
        this.current = Math.min(this.max, Math.max(this.first, this.current) * 2);
    }
}


/***/ }),

/***/ 66781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCleanup: () => (/* binding */ runCleanup)
});

// EXTERNAL MODULE: ./src/adapters/aws-clients.ts
var aws_clients = __webpack_require__(16992);
// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/report/phases.ts
var phases = __webpack_require__(62568);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/cleanup-summary.ts
// The cleanup mode job summary: the versions kept (and why) and deleted.


async function writeCleanupSummary(application, keepVersions, report) {
    const out = core/* summary */.z.addHeading(`Cleanup of ${(0,summary/* escapeHtml */.ZD)(application)}`, 2);
    out.addRaw(`${report.total} versions; kept the newest ${keepVersions} and the protected ones; deleted ${report.deleted.length}.`, true);
    const kept = [...report.protectedLabels].map(([label, why]) => ({ label, why })).concat(report.kept);
    if (kept.length > 0) {
        (0,summary/* table */.tp)(out, ['Kept version', 'Why'], kept.map(({ label, why }) => [(0,summary/* code */.aY)(label), (0,summary/* escapeHtml */.ZD)(why)]));
    }
    if (report.deleted.length > 0) {
        out.addDetails('Deleted versions', `<pre>${(0,summary/* escapeHtml */.ZD)(report.deleted.join('\n'))}</pre>`);
    }
    for (const problem of [...report.busy, ...report.failed]) {
        out.addRaw(`⚠️ ${(0,summary/* code */.aY)(problem.label)}: ${(0,summary/* escapeHtml */.ZD)(problem.message)}`, true);
    }
    await (0,summary/* publishSummary */.Iv)(out);
}

// EXTERNAL MODULE: ./src/retention/versions.ts
var versions = __webpack_require__(46445);
;// CONCATENATED MODULE: ./src/modes/cleanup.ts
// Cleanup mode: keep the newest `keep-versions` application versions and the
// protected ones (retention/versions.ts), delete the rest with their bundles.
// Versions busy in an operation are warnings; any other failed deletion fails
// the job.





async function runCleanup(config, region) {
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region });
    try {
        const report = await new phases/* PhaseLog */.U().run('cleanup', () => (0,versions.cleanupVersions)(clients, config, logger/* actionsLogger */.MV), {
            title: `Cleanup of ${config.application}`,
            done: result => `deleted ${result.deleted.length} of ${result.total} versions`
        });
        await writeCleanupSummary(config.application, config.keepVersions, report);
        if (report.failed.length > 0) {
            throw new Error(`Cleanup deleted ${report.deleted.length} versions but could not delete ${report.failed
                .map(failure => `${failure.label} (${failure.message})`)
                .join(', ')}`);
        }
    }
    finally {
        clients.destroy();
    }
}


/***/ }),

/***/ 62568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ PhaseLog)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26277);
// The log's shape, as docker/build-push-action and AWS's own Beanstalk
// action give it: each phase of a run (plan, smoke test, each image's build
// and push, bundle, version, deploy and wait, cleanup) prints its detail in a
// collapsed `::group::`, then one line outside the group saying how it went
// and how long it took. Groups cannot nest on GitHub: work that prints groups
// of its own runs in an ungrouped phase, and a phase that runs beside others
// (the smoke test, beside the push, the bundle and the version) keeps its
// lines and prints them as one group when it ends. The phases' seconds go to
// the job summary, and the first phase that failed names what the failure
// summary says went wrong.



const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
class PhaseLog {
    log;
    /** Phase name → seconds, in the order the phases ended (the summary's Phases table). */
    entries = [];
    failure;
    /** True while a phase's group streams live: a collected group waits for it to close. */
    groupOpen = false;
    waiting = [];
    constructor(log = _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .actionsLogger */ .MV) {
        this.log = log;
    }
    /** The first phase that failed, and why; undefined while none has. */
    get failed() {
        return this.failure;
    }
    /** Runs `work` as the phase; it prints through the logger it is given. */
    async run(phase, work, options = {}) {
        if (options.collect)
            return this.collected(phase, work, options);
        const grouped = options.group ?? true;
        const started = Date.now();
        if (grouped)
            this.openGroup(options.title ?? capital(phase));
        try {
            const value = await work(this.log);
            this.closeGroup(grouped, this.ended(phase, started, options, { value }));
            return value;
        }
        catch (error) {
            this.closeGroup(grouped, this.ended(phase, started, options, { error }));
            throw error;
        }
    }
    /** A phase beside others: its info lines kept, then printed as its group once no other group is open. */
    async collected(phase, work, options) {
        const lines = [];
        const started = Date.now();
        const print = (result) => {
            const show = () => {
                if (lines.length > 0) {
                    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh(options.title ?? capital(phase));
                    for (const line of lines)
                        this.log.info(line);
                    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4();
                }
                this.log.info(result);
            };
            if (this.groupOpen)
                this.waiting.push(show);
            else
                show();
        };
        try {
            const value = await work({ ...this.log, info: message => lines.push(message) });
            print(this.ended(phase, started, options, { value }));
            return value;
        }
        catch (error) {
            print(this.ended(phase, started, options, { error }));
            throw error;
        }
    }
    /** Records the phase's seconds (and its failure); the line printed outside its group. */
    ended(phase, started, options, outcome) {
        const elapsed = Date.now() - started;
        this.entries.push([phase, elapsed / 1000]);
        if ('error' in outcome) {
            this.failure ??= { phase, message: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(outcome.error) };
            return `✗ ${capital(phase)} failed after ${seconds(elapsed)}`;
        }
        const line = options.done?.(outcome.value);
        const failed = options.failed?.(outcome.value) ?? false;
        if (failed)
            this.failure ??= { phase, message: line ?? `${phase} failed` };
        return `${failed ? '✗' : '✓'} ${capital(phase)}${line ? `: ${line}` : ''} (${seconds(elapsed)})`;
    }
    openGroup(title) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh(title);
        this.groupOpen = true;
    }
    /** Ends the phase's group, prints its line, then what waited for the group to close. */
    closeGroup(grouped, line) {
        if (grouped)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4();
        this.groupOpen = false;
        this.log.info(line);
        for (const show of this.waiting.splice(0))
            show();
    }
}


/***/ })

};
