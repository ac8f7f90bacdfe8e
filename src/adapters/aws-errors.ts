// The one line a failed run ends with. Most errors already say what to fix;
// the SDK's credential chain does not ("Could not load credentials from any
// providers"), so that one is told in terms of the workflow.

const CREDENTIALS_HINT =
  'No AWS credentials: add aws-actions/configure-aws-credentials before this step (role-to-assume, with permissions id-token: write), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'

export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'CredentialsProviderError') return `${CREDENTIALS_HINT} (${error.message})`
  return error.message
}
