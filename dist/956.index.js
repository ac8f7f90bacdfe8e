export const id = 956;
export const ids = [956,401,309,538];
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

/***/ 92401:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ql: () => (/* binding */ commentMarker),
/* harmony export */   lB: () => (/* binding */ upsertComment),
/* harmony export */   octokitCodeOrigin: () => (/* binding */ octokitCodeOrigin),
/* harmony export */   parseRepository: () => (/* binding */ parseRepository),
/* harmony export */   r6: () => (/* binding */ octokitIssueComments)
/* harmony export */ });
/* unused harmony export ACTIONS_BOT */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50157);
// Pull-request comments: one comment per application and pull request, found
// again by a hidden marker and edited in place, so a busy pull request never
// collects a pile of "deployed" comments.

/** The author of comments made with a workflow's GITHUB_TOKEN. */
const ACTIONS_BOT = 'github-actions[bot]';
function parseRepository(fullName) {
    const match = /^([\w.-]+)\/([\w.-]+)$/.exec(fullName ?? '');
    return match ? { owner: match[1], repo: match[2] } : undefined;
}
/**
 * The REST API through @actions/github's Octokit. `apiUrl` is GITHUB_API_URL
 * (GitHub Enterprise Server, or a local fake in tests); github.com's API when absent.
 */
function octokitIssueComments(token, repository, apiUrl) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, apiUrl ? { baseUrl: apiUrl } : {});
    return {
        async list(issueNumber) {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                ...repository,
                issue_number: issueNumber,
                per_page: 100
            });
            return comments.map(comment => ({
                id: comment.id,
                ...(comment.body !== undefined && { body: comment.body }),
                ...(comment.user?.login !== undefined && { author: comment.user.login })
            }));
        },
        async create(issueNumber, body) {
            const { data } = await octokit.rest.issues.createComment({
                ...repository,
                issue_number: issueNumber,
                body
            });
            return { id: data.id, ...(data.body !== undefined && { body: data.body }) };
        },
        async update(commentId, body) {
            await octokit.rest.issues.updateComment({ ...repository, comment_id: commentId, body });
        },
        async viewer() {
            // A personal token answers GET /user; an installation token (GITHUB_TOKEN) is refused there and
            // writes as github-actions[bot]. Another app's token then matches no comment: a new one is
            // created rather than someone else's edited.
            try {
                return (await octokit.rest.users.getAuthenticated()).data.login;
            }
            catch {
                return ACTIONS_BOT;
            }
        }
    };
}
/** The hidden first line that identifies the action's comment for one application. */
function commentMarker(application) {
    return `<!-- beanstalk-docker-deploy:${application} -->`;
}
/**
 * Edits the comment carrying `marker` that this token's identity wrote, or
 * creates it: anyone can post a comment starting with the marker, and it must
 * not be taken over. When earlier runs raced and left several, the oldest is
 * kept up to date (the others are left alone: deleting comments is not this
 * action's business).
 */
async function upsertComment(api, issueNumber, marker, body) {
    const text = body.startsWith(marker) ? body : `${marker}\n${body}`;
    // Ours start with the marker; someone quoting it ("> <!-- … -->") is not mistaken for us.
    const marked = (await api.list(issueNumber)).filter(comment => comment.body?.startsWith(marker));
    const viewer = marked.length > 0 ? await api.viewer() : undefined;
    const existing = marked.find(comment => comment.author === viewer);
    if (existing) {
        await api.update(existing.id, text);
        return { commentId: existing.id, created: false };
    }
    const created = await api.create(issueNumber, text);
    return { commentId: created.id, created: true };
}
const HTTP_NOT_FOUND = 404;
const HTTP_UNPROCESSABLE = 422;
function httpStatus(error) {
    const status = error.status;
    return typeof status === 'number' ? status : undefined;
}
function octokitCodeOrigin(token, repository, apiUrl) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, apiUrl ? { baseUrl: apiUrl } : {});
    const name = `${repository.owner}/${repository.repo}`;
    return {
        async pullRequest(number) {
            const { data } = await octokit.rest.pulls.get({ ...repository, pull_number: number });
            return {
                headSha: data.head.sha,
                ...(data.head.repo?.full_name && { headRepository: data.head.repo.full_name })
            };
        },
        async writersCommit(head, trusted) {
            try {
                // "ahead": trusted has commits head lacks and none the other way, so head is in its history.
                const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
                    ...repository,
                    basehead: `${head}...${trusted}`
                });
                if (data.status === 'ahead' || data.status === 'identical')
                    return { trusted: true, why: `it is in the history of ${trusted.slice(0, 12)}` };
            }
            catch (error) {
                // Unknown to this repository (a fork's commit GitHub does not share): not in the history.
                const status = httpStatus(error);
                if (status !== HTTP_NOT_FOUND && status !== HTTP_UNPROCESSABLE)
                    throw error;
            }
            try {
                const { data } = await octokit.rest.repos.listBranchesForHeadCommit({
                    ...repository,
                    commit_sha: head
                });
                const branch = data[0]?.name;
                if (branch !== undefined)
                    return { trusted: true, why: `it is the head of branch ${branch} of ${name}` };
            }
            catch (error) {
                const status = httpStatus(error);
                if (status !== HTTP_NOT_FOUND && status !== HTTP_UNPROCESSABLE)
                    throw error;
            }
            return {
                trusted: false,
                why: `GitHub says it is neither in that commit's history nor the head of a branch of ${name} (a fork's commit?)`
            };
        }
    };
}


/***/ }),

/***/ 52956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPreviewClose: () => (/* binding */ runPreviewClose)
/* harmony export */ });
/* harmony import */ var _adapters_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16992);
/* harmony import */ var _adapters_clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33350);
/* harmony import */ var _adapters_actions_runner_run_context_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99009);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);
/* harmony import */ var _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26277);
/* harmony import */ var _preview_comment_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(42309);
/* harmony import */ var _preview_environment_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(52538);
/* harmony import */ var _report_outputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(65468);
// Preview mode when the pull request closes: the environment `<application>-pr-<n>`
// is terminated and the pull request's versions, bundles and template are
// deleted (see preview/environment.ts for what is kept), and the pull
// request's comment says so. Nothing of the pull request is built or run, so
// this runs for forks too. Opening or updating a pull request is a deploy
// (modes/deploy.ts).








async function runPreviewClose(config, region, env, preview) {
    (0,_report_outputs_js__WEBPACK_IMPORTED_MODULE_7__/* .writeOutputs */ .Kn)('preview-close', { 'environment-name': preview.environmentName });
    const comment = (0,_preview_comment_js__WEBPACK_IMPORTED_MODULE_5__.commentPoster)(config, (0,_adapters_actions_runner_run_context_js__WEBPACK_IMPORTED_MODULE_2__/* .getRunContext */ .DI)(env), env, preview);
    const clients = (0,_adapters_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .createAwsClients */ .Gv)({ region });
    try {
        const removed = await (0,_preview_environment_js__WEBPACK_IMPORTED_MODULE_6__/* .removePreview */ .p)(clients, preview, {
            clock: _adapters_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .m,
            log: _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsLogger */ .MV,
            deadline: _adapters_clock_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .m.now() + config.waitTimeoutMs,
            ...(config.bucket !== undefined && { bucket: config.bucket })
        });
        await comment({
            kind: 'removed',
            terminated: removed.terminated,
            versionsDeleted: removed.versionsDeleted.length,
            versionsKept: removed.versionsKept.length
        });
    }
    catch (error) {
        await comment({
            kind: 'failed',
            closing: true,
            versionLabel: config.versionLabel,
            message: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)
        });
        throw error;
    }
    finally {
        clients.destroy();
    }
}


/***/ }),

/***/ 42309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commentPoster: () => (/* binding */ commentPoster),
/* harmony export */   environmentFacts: () => (/* binding */ environmentFacts)
/* harmony export */ });
/* unused harmony export previewComment */
/* harmony import */ var _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26277);
/* harmony import */ var _adapters_github_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92401);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
// The one pull-request comment a preview keeps up to date.



function previewComment(context, state) {
    const heading = {
        deployed: `✅ Preview of ${context.application} is ready`,
        failed: `❌ Preview of ${context.application} ${state.kind === 'failed' && state.closing ? 'could not be removed' : 'failed to deploy'}`,
        removed: `🧹 Preview of ${context.application} was removed`
    }[state.kind];
    const rows = [['Environment', `\`${context.environmentName}\``]];
    if (state.kind === 'deployed' || (state.kind === 'failed' && !state.closing)) {
        if (state.url)
            rows.push(['URL', state.url]);
        rows.push(['Version', `\`${state.versionLabel}\``]);
        if (state.health || state.status)
            rows.push(['Health', [state.health, state.status].filter(Boolean).join(' / ')]);
    }
    else if (state.kind === 'removed') {
        rows.push(['Environment status', state.terminated ? 'terminated' : 'already gone']);
        rows.push(['Application versions deleted', `${state.versionsDeleted} (with their bundles)`]);
        if (state.versionsKept > 0) {
            rows.push([
                'Application versions kept',
                `${state.versionsKept} (another environment runs or would roll back to them)`
            ]);
        }
    }
    if (context.commitSha)
        rows.push(['Commit', `\`${context.commitSha.slice(0, 12)}\``]);
    if (context.runUrl)
        rows.push(['Run', `[workflow run](${context.runUrl})`]);
    const lines = [(0,_adapters_github_js__WEBPACK_IMPORTED_MODULE_1__/* .commentMarker */ .Ql)(context.application), `### ${heading}`, '', '| | |', '| --- | --- |'];
    lines.push(...rows.map(([name, value]) => `| ${name} | ${value.replace(/\|/g, '\\|')} |`));
    if (state.kind === 'failed')
        lines.push('', '```', firstLines(state.message, 20, 2000), '```');
    return lines.join('\n');
}
function firstLines(text, lines, characters) {
    return text.split('\n').slice(0, lines).join('\n').slice(0, characters).replace(/```/g, "'''");
}
/** What the comment says of the environment: its URL, health and status (nothing once it is terminated). */
function environmentFacts(environment) {
    if (!environment || environment.Status === 'Terminated')
        return {};
    return {
        ...(environment.CNAME && { url: `http://${environment.CNAME}` }),
        ...(environment.Health && { health: environment.Health }),
        ...(environment.Status && { status: environment.Status })
    };
}
function commentPoster(config, run, env, target) {
    const repository = (0,_adapters_github_js__WEBPACK_IMPORTED_MODULE_1__.parseRepository)(run.pullRequest?.baseRepository ?? run.repository);
    if (!config.githubToken || !repository) {
        _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_0__/* .actionsLogger */ .MV.info('No github-token or repository: the pull request gets no comment');
        return async () => undefined;
    }
    const api = (0,_adapters_github_js__WEBPACK_IMPORTED_MODULE_1__/* .octokitIssueComments */ .r6)(config.githubToken, repository, env.GITHUB_API_URL);
    const context = {
        application: config.application,
        environmentName: target.environmentName,
        commitSha: config.commitSha,
        ...(run.serverUrl &&
            run.repository &&
            run.runId && {
            runUrl: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`
        })
    };
    return async (state) => {
        try {
            const { created } = await (0,_adapters_github_js__WEBPACK_IMPORTED_MODULE_1__/* .upsertComment */ .lB)(api, target.pullRequest, (0,_adapters_github_js__WEBPACK_IMPORTED_MODULE_1__/* .commentMarker */ .Ql)(config.application), previewComment(context, state));
            _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_0__/* .actionsLogger */ .MV.info(`${created ? 'Commented on' : 'Updated the comment of'} pull request #${target.pullRequest}`);
        }
        catch (error) {
            // Through the logger: GitHub's error text is outside text, and must not run as a workflow command.
            _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_0__/* .actionsLogger */ .MV.warning(`Could not comment on pull request #${target.pullRequest} (the job needs permissions: pull-requests: write): ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        }
    };
}


/***/ }),

/***/ 52538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ensurePreviewEnvironment: () => (/* binding */ ensurePreviewEnvironment),
  p: () => (/* binding */ removePreview)
});

// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./src/adapters/beanstalk/storage.ts
var storage = __webpack_require__(97475);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-beanstalk/dist-cjs/index.js
var dist_cjs = __webpack_require__(76114);
;// CONCATENATED MODULE: ./src/adapters/beanstalk/templates.ts
// Saved configurations (configuration templates): a preview environment is
// created from a copy of its base environment's settings, and the copy is
// deleted with the preview. Whether a template exists is read from
// DescribeApplications, not guessed from an error.

async function templateExists(beanstalk, application, templateName) {
    const { Applications = [] } = await beanstalk.send(new dist_cjs/* DescribeApplicationsCommand */.UHp({ ApplicationNames: [application] }));
    return Applications.some(candidate => candidate.ConfigurationTemplates?.includes(templateName) === true);
}
/** Saves the environment's configuration as the template, replacing one of that name left by an earlier run. */
async function saveEnvironmentAsTemplate(beanstalk, input) {
    await deleteTemplate(beanstalk, input.application, input.templateName);
    await beanstalk.send(new dist_cjs/* CreateConfigurationTemplateCommand */.EfU({
        ApplicationName: input.application,
        TemplateName: input.templateName,
        EnvironmentId: input.environmentId,
        Description: input.description
    }));
}
/** Deletes the template when it exists; false when there was none. */
async function deleteTemplate(beanstalk, application, templateName) {
    if (!(await templateExists(beanstalk, application, templateName)))
        return false;
    await beanstalk.send(new dist_cjs/* DeleteConfigurationTemplateCommand */.Bvv({ ApplicationName: application, TemplateName: templateName }));
    return true;
}

// EXTERNAL MODULE: ./src/adapters/beanstalk/versions.ts
var versions = __webpack_require__(54009);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/retention/versions.ts
var retention_versions = __webpack_require__(46445);
// EXTERNAL MODULE: ./src/preview/rules.ts
var rules = __webpack_require__(95523);
;// CONCATENATED MODULE: ./src/preview/environment.ts
// A preview's environment on Beanstalk: created from the base environment's
// configuration, checked for ownership (the tags this action put on it), and
// removed with its versions and template when the pull request closes.







async function requireOwnership(beanstalk, environment, target) {
    const problem = (0,rules/* ownershipProblem */.l2)(target, await (0,environments/* environmentTags */.TA)(beanstalk, environment));
    if (problem)
        throw new Error(problem);
}
/** Where a new preview's configuration comes from: a template of the base environment, or a platform. */
async function previewPlatform(beanstalk, config, target, log) {
    if (config.previewBaseEnvironment) {
        const base = await (0,environments/* requireEnvironment */.L3)(beanstalk, config.application, config.previewBaseEnvironment).catch((error) => {
            if (error instanceof environments/* EnvironmentNotFoundError */.Ni) {
                throw new errors/* InputError */.dz('preview-base-environment', `"${config.previewBaseEnvironment}" is not a live environment of application ${config.application}`);
            }
            throw error;
        });
        const templateName = (0,rules/* previewTemplateName */.G7)(target.environmentName);
        // A template left by an earlier run that failed before its environment was created is refreshed from the base.
        await saveEnvironmentAsTemplate(beanstalk, {
            application: config.application,
            templateName,
            environmentId: base.EnvironmentId ?? '',
            description: `Configuration of ${config.previewBaseEnvironment} for pull request #${target.pullRequest}`
        });
        log.info(`Saved the configuration of ${config.previewBaseEnvironment} as template ${templateName}`);
        return { templateName };
    }
    if (config.solutionStack)
        return { solutionStackName: config.solutionStack };
    const newest = (0,rules/* newestEcsStack */.OS)(await (0,environments/* solutionStacks */.J7)(beanstalk));
    if (!newest) {
        throw new Error(`No "running ECS" platform in this region's solution stacks; set preview-base-environment or solution-stack`);
    }
    log.info(`No preview-base-environment: creating ${target.environmentName} on ${newest}`);
    return { solutionStackName: newest };
}
/** The preview environment exists afterwards (launching, or as it was); refuses one that is not this pull request's. */
async function ensurePreviewEnvironment(beanstalk, config, target, log) {
    const existing = await (0,environments/* describeEnvironment */.NE)(beanstalk, target.application, target.environmentName);
    if (existing && existing.Status !== 'Terminated') {
        await requireOwnership(beanstalk, existing, target);
        if (existing.Status === 'Terminating') {
            throw new Error(`Preview environment ${target.environmentName} is still terminating (the pull request was closed a moment ago); re-run the job once it is gone`);
        }
        log.info(`Preview environment ${target.environmentName} exists (${existing.Status ?? '?'}): updating it`);
        return { created: false };
    }
    const platform = await previewPlatform(beanstalk, config, target, log);
    await (0,environments/* createEnvironment */.MO)(beanstalk, {
        application: target.application,
        environmentName: target.environmentName,
        ...platform,
        optionSettings: rules/* SINGLE_INSTANCE */.$t,
        tags: (0,rules/* previewTags */.uh)(target),
        description: `Preview of pull request #${target.pullRequest}${target.repository ? ` of ${target.repository}` : ''}`
    });
    log.info(`Creating preview environment ${target.environmentName} (single instance); it launches while the images build`);
    return { created: true };
}
/**
 * Terminates the preview (after any running operation) and waits until it is
 * gone, then deletes the pull request's versions with their bundles — except
 * one another environment runs or would roll back to — and its template.
 * Safe to repeat. When the environment is already gone, nothing is deleted:
 * that the versions and template belong to this pull request can no longer
 * be checked against the environment's tags (cleanup mode removes old versions).
 */
async function removePreview(clients, target, options) {
    const { beanstalk } = clients;
    const environment = await (0,environments/* describeEnvironment */.NE)(beanstalk, target.application, target.environmentName);
    if (!environment || environment.Status === 'Terminated') {
        options.log.info(`Preview environment ${target.environmentName} does not exist (any more): nothing to terminate, and nothing ` +
            `deleted — without the environment, whether versions and template belong to pull request #${target.pullRequest} cannot be checked`);
        return { terminated: false, versionsDeleted: [], versionsKept: [], templateDeleted: false };
    }
    await requireOwnership(beanstalk, environment, target);
    let terminated = false;
    if (environment.Status !== 'Terminating') {
        const ready = environment.Status === 'Ready'
            ? environment
            : await (0,environments/* waitForReady */.Cf)(beanstalk, {
                application: target.application,
                environmentName: target.environmentName,
                deadline: options.deadline,
                clock: options.clock,
                log: options.log
            });
        await (0,environments/* terminateEnvironment */.bT)(beanstalk, ready.EnvironmentId ?? '');
        options.log.info(`Terminating ${target.environmentName}…`);
        terminated = true;
    }
    await (0,environments/* waitTerminated */.B8)(beanstalk, {
        environmentName: target.environmentName,
        environmentId: environment.EnvironmentId ?? '',
        deadline: options.deadline,
        clock: options.clock,
        log: options.log
    });
    const ours = await versionsOfPreview(beanstalk, target, options.log);
    const bucket = await (0,storage/* storageBucket */.i)(beanstalk, options.bucket);
    const protectedLabels = await (0,retention_versions.protectedVersions)(clients, target.application, bucket);
    const versionsKept = ours.flatMap(label => {
        const why = protectedLabels.get(label);
        return why === undefined ? [] : [{ label, why }];
    });
    for (const kept of versionsKept)
        options.log.warning(`Kept application version ${kept.label}: ${kept.why}`);
    const deletion = await (0,retention_versions.deleteVersions)(beanstalk, target.application, ours.filter(label => !protectedLabels.has(label)), options.log);
    options.log.info(`Deleted ${deletion.deleted.length} application version(s) of pull request #${target.pullRequest} and their bundles`);
    const templateName = (0,rules/* previewTemplateName */.G7)(target.environmentName);
    const templateDeleted = await deleteTemplate(beanstalk, target.application, templateName);
    if (templateDeleted)
        options.log.info(`Deleted configuration template ${templateName}`);
    return {
        terminated,
        versionsDeleted: deletion.deleted,
        versionsKept: [...versionsKept, ...deletion.kept],
        templateDeleted
    };
}
/**
 * The versions this preview created: a label of its form (`pr-<n>-…`) is only
 * a candidate; the version's own tags must say this pull request and this
 * repository (another environment may deploy a `pr-5-hotfix` of its own).
 */
async function versionsOfPreview(beanstalk, target, log) {
    const candidates = (await (0,versions/* listApplicationVersions */.cv)(beanstalk, target.application)).filter(version => (0,rules/* isPreviewVersion */.lO)(version.label, target.pullRequest));
    const ours = [];
    for (const version of candidates) {
        const tags = await (0,environments/* resourceTags */.iu)(beanstalk, version.arn);
        if ((0,rules/* ownershipProblem */.l2)(target, tags) === undefined)
            ours.push(version.label);
        else
            log.info(`Left application version ${version.label}: its tags do not say this preview created it`);
    }
    return ours;
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


/***/ })

};
