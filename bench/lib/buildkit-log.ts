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

/**
 * Every step of a plain log that took at least `minSeconds` (`#12 DONE 95.3s`), with the step's first line
 * (`[build 4/8] RUN …`, `exporting cache to registry`, `importing cache manifest from …`), in log order:
 * where a build's time went (cache import, the steps that ran, the export and the push).
 */
export function slowSteps(log: string, image?: string, minSeconds = 1): { step: string; seconds: number }[] {
  const prefix = image === undefined ? undefined : `[${image}] `
  const names = new Map<string, string>()
  const steps: { step: string; seconds: number }[] = []
  for (const raw of log.split('\n')) {
    if (prefix !== undefined && !raw.startsWith(prefix)) continue
    const line = prefix === undefined ? raw : raw.slice(prefix.length)
    const match = /^#(\d+) (.*)$/.exec(line)
    if (!match) continue
    const [, id, rest] = match as unknown as [string, string, string]
    const done = /^DONE (\d+(?:\.\d+)?)s/.exec(rest)
    if (done) {
      const seconds = Number(done[1])
      if (seconds >= minSeconds) steps.push({ step: (names.get(id) ?? `#${id}`).slice(0, 90), seconds })
      // Step numbers start again in the next build of a log that holds several.
      names.delete(id)
    } else if (
      !names.has(id) &&
      !/^\d+(\.\d+)? /.test(rest) &&
      !/^(CACHED|ERROR|CANCELED|sha256:)/.test(rest)
    )
      names.set(id, rest)
  }
  return steps
}
