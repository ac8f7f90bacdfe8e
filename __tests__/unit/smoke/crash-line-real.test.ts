// crashLine on real crash logs, pasted verbatim by people reporting a container that stopped (GitHub issues; each
// row names its thread). The line each row expects was picked by hand, before running crashLine, as the one a
// developer would want quoted as the cause. crash-line.test.ts holds samples written from memory; these were not.
//
// The smoke test reads `docker logs`, which prints a container's own lines only. Where a log was pasted from
// `docker compose up` or a log viewer, the helpers below remove what that tool added (its `service |` column, a
// timestamp column, its own lines); the pasted text itself is kept as it was. A process manager running inside
// the container (honcho, foreman, forego) is part of the container's log, and stays.

import { describe, expect, it } from '@jest/globals'

import { crashLine } from '../../../src/smoke/crash-line.js'
import { log, ofService, withoutDesktopTimes, withoutDokkuColumns } from './crash-logs.js'

describe('crashLine on real crash logs', () => {
  it.each<[string, string, string]>([
    // Node 18 MODULE_NOT_FOUND, copied from Docker Desktop (its timestamp column removed)
    [
      'https://github.com/docker/getting-started-app/issues/39',
      withoutDesktopTimes(
        log(
          '2024-03-27 23:54:24 node:internal/modules/cjs/loader:1143',
          '2024-03-27 23:54:24   throw err;',
          '2024-03-27 23:54:24   ^',
          '2024-03-27 23:54:24 ',
          "2024-03-27 23:54:24 Error: Cannot find module '/app/src/index.js'",
          '2024-03-27 23:54:24     at Module._resolveFilename (node:internal/modules/cjs/loader:1140:15)',
          '2024-03-27 23:54:24     at Module._load (node:internal/modules/cjs/loader:981:27)',
          '2024-03-27 23:54:24     at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:128:12)',
          '2024-03-27 23:54:24     at node:internal/main/run_main_module:28:49 {',
          "2024-03-27 23:54:24   code: 'MODULE_NOT_FOUND',",
          '2024-03-27 23:54:24   requireStack: []',
          '2024-03-27 23:54:24 }',
          '2024-03-27 23:54:24 ',
          '2024-03-27 23:54:24 Node.js v18.20.0'
        )
      ),
      "Error: Cannot find module '/app/src/index.js'"
    ],
    // Node 18 MODULE_NOT_FOUND after a restart: the previous run's sign-off is the first line
    [
      'https://github.com/marklagendijk/node-transip-dns-cli/issues/37',
      log(
        'Node.js v18.17.1',
        'node:internal/modules/cjs/loader:1080',
        '  throw err;',
        '  ^',
        '',
        "Error: Cannot find module '/home/node/app/index.js'",
        '    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)',
        '    at Module._load (node:internal/modules/cjs/loader:922:27)',
        '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:81:12)',
        '    at node:internal/main/run_main_module:23:47 {',
        "  code: 'MODULE_NOT_FOUND',",
        '  requireStack: []',
        '}'
      ),
      "Error: Cannot find module '/home/node/app/index.js'"
    ],
    // Node 12 MODULE_NOT_FOUND (no sign-off yet), from `docker-compose logs api`
    [
      'https://github.com/change-metrics/monocle/issues/249',
      ofService(
        'api_1',
        log(
          'api_1      | internal/modules/cjs/loader.js:969',
          'api_1      |   throw err;',
          'api_1      |   ^',
          "api_1      | Error: Cannot find module '/app/uwsgi'",
          'api_1      |     at Function.Module._resolveFilename (internal/modules/cjs/loader.js:966:15)',
          'api_1      |     at Function.Module._load (internal/modules/cjs/loader.js:842:27)',
          'api_1      |     at Function.executeUserEntryPoint [as runMain] (internal/modules/run_main.js:71:12)',
          'api_1      |     at internal/main/run_main_module.js:17:47 {',
          "api_1      |   code: 'MODULE_NOT_FOUND',",
          'api_1      |   requireStack: []',
          'api_1      | }'
        )
      ),
      "Error: Cannot find module '/app/uwsgi'"
    ],
    // Node 20 MODULE_NOT_FOUND, pasted with a blank line after every line
    [
      'https://github.com/Ardakilic/alerthub/issues/96',
      log(
        'node:internal/modules/cjs/loader:1228',
        '',
        '',
        '  throw err;',
        '',
        '  ^',
        '',
        "Error: Cannot find module '/app/node'",
        '',
        '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
        '',
        '    at Module._load (node:internal/modules/cjs/loader:1051:27)',
        '',
        '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)',
        '',
        '    at node:internal/main/run_main_module:28:49 {',
        '',
        "  code: 'MODULE_NOT_FOUND',",
        '',
        '  requireStack: []',
        '',
        '}',
        '',
        'Node.js v20.18.0'
      ),
      "Error: Cannot find module '/app/node'"
    ],
    // Node 20 ESM SyntaxError
    [
      'https://github.com/evolution-foundation/evolution-api/issues/628',
      log(
        '/evolution/src/main.ts:1',
        "import 'express-async-errors';",
        '^^^^',
        '',
        'SyntaxError: Cannot use import statement outside a module',
        '    at internalCompileFunction (node:internal/vm:73:18)',
        '    at wrapSafe (node:internal/modules/cjs/loader:1153:20)',
        '    at Module._compile (node:internal/modules/cjs/loader:1205:27)',
        '    at Module._extensions..js (node:internal/modules/cjs/loader:1295:10)',
        '    at Module.load (node:internal/modules/cjs/loader:1091:32)',
        '    at Module._load (node:internal/modules/cjs/loader:938:12)',
        '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:83:12)',
        '    at node:internal/main/run_main_module:23:47',
        '',
        'Node.js v20.7.0'
      ),
      'SyntaxError: Cannot use import statement outside a module'
    ],
    // Node ESM SyntaxError ending in frames (one frame's name lost its <anonymous>)
    [
      'https://github.com/cxOrz/chaoxing-signin/issues/146',
      log(
        'Nginx: http://localhost:80',
        '/app/packages/crypto-js/index.js:2',
        "import CryptoJS from 'crypto-js';",
        '^^^^^^',
        '',
        'SyntaxError: Cannot use import statement outside a module',
        '    at internalCompileFunction (node:internal/vm:73:18)',
        '    at wrapSafe (node:internal/modules/cjs/loader:1195:20)',
        '    at Module._compile (node:internal/modules/cjs/loader:1239:27)',
        '    at Module._extensions..js (node:internal/modules/cjs/loader:1329:10)',
        '    at Module.load (node:internal/modules/cjs/loader:1133:32)',
        '    at Module._load (node:internal/modules/cjs/loader:972:12)',
        '    at Module.require (node:internal/modules/cjs/loader:1157:19)',
        '    at require (node:internal/modules/helpers:119:18)',
        '    at Object. (/app/apps/server/build/functions/user.js:7:37)',
        '    at Module._compile (node:internal/modules/cjs/loader:1275:14)'
      ),
      'SyntaxError: Cannot use import statement outside a module'
    ],
    // npm start killed (SIGKILL, out of memory): npm's report is the only account of it
    [
      'https://github.com/mckaywrigley/chatbot-ui/issues/404',
      log(
        '> ai-chatbot-starter@0.1.0 start',
        '> next start',
        '',
        'ready - started server on 0.0.0.0:3000, url: http://localhost:3000',
        'npm notice ',
        'npm notice New minor version of npm available! 9.5.1 -> 9.6.3',
        'npm notice Changelog: <https://github.com/npm/cli/releases/tag/v9.6.3>',
        'npm notice Run `npm install -g npm@9.6.3` to update!',
        'npm notice ',
        'npm ERR! path /app',
        'npm ERR! command failed',
        'npm ERR! signal SIGKILL',
        'npm ERR! command sh -c next start',
        '',
        'npm ERR! A complete log of this run can be found in:',
        'npm ERR!     /root/.npm/_logs/2023-04-03T02_28_50_873Z-debug-0.log'
      ),
      'npm ERR! signal SIGKILL'
    ],
    // OOM: the shell's `Killed`, then npm's report (dokku's timestamp/app prefix removed)
    [
      'https://github.com/dokku/dokku/issues/4206',
      withoutDokkuColumns(
        log(
          '2020-11-29T18:51:04.597072018Z app[web.1]: Killed',
          '2020-11-29T18:51:04.639955235Z app[web.1]: npm ERR! code ELIFECYCLE',
          '2020-11-29T18:51:04.640776472Z app[web.1]: npm ERR! errno 137',
          '2020-11-29T18:51:04.644888684Z app[web.1]: npm ERR! myscript@0.0.1 start: `node myscript.js`',
          '2020-11-29T18:51:04.645532250Z app[web.1]: npm ERR! Exit status 137',
          '2020-11-29T18:51:04.646067366Z app[web.1]: npm ERR! ',
          '2020-11-29T18:51:04.646555856Z app[web.1]: npm ERR! Failed at the myscript@0.0.1 start script.',
          '2020-11-29T18:51:04.647017087Z app[web.1]: npm ERR! This is probably not a problem with npm. There is likely additional logging output above.',
          '2020-11-29T18:51:04.653953390Z app[web.1]: ',
          '2020-11-29T18:51:04.654668709Z app[web.1]: npm ERR! A complete log of this run can be found in:',
          '2020-11-29T18:51:04.655152104Z app[web.1]: npm ERR!     /app/.npm/_logs/2020-11-29T18_51_04_648Z-debug.log'
        )
      ),
      'Killed'
    ],
    // Prisma P1001 before the server starts, from `docker compose up` (the backend's lines only)
    [
      'https://github.com/truefoundry/cognita/issues/244',
      ofService(
        'cognita-backend',
        log(
          'cognita-backend   | Installing Prisma CLI',
          'cognita-backend   |  * Install prebuilt node (22.3.0) ..... done.',
          'cognita-backend   | Prisma schema loaded from backend/database/schema.prisma',
          'cognita-backend   | Datasource "db": PostgreSQL database "cognita-config", schema "public" at "host.docker.internal:5432"',
          'cognita-backend   | ',
          "cognita-backend   | Error: P1001: Can't reach database server at `host.docker.internal`:`5432`",
          'cognita-backend   | ',
          'cognita-backend   | Please make sure your database server is running at `host.docker.internal`:`5432`.',
          'Gracefully stopping... (press Ctrl+C again to force)',
          'dependency failed to start: container cognita-backend is unhealthy'
        )
      ),
      "Error: P1001: Can't reach database server at `host.docker.internal`:`5432`"
    ],
    // gunicorn whose worker died without a traceback, twice. Debatable: no line says why; gunicorn's own reason is the most useful
    [
      'https://github.com/loelkes/jire/issues/2',
      log(
        '[2023-11-23 14:43:45 +0000] [1] [INFO] Starting gunicorn 21.2.0',
        '[2023-11-23 14:43:45 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)',
        '[2023-11-23 14:43:45 +0000] [1] [INFO] Using worker: sync',
        '[2023-11-23 14:43:45 +0000] [7] [INFO] Booting worker with pid: 7',
        '[2023-11-23 14:43:47 +0000] [1] [ERROR] Worker (pid:7) exited with code 3',
        '[2023-11-23 14:43:47 +0000] [1] [ERROR] Shutting down: Master',
        '[2023-11-23 14:43:47 +0000] [1] [ERROR] Reason: Worker failed to boot.',
        '[2023-11-24 05:42:14 +0000] [1] [INFO] Starting gunicorn 21.2.0',
        '[2023-11-24 05:42:14 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)',
        '[2023-11-24 05:42:14 +0000] [1] [INFO] Using worker: sync',
        '[2023-11-24 05:42:14 +0000] [7] [INFO] Booting worker with pid: 7',
        '[2023-11-24 05:42:15 +0000] [1] [ERROR] Worker (pid:7) exited with code 3',
        '[2023-11-24 05:42:15 +0000] [1] [ERROR] Shutting down: Master',
        '[2023-11-24 05:42:15 +0000] [1] [ERROR] Reason: Worker failed to boot.'
      ),
      '[2023-11-24 05:42:15 +0000] [1] [ERROR] Reason: Worker failed to boot.'
    ],
    // Python: a missing environment variable
    [
      'https://github.com/navigateconsulting/virtual-assistant/issues/186',
      log(
        'Traceback (most recent call last):',
        '  File "app.py", line 8, in <module>',
        '    if os.environ["LOGGING"] == \'Yes\':',
        '  File "/usr/local/lib/python3.7/os.py", line 681, in __getitem__',
        '    raise KeyError(key) from None',
        "KeyError: 'LOGGING'"
      ),
      "KeyError: 'LOGGING'"
    ],
    // Python under honcho (a Procfile runner inside the container): every line carries its prefix, then honcho's trailer
    [
      'https://github.com/stevenleeg/geemusic/issues/187',
      log(
        '13:57:55 web.1  | started with pid 7',
        '13:58:01 web.1  | Traceback (most recent call last):',
        '13:58:01 web.1  |   File "server.py", line 1, in <module>',
        '13:58:01 web.1  |     from geemusic import app',
        '13:58:01 web.1  |   File "/geemusic/geemusic/__init__.py", line 20, in <module>',
        "13:58:01 web.1  |     if str(environ['DEBUG_MODE']) is True:",
        '13:58:01 web.1  |   File "/usr/lib/python3.6/os.py", line 669, in __getitem__',
        '13:58:01 web.1  |     raise KeyError(key) from None',
        "13:58:01 web.1  | KeyError: 'DEBUG_MODE'",
        '13:58:02 web.1  | exited with code 1',
        '13:58:02 system | sending SIGTERM to all processes'
      ),
      "13:58:01 web.1  | KeyError: 'DEBUG_MODE'"
    ],
    // uvicorn: the app module cannot be imported
    [
      'https://github.com/117503445/flow-pdf/issues/8',
      log(
        "INFO:     Will watch for changes in these directories: ['/root/app/flow_pdf']",
        'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)',
        'INFO:     Started reloader process [1] using WatchFiles',
        'ERROR:    Error loading ASGI app. Could not import module "be".'
      ),
      'ERROR:    Error loading ASGI app. Could not import module "be".'
    ],
    // Ruby: bundler missing, with RubyGems' advice between the error and its frames
    [
      'https://github.com/openstreetmap/stateofthemap-2020/issues/39',
      ofService(
        'app_1',
        log(
          'Creating stateofthemap-2020_app_1 ... done',
          'Attaching to stateofthemap-2020_app_1',
          "app_1  | /usr/local/lib/ruby/2.6.0/rubygems.rb:283:in `find_spec_for_exe': Could not find 'bundler' (2.1.4) required by your /app/Gemfile.lock. (Gem::GemNotFoundException)",
          'app_1  | To update to the latest version installed on your system, run `bundle update --bundler`.',
          'app_1  | To install the missing version, run `gem install bundler:2.1.4`',
          "app_1  | \tfrom /usr/local/lib/ruby/2.6.0/rubygems.rb:302:in `activate_bin_path'",
          "app_1  | \tfrom /usr/local/bundle/bin/bundle:23:in `<main>'",
          'stateofthemap-2020_app_1 exited with code 1'
        )
      ),
      "/usr/local/lib/ruby/2.6.0/rubygems.rb:283:in `find_spec_for_exe': Could not find 'bundler' (2.1.4) required by your /app/Gemfile.lock. (Gem::GemNotFoundException)"
    ],
    // Ruby LoadError with one frame
    [
      'https://github.com/rouanw/build-window/issues/7',
      log(
        "/usr/local/bin/bundle:22:in `load': cannot load such file -- /usr/local/lib/ruby/gems/2.1.0/gems/bundler-1.11.2/lib/gems/bundler-1.11.2/bin/bundle (LoadError)",
        "\tfrom /usr/local/bin/bundle:22:in `<main>'"
      ),
      "/usr/local/bin/bundle:22:in `load': cannot load such file -- /usr/local/lib/ruby/gems/2.1.0/gems/bundler-1.11.2/lib/gems/bundler-1.11.2/bin/bundle (LoadError)"
    ],
    // puma under foreman (prefixed lines): bundler's notice, then the error
    [
      'https://github.com/pglombardo/PasswordPusher/issues/220',
      log(
        '14:32:25 internalweb.1 | bundler: failed to load command: puma (/opt/PasswordPusher/vendor/bundle/ruby/3.0.0/bin/puma)',
        "14:32:25 internalweb.1 | /opt/PasswordPusher/vendor/bundle/ruby/3.0.0/gems/puma-5.4.0/lib/puma/dsl.rb:81:in `read': No such file or directory @ rb_sysopen - config/puma.rb (Errno::ENOENT)"
      ),
      "14:32:25 internalweb.1 | /opt/PasswordPusher/vendor/bundle/ruby/3.0.0/gems/puma-5.4.0/lib/puma/dsl.rb:81:in `read': No such file or directory @ rb_sysopen - config/puma.rb (Errno::ENOENT)"
    ],
    // .NET Core 1.x/2.x `Unhandled Exception:` with a frame
    [
      'https://github.com/aspnet/aspnet-docker/issues/263',
      log(
        'Unhandled Exception: System.NullReferenceException: Object reference not set to an instance of an object.',
        '   at AWS.Logger.Core.AWSLoggerCore.Finalize()'
      ),
      'Unhandled Exception: System.NullReferenceException: Object reference not set to an instance of an object.'
    ],
    // Java 8 running a Java 17 jar (the `docker run` command line above it left out)
    [
      'https://github.com/docker/getting-started/issues/343',
      log(
        'Error: A JNI error has occurred, please check your installation and try again',
        'Exception in thread "main" java.lang.UnsupportedClassVersionError: org/springframework/boot/loader/JarLauncher has been compiled by a more recent version of the Java Runtime (class file version 61.0), this version of the Java Runtime only recognizes class file versions up to 52.0',
        '        at java.lang.ClassLoader.defineClass1(Native Method)',
        '        at java.lang.ClassLoader.defineClass(ClassLoader.java:756)',
        '        at java.security.SecureClassLoader.defineClass(SecureClassLoader.java:142)',
        '        at java.net.URLClassLoader.defineClass(URLClassLoader.java:473)',
        '        at java.net.URLClassLoader.access$100(URLClassLoader.java:74)',
        '        at java.net.URLClassLoader$1.run(URLClassLoader.java:369)',
        '        at java.net.URLClassLoader$1.run(URLClassLoader.java:363)',
        '        at java.security.AccessController.doPrivileged(Native Method)',
        '        at java.net.URLClassLoader.findClass(URLClassLoader.java:362)',
        '        at java.lang.ClassLoader.loadClass(ClassLoader.java:418)',
        '        at sun.misc.Launcher$AppClassLoader.loadClass(Launcher.java:352)',
        '        at java.lang.ClassLoader.loadClass(ClassLoader.java:351)',
        '        at sun.launcher.LauncherHelper.checkAndLoadMain(LauncherHelper.java:601)'
      ),
      'Exception in thread "main" java.lang.UnsupportedClassVersionError: org/springframework/boot/loader/JarLauncher has been compiled by a more recent version of the Java Runtime (class file version 61.0), this version of the Java Runtime only recognizes class file versions up to 52.0'
    ],
    // Spring Boot failure analysis: port in use
    [
      'https://github.com/apache/skywalking/issues/3696',
      log(
        '***************************',
        'APPLICATION FAILED TO START',
        '***************************',
        '',
        'Description:',
        '',
        'The Tomcat connector configured to listen on port 8080 failed to start. The port may already be in use or the connector may be misconfigured.',
        '',
        'Action:',
        '',
        "Verify the connector's configuration, identify and stop any process that's listening on port 8080, or configure this application to listen on another port."
      ),
      'The Tomcat connector configured to listen on port 8080 failed to start. The port may already be in use or the connector may be misconfigured.'
    ],
    // Spring Boot failure analysis under its reporter's log line
    [
      'https://github.com/anthonyraymond/joal-desktop/issues/102',
      log(
        '[ERROR] 2023-10-26 19:57:30.940 [           main] o.s.b.d.LoggingFailureAnalysisReporter: ',
        '',
        '***************************',
        'APPLICATION FAILED TO START',
        '***************************',
        '',
        'Description:',
        '',
        'Web server failed to start. Port 5081 was already in use.',
        '',
        'Action:',
        '',
        "Identify and stop the process that's listening on port 5081 or configure this application to listen on another port."
      ),
      'Web server failed to start. Port 5081 was already in use.'
    ],
    // Go: logrus' fatal line
    [
      'https://github.com/tolyo/open-outcry/issues/9',
      log(
        'time="2023-10-29T12:38:56Z" level=fatal msg="dial tcp 172.24.0.2:5432: connect: connection refused"'
      ),
      'time="2023-10-29T12:38:56Z" level=fatal msg="dial tcp 172.24.0.2:5432: connect: connection refused"'
    ],
    // nginx: upstream host missing, from `docker-compose up` (nginx's lines only). Its two lines say the same
    [
      'https://github.com/aschmelyun/docker-compose-laravel/issues/50',
      ofService(
        'nginx',
        log(
          'php         | Interactive shell',
          'php         | ',
          'php exited with code 0',
          'nginx       | 2020/07/06 05:21:35 [emerg] 1#1: host not found in upstream "php" in /etc/nginx/conf.d/default.conf:16',
          'nginx       | nginx: [emerg] host not found in upstream "php" in /etc/nginx/conf.d/default.conf:16',
          'nginx exited with code 1'
        )
      ),
      'nginx: [emerg] host not found in upstream "php" in /etc/nginx/conf.d/default.conf:16'
    ],
    // nginx: the official image's entrypoint, then the emerg lines (pasted with a comma after each line)
    [
      'https://github.com/netbox-community/netbox-docker/issues/367',
      log(
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration,',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/,',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh,',
        '10-listen-on-ipv6-by-default.sh: Getting the checksum of /etc/nginx/conf.d/default.conf,',
        '10-listen-on-ipv6-by-default.sh: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf,',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh,',
        '/docker-entrypoint.sh: Configuration complete; ready for start up,',
        '2020/12/14 13:58:05 [emerg] 1#1: host not found in upstream "netbox" in /etc/netbox-nginx/nginx.conf:29,',
        'nginx: [emerg] host not found in upstream "netbox" in /etc/netbox-nginx/nginx.conf:29,'
      ),
      'nginx: [emerg] host not found in upstream "netbox" in /etc/netbox-nginx/nginx.conf:29,'
    ],
    // nginx under forego (a process manager inside the container): its emerg line, then forego stopping everything
    [
      'https://github.com/sar/code-container/issues/8',
      ofService(
        'code.proxy',
        log(
          'code.proxy | WARNING: /etc/nginx/dhparam/dhparam.pem was not found. A pre-generated dhparam.pem will be used for now while a new one',
          'code.proxy | is being generated in the background.  Once the new dhparam.pem is in place, nginx will be reloaded.',
          'code.proxy | forego     | starting dockergen.1 on port 5000',
          'code.proxy | forego     | starting nginx.1 on port 5100',
          'code.proxy | nginx.1    | 2021/05/23 20:07:09 [emerg] 31#31: host not found in upstream "code" in /etc/nginx/nginx.conf:20',
          'code.proxy | forego     | starting nginx.1 on port 5200',
          'code.proxy | forego     | sending SIGTERM to dockergen.1',
          'code.proxy | forego     | sending SIGTERM to nginx.1'
        )
      ),
      'nginx.1    | 2021/05/23 20:07:09 [emerg] 31#31: host not found in upstream "code" in /etc/nginx/nginx.conf:20'
    ],
    // an image built for another architecture
    [
      'https://github.com/USA-RedDragon/DMRHub/issues/147',
      log('exec /DMRHub: exec format error'),
      'exec /DMRHub: exec format error'
    ],
    // an entrypoint script with CRLF line ends (older runc's wording)
    [
      'https://github.com/alexanderfefelov/docker-1c-server/issues/7',
      log('standard_init_linux.go:211: exec user process caused "no such file or directory"'),
      'standard_init_linux.go:211: exec user process caused "no such file or directory"'
    ],
    // an entrypoint script that cannot be executed
    [
      'https://github.com/mjarosie/IdentityServerDockerHttpsDemo/issues/1',
      log('standard_init_linux.go:219: exec user process caused: permission denied'),
      'standard_init_linux.go:219: exec user process caused: permission denied'
    ],
    // php-fpm: the image's banner, then FPM's three errors. Debatable: the last says FPM failed, the first says why
    [
      'https://github.com/bitnami/bitnami-docker-php-fpm/issues/2',
      log(
        '       ___ _ _                   _',
        '      | _ |_) |_ _ _  __ _ _ __ (_)',
        "      | _ \\ |  _| ' \\/ _` | '  \\| |",
        '      |___/_|\\__|_|_|\\__,_|_|_|_|_|',
        '',
        '  *** Welcome to the phpfpm image ***',
        '  *** More information: https://github.com/bitnami/bitnami-docker-phpfpm ***',
        '  *** Issues: https://github.com/bitnami/bitnami-docker-phpfpm/issues ***',
        '',
        '  phpfpm cheatsheet:',
        '  ',
        '    VOLUMES:',
        '      /app: Default work directory for your phpfpm application',
        '      /bitnami/phpfpm/conf: Home of php-fpm.conf',
        '      /bitnami/phpfpm/logs: phpfpm logs are placed here',
        '  ',
        '    PORTS:',
        '      9000: Exposed port, please configure your app to use this port',
        '  ',
        '    COMMANDS:',
        '      print-help: This page',
        '      check-updates: Check if a new version of the phpfpm image is available',
        '',
        '  Visit https://github.com/bitnami/bitnami-docker-phpfpm for more information',
        '[18-Jun-2015 14:44:34] ERROR: failed to open error_log (/opt/bitnami/php/var/log/php-fpm.log): Permission denied (13)',
        '[18-Jun-2015 14:44:34] ERROR: failed to post process the configuration',
        '[18-Jun-2015 14:44:34] ERROR: FPM initialization failed'
      ),
      '[18-Jun-2015 14:44:34] ERROR: failed to open error_log (/opt/bitnami/php/var/log/php-fpm.log): Permission denied (13)'
    ]
  ])('%s', (_, text, expected) => {
    // Which line, not how it is shortened (crash-line.test.ts covers that): no length limit here.
    expect(crashLine(text, Number.POSITIVE_INFINITY)).toBe(expected)
  })
})
