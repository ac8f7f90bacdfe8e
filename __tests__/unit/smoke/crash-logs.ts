// Real crash logs as `docker logs` prints them: the pasted text of an issue thread with what a tool added around it
// removed (a `docker compose up` column, a log viewer's timestamps). Shared by the crash-line-*.test.ts tables.

/** Lines as one log, each ended by a newline. */
export const log = (...lines: string[]): string => `${lines.join('\n')}\n`

/** What `docker logs` prints of one service in `docker compose up` output: its lines, without the `name  | ` column. */
export const ofService = (name: string, text: string): string => {
  const column = new RegExp(`^${name.replace(/\./g, '\\.')}\\s*\\|( |$)`)
  return log(
    ...text
      .split('\n')
      .filter(line => column.test(line))
      .map(line => line.replace(column, ''))
  )
}

/** Each line without what `column` matches at its start. */
const without =
  (column: RegExp) =>
  (text: string): string =>
    log(...text.split('\n').map(line => line.replace(column, '')))

/** A log copied from Docker Desktop, without the timestamp column it adds. */
export const withoutDesktopTimes = without(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d( |$)/)
/** A log shown by `docker logs --timestamps`, without the RFC 3339 column it adds. */
export const withoutDockerTimes = without(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z( |$)/)
/** A log copied from a viewer that prefixes `dd/mm/yyyy hh:mm:ss ` (Rancher, Portainer), without that column. */
export const withoutViewerTimes = without(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d( |$)/)
/** A log shown by `dokku logs`, without the timestamp and process column it adds. */
export const withoutDokkuColumns = without(/^\S+Z app\[[\w.]+\]: ?/)
/** A log copied from TrueNAS's container log view, which glues `yyyy-mm-dd hh:mm:ss.ffffff+00:00` to each line. */
export const withoutGluedTimes = without(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00:00/)
/** A log from Docker's syslog/journald driver, without the `time host tag[pid]: ` column it adds. */
export const withoutSyslogColumn = without(/^\S+ \S+ [\w.-]+\[\d+\]: /)
/** A log the reporter pasted as a Markdown quote, without the `> ` markers. */
export const unquoted = without(/^> ?/)
