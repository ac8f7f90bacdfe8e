// Small statistics and formatting helpers for the benchmark report.

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

export const median = (values: number[]): number => percentile(values, 50)
export const max = (values: number[]): number => Math.max(...values)
export const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0)

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a'
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

export function bytesText(bytes: number): string {
  if (bytes < 10 * 1024) return `${bytes} B`
  if (bytes < 10 * 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return mib(bytes)
}

export const verdict = (met: boolean): string => (met ? '**met**' : '**not met**')

export async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await body()
  return { value, ms: performance.now() - start }
}

/** A Markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.join(' | ')} |`)
  ].join('\n')
}
