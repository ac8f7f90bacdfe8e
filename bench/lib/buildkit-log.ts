// Reading BuildKit's plain progress log (`--progress=plain`), for the time one build step took.

/**
 * Seconds BuildKit's plain log gives the step whose command contains `marker` (`#12 DONE 95.3s`); NaN when it
 * was taken from the cache or did not run. `image` keeps only that image's lines of a log that prefixes them
 * (`[web] #12 …`, the action's log, where images build at the same time and reuse step numbers).
 */
export function stepSeconds(log: string, marker: string, image?: string): number {
  const prefix = image === undefined ? undefined : `[${image}] `
  const lines = log
    .split('\n')
    .filter(line => prefix === undefined || line.startsWith(prefix))
    .map(line => (prefix === undefined ? line : line.slice(prefix.length)))
  const header = lines.findIndex(line => /^#\d+ \[/.test(line) && line.includes(marker))
  const step = lines[header]?.match(/^#(\d+) /)?.[1]
  if (step === undefined) return Number.NaN
  const end = lines
    .slice(header + 1)
    .find(line => new RegExp(`^#${step} (DONE|CACHED|ERROR|CANCELED)`).test(line))
  const done = end === undefined ? null : new RegExp(`^#${step} DONE (\\d+(?:\\.\\d+)?)s`).exec(end)
  return done ? Number(done[1]) : Number.NaN
}
