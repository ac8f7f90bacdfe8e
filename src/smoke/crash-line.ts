// The one log line that says why a container stopped, for the smoke test's one-line failure.
//
// The last line is often not it: runtimes, package managers and process managers print their own lines after the
// error (stack frames, the error's printed properties, `Node.js v20.11.1`, npm's and yarn's reports, rake's `(See full
// trace …)`, gunicorn's and supervisord's shutdown, s6's `stopping the container`), and some print advice after it
// (Prisma, RubyGems, Spring Boot's "Action:"). A table of every runtime's trailers does not generalise: the first
// version of this file knew 28 real logs and got 10 of 26 unseen ones right. So each line of the log's end is scored
// by what any runtime's cause has and its trailers lack: the form of an uncaught error, and words that say what went
// wrong; a line that only reports a failure (`Command failed with exit code 1`, `exited with code 3`), names a code
// without its message, or is at INFO or WARN level scores less; frames and printed properties are never the cause. The best
// line wins, the later of equals (Java's root cause is the last `Caused by:`). Checked on real crash logs from public
// issue threads, each set gathered by someone who had not seen the rule (__tests__/unit/smoke/crash-line-*.test.ts):
// the scored rule got 23 of the first held-out set's 26, then 27 of a second, fresh set's 29 (the two misses, a
// .NET frame a viewer had unindented and a Python warning printed after the crash, are now read). The whole log is
// printed in the job log either way; this only picks the line the failure quotes.

/** Lines that are never the cause: frames, printed properties, the ends of printed objects. */
const NEVER: RegExp[] = [
  /^\s+at\s/, // Node and Java frames
  /^at [\w$.<>`[\]]+\.[\w$<>`[\]]+\(/, // Java and .NET frames a log viewer printed without their indent
  /^\s*from\s\S+:\d+:in\s/, // Ruby frames
  /^\s*\S+\.(rb|py|js|mjs|cjs|ts|go|java|kt|php|ex|exs|erl|cs|rs):\d+(:\d+)?(:in [`'].*'|\s\+0x[0-9a-f]+)?$/, // file:line frames
  /^\s*File ".*", line \d+/, // Python frames
  /^#\d+\s/, // PHP and native frames
  /^\s*\.\.\. \d+ (more|common frames omitted)$/, // Java
  /^goroutine \d+ \[/, // Go
  /^[^\s()]+\(.*\)$/, // Go function frames: main.main(), github.com/lib/pq.(*conn).Close(…)
  /^created by \S+/, // Go
  /\(\+0x[0-9a-f]+\)|\[0x[0-9a-f]{6,}\]/, // native backtraces
  /^\s*\([\w.]+ [\w.-]+\) \S+:\d+: /, // Elixir frames: (stdlib 5.2) erl_eval.erl:136: …
  /^\s+(\[[\w\s().]+\]|[a-z_$][\w$]*|'[^']*'): /, // properties Node prints with an error ({ code: 'ECONNREFUSED', … })
  /^(Require stack:|- \/\S+)$/, // Node's list of the modules that required a missing one
  /^[\s{}[\]()|*=#^~-]*$/ // the ends of printed objects and arrays, rules and carets
]

/** The forms runtimes print an uncaught error in. */
const ERROR_FORMS: RegExp[] = [
  /^([\w$]+(\.|::))*([A-Z][\w$]*)?(Error|Exception)\b(\s\[\w+\])?:/, // TypeError: …, psycopg2.OperationalError: …
  /^([A-Z]\w*::)+[A-Z]\w*: /, // Ruby: ActiveRecord::ConnectionNotEstablished: …
  /^([a-z_]\w*\.)+[A-Z]\w*: /, // Python: django.core.exceptions.ImproperlyConfigured: …
  /:in [`'][^']*': .*\([A-Z][\w:]*\)$/, // Ruby: file:line:in 'method': message (Class)
  /^\*\* \([\w.]+\)/, // Elixir: ** (RuntimeError) …
  /^(Caused by: |Exception in thread |panic(\([^)]*\))?: |fatal error: |Fatal error: |PHP (Fatal|Parse) error: )/,
  /^error: /, // node-postgres
  /^# (Fatal error|Check failed)/, // V8
  /^Killed$|Segmentation fault|SQLSTATE\[/
]

/** Words that say what went wrong. */
const WRONG =
  /\b(error|errors|exception|fatal|panic|fail(ed|ure|s)?|refused|denied|cannot|can't|couldn't|could not|unable|not found|no such|missing|invalid|undefined|unknown|not set|required|timed out|timeout|abort(ed)?|crash(ed)?|unexpected|no route|unreachable|forbidden|unauthori[sz]ed|not allowed|does not exist|doesn't exist|not generated|ECONN\w+|ENOTFOUND|EACCES|ENOENT|OOM|out of memory)\b/gi

/** Names of error classes inside a line: java.lang.UnsupportedClassVersionError, PG::ConnectionBad is not one. */
const ERROR_CLASS = /\b[A-Z]\w*(Error|Exception)\b/g

/** Lines that only report that something failed, or sign off: what wraps the cause, never the cause. */
const REPORT =
  /(Command failed with exit code|exited with code|exit(ed)? status|ELIFECYCLE|See full trace|Visit https?:|A complete log of this run|^Tasks: TOP|^Node\.js v\d|^npm (ERR!|error) (path|command|A complete log|\s*$)|stopping the container|sending SIG\w+|Shutting down|Worker exiting|entered FATAL state|^Error executing command|bun has crashed|Reason: Worker failed to boot|FPM initialization failed|failed to post process the configuration|Application startup failed|s6-rc failed|unable to start service)/i

/** A process killed by a signal: whatever it printed before cannot say why (out of memory, a segfault). */
const SIGNAL = /\b(SIGKILL|SIGSEGV|SIGABRT|SIGBUS|terminated by SIG\w+|signal SIG\w+|OOMKilled)\b|^Killed$/

/** An error line that names only a code; its message is elsewhere (`Error: P3009`, `Error: ERR_PNPM_…`). */
const CODE_ONLY = /^\w*Error:\s*[A-Z][A-Z0-9_]+\s*$/
const INFO_LEVEL = /\[INFO\]|\bINFO\b|level=info|^info /
/** A warning lets the process go on: it is not why it stopped. */
const WARNING = /\b\w*Warning:|\[WARN(ING)?\]|\bWARN(ING)?\b|level=warn/

/** A process manager's column: honcho and foreman (`13:58:01 web.1  | `), forego (`nginx.1    | `), Bun (`| `). */
const MANAGER_COLUMN = /^(\d\d:\d\d:\d\d\s+)?([\w.-]+\s*)?\| ?/

/** Lines read from the end: the cause is near it, and an early handled error must not stand for it. */
const WINDOW = 40

function score(text: string): number {
  const line = text.trim()
  let points = (line.match(WRONG) ?? []).length + (line.match(ERROR_CLASS) ?? []).length
  if (ERROR_FORMS.some(form => form.test(line))) points += 3
  if (SIGNAL.test(line)) points += 3
  // Java's cause chain: a cause is more than the exception that wraps it.
  if (line.startsWith('Caused by: ')) points += 2
  if (REPORT.test(line)) points -= 4
  if (CODE_ONLY.test(line)) points -= 4
  if (INFO_LEVEL.test(line)) points -= 2
  if (WARNING.test(line)) points -= 2
  return points
}

/** The line of a container's log that best says why it stopped, shortened; undefined for an empty log. */
export function crashLine(text: string, maxLength = 200): string | undefined {
  const all = text.split('\n').filter(line => line.trim() !== '')
  // Spring Boot's failure analysis: the first line of its Description says what failed.
  const analysis = text.includes('APPLICATION FAILED TO START')
    ? all.findIndex(line => /^Description:$/.test(line.trim()))
    : -1
  const described = analysis >= 0 ? all[analysis + 1] : undefined
  let best: { line: string; points: number } | undefined
  let afterCode = false
  for (const raw of all.slice(-WINDOW)) {
    const written = raw.replace(MANAGER_COLUMN, '')
    if (NEVER.some(pattern => pattern.test(written))) continue
    // The line after an error that names only its code carries that error's message.
    const points = score(written) + (afterCode ? 3 : 0)
    afterCode = CODE_ONLY.test(written.trim())
    if (best === undefined || points >= best.points) best = { line: raw, points }
  }
  // The best line, even a poor one: a wrapper's `error Command failed` says more than its `info Visit …`.
  const chosen = described ?? best?.line ?? all.at(-1)
  if (chosen === undefined) return undefined
  const line = chosen.trim()
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line
}
