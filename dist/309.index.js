export const id = 309;
export const ids = [309,401];
export const modules = {

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


/***/ })

};
