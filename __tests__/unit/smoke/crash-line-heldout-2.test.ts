// Second held-out check of crashLine on real crash logs: none of these threads appears in crash-line-real.test.ts
// (the tuning set) or crash-line-heldout.test.ts (the first held-out set). Each log was pasted by someone reporting
// an app or container that stopped at or soon after start (GitHub issues; each row names its thread). The line each
// row expects was picked by hand, before running crashLine or reading its source, as the one a developer would want
// quoted as the reason it stopped.
//
// As in the other two files, what a tool added around the pasted text is removed (a `docker compose` column and the
// other services' lines, a log viewer's or log driver's timestamp column, the reporter's own command line and
// Markdown quote markers); the container's own lines are kept as pasted. Expected lines are given without the leading
// and trailing spaces the pasted line may have. Where the stored copy of a thread breaks off inside a long stack, the
// log ends at the last whole line (the row says so); the part left out is more frames or object dump, not a summary.
// Rows where a second line is as good have it in ALSO_RIGHT. First run, before the rule saw this set: 27 of 29 right; the
// two misses (DD_Bot's unindented .NET frame, ChiefOnboarding's warning after the crash) were fixed in the rule.

import { describe, expect, it } from '@jest/globals'

import { crashLine } from '../../../src/smoke/crash-line.js'
import { log, ofService, withoutGluedTimes, withoutSyslogColumn, unquoted } from './crash-logs.js'

const rows: [string, string, string][] = [
  // Elixir/Phoenix: `mix ecto.create` runs before Postgres accepts connections (web's lines of `docker-compose up`)
  [
    'https://github.com/code-corps/code-corps-api/issues/275',
    ofService(
      'web_1',
      [
        'web_1            | Running dependency resolution',
        'web_1            | All dependencies up to date',
        "web_1            | ** (Mix) The database for CodeCorps.Repo couldn't be created: FATAL (cannot_connect_now): the database system is starting up",
        'web_1            |',
        'web_1            | 19:12:16.425 [error] GenServer #PID<0.286.0> terminating',
        'web_1            | ** (Postgrex.Error) FATAL (cannot_connect_now): the database system is starting up',
        'web_1            |     (db_connection) lib/db_connection/connection.ex:148: DBConnection.Connection.connect/2',
        'web_1            |     (connection) lib/connection.ex:622: Connection.enter_connect/5',
        'web_1            |     (stdlib) proc_lib.erl:247: :proc_lib.init_p_do_apply/3',
        'web_1            | Last message: nil',
        'web_1            | State: Postgrex.Protocol',
        'codecorpsapi_web_1 exited with code 1'
      ].join('\n')
    ),
    "** (Mix) The database for CodeCorps.Repo couldn't be created: FATAL (cannot_connect_now): the database system is starting up"
  ],
  // Go: nil dereference in main at start; one run of a restart loop (`docker logs -f`, Markdown quote markers removed)
  [
    'https://github.com/vinbigdata-medical/vindr-lab-api/issues/1',
    log(
      '2021/04/14 06:32:29 [INFO] [main.go:75] API is running in [production] mode',
      '2021/04/14 06:32:29 [INFO] [main.go:96] ["http://vinlab-es:9200"]',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x10bbb0e]',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/opt/app/main.go:101 +0x56e'
    ),
    'panic: runtime error: invalid memory address or nil pointer dereference'
  ],
  // Rust: an env var that is not a number, unwrapped at start (container keeps restarting)
  [
    'https://github.com/codetheweb/aoede/issues/3',
    log(
      "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }', src/main.rs:295:79",
      '',
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'
    ),
    "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }', src/main.rs:295:79"
  ],
  // Rust: a serde error unwrapped (`docker run` line left out)
  [
    'https://github.com/fkie-cad/cwe_checker/issues/219',
    log(
      "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Error(\"missing field `tid`\", line: 23469063, column: 9)', src/caller/src/main.rs:300:64",
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'
    ),
    "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Error(\"missing field `tid`\", line: 23469063, column: 9)', src/caller/src/main.rs:300:64"
  ],
  // Node: a CommonJS dependency requires an ESM-only one (`docker logs`; the reporter's prompt line left out)
  [
    'https://github.com/nocodb/nocodb/issues/12623',
    log(
      '/usr/src/app/node_modules/jsdom/lib/jsdom/browser/parser/html.js:3',
      'const parse5 = require("parse5");',
      '               ^',
      '',
      'Error [ERR_REQUIRE_ESM]: require() of ES Module /usr/src/app/node_modules/parse5/dist/index.js from /usr/src/app/node_modules/jsdom/lib/jsdom/browser/parser/html.js not supported.',
      'Instead change the require of index.js in /usr/src/app/node_modules/jsdom/lib/jsdom/browser/parser/html.js to a dynamic import() which is available in all CommonJS modules.',
      '    at Object.<anonymous> (/usr/src/app/node_modules/jsdom/lib/jsdom/browser/parser/html.js:3:16) {',
      "  code: 'ERR_REQUIRE_ESM'",
      '}'
    ),
    'Error [ERR_REQUIRE_ESM]: require() of ES Module /usr/src/app/node_modules/parse5/dist/index.js from /usr/src/app/node_modules/jsdom/lib/jsdom/browser/parser/html.js not supported.'
  ],
  // Node: the same under `npm start`, with Node's version footer
  [
    'https://github.com/bayesimpact/docker-react/issues/4201',
    log(
      '> bayesimpact-react@0.0.1 start',
      '> REACT_WEBPACK_ENV=dev node server.js',
      '',
      '/usr/app/cfg/base.js:5',
      "const imageMinSvg = require('imagemin-svgo')",
      '                    ^',
      '',
      'Error [ERR_REQUIRE_ESM]: require() of ES Module /usr/app/node_modules/imagemin-svgo/index.js from /usr/app/cfg/base.js not supported.',
      'Instead change the require of index.js in /usr/app/cfg/base.js to a dynamic import() which is available in all CommonJS modules.',
      '    at Object.<anonymous> (/usr/app/cfg/base.js:5:21)',
      '    at Object.<anonymous> (/usr/app/cfg/dev.js:7:20)',
      '    at Object.<anonymous> (/usr/app/webpack.config.js:18:8)',
      '    at Object.<anonymous> (/usr/app/server.js:4:14) {',
      "  code: 'ERR_REQUIRE_ESM'",
      '}',
      '',
      'Node.js v17.7.1'
    ),
    'Error [ERR_REQUIRE_ESM]: require() of ES Module /usr/app/node_modules/imagemin-svgo/index.js from /usr/app/cfg/base.js not supported.'
  ],
  // Prisma: `prisma migrate` cannot reach the database service
  [
    'https://github.com/notiz-dev/nestjs-prisma-docker/issues/8',
    log(
      'Environment variables loaded from .env',
      'Prisma schema loaded from prisma/schema.prisma',
      'Datasource "db": PostgreSQL database "food", schema "food" at "postgresprisma:5432"',
      '',
      "Error: P1001: Can't reach database server at `postgresprisma`:`5432`",
      '',
      'Please make sure your database server is running at `postgresprisma`:`5432`.'
    ),
    "Error: P1001: Can't reach database server at `postgresprisma`:`5432`"
  ],
  // Prisma under an npm script and a wrapper script that prints its own failure lines; first run of a restart loop
  [
    'https://github.com/evolution-foundation/evolution-api/issues/1087',
    log(
      'Deploying migrations for postgresql',
      'Database URL: ',
      '',
      '> evolution-api@2.2.0 db:deploy',
      '> node runWithProvider.js "rm -rf ./prisma/migrations && cp -r ./prisma/DATABASE_PROVIDER-migrations ./prisma/migrations && npx prisma migrate deploy --schema ./prisma/DATABASE_PROVIDER-schema.prisma"',
      '',
      'Environment variables loaded from .env',
      'Prisma schema loaded from prisma/postgresql-schema.prisma',
      'Datasource "db": PostgreSQL database "evolution", schema "public" at "localhost:5432"',
      '',
      "Error: P1001: Can't reach database server at `localhost:5432`",
      '',
      'Please make sure your database server is running at `localhost:5432`.',
      'Error executing command: rm -rf ./prisma/migrations && cp -r ./prisma/postgresql-migrations ./prisma/migrations && npx prisma migrate deploy --schema ./prisma/postgresql-schema.prisma',
      'npm notice',
      'npm notice New minor version of npm available! 10.8.2 -> 10.9.1',
      'npm notice Changelog: https://github.com/npm/cli/releases/tag/v10.9.1',
      'npm notice To update run: npm install -g npm@10.9.1',
      'npm notice',
      'Migration failed'
    ),
    "Error: P1001: Can't reach database server at `localhost:5432`"
  ],
  // Node MongoDB driver: server selection fails, error printed with its cause chain (compose column removed)
  [
    'https://github.com/rowboatlabs/rowboat/issues/182',
    ofService(
      'rowboat_1',
      [
        'rowboat_1 | MongoServerSelectionError: connect ECONNREFUSED 172.18.0.8:27017',
        'rowboat_1 |   reason: [TopologyDescription],',
        'rowboat_1 |   [cause]: MongoNetworkError: connect ECONNREFUSED 172.18.0.8:27017 {',
        'rowboat_1 |     [cause]: Error: connect ECONNREFUSED 172.18.0.8:27017 {',
        'rowboat_1 |       errno: -111,',
        "rowboat_1 |       code: 'ECONNREFUSED',",
        "rowboat_1 |       syscall: 'connect',",
        "rowboat_1 |       address: '172.18.0.8',",
        'rowboat_1 |       port: 27017',
        'rowboat_1 |     }',
        'rowboat_1 |   }'
      ].join('\n')
    ),
    'MongoServerSelectionError: connect ECONNREFUSED 172.18.0.8:27017'
  ],
  // uvicorn: app module not importable, restart loop after an init script's line (three whole runs of the paste)
  [
    'https://github.com/DroppedNeedle/DroppedNeedle/issues/267',
    ofService(
      'droppedneedle',
      [
        'droppedneedle  | [init] Runtime user: droppedneedle (uid=99 gid=100)',
        'droppedneedle  | ERROR:    Error loading ASGI app. Could not import module "main".',
        'droppedneedle  | [init] Runtime user: droppedneedle (uid=99 gid=100)',
        'droppedneedle  | ERROR:    Error loading ASGI app. Could not import module "main".',
        'droppedneedle  | [init] Runtime user: droppedneedle (uid=99 gid=100)',
        'droppedneedle  | ERROR:    Error loading ASGI app. Could not import module "main".'
      ].join('\n')
    ),
    'ERROR:    Error loading ASGI app. Could not import module "main".'
  ],
  // uvicorn/FastAPI: the same, copied from TrueNAS's log view (its glued timestamps removed)
  [
    'https://github.com/endurain-project/endurain/issues/294',
    withoutGluedTimes(
      [
        '2025-08-03 20:31:36.265283+00:00INFO:     Starting FastAPI with BEHIND_PROXY=false',
        '2025-08-03 20:31:36.829169+00:00ERROR:    Error loading ASGI app. Could not import module "main".'
      ].join('\n')
    ),
    'ERROR:    Error loading ASGI app. Could not import module "main".'
  ],
  // php-fpm: no configuration file in the image
  [
    'https://github.com/AlexMasterov/dockerfiles/issues/6',
    log(
      "[17-May-2017 05:16:34] ERROR: failed to open configuration file '/etc/php/php-fpm.conf': No such file or directory (2)",
      "[17-May-2017 05:16:34] ERROR: failed to load configuration file '/etc/php/php-fpm.conf'",
      '[17-May-2017 05:16:34] ERROR: FPM initialization failed'
    ),
    "[17-May-2017 05:16:34] ERROR: failed to open configuration file '/etc/php/php-fpm.conf': No such file or directory (2)"
  ],
  // php-fpm after a Laravel entrypoint's setup lines (the reporter's leading `...` has no column and is dropped)
  [
    'https://github.com/LycheeOrg/Lychee-Docker/issues/28',
    ofService(
      'lychee',
      [
        '...',
        '',
        'lychee    | Migrated:  2019_10_11_093442_config_check_update_every (0 seconds)',
        'lychee    | **** Create user and use PUID/PGID ****',
        'lychee    | -e  \tUser UID :\t1000',
        'lychee    | -e  \tUser GID :\t1000',
        'lychee    | **** Set Permissions ****',
        'lychee    | **** Setup complete, starting the server. ****',
        "lychee    | [12-Feb-2020 01:00:54] ERROR: failed to open configuration file '/etc/php/7.3/fpm/php-fpm.conf': No such file or directory (2)",
        "lychee    | [12-Feb-2020 01:00:54] ERROR: failed to load configuration file '/etc/php/7.3/fpm/php-fpm.conf'",
        'lychee    | [12-Feb-2020 01:00:54] ERROR: FPM initialization failed'
      ].join('\n')
    ),
    "[12-Feb-2020 01:00:54] ERROR: failed to open configuration file '/etc/php/7.3/fpm/php-fpm.conf': No such file or directory (2)"
  ],
  // Next.js under yarn: `next start` without a build (web's lines; yarn's `$ next start` echo lost its column)
  [
    'https://github.com/The-Vibe-Company/quivr/issues/558',
    ofService(
      'web',
      [
        '$ next start',
        'web      | - ready started server on 0.0.0.0:3000, url: http://localhost:3000',
        'web      | - info Loaded env from /app/.env',
        "web      | Error: Could not find a production build in the '/app/.next' directory. Try building your app with 'next build' before starting the production server. https://nextjs.org/docs/messages/production-start-no-build-id",
        'web      |     at NextNodeServer.getBuildId (/app/node_modules/next/dist/server/next-server.js:342:23)',
        'web      |     at new Server (/app/node_modules/next/dist/server/base-server.js:151:29)',
        'web      |     at new NextNodeServer (/app/node_modules/next/dist/server/next-server.js:172:9)',
        'web      |     at NextServer.createServer (/app/node_modules/next/dist/server/next.js:171:24)',
        'web      |     at async /app/node_modules/next/dist/server/next.js:196:31',
        'web      |     at async NextServer.prepare (/app/node_modules/next/dist/server/next.js:153:24)',
        'web      |     at async Server.<anonymous> (/app/node_modules/next/dist/server/lib/render-server.js:121:17) {',
        "web      |   type: 'Error'",
        'web      | }',
        'web      | error Command failed with exit code 1.',
        'web      | info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.'
      ].join('\n')
    ),
    "Error: Could not find a production build in the '/app/.next' directory. Try building your app with 'next build' before starting the production server. https://nextjs.org/docs/messages/production-start-no-build-id"
  ],
  // Java: Flyway validation fails in a static initializer; the cause's message runs over three more lines
  [
    'https://github.com/OtterMind/Chat2DB/issues/1625',
    log(
      'Exception in thread "Thread-0" java.lang.ExceptionInInitializerError',
      '        at ai.chat2db.server.start.Application.lambda$main$0(Application.java:32)',
      '        at java.base/java.lang.Thread.run(Thread.java:842)',
      'Caused by: org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: Migrations have failed validation',
      'Detected failed migration to version 2.1.2 (OPERATION).',
      'Please remove any half-completed changes then run repair to fix the schema history.',
      'Need more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE',
      '        at org.flywaydb.core.Flyway.lambda$migrate$0(Flyway.java:146)',
      '        at org.flywaydb.core.FlywayExecutor.execute(FlywayExecutor.java:190)',
      '        at org.flywaydb.core.Flyway.migrate(Flyway.java:140)',
      '        at ai.chat2db.server.domain.repository.Dbutils.initFlyway(Dbutils.java:115)',
      '        at ai.chat2db.server.domain.repository.Dbutils.before(Dbutils.java:98)',
      '        at ai.chat2db.server.domain.repository.Dbutils.<clinit>(Dbutils.java:63)',
      '        ... 2 more'
    ),
    'Caused by: org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: Migrations have failed validation'
  ],
  // Spring Boot: the failure analyzer's banner for a missing datasource URL
  [
    'https://github.com/apache/servicecomb-java-chassis/issues/1272',
    log(
      "Error starting ApplicationContext. To display the conditions report re-run your application with 'debug' enabled.",
      '2019-07-12 18:25:20 ERROR (LoggingFailureAnalysisReporter.java:42)- ',
      '',
      '***************************',
      'APPLICATION FAILED TO START',
      '***************************',
      '',
      'Description:',
      '',
      "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.",
      '',
      'Reason: Failed to determine a suitable driver class',
      '',
      'Action:',
      '',
      'Consider the following:',
      '\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.',
      '\tIf you have database settings to be loaded from a particular profile you may need to activate it (no profiles are currently active).'
    ),
    "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured."
  ],
  // Celery: the worker cannot reach its broker (worker's lines of `docker-compose up`)
  [
    'https://github.com/zenodo/zenodo/issues/1415',
    ofService(
      'worker_1',
      [
        'worker_1  | [2018-02-02 14:14:04,293: ERROR/MainProcess] consumer: Cannot connect to amqp://guest:**@127.0.0.1:5672//: [Errno 111] Connection refused.',
        'worker_1  | Trying again in 2.00 seconds...',
        'worker_1  | ',
        'web_1     | --------------------------------------------------------------------------------',
        'web_1     | DEBUG in env [/usr/local/lib/python3.5/site-packages/invenio_config/env.py:64]:',
        'web_1     | INSTANCE_PATH = /usr/local/var/instance'
      ].join('\n')
    ),
    '[2018-02-02 14:14:04,293: ERROR/MainProcess] consumer: Cannot connect to amqp://guest:**@127.0.0.1:5672//: [Errno 111] Connection refused.'
  ],
  // Sequelize CLI migration under npm under yarn; first run of a restart loop (terminal wrapping kept as pasted)
  [
    'https://github.com/salimkanoun/Orthanc-Tools-JS/issues/701',
    log(
      'Sequelize CLI [Node: 14.15.4, CLI: 6.2.0, ORM: 6.6.5]',
      '',
      'Loaded configuration file "database/config/config.js".',
      'Using environment "production".',
      '',
      'ERROR: connect ECONNREFUSED 127.0.0.1:5432',
      '',
      'npm ERR! code ELIFECYCLE',
      'npm ERR! errno 1',
      'npm ERR! @salim.kanoun/orthanctools@0.7.0 migrate: `sequelize db:migrate`',
      'npm ERR! Exit status 1',
      'npm ERR!',
      'npm ERR! Failed at the @salim.kanoun/orthanctools@0.7.0 migrate script.',
      'npm ERR! This is probably not a problem with npm. There is likely additional log                                                                             ging output above.',
      '',
      'npm ERR! A complete log of this run can be found in:',
      'npm ERR!     /root/.npm/_logs/2022-03-29T20_55_27_158Z-debug.log',
      'error Command failed with exit code 1.',
      'info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this comm                                                                             and.'
    ),
    'ERROR: connect ECONNREFUSED 127.0.0.1:5432'
  ],
  // Entrypoint script that cannot be executed (CRLF shebang); runc's one line (`docker run` line left out)
  [
    'https://github.com/justb4/docker-jmeter/issues/6',
    log('standard_init_linux.go:190: exec user process caused "no such file or directory"'),
    'standard_init_linux.go:190: exec user process caused "no such file or directory"'
  ],
  // Image built for another architecture: runc's one line, from `docker logs`
  [
    'https://github.com/mitcdh/docker-google-drive-ocamlfuse/issues/12',
    log('standard_init_linux.go:211: exec user process caused "exec format error"'),
    'standard_init_linux.go:211: exec user process caused "exec format error"'
  ],
  // .NET: a required appsettings.json missing from the image
  [
    'https://github.com/spaytac/linkdingsync/issues/3',
    log(
      "Unhandled exception. System.IO.FileNotFoundException: The configuration file 'appsettings.json' was not found and is not optional. The expected physical path was '/app/appsettings.json'.",
      '   at Microsoft.Extensions.Configuration.FileConfigurationProvider.HandleException(ExceptionDispatchInfo info)',
      '   at Microsoft.Extensions.Configuration.FileConfigurationProvider.Load(Boolean reload)',
      '   at Microsoft.Extensions.Configuration.FileConfigurationProvider.Load()',
      '   at Microsoft.Extensions.Configuration.ConfigurationRoot..ctor(IList`1 providers)',
      '   at Microsoft.Extensions.Configuration.ConfigurationBuilder.Build()',
      '   at Microsoft.Extensions.Hosting.HostBuilder.BuildHostConfiguration()',
      '   at Microsoft.Extensions.Hosting.HostBuilder.Build()',
      '   at Program.<Main>$(String[] args) in /src/src/Wallabag/Program.cs:line 3',
      '   at Program.<Main>(String[] args)'
    ),
    "Unhandled exception. System.IO.FileNotFoundException: The configuration file 'appsettings.json' was not found and is not optional. The expected physical path was '/app/appsettings.json'."
  ],
  // .NET: Docker.DotNet cannot reach the Docker API; TrueNAS view (glued timestamps removed). Stored copy breaks off
  // inside the stack and lost the first line's timestamp.
  [
    'https://github.com/Assaro/DD_Bot/issues/41',
    withoutGluedTimes(
      [
        'DD_Bot, Version 1.0.1',
        '2025-05-14 14:08:51.655566+00:00Info:Discord.Net v3.9.0 (API v10)',
        '2025-05-14 14:08:51.670315+00:00Info:Connecting',
        '2025-05-14 14:08:52.562039+00:00Info:Connected',
        '2025-05-14 14:08:53.061532+00:00Info:Ready',
        '2025-05-14 14:09:06.866408+00:00ninkynonk: Contacting Docker Service...',
        '2025-05-14 14:09:06.907608+00:00Unhandled exception. System.Net.Http.HttpRequestException: Connection failed',
        '2025-05-14 14:09:06.907678+00:00---> System.Net.Sockets.SocketException (99): Cannot assign requested address',
        '2025-05-14 14:09:06.907688+00:00at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.CreateException(SocketError error, Boolean forAsyncThrow)',
        '2025-05-14 14:09:06.907711+00:00at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ConnectAsync(Socket socket)',
        '2025-05-14 14:09:06.907715+00:00at System.Net.Sockets.Socket.ConnectAsync(EndPoint remoteEP, CancellationToken cancellationToken)',
        '2025-05-14 14:09:06.907718+00:00at System.Net.Sockets.Socket.ConnectAsync(EndPoint remoteEP)',
        '2025-05-14 14:09:06.907722+00:00at System.Net.Sockets.SocketTaskExtensions.ConnectAsync(Socket socket, EndPoint remoteEP)',
        '2025-05-14 14:09:06.907728+00:00at Docker.DotNet.DockerClient.<>c__DisplayClass6_0.<<-ctor>b__1>d.MoveNext()'
      ].join('\n')
    ),
    'Unhandled exception. System.Net.Http.HttpRequestException: Connection failed'
  ],
  // Ruby/puma: no config/puma.rb in the image (compose column removed; stored copy breaks off in the backtrace)
  [
    'https://github.com/ankane/pghero/issues/304',
    ofService(
      'ORS_DB_pghero',
      [
        "ORS_DB_pghero | /usr/local/bundle/gems/puma-4.3.0/lib/puma/dsl.rb:46:in `read': No such file or directory @ rb_sysopen - config/puma.rb (Errno::ENOENT)",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/dsl.rb:46:in `_load_from'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/configuration.rb:195:in `block in load'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/configuration.rb:195:in `each'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/configuration.rb:195:in `load'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/launcher.rb:58:in `initialize'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/cli.rb:71:in `new'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/lib/puma/cli.rb:71:in `initialize'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/bin/puma:8:in `new'",
        "ORS_DB_pghero |         from /usr/local/bundle/gems/puma-4.3.0/bin/puma:8:in `<top (required)>'",
        "ORS_DB_pghero |         from /usr/local/bundle/bin/puma:23:in `load'"
      ].join('\n')
    ),
    "/usr/local/bundle/gems/puma-4.3.0/lib/puma/dsl.rb:46:in `read': No such file or directory @ rb_sysopen - config/puma.rb (Errno::ENOENT)"
  ],
  // Rails 4.2: database not created (compose column removed; stored copy breaks off in the backtrace)
  [
    'https://github.com/SUSE/Portus/issues/1572',
    ofService(
      'portus_1',
      [
        "portus_1      | /usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/mysql2_adapter.rb:23:in `rescue in mysql2_connection': Unknown database 'portus_development' (ActiveRecord::NoDatabaseError)",
        "portus_1      |         from /usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/mysql2_adapter.rb:9:in `mysql2_connection'",
        "portus_1      |         from /usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/abstract/connection_pool.rb:438:in `new_connection'",
        "portus_1      |         from /usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/abstract/connection_pool.rb:448:in `checkout_new_connection'",
        "portus_1      |         from /usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/abstract/connection_pool.rb:422:in `acquire_connection'",
        "portus_1      |         from /usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/abstract/connection_pool.rb:349:in `block in checkout'"
      ].join('\n')
    ),
    "/usr/lib64/ruby/gems/2.4.0/gems/activerecord-4.2.10/lib/active_record/connection_adapters/mysql2_adapter.rb:23:in `rescue in mysql2_connection': Unknown database 'portus_development' (ActiveRecord::NoDatabaseError)"
  ],
  // Laravel: `php artisan migrate` cannot resolve the DB host; Collision's code frame (pasted as a Markdown quote)
  [
    'https://github.com/Bottelet/DaybydayCRM/issues/320',
    unquoted(
      [
        '>   Illuminate\\Database\\QueryException',
        '> ',
        ">   SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Name or service not known (SQL: select * from information_schema.tables where table_schema = daybyday and table_name = migrations and table_type = 'BASE TABLE')",
        '> ',
        '>   at vendor/laravel/framework/src/Illuminate/Database/Connection.php:671',
        ">     667|         // If an exception occurs when attempting to run a query, we'll format the error",
        '>     668|         // message to include the bindings with SQL, which will make this exception a',
        ">     669|         // lot more helpful to the developer instead of just the database's errors.",
        '>     670|         catch (Exception $e) {',
        '>   > 671|             throw new QueryException(',
        '>     672|                 $query, $this->prepareBindings($bindings), $e',
        '>     673|             );',
        '>     674|         }',
        '>     675|',
        '> ',
        '>       +36 vendor frames',
        '>   37  artisan:30',
        '>       Illuminate\\Foundation\\Console\\Kernel::handle(Object(Symfony\\Component\\Console\\Input\\ArgvInput), Object(Symfony\\Component\\Console\\Output\\ConsoleOutput))',
        '> '
      ].join('\n')
    ),
    "SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Name or service not known (SQL: select * from information_schema.tables where table_schema = daybyday and table_name = migrations and table_type = 'BASE TABLE')"
  ],
  // Mongoose: the database host does not resolve; Node's source excerpt, then the error and an object dump (stored
  // copy breaks off inside the dump)
  [
    'https://github.com/Yooooomi/your_spotify/issues/126',
    log(
      '/app/node_modules/mongoose/lib/connection.js:807',
      '  const serverSelectionError = new ServerSelectionError();',
      '                               ^',
      '',
      'MongooseServerSelectionError: getaddrinfo ENOTFOUND mongo',
      '    at NativeConnection.Connection.openUri (/app/node_modules/mongoose/lib/connection.js:807:32)',
      '    at /app/node_modules/mongoose/lib/index.js:342:10',
      '    at /app/node_modules/mongoose/lib/helpers/promiseOrCallback.js:32:5',
      '    at new Promise (<anonymous>)',
      '    at promiseOrCallback (/app/node_modules/mongoose/lib/helpers/promiseOrCallback.js:31:10)',
      '    at Mongoose._promiseOrCallback (/app/node_modules/mongoose/lib/index.js:1181:10)',
      '    at Mongoose.connect (/app/node_modules/mongoose/lib/index.js:341:20)',
      '    at /app/lib/database/index.js:39:49',
      '    at Generator.next (<anonymous>)',
      '    at /app/lib/database/index.js:22:71 {',
      '  reason: TopologyDescription {',
      "    type: 'Unknown',",
      '    servers: Map(1) {',
      "      'mongo:27017' => ServerDescription {",
      "        _hostAddress: HostAddress { isIPv6: false, host: 'mongo', port: 27017 },",
      "        address: 'mongo:27017',",
      "        type: 'Unknown',",
      '        hosts: [],',
      '        passives: [],',
      '        arbiters: [],',
      '        tags: {},',
      '        minWireVersion: 0,'
    ),
    'MongooseServerSelectionError: getaddrinfo ENOTFOUND mongo'
  ],
  // NestJS + Mongoose under pnpm: Nest's ExceptionHandler line, then the error (ws's lines; stored copy breaks off
  // in the stack)
  [
    'https://github.com/novuhq/novu/issues/2675',
    ofService(
      'ws',
      [
        '.',
        'ws         | [Nest] 537   - 02/04/2023, 11:28:41 AM   [ExceptionHandler] connect ECONNREFUSED 127.0.0.1:27017 +30092ms',
        'ws         | MongooseServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017',
        'ws         |     at NativeConnection.Connection.openUri (/usr/src/app/node_modules/.pnpm/mongoose@6.4.6/node_modules/mongoose/lib/connection.js:819:32)',
        'ws         |     at /usr/src/app/node_modules/.pnpm/mongoose@6.4.6/node_modules/mongoose/lib/index.js:379:10',
        'ws         |     at /usr/src/app/node_modules/.pnpm/mongoose@6.4.6/node_modules/mongoose/lib/helpers/promiseOrCallback.js:32:5',
        'ws         |     at new Promise (<anonymous>)',
        'ws         |     at promiseOrCallback (/usr/src/app/node_modules/.pnpm/mongoose@6.4.6/node_modules/mongoose/lib/helpers/promiseOrCallback.js:31:10)',
        'ws         |     at Mongoose._promiseOrCallback (/usr/src/app/node_modules/.pnpm/mongoose@6.4.6/node_modules/mongoose/lib/index.js:1224:10)',
        'ws         |     at Mongoose.connect (/usr/src/app/node_modules/.pnpm/mongoose@6.4.6/node_modules/mongoose/lib/index.js:378:20)'
      ].join('\n')
    ),
    'MongooseServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017'
  ],
  // NestJS + TypeORM: the database does not exist; Nest's retry line, then pg's error (stored copy breaks off in the
  // stack)
  [
    'https://github.com/devfullcycle/imersao15/issues/19',
    log(
      '[Nest] 70  - 10/31/2023, 3:14:04 PM     LOG [NestFactory] Starting Nest application...',
      '[Nest] 70  - 10/31/2023, 3:14:05 PM     LOG [InstanceLoader] TypeOrmModule dependencies initialized +1295ms',
      '[Nest] 70  - 10/31/2023, 3:14:05 PM     LOG [InstanceLoader] AppModule dependencies initialized +0ms',
      '[Nest] 70  - 10/31/2023, 3:14:05 PM   ERROR [TypeOrmModule] Unable to connect to the database. Retrying (1)...',
      'error: database "nest" does not exist',
      '    at Parser.parseErrorMessage (/home/node/app/node_modules/pg-protocol/src/parser.ts:369:69)',
      '    at Parser.handlePacket (/home/node/app/node_modules/pg-protocol/src/parser.ts:188:21)',
      '    at Parser.parse (/home/node/app/node_modules/pg-protocol/src/parser.ts:103:30)',
      '    at Socket.<anonymous> (/home/node/app/node_modules/pg-protocol/src/index.ts:7:48)'
    ),
    'error: database "nest" does not exist'
  ],
  // Django: settings refuse to load without SECRET_KEY, then django-environ's warning (syslog driver column removed)
  [
    'https://github.com/chiefonboarding/ChiefOnboarding/issues/77',
    withoutSyslogColumn(
      [
        '2021-06-03T22:57:45+01:00 docker web[22644]: django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable',
        "2021-06-03T22:57:47+01:00 docker web[22644]: /usr/local/lib/python3.9/site-packages/environ/environ.py:637: UserWarning: Error reading back/.env - if you're not configuring your environment separately, check this."
      ].join('\n')
    ),
    'django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable'
  ]
]

/**
 * Rows with a second line as good as the first. code-corps: Mix's line says what failed, Postgrex's the same cause.
 * Chat2DB: Flyway's message continues on the next line with the failed migration. DD_Bot: the inner SocketException
 * says why the connection failed. novu: Nest's ExceptionHandler line carries the same message.
 */
const ALSO_RIGHT: Record<string, string> = {
  'https://github.com/code-corps/code-corps-api/issues/275':
    '** (Postgrex.Error) FATAL (cannot_connect_now): the database system is starting up',
  'https://github.com/OtterMind/Chat2DB/issues/1625':
    'Detected failed migration to version 2.1.2 (OPERATION).',
  'https://github.com/Assaro/DD_Bot/issues/41':
    '---> System.Net.Sockets.SocketException (99): Cannot assign requested address',
  'https://github.com/novuhq/novu/issues/2675':
    '[Nest] 537   - 02/04/2023, 11:28:41 AM   [ExceptionHandler] connect ECONNREFUSED 127.0.0.1:27017 +30092ms'
}

// Which line, not how it is shortened (crash-line.test.ts covers that): no length limit here.
const picked = (text: string): string | undefined => crashLine(text, Number.POSITIVE_INFINITY)

describe('crashLine on a second set of held-out real crash logs', () => {
  it.each(rows)('%s', (url, text, expected) => {
    expect([expected, ALSO_RIGHT[url]]).toContain(picked(text))
  })
})
