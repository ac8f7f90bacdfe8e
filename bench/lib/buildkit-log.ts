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
 * where a build's time went (cache import, the steps that ran, the export and the push). A step BuildKit took
 * from a registry cache but had to download and unpack (a later step needs its files) says so; such a step
 * prints DONE several times, each with its time so far: the last counts. A log of several builds (step numbers
 * start again at `#1 [internal] load build definition`) gives each build's steps in turn.
 */
export function slowSteps(log: string, image?: string, minSeconds = 1): { step: string; seconds: number }[] {
  const prefix = image === undefined ? undefined : `[${image}] `
  interface Step {
    step: string
    seconds: number
    pulled: boolean
  }
  const steps: Step[] = []
  let current = new Map<string, Step>()
  for (const raw of log.split('\n')) {
    if (prefix !== undefined && !raw.startsWith(prefix)) continue
    const line = prefix === undefined ? raw : raw.slice(prefix.length)
    const match = /^#(\d+) (.*)$/.exec(line)
    if (!match) continue
    const [, id, rest] = match as unknown as [string, string, string]
    if (id === '1' && rest.startsWith('[internal] load build definition')) current = new Map()
    let step = current.get(id)
    if (!step) {
      step = { step: rest.slice(0, 90), seconds: 0, pulled: false }
      current.set(id, step)
      steps.push(step)
    }
    const done = /^DONE (\d+(?:\.\d+)?)s/.exec(rest)
    if (done) step.seconds = Math.max(step.seconds, Number(done[1]))
    else if (/^(extracting )?sha256:[0-9a-f]+ /.test(rest)) step.pulled = true
  }
  return steps
    .filter(step => step.seconds >= minSeconds)
    .map(step => ({
      step: step.pulled ? `${step.step} (cached: its layers downloaded and unpacked)` : step.step,
      seconds: step.seconds
    }))
}
