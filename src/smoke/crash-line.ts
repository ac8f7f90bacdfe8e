// The one log line that says why a container stopped, for the smoke test's one-line failure.
//
// The last line is often not it: Node ends an uncaught exception with `Node.js v20.11.1` (after the `}` of the
// error's own properties), Java, Ruby and Go with stack frames, npm with its `npm ERR!` report, gunicorn with
// `Reason: Worker failed to boot.`, a process manager (honcho, foreman, forego) with its own shutdown lines, Prisma
// and RubyGems with advice, Spring Boot with its "Action:". So the log is read from its end:
// - what runtimes and process managers print after the error (frames, printed properties, sign-offs, trailers) is
//   passed over; a line in the form a runtime prints an uncaught error in is the one, even indented (the errors
//   inside Node's AggregateError);
// - the first other line is the one, unless an error form stands at most two lines above it (advice printed after
//   the error), or a trailer says the process was killed (npm's `signal SIGKILL`: out of memory), or it is an INFO
//   line and a trailer gave a reason (gunicorn's `Reason:`, npm's `code`);
// - a log of trailers only is quoted by its reason, else by its last line.
// Checked on 28 real crash logs from public issue threads (__tests__/unit/smoke/crash-line-real.test.ts). The whole
// log is printed in the job log either way; this only picks the line the failure quotes.

/** What runtimes and process managers print after the error that stopped the process. */
const AFTER_THE_ERROR: RegExp[] = [
  /^\s+at\s/, // Node and Java frames
  /^\s*from\s\S+:\d+:in\s/, // Ruby frames
  /^\s*File ".*", line \d+/, // Python frames
  /^#\d+\s/, // PHP frames
  /^\s*\.\.\. \d+ (more|common frames omitted)$/, // Java
  /^goroutine \d+ \[/, // Go: the stack of each goroutine…
  /^\s+\/\S+:\d+( \+0x[0-9a-f]+)?$/, // …its file:line frames…
  /^[^\s()]+\(.*\)$/, // …its function frames (main.main(), github.com/lib/pq.(*conn).Close(…))
  /^created by \S+/, // …and where each started
  /^\[signal /, // Go: the signal behind a panic
  /^exit status \d+$/, // `go run`
  /^Node\.js v\d+/, // Node's sign-off after an uncaught exception
  /^(Require stack:|- \/\S+)$/, // Node's list of the modules that required a missing one
  /^\s+(\[[\w\s().]+\]|[a-z_$][\w$]*|'[^']*'): /, // the properties Node prints with an error ({ code: 'ECONNREFUSED', … })
  /^npm (ERR!|error|notice|WARN|warn)(\s|$)/, // npm's report that the script it ran failed, and its notices
  /^\[[^\]]*\] \[\d+\] \[[A-Z]+\] (Shutting down|Reason: |Worker exiting|Worker \(pid:\d+\) |Handling signal)/, // gunicorn
  /^ERROR:\s+Application startup failed\. Exiting\.$/, // uvicorn
  /ERROR: (failed to post process the configuration|FPM initialization failed)$/, // php-fpm's summary of its error
  /^(exited with code \d+|started with pid \d+)$/, // a process manager's line about one process
  /^[\s{}[\]()]*$/ // the ends of printed objects and arrays
]

/** Trailers that still say something: quoted when the line above them is only an INFO line, or is all there is. */
const REASON_TRAILER = [/\[[A-Z]+\] Reason: /, /^npm (ERR!|error) (code|missing script)\b/i]

/** A process manager's word that the process was killed: nothing it printed itself can say why (out of memory). */
const KILLED = /^npm (ERR!|error) signal SIG\w+$/

/** The forms runtimes print an uncaught error in. */
const AN_ERROR: RegExp[] = [
  // `TypeError: …`, `Error: P1001: …`, `AggregateError [ECONNREFUSED]: …`, `psycopg2.OperationalError: …`,
  // `java.lang.IllegalStateException: …`
  /^([\w$]+\.)*([A-Z][\w$]*)?(Error|Exception)\b(\s\[\w+\])?:/,
  // node-postgres' `error: relation "todos" does not exist`
  /^error: /,
  // Ruby: `rubygems.rb:283:in 'find_spec_for_exe': Could not find 'bundler' (2.1.4) … (Gem::GemNotFoundException)`
  /:in [`'][^']*': .*\([A-Z][\w:]*\)$/,
  // Java's cause chain (its last is the root cause), Go's panics
  /^(Caused by: |Exception in thread |panic: |fatal error: )/,
  // the shell's word for a process killed by SIGKILL (out of memory)
  /^Killed$/
]

/**
 * A process manager's column (honcho and foreman: `13:58:01 web.1  | `, forego: `nginx.1    | `); its own lines are
 * those of `system` (honcho, foreman) and `forego`.
 */
const MANAGER_COLUMN = /^(\d\d:\d\d:\d\d\s+)?([\w.-]+)\s*\| ?/
const MANAGER_ITSELF = /^(system|forego)$/

/** Spring Boot's failure analysis ends with advice ("Action:"); the cause is above it. */
const SPRING_ADVICE = /^Action:$/

/** A line at INFO level says what went on, not why it stopped. */
const INFO_LEVEL = /\[INFO\]|\bINFO\b|level=info/

interface LogLine {
  /** The line as logged, for the message. */
  raw: string
  /** What the program wrote, without a process manager's column. */
  text: string
  /** A process manager's own line. */
  manager: boolean
}

function readLine(raw: string): LogLine {
  const column = MANAGER_COLUMN.exec(raw)
  if (!column) return { raw, text: raw, manager: false }
  return { raw, text: raw.slice(column[0].length), manager: MANAGER_ITSELF.test(column[2] ?? '') }
}

const isError = (line: LogLine): boolean => AN_ERROR.some(pattern => pattern.test(line.text.trim()))
const isAfterTheError = (line: LogLine): boolean =>
  line.manager || AFTER_THE_ERROR.some(pattern => pattern.test(line.text))

/** The line of a container's log that best says why it stopped, shortened; undefined for an empty log. */
export function crashLine(text: string, maxLength = 200): string | undefined {
  const all = text.split('\n').filter(line => line.trim() !== '')
  const advice = text.includes('APPLICATION FAILED TO START')
    ? all.findIndex(line => SPRING_ADVICE.test(line))
    : -1
  const lines = (advice > 0 ? all.slice(0, advice) : all).map(readLine)
  let reason: string | undefined
  let killed: string | undefined
  let found: string | undefined
  for (let index = lines.length - 1; index >= 0 && found === undefined; index--) {
    const line = lines[index] as LogLine
    if (isError(line)) found = line.raw
    else if (isAfterTheError(line)) {
      if (KILLED.test(line.text)) killed = line.raw
      else if (REASON_TRAILER.some(pattern => pattern.test(line.text))) reason = line.raw
    } else {
      const errorAbove = lines
        .slice(Math.max(0, index - 2), index)
        .reverse()
        .find(isError)
      found =
        errorAbove?.raw ?? killed ?? (reason !== undefined && INFO_LEVEL.test(line.text) ? reason : line.raw)
    }
  }
  const line = (found ?? killed ?? reason ?? all.at(-1))?.trim()
  if (line === undefined) return undefined
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line
}
