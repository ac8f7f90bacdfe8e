export const id = 823;
export const ids = [823];
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


/***/ }),

/***/ 17823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EcrRegistry: () => (/* binding */ EcrRegistry),
  PE: () => (/* binding */ isImmutableTagRefusal),
  logoutFromRegistry: () => (/* binding */ logoutFromRegistry)
});

// UNUSED EXPORTS: cacheTagPattern, createRepositoryInput, decodeAuthorizationToken, lifecyclePolicy, registryHostFromProxyEndpoint

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(28249);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(20133);
// EXTERNAL MODULE: ./src/adapters/docker/docker-cli.ts
var docker_cli = __webpack_require__(91034);
;// CONCATENATED MODULE: ./src/adapters/docker/registry-api.ts
// Registry-side shapes the build stage and the ECR adapter share: how to reach
// the registry (what `docker login` used), repository settings, an image a tag
// names, and the layers of a pushed image manifest.
/** The media types of a single-platform image manifest, the only kind ECS runs by digest. */
const IMAGE_MANIFEST_TYPES = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json'
];
/** Pure: the layers of an image manifest document. */
function parseManifest(body, digest, mediaType) {
    const json = JSON.parse(body);
    return {
        digest,
        mediaType: json.mediaType ?? mediaType ?? '',
        layers: (json.layers ?? []).map(layer => ({ digest: layer.digest ?? '', size: layer.size ?? 0 }))
    };
}

;// CONCATENATED MODULE: ./src/adapters/ecr.ts
// Amazon ECR through the SDK v3 client (its retries, credentials and
// endpoint configuration, including AWS_ENDPOINT_URL): registry login,
// repositories created on first use with a lifecycle policy, and the lookup
// that makes a re-run on the same commit skip build and push.





/**
 * Whether an error is ECR refusing a push to an immutable tag that already exists. ECR refuses it even for
 * the same manifest (aws/containers-roadmap#2179, https://github.com/aws/containers-roadmap/issues/2179):
 * the API names it ImageTagAlreadyExistsException
 * (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html), `docker push` and buildx
 * print the registry's TAG_INVALID answer, "tag invalid: The image tag '<tag>' already exists in the '<repo>'
 * repository and cannot be overwritten because the repository is immutable." (docs/stand-in.md, AWS texts).
 */
function isImmutableTagRefusal(error) {
    if ((0,aws_errors/* isAwsError */.m_)(error, 'ImageTagAlreadyExistsException'))
        return true;
    return /already exists in the '[^']*' repository and cannot be overwritten because the repository is immutable/.test((0,errors/* errorMessage */.gJ)(error));
}
/** Pure: the registry host of an authorization's proxyEndpoint ("https://1.dkr.ecr…" → "1.dkr.ecr…"). */
function registryHostFromProxyEndpoint(proxyEndpoint) {
    return new URL(proxyEndpoint).host;
}
/** Pure: ECR tokens are base64("AWS:<password>"). */
function decodeAuthorizationToken(token) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
        throw new Error('ECR returned an authorization token that is not user:password');
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
/**
 * The cache tag and the stage caches beside it (`buildcache`, `buildcache-<stage>`, build/dockerfile-stages.ts):
 * an ECR wildcard (lifecycle tagPatternList and mutability exclusion filters take `*`).
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html#lifecycle_policy_parameters
 */
function cacheTagPattern(cacheTag) {
    return `${cacheTag}*`;
}
/** More cache images than a Dockerfile has stages: a count the cache rule never reaches. */
const CACHE_IMAGES_KEPT = 50;
/**
 * Pure: the lifecycle policy. ECR has no "keep" action, so rule 1 matches the
 * cache tags with a count they never exceed (one image per tag): an image matched by a
 * higher-priority rule is never expired by a lower one. Rule 2 (`any` must be
 * the last rule) expires everything beyond the newest N images.
 */
function lifecyclePolicy(settings) {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Keep the build cache (${settings.cacheTag})`,
                selection: {
                    tagStatus: 'tagged',
                    tagPatternList: [cacheTagPattern(settings.cacheTag)],
                    countType: 'imageCountMoreThan',
                    countNumber: CACHE_IMAGES_KEPT
                },
                action: { type: 'expire' }
            },
            {
                rulePriority: 2,
                description: `Keep the last ${settings.keepImages} images`,
                selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: settings.keepImages },
                action: { type: 'expire' }
            }
        ]
    });
}
/**
 * Pure: the CreateRepository request. An IMMUTABLE repository still needs
 * cache tags that move on every build, so it is created as
 * IMMUTABLE_WITH_EXCLUSION with the cache tags excluded (`buildcache*`: the
 * stage caches too): commit tags stay immutable, the cache tags can be overwritten.
 */
function createRepositoryInput(name, settings) {
    const base = {
        repositoryName: name,
        imageScanningConfiguration: { scanOnPush: true }
    };
    if (settings.tagMutability === 'MUTABLE')
        return { ...base, imageTagMutability: 'MUTABLE' };
    return {
        ...base,
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [
            { filterType: 'WILDCARD', filter: cacheTagPattern(settings.cacheTag) }
        ]
    };
}
/** One line naming the ECR operation that failed and why. */
function ecrFailure(operation, error) {
    return new Error(`ECR ${operation} failed: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
}
class EcrRegistry {
    ecr;
    run;
    logger;
    options;
    constructor(ecr, run, logger, options = {}) {
        this.ecr = ecr;
        this.run = run;
        this.logger = logger;
        this.options = options;
    }
    /** GetAuthorizationToken, then `docker login` with the password masked first. */
    async login() {
        let token;
        let proxyEndpoint;
        try {
            const answer = await this.ecr.send(new dist_cjs/* GetAuthorizationTokenCommand */.Eu6({}));
            token = answer.authorizationData?.[0]?.authorizationToken;
            proxyEndpoint = answer.authorizationData?.[0]?.proxyEndpoint;
        }
        catch (error) {
            throw ecrFailure('authorization', error);
        }
        if (!token || !proxyEndpoint)
            throw new Error('ECR authorization failed: no authorization data returned');
        const { username, password } = decodeAuthorizationToken(token);
        this.logger.setSecret(password);
        this.logger.setSecret(token);
        const access = {
            host: registryHostFromProxyEndpoint(proxyEndpoint),
            endpoint: proxyEndpoint,
            username,
            password
        };
        this.options.beforeLogin?.(access.host);
        await (0,docker_cli/* dockerLogin */.a1)(this.run, access);
        this.logger.info(`Logged in to ${access.host}`);
        return access;
    }
    /**
     * The registry host (`<account>.dkr.ecr.<region>.amazonaws.com`), from GetAuthorizationToken's
     * proxy endpoint, without logging docker in: what plan mode names images by before their repository exists.
     */
    async registryHost() {
        let proxyEndpoint;
        try {
            const answer = await this.ecr.send(new dist_cjs/* GetAuthorizationTokenCommand */.Eu6({}));
            proxyEndpoint = answer.authorizationData?.[0]?.proxyEndpoint;
        }
        catch (error) {
            throw ecrFailure('authorization', error);
        }
        if (!proxyEndpoint)
            throw new Error('ECR authorization failed: no proxy endpoint returned');
        return registryHostFromProxyEndpoint(proxyEndpoint);
    }
    /** The repository's URI, or undefined when there is no such repository. */
    async findRepository(name) {
        try {
            const found = await this.ecr.send(new dist_cjs/* DescribeRepositoriesCommand */.pE_({ repositoryNames: [name] }));
            return found.repositories?.[0]?.repositoryUri;
        }
        catch (error) {
            if ((0,aws_errors/* isAwsError */.m_)(error, aws_errors/* AwsErrorCode */.Tl.repositoryNotFound))
                return undefined;
            throw ecrFailure(`DescribeRepositories ${name}`, error);
        }
    }
    /** The repository URI, creating the repository (with its lifecycle policy) when it does not exist. */
    async ensureRepository(name, settings) {
        const existing = await this.findRepository(name);
        if (existing)
            return existing;
        // An existing repository keeps the policy its owner gave it; only a
        // repository this action creates gets ours.
        const created = await this.ecr
            .send(new dist_cjs/* CreateRepositoryCommand */.WTe(createRepositoryInput(name, settings)))
            .catch((error) => {
            throw ecrFailure(`CreateRepository ${name}`, error);
        });
        await this.ecr
            .send(new dist_cjs/* PutLifecyclePolicyCommand */.Rcn({
            repositoryName: name,
            lifecyclePolicyText: lifecyclePolicy(settings)
        }))
            .catch((error) => {
            throw ecrFailure(`PutLifecyclePolicy ${name}`, error);
        });
        this.options.onRepositoryCreated?.(name);
        const uri = created.repository?.repositoryUri;
        if (!uri)
            throw new Error(`ECR CreateRepository ${name} returned no repositoryUri`);
        this.logger.info(`Created ECR repository ${name} (${settings.tagMutability}, keeps ${settings.keepImages} images)`);
        return uri;
    }
    /** The image tagged `tag`, or undefined when the repository has none. */
    async findImage(repository, tag) {
        try {
            const answer = await this.ecr.send(new dist_cjs/* DescribeImagesCommand */.ji5({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
            const detail = answer.imageDetails?.[0];
            if (!detail?.imageDigest)
                return undefined;
            return { digest: detail.imageDigest, tags: detail.imageTags ?? [tag] };
        }
        catch (error) {
            if ((0,aws_errors/* isAwsError */.m_)(error, aws_errors/* AwsErrorCode */.Tl.imageNotFound))
                return undefined;
            throw ecrFailure(`DescribeImages ${repository}:${tag}`, error);
        }
    }
    /** The image manifest for a tag or digest (BatchGetImage), or undefined when there is none. */
    async getManifest(repository, reference) {
        const imageId = reference.startsWith('sha256:') ? { imageDigest: reference } : { imageTag: reference };
        let answer;
        try {
            answer = await this.ecr.send(new dist_cjs/* BatchGetImageCommand */.P8n({
                repositoryName: repository,
                imageIds: [imageId],
                acceptedMediaTypes: IMAGE_MANIFEST_TYPES
            }));
        }
        catch (error) {
            throw ecrFailure(`BatchGetImage ${repository}:${reference}`, error);
        }
        const image = answer.images?.[0];
        if (!image?.imageManifest || !image.imageId?.imageDigest)
            return undefined;
        return parseManifest(image.imageManifest, image.imageId.imageDigest, image.imageManifestMediaType);
    }
}
/** For the action's post step: forget the registry credentials on the runner. */
async function logoutFromRegistry(run, registryHost) {
    await (0,docker_cli/* dockerLogout */.tX)(run, registryHost);
}


/***/ })

};
