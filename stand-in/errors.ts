/** An error the stand-in returns the way the real service does (code, message, HTTP status). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender'
  ) {
    super(message)
  }
}
