// Dockerfile text read as BuildKit's Dockerfile frontend reads it, so the
// planner sees the paths Docker sees: parser directives (the escape
// character), line continuations, comments and heredoc bodies, and the
// shell-like word processing of instruction arguments (quotes, escapes,
// $VAR / ${VAR} with the :- - :+ + modifiers). The reference is BuildKit's
// frontend/dockerfile/parser and frontend/dockerfile/shell (lex.go)
// (https://docs.docker.com/reference/dockerfile/#parser-directives,
// https://docs.docker.com/reference/dockerfile/#environment-replacement);
// __tests__/integration/dockerfile-oracle.test.ts checks the cases against
// a real Docker build.

/**
 * Variables in scope for word processing. A name mapped to undefined is
 * declared but unset (`ARG NAME` without a value). A name that is absent is
 * unset in a closed scope (FROM scratch, the ARGs before the first FROM),
 * and unknown otherwise (it may come from the base image's ENV), so a word
 * needing it cannot be resolved.
 */
export interface Scope {
  values: ReadonlyMap<string, string | undefined>
  closed: boolean
}

export interface Instruction {
  keyword: string
  /** Everything after the keyword, continuations joined as BuildKit joins them. */
  rest: string
}

export interface DockerfileText {
  escape: string
  instructions: Instruction[]
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g

/** The instructions of a Dockerfile, with the escape character its directives set. */
export function readDockerfile(text: string): DockerfileText {
  const lines = text.split(/\r?\n/)
  let escape = '\\'
  let index = 0
  // Directives are only read before the first comment, blank line or instruction.
  for (; index < lines.length; index++) {
    const match = DIRECTIVE.exec(lines[index] as string)
    if (!match) break
    if ((match[1] as string).toLowerCase() === 'escape' && (match[2] === '`' || match[2] === '\\')) {
      escape = match[2]
    }
  }
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`)
  const instructions: Instruction[] = []
  let pending: string | undefined
  for (; index < lines.length; index++) {
    const raw = lines[index] as string
    const trimmed = raw.trim()
    // Comments and blank lines are skipped, also inside a continued instruction.
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const line = pending === undefined ? raw.trimStart() : raw
    if (continuation.test(line)) {
      pending = (pending ?? '') + line.replace(continuation, '')
      continue
    }
    const whole = (pending ?? '') + line
    pending = undefined
    const instruction = instructionOf(whole)
    instructions.push(instruction)
    index = skipHeredocs(instruction, lines, index)
  }
  if (pending !== undefined && pending.trim() !== '') instructions.push(instructionOf(pending))
  return { escape, instructions }
}

function instructionOf(line: string): Instruction {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(line.trim())
  return { keyword: (match?.[1] ?? '').toUpperCase(), rest: (match?.[2] ?? '').trim() }
}

/** RUN, COPY and ADD may take heredocs: their bodies are not instructions. Returns the last line they use. */
function skipHeredocs(instruction: Instruction, lines: string[], index: number): number {
  if (!['RUN', 'COPY', 'ADD'].includes(instruction.keyword)) return index
  let last = index
  for (const match of instruction.rest.matchAll(HEREDOC)) {
    const stripTabs = match[1] === '-'
    const terminator = match[3] as string
    while (++last < lines.length) {
      const body = lines[last] as string
      if ((stripTabs ? body.replace(/^\t+/, '') : body) === terminator) break
    }
  }
  return last
}

/**
 * One word processed as Docker does (BuildKit's ProcessWord): quotes removed,
 * escapes applied, variables replaced. Undefined when it needs a variable the
 * scope does not know, or a form this reader does not evaluate.
 */
export function expandWord(word: string, scope: Scope, escape: string): string | undefined {
  const lexer = new Lexer(word, scope, escape)
  try {
    return lexer.until(undefined)
  } catch (error) {
    if (error instanceof Unresolved) return undefined
    throw error
  }
}

/**
 * Blank-separated words that keep their quotes and escapes (BuildKit's
 * parseWords, used for the `KEY=value` lists of ENV, ARG and LABEL).
 */
export function quotedWords(text: string, escape: string): string[] {
  const words: string[] = []
  let word = ''
  let quote: string | undefined
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string
    if (quote === undefined && /\s/.test(char)) {
      if (word !== '') words.push(word)
      word = ''
      continue
    }
    word += char
    if (char === escape && quote !== "'" && index + 1 < text.length) word += text[++index] as string
    else if (quote === undefined && (char === '"' || char === "'")) quote = char
    else if (char === quote) quote = undefined
  }
  if (word !== '') words.push(word)
  return words
}

/** `KEY=value KEY2=value2` or the legacy `KEY value`, values not yet processed. */
export function nameValues(rest: string, escape: string): [string, string | undefined][] {
  const words = quotedWords(rest, escape)
  if (words[0] !== undefined && !words[0].includes('=')) {
    const [name] = words
    const value = rest.slice(rest.indexOf(name) + name.length).trim()
    return [[name, value === '' ? undefined : value]]
  }
  return words.map(word => {
    const equals = word.indexOf('=')
    return equals < 0 ? [word, undefined] : [word.slice(0, equals), word.slice(equals + 1)]
  })
}

class Unresolved extends Error {}

class Lexer {
  private index = 0

  constructor(
    private readonly text: string,
    private readonly scope: Scope,
    private readonly escape: string
  ) {}

  /** Reads up to the stop character (consumed) or the end. */
  until(stop: string | undefined): string {
    let result = ''
    while (this.index < this.text.length) {
      const char = this.text[this.index] as string
      if (char === stop) {
        this.index++
        return result
      }
      if (char === '$') result += this.dollar()
      else if (char === "'") result += this.singleQuoted()
      else if (char === '"') result += this.doubleQuoted()
      else {
        this.index++
        if (char === this.escape) {
          if (this.index < this.text.length) result += this.text[this.index++] as string
        } else result += char
      }
    }
    if (stop !== undefined) throw new Unresolved(`no closing ${stop}`)
    return result
  }

  private singleQuoted(): string {
    const close = this.text.indexOf("'", this.index + 1)
    if (close < 0) throw new Unresolved('no closing quote')
    const value = this.text.slice(this.index + 1, close)
    this.index = close + 1
    return value
  }

  private doubleQuoted(): string {
    this.index++
    let result = ''
    while (this.index < this.text.length) {
      const char = this.text[this.index] as string
      if (char === '"') {
        this.index++
        return result
      }
      if (char === '$') {
        result += this.dollar()
        continue
      }
      this.index++
      if (char === this.escape && this.index < this.text.length) {
        const next = this.text[this.index] as string
        // Inside double quotes the escape only escapes ", $ and itself.
        if (next === '"' || next === '$' || next === this.escape) {
          result += next
          this.index++
          continue
        }
      }
      result += char
    }
    throw new Unresolved('no closing quote')
  }

  private dollar(): string {
    this.index++
    if (this.text[this.index] !== '{') {
      const name = this.name()
      return name === '' ? '$' : this.lookup(name).value
    }
    this.index++
    const name = this.name()
    if (name === '') throw new Unresolved('bad substitution')
    const modifier = this.text[this.index++]
    if (modifier === '}') return this.lookup(name).value
    const colon = modifier === ':'
    const operator = colon ? this.text[this.index++] : modifier
    if (operator !== '-' && operator !== '+') throw new Unresolved(`modifier ${operator ?? ''} not evaluated`)
    const word = this.until('}')
    const { value, set } = this.lookup(name)
    const empty = !set || (colon && value === '')
    if (operator === '-') return empty ? word : value
    return empty ? '' : word
  }

  private name(): string {
    const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.index))
    if (!match) return ''
    this.index += match[0].length
    return match[0]
  }

  private lookup(name: string): { value: string; set: boolean } {
    if (!this.scope.closed && !this.scope.values.has(name)) throw new Unresolved(`${name} is not known`)
    const value = this.scope.values.get(name)
    return { value: value ?? '', set: value !== undefined }
  }
}
