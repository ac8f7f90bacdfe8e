// `docker logs` prints a container's stdout and stderr on two streams of its own, so read apart they lose their
// order: an app's log lines, then, cut off from them, the stack trace it printed on stderr. With `--timestamps` each
// line carries the time the engine received it, in a fixed-width RFC 3339 form with nanoseconds, always UTC
// (https://docs.docker.com/reference/cli/docker/container/logs/): the two streams are merged back in that order
// and the stamps removed.

/** argv of `docker logs` for the last `lines` lines (all when undefined), stamped for mergeLogStreams. */
export const containerLogsArgs = (container: string, lines?: number): string[] => [
  'logs',
  '--timestamps',
  ...(lines !== undefined ? ['--tail', String(lines)] : []),
  container
]

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) ?/

interface StampedLine {
  stamp: string
  text: string
}

function stampedLines(output: string): StampedLine[] {
  const lines = output.split('\n')
  if (lines.at(-1) === '') lines.pop()
  // A line without a stamp (none is expected) keeps the place of the line before it.
  let previous = ''
  return lines.map(line => {
    const stamp = STAMP.exec(line)
    previous = stamp?.[1] ?? previous
    return { stamp: previous, text: stamp ? line.slice(stamp[0].length) : line }
  })
}

/**
 * One log in the order the engine received its lines, without their stamps (`keepStamps`: each line still starts
 * with its stamp and a space, for a reader that needs the time); stdout first where two tie.
 */
export function mergeLogStreams(stdout: string, stderr: string, keepStamps = false): string {
  const out = stampedLines(stdout)
  const err = stampedLines(stderr)
  const merged: string[] = []
  const show = (line: StampedLine): string => (keepStamps ? `${line.stamp} ${line.text}` : line.text)
  let [o, e] = [0, 0]
  while (o < out.length || e < err.length) {
    const next =
      e >= err.length || (o < out.length && (out[o] as StampedLine).stamp <= (err[e] as StampedLine).stamp)
    merged.push(show(next ? (out[o++] as StampedLine) : (err[e++] as StampedLine)))
  }
  return merged.length > 0 ? `${merged.join('\n')}\n` : ''
}

/** The time (ms) of a line mergeLogStreams kept its stamp on; undefined for a line without one. */
export function lineTime(line: string): number | undefined {
  const stamp = STAMP.exec(line)?.[1]
  return stamp === undefined ? undefined : Date.parse(stamp)
}
