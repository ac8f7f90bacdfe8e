// The line a crashed container's log gives as its cause: each runtime's own uncaught-error output, as it prints it.

import { describe, expect, it } from '@jest/globals'

import { crashLine } from '../../../src/smoke/crash-line.js'
import { log } from './crash-logs.js'

describe('crashLine', () => {
  it.each([
    [
      'Node: a pg error with its properties, then the sign-off',
      log(
        'Server listening on 3000',
        '/app/node_modules/pg-protocol/dist/parser.js:287',
        "        const message = name === 'notice' ? new messages_1.NoticeMessage(length, messageValue) : new messages_1.DatabaseError(messageValue, length, name);",
        '                                                                                                 ^',
        '',
        'error: relation "todos" does not exist',
        '    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)',
        '    at Socket.emit (node:events:517:28) {',
        '  length: 105,',
        "  severity: 'ERROR',",
        "  code: '42P01',",
        '  detail: undefined,',
        "  routine: 'parserOpenTable'",
        '}',
        '',
        'Node.js v18.20.4'
      ),
      'error: relation "todos" does not exist'
    ],
    [
      "Node 20: AggregateError's inner errors",
      log(
        'node:internal/process/promises:289',
        '            triggerUncaughtException(err, true /* fromPromise */);',
        '            ^',
        '',
        'AggregateError [ECONNREFUSED]: ',
        '    at internalConnectMultiple (node:net:1117:18)',
        '    at afterConnectMultiple (node:net:1684:7) {',
        "  code: 'ECONNREFUSED',",
        '  [errors]: [',
        '    Error: connect ECONNREFUSED ::1:5432',
        '        at createConnectionError (node:net:1647:14)',
        '        at afterConnectMultiple (node:net:1677:16) {',
        '      errno: -111,',
        "      code: 'ECONNREFUSED',",
        "      address: '::1',",
        '      port: 5432',
        '    },',
        '    Error: connect ECONNREFUSED 127.0.0.1:5432',
        '        at createConnectionError (node:net:1647:14) {',
        '      errno: -111,',
        '      port: 5432',
        '    }',
        '  ]',
        '}',
        '',
        'Node.js v20.11.1'
      ),
      'Error: connect ECONNREFUSED 127.0.0.1:5432'
    ],
    [
      'npm start: the error above npm’s own report',
      log(
        '> app@1.0.0 start',
        '> node server.js',
        '',
        "Error: Cannot find module 'express'",
        'Require stack:',
        '- /app/server.js',
        '    at Module._resolveFilename (node:internal/modules/cjs/loader:1140:15) {',
        "  code: 'MODULE_NOT_FOUND',",
        "  requireStack: [ '/app/server.js' ]",
        '}',
        '',
        'Node.js v20.11.1',
        'npm ERR! path /app',
        'npm ERR! command failed',
        'npm ERR! command sh -c node server.js'
      ),
      "Error: Cannot find module 'express'"
    ],
    [
      'Python under gunicorn',
      log(
        '[2024-05-01 10:00:00 +0000] [1] [INFO] Starting gunicorn 22.0.0',
        '[2024-05-01 10:00:00 +0000] [8] [ERROR] Exception in worker process',
        'Traceback (most recent call last):',
        '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
        '    worker.init_process()',
        "ModuleNotFoundError: No module named 'config'",
        '[2024-05-01 10:00:00 +0000] [8] [INFO] Worker exiting (pid: 8)',
        '[2024-05-01 10:00:00 +0000] [1] [ERROR] Worker (pid:8) exited with code 3',
        '[2024-05-01 10:00:00 +0000] [1] [ERROR] Shutting down: Master',
        '[2024-05-01 10:00:00 +0000] [1] [ERROR] Reason: Worker failed to boot.'
      ),
      "ModuleNotFoundError: No module named 'config'"
    ],
    [
      'uvicorn: a failed startup',
      log(
        'INFO:     Waiting for application startup.',
        'ERROR:    Traceback (most recent call last):',
        '  File "/app/main.py", line 12, in startup',
        '    await database.connect()',
        'asyncpg.exceptions.InvalidPasswordError: password authentication failed for user "postgres"',
        '',
        'ERROR:    Application startup failed. Exiting.'
      ),
      'asyncpg.exceptions.InvalidPasswordError: password authentication failed for user "postgres"'
    ],
    [
      'Ruby: the error above its frames',
      log(
        '/usr/local/bundle/gems/pg-1.5.4/lib/pg/connection.rb:701:in `async_connect_or_reset\': connection to server at "db" (172.18.0.2), port 5432 failed: Connection refused (PG::ConnectionBad)',
        "\tfrom /usr/local/bundle/gems/pg-1.5.4/lib/pg/connection.rb:825:in `connect_to_hosts'",
        "\tfrom /app/config.ru:3:in `block in <main>'"
      ),
      '/usr/local/bundle/gems/pg-1.5.4/lib/pg/connection.rb:701:in `async_connect_or_reset\': connection to server at "db" (172.18.0.2), port 5432 failed: Connection refused (PG::ConnectionBad)'
    ],
    [
      'Java: the root cause, last of the chain',
      log(
        'Exception in thread "main" java.lang.IllegalStateException: Failed to start',
        '\tat com.example.App.main(App.java:12)',
        'Caused by: org.postgresql.util.PSQLException: Connection to localhost:5432 refused.',
        '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)',
        '\t... 12 more'
      ),
      'Caused by: org.postgresql.util.PSQLException: Connection to localhost:5432 refused.'
    ],
    [
      "Spring Boot: the failure analysis' description, not its advice",
      log(
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
        '',
        'Action:',
        '',
        'Consider the following:',
        '\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.'
      ),
      "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured."
    ],
    [
      'Go: a panic above its goroutines',
      log(
        'panic: dial tcp 127.0.0.1:6379: connect: connection refused',
        '',
        'goroutine 1 [running]:',
        'main.main()',
        '\t/app/main.go:21 +0x1d5',
        'github.com/redis/go-redis/v9.(*Client).Ping(0xc000120000)',
        '\t/go/pkg/mod/github.com/redis/go-redis/v9@v9.5.1/commands.go:10 +0x2a',
        'created by main.start in goroutine 1',
        '\t/app/main.go:30 +0x65',
        'exit status 2'
      ),
      'panic: dial tcp 127.0.0.1:6379: connect: connection refused'
    ],
    [
      'Go: log.Fatal',
      log(
        '2024/05/01 10:00:00 listening on :8080',
        '2024/05/01 10:00:01 pq: password authentication failed for user "app"'
      ),
      '2024/05/01 10:00:01 pq: password authentication failed for user "app"'
    ],
    [
      'nginx: its emerg line',
      log(
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        '2024/05/01 10:00:00 [emerg] 1#1: host not found in upstream "web:3000" in /etc/nginx/conf.d/default.conf:2',
        'nginx: [emerg] host not found in upstream "web:3000" in /etc/nginx/conf.d/default.conf:2'
      ),
      'nginx: [emerg] host not found in upstream "web:3000" in /etc/nginx/conf.d/default.conf:2'
    ],
    ['a shell', log('> nodemon index.js', 'sh: 1: nodemon: not found'), 'sh: 1: nodemon: not found'],
    [
      'an earlier handled error does not stand for the last line',
      log('Error: optional config file missing, using defaults', 'Listening on 3000', 'Killed'),
      'Killed'
    ],
    [
      'npm alone: its report is all there is',
      log('npm ERR! missing script: start'),
      'npm ERR! missing script: start'
    ]
  ])('%s', (_, text, expected) => {
    expect(crashLine(text)).toBe(expected)
  })

  it('shortens a long line and has nothing to say of an empty log', () => {
    expect(crashLine(`${'x'.repeat(300)}\n`, 10)).toBe('xxxxxxxxx…')
    expect(crashLine('x'.repeat(10), 10)).toBe('x'.repeat(10))
    expect(crashLine('\n \n')).toBeUndefined()
  })
})
