import { ComposeError } from '../errors.js'

/**
 * Splits a command string into words the way compose does for `command:` and
 * `entrypoint:` given as strings (POSIX shell quoting, no expansion). As in
 * compose (go-shellwords), the words end at an unquoted `;`, `&`, `|`, `<` or
 * `>`: `a && b` runs `a` only; `stopped` gets what is left out. An unquoted
 * parenthesis is refused, as compose refuses it.
 */
export function shellWords(text: string, where: string, stopped?: (rest: string) => void): string[] {
  const words: string[] = []
  let current = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string
    if (quote === "'") {
      if (char === "'") quote = undefined
      else current += char
    } else if (quote === '"') {
      if (char === '"') quote = undefined
      else if (char === '\\' && /["\\$`]/.test(text[index + 1] ?? '')) current += text[++index]
      else current += char
    } else if (char === "'" || char === '"') {
      quote = char
      inWord = true
    } else if (char === '\\') {
      current += text[++index] ?? ''
      inWord = true
    } else if (/[;&|<>]/.test(char)) {
      stopped?.(text.slice(index).trim())
      break
    } else if (char === '(' || char === ')') {
      throw new ComposeError(`${where}: "${text}" is not a command line compose accepts (unquoted "${char}")`)
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current)
      current = ''
      inWord = false
    } else {
      current += char
      inWord = true
    }
  }
  if (quote) throw new ComposeError(`${where}: unterminated ${quote} quote in "${text}"`)
  if (inWord) words.push(current)
  return words
}
