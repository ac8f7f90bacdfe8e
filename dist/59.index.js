export const id = 59;
export const ids = [59];
export const modules = {

/***/ 66059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createVersions: () => (/* binding */ createVersions),
  deployEnvironments: () => (/* binding */ deployEnvironments),
  discardCreatedVersions: () => (/* binding */ discardCreatedVersions)
});

// EXTERNAL MODULE: ./src/adapters/clock.ts
var clock = __webpack_require__(33350);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/adapters/beanstalk/environments.ts
var beanstalk_environments = __webpack_require__(97206);
// EXTERNAL MODULE: ./src/adapters/beanstalk/events.ts
var beanstalk_events = __webpack_require__(93161);
// EXTERNAL MODULE: ./src/adapters/beanstalk/storage.ts
var storage = __webpack_require__(97475);
// EXTERNAL MODULE: ./src/adapters/beanstalk/versions.ts
var versions = __webpack_require__(54009);
// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(20133);
// EXTERNAL MODULE: ./src/adapters/s3.ts
var s3 = __webpack_require__(70200);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(98571);
// EXTERNAL MODULE: ./src/deploy/history.ts
var deploy_history = __webpack_require__(8259);
;// CONCATENATED MODULE: ./src/deploy/application-version.ts
// The application version: reuse the label when its bundle is byte-for-byte
// ours (the sha256 kept on the S3 object), refuse it when the content
// differs, otherwise upload and create it, then wait until Beanstalk has
// processed it — so the UpdateEnvironment that follows never meets "No
// Application Version named …".
//
// A label holding other content is replaced, not refused, when it is what a
// re-run after fixing an input finds: a version this action created for this
// same commit (its `beanstalk-docker-deploy:commit` tag), that no live
// environment runs and that never succeeded on any (no `succeeded` entry in
// their deploy histories). A version that runs, or ran successfully,
// somewhere stays protected: its label keeps meaning what was deployed.










/** The tag naming the commit a version was built from: what makes it this action's, for this commit. */
const COMMIT_TAG = 'beanstalk-docker-deploy:commit';
/**
 * Processing usually takes seconds: six looks 0.5 s apart after the create
 * (each one call), then intervals growing by half from 0.75 s to 5 s. The
 * create's answer gives the first status, so the first look waits one interval.
 */
const PROCESS_POLL_MS = { quick: { ms: 500, polls: 6 }, first: 2_000, max: 5_000 };
class VersionConflictError extends Error {
    constructor(versionLabel, theirs, ours, kept) {
        super(theirs
            ? `Application version ${versionLabel} already exists with different content (sha256 ${application_version_short(theirs)}… ≠ ${application_version_short(ours)}…) and is kept: ${kept}; set version-label to a new label`
            : `Application version ${versionLabel} already exists and its bundle has no sha256 to compare with ours (${application_version_short(ours)}…), and is kept: ${kept}; set version-label to a new label`);
        this.name = 'VersionConflictError';
    }
}
class ProcessingFailedError extends Error {
    name = 'ProcessingFailedError';
}
/** Where a version's bundle goes: `<application>/<version-label>.zip`. */
function bundleKey(application, versionLabel) {
    return `${application}/${versionLabel}.zip`;
}
/**
 * Deletes a version this run created and that must not stay (it failed
 * processing, or the smoke test failed), with its bundle, through the one
 * deletion path that first checks no environment runs it. Problems are
 * warnings: the run fails for its own reason either way.
 */
async function discardVersion(beanstalk, application, versionLabel, reason, options) {
    const { log } = options;
    const keptWarning = (why) => log.warning(`Application version ${versionLabel} (${reason}) was not deleted (${why}); delete it before re-running this commit`);
    try {
        const outcome = await (0,versions/* deleteApplicationVersion */.uC)(beanstalk, application, versionLabel);
        if (outcome.kind === 'deleted') {
            options.onDeleted?.(versionLabel);
            log.info(`Deleted application version ${versionLabel} and its bundle: ${reason}`);
            return;
        }
        keptWarning(outcome.kind === 'in-use' ? `it runs on ${outcome.environments.join(', ')}` : outcome.message);
    }
    catch (error) {
        keptWarning((0,errors/* errorMessage */.gJ)(error));
    }
}
function application_version_short(hash) {
    return hash.slice(0, 12);
}
function ensureApplicationVersion(clients, input, options) {
    return ensure(clients, input, options, true);
}
/** `mayReplace`: false once a replaced version was deleted, so a label that still shows is refused, not looped on. */
async function ensure(clients, input, options, mayReplace) {
    const existing = await (0,versions/* describeVersion */.MP)(clients.beanstalk, input.application, input.versionLabel);
    if (existing)
        return reuse(clients, input, options, existing, mayReplace);
    const bucket = await (0,storage/* storageBucket */.i)(clients.beanstalk, input.bucket);
    const key = bundleKey(input.application, input.versionLabel);
    // A bundle left by an earlier run that failed after its upload is not sent again.
    let uploaded = false;
    if ((await (0,s3/* findBundleHash */.Sb)(clients.s3, bucket, key)) === input.sha256) {
        options.log.info(`Bundle s3://${bucket}/${key} is already uploaded (sha256 ${application_version_short(input.sha256)}…)`);
    }
    else {
        const started = options.clock.now();
        const { bytes } = await (0,s3/* uploadBundle */.sd)(clients.s3, {
            bucket,
            key,
            bundle: input.bundle,
            sha256: input.sha256
        });
        options.log.info(`Uploaded bundle to s3://${bucket}/${key} (${bytes} bytes, ${(0,duration/* formatDuration */.a)(options.clock.now() - started)})`);
        uploaded = true;
    }
    if (uploaded)
        options.changes?.bundleUploaded(`s3://${bucket}/${key}`);
    const created = await (0,versions/* createApplicationVersion */.Z3)(clients.beanstalk, {
        application: input.application,
        versionLabel: input.versionLabel,
        description: input.description,
        bucket,
        key,
        tags: [...(input.commit ? [{ Key: COMMIT_TAG, Value: input.commit }] : []), ...(input.tags ?? [])]
    });
    // Another job created the label between our look and our create: judge it like any existing version.
    if (!created.created)
        return reuse(clients, input, options, created.existing, false);
    options.changes?.versionCreated(input.versionLabel);
    options.log.info(`Created application version ${input.versionLabel} of ${input.application}`);
    let status;
    try {
        status = await waitProcessed(clients.beanstalk, input, options, created.version);
    }
    catch (error) {
        // A version that failed processing can never be deployed, and a re-run of the commit would find it
        // and fail again: the run that created it deletes it and its bundle.
        if (error instanceof ProcessingFailedError) {
            await discardVersion(clients.beanstalk, input.application, input.versionLabel, 'it failed processing', {
                log: options.log,
                onDeleted: label => options.changes?.versionDeleted(label)
            });
        }
        throw error;
    }
    return { versionLabel: input.versionLabel, bucket, key, reused: false, uploaded, status };
}
async function reuse(clients, input, options, existing, mayReplace) {
    const bucket = existing.SourceBundle?.S3Bucket;
    const key = existing.SourceBundle?.S3Key;
    const theirs = bucket && key ? await (0,s3/* findBundleHash */.Sb)(clients.s3, bucket, key) : undefined;
    if (theirs !== input.sha256) {
        const kept = mayReplace
            ? await whyKept(clients, input, existing)
            : 'it was created by another job a moment ago';
        if (kept)
            throw new VersionConflictError(input.versionLabel, theirs, input.sha256, kept);
        options.log.info(`Application version ${input.versionLabel} holds another bundle from an earlier run of this commit that never ran successfully anywhere: replacing it`);
        const outcome = await (0,versions/* deleteApplicationVersion */.uC)(clients.beanstalk, input.application, input.versionLabel);
        if (outcome.kind !== 'deleted') {
            const why = outcome.kind === 'in-use' ? `it runs on ${outcome.environments.join(', ')}` : outcome.message;
            throw new VersionConflictError(input.versionLabel, theirs, input.sha256, why);
        }
        options.changes?.versionDeleted(input.versionLabel);
        return ensure(clients, input, options, false);
    }
    options.log.info(`Application version ${input.versionLabel} already exists with the same bundle (sha256 ${application_version_short(input.sha256)}…): reusing it`);
    const status = await waitProcessed(clients.beanstalk, input, options, existing);
    return {
        versionLabel: input.versionLabel,
        bucket: bucket ?? '',
        key: key ?? '',
        reused: true,
        uploaded: false,
        status
    };
}
/**
 * Why an existing version with other content must stay, or undefined when a
 * re-run may replace it: this action created it for this commit, no live
 * environment runs it, and no deploy history records a success of it.
 */
async function whyKept(clients, input, existing) {
    const commit = (await (0,versions/* versionTags */.OP)(clients.beanstalk, existing)).find(tag => tag.Key === COMMIT_TAG)?.Value;
    if (!input.commit || commit !== input.commit) {
        return commit
            ? `it was built from commit ${commit.slice(0, 12)}, not this one`
            : 'this action did not create it for this commit';
    }
    const environments = await (0,beanstalk_environments/* liveEnvironments */.lS)(clients.beanstalk, input.application);
    const running = environments.filter(environment => environment.VersionLabel === input.versionLabel);
    if (running.length > 0)
        return `it runs on ${running.map(environment => environment.EnvironmentName).join(', ')}`;
    const bucket = await (0,storage/* storageBucket */.i)(clients.beanstalk, input.bucket);
    for (const environment of environments) {
        const name = environment.EnvironmentName ?? '';
        const history = await (0,deploy_history/* loadHistory */.FB)(clients.s3, bucket, input.application, name);
        if (history.entries.some(entry => entry.versionLabel === input.versionLabel && entry.result === 'succeeded')) {
            return `it was deployed successfully to ${name}`;
        }
    }
    return undefined;
}
/**
 * Until PROCESSED (or UNPROCESSED: a version created without processing is
 * deployable as it is). `known`: the version as last seen, when the caller has
 * it. A look AWS throttles slows the looks down instead of failing.
 */
async function waitProcessed(beanstalk, input, options, known) {
    const deadline = options.clock.now() + options.processTimeoutMs;
    const backoff = clock/* Backoff */.n.of(options.pollMs ?? PROCESS_POLL_MS);
    const look = () => (0,versions/* describeVersion */.MP)(beanstalk, input.application, input.versionLabel);
    let version = known ?? (await look());
    let logged = false;
    for (;;) {
        const status = (0,versions/* versionStatus */.lK)(version);
        if (status === 'PROCESSED' || status === 'UNPROCESSED')
            return status;
        if (status === 'FAILED')
            throw new ProcessingFailedError(await processingFailure(beanstalk, input));
        // Undefined: just created and not listed yet (eventual consistency); look again.
        if (version && !logged) {
            options.log.info(`Application version ${input.versionLabel} is ${status}; waiting until it is processed…`);
            logged = true;
        }
        const left = deadline - options.clock.now();
        if (left <= 0) {
            throw new Error(`Application version ${input.versionLabel} was still ${status} after ${(0,duration/* formatDuration */.a)(options.processTimeoutMs)}`);
        }
        await options.clock.sleep(Math.min(backoff.next(), left));
        try {
            version = await look();
        }
        catch (error) {
            if (!(0,aws_errors/* isThrottled */.B5)(error))
                throw error;
            backoff.slowDown();
        }
    }
}
async function processingFailure(beanstalk, input) {
    const events = await (0,beanstalk_events/* fetchEvents */.y$)(beanstalk, {
        application: input.application,
        versionLabel: input.versionLabel,
        maxRecords: 20
    }).catch(() => []);
    const reasons = events
        .filter(event => event.severity === 'ERROR' || event.severity === 'FATAL' || event.severity === 'WARN')
        .slice(-3)
        .map(event => event.message);
    return `Application version ${input.versionLabel} failed processing (status FAILED)${reasons.length > 0
        ? `: ${reasons.join(' | ')}`
        : ': Beanstalk gave no reason in its events; check that the bundle is a zip with Dockerrun.aws.json (v2) at its root and valid .ebextensions'}`;
}

// EXTERNAL MODULE: ./src/deploy/wait-decision.ts + 1 modules
var wait_decision = __webpack_require__(91252);
// EXTERNAL MODULE: ./src/deploy/environment-deploy.ts + 1 modules
var environment_deploy = __webpack_require__(28778);
// EXTERNAL MODULE: ./src/deploy/health-hint.ts
var health_hint = __webpack_require__(70015);
// EXTERNAL MODULE: ./src/deploy/wait.ts
var wait = __webpack_require__(65158);
// EXTERNAL MODULE: ./src/adapters/actions-runner/logger.ts
var logger = __webpack_require__(26277);
// EXTERNAL MODULE: ./src/rollback/targets.ts
var targets = __webpack_require__(54298);
;// CONCATENATED MODULE: ./src/rollback/automatic.ts
// Automatic rollback (deploy mode, `auto-rollback`): an environment whose
// deploy failed goes back to its last good version; the other environments
// of the run are left as they are. The job still fails, saying both.




/** The failures no automatic rollback follows, each with why. */
const NO_ROLLBACK = {
    reverted: failed => `Beanstalk itself reverted ${failed.environmentName}${failed.after?.versionLabel ? ` to ${failed.after.versionLabel}` : ''}`,
    gone: failed => `${failed.environmentName} no longer exists`,
    'not-started': failed => `the update of ${failed.environmentName} was never made, so nothing of this deploy is there to undo`,
    'still-updating': failed => `${failed.environmentName} is still updating, so the deploy may yet succeed, and a rollback would wait for it and undo it`,
    'no-health': failed => `${failed.environmentName} reports no health, so a rollback could not be judged either`
};
async function rollBackFailedDeploy(clients, store, failed, log) {
    // Only a real failure of our version is rolled back: Beanstalk already put a reverted environment back, and a
    // terminated one has nothing to deploy to.
    const why = failed.kind === undefined ? undefined : NO_ROLLBACK[failed.kind]?.(failed);
    if (why !== undefined)
        return { ok: false, message: `no automatic rollback: ${why}` };
    try {
        const history = await store.load(failed.application, failed.environmentName);
        // Only versions that still exist and can be deployed: the history remembers versions deleted since.
        const deployable = new Set((await (0,versions/* listApplicationVersions */.cv)(clients.beanstalk, failed.application))
            .filter(targets/* isDeployable */.M4)
            .map(version => version.label));
        const target = (0,targets/* chooseAutoRollbackTarget */.sy)(history, failed.failedLabel, {
            ...(failed.before?.VersionLabel !== undefined && { versionLabel: failed.before.VersionLabel }),
            ...(failed.before?.Health !== undefined && { health: failed.before.Health })
        }, deployable);
        if (!target) {
            return {
                ok: false,
                message: `no automatic rollback: ${failed.environmentName} has no earlier good version that still exists to go back to`
            };
        }
        log.warning(`Deploy to ${failed.environmentName} failed; rolling back to ${target}…`);
        const commit = (0,targets/* latestRecord */.tr)([history], target)?.entry.commit;
        const result = await (0,environment_deploy/* deployAndRecord */.U)(clients, store, {
            application: failed.application,
            environmentName: failed.environmentName,
            versionLabel: target,
            ...(commit !== undefined && { commit }),
            kind: 'auto-rollback',
            // A fresh budget: the failed deploy may have used all of its own.
            waitTimeoutMs: failed.waitTimeoutMs,
            allowYellow: failed.allowYellow,
            ...(failed.recoveryMs !== undefined && { recoveryMs: failed.recoveryMs })
        }, { log });
        return {
            ok: true,
            versionLabel: target,
            message: `rolled back automatically: ${failed.environmentName} is back on ${target} (${result.status}, ${result.health})`
        };
    }
    catch (error) {
        return { ok: false, message: `the automatic rollback failed too: ${(0,errors/* errorMessage */.gJ)(error)}` };
    }
}

;// CONCATENATED MODULE: ./src/stages/release.ts
// Release stage: "create the version, then deploy", written once. Every
// target's bundle becomes its application version (reused when the label
// already holds the same bundle, uploaded, created and processed otherwise);
// then every environment is updated to its target's version concurrently,
// waited for until Ready + Green, recorded in its deploy history and, when it
// failed and `auto-rollback` is on, put back on its last good version.










/** Events quoted per environment in the summary. */
const LAST_EVENTS = 10;
/** Longest wait for Beanstalk to process a version (never longer than wait-timeout). */
const PROCESS_TIMEOUT_MS = 10 * 60_000;
/** Each target's application version, created from its bundle (or reused), processed and ready to deploy. */
async function createVersions(prepared, bundles, clients, changes, 
/** Tags for the versions this run creates: a preview's pull request and repository. */
tags) {
    const { config } = prepared;
    const versions = [];
    for (const { target, bundle } of bundles) {
        const version = await ensureApplicationVersion(clients, {
            application: config.application,
            versionLabel: target.plan.versionLabel,
            description: config.versionDescription,
            bundle: bundle.bundlePath,
            sha256: bundle.sha256,
            commit: config.commitSha,
            ...(tags !== undefined && { tags }),
            ...(config.bucket !== undefined && { bucket: config.bucket })
        }, {
            clock: clock/* systemClock */.m,
            log: logger/* actionsLogger */.MV,
            processTimeoutMs: Math.min(config.waitTimeoutMs, PROCESS_TIMEOUT_MS),
            ...(changes && { changes })
        });
        versions.push(version);
    }
    return versions;
}
/**
 * Deletes, with their bundles, the versions this run created (a reused one
 * was there before and stays): nothing the run made may be deployed later by
 * mistake (the smoke test failed).
 */
async function discardCreatedVersions(prepared, versions, clients, reason, onDeleted) {
    for (const version of versions.filter(candidate => !candidate.reused)) {
        await discardVersion(clients.beanstalk, prepared.config.application, version.versionLabel, reason, {
            log: logger/* actionsLogger */.MV,
            ...(onDeleted && { onDeleted })
        });
    }
}
/**
 * Updates every environment of every target to the target's version, all at
 * once, and reports each. A failed environment never stops the others.
 * `before` holds each environment as it was before the run: where an
 * automatic rollback goes back to.
 */
async function deployEnvironments(prepared, clients, before, 
/** Each environment's wait-timeout (by its deployment policy when the workflow sets none: deploy/policy-timeout.ts). */
waitTimeouts = new Map()) {
    const { config } = prepared;
    const history = new deploy_history/* HistoryStore */.KU(clients, config.bucket, logger/* actionsLogger */.MV);
    const deployments = prepared.targets.flatMap(target => target.environments.map(environmentName => ({ environmentName, versionLabel: target.plan.versionLabel })));
    return Promise.all(deployments.map(async ({ environmentName, versionLabel }) => {
        // Several environments deploy at once: each line says which one it is about.
        const log = deployments.length > 1 ? (0,logger/* prefixedLogger */.g5)(logger/* actionsLogger */.MV, `[${environmentName}] `) : logger/* actionsLogger */.MV;
        const input = {
            application: config.application,
            environmentName,
            versionLabel,
            waitTimeoutMs: waitTimeouts.get(environmentName) ?? config.waitTimeoutMs,
            allowYellow: config.allowYellow,
            recoveryMs: config.healthRecoveryMs,
            wait: config.wait,
            optionSettings: config.settings
        };
        try {
            const result = await (0,environment_deploy/* deployAndRecord */.U)(clients, history, { ...input, commit: config.commitSha, kind: 'deploy' }, { log });
            return {
                environmentName,
                environmentId: result.environmentId,
                url: result.url,
                health: result.health,
                status: result.status,
                versionLabel: result.versionLabel,
                action: result.unchanged ? 'none' : 'update',
                waited: result.waited,
                ok: true,
                lastEvents: result.events.slice(-LAST_EVENTS).map(wait_decision/* formatEvent */.qF)
            };
        }
        catch (error) {
            const failure = error instanceof wait/* DeployFailedError */.P2 ? error : undefined;
            let message = (0,errors/* errorMessage */.gJ)(error);
            if (failure && failure.causes.length === 0) {
                const hint = await (0,health_hint/* basicHealthHint */.S)(clients.beanstalk, environmentName);
                if (hint)
                    message = `${message}; ${hint}`;
            }
            // Not waited for: a failure is UpdateEnvironment's refusal, and the environment was not changed.
            if (config.autoRollback && config.wait) {
                // Only this environment failed: only this one goes back; the job still fails, saying both.
                const rollback = await rollBackFailedDeploy(clients, history, {
                    ...input,
                    failedLabel: versionLabel,
                    ...(failure?.kind !== undefined && { kind: failure.kind }),
                    ...(failure?.environment && {
                        after: {
                            ...(failure.environment.versionLabel !== undefined && {
                                versionLabel: failure.environment.versionLabel
                            }),
                            ...(failure.environment.health !== undefined && { health: failure.environment.health })
                        }
                    }),
                    before: before.get(environmentName)
                }, log);
                message = `${message}; ${rollback.message}`;
            }
            return {
                environmentName,
                ...(failure?.environment?.id !== undefined && { environmentId: failure.environment.id }),
                ...(failure?.environment?.health !== undefined && { health: failure.environment.health }),
                ...(failure?.environment?.status !== undefined && { status: failure.environment.status }),
                versionLabel,
                ok: false,
                message,
                lastEvents: (failure?.events ?? []).slice(-LAST_EVENTS).map(wait_decision/* formatEvent */.qF)
            };
        }
    }));
}


/***/ })

};
