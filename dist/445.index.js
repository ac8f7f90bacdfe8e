export const id = 445;
export const ids = [445];
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

/***/ 46445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cleanupVersions: () => (/* binding */ cleanupVersions),
/* harmony export */   deleteVersions: () => (/* binding */ deleteVersions),
/* harmony export */   protectedVersions: () => (/* binding */ protectedVersions),
/* harmony export */   versionsToDelete: () => (/* binding */ versionsToDelete)
/* harmony export */ });
/* harmony import */ var _adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97206);
/* harmony import */ var _adapters_beanstalk_storage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97475);
/* harmony import */ var _adapters_beanstalk_versions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54009);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);
/* harmony import */ var _deploy_history_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8259);
// Which application versions may go, and deleting them. Beanstalk counts
// versions against a quota (1000 per region, all applications), so cleanup
// mode and every successful deploy keep the newest `keep-versions` plus the
// protected ones and delete the rest with their S3 bundles; closing a pull
// request deletes that pull request's versions, protected ones excepted.
//
// Protected: every version a live environment runs, and each live
// environment's last good version from the deploy history (where a rollback
// would go). An environment in the middle of an update already shows the NEW
// label (botocore examples-1.json, UpdateEnvironment: Status Updating with the
// new VersionLabel) while its instances still serve the old one, which it
// goes back to if the update fails. That version is its last good one when
// this action deployed it; when the history does not know it (deployed from
// the console or the EB CLI), cleanup deletes nothing while the update runs. The deletion itself checks once more that no environment runs
// the version (adapters/beanstalk/versions.ts): Beanstalk would delete it.





/** Deletions in flight at once: fast enough for a first cleanup of hundreds, gentle on the API's rate limits. */
const DELETE_CONCURRENCY = 4;
/**
 * Pure: the versions beyond the newest `keep` (by creation date) that are not
 * protected. A protected version among the newest `keep` counts toward them;
 * one older than those is kept as well (README: "the newest keep-versions …
 * plus every version a live environment runs").
 */
function versionsToDelete(versions, keep, protectedLabels) {
    const newestFirst = [...versions].sort((a, b) => b.created.getTime() - a.created.getTime() || a.label.localeCompare(b.label));
    return newestFirst.slice(keep).filter(version => !protectedLabels.has(version.label));
}
/**
 * label → why it must stay: versions live environments run, and each one's
 * last good version. `bucket` is where the deploy histories are; an
 * unreadable history throws (without it the rollback target is unknown).
 */
async function protectedVersions(clients, application, bucket, 
/** Filled with the updating environments whose previous version the history does not know. */
unknownPrevious = []) {
    const protectedLabels = new Map();
    const running = (await (0,_adapters_beanstalk_environments_js__WEBPACK_IMPORTED_MODULE_0__/* .liveEnvironments */ .lS)(clients.beanstalk, application)).map(environment => [environment.EnvironmentName ?? '', environment.VersionLabel, environment.Status ?? '']);
    for (const [environment, versionLabel] of running) {
        if (versionLabel)
            protectedLabels.set(versionLabel, `runs on ${environment}`);
    }
    for (const [environment, versionLabel, status] of running) {
        const history = await (0,_deploy_history_js__WEBPACK_IMPORTED_MODULE_4__/* .loadHistory */ .FB)(clients.s3, bucket, application, environment);
        const good = (0,_deploy_history_js__WEBPACK_IMPORTED_MODULE_4__/* .lastGoodVersion */ .M$)(history, [versionLabel]);
        if (good && !protectedLabels.has(good.versionLabel)) {
            protectedLabels.set(good.versionLabel, `last good version of ${environment} before the current one`);
        }
        if ((status === 'Updating' || status === 'Aborting') && !good)
            unknownPrevious.push(environment);
    }
    return protectedLabels;
}
/** Deletes each version with its bundle, a few at a time; problems are reported, not thrown. */
async function deleteVersions(beanstalk, application, labels, log) {
    const report = { deleted: [], kept: [], busy: [], failed: [] };
    const queue = [...labels];
    const worker = async () => {
        for (let label = queue.shift(); label !== undefined; label = queue.shift()) {
            try {
                const outcome = await (0,_adapters_beanstalk_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteApplicationVersion */ .uC)(beanstalk, application, label);
                if (outcome.kind === 'in-use') {
                    const why = `runs on ${outcome.environments.join(', ')}`;
                    report.kept.push({ label, why });
                    log.warning(`Kept application version ${label}: ${why}`);
                }
                else if (outcome.kind === 'busy') {
                    report.busy.push({ label, message: outcome.message });
                    log.warning(`Version ${label} not deleted, an operation is in progress on it: ${outcome.message}`);
                }
                else {
                    report.deleted.push(label);
                    log.info(`Deleted application version ${label} and its bundle`);
                }
            }
            catch (error) {
                report.failed.push({ label, message: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error) });
                log.warning(`Version ${label} could not be deleted: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}`);
            }
        }
    };
    await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
    return report;
}
/** Keeps the newest N and the protected versions, deletes the rest. */
async function cleanupVersions(clients, options, log) {
    const versions = await (0,_adapters_beanstalk_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .listApplicationVersions */ .cv)(clients.beanstalk, options.application);
    if (options.skipWithinKeep && versions.length <= options.keepVersions) {
        log.info(`Cleanup of ${options.application}: ${versions.length} version${versions.length === 1 ? '' : 's'}, within the newest ${options.keepVersions} kept; deleting none`);
        return { total: versions.length, protectedLabels: new Map(), deleted: [], kept: [], busy: [], failed: [] };
    }
    const bucket = await (0,_adapters_beanstalk_storage_js__WEBPACK_IMPORTED_MODULE_1__/* .storageBucket */ .i)(clients.beanstalk, options.bucket);
    const unknownPrevious = [];
    const protectedLabels = await protectedVersions(clients, options.application, bucket, unknownPrevious);
    if (unknownPrevious.length > 0) {
        log.info(`Cleanup of ${options.application}: ${unknownPrevious.join(', ')} ${unknownPrevious.length === 1 ? 'is' : 'are'} in the middle of an update and already show${unknownPrevious.length === 1 ? 's' : ''} the new version; the one ${unknownPrevious.length === 1 ? 'it' : 'they'} may go back to is not in the deploy history, so no version is deleted this time`);
        return { total: versions.length, protectedLabels, deleted: [], kept: [], busy: [], failed: [] };
    }
    const doomed = versionsToDelete(versions, options.keepVersions, new Set(protectedLabels.keys()));
    log.info(`Cleanup of ${options.application}: ${versions.length} version${versions.length === 1 ? '' : 's'}, keeping the newest ${options.keepVersions}` +
        ` and ${[...protectedLabels].map(([label, why]) => `${label} (${why})`).join(', ') || 'no other'}; deleting ${doomed.length}`);
    const deletion = await deleteVersions(clients.beanstalk, options.application, doomed.map(version => version.label), log);
    return { total: versions.length, protectedLabels, ...deletion };
}


/***/ })

};
