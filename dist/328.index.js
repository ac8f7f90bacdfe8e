export const id = 328;
export const ids = [328];
export const modules = {

/***/ 54009:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MP: () => (/* binding */ describeVersion),
/* harmony export */   OP: () => (/* binding */ versionTags),
/* harmony export */   Z3: () => (/* binding */ createApplicationVersion),
/* harmony export */   cv: () => (/* binding */ listApplicationVersions),
/* harmony export */   lK: () => (/* binding */ versionStatus),
/* harmony export */   uC: () => (/* binding */ deleteApplicationVersion)
/* harmony export */ });
/* unused harmony export versionSummaryOf */
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76114);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20133);
/* harmony import */ var _environments_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(97206);
// Application versions: the one place that calls DescribeApplicationVersions
// (one version, or every version paginated), CreateApplicationVersion and
// DeleteApplicationVersion.
//
// Beanstalk deletes a version even while an environment runs it (and with
// DeleteSourceBundle its bundle, after which the environment can no longer
// launch or replace instances), so every deletion first asks
// DescribeEnvironments whether a live environment runs the version, and keeps
// it when one does.




/** Beanstalk's largest page of DescribeApplicationVersions. */
const PAGE_SIZE = 1000;
/** Status compared case-insensitively: the wire says PROCESSED where the model says Processed. */
function versionStatus(version) {
    return (version?.Status ?? 'UNKNOWN').toUpperCase();
}
function versionSummaryOf(version) {
    return {
        label: version.VersionLabel ?? '',
        created: version.DateCreated ?? new Date(0),
        description: version.Description ?? '',
        status: versionStatus(version),
        ...(version.SourceBundle?.S3Bucket !== undefined && { bucket: version.SourceBundle.S3Bucket }),
        ...(version.SourceBundle?.S3Key !== undefined && { key: version.SourceBundle.S3Key }),
        ...(version.ApplicationVersionArn !== undefined && { arn: version.ApplicationVersionArn })
    };
}
/** One version, or undefined when the application has no such label. */
async function describeVersion(beanstalk, application, versionLabel) {
    const { ApplicationVersions = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__/* .DescribeApplicationVersionsCommand */ .QDX({ ApplicationName: application, VersionLabels: [versionLabel] }));
    return ApplicationVersions.find(version => version.VersionLabel === versionLabel);
}
/** Every version of the application, newest first (paginated: the quota allows 1000 per region). */
async function listApplicationVersions(beanstalk, application) {
    const versions = [];
    let nextToken;
    do {
        const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__/* .DescribeApplicationVersionsCommand */ .QDX({
            ApplicationName: application,
            MaxRecords: PAGE_SIZE,
            ...(nextToken !== undefined && { NextToken: nextToken })
        }));
        versions.push(...(answer.ApplicationVersions ?? []).map(versionSummaryOf));
        nextToken = answer.NextToken;
    } while (nextToken);
    return versions
        .filter(version => version.label !== '')
        .sort((a, b) => b.created.getTime() - a.created.getTime());
}
/** The version's own tags (empty when it has no ARN). */
function versionTags(beanstalk, version) {
    return (0,_environments_js__WEBPACK_IMPORTED_MODULE_2__/* .resourceTags */ .iu)(beanstalk, version.ApplicationVersionArn);
}
/**
 * CreateApplicationVersion with processing (Beanstalk checks the bundle's
 * .ebextensions), creating the application on first use. When Beanstalk
 * refuses it and the label exists now, another job created it between our
 * look and our create: that version is returned for the caller to judge.
 */
async function createApplicationVersion(beanstalk, input) {
    try {
        const { ApplicationVersion } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__/* .CreateApplicationVersionCommand */ .m8t({
            ApplicationName: input.application,
            VersionLabel: input.versionLabel,
            Description: input.description.slice(0, 200),
            SourceBundle: { S3Bucket: input.bucket, S3Key: input.key },
            AutoCreateApplication: true,
            Process: true,
            ...(input.tags !== undefined && input.tags.length > 0 && { Tags: input.tags })
        }));
        // The answer holds the version as created (PROCESSING): the wait starts from it.
        return { created: true, ...(ApplicationVersion !== undefined && { version: ApplicationVersion }) };
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsErrorCode */ .Tl.invalidParameterValue)) {
            const existing = await describeVersion(beanstalk, input.application, input.versionLabel);
            if (existing)
                return { created: false, existing };
        }
        throw error;
    }
}
/**
 * Deletes the version and its source bundle in S3, unless a live environment
 * runs it. Other errors (not found, access) are thrown.
 */
async function deleteApplicationVersion(beanstalk, application, versionLabel) {
    const users = await (0,_environments_js__WEBPACK_IMPORTED_MODULE_2__/* .liveEnvironments */ .lS)(beanstalk, application, versionLabel);
    if (users.length > 0) {
        return { kind: 'in-use', environments: users.map(environment => environment.EnvironmentName ?? '') };
    }
    try {
        await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__/* .DeleteApplicationVersionCommand */ .Xb({
            ApplicationName: application,
            VersionLabel: versionLabel,
            DeleteSourceBundle: true
        }));
        return { kind: 'deleted' };
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsErrorCode */ .Tl.operationInProgress)) {
            return { kind: 'busy', message: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error) };
        }
        throw error;
    }
}


/***/ }),

/***/ 70200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sb: () => (/* binding */ findBundleHash),
/* harmony export */   TQ: () => (/* binding */ getObjectText),
/* harmony export */   ev: () => (/* binding */ putObjectText),
/* harmony export */   jQ: () => (/* binding */ getObjectBytes),
/* harmony export */   sd: () => (/* binding */ uploadBundle)
/* harmony export */ });
/* unused harmony exports PART_SIZE, HASH_METADATA_KEY */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53711);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(20133);
// Amazon S3: every call the action makes to it. The source bundle goes up as
// a multipart upload that retries parts instead of the whole file, with its
// sha256 kept as object metadata so a re-run can tell whether a version
// label's content changed; small objects (the deploy history, a bundle read
// back for plan mode) are read and written whole.




/** Parts of 8 MiB: a bundle above that goes up in parts, each retried on its own. */
const PART_SIZE = 8 * 1024 * 1024;
const HASH_METADATA_KEY = 'sha256';
async function uploadBundle(s3, input) {
    const bytes = typeof input.bundle === 'string' ? (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(input.bundle)).size : input.bundle.byteLength;
    const body = typeof input.bundle === 'string' ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(input.bundle) : input.bundle;
    // lib-storage only for an upload: the modes that read and write small objects never load it.
    const { Upload } = await __webpack_require__.e(/* import() */ 358).then(__webpack_require__.t.bind(__webpack_require__, 22358, 19));
    const upload = new Upload({
        client: s3,
        partSize: PART_SIZE,
        queueSize: 4,
        leavePartsOnError: false,
        params: {
            Bucket: input.bucket,
            Key: input.key,
            Body: body,
            ContentType: 'application/zip',
            Metadata: { [HASH_METADATA_KEY]: input.sha256 }
        }
    });
    await upload.done();
    return { bytes };
}
/** The sha256 recorded on an uploaded bundle; undefined when the object is missing or carries none. */
async function findBundleHash(s3, bucket, key) {
    try {
        const head = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.Metadata?.[HASH_METADATA_KEY];
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsErrorCode */ .Tl.noSuchObject, _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsErrorCode */ .Tl.noSuchBucket))
            return undefined;
        throw error;
    }
}
/** The object's body; undefined when there is no such object (any other error is thrown). */
async function getObjectBody(s3, bucket, key) {
    try {
        const answer = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetObjectCommand({ Bucket: bucket, Key: key }));
        return answer.Body;
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsErrorCode */ .Tl.noSuchObject))
            return undefined;
        throw error;
    }
}
/** The object's bytes; undefined when there is no such object. */
async function getObjectBytes(s3, bucket, key) {
    const body = await getObjectBody(s3, bucket, key);
    return body && (await body.transformToByteArray());
}
/** The object as UTF-8 text; undefined when there is no such object. */
async function getObjectText(s3, bucket, key) {
    const body = await getObjectBody(s3, bucket, key);
    return body && (await body.transformToString('utf-8'));
}
async function putObjectText(s3, location) {
    await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        Body: location.body,
        ContentType: location.contentType
    }));
}


/***/ }),

/***/ 57947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPlan: () => (/* binding */ runPlan)
});

// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/adapters/aws-clients.ts
var aws_clients = __webpack_require__(16992);
// EXTERNAL MODULE: ./src/adapters/actions-runner/run-context.ts + 3 modules
var run_context = __webpack_require__(99009);
// EXTERNAL MODULE: ./src/core/dockerrun-diff.ts
var dockerrun_diff = __webpack_require__(91872);
// EXTERNAL MODULE: ./src/core/dockerrun.ts
var dockerrun = __webpack_require__(9602);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(51306);
// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./src/adapters/beanstalk/versions.ts
var versions = __webpack_require__(54009);
// EXTERNAL MODULE: ./src/adapters/s3.ts
var s3 = __webpack_require__(70200);
;// CONCATENATED MODULE: ./src/deploy/current-deployment.ts
// What an environment runs now, for plan mode's diff: its version label →
// the version's source bundle in S3 → the Dockerrun.aws.json inside the zip.




/** Undefined when the environment does not exist (or is terminated). */
async function currentDeployment(clients, application, environmentName) {
    const environment = await (0,environments/* describeEnvironment */.NE)(clients.beanstalk, application, environmentName);
    if (!environment || environment.Status === 'Terminated')
        return undefined;
    const base = {
        ...(environment.VersionLabel !== undefined && { versionLabel: environment.VersionLabel }),
        ...(environment.Status !== undefined && { status: environment.Status }),
        ...(environment.Health !== undefined && { health: environment.Health })
    };
    if (!environment.VersionLabel)
        return base;
    const source = (await (0,versions/* describeVersion */.MP)(clients.beanstalk, application, environment.VersionLabel))
        ?.SourceBundle;
    if (!source?.S3Bucket || !source.S3Key)
        return base;
    const bytes = await (0,s3/* getObjectBytes */.jQ)(clients.s3, source.S3Bucket, source.S3Key);
    if (!bytes)
        return base;
    const file = (0,esm/* unzipSync */.AO)(bytes, { filter: entry => entry.name === 'Dockerrun.aws.json' })['Dockerrun.aws.json'];
    if (!file)
        return base;
    return { ...base, dockerrun: JSON.parse(new TextDecoder().decode(file)) };
}

// EXTERNAL MODULE: ./src/planning/prepare.ts + 15 modules
var prepare = __webpack_require__(49297);
// EXTERNAL MODULE: ./src/report/log.ts
var log = __webpack_require__(46472);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/report/phases.ts
var report_phases = __webpack_require__(62568);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./src/core/backing-engines.ts
var backing_engines = __webpack_require__(33568);
// EXTERNAL MODULE: ./src/report/clear-secrets.ts
var clear_secrets = __webpack_require__(71879);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/plan-summary.ts
// The plan mode job summary: each bundle's containers, and what a deploy would change per environment.




function containerRows(bundle, several) {
    return bundle.dockerrun.containerDefinitions.map(container => [
        ...(several ? [(0,summary/* escapeHtml */.ZD)(bundle.environments.join(', ') || bundle.plan.versionLabel)] : []),
        (0,summary/* escapeHtml */.ZD)(container.name),
        (0,summary/* code */.aY)(container.image),
        (0,summary/* escapeHtml */.ZD)((container.portMappings ?? []).map(port => `${port.hostPort}→${port.containerPort}`).join(' ')),
        (0,summary/* escapeHtml */.ZD)((container.links ?? []).join(' ')),
        (0,summary/* escapeHtml */.ZD)([
            container.memory !== undefined ? `${container.memory} MiB` : '',
            container.memoryReservation !== undefined ? `≥ ${container.memoryReservation} MiB` : ''
        ]
            .filter(Boolean)
            .join(', ')),
        container.essential === false ? 'no' : 'yes'
    ]);
}
async function writePlanSummary(record) {
    const out = core/* summary */.z.addHeading('Deploy plan (nothing changed)', 2);
    const labels = record.bundles.map(bundle => bundle.plan.versionLabel);
    out.addRaw(`Version ${labels.map(summary/* code */.aY).join(', ')}`, true);
    if (record.offline)
        out.addRaw(`<p>${(0,summary/* escapeHtml */.ZD)(record.offline)}</p>`, true);
    const several = record.bundles.length > 1;
    out.addHeading('Containers', 3);
    (0,summary/* table */.tp)(out, [...(several ? ['Environments'] : []), 'Container', 'Image', 'Ports', 'Links', 'Memory', 'Essential'], record.bundles.flatMap(bundle => containerRows(bundle, several)));
    const images = [
        ...new Map(record.bundles.flatMap(bundle => bundle.plan.images).map(image => [image.id, image])).values()
    ];
    if (images.length > 0) {
        out.addHeading('Images', 3);
        (0,summary/* table */.tp)(out, ['Image', 'Built from', 'Services', 'A deploy would'], images.map(image => {
            const found = record.existing?.get(image.id);
            return [
                (0,summary/* code */.aY)(image.repository),
                (0,summary/* code */.aY)(`${image.context}/${image.dockerfile}${image.target ? ` (target ${image.target})` : ''}`),
                (0,summary/* escapeHtml */.ZD)(image.services.join(', ')),
                found
                    ? `reuse ${(0,summary/* code */.aY)(found)} (in ECR for this commit)`
                    : record.existing
                        ? 'build and push it'
                        : 'build and push it, unless ECR has it for this commit (not checked)'
            ];
        }));
    }
    const replacements = [
        ...new Map(record.bundles.flatMap(bundle => bundle.plan.backing).map(backing => [backing.composeService, backing])).values()
    ];
    if (replacements.length > 0) {
        out.addHeading('Replaced services', 3);
        (0,summary/* table */.tp)(out, ['Compose service', 'Role', 'Replaced by', 'Variable'], replacements.map(replacement => [
            (0,summary/* escapeHtml */.ZD)(replacement.composeService),
            (0,summary/* escapeHtml */.ZD)(`${replacement.role} (${replacement.engine})`),
            (0,summary/* escapeHtml */.ZD)((0,backing_engines/* describeBackingSource */.SY)(replacement.source)),
            (0,summary/* code */.aY)(replacement.envName)
        ]));
    }
    (0,clear_secrets/* addClearSecrets */.E)(out, record.bundles.flatMap(bundle => bundle.plan.clearSecrets ?? []), summary/* escapeHtml */.ZD);
    if (record.notes.length > 0) {
        out.addHeading('Notes', 3);
        (0,summary/* table */.tp)(out, ['Note'], record.notes.map(note => [(0,summary/* escapeHtml */.ZD)(note)]));
    }
    for (const diff of record.diffs) {
        out.addHeading(`${(0,summary/* escapeHtml */.ZD)(diff.environmentName)}: what a deploy would change`, 3);
        if (!diff.current) {
            out.addRaw('<p>The environment does not exist.</p>', true);
            continue;
        }
        out.addRaw(`<p>Runs ${(0,summary/* code */.aY)(diff.current.versionLabel ?? 'no version')}.</p>`, true);
        const changes = diff.changes ?? [];
        if (changes.length === 0) {
            out.addRaw('<p>No change.</p>', true);
            continue;
        }
        (0,summary/* table */.tp)(out, ['Container', 'Field', 'Now', 'After deploy'], changes.map(change => [
            (0,summary/* escapeHtml */.ZD)(change.container),
            (0,summary/* escapeHtml */.ZD)(change.field),
            (0,summary/* escapeHtml */.ZD)(change.before ?? '—'),
            (0,summary/* escapeHtml */.ZD)(change.after ?? '—')
        ]));
    }
    await (0,summary/* publishSummary */.Iv)(out);
}

// EXTERNAL MODULE: ./src/stages/managed-services.ts + 1 modules
var managed_services = __webpack_require__(93280);
// EXTERNAL MODULE: ./src/stages/bundles.ts
var stages_bundles = __webpack_require__(37014);
// EXTERNAL MODULE: ./src/stages/local-checks.ts
var local_checks = __webpack_require__(3512);
;// CONCATENATED MODULE: ./src/modes/plan.ts
// Plan mode: render the bundle a deploy would ship to each environment and
// show what it would change against what that environment runs now — read-only
// calls only. The images are looked up in ECR as a deploy would (one this
// commit already pushed is reused, not built), so the plan counts only real
// builds, pins what exists, names the registry host, and on the commit an
// environment already runs shows no change. Without AWS access (no
// credentials, no region) it renders and says so.















async function runPlan(config, region, env) {
    const phases = new report_phases/* PhaseLog */.U();
    const prepared = (0,prepare/* prepare */.iA)(config, (0,run_context/* workspaceDir */.zf)(env), env);
    // What a deploy refuses on the runner, the plan refuses too, with the same line.
    await (0,local_checks/* checkOnRunner */.k)(prepared);
    const { targets } = prepared;
    const plans = targets.map(target => target.plan);
    const resolution = { ...(region !== undefined && { region }) };
    const read = await readAws(prepared, region, resolution, phases);
    await phases.run('plan', async () => (0,log/* logDeployPlans */._n)(plans, read.facts?.existing), {
        done: () => (0,log/* planLine */.od)(plans, read.facts?.existing)
    });
    (0,log/* warnPlan */.QG)(plans, read.facts !== undefined);
    if (read.facts)
        (0,log/* warnMissingProperties */.g0)(read.facts.missing);
    const bundles = await (0,stages_bundles/* writeBundles */.B)(prepared, resolution, env);
    const [first] = bundles;
    (0,outputs/* writeOutputs */.Kn)('plan', {
        dockerrun: JSON.stringify(first.bundle.dockerrun),
        'bundle-path': first.bundle.bundlePath,
        'version-label': first.target.plan.versionLabel,
        'environment-name': first.target.plan.environment
    });
    for (const { target, bundle } of bundles) {
        const where = target.environments.length > 0 ? ` for ${target.environments.join(', ')}` : '';
        logger/* actionsLogger */.MV.info(`Bundle${where} ${bundle.bundlePath} (${bundle.bytes} bytes, sha256 ${bundle.sha256})`);
        (0,log/* logDockerrun */.Sv)(`Dockerrun.aws.json${where} (values from the runner, .env or env_file, and secret-looking ones, hidden)`, (0,dockerrun/* serialiseDockerrun */.DB)((0,dockerrun/* redactDockerrun */.H$)(bundle.dockerrun, target.plan)));
    }
    // Each environment against the bundle a deploy would give it (a worker environment against the worker bundle).
    const currents = read.facts?.currents ?? new Map();
    const diffs = bundles.flatMap(({ target, bundle }) => target.environments
        .filter(environmentName => currents.has(environmentName))
        .map(environmentName => {
        const current = currents.get(environmentName);
        return {
            environmentName,
            versionLabel: target.plan.versionLabel,
            ...(current !== undefined && {
                current,
                changes: (0,dockerrun_diff/* diffDockerrun */.$W)(current.dockerrun, bundle.dockerrun, (0,dockerrun/* hiddenVariables */.c4)(target.plan))
            })
        };
    }));
    for (const diff of diffs)
        (0,log/* logEnvironmentDiff */.Pr)(diff);
    await writePlanSummary({
        bundles: bundles.map(({ target, bundle }) => ({
            environments: target.environments,
            plan: target.plan,
            dockerrun: bundle.dockerrun
        })),
        ...(read.facts && { existing: read.facts.existing }),
        diffs,
        notes: (0,prepare/* notesOf */.h$)(targets),
        ...(read.offline !== undefined && { offline: read.offline })
    });
}
/**
 * Backing services, the execution role and the registry host (into
 * `resolution`), what each environment runs now, the images ECR has for this
 * commit, and the properties the environments lack. Facts are undefined when
 * AWS cannot be read (a warning, not a failure), or without a region.
 */
async function readAws(prepared, region, resolution, phases) {
    if (region === undefined) {
        const offline = 'No region: the bundle is rendered without looking anything up in AWS.';
        logger/* actionsLogger */.MV.info(offline);
        return { offline };
    }
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region });
    try {
        const facts = await phases.run('read AWS', () => lookUp(prepared, clients, resolution), {
            title: 'AWS, read-only: backing services, environments, images',
            done: found => `${found.currents.size} environment(s) read, ${found.existing.size} image(s) already in ECR for this commit`
        });
        return { facts };
    }
    catch (error) {
        if (error instanceof errors/* InputError */.dz)
            throw error;
        const offline = `Could not read AWS (${(0,errors/* errorMessage */.gJ)(error)}); showing the rendered bundle only`;
        logger/* actionsLogger */.MV.warning(offline);
        return { offline };
    }
    finally {
        clients.destroy();
    }
}
async function lookUp(prepared, clients, resolution) {
    resolution.backing = await (0,managed_services/* resolveBackingServices */.En)(prepared, clients);
    const executionRoleArn = await (0,managed_services/* findExecutionRole */.ae)(prepared, clients, resolution.backing);
    if (executionRoleArn !== undefined)
        resolution.executionRoleArn = executionRoleArn;
    const environments = prepared.targets.flatMap(target => target.environments);
    const currents = new Map();
    for (const environmentName of environments) {
        currents.set(environmentName, await currentDeployment(clients, prepared.config.application, environmentName));
    }
    const existing = await existingImages(prepared, clients, resolution);
    const missing = await (0,managed_services/* missingProperties */.Wx)(prepared, clients, environments.filter(name => currents.get(name) !== undefined));
    return { currents, existing, missing };
}
/**
 * The images a deploy would reuse (ECR has them under this commit's tag), as
 * the pinned references it would ship; the registry host into `resolution`
 * for the ones it would build. Nothing is created and docker is not logged in.
 */
async function existingImages(prepared, clients, resolution) {
    const existing = new Map();
    const images = (0,prepare/* imagesOf */.IC)(prepared.targets);
    if (images.length === 0)
        return existing;
    // The registry adapter (and the docker adapter it carries) load for this lookup only.
    const { EcrRegistry } = await Promise.all(/* import() */[__webpack_require__.e(823), __webpack_require__.e(136)]).then(__webpack_require__.bind(__webpack_require__, 17823));
    const { createCommandRunner } = await __webpack_require__.e(/* import() */ 755).then(__webpack_require__.bind(__webpack_require__, 17755));
    const registry = new EcrRegistry(clients.ecr, createCommandRunner(), logger/* actionsLogger */.MV);
    let host;
    for (const image of images) {
        const repositoryUri = await registry.findRepository(image.repository);
        if (!repositoryUri)
            continue;
        host ??= repositoryUri.split('/')[0];
        const found = await registry.findImage(image.repository, prepared.config.commitSha);
        if (found)
            existing.set(image.id, `${repositoryUri}@${found.digest}`);
    }
    resolution.images = Object.fromEntries(existing);
    resolution.registry = host ?? (await registry.registryHost());
    return existing;
}


/***/ })

};
