// Secrets a build would bake into an image: a `.env`-style file in the build
// context that the ignore files do not exclude and the Dockerfile copies
// (`COPY . .`, or by name), holding a variable whose name says secret with a
// value. Everyone who can pull the image from ECR can then read it, and it
// outlives any rotation. This is a warning, not a refusal: the names are a
// heuristic (src/core/secret-names.ts), and on CI such a file is usually
// absent (git-ignored) — when it is there, it is committed, so the value is in
// the repository already and refusing would not take it back. The warning names
// the file, the variables (never their values) and the ignore line to add.

import { readdirSync, readFileSync, type Dirent } from 'node:fs'
import path from 'node:path'

import { builderFilter, isGitName, type IgnoreFiles } from '../workspace/checkout-credentials.js'
import { imageContents, imagePathsOf, parseDockerignore } from '../../core/compose/dockerfile.js'
import { looksSecret } from '../../core/secret-names.js'

/** How many context entries the search looks at; past that, a huge context is checked only as far as it got. */
const MAX_ENTRIES = 50_000

/**
 * Files dotenv-style tools read: `.env`, `.env.production`, `prod.env`. Templates meant to be committed
 * (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) hold placeholders, not secrets.
 */
export function isEnvFileName(name: string): boolean {
  const lower = name.toLowerCase()
  if (!/^\.env(\..+)?$/.test(lower) && !/.\.env$/.test(lower)) return false
  return !/(^|\.)(example|sample|template|tmpl|dist|defaults?)(\.|$)/.test(lower)
}

/** Names of the variables a dotenv text sets to a literal value and that sound like secrets. Pure. */
export function secretVariablesOf(text: string): string[] {
  const names: string[] = []
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line)
    if (!match) continue
    const [, name = '', raw = ''] = match
    const value = raw
      .replace(/\s+#.*$/, '')
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2')
    // An empty value or a reference to another variable gives the image nothing to leak.
    if (value === '' || /^\$\{?[A-Za-z_]\w*\}?$/.test(value)) continue
    if (looksSecret(name) && !names.includes(name)) names.push(name)
  }
  return names
}

/** `.env`-style files (context-relative, `/`-separated) the builder would be sent. */
function envFilesSent(contextDir: string, ignore: IgnoreFiles): string[] {
  const { sent, walks } = builderFilter(contextDir, ignore)
  const found: string[] = []
  let budget = MAX_ENTRIES
  const walk = (relative: string): void => {
    let entries: Dirent[]
    try {
      entries = readdirSync(path.join(contextDir, relative), { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (--budget < 0) return
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory()) {
        // A package's own .env is not the app's; .git is refused elsewhere (checkout-credentials.ts).
        if (!isGitName(entry.name) && entry.name !== 'node_modules' && walks(child)) walk(child)
      } else if (entry.isFile() && isEnvFileName(entry.name) && sent(child, false)) {
        found.push(child)
      }
    }
  }
  walk('')
  return found
}

export interface ContextSecretsInput {
  contextDir: string
  ignore: IgnoreFiles
  dockerfileText: string
  target?: string
  /** Names the image in the message ("image web (services web)"). */
  imageName: string
}

/** One warning line per `.env`-style file with secret-looking values the build would copy into the image. */
export function contextSecretWarnings(input: ContextSecretsInput): string[] {
  const ignoreText = input.ignore.dockerfile ?? input.ignore.context ?? ''
  const contents = imageContents(input.dockerfileText, input.target, parseDockerignore(ignoreText))
  const ignoreFile =
    input.ignore.dockerfile !== undefined ? input.ignore.dockerfileName : input.ignore.contextName
  const warnings: string[] = []
  for (const file of envFilesSent(input.contextDir, input.ignore)) {
    const inImage = imagePathsOf(file, contents)
    if (inImage.length === 0) continue
    let text: string
    try {
      text = readFileSync(path.join(input.contextDir, file), 'utf8')
    } catch {
      continue
    }
    const secrets = secretVariablesOf(text)
    if (secrets.length === 0) continue
    warnings.push(
      `${input.imageName}: the build context holds ${file}, which sets ${secrets.join(', ')} to a value, and ` +
        `the Dockerfile copies it into the image (${inImage.join(', ')}): anyone who can pull the image from ECR ` +
        `can read it. Add the line "${file}" to ${ignoreFile}, and give the containers their secrets by ` +
        `reference (the secrets input)`
    )
  }
  return warnings
}
