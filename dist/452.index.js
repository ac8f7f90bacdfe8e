export const id = 452;
export const ids = [452];
export const modules = {

/***/ 3452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveBacking: () => (/* binding */ resolveBacking)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_elasticache__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4827);
/* harmony import */ var _aws_sdk_client_rds__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7202);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6999);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(133);
// Managed backing services named by identifier (an RDS instance, an
// ElastiCache replication group or cluster) → the endpoint the app connects
// to, and for an RDS-managed master password a secret reference the platform
// resolves at container start. Endpoint URL inputs need no lookup: the core
// renders them as given.





async function resolveBacking(backing, clients, config, log = _logger_js__WEBPACK_IMPORTED_MODULE_1__/* .actionsLogger */ .MV) {
    const resolved = {};
    for (const replacement of backing) {
        const { source } = replacement;
        if (source.kind === 'rds') {
            resolved[replacement.role] = await lookupDbInstance(source.id, clients, config, log);
        }
        else if (source.kind === 'elasticache') {
            resolved[replacement.role] = { endpoint: await lookupCache(source.id, clients, log), secrets: [] };
        }
        else if (source.kind === 'endpoint') {
            maskUrlPassword(source.url, log);
        }
    }
    return resolved;
}
/** A password typed into an endpoint URL input must never reach the log, whatever prints the URL later. */
function maskUrlPassword(url, log) {
    try {
        const password = new URL(url).password;
        if (password) {
            log.setSecret(password);
            log.setSecret(decodeURIComponent(password));
        }
    }
    catch {
        // Not a URL: the core reports that.
    }
}
async function lookupDbInstance(id, clients, config, log) {
    let instance;
    try {
        const answer = await clients.rds.send(new _aws_sdk_client_rds__WEBPACK_IMPORTED_MODULE_3__.DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        instance = answer.DBInstances?.[0];
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsErrorCode */ .Tl.dbInstanceNotFound))
            instance = undefined;
        else
            throw error;
    }
    if (!instance)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('database', `RDS DB instance "${id}" not found in ${clients.region}`);
    const address = instance.Endpoint?.Address;
    if (!address) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('database', `RDS DB instance "${id}" has no endpoint yet (status ${instance.DBInstanceStatus ?? 'unknown'})`);
    }
    if (instance.DBInstanceStatus && instance.DBInstanceStatus !== 'available') {
        log.warning(`RDS DB instance "${id}" is ${instance.DBInstanceStatus}, not available; the app may not connect yet`);
    }
    const endpoint = {
        host: address,
        port: instance.Endpoint?.Port ?? defaultDatabasePort(instance.Engine),
        ...(instance.MasterUsername && { username: instance.MasterUsername }),
        ...(instance.DBName && { databaseName: instance.DBName }),
        // Every RDS instance serves TLS, and PostgreSQL 15+ requires it by default (rds.force_ssl = 1):
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
        tls: true
    };
    const secretArn = instance.MasterUserSecret?.SecretArn;
    const secrets = secretArn
        ? [{ name: config.databasePasswordEnv, valueFrom: `${secretArn}:password::` }]
        : [];
    log.info(`Database: RDS ${id} → ${endpoint.host}:${endpoint.port}${secretArn ? ` (password from the RDS-managed secret into ${config.databasePasswordEnv})` : ''}`);
    return { endpoint, secrets };
}
function defaultDatabasePort(engine) {
    return engine && /mysql|maria/i.test(engine) ? 3306 : 5432;
}
async function lookupCache(id, clients, log) {
    const group = await describeReplicationGroup(id, clients);
    if (group) {
        const tls = group.TransitEncryptionEnabled === true;
        const primary = group.NodeGroups?.[0]?.PrimaryEndpoint;
        const address = group.ConfigurationEndpoint?.Address ?? primary?.Address;
        const port = group.ConfigurationEndpoint?.Port ?? primary?.Port ?? 6379;
        if (!address) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cache', `ElastiCache replication group "${id}" has no endpoint yet (status ${group.Status ?? 'unknown'})`);
        }
        if (group.Status && group.Status !== 'available') {
            log.warning(`ElastiCache replication group "${id}" is ${group.Status}, not available`);
        }
        const mode = group.ConfigurationEndpoint?.Address ? 'configuration endpoint' : 'primary endpoint';
        log.info(`Cache: ElastiCache replication group ${id} → ${address}:${port} (${mode}${tls ? ', TLS' : ''})`);
        return { host: address, port, ...(tls && { tls: true }) };
    }
    const cluster = await describeCacheCluster(id, clients);
    if (cluster) {
        const node = cluster.CacheNodes?.[0]?.Endpoint;
        if (!node?.Address) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cache', `ElastiCache cluster "${id}" has no node endpoint yet (status ${cluster.CacheClusterStatus ?? 'unknown'})`);
        }
        if (cluster.CacheClusterStatus && cluster.CacheClusterStatus !== 'available') {
            log.warning(`ElastiCache cluster "${id}" is ${cluster.CacheClusterStatus}, not available`);
        }
        const tls = cluster.TransitEncryptionEnabled === true;
        const port = node.Port ?? 6379;
        log.info(`Cache: ElastiCache cluster ${id} → ${node.Address}:${port}${tls ? ' (TLS)' : ''}`);
        return { host: node.Address, port, ...(tls && { tls: true }) };
    }
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cache', `no ElastiCache replication group or cache cluster "${id}" found in ${clients.region}`);
}
async function describeReplicationGroup(id, clients) {
    try {
        const answer = await clients.elasticache.send(new _aws_sdk_client_elasticache__WEBPACK_IMPORTED_MODULE_4__.DescribeReplicationGroupsCommand({ ReplicationGroupId: id }));
        return answer.ReplicationGroups?.[0];
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsErrorCode */ .Tl.replicationGroupNotFound))
            return undefined;
        throw error;
    }
}
async function describeCacheCluster(id, clients) {
    try {
        const answer = await clients.elasticache.send(new _aws_sdk_client_elasticache__WEBPACK_IMPORTED_MODULE_4__.DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }));
        return answer.CacheClusters?.[0];
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isAwsError */ .m_)(error, _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsErrorCode */ .Tl.cacheClusterNotFound))
            return undefined;
        throw error;
    }
}


/***/ })

};
