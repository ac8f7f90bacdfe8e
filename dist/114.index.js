export const id = 114;
export const ids = [114];
export const modules = {

/***/ 6114:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createWaiter, checkExceptions, WaiterState, createAggregatedClient } = __webpack_require__(2658);
const { Command: $Command } = __webpack_require__(2658);
exports.$Command = $Command;
exports.__Client = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(7291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(2085);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(3422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(3609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(2430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(1279);
const { AwsQueryProtocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultElasticBeanstalkHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "elasticbeanstalk",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultElasticBeanstalkHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "elasticbeanstalk",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1137.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://elasticbeanstalk-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://elasticbeanstalk.{Region}.amazonaws.com", i],
        ["https://elasticbeanstalk-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://elasticbeanstalk.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://elasticbeanstalk.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class ElasticBeanstalkSyntheticServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, ElasticBeanstalkSyntheticServiceException.prototype);
    }
}

class InsufficientPrivilegesException extends ElasticBeanstalkSyntheticServiceException {
    name = "InsufficientPrivilegesException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InsufficientPrivilegesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientPrivilegesException.prototype);
    }
}
class ElasticBeanstalkServiceException extends ElasticBeanstalkSyntheticServiceException {
    name = "ElasticBeanstalkServiceException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ElasticBeanstalkServiceException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ElasticBeanstalkServiceException.prototype);
    }
}
class ManagedActionInvalidStateException extends ElasticBeanstalkSyntheticServiceException {
    name = "ManagedActionInvalidStateException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ManagedActionInvalidStateException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ManagedActionInvalidStateException.prototype);
    }
}
class TooManyEnvironmentsException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyEnvironmentsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyEnvironmentsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyEnvironmentsException.prototype);
    }
}
class TooManyApplicationsException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyApplicationsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyApplicationsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyApplicationsException.prototype);
    }
}
class CodeBuildNotInServiceRegionException extends ElasticBeanstalkSyntheticServiceException {
    name = "CodeBuildNotInServiceRegionException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CodeBuildNotInServiceRegionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CodeBuildNotInServiceRegionException.prototype);
    }
}
class S3LocationNotInServiceRegionException extends ElasticBeanstalkSyntheticServiceException {
    name = "S3LocationNotInServiceRegionException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "S3LocationNotInServiceRegionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, S3LocationNotInServiceRegionException.prototype);
    }
}
class TooManyApplicationVersionsException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyApplicationVersionsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyApplicationVersionsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyApplicationVersionsException.prototype);
    }
}
class TooManyBucketsException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyBucketsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyBucketsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyBucketsException.prototype);
    }
}
class TooManyConfigurationTemplatesException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyConfigurationTemplatesException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyConfigurationTemplatesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyConfigurationTemplatesException.prototype);
    }
}
class TooManyPlatformsException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyPlatformsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyPlatformsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyPlatformsException.prototype);
    }
}
class S3SubscriptionRequiredException extends ElasticBeanstalkSyntheticServiceException {
    name = "S3SubscriptionRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "S3SubscriptionRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, S3SubscriptionRequiredException.prototype);
    }
}
class OperationInProgressException extends ElasticBeanstalkSyntheticServiceException {
    name = "OperationInProgressException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "OperationInProgressException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationInProgressException.prototype);
    }
}
class SourceBundleDeletionException extends ElasticBeanstalkSyntheticServiceException {
    name = "SourceBundleDeletionException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SourceBundleDeletionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SourceBundleDeletionException.prototype);
    }
}
class PlatformVersionStillReferencedException extends ElasticBeanstalkSyntheticServiceException {
    name = "PlatformVersionStillReferencedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "PlatformVersionStillReferencedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PlatformVersionStillReferencedException.prototype);
    }
}
class InvalidRequestException extends ElasticBeanstalkSyntheticServiceException {
    name = "InvalidRequestException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRequestException.prototype);
    }
}
class ResourceNotFoundException extends ElasticBeanstalkSyntheticServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
    }
}
class ResourceTypeNotSupportedException extends ElasticBeanstalkSyntheticServiceException {
    name = "ResourceTypeNotSupportedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceTypeNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceTypeNotSupportedException.prototype);
    }
}
class TooManyTagsException extends ElasticBeanstalkSyntheticServiceException {
    name = "TooManyTagsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyTagsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTagsException.prototype);
    }
}

const _A = "Application";
const _AA = "ApplicationArn";
const _ACA = "AutoCreateApplication";
const _AD = "ApplicationDescription";
const _ADL = "ApplicationDescriptionList";
const _ADM = "ApplicationDescriptionMessage";
const _ADMp = "ApplicationDescriptionsMessage";
const _ADc = "ActionDescription";
const _AEMA = "ApplyEnvironmentManagedAction";
const _AEMAR = "ApplyEnvironmentManagedActionRequest";
const _AEMARp = "ApplyEnvironmentManagedActionResult";
const _AEOR = "AssociateEnvironmentOperationsRole";
const _AEORM = "AssociateEnvironmentOperationsRoleMessage";
const _AEU = "AbortEnvironmentUpdate";
const _AEUM = "AbortEnvironmentUpdateMessage";
const _AI = "ActionId";
const _AM = "ApplicationMetrics";
const _AN = "ApplicationName";
const _ANp = "ApplicationNames";
const _ANr = "ArtifactName";
const _ANt = "AttributeNames";
const _AOIP = "AbortableOperationInProgress";
const _AQ = "ApplicationQuota";
const _ARLC = "ApplicationResourceLifecycleConfig";
const _ARLDM = "ApplicationResourceLifecycleDescriptionMessage";
const _ARN = "ARN";
const _ASG = "AutoScalingGroup";
const _ASGL = "AutoScalingGroupList";
const _ASGu = "AutoScalingGroups";
const _ASSDL = "AvailableSolutionStackDetailsList";
const _AT = "ActionType";
const _AV = "ApplicationVersion";
const _AVA = "ApplicationVersionArn";
const _AVD = "ApplicationVersionDescription";
const _AVDL = "ApplicationVersionDescriptionList";
const _AVDM = "ApplicationVersionDescriptionMessage";
const _AVDMp = "ApplicationVersionDescriptionsMessage";
const _AVLC = "ApplicationVersionLifecycleConfig";
const _AVQ = "ApplicationVersionQuota";
const _AVp = "ApplicationVersions";
const _AZ = "AvailabilityZone";
const _Ap = "Applications";
const _Ar = "Architecture";
const _At = "Attribute";
const _Av = "Available";
const _B = "Builder";
const _BA = "BuildArn";
const _BC = "BuildConfiguration";
const _BN = "BranchName";
const _BO = "BranchOrder";
const _Bu = "Buildpack";
const _Bui = "Build";
const _C = "Cluster";
const _CA = "ClusterArn";
const _CAL = "CustomAmiList";
const _CAM = "CreateApplicationMessage";
const _CAV = "CreateApplicationVersion";
const _CAVM = "CreateApplicationVersionMessage";
const _CAr = "CreateApplication";
const _CAu = "CustomAmi";
const _CBNISRE = "CodeBuildNotInServiceRegionException";
const _CBSR = "CodeBuildServiceRole";
const _CCT = "CreateConfigurationTemplate";
const _CCTM = "CreateConfigurationTemplateMessage";
const _CDNSA = "CheckDNSAvailability";
const _CDNSAM = "CheckDNSAvailabilityMessage";
const _CDNSARM = "CheckDNSAvailabilityResultMessage";
const _CE = "ComposeEnvironments";
const _CEM = "ComposeEnvironmentsMessage";
const _CEMr = "CreateEnvironmentMessage";
const _CEr = "CreateEnvironment";
const _CNAME = "CNAME";
const _CNAMEP = "CNAMEPrefix";
const _COD = "ConfigurationOptionDescription";
const _CODL = "ConfigurationOptionDescriptionsList";
const _CODo = "ConfigurationOptionsDescription";
const _COS = "ConfigurationOptionSetting";
const _COSL = "ConfigurationOptionSettingsList";
const _CPQ = "CustomPlatformQuota";
const _CPUU = "CPUUtilization";
const _CPV = "CreatePlatformVersion";
const _CPVR = "CreatePlatformVersionRequest";
const _CPVRr = "CreatePlatformVersionResult";
const _CS = "ChangeSeverity";
const _CSD = "ConfigurationSettingsDescription";
const _CSDL = "ConfigurationSettingsDescriptionList";
const _CSDo = "ConfigurationSettingsDescriptions";
const _CSL = "CreateStorageLocation";
const _CSLRM = "CreateStorageLocationResultMessage";
const _CSVM = "ConfigurationSettingsValidationMessages";
const _CSo = "ConfigurationSettings";
const _CT = "ConfigurationTemplates";
const _CTQ = "ConfigurationTemplateQuota";
const _CTo = "ComputeType";
const _Ca = "Causes";
const _Co = "Color";
const _D = "Description";
const _DA = "DeleteApplication";
const _DAA = "DescribeAccountAttributes";
const _DAAR = "DescribeAccountAttributesResult";
const _DAM = "DeleteApplicationMessage";
const _DAMe = "DescribeApplicationsMessage";
const _DAV = "DeleteApplicationVersion";
const _DAVM = "DeleteApplicationVersionMessage";
const _DAVMe = "DescribeApplicationVersionsMessage";
const _DAVe = "DescribeApplicationVersions";
const _DAe = "DescribeApplications";
const _DC = "DateCreated";
const _DCO = "DescribeConfigurationOptions";
const _DCOM = "DescribeConfigurationOptionsMessage";
const _DCS = "DescribeConfigurationSettings";
const _DCSM = "DescribeConfigurationSettingsMessage";
const _DCT = "DeleteConfigurationTemplate";
const _DCTM = "DeleteConfigurationTemplateMessage";
const _DE = "DescribeEnvironments";
const _DEC = "DeleteEnvironmentConfiguration";
const _DECM = "DeleteEnvironmentConfigurationMessage";
const _DEH = "DescribeEnvironmentHealth";
const _DEHR = "DescribeEnvironmentHealthRequest";
const _DEHRe = "DescribeEnvironmentHealthResult";
const _DEI = "DestinationEnvironmentId";
const _DEM = "DescribeEnvironmentsMessage";
const _DEMA = "DescribeEnvironmentManagedActions";
const _DEMAH = "DescribeEnvironmentManagedActionHistory";
const _DEMAHR = "DescribeEnvironmentManagedActionHistoryRequest";
const _DEMAHRe = "DescribeEnvironmentManagedActionHistoryResult";
const _DEMAR = "DescribeEnvironmentManagedActionsRequest";
const _DEMARe = "DescribeEnvironmentManagedActionsResult";
const _DEMe = "DescribeEventsMessage";
const _DEN = "DestinationEnvironmentName";
const _DEOR = "DisassociateEnvironmentOperationsRole";
const _DEORM = "DisassociateEnvironmentOperationsRoleMessage";
const _DER = "DescribeEnvironmentResources";
const _DERM = "DescribeEnvironmentResourcesMessage";
const _DEe = "DescribeEvents";
const _DI = "DeploymentId";
const _DIH = "DescribeInstancesHealth";
const _DIHR = "DescribeInstancesHealthRequest";
const _DIHRe = "DescribeInstancesHealthResult";
const _DL = "DockerfileLocation";
const _DPV = "DeletePlatformVersion";
const _DPVR = "DeletePlatformVersionRequest";
const _DPVRe = "DeletePlatformVersionResult";
const _DPVRes = "DescribePlatformVersionRequest";
const _DPVResc = "DescribePlatformVersionResult";
const _DPVe = "DescribePlatformVersion";
const _DS = "DeploymentStatus";
const _DSB = "DeleteSourceBundle";
const _DSFS = "DeleteSourceFromS3";
const _DT = "DeploymentTime";
const _DU = "DateUpdated";
const _DV = "DefaultValue";
const _De = "Deployment";
const _Deg = "Degraded";
const _Do = "Domain";
const _Du = "Duration";
const _E = "Environments";
const _EA = "EnvironmentArn";
const _EBSE = "ElasticBeanstalkServiceException";
const _ED = "EnvironmentDescription";
const _EDL = "EnvironmentDescriptionsList";
const _EDLv = "EventDescriptionList";
const _EDM = "EnvironmentDescriptionsMessage";
const _EDMv = "EventDescriptionsMessage";
const _EDv = "EventDescription";
const _EDve = "EventDate";
const _EI = "EnvironmentId";
const _EID = "EnvironmentInfoDescription";
const _EIDL = "EnvironmentInfoDescriptionList";
const _EII = "Ec2InstanceId";
const _EIn = "EnvironmentIds";
const _EInv = "EnvironmentInfo";
const _EL = "EnvironmentLinks";
const _ELn = "EnvironmentLink";
const _EN = "EnvironmentName";
const _ENn = "EnvironmentNames";
const _EQ = "EnvironmentQuota";
const _ER = "EnvironmentResources";
const _ERD = "EnvironmentResourceDescription";
const _ERDM = "EnvironmentResourceDescriptionsMessage";
const _ERDn = "EnvironmentResourcesDescription";
const _ET = "EndTime";
const _ETn = "EnvironmentTier";
const _ETx = "ExecutedTime";
const _EURL = "EndpointURL";
const _En = "Enabled";
const _Ev = "Events";
const _F = "Filters";
const _FD = "FailureDescription";
const _FQCNAME = "FullyQualifiedCNAME";
const _FT = "FailureType";
const _FTi = "FinishedTime";
const _FTo = "ForceTerminate";
const _Fr = "Frameworks";
const _GN = "GroupName";
const _H = "Health";
const _HS = "HealthStatus";
const _I = "Image";
const _IBC = "ImageBuildConfiguration";
const _IC = "ImageConfiguration";
const _ID = "IncludeDeleted";
const _IDBT = "IncludedDeletedBackTo";
const _IH = "InstancesHealth";
const _IHL = "InstanceHealthList";
const _IHS = "InstanceHealthSummary";
const _II = "ImageId";
const _IIn = "InstanceId";
const _IL = "InstanceList";
const _IOW = "IOWait";
const _IPE = "InsufficientPrivilegesException";
const _IRE = "InvalidRequestException";
const _IRQ = "IRQ";
const _IS = "ImageSource";
const _IT = "InfoType";
const _ITn = "InstanceType";
const _Id = "Idle";
const _Id_ = "Id";
const _In = "Instances";
const _Inf = "Info";
const _Ins = "Instance";
const _K = "Key";
const _L = "Latency";
const _LA = "LaunchedAt";
const _LASS = "ListAvailableSolutionStacks";
const _LASSRM = "ListAvailableSolutionStacksResultMessage";
const _LAo = "LoadAverage";
const _LB = "LoadBalancers";
const _LBD = "LoadBalancerDescription";
const _LBL = "LoadBalancerList";
const _LBLD = "LoadBalancerListenersDescription";
const _LBN = "LoadBalancerName";
const _LBo = "LoadBalancer";
const _LC = "LaunchConfigurations";
const _LCL = "LaunchConfigurationList";
const _LCa = "LaunchConfiguration";
const _LN = "LinkName";
const _LPB = "ListPlatformBranches";
const _LPBR = "ListPlatformBranchesRequest";
const _LPBRi = "ListPlatformBranchesResult";
const _LPV = "ListPlatformVersions";
const _LPVR = "ListPlatformVersionsRequest";
const _LPVRi = "ListPlatformVersionsResult";
const _LS = "LifecycleState";
const _LT = "LaunchTemplates";
const _LTFR = "ListTagsForResource";
const _LTFRM = "ListTagsForResourceMessage";
const _LTL = "LaunchTemplateList";
const _LTa = "LaunchTemplate";
const _La = "Label";
const _Li = "Listener";
const _Lis = "Listeners";
const _M = "Messages";
const _MA = "ManagedActions";
const _MAHI = "ManagedActionHistoryItems";
const _MAHIa = "ManagedActionHistoryItem";
const _MAID = "MaxAgeInDays";
const _MAISE = "ManagedActionInvalidStateException";
const _MAR = "MaxAgeRule";
const _MAa = "ManagedAction";
const _MC = "MaxCount";
const _MCR = "MaxCountRule";
const _MI = "MaxItems";
const _ML = "MaxLength";
const _MR = "MaxRecords";
const _MV = "MinValue";
const _MVa = "MaxValue";
const _Ma = "Maintainer";
const _Max = "Maximum";
const _Me = "Message";
const _N = "Name";
const _ND = "NoData";
const _NT = "NextToken";
const _Na = "Namespace";
const _Ni = "Nice";
const _O = "Options";
const _OIPE = "OperationInProgressException";
const _ON = "OptionName";
const _OR = "OperationsRole";
const _ORR = "OptionRestrictionRegex";
const _OS = "OptionSettings";
const _OSL = "OptionsSpecifierList";
const _OSN = "OperatingSystemName";
const _OSV = "OperatingSystemVersion";
const _OSp = "OptionSpecification";
const _OTR = "OptionsToRemove";
const _Ok = "Ok";
const _Op = "Operator";
const _P = "Process";
const _PA = "PlatformArn";
const _PBLS = "PlatformBranchLifecycleState";
const _PBN = "PlatformBranchName";
const _PBS = "PlatformBranchSummary";
const _PBSL = "PlatformBranchSummaryList";
const _PC = "PlatformCategory";
const _PD = "PlatformDescription";
const _PDB = "PlatformDefinitionBundle";
const _PF = "PlatformFilter";
const _PFT = "PermittedFileTypes";
const _PFl = "PlatformFramework";
const _PFla = "PlatformFilters";
const _PFlat = "PlatformFrameworks";
const _PL = "ProgrammingLanguages";
const _PLS = "PlatformLifecycleState";
const _PN = "PlatformName";
const _PO = "PlatformOwner";
const _PPL = "PlatformProgrammingLanguage";
const _PPLl = "PlatformProgrammingLanguages";
const _PS = "PlatformSummary";
const _PSL = "PlatformSummaryList";
const _PSl = "PlatformStatus";
const _PV = "PlatformVersion";
const _PVSRE = "PlatformVersionStillReferencedException";
const _P_ = "P999";
const _P__ = "P99";
const _P___ = "P95";
const _P____ = "P90";
const _P_____ = "P85";
const _P______ = "P75";
const _P_______ = "P50";
const _P________ = "P10";
const _Pa = "Pattern";
const _Pe = "Pending";
const _Po = "Port";
const _Pr = "Privileged";
const _Pro = "Protocol";
const _Q = "Queues";
const _QL = "QueueList";
const _Qu = "Queue";
const _R = "Regex";
const _RA = "RefreshedAt";
const _RAS = "RestartAppServer";
const _RASM = "RestartAppServerMessage";
const _RAe = "ResourceArn";
const _RC = "RequestCount";
const _RE = "RebuildEnvironment";
const _REI = "RequestEnvironmentInfo";
const _REIM = "RequestEnvironmentInfoMessage";
const _REIMe = "RetrieveEnvironmentInfoMessage";
const _REIRM = "RetrieveEnvironmentInfoResultMessage";
const _REIe = "RetrieveEnvironmentInfo";
const _REM = "RebuildEnvironmentMessage";
const _RI = "RequestId";
const _RLC = "ResourceLifecycleConfig";
const _RN = "ResourceName";
const _RNFE = "ResourceNotFoundException";
const _RQ = "ResourceQuotas";
const _RQe = "ResourceQuota";
const _RT = "ResourceTags";
const _RTDM = "ResourceTagsDescriptionMessage";
const _RTNSE = "ResourceTypeNotSupportedException";
const _Re = "Resources";
const _S = "Status";
const _SAL = "SupportedAddonList";
const _SB = "SourceBundle";
const _SBDE = "SourceBundleDeletionException";
const _SBI = "SourceBuildInformation";
const _SBu = "S3Bucket";
const _SC = "StatusCodes";
const _SCo = "SourceConfiguration";
const _SECNAME = "SwapEnvironmentCNAMEs";
const _SECNAMEM = "SwapEnvironmentCNAMEsMessage";
const _SEI = "SourceEnvironmentId";
const _SEN = "SourceEnvironmentName";
const _SF = "SearchFilter";
const _SFe = "SearchFilters";
const _SIH = "SingleInstanceHealth";
const _SIRQ = "SoftIRQ";
const _SK = "S3Key";
const _SL = "S3Location";
const _SLNISRE = "S3LocationNotInServiceRegionException";
const _SLo = "SourceLocation";
const _SR = "ServiceRole";
const _SRo = "SourceRepository";
const _SS = "SolutionStacks";
const _SSD = "SolutionStackDetails";
const _SSDo = "SolutionStackDescription";
const _SSN = "SolutionStackName";
const _SSRE = "S3SubscriptionRequiredException";
const _SSy = "SystemStatus";
const _ST = "StartTime";
const _STL = "SupportedTierList";
const _STa = "SampleTimestamp";
const _STo = "SourceType";
const _Se = "Severity";
const _Sev = "Severe";
const _So = "Source";
const _St = "Status2xx";
const _Sta = "Status3xx";
const _Stat = "Status4xx";
const _Statu = "Status5xx";
const _Sy = "System";
const _T = "Tags";
const _TE = "TerminateEnvironment";
const _TEBF = "TerminateEnvByForce";
const _TEM = "TerminateEnvironmentMessage";
const _TIM = "TimeoutInMinutes";
const _TL = "TagList";
const _TLr = "TriggerList";
const _TMAE = "TooManyApplicationsException";
const _TMAVE = "TooManyApplicationVersionsException";
const _TMBE = "TooManyBucketsException";
const _TMCTE = "TooManyConfigurationTemplatesException";
const _TMEE = "TooManyEnvironmentsException";
const _TMPE = "TooManyPlatformsException";
const _TMTE = "TooManyTagsException";
const _TN = "TemplateName";
const _TR = "TerminateResources";
const _TTA = "TagsToAdd";
const _TTR = "TagsToRemove";
const _Ta = "Tag";
const _Ti = "Tier";
const _Tr = "Triggers";
const _Tri = "Trigger";
const _Ty = "Type";
const _U = "User";
const _UA = "UpdateApplication";
const _UAM = "UpdateApplicationMessage";
const _UARL = "UpdateApplicationResourceLifecycle";
const _UARLM = "UpdateApplicationResourceLifecycleMessage";
const _UAV = "UpdateApplicationVersion";
const _UAVM = "UpdateApplicationVersionMessage";
const _UCT = "UpdateConfigurationTemplate";
const _UCTM = "UpdateConfigurationTemplateMessage";
const _UD = "UserDefined";
const _UE = "UpdateEnvironment";
const _UEM = "UpdateEnvironmentMessage";
const _URL = "URL";
const _UTFR = "UpdateTagsForResource";
const _UTFRM = "UpdateTagsForResourceMessage";
const _Un = "Unknown";
const _Ur = "Uri";
const _V = "Versions";
const _VCS = "ValidateConfigurationSettings";
const _VCSM = "ValidateConfigurationSettingsMessage";
const _VL = "VersionLabel";
const _VLC = "VersionLifecycleConfig";
const _VLe = "VersionLabels";
const _VM = "ValidationMessage";
const _VML = "ValidationMessagesList";
const _VO = "ValueOptions";
const _VT = "ValueType";
const _VTi = "VirtualizationType";
const _Va = "Value";
const _Val = "Values";
const _Ve = "Version";
const _W = "Warning";
const _WST = "WindowStartTime";
const _aQE = "awsQueryError";
const _c = "client";
const _e = "error";
const _hE = "httpError";
const _m = "message";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.elasticbeanstalk";
const n0 = "com.amazonaws.elasticbeanstalk";
const _s_registry = new TypeRegistry(_s);
var ElasticBeanstalkSyntheticServiceException$ = [-3, _s, "ElasticBeanstalkSyntheticServiceException", 0, [], []];
_s_registry.registerError(ElasticBeanstalkSyntheticServiceException$, ElasticBeanstalkSyntheticServiceException);
const n0_registry = new TypeRegistry(n0);
var CodeBuildNotInServiceRegionException$ = [-3, n0, _CBNISRE,
    { [_aQE]: [`CodeBuildNotInServiceRegionException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(CodeBuildNotInServiceRegionException$, CodeBuildNotInServiceRegionException);
var ElasticBeanstalkServiceException$ = [-3, n0, _EBSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ElasticBeanstalkServiceException$, ElasticBeanstalkServiceException);
var InsufficientPrivilegesException$ = [-3, n0, _IPE,
    { [_aQE]: [`InsufficientPrivilegesException`, 403], [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(InsufficientPrivilegesException$, InsufficientPrivilegesException);
var InvalidRequestException$ = [-3, n0, _IRE,
    { [_aQE]: [`InvalidRequestException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidRequestException$, InvalidRequestException);
var ManagedActionInvalidStateException$ = [-3, n0, _MAISE,
    { [_aQE]: [`ManagedActionInvalidStateException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ManagedActionInvalidStateException$, ManagedActionInvalidStateException);
var OperationInProgressException$ = [-3, n0, _OIPE,
    { [_aQE]: [`OperationInProgressFailure`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(OperationInProgressException$, OperationInProgressException);
var PlatformVersionStillReferencedException$ = [-3, n0, _PVSRE,
    { [_aQE]: [`PlatformVersionStillReferencedException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(PlatformVersionStillReferencedException$, PlatformVersionStillReferencedException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_aQE]: [`ResourceNotFoundException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ResourceTypeNotSupportedException$ = [-3, n0, _RTNSE,
    { [_aQE]: [`ResourceTypeNotSupportedException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ResourceTypeNotSupportedException$, ResourceTypeNotSupportedException);
var S3LocationNotInServiceRegionException$ = [-3, n0, _SLNISRE,
    { [_aQE]: [`S3LocationNotInServiceRegionException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(S3LocationNotInServiceRegionException$, S3LocationNotInServiceRegionException);
var S3SubscriptionRequiredException$ = [-3, n0, _SSRE,
    { [_aQE]: [`S3SubscriptionRequiredException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(S3SubscriptionRequiredException$, S3SubscriptionRequiredException);
var SourceBundleDeletionException$ = [-3, n0, _SBDE,
    { [_aQE]: [`SourceBundleDeletionFailure`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SourceBundleDeletionException$, SourceBundleDeletionException);
var TooManyApplicationsException$ = [-3, n0, _TMAE,
    { [_aQE]: [`TooManyApplicationsException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TooManyApplicationsException$, TooManyApplicationsException);
var TooManyApplicationVersionsException$ = [-3, n0, _TMAVE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TooManyApplicationVersionsException$, TooManyApplicationVersionsException);
var TooManyBucketsException$ = [-3, n0, _TMBE,
    { [_aQE]: [`TooManyBucketsException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TooManyBucketsException$, TooManyBucketsException);
var TooManyConfigurationTemplatesException$ = [-3, n0, _TMCTE,
    { [_aQE]: [`TooManyConfigurationTemplatesException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TooManyConfigurationTemplatesException$, TooManyConfigurationTemplatesException);
var TooManyEnvironmentsException$ = [-3, n0, _TMEE,
    { [_aQE]: [`TooManyEnvironmentsException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TooManyEnvironmentsException$, TooManyEnvironmentsException);
var TooManyPlatformsException$ = [-3, n0, _TMPE,
    { [_aQE]: [`TooManyPlatformsException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TooManyPlatformsException$, TooManyPlatformsException);
var TooManyTagsException$ = [-3, n0, _TMTE,
    { [_aQE]: [`TooManyTagsException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TooManyTagsException$, TooManyTagsException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AbortEnvironmentUpdateMessage$ = [3, n0, _AEUM,
    0,
    [_EI, _EN],
    [0, 0]
];
var ApplicationDescription$ = [3, n0, _AD,
    0,
    [_AA, _AN, _D, _DC, _DU, _V, _CT, _RLC],
    [0, 0, 0, 4, 4, 64 | 0, 64 | 0, () => ApplicationResourceLifecycleConfig$]
];
var ApplicationDescriptionMessage$ = [3, n0, _ADM,
    0,
    [_A],
    [() => ApplicationDescription$]
];
var ApplicationDescriptionsMessage$ = [3, n0, _ADMp,
    0,
    [_Ap],
    [() => ApplicationDescriptionList]
];
var ApplicationMetrics$ = [3, n0, _AM,
    0,
    [_Du, _RC, _SC, _L],
    [1, 1, () => StatusCodes$, () => Latency$]
];
var ApplicationResourceLifecycleConfig$ = [3, n0, _ARLC,
    0,
    [_SR, _VLC],
    [0, () => ApplicationVersionLifecycleConfig$]
];
var ApplicationResourceLifecycleDescriptionMessage$ = [3, n0, _ARLDM,
    0,
    [_AN, _RLC],
    [0, () => ApplicationResourceLifecycleConfig$]
];
var ApplicationVersionDescription$ = [3, n0, _AVD,
    0,
    [_AVA, _AN, _D, _VL, _SBI, _BA, _SB, _IS, _IBC, _P, _DC, _DU, _S],
    [0, 0, 0, 0, () => SourceBuildInformation$, 0, () => S3Location$, () => ImageSource$, () => ImageBuildConfiguration$, 2, 4, 4, 0]
];
var ApplicationVersionDescriptionMessage$ = [3, n0, _AVDM,
    0,
    [_AV],
    [() => ApplicationVersionDescription$]
];
var ApplicationVersionDescriptionsMessage$ = [3, n0, _AVDMp,
    0,
    [_AVp, _NT],
    [() => ApplicationVersionDescriptionList, 0]
];
var ApplicationVersionLifecycleConfig$ = [3, n0, _AVLC,
    0,
    [_MCR, _MAR],
    [() => MaxCountRule$, () => MaxAgeRule$]
];
var ApplyEnvironmentManagedActionRequest$ = [3, n0, _AEMAR,
    0,
    [_AI, _EN, _EI],
    [0, 0, 0], 1
];
var ApplyEnvironmentManagedActionResult$ = [3, n0, _AEMARp,
    0,
    [_AI, _ADc, _AT, _S],
    [0, 0, 0, 0]
];
var AssociateEnvironmentOperationsRoleMessage$ = [3, n0, _AEORM,
    0,
    [_EN, _OR],
    [0, 0], 2
];
var AutoScalingGroup$ = [3, n0, _ASG,
    0,
    [_N],
    [0]
];
var BuildConfiguration$ = [3, n0, _BC,
    0,
    [_CBSR, _I, _ANr, _CTo, _TIM],
    [0, 0, 0, 0, 1], 2
];
var Builder$ = [3, n0, _B,
    0,
    [_ARN],
    [0]
];
var CheckDNSAvailabilityMessage$ = [3, n0, _CDNSAM,
    0,
    [_CNAMEP],
    [0], 1
];
var CheckDNSAvailabilityResultMessage$ = [3, n0, _CDNSARM,
    0,
    [_Av, _FQCNAME],
    [2, 0]
];
var Cluster$ = [3, n0, _C,
    0,
    [_CA],
    [0]
];
var ComposeEnvironmentsMessage$ = [3, n0, _CEM,
    0,
    [_AN, _GN, _VLe],
    [0, 0, 64 | 0]
];
var ConfigurationOptionDescription$ = [3, n0, _COD,
    0,
    [_Na, _N, _DV, _CS, _UD, _VT, _VO, _MV, _MVa, _ML, _R],
    [0, 0, 0, 0, 2, 0, 64 | 0, 1, 1, 1, () => OptionRestrictionRegex$]
];
var ConfigurationOptionsDescription$ = [3, n0, _CODo,
    0,
    [_SSN, _PA, _O],
    [0, 0, () => ConfigurationOptionDescriptionsList]
];
var ConfigurationOptionSetting$ = [3, n0, _COS,
    0,
    [_RN, _Na, _ON, _Va],
    [0, 0, 0, 0]
];
var ConfigurationSettingsDescription$ = [3, n0, _CSD,
    0,
    [_SSN, _PA, _AN, _TN, _D, _EN, _DS, _DC, _DU, _OS],
    [0, 0, 0, 0, 0, 0, 0, 4, 4, () => ConfigurationOptionSettingsList]
];
var ConfigurationSettingsDescriptions$ = [3, n0, _CSDo,
    0,
    [_CSo],
    [() => ConfigurationSettingsDescriptionList]
];
var ConfigurationSettingsValidationMessages$ = [3, n0, _CSVM,
    0,
    [_M],
    [() => ValidationMessagesList]
];
var CPUUtilization$ = [3, n0, _CPUU,
    0,
    [_U, _Ni, _Sy, _Id, _IOW, _IRQ, _SIRQ, _Pr],
    [1, 1, 1, 1, 1, 1, 1, 1]
];
var CreateApplicationMessage$ = [3, n0, _CAM,
    0,
    [_AN, _D, _RLC, _T],
    [0, 0, () => ApplicationResourceLifecycleConfig$, () => Tags], 1
];
var CreateApplicationVersionMessage$ = [3, n0, _CAVM,
    0,
    [_AN, _VL, _D, _SBI, _SB, _BC, _ACA, _P, _T, _IC],
    [0, 0, 0, () => SourceBuildInformation$, () => S3Location$, () => BuildConfiguration$, 2, 2, () => Tags, () => ImageConfiguration$], 2
];
var CreateConfigurationTemplateMessage$ = [3, n0, _CCTM,
    0,
    [_AN, _TN, _SSN, _PA, _SCo, _EI, _D, _OS, _T],
    [0, 0, 0, 0, () => SourceConfiguration$, 0, 0, () => ConfigurationOptionSettingsList, () => Tags], 2
];
var CreateEnvironmentMessage$ = [3, n0, _CEMr,
    0,
    [_AN, _EN, _GN, _D, _CNAMEP, _Ti, _T, _VL, _TN, _SSN, _PA, _OS, _OTR, _OR],
    [0, 0, 0, 0, 0, () => EnvironmentTier$, () => Tags, 0, 0, 0, 0, () => ConfigurationOptionSettingsList, () => OptionsSpecifierList, 0], 1
];
var CreatePlatformVersionRequest$ = [3, n0, _CPVR,
    0,
    [_PN, _PV, _PDB, _EN, _OS, _T],
    [0, 0, () => S3Location$, 0, () => ConfigurationOptionSettingsList, () => Tags], 3
];
var CreatePlatformVersionResult$ = [3, n0, _CPVRr,
    0,
    [_PS, _B],
    [() => PlatformSummary$, () => Builder$]
];
var CreateStorageLocationResultMessage$ = [3, n0, _CSLRM,
    0,
    [_SBu],
    [0]
];
var CustomAmi$ = [3, n0, _CAu,
    0,
    [_VTi, _II],
    [0, 0]
];
var DeleteApplicationMessage$ = [3, n0, _DAM,
    0,
    [_AN, _TEBF],
    [0, 2], 1
];
var DeleteApplicationVersionMessage$ = [3, n0, _DAVM,
    0,
    [_AN, _VL, _DSB],
    [0, 0, 2], 2
];
var DeleteConfigurationTemplateMessage$ = [3, n0, _DCTM,
    0,
    [_AN, _TN],
    [0, 0], 2
];
var DeleteEnvironmentConfigurationMessage$ = [3, n0, _DECM,
    0,
    [_AN, _EN],
    [0, 0], 2
];
var DeletePlatformVersionRequest$ = [3, n0, _DPVR,
    0,
    [_PA],
    [0]
];
var DeletePlatformVersionResult$ = [3, n0, _DPVRe,
    0,
    [_PS],
    [() => PlatformSummary$]
];
var Deployment$ = [3, n0, _De,
    0,
    [_VL, _DI, _S, _DT],
    [0, 1, 0, 4]
];
var DescribeAccountAttributesResult$ = [3, n0, _DAAR,
    0,
    [_RQ],
    [() => ResourceQuotas$]
];
var DescribeApplicationsMessage$ = [3, n0, _DAMe,
    0,
    [_ANp],
    [64 | 0]
];
var DescribeApplicationVersionsMessage$ = [3, n0, _DAVMe,
    0,
    [_AN, _VLe, _MR, _NT],
    [0, 64 | 0, 1, 0]
];
var DescribeConfigurationOptionsMessage$ = [3, n0, _DCOM,
    0,
    [_AN, _TN, _EN, _SSN, _PA, _O],
    [0, 0, 0, 0, 0, () => OptionsSpecifierList]
];
var DescribeConfigurationSettingsMessage$ = [3, n0, _DCSM,
    0,
    [_AN, _TN, _EN],
    [0, 0, 0], 1
];
var DescribeEnvironmentHealthRequest$ = [3, n0, _DEHR,
    0,
    [_EN, _EI, _ANt],
    [0, 0, 64 | 0]
];
var DescribeEnvironmentHealthResult$ = [3, n0, _DEHRe,
    0,
    [_EN, _HS, _S, _Co, _Ca, _AM, _IH, _RA],
    [0, 0, 0, 0, 64 | 0, () => ApplicationMetrics$, () => InstanceHealthSummary$, 4]
];
var DescribeEnvironmentManagedActionHistoryRequest$ = [3, n0, _DEMAHR,
    0,
    [_EI, _EN, _NT, _MI],
    [0, 0, 0, 1]
];
var DescribeEnvironmentManagedActionHistoryResult$ = [3, n0, _DEMAHRe,
    0,
    [_MAHI, _NT],
    [() => ManagedActionHistoryItems, 0]
];
var DescribeEnvironmentManagedActionsRequest$ = [3, n0, _DEMAR,
    0,
    [_EN, _EI, _S],
    [0, 0, 0]
];
var DescribeEnvironmentManagedActionsResult$ = [3, n0, _DEMARe,
    0,
    [_MA],
    [() => ManagedActions]
];
var DescribeEnvironmentResourcesMessage$ = [3, n0, _DERM,
    0,
    [_EI, _EN],
    [0, 0]
];
var DescribeEnvironmentsMessage$ = [3, n0, _DEM,
    0,
    [_AN, _VL, _EIn, _ENn, _ID, _IDBT, _MR, _NT],
    [0, 0, 64 | 0, 64 | 0, 2, 4, 1, 0]
];
var DescribeEventsMessage$ = [3, n0, _DEMe,
    0,
    [_AN, _VL, _TN, _EI, _EN, _PA, _RI, _Se, _ST, _ET, _MR, _NT],
    [0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 1, 0]
];
var DescribeInstancesHealthRequest$ = [3, n0, _DIHR,
    0,
    [_EN, _EI, _ANt, _NT],
    [0, 0, 64 | 0, 0]
];
var DescribeInstancesHealthResult$ = [3, n0, _DIHRe,
    0,
    [_IHL, _RA, _NT],
    [() => InstanceHealthList, 4, 0]
];
var DescribePlatformVersionRequest$ = [3, n0, _DPVRes,
    0,
    [_PA],
    [0]
];
var DescribePlatformVersionResult$ = [3, n0, _DPVResc,
    0,
    [_PD],
    [() => PlatformDescription$]
];
var DisassociateEnvironmentOperationsRoleMessage$ = [3, n0, _DEORM,
    0,
    [_EN],
    [0], 1
];
var EnvironmentDescription$ = [3, n0, _ED,
    0,
    [_EN, _EI, _AN, _VL, _SSN, _PA, _TN, _D, _EURL, _CNAME, _DC, _DU, _S, _AOIP, _H, _HS, _Re, _Ti, _EL, _EA, _OR],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 2, 0, 0, () => EnvironmentResourcesDescription$, () => EnvironmentTier$, () => EnvironmentLinks, 0, 0]
];
var EnvironmentDescriptionsMessage$ = [3, n0, _EDM,
    0,
    [_E, _NT],
    [() => EnvironmentDescriptionsList, 0]
];
var EnvironmentInfoDescription$ = [3, n0, _EID,
    0,
    [_IT, _EII, _STa, _Me],
    [0, 0, 4, 0]
];
var EnvironmentLink$ = [3, n0, _ELn,
    0,
    [_LN, _EN],
    [0, 0]
];
var EnvironmentResourceDescription$ = [3, n0, _ERD,
    0,
    [_EN, _ASGu, _C, _In, _LC, _LT, _LB, _Tr, _Q],
    [0, () => AutoScalingGroupList, () => Cluster$, () => InstanceList, () => LaunchConfigurationList, () => LaunchTemplateList, () => LoadBalancerList, () => TriggerList, () => QueueList]
];
var EnvironmentResourceDescriptionsMessage$ = [3, n0, _ERDM,
    0,
    [_ER],
    [() => EnvironmentResourceDescription$]
];
var EnvironmentResourcesDescription$ = [3, n0, _ERDn,
    0,
    [_LBo],
    [() => LoadBalancerDescription$]
];
var EnvironmentTier$ = [3, n0, _ETn,
    0,
    [_N, _Ty, _Ve],
    [0, 0, 0]
];
var EventDescription$ = [3, n0, _EDv,
    0,
    [_EDve, _Me, _AN, _VL, _TN, _EN, _PA, _RI, _Se],
    [4, 0, 0, 0, 0, 0, 0, 0, 0]
];
var EventDescriptionsMessage$ = [3, n0, _EDMv,
    0,
    [_Ev, _NT],
    [() => EventDescriptionList, 0]
];
var ImageBuildConfiguration$ = [3, n0, _IBC,
    0,
    [_Ty, _DL, _Bu, _Ar, _CBSR, _CTo, _TIM],
    [0, 0, 0, 0, 0, 0, 1]
];
var ImageConfiguration$ = [3, n0, _IC,
    0,
    [_So, _Bui],
    [() => ImageSource$, () => ImageBuildConfiguration$]
];
var ImageSource$ = [3, n0, _IS,
    0,
    [_Ur],
    [0]
];
var Instance$ = [3, n0, _Ins,
    0,
    [_Id_],
    [0]
];
var InstanceHealthSummary$ = [3, n0, _IHS,
    0,
    [_ND, _Un, _Pe, _Ok, _Inf, _W, _Deg, _Sev],
    [1, 1, 1, 1, 1, 1, 1, 1]
];
var Latency$ = [3, n0, _L,
    0,
    [_P_, _P__, _P___, _P____, _P_____, _P______, _P_______, _P________],
    [1, 1, 1, 1, 1, 1, 1, 1]
];
var LaunchConfiguration$ = [3, n0, _LCa,
    0,
    [_N],
    [0]
];
var LaunchTemplate$ = [3, n0, _LTa,
    0,
    [_Id_],
    [0]
];
var ListAvailableSolutionStacksResultMessage$ = [3, n0, _LASSRM,
    0,
    [_SS, _SSD],
    [64 | 0, () => AvailableSolutionStackDetailsList]
];
var Listener$ = [3, n0, _Li,
    0,
    [_Pro, _Po],
    [0, 1]
];
var ListPlatformBranchesRequest$ = [3, n0, _LPBR,
    0,
    [_F, _MR, _NT],
    [() => SearchFilters, 1, 0]
];
var ListPlatformBranchesResult$ = [3, n0, _LPBRi,
    0,
    [_PBSL, _NT],
    [() => PlatformBranchSummaryList, 0]
];
var ListPlatformVersionsRequest$ = [3, n0, _LPVR,
    0,
    [_F, _MR, _NT],
    [() => PlatformFilters, 1, 0]
];
var ListPlatformVersionsResult$ = [3, n0, _LPVRi,
    0,
    [_PSL, _NT],
    [() => PlatformSummaryList, 0]
];
var ListTagsForResourceMessage$ = [3, n0, _LTFRM,
    0,
    [_RAe],
    [0], 1
];
var LoadBalancer$ = [3, n0, _LBo,
    0,
    [_N],
    [0]
];
var LoadBalancerDescription$ = [3, n0, _LBD,
    0,
    [_LBN, _Do, _Lis],
    [0, 0, () => LoadBalancerListenersDescription]
];
var ManagedAction$ = [3, n0, _MAa,
    0,
    [_AI, _ADc, _AT, _S, _WST],
    [0, 0, 0, 0, 4]
];
var ManagedActionHistoryItem$ = [3, n0, _MAHIa,
    0,
    [_AI, _AT, _ADc, _FT, _S, _FD, _ETx, _FTi],
    [0, 0, 0, 0, 0, 0, 4, 4]
];
var MaxAgeRule$ = [3, n0, _MAR,
    0,
    [_En, _MAID, _DSFS],
    [2, 1, 2], 1
];
var MaxCountRule$ = [3, n0, _MCR,
    0,
    [_En, _MC, _DSFS],
    [2, 1, 2], 1
];
var OptionRestrictionRegex$ = [3, n0, _ORR,
    0,
    [_Pa, _La],
    [0, 0]
];
var OptionSpecification$ = [3, n0, _OSp,
    0,
    [_RN, _Na, _ON],
    [0, 0, 0]
];
var PlatformBranchSummary$ = [3, n0, _PBS,
    0,
    [_PN, _BN, _LS, _BO, _STL],
    [0, 0, 0, 1, 64 | 0]
];
var PlatformDescription$ = [3, n0, _PD,
    0,
    [_PA, _PO, _PN, _PV, _SSN, _PSl, _DC, _DU, _PC, _D, _Ma, _OSN, _OSV, _PL, _Fr, _CAL, _STL, _SAL, _PLS, _PBN, _PBLS],
    [0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 0, 0, 0, () => PlatformProgrammingLanguages, () => PlatformFrameworks, () => CustomAmiList, 64 | 0, 64 | 0, 0, 0, 0]
];
var PlatformFilter$ = [3, n0, _PF,
    0,
    [_Ty, _Op, _Val],
    [0, 0, 64 | 0]
];
var PlatformFramework$ = [3, n0, _PFl,
    0,
    [_N, _Ve],
    [0, 0]
];
var PlatformProgrammingLanguage$ = [3, n0, _PPL,
    0,
    [_N, _Ve],
    [0, 0]
];
var PlatformSummary$ = [3, n0, _PS,
    0,
    [_PA, _PO, _PSl, _PC, _OSN, _OSV, _STL, _SAL, _PLS, _PV, _PBN, _PBLS],
    [0, 0, 0, 0, 0, 0, 64 | 0, 64 | 0, 0, 0, 0, 0]
];
var Queue$ = [3, n0, _Qu,
    0,
    [_N, _URL],
    [0, 0]
];
var RebuildEnvironmentMessage$ = [3, n0, _REM,
    0,
    [_EI, _EN],
    [0, 0]
];
var RequestEnvironmentInfoMessage$ = [3, n0, _REIM,
    0,
    [_IT, _EI, _EN],
    [0, 0, 0], 1
];
var ResourceQuota$ = [3, n0, _RQe,
    0,
    [_Max],
    [1]
];
var ResourceQuotas$ = [3, n0, _RQ,
    0,
    [_AQ, _AVQ, _EQ, _CTQ, _CPQ],
    [() => ResourceQuota$, () => ResourceQuota$, () => ResourceQuota$, () => ResourceQuota$, () => ResourceQuota$]
];
var ResourceTagsDescriptionMessage$ = [3, n0, _RTDM,
    0,
    [_RAe, _RT],
    [0, () => TagList]
];
var RestartAppServerMessage$ = [3, n0, _RASM,
    0,
    [_EI, _EN],
    [0, 0]
];
var RetrieveEnvironmentInfoMessage$ = [3, n0, _REIMe,
    0,
    [_IT, _EI, _EN],
    [0, 0, 0], 1
];
var RetrieveEnvironmentInfoResultMessage$ = [3, n0, _REIRM,
    0,
    [_EInv],
    [() => EnvironmentInfoDescriptionList]
];
var S3Location$ = [3, n0, _SL,
    0,
    [_SBu, _SK],
    [0, 0]
];
var SearchFilter$ = [3, n0, _SF,
    0,
    [_At, _Op, _Val],
    [0, 0, 64 | 0]
];
var SingleInstanceHealth$ = [3, n0, _SIH,
    0,
    [_IIn, _HS, _Co, _Ca, _LA, _AM, _Sy, _De, _AZ, _ITn],
    [0, 0, 0, 64 | 0, 4, () => ApplicationMetrics$, () => SystemStatus$, () => Deployment$, 0, 0]
];
var SolutionStackDescription$ = [3, n0, _SSDo,
    0,
    [_SSN, _PFT],
    [0, 64 | 0]
];
var SourceBuildInformation$ = [3, n0, _SBI,
    0,
    [_STo, _SRo, _SLo],
    [0, 0, 0], 3
];
var SourceConfiguration$ = [3, n0, _SCo,
    0,
    [_AN, _TN],
    [0, 0]
];
var StatusCodes$ = [3, n0, _SC,
    0,
    [_St, _Sta, _Stat, _Statu],
    [1, 1, 1, 1]
];
var SwapEnvironmentCNAMEsMessage$ = [3, n0, _SECNAMEM,
    0,
    [_SEI, _SEN, _DEI, _DEN],
    [0, 0, 0, 0]
];
var SystemStatus$ = [3, n0, _SSy,
    0,
    [_CPUU, _LAo],
    [() => CPUUtilization$, 64 | 1]
];
var Tag$ = [3, n0, _Ta,
    0,
    [_K, _Va],
    [0, 0]
];
var TerminateEnvironmentMessage$ = [3, n0, _TEM,
    0,
    [_EI, _EN, _TR, _FTo],
    [0, 0, 2, 2]
];
var Trigger$ = [3, n0, _Tri,
    0,
    [_N],
    [0]
];
var UpdateApplicationMessage$ = [3, n0, _UAM,
    0,
    [_AN, _D],
    [0, 0], 1
];
var UpdateApplicationResourceLifecycleMessage$ = [3, n0, _UARLM,
    0,
    [_AN, _RLC],
    [0, () => ApplicationResourceLifecycleConfig$], 2
];
var UpdateApplicationVersionMessage$ = [3, n0, _UAVM,
    0,
    [_AN, _VL, _D],
    [0, 0, 0], 2
];
var UpdateConfigurationTemplateMessage$ = [3, n0, _UCTM,
    0,
    [_AN, _TN, _D, _OS, _OTR],
    [0, 0, 0, () => ConfigurationOptionSettingsList, () => OptionsSpecifierList], 2
];
var UpdateEnvironmentMessage$ = [3, n0, _UEM,
    0,
    [_AN, _EI, _EN, _GN, _D, _Ti, _VL, _TN, _SSN, _PA, _OS, _OTR],
    [0, 0, 0, 0, 0, () => EnvironmentTier$, 0, 0, 0, 0, () => ConfigurationOptionSettingsList, () => OptionsSpecifierList]
];
var UpdateTagsForResourceMessage$ = [3, n0, _UTFRM,
    0,
    [_RAe, _TTA, _TTR],
    [0, () => TagList, 64 | 0], 1
];
var ValidateConfigurationSettingsMessage$ = [3, n0, _VCSM,
    0,
    [_AN, _OS, _TN, _EN],
    [0, () => ConfigurationOptionSettingsList, 0, 0], 2
];
var ValidationMessage$ = [3, n0, _VM,
    0,
    [_Me, _Se, _Na, _ON],
    [0, 0, 0, 0]
];
var __Unit = "unit";
var ApplicationDescriptionList = [1, n0, _ADL,
    0, () => ApplicationDescription$
];
var ApplicationVersionDescriptionList = [1, n0, _AVDL,
    0, () => ApplicationVersionDescription$
];
var AutoScalingGroupList = [1, n0, _ASGL,
    0, () => AutoScalingGroup$
];
var AvailableSolutionStackDetailsList = [1, n0, _ASSDL,
    0, () => SolutionStackDescription$
];
var ConfigurationOptionDescriptionsList = [1, n0, _CODL,
    0, () => ConfigurationOptionDescription$
];
var ConfigurationOptionSettingsList = [1, n0, _COSL,
    0, () => ConfigurationOptionSetting$
];
var ConfigurationSettingsDescriptionList = [1, n0, _CSDL,
    0, () => ConfigurationSettingsDescription$
];
var CustomAmiList = [1, n0, _CAL,
    0, () => CustomAmi$
];
var EnvironmentDescriptionsList = [1, n0, _EDL,
    0, () => EnvironmentDescription$
];
var EnvironmentInfoDescriptionList = [1, n0, _EIDL,
    0, () => EnvironmentInfoDescription$
];
var EnvironmentLinks = [1, n0, _EL,
    0, () => EnvironmentLink$
];
var EventDescriptionList = [1, n0, _EDLv,
    0, () => EventDescription$
];
var InstanceHealthList = [1, n0, _IHL,
    0, () => SingleInstanceHealth$
];
var InstanceList = [1, n0, _IL,
    0, () => Instance$
];
var LaunchConfigurationList = [1, n0, _LCL,
    0, () => LaunchConfiguration$
];
var LaunchTemplateList = [1, n0, _LTL,
    0, () => LaunchTemplate$
];
var LoadBalancerList = [1, n0, _LBL,
    0, () => LoadBalancer$
];
var LoadBalancerListenersDescription = [1, n0, _LBLD,
    0, () => Listener$
];
var ManagedActionHistoryItems = [1, n0, _MAHI,
    0, () => ManagedActionHistoryItem$
];
var ManagedActions = [1, n0, _MA,
    0, () => ManagedAction$
];
var OptionsSpecifierList = [1, n0, _OSL,
    0, () => OptionSpecification$
];
var PlatformBranchSummaryList = [1, n0, _PBSL,
    0, () => PlatformBranchSummary$
];
var PlatformFilters = [1, n0, _PFla,
    0, () => PlatformFilter$
];
var PlatformFrameworks = [1, n0, _PFlat,
    0, () => PlatformFramework$
];
var PlatformProgrammingLanguages = [1, n0, _PPLl,
    0, () => PlatformProgrammingLanguage$
];
var PlatformSummaryList = [1, n0, _PSL,
    0, () => PlatformSummary$
];
var QueueList = [1, n0, _QL,
    0, () => Queue$
];
var SearchFilters = [1, n0, _SFe,
    0, () => SearchFilter$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var Tags = [1, n0, _T,
    0, () => Tag$
];
var TriggerList = [1, n0, _TLr,
    0, () => Trigger$
];
var ValidationMessagesList = [1, n0, _VML,
    0, () => ValidationMessage$
];
var AbortEnvironmentUpdate$ = [9, n0, _AEU,
    0, () => AbortEnvironmentUpdateMessage$, () => __Unit
];
var ApplyEnvironmentManagedAction$ = [9, n0, _AEMA,
    0, () => ApplyEnvironmentManagedActionRequest$, () => ApplyEnvironmentManagedActionResult$
];
var AssociateEnvironmentOperationsRole$ = [9, n0, _AEOR,
    0, () => AssociateEnvironmentOperationsRoleMessage$, () => __Unit
];
var CheckDNSAvailability$ = [9, n0, _CDNSA,
    0, () => CheckDNSAvailabilityMessage$, () => CheckDNSAvailabilityResultMessage$
];
var ComposeEnvironments$ = [9, n0, _CE,
    0, () => ComposeEnvironmentsMessage$, () => EnvironmentDescriptionsMessage$
];
var CreateApplication$ = [9, n0, _CAr,
    0, () => CreateApplicationMessage$, () => ApplicationDescriptionMessage$
];
var CreateApplicationVersion$ = [9, n0, _CAV,
    0, () => CreateApplicationVersionMessage$, () => ApplicationVersionDescriptionMessage$
];
var CreateConfigurationTemplate$ = [9, n0, _CCT,
    0, () => CreateConfigurationTemplateMessage$, () => ConfigurationSettingsDescription$
];
var CreateEnvironment$ = [9, n0, _CEr,
    0, () => CreateEnvironmentMessage$, () => EnvironmentDescription$
];
var CreatePlatformVersion$ = [9, n0, _CPV,
    0, () => CreatePlatformVersionRequest$, () => CreatePlatformVersionResult$
];
var CreateStorageLocation$ = [9, n0, _CSL,
    0, () => __Unit, () => CreateStorageLocationResultMessage$
];
var DeleteApplication$ = [9, n0, _DA,
    0, () => DeleteApplicationMessage$, () => __Unit
];
var DeleteApplicationVersion$ = [9, n0, _DAV,
    0, () => DeleteApplicationVersionMessage$, () => __Unit
];
var DeleteConfigurationTemplate$ = [9, n0, _DCT,
    0, () => DeleteConfigurationTemplateMessage$, () => __Unit
];
var DeleteEnvironmentConfiguration$ = [9, n0, _DEC,
    0, () => DeleteEnvironmentConfigurationMessage$, () => __Unit
];
var DeletePlatformVersion$ = [9, n0, _DPV,
    0, () => DeletePlatformVersionRequest$, () => DeletePlatformVersionResult$
];
var DescribeAccountAttributes$ = [9, n0, _DAA,
    0, () => __Unit, () => DescribeAccountAttributesResult$
];
var DescribeApplications$ = [9, n0, _DAe,
    0, () => DescribeApplicationsMessage$, () => ApplicationDescriptionsMessage$
];
var DescribeApplicationVersions$ = [9, n0, _DAVe,
    0, () => DescribeApplicationVersionsMessage$, () => ApplicationVersionDescriptionsMessage$
];
var DescribeConfigurationOptions$ = [9, n0, _DCO,
    0, () => DescribeConfigurationOptionsMessage$, () => ConfigurationOptionsDescription$
];
var DescribeConfigurationSettings$ = [9, n0, _DCS,
    0, () => DescribeConfigurationSettingsMessage$, () => ConfigurationSettingsDescriptions$
];
var DescribeEnvironmentHealth$ = [9, n0, _DEH,
    0, () => DescribeEnvironmentHealthRequest$, () => DescribeEnvironmentHealthResult$
];
var DescribeEnvironmentManagedActionHistory$ = [9, n0, _DEMAH,
    0, () => DescribeEnvironmentManagedActionHistoryRequest$, () => DescribeEnvironmentManagedActionHistoryResult$
];
var DescribeEnvironmentManagedActions$ = [9, n0, _DEMA,
    0, () => DescribeEnvironmentManagedActionsRequest$, () => DescribeEnvironmentManagedActionsResult$
];
var DescribeEnvironmentResources$ = [9, n0, _DER,
    0, () => DescribeEnvironmentResourcesMessage$, () => EnvironmentResourceDescriptionsMessage$
];
var DescribeEnvironments$ = [9, n0, _DE,
    0, () => DescribeEnvironmentsMessage$, () => EnvironmentDescriptionsMessage$
];
var DescribeEvents$ = [9, n0, _DEe,
    0, () => DescribeEventsMessage$, () => EventDescriptionsMessage$
];
var DescribeInstancesHealth$ = [9, n0, _DIH,
    0, () => DescribeInstancesHealthRequest$, () => DescribeInstancesHealthResult$
];
var DescribePlatformVersion$ = [9, n0, _DPVe,
    0, () => DescribePlatformVersionRequest$, () => DescribePlatformVersionResult$
];
var DisassociateEnvironmentOperationsRole$ = [9, n0, _DEOR,
    0, () => DisassociateEnvironmentOperationsRoleMessage$, () => __Unit
];
var ListAvailableSolutionStacks$ = [9, n0, _LASS,
    0, () => __Unit, () => ListAvailableSolutionStacksResultMessage$
];
var ListPlatformBranches$ = [9, n0, _LPB,
    0, () => ListPlatformBranchesRequest$, () => ListPlatformBranchesResult$
];
var ListPlatformVersions$ = [9, n0, _LPV,
    0, () => ListPlatformVersionsRequest$, () => ListPlatformVersionsResult$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    0, () => ListTagsForResourceMessage$, () => ResourceTagsDescriptionMessage$
];
var RebuildEnvironment$ = [9, n0, _RE,
    0, () => RebuildEnvironmentMessage$, () => __Unit
];
var RequestEnvironmentInfo$ = [9, n0, _REI,
    0, () => RequestEnvironmentInfoMessage$, () => __Unit
];
var RestartAppServer$ = [9, n0, _RAS,
    0, () => RestartAppServerMessage$, () => __Unit
];
var RetrieveEnvironmentInfo$ = [9, n0, _REIe,
    0, () => RetrieveEnvironmentInfoMessage$, () => RetrieveEnvironmentInfoResultMessage$
];
var SwapEnvironmentCNAMEs$ = [9, n0, _SECNAME,
    0, () => SwapEnvironmentCNAMEsMessage$, () => __Unit
];
var TerminateEnvironment$ = [9, n0, _TE,
    0, () => TerminateEnvironmentMessage$, () => EnvironmentDescription$
];
var UpdateApplication$ = [9, n0, _UA,
    0, () => UpdateApplicationMessage$, () => ApplicationDescriptionMessage$
];
var UpdateApplicationResourceLifecycle$ = [9, n0, _UARL,
    0, () => UpdateApplicationResourceLifecycleMessage$, () => ApplicationResourceLifecycleDescriptionMessage$
];
var UpdateApplicationVersion$ = [9, n0, _UAV,
    0, () => UpdateApplicationVersionMessage$, () => ApplicationVersionDescriptionMessage$
];
var UpdateConfigurationTemplate$ = [9, n0, _UCT,
    0, () => UpdateConfigurationTemplateMessage$, () => ConfigurationSettingsDescription$
];
var UpdateEnvironment$ = [9, n0, _UE,
    0, () => UpdateEnvironmentMessage$, () => EnvironmentDescription$
];
var UpdateTagsForResource$ = [9, n0, _UTFR,
    0, () => UpdateTagsForResourceMessage$, () => __Unit
];
var ValidateConfigurationSettings$ = [9, n0, _VCS,
    0, () => ValidateConfigurationSettingsMessage$, () => ConfigurationSettingsValidationMessages$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2010-12-01",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultElasticBeanstalkHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsQueryProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.elasticbeanstalk",
            errorTypeRegistries,
            xmlNamespace: "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/",
            version: "2010-12-01",
            serviceTarget: "AWSElasticBeanstalkService",
        },
        serviceId: config?.serviceId ?? "Elastic Beanstalk",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class ElasticBeanstalkClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultElasticBeanstalkHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "AWSElasticBeanstalkService", "ElasticBeanstalkClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class AbortEnvironmentUpdateCommand extends command(_ep0, _mw0, "AbortEnvironmentUpdate", AbortEnvironmentUpdate$) {
}

class ApplyEnvironmentManagedActionCommand extends command(_ep0, _mw0, "ApplyEnvironmentManagedAction", ApplyEnvironmentManagedAction$) {
}

class AssociateEnvironmentOperationsRoleCommand extends command(_ep0, _mw0, "AssociateEnvironmentOperationsRole", AssociateEnvironmentOperationsRole$) {
}

class CheckDNSAvailabilityCommand extends command(_ep0, _mw0, "CheckDNSAvailability", CheckDNSAvailability$) {
}

class ComposeEnvironmentsCommand extends command(_ep0, _mw0, "ComposeEnvironments", ComposeEnvironments$) {
}

class CreateApplicationCommand extends command(_ep0, _mw0, "CreateApplication", CreateApplication$) {
}

class CreateApplicationVersionCommand extends command(_ep0, _mw0, "CreateApplicationVersion", CreateApplicationVersion$) {
}

class CreateConfigurationTemplateCommand extends command(_ep0, _mw0, "CreateConfigurationTemplate", CreateConfigurationTemplate$) {
}

class CreateEnvironmentCommand extends command(_ep0, _mw0, "CreateEnvironment", CreateEnvironment$) {
}

class CreatePlatformVersionCommand extends command(_ep0, _mw0, "CreatePlatformVersion", CreatePlatformVersion$) {
}

class CreateStorageLocationCommand extends command(_ep0, _mw0, "CreateStorageLocation", CreateStorageLocation$) {
}

class DeleteApplicationCommand extends command(_ep0, _mw0, "DeleteApplication", DeleteApplication$) {
}

class DeleteApplicationVersionCommand extends command(_ep0, _mw0, "DeleteApplicationVersion", DeleteApplicationVersion$) {
}

class DeleteConfigurationTemplateCommand extends command(_ep0, _mw0, "DeleteConfigurationTemplate", DeleteConfigurationTemplate$) {
}

class DeleteEnvironmentConfigurationCommand extends command(_ep0, _mw0, "DeleteEnvironmentConfiguration", DeleteEnvironmentConfiguration$) {
}

class DeletePlatformVersionCommand extends command(_ep0, _mw0, "DeletePlatformVersion", DeletePlatformVersion$) {
}

class DescribeAccountAttributesCommand extends command(_ep0, _mw0, "DescribeAccountAttributes", DescribeAccountAttributes$) {
}

class DescribeApplicationsCommand extends command(_ep0, _mw0, "DescribeApplications", DescribeApplications$) {
}

class DescribeApplicationVersionsCommand extends command(_ep0, _mw0, "DescribeApplicationVersions", DescribeApplicationVersions$) {
}

class DescribeConfigurationOptionsCommand extends command(_ep0, _mw0, "DescribeConfigurationOptions", DescribeConfigurationOptions$) {
}

class DescribeConfigurationSettingsCommand extends command(_ep0, _mw0, "DescribeConfigurationSettings", DescribeConfigurationSettings$) {
}

class DescribeEnvironmentHealthCommand extends command(_ep0, _mw0, "DescribeEnvironmentHealth", DescribeEnvironmentHealth$) {
}

class DescribeEnvironmentManagedActionHistoryCommand extends command(_ep0, _mw0, "DescribeEnvironmentManagedActionHistory", DescribeEnvironmentManagedActionHistory$) {
}

class DescribeEnvironmentManagedActionsCommand extends command(_ep0, _mw0, "DescribeEnvironmentManagedActions", DescribeEnvironmentManagedActions$) {
}

class DescribeEnvironmentResourcesCommand extends command(_ep0, _mw0, "DescribeEnvironmentResources", DescribeEnvironmentResources$) {
}

class DescribeEnvironmentsCommand extends command(_ep0, _mw0, "DescribeEnvironments", DescribeEnvironments$) {
}

class DescribeEventsCommand extends command(_ep0, _mw0, "DescribeEvents", DescribeEvents$) {
}

class DescribeInstancesHealthCommand extends command(_ep0, _mw0, "DescribeInstancesHealth", DescribeInstancesHealth$) {
}

class DescribePlatformVersionCommand extends command(_ep0, _mw0, "DescribePlatformVersion", DescribePlatformVersion$) {
}

class DisassociateEnvironmentOperationsRoleCommand extends command(_ep0, _mw0, "DisassociateEnvironmentOperationsRole", DisassociateEnvironmentOperationsRole$) {
}

class ListAvailableSolutionStacksCommand extends command(_ep0, _mw0, "ListAvailableSolutionStacks", ListAvailableSolutionStacks$) {
}

class ListPlatformBranchesCommand extends command(_ep0, _mw0, "ListPlatformBranches", ListPlatformBranches$) {
}

class ListPlatformVersionsCommand extends command(_ep0, _mw0, "ListPlatformVersions", ListPlatformVersions$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class RebuildEnvironmentCommand extends command(_ep0, _mw0, "RebuildEnvironment", RebuildEnvironment$) {
}

class RequestEnvironmentInfoCommand extends command(_ep0, _mw0, "RequestEnvironmentInfo", RequestEnvironmentInfo$) {
}

class RestartAppServerCommand extends command(_ep0, _mw0, "RestartAppServer", RestartAppServer$) {
}

class RetrieveEnvironmentInfoCommand extends command(_ep0, _mw0, "RetrieveEnvironmentInfo", RetrieveEnvironmentInfo$) {
}

class SwapEnvironmentCNAMEsCommand extends command(_ep0, _mw0, "SwapEnvironmentCNAMEs", SwapEnvironmentCNAMEs$) {
}

class TerminateEnvironmentCommand extends command(_ep0, _mw0, "TerminateEnvironment", TerminateEnvironment$) {
}

class UpdateApplicationCommand extends command(_ep0, _mw0, "UpdateApplication", UpdateApplication$) {
}

class UpdateApplicationResourceLifecycleCommand extends command(_ep0, _mw0, "UpdateApplicationResourceLifecycle", UpdateApplicationResourceLifecycle$) {
}

class UpdateApplicationVersionCommand extends command(_ep0, _mw0, "UpdateApplicationVersion", UpdateApplicationVersion$) {
}

class UpdateConfigurationTemplateCommand extends command(_ep0, _mw0, "UpdateConfigurationTemplate", UpdateConfigurationTemplate$) {
}

class UpdateEnvironmentCommand extends command(_ep0, _mw0, "UpdateEnvironment", UpdateEnvironment$) {
}

class UpdateTagsForResourceCommand extends command(_ep0, _mw0, "UpdateTagsForResource", UpdateTagsForResource$) {
}

class ValidateConfigurationSettingsCommand extends command(_ep0, _mw0, "ValidateConfigurationSettings", ValidateConfigurationSettings$) {
}

const paginateDescribeEnvironmentManagedActionHistory = createPaginator(ElasticBeanstalkClient, DescribeEnvironmentManagedActionHistoryCommand, "NextToken", "NextToken", "MaxItems");

const paginateDescribeEvents = createPaginator(ElasticBeanstalkClient, DescribeEventsCommand, "NextToken", "NextToken", "MaxRecords");

const paginateListPlatformBranches = createPaginator(ElasticBeanstalkClient, ListPlatformBranchesCommand, "NextToken", "NextToken", "MaxRecords");

const paginateListPlatformVersions = createPaginator(ElasticBeanstalkClient, ListPlatformVersionsCommand, "NextToken", "NextToken", "MaxRecords");

const checkState$2 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeEnvironmentsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.Environments);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.Status;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "Ready");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.Environments);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.Status;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "Launching");
            }
            if (allStringEq_5) {
                return { state: WaiterState.RETRY, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForEnvironmentExists = async (params, input) => {
    const serviceDefaults = { minDelay: 20, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
};
const waitUntilEnvironmentExists = async (params, input) => {
    const serviceDefaults = { minDelay: 20, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
    return checkExceptions(result);
};

const checkState$1 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeEnvironmentsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.Environments);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.Status;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "Terminated");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.Environments);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.Status;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "Terminating");
            }
            if (allStringEq_5) {
                return { state: WaiterState.RETRY, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForEnvironmentTerminated = async (params, input) => {
    const serviceDefaults = { minDelay: 20, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
};
const waitUntilEnvironmentTerminated = async (params, input) => {
    const serviceDefaults = { minDelay: 20, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    return checkExceptions(result);
};

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeEnvironmentsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.Environments);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.Status;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "Ready");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.Environments);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.Status;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "Updating");
            }
            if (allStringEq_5) {
                return { state: WaiterState.RETRY, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForEnvironmentUpdated = async (params, input) => {
    const serviceDefaults = { minDelay: 20, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilEnvironmentUpdated = async (params, input) => {
    const serviceDefaults = { minDelay: 20, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    AbortEnvironmentUpdateCommand,
    ApplyEnvironmentManagedActionCommand,
    AssociateEnvironmentOperationsRoleCommand,
    CheckDNSAvailabilityCommand,
    ComposeEnvironmentsCommand,
    CreateApplicationCommand,
    CreateApplicationVersionCommand,
    CreateConfigurationTemplateCommand,
    CreateEnvironmentCommand,
    CreatePlatformVersionCommand,
    CreateStorageLocationCommand,
    DeleteApplicationCommand,
    DeleteApplicationVersionCommand,
    DeleteConfigurationTemplateCommand,
    DeleteEnvironmentConfigurationCommand,
    DeletePlatformVersionCommand,
    DescribeAccountAttributesCommand,
    DescribeApplicationsCommand,
    DescribeApplicationVersionsCommand,
    DescribeConfigurationOptionsCommand,
    DescribeConfigurationSettingsCommand,
    DescribeEnvironmentHealthCommand,
    DescribeEnvironmentManagedActionHistoryCommand,
    DescribeEnvironmentManagedActionsCommand,
    DescribeEnvironmentResourcesCommand,
    DescribeEnvironmentsCommand,
    DescribeEventsCommand,
    DescribeInstancesHealthCommand,
    DescribePlatformVersionCommand,
    DisassociateEnvironmentOperationsRoleCommand,
    ListAvailableSolutionStacksCommand,
    ListPlatformBranchesCommand,
    ListPlatformVersionsCommand,
    ListTagsForResourceCommand,
    RebuildEnvironmentCommand,
    RequestEnvironmentInfoCommand,
    RestartAppServerCommand,
    RetrieveEnvironmentInfoCommand,
    SwapEnvironmentCNAMEsCommand,
    TerminateEnvironmentCommand,
    UpdateApplicationCommand,
    UpdateApplicationResourceLifecycleCommand,
    UpdateApplicationVersionCommand,
    UpdateConfigurationTemplateCommand,
    UpdateEnvironmentCommand,
    UpdateTagsForResourceCommand,
    ValidateConfigurationSettingsCommand,
};
const paginators = {
    paginateDescribeEnvironmentManagedActionHistory,
    paginateDescribeEvents,
    paginateListPlatformBranches,
    paginateListPlatformVersions,
};
const waiters = {
    waitUntilEnvironmentExists,
    waitUntilEnvironmentTerminated,
    waitUntilEnvironmentUpdated,
};
class ElasticBeanstalk extends ElasticBeanstalkClient {
}
createAggregatedClient(commands, ElasticBeanstalk, { paginators, waiters });

const ActionHistoryStatus = {
    Completed: "Completed",
    Failed: "Failed",
    Unknown: "Unknown",
};
const ActionStatus = {
    Pending: "Pending",
    Running: "Running",
    Scheduled: "Scheduled",
    Unknown: "Unknown",
};
const ActionType = {
    InstanceRefresh: "InstanceRefresh",
    PlatformUpdate: "PlatformUpdate",
    Unknown: "Unknown",
};
const ArchitectureType = {
    amd64: "amd64",
    arm64: "arm64",
};
const ComputeType = {
    BUILD_GENERAL1_LARGE: "BUILD_GENERAL1_LARGE",
    BUILD_GENERAL1_MEDIUM: "BUILD_GENERAL1_MEDIUM",
    BUILD_GENERAL1_SMALL: "BUILD_GENERAL1_SMALL",
};
const ImageBuildType = {
    buildpack: "buildpack",
    docker: "docker",
};
const SourceRepository = {
    CodeCommit: "CodeCommit",
    S3: "S3",
};
const SourceType = {
    Git: "Git",
    Zip: "Zip",
};
const ApplicationVersionStatus = {
    Building: "Building",
    Failed: "Failed",
    Processed: "Processed",
    Processing: "Processing",
    Unprocessed: "Unprocessed",
};
const EnvironmentHealth = {
    Green: "Green",
    Grey: "Grey",
    Red: "Red",
    Yellow: "Yellow",
};
const EnvironmentHealthStatus = {
    Degraded: "Degraded",
    Info: "Info",
    NoData: "NoData",
    Ok: "Ok",
    Pending: "Pending",
    Severe: "Severe",
    Suspended: "Suspended",
    Unknown: "Unknown",
    Warning: "Warning",
};
const EnvironmentStatus = {
    Aborting: "Aborting",
    Launching: "Launching",
    LinkingFrom: "LinkingFrom",
    LinkingTo: "LinkingTo",
    Ready: "Ready",
    Terminated: "Terminated",
    Terminating: "Terminating",
    Updating: "Updating",
};
const ConfigurationDeploymentStatus = {
    deployed: "deployed",
    failed: "failed",
    pending: "pending",
};
const PlatformStatus = {
    Creating: "Creating",
    Deleted: "Deleted",
    Deleting: "Deleting",
    Failed: "Failed",
    Ready: "Ready",
};
const ConfigurationOptionValueType = {
    List: "List",
    Scalar: "Scalar",
};
const EnvironmentHealthAttribute = {
    All: "All",
    ApplicationMetrics: "ApplicationMetrics",
    Causes: "Causes",
    Color: "Color",
    HealthStatus: "HealthStatus",
    InstancesHealth: "InstancesHealth",
    RefreshedAt: "RefreshedAt",
    Status: "Status",
};
const FailureType = {
    CancellationFailed: "CancellationFailed",
    InternalFailure: "InternalFailure",
    InvalidEnvironmentState: "InvalidEnvironmentState",
    PermissionsError: "PermissionsError",
    RollbackFailed: "RollbackFailed",
    RollbackSuccessful: "RollbackSuccessful",
    UpdateCancelled: "UpdateCancelled",
};
const EventSeverity = {
    DEBUG: "DEBUG",
    ERROR: "ERROR",
    FATAL: "FATAL",
    INFO: "INFO",
    TRACE: "TRACE",
    WARN: "WARN",
};
const InstancesHealthAttribute = {
    All: "All",
    ApplicationMetrics: "ApplicationMetrics",
    AvailabilityZone: "AvailabilityZone",
    Causes: "Causes",
    Color: "Color",
    Deployment: "Deployment",
    HealthStatus: "HealthStatus",
    InstanceType: "InstanceType",
    LaunchedAt: "LaunchedAt",
    RefreshedAt: "RefreshedAt",
    System: "System",
};
const EnvironmentInfoType = {
    analyze: "analyze",
    bundle: "bundle",
    tail: "tail",
};
const ValidationSeverity = {
    error: "error",
    warning: "warning",
};

exports.AbortEnvironmentUpdate$ = AbortEnvironmentUpdate$;
exports.AbortEnvironmentUpdateCommand = AbortEnvironmentUpdateCommand;
exports.AbortEnvironmentUpdateMessage$ = AbortEnvironmentUpdateMessage$;
exports.ActionHistoryStatus = ActionHistoryStatus;
exports.ActionStatus = ActionStatus;
exports.ActionType = ActionType;
exports.ApplicationDescription$ = ApplicationDescription$;
exports.ApplicationDescriptionMessage$ = ApplicationDescriptionMessage$;
exports.ApplicationDescriptionsMessage$ = ApplicationDescriptionsMessage$;
exports.ApplicationMetrics$ = ApplicationMetrics$;
exports.ApplicationResourceLifecycleConfig$ = ApplicationResourceLifecycleConfig$;
exports.ApplicationResourceLifecycleDescriptionMessage$ = ApplicationResourceLifecycleDescriptionMessage$;
exports.ApplicationVersionDescription$ = ApplicationVersionDescription$;
exports.ApplicationVersionDescriptionMessage$ = ApplicationVersionDescriptionMessage$;
exports.ApplicationVersionDescriptionsMessage$ = ApplicationVersionDescriptionsMessage$;
exports.ApplicationVersionLifecycleConfig$ = ApplicationVersionLifecycleConfig$;
exports.ApplicationVersionStatus = ApplicationVersionStatus;
exports.ApplyEnvironmentManagedAction$ = ApplyEnvironmentManagedAction$;
exports.ApplyEnvironmentManagedActionCommand = ApplyEnvironmentManagedActionCommand;
exports.ApplyEnvironmentManagedActionRequest$ = ApplyEnvironmentManagedActionRequest$;
exports.ApplyEnvironmentManagedActionResult$ = ApplyEnvironmentManagedActionResult$;
exports.ArchitectureType = ArchitectureType;
exports.AssociateEnvironmentOperationsRole$ = AssociateEnvironmentOperationsRole$;
exports.AssociateEnvironmentOperationsRoleCommand = AssociateEnvironmentOperationsRoleCommand;
exports.AssociateEnvironmentOperationsRoleMessage$ = AssociateEnvironmentOperationsRoleMessage$;
exports.AutoScalingGroup$ = AutoScalingGroup$;
exports.BuildConfiguration$ = BuildConfiguration$;
exports.Builder$ = Builder$;
exports.CPUUtilization$ = CPUUtilization$;
exports.CheckDNSAvailability$ = CheckDNSAvailability$;
exports.CheckDNSAvailabilityCommand = CheckDNSAvailabilityCommand;
exports.CheckDNSAvailabilityMessage$ = CheckDNSAvailabilityMessage$;
exports.CheckDNSAvailabilityResultMessage$ = CheckDNSAvailabilityResultMessage$;
exports.Cluster$ = Cluster$;
exports.CodeBuildNotInServiceRegionException = CodeBuildNotInServiceRegionException;
exports.CodeBuildNotInServiceRegionException$ = CodeBuildNotInServiceRegionException$;
exports.ComposeEnvironments$ = ComposeEnvironments$;
exports.ComposeEnvironmentsCommand = ComposeEnvironmentsCommand;
exports.ComposeEnvironmentsMessage$ = ComposeEnvironmentsMessage$;
exports.ComputeType = ComputeType;
exports.ConfigurationDeploymentStatus = ConfigurationDeploymentStatus;
exports.ConfigurationOptionDescription$ = ConfigurationOptionDescription$;
exports.ConfigurationOptionSetting$ = ConfigurationOptionSetting$;
exports.ConfigurationOptionValueType = ConfigurationOptionValueType;
exports.ConfigurationOptionsDescription$ = ConfigurationOptionsDescription$;
exports.ConfigurationSettingsDescription$ = ConfigurationSettingsDescription$;
exports.ConfigurationSettingsDescriptions$ = ConfigurationSettingsDescriptions$;
exports.ConfigurationSettingsValidationMessages$ = ConfigurationSettingsValidationMessages$;
exports.CreateApplication$ = CreateApplication$;
exports.CreateApplicationCommand = CreateApplicationCommand;
exports.CreateApplicationMessage$ = CreateApplicationMessage$;
exports.CreateApplicationVersion$ = CreateApplicationVersion$;
exports.CreateApplicationVersionCommand = CreateApplicationVersionCommand;
exports.CreateApplicationVersionMessage$ = CreateApplicationVersionMessage$;
exports.CreateConfigurationTemplate$ = CreateConfigurationTemplate$;
exports.CreateConfigurationTemplateCommand = CreateConfigurationTemplateCommand;
exports.CreateConfigurationTemplateMessage$ = CreateConfigurationTemplateMessage$;
exports.CreateEnvironment$ = CreateEnvironment$;
exports.CreateEnvironmentCommand = CreateEnvironmentCommand;
exports.CreateEnvironmentMessage$ = CreateEnvironmentMessage$;
exports.CreatePlatformVersion$ = CreatePlatformVersion$;
exports.CreatePlatformVersionCommand = CreatePlatformVersionCommand;
exports.CreatePlatformVersionRequest$ = CreatePlatformVersionRequest$;
exports.CreatePlatformVersionResult$ = CreatePlatformVersionResult$;
exports.CreateStorageLocation$ = CreateStorageLocation$;
exports.CreateStorageLocationCommand = CreateStorageLocationCommand;
exports.CreateStorageLocationResultMessage$ = CreateStorageLocationResultMessage$;
exports.CustomAmi$ = CustomAmi$;
exports.DeleteApplication$ = DeleteApplication$;
exports.DeleteApplicationCommand = DeleteApplicationCommand;
exports.DeleteApplicationMessage$ = DeleteApplicationMessage$;
exports.DeleteApplicationVersion$ = DeleteApplicationVersion$;
exports.DeleteApplicationVersionCommand = DeleteApplicationVersionCommand;
exports.DeleteApplicationVersionMessage$ = DeleteApplicationVersionMessage$;
exports.DeleteConfigurationTemplate$ = DeleteConfigurationTemplate$;
exports.DeleteConfigurationTemplateCommand = DeleteConfigurationTemplateCommand;
exports.DeleteConfigurationTemplateMessage$ = DeleteConfigurationTemplateMessage$;
exports.DeleteEnvironmentConfiguration$ = DeleteEnvironmentConfiguration$;
exports.DeleteEnvironmentConfigurationCommand = DeleteEnvironmentConfigurationCommand;
exports.DeleteEnvironmentConfigurationMessage$ = DeleteEnvironmentConfigurationMessage$;
exports.DeletePlatformVersion$ = DeletePlatformVersion$;
exports.DeletePlatformVersionCommand = DeletePlatformVersionCommand;
exports.DeletePlatformVersionRequest$ = DeletePlatformVersionRequest$;
exports.DeletePlatformVersionResult$ = DeletePlatformVersionResult$;
exports.Deployment$ = Deployment$;
exports.DescribeAccountAttributes$ = DescribeAccountAttributes$;
exports.DescribeAccountAttributesCommand = DescribeAccountAttributesCommand;
exports.DescribeAccountAttributesResult$ = DescribeAccountAttributesResult$;
exports.DescribeApplicationVersions$ = DescribeApplicationVersions$;
exports.DescribeApplicationVersionsCommand = DescribeApplicationVersionsCommand;
exports.DescribeApplicationVersionsMessage$ = DescribeApplicationVersionsMessage$;
exports.DescribeApplications$ = DescribeApplications$;
exports.DescribeApplicationsCommand = DescribeApplicationsCommand;
exports.DescribeApplicationsMessage$ = DescribeApplicationsMessage$;
exports.DescribeConfigurationOptions$ = DescribeConfigurationOptions$;
exports.DescribeConfigurationOptionsCommand = DescribeConfigurationOptionsCommand;
exports.DescribeConfigurationOptionsMessage$ = DescribeConfigurationOptionsMessage$;
exports.DescribeConfigurationSettings$ = DescribeConfigurationSettings$;
exports.DescribeConfigurationSettingsCommand = DescribeConfigurationSettingsCommand;
exports.DescribeConfigurationSettingsMessage$ = DescribeConfigurationSettingsMessage$;
exports.DescribeEnvironmentHealth$ = DescribeEnvironmentHealth$;
exports.DescribeEnvironmentHealthCommand = DescribeEnvironmentHealthCommand;
exports.DescribeEnvironmentHealthRequest$ = DescribeEnvironmentHealthRequest$;
exports.DescribeEnvironmentHealthResult$ = DescribeEnvironmentHealthResult$;
exports.DescribeEnvironmentManagedActionHistory$ = DescribeEnvironmentManagedActionHistory$;
exports.DescribeEnvironmentManagedActionHistoryCommand = DescribeEnvironmentManagedActionHistoryCommand;
exports.DescribeEnvironmentManagedActionHistoryRequest$ = DescribeEnvironmentManagedActionHistoryRequest$;
exports.DescribeEnvironmentManagedActionHistoryResult$ = DescribeEnvironmentManagedActionHistoryResult$;
exports.DescribeEnvironmentManagedActions$ = DescribeEnvironmentManagedActions$;
exports.DescribeEnvironmentManagedActionsCommand = DescribeEnvironmentManagedActionsCommand;
exports.DescribeEnvironmentManagedActionsRequest$ = DescribeEnvironmentManagedActionsRequest$;
exports.DescribeEnvironmentManagedActionsResult$ = DescribeEnvironmentManagedActionsResult$;
exports.DescribeEnvironmentResources$ = DescribeEnvironmentResources$;
exports.DescribeEnvironmentResourcesCommand = DescribeEnvironmentResourcesCommand;
exports.DescribeEnvironmentResourcesMessage$ = DescribeEnvironmentResourcesMessage$;
exports.DescribeEnvironments$ = DescribeEnvironments$;
exports.DescribeEnvironmentsCommand = DescribeEnvironmentsCommand;
exports.DescribeEnvironmentsMessage$ = DescribeEnvironmentsMessage$;
exports.DescribeEvents$ = DescribeEvents$;
exports.DescribeEventsCommand = DescribeEventsCommand;
exports.DescribeEventsMessage$ = DescribeEventsMessage$;
exports.DescribeInstancesHealth$ = DescribeInstancesHealth$;
exports.DescribeInstancesHealthCommand = DescribeInstancesHealthCommand;
exports.DescribeInstancesHealthRequest$ = DescribeInstancesHealthRequest$;
exports.DescribeInstancesHealthResult$ = DescribeInstancesHealthResult$;
exports.DescribePlatformVersion$ = DescribePlatformVersion$;
exports.DescribePlatformVersionCommand = DescribePlatformVersionCommand;
exports.DescribePlatformVersionRequest$ = DescribePlatformVersionRequest$;
exports.DescribePlatformVersionResult$ = DescribePlatformVersionResult$;
exports.DisassociateEnvironmentOperationsRole$ = DisassociateEnvironmentOperationsRole$;
exports.DisassociateEnvironmentOperationsRoleCommand = DisassociateEnvironmentOperationsRoleCommand;
exports.DisassociateEnvironmentOperationsRoleMessage$ = DisassociateEnvironmentOperationsRoleMessage$;
exports.ElasticBeanstalk = ElasticBeanstalk;
exports.ElasticBeanstalkClient = ElasticBeanstalkClient;
exports.ElasticBeanstalkServiceException = ElasticBeanstalkServiceException;
exports.ElasticBeanstalkServiceException$ = ElasticBeanstalkServiceException$;
exports.ElasticBeanstalkSyntheticServiceException = ElasticBeanstalkSyntheticServiceException;
exports.ElasticBeanstalkSyntheticServiceException$ = ElasticBeanstalkSyntheticServiceException$;
exports.EnvironmentDescription$ = EnvironmentDescription$;
exports.EnvironmentDescriptionsMessage$ = EnvironmentDescriptionsMessage$;
exports.EnvironmentHealth = EnvironmentHealth;
exports.EnvironmentHealthAttribute = EnvironmentHealthAttribute;
exports.EnvironmentHealthStatus = EnvironmentHealthStatus;
exports.EnvironmentInfoDescription$ = EnvironmentInfoDescription$;
exports.EnvironmentInfoType = EnvironmentInfoType;
exports.EnvironmentLink$ = EnvironmentLink$;
exports.EnvironmentResourceDescription$ = EnvironmentResourceDescription$;
exports.EnvironmentResourceDescriptionsMessage$ = EnvironmentResourceDescriptionsMessage$;
exports.EnvironmentResourcesDescription$ = EnvironmentResourcesDescription$;
exports.EnvironmentStatus = EnvironmentStatus;
exports.EnvironmentTier$ = EnvironmentTier$;
exports.EventDescription$ = EventDescription$;
exports.EventDescriptionsMessage$ = EventDescriptionsMessage$;
exports.EventSeverity = EventSeverity;
exports.FailureType = FailureType;
exports.ImageBuildConfiguration$ = ImageBuildConfiguration$;
exports.ImageBuildType = ImageBuildType;
exports.ImageConfiguration$ = ImageConfiguration$;
exports.ImageSource$ = ImageSource$;
exports.Instance$ = Instance$;
exports.InstanceHealthSummary$ = InstanceHealthSummary$;
exports.InstancesHealthAttribute = InstancesHealthAttribute;
exports.InsufficientPrivilegesException = InsufficientPrivilegesException;
exports.InsufficientPrivilegesException$ = InsufficientPrivilegesException$;
exports.InvalidRequestException = InvalidRequestException;
exports.InvalidRequestException$ = InvalidRequestException$;
exports.Latency$ = Latency$;
exports.LaunchConfiguration$ = LaunchConfiguration$;
exports.LaunchTemplate$ = LaunchTemplate$;
exports.ListAvailableSolutionStacks$ = ListAvailableSolutionStacks$;
exports.ListAvailableSolutionStacksCommand = ListAvailableSolutionStacksCommand;
exports.ListAvailableSolutionStacksResultMessage$ = ListAvailableSolutionStacksResultMessage$;
exports.ListPlatformBranches$ = ListPlatformBranches$;
exports.ListPlatformBranchesCommand = ListPlatformBranchesCommand;
exports.ListPlatformBranchesRequest$ = ListPlatformBranchesRequest$;
exports.ListPlatformBranchesResult$ = ListPlatformBranchesResult$;
exports.ListPlatformVersions$ = ListPlatformVersions$;
exports.ListPlatformVersionsCommand = ListPlatformVersionsCommand;
exports.ListPlatformVersionsRequest$ = ListPlatformVersionsRequest$;
exports.ListPlatformVersionsResult$ = ListPlatformVersionsResult$;
exports.ListTagsForResource$ = ListTagsForResource$;
exports.ListTagsForResourceCommand = ListTagsForResourceCommand;
exports.ListTagsForResourceMessage$ = ListTagsForResourceMessage$;
exports.Listener$ = Listener$;
exports.LoadBalancer$ = LoadBalancer$;
exports.LoadBalancerDescription$ = LoadBalancerDescription$;
exports.ManagedAction$ = ManagedAction$;
exports.ManagedActionHistoryItem$ = ManagedActionHistoryItem$;
exports.ManagedActionInvalidStateException = ManagedActionInvalidStateException;
exports.ManagedActionInvalidStateException$ = ManagedActionInvalidStateException$;
exports.MaxAgeRule$ = MaxAgeRule$;
exports.MaxCountRule$ = MaxCountRule$;
exports.OperationInProgressException = OperationInProgressException;
exports.OperationInProgressException$ = OperationInProgressException$;
exports.OptionRestrictionRegex$ = OptionRestrictionRegex$;
exports.OptionSpecification$ = OptionSpecification$;
exports.PlatformBranchSummary$ = PlatformBranchSummary$;
exports.PlatformDescription$ = PlatformDescription$;
exports.PlatformFilter$ = PlatformFilter$;
exports.PlatformFramework$ = PlatformFramework$;
exports.PlatformProgrammingLanguage$ = PlatformProgrammingLanguage$;
exports.PlatformStatus = PlatformStatus;
exports.PlatformSummary$ = PlatformSummary$;
exports.PlatformVersionStillReferencedException = PlatformVersionStillReferencedException;
exports.PlatformVersionStillReferencedException$ = PlatformVersionStillReferencedException$;
exports.Queue$ = Queue$;
exports.RebuildEnvironment$ = RebuildEnvironment$;
exports.RebuildEnvironmentCommand = RebuildEnvironmentCommand;
exports.RebuildEnvironmentMessage$ = RebuildEnvironmentMessage$;
exports.RequestEnvironmentInfo$ = RequestEnvironmentInfo$;
exports.RequestEnvironmentInfoCommand = RequestEnvironmentInfoCommand;
exports.RequestEnvironmentInfoMessage$ = RequestEnvironmentInfoMessage$;
exports.ResourceNotFoundException = ResourceNotFoundException;
exports.ResourceNotFoundException$ = ResourceNotFoundException$;
exports.ResourceQuota$ = ResourceQuota$;
exports.ResourceQuotas$ = ResourceQuotas$;
exports.ResourceTagsDescriptionMessage$ = ResourceTagsDescriptionMessage$;
exports.ResourceTypeNotSupportedException = ResourceTypeNotSupportedException;
exports.ResourceTypeNotSupportedException$ = ResourceTypeNotSupportedException$;
exports.RestartAppServer$ = RestartAppServer$;
exports.RestartAppServerCommand = RestartAppServerCommand;
exports.RestartAppServerMessage$ = RestartAppServerMessage$;
exports.RetrieveEnvironmentInfo$ = RetrieveEnvironmentInfo$;
exports.RetrieveEnvironmentInfoCommand = RetrieveEnvironmentInfoCommand;
exports.RetrieveEnvironmentInfoMessage$ = RetrieveEnvironmentInfoMessage$;
exports.RetrieveEnvironmentInfoResultMessage$ = RetrieveEnvironmentInfoResultMessage$;
exports.S3Location$ = S3Location$;
exports.S3LocationNotInServiceRegionException = S3LocationNotInServiceRegionException;
exports.S3LocationNotInServiceRegionException$ = S3LocationNotInServiceRegionException$;
exports.S3SubscriptionRequiredException = S3SubscriptionRequiredException;
exports.S3SubscriptionRequiredException$ = S3SubscriptionRequiredException$;
exports.SearchFilter$ = SearchFilter$;
exports.SingleInstanceHealth$ = SingleInstanceHealth$;
exports.SolutionStackDescription$ = SolutionStackDescription$;
exports.SourceBuildInformation$ = SourceBuildInformation$;
exports.SourceBundleDeletionException = SourceBundleDeletionException;
exports.SourceBundleDeletionException$ = SourceBundleDeletionException$;
exports.SourceConfiguration$ = SourceConfiguration$;
exports.SourceRepository = SourceRepository;
exports.SourceType = SourceType;
exports.StatusCodes$ = StatusCodes$;
exports.SwapEnvironmentCNAMEs$ = SwapEnvironmentCNAMEs$;
exports.SwapEnvironmentCNAMEsCommand = SwapEnvironmentCNAMEsCommand;
exports.SwapEnvironmentCNAMEsMessage$ = SwapEnvironmentCNAMEsMessage$;
exports.SystemStatus$ = SystemStatus$;
exports.Tag$ = Tag$;
exports.TerminateEnvironment$ = TerminateEnvironment$;
exports.TerminateEnvironmentCommand = TerminateEnvironmentCommand;
exports.TerminateEnvironmentMessage$ = TerminateEnvironmentMessage$;
exports.TooManyApplicationVersionsException = TooManyApplicationVersionsException;
exports.TooManyApplicationVersionsException$ = TooManyApplicationVersionsException$;
exports.TooManyApplicationsException = TooManyApplicationsException;
exports.TooManyApplicationsException$ = TooManyApplicationsException$;
exports.TooManyBucketsException = TooManyBucketsException;
exports.TooManyBucketsException$ = TooManyBucketsException$;
exports.TooManyConfigurationTemplatesException = TooManyConfigurationTemplatesException;
exports.TooManyConfigurationTemplatesException$ = TooManyConfigurationTemplatesException$;
exports.TooManyEnvironmentsException = TooManyEnvironmentsException;
exports.TooManyEnvironmentsException$ = TooManyEnvironmentsException$;
exports.TooManyPlatformsException = TooManyPlatformsException;
exports.TooManyPlatformsException$ = TooManyPlatformsException$;
exports.TooManyTagsException = TooManyTagsException;
exports.TooManyTagsException$ = TooManyTagsException$;
exports.Trigger$ = Trigger$;
exports.UpdateApplication$ = UpdateApplication$;
exports.UpdateApplicationCommand = UpdateApplicationCommand;
exports.UpdateApplicationMessage$ = UpdateApplicationMessage$;
exports.UpdateApplicationResourceLifecycle$ = UpdateApplicationResourceLifecycle$;
exports.UpdateApplicationResourceLifecycleCommand = UpdateApplicationResourceLifecycleCommand;
exports.UpdateApplicationResourceLifecycleMessage$ = UpdateApplicationResourceLifecycleMessage$;
exports.UpdateApplicationVersion$ = UpdateApplicationVersion$;
exports.UpdateApplicationVersionCommand = UpdateApplicationVersionCommand;
exports.UpdateApplicationVersionMessage$ = UpdateApplicationVersionMessage$;
exports.UpdateConfigurationTemplate$ = UpdateConfigurationTemplate$;
exports.UpdateConfigurationTemplateCommand = UpdateConfigurationTemplateCommand;
exports.UpdateConfigurationTemplateMessage$ = UpdateConfigurationTemplateMessage$;
exports.UpdateEnvironment$ = UpdateEnvironment$;
exports.UpdateEnvironmentCommand = UpdateEnvironmentCommand;
exports.UpdateEnvironmentMessage$ = UpdateEnvironmentMessage$;
exports.UpdateTagsForResource$ = UpdateTagsForResource$;
exports.UpdateTagsForResourceCommand = UpdateTagsForResourceCommand;
exports.UpdateTagsForResourceMessage$ = UpdateTagsForResourceMessage$;
exports.ValidateConfigurationSettings$ = ValidateConfigurationSettings$;
exports.ValidateConfigurationSettingsCommand = ValidateConfigurationSettingsCommand;
exports.ValidateConfigurationSettingsMessage$ = ValidateConfigurationSettingsMessage$;
exports.ValidationMessage$ = ValidationMessage$;
exports.ValidationSeverity = ValidationSeverity;
exports.errorTypeRegistries = errorTypeRegistries;
exports.paginateDescribeEnvironmentManagedActionHistory = paginateDescribeEnvironmentManagedActionHistory;
exports.paginateDescribeEvents = paginateDescribeEvents;
exports.paginateListPlatformBranches = paginateListPlatformBranches;
exports.paginateListPlatformVersions = paginateListPlatformVersions;
exports.waitForEnvironmentExists = waitForEnvironmentExists;
exports.waitForEnvironmentTerminated = waitForEnvironmentTerminated;
exports.waitForEnvironmentUpdated = waitForEnvironmentUpdated;
exports.waitUntilEnvironmentExists = waitUntilEnvironmentExists;
exports.waitUntilEnvironmentTerminated = waitUntilEnvironmentTerminated;
exports.waitUntilEnvironmentUpdated = waitUntilEnvironmentUpdated;


/***/ })

};
