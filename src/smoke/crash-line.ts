// The one log line that says why a container stopped, for the smoke test's one-line failure.
//
// The last line is often not it: Node ends an uncaught exception with `Node.js v20.11.1` (after the `}` of the
// error's own properties), Java, Ruby and Go with stack frames, npm with its `npm ERR!` report, gunicorn with
// `Reason: Worker failed to boot.`, Spring Boot with advice. So the log is read from its end, passing over what a
// runtime prints after the error (frames, printed properties, sign-offs, a process manager's trailer), and the first
// line that is anything else is the one. A line in the form a runtime prints an uncaught error in stops the walk even
// when indented (the errors inside Node's AggregateError). The whole log is printed in the job log either way; this
// only picks the line the failure quotes.

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
  /^npm (ERR!|error) /, // npm's report that the script it ran failed
  /^\[[^\]]*\] \[\d+\] \[[A-Z]+\] (Shutting down|Reason: |Worker exiting|Worker \(pid:\d+\) |Handling signal)/, // gunicorn
  /^ERROR:\s+Application startup failed\. Exiting\.$/, // uvicorn
  /^[\s{}[\]()]*$/ // the ends of printed objects and arrays
]

/** The forms runtimes print an uncaught error in. */
const AN_ERROR: RegExp[] = [
  // `TypeError: …`, `AggregateError [ECONNREFUSED]: …`, `psycopg2.OperationalError: …`, `java.lang.IllegalStateException: …`
  /^([\w$]+\.)*[A-Z][\w$]*(Error|Exception)\b(\s\[\w+\])?:/,
  // node-postgres' `error: relation "todos" does not exist`
  /^error: /
]

/** Spring Boot's failure analysis ends with advice ("Action:"); the cause is above it. */
const SPRING_ADVICE = /^Action:$/

/** The line of a container's log that best says why it stopped, shortened; undefined for an empty log. */
export function crashLine(text: string, maxLength = 200): string | undefined {
  const lines = text.split('\n').filter(line => line.trim() !== '')
  const advice = text.includes('APPLICATION FAILED TO START')
    ? lines.findIndex(line => SPRING_ADVICE.test(line))
    : -1
  const read = (advice > 0 ? lines.slice(0, advice) : lines).reverse()
  const line =
    read.find(
      line =>
        AN_ERROR.some(pattern => pattern.test(line.trim())) ||
        !AFTER_THE_ERROR.some(pattern => pattern.test(line))
    ) ?? lines.at(-1)
  if (line === undefined) return undefined
  const trimmed = line.trim()
  return trimmed.length > maxLength ? `${trimmed.slice(0, maxLength - 1)}…` : trimmed
}
