export const id = 118;
export const ids = [118,737];
export const modules = {

/***/ 5737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   callerIdentity: () => (/* binding */ callerIdentity),
/* harmony export */   findRole: () => (/* binding */ findRole)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1695);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(133);
// IAM and STS, read-only: the account's conventional ECS task execution role
// (GetRole), and who the credentials are (GetCallerIdentity, for
// mask-aws-account-id). Neither changes anything.



/** The role's ARN, or undefined when the account has no role of that name. Other errors (access) are thrown. */
async function findRole(iam, roleName) {
    try {
        const answer = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__.GetRoleCommand({ RoleName: roleName }));
        return answer.Role?.Arn;
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsErrorCode */ .Tl.noSuchEntity))
            return undefined;
        throw error;
    }
}
/** The account id and ARN of the credentials the action runs with. */
async function callerIdentity(sts) {
    const answer = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__.GetCallerIdentityCommand({}));
    if (!answer.Account)
        throw new Error('STS GetCallerIdentity returned no account id');
    return { account: answer.Account, arn: answer.Arn ?? '' };
}


/***/ })

};
