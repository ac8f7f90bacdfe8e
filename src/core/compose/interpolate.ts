// Compose-style variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?message}, ${VAR?message}, ${VAR:+alt}, ${VAR+alt}, $VAR and $$ for a
// literal dollar, as the compose specification defines them.

import { ComposeError } from '../errors.js'

export type Variables = Record<string, string | undefined>

const PATTERN =
  /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g

export function interpolate(text: string, variables: Variables, where: string): string {
  return text.replace(
    PATTERN,
    (
      _match,
      dollar?: string,
      braced?: string,
      operator?: string,
      argument?: string,
      bare?: string,
      bad?: string
    ) => {
      if (dollar) return '$'
      if (bad !== undefined) throw new ComposeError(`${where}: invalid interpolation "$${bad}"`)
      const name = (braced ?? bare) as string
      const value = variables[name]
      const set = value !== undefined
      const nonEmpty = set && value !== ''
      const nested = (): string => interpolate(argument ?? '', variables, where)
      switch (operator) {
        case undefined:
          return value ?? ''
        case ':-':
          return nonEmpty ? (value as string) : nested()
        case '-':
          return set ? (value as string) : nested()
        case ':?':
        case '?':
          if (operator === ':?' ? nonEmpty : set) return value as string
          throw new ComposeError(
            `${where}: required variable ${name} is missing a value${argument ? `: ${argument}` : ''}`
          )
        case ':+':
          return nonEmpty ? nested() : ''
        case '+':
          return set ? nested() : ''
        default:
          throw new ComposeError(`${where}: invalid interpolation operator "${operator}"`)
      }
    }
  )
}

/** The variable a value consists of, when it is exactly one plain reference: "${X}" or "$X". */
export function soleReference(text: string): string | undefined {
  return /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(text)?.slice(1).find(Boolean)
}
