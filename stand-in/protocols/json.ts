// AWS JSON 1.1 protocol (ECR, Secrets Manager, SSM): POST / with
// `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors are
// `{"__type": code, "message"}` with an HTTP 4xx/5xx status.

export type JsonObject = Record<string, unknown>

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1'

export interface JsonService {
  /** X-Amz-Target prefix, e.g. `AmazonEC2ContainerRegistry_V20150921`. */
  targetPrefix: string
  /** Name used in the calls log and fault filters, e.g. `ecr`. */
  name: string
  handle(operation: string, input: JsonObject): Promise<JsonObject>
}

export function parseTarget(target: string): { prefix: string; operation: string } | undefined {
  const dot = target.lastIndexOf('.')
  if (dot <= 0) return undefined
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) }
}

export function jsonErrorBody(code: string, message: string): string {
  return JSON.stringify({ __type: code, message })
}

/** JSON timestamps are epoch seconds (fractional allowed), which the SDK turns back into Dates. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000
}

export function stringField(input: JsonObject, name: string): string | undefined {
  const value = input[name]
  return typeof value === 'string' ? value : undefined
}
