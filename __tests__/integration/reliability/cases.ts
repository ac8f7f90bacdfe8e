// The bad inputs the reliability suite feeds dist/index.js: each changes one
// thing from a valid deploy of the `app` fixture and names the one error line
// it must produce. Listed in docs/reliability.md.

export interface BadInputCase {
  name: string
  /** Inputs changed from the valid deploy; `undefined` removes one. */
  inputs: Record<string, string | undefined>
  /** Extra or removed (`undefined`) runner variables. */
  env?: Record<string, string | undefined>
  /** The one `::error::` line, matched. It must name the input, the compose service or the file. */
  error: RegExp
}

const LONG_LABEL = `v${'1'.repeat(100)}`

export const BAD_INPUTS: BadInputCase[] = [
  // The application and its environments
  { name: 'application missing', inputs: { application: undefined }, error: /Input 'application'.*required/ },
  {
    name: 'application over 100 characters',
    inputs: { application: 'a'.repeat(101) },
    error: /Input 'application'.*1 to 100 characters/
  },
  { name: 'application with "/"', inputs: { application: 'team/app' }, error: /Input 'application'.*"\/"/ },
  {
    name: 'application that does not exist',
    inputs: { application: 'no-such-app' },
    error: /Environment rel-input of application no-such-app not found/
  },
  { name: 'environment missing', inputs: { environment: undefined }, error: /Input 'environment'.*required/ },
  { name: 'environment too short', inputs: { environment: 'pp' }, error: /Input 'environment'.*4 to 40/ },
  {
    name: 'environment over 40 characters',
    inputs: { environment: 'e'.repeat(41) },
    error: /Input 'environment'.*4 to 40/
  },
  {
    name: 'environment with "_"',
    inputs: { environment: 'rel_production' },
    error: /Input 'environment'.*letters, digits and hyphens/
  },
  {
    name: 'environment starting with a hyphen',
    inputs: { environment: '-rel-production' },
    error: /Input 'environment'.*hyphen/
  },
  {
    name: 'environment named twice',
    inputs: { environment: 'rel-input rel-input' },
    error: /Input 'environment'.*twice/
  },
  {
    name: 'environment that does not exist',
    inputs: { environment: 'rel-nowhere' },
    error: /Environment rel-nowhere of application rel-inputs not found/
  },
  // Mode
  { name: 'unknown mode', inputs: { mode: 'destroy' }, error: /Input 'mode'.*must be one of/ },
  {
    name: 'preview mode outside a pull_request event',
    inputs: { mode: 'preview' },
    error: /Input 'mode'.*pull_request/
  },
  {
    name: 'rollback to a label that does not exist',
    inputs: { mode: 'rollback', 'version-label': 'never-built' },
    error: /Input 'version-label': "never-built" is not an application version of rel-inputs/
  },
  // Region and credentials
  { name: 'invalid region', inputs: { region: 'mars-north' }, error: /Input 'region'.*mars-north/ },
  {
    name: 'no region anywhere',
    inputs: {},
    env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined },
    error: /Input 'region'.*required/
  },
  {
    name: 'no credentials',
    inputs: {},
    env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
    error: /No AWS credentials: add aws-actions\/configure-aws-credentials/
  },
  // The compose file
  {
    name: 'compose file that does not exist',
    inputs: { 'compose-file': 'nowhere/docker-compose.yml' },
    error: /nowhere\/docker-compose\.yml/
  },
  {
    name: 'malformed compose YAML',
    inputs: { 'compose-file': 'bad-yaml/docker-compose.yml' },
    error: /bad-yaml\/docker-compose\.yml.*line \d+/
  },
  {
    name: 'compose file with a duplicate service key',
    inputs: { 'compose-file': 'duplicate-keys/docker-compose.yml' },
    error: /duplicate-keys\/docker-compose\.yml line 5: .*unique/
  },
  {
    name: 'service that does not exist',
    inputs: { services: 'web sidekiq' },
    error: /Input 'services'.*sidekiq/
  },
  {
    name: 'proxy-service that does not exist',
    inputs: { 'proxy-service': 'haproxy' },
    error: /Input 'proxy-service'.*haproxy/
  },
  {
    name: 'build context that does not exist',
    inputs: { 'compose-file': 'missing-context/docker-compose.yml' },
    error: /services web.*build context not found at missing-context\/no-such-directory/
  },
  {
    name: 'Dockerfile that does not exist',
    inputs: { 'compose-file': 'missing-dockerfile/docker-compose.yml' },
    error: /services web.*Dockerfile not found at missing-dockerfile\/web\/Dockerfile\.production/
  },
  {
    name: 'env_file that does not exist',
    inputs: { 'compose-file': 'env-file-missing/docker-compose.yml' },
    error: /service "web".*production\.env/
  },
  {
    name: 'compose mem_limit below the platform minimum',
    inputs: { 'compose-file': 'memory-low/docker-compose.yml' },
    error: /service "web".*minimum of 4 MiB/
  },
  {
    name: 'compose mem_limit not a number',
    inputs: { 'compose-file': 'memory-nan/docker-compose.yml' },
    error: /service "web".*plenty/
  },
  {
    name: 'two containers on host port 80',
    inputs: { 'compose-file': 'two-port-80/docker-compose.yml' },
    error: /host port 80\/tcp is published by both web and nginx/
  },
  {
    name: 'nginx links to a container that is not deployed',
    inputs: { 'compose-file': 'link-undeployed/docker-compose.yml' },
    error: /Input 'services': service nginx links to api, which is not deployed/
  },
  {
    name: 'compose port ranges of different lengths',
    inputs: { 'compose-file': 'port-range/docker-compose.yml' },
    error: /service "web".*range/
  },
  // Memory, versions, timeouts
  {
    name: 'memory-reservation not a number',
    inputs: { 'memory-reservation': 'lots' },
    error: /Input 'memory-reservation'.*lots/
  },
  {
    name: 'memory-reservation below the platform minimum',
    inputs: { 'memory-reservation': '2' },
    error: /Input 'memory-reservation'.*from 4 to .*"2"/
  },
  {
    name: 'version-label over 100 characters',
    inputs: { 'version-label': LONG_LABEL },
    error: /Input 'version-label'.*1 to 100 characters/
  },
  {
    name: 'version-label with "/"',
    inputs: { 'version-label': 'release/1.2' },
    error: /Input 'version-label'.*may contain only/
  },
  {
    name: 'version-label with a space',
    inputs: { 'version-label': 'release 1' },
    error: /Input 'version-label'.*may contain only/
  },
  {
    name: 'wait-timeout not a duration',
    inputs: { 'wait-timeout': 'soon' },
    error: /Input 'wait-timeout'.*soon/
  },
  { name: 'wait-timeout of zero', inputs: { 'wait-timeout': '0s' }, error: /Input 'wait-timeout'.*"0s"/ },
  // Backing services
  {
    name: 'database identifier that does not exist',
    inputs: { database: 'no-such-db' },
    error: /Input 'database'.*no-such-db/
  },
  {
    name: 'cache identifier that does not exist',
    inputs: { cache: 'no-such-cache' },
    error: /Input 'cache'.*no-such-cache/
  },
  {
    name: 'database URL with a password',
    inputs: { database: 'postgres://app:hunter2@db.example.com:5432/app' },
    error: /Input 'database'.*password/
  },
  {
    name: 'cache URL of the wrong scheme',
    inputs: { cache: 'mongodb://cache.example.com:27017' },
    error: /Input 'cache'.*scheme/
  },
  {
    name: 'database neither identifier nor URL',
    inputs: { database: '1st database' },
    error: /Input 'database'.*neither an identifier/
  },
  {
    name: 'database-env not a variable name',
    inputs: { 'database-env': 'DATABASE-URL' },
    error: /Input 'database-env'.*DATABASE-URL/
  },
  // Secrets and roles
  {
    name: 'secrets line without "="',
    inputs: { secrets: 'SECRET_KEY_BASE' },
    error: /Input 'secrets'.*SECRET_KEY_BASE/
  },
  {
    name: 'secrets value not an ARN or parameter path',
    inputs: { secrets: 'SECRET_KEY_BASE=plaintext-value' },
    error: /Input 'secrets'.*SECRET_KEY_BASE must reference/
  },
  {
    name: 'secrets name listed twice',
    inputs: {
      secrets: 'API_KEY=/rel/api-key\nAPI_KEY=/rel/other-key'
    },
    error: /Input 'secrets'.*API_KEY is listed twice/
  },
  {
    name: 'execution-role-arn not a role ARN',
    inputs: { 'execution-role-arn': 'ecsTaskExecutionRole' },
    error: /Input 'execution-role-arn'.*not an IAM role ARN/
  },
  // Other settings
  { name: 'bucket name invalid', inputs: { bucket: 'My_Bucket' }, error: /Input 'bucket'.*My_Bucket/ },
  {
    name: 'ecr-repository-prefix invalid',
    inputs: { 'ecr-repository-prefix': 'Rel App' },
    error: /Input 'ecr-repository-prefix'.*Rel App/
  },
  {
    name: 'ecr-tag-mutability unknown',
    inputs: { 'ecr-tag-mutability': 'SOMETIMES' },
    error: /Input 'ecr-tag-mutability'.*SOMETIMES/
  },
  { name: 'ecr-keep-images zero', inputs: { 'ecr-keep-images': '0' }, error: /Input 'ecr-keep-images'.*"0"/ },
  {
    name: 'allow-yellow not a boolean',
    inputs: { 'allow-yellow': 'maybe' },
    error: /Input 'allow-yellow'.*maybe/
  },
  { name: 'build not a boolean', inputs: { build: 'yes please' }, error: /Input 'build'.*yes please/ },
  {
    name: 'smoke-test unknown',
    inputs: { 'smoke-test': 'sometimes' },
    error: /Input 'smoke-test'.*sometimes/
  },
  { name: 'log-driver unknown', inputs: { 'log-driver': 'syslog' }, error: /Input 'log-driver'.*syslog/ },
  { name: 'keep-versions negative', inputs: { 'keep-versions': '-1' }, error: /Input 'keep-versions'.*-1/ }
]
