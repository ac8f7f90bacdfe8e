export const id = 737;
export const ids = [737];
export const modules = {

/***/ 35737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ findRole),
/* harmony export */   callerIdentity: () => (/* binding */ callerIdentity),
/* harmony export */   j: () => (/* binding */ simulatePrincipal)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16764);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71695);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20133);
// IAM and STS, read-only: the account's conventional ECS task execution role
// (GetRole), whether a role's policies allow some calls (SimulatePrincipalPolicy),
// and who the credentials are (GetCallerIdentity, for mask-aws-account-id).
// None changes anything.



/** The role's ARN, or undefined when the account has no role of that name. Other errors (access) are thrown. */
async function findRole(iam, roleName) {
    try {
        const answer = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__/* .GetRoleCommand */ .kbp({ RoleName: roleName }));
        return answer.Role?.Arn;
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsErrorCode */ .Tl.noSuchEntity))
            return undefined;
        throw error;
    }
}
/**
 * IAM's decision for each action on each resource under the principal's own policies (identity policies and
 * permissions boundary; not resource policies or SCPs), every page of it.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
async function simulatePrincipal(iam, principalArn, actions, resources) {
    const decisions = [];
    let marker;
    do {
        const answer = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__/* .SimulatePrincipalPolicyCommand */ .kUw({
            PolicySourceArn: principalArn,
            ActionNames: [...actions],
            ResourceArns: [...resources],
            ...(marker !== undefined && { Marker: marker })
        }));
        for (const result of answer.EvaluationResults ?? []) {
            decisions.push({
                action: result.EvalActionName ?? '',
                resource: result.EvalResourceName ?? '',
                decision: (result.EvalDecision ?? 'implicitDeny')
            });
        }
        marker = answer.IsTruncated ? answer.Marker : undefined;
    } while (marker !== undefined);
    return decisions;
}
/** The account id and ARN of the credentials the action runs with. */
async function callerIdentity(sts) {
    const answer = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__/* .GetCallerIdentityCommand */ .zI({}));
    if (!answer.Account)
        throw new Error('STS GetCallerIdentity returned no account id');
    return { account: answer.Account, arn: answer.Arn ?? '' };
}


/***/ })

};
