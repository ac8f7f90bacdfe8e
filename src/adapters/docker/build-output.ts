// Why a build failed, from the builder's own output. BuildKit's last line is generic ("ERROR: failed to solve:
// process "/bin/sh -c bundle install" did not complete successfully: exit code: 1"); the cause is in the failing
// step's own output, which the log shows only inside the image's collapsed group. BuildKit's plain progress
// (`--progress=plain`, what a non-TTY gets) numbers each step (`#12 [build 4/7] RUN bundle install`), prefixes each
// of its output lines with that number (`#12 3.517 Could not find gem …`) and ends a failed step with
// `#12 ERROR: …`. The legacy builder prints `Step 4/7 : RUN …`, the output, then `The command … returned a
// non-zero code`.

/** The index of the last element that passes, or -1 (es2022 has no findLastIndex). */
function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index] as T)) return index
  return -1
}

/** The step that failed and its last output lines, or undefined when the output does not show one. */
export function failedStep(output: string, maxLines = 5): { step: string; tail: string[] } | undefined {
  // The legacy builder colours a step's stderr with ANSI escapes.
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/)
  const errorAt = lastIndex(lines, line => /^#\d+ ERROR: /.test(line))
  if (errorAt >= 0) {
    const failed = /^#(\d+)/.exec(lines[errorAt] as string)?.[1] as string
    const title = lines.map(line => new RegExp(`^#${failed} (\\[.+)$`).exec(line)?.[1]).find(Boolean)
    const tail = lines
      .map(line => new RegExp(`^#${failed} \\d+\\.\\d+ (.*)$`).exec(line)?.[1])
      .filter((line): line is string => line !== undefined && line.trim() !== '')
      .slice(-maxLines)
    return { step: title ?? `step #${failed}`, tail }
  }
  const legacyEnd = lastIndex(lines, line => /^The command .* returned a non-zero code/.test(line))
  if (legacyEnd >= 0) {
    const start = lastIndex(lines.slice(0, legacyEnd), line => /^Step \d+\/\d+ : /.test(line))
    if (start < 0) return undefined
    const tail = lines
      .slice(start + 1, legacyEnd)
      .filter(line => line.trim() !== '' && !/^( ---> |Removing intermediate container )/.test(line))
      .slice(-maxLines)
    return { step: (lines[start] as string).replace(/^Step \d+\/\d+ : /, ''), tail }
  }
  return undefined
}

/** The builder's error line, followed by the failing step and its last lines when the output shows them. */
export function buildFailure(errorLine: string, output: string): string {
  const step = failedStep(output)
  if (!step || step.tail.length === 0) return errorLine
  const title = step.step.length > 80 ? `${step.step.slice(0, 79)}…` : step.step
  return `${errorLine} — ${title}: ${step.tail.map(line => line.trim()).join(' | ')}`
}

/**
 * The reference BuildKit's image exporter has just unpacked into the daemon's image store, when `line` says so
 * and names one of `references`: `#12 unpacking to <ref> 0.0s done` (buildx's docker driver on a containerd
 * image store prints it after `naming to <ref> done` and before `pushing layers`). From then on the daemon runs
 * the image, while the same build still pushes it and exports the cache.
 */
export function unpackedReference(line: string, references: readonly string[]): string | undefined {
  const reference = /^#\d+ unpacking to (\S+) (?:\d+(?:\.\d+)?s )?done$/.exec(line.trim())?.[1]
  return reference !== undefined && references.includes(reference) ? reference : undefined
}
