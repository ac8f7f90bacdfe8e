import { ComposeError } from '../errors.js'

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

/** Compose byte values: 536870912, "512m", "512mb", "1.5g", "1GB", "512M". Returns bytes. */
export function parseByteValue(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([bkmgt])?b?\s*$/i.exec(value) : null
  if (!match) {
    throw new ComposeError(
      `${where}: "${String(value)}" is not a memory size (use a number of bytes or e.g. 512m, 1g)`
    )
  }
  // Whole bytes, the fraction cut off as compose does ("1.5" is 1 byte, "0.5k" 512).
  return Math.trunc(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1))
}

export const MIB = 1024 * 1024

/** Bytes → whole MiB, rounding up so a limit is never tightened. */
export function toMiB(bytes: number): number {
  return Math.ceil(bytes / MIB)
}
