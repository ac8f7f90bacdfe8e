export const id = 538;
export const ids = [538];
export const modules = {

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


/***/ })

};
