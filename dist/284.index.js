export const id = 284;
export const ids = [284];
export const modules = {

/***/ 52284:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishImages: () => (/* binding */ publishImages)
});

// EXTERNAL MODULE: ./src/adapters/docker/command-runner.ts
var command_runner = __webpack_require__(17755);
;// CONCATENATED MODULE: ./src/adapters/docker/image-tags.ts
// Pure: the tags an image is pushed under.
/** Docker tags allow [A-Za-z0-9_.-], must not start with "." or "-", and are at most 128 characters. */
function toDockerTag(text) {
    return text
        .replace(/[^A-Za-z0-9_.-]/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
/**
 * The commit SHA first (what re-runs look up), then the version label when it
 * differs. An image built for a platform other than linux/amd64 gets its
 * architecture after each (`<sha>-arm64`): the same commit deployed to an x86
 * and a Graviton environment is two images, and a re-run must find the one of
 * its own architecture, never reuse the other.
 */
function imageTags(commitSha, versionLabel, platform) {
    const arch = platform?.split('/')[1];
    const suffix = arch && arch !== 'amd64' ? `-${toDockerTag(arch)}` : '';
    const tagged = (text) => (text ? `${text.slice(0, 128 - suffix.length)}${suffix}` : '');
    const tags = [tagged(toDockerTag(commitSha))];
    const label = tagged(toDockerTag(versionLabel));
    if (label && !tags.includes(label))
        tags.push(label);
    return tags;
}
/**
 * OCI annotations as image labels: the repository it is built from. No
 * creation time and no commit: either would change the image config, hence
 * the digest, on every build, and an unchanged service would restart on every
 * deploy. The commit an image was built from is its ECR tag (imageTags).
 */
function ociLabels(sourceUrl) {
    return sourceUrl ? { 'org.opencontainers.image.source': sourceUrl } : {};
}

// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var actions_runner_logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/adapters/ecr.ts + 1 modules
var ecr = __webpack_require__(17823);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/adapters/docker/build-context.ts + 2 modules
var build_context = __webpack_require__(85806);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/adapters/docker/builder-inspection.ts
// Which image builder this runner really has, asked of Docker, never assumed:
//  - buildx: `docker buildx version` succeeds. Then which builder a build
//    would use (`docker buildx inspect`, or the one the `builder` input
//    names), its driver, and for the `docker` driver the image store of the
//    daemon it builds in (`docker info` DriverStatus): only a containerd
//    store lets that driver export a registry cache.
//  - buildkit: no buildx, but a classic CLI (< 23.0) talking to a daemon that
//    has BuildKit (API >= 1.39). `DOCKER_BUILDKIT=1 docker build` uses the
//    daemon's BuildKit and supports inline cache.
//  - legacy: anything else, e.g. a 23+ CLI without the buildx plugin: such a
//    CLI refuses DOCKER_BUILDKIT=1 ("BuildKit is enabled but the buildx
//    component is missing"), so the only thing left is the classic builder.
// Parsing and deciding are pure (tested as tables); inspectBuilder runs the probes.


/** The CLI major version from which BuildKit builds go through buildx only. */
const FIRST_BUILDX_ONLY_CLI_MAJOR = 23;
/** The daemon API version that shipped BuildKit as a stable (non-experimental) builder: Docker 18.09. */
const FIRST_BUILDKIT_API = [1, 39];
/** The DriverStatus entry of a daemon whose images live in containerd (Docker 24+ with containerd-snapshotter, 29 by default). */
const CONTAINERD_DRIVER_TYPE = 'io.containerd.snapshotter.v1';
function parseVersion(text) {
    const match = /^(\d+)\.(\d+)/.exec(text ?? '');
    return match ? [Number(match[1]), Number(match[2])] : undefined;
}
function atLeast(version, minimum) {
    const [major = 0, minor = 0] = version;
    const [minMajor = 0, minMinor = 0] = minimum;
    return major > minMajor || (major === minMajor && minor >= minMinor);
}
/** Pure: without buildx, what `docker version --format '{{json .}}'` allows. */
function builderWithoutBuildx(dockerVersion) {
    if (dockerVersion.exitCode !== 0) {
        const detail = dockerVersion.stderr.trim().split('\n').at(-1) ?? '';
        throw new Error(`Docker is not usable on this runner: docker version failed: ${detail}`);
    }
    let info;
    try {
        info = JSON.parse(dockerVersion.stdout);
    }
    catch {
        throw new Error(`Docker is not usable on this runner: unexpected docker version output`);
    }
    const client = info.Client?.Version ?? 'unknown';
    const clientVersion = parseVersion(info.Client?.Version);
    const serverApi = parseVersion(info.Server?.ApiVersion);
    if (!serverApi)
        throw new Error(`Docker is not usable on this runner: the Docker daemon did not answer`);
    const classicCli = clientVersion !== undefined && !atLeast(clientVersion, [FIRST_BUILDX_ONLY_CLI_MAJOR, 0]);
    const daemonHasBuildKit = atLeast(serverApi, FIRST_BUILDKIT_API) && (info.Server?.Os ?? 'linux') === 'linux';
    const arch = info.Server?.Arch ? { arch: info.Server.Arch } : {};
    if (classicCli && daemonHasBuildKit) {
        return {
            kind: 'buildkit',
            reason: `no buildx; docker CLI ${client} can use the daemon's BuildKit (API ${info.Server?.ApiVersion})`,
            ...arch
        };
    }
    const why = classicCli
        ? `the daemon (API ${info.Server?.ApiVersion}) has no BuildKit`
        : `docker CLI ${client} builds with BuildKit only through the buildx plugin, which is missing`;
    return { kind: 'legacy', reason: `no buildx and ${why}`, ...arch };
}
/**
 * Pure: the builder of `docker buildx inspect` output, e.g.
 *   Name:   default
 *   Driver: docker
 *   Nodes:
 *   Name:     default
 *   Endpoint: default
 */
function parseBuildxInspect(stdout) {
    const field = (name) => new RegExp(`^${name}:[ \\t]*(\\S+)`, 'm').exec(stdout)?.[1];
    const name = field('Name');
    const driver = field('Driver');
    if (!name || !driver)
        throw new Error(`unexpected docker buildx inspect output: ${stdout.trim().split('\n')[0]}`);
    const endpoint = field('Endpoint');
    const platforms = /^Platforms:[ \t]*(.+)$/m
        .exec(stdout)?.[1]
        ?.split(',')
        .map(platform => platform.trim().replace(/\*$/, ''))
        .filter(platform => platform.length > 0);
    return {
        name,
        driver,
        ...(endpoint !== undefined && { endpoint }),
        ...(platforms !== undefined && { platforms })
    };
}
/** Pure: the image store from `docker info --format '{{json .DriverStatus}}'` ([["driver-type","io.containerd.snapshotter.v1"]]). */
function imageStoreFromDriverStatus(stdout) {
    let pairs;
    try {
        pairs = JSON.parse(stdout);
    }
    catch {
        return 'classic';
    }
    const containerd = Array.isArray(pairs) &&
        pairs.some(pair => Array.isArray(pair) && pair[0] === 'driver-type' && pair[1] === CONTAINERD_DRIVER_TYPE);
    return containerd ? 'containerd' : 'classic';
}
/** The builder a build would use on this runner: `requested` names one (the `builder` input), else buildx's current one. */
async function inspectBuilder(run, requested) {
    const version = await run('docker', ['buildx', 'version']);
    if (version.exitCode !== 0) {
        if (requested !== undefined) {
            throw new errors/* InputError */.dz('builder', `names buildx builder "${requested}", but docker buildx is not installed`);
        }
        return builderWithoutBuildx(await run('docker', ['version', '--format', '{{json .}}']));
    }
    const inspect = await run('docker', ['buildx', 'inspect', ...(requested ? ['--builder', requested] : [])]);
    if (inspect.exitCode !== 0) {
        if (requested !== undefined) {
            throw new errors/* InputError */.dz('builder', `no buildx builder "${requested}" on this runner (${(0,command_runner/* lastErrorLine */.HY)(inspect)})`);
        }
        throw new Error(`Docker is not usable on this runner: docker buildx inspect failed: ${(0,command_runner/* lastErrorLine */.HY)(inspect)}`);
    }
    const builder = parseBuildxInspect(inspect.stdout);
    if (builder.driver === 'docker') {
        // A docker-driver builder builds in the daemon of the context it is named after.
        const context = builder.endpoint && builder.endpoint !== 'default' ? ['--context', builder.endpoint] : [];
        const info = await run('docker', [...context, 'info', '--format', '{{json .DriverStatus}}']);
        if (info.exitCode !== 0) {
            throw new Error(`Docker is not usable on this runner: docker info failed: ${(0,command_runner/* lastErrorLine */.HY)(info)}`);
        }
        builder.imageStore = imageStoreFromDriverStatus(info.stdout);
    }
    return { kind: 'buildx', version: version.stdout.trim().split('\n')[0] ?? '', builder };
}

// EXTERNAL MODULE: ./src/core/bytes.ts
var bytes = __webpack_require__(79596);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/adapters/docker/build-args.ts
var build_args = __webpack_require__(43615);
// EXTERNAL MODULE: ./src/adapters/docker/docker-cli.ts
var docker_cli = __webpack_require__(91034);
// EXTERNAL MODULE: ./src/adapters/docker/push-output.ts
var push_output = __webpack_require__(82443);
;// CONCATENATED MODULE: ./src/adapters/docker/layer-stats.ts
// Pure: what a push cost, from the pushed manifest's layer sizes (compressed
// bytes, what really crossed the network) and what the pusher reported.

/**
 * For `docker push`: layer i of the manifest is diff ID i of the local image
 * (both exclude empty layers and list the base first).
 *
 * The numbers are a metric, never a reason to fail a push that succeeded: when the two lists differ in length
 * the pairing is lost, so the counts come from docker's own per-layer lines and the bytes are not counted.
 */
function statsFromPushOutput(diffIds, manifestLayers, push) {
    if (diffIds.length !== manifestLayers.length) {
        const layersPushed = [...push.layers.values()].filter(status => status === 'pushed').length;
        return {
            layersPushed,
            layersExisting: Math.max(manifestLayers.length - layersPushed, 0),
            bytesPushed: 0,
            inexact: `the pushed manifest has ${manifestLayers.length} layers but the local image has ${diffIds.length}; ` +
                'layer counts are from docker push, bytes uploaded are not counted'
        };
    }
    const stats = { layersPushed: 0, layersExisting: 0, bytesPushed: 0 };
    manifestLayers.forEach((layer, index) => {
        const status = push.layers.get((0,push_output/* shortDiffId */.B)(diffIds[index] ?? ''));
        if (status === 'pushed') {
            stats.layersPushed += 1;
            stats.bytesPushed += layer.size;
        }
        else {
            stats.layersExisting += 1;
        }
    });
    return stats;
}
/**
 * For buildx, which pushes by itself without per-layer output: a layer was
 * already in the registry when its blob was part of what the registry held
 * before the build (the previous cache manifest's blobs).
 */
function statsFromKnownBlobs(manifestLayers, blobsBefore) {
    const stats = { layersPushed: 0, layersExisting: 0, bytesPushed: 0 };
    for (const layer of manifestLayers) {
        if (blobsBefore.has(layer.digest)) {
            stats.layersExisting += 1;
        }
        else {
            stats.layersPushed += 1;
            stats.bytesPushed += layer.size;
        }
    }
    return stats;
}

;// CONCATENATED MODULE: ./src/build/build-target.ts
// What the two ways of building an image share (./build-and-push.ts runs them): the stage's context, one
// image's target references, the argv input of its build, its log and its pushed manifest.

const secondsSince = (start) => Math.round((Date.now() - start) / 100) / 10;
function buildInput(context, buildPath, { image, paths, uri, tags }) {
    const { options, settings } = context;
    return {
        path: buildPath,
        contextDir: paths.contextDir,
        dockerfile: paths.dockerfile,
        target: image.target,
        buildArgs: image.args,
        labels: ociLabels(options.sourceUrl),
        tags: tags.map(tag => `${uri}:${tag}`),
        cacheRef: `${uri}:${writtenCacheTag(context)}`,
        ...(options.cacheScope !== undefined && { readOnlyCacheRefs: [`${uri}:${settings.cacheTag}`] }),
        provenance: options.provenance,
        platform: options.platforms?.[image.id]
    };
}
/** The cache tag this run writes: the scope's own (`buildcache-pr12`), or the cache tag. */
function writtenCacheTag(context) {
    const scope = context.options.cacheScope;
    return scope === undefined ? context.settings.cacheTag : `${context.settings.cacheTag}-${scope}`;
}
const logLines = (context, image) => context.options.imageLog?.(image.id) ?? (line => context.logger.info(`[${image.id}] ${line}`));
async function manifestOf(context, image, reference) {
    const manifest = await context.options.registry.getManifest(image.repository, reference);
    if (!manifest)
        throw new Error(`the registry has no manifest ${image.repository}@${reference}`);
    return manifest;
}

// EXTERNAL MODULE: ./src/core/compose/dockerfile-words.ts
var dockerfile_words = __webpack_require__(94112);
;// CONCATENATED MODULE: ./src/build/dockerfile-stages.ts
// Pure: which stages of a multi-stage Dockerfile an inline cache cannot hold.
//
// An inline cache travels in the config of the image built, so it records the
// steps of the target stage and of the stages it is built FROM (its layers),
// but not those of a stage it only copies from (`COPY --from=build`,
// `RUN --mount=…,from=build`): the `build` stage that compiles the gems is
// rebuilt on every fresh runner. Those stages get an inline-cache image of
// their own (./daemon-build.ts), named here.

/** BuildKit's rule for a stage name (dockerfile2llb): anything else fails the build. */
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
function parseStages(text) {
    const stages = [];
    const named = new Map();
    const stageOf = (reference) => {
        const lower = reference.toLowerCase();
        if (named.has(lower))
            return named.get(lower);
        return /^\d+$/.test(lower) && Number(lower) < stages.length ? Number(lower) : undefined;
    };
    // Docker's own reading (escape directive, continuations, comments, heredoc bodies), shared with the plan.
    for (const { keyword: word, rest } of (0,dockerfile_words/* readDockerfile */.n_)(text).instructions) {
        const instruction = `${word} ${rest}`;
        const words = instruction.split(/\s+/);
        const keyword = words[0]?.toUpperCase();
        if (keyword === 'FROM') {
            const args = words.slice(1).filter(word => !word.startsWith('--'));
            // BuildKit refuses any other stage name; this one becomes part of a --cache-from value (CSV fields).
            const given = args[1]?.toUpperCase() === 'AS' ? args[2]?.toLowerCase() : undefined;
            const name = given !== undefined && STAGE_NAME.test(given) ? given : undefined;
            const parent = args[0] === undefined ? undefined : stageOf(args[0]);
            stages.push({ ...(name && { name }), ...(parent !== undefined && { parent }), reads: [] });
            if (name)
                named.set(name, stages.length - 1);
            continue;
        }
        const stage = stages.at(-1);
        if (!stage || (keyword !== 'COPY' && keyword !== 'RUN'))
            continue;
        for (const match of instruction.matchAll(/--(?:from=([^\s,]+)|mount=\S*?\bfrom=([^\s,]+))/g)) {
            const read = stageOf((match[1] ?? match[2]));
            if (read !== undefined)
                stage.reads.push(read);
        }
    }
    return stages;
}
/**
 * The named stages the target (default: the last stage) reads files from, directly or through the stages it
 * needs, that are not in its own FROM chain: each needs a cache image of its own. Unnamed stages cannot be
 * built alone (`--target` takes a name) and are left out.
 */
function stagesToCache(dockerfile, target) {
    const stages = parseStages(dockerfile);
    const last = stages.length - 1;
    const start = target === undefined ? last : stages.findIndex(stage => stage.name === target.toLowerCase());
    if (start < 0)
        return [];
    const chain = new Set();
    for (let at = start; at !== undefined && !chain.has(at); at = stages[at]?.parent)
        chain.add(at);
    const needed = new Set();
    const read = new Set();
    const visit = (index) => {
        if (needed.has(index))
            return;
        needed.add(index);
        const stage = stages[index];
        if (stage.parent !== undefined)
            visit(stage.parent);
        for (const source of stage.reads) {
            read.add(source);
            visit(source);
        }
    };
    visit(start);
    return [...read]
        .filter(index => !chain.has(index))
        .sort((a, b) => a - b)
        .flatMap(index => stages[index]?.name ?? []);
}

;// CONCATENATED MODULE: ./src/build/daemon-build.ts
// Building into the daemon, then `docker push`: the inline-cache paths (buildx's docker driver on a classic
// store, the daemon's BuildKit without buildx) and the legacy builder.
//
// The cache image is PULLED before the build, not only named in --cache-from.
// The BuildKit of docker 20.10 drops the cache records of layers it took from
// a remote --cache-from when it writes the new image's inline cache
// (moby/buildkit#1981, #1992): the image built on fresh runner A then has no
// record for its dependency layers, and once the cache tag moves to it the
// next fresh runner rebuilds them. When the cache image is in the local store,
// BuildKit uses it as a local cache source instead and carries every record
// on, so each image pushed is a complete cache for the next one, and a changed
// dependency layer (rebuilt, hence recorded) refreshes it. The pull costs
// little: the hit layers must be downloaded into the daemon for the image
// anyway, and the pull is what tells `docker push` they already exist.
// Rejected: keeping the old cache tag when the new image's records are
// incomplete (a change in a middle layer, e.g. the Gemfile above an apt
// layer, would then be rebuilt by every later fresh runner).
//
// An inline cache holds the steps of the image's own stages only, so a stage
// the target copies from (the `build` stage of a Rails Dockerfile: compilers,
// the compiled gems) would be rebuilt by every fresh runner. Each such stage
// gets a cache image of its own, `<cache tag>-<stage>` (./dockerfile-stages.ts
// names them): pulled with the cache image, named in --cache-from, and after
// the build tagged from BuildKit's cache (`--target <stage>`, no step runs
// again) and pushed beside the image, so the smoke test does not wait for it.








/** Inline cache (buildx docker driver or daemon BuildKit) and legacy builders: build into the daemon; pushBuilt pushes afterwards. */
async function buildLocally(context, buildPath, target) {
    const { run } = context;
    const { image } = target;
    const stages = buildPath.kind === 'legacy'
        ? []
        : stagesToCache(await (0,promises_.readFile)(target.paths.dockerfile, 'utf8'), image.target);
    const base = buildInput(context, buildPath, target);
    const input = { ...base, stageCacheRefs: stages.map(stage => `${base.cacheRef}-${stage}`) };
    const onLine = logLines(context, image);
    const buildStart = Date.now();
    try {
        // Every path here needs the cache images locally: the legacy builder can
        // use nothing else, and BuildKit's inline cache is only complete when
        // built from a local cache image (see the top of this file).
        const cacheRefs = (0,build_args/* cacheSources */.dy)(input);
        const pulled = await Promise.all(cacheRefs.map(reference => (0,docker_cli/* tryPull */.pS)(run, reference)));
        context.options.onLocalTags?.(cacheRefs.filter((_, index) => pulled[index]));
        const missing = cacheRefs.filter((_, index) => !pulled[index]);
        if (missing.length > 0)
            onLine(`no cache image ${missing.join(', ')} yet`);
        await (0,docker_cli/* runBuild */.cM)(run, (0,build_args/* buildArgs */.CH)(input), onLine);
        context.options.onLocalTags?.(input.tags);
    }
    catch (error) {
        throw new Error(`Build of ${(0,build_context/* describeImage */.hu)(image)} failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    return { input, stages, primary: input.tags[0], buildSeconds: secondsSince(buildStart) };
}
async function pushBuilt(context, image, local) {
    const { run } = context;
    const { input, buildSeconds } = local;
    const onLine = logLines(context, image);
    const pushStart = Date.now();
    const [primary, ...others] = input.tags;
    try {
        const stageCaches = pushStageCaches(context, image, local);
        const pushOutput = await (0,docker_cli/* pushImage */.GH)(run, primary, onLine);
        for (const reference of others)
            await (0,docker_cli/* pushImage */.GH)(run, reference, onLine);
        await pushCacheTag(context, image, primary, input.cacheRef);
        await stageCaches;
        const digest = pushOutput.digest;
        const [diffIds, manifest] = await Promise.all([
            (0,docker_cli/* imageDiffIds */.Nm)(run, primary),
            manifestOf(context, image, digest)
        ]);
        const { inexact, ...stats } = statsFromPushOutput(diffIds, manifest.layers, pushOutput);
        if (inexact !== undefined)
            context.logger.warning(`Push of ${(0,build_context/* describeImage */.hu)(image)} succeeded; its statistics are inexact: ${inexact}`);
        return { ...stats, digest, buildSeconds, pushSeconds: secondsSince(pushStart) };
    }
    catch (error) {
        throw new Error(`Push of ${(0,build_context/* describeImage */.hu)(image)} failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/**
 * Moves the cache tag to the image just pushed (same manifest, so no layer is
 * uploaded again). A repository whose tags are all immutable refuses this;
 * the deploy still works, only the next fresh runner builds without cache.
 */
async function pushCacheTag(context, image, source, cacheRef) {
    try {
        await (0,docker_cli/* tagImage */.E$)(context.run, source, cacheRef);
        context.options.onLocalTags?.([cacheRef]);
        await (0,docker_cli/* pushImage */.GH)(context.run, cacheRef, () => undefined);
    }
    catch (error) {
        context.logger.warning(`Could not move the build cache tag of ${(0,build_context/* describeImage */.hu)(image)} (${(0,errors/* errorMessage */.gJ)(error)}); ` +
            'the next build on a fresh runner will not use the layer cache');
    }
}
/**
 * Tags each stage's cache image from BuildKit's cache (every step of the stage ran or hit in the build just
 * done, so nothing runs again) and pushes it; only its changed layers are uploaded. A failure costs the next
 * fresh runner that stage's cache, not this deploy: a warning.
 */
async function pushStageCaches(context, image, local) {
    const { input } = local;
    for (const [index, stage] of local.stages.entries()) {
        const reference = input.stageCacheRefs[index];
        try {
            await (0,docker_cli/* runBuild */.cM)(context.run, (0,build_args/* buildArgs */.CH)({ ...input, target: stage, tags: [reference] }), () => undefined);
            context.options.onLocalTags?.([reference]);
            await (0,docker_cli/* pushImage */.GH)(context.run, reference, () => undefined);
        }
        catch (error) {
            context.logger.warning(`Could not push the cache of stage "${stage}" of ${(0,build_context/* describeImage */.hu)(image)} (${(0,errors/* errorMessage */.gJ)(error)}); ` +
                'the next build on a fresh runner will build that stage again');
        }
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/adapters/docker/build-output.ts
var build_output = __webpack_require__(94679);
;// CONCATENATED MODULE: ./src/build/registry-cache-build.ts
// The registry-cache path: `docker buildx build --push` with a registry cache (mode=max) in ECR.
//
// With the docker driver the image is also in the daemon, unpacked before the push and the cache export start
// (`unpacking to <ref> done` in the plain log): `onLocal` is told then, so the smoke test runs beside the push
// and the cache export instead of after them. A log without that line tells it when the build ends.










/** buildx pushes by itself (only blobs the registry lacks) and writes the digest to a metadata file. */
async function buildAndPushWithBuildx(context, buildPath, target, onLocal) {
    const { image } = target;
    const input = buildInput(context, buildPath, target);
    // What the registry already holds, to tell uploaded layers from reused ones afterwards.
    const cacheManifest = await context.options.registry
        .getManifest(image.repository, writtenCacheTag(context))
        .catch(() => undefined);
    const blobsBefore = new Set(cacheManifest?.layers.map(layer => layer.digest) ?? []);
    const folder = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'bdd-buildx-'));
    const metadataFile = external_node_path_default().join(folder, 'metadata.json');
    const start = Date.now();
    const imagesLocal = buildPath.kind === 'registry-cache' && buildPath.imagesLocal;
    const log = logLines(context, image);
    let local;
    const onLine = (line) => {
        log(line);
        const unpacked = imagesLocal && local === undefined ? (0,build_output/* unpackedReference */.TS)(line, input.tags) : undefined;
        if (unpacked === undefined)
            return;
        local = unpacked;
        context.options.onLocalTags?.(input.tags);
        onLocal?.(unpacked);
    };
    try {
        await (0,docker_cli/* runBuild */.cM)(context.run, (0,build_args/* buildArgs */.CH)({ ...input, metadataFile }), onLine);
        // The docker driver also keeps the image, under its tags, in the daemon.
        if (imagesLocal)
            context.options.onLocalTags?.(input.tags);
        const metadata = JSON.parse(await (0,promises_.readFile)(metadataFile, 'utf8'));
        const digest = metadata['containerimage.digest'];
        if (typeof digest !== 'string')
            throw new Error('buildx reported no image digest');
        const manifest = await manifestOf(context, image, digest);
        return {
            ...statsFromKnownBlobs(manifest.layers, blobsBefore),
            digest,
            buildSeconds: secondsSince(start),
            pushSeconds: 0
        };
    }
    catch (error) {
        throw new Error(`Build of ${(0,build_context/* describeImage */.hu)(image)} failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    finally {
        await (0,promises_.rm)(folder, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/core/architecture.ts
var architecture = __webpack_require__(46632);
;// CONCATENATED MODULE: ./src/build/strategy.ts
// Pure: how to build on the runner at hand, chosen for the fastest code-change
// deploy from a fresh runner (the case every GitHub-hosted run is):
//  - a builder that can export a registry cache (docker-container, remote,
//    kubernetes, cloud drivers; or the docker driver on a containerd image
//    store): registry cache mode=max in ECR, so every stage of a multi-stage
//    Dockerfile (the `build` stage that runs bundle install) stays cached;
//  - the docker driver on a classic image store (a GitHub-hosted runner with
//    no docker/setup-buildx-action step): it cannot export a registry cache,
//    so a docker-container builder is created for this run only (never made
//    the default; removed by the post step). When that builder cannot start
//    (moby/buildkit cannot be pulled), an inline cache on the docker driver:
//    the image and each stage it copies from get a cache image of their own,
//    which a fresh runner pulls whole (./daemon-build.ts);
//  - no buildx: the daemon's BuildKit with an inline cache, or the legacy builder.

/** The builder created for a run: `bdd-` and a per-run suffix (buildx names allow [a-zA-Z0-9_.-]). */
function runBuilderName(suffix) {
    return `bdd-${suffix.replace(/[^a-zA-Z0-9_.-]/g, '-')}`.slice(0, 63);
}
function describeBuildxBuilder(builder) {
    const store = builder.imageStore ? `, ${builder.imageStore} image store` : '';
    return `builder "${builder.name}" (${builder.driver} driver${store})`;
}
/** The strategy for the inspected builder; `runBuilder` is the name a builder created for this run would get. */
function chooseStrategy(inspected, runBuilder) {
    if (inspected.kind !== 'buildx')
        return { kind: 'ready', path: { kind: inspected.kind }, why: inspected.reason };
    const { builder } = inspected;
    // `docker buildx version` prints "github.com/docker/buildx v0.29.1 a32761a…": the version is the second word.
    const version = inspected.version.split(/\s+/)[1] ?? inspected.version;
    const described = `buildx ${version}, ${describeBuildxBuilder(builder)}`;
    if (builder.driver !== 'docker' || builder.imageStore === 'containerd') {
        return {
            kind: 'ready',
            path: {
                kind: 'registry-cache',
                builder: builder.name,
                driver: builder.driver,
                // The docker driver builds into the daemon's store; every other driver keeps images in its BuildKit.
                imagesLocal: builder.driver === 'docker'
            },
            why: `${described} exports a registry cache`
        };
    }
    return {
        kind: 'run-builder',
        name: runBuilder,
        path: { kind: 'registry-cache', builder: runBuilder, driver: 'docker-container', imagesLocal: false },
        fallback: { kind: 'inline-cache', builder: builder.name },
        why: `${described} cannot export a registry cache`
    };
}
/** One line for the log: what builds the images and how the cache in ECR works. */
function describePath(path) {
    switch (path.kind) {
        case 'registry-cache':
            return path.driver === 'docker'
                ? `buildx builder "${path.builder}" with a registry cache (mode=max) in ECR`
                : `buildx ${path.driver} builder "${path.builder}" with a registry cache (mode=max) in ECR`;
        case 'inline-cache':
            return `buildx builder "${path.builder}" with an inline cache in ECR (a cache image per stage)`;
        case 'buildkit':
            return "docker build on the daemon's BuildKit with an inline cache in ECR";
        case 'legacy':
            return 'the legacy docker builder, from the previous image pulled from ECR';
    }
}
/** The warning for a run whose docker-container builder could not start. */
function fallbackWarning(name, cause) {
    return (`Could not start the docker-container builder ${name} for this run (${cause}); building with an inline ` +
        'cache instead: a fresh runner pulls whole cache images (one per stage) before it builds. ' +
        'Add a docker/setup-buildx-action step before this one for a full registry cache in ECR.');
}
/**
 * Pure: whether this runner's builder can build images for `platforms`
 * (e.g. linux/arm64 for a Graviton environment). Without buildx, docker builds
 * only for the daemon's own architecture: any other is refused in one line,
 * before anything is built or pushed. A buildx builder that lists its
 * platforms and lacks one has no QEMU for it: its RUN steps would fail with
 * "exec format error", which a warning explains up front (an image with no
 * RUN step still builds, so it is not refused).
 */
function platformSupport(inspected, platforms) {
    const wanted = [...new Set(platforms)];
    if (inspected.kind !== 'buildx') {
        const own = inspected.arch ? (0,architecture/* platformArchitecture */.PL)(inspected.arch) : undefined;
        const foreign = wanted.filter(platform => own !== undefined && (0,architecture/* platformArchitecture */.PL)(platform) !== own);
        if (foreign.length === 0)
            return { warnings: [] };
        return {
            error: `Images for ${foreign.join(', ')} need buildx: without it docker builds only for this runner's ` +
                `${own ? architecture/* PLATFORM */.i9[own] : inspected.arch} (${inspected.reason}); add docker/setup-qemu-action and ` +
                'docker/setup-buildx-action before this step, or run on a runner of that architecture',
            warnings: []
        };
    }
    const listed = inspected.builder.platforms;
    if (!listed)
        return { warnings: [] };
    const can = new Set(listed.map(architecture/* platformArchitecture */.PL));
    return {
        warnings: wanted
            .filter(platform => !can.has((0,architecture/* platformArchitecture */.PL)(platform)))
            .map(platform => `buildx builder "${inspected.builder.name}" lists no ${platform} (it builds for ${listed.join(', ')}): ` +
            'RUN steps of those images will fail with "exec format error"; add docker/setup-qemu-action before this step')
    };
}

;// CONCATENATED MODULE: ./src/build/resolve-path.ts
// Carries out a build strategy (./strategy.ts) once per run: starts the
// docker-container builder the strategy asks for, within a bounded time, or
// falls back; then logs the decision, the one "Image builder:" line of the run.


/** A docker-container builder starts in seconds where Docker Hub is reachable; past this, it is not going to. */
const RUN_BUILDER_TIMEOUT_MS = 60_000;
function once(work) {
    let started;
    return () => (started ??= work());
}
/**
 * Starts the run builder when the strategy asks for one (or falls back), and
 * logs the decision: the one "Image builder:" line of the run.
 */
async function resolveBuildPath(strategy, run, logger, options) {
    const decided = (path, why) => {
        logger.info(`Image builder: ${describePath(path)} — ${why}`);
        if (path.kind === 'legacy') {
            logger.warning('Building with the legacy Docker builder: the layer cache can only be used after pulling the whole ' +
                'previous image, so builds on a fresh runner download more. Install docker buildx for a registry cache.');
        }
        return path;
    };
    if (strategy.kind === 'ready')
        return decided(strategy.path, strategy.why);
    options.onRunBuilder?.(strategy.name);
    const cause = await (0,docker_cli/* startBuilder */.g6)(run, strategy.name, options.runBuilderTimeoutMs ?? RUN_BUILDER_TIMEOUT_MS);
    if (cause === undefined) {
        return decided(strategy.path, `${strategy.why}: created ${strategy.name} for this run`);
    }
    // A builder that failed to start is still registered (and may have a container): remove it now.
    await (0,docker_cli.removeBuilder)(run, strategy.name).catch(() => undefined);
    logger.warning(fallbackWarning(strategy.name, cause));
    return decided(strategy.fallback, `${strategy.why}, and the docker-container builder for this run could not start`);
}

;// CONCATENATED MODULE: ./src/build/build-and-push.ts
// The build-and-push stage: every distinct ImageBuild of the plan is built
// once, concurrently, pushed to its ECR repository under the commit SHA (and
// the version label), and reported with the digest the bundle pins.
//
// How each image is built is decided once per run (./strategy.ts, from what
// `docker buildx inspect` and `docker info` say) and logged in one line.
//
// Layer cache across empty runners: each repository has a moving cache tag
// (default "buildcache"). With a builder that exports cache it holds a registry
// cache manifest (mode=max: every stage); otherwise it is the last pushed image
// itself, built with an inline cache (with one more cache image per stage it copies from). Either way a fresh
// runner's build hits the cache for the unchanged layers, reuses their registry
// blobs, and the push uploads only the layers that changed.
//
// With an inline cache the cache images are pulled before the build, and a stage the image only copies
// from gets a cache image of its own: ./daemon-build.ts says why.
//
// Each image is pushed as soon as it is built. The smoke test (onBuilt)
// starts once every image is built and runs beside the pushes: a failed smoke
// test stops the deploy before UpdateEnvironment, not the push (an image in
// ECR that no version uses is harmless; the lifecycle policy ages it out).
//
// The smoke test gets what the local daemon can run. A registry-cache build on
// the docker driver (a containerd image store) has the image in the daemon
// once BuildKit has unpacked it, before its push and its cache export: the
// smoke test gets the tag this build named then and runs beside them. On a
// builder other than the docker driver the image stays in that builder's own
// BuildKit, so it gets the pushed `repo@digest`, which the smoke runner
// pulls: the exact bytes that will be deployed, and cheaper than `--load`,
// which would stream every image, uncompressed, out of BuildKit on every build
// whether or not a smoke test runs.













const DEFAULT_CACHE_TAG = 'buildcache';
const DEFAULT_KEEP_IMAGES = 30;
function describeReport(report) {
    if (report.reused)
        return `${report.id}: reused ${report.imageUri} (already in ECR for this commit)`;
    return (`${report.id}: ${report.imageUri} built with ${report.builder} in ${report.buildSeconds}s, ` +
        `pushed ${report.layersPushed} layers (${(0,bytes/* formatBytes */.z)(report.bytesPushed)}) in ${report.pushSeconds}s, ` +
        `${report.layersExisting} layers already in the registry`);
}
/** Builds and pushes every image; throws one error naming each image that failed. */
async function buildAndPush(images, options) {
    const run = options.run ?? (0,command_runner.createCommandRunner)();
    const logger = options.logger ?? actions_runner_logger/* actionsLogger */.MV;
    if (!options.commitSha)
        throw new Error('Build and push needs the commit SHA');
    // Local checks first: a typo in a path must not cost an AWS call.
    const paths = new Map();
    for (const image of images) {
        const checked = await (0,build_context/* checkBuildInputs */.ay)(options.workspace, image);
        for (const warning of checked.warnings)
            logger.warning(warning);
        paths.set(image.id, checked);
    }
    if (images.length === 0)
        return [];
    const inspected = await inspectBuilder(run, options.builder);
    const support = platformSupport(inspected, images.flatMap(image => options.platforms?.[image.id] ?? []));
    if (support.error)
        throw new Error(support.error);
    for (const warning of support.warnings)
        logger.warning(warning);
    const strategy = chooseStrategy(inspected, options.runBuilderName ?? runBuilderName((0,external_node_crypto_.randomBytes)(4).toString('hex')));
    // Logging in first makes a credentials problem fail the stage before any build starts.
    await options.registry.login();
    const context = {
        options,
        run,
        logger,
        buildPath: once(() => resolveBuildPath(strategy, run, logger, options)),
        plannedPath: strategy.path.kind,
        settings: {
            tagMutability: options.tagMutability ?? 'MUTABLE',
            keepImages: options.keepImages ?? DEFAULT_KEEP_IMAGES,
            cacheTag: options.cacheTag ?? DEFAULT_CACHE_TAG
        }
    };
    // Each image's push follows its own build; the smoke test starts when the last build ends.
    const builds = images.map(image => buildImage(context, image, paths.get(image.id)));
    // Every outcome is taken now: a push failing while another image builds is reported with the rest.
    // A failed build's error comes through its push.
    const pushes = allOrOneError(builds.map(build => build.then(image => image.finish())));
    const built = await Promise.allSettled(builds);
    const ready = built.flatMap(outcome => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    if (options.onBuilt && ready.length === built.length) {
        options.onBuilt(Object.fromEntries(ready.map(image => [image.id, image.localRef])));
    }
    const reports = await pushes;
    for (const report of reports)
        logger.info(describeReport(report));
    return reports;
}
/** Waits for every promise; rejects with one error joining the messages of all that failed. */
async function allOrOneError(work) {
    const outcomes = await Promise.allSettled(work);
    const failures = outcomes.flatMap(outcome => outcome.status === 'rejected' ? [(0,errors/* errorMessage */.gJ)(outcome.reason)] : []);
    if (failures.length > 0)
        throw new Error(failures.join('; '));
    return outcomes.flatMap(outcome => (outcome.status === 'fulfilled' ? [outcome.value] : []));
}
/** The report of an image this run did not build: one already in ECR under the commit's tag. */
function reusedReport(base, builder, repositoryUri, found) {
    return {
        ...base,
        builder,
        imageUri: `${repositoryUri}@${found.digest}`,
        digest: found.digest,
        tags: found.tags,
        reused: true,
        layersPushed: 0,
        layersExisting: 0,
        bytesPushed: 0,
        buildSeconds: 0,
        pushSeconds: 0
    };
}
async function buildImage(context, image, paths) {
    const { options, settings } = context;
    const tags = imageTags(options.commitSha, options.versionLabel, options.platforms?.[image.id]);
    const repositoryUri = await context.options.registry.ensureRepository(image.repository, settings);
    const existing = await options.registry.findImage(image.repository, tags[0]);
    const base = { id: image.id, services: image.services, repository: image.repository };
    if (existing) {
        const report = reusedReport(base, context.plannedPath, repositoryUri, existing);
        options.onImageBuilt?.(image.id, 'reused');
        return { id: image.id, localRef: report.imageUri, finish: async () => report };
    }
    const buildPath = await context.buildPath();
    const toReport = (pushed) => ({
        ...base,
        builder: buildPath.kind,
        ...pushed,
        imageUri: `${repositoryUri}@${pushed.digest}`,
        tags,
        reused: false
    });
    const target = { image, paths, uri: repositoryUri, tags };
    // Two runs of one commit (a re-run while the first still pushes) both find no image and both build; with
    // immutable tags ECR refuses the second push, even of an identical image. That run then uses the image the
    // first one pushed under the commit's tag: built from the same commit.
    const pushedMeanwhile = async (error) => {
        const other = (0,ecr/* isImmutableTagRefusal */.PE)(error)
            ? await options.registry.findImage(image.repository, tags[0])
            : undefined;
        if (!other)
            throw error;
        context.logger.info(`${(0,build_context/* describeImage */.hu)(image)}: another run of this commit pushed ${tags[0]} first and ECR keeps immutable tags (${(0,errors/* errorMessage */.gJ)(error)}); using its image ${other.digest}`);
        return reusedReport(base, buildPath.kind, repositoryUri, other);
    };
    if (buildPath.kind === 'registry-cache') {
        let unpacked = () => undefined;
        const local = new Promise(resolve => (unpacked = resolve));
        const pushed = buildAndPushWithBuildx(context, buildPath, target, unpacked)
            .then(toReport, pushedMeanwhile)
            .then(report => {
            options.onImageBuilt?.(image.id, 'built and pushed');
            return report;
        });
        // Taken by finish() (or by the race below when it fails first).
        pushed.catch(() => undefined);
        // Runnable once the daemon has it unpacked (the docker driver), else once pushed (pulled by digest).
        const localRef = await Promise.race([local, pushed.then(report => report.imageUri)]);
        return { id: image.id, localRef, finish: () => pushed };
    }
    const local = await buildLocally(context, buildPath, target);
    options.onImageBuilt?.(image.id, 'built');
    return {
        id: image.id,
        localRef: local.primary,
        finish: async () => {
            const report = await pushBuilt(context, image, local).then(toReport, pushedMeanwhile);
            options.onImagePushed?.(report);
            return report;
        }
    };
}

// EXTERNAL MODULE: ./src/planning/prepare.ts + 15 modules
var prepare = __webpack_require__(49297);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
;// CONCATENATED MODULE: ./src/report/image-groups.ts
// Each image's build and push output in a group of its own, with one line
// outside it, as docker/build-push-action gives one step per image. Images
// build concurrently and GitHub groups cannot interleave, so with several
// images each one's lines are kept until its build ends and printed then as
// one group; a single image streams live inside its group. Pushes (after the
// smoke test) are collected the same way and printed as each ends.



const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
class ImageGroups {
    images;
    log;
    buffers = new Map();
    started = new Map();
    steps = new Map();
    /** The image streaming live in an open group (one image only). */
    live;
    /**
     * `images`: id → the services it serves (for group titles). One image
     * streams live; several are collected per image.
     */
    constructor(images, log = actions_runner_logger/* actionsLogger */.MV) {
        this.images = images;
        this.log = log;
    }
    title(id, what) {
        const services = this.images.get(id) ?? [];
        const served = services.length > 1 || services[0] !== id ? ` (${services.join(', ')})` : '';
        return `${what} ${id}${served}`;
    }
    /** Where the image's lines go while it builds or pushes; each keeps its `[id]` prefix (found by searches). */
    lines(id) {
        return text => {
            const line = `[${id}] ${text}`;
            if (!this.started.has(id))
                this.started.set(id, Date.now());
            const step = this.steps.get(id) ?? 'build';
            if (this.images.size === 1 && step === 'build') {
                if (this.live === undefined) {
                    this.live = id;
                    core/* startGroup */.Oh(this.title(id, 'Build'));
                }
                this.log.info(line);
                return;
            }
            const buffer = this.buffers.get(id) ?? [];
            buffer.push(line);
            this.buffers.set(id, buffer);
        };
    }
    flush(id, title, result) {
        if (this.live === id) {
            core/* endGroup */.N4();
            this.live = undefined;
        }
        else {
            const lines = this.buffers.get(id) ?? [];
            this.buffers.delete(id);
            if (lines.length > 0) {
                core/* startGroup */.Oh(title);
                for (const line of lines)
                    this.log.info(line);
                core/* endGroup */.N4();
            }
        }
        this.log.info(result);
    }
    built(id, outcome) {
        const elapsed = Date.now() - (this.started.get(id) ?? Date.now());
        this.started.delete(id);
        this.steps.set(id, 'push');
        if (outcome === 'reused') {
            this.flush(id, this.title(id, 'Image'), `✓ ${id}: already in ECR for this commit, not built again`);
            return;
        }
        const what = outcome === 'built' ? 'Build' : 'Build and push';
        this.flush(id, this.title(id, what), `✓ ${what} ${id} (${seconds(elapsed)})`);
    }
    pushed(report) {
        this.started.delete(report.id);
        this.flush(report.id, this.title(report.id, 'Push'), `✓ Push ${report.id}: ${report.layersPushed} layer(s) uploaded (${(0,bytes/* formatBytes */.z)(report.bytesPushed)}) (${report.pushSeconds.toFixed(1)} s)`);
    }
    /** After a failure: every image's collected lines, so the failed build's output is shown. */
    flushAll() {
        if (this.live !== undefined) {
            core/* endGroup */.N4();
            this.live = undefined;
        }
        for (const id of [...this.buffers.keys()]) {
            const step = this.steps.get(id) ?? 'build';
            this.flush(id, `${this.title(id, step === 'build' ? 'Build' : 'Push')} (did not finish)`, `✗ ${step} ${id} did not finish`);
        }
    }
}

// EXTERNAL MODULE: ./src/adapters/actions-runner/post-step-state.ts
var post_step_state = __webpack_require__(44770);
;// CONCATENATED MODULE: ./src/stages/images.ts
// Images stage: build and push every ImageBuild of the plan to ECR (or, with
// build: false, find the images this commit already pushed), and return the
// pinned references the Dockerrun uses.








async function publishImages(prepared, clients, env, hooks = {}) {
    const { config, workspace } = prepared;
    const images = (0,prepare/* imagesOf */.IC)(prepared.targets);
    if (images.length === 0) {
        hooks.onBuilt?.({});
        return { reports: [], pinned: {} };
    }
    const run = (0,command_runner.createCommandRunner)();
    // The logout state is saved before `docker login`: a failed build or smoke test still logs out in the post step.
    const registry = new ecr.EcrRegistry(clients.ecr, run, actions_runner_logger/* actionsLogger */.MV, {
        beforeLogin: host => post_step_state/* registryLogin */.j8.save(host),
        ...(hooks.onRepositoryCreated && { onRepositoryCreated: hooks.onRepositoryCreated })
    });
    if (!config.build) {
        // Nothing is built or pushed: the images this commit pushed earlier are checked before the deploy.
        const existing = await findExistingImages(prepared, registry, hooks.platforms ?? {});
        if (hooks.onBuilt) {
            // The smoke run pulls them from ECR, which needs the daemon logged in (logged out by the post step).
            await registry.login();
            hooks.onBuilt(existing.pinned);
        }
        return existing;
    }
    // Each image's output in a group of its own (images build concurrently: collected, then printed).
    const groups = new ImageGroups(new Map(images.map(image => [image.id, image.services])));
    const tagged = new Set();
    const reports = await buildAndPush(images, {
        workspace,
        commitSha: config.commitSha,
        versionLabel: config.versionLabel,
        registry,
        tagMutability: config.ecrTagMutability,
        keepImages: config.ecrKeepImages,
        cacheTag: DEFAULT_CACHE_TAG,
        ...(config.buildCacheScope !== undefined && { cacheScope: config.buildCacheScope }),
        ...(env.GITHUB_SERVER_URL &&
            env.GITHUB_REPOSITORY && { sourceUrl: `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` }),
        run,
        ...(config.builder !== undefined && { builder: config.builder }),
        ...(hooks.platforms && { platforms: hooks.platforms }),
        // Saved before the builder is created: a cancelled run's post step still removes it.
        onRunBuilder: name => post_step_state/* runBuilder */.zb.save(name),
        // Saved as they are made: a run that fails or is cancelled half-way still has its tags removed.
        onLocalTags: references => {
            for (const reference of references)
                tagged.add(reference);
            post_step_state/* localTags */.hs.save(JSON.stringify([...tagged]));
        },
        ...(hooks.onBuilt && { onBuilt: hooks.onBuilt }),
        imageLog: id => groups.lines(id),
        onImageBuilt: (id, outcome) => groups.built(id, outcome),
        onImagePushed: report => groups.pushed(report)
    }).catch((error) => {
        groups.flushAll();
        throw error;
    });
    const registryHost = reports[0]?.imageUri.split('/')[0];
    return {
        reports,
        pinned: Object.fromEntries(reports.map(report => [report.id, report.imageUri])),
        ...(registryHost !== undefined && { registryHost })
    };
}
/**
 * build: false — deploy what CI pushed earlier for this commit, or say exactly
 * what is missing. Nothing is created: a missing repository is an error too.
 */
async function findExistingImages(prepared, registry, platforms) {
    const pinned = {};
    for (const image of (0,prepare/* imagesOf */.IC)(prepared.targets)) {
        // The tag a build of this commit for the image's platform pushed (`<sha>-arm64` for arm64).
        const [commitSha] = imageTags(prepared.config.commitSha, '', platforms[image.id]);
        const repositoryUri = await registry.findRepository(image.repository);
        const existing = repositoryUri && (await registry.findImage(image.repository, commitSha));
        if (!repositoryUri || !existing) {
            throw new Error(`Input 'build' is false, but ECR has no ${repositoryUri ? 'image' : 'repository for the image'} ${image.repository}:${commitSha} for services ${image.services.join(', ')}; build it first or set build: true`);
        }
        pinned[image.id] = `${repositoryUri}@${existing.digest}`;
    }
    return { reports: [], pinned };
}


/***/ })

};
