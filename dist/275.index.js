export const id = 275;
export const ids = [275];
export const modules = {

/***/ 97475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ storageBucket)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76114);
// Where Beanstalk keeps source bundles when the `bucket` input is empty.

/** Each client's answer: the bundle upload, the deploy history and cleanup all ask within one run. */
const asked = new WeakMap();
/** The `bucket` input, or Beanstalk's regional storage bucket (CreateStorageLocation is idempotent: asked once per client). */
async function storageBucket(beanstalk, bucket) {
    if (bucket)
        return bucket;
    let answer = asked.get(beanstalk);
    if (!answer) {
        answer = createStorageLocation(beanstalk);
        asked.set(beanstalk, answer);
        // A failed ask is asked again next time.
        answer.catch(() => asked.delete(beanstalk));
    }
    return answer;
}
async function createStorageLocation(beanstalk) {
    const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_0__/* .CreateStorageLocationCommand */ .UCX({}));
    if (!answer.S3Bucket)
        throw new Error('CreateStorageLocation returned no S3 bucket');
    return answer.S3Bucket;
}


/***/ }),

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

/***/ 28778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ deployAndRecord)
});

// UNUSED EXPORTS: deployToEnvironment

// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-beanstalk/dist-cjs/index.js
var dist_cjs = __webpack_require__(76114);
// EXTERNAL MODULE: ./src/adapters/clock.ts
var adapters_clock = __webpack_require__(33350);
// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(20133);
// EXTERNAL MODULE: ./src/adapters/beanstalk/versions.ts
var versions = __webpack_require__(54009);
;// CONCATENATED MODULE: ./src/adapters/beanstalk/update-environment.ts
// UpdateEnvironment(VersionLabel, OptionSettings), waiting out what makes it fail for a
// moment. Beanstalk refuses both "another operation is running" and "no such
// version (yet)" with the same InvalidParameterValue code, so the cause is
// read from the state, not from the message: an environment that is not Ready
// is waited for; a version the versions API does not list yet (created a
// moment ago) is asked for again a few times with a short backoff.





const MISSING_VERSION_RETRIES = 5;
async function updateEnvironmentVersion(beanstalk, options) {
    let missingVersionRetries = 0;
    const missingBackoff = new adapters_clock/* Backoff */.n(options.pollMs?.first ?? 1_000, options.pollMs?.max ?? 8_000, 2);
    for (;;) {
        const before = options.clock.now();
        try {
            const answer = await beanstalk.send(new dist_cjs/* UpdateEnvironmentCommand */.i98({
                ApplicationName: options.application,
                EnvironmentName: options.environmentName,
                VersionLabel: options.versionLabel,
                // The workflow's settings with the version, in one update (and one restart), as AWS's own action does.
                ...(options.optionSettings?.length && { OptionSettings: [...options.optionSettings] })
            }));
            const { $metadata, ...environment } = answer;
            return {
                environment,
                since: environment.DateUpdated ?? new Date(before),
                ...($metadata.requestId !== undefined && { requestId: $metadata.requestId })
            };
        }
        catch (error) {
            if (!(0,aws_errors/* isAwsError */.m_)(error, aws_errors/* AwsErrorCode */.Tl.invalidParameterValue) || options.clock.now() >= options.deadline) {
                throw error;
            }
            const environment = await (0,environments/* describeEnvironment */.NE)(beanstalk, options.application, options.environmentName);
            if (environment && environment.Status !== 'Ready' && environment.Status !== 'Terminated') {
                options.log.info(`UpdateEnvironment raced with another operation on ${options.environmentName}; waiting for Ready…`);
                await (0,environments/* waitForReady */.Cf)(beanstalk, options);
                continue;
            }
            const missing = (await (0,versions/* describeVersion */.MP)(beanstalk, options.application, options.versionLabel)) === undefined;
            if (missing && missingVersionRetries < MISSING_VERSION_RETRIES) {
                missingVersionRetries++;
                await options.clock.sleep(missingBackoff.next());
                continue;
            }
            throw error;
        }
    }
}

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(98571);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/settings.ts
var core_settings = __webpack_require__(51922);
// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/deploy/wait.ts
var wait = __webpack_require__(65158);
;// CONCATENATED MODULE: ./src/deploy/environment-deploy.ts
// One environment, one existing version: the environment free for an update,
// the update itself, the wait for Ready + Green on our version, and the
// result recorded in the environment's deploy history. Deploys, automatic
// rollbacks and mode rollback all go through deployAndRecord.








/**
 * Waits for the environment to be Ready, points it at the version and waits
 * for Ready + Green on that version. The version must exist (see
 * ensureApplicationVersion); deploy to several environments by calling this
 * once per environment with the same label.
 */
async function deployToEnvironment(clients, input, dependencies = {}) {
    const clock = dependencies.clock ?? adapters_clock/* systemClock */.m;
    const log = dependencies.log ?? logger/* actionsLogger */.MV;
    const started = clock.now();
    const deadline = started + input.waitTimeoutMs;
    const common = {
        application: input.application,
        environmentName: input.environmentName,
        deadline,
        clock,
        log,
        ...(dependencies.pollMs !== undefined && { pollMs: dependencies.pollMs })
    };
    // Until Beanstalk accepts our update nothing of ours has changed: a failure there (another operation that
    // outlasts wait-timeout, a refused request) is `not-started`, which no automatic rollback follows.
    const notStarted = (error) => {
        throw new wait/* DeployFailedError */.P2((0,errors/* errorMessage */.gJ)(error), undefined, [], [], false, 'not-started');
    };
    const ready = await (0,environments/* waitForReady */.Cf)(clients.beanstalk, common).catch(notStarted);
    const readyAt = clock.now();
    const settings = input.optionSettings ?? [];
    // Only the settings the environment does not have yet: an unchanged one would restart nothing but still count
    // as a change, and a re-run of the job that applied them is no change at all.
    const pending = settings.length > 0
        ? (0,core_settings/* pendingSettings */.NQ)(settings, await (0,environments/* configurationValues */.X6)(clients.beanstalk, input.application, input.environmentName).catch(notStarted))
        : [];
    if (ready.VersionLabel === input.versionLabel && ready.Health === 'Green' && pending.length === 0) {
        // A re-run of a job that already deployed: nothing to change, and no restart of a healthy environment.
        log.info(`${input.environmentName} already runs ${input.versionLabel} and is Ready and Green: nothing to update`);
        return {
            environmentName: input.environmentName,
            environmentId: ready.EnvironmentId ?? '',
            url: ready.CNAME ? `http://${ready.CNAME}` : '',
            status: 'Ready',
            health: 'Green',
            versionLabel: input.versionLabel,
            events: [],
            seconds: { waitForReady: seconds(readyAt - started), update: 0, wait: 0 },
            unchanged: true,
            waited: true
        };
    }
    log.info(`Updating ${input.environmentName} to version ${input.versionLabel}` +
        (pending.length > 0
            ? ` with ${pending.length} setting(s): ${pending.map(setting => `${setting.Namespace} ${setting.OptionName}`).join(', ')}…`
            : '…'));
    const update = await updateEnvironmentVersion(clients.beanstalk, {
        ...common,
        versionLabel: input.versionLabel,
        ...(pending.length > 0 && { optionSettings: pending })
    }).catch(notStarted);
    const updatedAt = clock.now();
    if (input.wait === false) {
        const accepted = update.environment;
        log.info(`${input.environmentName} accepted the update to ${input.versionLabel} (${accepted.Status ?? 'Updating'}); not waiting for Ready and Green (wait: false)`);
        return {
            environmentName: input.environmentName,
            environmentId: accepted.EnvironmentId ?? ready.EnvironmentId ?? '',
            url: accepted.CNAME ? `http://${accepted.CNAME}` : ready.CNAME ? `http://${ready.CNAME}` : '',
            status: accepted.Status ?? 'Updating',
            health: accepted.Health ?? '',
            versionLabel: input.versionLabel,
            events: [],
            seconds: { waitForReady: seconds(readyAt - started), update: seconds(updatedAt - readyAt), wait: 0 },
            waited: false
        };
    }
    const waited = await (0,wait/* waitForDeploy */.En)(clients.beanstalk, {
        application: input.application,
        environmentName: input.environmentName,
        versionLabel: input.versionLabel,
        since: update.since,
        ...(update.requestId !== undefined && { requestId: update.requestId }),
        timeoutMs: Math.max(0, deadline - updatedAt),
        allowYellow: input.allowYellow,
        ...(input.recoveryMs !== undefined && { recoveryMs: input.recoveryMs }),
        clock,
        log,
        ...(dependencies.pollMs !== undefined && { pollMs: dependencies.pollMs })
    });
    const done = clock.now();
    const environment = waited.environment;
    const result = {
        environmentName: input.environmentName,
        environmentId: environment.EnvironmentId ?? '',
        url: environment.CNAME ? `http://${environment.CNAME}` : '',
        status: environment.Status ?? 'Ready',
        health: environment.Health ?? 'Green',
        versionLabel: environment.VersionLabel ?? input.versionLabel,
        events: waited.events,
        waited: true,
        seconds: {
            waitForReady: seconds(readyAt - started),
            update: seconds(updatedAt - readyAt),
            wait: seconds(done - updatedAt)
        }
    };
    log.info(`${input.environmentName} is ${result.status} and ${result.health} on ${result.versionLabel} (${(0,duration/* formatDuration */.a)(done - started)}): ${result.url}`);
    return result;
}
/** deployToEnvironment, then its result (succeeded or failed) appended to the environment's history. */
async function deployAndRecord(clients, history, input, dependencies = {}) {
    const record = (result, health) => history.record(input.application, input.environmentName, {
        versionLabel: input.versionLabel,
        ...(input.commit && { commit: input.commit }),
        date: new Date().toISOString(),
        result,
        ...(health !== undefined && { health }),
        kind: input.kind
    });
    try {
        const result = await deployToEnvironment(clients, input, dependencies);
        // An update not waited for has no outcome yet: the history keeps outcomes only.
        if (result.waited)
            await record('succeeded', result.health);
        return result;
    }
    catch (error) {
        await record('failed', error instanceof wait/* DeployFailedError */.P2 ? error.environment?.health : undefined);
        throw error;
    }
}
function seconds(ms) {
    return Math.round(ms / 100) / 10;
}


/***/ }),

/***/ 58307:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nu: () => (/* binding */ isCompletionEvent),
/* harmony export */   T2: () => (/* binding */ isErrorEvent),
/* harmony export */   zU: () => (/* binding */ failureKind)
/* harmony export */ });
/* unused harmony exports FAILED_DEPLOY_MESSAGE, REVERTED_MESSAGE, HEALTH_RED_MESSAGE, UPDATE_COMPLETED_MESSAGE, FAILURE_TEXTS, FAILURE_SHAPES, isHealthTransition */
// The Beanstalk event texts that end a deploy: the EB CLI's own list (`eb
// deploy` raises on them in _raise_if_error_event, and stops waiting at one
// of its success events). Texts, and whether the EB CLI compares them whole
// or by their start, are the EB CLI's:
// https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/operations/commonops.py#L249
// https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/resources/strings.py#L1030
// Left out: platform-builder, log-pulling and tag-update texts (no deploy
// emits them). See docs/deploy-decision.md.
//
// Beyond the EB CLI's texts, the wait classifies events the way the failures
// in public deploy logs look (docs/deploy-decision.md, "Events the EB CLI
// does not know"): an ERROR or FATAL event of our deploy, or an event shaped
// like a failed command whatever its severity, is an error of the deploy;
// health transitions never are (the colour and the recovery window judge
// those), and WARN alone is not (Beanstalk's ECS hook warns "Failed to start
// ECS task, retrying..." before a retry that may succeed).
const FAILED_DEPLOY_MESSAGE = 'Failed to deploy application.';
/** event.failedupdate: Beanstalk put the environment back the way it was before the operation. */
const REVERTED_MESSAGE = 'The environment was reverted to the previous configuration setting.';
/** event.redmessage (basic health). */
const HEALTH_RED_MESSAGE = 'Environment health has been set to RED';
const UPDATE_COMPLETED_MESSAGE = 'Environment update completed successfully.';
const LAUNCH_SUCCEEDED_PREFIX = 'Successfully launched environment:';
const PROCESSING_FINISHED_PREFIX = 'Finished processing application version';
/** The EB CLI's failure texts a deploy, a launch or a configuration update can produce. */
const FAILURE_TEXTS = [
    { text: FAILED_DEPLOY_MESSAGE, match: 'whole', kind: 'failed' }, // event.faileddeploy
    { text: 'Failed to deploy configuration.', match: 'whole', kind: 'failed' }, // event.updatefailed
    { text: 'Failed to launch environment.', match: 'whole', kind: 'failed' }, // event.failedlaunch
    { text: REVERTED_MESSAGE, match: 'whole', kind: 'reverted' }, // event.failedupdate
    { text: HEALTH_RED_MESSAGE, match: 'whole', kind: 'health-red' }, // event.redmessage
    // event.updatebad / event.launchbad (the latter without its full stop, as the EB CLI has it).
    { text: 'Update environment operation is complete, but with errors.', match: 'start', kind: 'failed' },
    { text: 'Create environment operation is complete, but with errors', match: 'start', kind: 'failed' },
    // create.ecsdockerrun1: the EB CLI raises NotSupportedError (a v1 Dockerrun on the ECS platform).
    {
        text: 'ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion:',
        match: 'start',
        kind: 'failed'
    }
];
/** Which failure an event is, if any (`versionLabel`: processing failures of other versions are not ours). */
function failureKind(event, versionLabel) {
    const message = event.message;
    for (const entry of FAILURE_TEXTS) {
        if (entry.match === 'whole' ? message === entry.text : message.startsWith(entry.text))
            return entry.kind;
    }
    // event.launched_environment with "However, there were issues during launch."
    if (message.startsWith('Launched environment') &&
        message.includes('However, there were issues during launch.'))
        return 'failed';
    // appversion.finished … FAILED.
    if (message.startsWith(PROCESSING_FINISHED_PREFIX) &&
        message.endsWith('FAILED.') &&
        (event.versionLabel === undefined || event.versionLabel === versionLabel))
        return 'processing-failed';
    return undefined;
}
/**
 * Failures whatever their severity: shapes seen in public deploy logs (sources in docs/deploy-decision.md).
 * An INFO "Command execution completed on all instances. Summary: [Successful: 0, Failed: 1]." came before
 * Beanstalk's own "completed successfully" on a deploy that never ran (eb_deployer#10); the same summary counts
 * timed-out instances as `TimedOut: 1`, so any counter but `Successful` above zero is a failed command.
 */
const FAILURE_SHAPES = [
    /\bSummary: \[(?:[^\]]*, )?(?!Successful:)\w+: [1-9]\d*/,
    // The platform engine's per-instance verdict ("Instance deployment: The ECR service failed to authenticate
    // your private repository. The deployment failed."); "The deployment didn't install …" is only a notice.
    /\bThe deployment failed\b/,
    // The completion-with-problems family: "… operation is complete, but with errors." / "… but with command
    // timeouts. Try increasing the timeout period." (troubleshooting-deployments.html).
    /\bcomplete(?:d)?, but with\b/i,
    /\bAborting the operation\b/,
    /^During an aborted deployment\b/,
    /\babort deployment\b/i,
    /^Failed to (?:deploy|launch environment|build Docker image|pull Docker image|download)\b/,
    /^Activity execution failed\b/,
    // Per-instance failures, with or without an "[Instance: i-…]" prefix (held-out samples, 2026-12-07).
    /\bInstance deployment failed\b/,
    /\bCommand failed on instance\b/,
    // The Docker platform's verdict on a container that exited ("The Docker container unexpectedly ended after it
    // was started", Docker on AL2023; wait11 notes).
    /\bcontainer unexpectedly ended\b/i,
    // CloudFormation under the environment: "Updating Auto Scaling group named: … failed Reason: …", "Creating
    // Auto Scaling launch configuration failed Reason: …", "Stack named '…' aborted operation. Current state: …"
    // (aws-elastic-beanstalk-cli#528, instance-scheduler-on-aws#705).
    /\bfailed\.? Reason: /,
    /\bStack named '[^']*' aborted operation\b/
];
/** Enhanced ("has transitioned from Ok to Severe") and basic ("has been set to RED") health events. */
function isHealthTransition(message) {
    return /^Environment health has (?:transitioned|been set)\b/.test(message);
}
/**
 * An error of the deploy the EB CLI has no text for: ERROR or FATAL, or a failure shape whatever the
 * severity. Health transitions are the colour's to judge; an event without a request id that names another
 * version (its processing, say) is about that version, not our deploy.
 */
function isErrorEvent(event, versionLabel) {
    if (isHealthTransition(event.message))
        return false;
    if (event.requestId === undefined &&
        event.versionLabel !== undefined &&
        event.versionLabel !== versionLabel)
        return false;
    if (event.severity === 'ERROR' || event.severity === 'FATAL')
        return true;
    return FAILURE_SHAPES.some(shape => shape.test(event.message));
}
/** The EB CLI's success events of an environment operation: it stops waiting at the first one. */
function isCompletionEvent(event) {
    return event.message === UPDATE_COMPLETED_MESSAGE || event.message.startsWith(LAUNCH_SUCCEEDED_PREFIX);
}


/***/ }),

/***/ 8259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FB: () => (/* binding */ loadHistory),
/* harmony export */   KU: () => (/* binding */ HistoryStore),
/* harmony export */   M$: () => (/* binding */ lastGoodVersion),
/* harmony export */   s4: () => (/* binding */ emptyHistory)
/* harmony export */ });
/* unused harmony exports HISTORY_LIMIT, HistoryUnreadableError, historyKey, parseHistory, appendEntry, serialiseHistory, saveHistory, recordEntry */
/* harmony import */ var _adapters_beanstalk_storage_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97475);
/* harmony import */ var _adapters_s3_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70200);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
// The deploy history of one environment: a small JSON record the action keeps
// in the bundle bucket at `<application>/_history/<environment>.json`, one
// entry appended after each deploy or rollback (label, commit, date, result).
// Rollbacks choose their target from it — never by guessing from dates or
// version names — and cleanup keeps the versions it points back to.
//
// One file per environment, so concurrent deploys to several environments
// never write the same object; two jobs deploying the same environment at
// once cannot both succeed anyway (Beanstalk refuses the second update).



/** Entries kept per environment: enough to roll back far, small enough to read on every deploy. */
const HISTORY_LIMIT = 100;
class HistoryUnreadableError extends Error {
    constructor(key) {
        super(`The deploy history ${key} is not valid JSON`);
        this.name = 'HistoryUnreadableError';
    }
}
function historyKey(application, environment) {
    return `${application}/_history/${environment}.json`;
}
function emptyHistory(application, environment) {
    return { application, environment, entries: [] };
}
/** Reads the stored JSON; entries that are not well formed are dropped rather than trusted. */
function parseHistory(text, application, environment) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new HistoryUnreadableError(historyKey(application, environment));
    }
    const raw = parsed?.entries;
    const entries = Array.isArray(raw) ? raw.filter(isEntry) : [];
    return { application, environment, entries };
}
function isEntry(value) {
    if (!value || typeof value !== 'object')
        return false;
    const entry = value;
    return (typeof entry.versionLabel === 'string' &&
        entry.versionLabel !== '' &&
        typeof entry.date === 'string' &&
        (entry.result === 'succeeded' || entry.result === 'failed') &&
        (entry.commit === undefined || typeof entry.commit === 'string') &&
        (entry.kind === 'deploy' || entry.kind === 'rollback' || entry.kind === 'auto-rollback'));
}
function appendEntry(history, entry, limit = HISTORY_LIMIT) {
    return { ...history, entries: [...history.entries, entry].slice(-limit) };
}
function serialiseHistory(history) {
    return `${JSON.stringify({ schema: 1, ...history }, null, 2)}\n`;
}
/**
 * The newest version that succeeded on the environment and is not one of
 * `exclude` (the version running now, or the one that just failed), among
 * versions that still exist when `exists` is given.
 */
function lastGoodVersion(history, exclude, exists) {
    for (let index = history.entries.length - 1; index >= 0; index--) {
        const entry = history.entries[index];
        if (entry.result !== 'succeeded' || exclude.includes(entry.versionLabel))
            continue;
        if (exists && !exists(entry.versionLabel))
            continue;
        return entry;
    }
    return undefined;
}
async function loadHistory(s3, bucket, application, environment) {
    const text = await (0,_adapters_s3_js__WEBPACK_IMPORTED_MODULE_1__/* .getObjectText */ .TQ)(s3, bucket, historyKey(application, environment));
    return text === undefined || text.trim() === ''
        ? emptyHistory(application, environment)
        : parseHistory(text, application, environment);
}
async function saveHistory(s3, bucket, history) {
    await (0,_adapters_s3_js__WEBPACK_IMPORTED_MODULE_1__/* .putObjectText */ .ev)(s3, {
        bucket,
        key: historyKey(history.application, history.environment),
        body: serialiseHistory(history),
        contentType: 'application/json'
    });
}
/** Read, append, write: the history after the entry. An unreadable file is replaced, not kept failing every deploy. */
async function recordEntry(s3, bucket, application, environment, entry) {
    const stored = await loadHistory(s3, bucket, application, environment).catch((error) => {
        if (error instanceof HistoryUnreadableError)
            return emptyHistory(application, environment);
        throw error;
    });
    const history = appendEntry(stored, entry);
    await saveHistory(s3, bucket, history);
    return history;
}
/**
 * The histories of one run: the bucket resolved once (the `bucket` input or
 * Beanstalk's storage bucket), and writes whose failure is a warning — the
 * deploy itself has happened either way.
 */
class HistoryStore {
    clients;
    bucketInput;
    log;
    bucketName;
    constructor(clients, bucketInput, log) {
        this.clients = clients;
        this.bucketInput = bucketInput;
        this.log = log;
    }
    bucket() {
        this.bucketName ??= (0,_adapters_beanstalk_storage_js__WEBPACK_IMPORTED_MODULE_0__/* .storageBucket */ .i)(this.clients.beanstalk, this.bucketInput);
        return this.bucketName;
    }
    async load(application, environment) {
        return loadHistory(this.clients.s3, await this.bucket(), application, environment);
    }
    async record(application, environment, entry) {
        try {
            await recordEntry(this.clients.s3, await this.bucket(), application, environment, entry);
        }
        catch (error) {
            this.log.warning(`Could not record ${entry.versionLabel} (${entry.result}) in the deploy history of ${environment}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        }
    }
}


/***/ }),

/***/ 91252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  nP: () => (/* binding */ DEFAULT_RECOVERY_MS),
  LD: () => (/* binding */ decide),
  qF: () => (/* binding */ formatEvent),
  Vx: () => (/* binding */ isOurEvent),
  XG: () => (/* binding */ isStillUpdating),
  l7: () => (/* binding */ timeoutMessage)
});

// UNUSED EXPORTS: DECISION_TABLE, FAILED_DEPLOY_MESSAGE, isFailedDeploymentCause, isOperationRunning

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(98571);
// EXTERNAL MODULE: ./src/deploy/failure-events.ts
var failure_events = __webpack_require__(58307);
;// CONCATENATED MODULE: ./src/deploy/decision-table.ts
// The wait's decision table (wait-decision.ts decides by it): every outcome of decide() is one row, in order,
// and every row names its source. docs/deploy-decision.md has the same table with the reasoning, and
// __tests__/unit/deploy/wait-decision.test.ts checks both have every row.
const EB_CLI_COMMONOPS = 'https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/operations/commonops.py#L249';
const MODEL_HEALTH = 'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (Health; botocore elasticbeanstalk/2010-12-01/service-2.json)';
const WAITER = 'https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/waiters-2.json (EnvironmentUpdated: retry while Updating)';
const HEALTH_DOCS = {
    status: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html',
    enhanced: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html',
    cancel: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rollingupdates.cancel.html'
};
const RECOVERY = 'https://github.com/einaregilsson/beanstalk-deploy/blob/01e11095f02493bf4c9d37f9791d9caf0b1a6d74/beanstalk-deploy.js#L385 (wait_for_environment_recovery); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html';
/** First matching row wins; the order is the table's. */
const DECISION_TABLE = [
    {
        id: 'environment-gone',
        outcome: 'failure',
        when: 'DescribeEnvironments no longer lists the environment',
        source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_DescribeEnvironments.html'
    },
    {
        id: 'environment-terminating',
        outcome: 'failure',
        when: 'Status Terminating or Terminated',
        source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (Status: "Terminating: Environment is in the shut-down process")'
    },
    {
        id: 'reverted-event',
        outcome: 'failure',
        when: 'our event "The environment was reverted to the previous configuration setting." (any colour)',
        source: `${EB_CLI_COMMONOPS} (event.failedupdate)`
    },
    {
        id: 'failure-event',
        outcome: 'failure',
        when: 'our event is one of the EB CLI failure texts, e.g. "Failed to deploy application.", "Update environment operation is complete, but with errors." (any colour)',
        source: `${EB_CLI_COMMONOPS} (_raise_if_error_event)`
    },
    {
        id: 'health-red-event',
        outcome: 'failure',
        when: '"Environment health has been set to RED" before the update completed (the EB CLI stops watching at "Environment update completed successfully."; later ones belong to the recovery window)',
        source: `${EB_CLI_COMMONOPS} (event.redmessage; _is_success_event ends the wait)`
    },
    {
        id: 'processing-failed-event',
        outcome: 'failure',
        when: '"Finished processing application version … FAILED." for our version',
        source: `${EB_CLI_COMMONOPS} (appversion.finished … FAILED.)`
    },
    {
        id: 'not-ready',
        outcome: 'wait',
        when: 'Status Updating, Launching, Aborting, LinkingFrom or LinkingTo (health is Grey: checks are suspended during an update)',
        source: `${WAITER}; ${MODEL_HEALTH}`
    },
    {
        id: 'error-event',
        outcome: 'failure',
        when: 'Ready (any colour, any version) after an error event of our deploy the EB CLI has no text for: ERROR or FATAL (not a health transition), or a failed command\'s shape whatever the severity ("Summary: [Successful: 0, Failed: 1]", "… complete(d), but with errors", "Aborting the operation", "During an aborted deployment", "Failed to deploy …"); with our request id, or without one only after our completion event; reported as a revert when Beanstalk is back on another version, unless a health cause read at that look says instances still run another ("Incorrect application version found on 3 out of 5 instances") or an abort was seen: then a failure that is rolled back',
        source: 'https://github.com/ThoughtWorksStudios/eb_deployer/issues/10 (Command failed on instance, then "completed successfully"); https://github.com/einaregilsson/beanstalk-deploy/issues/86 (ERROR events, no "Failed to deploy application." seen); https://github.com/aws/elastic-beanstalk-roadmap/issues/162; docs/deploy-decision.md'
    },
    {
        id: 'update-not-started',
        outcome: 'wait',
        when: 'Ready on another version, and no poll has seen the environment leave Ready yet',
        source: 'https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/examples-1.json (UpdateEnvironment answers Status Updating: the update is asynchronous)'
    },
    {
        id: 'reverted-version',
        outcome: 'failure',
        when: 'Ready on another version after the update ran: Beanstalk kept or restored the previous version; unless a health cause says instances still run another ("Incorrect application version …"): an in-place deploy that failed part-way resets only the expected version, so it is a failure that is rolled back',
        source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (VersionLabel: "The application version deployed in this environment"); botocore examples-1.json UpdateEnvironment (the new label is shown while Updating); https://github.com/ingenieux/awseb-deployment-plugin/issues/69 ("a deploy can fail and the status goes back to ready and the environment health goes back to green"); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html (all at once, rolling: "Rollback process: Manual redeploy"); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html ("Incorrect application version found on 3 out of 5 instances")'
    },
    {
        id: 'aborted',
        outcome: 'failure',
        when: 'Ready (on any version) after a poll saw Status Aborting: the update was cancelled part-way (AbortEnvironmentUpdate, its own request, so its events need not carry our request id)',
        source: `${HEALTH_DOCS.cancel} ("some instances will have the new application version and others will continue to run the existing application version"); ${MODEL_HEALTH} (Status Aborting)`
    },
    {
        id: 'failed-deployment-cause',
        outcome: 'wait',
        when: 'Ready on our version, and a health cause says the deployment failed on instances ("Incorrect application version found on …", "Command failed on …"): never success, whatever the colour; it fails as unhealthy when the recovery window ends',
        source: `${HEALTH_DOCS.status} (Degraded / Warning causes; "If a deployment fails, the expected version is reset to the version from the most recent successful deployment")`
    },
    {
        id: 'health-pending',
        outcome: 'wait',
        when: 'Ready and Green on our version but HealthStatus Info or Pending, or the update neither left Ready nor logged its completion yet, for less than the recovery window: the new version is not judged yet (Info: "a new application version is being deployed"); after the window, Green succeeds',
        source: `${HEALTH_DOCS.status}; https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/examples-1.json (DescribeEvents: "transitioned from Info to Ok" after the update completed)`
    },
    {
        id: 'green',
        outcome: 'success',
        when: 'Ready, Green, on our version',
        source: `${MODEL_HEALTH} ("Green: Indicates the environment is healthy and fully functional")`
    },
    {
        id: 'yellow-allowed',
        outcome: 'success',
        when: 'Ready, Yellow, on our version, with allow-yellow: true',
        source: "https://github.com/aws-actions/aws-elasticbeanstalk-deploy (AWS's own action accepts Yellow); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html (Warning: moderate request failures)"
    },
    {
        id: 'settling',
        outcome: 'wait',
        when: 'Ready on our version but Red, Grey, or Yellow without allow-yellow, for less than the recovery window since the wait first saw it Ready there',
        source: RECOVERY
    },
    {
        id: 'unhealthy-after-window',
        outcome: 'failure',
        when: 'the same, once the recovery window has passed (persistent Yellow without allow-yellow fails here, not at wait-timeout)',
        source: RECOVERY
    }
];

;// CONCATENATED MODULE: ./src/deploy/wait-decision.ts
// Pure: what the wait loop saw → keep waiting, done, or failed (and why).
// Every outcome comes from one row of DECISION_TABLE, and every row names its
// source (docs/deploy-decision.md has the same table, with the reasoning).
// In short: an EB CLI failure event of our deploy fails it whatever the
// colour; any other error event of our deploy (ERROR / FATAL, or a failed
// command's shape) fails it once Beanstalk has finished the update, whatever
// the colour; Ready on our version and Green (Yellow with allow-yellow) succeeds;
// Red, Yellow and Grey on our version after the update completed are
// "settling" for the recovery window (health lags the update on AWS), and fail
// when it ends; Ready on another version after the update ran is a revert.




/**
 * The default recovery window (input `health-recovery-window`): 3 minutes.
 * Public deploy logs show Red → Yellow → Green within one to two minutes of
 * "Environment update completed successfully." (docs/deploy-decision.md);
 * enhanced health is recomputed every 10 s and judged over a minute
 * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html).
 * einaregilsson/beanstalk-deploy's 30 s default is the one its users raise.
 */
const DEFAULT_RECOVERY_MS = 180_000;
/** Events of our deploy: by request id when both sides carry one, otherwise by time. */
function isOurEvent(event, since, requestId) {
    if (requestId && event.requestId)
        return event.requestId === requestId;
    return event.date.getTime() >= since.getTime();
}
const wait = (rule, reason) => ({ kind: 'wait', rule, reason });
const fail = (rule, failure, reason) => ({
    kind: 'failure',
    rule,
    failure,
    reason
});
function decide(input) {
    const { environment, versionLabel } = input;
    const ours = oldestFirst(input.events.filter(event => isOurEvent(event, input.since, input.requestId)));
    if (!environment)
        return fail('environment-gone', 'gone', 'the environment no longer exists');
    const name = environment.name;
    if (environment.status === 'Terminating' || environment.status === 'Terminated') {
        return fail('environment-terminating', 'gone', `environment ${name} is ${environment.status} — it was terminated during the deploy`);
    }
    const eventFailure = failureFromEvents(ours, versionLabel);
    if (eventFailure) {
        const { kind, event } = eventFailure;
        const detail = failureDetail(ours, event, input.causes, versionLabel);
        if (kind === 'reverted') {
            return fail('reverted-event', 'reverted', `deploying ${versionLabel} to ${name} failed and Beanstalk reverted the environment to ${revertedTo(environment, versionLabel)}: ${detail}`);
        }
        const rule = kind === 'health-red'
            ? 'health-red-event'
            : kind === 'processing-failed'
                ? 'processing-failed-event'
                : 'failure-event';
        return fail(rule, 'failed', `deploying ${versionLabel} to ${name} failed: ${detail}`);
    }
    // An error the EB CLI has no text for: wait for Beanstalk to finish the update (it may still revert, and the
    // rollback needs a Ready environment), then fail whatever the colour.
    const errorEvent = ours.find(event => (0,failure_events/* isErrorEvent */.T2)(event, versionLabel) && isErrorOfOurUpdate(event, ours, input.requestId));
    if (environment.status !== 'Ready') {
        const seen = errorEvent
            ? ` (error seen: ${errorEvent.message}; waiting for Beanstalk to end the update)`
            : '';
        return wait('not-ready', `${name} is ${environment.status ?? 'in an unknown state'}${seen}`);
    }
    if (errorEvent) {
        const detail = failureDetail(ours, errorEvent, input.causes, versionLabel);
        if (environment.versionLabel !== versionLabel) {
            // A cancelled update (Aborting seen) leaves instances on either version, as a part-way failure does.
            const mixed = freshMismatch(environment.health, input.causes) ??
                (input.abortSeen ? 'the update was aborted (Status Aborting)' : undefined);
            return fail('error-event', mixed ? 'failed' : 'reverted', mixed
                ? `deploying ${versionLabel} to ${name} failed; Beanstalk reset its expected version to ${revertedTo(environment, versionLabel)}, but instances may still run another (${mixed}): ${detail}`
                : `deploying ${versionLabel} to ${name} failed and Beanstalk kept ${revertedTo(environment, versionLabel)}: ${detail}`);
        }
        return fail('error-event', 'failed', `deploying ${versionLabel} to ${name} failed: ${detail}`);
    }
    const health = environment.health ?? 'Grey';
    // An abort leaves instances on either version whatever label the environment shows (a cancelled rolling deploy:
    // "some instances will have the new application version"): a failure, whose rollback updates nothing when the
    // environment turns out Ready and Green on the last good version everywhere.
    if (input.abortSeen) {
        return fail('aborted', 'failed', `the update of ${name} to ${versionLabel} was aborted (Status Aborting): Beanstalk stopped it part-way, so instances may run either version${detailSuffix(ours, input.causes, versionLabel)}`);
    }
    if (environment.versionLabel !== versionLabel) {
        if (input.leftReady) {
            // An in-place deploy (all at once, rolling) that failed part-way only resets the expected version: the
            // instances it reached keep ours, and health says so ("Incorrect application version found on 3 out of 5
            // instances"). AWS: "Rollback process: Manual redeploy"
            // (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html).
            const mixed = freshMismatch(health, input.causes);
            if (mixed) {
                return fail('reverted-version', 'failed', `${name} is Ready on version ${environment.versionLabel ?? '(none)'}, not ${versionLabel}: the update failed part-way and Beanstalk reset the expected version, but instances still run another (${mixed})${detailSuffix(ours, input.causes, versionLabel)}`);
            }
            return fail('reverted-version', 'reverted', `${name} is Ready on version ${environment.versionLabel ?? '(none)'}, not ${versionLabel}: the update ended without deploying it (Beanstalk kept or restored the previous version)${detailSuffix(ours, input.causes, versionLabel)}`);
        }
        return wait('update-not-started', `${name} is Ready on ${environment.versionLabel ?? '(none)'}, the update to ${versionLabel} has not started`);
    }
    const windowMs = input.recoveryMs ?? DEFAULT_RECOVERY_MS;
    const settlingFor = input.settlingForMs ?? 0;
    const shown = `${health}${environment.healthStatus ? ` (${environment.healthStatus})` : ''}`;
    // Causes are read only while the environment is not Green: once Green, those of an earlier look are stale.
    const failedCause = health === 'Green' ? undefined : input.causes.find(isFailedDeploymentCause);
    if (!failedCause) {
        if (health === 'Green') {
            // Info / Pending: Green while an operation is in progress, before the new version is judged; a Green read
            // before the update ever showed (a re-deployed label) is the previous deploy's.
            const started = input.leftReady || ours.some(failure_events/* isCompletionEvent */.Nu);
            if (settlingFor < windowMs && (PENDING_STATUS.has(environment.healthStatus ?? '') || !started)) {
                return wait('health-pending', `${name} is ${shown} on ${versionLabel}, ${started ? 'but Beanstalk has not judged the new version yet' : 'but the update has not shown yet'}: waiting up to ${(0,duration/* formatDuration */.a)(windowMs)} (health-recovery-window)`);
            }
            return { kind: 'success', rule: 'green' };
        }
        if (health === 'Yellow' && input.allowYellow)
            return { kind: 'success', rule: 'yellow-allowed' };
    }
    const yellowNote = health === 'Yellow' && !failedCause ? ', allow-yellow is off' : '';
    if (settlingFor < windowMs) {
        if (failedCause) {
            return wait('failed-deployment-cause', `${name} is ${shown} on ${versionLabel} and its health says the deployment failed on instances (${failedCause}): waiting up to ${(0,duration/* formatDuration */.a)(windowMs)} for it to recover (health-recovery-window)`);
        }
        return wait('settling', `${name} completed the update to ${versionLabel} and is ${shown}: health often lags an update, waiting up to ${(0,duration/* formatDuration */.a)(windowMs)} for it to recover (health-recovery-window${yellowNote})`);
    }
    if (health === 'Grey') {
        return fail('no-health-data', 'no-health', `${name} has reported no health for ${versionLabel} (${shown}) ${(0,duration/* formatDuration */.a)(settlingFor)} after the update completed, so nothing shows the app works: with enhanced health the instance profile needs elasticbeanstalk:PutInstanceStatistics (AWSElasticBeanstalkWebTier), see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html${detailSuffix(ours, input.causes, versionLabel)}`);
    }
    return fail('unhealthy-after-window', 'unhealthy', `${name} is ${shown} on ${versionLabel} ${(0,duration/* formatDuration */.a)(settlingFor)} after the update completed (health-recovery-window ${(0,duration/* formatDuration */.a)(windowMs)}${yellowNote})${detailSuffix(ours, input.causes, versionLabel)}`);
}
/**
 * A cause saying instances run another version than the one expected, when it describes this look: the wait reads
 * causes only while Red or Yellow, so under Green or Grey they are an earlier look's (one read while the update
 * ran), and a Green environment runs one version everywhere.
 */
function freshMismatch(health, causes) {
    // Only the version mismatch says instances still run ours: a failed command is as true of a clean revert.
    return health === 'Red' || health === 'Yellow'
        ? causes.find(cause => /\bIncorrect application version\b/i.test(cause))
        : undefined;
}
/** Enhanced-health statuses of a Green environment whose new version is not judged yet. */
const PENDING_STATUS = new Set(['Info', 'Pending']);
/**
 * Causes that say the deployment itself failed on instances (health-enhanced-status.html: "Incorrect application
 * version found on 3 out of 5 instances. Expected version "v1" (deployment 1).", "Command failed on all instances."):
 * no colour makes such a version a success.
 */
function isFailedDeploymentCause(cause) {
    return /\bIncorrect application version\b|\bCommand failed on\b|\bApplication (?:update|deployment) failed\b/i.test(cause);
}
function oldestFirst(events) {
    return [...events].sort((a, b) => a.date.getTime() - b.date.getTime());
}
/**
 * The first failure event of our deploy. "Environment health has been set to
 * RED" counts only before the update's completion event: the EB CLI stops
 * watching there, and the Red that follows is the recovery window's to judge.
 */
function failureFromEvents(ours, versionLabel) {
    const completed = ours.find(failure_events/* isCompletionEvent */.Nu);
    // A revert wins over the failure events around it: it says where the environment is now.
    const reverted = ours.find(event => (0,failure_events/* failureKind */.zU)(event, versionLabel) === 'reverted');
    if (reverted)
        return { kind: 'reverted', event: reverted };
    for (const event of ours) {
        const kind = (0,failure_events/* failureKind */.zU)(event, versionLabel);
        if (!kind)
            continue;
        if (kind === 'health-red' && completed && event.date.getTime() > completed.date.getTime())
            continue;
        return { kind, event };
    }
    return undefined;
}
/**
 * Whether an error event speaks for our update. The EB CLI asks DescribeEvents for its request id, so the
 * deploy's own events (every text it fails on) carry it; an event without one, when we know ours, may be the
 * previous version's (a crashing task replaced by a fix-forward deploy): it counts only after our update's
 * completion event, once the previous version is gone.
 */
function isErrorOfOurUpdate(event, ours, requestId) {
    if (!requestId || event.requestId !== undefined)
        return true;
    const completed = ours.find(failure_events/* isCompletionEvent */.Nu);
    return completed !== undefined && event.date.getTime() > completed.date.getTime();
}
function revertedTo(environment, versionLabel) {
    return environment.versionLabel && environment.versionLabel !== versionLabel
        ? `version ${environment.versionLabel}`
        : 'its previous configuration';
}
/** ERROR / FATAL events and failed commands' shapes at any severity (isErrorEvent), oldest first. */
function isWorthQuoting(event, versionLabel) {
    return event.severity === 'ERROR' || event.severity === 'FATAL' || (0,failure_events/* isErrorEvent */.T2)(event, versionLabel);
}
function errorMessages(events, versionLabel) {
    return events.filter(event => isWorthQuoting(event, versionLabel)).map(event => event.message);
}
/** The error events, oldest first, with the failure event among them whatever its severity. */
function failureDetail(events, failing, causes, versionLabel) {
    const errors = events
        .filter(event => event === failing || isWorthQuoting(event, versionLabel))
        .map(event => event.message);
    const parts = [errors.join(' | ')];
    if (causes.length > 0)
        parts.push(`causes: ${causes.join('; ')}`);
    return parts.join(' — ');
}
function detailSuffix(events, causes, versionLabel) {
    const errors = errorMessages(events, versionLabel);
    return [
        ...(causes.length > 0 ? [`causes: ${causes.join('; ')}`] : []),
        ...(errors.length > 0 ? [`errors: ${errors.join(' | ')}`] : [])
    ]
        .map(part => ` — ${part}`)
        .join('');
}
/** One job-log line per event: `2026-11-25T14:03:05Z INFO  Environment update is starting.` (no `::` commands). */
function formatEvent(event) {
    const time = event.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const message = event.message.replace(/::/g, ': :').replace(/\r?\n/g, ' ');
    return `${time} ${event.severity.padEnd(5)} ${message}`;
}
/** The timeout message: what the loop last saw, so the log says why it never became healthy. */
/** Statuses of an operation Beanstalk has not ended (EnvironmentDescription.Status). */
const NOT_ENDED = new Set(['Launching', 'Updating', 'Aborting', 'LinkingFrom', 'LinkingTo']);
/** Beanstalk has not ended the environment's operation: a wait that ends now ends before Beanstalk does. */
function isOperationRunning(status) {
    return NOT_ENDED.has(status ?? '');
}
/** A wait that ends now leaves an update that may yet succeed (not an abort, which never does): no rollback. */
function isStillUpdating(status) {
    return isOperationRunning(status) && status !== 'Aborting';
}
function timeoutMessage(input) {
    const env = input.environment;
    const seen = env
        ? `last seen: Status ${env.status ?? '?'}, Health ${env.health ?? '?'}${env.healthStatus ? ` (${env.healthStatus})` : ''}, version ${env.versionLabel ?? '(none)'}`
        : 'the environment was never seen';
    const event = input.lastEvent ? `; last event: ${formatEvent(input.lastEvent)}` : '; no events';
    const causes = input.causes.length > 0 ? `; causes: ${input.causes.join('; ')}` : '';
    const error = input.errorEvent ? `; error seen: ${formatEvent(input.errorEvent)}` : '';
    const still = env?.status === 'Aborting'
        ? '; Beanstalk is still aborting the update: instances may run either version'
        : isStillUpdating(env?.status)
            ? `; Beanstalk is still updating it and may yet finish: raise wait-timeout if deploys take this long (Immutable and traffic-splitting deploys launch new instances, and traffic splitting adds its evaluation time)`
            : '';
    return `Timed out after ${(0,duration/* formatDuration */.a)(input.waitedMs)} waiting for ${input.environmentName} to be Ready and ${input.allowYellow ? 'Green or Yellow' : 'Green'} on ${input.versionLabel} — ${seen}${error}${event}${causes}${still}`;
}


/***/ }),

/***/ 65158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ waitForDeploy),
/* harmony export */   P2: () => (/* binding */ DeployFailedError)
/* harmony export */ });
/* unused harmony exports DEPLOY_POLL_MS, annotationTitle */
/* harmony import */ var _adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93161);
/* harmony import */ var _adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97206);
/* harmony import */ var _adapters_clock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33350);
/* harmony import */ var _adapters_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20133);
/* harmony import */ var _wait_decision_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(91252);
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98571);
/* harmony import */ var _failure_events_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(58307);
/* harmony import */ var _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(26277);
// The wait after UpdateEnvironment: poll the environment and its events until
// decide() says success or failure, or the overall timeout passes. Every new
// event is printed as it arrives (oldest first), health causes when they
// change. While Green a poll costs two calls (DescribeEnvironments +
// DescribeEvents), health is asked only otherwise.
//
// When to look (DEPLOY_POLL_MS): the update's own answer says Updating, so the
// first look waits one interval. Then six looks 0.5 s apart, where a quick
// update lands, and the intervals grow on from there by half (0.75 s, 1.1 s,
// 1.7 s …) up to 15 s, back to 1 s whenever an event or a state change shows
// progress (the end is often near: "Deploying new version" comes seconds
// before "Environment update completed"). A quick update is seen within half a
// second, a slower one within about a third of the time it took or a second
// after its last event; a long deploy pays about two polls per event more than
// 2 s growing from the start would make (each poll two calls at most). A poll
// AWS throttles (after the SDK's own retries) is no failure: the loop slows
// down and looks again.
//
// What counts as success, failure or "still settling" is decide()'s table
// (wait-decision.ts, docs/deploy-decision.md). Once the environment is Ready on our
// version but not yet healthy, the recovery window runs from the first poll
// that saw it so, and the last look lands on the window's end, so a health
// that never recovers fails then, not at the next backed-off poll.
//
// ERROR / WARN events of our deploy and health causes are also annotations
// titled with the environment, so a failed deploy's reason is on the run's
// page. Enhanced health is recomputed every 10 seconds: causes computed before
// our update (RefreshedAt earlier than it) belong to the previous deploy and
// are neither printed nor used as this deploy's.








/** How far back each look asks for events again: DescribeEvents is not an append-only list in EventDate order. */
const EVENT_LISTING_LAG_MS = 60_000;
/** Quick looks right after the update, then 2 s growing by half to 15 s. */
const DEPLOY_POLL_MS = { quick: { ms: 500, polls: 6 }, first: 1_000, max: 15_000 };
class DeployFailedError extends Error {
    environment;
    events;
    causes;
    timedOut;
    kind;
    constructor(message, environment, events, causes, timedOut, 
    /**
     * What the failure was (wait-decision.ts); for a timeout, `still-updating` when Beanstalk had not ended the
     * update, undefined when it had (Ready, but never Green on our version).
     */
    kind) {
        super(message);
        this.environment = environment;
        this.events = events;
        this.causes = causes;
        this.timedOut = timedOut;
        this.kind = kind;
        this.name = 'DeployFailedError';
    }
}
async function waitForDeploy(beanstalk, options) {
    const clock = options.clock ?? _adapters_clock_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .m;
    const log = options.log ?? _adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .actionsLogger */ .MV;
    const started = clock.now();
    const deadline = started + options.timeoutMs;
    const backoff = _adapters_clock_js__WEBPACK_IMPORTED_MODULE_2__/* .Backoff */ .n.of(options.pollMs ?? DEPLOY_POLL_MS);
    const seen = new Set();
    const events = [];
    let lastEventTime = options.since.getTime() - 1;
    let causes = [];
    let healthAvailable = true;
    let leftReady = false;
    let abortSeen = false;
    let last;
    let lastState = '';
    let polls = 0;
    const recoveryMs = options.recoveryMs ?? _wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_RECOVERY_MS */ .nP;
    /** Clock time of the first poll that saw the environment Ready on our version (reset when it leaves Ready). */
    let readySince;
    let settlingAnnounced = false;
    const title = annotationTitle(options.environmentName);
    const annotatedCauses = new Set();
    const refreshCauses = async (health) => {
        if (!healthAvailable)
            return false;
        const fetched = await (0,_adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__/* .fetchCauses */ .r0)(beanstalk, options.environmentName).catch((error) => {
            if (!(0,_adapters_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isThrottled */ .B5)(error))
                throw error;
            backoff.slowDown();
            // No news: the causes stay what they were.
            const unchanged = { causes };
            return unchanged;
        });
        if (fetched === undefined) {
            healthAvailable = false;
            return false;
        }
        const stale = fetched.refreshedAt !== undefined && fetched.refreshedAt < options.since;
        if (stale && fetched.causes.length > 0) {
            (0,_adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .debug */ .Yz)(`wait ${options.environmentName}: health causes refreshed at ${fetched.refreshedAt?.toISOString()}, before the update: not this deploy's (${fetched.causes.join('; ')})`);
        }
        const current = stale ? [] : fetched.causes;
        const changed = current.join('\n') !== causes.join('\n');
        causes = current;
        if (changed && current.length > 0) {
            log.info(`Health causes: ${current.join('; ')}`);
            for (const cause of current.filter(cause => !annotatedCauses.has(cause))) {
                annotatedCauses.add(cause);
                if (health === 'Red')
                    log.error(cause, title);
                else
                    log.warning(cause, title);
            }
        }
        return changed;
    };
    for (;;) {
        const remaining = Math.max(0, deadline - clock.now());
        // While settling, the last look is at the window's end.
        const windowLeft = readySince === undefined ? Infinity : Math.max(0, readySince + recoveryMs - clock.now());
        const pause = Math.min(backoff.next(), remaining, windowLeft);
        (0,_adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .debug */ .Yz)(`wait ${options.environmentName}: next poll in ${pause} ms (${Math.round(remaining / 1000)} s left)`);
        await clock.sleep(pause);
        polls++;
        let environment;
        let fresh;
        try {
            environment = await (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__/* .describeEnvironment */ .NE)(beanstalk, options.application, options.environmentName);
            fresh = await (0,_adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__/* .fetchEvents */ .y$)(beanstalk, {
                application: options.application,
                environmentName: options.environmentName,
                // A minute back from the newest event seen: instance-side events (the platform hook's) may be listed after
                // later-dated service events, and would fall before a cursor at the newest; `seen` drops repeats.
                startTime: new Date(Math.max(lastEventTime - EVENT_LISTING_LAG_MS, options.since.getTime()))
            });
        }
        catch (error) {
            if (!(0,_adapters_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isThrottled */ .B5)(error) || clock.now() >= deadline)
                throw error;
            log.info(`Beanstalk throttled the poll of ${options.environmentName}; looking again less often`);
            backoff.slowDown();
            continue;
        }
        last = environment ?? last;
        let changed = false;
        for (const event of fresh) {
            const key = (0,_adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__/* .eventKey */ .Mk)(event);
            if (seen.has(key))
                continue;
            seen.add(key);
            events.push(event);
            lastEventTime = Math.max(lastEventTime, event.date.getTime());
            log.info((0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .formatEvent */ .qF)(event));
            if ((0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .isOurEvent */ .Vx)(event, options.since, options.requestId))
                annotate(log, event, title, options.versionLabel);
            changed = true;
        }
        const snapshot = environment ? (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__/* .snapshotOf */ .eY)(environment) : undefined;
        if (snapshot && snapshot.status !== 'Ready')
            leftReady = true;
        if (snapshot?.status === 'Aborting')
            abortSeen = true;
        if (snapshot?.status === 'Ready' && snapshot.versionLabel === options.versionLabel)
            readySince ??= clock.now();
        else
            readySince = undefined;
        const state = snapshot ? `${snapshot.status}/${snapshot.health}/${snapshot.versionLabel}` : 'gone';
        if (state !== lastState) {
            lastState = state;
            changed = true;
        }
        if (snapshot && snapshot.health && snapshot.health !== 'Green' && snapshot.health !== 'Grey') {
            if (await refreshCauses(snapshot.health))
                changed = true;
        }
        const input = {
            environment: snapshot,
            events,
            versionLabel: options.versionLabel,
            since: options.since,
            ...(options.requestId !== undefined && { requestId: options.requestId }),
            allowYellow: options.allowYellow,
            leftReady,
            abortSeen,
            causes,
            settlingForMs: readySince === undefined ? 0 : clock.now() - readySince,
            recoveryMs
        };
        let decision = (0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .decide */ .LD)(input);
        if (decision.kind === 'failure' && causes.length === 0 && snapshot) {
            // One health look before failing, so the message carries the causes.
            await refreshCauses(snapshot.health);
            decision = (0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .decide */ .LD)({ ...input, causes });
        }
        (0,_adapters_actions_runner_logger_js__WEBPACK_IMPORTED_MODULE_7__/* .debug */ .Yz)(`wait ${options.environmentName}: poll ${polls} saw ${state}: ${decision.kind}${decision.kind === 'success' ? '' : ` (${decision.reason})`}`);
        const ours = events.filter(event => (0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .isOurEvent */ .Vx)(event, options.since, options.requestId));
        if (decision.kind === 'success') {
            if (!environment)
                throw new Error('unreachable: success without an environment');
            return { environment, events: ours, causes, polls };
        }
        if (decision.kind === 'failure') {
            throw new DeployFailedError(decision.reason, snapshot, ours, causes, false, decision.failure);
        }
        if (decision.rule === 'settling' && !settlingAnnounced) {
            settlingAnnounced = true;
            log.info(`${options.environmentName} completed the update to ${options.versionLabel} but is ${snapshot?.health ?? 'Grey'}${snapshot?.healthStatus ? ` (${snapshot.healthStatus})` : ''}: health often lags an update; giving it up to ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(recoveryMs)} to recover (health-recovery-window)`);
        }
        const left = deadline - clock.now();
        if (left <= 0) {
            if (snapshot?.health !== 'Green')
                await refreshCauses(snapshot?.health).catch(() => false);
            throw new DeployFailedError((0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .timeoutMessage */ .l7)({
                environmentName: options.environmentName,
                versionLabel: options.versionLabel,
                waitedMs: clock.now() - started,
                allowYellow: options.allowYellow,
                environment: snapshot ?? (last ? (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__/* .snapshotOf */ .eY)(last) : undefined),
                lastEvent: events.at(-1),
                causes,
                errorEvent: ours.find(event => (0,_failure_events_js__WEBPACK_IMPORTED_MODULE_6__/* .isErrorEvent */ .T2)(event, options.versionLabel))
            }), snapshot, ours, causes, true, (0,_wait_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .isStillUpdating */ .XG)(snapshot?.status) ? 'still-updating' : undefined);
        }
        if (changed)
            backoff.reset();
    }
}
/** The title of the environment's annotations on the run's page. */
function annotationTitle(environmentName) {
    return `Elastic Beanstalk ${environmentName}`;
}
/**
 * ERROR / FATAL events, and failed commands' shapes at any severity (isErrorEvent), become error annotations,
 * WARN events warnings; the rest stay log lines.
 */
function annotate(log, event, title, versionLabel) {
    if (event.severity === 'ERROR' || event.severity === 'FATAL' || (0,_failure_events_js__WEBPACK_IMPORTED_MODULE_6__/* .isErrorEvent */ .T2)(event, versionLabel))
        log.error(event.message, title);
    else if (event.severity === 'WARN')
        log.warning(event.message, title);
}


/***/ }),

/***/ 54298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hw: () => (/* binding */ deployableRows),
/* harmony export */   M4: () => (/* binding */ isDeployable),
/* harmony export */   aD: () => (/* binding */ resolveRollbackTarget),
/* harmony export */   sy: () => (/* binding */ chooseAutoRollbackTarget),
/* harmony export */   tr: () => (/* binding */ latestRecord)
/* harmony export */ });
/* unused harmony export chooseRollbackTarget */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
/* harmony import */ var _deploy_history_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8259);
// Pure: where a rollback goes. Mode `rollback` deploys the `version-label`
// input, or when empty the last version that was Green on the environment
// before the current one, read from the deploy history (never guessed from
// dates). An automatic rollback after a failed deploy goes back to what the
// environment was Green on just before. Both list the recent deployable
// versions so a person can choose.


/** Rows of the "recent deployable versions" table. */
const LISTED_VERSIONS = 15;
function isDeployable(version) {
    return version.status === 'PROCESSED' || version.status === 'UNPROCESSED';
}
/** Mode rollback, no label: the last version Green on the environment before the one it runs, if it still exists. */
function chooseRollbackTarget(history, currentLabel, deployable) {
    return (0,_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__/* .lastGoodVersion */ .M$)(history, [currentLabel], label => deployable.has(label));
}
/**
 * After a failed deploy of `failedLabel`: the version the environment was
 * Ready and Green on just before (the most direct fact), else the newest
 * success in its history other than the failed label.
 */
function chooseAutoRollbackTarget(history, failedLabel, before, deployable) {
    const exists = deployable ? (label) => deployable.has(label) : undefined;
    // A version can be gone by now: deleted by hand or by the application's version lifecycle policy, which runs
    // on every CreateApplicationVersion (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/applications-lifecycle.html).
    if (before?.versionLabel &&
        before.versionLabel !== failedLabel &&
        before.health === 'Green' &&
        (!exists || exists(before.versionLabel))) {
        return before.versionLabel;
    }
    return (0,_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__/* .lastGoodVersion */ .M$)(history, [failedLabel], exists)?.versionLabel;
}
/** The newest deployable versions with their commit and what the histories say of them. */
function deployableRows(versions, histories, running, limit = LISTED_VERSIONS) {
    return versions
        .filter(isDeployable)
        .slice(0, limit)
        .map(version => {
        const runsOn = [...running].filter(([, label]) => label === version.label).map(([name]) => name);
        const latest = latestRecord(histories, version.label);
        const status = runsOn.length > 0
            ? `running on ${runsOn.join(', ')}`
            : latest
                ? `${latest.entry.result === 'succeeded' ? 'Green' : 'failed'} on ${latest.environment} (${latest.entry.date})`
                : 'not deployed by this action';
        return {
            label: version.label,
            commit: latest?.entry.commit ?? commitOf(version.description),
            date: version.created,
            status
        };
    });
}
/** The newest history entry of the version across environments. */
function latestRecord(histories, versionLabel) {
    let latest;
    for (const history of histories) {
        for (const entry of history.entries) {
            if (entry.versionLabel === versionLabel && (!latest || entry.date >= latest.entry.date)) {
                latest = { environment: history.environment, entry };
            }
        }
    }
    return latest;
}
/** The action's default description is `<repo>@<sha12> (run <id>)`. */
function commitOf(description) {
    return /@([0-9a-f]{7,40})\b/.exec(description)?.[1] ?? '';
}
/**
 * The target of one environment: the `version-label` input when set (it must
 * exist and be deployable), else the history's last Green version before the
 * current one. Throws an InputError listing the choices otherwise.
 */
function resolveRollbackTarget(config, environment, history, versions, histories) {
    const recent = versions
        .filter(isDeployable)
        .slice(0, 5)
        .map(version => version.label)
        .join(', ');
    const choices = recent
        ? `recent deployable versions: ${recent}`
        : 'the application has no deployable version';
    const commitFor = (label) => latestRecord(histories, label)?.entry.commit ??
        commitOf(versions.find(v => v.label === label)?.description ?? '');
    if (config.versionLabel !== '') {
        const version = versions.find(candidate => candidate.label === config.versionLabel);
        if (!version) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('version-label', `"${config.versionLabel}" is not an application version of ${config.application}; ${choices}`);
        }
        if (!isDeployable(version)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('version-label', `"${config.versionLabel}" is ${version.status}, not deployable; ${choices}`);
        }
        const commit = commitFor(version.label);
        return { environment, versionLabel: version.label, ...(commit && { commit }) };
    }
    const deployable = new Set(versions.filter(isDeployable).map(version => version.label));
    const target = chooseRollbackTarget(history, environment.VersionLabel, deployable);
    if (!target) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('version-label', `is empty and the deploy history of ${environment.EnvironmentName ?? ''} has no earlier Green version than ${environment.VersionLabel ?? '(none)'} to go back to; set it to one of the ${choices.replace(/^recent /, '')}`);
    }
    const commit = target.commit ?? commitFor(target.versionLabel);
    return { environment, versionLabel: target.versionLabel, ...(commit && { commit }) };
}


/***/ })

};
