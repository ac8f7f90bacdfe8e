export const id = 337;
export const ids = [337];
export const modules = {

/***/ 6337:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentPoster: () => (/* binding */ commentPoster),
  environmentFacts: () => (/* binding */ environmentFacts)
});

// UNUSED EXPORTS: previewComment

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(7264);
// EXTERNAL MODULE: ./src/logger.ts
var logger = __webpack_require__(6999);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/adapters/github.ts
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
    const octokit = (0,github/* getOctokit */.Q)(token, apiUrl ? { baseUrl: apiUrl } : {});
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

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/preview/comment.ts
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
    const lines = [commentMarker(context.application), `### ${heading}`, '', '| | |', '| --- | --- |'];
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
    const repository = parseRepository(run.pullRequest?.baseRepository ?? run.repository);
    if (!config.githubToken || !repository) {
        logger/* actionsLogger */.MV.info('No github-token or repository: the pull request gets no comment');
        return async () => undefined;
    }
    const api = octokitIssueComments(config.githubToken, repository, env.GITHUB_API_URL);
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
            const { created } = await upsertComment(api, target.pullRequest, commentMarker(config.application), previewComment(context, state));
            logger/* actionsLogger */.MV.info(`${created ? 'Commented on' : 'Updated the comment of'} pull request #${target.pullRequest}`);
        }
        catch (error) {
            core/* warning */.$e(`Could not comment on pull request #${target.pullRequest} (the job needs permissions: pull-requests: write): ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    };
}


/***/ })

};
