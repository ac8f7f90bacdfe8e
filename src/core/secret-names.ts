// Which variable names hold secrets. One rule for the whole action: what the
// plan diff hides, what is never interpolated from the runner, which build
// args get a warning.

/** A name that says secret, key, token, password or credentials (SECRET_KEY_BASE, DB_PASS, POSTGRES_PW, API_KEY, REDIS_AUTH…). */
const SECRET_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|PRIVATE|CREDENTIAL|(^|_)(KEY|PASS|PWD|PW)($|_)|API_?KEY|ACCESS_?KEY|_AUTH$/i

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name)
}

/**
 * Variables of the runner that are credentials: the AWS keys the action
 * deploys with, the GitHub and Actions runtime tokens, the action's own inputs,
 * and — since the runner's list of masked values is not visible to the action
 * — every variable whose name looks secret. Their values never leave the
 * runner: not in the bundle, not in an image, not in the log.
 */
export function isRunnerCredential(name: string): boolean {
  return (
    // Names the deploy credentials for the reader: all it matches also looks secret (KEY, SECRET, TOKEN).
    // Stryker disable next-line Regex: equivalent, looksSecret below gives the same answer for all it matches
    /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|CONTAINER_AUTHORIZATION_TOKEN\w*)$/.test(
      name
    ) ||
    /^(GITHUB_TOKEN|GH_TOKEN|ACTIONS_\w+|INPUT_.+)$/.test(name) ||
    looksSecret(name)
  )
}
