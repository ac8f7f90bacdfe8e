export const id = 275;
export const ids = [275];
export const modules = {

/***/ 3161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mk: () => (/* binding */ eventKey),
/* harmony export */   r0: () => (/* binding */ fetchCauses),
/* harmony export */   y$: () => (/* binding */ fetchEvents)
/* harmony export */ });
/* unused harmony export eventOf */
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6114);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(133);
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
        const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__.DescribeEventsCommand({
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
        const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_1__.DescribeEnvironmentHealthCommand({ EnvironmentName: environmentName, AttributeNames: ['All'] }));
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

/***/ 7475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ storageBucket)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6114);
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
    const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_0__.CreateStorageLocationCommand({}));
    if (!answer.S3Bucket)
        throw new Error('CreateStorageLocation returned no S3 bucket');
    return answer.S3Bucket;
}


/***/ }),

/***/ 4009:
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
/* harmony import */ var _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6114);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(133);
/* harmony import */ var _environments_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7206);
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
        ...(version.SourceBundle?.S3Key !== undefined && { key: version.SourceBundle.S3Key })
    };
}
/** One version, or undefined when the application has no such label. */
async function describeVersion(beanstalk, application, versionLabel) {
    const { ApplicationVersions = [] } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__.DescribeApplicationVersionsCommand({ ApplicationName: application, VersionLabels: [versionLabel] }));
    return ApplicationVersions.find(version => version.VersionLabel === versionLabel);
}
/** Every version of the application, newest first (paginated: the quota allows 1000 per region). */
async function listApplicationVersions(beanstalk, application) {
    const versions = [];
    let nextToken;
    do {
        const answer = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__.DescribeApplicationVersionsCommand({
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
        const { ApplicationVersion } = await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__.CreateApplicationVersionCommand({
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
        await beanstalk.send(new _aws_sdk_client_elastic_beanstalk__WEBPACK_IMPORTED_MODULE_3__.DeleteApplicationVersionCommand({
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

/***/ 200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sb: () => (/* binding */ findBundleHash),
/* harmony export */   TQ: () => (/* binding */ getObjectText),
/* harmony export */   ev: () => (/* binding */ putObjectText),
/* harmony export */   jQ: () => (/* binding */ getObjectBytes),
/* harmony export */   sd: () => (/* binding */ uploadBundle)
/* harmony export */ });
/* unused harmony exports PART_SIZE, HASH_METADATA_KEY */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3711);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(133);
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
    const { Upload } = await __webpack_require__.e(/* import() */ 358).then(__webpack_require__.t.bind(__webpack_require__, 2358, 19));
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

/***/ 1393:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LD: () => (/* binding */ decide),
/* harmony export */   Vx: () => (/* binding */ isOurEvent),
/* harmony export */   l7: () => (/* binding */ timeoutMessage),
/* harmony export */   qF: () => (/* binding */ formatEvent)
/* harmony export */ });
/* unused harmony export FAILED_DEPLOY_MESSAGE */
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8571);
// Pure: what the wait loop saw → keep waiting, done, or failed (and why).
// Success needs all three: Status Ready, Health Green (Yellow only when
// allowed) and the environment running OUR version label. A failure event
// of our deploy, Red on our version, or the environment settling on another
// version after it went through an update all end the wait at once.

const FAILED_DEPLOY_MESSAGE = 'Failed to deploy application.';
/** Events of our deploy: by request id when both sides carry one, otherwise by time. */
function isOurEvent(event, since, requestId) {
    if (requestId && event.requestId)
        return event.requestId === requestId;
    return event.date.getTime() >= since.getTime();
}
function decide(input) {
    const { environment, versionLabel } = input;
    const ours = input.events.filter(event => isOurEvent(event, input.since, input.requestId));
    if (!environment)
        return { kind: 'failure', reason: 'the environment no longer exists' };
    const name = environment.name;
    if (environment.status === 'Terminating' || environment.status === 'Terminated') {
        return {
            kind: 'failure',
            reason: `environment ${name} is ${environment.status} — it was terminated during the deploy`
        };
    }
    const failed = ours.find(event => event.message.includes(FAILED_DEPLOY_MESSAGE));
    if (failed) {
        return {
            kind: 'failure',
            reason: `deploying ${versionLabel} to ${name} failed: ${failureDetail(ours, input.causes)}`
        };
    }
    if (environment.status !== 'Ready') {
        return { kind: 'wait', reason: `${name} is ${environment.status ?? 'in an unknown state'}` };
    }
    const health = environment.health ?? 'Grey';
    if (environment.versionLabel !== versionLabel) {
        if (input.leftReady) {
            return {
                kind: 'failure',
                reason: `${name} is Ready on version ${environment.versionLabel ?? '(none)'}, not ${versionLabel}: the update ended without deploying it${detailSuffix(ours, input.causes)}`
            };
        }
        return {
            kind: 'wait',
            reason: `${name} is Ready on ${environment.versionLabel ?? '(none)'}, the update to ${versionLabel} has not started`
        };
    }
    if (health === 'Green')
        return { kind: 'success' };
    if (health === 'Yellow' && input.allowYellow)
        return { kind: 'success' };
    if (health === 'Red') {
        return { kind: 'failure', reason: `${name} is Red on ${versionLabel}${detailSuffix(ours, input.causes)}` };
    }
    return {
        kind: 'wait',
        reason: `${name} is Ready on ${versionLabel} but ${health}${health === 'Yellow' ? ' (allow-yellow is off)' : ''}`
    };
}
function errorMessages(events) {
    return [...events]
        .sort((a, b) => a.date.getTime() - b.date.getTime())
        .filter(event => event.severity === 'ERROR' || event.severity === 'FATAL')
        .map(event => event.message);
}
function failureDetail(events, causes) {
    const errors = errorMessages(events);
    const parts = [errors.length > 0 ? errors.join(' | ') : FAILED_DEPLOY_MESSAGE];
    if (causes.length > 0)
        parts.push(`causes: ${causes.join('; ')}`);
    return parts.join(' — ');
}
function detailSuffix(events, causes) {
    const errors = errorMessages(events);
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
function timeoutMessage(input) {
    const env = input.environment;
    const seen = env
        ? `last seen: Status ${env.status ?? '?'}, Health ${env.health ?? '?'}${env.healthStatus ? ` (${env.healthStatus})` : ''}, version ${env.versionLabel ?? '(none)'}`
        : 'the environment was never seen';
    const event = input.lastEvent ? `; last event: ${formatEvent(input.lastEvent)}` : '; no events';
    const causes = input.causes.length > 0 ? `; causes: ${input.causes.join('; ')}` : '';
    return `Timed out after ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(input.waitedMs)} waiting for ${input.environmentName} to be Ready and ${input.allowYellow ? 'Green or Yellow' : 'Green'} on ${input.versionLabel} — ${seen}${event}${causes}`;
}


/***/ }),

/***/ 8778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ deployAndRecord)
});

// UNUSED EXPORTS: deployToEnvironment

// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var environments = __webpack_require__(7206);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-beanstalk/dist-cjs/index.js
var dist_cjs = __webpack_require__(6114);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(133);
// EXTERNAL MODULE: ./src/adapters/beanstalk/versions.ts
var versions = __webpack_require__(4009);
;// CONCATENATED MODULE: ./src/adapters/beanstalk/update-environment.ts
// UpdateEnvironment(VersionLabel), waiting out what makes it fail for a
// moment. Beanstalk refuses both "another operation is running" and "no such
// version (yet)" with the same InvalidParameterValue code, so the cause is
// read from the state, not from the message: an environment that is not Ready
// is waited for; a version the versions API does not list yet (created a
// moment ago) is asked for again a few times with a short backoff.





const MISSING_VERSION_RETRIES = 5;
async function updateEnvironmentVersion(beanstalk, options) {
    let missingVersionRetries = 0;
    const missingBackoff = new src_clock/* Backoff */.n(options.pollMs?.first ?? 1_000, options.pollMs?.max ?? 8_000, 2);
    for (;;) {
        const before = options.clock.now();
        try {
            const answer = await beanstalk.send(new dist_cjs.UpdateEnvironmentCommand({
                ApplicationName: options.application,
                EnvironmentName: options.environmentName,
                VersionLabel: options.versionLabel
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
var duration = __webpack_require__(8571);
// EXTERNAL MODULE: ./src/logger.ts
var logger = __webpack_require__(6999);
// EXTERNAL MODULE: ./src/deploy/wait.ts
var wait = __webpack_require__(5158);
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
    const clock = dependencies.clock ?? src_clock/* systemClock */.m;
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
    const ready = await (0,environments/* waitForReady */.Cf)(clients.beanstalk, common);
    const readyAt = clock.now();
    if (ready.VersionLabel === input.versionLabel && ready.Health === 'Green') {
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
    log.info(`Updating ${input.environmentName} to version ${input.versionLabel}…`);
    const update = await updateEnvironmentVersion(clients.beanstalk, {
        ...common,
        versionLabel: input.versionLabel
    });
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

/***/ 8259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FB: () => (/* binding */ loadHistory),
/* harmony export */   KU: () => (/* binding */ HistoryStore),
/* harmony export */   M$: () => (/* binding */ lastGoodVersion),
/* harmony export */   s4: () => (/* binding */ emptyHistory)
/* harmony export */ });
/* unused harmony exports HISTORY_LIMIT, HistoryUnreadableError, historyKey, parseHistory, appendEntry, serialiseHistory, saveHistory, recordEntry */
/* harmony import */ var _adapters_beanstalk_storage_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7475);
/* harmony import */ var _adapters_s3_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(200);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
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

/***/ 5158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ waitForDeploy),
/* harmony export */   P2: () => (/* binding */ DeployFailedError)
/* harmony export */ });
/* unused harmony exports DEPLOY_POLL_MS, annotationTitle */
/* harmony import */ var _adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3161);
/* harmony import */ var _adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9373);
/* harmony import */ var _adapters_aws_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(133);
/* harmony import */ var _decision_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1393);
/* harmony import */ var _logger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6999);
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
// ERROR / WARN events of our deploy and health causes are also annotations
// titled with the environment, so a failed deploy's reason is on the run's
// page. Enhanced health is recomputed every 10 seconds: causes computed before
// our update (RefreshedAt earlier than it) belong to the previous deploy and
// are neither printed nor used as this deploy's.






/** Quick looks right after the update, then 2 s growing by half to 15 s. */
const DEPLOY_POLL_MS = { quick: { ms: 500, polls: 6 }, first: 1_000, max: 15_000 };
class DeployFailedError extends Error {
    environment;
    events;
    causes;
    timedOut;
    constructor(message, environment, events, causes, timedOut) {
        super(message);
        this.environment = environment;
        this.events = events;
        this.causes = causes;
        this.timedOut = timedOut;
        this.name = 'DeployFailedError';
    }
}
async function waitForDeploy(beanstalk, options) {
    const clock = options.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .m;
    const log = options.log ?? _logger_js__WEBPACK_IMPORTED_MODULE_5__/* .actionsLogger */ .MV;
    const started = clock.now();
    const deadline = started + options.timeoutMs;
    const backoff = _clock_js__WEBPACK_IMPORTED_MODULE_2__/* .Backoff */ .n.of(options.pollMs ?? DEPLOY_POLL_MS);
    const seen = new Set();
    const events = [];
    let lastEventTime = options.since.getTime() - 1;
    let causes = [];
    let healthAvailable = true;
    let leftReady = false;
    let last;
    let lastState = '';
    let polls = 0;
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
            (0,_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`wait ${options.environmentName}: health causes refreshed at ${fetched.refreshedAt?.toISOString()}, before the update: not this deploy's (${fetched.causes.join('; ')})`);
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
        const pause = Math.min(backoff.next(), remaining);
        (0,_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`wait ${options.environmentName}: next poll in ${pause} ms (${Math.round(remaining / 1000)} s left)`);
        await clock.sleep(pause);
        polls++;
        let environment;
        let fresh;
        try {
            environment = await (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__/* .describeEnvironment */ .NE)(beanstalk, options.application, options.environmentName);
            fresh = await (0,_adapters_beanstalk_events_js__WEBPACK_IMPORTED_MODULE_0__/* .fetchEvents */ .y$)(beanstalk, {
                application: options.application,
                environmentName: options.environmentName,
                // Inclusive of the last seen millisecond: events sharing it may show up a poll later; `seen` drops repeats.
                startTime: new Date(Math.max(lastEventTime, options.since.getTime()))
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
            log.info((0,_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .formatEvent */ .qF)(event));
            if ((0,_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .isOurEvent */ .Vx)(event, options.since, options.requestId))
                annotate(log, event, title);
            changed = true;
        }
        const snapshot = environment ? (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__/* .snapshotOf */ .eY)(environment) : undefined;
        if (snapshot && snapshot.status !== 'Ready')
            leftReady = true;
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
            causes
        };
        let decision = (0,_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .decide */ .LD)(input);
        if (decision.kind === 'failure' && causes.length === 0 && snapshot) {
            // One health look before failing, so the message carries the causes.
            await refreshCauses(snapshot.health);
            decision = (0,_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .decide */ .LD)({ ...input, causes });
        }
        (0,_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`wait ${options.environmentName}: poll ${polls} saw ${state}: ${decision.kind}${decision.kind === 'success' ? '' : ` (${decision.reason})`}`);
        const ours = events.filter(event => (0,_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .isOurEvent */ .Vx)(event, options.since, options.requestId));
        if (decision.kind === 'success') {
            if (!environment)
                throw new Error('unreachable: success without an environment');
            return { environment, events: ours, causes, polls };
        }
        if (decision.kind === 'failure') {
            throw new DeployFailedError(decision.reason, snapshot, ours, causes, false);
        }
        const left = deadline - clock.now();
        if (left <= 0) {
            if (snapshot?.health !== 'Green')
                await refreshCauses(snapshot?.health).catch(() => false);
            throw new DeployFailedError((0,_decision_js__WEBPACK_IMPORTED_MODULE_4__/* .timeoutMessage */ .l7)({
                environmentName: options.environmentName,
                versionLabel: options.versionLabel,
                waitedMs: clock.now() - started,
                allowYellow: options.allowYellow,
                environment: snapshot ?? (last ? (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_1__/* .snapshotOf */ .eY)(last) : undefined),
                lastEvent: events.at(-1),
                causes
            }), snapshot, ours, causes, true);
        }
        if (changed)
            backoff.reset();
    }
}
/** The title of the environment's annotations on the run's page. */
function annotationTitle(environmentName) {
    return `Elastic Beanstalk ${environmentName}`;
}
/** ERROR / FATAL events become error annotations, WARN events warnings; the rest stay log lines. */
function annotate(log, event, title) {
    if (event.severity === 'ERROR' || event.severity === 'FATAL')
        log.error(event.message, title);
    else if (event.severity === 'WARN')
        log.warning(event.message, title);
}


/***/ }),

/***/ 4298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hw: () => (/* binding */ deployableRows),
/* harmony export */   aD: () => (/* binding */ resolveRollbackTarget),
/* harmony export */   sy: () => (/* binding */ chooseAutoRollbackTarget),
/* harmony export */   tr: () => (/* binding */ latestRecord)
/* harmony export */ });
/* unused harmony exports isDeployable, chooseRollbackTarget */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
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
    if (before?.versionLabel && before.versionLabel !== failedLabel && before.health === 'Green') {
        return before.versionLabel;
    }
    const exists = deployable ? (label) => deployable.has(label) : undefined;
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
