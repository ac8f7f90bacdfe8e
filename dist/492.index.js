export const id = 492;
export const ids = [492,737];
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

/***/ 85806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ay: () => (/* binding */ checkBuildInputs),
  hu: () => (/* binding */ describeImage)
});

// UNUSED EXPORTS: dockerfileStages

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/adapters/workspace/checkout-credentials.ts
var checkout_credentials = __webpack_require__(779);
// EXTERNAL MODULE: ./src/core/compose/dockerfile.ts
var dockerfile = __webpack_require__(100);
// EXTERNAL MODULE: ./src/core/secret-names.ts
var secret_names = __webpack_require__(89138);
;// CONCATENATED MODULE: ./src/adapters/docker/context-secrets.ts
// Secrets a build would bake into an image: a `.env`-style file in the build
// context that the ignore files do not exclude and the Dockerfile copies
// (`COPY . .`, or by name), holding a variable whose name says secret with a
// value. Everyone who can pull the image from ECR can then read it, and it
// outlives any rotation. This is a warning, not a refusal: the names are a
// heuristic (src/core/secret-names.ts), and on CI such a file is usually
// absent (git-ignored) — when it is there, it is committed, so the value is in
// the repository already and refusing would not take it back. The warning names
// the file, the variables (never their values) and the ignore line to add.





/** How many context entries the search looks at; past that, a huge context is checked only as far as it got. */
const MAX_ENTRIES = 50_000;
/**
 * Files dotenv-style tools read: `.env`, `.env.production`, `prod.env`. Templates meant to be committed
 * (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) hold placeholders, not secrets.
 */
function isEnvFileName(name) {
    const lower = name.toLowerCase();
    if (!/^\.env(\..+)?$/.test(lower) && !/.\.env$/.test(lower))
        return false;
    return !/(^|\.)(example|sample|template|tmpl|dist|defaults?)(\.|$)/.test(lower);
}
/** Names of the variables a dotenv text sets to a literal value and that sound like secrets. Pure. */
function secretVariablesOf(text) {
    const names = [];
    for (const line of text.split(/\r?\n/)) {
        const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line);
        if (!match)
            continue;
        const [, name = '', raw = ''] = match;
        const value = raw
            .replace(/\s+#.*$/, '')
            .trim()
            .replace(/^(['"])(.*)\1$/, '$2');
        // An empty value or a reference to another variable gives the image nothing to leak.
        if (value === '' || /^\$\{?[A-Za-z_]\w*\}?$/.test(value))
            continue;
        if ((0,secret_names/* looksSecret */.n)(name) && !names.includes(name))
            names.push(name);
    }
    return names;
}
/** `.env`-style files (context-relative, `/`-separated) the builder would be sent. */
function envFilesSent(contextDir, ignore) {
    const { sent, walks } = (0,checkout_credentials/* builderFilter */.kQ)(contextDir, ignore);
    const found = [];
    let budget = MAX_ENTRIES;
    const walk = (relative) => {
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(external_node_path_default().join(contextDir, relative), { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (--budget < 0)
                return;
            const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
            if (entry.isDirectory()) {
                // A package's own .env is not the app's; .git is refused elsewhere (checkout-credentials.ts).
                if (!(0,checkout_credentials/* isGitName */.M$)(entry.name) && entry.name !== 'node_modules' && walks(child))
                    walk(child);
            }
            else if (entry.isFile() && isEnvFileName(entry.name) && sent(child, false)) {
                found.push(child);
            }
        }
    };
    walk('');
    return found;
}
/** One warning line per `.env`-style file with secret-looking values the build would copy into the image. */
function contextSecretWarnings(input) {
    const ignoreText = input.ignore.dockerfile ?? input.ignore.context ?? '';
    const contents = (0,dockerfile/* imageContents */.Y9)(input.dockerfileText, input.target, (0,dockerfile/* parseDockerignore */.yr)(ignoreText));
    const ignoreFile = input.ignore.dockerfile !== undefined ? input.ignore.dockerfileName : input.ignore.contextName;
    const warnings = [];
    for (const file of envFilesSent(input.contextDir, input.ignore)) {
        const inImage = (0,dockerfile/* imagePathsOf */.F1)(file, contents);
        if (inImage.length === 0)
            continue;
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(input.contextDir, file), 'utf8');
        }
        catch {
            continue;
        }
        const secrets = secretVariablesOf(text);
        if (secrets.length === 0)
            continue;
        warnings.push(`${input.imageName}: the build context holds ${file}, which sets ${secrets.join(', ')} to a value, and ` +
            `the Dockerfile copies it into the image (${inImage.join(', ')}): anyone who can pull the image from ECR ` +
            `can read it. Add the line "${file}" to ${ignoreFile}, and give the containers their secrets by ` +
            `reference (the secrets input)`);
    }
    return warnings;
}

;// CONCATENATED MODULE: ./src/core/compose/dockerfile-frontend.ts
// Which BuildKit frontend a build would run. A Dockerfile's `# syntax=` line,
// or a BUILDKIT_SYNTAX build arg, makes BuildKit run that image as the
// frontend (https://docs.docker.com/build/buildkit/frontend/). The frontend
// asks the client for the context and applies .dockerignore itself: Docker's
// own does, any other can read the whole context — the checkout's .git, whose
// config holds the job's token — and the Dockerfile's folder. So only
// Docker's frontend images are built.
/** docker/dockerfile (and -upstream), by tag or digest (https://hub.docker.com/r/docker/dockerfile). */
const DOCKER_FRONTEND = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?(?::[\w][\w.-]*)?(?:@sha256:[a-f0-9]{64})?$/;
/** Go's unicode.IsSpace has U+0085 (NEL), which JavaScript's `\s` does not: BuildKit trims it around a directive. */
const GO_SPACE = /\u0085/g;
/**
 * A leading line BuildKit may read a directive from: blank, or a comment (`#`, `//`, a `#!` line). Every such line
 * that says `syntax` then `=` is taken for one, whatever BuildKit's exact grammar, so no spelling it accepts is
 * missed (its parser has grown new forms: `//` comments, a JSON document).
 */
const SYNTAX = /syntax\s*=\s*(\S*)/i;
/** The frontend a build names that is not Docker's own, if any. Pure. */
function customFrontend(dockerfileText, buildArgs) {
    const named = [];
    const text = dockerfileText.replace(/^\uFEFF/, '').replace(GO_SPACE, ' ');
    for (const line of text.split(/\r?\n|\r/)) {
        const trimmed = line.trim();
        if (trimmed.startsWith('{')) {
            // BuildKit also reads directives from a JSON document ({"syntax": …}): no Dockerfile starts so.
            named.push({ image: jsonSyntax(text.slice(text.indexOf('{'))), how: 'a JSON Dockerfile' });
            break;
        }
        if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//'))
            break;
        const match = SYNTAX.exec(trimmed);
        if (match)
            named.push({ image: match[1], how: '# syntax=' });
    }
    const argument = buildArgs.BUILDKIT_SYNTAX;
    if (argument !== undefined)
        named.push({ image: argument.trim().split(/\s+/)[0] ?? '', how: 'build arg BUILDKIT_SYNTAX' });
    return named.find(frontend => !DOCKER_FRONTEND.test(frontend.image));
}
/** The frontend a JSON document names; anything else it holds is no frontend of Docker's either. */
function jsonSyntax(text) {
    try {
        const parsed = JSON.parse(text);
        const syntax = parsed !== null && typeof parsed === 'object' ? parsed.syntax : undefined;
        return typeof syntax === 'string' ? syntax : '(JSON)';
    }
    catch {
        return '(JSON)';
    }
}

// EXTERNAL MODULE: ./src/core/compose/dockerfile-words.ts
var dockerfile_words = __webpack_require__(94112);
// EXTERNAL MODULE: ./src/adapters/workspace/files.ts + 11 modules
var files = __webpack_require__(41150);
;// CONCATENATED MODULE: ./src/adapters/docker/build-context.ts
// Checks, before any AWS call or build, that an ImageBuild can be built: the
// context folder and Dockerfile exist inside the workspace (symlinks
// followed: a context of ../../host or a Dockerfile of /etc/passwd would build
// host files into an image), the target names a stage, no `.git` would be
// sent to the builder (see checkout-credentials.ts), the frontend is
// Docker's own (core/compose/dockerfile-frontend.ts), and no folder from the
// context up to the workspace is laid out as a git directory: git, run in the
// context by a tool of the runner, would take it for a repository and obey
// its config (build-args.ts turns buildx's git lookup off as well).









/** Stage names declared with `FROM <image> AS <name>`, in order. Pure. */
function dockerfileStages(dockerfileText) {
    return (0,dockerfile_words/* readDockerfile */.n_)(dockerfileText)
        .instructions.filter(instruction => instruction.keyword.toUpperCase() === 'FROM')
        .flatMap(({ rest }) => /^(?:--\S+\s+)*\S+\s+AS\s+(\S+)\s*$/i.exec(rest.trim())?.[1]?.toLowerCase() ?? []);
}
async function isDirectory(file) {
    return (await (0,promises_.stat)(file).catch(() => undefined))?.isDirectory() ?? false;
}
/**
 * The first folder from the context up to the workspace that git would take for a repository (git's
 * is_git_directory: a HEAD entry of any kind, with objects and refs, or a commondir naming them elsewhere): a pull
 * request can commit those files, not a `.git` (git refuses that path). Git's discovery stops at the first folder
 * holding a `.git` (the checkout's own, or a second checkout the workflow made), so the walk does too.
 */
function gitDirectoryLayout(workspace, contextDir) {
    const has = (folder, name) => (0,external_node_fs_.lstatSync)(external_node_path_default().join(folder, name), { throwIfNoEntry: false }) !== undefined;
    for (let folder = contextDir; folder === workspace || folder.startsWith(workspace + (external_node_path_default()).sep);) {
        if (has(folder, '.git'))
            return undefined;
        if (has(folder, 'HEAD') && ((has(folder, 'objects') && has(folder, 'refs')) || has(folder, 'commondir')))
            return folder;
        if (folder === workspace)
            return undefined;
        folder = external_node_path_default().dirname(folder);
    }
    return undefined;
}
/** The one-line description used by every error about an image. */
function describeImage(image) {
    return `image ${image.id} (services ${image.services.join(', ')})`;
}
/**
 * Resolves and checks the paths of one image; throws a one-line error naming
 * the image. The paths returned are real (symlinks resolved), inside the workspace.
 */
async function checkBuildInputs(workspace, image) {
    const fail = (cause) => {
        throw new Error(`Build of ${describeImage(image)} failed: ${cause}`);
    };
    const inWorkspace = (read) => {
        try {
            return read();
        }
        catch (error) {
            return fail(error instanceof Error ? error.message : String(error));
        }
    };
    const lexicalContext = external_node_path_default().resolve(workspace, image.context);
    const lexicalDockerfile = external_node_path_default().resolve(lexicalContext, image.dockerfile);
    const relativeDockerfile = external_node_path_default().relative(workspace, lexicalDockerfile);
    const shown = (file) => external_node_path_default().relative(workspace, file) || '.';
    const contextDir = inWorkspace(() => (0,files/* resolveInWorkspace */.z1)(workspace, image.context, 'build context'));
    if (contextDir === undefined || !(await isDirectory(contextDir)))
        fail(`build context not found at ${shown(lexicalContext)}`);
    // compose's dockerfile_inline: the text goes to a file outside the workspace, built with the same context.
    const inline = image.dockerfileInline;
    const dockerfile = inline !== undefined
        ? await writeInlineDockerfile(inline)
        : inWorkspace(() => (0,files/* resolveInWorkspace */.z1)(workspace, relativeDockerfile, 'Dockerfile'));
    const text = inline ?? inWorkspace(() => (0,files/* readWorkspaceText */.tA)(workspace, relativeDockerfile, 'Dockerfile'));
    if (dockerfile === undefined || text === undefined)
        fail(`Dockerfile not found at ${shown(lexicalDockerfile)}`);
    const frontend = customFrontend(text ?? '', image.args);
    if (frontend) {
        fail(`${frontend.how} names the BuildKit frontend "${frontend.image}": a frontend other than docker/dockerfile is given the whole build context past .dockerignore (the checkout's .git holds the job's token), so it is not built; use docker/dockerfile (# syntax=docker/dockerfile:1) or remove it`);
    }
    if (image.target) {
        const stages = dockerfileStages(text ?? '');
        if (!stages.includes(image.target.toLowerCase())) {
            const known = stages.length > 0 ? stages.join(', ') : 'none';
            const where = inline !== undefined ? 'the dockerfile_inline' : shown(lexicalDockerfile);
            fail(`target "${image.target}" is not a stage of ${where} (stages: ${known})`);
        }
    }
    // BuildKit reads `<Dockerfile>.dockerignore` beside the file --file names: the real one, after any link.
    const builtDockerfile = inline !== undefined ? relativeDockerfile : external_node_path_default().relative((0,external_node_fs_.realpathSync)(workspace), dockerfile);
    const ignore = {
        contextName: `${shown(external_node_path_default().join(lexicalContext, '.dockerignore'))}`,
        dockerfileName: `${builtDockerfile}.dockerignore`
    };
    // BuildKit reads the ignore file inside the context it was sent (a link resolved there), the classic builder on
    // the runner: for a link the two can disagree, and a link out of the context is no ignore file to BuildKit.
    const contextIgnorePath = external_node_path_default().join(lexicalContext, '.dockerignore');
    if ((0,external_node_fs_.lstatSync)(contextIgnorePath, { throwIfNoEntry: false })?.isSymbolicLink())
        fail(`${shown(contextIgnorePath)} is a symbolic link: BuildKit reads it only inside the build context and the classic builder on the runner, so which rules keep .git out cannot be told; make it a regular file`);
    const contextIgnore = inWorkspace(() => (0,files/* readWorkspaceText */.tA)(workspace, external_node_path_default().relative(workspace, external_node_path_default().join(lexicalContext, '.dockerignore')), 'file'));
    const dockerfileIgnore = inWorkspace(() => (0,files/* readWorkspaceText */.tA)(workspace, `${builtDockerfile}.dockerignore`, 'file'));
    if (contextIgnore !== undefined)
        ignore.context = contextIgnore;
    if (dockerfileIgnore !== undefined)
        ignore.dockerfile = dockerfileIgnore;
    const repository = gitDirectoryLayout((0,external_node_fs_.realpathSync)(workspace), contextDir);
    if (repository !== undefined)
        fail(`${shown(repository)} is laid out as a git repository (HEAD with objects and refs, or commondir): git run in the build context on the runner would take it for one and obey its config (a committed command), so it is not built; move those files out of the context's folders`);
    const ignoreProblem = (0,checkout_credentials/* ignoreFileProblem */.g5)(ignore);
    if (ignoreProblem !== undefined)
        fail(ignoreProblem);
    const sentGit = (0,checkout_credentials/* gitSentToBuilder */.rW)(contextDir, ignore);
    if (sentGit !== undefined)
        fail((0,checkout_credentials/* gitInContextMessage */.As)(sentGit, ignore));
    const warnings = contextSecretWarnings({
        contextDir: contextDir,
        ignore,
        dockerfileText: text ?? '',
        ...(image.target !== undefined && { target: image.target }),
        imageName: describeImage(image)
    });
    return { contextDir: contextDir, dockerfile: dockerfile, warnings };
}
/** A Dockerfile given inline, written to a private folder of the runner's temp space; the build reads it there. */
async function writeInlineDockerfile(text) {
    const folder = await (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'dockerfile-inline-'));
    const file = external_node_path_default().join(folder, 'Dockerfile');
    await (0,promises_.writeFile)(file, text, { mode: 0o600 });
    return file;
}


/***/ }),

/***/ 35737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ findRole),
/* harmony export */   callerIdentity: () => (/* binding */ callerIdentity),
/* harmony export */   j: () => (/* binding */ simulatePrincipal)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16764);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71695);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20133);
// IAM and STS, read-only: the account's conventional ECS task execution role
// (GetRole), whether a role's policies allow some calls (SimulatePrincipalPolicy),
// and who the credentials are (GetCallerIdentity, for mask-aws-account-id).
// None changes anything.



/** The role's ARN, or undefined when the account has no role of that name. Other errors (access) are thrown. */
async function findRole(iam, roleName) {
    try {
        const answer = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__/* .GetRoleCommand */ .kbp({ RoleName: roleName }));
        return answer.Role?.Arn;
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsErrorCode */ .Tl.noSuchEntity))
            return undefined;
        throw error;
    }
}
/**
 * IAM's decision for each action on each resource under the principal's own policies (identity policies and
 * permissions boundary; not resource policies or SCPs), every page of it.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
async function simulatePrincipal(iam, principalArn, actions, resources) {
    const decisions = [];
    let marker;
    do {
        const answer = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__/* .SimulatePrincipalPolicyCommand */ .kUw({
            PolicySourceArn: principalArn,
            ActionNames: [...actions],
            ResourceArns: [...resources],
            ...(marker !== undefined && { Marker: marker })
        }));
        for (const result of answer.EvaluationResults ?? []) {
            decisions.push({
                action: result.EvalActionName ?? '',
                resource: result.EvalResourceName ?? '',
                decision: (result.EvalDecision ?? 'implicitDeny')
            });
        }
        marker = answer.IsTruncated ? answer.Marker : undefined;
    } while (marker !== undefined);
    return decisions;
}
/** The account id and ARN of the credentials the action runs with. */
async function callerIdentity(sts) {
    const answer = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__/* .GetCallerIdentityCommand */ .zI({}));
    if (!answer.Account)
        throw new Error('STS GetCallerIdentity returned no account id');
    return { account: answer.Account, arn: answer.Arn ?? '' };
}


/***/ }),

/***/ 779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ gitInContextMessage),
/* harmony export */   M$: () => (/* binding */ isGitName),
/* harmony export */   g5: () => (/* binding */ ignoreFileProblem),
/* harmony export */   kQ: () => (/* binding */ builderFilter),
/* harmony export */   oP: () => (/* binding */ isGitPath),
/* harmony export */   ox: () => (/* binding */ GIT_REFUSAL),
/* harmony export */   rW: () => (/* binding */ gitSentToBuilder)
/* harmony export */ });
/* harmony import */ var _balena_dockerignore__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44158);
/* harmony import */ var _balena_dockerignore__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_balena_dockerignore__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
// The workspace is not only repository content: the runner writes there too.
// actions/checkout persists the job's GITHUB_TOKEN in `.git/config`
// (`http.<url>.extraheader`, unless `persist-credentials: false`), and a
// second checkout (`path:`) or a submodule gets its own `.git`. So nothing
// under a `.git` — at any depth, file or folder — is ever read into a plan,
// shipped in a bundle, mounted in the smoke test or sent to a build.
//
// Build contexts: a context holding `.git` that its ignore file does not
// exclude is refused, not rebuilt without it. Rebuilding would make the image
// differ from what `docker build` gives on the developer's machine from the
// same files, silently; the fix is one line in `.dockerignore`, which the
// error names. Which ignore file counts: BuildKit reads `<Dockerfile>.dockerignore`
// when it exists and `<context>/.dockerignore` otherwise; the classic builder
// reads only the latter. Both must exclude `.git` when both exist. The
// patterns are read with @balena/dockerignore, a port of moby's matcher.



// A CommonJS module whose types declare an ES default export: its `default` property is the factory either way.
const dockerignore = (_balena_dockerignore__WEBPACK_IMPORTED_MODULE_0___default()["default"]);
/** The folder name git keeps a checkout's state (and actions/checkout the token) in. */
const GIT = '.git';
/**
 * Whether a workspace-relative path goes through `.git`. Case-insensitive:
 * on a case-insensitive file system (macOS runners) `.GIT/config` is the same file.
 */
function isGitPath(relative) {
    return relative.split(/[\\/]/).some(part => part.toLowerCase() === GIT);
}
function isGitName(name) {
    return name.toLowerCase() === GIT;
}
/** Why a workspace-relative path may not be read, or undefined. One sentence, the path named by the caller. */
const GIT_REFUSAL = "is inside .git, the checkout's git folder: actions/checkout keeps the job's token there (.git/config), so nothing under .git is read, shipped or mounted";
/** How far the context walk looks for nested `.git` entries; a context bigger than this is checked at its top levels only. */
const MAX_CONTEXT_ENTRIES = 200_000;
function ignoreRules(file, text) {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    return {
        file,
        // Linux builders match case-sensitively (Go's filepath.Match); the library's default is not.
        matcher: dockerignore({ ignorecase: false }).add(lines),
        hasExceptions: lines.some(line => line.trim().startsWith('!'))
    };
}
/**
 * The first `.git` entry (context-relative, `/`-separated) a build of
 * `contextDir` would send to the builder, or undefined when every one is
 * excluded. Symlinks are not followed: the builder sends a symlink as a link.
 */
function gitSentToBuilder(contextDir, ignore) {
    const { rules, sent } = builderFilter(contextDir, ignore);
    let budget = MAX_CONTEXT_ENTRIES;
    const walk = (relative) => {
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(contextDir, relative), { withFileTypes: true });
        }
        catch {
            return undefined; // unreadable: the builder fails on it too, with its own message
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (--budget < 0)
                return undefined;
            const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
            if (isGitName(entry.name)) {
                if (sent(child, entry.isDirectory()))
                    return child;
                continue;
            }
            // A folder every rule skips whole (no `!` exception could reach into it) is not walked, as the builder does not.
            if (entry.isDirectory() && rules.some(rule => !skippedWhole(child, rule))) {
                const found = walk(child);
                if (found !== undefined)
                    return found;
            }
        }
        return undefined;
    };
    return walk('');
}
/**
 * What a build of `contextDir` sends to the builder, by the ignore files' rules: `sent` for a context-relative
 * path (`/`-separated), `walks` for a folder the builder may look into (one no rule skips whole).
 */
function builderFilter(contextDir, ignore) {
    const rules = [ignoreRules(ignore.contextName, ignore.context ?? '')];
    if (ignore.dockerfile !== undefined)
        rules.push(ignoreRules(ignore.dockerfileName, ignore.dockerfile));
    return {
        rules,
        sent: (relative, isFolder) => rules.some(rule => !excluded(contextDir, relative, isFolder, rule)),
        walks: relative => rules.some(rule => !skippedWhole(relative, rule))
    };
}
function skippedWhole(relative, rule) {
    return !rule.hasExceptions && rule.matcher.ignores(relative);
}
/** Whether the builder leaves out `relative` and everything under it. */
function excluded(contextDir, relative, isFolder, rule) {
    if (skippedWhole(relative, rule))
        return true;
    if (!isFolder)
        return rule.matcher.ignores(relative);
    // With exceptions the builder walks into an ignored folder: every file under it must stay ignored.
    const stack = [relative];
    while (stack.length > 0) {
        const folder = stack.pop();
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(contextDir, folder), { withFileTypes: true });
        }
        catch {
            return false;
        }
        for (const entry of entries) {
            const child = `${folder}/${entry.name}`;
            if (entry.isDirectory())
                stack.push(child);
            else if (!rule.matcher.ignores(child))
                return false;
        }
    }
    return true;
}
/** The one-line refusal for a build context that would send `.git` to the builder. */
/**
 * Characters JavaScript's trim and Go's strings.TrimSpace (BuildKit's ignore-file reader, moby/patternmatcher
 * ignorefile.ReadAll) disagree on: U+FEFF (JavaScript trims it, Go keeps it in the pattern, which then names
 * nothing) and U+0085 (Go trims it). The matcher here trims as JavaScript does, so a line holding either would
 * mean one thing to this check and another to the builder.
 */
const TRIMMED_DIFFERENTLY = { '\uFEFF': 'U+FEFF', '\u0085': 'U+0085 (NEL)' };
/**
 * Pattern characters Docker's matchers read differently from one version to the next and from the matcher here
 * (@balena/dockerignore builds a JavaScript regular expression, escaping only `.` and `$`): docker 20.10 builds an
 * RE2 expression the same way; Docker 23 and later (moby/patternmatcher) read `+ ( ) $` as text and compare a
 * pattern without `* ? [ ] \` as plain text; POSIX classes (`[[:print:]]`) are Go's only. So `x|.git` or `(.git)`
 * excludes .git for this check and not for buildx (attack round 12, each run on the builders).
 */
const READ_DIFFERENTLY = /[+(){}|^\\]|\[[:=.]/;
/** Why an ignore file cannot be checked as the builder reads it, or undefined (a BOM opening the file is fine). */
function ignoreFileProblem(ignore) {
    for (const [name, text] of [
        [ignore.contextName, ignore.context],
        [ignore.dockerfileName, ignore.dockerfile]
    ]) {
        const lines = (text ?? '').replace(/^\uFEFF/, '').split('\n');
        for (const [index, line] of lines.entries()) {
            const character = [...line].find(each => each in TRIMMED_DIFFERENTLY);
            if (character !== undefined)
                return `${name} line ${index + 1} holds ${TRIMMED_DIFFERENTLY[character]}, an invisible character Docker's builder and this check read differently (the line might exclude .git for one and not the other): remove it`;
            const pattern = line.trim();
            // A comment only when `#` opens the line itself: Docker's readers look before trimming (` #x` is a pattern).
            const odd = line.startsWith('#') ? null : READ_DIFFERENTLY.exec(pattern);
            if (odd)
                return `${name} line ${index + 1} "${pattern}" holds "${odd[0]}", which Docker's builders read differently from one version to the next (a regular expression or plain text), so whether it keeps .git out cannot be told: write it with * ? [ ] only`;
        }
    }
    return undefined;
}
function gitInContextMessage(found, ignore) {
    const files = ignore.dockerfile === undefined
        ? ignore.contextName
        : `${ignore.contextName} and ${ignore.dockerfileName}`;
    const rule = found === GIT ? '.git' : `**/.git`;
    return (`the build context holds ${found}, which no rule of ${files} excludes: ` +
        `actions/checkout keeps the job's token in .git/config and every RUN step could read it. ` +
        `Add the line "${rule}" to ${ignore.contextName}${ignore.dockerfile === undefined ? '' : ` and ${ignore.dockerfileName}`} ` +
        `(pass the commit as a build arg, e.g. GITHUB_SHA, if the build needs it)`);
}


/***/ }),

/***/ 41150:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UF: () => (/* binding */ defaultComposeFile),
  _C: () => (/* binding */ listBundleFiles),
  EA: () => (/* binding */ overrideFileOf),
  jy: () => (/* binding */ readCompose),
  tA: () => (/* binding */ readWorkspaceText),
  z1: () => (/* binding */ resolveInWorkspace),
  Mf: () => (/* binding */ writeBundle)
});

// UNUSED EXPORTS: DEFAULT_COMPOSE_FILES, MAX_TEXT_FILE_BYTES, WorkspaceError

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/adapters/workspace/checkout-credentials.ts
var checkout_credentials = __webpack_require__(779);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(51306);
;// CONCATENATED MODULE: ./src/core/bundle.ts
// The source bundle: Dockerrun.aws.json plus the files its mount points need
// and the optional .ebextensions / .platform folders, zipped so that the same
// content always gives the same bytes (sorted entries, fixed timestamps and
// attributes) — the hash then tells whether a version label's bundle changed.
//
// The zip is streamed: entries arrive as chunks and leave as chunks, so a
// shipped folder of gigabytes never sits in memory, and the output stops at
// Beanstalk's source bundle limit. No I/O here: the caller reads the files
// and writes the zip (src/adapters/workspace/files.ts).


/** Beanstalk refuses source bundles over 500 MB. */
const MAX_BUNDLE_BYTES = 500 * 1024 * 1024;
/** The zip format without its 64-bit extension, which fflate does not write. */
const MAX_ENTRY_BYTES = 0xffff_ffff;
const MAX_ENTRIES = 0xffff;
class BundleError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BundleError';
    }
}
/**
 * DOS time starts in 1980; a fixed stamp keeps the zip reproducible. fflate
 * reads the date in local time, so it is given in local time: the UTC instant
 * is 1979 west of Greenwich (fflate throws) and other bytes east of it.
 */
const FIXED_TIME = new Date(1980, 0, 1);
/** The zip path of an entry: no leading `./` or `/`, no `..`, each path once. Sorted by path. */
function checkedAndSorted(entries) {
    if (entries.length > MAX_ENTRIES) {
        throw new BundleError(`the bundle would hold ${entries.length} files; a zip holds at most ${MAX_ENTRIES}`);
    }
    const seen = new Set();
    const checked = entries.map(entry => {
        const zipPath = entry.path.replace(/^\.?\/+/, '');
        if (zipPath === '' || zipPath.split('/').includes('..'))
            throw new BundleError(`bundle path "${entry.path}" is not allowed`);
        if (seen.has(zipPath))
            throw new BundleError(`bundle path "${zipPath}" is given twice`);
        seen.add(zipPath);
        return { ...entry, zipPath };
    });
    return checked.sort((a, b) => (a.zipPath < b.zipPath ? -1 : a.zipPath > b.zipPath ? 1 : 0));
}
/** One zip file entry. Unix mode in the high 16 bits of the external attributes: hooks under .platform stay executable. */
function zipFile(path, executable) {
    const mode = executable ? 0o100755 : 0o100644;
    const file = new esm/* ZipDeflate */.D8(path, { level: 9 });
    file.mtime = FIXED_TIME;
    file.os = 3;
    file.attrs = (mode << 16) >>> 0;
    return file;
}
/** A zip whose output chunks are collected as fflate produces them, to be taken with drain(). */
function collectingZip() {
    let pending = [];
    const zip = new esm/* Zip */.qQ((error, data) => {
        if (error)
            throw error;
        pending.push(data);
    });
    return {
        zip,
        drain: () => {
            const chunks = pending;
            pending = [];
            return chunks;
        }
    };
}
/**
 * Zips the entries in path order, handing each output chunk to `write` as it
 * is produced; stops with a BundleError naming the largest entries once the
 * output passes `maxBytes`.
 */
async function streamBundle(entries, write, maxBytes = MAX_BUNDLE_BYTES) {
    const sorted = checkedAndSorted(entries);
    const oversized = sorted.find(entry => (entry.size ?? 0) > MAX_ENTRY_BYTES);
    if (oversized)
        throw new BundleError(`${oversized.zipPath} is too large for a bundle (4 GiB or more)`);
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    const { zip, drain } = collectingZip();
    const flush = async () => {
        for (const chunk of drain()) {
            bytes += chunk.byteLength;
            if (bytes > maxBytes)
                throw new BundleError(tooLarge(sorted, maxBytes));
            hash.update(chunk);
            await write(chunk);
        }
    };
    for (const entry of sorted) {
        const file = zipFile(entry.zipPath, entry.executable);
        zip.add(file);
        for await (const chunk of entry.chunks()) {
            file.push(chunk);
            await flush();
        }
        file.push(new Uint8Array(0), true);
        await flush();
    }
    zip.end();
    await flush();
    return { bytes, sha256: hash.digest('hex') };
}
function tooLarge(entries, maxBytes) {
    const largest = [...entries]
        .filter(entry => entry.size !== undefined)
        .sort((a, b) => (b.size ?? 0) - (a.size ?? 0))
        .slice(0, 3)
        .map(entry => `${entry.path} (${formatMegabytes(entry.size ?? 0)})`);
    return (`the bundle is larger than Beanstalk's source bundle limit of ${formatMegabytes(maxBytes)} compressed` +
        (largest.length > 0 ? `; its largest files: ${largest.join(', ')}` : '') +
        '. Ship less in mounted folders (data belongs in the image or S3)');
}
function formatMegabytes(bytes) {
    return `${Math.round(bytes / (1024 * 1024))} MB`;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/compose/interpolate.ts
var interpolate = __webpack_require__(56543);
;// CONCATENATED MODULE: ./src/core/compose/merge.ts
// compose's merge of a service with the one it extends, after compose-go's
// override rules (override/merge.go, its `mergeSpecials`) and checked against
// `docker compose config` 2.26:
// - mappings (also written as lists of `KEY=value` or bare `KEY`) merge key by
//   key, the extending service's value winning;
// - volumes replace the base's mount at the same target, in its place;
// - lists append what is not there yet, a lone string counting as a one-item
//   list (`env_file: .env` extended by `env_file: [worker.env]` reads both);
// - extra_hosts append as `host=address` entries, so a host named twice keeps
//   both addresses, in order;
// - networks merge by name (a list is a mapping of names), their aliases append;
// - sub-mappings (build, deploy, healthcheck, logging) merge deeply, their lists
//   append, except a healthcheck's test, which is replaced; each ulimit is replaced;
// - anything else is replaced. A `null` keeps the base's value, but resets
//   command and entrypoint.
/** Keys whose value is a mapping, also written as a list of KEY=value (or bare KEY). */
const MAPPING_KEYS = new Set(['environment', 'labels', 'sysctls', 'annotations']);
/** Lists whose entries append, once each. */
const APPENDED_KEYS = new Set([
    'ports',
    'expose',
    'links',
    'env_file',
    'cap_add',
    'cap_drop',
    'dns',
    'dns_opt',
    'dns_search',
    'tmpfs',
    'security_opt',
    'volumes_from',
    'external_links',
    'devices',
    'profiles',
    'secrets',
    'configs'
]);
/** Keys an extending service resets with `null`; a `null` anywhere else keeps the base's value (docker compose 2.26). */
const RESET_BY_NULL = new Set(['command', 'entrypoint']);
/** Sub-mappings merged deeply. */
const NESTED_KEYS = new Set(['build', 'deploy', 'healthcheck', 'logging']);
function mergeService(base, override) {
    const merged = { ...base };
    for (const [key, value] of Object.entries(override)) {
        const previous = merged[key];
        if (value === null && !RESET_BY_NULL.has(key))
            continue;
        if (previous === undefined || previous === null)
            merged[key] = value;
        else if (MAPPING_KEYS.has(key))
            merged[key] = { ...asMapping(previous), ...asMapping(value) };
        else if (key === 'depends_on')
            merged[key] = { ...dependencies(previous), ...dependencies(value) };
        else if (key === 'volumes' && Array.isArray(previous) && Array.isArray(value))
            merged[key] = mergeVolumes(previous, value);
        else if (APPENDED_KEYS.has(key) && isListLike(previous) && isListLike(value))
            merged[key] = appendNew(asList(previous), asList(value));
        else if (key === 'extra_hosts')
            merged[key] = appendNew(hostEntries(previous), hostEntries(value));
        else if (key === 'networks')
            merged[key] = deepMerge(networksOf(previous), networksOf(value));
        else if (key === 'ulimits' && isRecord(previous) && isRecord(value))
            merged[key] = { ...previous, ...value };
        else if (key === 'healthcheck' && isRecord(previous) && isRecord(value))
            merged[key] = { ...previous, ...value };
        else if (NESTED_KEYS.has(key) && (isRecord(previous) || typeof previous === 'string'))
            merged[key] = deepMerge(nested(key, previous), nested(key, value));
        else
            merged[key] = value;
    }
    return merged;
}
function isListLike(value) {
    return Array.isArray(value) || typeof value === 'string';
}
function asList(value) {
    return typeof value === 'string' ? [value] : value;
}
function appendNew(base, added) {
    const seen = new Set(base.map(item => JSON.stringify(item)));
    const appended = [...base];
    for (const item of added) {
        const key = JSON.stringify(item);
        if (!seen.has(key))
            appended.push(item);
        seen.add(key);
    }
    return appended;
}
function asMapping(value) {
    if (isRecord(value))
        return value;
    if (!Array.isArray(value))
        return {};
    return Object.fromEntries(value.map(item => {
        const line = String(item);
        const equals = line.indexOf('=');
        return equals < 0 ? [line, null] : [line.slice(0, equals), line.slice(equals + 1)];
    }));
}
/** extra_hosts as compose-go's sequence: a mapping's entries become `host=address`, one per address. */
function hostEntries(value) {
    if (Array.isArray(value))
        return value;
    if (typeof value === 'string')
        return [value];
    if (!isRecord(value))
        return [];
    return Object.entries(value).flatMap(([host, addresses]) => (Array.isArray(addresses) ? addresses : [addresses]).map(address => `${host}=${String(address)}`));
}
/** A service's networks as a mapping: the list form names networks with no options. */
function networksOf(value) {
    if (isRecord(value))
        return value;
    return Array.isArray(value) ? Object.fromEntries(value.map(name => [String(name), null])) : {};
}
function dependencies(value) {
    if (isRecord(value))
        return value;
    return Array.isArray(value)
        ? Object.fromEntries(value.map(name => [String(name), { condition: 'service_started' }]))
        : {};
}
/** A mount of the extending service takes the place of the base's mount at the same target; the others follow. */
function mergeVolumes(base, override) {
    const byTarget = new Map(override.map(mount => [targetOf(mount), mount]));
    const merged = base.map(mount => byTarget.get(targetOf(mount)) ?? mount);
    return [...merged, ...override.filter(mount => !merged.includes(mount))];
}
function targetOf(mount) {
    if (isRecord(mount))
        return String(mount.target ?? '');
    const parts = String(mount).split(':');
    return (parts.length === 1 ? parts[0] : parts[1]) ?? '';
}
function nested(key, value) {
    if (key === 'build' && typeof value === 'string')
        return { context: value };
    if (isRecord(value)) {
        return key === 'build' && value.args !== undefined ? { ...value, args: asMapping(value.args) } : value;
    }
    return {};
}
/** compose-go's default merge: mappings key by key, lists appended, a `null` keeping what was there. */
function deepMerge(base, override) {
    const merged = { ...base };
    for (const [key, value] of Object.entries(override)) {
        const previous = merged[key];
        if (value === null && previous !== undefined)
            continue;
        if (isRecord(previous) && isRecord(value))
            merged[key] = deepMerge(previous, value);
        else if (Array.isArray(previous) && Array.isArray(value))
            merged[key] = appendNew(previous, value);
        else
            merged[key] = value;
    }
    return merged;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/core/secret-names.ts
var secret_names = __webpack_require__(89138);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(98571);
// EXTERNAL MODULE: ./src/core/docker-values.ts
var docker_values = __webpack_require__(914);
// EXTERNAL MODULE: ./src/core/compose/memory.ts
var compose_memory = __webpack_require__(43901);
;// CONCATENATED MODULE: ./src/core/compose/container-options.ts
// Compose service keys that have an ECS container-definition field, turned
// into that field's shape and units. The Beanstalk ECS platform takes its
// container definitions "in the same format as an Amazon ECS task
// definition" (Beanstalk developer guide, Dockerrun.aws.json v2), on the EC2
// launch type with the bridge network, so these fields apply:
//   user, hostname, extraHosts, ulimits, dockerLabels, healthCheck,
//   linuxParameters {tmpfs, sharedMemorySize, initProcessEnabled,
//   capabilities}, stopTimeout, readonlyRootFilesystem, privileged,
//   systemControls, dnsServers, dnsSearchDomains, dockerSecurityOptions,
//   interactive, pseudoTerminal, cpu.
// Values outside what ECS accepts are adjusted with a note, or dropped with
// the reason; nothing is dropped silently.




const ULIMIT_NAMES = new Set([
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack'
]);
const CAPABILITIES = new Set(('ALL AUDIT_CONTROL AUDIT_WRITE BLOCK_SUSPEND CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK ' +
    'IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST ' +
    'NET_RAW SETFCAP SETGID SETPCAP SETUID SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE ' +
    'SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM').split(' '));
/** ECS tmpfs mount options (the part before "="). */
const TMPFS_OPTIONS = new Set(('defaults ro rw suid nosuid dev nodev exec noexec sync async dirsync remount mand nomand atime noatime ' +
    'diratime nodiratime bind rbind unbindable runbindable private rprivate shared rshared slave rslave relatime ' +
    'norelatime strictatime nostrictatime mode uid gid nr_inodes nr_blocks mpol').split(' '));
/** ECS ranges (seconds, count) and compose's defaults, so a check behaves as it did under compose. */
const HEALTH_LIMITS = {
    interval: { min: 5, max: 300, compose: 30 },
    timeout: { min: 2, max: 60, compose: 30 },
    retries: { min: 1, max: 10, compose: 3 },
    startPeriod: { min: 0, max: 300, compose: 0 }
};
/** ECS needs a tmpfs size; compose's default (half the memory) has no fixed value. */
const DEFAULT_TMPFS_MIB = 64;
function containerOptions(raw, where) {
    const options = {};
    const dropped = [];
    const notes = [];
    const drop = (key, reason) => {
        dropped.push({ key, reason });
    };
    if (raw.user !== undefined && raw.user !== null)
        options.user = String(raw.user);
    if (typeof raw.hostname === 'string' && raw.hostname !== '')
        options.hostname = raw.hostname;
    if (raw.extra_hosts !== undefined) {
        const hosts = extraHosts(raw.extra_hosts, where);
        const usable = hosts.filter(host => isIpAddress(host.ipAddress));
        for (const host of hosts.filter(candidate => !usable.includes(candidate))) {
            drop(`extra_hosts ${host.hostname}`, `"${host.ipAddress}" is not an IP address (ECS extraHosts take addresses; host-gateway has no equivalent)`);
        }
        if (usable.length > 0)
            options.extraHosts = usable;
    }
    if (container_options_isRecord(raw.ulimits)) {
        const ulimits = [];
        for (const [name, value] of Object.entries(raw.ulimits)) {
            if (!ULIMIT_NAMES.has(name)) {
                drop(`ulimits ${name}`, 'not a limit ECS sets');
                continue;
            }
            const soft = container_options_isRecord(value) ? Number(value.soft) : Number(value);
            const hard = container_options_isRecord(value) ? Number(value.hard) : Number(value);
            if (!Number.isInteger(soft) || !Number.isInteger(hard)) {
                throw new errors/* ComposeError */.hp(`${where}: ulimits ${name} must be a number or {soft, hard}`);
            }
            ulimits.push({ name, softLimit: soft, hardLimit: hard });
        }
        if (ulimits.length > 0)
            options.ulimits = ulimits;
    }
    if (raw.labels !== undefined && raw.labels !== null) {
        options.labels = stringMapOf(raw.labels, `${where} labels`);
        // The smoke test's cleanup finds its containers by the action's own labels: the repository cannot set them.
        const reserved = Object.keys(options.labels).find(key => key.startsWith('beanstalk-docker-deploy.'));
        if (reserved !== undefined) {
            throw new errors/* ComposeError */.hp(`${where} labels ${reserved}: labels under beanstalk-docker-deploy. are the action's own (its cleanup finds containers by them); rename it`);
        }
    }
    if (raw.healthcheck !== undefined) {
        const check = healthCheck(raw.healthcheck, where, notes);
        if (check)
            options.healthCheck = check;
    }
    const tmpfs = [
        ...(typeof raw.tmpfs === 'string' ? [raw.tmpfs] : Array.isArray(raw.tmpfs) ? raw.tmpfs.map(String) : [])
    ].map(entry => tmpfsMount(entry, where, notes, drop));
    if (tmpfs.length > 0)
        options.tmpfs = tmpfs;
    if (raw.shm_size !== undefined) {
        options.sharedMemorySize = (0,compose_memory/* toMiB */.Wg)((0,compose_memory/* parseByteValue */.zQ)(raw.shm_size, `${where} shm_size`));
    }
    if (isTrue(raw.init))
        options.initProcessEnabled = true;
    if (raw.stop_grace_period !== undefined) {
        const ms = (0,duration/* parseDuration */.E)(String(raw.stop_grace_period));
        if (ms === undefined)
            throw new errors/* ComposeError */.hp(`${where}: stop_grace_period "${String(raw.stop_grace_period)}" is not a duration`);
        // On the EC2 launch type ECS sets no maximum (120 s is Fargate's); the instance's agent default is 30 s.
        options.stopTimeout = Math.ceil(ms / 1000);
    }
    const add = capabilities(raw.cap_add, 'cap_add', drop);
    const removed = capabilities(raw.cap_drop, 'cap_drop', drop);
    if (add.length > 0 || removed.length > 0) {
        options.capabilities = { ...(add.length > 0 && { add }), ...(removed.length > 0 && { drop: removed }) };
    }
    if (isTrue(raw.read_only))
        options.readonlyRootFilesystem = true;
    if (isTrue(raw.privileged))
        options.privileged = true;
    if (raw.sysctls !== undefined && raw.sysctls !== null) {
        const controls = Object.entries(stringMapOf(raw.sysctls, `${where} sysctls`));
        if (controls.length > 0)
            options.systemControls = controls.map(([namespace, value]) => ({ namespace, value }));
    }
    const dns = listOf(raw.dns);
    if (dns.length > 0)
        options.dnsServers = dns;
    const search = listOf(raw.dns_search);
    if (search.length > 0)
        options.dnsSearchDomains = search;
    const security = listOf(raw.security_opt).flatMap(option => {
        const normalised = option.replace(/^no-new-privileges(:true|=true)?$/, 'no-new-privileges');
        if (normalised === 'no-new-privileges' || /^(apparmor|label)[:=]/.test(normalised))
            return [normalised.replace('=', ':')];
        if (!/^no-new-privileges(:|=)false$/.test(option))
            drop(`security_opt ${option}`, 'ECS takes only no-new-privileges, apparmor: and label: options');
        return [];
    });
    if (security.length > 0)
        options.dockerSecurityOptions = security;
    if (isTrue(raw.stdin_open))
        options.interactive = true;
    if (isTrue(raw.tty))
        options.pseudoTerminal = true;
    if (raw.cpu_shares !== undefined) {
        const shares = Number(raw.cpu_shares);
        if (!Number.isInteger(shares) || shares < 0)
            throw new errors/* ComposeError */.hp(`${where}: cpu_shares must be a whole number`);
        options.cpu = shares;
    }
    return { options, dropped, notes };
}
function healthCheck(value, where, notes) {
    if (!container_options_isRecord(value))
        throw new errors/* ComposeError */.hp(`${where}: healthcheck must be a mapping`);
    if (isTrue(value.disable))
        return undefined;
    const test = value.test;
    let command;
    if (typeof test === 'string')
        command = ['CMD-SHELL', test];
    else if (Array.isArray(test) && test.length > 0) {
        const [kind, ...rest] = test.map(String);
        if (kind === 'NONE')
            return undefined;
        if (kind !== 'CMD' && kind !== 'CMD-SHELL') {
            throw new errors/* ComposeError */.hp(`${where}: healthcheck test must start with CMD, CMD-SHELL or NONE`);
        }
        command = [kind, ...rest];
    }
    else if (test === undefined) {
        // The image's own HEALTHCHECK applies under compose, and on ECS too.
        return undefined;
    }
    else
        throw new errors/* ComposeError */.hp(`${where}: healthcheck test must be a string or a list`);
    const check = { command };
    const seconds = (key) => {
        const raw = value[key];
        if (raw === undefined)
            return undefined;
        const ms = (0,duration/* parseDuration */.E)(String(raw));
        if (ms === undefined)
            throw new errors/* ComposeError */.hp(`${where}: healthcheck ${key} "${String(raw)}" is not a duration`);
        return Math.round(ms / 1000);
    };
    const given = {
        interval: seconds('interval'),
        timeout: seconds('timeout'),
        retries: value.retries === undefined ? undefined : Number(value.retries),
        startPeriod: seconds('start_period')
    };
    for (const field of ['interval', 'timeout', 'retries', 'startPeriod']) {
        const limits = HEALTH_LIMITS[field];
        const wanted = given[field] ?? limits.compose;
        const clamped = Math.min(limits.max, Math.max(limits.min, wanted));
        if (given[field] !== undefined && clamped !== wanted) {
            notes.push(`healthcheck ${field} ${wanted} set to ${clamped}, within ECS's range ${limits.min}–${limits.max}`);
        }
        if (field !== 'startPeriod' || clamped > 0)
            check[field] = clamped;
    }
    if (value.start_interval !== undefined)
        notes.push('healthcheck start_interval dropped (ECS has no equivalent)');
    return check;
}
function tmpfsMount(entry, where, notes, drop) {
    const [containerPath = '', optionText = ''] = entry.split(/:(.*)/s);
    if (!containerPath.startsWith('/'))
        throw new errors/* ComposeError */.hp(`${where}: tmpfs path "${containerPath}" must be absolute`);
    let size;
    const mountOptions = [];
    for (const option of optionText.split(',').filter(Boolean)) {
        const [key = '', value] = option.split('=');
        if (key === 'size' && value !== undefined)
            size = (0,compose_memory/* toMiB */.Wg)((0,compose_memory/* parseByteValue */.zQ)(value, `${where} tmpfs ${containerPath} size`));
        else if (TMPFS_OPTIONS.has(key))
            mountOptions.push(option);
        else
            drop(`tmpfs ${containerPath} ${option}`, 'not a tmpfs mount option ECS accepts');
    }
    return tmpfsEntry(containerPath, size, mountOptions, notes, where);
}
function tmpfsEntry(containerPath, size, mountOptions, notes, where) {
    // docker reads `--tmpfs PATH:OPTIONS`: a ":" or "," in the path would smuggle options past the ones allowed.
    const problem = (0,docker_values/* containerPathProblem */.a)(containerPath);
    if (problem)
        throw new errors/* ComposeError */.hp(`${where}: tmpfs ${problem}`);
    if (size === undefined)
        notes.push(`tmpfs ${containerPath} has no size; ECS needs one: ${DEFAULT_TMPFS_MIB} MiB`);
    return {
        containerPath,
        size: size ?? DEFAULT_TMPFS_MIB,
        ...(mountOptions.length > 0 && { mountOptions })
    };
}
function capabilities(value, key, drop) {
    return listOf(value).flatMap(name => {
        const capability = name.toUpperCase().replace(/^CAP_/, '');
        if (CAPABILITIES.has(capability))
            return [capability];
        drop(`${key} ${name}`, 'not a capability ECS knows');
        return [];
    });
}
function extraHosts(value, where) {
    if (container_options_isRecord(value)) {
        return Object.entries(value).flatMap(([hostname, address]) => (Array.isArray(address) ? address : [address]).map(ip => ({ hostname, ipAddress: String(ip) })));
    }
    return listOf(value).map(entry => {
        const match = /^([^=:]+)[=:](.+)$/.exec(entry);
        if (!match)
            throw new errors/* ComposeError */.hp(`${where}: extra_hosts entry "${entry}" must be host=address`);
        return { hostname: match[1], ipAddress: match[2].replace(/^\[|\]$/g, '') };
    });
}
function isIpAddress(text) {
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (/^[0-9a-f:]+$/i.test(text) && text.includes(':'));
}
/** Compose's "list of KEY=VALUE or mapping" shape. */
function stringMapOf(value, where) {
    if (Array.isArray(value)) {
        return Object.fromEntries(value.map(item => {
            const line = String(item);
            const equals = line.indexOf('=');
            return equals < 0 ? [line, ''] : [line.slice(0, equals), line.slice(equals + 1)];
        }));
    }
    if (container_options_isRecord(value)) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [
            key,
            item === null || item === undefined ? '' : String(item)
        ]));
    }
    throw new errors/* ComposeError */.hp(`${where} must be a mapping or a list`);
}
function listOf(value) {
    if (value === undefined || value === null)
        return [];
    return (Array.isArray(value) ? value : [value]).map(String);
}
/** A compose boolean, also once interpolated ("true", "True", "1" as Go's ParseBool reads them). */
function isTrue(value) {
    return value === true || (typeof value === 'string' && /^(1|t|true)$/i.test(value.trim()));
}
function container_options_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/core/compose/dotenv.ts
var dotenv = __webpack_require__(9192);
;// CONCATENATED MODULE: ./src/core/compose/ports.ts
// Compose `ports` entries as compose and Docker read them (docker's
// nat.ParsePortSpec): `[ip:][hostPort:]containerPort[/protocol]`, where the
// host address may be empty (`:2283:2283`, what `${PORT-:2283:2283}` gives),
// the host port may be empty (`127.0.0.1::80`, Docker picks one), either side
// may be a range (`3000-3005`, `8000-8001:3000-3001`, `8000-8010:80`), and
// the long syntax gives target, published (a number, a string or a range),
// host_ip and protocol.

function parsePorts(value, where) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return longSyntax(value, where);
    const spec = String(value).trim();
    const fail = (why) => {
        throw new errors/* ComposeError */.hp(`${where}: cannot read port "${spec}": ${why}`);
    };
    const slash = spec.lastIndexOf('/');
    const protocolText = slash < 0 ? 'tcp' : spec.slice(slash + 1).toLowerCase();
    const body = slash < 0 ? spec : spec.slice(0, slash);
    const parts = body.split(':');
    const containerText = parts.at(-1);
    const hostText = parts.length >= 2 ? parts.at(-2) : '';
    const ipText = parts.length >= 3 ? parts.slice(0, -2).join(':') : '';
    const hostIp = ipText.replace(/^\[|\]$/g, '');
    if (hostIp !== '' && !ports_isIpAddress(hostIp))
        fail(`"${ipText}" is not an IP address`);
    return expand(range(containerText, fail, 'container port') ?? fail('no container port'), range(hostText, fail, 'host port'), hostIp, protocol(protocolText, fail), fail);
}
function longSyntax(value, where) {
    const fail = (why) => {
        throw new errors/* ComposeError */.hp(`${where}: ports entry ${JSON.stringify(value)}: ${why}`);
    };
    const target = range(value.target === undefined ? '' : String(value.target), fail, 'target');
    if (!target || target.start !== target.end)
        return fail('needs one numeric target');
    const published = value.published === undefined || value.published === null
        ? undefined
        : range(String(value.published), fail, 'published port');
    const hostIp = typeof value.host_ip === 'string' ? value.host_ip.replace(/^\[|\]$/g, '') : '';
    if (hostIp !== '' && !ports_isIpAddress(hostIp))
        fail(`host_ip "${hostIp}" is not an IP address`);
    const protocolText = value.protocol === undefined ? 'tcp' : String(value.protocol).toLowerCase();
    return expand(target, published, hostIp, protocol(protocolText, fail), fail);
}
/** One port entry per container port; a host range as long as the container range pairs up, one for a single port leaves the choice to Docker. */
function expand(container, host, hostIp, protocolName, fail) {
    const count = container.end - container.start + 1;
    const hostCount = host ? host.end - host.start + 1 : 0;
    if (host && hostCount !== count && count !== 1)
        fail('the host range and the container range differ in length');
    const ports = [];
    for (let offset = 0; offset < count; offset++) {
        const hostPort = host && hostCount === count ? host.start + offset : undefined;
        ports.push({
            containerPort: container.start + offset,
            ...(hostPort !== undefined && { hostPort }),
            ...(hostIp !== '' && { hostIp }),
            protocol: protocolName
        });
    }
    return ports;
}
function range(text, fail, what) {
    if (text === '')
        return undefined;
    const match = /^(\d+)(?:-(\d+))?$/.exec(text);
    if (!match)
        return fail(`${what} "${text}" is not a port or a range of ports`);
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (start > 65535 || end > 65535 || end < start)
        return fail(`${what} "${text}" is out of range`);
    return { start, end };
}
function protocol(text, fail) {
    if (text === 'tcp' || text === 'udp')
        return text;
    if (text === 'sctp')
        return fail('ECS port mappings take tcp or udp, not sctp');
    return fail(`unknown protocol "${text}"`);
}
function ports_isIpAddress(text) {
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (/^[0-9a-f:.]+$/i.test(text) && text.includes(':'));
}

// EXTERNAL MODULE: ./src/core/compose/dockerfile.ts
var compose_dockerfile = __webpack_require__(100);
;// CONCATENATED MODULE: ./src/core/compose/service-keys.ts
// Every compose service key, accounted for: read into the model and the
// container options, or dropped with the reason the user sees in a note.
/** Keys read into the model or the container options. */
const READ_KEYS = new Set([
    'build',
    'image',
    'platform',
    'command',
    'entrypoint',
    'environment',
    'env_file',
    'ports',
    'expose',
    'links',
    'depends_on',
    'volumes',
    'volumes_from',
    'mem_limit',
    'mem_reservation',
    'working_dir',
    'profiles',
    'extends',
    'user',
    'hostname',
    'extra_hosts',
    'ulimits',
    'labels',
    'healthcheck',
    'tmpfs',
    'shm_size',
    'init',
    'stop_grace_period',
    'cap_add',
    'cap_drop',
    'read_only',
    'privileged',
    'sysctls',
    'dns',
    'dns_search',
    'security_opt',
    'stdin_open',
    'tty',
    'cpu_shares',
    'deploy'
]);
/** Keys with no container-definition equivalent, and why. */
const DROPPED_KEYS = {
    restart: 'Beanstalk restarts the task when an essential container stops',
    networks: 'containers share the bridge network and reach each other through links (a host written as one of its aliases is linked under that name)',
    network_mode: 'containers share the bridge network and reach each other through links',
    container_name: 'ECS names containers; a host written as the container name is linked under that name',
    logging: 'container logs go to the log-driver input (awslogs by default)',
    secrets: 'compose secrets are files on the developer machine; pass secrets with the secrets input',
    configs: 'compose configs are files on the developer machine; mount a folder of the repository instead',
    pull_policy: 'ECS pulls the image when the task starts',
    stop_signal: 'ECS stops containers with SIGTERM; set STOPSIGNAL in the Dockerfile',
    pid: 'a task-level setting that Dockerrun v2 does not carry',
    ipc: 'a task-level setting that Dockerrun v2 does not carry',
    devices: 'host devices differ on a Beanstalk instance',
    external_links: 'containers outside the bundle cannot be linked',
    scale: 'every instance runs one copy; scale with the number of instances',
    cpus: 'ECS reserves CPU in units (cpu_shares maps to cpu)',
    cpu_count: 'no container-definition field',
    cpu_percent: 'no container-definition field',
    cpu_period: 'no container-definition field',
    cpu_quota: 'no container-definition field',
    cpu_rt_period: 'no container-definition field',
    cpu_rt_runtime: 'no container-definition field',
    cpuset: 'no container-definition field',
    domainname: 'no container-definition field',
    mac_address: 'no container-definition field',
    dns_opt: 'no container-definition field',
    oom_score_adj: 'no container-definition field',
    oom_kill_disable: 'no container-definition field',
    mem_swappiness: 'no container-definition field',
    memswap_limit: 'no container-definition field',
    pids_limit: 'no container-definition field',
    cgroup: 'no container-definition field',
    cgroup_parent: 'no container-definition field',
    userns_mode: 'no container-definition field',
    uts: 'no container-definition field',
    isolation: 'no container-definition field',
    runtime: 'no container-definition field',
    storage_opt: 'no container-definition field',
    group_add: 'no container-definition field',
    blkio_config: 'no container-definition field',
    device_cgroup_rules: 'no container-definition field',
    gpus: 'no container-definition field',
    credential_spec: 'no container-definition field on Linux',
    annotations: 'no container-definition field',
    label_file: 'labels from files are not read; write them under labels',
    attach: 'a compose CLI setting',
    develop: 'a compose watch setting for development',
    post_start: 'no container-definition field',
    pre_stop: 'no container-definition field',
    use_api_socket: 'the Docker socket of an instance is not the developer machine',
    provider: 'a compose extension',
    models: 'a compose extension'
};
/** build keys read into the image build. */
const BUILD_KEYS_READ = new Set(['context', 'dockerfile', 'dockerfile_inline', 'args', 'target']);
/** build keys the runner's build does not take, and why (a RUN --mount needing one fails the build, which says so). */
const BUILD_KEYS_DROPPED = {
    secrets: 'compose build secrets are files or variables of the developer machine; a RUN --mount=type=secret that requires one fails the build',
    ssh: "the runner's SSH agent is not forwarded into the build; a RUN --mount=type=ssh that requires it fails the build",
    platforms: "images are built for the runner's platform",
    additional_contexts: 'named build contexts are not passed to the build; a COPY --from=<name> that is not a stage or an image fails the build',
    cache_from: "the action's registry cache replaces it",
    cache_to: "the action's registry cache replaces it",
    no_cache: "the action's registry cache decides what is rebuilt",
    pull: 'base images are pulled as the builder does by default',
    labels: 'the action sets OCI labels of its own',
    tags: 'images are tagged with the version label in ECR',
    network: "the build uses the builder's default network",
    shm_size: "the build uses the builder's default",
    extra_hosts: "the build uses the builder's hosts",
    isolation: 'no equivalent on Linux builders',
    privileged: 'builds never run privileged on the runner',
    ulimits: "the build uses the builder's limits",
    entitlements: 'builds get no extra entitlements on the runner',
    provenance: 'the provenance input decides attestations',
    sbom: 'no SBOM attestation is attached'
};

// EXTERNAL MODULE: ./src/core/compose/variables.ts
var compose_variables = __webpack_require__(86821);
;// CONCATENATED MODULE: ./src/core/compose/service-build.ts
// A service's `build:` — context, Dockerfile (or dockerfile_inline), target, args — read into the model with
// what the Dockerfile puts into the image (dockerfile.ts). Remote contexts are refused; build keys with no
// equivalent are recorded as dropped.






function readBuild(value, where, inWorkspace, context, dropped) {
    const spec = typeof value === 'string' ? { context: value } : value;
    if (!container_options_isRecord(spec))
        throw new errors/* ComposeError */.hp(`${where}: build must be a path or a mapping`);
    const buildContext = String(spec.context ?? '.');
    if (/^[a-z]+:\/\/|^git@/.test(buildContext)) {
        throw new errors/* ComposeError */.hp(`${where}: remote build contexts (${buildContext}) are not supported; check the source out first`);
    }
    const contextPath = inWorkspace(buildContext);
    const dockerfile = spec.dockerfile === undefined ? 'Dockerfile' : String(spec.dockerfile);
    const target = spec.target === undefined ? undefined : String(spec.target);
    const dockerfilePath = external_node_path_.posix.join(contextPath, dockerfile);
    const inline = typeof spec.dockerfile_inline === 'string' ? spec.dockerfile_inline : undefined;
    if (inline !== undefined && spec.dockerfile !== undefined)
        throw new errors/* ComposeError */.hp(`${where}: build sets both dockerfile and dockerfile_inline; keep one`);
    const dockerfileText = inline ?? context.readFile(dockerfilePath);
    for (const key of Object.keys(spec)) {
        if (BUILD_KEYS_READ.has(key) || key.startsWith('x-'))
            continue;
        dropped.push({
            key: `build.${key}`,
            reason: BUILD_KEYS_DROPPED[key] ?? 'not a build key this action knows'
        });
    }
    // BuildKit reads <Dockerfile>.dockerignore before the context's .dockerignore.
    const ignoreText = context.readFile(`${dockerfilePath}.dockerignore`) ??
        context.readFile(external_node_path_.posix.join(contextPath, '.dockerignore'));
    const args = buildArgs(spec.args, where, context);
    return {
        context: contextPath,
        dockerfile,
        ...(inline !== undefined && { dockerfileInline: inline }),
        args,
        ...(target !== undefined && { target }),
        ...(dockerfileText !== undefined && {
            contents: (0,compose_dockerfile/* imageContents */.Y9)(dockerfileText, target, ignoreText === undefined ? [] : (0,compose_dockerfile/* parseDockerignore */.yr)(ignoreText), args)
        })
    };
}
/** Build args; one given without a value takes it from the environment compose runs in, as compose does. */
function buildArgs(value, where, context) {
    if (value === undefined || value === null)
        return {};
    const inherited = Array.isArray(value)
        ? value.map(String).filter(item => !item.includes('='))
        : container_options_isRecord(value)
            ? Object.keys(value).filter(key => value[key] === null || value[key] === undefined)
            : [];
    const args = stringMapOf(value, `${where} build.args`);
    // Each becomes one `--build-arg NAME=value` word, split at its first "=": a name holding "=" or a blank would
    // name another arg (`BUILDKIT_SYNTAX=attacker/frontend =x`, attack round 10).
    const malformed = Object.keys(args).find(name => !/^[^=\s]+$/.test(name));
    if (malformed !== undefined) {
        throw new errors/* ComposeError */.hp(`${where}: build.args name ${JSON.stringify(malformed)} holds "=" or a blank, which docker's --build-arg would split differently; rename it`);
    }
    for (const name of inherited) {
        const uses = context.variables.uses([name], `${where} build.args ${name}`);
        const credentials = (0,compose_variables/* credentialsIn */.Wr)(uses);
        if (credentials.length > 0)
            throw (0,compose_variables/* credentialError */.eP)(`${where} build.args ${name}`, credentials, 'build');
        const found = context.variables.lookup(name);
        if (found === undefined)
            delete args[name];
        else {
            args[name] = found;
            context.uses.set(`build.args.${name}`, uses);
        }
    }
    return args;
}

;// CONCATENATED MODULE: ./src/core/compose/shell-words.ts

/**
 * Splits a command string into words the way compose does for `command:` and
 * `entrypoint:` given as strings (POSIX shell quoting, no expansion). As in
 * compose (go-shellwords), the words end at an unquoted `;`, `&`, `|`, `<` or
 * `>`: `a && b` runs `a` only; `stopped` gets what is left out. An unquoted
 * parenthesis is refused, as compose refuses it.
 */
function shellWords(text, where, stopped) {
    const words = [];
    let current = '';
    let inWord = false;
    let quote;
    for (let index = 0; index < text.length; index++) {
        const char = text[index];
        if (quote === "'") {
            if (char === "'")
                quote = undefined;
            else
                current += char;
        }
        else if (quote === '"') {
            if (char === '"')
                quote = undefined;
            else if (char === '\\' && /["\\$`]/.test(text[index + 1] ?? ''))
                current += text[++index];
            else
                current += char;
        }
        else if (char === "'" || char === '"') {
            quote = char;
            inWord = true;
        }
        else if (char === '\\') {
            current += text[++index] ?? '';
            inWord = true;
        }
        else if (/[;&|<>]/.test(char)) {
            stopped?.(text.slice(index).trim());
            break;
        }
        else if (char === '(' || char === ')') {
            throw new errors/* ComposeError */.hp(`${where}: "${text}" is not a command line compose accepts (unquoted "${char}")`);
        }
        else if (/\s/.test(char)) {
            if (inWord)
                words.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += char;
            inWord = true;
        }
    }
    if (quote)
        throw new errors/* ComposeError */.hp(`${where}: unterminated ${quote} quote in "${text}"`);
    if (inWord)
        words.push(current);
    return words;
}

;// CONCATENATED MODULE: ./src/core/compose/service.ts
// One compose service, already interpolated (except its environment, which is
// interpolated here so that where each value came from is kept), turned into
// a ComposeService. Every key is accounted for: read, mapped to a container
// option, or recorded as dropped with the reason.












function normaliseService(name, raw, context) {
    const where = `service "${name}"`;
    const text = (value, field) => {
        if (typeof value === 'number' || typeof value === 'boolean')
            return String(value);
        if (typeof value !== 'string')
            throw new errors/* ComposeError */.hp(`${where}: ${field} must be a string`);
        return value;
    };
    // Without a trailing slash, as compose resolves it (`./` and `.` are one folder: the compose file's).
    const inWorkspace = (path) => external_node_path_.posix.normalize(external_node_path_.posix.join(context.directory, path)).replace(/(?<=.)\/+$/, '');
    const { options, dropped, notes } = containerOptions(raw, where);
    const service = {
        name,
        environment: {},
        ports: [],
        expose: [],
        links: [],
        otherNames: otherNames(raw),
        dependsOn: [],
        volumes: [],
        volumesFrom: [],
        envFiles: [],
        profiles: Array.isArray(raw.profiles) ? raw.profiles.map(String) : [],
        anchored: context.anchored,
        memoryKeys: {},
        options,
        dropped,
        notes,
        secretBuildArgs: []
    };
    for (const key of Object.keys(raw)) {
        if (key.startsWith('x-') || READ_KEYS.has(key))
            continue;
        dropped.push({ key, reason: DROPPED_KEYS[key] ?? 'not a compose key this action knows' });
    }
    if (raw.build !== undefined && raw.build !== null) {
        service.build = readBuild(raw.build, where, inWorkspace, context, dropped);
        service.secretBuildArgs = Object.keys(service.build.args).filter(arg => (0,secret_names/* looksSecret */.n)(arg) || (context.uses.get(`build.args.${arg}`) ?? []).some(use => (0,secret_names/* looksSecret */.n)(use.name)));
    }
    if (raw.image !== undefined && raw.image !== null)
        service.image = text(raw.image, 'image');
    if (raw.platform !== undefined && raw.platform !== null)
        service.platform = text(raw.platform, 'platform');
    if (raw.command !== undefined && raw.command !== null)
        service.command = words(raw.command, 'command', where, notes);
    if (raw.entrypoint !== undefined && raw.entrypoint !== null) {
        service.entrypoint = words(raw.entrypoint, 'entrypoint', where, notes);
    }
    if (raw.working_dir !== undefined)
        service.workingDir = text(raw.working_dir, 'working_dir');
    // YAML reads an unquoted `restart: no` as false.
    if (raw.restart !== undefined && raw.restart !== null)
        service.restart = raw.restart === false ? 'no' : text(raw.restart, 'restart');
    for (const envFile of envFiles(raw.env_file, where)) {
        const path = inWorkspace(text(envFile.path, 'env_file'));
        const content = context.readFile(path);
        if (content === undefined) {
            if (envFile.required)
                throw new errors/* ComposeError */.hp(`${where}: env_file ${path} not found`);
            continue;
        }
        (0,compose_variables/* checkEnvFileSize */.Rg)(content, path);
        service.envFiles.push(path);
        const parsed = (0,dotenv/* parseDotenv */.q)(content, context.variables.lookup, path, envFile.format === 'raw', context.variables.quotable);
        for (const [key, entry] of parsed) {
            service.environment[key] = {
                kind: 'literal',
                value: entry.value,
                origin: 'env_file',
                variables: context.variables.uses(entry.fromLookup, `${where} env_file ${path} ${key}`)
            };
        }
    }
    Object.assign(service.environment, environment(raw.environment, context.variables, where));
    service.ports = (Array.isArray(raw.ports) ? raw.ports : raw.ports === undefined || raw.ports === null ? [] : [raw.ports]).flatMap(port => parsePorts(port, where));
    service.expose = list(raw.expose, 'expose', where).map(entry => {
        const port = Number(String(entry).split('/')[0]);
        if (!Number.isInteger(port))
            throw new errors/* ComposeError */.hp(`${where}: cannot read expose "${String(entry)}"`);
        return port;
    });
    service.links = list(raw.links, 'links', where).map(link => {
        const [target, alias] = text(link, 'links').split(':');
        return { service: target, ...(alias && { alias }) };
    });
    service.dependsOn = service_dependencies(raw.depends_on, where);
    for (const volume of list(raw.volumes, 'volumes', where)) {
        const mount = parseMount(volume, inWorkspace, where);
        if (mount.type === 'tmpfs') {
            options.tmpfs = [...(options.tmpfs ?? []), tmpfsEntry(mount.target, mount.size, [], notes, where)];
        }
        else
            service.volumes.push(mount);
    }
    service.volumesFrom = list(raw.volumes_from, 'volumes_from', where).flatMap(entry => {
        const [source = '', mode] = String(entry).split(':');
        if (source === 'container') {
            dropped.push({
                key: `volumes_from ${String(entry)}`,
                reason: 'containers outside the bundle cannot share volumes'
            });
            return [];
        }
        return [{ service: source, readOnly: mode === 'ro' }];
    });
    readDeploy(raw, service, where);
    return service;
}
function readDeploy(raw, service, where) {
    const deploy = service_isRecord(raw.deploy) ? raw.deploy : {};
    const memory = (key, deployPath) => {
        // Both given are equal (checked above); 0 means "no limit" in compose and Docker.
        const [source, value] = raw[key] !== undefined && raw[key] !== null
            ? [key, raw[key]]
            : [deployPath.join('.'), dig(raw, deployPath)];
        if (value === undefined || value === null || value === '')
            return undefined;
        const bytes = (0,compose_memory/* parseByteValue */.zQ)(value, `${where} ${source}`);
        if (bytes === 0) {
            service.notes.push(`${source} 0 means no limit in compose and Docker: none set`);
            return undefined;
        }
        return { bytes, key: source };
    };
    for (const [key, deployPath] of [
        ['mem_limit', 'deploy.resources.limits.memory'],
        ['mem_reservation', 'deploy.resources.reservations.memory']
    ]) {
        const given = raw[key];
        const deployed = dig(raw, deployPath.split('.'));
        if (given !== undefined &&
            given !== null &&
            deployed !== undefined &&
            deployed !== null &&
            (0,compose_memory/* parseByteValue */.zQ)(given, `${where} ${key}`) !== (0,compose_memory/* parseByteValue */.zQ)(deployed, `${where} ${deployPath}`))
            throw new errors/* ComposeError */.hp(`${where}: ${key} and ${deployPath} differ; compose refuses distinct values, keep one`);
    }
    const limit = memory('mem_limit', ['deploy', 'resources', 'limits', 'memory']);
    const reservation = memory('mem_reservation', ['deploy', 'resources', 'reservations', 'memory']);
    if (limit) {
        service.memoryLimit = limit.bytes;
        service.memoryKeys.limit = limit.key;
    }
    if (reservation) {
        service.memoryReservation = reservation.bytes;
        service.memoryKeys.reservation = reservation.key;
    }
    for (const key of Object.keys(deploy)) {
        if (key === 'resources') {
            const resources = service_isRecord(deploy.resources) ? deploy.resources : {};
            for (const [kind, spec] of Object.entries(resources)) {
                for (const field of Object.keys(service_isRecord(spec) ? spec : {})) {
                    if (field !== 'memory') {
                        service.dropped.push({
                            key: `deploy.resources.${kind}.${field}`,
                            reason: 'ECS reserves memory per container; CPU and devices are not set'
                        });
                    }
                }
            }
        }
        else {
            service.dropped.push({
                key: `deploy.${key}`,
                reason: key === 'replicas'
                    ? 'every instance runs one copy; scale with the number of instances'
                    : 'a swarm setting with no container-definition field'
            });
        }
    }
}
function service_dependencies(value, where) {
    if (value === undefined || value === null)
        return [];
    if (Array.isArray(value))
        return value.map(item => ({ service: String(item), condition: 'started', required: true }));
    if (!service_isRecord(value))
        throw new errors/* ComposeError */.hp(`${where}: depends_on must be a list or a mapping`);
    return Object.entries(value).map(([service, spec]) => {
        const condition = service_isRecord(spec) ? spec.condition : undefined;
        const mapped = condition === undefined || condition === 'service_started'
            ? 'started'
            : condition === 'service_healthy'
                ? 'healthy'
                : condition === 'service_completed_successfully'
                    ? 'completed'
                    : undefined;
        if (!mapped)
            throw new errors/* ComposeError */.hp(`${where}: depends_on ${service} has an unknown condition "${String(condition)}"`);
        return {
            service,
            condition: mapped,
            required: !(service_isRecord(spec) && (spec.required === false || spec.required === 'false'))
        };
    });
}
function words(value, field, where, notes) {
    if (typeof value === 'string')
        return shellWords(value, `${where} ${field}`, rest => notes.push(`${field} stops before "${rest}", as compose reads it (no shell runs it): write it as [sh, -c, "…"] to run it all`));
    if (Array.isArray(value))
        return value.map(String);
    throw new errors/* ComposeError */.hp(`${where}: ${field} must be a string or a list`);
}
function environment(value, variables, where) {
    const entries = Array.isArray(value)
        ? value.map(item => {
            const line = String(item);
            const equals = line.indexOf('=');
            return equals < 0 ? [line, null] : [line.slice(0, equals), line.slice(equals + 1)];
        })
        : service_isRecord(value)
            ? Object.entries(value)
            : value === undefined || value === null
                ? []
                : (() => {
                    throw new errors/* ComposeError */.hp(`${where}: environment must be a mapping or a list`);
                })();
    const result = {};
    for (const [key, raw] of entries) {
        if (raw === null || raw === undefined) {
            result[key] = { kind: 'runtime', variable: key };
            continue;
        }
        const rawText = String(raw);
        // Exactly "${VAR}": a value from the deploy environment, never from the runner (it may be a secret).
        const reference = (0,interpolate/* soleReference */.d)(rawText);
        // …unless `.env` alone gives it: a value like any other, or, when its name looks secret, still
        // left to the environment (a development secret is not shipped) with a note saying so.
        const fromDotenv = reference ? variables.dotenvValue(reference) : undefined;
        if (reference && (fromDotenv === undefined || (0,secret_names/* looksSecret */.n)(reference) || (0,secret_names/* looksSecret */.n)(key))) {
            result[key] = {
                kind: 'runtime',
                variable: reference,
                ...(fromDotenv !== undefined && { dotenv: fromDotenv })
            };
            continue;
        }
        const interpolated = (0,interpolate/* interpolate */.G)(rawText, variables.lookup, `${where} environment ${key}`, variables.quotable);
        result[key] = {
            kind: 'literal',
            value: interpolated.value,
            origin: 'compose',
            variables: variables.uses(interpolated.used, `${where} environment ${key}`)
        };
    }
    return result;
}
function envFiles(value, where) {
    if (value === undefined || value === null)
        return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map(item => {
        if (service_isRecord(item)) {
            return {
                path: item.path,
                required: item.required !== false,
                ...(typeof item.format === 'string' && { format: item.format })
            };
        }
        if (typeof item === 'string')
            return { path: item, required: true };
        throw new errors/* ComposeError */.hp(`${where}: env_file entries must be paths`);
    });
}
function parseMount(value, inWorkspace, where) {
    let type;
    let source;
    let target;
    let readOnly = false;
    let size;
    if (service_isRecord(value)) {
        type = value.type === 'bind' ? 'bind' : value.type === 'tmpfs' ? 'tmpfs' : 'volume';
        source = value.source === undefined || value.source === null ? undefined : String(value.source);
        target = String(value.target ?? '');
        readOnly = isTrue(value.read_only);
        const tmpfsSize = service_isRecord(value.tmpfs) ? value.tmpfs.size : undefined;
        if (tmpfsSize !== undefined)
            size = (0,compose_memory/* toMiB */.Wg)((0,compose_memory/* parseByteValue */.zQ)(tmpfsSize, `${where} tmpfs ${target} size`));
    }
    else {
        const parts = String(value).split(':');
        if (parts.length === 1)
            return { type: 'volume', target: parts[0], readOnly: false };
        source = parts[0];
        target = parts[1];
        readOnly = (parts[2] ?? '').split(',').includes('ro');
        type = /^[./~]/.test(source) ? 'bind' : 'volume';
    }
    if (!target)
        throw new errors/* ComposeError */.hp(`${where}: volume entry needs a target path`);
    // compose cleans the container path (/etc/nginx/conf.d/ is /etc/nginx/conf.d).
    target = external_node_path_.posix.normalize(target).replace(/(.)\/+$/, '$1');
    if (type === 'bind' && source !== undefined) {
        if (source.startsWith('/') || source.startsWith('~'))
            return { type, source, hostPath: true, target, readOnly };
        const resolved = inWorkspace(source);
        if (resolved.startsWith('..'))
            return { type, source: resolved, hostPath: true, target, readOnly };
        return { type, source: resolved, target, readOnly };
    }
    return {
        type,
        ...(source !== undefined && { source }),
        target,
        readOnly,
        ...(size !== undefined && { size })
    };
}
function list(value, field, where) {
    if (value === undefined || value === null)
        return [];
    if (Array.isArray(value))
        return value;
    throw new errors/* ComposeError */.hp(`${where}: ${field} must be a list`);
}
function dig(value, path) {
    return path.reduce((node, key) => (service_isRecord(node) ? node[key] : undefined), value);
}
function service_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** container_name and the aliases of each network (`networks: {default: {aliases: [db.local]}}`). */
function otherNames(raw) {
    const names = typeof raw.container_name === 'string' && raw.container_name !== '' ? [raw.container_name] : [];
    if (raw.networks !== null && typeof raw.networks === 'object' && !Array.isArray(raw.networks)) {
        for (const network of Object.values(raw.networks)) {
            const aliases = network !== null && typeof network === 'object' ? network.aliases : undefined;
            if (Array.isArray(aliases))
                names.push(...aliases.filter((alias) => typeof alias === 'string'));
        }
    }
    return [...new Set(names)];
}

;// CONCATENATED MODULE: ./src/core/compose/yaml-depth.ts
// How deep a YAML text nests, read from the yaml library's concrete syntax
// tree (its Parser keeps an explicit stack, so any depth is read without
// recursion). The document composer and toJS recurse once per level: a
// file nested tens of thousands of levels deep would exhaust the call stack
// ("Maximum call stack size exceeded"). Such a file is refused first, with
// the limit named.

/** Far beyond any compose file (services → web → healthcheck → test → item is 5); far below the stack's reach. */
const MAX_YAML_DEPTH = 64;
/** The offset of the first node nested deeper than `limit`, or undefined when none is. */
function tooDeepAt(text, limit = MAX_YAML_DEPTH) {
    for (const token of new dist/* Parser */.iX().parse(text)) {
        const stack = [[token.value, 1]];
        while (stack.length > 0) {
            const [node, depth] = stack.pop();
            if (!node || typeof node !== 'object')
                continue;
            if (depth > limit)
                return node.offset ?? 0;
            for (const item of node.items ?? [])
                stack.push([item.key, depth + 1], [item.value, depth + 1]);
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/compose/yaml.ts
// The compose file's YAML, read within bounds: a size limit checked before
// parsing, and duplicate keys found in one pass over each mapping (the yaml
// library's own uniqueKeys check compares every key with every other one:
// 40 000 keys took 27 s, a 50 MB file never finished).



/** Far above any hand-written compose file (the largest public ones are ~100 KiB). */
const MAX_COMPOSE_BYTES = 1024 * 1024;
/** Anchors expanded into at most this many copies (a "billion laughs" file stops here). */
const MAX_ALIAS_COUNT = 1000;
function parseComposeYaml(text, path) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_COMPOSE_BYTES) {
        throw new errors/* ComposeError */.hp(`${path} is ${(bytes / 1024 / 1024).toFixed(1)} MiB; a compose file may be at most ${MAX_COMPOSE_BYTES / 1024 / 1024} MiB`);
    }
    const deep = tooDeepAt(text);
    if (deep !== undefined) {
        throw new errors/* ComposeError */.hp(`${path} line ${lineAt(text, deep)}: YAML nested more than ${MAX_YAML_DEPTH} levels deep; at most ${MAX_YAML_DEPTH} levels are read (a compose file needs fewer than 10)`);
    }
    const document = (0,dist/* parseDocument */.Tp)(text, { merge: true, uniqueKeys: false, prettyErrors: false });
    if (document.errors.length > 0) {
        // linePos is only filled in with prettyErrors; pos (character offsets) always is.
        const first = document.errors[0];
        throw new errors/* ComposeError */.hp(`${path} line ${lineAt(text, first.pos[0])}: invalid YAML: ${first.message.split('\n')[0]}`);
    }
    const duplicate = firstDuplicateKey(document);
    if (duplicate) {
        throw new errors/* ComposeError */.hp(`${path} line ${lineAt(text, duplicate.offset)}: invalid YAML: Map keys must be unique ("${duplicate.key}" appears twice)`);
    }
    let root;
    try {
        root = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        throw new errors/* ComposeError */.hp(`${path}: invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { document, root };
}
function firstDuplicateKey(document) {
    let found;
    (0,dist/* visit */.YR)(document, {
        Map(_key, map) {
            const seen = new Set();
            for (const pair of map.items) {
                const key = pair.key;
                // Non-scalar keys do not occur in compose files. A repeated merge key (<<) is refused too, as compose does.
                if (!(0,dist/* isScalar */.jn)(key))
                    continue;
                // A merge key's value is a symbol: its source is `<<`.
                const name = key.source ?? String(key.value);
                if (seen.has(name)) {
                    found = { key: name, offset: key.range?.[0] ?? 0 };
                    return dist/* visit */.YR.BREAK;
                }
                seen.add(name);
            }
            return undefined;
        }
    });
    return found;
}
function lineAt(text, offset) {
    let line = 1;
    for (let index = 0; index < offset && index < text.length; index++)
        if (text[index] === '\n')
            line++;
    return line;
}

;// CONCATENATED MODULE: ./src/core/compose/load.ts
// Reads a compose file into a ComposeProject. Pure: the file's text, the
// runner's environment and a workspace file lookup come in as arguments.
// Compose's order: YAML (anchors, merge keys) → extends → interpolation of
// every value from the runner's environment and `.env` → the model.








/** Compose files one project may read (its own and included ones): a bound on fan-out, far above real projects. */
const MAX_FILES = 100;
/** Services of one project: far above real ones (a task holds ten containers), a bound on a file's cost. */
const MAX_SERVICES = 500;
function loadCompose(given) {
    // Each file read once: services that share an env_file or a Dockerfile (an anchored list of 50,000 entries) ask
    // for it again and again.
    const reads = new Map();
    const source = {
        ...given,
        readFile: (path, skipOver) => {
            const key = `${skipOver ?? ''}\0${path}`;
            if (!reads.has(key))
                reads.set(key, given.readFile(path, skipOver));
            return reads.get(key);
        }
    };
    const directory = external_node_path_.posix.dirname(external_node_path_.posix.normalize(source.path));
    const dotenvPath = external_node_path_.posix.join(directory, '.env');
    const variables = new compose_variables/* ProjectVariables */.fY(source.env, source.readFile(dotenvPath), dotenvPath, undefined, source.runnerVariableNamed);
    const loaded = loadFile(source, source.path, source.text, directory, variables, [source.path], {
        files: 1,
        services: 0
    });
    if (Object.keys(loaded.services).length === 0)
        throw new errors/* ComposeError */.hp(`${source.path}: defines no services`);
    const profiles = variables.lookup('COMPOSE_PROFILES');
    // The active profiles are printed (a note, the job summary): never a runner credential `.env` built them from,
    // nor a runner variable the workflow did not name (attack round 8: `COMPOSE_PROFILES=x${DATABASE_URL}`).
    variables.uses(['COMPOSE_PROFILES'], 'COMPOSE_PROFILES');
    const profileCredentials = variables.runnerCredentials(['COMPOSE_PROFILES']);
    if (profileCredentials.length > 0)
        throw (0,compose_variables/* credentialError */.eP)('COMPOSE_PROFILES', profileCredentials, 'value');
    const activeProfiles = profiles === undefined || profiles.trim() === ''
        ? ['']
        : profiles
            .split(',')
            .map(profile => profile.trim())
            .filter(Boolean);
    return {
        directory,
        services: loaded.services,
        namedVolumes: loaded.namedVolumes,
        activeProfiles,
        notes: loaded.notes,
        files: {
            readFile: (path, skipOver) => source.readFile(path, skipOver),
            ...(source.listFolder && {
                listFolder: (path, limit) => source.listFolder?.(path, limit)
            })
        }
    };
}
/** One compose file and the files it includes; paths in each are relative to its own folder (or project_directory). */
function loadFile(source, path, text, directory, variables, chain, 
/** Files and services read so far, across the whole project: includes fan out (each file may list the next twice). */
read) {
    const { document, root } = parseComposeYaml(text, path);
    if (!load_isRecord(root))
        throw new errors/* ComposeError */.hp(`${path}: expected a mapping of services at the top level`);
    const notes = [];
    const services = {};
    const namedVolumes = [];
    // Included files first: compose refuses a service defined both there and here.
    const included = new Map();
    for (const entry of includeEntries(root.include, path, directory, variables)) {
        const paths = entry.paths;
        if (paths.length !== 1) {
            throw new errors/* ComposeError */.hp(`${path}: include of ${paths.join(', ')} as one project (several paths in one entry) is not supported; include each file as its own entry`);
        }
        const includedPath = paths[0];
        if (chain.includes(includedPath))
            throw new errors/* ComposeError */.hp(`${path}: include forms a cycle (${[...chain, includedPath].join(' → ')})`);
        if (++read.files > MAX_FILES)
            throw new errors/* ComposeError */.hp(`${path}: include reads more than ${MAX_FILES} compose files (is a file included more than once?); the action reads at most ${MAX_FILES}`);
        const includedText = source.readFile(includedPath);
        if (includedText === undefined)
            throw new errors/* ComposeError */.hp(`${path}: included file ${includedPath} not found`);
        const envText = entry.envFiles.map(file => {
            const content = source.readFile(file);
            if (content === undefined && entry.envFilesGiven)
                throw new errors/* ComposeError */.hp(`${path}: env_file ${file} of include ${includedPath} not found`);
            return content ?? '';
        });
        const childVariables = new compose_variables/* ProjectVariables */.fY(source.env, envText.join('\n'), entry.envFiles.join(', '), variables);
        const child = loadFile(source, includedPath, includedText, entry.directory, childVariables, [...chain, includedPath], read);
        for (const [name, service] of Object.entries(child.services)) {
            const other = included.get(name);
            if (other)
                throw new errors/* ComposeError */.hp(`${path}: service "${name}" is defined by both ${other} and ${includedPath}`);
            included.set(name, includedPath);
            services[name] = service;
        }
        namedVolumes.push(...child.namedVolumes.filter(volume => !namedVolumes.includes(volume)));
        notes.push(...child.notes);
    }
    let rawServices;
    let servicesNode;
    if ('services' in root || 'include' in root) {
        if (root.services !== undefined && root.services !== null && !load_isRecord(root.services))
            throw new errors/* ComposeError */.hp(`${path}: "services" must be a mapping of services`);
        rawServices = load_isRecord(root.services) ? root.services : {};
        servicesNode = document.get('services', true);
    }
    else {
        // Compose file format v1: services at the top level, no "services:" key.
        rawServices = Object.fromEntries(Object.entries(root).filter(([key]) => !['version', 'name', 'volumes', 'networks'].includes(key) && !key.startsWith('x-')));
        servicesNode = document.contents ?? undefined;
        notes.push(`${path} uses the legacy v1 format (no "services:" key); read as services at the top level`);
    }
    if ('version' in root)
        notes.push(`the "version" key (${String(root.version)}) is obsolete in compose and was ignored`);
    const anchored = anchoredServices(servicesNode);
    const resolved = resolveExtends(rawServices, path);
    for (const [name, raw] of Object.entries(resolved)) {
        if (name.startsWith('x-'))
            continue;
        const from = included.get(name);
        if (from) {
            throw new errors/* ComposeError */.hp(`${path}: service "${name}" is also defined by the included file ${from}; the action does not merge a definition over an included one (Compose 2.26 refuses it, later releases merge it): move these keys into ${from}, or rename one of the two`);
        }
        if (++read.services > MAX_SERVICES)
            throw new errors/* ComposeError */.hp(`${path}: more than ${MAX_SERVICES} services; the action reads at most ${MAX_SERVICES}`);
        const uses = new Map();
        services[name] = normaliseService(name, interpolateService(name, raw, variables, uses, notes), {
            directory,
            variables,
            readFile: file => source.readFile(file),
            anchored: anchored.has(name),
            uses
        });
    }
    if (load_isRecord(root.volumes))
        namedVolumes.push(...Object.keys(root.volumes).filter(volume => !namedVolumes.includes(volume)));
    return { services, namedVolumes, notes };
}
/** The compose-spec `include` forms: a path, or {path (one or a list), project_directory, env_file}. */
function includeEntries(value, path, directory, variables) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value))
        throw new errors/* ComposeError */.hp(`${path}: include must be a list`);
    const text = (item, field) => {
        if (typeof item !== 'string' || item === '')
            throw new errors/* ComposeError */.hp(`${path}: include ${field} must be a path`);
        // The rules of every other value: a path printed in a "not found" line must not carry a runner credential.
        const where = `${path} include ${field}`;
        const result = (0,interpolate/* interpolate */.G)(item, variables.lookup, where, variables.quotable);
        const credentials = (0,compose_variables/* credentialsIn */.Wr)(variables.uses(result.used, where));
        if (credentials.length > 0)
            throw (0,compose_variables/* credentialError */.eP)(where, credentials, 'value');
        return result.value;
    };
    const inFolder = (item) => external_node_path_.posix.normalize(external_node_path_.posix.join(directory, item));
    return value.map(item => {
        const spec = load_isRecord(item) ? item : { path: item };
        const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).map(entry => inFolder(text(entry, 'path')));
        const projectDirectory = spec.project_directory === undefined
            ? external_node_path_.posix.dirname(paths[0])
            : inFolder(text(spec.project_directory, 'project_directory'));
        const envFilesGiven = spec.env_file !== undefined && spec.env_file !== null;
        const envFiles = envFilesGiven
            ? (Array.isArray(spec.env_file) ? spec.env_file : [spec.env_file]).map(entry => inFolder(text(entry, 'env_file')))
            : [external_node_path_.posix.join(projectDirectory, '.env')];
        for (const resolved of [...paths, projectDirectory, ...envFiles]) {
            if (resolved.startsWith('..'))
                throw new errors/* ComposeError */.hp(`${path}: include ${resolved} lies outside the workspace`);
        }
        return { paths, directory: projectDirectory, envFiles, envFilesGiven };
    });
}
/**
 * Compose interpolates every value of the file. The environment is left to
 * normaliseService, which keeps where each value came from (and leaves an
 * exact "${VAR}" to the Beanstalk environment). A runner credential reaching
 * anything else (image, command, build args, labels…) is refused here: those
 * values leave the runner in the bundle or the image.
 */
function interpolateService(name, raw, variables, uses, notes) {
    const walk = (value, path) => {
        if (typeof value === 'string') {
            const where = `service "${name}" ${path.join('.')}`;
            const result = (0,interpolate/* interpolate */.G)(value, variables.lookup, where, variables.quotable);
            // Compose warns "The "X" variable is not set. Defaulting to a blank string." and goes on; so does the plan.
            if (result.unset.length > 0) {
                notes.push(`${where}: ${result.unset.map(variable => `\${${variable}}`).join(', ')} ${result.unset.length === 1 ? 'is' : 'are'} set neither in the runner's environment nor in .env: a blank string, as compose makes it; set it in the workflow's env: or .env, or give it a default (\${NAME:-value})`);
            }
            if (result.used.length > 0) {
                const used = variables.uses(result.used, where);
                const credentials = (0,compose_variables/* credentialsIn */.Wr)(used);
                if (credentials.length > 0)
                    throw (0,compose_variables/* credentialError */.eP)(where, credentials, path[0] === 'build' ? 'build' : 'value');
                uses.set(path.join('.'), used);
            }
            return result.value;
        }
        if (Array.isArray(value))
            return value.map((item, index) => walk(item, [...path, String(index)]));
        if (load_isRecord(value)) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [
                key,
                key.startsWith('x-') || (path.length === 0 && key === 'environment')
                    ? item
                    : walk(item, [...path, key])
            ]));
        }
        return value;
    };
    return walk(raw, []);
}
/** Services whose YAML node carries an anchor that other services merge (`<<: *app`). */
function anchoredServices(servicesNode) {
    const anchored = new Set();
    if (!servicesNode || !(0,dist/* isMap */.jh)(servicesNode))
        return anchored;
    const usedAnchors = new Set();
    (0,dist/* visit */.YR)(servicesNode, {
        Alias(_key, alias) {
            usedAnchors.add(alias.source);
        }
    });
    for (const pair of servicesNode.items) {
        const value = pair.value;
        if (value && !(0,dist/* isAlias */.Vj)(value) && value.anchor && usedAnchors.has(value.anchor) && (0,dist/* isScalar */.jn)(pair.key)) {
            anchored.add(String(pair.key.value));
        }
    }
    return anchored;
}
/** Same-file `extends:` (a service name, or {service}); other files are refused with a clear message. */
function resolveExtends(services, composePath) {
    const resolved = {};
    const resolve = (name, chain) => {
        const cached = resolved[name];
        if (cached)
            return cached;
        const raw = services[name];
        if (raw === null || raw === undefined)
            return {};
        if (!load_isRecord(raw))
            throw new errors/* ComposeError */.hp(`${composePath}: service "${name}" must be a mapping`);
        const ext = raw.extends;
        if (ext === undefined)
            return (resolved[name] = raw);
        const spec = typeof ext === 'string' ? { service: ext } : load_isRecord(ext) ? ext : undefined;
        if (!spec || typeof spec.service !== 'string') {
            throw new errors/* ComposeError */.hp(`service "${name}": extends must name a service`);
        }
        if (spec.file !== undefined) {
            throw new errors/* ComposeError */.hp(`service "${name}": extends from another file (${String(spec.file)}) is not supported; merge it into ${composePath}`);
        }
        if (chain.includes(spec.service))
            throw new errors/* ComposeError */.hp(`service "${name}": extends forms a cycle (${chain.join(' → ')})`);
        if (!(spec.service in services))
            throw new errors/* ComposeError */.hp(`service "${name}": extends unknown service "${spec.service}"`);
        const base = resolve(spec.service, [...chain, spec.service]);
        const { extends: _dropped, ...own } = raw;
        return (resolved[name] = mergeService(base, own));
    };
    for (const name of Object.keys(services))
        resolve(name, [name]);
    return resolved;
}
function load_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/adapters/workspace/files.ts
// The file-system side of planning: every file the action reads from the
// repository (the compose file, `.env` and env_files, Dockerfiles, build
// contexts, shipped folders, `.ebextensions`, `.platform`) is found here.
//
// Repository content is not trusted: a symlink to /proc/self/environ or to
// ~/.docker, a `../../` path, a FIFO that blocks forever. So every path is
// resolved with its symlinks followed and must stay inside the workspace;
// inside a shipped folder a symlink is followed only when it stays inside that
// folder; only regular files and folders are read. Anything else is a one-line
// error naming the repository path. Nothing under a `.git` is read at all:
// the runner keeps the job's token there (see checkout-credentials.ts).








/** Text files read from the repository (compose file, .env, Dockerfile) are small; a bigger one is a mistake or an attack. */
const MAX_TEXT_FILE_BYTES = 10 * 1024 * 1024;
/** A repository file that cannot be read safely; the message names its repository path. */
class WorkspaceError extends errors/* ComposeError */.hp {
}
function shown(workspace, file) {
    const relative = external_node_path_default().relative(workspace, file);
    return relative === '' ? '.' : relative.split((external_node_path_default()).sep).join('/');
}
function isInside(folder, file) {
    const relative = external_node_path_default().relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !external_node_path_default().isAbsolute(relative));
}
function kindOf(stats) {
    if (stats.isFIFO())
        return 'a FIFO';
    if (stats.isSocket())
        return 'a socket';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isDirectory())
        return 'a folder';
    return 'not a regular file';
}
/**
 * The real path of a workspace-relative path (symlinks followed), or undefined
 * when nothing is there. Throws a WorkspaceError when it leads outside the
 * workspace or cannot be resolved (a symlink loop, no permission).
 */
function resolveInWorkspace(workspace, relative, what) {
    const root = (0,external_node_fs_.realpathSync)(workspace);
    const lexical = external_node_path_default().resolve(workspace, relative);
    const name = `${what} ${shown(workspace, lexical)}`;
    if ((0,checkout_credentials/* isGitPath */.oP)(external_node_path_default().relative(workspace, lexical)))
        throw new WorkspaceError(`${name} ${checkout_credentials/* GIT_REFUSAL */.ox}`);
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(lexical);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return undefined;
        // A path through a file can never be created by a checkout: say which part is the file.
        if (code === 'ENOTDIR')
            throw new WorkspaceError(`${name} cannot exist: ${fileOnTheWay(workspace, lexical)} is a file, not a folder`);
        if (code === 'ELOOP')
            throw new WorkspaceError(`${name} is a symlink loop`);
        throw new WorkspaceError(`${name} cannot be read (${code ?? error.message})`);
    }
    if (!isInside(root, real)) {
        throw new WorkspaceError(`${name} resolves to ${real}, outside the workspace: only files of the repository are read`);
    }
    if ((0,checkout_credentials/* isGitPath */.oP)(external_node_path_default().relative(root, real)))
        throw new WorkspaceError(`${name} resolves to ${shown(root, real)}, which ${checkout_credentials/* GIT_REFUSAL */.ox}`);
    return real;
}
/** The first part of `lexical`, from the workspace down, that exists and is not a folder. */
function fileOnTheWay(workspace, lexical) {
    let current = external_node_path_default().resolve(workspace);
    for (const part of external_node_path_default().relative(current, lexical).split((external_node_path_default()).sep)) {
        current = external_node_path_default().join(current, part);
        if (!(0,external_node_fs_.statSync)(current, { throwIfNoEntry: false })?.isDirectory())
            break;
    }
    return shown(workspace, current);
}
/**
 * Reads a regular file of the repository as UTF-8, or undefined when it does
 * not exist. A FIFO, device or socket is refused without being opened for a
 * blocking read, and so is a file over MAX_TEXT_FILE_BYTES.
 */
function readWorkspaceText(workspace, relative, what) {
    const real = resolveInWorkspace(workspace, relative, what);
    if (real === undefined)
        return undefined;
    const name = `${what} ${shown(workspace, external_node_path_default().resolve(workspace, relative))}`;
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
    const fd = (0,external_node_fs_.openSync)(real, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK | external_node_fs_.constants.O_NOFOLLOW);
    try {
        const stats = (0,external_node_fs_.fstatSync)(fd);
        if (!stats.isFile())
            throw new WorkspaceError(`${name} is ${kindOf(stats)}, not a file`);
        if (stats.size > MAX_TEXT_FILE_BYTES) {
            throw new WorkspaceError(`${name} is larger than ${MAX_TEXT_FILE_BYTES / (1024 * 1024)} MiB`);
        }
        const buffer = Buffer.alloc(stats.size);
        let offset = 0;
        while (offset < buffer.length) {
            const read = (0,external_node_fs_.readSync)(fd, buffer, offset, buffer.length - offset, offset);
            if (read === 0)
                break;
            offset += read;
        }
        return buffer.subarray(0, offset).toString('utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** The files compose looks for when none is named, in its order (compose-spec "Compose file"). */
const DEFAULT_COMPOSE_FILES = [
    'compose.yaml',
    'compose.yml',
    'docker-compose.yaml',
    'docker-compose.yml'
];
/** The compose file compose would pick in the workspace root, and the other candidates it ignores. */
function defaultComposeFile(workspace) {
    const found = DEFAULT_COMPOSE_FILES.filter(name => {
        const real = resolveInWorkspace(workspace, name, 'compose file');
        return real !== undefined && (0,external_node_fs_.statSync)(real).isFile();
    });
    const [file, ...ignored] = found;
    if (file === undefined) {
        throw new errors/* InputError */.dz('compose-file', `none of ${DEFAULT_COMPOSE_FILES.join(', ')} is in ${workspace}: name the compose file with compose-file`);
    }
    return { file, ignored };
}
/**
 * The override file compose merges into a file of a default name
 * (compose.yaml → compose.override.yaml), when the workspace has one.
 */
function overrideFileOf(workspace, composeFile) {
    const match = /^(.*\/)?(compose|docker-compose)\.(yaml|yml)$/.exec(composeFile);
    if (!match)
        return undefined;
    const candidate = `${match[1] ?? ''}${match[2]}.override.${match[3]}`;
    const real = resolveInWorkspace(workspace, candidate, 'compose file');
    return real !== undefined && (0,external_node_fs_.statSync)(real).isFile() ? candidate : undefined;
}
function readCompose(workspace, composeFile, env, runnerVariableNamed) {
    const text = readWorkspaceText(workspace, composeFile, 'compose file');
    if (text === undefined) {
        throw new errors/* InputError */.dz('compose-file', `${composeFile} not found in ${workspace}`);
    }
    return loadCompose({
        path: external_node_path_default().relative(workspace, external_node_path_default().resolve(workspace, composeFile)).split((external_node_path_default()).sep).join('/'),
        text,
        env,
        ...(runnerVariableNamed && { runnerVariableNamed }),
        // A folder is not a file: the loader asks for folders too (a mount may be either).
        readFile: (relative, skipOver) => {
            const real = resolveInWorkspace(workspace, relative, 'file');
            if (real === undefined)
                return undefined;
            const stats = (0,external_node_fs_.statSync)(real);
            if (stats.isDirectory() || (skipOver !== undefined && stats.isFile() && stats.size > skipOver))
                return undefined;
            return readWorkspaceText(workspace, relative, 'file');
        },
        listFolder: (relative, limit) => listFolder(workspace, relative, limit)
    });
}
/**
 * Workspace-relative files under a folder of the repository, at most `limit`;
 * undefined when the path is no folder. The folder must resolve inside the
 * workspace; symlinks under it are not followed (they are not listed).
 */
function listFolder(workspace, relative, limit) {
    const root = resolveInWorkspace(workspace, relative, 'folder');
    if (root === undefined || !(0,external_node_fs_.statSync)(root).isDirectory())
        return undefined;
    const found = [];
    const walk = (folder) => {
        for (const entry of (0,external_node_fs_.readdirSync)(folder, { withFileTypes: true })) {
            if (found.length >= limit)
                return;
            if ((0,checkout_credentials/* isGitName */.M$)(entry.name))
                continue;
            const full = external_node_path_default().join(folder, entry.name);
            if (entry.isDirectory())
                walk(full);
            else if (entry.isFile())
                found.push(external_node_path_default().posix.join(relative, external_node_path_default().relative(root, full).split((external_node_path_default()).sep).join('/')));
        }
    };
    walk(root);
    return found;
}
/** Folders Beanstalk reads from the bundle root when they sit beside the compose file. */
const PLATFORM_FOLDERS = ['.ebextensions', '.platform'];
/** A zip without its 64-bit extension holds 65535 entries; symlinked folders could otherwise multiply without end. */
const MAX_SHIPPED_ENTRIES = 0xffff;
/**
 * Every file the bundle ships besides the Dockerrun: the plan's mounted paths
 * and the platform folders, checked (nothing is read yet). Runs before any
 * AWS call, so a bad tree fails first.
 */
function listBundleFiles(workspace, composeDirectory, plan) {
    const files = [];
    const budget = { entries: MAX_SHIPPED_ENTRIES };
    for (const file of plan.bundleFiles) {
        const source = resolveInWorkspace(workspace, file.source, 'mounted path');
        if (source === undefined) {
            throw new errors/* InputError */.dz('compose-file', `mounted path ${file.source} does not exist, so it cannot be shipped in the bundle`);
        }
        files.push(...shippedTree(workspace, source, file.target, budget));
    }
    for (const folder of PLATFORM_FOLDERS) {
        const relative = external_node_path_default().join(composeDirectory, folder);
        const source = resolveInWorkspace(workspace, relative, 'folder');
        if (source !== undefined)
            files.push(...shippedTree(workspace, source, folder, budget));
    }
    return files;
}
/**
 * The files of one shipped path (a file or a folder, already inside the
 * workspace). A symlink inside it is followed only when its target stays
 * inside the shipped folder; a folder reached twice on one branch is a loop.
 */
function shippedTree(workspace, top, target, budget) {
    const files = [];
    const visit = (real, zipPath, shownPath, ancestors) => {
        if (--budget.entries < 0) {
            throw new WorkspaceError(`${shownPath}: the bundle would hold more than ${MAX_SHIPPED_ENTRIES} files`);
        }
        const stats = (0,external_node_fs_.statSync)(real);
        if (stats.isFile()) {
            files.push({ path: zipPath, source: real, size: stats.size, executable: (stats.mode & 0o111) !== 0 });
            return;
        }
        if (!stats.isDirectory()) {
            throw new WorkspaceError(`${shownPath} is ${kindOf(stats)}: only files and folders can be shipped`);
        }
        if (ancestors.includes(real))
            throw new WorkspaceError(`${shownPath} is a symlink loop`);
        // A `.git` inside a shipped folder (a `.:/app` mount) is left out, not refused: shipping it is never the intent.
        for (const name of (0,external_node_fs_.readdirSync)(real)
            .sort()
            .filter(entry => !(0,checkout_credentials/* isGitName */.M$)(entry))) {
            const child = external_node_path_default().join(real, name);
            const childShown = `${shownPath}/${name}`;
            visit(followInside(child, childShown, top), `${zipPath}/${name}`, childShown, [...ancestors, real]);
        }
    };
    visit(top, target, shown(workspace, top), []);
    return files;
}
/** The real path of an entry of a shipped folder; a symlink must stay inside the folder `top`. */
function followInside(entry, shownPath, top) {
    if (!(0,external_node_fs_.lstatSync)(entry).isSymbolicLink())
        return entry;
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(entry);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ELOOP')
            throw new WorkspaceError(`${shownPath} is a symlink loop`);
        throw new WorkspaceError(`${shownPath} is a symlink to nothing (${code ?? 'unreadable'})`);
    }
    if (!isInside(top, real)) {
        throw new WorkspaceError(`${shownPath} is a symlink to ${(0,external_node_fs_.readlinkSync)(entry)}, outside the shipped folder: copy the file into the folder instead`);
    }
    if ((0,checkout_credentials/* isGitPath */.oP)(external_node_path_default().relative(top, real)))
        throw new WorkspaceError(`${shownPath} is a symlink to ${(0,external_node_fs_.readlinkSync)(entry)}, which ${checkout_credentials/* GIT_REFUSAL */.ox}`);
    return real;
}
/** Reads a file in fresh 1 MiB chunks (fflate may keep a chunk while it compresses). */
async function* fileChunks(file) {
    const handle = await (0,promises_.open)(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
    try {
        for (;;) {
            const chunk = Buffer.alloc(1024 * 1024);
            let filled = 0;
            // Fixed-size chunks whatever the reads return: the same file gives the same zip bytes.
            while (filled < chunk.length) {
                const { bytesRead } = await handle.read(chunk, filled, chunk.length - filled);
                if (bytesRead === 0)
                    break;
                filled += bytesRead;
            }
            if (filled > 0)
                yield chunk.subarray(0, filled);
            if (filled < chunk.length)
                return;
        }
    }
    finally {
        await handle.close();
    }
}
/**
 * Streams the zip of `files` plus the in-memory `extra` entries (the Dockerrun)
 * to `<directory>/<fileName>`, where later steps (and actions/upload-artifact)
 * can find it. A failed or oversized bundle leaves no file behind.
 */
async function writeBundle(directory, fileName, extra, files) {
    await (0,promises_.mkdir)(directory, { recursive: true });
    const bundlePath = external_node_path_default().join(directory, fileName);
    const entries = [
        ...extra.map(entry => ({
            path: entry.path,
            size: entry.data.byteLength,
            chunks: async function* () {
                yield entry.data;
            }
        })),
        ...files.map(file => ({
            path: file.path,
            executable: file.executable,
            size: file.size,
            chunks: () => fileChunks(file.source)
        }))
    ];
    const output = await (0,promises_.open)(bundlePath, 'w');
    try {
        const zip = await streamBundle(entries, async (chunk) => {
            await output.write(chunk);
        });
        await output.close();
        return { bundlePath, ...zip };
    }
    catch (error) {
        await output.close();
        await (0,promises_.rm)(bundlePath, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 94112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vo: () => (/* binding */ expandWord),
/* harmony export */   Wo: () => (/* binding */ nameValues),
/* harmony export */   n_: () => (/* binding */ readDockerfile)
/* harmony export */ });
/* unused harmony export quotedWords */
// Dockerfile text read as BuildKit's Dockerfile frontend reads it, so the
// planner sees the paths Docker sees: parser directives (the escape
// character), line continuations, comments and heredoc bodies, and the
// shell-like word processing of instruction arguments (quotes, escapes,
// $VAR / ${VAR} with the :- - :+ + modifiers). The reference is BuildKit's
// frontend/dockerfile/parser and frontend/dockerfile/shell (lex.go)
// (https://docs.docker.com/reference/dockerfile/#parser-directives,
// https://docs.docker.com/reference/dockerfile/#environment-replacement);
// __tests__/integration/dockerfile-oracle.test.ts checks the cases against
// a real Docker build.
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
/** The instructions of a Dockerfile, with the escape character its directives set. */
function readDockerfile(text) {
    const lines = text.split(/\r?\n/);
    let escape = '\\';
    let index = 0;
    // Directives are only read before the first comment, blank line or instruction.
    for (; index < lines.length; index++) {
        const match = DIRECTIVE.exec(lines[index]);
        if (!match)
            break;
        if (match[1].toLowerCase() === 'escape' && (match[2] === '`' || match[2] === '\\')) {
            escape = match[2];
        }
    }
    const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
    const instructions = [];
    let pending;
    for (; index < lines.length; index++) {
        const raw = lines[index];
        const trimmed = raw.trim();
        // Comments and blank lines are skipped, also inside a continued instruction.
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        const line = pending === undefined ? raw.trimStart() : raw;
        if (continuation.test(line)) {
            pending = (pending ?? '') + line.replace(continuation, '');
            continue;
        }
        const whole = (pending ?? '') + line;
        pending = undefined;
        const instruction = instructionOf(whole);
        instructions.push(instruction);
        index = skipHeredocs(instruction, lines, index);
    }
    if (pending !== undefined && pending.trim() !== '')
        instructions.push(instructionOf(pending));
    return { escape, instructions };
}
function instructionOf(line) {
    const match = /^(\S+)\s*([\s\S]*)$/.exec(line.trim());
    return { keyword: (match?.[1] ?? '').toUpperCase(), rest: (match?.[2] ?? '').trim() };
}
/** RUN, COPY and ADD may take heredocs: their bodies are not instructions. Returns the last line they use. */
function skipHeredocs(instruction, lines, index) {
    if (!['RUN', 'COPY', 'ADD'].includes(instruction.keyword))
        return index;
    let last = index;
    for (const match of instruction.rest.matchAll(HEREDOC)) {
        const stripTabs = match[1] === '-';
        const terminator = match[3];
        while (++last < lines.length) {
            const body = lines[last];
            if ((stripTabs ? body.replace(/^\t+/, '') : body) === terminator)
                break;
        }
    }
    return last;
}
/**
 * One word processed as Docker does (BuildKit's ProcessWord): quotes removed,
 * escapes applied, variables replaced. Undefined when it needs a variable the
 * scope does not know, or a form this reader does not evaluate.
 */
function expandWord(word, scope, escape) {
    const lexer = new Lexer(word, scope, escape);
    try {
        return lexer.until(undefined);
    }
    catch (error) {
        if (error instanceof Unresolved)
            return undefined;
        throw error;
    }
}
/**
 * Blank-separated words that keep their quotes and escapes (BuildKit's
 * parseWords, used for the `KEY=value` lists of ENV, ARG and LABEL).
 */
function quotedWords(text, escape) {
    const words = [];
    let word = '';
    let quote;
    for (let index = 0; index < text.length; index++) {
        const char = text[index];
        if (quote === undefined && /\s/.test(char)) {
            if (word !== '')
                words.push(word);
            word = '';
            continue;
        }
        word += char;
        if (char === escape && quote !== "'" && index + 1 < text.length)
            word += text[++index];
        else if (quote === undefined && (char === '"' || char === "'"))
            quote = char;
        else if (char === quote)
            quote = undefined;
    }
    if (word !== '')
        words.push(word);
    return words;
}
/** `KEY=value KEY2=value2` or the legacy `KEY value`, values not yet processed. */
function nameValues(rest, escape) {
    const words = quotedWords(rest, escape);
    if (words[0] !== undefined && !words[0].includes('=')) {
        const [name] = words;
        const value = rest.slice(rest.indexOf(name) + name.length).trim();
        return [[name, value === '' ? undefined : value]];
    }
    return words.map(word => {
        const equals = word.indexOf('=');
        return equals < 0 ? [word, undefined] : [word.slice(0, equals), word.slice(equals + 1)];
    });
}
class Unresolved extends Error {
}
class Lexer {
    text;
    scope;
    escape;
    index = 0;
    constructor(text, scope, escape) {
        this.text = text;
        this.scope = scope;
        this.escape = escape;
    }
    /** Reads up to the stop character (consumed) or the end. */
    until(stop) {
        let result = '';
        while (this.index < this.text.length) {
            const char = this.text[this.index];
            if (char === stop) {
                this.index++;
                return result;
            }
            if (char === '$')
                result += this.dollar();
            else if (char === "'")
                result += this.singleQuoted();
            else if (char === '"')
                result += this.doubleQuoted();
            else {
                this.index++;
                if (char === this.escape) {
                    if (this.index < this.text.length)
                        result += this.text[this.index++];
                }
                else
                    result += char;
            }
        }
        if (stop !== undefined)
            throw new Unresolved(`no closing ${stop}`);
        return result;
    }
    singleQuoted() {
        const close = this.text.indexOf("'", this.index + 1);
        if (close < 0)
            throw new Unresolved('no closing quote');
        const value = this.text.slice(this.index + 1, close);
        this.index = close + 1;
        return value;
    }
    doubleQuoted() {
        this.index++;
        let result = '';
        while (this.index < this.text.length) {
            const char = this.text[this.index];
            if (char === '"') {
                this.index++;
                return result;
            }
            if (char === '$') {
                result += this.dollar();
                continue;
            }
            this.index++;
            if (char === this.escape && this.index < this.text.length) {
                const next = this.text[this.index];
                // Inside double quotes the escape only escapes ", $ and itself.
                if (next === '"' || next === '$' || next === this.escape) {
                    result += next;
                    this.index++;
                    continue;
                }
            }
            result += char;
        }
        throw new Unresolved('no closing quote');
    }
    dollar() {
        this.index++;
        if (this.text[this.index] !== '{') {
            const name = this.name();
            return name === '' ? '$' : this.lookup(name).value;
        }
        this.index++;
        const name = this.name();
        if (name === '')
            throw new Unresolved('bad substitution');
        const modifier = this.text[this.index++];
        if (modifier === '}')
            return this.lookup(name).value;
        const colon = modifier === ':';
        const operator = colon ? this.text[this.index++] : modifier;
        if (operator !== '-' && operator !== '+')
            throw new Unresolved(`modifier ${operator ?? ''} not evaluated`);
        const word = this.until('}');
        const { value, set } = this.lookup(name);
        const empty = !set || (colon && value === '');
        if (operator === '-')
            return empty ? word : value;
        return empty ? '' : word;
    }
    name() {
        const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.index));
        if (!match)
            return '';
        this.index += match[0].length;
        return match[0];
    }
    lookup(name) {
        if (!this.scope.closed && !this.scope.values.has(name))
            throw new Unresolved(`${name} is not known`);
        const value = this.scope.values.get(name);
        return { value: value ?? '', set: value !== undefined };
    }
}


/***/ }),

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F1: () => (/* binding */ imagePathsOf),
/* harmony export */   Y9: () => (/* binding */ imageContents),
/* harmony export */   pi: () => (/* binding */ isIgnored),
/* harmony export */   yr: () => (/* binding */ parseDockerignore)
/* harmony export */ });
/* unused harmony export workdirOf */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(94112);
// What a Dockerfile copies from its build context into the image, read from
// its text (no build): the COPY and ADD instructions of the stage that is
// built (the target, or the last one, with the stages it starts FROM), with
// destinations made absolute against WORKDIR; and the `.dockerignore`
// patterns that keep context paths out of the image. The planner uses it to
// tell a development bind mount (the image has those files at that path)
// from a mount the app needs on Beanstalk too.


/**
 * What the built stage copies from the context. Arguments are read as
 * Docker reads them (dockerfile-words.ts); `buildArgs` are the compose
 * file's build.args. A stage FROM an outside image starts in that image's
 * WORKDIR, which the text does not tell: relative destinations there, and
 * variables the Dockerfile does not define, leave a copy unknown (not
 * counted), never guessed.
 */
function imageContents(dockerfile, target, ignore, buildArgs = {}) {
    const built = builtStage(dockerfile, target, buildArgs);
    return {
        copies: built?.copies ?? [],
        ignore,
        ...(built?.baseImage !== undefined && { baseImage: built.baseImage })
    };
}
/** The WORKDIR the built image runs in, when the text tells it (undefined: the base image's own). */
function workdirOf(dockerfile, target, buildArgs = {}) {
    return builtStage(dockerfile, target, buildArgs)?.workdir;
}
function builtStage(dockerfile, target, buildArgs) {
    const { escape, instructions } = (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .readDockerfile */ .n_)(dockerfile);
    const stages = [];
    const globals = { values: new Map(), closed: true };
    let current;
    for (const { keyword, rest } of instructions) {
        if (keyword === 'ARG') {
            const scope = current?.scope ?? globals;
            for (const [name, raw] of (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .nameValues */ .Wo)(rest, escape)) {
                const given = buildArgs[name];
                if (given !== undefined)
                    scope.values.set(name, given);
                else if (raw !== undefined)
                    setOrForget(scope, name, (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .expandWord */ .Vo)(raw, scope, escape));
                else if (current && globals.values.has(name))
                    scope.values.set(name, globals.values.get(name));
                else if (!scope.values.has(name))
                    scope.values.set(name, undefined);
            }
        }
        else if (keyword === 'FROM') {
            current = stageFrom(rest, stages, globals, escape);
            stages.push(current);
        }
        else if (!current) {
            continue;
        }
        else if (keyword === 'ENV') {
            // Every value of one ENV sees the variables as they were before it.
            const before = { values: new Map(current.scope.values), closed: current.scope.closed };
            for (const [name, raw] of (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .nameValues */ .Wo)(rest, escape)) {
                setOrForget(current.scope, name, (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .expandWord */ .Vo)(raw ?? '', before, escape));
            }
        }
        else if (keyword === 'WORKDIR' && rest !== '') {
            const path = (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .expandWord */ .Vo)(rest, current.scope, escape);
            current.workdir =
                path === undefined
                    ? undefined
                    : node_path__WEBPACK_IMPORTED_MODULE_0__.posix.isAbsolute(path)
                        ? node_path__WEBPACK_IMPORTED_MODULE_0__.posix.resolve(path)
                        : current.workdir === undefined
                            ? undefined
                            : node_path__WEBPACK_IMPORTED_MODULE_0__.posix.resolve(current.workdir, path);
        }
        else if (keyword === 'COPY' || keyword === 'ADD') {
            const copy = copyOf(rest, current, escape);
            if (copy)
                current.copies.push(copy);
        }
    }
    return target ? stages.find(stage => stage.name === target.toLowerCase()) : stages.at(-1);
}
function stageFrom(rest, stages, globals, escape) {
    const words = rest.split(/\s+/).filter(word => word !== '' && !word.startsWith('--'));
    const image = words[0] === undefined ? undefined : (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .expandWord */ .Vo)(words[0], globals, escape);
    const base = stages.find(stage => stage.name !== undefined && stage.name === image?.toLowerCase());
    const baseImage = base ? base.baseImage : image;
    return {
        ...(words[1]?.toUpperCase() === 'AS' && words[2] && { name: words[2].toLowerCase() }),
        ...(baseImage !== undefined && { baseImage }),
        workdir: base ? base.workdir : image === 'scratch' ? '/' : undefined,
        scope: { values: new Map(base?.scope.values), closed: base ? base.scope.closed : image === 'scratch' },
        copies: [...(base?.copies ?? [])]
    };
}
/** A value the text does not tell is forgotten: the name becomes unknown, not unset. */
function setOrForget(scope, name, value) {
    if (value !== undefined) {
        scope.values.set(name, value);
        return;
    }
    scope.values.delete(name);
    scope.closed = false;
}
/** `.dockerignore` lines: patterns, `!` exceptions, comments and blank lines dropped. */
function parseDockerignore(text) {
    return text
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '' && !line.startsWith('#'));
}
/** True when the context-relative path (or a folder above it) is excluded by the patterns. */
function isIgnored(path, patterns) {
    const candidates = ancestors(clean(path));
    let ignored = false;
    for (const raw of patterns) {
        const exception = raw.startsWith('!');
        const pattern = clean(exception ? raw.slice(1) : raw);
        if (pattern === '')
            continue;
        const regex = globRegex(pattern);
        if (candidates.some(candidate => regex.test(candidate)))
            ignored = !exception;
    }
    return ignored;
}
/**
 * Where the image holds a context path (file or folder), or undefined when no
 * COPY / ADD puts it there. A folder copied whole counts for any path inside it.
 */
function imagePathsOf(contextPath, contents) {
    const path = clean(contextPath);
    const found = [];
    for (const copy of contents.copies) {
        const intoFolder = copy.destination.endsWith('/') || copy.sources.length > 1;
        const destination = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(copy.destination);
        for (const raw of copy.sources) {
            const source = clean(raw);
            if (source === '') {
                found.push(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(destination, path));
                continue;
            }
            const regex = globRegex(source);
            if (regex.test(path)) {
                // The source itself: a file lands in the folder (or as the destination), a folder's contents in it.
                found.push(destination);
                if (intoFolder || /[*?[]/.test(source))
                    found.push(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(destination, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(path)));
                continue;
            }
            const parent = ancestors(path).find(candidate => candidate !== path && regex.test(candidate));
            if (parent !== undefined)
                found.push(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(destination, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(parent, path)));
        }
    }
    return [...new Set(found)];
}
function copyOf(rest, stage, escape) {
    const words = argumentsOf(rest);
    // Copies from another stage or image, and heredocs, bring nothing from the context.
    if (words.some(word => /^--from=/i.test(word)))
        return undefined;
    const args = words.filter(word => !word.startsWith('--'));
    if (args.length < 2 || args.some(word => word.startsWith('<<')))
        return undefined;
    const expanded = args.map(word => (0,_dockerfile_words_js__WEBPACK_IMPORTED_MODULE_1__/* .expandWord */ .Vo)(word, stage.scope, escape));
    // Unresolved variables: where the files land is unknown, so nothing counts as copied.
    if (expanded.some(word => word === undefined))
        return undefined;
    const destination = expanded.at(-1);
    const sources = expanded.slice(0, -1).filter(source => !/^[a-z]+:\/\//i.test(source));
    if (sources.length === 0 || destination === '')
        return undefined;
    if (!node_path__WEBPACK_IMPORTED_MODULE_0__.posix.isAbsolute(destination) && stage.workdir === undefined)
        return undefined;
    const absolute = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.resolve(stage.workdir ?? '/', destination);
    return { sources, destination: destination.endsWith('/') ? `${absolute}/` : absolute };
}
/** COPY / ADD arguments: the JSON array form, or blank-separated words (Docker splits these ignoring quotes). */
function argumentsOf(rest) {
    if (/^\[.*\]$/s.test(rest)) {
        try {
            const parsed = JSON.parse(rest);
            if (Array.isArray(parsed) && parsed.every(item => typeof item === 'string'))
                return parsed;
        }
        catch {
            // Not JSON: read as words.
        }
    }
    return rest.split(/\s+/).filter(Boolean);
}
function clean(path) {
    const normalised = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(path.replace(/^\/+/, '')).replace(/\/+$/, '');
    return normalised === '.' ? '' : normalised.replace(/^\.\//, '');
}
function ancestors(path) {
    const parts = path.split('/');
    return parts.map((_part, index) => parts.slice(0, index + 1).join('/'));
}
/** Docker's path patterns: `*` and `?` within one component, `**` across components, `[…]` classes. */
function globRegex(pattern) {
    let regex = '';
    for (let index = 0; index < pattern.length; index++) {
        const char = pattern[index];
        if (char === '*' && pattern[index + 1] === '*') {
            index++;
            if (pattern[index + 1] === '/') {
                regex += '(?:.*/)?';
                index++;
            }
            else
                regex += '.*';
        }
        else if (char === '*')
            regex += '[^/]*';
        else if (char === '?')
            regex += '[^/]';
        else if (char === '[') {
            const close = pattern.indexOf(']', index + 1);
            if (close < 0)
                regex += '\\[';
            else {
                regex += `[${pattern
                    .slice(index + 1, close)
                    .replace(/^!/, '^')
                    .replace(/\\/g, '\\\\')}]`;
                index = close;
            }
        }
        else
            regex += char.replace(/[.+^${}()|\\]/g, '\\$&');
    }
    return new RegExp(`^${regex}$`);
}


/***/ }),

/***/ 9192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ parseDotenv)
/* harmony export */ });
/* unused harmony export dotenvValues */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
/* harmony import */ var _interpolate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56543);
// `.env` and `env_file` files as compose (compose-go's dotenv parser) reads them:
// - `KEY=value`, `export KEY=value`, and the YAML-style `KEY: value`;
// - a bare `KEY` line takes KEY from the lookup (the runner's environment);
// - unquoted values end at the line, lose a ` #` comment and trailing blanks,
//   and are interpolated;
// - 'single quotes' are literal; "double quotes" may span lines, understand
//   compose-go's escapes (\n \t \" \$ …, \a \b \f \v, XSI octal \0NNN: see
//   unescape()), and are interpolated;
// - a comment may follow a closing quote (`SUBPATH="" # comment` is empty);
// - interpolation looks at the lookup first, then at the file's earlier keys
//   (`DB_PORT=${DB_PORT:-5432}` keeps the runner's DB_PORT when it has one).


// Letters and digits of any script, and _ . - [ ] (compose-go's locateKeyName).
const KEY = /^[\p{L}\p{N}_.\-[\]]+$/u;
/** Parses a dotenv text; `raw` is compose's `format: raw` (no quotes, no interpolation). */
function parseDotenv(text, lookup = () => undefined, where = '.env', raw = false, quotable = () => true) {
    const values = new Map();
    const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
    let index = 0;
    let line = 1;
    const fail = (message) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp(`${where} line ${line}: ${message}`);
    };
    while (index < source.length) {
        // Blank space and comment lines between statements.
        const start = skipBlanksAndComments(source, index);
        line += countNewlines(source, index, start);
        index = start;
        if (index >= source.length)
            break;
        const lineEnd = endOfLine(source, index);
        let cursor = index;
        const exported = /^export[ \t]+/.exec(source.slice(cursor, Math.min(lineEnd, cursor + 16)));
        if (exported)
            cursor += exported[0].length;
        const keyEnd = firstOf(source, cursor, lineEnd, '=:');
        const key = source.slice(cursor, keyEnd < 0 ? lineEnd : keyEnd).trim();
        if (key === '')
            fail('a line with no variable name');
        if (!KEY.test(key))
            fail(`"${key.slice(0, 40)}" is not a variable name`);
        if (keyEnd < 0) {
            // `KEY` alone: inherited from the environment compose runs in.
            const inherited = lookup(key);
            if (inherited !== undefined)
                values.set(key, { value: inherited, fromLookup: [key], fromFile: [] });
            index = lineEnd;
            continue;
        }
        cursor = skipSpaces(source, keyEnd + 1, lineEnd);
        const resolve = (value) => {
            const fromLookup = [];
            const fromFile = [];
            const result = (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_1__/* .interpolate */ .G)(value, name => {
                const outside = lookup(name);
                if (outside !== undefined)
                    return outside;
                return values.get(name)?.value;
            }, `${where} line ${line} ${key}`, 
            // An earlier key of this file may be printed when every lookup variable it took may be.
            name => lookup(name) !== undefined ? quotable(name) : (values.get(name)?.fromLookup ?? []).every(quotable));
            for (const name of result.used) {
                if (lookup(name) !== undefined)
                    fromLookup.push(name);
                else {
                    fromFile.push(name);
                    fromLookup.push(...(values.get(name)?.fromLookup ?? []));
                }
            }
            return { value: result.value, fromLookup: [...new Set(fromLookup)], fromFile };
        };
        const quote = source[cursor];
        if (raw || (quote !== '"' && quote !== "'")) {
            const text = source.slice(cursor, lineEnd);
            const value = raw ? text : text.split(' #')[0].replace(/\s+$/, '');
            values.set(key, raw ? { value, fromLookup: [], fromFile: [] } : resolve(value));
            index = lineEnd;
            continue;
        }
        const closed = readQuoted(source, cursor, quote);
        if (!closed)
            fail(`unterminated ${quote} quote in the value of ${key}`);
        const { text, end } = closed;
        line += countNewlines(source, cursor, end);
        values.set(key, quote === "'" ? { value: text, fromLookup: [], fromFile: [] } : resolve(unescape(text)));
        // After the closing quote only blanks or a comment may follow on that line.
        const after = endOfLine(source, end);
        const rest = source.slice(end, after).trim();
        if (rest !== '' && !rest.startsWith('#'))
            fail(`unexpected "${rest.slice(0, 20)}" after the quoted value of ${key}`);
        index = after;
    }
    return values;
}
/** Name → value, for callers that need no provenance. */
function dotenvValues(values) {
    return Object.fromEntries([...values].map(([key, entry]) => [key, entry.value]));
}
function readQuoted(source, open, quote) {
    let text = '';
    for (let position = open + 1; position < source.length; position++) {
        const char = source[position];
        if (char === '\\' && position + 1 < source.length) {
            const next = source[position + 1];
            // An escaped quote loses its backslash; any other escape keeps it for unescape().
            text += next === quote ? next : `\\${next}`;
            position++;
        }
        else if (char === quote) {
            return { text, end: position + 1 };
        }
        else {
            text += char;
        }
    }
    return undefined;
}
/**
 * Double-quoted escapes, as compose-go's expandEscapes reads them; `\$`
 * becomes `$$` so interpolation leaves a literal dollar. `\0` and up to three
 * digits is an XSI echo octal escape (`\0123` is "S"); compose drops the 0
 * and keeps the rest as written when it is not three octal digits.
 */
function unescape(text) {
    return text.replace(/\\(?:([abfnrtv$"\\])|0(\d{0,3}))/g, (_match, char, octal) => {
        if (char === undefined) {
            const digits = octal ?? '';
            return /^[0-7]{3}$/.test(digits) && Number.parseInt(digits, 8) < 256
                ? String.fromCharCode(Number.parseInt(digits, 8))
                : `\\${digits}`;
        }
        switch (char) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'a':
                return '\x07';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'v':
                return '\v';
            case '$':
                return '$$';
            default:
                return char;
        }
    });
}
function skipBlanksAndComments(source, from) {
    let index = from;
    for (;;) {
        while (index < source.length && /\s/.test(source[index]))
            index++;
        if (source[index] !== '#')
            return index;
        index = endOfLine(source, index);
    }
}
function skipSpaces(source, from, limit) {
    let index = from;
    while (index < limit && (source[index] === ' ' || source[index] === '\t'))
        index++;
    return index;
}
function endOfLine(source, from) {
    const newline = source.indexOf('\n', from);
    return newline < 0 ? source.length : newline;
}
function firstOf(source, from, limit, chars) {
    for (let index = from; index < limit; index++)
        if (chars.includes(source[index]))
            return index;
    return -1;
}
function countNewlines(source, from, to) {
    let count = 0;
    for (let index = from; index < to; index++)
        if (source[index] === '\n')
            count++;
    return count;
}


/***/ }),

/***/ 56543:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ interpolate),
/* harmony export */   d: () => (/* binding */ soleReference)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
// Compose's variable interpolation, as compose-go's `template` package reads
// it: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message},
// ${VAR?message}, ${VAR:+alt}, ${VAR+alt}, $VAR, $$ for a literal dollar, and
// defaults that nest (${A:-${B:-c}}). A "$" followed by anything else stays a
// dollar. One pass over the text, so a value costs time in its length only.
//
// Every substitution is recorded: the caller needs to know which variables a
// value took (a runner credential must never reach the bundle or an image).

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
function interpolate(text, lookup, where, quotable = () => true) {
    const seen = { used: [], unset: [] };
    const value = expand(text, lookup, where, seen, quotable);
    return { value, ...seen };
}
/**
 * A `${VAR:?message}` message as compose prints it (expanded), except that a variable whose value may not be
 * printed stays as written: `${NOPE:?${GITHUB_TOKEN}}` must not put a runner credential in the log.
 */
function message(argument, lookup, where, quotable) {
    return expand(argument, name => (quotable(name) ? lookup(name) : `\${${name}}`), where, { used: [], unset: [] }, quotable);
}
function expand(text, lookup, where, seen, quotable) {
    if (!text.includes('$'))
        return text;
    let out = '';
    let index = 0;
    while (index < text.length) {
        const dollar = text.indexOf('$', index);
        if (dollar < 0) {
            out += text.slice(index);
            break;
        }
        out += text.slice(index, dollar);
        const next = text[dollar + 1];
        if (next === '$') {
            out += '$';
            index = dollar + 2;
        }
        else if (next === '{') {
            const braced = readBraced(text, dollar, where);
            out += evaluate(braced, lookup, where, seen, quotable);
            index = braced.end;
        }
        else if (next !== undefined && NAME_START.test(next)) {
            let end = dollar + 2;
            while (end < text.length && NAME_PART.test(text[end]))
                end++;
            const name = text.slice(dollar + 1, end);
            out += take(name, lookup, seen) ?? '';
            index = end;
        }
        else {
            out += '$';
            index = dollar + 1;
        }
    }
    return out;
}
function readBraced(text, dollar, where) {
    let cursor = dollar + 2;
    while (cursor < text.length && NAME_PART.test(text[cursor]))
        cursor++;
    const name = text.slice(dollar + 2, cursor);
    const invalid = () => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp(`${where}: invalid interpolation "${text.slice(dollar, Math.min(text.length, dollar + 40))}"`);
    if (name === '' || !NAME_START.test(name[0]))
        throw invalid();
    if (text[cursor] === '}')
        return { name, argument: '', end: cursor + 1 };
    const operator = /^:?[-?+]/.exec(text.slice(cursor, cursor + 2))?.[0];
    if (!operator)
        throw invalid();
    const start = cursor + operator.length;
    // The argument ends at the brace that balances this one: every "{" opens one, as in compose-go
    // (getFirstBraceClosingIndex), so ${A:-{"json":1}} defaults to {"json":1}; the character after a "{" is skipped.
    let depth = 1;
    for (let position = start; position < text.length; position++) {
        const char = text[position];
        if (char === '{') {
            depth++;
            position++;
        }
        else if (char === '}' && --depth === 0) {
            return { name, operator, argument: text.slice(start, position), end: position + 1 };
        }
    }
    throw invalid();
}
function evaluate(braced, lookup, where, seen, quotable) {
    const { name, operator, argument } = braced;
    const value = lookup(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    const nested = () => expand(argument, lookup, where, seen, quotable);
    switch (operator) {
        case undefined:
            return take(name, lookup, seen) ?? '';
        case ':-':
            return nonEmpty ? take(name, lookup, seen) : nested();
        case '-':
            return set ? take(name, lookup, seen) : nested();
        case ':?':
        case '?':
            if (operator === ':?' ? nonEmpty : set)
                return take(name, lookup, seen);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp(`${where}: required variable ${name} is missing a value${argument ? `: ${message(argument, lookup, where, quotable)}` : ''}`);
        case ':+':
            return nonEmpty ? nested() : '';
        default:
            return set ? nested() : '';
    }
}
/** A variable's value, recorded as used; unset when it has none (only a reference without a default asks then). */
function take(name, lookup, seen) {
    const value = lookup(name);
    const list = value === undefined ? seen.unset : seen.used;
    if (!list.includes(name))
        list.push(name);
    return value;
}
/**
 * The variable a value consists of, when it is exactly one plain reference ("${X}", "$X") or one that requires it
 * ("${X:?message}", "${X?}": compose refuses to start without it; on Beanstalk the environment gives it).
 */
function soleReference(text) {
    return /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?\?[^{}]*)?\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/
        .exec(text)
        ?.slice(1)
        .find(Boolean);
}


/***/ }),

/***/ 43901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wg: () => (/* binding */ toMiB),
/* harmony export */   zQ: () => (/* binding */ parseByteValue)
/* harmony export */ });
/* unused harmony export MIB */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

const UNITS = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
/** Compose byte values: 536870912, "512m", "512mb", "1.5g", "1GB", "512M". Returns bytes. */
function parseByteValue(value, where) {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
        return value;
    const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([bkmgt])?b?\s*$/i.exec(value) : null;
    if (!match) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp(`${where}: "${String(value)}" is not a memory size (use a number of bytes or e.g. 512m, 1g)`);
    }
    // Whole bytes, the fraction cut off as compose does ("1.5" is 1 byte, "0.5k" 512).
    return Math.trunc(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
}
const MIB = 1024 * 1024;
/** Bytes → whole MiB, rounding up so a limit is never tightened. */
function toMiB(bytes) {
    return Math.ceil(bytes / MIB);
}


/***/ }),

/***/ 86821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rg: () => (/* binding */ checkEnvFileSize),
/* harmony export */   Wr: () => (/* binding */ credentialsIn),
/* harmony export */   eP: () => (/* binding */ credentialError),
/* harmony export */   fY: () => (/* binding */ ProjectVariables)
/* harmony export */ });
/* unused harmony export MAX_ENV_FILE_BYTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
/* harmony import */ var _runner_variables_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22721);
/* harmony import */ var _secret_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89138);
/* harmony import */ var _dotenv_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9192);
// The variables a compose file is interpolated from, as compose resolves
// them: the runner's environment first, then the `.env` beside the compose
// file (whose values may use the runner's and their own earlier keys). Each
// value remembers which runner variables it came from.




/** Far above any real `.env` or env_file. */
const MAX_ENV_FILE_BYTES = 256 * 1024;
class ProjectVariables {
    runner;
    parent;
    named;
    dotenv;
    /**
     * `parent`: the including project's variables, for a file read through
     * `include:` (they win over the included file's own env files, as in compose).
     * `named`: runner variables the workflow named (runner-variables.ts); others
     * may not flow into a value. An included file inherits its parent's rule.
     */
    constructor(runner, dotenvText, dotenvPath, parent, named = parent ? parent.named : () => true) {
        this.runner = runner;
        this.parent = parent;
        this.named = named;
        this.dotenv = new Map();
        if (dotenvText === undefined)
            return;
        checkEnvFileSize(dotenvText, dotenvPath);
        const outsideQuotable = name => this.parent ? this.parent.quotable(name) : this.named(name) && !(0,_secret_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isRunnerCredential */ .A)(name);
        for (const [key, entry] of (0,_dotenv_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDotenv */ .q)(dotenvText, this.outside, dotenvPath, false, outsideQuotable)) {
            // An included file's env file looks its values up in the including project's variables: the names it took
            // are that project's, whose own values may come from the runner (a `.env` line built from a credential).
            const runner = this.parent
                ? [...new Set(this.parent.origins(entry.fromLookup).flatMap(use => use.runner))]
                : entry.fromLookup;
            this.dotenv.set(key, { value: entry.value, runner });
        }
    }
    /** What the env file of this level sees: the runner's environment, or the including project's variables. */
    get outside() {
        return this.parent ? this.parent.lookup : name => this.runner[name];
    }
    lookup = name => this.outside(name) ?? this.dotenv.get(name)?.value;
    /** A value `.env` alone decides (not the runner or an including file, and built from no runner value). */
    dotenvValue(name) {
        const entry = this.dotenv.get(name);
        return this.outside(name) === undefined && entry && entry.runner.length === 0 ? entry.value : undefined;
    }
    /**
     * Where each variable a value took came from. Throws when one carries a
     * runner variable the workflow did not name (credentials are left to their
     * own, stricter check).
     */
    uses(names, where) {
        const uses = this.origins(names);
        const unnamed = [...new Set(uses.flatMap(use => use.runner))].filter(name => !this.named(name) && !(0,_secret_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isRunnerCredential */ .A)(name));
        if (unnamed.length > 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp((0,_runner_variables_js__WEBPACK_IMPORTED_MODULE_1__/* .unnamedRunnerVariableMessage */ .QJ)(where, unnamed));
        return uses;
    }
    /** Whether a variable's value may be printed in an error: not one built from an unnamed runner variable or a credential. */
    quotable = name => this.origins([name]).every(use => use.runner.every(runner => this.named(runner) && !(0,_secret_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isRunnerCredential */ .A)(runner)));
    /** The runner credentials the named variables' values came from (a `.env` value built from one included). */
    runnerCredentials(names) {
        return credentialsIn(this.origins(names));
    }
    origins(names) {
        return names.map(name => {
            if (this.outside(name) !== undefined)
                return this.parent ? this.parent.origins([name])[0] : { name, runner: [name] };
            return { name, runner: this.dotenv.get(name)?.runner ?? [] };
        });
    }
}
function checkEnvFileSize(text, path) {
    if (Buffer.byteLength(text, 'utf8') > MAX_ENV_FILE_BYTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp(`${path} is larger than ${MAX_ENV_FILE_BYTES / 1024} KiB; an env file that large is not read`);
    }
}
/** Runner credentials among the variables a value used. */
function credentialsIn(uses) {
    return [...new Set(uses.flatMap(use => use.runner))].filter(_secret_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isRunnerCredential */ .A);
}
/** The one-line refusal for a runner credential interpolated into something that leaves the runner. */
function credentialError(where, credentials, field) {
    const names = credentials.map(name => `\${${name}}`).join(', ');
    const advice = field === 'build'
        ? 'build args are readable in the image history: pass it as a BuildKit secret (RUN --mount=type=secret) instead'
        : 'pass it by reference with the secrets input, or as an environment property of the Beanstalk environment (write the variable as ${NAME} alone)';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ComposeError */ .hp(`${where} uses ${names}, a credential of the runner: its value is never written into the bundle or an image; ${advice}`);
}


/***/ }),

/***/ 2616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ parseRedisConfiguration),
/* harmony export */   HH: () => (/* binding */ parseConnectionString),
/* harmony export */   _Z: () => (/* binding */ rewriteConnectionString),
/* harmony export */   jR: () => (/* binding */ connectionStringDatabase),
/* harmony export */   oN: () => (/* binding */ rewriteRedisConfiguration)
/* harmony export */ });
// Connection strings that are not URLs, pointed at a managed database. Many
// drivers take key=value strings instead: ADO.NET / Npgsql / MySqlConnector
// (`Host=db;Port=5432;Database=app;Username=app;Password=…`, ASP.NET Core's
// `ConnectionStrings__*`), libpq's keyword form (`host=db user=app dbname=app`,
// Go's lib/pq and pgx, psycopg), and the Go MySQL driver's DSN
// (`app:pw@tcp(db:3306)/app?parseTime=true`). Like a URL they are rewritten
// whole: host, port, user and database name from the managed service, TLS that
// was turned off turned on, and the password left out (it travels by
// reference in a variable of its own, never inside another value).
// .NET's Redis client takes its own: StackExchange.Redis configuration strings
// (`redis:6379,password=…,ssl=False,abortConnect=false`), endpoints then options.
// Formats: https://www.npgsql.org/doc/connection-string-parameters.html,
// https://stackexchange.github.io/StackExchange.Redis/Configuration.html,
// https://mysqlconnector.net/connection-options/,
// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-KEYWORD-VALUE,
// https://github.com/go-sql-driver/mysql#dsn-data-source-name
/** Keys per member, lower case with blanks removed (`User ID` → `userid`), across ADO.NET and libpq. */
const KEYS = {
    host: /^(host|hostaddr|server|datasource|address|addr|networkaddress)$/,
    port: /^port$/,
    user: /^(user|username|userid|uid)$/,
    database: /^(database|dbname|initialcatalog)$/,
    password: /^(password|pwd|passwd)$/,
    sslmode: /^sslmode$/
};
const memberOf = (key) => {
    const normal = key.toLowerCase().replace(/\s+/g, '');
    return Object.keys(KEYS).find(member => KEYS[member].test(normal));
};
/**
 * go-sql-driver/mysql: `[scheme://][user[:password]@]tcp(host[:port])/dbname[?params]`. The password may hold `@`
 * (the driver splits at the last one); Ory's DSNs carry a `mysql://` scheme in front, which is kept.
 */
const GO_MYSQL = /^([a-z][a-z0-9+.-]*:\/\/)?(?:([^:@/]*)(?::(.*))?@)?tcp\(([^():/]+)(?::(\d{1,5}))?\)\/([^?]*)(\?.*)?$/;
const LIBPQ_PAIR = /([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s'=;]*)/g;
/** Pairs separated by blanks; an unquoted value holds no `=`, so each pair splits one way only (no backtracking). */
const LIBPQ = /^\s*(?:[A-Za-z_]+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s'=;]*)(?:\s+|$))+$/;
/** ADO.NET pairs: `;`-separated, a value may be quoted with `"` or `'` (doubled inside) and then hold `;`. */
function keyedPairs(value) {
    if (!value.includes(';') || !value.includes('='))
        return undefined;
    const pairs = [];
    let index = 0;
    while (index < value.length) {
        const equals = value.indexOf('=', index);
        const semicolon = value.indexOf(';', index);
        if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
            if (value.slice(index, semicolon < 0 ? undefined : semicolon).trim() !== '')
                return undefined;
            index = semicolon < 0 ? value.length : semicolon + 1;
            continue;
        }
        const key = value.slice(index, equals).trim();
        if (key === '')
            return undefined;
        let at = equals + 1;
        while (value[at] === ' ')
            at++;
        const quote = value[at] === '"' || value[at] === "'" ? value[at] : undefined;
        let end;
        let text;
        if (quote) {
            let close = at + 1;
            for (;;) {
                close = value.indexOf(quote, close);
                if (close < 0)
                    return undefined;
                if (value[close + 1] === quote)
                    close += 2;
                else
                    break;
            }
            text = value.slice(at + 1, close).replaceAll(quote + quote, quote);
            end = value.indexOf(';', close);
            if (value.slice(close + 1, end < 0 ? undefined : end).trim() !== '')
                return undefined;
        }
        else {
            end = value.indexOf(';', at);
            text = value.slice(at, end < 0 ? undefined : end).trim();
        }
        pairs.push({ key, value: text, raw: value.slice(equals + 1, end < 0 ? undefined : end).trim() });
        index = end < 0 ? value.length : end + 1;
    }
    return pairs;
}
function libpqPairs(value) {
    if (!LIBPQ.test(value))
        return undefined;
    return [...value.matchAll(LIBPQ_PAIR)].map(match => ({
        key: match[1],
        value: match[2].replace(/^'(.*)'$/s, '$1').replace(/\\(.)/g, '$1'),
        raw: match[2]
    }));
}
/**
 * A host value's hosts: `db`, `db:5432`, SQL Server's `db,1433` and `tcp:db,1433`, Npgsql's list `db1,db2:5433`.
 * `port`: the host value carried a port, and how it is written back.
 */
function hostsOf(value) {
    const sqlServer = /^(tcp:)?([^:,]+),(\d{1,5})$/.exec(value);
    if (sqlServer)
        return {
            hosts: [sqlServer[2]],
            withPort: (host, port) => `${sqlServer[1] ?? ''}${host},${port}`
        };
    const entries = value.split(',').map(entry => /^([^:]+)(?::(\d{1,5}))?$/.exec(entry.trim()));
    if (entries.some(entry => entry === null))
        return { hosts: [value] };
    const hosts = entries.map(entry => entry[1]);
    return entries.some(entry => entry?.[2] !== undefined)
        ? { hosts, withPort: (host, port) => `${host}:${port}` }
        : { hosts };
}
/** The connection string a value holds, if it is one with one host setting. Pure. */
function parseConnectionString(value) {
    const go = GO_MYSQL.exec(value);
    if (go)
        return { format: 'go-mysql', hosts: [go[4]] };
    for (const [format, pairs] of [
        ['keyed', keyedPairs(value)],
        ['libpq', libpqPairs(value)]
    ]) {
        const hosts = (pairs ?? []).filter(pair => memberOf(pair.key) === 'host');
        if (hosts.length === 1)
            return { format, hosts: hostsOf(hosts[0].value).hosts };
    }
    return undefined;
}
/** The database name a connection string names, if any (for the two-databases warning). Pure. */
function connectionStringDatabase(value) {
    const go = GO_MYSQL.exec(value);
    if (go)
        return go[6] || undefined;
    const pairs = keyedPairs(value) ?? libpqPairs(value) ?? [];
    return pairs.find(pair => memberOf(pair.key) === 'database')?.value || undefined;
}
/** The drivers' default ports, when the string names none. */
const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 };
/** A TLS mode that turns TLS off, in each driver's words (Npgsql/libpq `disable`, MySqlConnector `None`). */
const TLS_OFF = /^(disable|disabled|allow|none)$/i;
/**
 * The connection string pointed at the managed service, without its password. `engine` decides the TLS word
 * (Npgsql and libpq `require`, MySqlConnector `Required`: each parses only its own). Pure.
 */
function rewriteConnectionString(value, target, engine = 'postgres') {
    const go = GO_MYSQL.exec(value);
    if (go) {
        const user = target.username ?? go[2] ?? '';
        const database = target.databaseName ?? go[6] ?? '';
        // tls=false against a server that serves TLS: encrypt without verifying (the driver's skip-verify).
        const query = target.tls === true ? (go[7] ?? '').replace(/([?&]tls=)false(?=&|$)/, '$1skip-verify') : (go[7] ?? '');
        return `${go[1] ?? ''}${user ? `${user}@` : ''}tcp(${target.host}:${target.port})/${database}${query}`;
    }
    const keyed = keyedPairs(value);
    const pairs = keyed ?? libpqPairs(value);
    if (!pairs)
        return value;
    const written = pairs.flatMap((pair) => {
        const next = (replacement) => [
            { key: pair.key, value: replacement ?? pair.value, changed: replacement !== undefined, raw: pair.raw }
        ];
        switch (memberOf(pair.key)) {
            case 'host': {
                const { withPort } = hostsOf(pair.value);
                return next(withPort ? withPort(target.host, target.port) : target.host);
            }
            case 'port':
                return next(String(target.port));
            case 'user':
                return next(target.username);
            case 'database':
                return next(target.databaseName);
            case 'password':
                return [];
            case 'sslmode':
                return next(target.tls === true && TLS_OFF.test(pair.value)
                    ? engine === 'mysql'
                        ? 'Required'
                        : 'require'
                    : undefined);
            default:
                return next(undefined);
        }
    });
    // A string that names no port connects to the driver's default: a managed service elsewhere gets its port added.
    const hasPort = pairs.some(pair => memberOf(pair.key) === 'port' ||
        (hostsOf(pair.value).withPort !== undefined && memberOf(pair.key) === 'host'));
    if (!hasPort && target.port !== DEFAULT_PORTS[engine])
        written.push({ key: keyed ? 'Port' : 'port', value: String(target.port), changed: true, raw: '' });
    if (keyed)
        return written.map(pair => `${pair.key}=${pair.changed ? quoteKeyed(pair.value) : pair.raw}`).join(';');
    return written.map(pair => `${pair.key}=${pair.changed ? quoteLibpq(pair.value) : pair.raw}`).join(' ');
}
const quoteKeyed = (value) => /[;"']/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
const quoteLibpq = (value) => /[\s'\\]|^$/.test(value) ? `'${value.replace(/(['\\])/g, '\\$1')}'` : value;
const REDIS_ENDPOINT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::\d{1,5})?$/;
/**
 * A StackExchange.Redis configuration string: comma-separated endpoints (`host[:port]`) and `key=value` options.
 * A bare host list (`redis`) counts only where the variable's name says it is one (`bare`). Pure.
 */
function parseRedisConfiguration(value, bare) {
    const parts = value
        .split(',')
        .map(part => part.trim())
        .filter(part => part !== '');
    const endpoints = parts.filter(part => !part.includes('='));
    if (endpoints.length === 0 || !endpoints.every(endpoint => REDIS_ENDPOINT.test(endpoint)))
        return undefined;
    if (!bare && endpoints.length === parts.length)
        return undefined;
    return { format: 'stackexchange-redis', hosts: endpoints.map(endpoint => endpoint.split(':')[0]) };
}
/** The configuration string pointed at the managed cache: its endpoint, TLS on when it serves TLS, no password. */
function rewriteRedisConfiguration(value, target) {
    const parts = value
        .split(',')
        .map(part => part.trim())
        .filter(part => part !== '');
    let endpointWritten = false;
    const written = parts.flatMap(part => {
        const equals = part.indexOf('=');
        if (equals < 0) {
            if (endpointWritten)
                return [];
            endpointWritten = true;
            return [`${target.host}:${target.port}`];
        }
        const key = part.slice(0, equals).trim().toLowerCase();
        if (key === 'password' || key === 'user')
            return [];
        if (key === 'ssl' && target.tls === true)
            return [`${part.slice(0, equals)}=true`];
        return [part];
    });
    const hasSsl = parts.some(part => /^ssl\s*=/i.test(part));
    return [...written, ...(target.tls === true && !hasSsl ? ['ssl=true'] : [])].join(',');
}


/***/ }),

/***/ 914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ containerPathProblem),
/* harmony export */   i: () => (/* binding */ imageReferenceProblem)
/* harmony export */ });
// Values from the compose file that end up as arguments of the docker CLI (on
// the runner) or of the ECS agent (on the instance): an image reference and a
// container path must be exactly that, so that no value can turn into an
// option (`-v=/:/hostroot`) or a second mount field (`/cfg,source=/`).
// The reference grammar of distribution/reference, which docker applies.
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^${NAME}(?::${TAG})?(?:@${DIGEST})?$`);
/** Docker's own limit on a reference's name; longer strings are not tried against the grammar at all. */
const MAX_REFERENCE_LENGTH = 512;
/** Why `image` is not an image reference (`name[:tag][@digest]`), or undefined when it is one. */
function imageReferenceProblem(image) {
    if (image.length > MAX_REFERENCE_LENGTH || !REFERENCE.test(image)) {
        return `"${image}" is not an image reference (name[:tag][@digest], e.g. postgres:15)`;
    }
    return undefined;
}
/**
 * Why a container path cannot be used as a mount target, or undefined. ECS
 * joins it into `source:target[:ro]` and the docker CLI into
 * `type=bind,source=…,target=…`: separators of either format are refused.
 */
function containerPathProblem(containerPath) {
    if (!containerPath.startsWith('/'))
        return `mount path "${containerPath}" must be absolute`;
    if (/[,=:\0\r\n]/.test(containerPath)) {
        return `mount path ${JSON.stringify(containerPath)} may not contain ",", "=", ":" or a line break`;
    }
    return undefined;
}


/***/ }),

/***/ 9602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cd: () => (/* binding */ renderDockerrun),
/* harmony export */   DB: () => (/* binding */ serialiseDockerrun),
/* harmony export */   H$: () => (/* binding */ redactDockerrun),
/* harmony export */   Nu: () => (/* binding */ passesSecretsByReference),
/* harmony export */   __: () => (/* binding */ endpointFromInput),
/* harmony export */   c4: () => (/* binding */ hiddenVariables)
/* harmony export */ });
/* unused harmony export HIDDEN_VALUE */
/* harmony import */ var _backing_engines_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33568);
/* harmony import */ var _connection_strings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2616);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _secret_names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89138);
/* harmony import */ var _validate_dockerrun_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4505);
// DeployPlan + what the deploy resolved (image digests, managed endpoints) →
// the Dockerrun.aws.json v2 document. Pure.





/**
 * True when a container receives a secret by reference — from the secrets
 * input, or the managed database password — which the platform reads with the
 * task's execution role.
 */
function passesSecretsByReference(plan, resolution = {}) {
    return plan.containers.some(container => container.secrets.length > 0 ||
        container.bindings.some(binding => binding.kind === 'password' && (resolution.backing?.[binding.role]?.secrets.length ?? 0) > 0));
}
function renderDockerrun(plan, resolution = {}) {
    const containerDefinitions = plan.containers.map(container => renderContainer(plan, container, resolution));
    const document = {
        AWSEBDockerrunVersion: 2,
        ...((plan.executionRoleArn ?? resolution.executionRoleArn) !== undefined && {
            executionRoleArn: plan.executionRoleArn ?? resolution.executionRoleArn
        }),
        ...(plan.volumes.length > 0 && {
            volumes: plan.volumes.map(volume => ({ name: volume.name, host: { sourcePath: volume.sourcePath } }))
        }),
        containerDefinitions
    };
    const problems = (0,_validate_dockerrun_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerrunProblems */ .Sb)(document);
    if (problems.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ComposeError */ .hp(`Dockerrun.aws.json would be rejected: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).join('; ')})` : ''}`);
    }
    return document;
}
function renderContainer(plan, container, resolution) {
    const environment = { ...container.environment };
    const secrets = [...container.secrets];
    for (const binding of container.bindings) {
        const replacement = plan.backing.find(candidate => candidate.role === binding.role);
        if (!replacement)
            continue;
        const resolved = resolution.backing?.[binding.role];
        if (binding.kind === 'password') {
            delete environment[binding.variable];
            const reference = resolved?.secrets[0]?.valueFrom;
            if (reference && !secrets.some(secret => secret.name === binding.variable)) {
                secrets.push({ name: binding.variable, valueFrom: reference });
            }
            continue;
        }
        const endpoint = resolved?.endpoint ?? endpointFromInput(replacement);
        const value = endpoint
            ? boundValue(binding, replacement, endpoint, environment[binding.variable])
            : // Plan mode without a lookup: say where the value will come from.
                `<${replacement.source.kind === 'unset' ? 'not set' : `set at deploy from ${(0,_backing_engines_js__WEBPACK_IMPORTED_MODULE_0__/* .describeBackingSource */ .SY)(replacement.source)}`}>`;
        if (value === undefined)
            delete environment[binding.variable];
        else
            environment[binding.variable] = value;
    }
    const logConfiguration = renderLogConfiguration(plan, container, resolution);
    const options = container.options;
    const linuxParameters = {
        ...(options.capabilities && { capabilities: options.capabilities }),
        ...(options.initProcessEnabled && { initProcessEnabled: true }),
        ...(options.sharedMemorySize !== undefined && { sharedMemorySize: options.sharedMemorySize }),
        ...(options.tmpfs && { tmpfs: options.tmpfs })
    };
    return {
        name: container.name,
        image: imageOf(plan, container, resolution),
        essential: container.essential,
        ...(container.memory !== undefined && { memory: container.memory }),
        ...(container.memoryReservation !== undefined && { memoryReservation: container.memoryReservation }),
        ...(container.portMappings.length > 0 && { portMappings: container.portMappings }),
        ...(container.links.length > 0 && { links: container.links }),
        ...(container.dependsOn.length > 0 && { dependsOn: container.dependsOn }),
        ...(Object.keys(environment).length > 0 && {
            environment: Object.entries(environment)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([name, value]) => ({ name, value }))
        }),
        ...(secrets.length > 0 && { secrets: [...secrets].sort((a, b) => a.name.localeCompare(b.name)) }),
        ...(container.command && { command: container.command }),
        ...(container.entryPoint && { entryPoint: container.entryPoint }),
        ...(container.workingDirectory && { workingDirectory: container.workingDirectory }),
        ...(container.mountPoints.length > 0 && { mountPoints: container.mountPoints }),
        ...(container.volumesFrom.length > 0 && { volumesFrom: container.volumesFrom }),
        ...(options.user !== undefined && { user: options.user }),
        ...(options.hostname !== undefined && { hostname: options.hostname }),
        ...(options.extraHosts && { extraHosts: options.extraHosts }),
        ...(options.ulimits && { ulimits: options.ulimits }),
        ...(options.labels && Object.keys(options.labels).length > 0 && { dockerLabels: options.labels }),
        ...(options.healthCheck && { healthCheck: options.healthCheck }),
        ...(Object.keys(linuxParameters).length > 0 && { linuxParameters }),
        ...(options.stopTimeout !== undefined && { stopTimeout: options.stopTimeout }),
        ...(options.readonlyRootFilesystem && { readonlyRootFilesystem: true }),
        ...(options.privileged && { privileged: true }),
        ...(options.systemControls && { systemControls: options.systemControls }),
        ...(options.dnsServers && { dnsServers: options.dnsServers }),
        ...(options.dnsSearchDomains && { dnsSearchDomains: options.dnsSearchDomains }),
        ...(options.dockerSecurityOptions && { dockerSecurityOptions: options.dockerSecurityOptions }),
        ...(options.interactive && { interactive: true }),
        ...(options.pseudoTerminal && { pseudoTerminal: true }),
        ...(options.cpu !== undefined && { cpu: options.cpu }),
        ...(logConfiguration && { logConfiguration })
    };
}
/** A bound variable's value on the managed service; undefined when it has none to give. */
function boundValue(binding, replacement, endpoint, development) {
    switch (binding.kind) {
        case 'url':
            return development === undefined
                ? (0,_backing_engines_js__WEBPACK_IMPORTED_MODULE_0__/* .managedUrl */ .Fb)(replacement, endpoint)
                : (0,_backing_engines_js__WEBPACK_IMPORTED_MODULE_0__/* .rewriteUrl */ .Oy)(development, replacement.role, endpoint, binding.query);
        case 'connection-string':
            if (development === undefined)
                return undefined;
            if (replacement.role === 'cache')
                return (0,_connection_strings_js__WEBPACK_IMPORTED_MODULE_1__/* .rewriteRedisConfiguration */ .oN)(development, endpoint);
            return (0,_connection_strings_js__WEBPACK_IMPORTED_MODULE_1__/* .rewriteConnectionString */ ._Z)(development, endpoint, replacement.engine === 'mysql' ? 'mysql' : 'postgres');
        case 'host':
            return endpoint.host;
        case 'address': {
            const url = (0,_backing_engines_js__WEBPACK_IMPORTED_MODULE_0__/* .parseUrl */ .Dl)(development);
            return url ? `${url.protocol}//${endpoint.host}:${endpoint.port}` : development;
        }
        case 'host-port':
            return `${endpoint.host}:${endpoint.port}`;
        case 'port':
            return String(endpoint.port);
        case 'user':
            return endpoint.username ?? development;
        case 'database':
            return endpoint.databaseName ?? development;
        case 'sslmode':
            // Only an endpoint known to serve TLS (every RDS instance does); a smoke run's dev container does not.
            if (endpoint.tls !== true || development === undefined)
                return development;
            return replacement.engine === 'postgres'
                ? 'require'
                : /^[a-z]/.test(development)
                    ? 'required'
                    : 'REQUIRED';
        default:
            return undefined;
    }
}
function imageOf(plan, container, resolution) {
    if (container.image.kind === 'prebuilt')
        return container.image.ref;
    const buildId = container.image.buildId;
    const pinned = resolution.images?.[buildId];
    if (pinned)
        return pinned;
    const build = plan.images.find(image => image.id === buildId);
    if (!build)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ComposeError */ .hp(`container ${container.name}: no image build ${buildId} in the plan`);
    const repository = resolution.registry ? `${resolution.registry}/${build.repository}` : build.repository;
    return `${repository}:${plan.versionLabel || 'latest'}`;
}
/** awslogs sends container output to CloudWatch Logs, where `eb logs --cloudwatch-logs` and the console find it. */
function renderLogConfiguration(plan, container, resolution) {
    const driver = resolution.logDriver ?? 'awslogs';
    if (driver === 'none')
        return undefined;
    if (driver === 'json-file')
        return { logDriver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } };
    return {
        logDriver: 'awslogs',
        options: {
            'awslogs-group': 
            // Per application, not per environment: one bundle can serve several environments.
            resolution.logGroup ?? `/aws/elasticbeanstalk/${plan.application}/containers`,
            ...(resolution.region !== undefined && { 'awslogs-region': resolution.region }),
            'awslogs-stream-prefix': container.name,
            'awslogs-create-group': 'true'
        }
    };
}
function endpointFromInput(replacement) {
    const source = replacement.source;
    if (source.kind !== 'endpoint')
        return undefined;
    const url = new URL(source.url);
    return {
        host: url.hostname,
        port: url.port ? Number(url.port) : _backing_engines_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_PORT */ .Wg[replacement.engine],
        ...(url.username && { username: decodeURIComponent(url.username) }),
        ...(url.pathname.length > 1 &&
            replacement.role === 'database' && { databaseName: url.pathname.slice(1) }),
        ...((url.protocol === 'rediss:' || endpointRequiresTls(url)) && { tls: true })
    };
}
/** An endpoint URL input that asks for TLS (`?sslmode=require`, `?ssl-mode=REQUIRED`): it serves TLS. */
function endpointRequiresTls(url) {
    const mode = url.searchParams.get('sslmode') ?? url.searchParams.get('ssl-mode') ?? '';
    return /^(require|required|verify-ca|verify-full|verify_ca|verify_identity)$/i.test(mode);
}
/** Stable, readable JSON: the same plan always gives the same bytes. */
function serialiseDockerrun(document) {
    return `${JSON.stringify(document, null, 2)}\n`;
}
const HIDDEN_VALUE = '(hidden)';
/**
 * The document as the log may show it: values that came from the runner,
 * `.env` or an env_file, and values of secret-looking variables, replaced by
 * "(hidden)". The bundle itself is unchanged.
 */
function redactDockerrun(document, plan) {
    const hidden = hiddenVariables(plan);
    return {
        ...document,
        containerDefinitions: document.containerDefinitions.map(definition => ({
            ...definition,
            ...(definition.environment && {
                environment: definition.environment.map(entry => hidden.get(definition.name)?.has(entry.name) || (0,_secret_names_js__WEBPACK_IMPORTED_MODULE_4__/* .looksSecret */ .n)(entry.name)
                    ? { name: entry.name, value: HIDDEN_VALUE }
                    : entry)
            })
        }))
    };
}
/**
 * Container → variables whose values the log never shows. A variable the action set from the managed service
 * (a host, user, database name, or a URL, which never holds a password) shows the value the action wrote,
 * whatever file named it: hidden, the user could not check the rewrite (a fresh sample's env_file DATABASE_URL).
 */
function hiddenVariables(plan) {
    return new Map(plan.containers.map(container => {
        const rewritten = new Set(container.bindings.filter(binding => binding.kind !== 'password').map(binding => binding.variable));
        return [container.name, new Set(container.sourcedVariables.filter(name => !rewritten.has(name)))];
    }));
}


/***/ }),

/***/ 76478:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mp: () => (/* binding */ groupClearSecrets),
/* harmony export */   pX: () => (/* binding */ clearSecretWarnings)
/* harmony export */ });
/* unused harmony export secretAdvice */
// Secret-looking values the compose file, `.env` or an env_file write in
// clear: they go into the bundle in S3 as given. Each is a warning on the
// run's page and a row of the job summary, with the two ways to pass it
// instead: by reference (the secrets input), or as an environment property of
// the Beanstalk environment, which stays out of the bundle — and can itself
// be a Secrets Manager or Parameter Store reference on platform versions
// from 26 March 2025:
// https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/AWSHowTo.secrets.env-vars.html
/** The two ways to pass a secret instead, for a warning or a summary cell. */
function secretAdvice(variable) {
    return `pass it by reference with the secrets input (${variable}=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write ${variable}: \${${variable}} in the compose file`;
}
/** Variable → the containers and sources that write it in clear, in first-seen order. */
function groupClearSecrets(secrets) {
    const grouped = new Map();
    for (const secret of secrets) {
        const entry = grouped.get(secret.variable) ?? { containers: [], sources: [] };
        if (!entry.containers.includes(secret.container))
            entry.containers.push(secret.container);
        if (!entry.sources.includes(secret.source))
            entry.sources.push(secret.source);
        grouped.set(secret.variable, entry);
    }
    return grouped;
}
function clearSecretWarnings(secrets) {
    return [...groupClearSecrets(secrets)].map(([variable, { containers, sources }]) => `${variable} is written in clear into the bundle in S3 (${containers.join(', ')}; from the ${sources.join(' and the ')}): ${secretAdvice(variable)}`);
}


/***/ }),

/***/ 96501:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JL: () => (/* binding */ uniqueVolumeName),
/* harmony export */   UO: () => (/* binding */ isWithin),
/* harmony export */   yd: () => (/* binding */ mountsFor)
/* harmony export */ });
/* unused harmony export INSTANCE_DATA_ROOT */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _compose_dockerfile_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(100);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
// Compose volumes → what ships in the bundle and is mounted from
// /var/app/current, what lives in a folder of the instance, and what is
// dropped (named volumes, host paths, source mounts the image already has).
// A bind mount of the build context is dropped only when the Dockerfile
// copies that path to that place and .dockerignore lets it through;
// otherwise the app needs it on Beanstalk too, and it ships.



/** Instance folder for mounted paths the checkout does not have (uploads, logs): kept across deploys. */
const INSTANCE_DATA_ROOT = '/var/app/volumes';
/** Named-volume targets that hold a dependency or build cache, not data: losing them loses nothing. */
const CACHE_TARGET = /(node_modules|bundle|vendor|\.cache|cache|site-packages|deps|_build|\/tmp)(\/|$)/;
/** Where data survives, said the same way for every mount that keeps data outside the image. */
const SURVIVAL = 'a Beanstalk deploy starts new containers and an instance can be replaced or joined by others at any time; keep lasting data in S3, EFS or the database';
function mountsFor(service, compose, notes, warnings = notes, deployed = Object.values(compose.services)) {
    const planned = [];
    const caches = [];
    for (const mount of service.volumes) {
        const described = describeMount(mount);
        if (mount.type === 'volume') {
            const sharers = mount.source === undefined ? [] : sharersOf(mount.source, deployed);
            if (CACHE_TARGET.test(mount.target)) {
                caches.push(mount);
            }
            else if (sharers.length > 1) {
                // Said once, by the first of them: what the others see is the point, not that the data is lost.
                if (sharers[0]?.service === service)
                    warnings.push(sharedVolumeWarning(mount.source, sharers));
            }
            else {
                warnings.push(`${service.name}: ${mount.source ? 'volume' : 'anonymous volume'} ${described} dropped: what the app writes to ${mount.target} stays in its container and is lost at the next deploy; ${SURVIVAL}`);
            }
            continue;
        }
        if (mount.hostPath || !mount.source) {
            if (/(^|\/)docker\.sock$/.test(mount.source ?? '')) {
                dockerSocket(service, described, warnings);
                continue;
            }
            notes.push(`${service.name}: host path ${described} dropped (a folder of the developer machine; the instance's is not the same)`);
            continue;
        }
        const inImage = builtIn(service, mount);
        if (inImage) {
            notes.push(`${service.name}: bind mount ${described} dropped: ${inImage}`);
            continue;
        }
        const bundlePath = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(compose.directory, mount.source);
        if (bundlePath === '') {
            // The image does not hold that code (builtIn found no COPY of it there): the container starts without it. A
            // note was not enough: a new user's `image: node:18-alpine` + `./:/app` planned ✓ and went Red on Beanstalk.
            const why = service.build
                ? `the Dockerfile of ${service.name} does not copy it to ${mount.target}`
                : `${service.image ?? 'the image'} is not built from it`;
            warnings.push(`${service.name}: bind mount ${described} dropped: it mounts the whole folder of the compose file (source code for development), which is not shipped in the bundle, and ${why}, so ${mount.target} starts without that code on Beanstalk; ${service.build ? `COPY it to ${mount.target} in the Dockerfile` : `give the service a build (build: . with a Dockerfile that copies the code to ${mount.target})`}`);
            continue;
        }
        if (bundlePath.startsWith('..')) {
            notes.push(`${service.name}: bind mount ${described} dropped: outside the compose file's folder, so not shipped in the bundle`);
            continue;
        }
        // ECS joins the instance path and the container path with ":" (docker -v): a path holding one cannot mount.
        if (/[,:\0\r\n]/.test(bundlePath)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ComposeError */ .hp(`service "${service.name}": bind mount ${described}: its source ${JSON.stringify(mount.source)} has a "," or ":" in its path, which a Beanstalk volume cannot hold (ECS joins source and target with ":"); rename the folder or file`);
        }
        const volume = bundlePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'bundle';
        if (!existsInCheckout(compose, mount.source)) {
            warnings.push(`${service.name}: ${mount.source} is not in the checkout (ignored by git?): ${mount.target} is mounted from the instance folder ${INSTANCE_DATA_ROOT}/${bundlePath}, which keeps its data across deploys on that instance only; ${SURVIVAL}`);
            planned.push({
                volume: `data-${volume}`,
                sourcePath: `${INSTANCE_DATA_ROOT}/${bundlePath}`,
                target: mount.target,
                readOnly: mount.readOnly
            });
            continue;
        }
        planned.push({
            volume,
            sourcePath: `/var/app/current/${bundlePath}`,
            bundle: { source: mount.source, target: bundlePath },
            target: mount.target,
            readOnly: mount.readOnly
        });
    }
    for (const cache of caches)
        droppedCache(service, cache, planned, notes, warnings);
    return planned;
}
/**
 * A dependency or build cache volume is dropped. What the container then
 * sees at its path depends on the other mounts: the image's files, or the
 * checkout's copy of a bind mount that ships over them (the volume kept the
 * image's node_modules apart from the source mount in development).
 */
function droppedCache(service, cache, planned, notes, warnings) {
    const dropped = `${service.name}: ${cache.source ? 'volume' : 'anonymous volume'} ${describeMount(cache)} dropped`;
    const over = planned.find(mount => mount.bundle && isWithin(cache.target, mount.target));
    if (!over?.bundle) {
        notes.push(`${dropped}: nothing is mounted over ${cache.target} on Beanstalk, so the container uses what the image holds there`);
        return;
    }
    const hidden = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(over.bundle.target, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(over.target, cache.target));
    warnings.push(`${dropped}, but the bind mount ${over.bundle.target}:${over.target} ships the checkout's ${over.bundle.target} over ${over.target}, so the container sees ${hidden} from the bundle instead of the image's ${cache.target}; copy ${over.bundle.target} into the image at ${over.target} (COPY) so that bind mount is dropped too`);
}
/** Why the image already holds what a bind mount of its build context provides, or undefined when it does not. */
function builtIn(service, mount) {
    const build = service.build;
    if (!build || !mount.source || !isWithin(mount.source, build.context))
        return undefined;
    const contextPath = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(build.context, mount.source);
    // Without a readable Dockerfile nothing can be checked: a development mount of the context is the usual case.
    if (!build.contents)
        return 'it mounts the build context for development, and the image already contains it';
    if ((0,_compose_dockerfile_js__WEBPACK_IMPORTED_MODULE_1__/* .isIgnored */ .pi)(contextPath, build.contents.ignore))
        return undefined;
    const target = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(mount.target).replace(/\/+$/, '') || '/';
    if (!(0,_compose_dockerfile_js__WEBPACK_IMPORTED_MODULE_1__/* .imagePathsOf */ .F1)(contextPath, build.contents).some(path => path.replace(/\/+$/, '') === target))
        return undefined;
    return `the Dockerfile copies ${contextPath || 'the build context'} to ${target}, so the image already contains it`;
}
function existsInCheckout(compose, path) {
    if (!compose.files.listFolder)
        return true;
    return compose.files.readFile(path) !== undefined || compose.files.listFolder(path, 0) !== undefined;
}
/** Two paths can flatten to one name (nginx/conf.d, nginx-conf.d): number the later ones. */
function uniqueVolumeName(volumes, base, sourcePath) {
    for (let suffix = 1;; suffix++) {
        const name = suffix === 1 ? base : `${base}-${suffix}`;
        const existing = volumes.get(name);
        if (existing === undefined || existing === sourcePath)
            return name;
    }
}
function describeMount(mount) {
    return mount.source ? `${mount.source}:${mount.target}` : mount.target;
}
/** `path` is `folder` or lies under it (both workspace-relative and normalised; `..` leads outside). */
function isWithin(path, folder) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(folder, path);
    return relative === '' || (!relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_0__.posix.isAbsolute(relative));
}
/**
 * A container that mounts the Docker socket watches or drives the other
 * containers (nginx-proxy, Traefik, caddy-docker-proxy, Watchtower). The
 * action never hands a container the instance's socket (it would control
 * every container there, the ECS agent's included). A proxy that routes by
 * watching it would serve nothing: refused when it is the one serving HTTP.
 */
function dockerSocket(service, described, warnings) {
    const serves = service.ports.some(port => port.hostPort === 80 || port.hostPort === 443);
    const why = `mounts the Docker socket (${described}), which the action never gives a container on Beanstalk (it would control every container of the instance)`;
    if (serves) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ComposeError */ .hp(`service "${service.name}" serves HTTP and ${why}: a proxy that routes by watching containers would route nothing; use a proxy with a static configuration (e.g. nginx with proxy_pass http://web:3000) or let the load balancer route to the app`);
    }
    warnings.push(`${service.name}: ${why}: dropped, so whatever ${service.name} does with Docker does not happen on Beanstalk`);
}
/** The deployed services that mount a named volume, each with its path, in their order. */
function sharersOf(volume, deployed) {
    return deployed.flatMap(service => service.volumes
        .filter(mount => mount.type === 'volume' && mount.source === volume)
        .slice(0, 1)
        .map(mount => ({ service, target: mount.target })));
}
/**
 * A named volume two containers share (Django's collected static files, which nginx serves): compose fills it from
 * the first image at first use and both see the same files. A Beanstalk container gets no such volume, so each sees
 * only its own image at that path, and the other never sees what the first puts there — from the first deploy on.
 */
function sharedVolumeWarning(volume, sharers) {
    const described = sharers.map(({ service, target }) => `service ${service.name} (${target})`).join(' and ');
    const otherNames = sharers
        .slice(1)
        .map(({ service }) => service.name)
        .join(', ');
    return `volume ${volume} dropped: ${described} share it, and on Beanstalk no volume is shared: each container sees only its own image there, so ${otherNames} never ${sharers.length === 2 ? 'sees' : 'see'} what ${sharers[0]?.service.name} puts in it (collected static files, uploads); serve those files from the app itself, or copy them into the image of ${otherNames} at build (a multi-stage COPY --from), or keep them in S3`;
}


/***/ }),

/***/ 73886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ ADDRESS_KINDS)
/* harmony export */ });
// The typed deploy plan: what the pure core derives from the inputs and the
// compose file, before any I/O. Adapters execute it; renderers turn it into
// the Dockerrun document and the bundle.
/** The kinds that say where the service is: how an app reaches it. */
const ADDRESS_KINDS = [
    'url',
    'connection-string',
    'host',
    'host-port',
    'address'
];


/***/ }),

/***/ 4505:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sb: () => (/* binding */ dockerrunProblems),
/* harmony export */   op: () => (/* binding */ MAX_CONTAINER_DEFINITIONS)
/* harmony export */ });
/* unused harmony export MAX_TASK_DEFINITION_BYTES */
/* harmony import */ var _docker_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(914);
// The rules the ECS platform enforces on a Dockerrun v2 document (some
// documented, some learnt from rejected deploys), checked before upload so a
// mistake costs a second, not a ten-minute failed deploy.

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** ECS quotas (fixed): containers per task definition, and the size of a task definition. */
const MAX_CONTAINER_DEFINITIONS = 10;
const MAX_TASK_DEFINITION_BYTES = 64 * 1024;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
function dockerrunProblems(document) {
    const problems = [];
    const containers = document.containerDefinitions;
    if (document.AWSEBDockerrunVersion !== 2)
        problems.push('AWSEBDockerrunVersion must be 2');
    if (containers.length === 0)
        problems.push('there must be at least one container');
    if (containers.length > MAX_CONTAINER_DEFINITIONS) {
        problems.push(`ECS runs at most ${MAX_CONTAINER_DEFINITIONS} containers per task definition (this document has ${containers.length})`);
    }
    const size = Buffer.byteLength(JSON.stringify({ containerDefinitions: containers, volumes: document.volumes ?? [] }));
    if (size > MAX_TASK_DEFINITION_BYTES) {
        problems.push(`the container definitions take ${(size / 1024).toFixed(1)} KiB; an ECS task definition may take at most ${MAX_TASK_DEFINITION_BYTES / 1024} KiB (move long values into environment properties or secrets)`);
    }
    const names = new Set();
    for (const container of containers) {
        if (!NAME.test(container.name)) {
            problems.push(`container name "${container.name}" must be 1–255 letters, digits, "_" or "-"`);
        }
        if (names.has(container.name))
            problems.push(`container name "${container.name}" is used twice`);
        names.add(container.name);
    }
    if (containers.length > 0 && !containers.some(container => container.essential !== false)) {
        problems.push('at least one container must be essential');
    }
    const declaredVolumes = new Set((document.volumes ?? []).map(volume => volume.name));
    // ECS joins a volume's host path and a mount's container path with ":" into docker's -v: neither may hold one.
    for (const volume of document.volumes ?? []) {
        const sourceProblem = (0,_docker_values_js__WEBPACK_IMPORTED_MODULE_0__/* .containerPathProblem */ .a)(volume.host.sourcePath);
        if (sourceProblem)
            problems.push(`volume ${volume.name}: host ${sourceProblem}`);
    }
    const hostPorts = new Map();
    for (const container of containers) {
        const where = `container ${container.name}`;
        if (!container.image || container.image.length > 255)
            problems.push(`${where}: image must be 1–255 characters`);
        else {
            const imageProblem = (0,_docker_values_js__WEBPACK_IMPORTED_MODULE_0__/* .imageReferenceProblem */ .i)(container.image);
            if (imageProblem)
                problems.push(`${where}: image ${imageProblem}`);
        }
        const { memory, memoryReservation } = container;
        if (!memory && !memoryReservation)
            problems.push(`${where}: needs memory or memoryReservation (MiB)`);
        if (memory !== undefined && memory < 4)
            problems.push(`${where}: memory ${memory} MiB is below the 4 MiB minimum`);
        if (memoryReservation !== undefined && memoryReservation < 4) {
            problems.push(`${where}: memoryReservation ${memoryReservation} MiB is below the 4 MiB minimum`);
        }
        if (memory !== undefined && memoryReservation !== undefined && memory <= memoryReservation) {
            problems.push(`${where}: memory (${memory}) must be greater than memoryReservation (${memoryReservation})`);
        }
        for (const link of container.links ?? []) {
            const target = link.split(':')[0];
            if (target === container.name)
                problems.push(`${where}: links to itself`);
            else if (!names.has(target))
                problems.push(`${where}: links to "${target}", which is not a container of this bundle`);
        }
        for (const dependency of container.dependsOn ?? []) {
            const target = containers.find(candidate => candidate.name === dependency.containerName);
            if (!target) {
                problems.push(`${where}: dependsOn "${dependency.containerName}", which is not a container of this bundle`);
            }
            else if ((dependency.condition === 'SUCCESS' || dependency.condition === 'COMPLETE') &&
                target.essential !== false) {
                problems.push(`${where}: waits for ${target.name} to ${dependency.condition === 'SUCCESS' ? 'succeed' : 'complete'}, which ECS allows only for a non-essential container`);
            }
            else if (dependency.condition === 'HEALTHY' && !target.healthCheck) {
                problems.push(`${where}: waits for ${target.name} to be healthy, but ${target.name} has no healthCheck`);
            }
        }
        for (const source of container.volumesFrom ?? []) {
            if (!names.has(source.sourceContainer)) {
                problems.push(`${where}: volumesFrom "${source.sourceContainer}", which is not a container of this bundle`);
            }
        }
        for (const mount of container.mountPoints ?? []) {
            if (!declaredVolumes.has(mount.sourceVolume) && !mount.sourceVolume.startsWith('awseb-logs-')) {
                problems.push(`${where}: mount of undeclared volume "${mount.sourceVolume}"`);
            }
            const pathProblem = (0,_docker_values_js__WEBPACK_IMPORTED_MODULE_0__/* .containerPathProblem */ .a)(mount.containerPath);
            if (pathProblem)
                problems.push(`${where}: ${pathProblem}`);
        }
        for (const tmpfs of container.linuxParameters?.tmpfs ?? []) {
            const pathProblem = (0,_docker_values_js__WEBPACK_IMPORTED_MODULE_0__/* .containerPathProblem */ .a)(tmpfs.containerPath);
            if (pathProblem)
                problems.push(`${where}: tmpfs ${pathProblem}`);
        }
        for (const mapping of container.portMappings ?? []) {
            const key = `${mapping.hostPort}/${mapping.protocol ?? 'tcp'}`;
            const owner = hostPorts.get(key);
            if (owner)
                problems.push(`host port ${key} is published by both ${owner} and ${container.name}`);
            hostPorts.set(key, container.name);
            for (const port of [mapping.hostPort, mapping.containerPort]) {
                if (!Number.isInteger(port) || port < 1 || port > 65535)
                    problems.push(`${where}: port ${port} is out of range`);
            }
        }
        const envNames = new Set();
        for (const variable of container.environment ?? []) {
            if (!ENV_NAME.test(variable.name))
                problems.push(`${where}: "${variable.name}" is not a valid variable name`);
            envNames.add(variable.name);
        }
        for (const secret of container.secrets ?? []) {
            if (envNames.has(secret.name))
                problems.push(`${where}: ${secret.name} is both a value and a secret reference`);
        }
        if ((container.secrets ?? []).length > 0 && !document.executionRoleArn) {
            problems.push(`${where}: passes ${container.secrets?.map(secret => secret.name).join(', ')} by reference, which needs an execution role: set the execution-role-arn input`);
        }
    }
    const cycle = linkCycle(document);
    if (cycle)
        problems.push(`links and dependsOn form a cycle: ${cycle.join(' → ')}`);
    return problems;
}
function linkCycle(document) {
    const edges = new Map(document.containerDefinitions.map(container => [
        container.name,
        // A self-link is reported on its own ("links to itself"), not again as a cycle.
        [
            ...(container.links ?? []).map(link => link.split(':')[0]),
            ...(container.dependsOn ?? []).map(dependency => dependency.containerName)
        ].filter(target => target !== container.name)
    ]));
    const visiting = new Set();
    const done = new Set();
    const walk = (name, path) => {
        if (visiting.has(name))
            return [...path.slice(path.indexOf(name)), name];
        if (done.has(name))
            return undefined;
        visiting.add(name);
        for (const next of edges.get(name) ?? []) {
            const found = walk(next, [...path, name]);
            if (found)
                return found;
        }
        visiting.delete(name);
        done.add(name);
        return undefined;
    };
    for (const name of edges.keys()) {
        const found = walk(name, []);
        if (found)
            return found;
    }
    return undefined;
}


/***/ }),

/***/ 49297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IC: () => (/* binding */ imagesOf),
  h$: () => (/* binding */ notesOf),
  iA: () => (/* binding */ prepare),
  fp: () => (/* binding */ versionLabelsOf)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/backing-engines.ts
var backing_engines = __webpack_require__(33568);
;// CONCATENATED MODULE: ./src/core/plan/backing-replacements.ts
// Dev-only backing services the deployed services use (recognised by their
// image), and the managed service (RDS, ElastiCache, an endpoint) that
// replaces each.


/**
 * PostgreSQL, MySQL and Redis services are replaced by RDS and ElastiCache.
 * Memcached only when the cache input names an ElastiCache Memcached
 * endpoint; otherwise it runs as a container like any other service.
 */
function isReplacedBacking(service, config, activeProfiles) {
    const engine = (0,backing_engines/* backingEngineOf */.ls)(service);
    // Compose does not start a service outside the active profiles: nothing to replace.
    if (engine === undefined || !isEnabled(service, activeProfiles))
        return false;
    return engine !== 'memcached' || isMemcachedEndpoint(config.cache);
}
/** Compose runs a service with no profile, or one of the active profiles ("*" activates all). */
function isEnabled(service, activeProfiles) {
    return (service.profiles.length === 0 ||
        activeProfiles.includes('*') ||
        service.profiles.some(profile => activeProfiles.includes(profile)));
}
function isMemcachedEndpoint(input) {
    return input.kind === 'endpoint' && input.url.startsWith('memcached://');
}
function replacedBackingServices(config, compose, selected, references, notes) {
    const replacements = [];
    for (const service of Object.values(compose.services)) {
        const engine = (0,backing_engines/* backingEngineOf */.ls)(service);
        if (engine === undefined || selected.includes(service))
            continue;
        if (!isReplacedBacking(service, config, compose.activeProfiles))
            continue;
        const role = backing_engines/* ENGINE_ROLE */.kt[engine];
        const envName = role === 'database' ? config.databaseEnv : config.cacheEnv;
        const input = role === 'database' ? config.database : config.cache;
        const inputName = role === 'database' ? 'database' : 'cache';
        if (replacements.some(replacement => replacement.role === role)) {
            // Every one of them, so that following the advice once is enough.
            const all = Object.values(compose.services).filter(other => {
                const otherEngine = (0,backing_engines/* backingEngineOf */.ls)(other);
                return (otherEngine !== undefined &&
                    backing_engines/* ENGINE_ROLE */.kt[otherEngine] === role &&
                    !selected.includes(other) &&
                    isReplacedBacking(other, config, compose.activeProfiles));
            });
            throw new errors/* InputError */.dz(inputName, `the compose file has ${all.length === 2 ? 'two' : all.length} ${role} services (${all.map(other => other.name).join(', ')}); deploy all but one of them as containers with the services input, or keep one ${role} service`);
        }
        const users = selected.filter(candidate => usesService(candidate, service.name, references));
        if (users.length === 0) {
            notes.push(`service ${service.name} (${engine}) is not named by any deployed service (environment, command, depends_on, links or mounted config): dropped; if the app reaches it through settings outside the compose file (its own .env or config), point those at the ${backing_engines/* ROLE_PRODUCT */.Vg[role]} endpoint`);
            continue;
        }
        if (input.kind === 'none') {
            notes.push(`service ${service.name} (${role}) dropped; ${inputName} is "none", so ${envName} is not set`);
            continue;
        }
        const source = backingSource(role, input);
        if (source.kind === 'unset' && config.mode !== 'plan') {
            throw new errors/* InputError */.dz(inputName, `compose service "${service.name}" is a dev-only ${role} (${service.image ?? engine}); on Beanstalk it is replaced by ${backing_engines/* ROLE_PRODUCT */.Vg[role]}: give the ${role === 'database' ? 'RDS instance' : 'ElastiCache cluster or replication group'} identifier or an endpoint URL, or "none"`);
        }
        // The inputs take only the schemes of these engines (inputs.ts): each names its protocol.
        const scheme = source.kind === 'endpoint' ? (0,backing_engines/* parseUrl */.Dl)(source.url)?.protocol.replace(/:$/, '') : undefined;
        const mismatch = (0,backing_engines/* engineMismatch */.$K)({ engine, composeService: service.name, role }, scheme, `the ${inputName} input's URL`);
        if (mismatch)
            throw new errors/* InputError */.dz(inputName, mismatch);
        notes.push(`service ${service.name} (${engine}) replaced by ${backing_engines/* ROLE_PRODUCT */.Vg[role]}: ${(0,backing_engines/* describeBackingSource */.SY)(source)} → ${envName}`);
        const devUrl = developmentUrl(users, service.name, envName);
        replacements.push({
            role,
            engine,
            composeService: service.name,
            envName,
            source,
            ...(devUrl !== undefined && { devUrl })
        });
    }
    for (const service of Object.values(compose.services)) {
        if ((0,backing_engines/* backingEngineOf */.ls)(service) === 'memcached' && selected.includes(service) && !config.services) {
            notes.push(`service ${service.name} (memcached) runs as a container on each instance (each instance has its own cache); to use ElastiCache Memcached, set the cache input to memcached://<configuration endpoint>`);
        }
    }
    for (const [role, input] of [
        ['database', config.database],
        ['cache', config.cache]
    ]) {
        if ((input.kind === 'identifier' || input.kind === 'endpoint') &&
            !replacements.some(r => r.role === role)) {
            notes.push(`the ${role} input is set but the compose file has no ${role} service that the deployed services use`);
        }
    }
    return replacements;
}
/** The URL the app was given for the dev service: its database-env variable first, then any other. */
function developmentUrl(users, target, envName) {
    const values = users.flatMap(user => {
        const own = user.environment[envName];
        return [own, ...Object.values(user.environment)];
    });
    for (const value of values) {
        if (value?.kind === 'literal' && (0,backing_engines/* parseUrl */.Dl)(value.value)?.hostname === target)
            return value.value;
    }
    return undefined;
}
function backingSource(role, input) {
    switch (input.kind) {
        case 'identifier':
            return role === 'database' ? { kind: 'rds', id: input.id } : { kind: 'elasticache', id: input.id };
        case 'endpoint':
            return { kind: 'endpoint', url: input.url };
        default:
            return { kind: 'unset' };
    }
}
/** A service uses another when it links to it, depends on it, or names it as a host. */
function usesService(service, target, references) {
    return (service.links.some(link => link.service === target) ||
        service.dependsOn.some(dependency => dependency.service === target) ||
        (references.get(service.name) ?? []).some(reference => reference.target === target));
}

;// CONCATENATED MODULE: ./src/core/plan/connections.ts
// How containers find and wait for each other on the ECS bridge network.
// Under compose every service reaches every other by name; on ECS only
// linked names resolve, so a container links to every deployed service it
// links to, depends on, or names as a host. A one-shot job that others wait
// for (`condition: service_completed_successfully`) is non-essential, never
// linked (it has exited by then) and waited for with dependsOn SUCCESS —
// ECS refuses COMPLETE/SUCCESS on an essential container; Beanstalk passes
// container definitions to ECS as they are.

function planConnections(service, references, inputs) {
    const name = service.name;
    const links = new Map();
    const reasons = new Map();
    const dependsOn = [];
    const link = (target, reason, alias) => {
        if (!links.has(target)) {
            links.set(target, alias ? `${target}:${alias}` : target);
            reasons.set(target, reason);
        }
    };
    const notDeployed = (target, how) => new errors/* InputError */.dz('services', `service ${name} ${how} ${target}, which is not deployed; add ${target} to services or remove the ${how === 'links to' ? 'link' : 'dependency'}`);
    const backingLinks = [];
    for (const { service: target, alias } of service.links) {
        if (inputs.backing.has(target)) {
            backingLinks.push(target);
            continue;
        }
        if (!inputs.deployed.has(target))
            throw notDeployed(target, 'links to');
        if (inputs.oneShot.has(target)) {
            inputs.notes.push(`${name}: not linked to ${target}, a one-shot job that has exited by the time ${name} starts`);
            continue;
        }
        link(target, 'links', alias);
    }
    for (const dependency of service.dependsOn) {
        const target = dependency.service;
        if (inputs.backing.has(target))
            continue;
        if (!inputs.deployed.has(target)) {
            if (dependency.required)
                throw notDeployed(target, 'depends on');
            inputs.notes.push(`${name}: depends on ${target} (required: false), which is not deployed`);
            continue;
        }
        if (dependency.condition === 'completed') {
            dependsOn.push({ containerName: target, condition: 'SUCCESS' });
            continue;
        }
        if (inputs.oneShot.has(target)) {
            dependsOn.push({ containerName: target, condition: 'START' });
            continue;
        }
        link(target, 'depends_on');
        if (dependency.condition === 'healthy') {
            if (inputs.deployed.get(target)?.options.healthCheck) {
                dependsOn.push({ containerName: target, condition: 'HEALTHY' });
            }
            else {
                inputs.notes.push(`${name}: waits for ${target} to be healthy, but ${target} has no healthcheck in the compose file: ${name} starts once ${target} has started`);
            }
        }
    }
    // A second name of a target already linked (depends_on: [api], API_URL: http://api-server): linked again under it.
    const alsoNamed = [];
    for (const reference of references) {
        const target = reference.target;
        if (inputs.backing.has(target))
            continue;
        if (links.has(target)) {
            const entry = reference.name === undefined ? undefined : `${target}:${reference.name}`;
            if (entry && links.get(target) !== entry && !alsoNamed.includes(entry))
                alsoNamed.push(entry);
            continue;
        }
        if (!inputs.deployed.has(target)) {
            if (inputs.allServices.has(target)) {
                inputs.notes.push(`${name}: ${reference.place} names ${target}, which is not deployed: that name does not resolve on Beanstalk`);
            }
            continue;
        }
        if (inputs.oneShot.has(target)) {
            inputs.notes.push(`${name}: ${reference.place} names ${target}, a one-shot job: not linked`);
            continue;
        }
        if (inputs.startsAfter?.has(target)) {
            inputs.notes.push(`${name}: ${reference.place} names ${target}, which starts only after ${name} has completed: not linked (${name} cannot reach it)`);
            continue;
        }
        // A container_name or network alias resolves on Beanstalk as the link's alias.
        link(target, reference.place, reference.name);
    }
    return { links: [...links.values(), ...alsoNamed], dependsOn, reasons, backingLinks };
}
/**
 * For each one-shot job, the services that start only after it completed:
 * those that wait for it, and whatever waits for or links to them.
 */
function servicesStartingAfter(selected, oneShot) {
    const after = new Map();
    for (const job of oneShot) {
        const later = new Set(selected
            .filter(service => service.dependsOn.some(d => d.service === job && d.condition === 'completed'))
            .map(service => service.name));
        for (let grew = true; grew;) {
            grew = false;
            for (const service of selected) {
                if (later.has(service.name) || service.name === job)
                    continue;
                const waits = service.dependsOn.some(dependency => later.has(dependency.service)) ||
                    service.links.some(entry => later.has(entry.service));
                if (waits) {
                    later.add(service.name);
                    grew = true;
                }
            }
        }
        after.set(job, later);
    }
    return after;
}
/** Docker links cannot be circular: the first cycle, with why each link is there, as one error. */
function refuseLinkCycles(connections) {
    const targetsOf = (name) => (connections.get(name)?.links ?? []).map(entry => entry.split(':')[0]);
    const state = new Map();
    const walk = (name, path) => {
        if (state.get(name) === 'visiting')
            return [...path.slice(path.indexOf(name)), name];
        if (state.get(name) === 'done')
            return undefined;
        state.set(name, 'visiting');
        for (const target of targetsOf(name)) {
            const cycle = walk(target, [...path, name]);
            if (cycle)
                return cycle;
        }
        state.set(name, 'done');
        return undefined;
    };
    for (const name of connections.keys()) {
        const cycle = walk(name, []);
        if (!cycle)
            continue;
        const edges = cycle.slice(0, -1).map((from, index) => {
            const to = cycle[index + 1];
            return `${from} → ${to} (${connections.get(from)?.reasons.get(to) ?? 'link'})`;
        });
        throw new errors/* ComposeError */.hp(`containers would link in a cycle: ${edges.join(', ')}; Docker links cannot be circular, and on Beanstalk a container reaches another only through a link: remove one of these references, or deploy one side in another environment`);
    }
}

// EXTERNAL MODULE: ./src/core/compose/memory.ts
var compose_memory = __webpack_require__(43901);
;// CONCATENATED MODULE: ./src/core/plan/containers.ts
// One compose service → one Dockerrun container plan: image, essential,
// memory, the container settings compose gave it, and the ports a Beanstalk
// instance serves.


/** Host ports a Beanstalk instance serves; others in a compose file are for local development. */
const PUBLIC_PORTS = [80, 443];
function planContainer(service, parts) {
    const { config, notes } = parts;
    const name = service.name;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
        throw new errors/* ComposeError */.hp(`service "${name}": container names may contain only letters, digits, "_" and "-"`);
    }
    const memory = service.memoryLimit === undefined ? undefined : (0,compose_memory/* toMiB */.Wg)(service.memoryLimit);
    const reservation = service.memoryReservation === undefined ? undefined : (0,compose_memory/* toMiB */.Wg)(service.memoryReservation);
    for (const [field, value] of [
        [service.memoryKeys.limit ?? 'mem_limit', memory],
        [service.memoryKeys.reservation ?? 'mem_reservation', reservation]
    ]) {
        if (value !== undefined && value < 4) {
            throw new errors/* ComposeError */.hp(`service "${name}": ${field} of ${value} MiB is below the platform minimum of 4 MiB`);
        }
    }
    if (memory !== undefined && reservation !== undefined && reservation >= memory) {
        throw new errors/* ComposeError */.hp(`service "${name}": ${service.memoryKeys.reservation ?? 'mem_reservation'} (${reservation} MiB) must be below ${service.memoryKeys.limit ?? 'mem_limit'} (${memory} MiB)`);
    }
    if (memory === undefined && reservation === undefined) {
        notes.push(`${name}: no memory limit in the compose file; reserving ${config.defaultMemoryReservation} MiB (memory-reservation input)`);
    }
    if (parts.job) {
        const waited = parts.job.includes('others wait');
        notes.push(`${name}: ${parts.job}: non-essential${waited ? ', and the containers that depend on it start after it exits with 0' : ' (its exit does not stop the task)'}; every instance runs it at each deploy, so it must be safe to run more than once and concurrently`);
    }
    for (const dropped of service.dropped)
        notes.push(`${name}: ${dropped.key} dropped (${dropped.reason})`);
    for (const note of service.notes)
        notes.push(`${name}: ${note}`);
    if (service.links.some(link => parts.connections.backingLinks.includes(link.service))) {
        notes.push(`${name}: links to replaced backing services removed`);
    }
    return {
        name,
        image: parts.buildId !== undefined
            ? { kind: 'build', buildId: parts.buildId }
            : { kind: 'prebuilt', ref: service.image },
        essential: parts.job === undefined,
        ...(memory !== undefined && { memory }),
        ...(reservation !== undefined && { memoryReservation: reservation }),
        ...(memory === undefined &&
            reservation === undefined && { memoryReservation: config.defaultMemoryReservation }),
        portMappings: publicPortMappings(service, notes),
        links: parts.connections.links,
        dependsOn: parts.connections.dependsOn,
        environment: parts.environment.environment,
        secrets: parts.environment.secrets,
        ...startCommand(service),
        ...(service.workingDir && { workingDirectory: service.workingDir }),
        mountPoints: [],
        volumesFrom: [],
        options: service.options,
        uses: parts.uses,
        bindings: parts.environment.bindings,
        sourcedVariables: parts.environment.sourcedVariables
    };
}
function publicPortMappings(service, notes) {
    const mappings = [];
    for (const port of service.ports) {
        if (port.hostPort === undefined || !PUBLIC_PORTS.includes(port.hostPort))
            continue;
        if (port.hostIp) {
            notes.push(`${service.name}: host address ${port.hostIp} of port ${port.hostPort} dropped (ECS binds all addresses)`);
        }
        mappings.push({ hostPort: port.hostPort, containerPort: port.containerPort, protocol: port.protocol });
    }
    return mappings;
}
/** Once host port 80 is assigned: the compose ports no container publishes, said once per service. */
function notePortsNotPublished(containers, selected, notes) {
    for (const service of selected) {
        const container = containers.find(candidate => candidate.name === service.name);
        const published = container?.portMappings ?? [];
        const dropped = service.ports.filter(port => !published.some(mapping => mapping.containerPort === port.containerPort && mapping.protocol === port.protocol));
        if (dropped.length > 0) {
            notes.push(`${service.name}: port(s) ${dropped.map(formatPort).join(', ')} not published (a Beanstalk instance serves host ports 80 and 443; linked containers reach every port)`);
        }
    }
}
/**
 * The environment's load balancer or instance forwards HTTP to host port 80.
 * Keep the compose file's port-80 container when there is one; otherwise
 * publish a port of the proxy-service input's service (`web`, or `web:3000`
 * for a given container port) or of the only service that publishes ports
 * there. A TLS port (443) is never moved to 80. An environment with no
 * published port at all (a worker-only environment) is allowed.
 */
function assignPublicPort(containers, selected, config, notes) {
    const [proxyName, proxyPortText] = (config.proxyService ?? '').split(':');
    // A proxy-service naming no deployed service is a typo, refused even when another service has port 80.
    const named = proxyName ? selected.find(service => service.name === proxyName) : undefined;
    if (proxyName && !named) {
        throw new errors/* InputError */.dz('proxy-service', `"${proxyName}" is not a deployed service (deployed: ${selected.map(s => s.name).join(', ')})`);
    }
    if (containers.some(container => container.portMappings.some(mapping => mapping.hostPort === 80)))
        return;
    const httpPorts = (service) => service.ports.filter(port => port.hostPort !== 443 && port.containerPort !== 443);
    const withPorts = selected.filter(service => service.ports.length > 0);
    let proxy;
    let containerPort;
    let protocol = 'tcp';
    if (named) {
        proxy = named;
        if (proxyPortText) {
            containerPort = Number(proxyPortText);
        }
        else {
            const port = httpPorts(named)[0];
            containerPort = port?.containerPort ?? named.expose[0];
            protocol = port?.protocol ?? 'tcp';
            if (containerPort === undefined) {
                throw new errors/* InputError */.dz('proxy-service', `service ${named.name} publishes or exposes no HTTP port in the compose file: name the container port, e.g. ${named.name}:3000`);
            }
        }
    }
    else if (withPorts.length === 1) {
        proxy = withPorts[0];
        const port = httpPorts(proxy)[0];
        if (!port) {
            throw new errors/* InputError */.dz('proxy-service', `no service publishes host port 80, and ${proxy.name} publishes only TLS port 443, which cannot take the plain HTTP the environment forwards to port 80: name the service and container port that serve HTTP, e.g. ${proxy.name}:80`);
        }
        containerPort = port.containerPort;
        protocol = port.protocol;
    }
    else if (withPorts.length > 1) {
        throw new errors/* InputError */.dz('proxy-service', `no service publishes host port 80 and several publish ports (${withPorts.map(s => s.name).join(', ')}): name the one that serves HTTP`);
    }
    if (!proxy || containerPort === undefined) {
        notes.push('no container publishes a port: the environment serves no HTTP traffic (fine for a worker environment); for a web environment, set proxy-service to the service and container port that serve HTTP (e.g. web:8000)');
        return;
    }
    const container = containers.find(candidate => candidate.name === proxy.name);
    container.portMappings = container.portMappings.filter(mapping => mapping.containerPort !== containerPort);
    container.portMappings.unshift({ hostPort: 80, containerPort, protocol });
    notes.push(`${proxy.name}: no container publishes host port 80; its port ${containerPort} is published there`);
}
function formatPort(port) {
    return port.hostPort === undefined ? String(port.containerPort) : `${port.hostPort}:${port.containerPort}`;
}
/**
 * compose's `entrypoint: []` (or "") clears the image's ENTRYPOINT. An empty
 * entryPoint is not written: ECS documents no meaning for one, and its agent
 * passes the list to Docker as it is (where an empty list clears the
 * ENTRYPOINT; absent, it is kept). The command's executable becomes the
 * entryPoint instead, which runs the same process on every agent.
 */
function startCommand(service) {
    const { entrypoint, command } = service;
    if (entrypoint === undefined || entrypoint.length > 0)
        return { ...(command && { command }), ...(entrypoint && { entryPoint: entrypoint }) };
    const [executable, ...args] = command ?? [];
    if (executable === undefined) {
        throw new errors/* ComposeError */.hp(`service "${service.name}": entrypoint: [] clears the image's ENTRYPOINT but the service has no command to run instead; give it a command (the image's CMD is not known here)`);
    }
    return { entryPoint: [executable], ...(args.length > 0 && { command: args }) };
}

// EXTERNAL MODULE: ./src/core/compose/variables.ts
var variables = __webpack_require__(86821);
// EXTERNAL MODULE: ./src/core/plan/types.ts
var types = __webpack_require__(73886);
// EXTERNAL MODULE: ./src/core/secret-names.ts
var secret_names = __webpack_require__(89138);
// EXTERNAL MODULE: ./src/core/connection-strings.ts
var connection_strings = __webpack_require__(2616);
;// CONCATENATED MODULE: ./src/core/plan/development.ts
// What a replaced service was started with in development — its user, database name, port, published ports and
// passwords (POSTGRES_USER, --requirepass, its URL's) — which the app's own settings may repeat, and how a URL bound
// to it carries parts of that connection in its query. Pure.

/** Variables in the dev service's own environment that hold its credentials. */
const SERVICE_PASSWORDS = /^(POSTGRES_PASSWORD|MYSQL_PASSWORD|MYSQL_ROOT_PASSWORD|MARIADB_PASSWORD|MARIADB_ROOT_PASSWORD|REDIS_PASSWORD)$/;
/** A database or cache server's own password variable (a kept MariaDB container's MYSQL_PASSWORD). */
const isServerPassword = (variable) => SERVICE_PASSWORDS.test(variable);
const SERVICE_USERS = ['POSTGRES_USER', 'MYSQL_USER', 'MARIADB_USER'];
const SERVICE_DATABASES = ['POSTGRES_DB', 'MYSQL_DATABASE', 'MARIADB_DATABASE'];
/** What the official images fall back to: POSTGRES_USER defaults to postgres, and POSTGRES_DB to the user. */
const DEFAULT_USER = {
    postgres: 'postgres',
    mysql: 'root'
};
/**
 * The query parameters of a URL bound to the replaced service that hold part of the connection: by name
 * (libpq's and Connector/J's `user`, `dbname`, `host`, `port`), or a short key holding the development user or
 * database name (NocoDB's `?u=postgres&d=root_db`); any key holding a development password is one.
 */
function queryMembers(url, development, database) {
    const members = {};
    for (const [key, value] of url.searchParams) {
        const name = key.toLowerCase();
        const short = name.length <= 3;
        const credential = development.credentials.has(value);
        // By name first; a short key by its value, a password-like one first (`?u=postgres&p=postgres`: the dev user
        // and password may be one word).
        if (database && /^(user|username|user_name)$/.test(name))
            members[key] = 'user';
        else if (database && /^(dbname|database|db_name)$/.test(name))
            members[key] = 'database';
        else if (database && name === 'host')
            members[key] = 'host';
        else if (database && name === 'port')
            members[key] = 'port';
        else if (credential && (!short || name.startsWith('p')))
            members[key] = 'password';
        else if (database &&
            short &&
            value === development.database &&
            (name.startsWith('d') || value !== development.user))
            members[key] = 'database';
        else if (database && short && value === development.user)
            members[key] = 'user';
        else if (credential)
            members[key] = 'password';
    }
    return members;
}
/** The passwords a replaced service was given in development (POSTGRES_PASSWORD, --requirepass, its URL's). */
function developmentPasswords(replacement, devService) {
    return developmentFacts(replacement, devService).credentials;
}
/** User, database name, port and credential values the dev service was given (POSTGRES_USER, the URL's…). */
function developmentFacts(replacement, devService) {
    // A secret-looking `${VAR}` that .env defines is left to the environment, but .env's value is what the dev service ran with.
    const environment = new Map(Object.entries(devService?.environment ?? {}).flatMap(([name, value]) => {
        const text = value.kind === 'literal' ? value.value : value.dotenv;
        return text !== undefined && text !== '' ? [[name, text]] : [];
    }));
    const credentials = new Set();
    for (const [name, value] of environment)
        if (SERVICE_PASSWORDS.test(name))
            credentials.add(value);
    const command = devService?.command ?? [];
    const requirepass = command.indexOf('--requirepass');
    if (requirepass >= 0 && command[requirepass + 1])
        credentials.add(command[requirepass + 1]);
    const url = (0,backing_engines/* parseUrl */.Dl)(replacement.devUrl?.replace(/^jdbc:/i, ''));
    if (url?.password)
        credentials.add(decoded(url.password));
    const first = (names) => names.map(name => environment.get(name)).find(value => value !== undefined);
    const user = (url?.username ? decoded(url.username) : undefined) ??
        first(SERVICE_USERS) ??
        DEFAULT_USER[replacement.engine];
    const port = url?.port || String(backing_engines/* DEFAULT_PORT */.Wg[replacement.engine]);
    const path = url?.pathname.replace(/^\//, '');
    const database = replacement.role === 'database'
        ? path || first(SERVICE_DATABASES) || (replacement.engine === 'postgres' ? user : undefined)
        : undefined;
    return {
        ...(user !== undefined && replacement.role === 'database' && { user }),
        ...(database !== undefined && { database }),
        port,
        publishedPorts: new Set((devService?.ports ?? [])
            .filter(mapping => String(mapping.containerPort) === port && mapping.hostPort !== undefined)
            .map(mapping => String(mapping.hostPort))),
        credentials
    };
}
/** A URL's userinfo decoded; as written when it holds a bare `%` (`app:50%off@db`), which decodeURIComponent refuses. */
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}

;// CONCATENATED MODULE: ./src/core/plan/families.ts
// Families of connection settings: the variables that, with one prefix,
// tell an app where its database or cache is — host, port, user, database
// name, password, TLS mode — in the spellings apps use. The prefix comes from
// a variable that names the replaced service (DB_HOST → DB_, PAPERLESS_DBHOST
// → PAPERLESS_DB, LISTMONK_db__host → LISTMONK_db__, a JDBC URL's
// SPRING_DATASOURCE_URL → SPRING_DATASOURCE_), or is one an engine's own
// tools read (POSTGRES_*, PG*, MYSQL_*, MARIADB_*, DB_*, DATABASE_*, REDIS_*).
const SUFFIXES = {
    host: ['HOST', 'HOSTNAME', 'SERVER', 'ADDR', 'ADDRESS'],
    port: ['PORT'],
    user: ['USER', 'USERNAME', 'USR', 'UID'], // UID/PWD: ODBC's spelling
    password: ['PASSWORD', 'PASS', 'PASSWD', 'PWD', 'PW'],
    name: ['NAME', 'DB', 'DATABASE', 'DBNAME', 'DB_NAME', 'DATABASE_NAME'],
    sslmode: ['SSLMODE', 'SSL_MODE'],
    ssl: ['SSL', 'USE_SSL', 'SSL_ENABLED', 'SSL_ENABLE', 'TLS', 'USE_TLS', 'TLS_ENABLED']
};
/** Prefixes an engine's own clients, images or common frameworks read, with their separator. */
const KNOWN_PREFIXES = {
    postgres: [
        ['POSTGRES', '_'],
        ['POSTGRESQL', '_'],
        ['PG', ''],
        ['DATABASE', '_'],
        ['DB', '_']
    ],
    mysql: [
        ['MYSQL', '_'],
        ['MARIADB', '_'],
        ['DATABASE', '_'],
        ['DB', '_']
    ],
    redis: [['REDIS', '_']],
    memcached: [
        ['MEMCACHED', '_'],
        ['MEMCACHE', '_']
    ]
};
/** Prefixes whose convention says how the database name is spelled (the official images' own). */
const NAME_SPELLING = {
    POSTGRES: 'DB',
    POSTGRESQL: 'DB',
    PG: 'DATABASE',
    MYSQL: 'DATABASE',
    MARIADB: 'DATABASE'
};
const HOST_NAME = /^(.*?)(_{0,2})(HOSTNAME|HOST|SERVER|ADDRESS|ADDR)$/i;
/** A variable whose name ends in a host member (DB_HOST, …_ADDRESS): a family's anchor. */
const namesHostMember = (name) => HOST_NAME.test(name);
const URL_NAME = /^(.*?)(_{0,2})(URL|URI|DSN|ENDPOINT|CONNECTION_STRING)$/i;
function familyMembers(names, bindings, jdbcUrls, engine) {
    const families = [];
    const seen = new Set();
    const add = (prefix, separator, anchor, options) => {
        const key = `${prefix.toUpperCase()}|${separator}`;
        if (prefix === '' || seen.has(key))
            return;
        const present = membersOf(names, prefix, separator);
        const files = fileMembersOf(names, prefix, separator);
        if (present.size === 0 && files.size === 0 && !options.complete)
            return;
        seen.add(key);
        // A member read from a file still shows the family's spelling (MB_DB_USER_FILE: USER, not USERNAME).
        const spelled = new Map([...files, ...present]);
        families.push({
            anchor,
            present,
            files,
            complete: options.complete,
            url: options.url,
            hostPort: options.hostPort,
            spell: member => spell(prefix, separator, member, spelled, options.lowercase),
            alternates: member => alternates(prefix, separator, member, spelled, options.lowercase),
            alsoHost: longForms(prefix, separator, spelled)
                ? [`${prefix}${separator}${options.lowercase ? 'hostname' : 'HOSTNAME'}`]
                : []
        });
    };
    for (const binding of bindings) {
        const host = HOST_NAME.exec(binding.variable);
        if (host && (binding.kind === 'host' || binding.kind === 'host-port' || binding.kind === 'address')) {
            add(host[1], host[2], binding.variable, {
                complete: true,
                url: false,
                hostPort: binding.kind !== 'host',
                lowercase: isLower(host[3])
            });
        }
        const url = URL_NAME.exec(binding.variable);
        if (url && binding.kind === 'url') {
            const jdbc = jdbcUrls.includes(binding.variable);
            // FINERACT_HIKARI_JDBC_URL beside FINERACT_HIKARI_USERNAME: the family is FINERACT_HIKARI_, not …_JDBC_.
            const outer = /^(.+?)_{0,2}JDBC$/i.exec(url[1])?.[1];
            const prefix = outer !== undefined &&
                membersOf(names, url[1], url[2]).size === 0 &&
                membersOf(names, outer, url[2]).size > 0
                ? outer
                : url[1];
            add(prefix, url[2], binding.variable, {
                complete: jdbc,
                url: true,
                hostPort: false,
                lowercase: isLower(url[3])
            });
        }
    }
    for (const [prefix, separator] of KNOWN_PREFIXES[engine]) {
        const present = [...membersOf(names, prefix, separator), ...fileMembersOf(names, prefix, separator)];
        if (present.length === 0)
            continue;
        // Only a TLS setting (PGSSLMODE) or a password (DATABASE_PASSWORD, which .env may hold for
        // interpolation): corrected, but it says nothing about where the app connects.
        const connection = present.some(([member]) => member !== 'sslmode' && member !== 'ssl' && member !== 'password');
        const anchor = (present.find(([member]) => member !== 'password') ?? present[0])?.[1];
        add(prefix, separator, anchor, { complete: connection, url: false, hostPort: false, lowercase: false });
    }
    return families;
}
/** Members written as files: `_FILE` (the official images), `__FILE` (Grafana's `GF_…__FILE`, Gitea's). */
function fileMembersOf(names, prefix, separator) {
    return new Map([
        ...membersOf(names, prefix, separator, '__FILE'),
        ...membersOf(names, prefix, separator, '_FILE')
    ]);
}
function membersOf(names, prefix, separator, ending = '') {
    const start = `${prefix}${separator}`.toUpperCase();
    const present = new Map();
    for (const name of names) {
        const upper = name.toUpperCase();
        if (!upper.startsWith(start) || !upper.endsWith(ending))
            continue;
        const rest = upper.slice(start.length, upper.length - ending.length);
        for (const [member, suffixes] of Object.entries(SUFFIXES)) {
            if (suffixes.includes(rest) && !present.has(member))
                present.set(member, name);
        }
    }
    return present;
}
function spell(prefix, separator, member, present, lowercase) {
    const upperPrefix = prefix.toUpperCase();
    const long = longForms(prefix, separator, present);
    const compact = separator === '' && upperPrefix !== 'PG';
    const conventional = upperPrefix in NAME_SPELLING;
    const suffix = {
        host: 'HOST',
        port: 'PORT',
        user: !conventional && long ? 'USERNAME' : 'USER',
        password: compact ? 'PASS' : 'PASSWORD',
        name: NAME_SPELLING[upperPrefix] ?? (long ? 'DATABASE' : 'NAME'),
        sslmode: 'SSLMODE',
        ssl: 'SSL'
    }[member];
    return `${prefix}${separator}${lowercase ? suffix.toLowerCase() : suffix}`;
}
/** Short and long forms of user and database name, when the family spells neither (libpq's PG* are its own). */
const SPELLINGS = {
    user: ['USER', 'USERNAME'],
    name: ['NAME', 'DATABASE', 'DB']
};
function alternates(prefix, separator, member, present, lowercase) {
    if (separator === '' || present.has('user') || present.has('name'))
        return [];
    const main = spell(prefix, separator, member, present, lowercase);
    // DB_NAME, not DB_DB or DB_DATABASE: a database name after a prefix that already says database.
    const saysDatabase = /(^|_)(DB|DATABASE)$/i.test(prefix);
    return (SPELLINGS[member] ?? [])
        .filter(suffix => !(saysDatabase && member === 'name' && suffix !== 'NAME'))
        .map(suffix => `${prefix}${separator}${lowercase ? suffix.toLowerCase() : suffix}`)
        .filter(name => name !== main);
}
/** Laravel and its kind (DB_USERNAME goes with DB_DATABASE), Immich (DB_USERNAME, DB_DATABASE_NAME, DB_HOSTNAME). */
function longForms(prefix, separator, present) {
    const suffixOf = (name) => name === undefined ? '' : name.slice(prefix.length + separator.length).toUpperCase();
    return (suffixOf(present.get('user')) === 'USERNAME' ||
        ['DATABASE', 'DATABASE_NAME'].includes(suffixOf(present.get('name'))));
}
function isLower(text) {
    return text === text.toLowerCase();
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/plan/mounts.ts
var mounts = __webpack_require__(96501);
;// CONCATENATED MODULE: ./src/core/plan/references.ts
// Where a service names another one as a host. Under compose every service
// reaches every other by name; on the ECS bridge network only linked names
// resolve, so these references decide the links (and which backing services
// a container uses). Read from environment values, the command and
// entrypoint, and the config files the service mounts or copies into its
// image (an nginx `proxy_pass http://api:8080`).


/** Variable names that say host, server, address, URL or endpoint: their bare values are host names. */
const HOST_VARIABLE = /HOST|SERVER|ADDR|URL|URI|ENDPOINT/i;
/** Names that say a connection string or configuration (ConnectionStrings__Redis, Redis__Configuration; not Laravel's QUEUE_CONNECTION). */
function isConnectionSettingName(name) {
    return /CONNECTION_?STRING|CONFIGURATION/i.test(name);
}
function isHostVariable(name) {
    return HOST_VARIABLE.test(name);
}
/** Bounds on reading config files: a mounted source tree is not config. */
const MAX_FILES = 200;
const MAX_FILE_BYTES = 256 * 1024;
const NAME = '[A-Za-z0-9_][A-Za-z0-9_.-]*';
const URL_HOST = new RegExp(`[a-z][a-z0-9+.-]*://(?:[^\\s/?#@'"]*@)?(${NAME})`, 'gi');
// The port ends the token: `postgres:16-alpine` or `postgres:16.4` is an image, not a host. A label may come first
// (Redis Commander's `REDIS_HOSTS=local:redis:6379`).
const HOST_PORT = new RegExp(`(?:^|[\\s=,;:"'(\\[{])(${NAME}):(\\d{1,5})(?![\\w.-])`, 'g');
const HOST_FLAG = new RegExp(`(?:^|\\s)(?:-h|--host|--hostname|--server)(?:=|\\s+)(${NAME})`, 'g');
const NGINX_SERVER = new RegExp(`(?:^|[\\s{;])server\\s+(${NAME})\\s*;`, 'g');
/** bash's `</dev/tcp/db/5432` (a wait loop in a command) */
const DEV_TCP = new RegExp(`/dev/(?:tcp|udp)/(${NAME})/\\d{1,5}`, 'g');
/** `nc -z db 5432`, `netcat db 5432` */
const NETCAT = new RegExp(`(?:^|[\\s;&|(])(?:nc|ncat|netcat)(?:\\s+-[A-Za-z]+)*\\s+(${NAME})\\s+\\d{1,5}\\b`, 'g');
/** A connection string's host: `Host=db;…` (ADO.NET), `host=db user=…` (libpq, also `?host=db` in a URL), `user@tcp(db:3306)/app` (Go MySQL) */
const KEYED_HOST = new RegExp(`(?:^|[;\\s"'?&])(?:host|hostaddr|server|data\\s*source|address|addr)\\s*=\\s*'?(${NAME})`, 'gi');
const GO_DSN_HOST = new RegExp(`(?:^|[@/\\s"'=])tcp\\((${NAME})(?::\\d{1,5})?\\)`, 'g');
/**
 * A key ending in host, server or address anywhere in a text, then `=`, `=>` or `:` and the name: GitLab's
 * `gitlab_rails['db_host'] = "postgres"`, JSON's `"host":"db"`, `-Dspring.data.redis.host=redis` (fresh apps,
 * round 11); not `ghost: db`.
 */
const HOST_KEY = new RegExp(`(?:^|[^A-Za-z0-9])(?:[A-Za-z0-9]*[_.])*(?:host|hostname|server|address|addr)["'\\]]*\\s*(?:=>|=|:)\\s*["']?(${NAME})["']?(?![\\w.-])`, 'gi');
/** A setting whose key says host in a config file: `DB_HOST="db"` (.env), `host: db` (YAML), `host = db` (INI, TOML) */
const HOST_SETTING = new RegExp(`^\\s*(?:export\\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\\s*[=:]\\s*["']?(${NAME})["']?\\s*[,;]?\\s*$`, 'gm');
/** The service names a text uses as hosts, and how. `bare`: the whole value (or a list item) may be a host. */
function hostsIn(text, names, bare) {
    const found = new Map();
    const add = (name, kind) => {
        const target = name === undefined ? undefined : names.get(name);
        if (target !== undefined && !found.has(target))
            found.set(target, { kind, ...(name !== target && { name: name }) });
    };
    for (const match of text.matchAll(URL_HOST))
        add(match[1], 'url');
    for (const match of text.matchAll(HOST_PORT))
        add(match[1], 'host-port');
    for (const match of text.matchAll(HOST_FLAG))
        add(match[1], 'host');
    for (const match of text.matchAll(NGINX_SERVER))
        add(match[1], 'host');
    for (const match of text.matchAll(DEV_TCP))
        add(match[1], 'host');
    for (const match of text.matchAll(NETCAT))
        add(match[1], 'host');
    for (const match of text.matchAll(KEYED_HOST))
        add(match[1], 'host');
    for (const match of text.matchAll(GO_DSN_HOST))
        add(match[1], 'host');
    for (const match of text.matchAll(HOST_KEY))
        add(match[1], 'host');
    for (const match of text.matchAll(HOST_SETTING))
        if (isHostVariable(match[1] ?? ''))
            add(match[2], 'host');
    if (bare) {
        for (const item of text.split(/[\s,]+/))
            add(item.replace(/^["']|["']$/g, ''), 'host');
    }
    return [...found].map(([target, hit]) => ({ target, ...hit }));
}
/**
 * Each name a host may take across the project → the service it designates: service names, then the
 * container_name and network aliases compose's network also resolves (never over a service's own name).
 */
function projectHostNames(services) {
    const names = new Map(services.map(service => [service.name, service.name]));
    for (const service of services)
        for (const other of service.otherNames)
            if (!names.has(other))
                names.set(other, service.name);
    return names;
}
/**
 * Every reference a service makes to another compose service. `projectNames` maps each name a host may take
 * (projectHostNames) to the service it designates; this service's link aliases are added.
 */
function serviceReferences(service, projectNames, files, composeDirectory = '.') {
    const names = new Map(projectNames);
    for (const link of service.links)
        if (link.alias)
            names.set(link.alias, link.service);
    const references = [];
    const record = (place, hits, variable) => {
        for (const hit of hits) {
            if (hit.target === service.name)
                continue;
            references.push({ ...hit, place, ...(variable !== undefined && { variable }) });
        }
    };
    for (const [variable, value] of Object.entries(service.environment)) {
        if (value.kind !== 'literal')
            continue;
        // A connection setting's bare host list counts too (`ConnectionStrings__Redis: redis,abortConnect=false`).
        const bare = isHostVariable(variable) || isConnectionSettingName(variable);
        record(`environment ${variable}`, hostsIn(value.value, names, bare), variable);
    }
    if (service.command)
        record('command', hostsIn(service.command.join(' '), names, false));
    if (service.entrypoint)
        record('entrypoint', hostsIn(service.entrypoint.join(' '), names, false));
    for (const file of configFiles(service, files, composeDirectory)) {
        // The service's env_file: its values reach the container as variables, rewritten; dotenv libraries do not
        // override a variable the environment has, so the copy in the image does not decide either.
        if (service.envFiles.includes(file))
            continue;
        const text = files.readFile(file, MAX_FILE_BYTES);
        if (text === undefined || text.includes('\0'))
            continue;
        record(`file ${file}`, hostsIn(text, names, false));
    }
    return references;
}
/** Files the service mounts from the workspace or copies into its image by name (not whole source trees). */
function configFiles(service, files, composeDirectory) {
    const sources = service.volumes
        .filter(mount => mount.type === 'bind' && !mount.hostPath && mount.source !== undefined)
        .map(mount => mount.source);
    const build = service.build;
    if (build?.contents) {
        for (const copy of build.contents.copies) {
            for (const source of copy.sources) {
                if (!/[*?[]/.test(source) && external_node_path_.posix.normalize(source) !== '.')
                    sources.push(external_node_path_.posix.join(build.context, source));
            }
        }
    }
    const found = [];
    for (const source of new Set(sources)) {
        // The whole build context or compose folder (or a folder above them) mounted for live code reload is source
        // code, not config, and holds the compose file, which names every service (it is not shipped: plan/mounts.ts
        // drops it).
        if ((0,mounts/* isWithin */.UO)(composeDirectory, source) || (build && (0,mounts/* isWithin */.UO)(build.context, source)))
            continue;
        if (files.readFile(source, MAX_FILE_BYTES) !== undefined) {
            found.push(source);
            continue;
        }
        const listed = files.listFolder?.(source, MAX_FILES + 1);
        if (listed && listed.length <= MAX_FILES)
            found.push(...listed);
        if (found.length > MAX_FILES)
            break;
    }
    return found.slice(0, MAX_FILES);
}

;// CONCATENATED MODULE: ./src/core/plan/bindings.ts
// Which of a container's variables take their value from a managed backing
// service, and how. Hosts are rewritten: URL hosts (JDBC URLs too), and bare
// `name` / `name:port` values of variables whose names say host, server,
// address, URL or endpoint (DB_CONNECTION=mysql and CACHE_DRIVER=redis stay
// as they are). Around each rewritten host lies a family of settings — the
// same prefix with host, port, user, name, password and TLS mode spelled the
// way apps spell them (DB_HOST/DB_USER, PAPERLESS_DBHOST/PAPERLESS_DBPASS,
// LISTMONK_db__host/LISTMONK_db__user, POSTGRES_HOST/POSTGRES_DB, PGHOST…).
// A family is rewritten as a whole: the members the file sets get the managed
// values, and the members it leaves to the app's code defaults (which point
// at the development database: user "paperless", database "paperless") are
// added, each named in a note. Nothing is added that could change which
// settings the app reads: see databaseEnvBinding.






/** Schemes whose URL the rewrite knows (rediss for a TLS cache, user and database): a host variable's too. */
const KNOWN_SCHEME = /^(postgres(ql)?|mysql2?|mariadb|rediss?|valkeys?|memcached?)(\+[\w.-]+)?:$/i;
const PASSWORD_VARIABLE = /(PASSWORD|PASSWD|(^|_)PASS|(^|_)PWD)$/i;
const USER_VARIABLE = /(^|_)(USER|USERNAME|USR)$/i;
/** Names that speak of a data store (APP_SQL_PASS, DJANGO_DB_PASSWORD). */
/** Words that name a store, per role; a name with the other role's word is that role's (REDIS_PASSWORD, DB_PASS). */
const DATABASE_WORD = /DB|DATABASE|SQL|POSTGRES|PG|MYSQL|MARIA/i;
const CACHE_WORD = /REDIS|CACHE|VALKEY|MEMCACHE/i;
/** The database words a cache variable may not hold; not `DB` alone, which REDIS_DB (the Redis database number) has. */
const DATABASE_PRODUCT = /DATABASE|SQL|POSTGRES|MYSQL|MARIA|(^|_)PG/i;
const namesStore = (name, role) => role === 'database'
    ? DATABASE_WORD.test(name) && !CACHE_WORD.test(name)
    : CACHE_WORD.test(name) && !DATABASE_PRODUCT.test(name);
/**
 * A variable of the app's own settings for a store, word by word (`APP_DB_HOST`, `PAPERLESS_DBHOST`, `PGHOST`,
 * `REDIS_URL`), not by a substring: linuxserver.io's `PGID` or a `STUDIO_DBG` flag says nothing of a database.
 */
function speaksOfStore(name, role) {
    const words = name.toUpperCase().split(/[^A-Z0-9]+/);
    return role === 'database'
        ? words.some(word => /^(DB(HOST|HOSTNAME|SERVER|USER|USERNAME|PASS|PASSWD|PASSWORD|NAME|PORT|SSLMODE|URL|URI)?|DATABASE\w*|\w*SQL|POSTGRES\w*|MARIA\w*|JDBC|DATASOURCE)$/.test(word) ||
            /^PG(HOST|HOSTADDR|PORT|USER|PASSWORD|DATABASE|SSLMODE|SERVICE|SQL)?$/.test(word) ||
            /^(TYPEORM|SQLALCHEMY|SEQUELIZE|PRISMA|KNEX|HIBERNATE)$/.test(word))
        : words.some(word => /^(REDIS|VALKEY|CACHE|MEMCACHE)\w*$|^BROKER$/.test(word));
}
/** TLS turned off: libpq's sslmode (disable, allow) and MySQL's --ssl-mode (DISABLED). */
const TLS_OFF_MODE = /^(disable|disabled|allow)$/i;
const FALSE = /^(false|0|no|off|disable|disabled)$/i;
/** Stands for the value of a member left to the environment: bound whatever it is. */
const RUNTIME = '\0runtime';
function bindingsFor(service, replacement, devService, databasePasswordEnv) {
    const hosts = new Set([
        replacement.composeService,
        // Its container_name and network aliases name it as well (Leantime's LEAN_DB_HOST: mysql_leantime).
        ...(devService?.otherNames ?? []),
        ...service.links
            .filter(link => link.service === replacement.composeService && link.alias)
            .map(link => link.alias)
    ]);
    const database = replacement.role === 'database';
    const result = {
        bindings: [],
        droppedPasswords: [],
        added: {},
        notes: [],
        warnings: [],
        replacedFiles: {}
    };
    const { bindings, notes } = result;
    const bound = (variable) => bindings.some(binding => binding.variable === variable);
    const bind = (variable, kind, query) => {
        if (!bound(variable))
            bindings.push({
                role: replacement.role,
                variable,
                kind,
                ...(query && Object.keys(query).length > 0 && { query })
            });
    };
    const literals = new Map(Object.entries(service.environment).flatMap(([name, value]) => value.kind === 'literal' ? [[name, value.value]] : []));
    const jdbcUrls = [];
    const development = developmentFacts(replacement, devService);
    for (const [name, value] of literals) {
        const jdbc = /^jdbc:/i.test(value);
        const url = (0,backing_engines/* parseUrl */.Dl)(jdbc ? value.slice(5) : value);
        // libpq takes the host from the query too (`postgresql:///app?host=db`).
        if (url &&
            (hosts.has(url.hostname) || (url.hostname === '' && hosts.has(url.searchParams.get('host') ?? '')))) {
            // A host variable holding scheme and address only (Authelia's `…_ADDRESS: tcp://db:5432`): the app takes user
            // and database from its family, so only host and port change, and the family is found from it.
            if (namesHostMember(name) &&
                !KNOWN_SCHEME.test(url.protocol) &&
                !url.username &&
                (url.pathname === '' || url.pathname === '/') &&
                !url.search) {
                bind(name, 'address');
                continue;
            }
            const query = queryMembers(url, development, database);
            bind(name, 'url', query);
            if (jdbc)
                jdbcUrls.push(name);
            const dropped = [
                ...(0,backing_engines/* devOnlyQueryParameters */.aT)(value.replace(/^jdbc:/i, '')),
                ...Object.keys(query).filter(key => query[key] === 'password' && !(0,backing_engines/* isCredentialParameter */.dt)(key))
            ];
            if (dropped.length > 0) {
                notes.push(`${service.name}: ${name}: ${dropped.join(', ')} left out of the managed URL (a development setting)`);
            }
            continue;
        }
        // A database's key=value connection string or Go MySQL DSN (Npgsql, MySqlConnector, libpq, go-sql-driver).
        const connection = database
            ? (0,connection_strings/* parseConnectionString */.HH)(value)
            : replacement.engine === 'redis' && !isHostVariable(name)
                ? (0,connection_strings/* parseRedisConfiguration */.$u)(value, isConnectionSettingName(name))
                : undefined;
        if (connection?.hosts.some(host => hosts.has(host))) {
            bind(name, 'connection-string');
            continue;
        }
        const hostPort = /^([^:\s]+):(\d{1,5})$/.exec(value);
        if (isHostVariable(name) && hosts.has(value))
            bind(name, 'host');
        else if (isHostVariable(name) && hostPort && hosts.has(hostPort[1]))
            bind(name, 'host-port');
        else if (hostPort && hosts.has(hostPort[1])) {
            // On Beanstalk the name does not resolve: a warning (environment.ts says the same of longer values).
            result.warnings.push(`${service.name}: ${name} names ${value}, which ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} replaces; not rewritten because its name does not say host, server, address, URL or endpoint — point it at the managed service yourself`);
        }
    }
    // Members left to the environment (`DB_PASSWORD: ${DB_PASSWORD}`) belong to the family too: the
    // managed service decides them, not an environment property that would have to match it.
    const families = familyMembers(Object.keys(service.environment), bindings, jdbcUrls, replacement.engine);
    const claimed = new Set();
    for (const family of families) {
        const host = family.present.get('host');
        // A family whose host points elsewhere (an external database) is not this service's.
        if (host !== undefined && !bound(host))
            continue;
        for (const [member, variable] of family.present) {
            claimed.add(variable);
            if (bound(variable))
                continue;
            const value = literals.get(variable);
            if (value !== undefined)
                bindMember(member, variable, value);
            else if (database && (member === 'password' || member === 'user' || member === 'name'))
                bindMember(member, variable, RUNTIME);
        }
        replaceFileMembers(family);
        if (family.complete)
            completeFamily(family);
    }
    // A credential outside any family that holds a development credential (APP_SQL_PASS: devpass).
    for (const [name, value] of literals) {
        // By its name, not its value: one dev password for the database and the cache (Dify's) is still two passwords.
        if (claimed.has(name) ||
            bound(name) ||
            !namesStore(name, replacement.role) ||
            !development.credentials.has(value))
            continue;
        if (PASSWORD_VARIABLE.test(name))
            bindMember('password', name, value);
        else if (USER_VARIABLE.test(name))
            bindMember('user', name, value);
    }
    databaseEnvBinding();
    mergedDatabases();
    if (database) {
        bind(databasePasswordEnv, 'password');
        const driver = backing_engines/* DRIVER_PASSWORD_ENV */.Fy[replacement.engine];
        if (driver)
            bind(driver, 'password');
    }
    return result;
    function bindMember(member, variable, value) {
        switch (member) {
            case 'password':
                if (value.startsWith('/')) {
                    // A path (/run/secrets/db-password): the app reads a file, which no platform mount provides.
                    result.warnings.push(`${service.name}: ${variable} is the path ${value}, and the app reads the password from that file (a compose secret): Beanstalk mounts no such file, so the app cannot read the ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} password there; make it read the password from a variable's value: on Beanstalk ${databasePasswordEnv} holds the password itself, by reference`);
                    return;
                }
                // An empty development password (trust auth) still names where the app reads the managed one.
                if (database)
                    bind(variable, 'password');
                else if (value !== '' && value !== RUNTIME)
                    result.droppedPasswords.push(variable);
                return;
            case 'user':
                if (database)
                    bind(variable, 'user');
                return;
            case 'name':
                if (database)
                    bind(variable, 'database');
                return;
            case 'port':
                if (value === development.port)
                    bind(variable, 'port');
                else if (development.publishedPorts.has(value)) {
                    // The port the host reaches the dev service on: containers reach it on its own port, and RDS on RDS's.
                    bind(variable, 'port');
                    notes.push(`${service.name}: ${variable}=${value} is the port ${replacement.composeService} is published on for the host, not the one it listens on (${development.port}): set from ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} at deploy`);
                }
                else if (value !== RUNTIME && value !== '') {
                    result.warnings.push(`${service.name}: ${variable}=${value} is not the port ${replacement.composeService} listens on (${development.port}), so it is kept, and on Beanstalk the app would reach ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} on port ${value}: set it to the port ${replacement.composeService} listens on (the action then sets it from ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]}), or remove it`);
                }
                return;
            case 'sslmode':
                if (database && TLS_OFF_MODE.test(value))
                    bind(variable, 'sslmode');
                return;
            case 'ssl':
                if (database && FALSE.test(value)) {
                    notes.push(`${service.name}: ${variable}=${value} turns TLS off, and RDS for PostgreSQL 15 and later, MySQL 9.7 and MariaDB 11.8 refuse connections without it by default (rds.force_ssl, require_secure_transport): turn it on, or set that parameter to 0 in the instance's parameter group`);
                }
                return;
            case 'host':
                return;
        }
    }
    /**
     * `MB_DB_PASS_FILE: /run/secrets/db_password`: the app reads the member from a compose secret's file, which
     * Beanstalk does not mount. The official images' file_env convention reads `MB_DB_PASS` when `MB_DB_PASS_FILE`
     * is unset (and refuses both at once), so the member is set under that name in its place.
     */
    function replaceFileMembers(family) {
        const host = family.present.get('host');
        if (host !== undefined && !bound(host))
            return;
        for (const [member, fileVariable] of family.files) {
            if (family.present.has(member) || !['user', 'name', 'password', 'host', 'port'].includes(member))
                continue;
            if (!database && member !== 'host' && member !== 'port' && member !== 'password')
                continue;
            const variable = fileVariable.replace(/_{1,2}FILE$/i, '');
            if (variable in service.environment || bound(variable))
                continue;
            const kind = { host: 'host', port: 'port', user: 'user', name: 'database', password: 'password' }[member];
            if (!database && kind === 'password') {
                result.droppedPasswords.push(fileVariable);
                continue;
            }
            bind(variable, kind);
            const value = {
                host: replacement.composeService,
                port: development.port,
                user: development.user,
                database: development.database,
                password: undefined
            }[kind];
            if (value !== undefined)
                result.added[variable] = value;
            result.replacedFiles[fileVariable] = variable;
            claimed.add(fileVariable);
        }
    }
    /** The members of a family the compose file left unset, added with the managed values. */
    function completeFamily(family) {
        const wanted = database ? ['host', 'port', 'user', 'name', 'password'] : ['host', 'port'];
        const added = [];
        for (const member of wanted) {
            if (family.present.has(member) || family.files.has(member))
                continue;
            // Host and port sit inside a JDBC URL, and a host:port value carries its port.
            if (family.url && (member === 'host' || member === 'port' || member === 'name'))
                continue;
            if (member === 'port' && family.hostPort)
                continue;
            const variable = family.spell(member);
            if (literals.has(variable) || variable in service.environment || bound(variable))
                continue;
            const value = {
                host: replacement.composeService,
                port: development.port,
                user: development.user,
                name: development.database,
                password: ''
            }[member];
            const kind = {
                host: 'host',
                port: 'port',
                user: 'user',
                name: 'database',
                password: 'password'
            }[member];
            bind(variable, kind);
            if (member === 'host') {
                for (const also of family.alsoHost) {
                    if (also in service.environment || bound(also))
                        continue;
                    bind(also, 'host');
                    result.added[also] = replacement.composeService;
                    added.push(also);
                }
            }
            // Without a development value the managed one alone decides (a database name RDS may not have).
            if (member !== 'password' && value !== undefined)
                result.added[variable] = value;
            added.push(variable);
            for (const also of family.alternates(member)) {
                if (literals.has(also) || also in service.environment || bound(also))
                    continue;
                bind(also, kind);
                if (value !== undefined)
                    result.added[also] = value;
                added.push(also);
            }
        }
        if (added.length > 0) {
            notes.push(`${service.name}: ${added.join(', ')} added beside ${family.anchor} (the compose file leaves ${added.length === 1 ? 'it' : 'them'} to the app's defaults, which point at the development ${replacement.composeService}): set from ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} at deploy`);
        }
    }
    /**
     * Two database names of one development server (Superset's DATABASE_DB=superset, EXAMPLES_DB=examples): RDS
     * has one database name, which both now take, so what the app kept apart shares one database.
     */
    function mergedDatabases() {
        if (!database)
            return;
        const named = bindings.flatMap(binding => {
            const value = databaseNameIn(binding.kind, literals.get(binding.variable));
            return value !== undefined && value !== '' ? [`${binding.variable}=${value}`] : [];
        });
        if (new Set(named.map(entry => entry.slice(entry.indexOf('=') + 1))).size < 2)
            return;
        result.warnings.push(`${service.name}: ${named.join(', ')} name different databases of the development ${replacement.composeService}, and each is set to the RDS instance's one database name: they share that one database on AWS (the action creates no database on the instance)`);
    }
    /**
     * database-env / cache-env (DATABASE_URL, REDIS_URL): rewritten when the
     * app has it; added only when the app's environment names no other way to
     * the service (it reached it through links, depends_on or its own config).
     * Beside the app's own host or URL variables it is not added: Rails,
     * dj-database-url, Prisma and many others give DATABASE_URL precedence over
     * their own settings, so the added variable would change what the app reads.
     */
    function databaseEnvBinding() {
        // A Memcached client reads only the hosts rewritten above.
        if (replacement.engine === 'memcached')
            return;
        const envName = replacement.envName;
        const envValue = service.environment[envName];
        if (envValue?.kind === 'literal') {
            if (!bound(envName)) {
                notes.push(`${service.name}: ${envName} keeps its own value (it does not point at ${replacement.composeService})`);
            }
            return;
        }
        // `REDIS_URL: ${REDIS_URL}` with nothing setting it (the git-ignored .env absent on a runner): the
        // variable the action itself names for this replaced service, so it is set as if it had its dev value.
        const unsetOwnName = envValue?.kind === 'runtime' && envValue.variable === envName;
        if (envValue !== undefined && !unsetOwnName)
            return;
        if (unsetOwnName && !bound(envName)) {
            bind(envName, 'url');
            notes.push(`${service.name}: ${envName} is \${${envName}} with no value here (a .env the checkout does not have?); it is how the app reaches ${replacement.composeService}, which ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} replaces, so it is set to that URL at deploy`);
            return;
        }
        const own = bindings.filter(binding => types/* ADDRESS_KINDS */.p.includes(binding.kind));
        if (own.length > 0) {
            notes.push(`${service.name}: ${envName} not added: the app reaches ${replacement.composeService} through ${own.map(binding => (binding.variable in service.environment ? binding.variable : `${binding.variable} (added above)`)).join(', ')}, and an added ${envName} takes precedence over an app's own settings in many frameworks`);
            return;
        }
        bind(envName, 'url');
        // The app reaches the service through its own defaults (Immich's REDIS_HOSTNAME, default "redis"): the
        // spellings apps and client libraries read by default are added too, so that more of them find it.
        // Not beside variables of the app's own that speak of a store (a family pointing at an external database):
        // those are the app's settings, and a half-managed family would mix two servers.
        const ownSettings = Object.keys(service.environment).some(name => speaksOfStore(name, replacement.role));
        const split = [];
        for (const [variable, kind] of ownSettings ? [] : (DEFAULT_SPELLINGS[replacement.engine] ?? [])) {
            if (variable in service.environment || bound(variable))
                continue;
            bind(variable, kind);
            const value = {
                host: replacement.composeService,
                port: development.port,
                user: development.user,
                database: development.database
            }[kind];
            if (value !== undefined)
                result.added[variable] = value;
            split.push(variable);
        }
        notes.push(`${service.name}: ${envName} added (no variable of its own that the action rewrites names ${replacement.composeService}): set to the ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} URL at deploy${split.length > 0 ? `, and ${split.join(', ')} (the spellings apps and client libraries read by default) to its parts` : ''}; the app must read one of them — a host "${replacement.composeService}" written in its code or config does not resolve on Beanstalk`);
    }
}
/**
 * What an app that the compose file gives no variable for most often reads by default: libpq's own variables
 * (https://www.postgresql.org/docs/current/libpq-envars.html), the DB_* of Laravel, Wiki.js and many more, and
 * REDIS_HOST / REDIS_HOSTNAME / REDIS_PORT (Immich reads REDIS_HOSTNAME). MySQL's client library reads no user
 * or database variable, so its MYSQL_HOST alone would half-manage a family. A password is added by reference only under DB_PASSWORD
 * (DATABASE_PASSWORD and PGPASSWORD / MYSQL_PWD are added for every container that uses the database).
 */
const SPLIT_DATABASE = [
    ['DB_HOST', 'host'],
    ['DB_PORT', 'port'],
    ['DB_USER', 'user'],
    ['DB_USERNAME', 'user'],
    ['DB_NAME', 'database'],
    ['DB_DATABASE', 'database'],
    ['DB_PASSWORD', 'password']
];
const DEFAULT_SPELLINGS = {
    postgres: [
        ['PGHOST', 'host'],
        ['PGPORT', 'port'],
        ['PGUSER', 'user'],
        ['PGDATABASE', 'database'],
        ...SPLIT_DATABASE
    ],
    mysql: SPLIT_DATABASE,
    redis: [
        ['REDIS_HOST', 'host'],
        ['REDIS_HOSTNAME', 'host'],
        ['REDIS_PORT', 'port']
    ]
};
/** The database name a bound value names: itself, a URL's path, a connection string's Database. */
function databaseNameIn(kind, value) {
    if (value === undefined)
        return undefined;
    if (kind === 'database')
        return value;
    if (kind === 'url')
        return (0,backing_engines/* parseUrl */.Dl)(value.replace(/^jdbc:/i, ''))?.pathname.replace(/^\//, '');
    if (kind === 'connection-string')
        return (0,connection_strings/* connectionStringDatabase */.jR)(value);
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/plan/environment.ts
// A container's environment on Beanstalk: literal values, secrets by
// reference, the variables a managed backing service decides, and the ones
// left to the Beanstalk environment at run time. Values taken from the
// runner are checked here: a runner credential, or any runner value in a
// variable whose name says secret, is never written in clear.







/** Values that say a setting, not a secret: PASSWORD_MIN_LENGTH: 8, TOKEN_AUTH: "false". */
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|none|null|\d{1,6})$/i;
function planEnvironment(service, inputs) {
    const { config, notes } = inputs;
    const name = service.name;
    const secretNames = new Set(config.secrets.map(secret => secret.name));
    const environment = {};
    const sourcedVariables = [];
    const runtimeVariables = [];
    const literalSecrets = [];
    const warnings = [];
    for (const [variable, value] of Object.entries(service.environment)) {
        if (value.kind === 'runtime') {
            if (!secretNames.has(variable))
                runtimeVariables.push(variable);
            continue;
        }
        if (secretNames.has(variable))
            continue;
        checkRunnerValue(name, variable, value.variables);
        const dropped = inputs.references.find(reference => reference.variable === variable && inputs.droppedBacking.has(reference.target));
        if (dropped) {
            notes.push(`${name}: ${variable} points at the dropped service ${dropped.target}: not set`);
            continue;
        }
        environment[variable] = value.value;
        if (value.origin === 'env_file' || value.variables.length > 0)
            sourcedVariables.push(variable);
        // A *_FILE / *_PATH variable names where a secret lies, not the secret.
        if ((0,secret_names/* looksSecret */.n)(variable) &&
            value.value !== '' &&
            !NOT_A_SECRET_VALUE.test(value.value) &&
            !/_(FILE|PATH|DIR)$/i.test(variable)) {
            const fromDotenv = value.variables.some(use => use.runner.length === 0);
            literalSecrets.push({
                container: name,
                variable,
                source: value.origin === 'env_file' ? 'env_file' : fromDotenv ? '.env' : 'compose file'
            });
        }
    }
    const bindings = [];
    for (const replacement of inputs.replacements) {
        const found = bindingsFor(service, replacement, inputs.compose.services[replacement.composeService], config.databasePasswordEnv);
        notes.push(...found.notes);
        warnings.push(...found.warnings);
        for (const binding of found.bindings) {
            if (!secretNames.has(binding.variable) &&
                !bindings.some(known => known.variable === binding.variable)) {
                bindings.push(binding);
                const added = found.added[binding.variable];
                if (added !== undefined)
                    environment[binding.variable] = added;
            }
        }
        for (const [file, variable] of Object.entries(found.replacedFiles)) {
            delete environment[file];
            notes.push(`${name}: ${file} names a file Beanstalk does not mount (a compose secret); ${variable} is set in its place from ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} at deploy (the official images read ${variable} when ${file} is unset)`);
        }
        for (const variable of found.droppedPasswords) {
            delete environment[variable];
            notes.push(`${name}: ${variable} dropped: its development password does not open ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]}; pass the AUTH token with the secrets input if the cluster has one`);
        }
        describeBindings(name, replacement, bindings, config.databasePasswordEnv, notes);
    }
    warnings.push(...unrewrittenHosts(name, inputs, bindings, warnings));
    literalSecrets.push(...developmentPasswordsInside(name, service, inputs, bindings, environment));
    // A compose secret read as a file (MB_DB_PASS_FILE, SECRET_KEY_FILE): Beanstalk mounts no /run/secrets.
    for (const [variable, value] of Object.entries(environment)) {
        const said = warnings.some(warning => warning.startsWith(`${name}: ${variable} `));
        if (!value.startsWith('/run/secrets/') || said || bindings.some(binding => binding.variable === variable))
            continue;
        warnings.push(`${name}: ${variable} is ${value}, the file of a compose secret, which Beanstalk does not mount: pass the value with the secrets input (${variable.replace(/_{1,2}FILE$/i, '')}=<Secrets Manager or SSM ARN>) and have the app read it from the variable`);
    }
    // A variable left to the environment that the managed service decides (a family's password) is no property to set.
    const boundRuntime = runtimeVariables.filter(variable => bindings.some(binding => binding.variable === variable));
    runtimeVariables.splice(0, runtimeVariables.length, ...runtimeVariables.filter(v => !boundRuntime.includes(v)));
    for (const variable of runtimeVariables) {
        const value = service.environment[variable];
        if (value?.kind === 'runtime' && value.dotenv !== undefined) {
            notes.push(`${name}: ${variable} is \${${value.variable}} and .env gives it a development value, which is not written into the bundle (the name looks secret): pass it with the secrets input, or set it as an environment property of the Beanstalk environment`);
        }
    }
    const passwords = bindings.filter(binding => binding.kind === 'password').map(binding => binding.variable);
    for (const variable of passwords)
        delete environment[variable];
    dropForeignDevPasswords(service, inputs, environment);
    // A secret goes to the containers whose compose environment names it; one
    // that no service names goes to every container of the app: built from its
    // source, or a prebuilt app image that uses the database or the cache (a
    // proxy or a mail catcher gets none). The database password goes to every
    // container that uses the database, whatever else names it.
    const app = service.build !== undefined || inputs.replacements.length > 0;
    const usesDatabase = inputs.replacements.some(replacement => replacement.role === 'database');
    const secrets = config.secrets
        .filter(secret => secret.name in service.environment ||
        (secret.name === config.databasePasswordEnv && usesDatabase) ||
        (!inputs.namedVariables.has(secret.name) && app))
        .map(secret => ({ ...secret }));
    for (const secret of secrets) {
        if (service.environment[secret.name]?.kind === 'literal') {
            notes.push(`${name}: ${secret.name} is passed by reference from the secrets input instead of its compose value`);
        }
    }
    // The database password from the secrets input reaches every variable the app's driver may read.
    const givenPassword = config.secrets.find(secret => secret.name === config.databasePasswordEnv);
    if (givenPassword) {
        for (const variable of passwords) {
            if (!secrets.some(secret => secret.name === variable))
                secrets.push({ name: variable, valueFrom: givenPassword.valueFrom });
        }
    }
    // A variable the managed service's value replaces (a URL rewritten without its password) is not written as given.
    const clearSecrets = literalSecrets.filter(secret => secret.variable in environment && !bindings.some(binding => binding.variable === secret.variable));
    return { environment, secrets, bindings, sourcedVariables, runtimeVariables, clearSecrets, warnings };
}
/**
 * A development password of a replaced service inside a longer value nothing rewrites (a YAML document in one
 * variable, JVM options): it ships in clear in the bundle, as a secret-looking variable's value would.
 */
function developmentPasswordsInside(name, service, inputs, bindings, environment) {
    const passwords = inputs.replacements.flatMap(replacement => [
        ...developmentPasswords(replacement, inputs.compose.services[replacement.composeService])
    ]);
    return Object.entries(environment).flatMap(([variable, value]) => {
        const given = service.environment[variable];
        if (given?.kind !== 'literal' ||
            (0,secret_names/* looksSecret */.n)(variable) ||
            bindings.some(binding => binding.variable === variable) ||
            !passwords.some(password => value !== password && holdsCredential(value, password)))
            return [];
        return [{ container: name, variable, source: given.origin === 'env_file' ? 'env_file' : 'compose file' }];
    });
}
/**
 * The password where a credential sits in a text (`password=…`, `"password":"…"`, `-D….password=…`, a URL's
 * `:…@`): a dev password `airflow` or `postgres` also appears in names and paths that are no secret.
 */
function holdsCredential(text, password) {
    const escaped = password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?:pass(?:word)?|passwd|pwd|secret)["'\\]]*\\s*(?:=>|=|:|\\s)\\s*["']?${escaped}(?![\\w-])|:${escaped}@`, 'i').test(text);
}
/**
 * A development password of a replaced service in a container that does not
 * use that service (an env_file shared by every service) is not written: it
 * opens nothing on AWS and is a secret in clear.
 */
function dropForeignDevPasswords(service, inputs, environment) {
    for (const replacement of inputs.allReplacements ?? []) {
        if (inputs.replacements.includes(replacement))
            continue;
        const passwords = developmentPasswords(replacement, inputs.compose.services[replacement.composeService]);
        // A database kept as a container keeps its own password, even one equal to the replaced database's.
        const server = (0,backing_engines/* backingEngineOf */.ls)(service) !== undefined;
        for (const [variable, value] of Object.entries(environment)) {
            if (!(0,secret_names/* looksSecret */.n)(variable) || !passwords.has(value) || (server && isServerPassword(variable)))
                continue;
            delete environment[variable];
            inputs.notes.push(`${service.name}: ${variable} dropped: it holds the development password of ${replacement.composeService}, which ${service.name} does not use`);
        }
    }
}
/**
 * A runner credential never leaves the runner; any runner value in a
 * variable whose name says secret would be written in clear into the bundle
 * (and the log): both are refused with the two ways to pass such a value.
 */
function checkRunnerValue(service, variable, uses) {
    const where = `service "${service}" environment ${variable}`;
    const credentials = (0,variables/* credentialsIn */.Wr)(uses);
    if (credentials.length > 0)
        throw (0,variables/* credentialError */.eP)(where, credentials, 'value');
    const fromRunner = uses.filter(use => use.runner.length > 0);
    if ((0,secret_names/* looksSecret */.n)(variable) && fromRunner.length > 0) {
        throw new errors/* ComposeError */.hp(`${where} takes ${fromRunner.map(use => `\${${use.name}}`).join(', ')} from the runner's environment, which would write a secret in clear into the bundle; pass ${variable} with the secrets input (${variable}=<Secrets Manager or SSM ARN>), or set it as an environment property of the Beanstalk environment and write ${variable}: \${${variable}}`);
    }
}
/** Who reads DRIVER_PASSWORD_ENV's variable (backing-engines.ts): not every driver of the engine does. */
const DRIVER_LIBRARY = {
    postgres: 'libpq and the drivers built on it (psycopg, node-postgres, sqlx; not JDBC)',
    mysql: "libmysqlclient (mysqlclient, Ruby's mysql2; not PHP's PDO or Doctrine, JDBC, Go's or Node's drivers)"
};
function describeBindings(service, replacement, bindings, databasePasswordEnv, notes) {
    const mine = bindings.filter(binding => binding.role === replacement.role);
    const rewritten = mine.filter(binding => binding.kind !== 'password').map(binding => binding.variable);
    const passwords = mine.filter(binding => binding.kind === 'password').map(binding => binding.variable);
    const target = (0,backing_engines/* describeBackingSource */.SY)(replacement.source);
    if (rewritten.length > 0) {
        notes.push(`${service}: ${rewritten.join(', ')} set from ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]} (${target}) at deploy`);
    }
    if (passwords.length > 0) {
        const driver = backing_engines/* DRIVER_PASSWORD_ENV */.Fy[replacement.engine];
        // A secret reference fills a whole variable, never part of a URL: an app that parses the password out of the URL
        // finds none (a fresh sample's FastAPI config matched `user:password@` and failed at import).
        const carriers = mine.filter(binding => binding.kind === 'url' || binding.kind === 'connection-string');
        const urls = carriers.map(binding => binding.variable);
        const carrierKinds = new Set(carriers.map(binding => binding.kind));
        const carrier = [
            ...(carrierKinds.has('url') ? ['URL'] : []),
            ...(carrierKinds.has('connection-string') ? ['connection string'] : [])
        ].join(' or ');
        notes.push(`${service}: the database password reaches ${passwords.join(', ')} by reference (the RDS-managed master secret, or the secrets input's ${databasePasswordEnv})${driver ? `; ${driver} is read by ${DRIVER_LIBRARY[replacement.engine] ?? 'the client library'}` : ''}${urls.length > 0 ? `; ${urls.join(', ')} ${urls.length === 1 ? 'carries' : 'carry'} no password, so an app that takes it only from the ${carrier} must read ${passwords[0]} instead, or get the whole ${carrier} from a secret: secrets input \`${urls[0]}=<ARN of a secret holding it>\`` : ''}`);
    }
}
/**
 * A command, entrypoint or config file that names a replaced service by its compose name (`wait-for-it db:5432`,
 * `</dev/tcp/db/5432`, `DB_HOST="db"` in a mounted .env): the plan rewrites variables, not these, and on Beanstalk
 * that name does not resolve, so the app waits for ever or never reaches the managed service.
 */
function unrewrittenHosts(name, inputs, bindings, said) {
    const rewritten = (variable) => bindings.some(binding => binding.variable === variable);
    return inputs.replacements.flatMap(replacement => {
        // A variable whose value names it inside a longer text (a YAML or JSON document, JVM options: Kestra's
        // KESTRA_CONFIGURATION) is not rewritten either: only whole URLs, hosts and connection strings are.
        const places = inputs.references
            .filter(reference => reference.target === replacement.composeService &&
            (reference.variable === undefined ||
                (!rewritten(reference.variable) &&
                    !said.some(warning => warning.startsWith(`${name}: ${reference.variable} `)))))
            .map(reference => reference.place);
        if (places.length === 0)
            return [];
        const hostVariables = bindings
            .filter(binding => binding.role === replacement.role && types/* ADDRESS_KINDS */.p.includes(binding.kind))
            .map(binding => binding.variable);
        return [
            `${name}: ${places.join(', ')} ${places.length === 1 ? 'names' : 'name'} ${replacement.composeService}, the compose name of the ${replacement.role} this deploy replaces with ${backing_engines/* ROLE_PRODUCT */.Vg[replacement.role]}; nothing rewrites ${places.length === 1 ? 'it' : 'them'}, and on Beanstalk that name does not resolve: read the host from the environment instead (the action sets ${(hostVariables.length > 0 ? hostVariables : [replacement.envName]).join(', ')})${places.some(place => place.startsWith('file ')) ? `, or name the variable the app reads in the service's environment (KEY: ${replacement.composeService}), which the action rewrites` : ''}`
        ];
    });
}

;// CONCATENATED MODULE: ./src/core/plan/extensions.ts
// A development database whose image brings PostgreSQL extensions: RDS for
// PostgreSQL offers pgvector and PostGIS (CREATE EXTENSION), not pgvecto.rs,
// VectorChord or TimescaleDB (the list:
// https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html).
// Replacing such a database by RDS is said as a warning, naming what to check.
const EXTENSIONS = [
    { pattern: /pgvecto-?rs|vectors(\.so)?\b/i, name: 'pgvecto.rs', onRds: false },
    { pattern: /vectorchord|vchord/i, name: 'VectorChord', onRds: false },
    { pattern: /timescale/i, name: 'TimescaleDB', onRds: false },
    { pattern: /pgvector|(^|[^.\w])vector(\.so)?\b/i, name: 'pgvector', onRds: true },
    { pattern: /postgis/i, name: 'PostGIS', onRds: true }
];
/** The warning for a database service replaced by RDS whose image or command brings extensions. */
function extensionWarning(service) {
    const text = [
        service.image ?? '',
        service.build?.contents?.baseImage ?? '',
        ...(service.command ?? [])
    ].join(' ');
    const found = EXTENSIONS.filter(extension => extension.pattern.test(text));
    if (found.length === 0)
        return undefined;
    const missing = found.filter(extension => !extension.onRds).map(extension => extension.name);
    const offered = found.filter(extension => extension.onRds).map(extension => extension.name);
    return (`${service.name}: ${service.image ?? service.build?.contents?.baseImage ?? 'its image'} brings ${found.map(extension => extension.name).join(', ')}; ` +
        (missing.length > 0
            ? `RDS for PostgreSQL does not offer ${missing.join(', ')}: the app's queries that need it fail there. `
            : '') +
        (offered.length > 0
            ? `RDS offers ${offered.join(', ')}: run CREATE EXTENSION on the RDS database. `
            : '') +
        'Check the extensions the app uses against RDS for PostgreSQL (docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html)');
}

;// CONCATENATED MODULE: ./src/core/plan/init-scripts.ts
// A development database that creates its schema itself: the official postgres, mysql and mariadb images run the
// files in /docker-entrypoint-initdb.d (.sql, .sql.gz, .sh) when they start on an empty data folder
// (https://hub.docker.com/_/postgres, "Initialization scripts"). RDS runs none of them, so the tables and rows they
// make are not there after the replacement, and an app that does not create its own schema fails at its first query
// — possibly only on the pages that write, after a Green deploy. Said as a warning with the way out: the same files
// run once by a job the app waits for.

const INIT_FOLDER = '/docker-entrypoint-initdb.d';
const inInitFolder = (path) => external_node_path_.posix.normalize(path) === INIT_FOLDER || external_node_path_.posix.normalize(path).startsWith(`${INIT_FOLDER}/`);
/** The files (as the compose file or the Dockerfile names them) that put init scripts into the database service. */
function initScripts(service) {
    const mounted = service.volumes
        .filter(mount => inInitFolder(mount.target))
        .map(mount => `${mount.source ?? '(a volume)'} → ${mount.target}`);
    const copied = (service.build?.contents?.copies ?? [])
        .filter(copy => inInitFolder(copy.destination))
        .map(copy => `${copy.sources.join(' ')} → ${copy.destination} (Dockerfile)`);
    return [...mounted, ...copied];
}
/** The warning for a replaced database whose development service runs init scripts, or undefined. */
function initScriptWarning(service, replacement) {
    if (replacement.role !== 'database')
        return undefined;
    const scripts = initScripts(service);
    if (scripts.length === 0)
        return undefined;
    const client = replacement.engine === 'postgres' ? `psql "$$DATABASE_URL" -f <file>` : `mysql … < <file>`;
    return `service ${service.name}: its init scripts (${scripts.join('; ')}) are never run on RDS: what they create (tables, rows, users, databases) will not be there, and the app fails at its first query that needs it; run them once with a job the app depends on (a service on the ${service.image ?? service.build?.contents?.baseImage ?? replacement.engine} image with command: sh -c '${client}', the files mounted, and depends_on: {condition: service_completed_successfully}), or let the app create its schema (migrations)`;
}

;// CONCATENATED MODULE: ./src/core/plan/roles.ts
// Which deployed services are jobs: they run and exit, so on ECS they are
// non-essential (an essential container's exit stops the whole task, where
// compose lets the others run). A job is a service others wait for with
// service_completed_successfully, a migration or setup command that is the
// whole command, a service compose is told not to restart (`restart: "no"`)
// or to restart only until it succeeds (`restart: on-failure`, with a sign of
// setup) that serves no port, or a development asset watcher deployed on purpose.
/** Commands that migrate or set up a database and exit (Rails, Django, Flask, Alembic, Prisma, Ecto, Knex…). */
const MIGRATION = /(^|[\s/:])(db:(migrate|prepare|setup|seed|create)|migrate( |$)|migrate:(up|latest|deploy|run)|migration:run|alembic upgrade|prisma migrate deploy|prisma db push|ecto\.(migrate|setup)|knex migrate|sequelize(-cli)? db:migrate|flask db upgrade|goose .*up|diesel migration run|dbmate up|collectstatic)/;
/** A word that turns a build into a watcher: `--watch`, `yarn watch`, `tailwindcss:watch`, `build:watch`. */
const WATCH_WORD = /^(--watch(=.*)?|watch|[\w.-]+:watch)$/;
/** A development asset watcher: rebuilds assets into a folder on file changes (`yarn build --watch`). */
function isAssetWatcher(service) {
    const words = [...(service.entrypoint ?? []), ...(service.command ?? [])];
    return (service.ports.length === 0 && words.some(word => word.split(/\s+/).some(part => WATCH_WORD.test(part))));
}
const WAITED_FOR = 'a one-shot job (others wait for it to complete)';
/** Deployed jobs, each with why it is one. */
function jobServices(selected) {
    const names = new Set(selected.map(service => service.name));
    const jobs = new Map();
    for (const service of selected) {
        for (const dependency of service.dependsOn) {
            if (dependency.condition === 'completed' && names.has(dependency.service))
                jobs.set(dependency.service, WAITED_FOR);
        }
    }
    for (const service of selected) {
        if (jobs.has(service.name))
            continue;
        const reason = jobReason(service);
        if (reason)
            jobs.set(service.name, reason);
    }
    // ECS needs an essential container: when every service looks like a job, only those others wait for are taken for
    // one (a worker-only app whose worker compose does not restart keeps running on Beanstalk).
    return jobs.size === selected.length
        ? new Map([...jobs].filter(([, reason]) => reason === WAITED_FOR))
        : jobs;
}
/** Words of a setup step's name or command: Zammad's `zammad-init`, `setup`, `bootstrap`, `seed`. */
const SETUP_WORD = /(^|[-_\s/:.])(init|setup|bootstrap|seed|install|migrat\w*)($|[-_\s/:.])/i;
/**
 * A setup step by its name or its program (`init-db`, `zammad-init`), never by a word further down its command: a
 * worker's `sh -c "pip install … && celery worker"` or `node --require ./init.js worker.js` is no setup step.
 */
function namesSetup(service) {
    const program = [...(service.entrypoint ?? []), ...(service.command ?? [])][0]?.split('/').at(-1) ?? '';
    return SETUP_WORD.test(service.name) || SETUP_WORD.test(program);
}
/**
 * `restart: on-failure` is how compose says "run until it succeeds once" (Zammad's zammad-init) — but a worker may
 * say it too, and a worker made non-essential would die unseen. So it makes a job only with a sign of setup in its
 * name or program.
 */
function runsUntilSuccess(service) {
    return /^on-failure(:\d+)?$/.test(service.restart ?? '') && namesSetup(service);
}
function jobReason(service) {
    if (isAssetWatcher(service))
        return 'a development asset watcher (it exits when no terminal is attached)';
    const command = [...(service.entrypoint ?? []), ...(service.command ?? [])].join(' ');
    const compound = /&&|\|\||;|\n/.test(command);
    if (!compound && MIGRATION.test(command))
        return `a one-shot job (its command "${command}" runs and exits)`;
    if (service.ports.length > 0 || service.expose.length > 0)
        return undefined;
    if (service.restart === 'no')
        return 'a one-shot job (restart: "no": compose does not restart it when it exits)';
    // No restart key is compose's "no" too; named for setup and migrating somewhere in its command (data-act-broker's
    // init-db: `sleep 9s; …; alembic upgrade head`), it is a job. A name alone is not enough (a blockchain's seed-node).
    if (service.restart === undefined && SETUP_WORD.test(service.name) && MIGRATION.test(command))
        return 'a one-shot job (its name says setup, and compose does not restart it when it exits)';
    if (runsUntilSuccess(service))
        return `a one-shot job (restart: ${service.restart ?? ''}: compose runs it until it succeeds once)`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/plan/selection.ts
// Which compose services a plan deploys: the services input, or every service
// compose itself would start — not a dev-only backing store (replaced by RDS
// or ElastiCache), not outside the active profiles, not a bare YAML template.



function selectServices(config, compose, references, notes, inputName) {
    const all = Object.values(compose.services);
    if (config.services) {
        const unknown = config.services.filter(name => !(name in compose.services));
        if (unknown.length > 0) {
            throw new errors/* InputError */.dz(inputName, `${unknown.map(name => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a service of ${config.composeFile || 'the compose file'} (it has: ${Object.keys(compose.services).join(', ')})`);
        }
        const chosen = config.services.map(name => compose.services[name]);
        const left = all.filter(service => !chosen.includes(service) && !isReplacedBacking(service, config, compose.activeProfiles));
        if (left.length > 0) {
            notes.push(`${inputName} names ${config.services.join(', ')}: ${left.map(service => service.name).join(', ')} ${left.length === 1 ? 'is' : 'are'} not deployed`);
        }
        return chosen;
    }
    const active = compose.activeProfiles;
    if (!(active.length === 1 && active[0] === ''))
        notes.push(`active profiles (COMPOSE_PROFILES): ${active.join(', ')}`);
    const candidates = all.filter(service => {
        if (!service.build && !service.image) {
            notes.push(`service ${service.name} has neither build nor image: skipped`);
            return false;
        }
        if (isReplacedBacking(service, config, active))
            return false;
        if (isAssetWatcher(service)) {
            notes.push(`service ${service.name} is a development asset watcher (${[...(service.entrypoint ?? []), ...(service.command ?? [])].join(' ')}): not deployed; build the assets into the image (name it in services to deploy it anyway, as a non-essential job)`);
            return false;
        }
        if (!isEnabled(service, active)) {
            const named = service.profiles.map(profile => (profile === '' ? '""' : profile)).join(', ');
            notes.push(`service ${service.name} belongs to profile(s) ${named}, not active: not deployed (set COMPOSE_PROFILES or name it in services)`);
            return false;
        }
        return true;
    });
    const selected = candidates.filter(service => {
        if (!isTemplate(service, candidates, references))
            return true;
        notes.push(`service ${service.name} only serves as a YAML template for other services: not deployed (name it in services to deploy it)`);
        return false;
    });
    if (selected.length === 0) {
        throw new errors/* InputError */.dz('services', `${config.composeFile || 'the compose file'} has no service to deploy besides backing stores`);
    }
    return selected;
}
/**
 * A bare anchored service merged into others (`base: &base` with neither a
 * command nor ports of its own) that no other service depends on, links to
 * or names. One that is complete and used (`app: &app` that nginx proxies
 * to) is a service like any other.
 */
function isTemplate(service, services, references) {
    if (!service.anchored || service.command || service.ports.length > 0 || service.expose.length > 0)
        return false;
    return !services.some(other => other !== service &&
        (other.dependsOn.some(dependency => dependency.service === service.name) ||
            other.links.some(link => link.service === service.name) ||
            (references.get(other.name) ?? []).some(reference => reference.target === service.name)));
}

;// CONCATENATED MODULE: ./src/core/plan/images.ts
// The images a plan builds: one per distinct build, shared by every service
// built like it — and by a service with no build whose `image:` is the name
// another service builds (web: {build: ., image: shop/app} and worker:
// {image: shop/app} run one image, as under compose).



/**
 * One ImageBuild per distinct build (context, Dockerfile, args, target). It is
 * named after the first compose service with that build — among all services,
 * not only the selected ones — so a worker-only environment and a full one
 * share the image, its repository and its single build.
 */
function planImages(config, selected, compose, references, notes) {
    const all = Object.values(compose.services);
    const owners = new Map();
    for (const service of all) {
        const key = buildKey(service);
        if (key !== undefined && !owners.has(key) && !isTemplate(service, all, references))
            owners.set(key, service);
    }
    for (const service of all) {
        const key = buildKey(service);
        if (key !== undefined && !owners.has(key))
            owners.set(key, service);
    }
    refuseRepositoryCollisions(config, owners);
    const builtByName = new Map();
    for (const service of all) {
        if (service.build && service.image && !builtByName.has(service.image))
            builtByName.set(service.image, service);
    }
    const builderOf = (service) => service.image === undefined
        ? undefined
        : (builtByName.get(service.image) ?? defaultNamedBuilder(service, all));
    const byKey = new Map();
    const buildOf = new Map();
    for (const service of selected) {
        const builder = service.build ? service : builderOf(service);
        const key = builder ? buildKey(builder) : undefined;
        if (!builder?.build || key === undefined)
            continue;
        if (builder !== service) {
            notes.push(`${service.name}: runs the image ${builder.name} builds (${service.image}), as compose does`);
        }
        const owner = owners.get(key) ?? builder;
        buildOf.set(service.name, owner.name);
        const existing = byKey.get(key);
        if (existing) {
            existing.services.push(service.name);
            continue;
        }
        const { context, dockerfile, dockerfileInline, args, target } = builder.build;
        byKey.set(key, {
            id: owner.name,
            services: [service.name],
            repository: repositoryFor(config, owner.name),
            context,
            dockerfile,
            ...(dockerfileInline !== undefined && { dockerfileInline }),
            args,
            ...(target !== undefined && { target })
        });
    }
    return { images: [...byKey.values()], buildOf };
}
/**
 * The service whose build compose names the image `<project>-<service>` (`<project>_<service>` before compose v2),
 * when it gives no `image:` of its own: `worker: {image: shop_web}` beside `web: {build: .}` runs what web builds.
 * The project is the folder the developer ran compose in, unknown here; any prefix is taken, with no registry and
 * no tag but latest.
 */
function defaultNamedBuilder(service, all) {
    if (!/^[a-z0-9][a-z0-9_.-]*(:latest)?$/.test(service.image ?? ''))
        return undefined;
    const name = (service.image ?? '').replace(/:latest$/, '');
    return all.find(other => other !== service &&
        other.build !== undefined &&
        other.image === undefined &&
        (name.endsWith(`-${other.name}`) || name.endsWith(`_${other.name}`)));
}
function buildKey(service) {
    if (!service.build)
        return undefined;
    const { context, dockerfile, dockerfileInline, args, target } = service.build;
    return JSON.stringify([
        context,
        dockerfileInline ?? external_node_path_.posix.normalize(dockerfile),
        Object.entries(args).sort(),
        target ?? ''
    ]);
}
function repositoryFor(config, service) {
    return `${config.ecrRepositoryPrefix}/${repositoryComponent(service)}`;
}
/**
 * A service name as an ECR path component: lowercase letters, digits and
 * hyphens (the names repositories have always had, so existing ones stay).
 * `api_v1` and `api-v1` both become `api-v1`: refuseRepositoryCollisions says so.
 */
function repositoryComponent(name) {
    return (name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'app');
}
/** Two different builds must not share a repository (and so a tag): each would run the other's image. */
function refuseRepositoryCollisions(config, owners) {
    const byRepository = new Map();
    for (const owner of owners.values()) {
        const repository = repositoryFor(config, owner.name);
        const other = byRepository.get(repository);
        if (other !== undefined) {
            throw new errors/* ComposeError */.hp(`services "${other}" and "${owner.name}" build different images but both map to the ECR repository ${repository}; rename one of them`);
        }
        byRepository.set(repository, owner.name);
    }
}

;// CONCATENATED MODULE: ./src/core/plan/stateful-servers.ts
// A data store the action does not replace, deployed as a container: MongoDB, SQL Server, Elasticsearch… run on the
// instance like any service, so what they hold lives on that instance (an anonymous volume or the container's own
// layer: gone at the next deploy; a named volume: gone with the instance). Said as a warning, since a deploy goes
// Green and the data is lost later. The action replaces only PostgreSQL, MySQL/MariaDB, Redis and Memcached.
/** Image paths of servers that keep data (`mcr.microsoft.com/mssql/server:2022-latest`), and their product. */
const STATEFUL = [
    [/(^|\/)mongo(db)?(-community-server)?$/, 'MongoDB'],
    [/mssql\/server$|(^|\/)azure-sql-edge$/, 'SQL Server'],
    [/(^|\/)(elasticsearch|opensearch)$/, 'a search index'],
    [/(^|\/)rabbitmq$/, 'RabbitMQ'],
    [/(^|\/)minio$/, 'MinIO'],
    [/(^|\/)(clickhouse-server|clickhouse)$/, 'ClickHouse'],
    [/(^|\/)(cassandra|scylla)$/, 'Cassandra'],
    [/(^|\/)neo4j$/, 'Neo4j'],
    [/(^|\/)couchdb$/, 'CouchDB'],
    [/(^|\/)influxdb$/, 'InfluxDB']
];
/** The warning for a deployed service that runs such a server, or undefined. */
function statefulServerWarning(service) {
    const path = (service.image ?? service.build?.contents?.baseImage ?? '').split('@')[0]?.split(':')[0] ?? '';
    const product = STATEFUL.find(([pattern]) => pattern.test(path.toLowerCase()))?.[1];
    if (!product)
        return undefined;
    const named = service.volumes.some(mount => mount.type === 'volume' && mount.source !== undefined);
    return `${service.name}: runs ${product} as a container on the Beanstalk instance, which the action does not replace with a managed service: its data ${named ? 'stays on that instance only (lost when Beanstalk replaces the instance)' : 'is lost at the next deploy'}; point the app at a managed ${product} and leave ${service.name} out of services`;
}

// EXTERNAL MODULE: ./src/core/plan/clear-secrets.ts
var clear_secrets = __webpack_require__(76478);
// EXTERNAL MODULE: ./src/core/validate-dockerrun.ts
var validate_dockerrun = __webpack_require__(4505);
;// CONCATENATED MODULE: ./src/core/plan/build-plan.ts
// ActionConfig + ComposeProject → DeployPlan. Pure. Every choice the
// converter makes on the user's behalf is written into plan.notes, so the log
// and the job summary can say what happened to each compose feature — also
// when planning fails (the error carries the notes gathered so far).















/**
 * The plan for one environment (the first one by default). An environment
 * given its own services (`environment: "puppies-worker: worker"`) gets that
 * subset, and a version label of its own, since its bundle differs.
 */
function buildPlan(config, compose, environment = config.environments[0] ?? '') {
    const notes = [...compose.notes];
    try {
        return planFor(config, compose, environment, notes);
    }
    catch (error) {
        throw (0,errors/* attachNotes */.tu)(error, notes);
    }
}
function planFor(config, compose, environment, notes) {
    const subset = config.environmentServices[environment];
    const allServices = Object.values(compose.services);
    const hostNames = projectHostNames(allServices);
    const references = new Map(allServices.map(service => [
        service.name,
        serviceReferences(service, hostNames, compose.files, compose.directory)
    ]));
    const selected = selectServices(subset ? { ...config, services: subset } : config, compose, references, notes, subset ? 'environment' : 'services');
    refuseTooManyContainers(selected, subset ? 'environment' : 'services');
    const backing = replacedBackingServices(config, compose, selected, references, notes);
    const { images, buildOf } = planImages(config, selected, compose, references, notes);
    const deployed = new Map(selected.map(service => [service.name, service]));
    const jobs = jobServices(selected);
    const oneShot = new Set(jobs.keys());
    const backingNames = new Set(allServices
        .filter(service => !deployed.has(service.name) && isReplacedBacking(service, config, compose.activeProfiles))
        .map(s => s.name));
    const droppedBacking = new Set([...backingNames].filter(name => !backing.some(replacement => replacement.composeService === name)));
    const namedVariables = new Set(selected.flatMap(service => Object.keys(service.environment)));
    const startingAfter = servicesStartingAfter(selected, oneShot);
    const connections = new Map();
    for (const service of selected) {
        const startsAfter = startingAfter.get(service.name);
        connections.set(service.name, planConnections(service, references.get(service.name) ?? [], {
            deployed,
            oneShot,
            backing: backingNames,
            allServices: new Set(allServices.map(service => service.name)),
            ...(startsAfter && { startsAfter }),
            notes
        }));
    }
    refuseLinkCycles(connections);
    const volumes = new Map();
    const bundleFiles = new Map();
    const runtimeVariables = [];
    const warnings = [];
    const clearSecrets = [];
    const containers = selected.map(service => {
        const used = backing.filter(replacement => usesService(service, replacement.composeService, references));
        const planned = planEnvironment(service, {
            config,
            compose,
            replacements: used,
            droppedBacking,
            references: references.get(service.name) ?? [],
            namedVariables,
            allReplacements: backing,
            notes
        });
        clearSecrets.push(...planned.clearSecrets);
        warnings.push(...planned.warnings);
        const buildId = buildOf.get(service.name);
        const job = jobs.get(service.name);
        const container = planContainer(service, {
            config,
            ...(buildId !== undefined && { buildId }),
            ...(job !== undefined && { job }),
            connections: connections.get(service.name),
            environment: planned,
            uses: [...new Set(used.map(replacement => replacement.role))],
            notes
        });
        for (const mount of (0,mounts/* mountsFor */.yd)(service, compose, notes, warnings, selected)) {
            const volume = (0,mounts/* uniqueVolumeName */.JL)(volumes, mount.volume, mount.sourcePath);
            volumes.set(volume, mount.sourcePath);
            if (mount.bundle)
                bundleFiles.set(mount.bundle.target, mount.bundle);
            container.mountPoints.push({
                sourceVolume: volume,
                containerPath: mount.target,
                ...(mount.readOnly && { readOnly: true })
            });
        }
        container.volumesFrom = volumesFrom(service, deployed, notes);
        const stateful = statefulServerWarning(service);
        if (stateful)
            warnings.push(stateful);
        for (const name of planned.runtimeVariables)
            runtimeVariables.push({ container: service.name, name });
        if (service.secretBuildArgs.length > 0 && (buildId === undefined || buildId === service.name)) {
            warnings.push(`${service.name}: build arg(s) ${service.secretBuildArgs.join(', ')} look secret: build args stay readable in the image history (docker history) pushed to ECR; pass secrets to the build as BuildKit secrets (RUN --mount=type=secret) instead`);
        }
        return container;
    });
    for (const replacement of backing) {
        const service = compose.services[replacement.composeService];
        const warning = replacement.engine === 'postgres' && service ? extensionWarning(service) : undefined;
        if (warning)
            warnings.push(warning);
        const initWarning = service ? initScriptWarning(service, replacement) : undefined;
        if (initWarning)
            warnings.push(initWarning);
    }
    assignPublicPort(containers, selected, config, notes);
    notePortsNotPublished(containers, selected, notes);
    warnings.push(...(0,clear_secrets/* clearSecretWarnings */.pX)(clearSecrets));
    if (runtimeVariables.length > 0) {
        const names = [...new Set(runtimeVariables.map(variable => variable.name))];
        notes.push(`${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} no value in the compose file: not written into the bundle; ` +
            'set as an environment property of the Beanstalk environment, or pass by reference with the secrets input');
    }
    return {
        application: config.application,
        environment,
        versionLabel: subset ? subsetVersionLabel(config.versionLabel, subset) : config.versionLabel,
        images,
        containers,
        volumes: [...volumes].map(([name, sourcePath]) => ({ name, sourcePath })),
        bundleFiles: [...bundleFiles.values()],
        backing,
        runtimeVariables,
        ...(config.executionRoleArn !== undefined && { executionRoleArn: config.executionRoleArn }),
        notes,
        warnings,
        ...(clearSecrets.length > 0 && { clearSecrets })
    };
}
function refuseTooManyContainers(selected, input) {
    if (selected.length <= validate_dockerrun/* MAX_CONTAINER_DEFINITIONS */.op)
        return;
    throw new errors/* InputError */.dz(input, `ECS runs at most ${validate_dockerrun/* MAX_CONTAINER_DEFINITIONS */.op} containers per task definition, and this environment would run ${selected.length} (${selected.map(service => service.name).join(', ')}): name at most ${validate_dockerrun/* MAX_CONTAINER_DEFINITIONS */.op} in the services input, or split them over environments ("app-web: web nginx" and "app-worker: worker" in the environment input)`);
}
function volumesFrom(service, deployed, notes) {
    return service.volumesFrom.flatMap(source => {
        if (!deployed.has(source.service)) {
            notes.push(`${service.name}: volumes_from ${source.service} dropped: ${source.service} is not deployed`);
            return [];
        }
        if (source.service === service.name)
            throw new errors/* ComposeError */.hp(`service "${service.name}": volumes_from itself`);
        return [{ sourceContainer: source.service, ...(source.readOnly && { readOnly: true }) }];
    });
}
/** `sha-0123456789ab` + worker → `sha-0123456789ab-worker`; within Beanstalk's 100 characters. */
function subsetVersionLabel(label, services) {
    if (label === '')
        return label;
    const suffix = [...services]
        .sort()
        .join('-')
        .replace(/[^A-Za-z0-9._-]+/g, '-');
    return `${label}-${suffix}`.slice(0, 100).replace(/[-.]+$/, '');
}

// EXTERNAL MODULE: ./src/core/runner-variables.ts
var runner_variables = __webpack_require__(22721);
// EXTERNAL MODULE: ./src/adapters/workspace/files.ts + 11 modules
var files = __webpack_require__(41150);
;// CONCATENATED MODULE: ./src/planning/prepare.ts
// Validate → plan: inputs and compose file in, one DeployPlan per target
// out, or one clear error before anything touches AWS.



function prepare(given, workspace, env) {
    // No compose-file input: the file compose itself would pick (compose.yaml first).
    const found = given.composeFile === '' ? (0,files/* defaultComposeFile */.UF)(workspace) : undefined;
    const config = found ? { ...given, composeFile: found.file } : given;
    const compose = (0,files/* readCompose */.jy)(workspace, config.composeFile, env, (0,runner_variables/* runnerVariableNamed */.Q5)(config.runnerVariables));
    const override = (0,files/* overrideFileOf */.EA)(workspace, config.composeFile);
    if (override)
        compose.notes.push(`${override} is not merged: docker compose up merges it into ${config.composeFile} (usually development settings); the deploy reads ${config.composeFile} alone — name a file that has what production needs`);
    if (found && found.ignored.length > 0)
        compose.notes.push(`compose file ${found.file} used; ${found.ignored.join(', ')} ignored, as compose does`);
    const planned = (environment) => {
        const plan = buildPlan(config, compose, environment);
        // The shipped files are checked now, before any AWS call; renderBundle reads them.
        (0,files/* listBundleFiles */._C)(workspace, compose.directory, plan);
        return plan;
    };
    const [first = '', ...others] = config.environments;
    const targets = [{ plan: planned(first), environments: first ? [first] : [] }];
    for (const environment of others) {
        const plan = planned(environment);
        const same = targets.find(target => target.plan.versionLabel === plan.versionLabel);
        if (same)
            same.environments.push(environment);
        else
            targets.push({ plan, environments: environment ? [environment] : [] });
    }
    return { config, workspace, compose, targets };
}
/** Every image the targets need, each once (a worker environment shares the web image). */
function imagesOf(targets) {
    const images = new Map();
    for (const image of targets.flatMap(target => target.plan.images)) {
        const known = images.get(image.id);
        if (known)
            known.services = [...new Set([...known.services, ...image.services])];
        else
            images.set(image.id, { ...image, services: [...image.services] });
    }
    return [...images.values()];
}
/** The version label of each target (targets are grouped by label, so each once). */
function versionLabelsOf(targets) {
    return targets.map(target => target.plan.versionLabel);
}
/** The notes of every target's plan, each once. */
function notesOf(targets) {
    return [...new Set(targets.flatMap(target => target.plan.notes))];
}


/***/ }),

/***/ 71879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ addClearSecrets)
/* harmony export */ });
/* harmony import */ var _core_plan_clear_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76478);
// The job summary's "Secrets written in clear" section: one row per
// secret-looking variable the bundle carries as a value, with where it came
// from and the two ways to pass it instead (the plan's warnings say the same
// on the run's page).

function addClearSecrets(summary, secrets, escapeHtml) {
    const grouped = (0,_core_plan_clear_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .groupClearSecrets */ .mp)(secrets);
    if (grouped.size === 0)
        return;
    const code = (text) => `<code>${escapeHtml(text)}</code>`;
    summary.addHeading('Secrets written in clear', 3);
    summary.addTable([
        ['Variable', 'Containers', 'From', 'Pass it instead'].map(data => ({ data, header: true })),
        ...[...grouped].map(([variable, { containers, sources }]) => [
            code(variable),
            escapeHtml(containers.join(', ')),
            escapeHtml(sources.join(', ')),
            `by reference: ${code(`secrets: ${variable}=<Secrets Manager or SSM ARN>`)}; or an environment property of the Beanstalk environment, read as ${code(`${variable}: \${${variable}}`)}`
        ])
    ]);
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


/***/ }),

/***/ 37014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ writeBundles),
/* harmony export */   F: () => (/* binding */ checkDocuments)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_dockerrun_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9602);
/* harmony import */ var _adapters_workspace_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41150);
// Bundle stage: each target's Dockerrun.aws.json rendered with what the
// earlier stages resolved (backing services, pinned images) and zipped with
// the files it mounts into a deterministic bundle on the runner.




function render(prepared, target, resolution) {
    const { config } = prepared;
    return (0,_core_dockerrun_js__WEBPACK_IMPORTED_MODULE_2__/* .renderDockerrun */ .Cd)(target.plan, {
        logDriver: config.logDriver,
        ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
        ...resolution
    });
}
/**
 * Renders every target with its images not pinned yet: each document's rules
 * are checked (and a bad one fails the run) before anything is pushed.
 */
function checkDocuments(prepared, resolution) {
    return prepared.targets.map(target => render(prepared, target, resolution));
}
/** Every target's bundle, written under RUNNER_TEMP, in the order of the targets. */
async function writeBundles(prepared, resolution, env) {
    const directory = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_0___default().tmpdir(), 'beanstalk-docker-deploy');
    const [first, ...others] = prepared.targets;
    const bundles = [await writeTargetBundle(prepared, first, resolution, directory)];
    for (const target of others)
        bundles.push(await writeTargetBundle(prepared, target, resolution, directory));
    return bundles;
}
async function writeTargetBundle(prepared, target, resolution, directory) {
    const dockerrun = render(prepared, target, resolution);
    const dockerrunJson = (0,_core_dockerrun_js__WEBPACK_IMPORTED_MODULE_2__/* .serialiseDockerrun */ .DB)(dockerrun);
    const fileName = `${prepared.config.application}-${target.plan.versionLabel || 'plan'}.zip`.replace(/[^A-Za-z0-9._-]+/g, '-');
    // Streamed: the shipped folders are never held in memory whole.
    const written = await (0,_adapters_workspace_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writeBundle */ .Mf)(directory, fileName, [{ path: 'Dockerrun.aws.json', data: new TextEncoder().encode(dockerrunJson) }], (0,_adapters_workspace_files_js__WEBPACK_IMPORTED_MODULE_3__/* .listBundleFiles */ ._C)(prepared.workspace, prepared.compose.directory, target.plan));
    return {
        target,
        bundle: {
            dockerrun,
            dockerrunJson,
            bundlePath: written.bundlePath,
            sha256: written.sha256,
            bytes: written.bytes
        }
    };
}


/***/ }),

/***/ 3512:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ checkOnRunner)
/* harmony export */ });
/* harmony import */ var _adapters_docker_build_context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(85806);
/* harmony import */ var _planning_prepare_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49297);
// The checks that refuse a deploy on the runner alone, before any AWS call:
// deploy and plan mode run this one function, so a plan reports what a deploy
// would refuse (new-user trial D7: `.git` in a build context refused the
// deploy at 0.0 s while the plan said nothing). The other refusals before any
// AWS side effect are in prepare() (inputs, compose file, plan), which both
// modes run first; the resolve stage's prerequisites (platform, documents,
// execution role) need AWS reads, which plan mode makes too.


/**
 * Each image's build inputs: context and Dockerfile inside the workspace, the target stage, no `.git` sent.
 * With `build: false` nothing is built (the commit's images are taken from ECR), so there is nothing to check.
 */
async function checkOnRunner(prepared) {
    if (!prepared.config.build)
        return;
    for (const image of (0,_planning_prepare_js__WEBPACK_IMPORTED_MODULE_1__/* .imagesOf */ .IC)(prepared.targets))
        await (0,_adapters_docker_build_context_js__WEBPACK_IMPORTED_MODULE_0__/* .checkBuildInputs */ .ay)(prepared.workspace, image);
}


/***/ }),

/***/ 93280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ae: () => (/* binding */ findExecutionRole),
  Wx: () => (/* binding */ missingProperties),
  En: () => (/* binding */ resolveBackingServices)
});

// UNUSED EXPORTS: CONVENTIONAL_EXECUTION_ROLE

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elasticache/dist-cjs/index.js
var dist_cjs = __webpack_require__(34827);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-rds/dist-cjs/index.js
var client_rds_dist_cjs = __webpack_require__(57202);
// EXTERNAL MODULE: ./src/core/backing-engines.ts
var backing_engines = __webpack_require__(33568);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(20133);
;// CONCATENATED MODULE: ./src/adapters/backing-lookup.ts
// Managed backing services named by identifier (an RDS instance, an
// ElastiCache replication group or cluster) → the endpoint the app connects
// to, and for an RDS-managed master password a secret reference the platform
// resolves at container start. Endpoint URL inputs need no lookup: the core
// renders them as given.






async function resolveBacking(backing, clients, config, log = logger/* actionsLogger */.MV) {
    const resolved = {};
    for (const replacement of backing) {
        const { source } = replacement;
        if (source.kind === 'rds') {
            resolved[replacement.role] = await lookupDbInstance(replacement, source.id, clients, config, log);
        }
        else if (source.kind === 'elasticache') {
            resolved[replacement.role] = {
                endpoint: await lookupCache(replacement, source.id, clients, log),
                secrets: []
            };
        }
        else if (source.kind === 'endpoint') {
            maskUrlPassword(source.url, log);
        }
    }
    return resolved;
}
/** A password typed into an endpoint URL input must never reach the log, whatever prints the URL later. */
function maskUrlPassword(url, log) {
    try {
        const password = new URL(url).password;
        if (password) {
            log.setSecret(password);
            log.setSecret(decodeURIComponent(password));
        }
    }
    catch {
        // Not a URL: the core reports that.
    }
}
/** The service found must speak the compose service's protocol: a MySQL app given a PostgreSQL instance fails. */
function checkEngine(replacement, engine, what) {
    const mismatch = (0,backing_engines/* engineMismatch */.$K)(replacement, engine, what);
    if (mismatch)
        throw new errors/* InputError */.dz(replacement.role, mismatch);
}
async function lookupDbInstance(replacement, id, clients, config, log) {
    let instance;
    try {
        const answer = await clients.rds.send(new client_rds_dist_cjs/* DescribeDBInstancesCommand */.hhJ({ DBInstanceIdentifier: id }));
        instance = answer.DBInstances?.[0];
    }
    catch (error) {
        if ((0,aws_errors/* isAwsError */.m_)(error, aws_errors/* AwsErrorCode */.Tl.dbInstanceNotFound))
            instance = undefined;
        else
            throw error;
    }
    if (!instance)
        throw new errors/* InputError */.dz('database', `RDS DB instance "${id}" not found in ${clients.region}`);
    checkEngine(replacement, instance.Engine, `RDS instance ${id}`);
    const address = instance.Endpoint?.Address;
    if (!address) {
        throw new errors/* InputError */.dz('database', `RDS DB instance "${id}" has no endpoint yet (status ${instance.DBInstanceStatus ?? 'unknown'})`);
    }
    if (instance.DBInstanceStatus && instance.DBInstanceStatus !== 'available') {
        log.warning(`RDS DB instance "${id}" is ${instance.DBInstanceStatus}, not available; the app may not connect yet`);
    }
    const endpoint = {
        host: address,
        port: instance.Endpoint?.Port ?? defaultDatabasePort(instance.Engine),
        ...(instance.MasterUsername && { username: instance.MasterUsername }),
        ...(instance.DBName && { databaseName: instance.DBName }),
        // Every RDS instance serves TLS, and PostgreSQL 15+ requires it by default (rds.force_ssl = 1):
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
        tls: true,
        ...(instance.EngineVersion && { engineVersion: instance.EngineVersion })
    };
    const secretArn = instance.MasterUserSecret?.SecretArn;
    const secrets = secretArn
        ? [{ name: config.databasePasswordEnv, valueFrom: `${secretArn}:password::` }]
        : [];
    log.info(`Database: RDS ${id} → ${endpoint.host}:${endpoint.port}${secretArn ? ` (password from the RDS-managed secret into ${config.databasePasswordEnv})` : ''}`);
    return { endpoint, secrets };
}
function defaultDatabasePort(engine) {
    return engine && /mysql|maria/i.test(engine) ? 3306 : 5432;
}
async function lookupCache(replacement, id, clients, log) {
    const group = await describeReplicationGroup(id, clients);
    if (group) {
        checkEngine(replacement, group.Engine, `ElastiCache replication group ${id}`);
        const tls = group.TransitEncryptionEnabled === true;
        const primary = group.NodeGroups?.[0]?.PrimaryEndpoint;
        const address = group.ConfigurationEndpoint?.Address ?? primary?.Address;
        const port = group.ConfigurationEndpoint?.Port ?? primary?.Port ?? 6379;
        if (!address) {
            throw new errors/* InputError */.dz('cache', `ElastiCache replication group "${id}" has no endpoint yet (status ${group.Status ?? 'unknown'})`);
        }
        if (group.Status && group.Status !== 'available') {
            log.warning(`ElastiCache replication group "${id}" is ${group.Status}, not available`);
        }
        const mode = group.ConfigurationEndpoint?.Address ? 'configuration endpoint' : 'primary endpoint';
        log.info(`Cache: ElastiCache replication group ${id} → ${address}:${port} (${mode}${tls ? ', TLS' : ''})`);
        return { host: address, port, ...(tls && { tls: true }), ...(tlsOnly(group) && { tlsOnly: true }) };
    }
    const cluster = await describeCacheCluster(id, clients);
    if (cluster) {
        checkEngine(replacement, cluster.Engine, `ElastiCache cluster ${id}`);
        const node = cluster.CacheNodes?.[0]?.Endpoint;
        if (!node?.Address) {
            throw new errors/* InputError */.dz('cache', `ElastiCache cluster "${id}" has no node endpoint yet (status ${cluster.CacheClusterStatus ?? 'unknown'})`);
        }
        if (cluster.CacheClusterStatus && cluster.CacheClusterStatus !== 'available') {
            log.warning(`ElastiCache cluster "${id}" is ${cluster.CacheClusterStatus}, not available`);
        }
        const tls = cluster.TransitEncryptionEnabled === true;
        const port = node.Port ?? 6379;
        log.info(`Cache: ElastiCache cluster ${id} → ${node.Address}:${port}${tls ? ' (TLS)' : ''}`);
        return { host: node.Address, port, ...(tls && { tls: true }), ...(tlsOnly(cluster) && { tlsOnly: true }) };
    }
    throw new errors/* InputError */.dz('cache', `no ElastiCache replication group or cache cluster "${id}" found in ${clients.region}`);
}
/**
 * In-transit encryption in its `required` mode, or with no mode given (a cache created encrypted is `required` unless
 * the request asks for `preferred`): "required will drop all unencrypted connections"; `preferred` takes both, while
 * clients migrate. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html
 */
function tlsOnly(cache) {
    return cache.TransitEncryptionEnabled === true && cache.TransitEncryptionMode !== 'preferred';
}
async function describeReplicationGroup(id, clients) {
    try {
        const answer = await clients.elasticache.send(new dist_cjs/* DescribeReplicationGroupsCommand */.HYQ({ ReplicationGroupId: id }));
        return answer.ReplicationGroups?.[0];
    }
    catch (error) {
        if ((0,aws_errors/* isAwsError */.m_)(error, aws_errors/* AwsErrorCode */.Tl.replicationGroupNotFound))
            return undefined;
        throw error;
    }
}
async function describeCacheCluster(id, clients) {
    try {
        const answer = await clients.elasticache.send(new dist_cjs/* DescribeCacheClustersCommand */.sgL({ CacheClusterId: id, ShowCacheNodeInfo: true }));
        return answer.CacheClusters?.[0];
    }
    catch (error) {
        if ((0,aws_errors/* isAwsError */.m_)(error, aws_errors/* AwsErrorCode */.Tl.cacheClusterNotFound))
            return undefined;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var beanstalk_environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./src/adapters/iam.ts
var iam = __webpack_require__(35737);
// EXTERNAL MODULE: ./src/core/dockerrun.ts
var dockerrun = __webpack_require__(9602);
// EXTERNAL MODULE: ./src/core/settings.ts
var settings = __webpack_require__(51922);
// EXTERNAL MODULE: ./src/report/log.ts
var log = __webpack_require__(46472);
;// CONCATENATED MODULE: ./src/stages/managed-services.ts
// Backing services stage: the managed database and cache every target needs
// (RDS / ElastiCache looked up by identifier, endpoint URLs as given), each
// role once — a web and a worker environment share one database —, the
// execution role the platform reads the secrets passed by reference with, and
// the environment properties the containers read but the environments lack.
// Read-only calls only: plan mode runs it too.









/** The role ECS's documentation and console create for tasks that read secrets: what most accounts have. */
const CONVENTIONAL_EXECUTION_ROLE = 'ecsTaskExecutionRole';
async function resolveBackingServices(prepared, clients) {
    const byRole = new Map();
    for (const replacement of prepared.targets.flatMap(target => target.plan.backing)) {
        if (!byRole.has(replacement.role))
            byRole.set(replacement.role, replacement);
    }
    if (byRole.size === 0)
        return {};
    const backing = await resolveBacking([...byRole.values()], clients, prepared.config, logger/* actionsLogger */.MV);
    const cache = byRole.get('cache');
    if (cache) {
        const containers = prepared.targets.flatMap(target => target.plan.containers);
        const unique = [...new Map(containers.map(container => [container.name, container])).values()];
        for (const line of (0,backing_engines/* plainCacheAddressWarnings */.Af)(unique, backing.cache?.endpoint, (0,backing_engines/* describeBackingSource */.SY)(cache.source)))
            logger/* actionsLogger */.MV.warning(line);
    }
    return backing;
}
/** `web passes DATABASE_PASSWORD, PGPASSWORD` — what needs the role, for the error line. */
function secretUsers(plan, backing) {
    const container = plan.containers.find(candidate => (0,dockerrun/* passesSecretsByReference */.Nu)({ ...plan, containers: [candidate] }, { backing }));
    if (!container)
        return 'a container passes secrets';
    const names = [
        ...container.secrets.map(secret => secret.name),
        ...container.bindings
            .filter(binding => binding.kind === 'password' && (backing[binding.role]?.secrets.length ?? 0) > 0)
            .map(binding => binding.variable)
    ];
    return `${container.name} passes ${[...new Set(names)].join(', ')}`;
}
/**
 * With `execution-role-arn` empty while a container passes secrets by
 * reference (the secrets input, or the RDS-managed master password): the
 * account's ecsTaskExecutionRole, looked up read-only (iam:GetRole). Without
 * one, one line saying what to set. Undefined when no role is needed or the
 * input names one.
 */
async function findExecutionRole(prepared, clients, backing) {
    if (prepared.config.executionRoleArn !== undefined)
        return undefined;
    const plan = prepared.targets.find(target => (0,dockerrun/* passesSecretsByReference */.Nu)(target.plan, { backing }))?.plan;
    if (!plan)
        return undefined;
    const users = secretUsers(plan, backing);
    let arn;
    try {
        arn = await (0,iam/* findRole */._)(clients.iam, CONVENTIONAL_EXECUTION_ROLE);
    }
    catch (error) {
        throw new errors/* InputError */.dz('execution-role-arn', `is required: ${users} by reference, which the platform reads with the task's execution role, and looking up ${CONVENTIONAL_EXECUTION_ROLE} failed (${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}); set execution-role-arn, or allow iam:GetRole`);
    }
    if (!arn) {
        throw new errors/* InputError */.dz('execution-role-arn', `is required: ${users} by reference, which the platform reads with the task's execution role, and this account has no ${CONVENTIONAL_EXECUTION_ROLE}; set execution-role-arn to a role that may read those secrets`);
    }
    logger/* actionsLogger */.MV.info(`execution-role-arn is empty: the platform reads the secrets passed by reference with the account's ${CONVENTIONAL_EXECUTION_ROLE} (${arn})`);
    return arn;
}
/**
 * Environment → the variables its containers read at run time (compose `FOO` /
 * `${FOO}`) that it has no property for. An environment whose settings cannot
 * be read (one being created) is left out, with a debug line.
 */
async function missingProperties(prepared, clients, environments, readSettings = name => (0,beanstalk_environments/* environmentOptionSettings */.i1)(clients.beanstalk, prepared.config.application, name)) {
    const missing = new Map();
    // Properties the environment-variables / option-settings inputs set with this deploy.
    const fromWorkflow = new Set(prepared.config.settings
        .filter(setting => setting.Namespace === settings/* ENVIRONMENT_PROPERTIES */._n)
        .map(setting => setting.OptionName));
    for (const target of prepared.targets) {
        const needed = (0,log/* runtimeVariables */.Er)([target.plan]);
        if (needed.size === 0)
            continue;
        for (const environment of target.environments.filter(name => environments.includes(name))) {
            let properties;
            try {
                properties = await (0,beanstalk_environments/* environmentProperties */.Nv)(readSettings, environment);
            }
            catch (error) {
                (0,logger/* debug */.Yz)(`properties of ${environment} not read: ${(0,errors/* errorMessage */.gJ)(error)}`);
                continue;
            }
            const lacking = [...needed]
                .filter(([name]) => !properties.has(name) && !fromWorkflow.has(name))
                .map(([name, containers]) => ({ name, containers }));
            if (lacking.length > 0)
                missing.set(environment, lacking);
        }
    }
    return missing;
}


/***/ })

};
