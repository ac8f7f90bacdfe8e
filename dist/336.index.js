export const id = 336;
export const ids = [336];
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

/***/ 39608:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRollback: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./src/adapters/aws-clients.ts
var aws_clients = __webpack_require__(16992);
// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var beanstalk_environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./src/adapters/beanstalk/versions.ts
var beanstalk_versions = __webpack_require__(54009);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/deploy/wait-decision.ts + 1 modules
var wait_decision = __webpack_require__(91252);
// EXTERNAL MODULE: ./src/deploy/environment-deploy.ts + 1 modules
var environment_deploy = __webpack_require__(28778);
// EXTERNAL MODULE: ./src/deploy/policy-timeout.ts
var policy_timeout = __webpack_require__(68343);
// EXTERNAL MODULE: ./src/deploy/history.ts
var deploy_history = __webpack_require__(8259);
// EXTERNAL MODULE: ./src/deploy/wait.ts
var wait = __webpack_require__(65158);
// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/report/log.ts
var log = __webpack_require__(46472);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/report/phases.ts
var phases = __webpack_require__(62568);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/rollback-summary.ts
// The rollback mode job summary: where each environment went back to, and the versions it could go to.


async function writeRollbackSummary(record) {
    const out = core/* summary */.z.addHeading(record.title, 2);
    if (record.problem)
        out.addRaw(`❌ ${(0,summary/* escapeHtml */.ZD)(record.problem)}`, true);
    if (record.environments.length > 0) {
        (0,summary/* table */.tp)(out, ['Environment', 'From', 'To', 'Result'], record.environments.map(row => [
            (0,summary/* escapeHtml */.ZD)(row.environmentName),
            (0,summary/* code */.aY)(row.from),
            (0,summary/* code */.aY)(row.to),
            (0,summary/* escapeHtml */.ZD)(row.result)
        ]));
    }
    out.addHeading('Recent deployable versions', 3);
    (0,summary/* table */.tp)(out, ['Version', 'Commit', 'Created', 'Status'], record.versions.map(row => [
        (0,summary/* code */.aY)(row.label),
        (0,summary/* escapeHtml */.ZD)(row.commit.slice(0, 12)),
        row.date.toISOString(),
        (0,summary/* escapeHtml */.ZD)(row.status)
    ]));
    (0,summary/* lastEvents */.wN)(out, record.environments);
    await (0,summary/* publishSummary */.Iv)(out);
}

// EXTERNAL MODULE: ./src/rollback/targets.ts
var rollback_targets = __webpack_require__(54298);
;// CONCATENATED MODULE: ./src/modes/rollback.ts
// Rollback mode (workflow_dispatch): deploys an existing version again, with
// no compose file and no build — the `version-label` input, or the last
// version Green on each environment before the current one (rollback/targets.ts).
// Every target is checked before any environment changes.















/** Events quoted per environment in the summary. */
const LAST_EVENTS = 10;
async function runRollback(config, region) {
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region });
    try {
        const store = new deploy_history/* HistoryStore */.KU(clients, config.bucket, logger/* actionsLogger */.MV);
        const environments = await Promise.all(config.environments.map(name => (0,beanstalk_environments/* requireEnvironment */.L3)(clients.beanstalk, config.application, name)));
        const versions = await (0,beanstalk_versions/* listApplicationVersions */.cv)(clients.beanstalk, config.application);
        const running = new Map(environments.map(environment => [environment.EnvironmentName ?? '', environment.VersionLabel]));
        const notStarted = async (error, rows) => {
            await writeRollbackSummary({
                title: 'Rollback not started',
                problem: (0,errors/* errorMessage */.gJ)(error),
                environments: [],
                versions: rows
            });
            throw error;
        };
        if (config.versionLabel !== '') {
            // A named label needs no history: a typo fails here, before the history bucket is even looked up.
            try {
                for (const environment of environments) {
                    const none = (0,deploy_history/* emptyHistory */.s4)(config.application, environment.EnvironmentName ?? '');
                    (0,rollback_targets/* resolveRollbackTarget */.aD)(config, environment, none, versions, []);
                }
            }
            catch (error) {
                await notStarted(error, (0,rollback_targets/* deployableRows */.Hw)(versions, [], running));
            }
        }
        const histories = await Promise.all(config.environments.map(name => store.load(config.application, name)));
        const rows = (0,rollback_targets/* deployableRows */.Hw)(versions, histories, running);
        (0,log/* logVersionRows */.m5)(config.application, rows);
        let targets = [];
        try {
            targets = environments.map((environment, index) => (0,rollback_targets/* resolveRollbackTarget */.aD)(config, environment, histories[index], versions, histories));
        }
        catch (error) {
            await notStarted(error, rows);
        }
        const outcomes = await new phases/* PhaseLog */.U().run('roll back', () => Promise.all(targets.map(target => rollBack(config, clients, store, target))), {
            title: `Roll back ${targets.map(target => target.environment.EnvironmentName).join(', ')}`,
            done: results => results
                .map(outcome => outcome.ok
                ? `${outcome.row.environmentName} is ${outcome.status} and ${outcome.health} on ${outcome.row.to}`
                : `${outcome.row.environmentName} failed`)
                .join('; '),
            failed: results => results.some(outcome => !outcome.ok)
        });
        const first = outcomes[0];
        if (first) {
            (0,outputs/* writeOutputs */.Kn)('rollback', {
                'version-label': first.row.to,
                'environment-name': first.row.environmentName,
                'environment-id': first.environmentId,
                'environment-status': first.status,
                'deployment-action-type': first.unchanged ? 'none' : 'update',
                'environment-url': first.url,
                health: first.health
            });
        }
        const failed = outcomes.filter(outcome => !outcome.ok);
        await writeRollbackSummary({
            title: failed.length === 0 ? 'Rolled back' : 'Rollback failed',
            environments: outcomes.map(outcome => outcome.row),
            versions: rows
        });
        if (failed.length > 0) {
            throw new Error(failed.map(outcome => `${outcome.row.environmentName}: ${outcome.message}`).join(' | '));
        }
    }
    finally {
        clients.destroy();
    }
}
async function rollBack(config, clients, store, target) {
    const environmentName = target.environment.EnvironmentName ?? '';
    const from = target.environment.VersionLabel ?? '';
    logger/* actionsLogger */.MV.info(`Rolling ${environmentName} back from ${from || '(none)'} to ${target.versionLabel}`);
    try {
        const result = await (0,environment_deploy/* deployAndRecord */.U)(clients, store, {
            application: config.application,
            environmentName,
            versionLabel: target.versionLabel,
            ...(target.commit !== undefined && { commit: target.commit }),
            kind: 'rollback',
            // A rollback redeploys under the environment's deployment policy, as the deploy did.
            waitTimeoutMs: (0,policy_timeout/* deployWaitTimeoutMs */.MU)({ ...config, settings: [] }, config.waitTimeoutByPolicy
                ? await (0,beanstalk_environments/* environmentOptionSettings */.i1)(clients.beanstalk, config.application, environmentName).catch(() => [])
                : [], line => logger/* actionsLogger */.MV.info(`${environmentName}: ${line}`)),
            allowYellow: config.allowYellow,
            recoveryMs: config.healthRecoveryMs,
            wait: config.wait
        });
        return {
            ok: true,
            environmentId: result.environmentId,
            status: result.status,
            ...(result.unchanged && { unchanged: true }),
            url: result.url,
            health: result.health,
            row: {
                environmentName,
                from,
                to: target.versionLabel,
                result: `✅ ${result.status}, ${result.health}`,
                lastEvents: result.events.slice(-LAST_EVENTS).map(wait_decision/* formatEvent */.qF)
            }
        };
    }
    catch (error) {
        const failure = error instanceof wait/* DeployFailedError */.P2 ? error : undefined;
        return {
            ok: false,
            environmentId: target.environment.EnvironmentId ?? '',
            status: failure?.environment?.status ?? '',
            url: '',
            health: failure?.environment?.health ?? '',
            message: (0,errors/* errorMessage */.gJ)(error),
            row: {
                environmentName,
                from,
                to: target.versionLabel,
                result: `❌ ${(0,errors/* errorMessage */.gJ)(error)}`,
                lastEvents: (failure?.events ?? []).slice(-LAST_EVENTS).map(wait_decision/* formatEvent */.qF)
            }
        };
    }
}


/***/ }),

/***/ 65468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kn: () => (/* binding */ writeOutputs),
/* harmony export */   p4: () => (/* binding */ bundleOutputs),
/* harmony export */   yO: () => (/* binding */ environmentOutputs)
/* harmony export */ });
/* unused harmony exports OUTPUTS_OF, imagesByService */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
// The step outputs (action.yml `outputs:`), one typed record per mode: which
// outputs a mode writes is its type, and they are written in one place. Where
// an output is about "the" environment (environment-name, -url, health) it is
// the first one the action was given, as action.yml says.

/** What a deploy or a rollback says of "the" (first) environment. */
const ENVIRONMENT_OUTPUTS = [
    'environment-name',
    'environment-id',
    'environment-status',
    'deployment-action-type',
    'environment-url',
    'health',
    'environment-health'
];
/**
 * Outputs written with another's value: `environment-health` is the name AWS's own Beanstalk action
 * (aws-actions/aws-elasticbeanstalk-deploy) gives the health color, so a workflow moving from it keeps working.
 */
const SAME_VALUE_AS = { 'environment-health': 'health' };
const DEPLOY_OUTPUTS = [
    'version-label',
    ...ENVIRONMENT_OUTPUTS,
    'images',
    'dockerrun',
    'bundle-path'
];
/**
 * The outputs each mode writes. `preview` is a pull request opening or
 * changing (a deploy); `preview-close` its closing, which only names the
 * environment. Cleanup reports in the log and the summary only.
 */
const OUTPUTS_OF = {
    deploy: DEPLOY_OUTPUTS,
    preview: DEPLOY_OUTPUTS,
    'preview-close': ['environment-name'],
    plan: ['version-label', 'environment-name', 'dockerrun', 'bundle-path'],
    rollback: ['version-label', ...ENVIRONMENT_OUTPUTS],
    cleanup: []
};
/**
 * Sets the outputs the mode knows so far. A run that fails half-way writes
 * what it has (a failed deploy still names its bundle and images).
 */
function writeOutputs(mode, outputs) {
    for (const name of OUTPUTS_OF[mode]) {
        const values = outputs;
        const value = values[name] ?? values[SAME_VALUE_AS[name] ?? ''];
        if (value !== undefined)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value);
    }
}
/** service → pinned image, for the `images` output. */
function imagesByService(plan, pinned) {
    const images = {};
    for (const container of plan.containers) {
        images[container.name] =
            container.image.kind === 'build' ? (pinned[container.image.buildId] ?? '') : container.image.ref;
    }
    return images;
}
/** The first target's document, bundle and version label, and every target's images by service. */
function bundleOutputs(first, plans, pinned) {
    return {
        dockerrun: JSON.stringify(first.bundle.dockerrun),
        'bundle-path': first.bundle.bundlePath,
        images: JSON.stringify(plans.reduce((images, plan) => ({ ...images, ...imagesByService(plan, pinned) }), {})),
        'version-label': first.plan.versionLabel
    };
}
function environmentOutputs(outcome) {
    return {
        'environment-name': outcome.environmentName,
        'environment-id': outcome.environmentId ?? '',
        'environment-status': outcome.status ?? '',
        'deployment-action-type': outcome.action ?? 'update',
        'environment-url': outcome.url ?? '',
        health: outcome.health ?? ''
    };
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
