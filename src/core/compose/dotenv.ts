// `.env` and `env_file` syntax as compose reads it: KEY=VALUE lines, `export`
// prefixes, comments, single quotes (literal) and double quotes (escapes).

export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line)
    if (!match) continue
    const key = match[1] as string
    let value = match[2] as string
    if (value.startsWith("'") && value.lastIndexOf("'") > 0) {
      value = value.slice(1, value.lastIndexOf("'"))
    } else if (value.startsWith('"') && value.lastIndexOf('"') > 0) {
      // One pass: "C:\\new" is a backslash and "new", not a backslash and a new line.
      value = value
        .slice(1, value.lastIndexOf('"'))
        .replace(/\\([n"\\])/g, (_escape, char: string) => (char === 'n' ? '\n' : char))
    } else {
      value = value.replace(/\s+#.*$/, '').trim()
    }
    values[key] = value
  }
  return values
}
