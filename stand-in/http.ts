// The stand-in's transport-neutral request/response shapes, so protocol and
// service modules never touch node:http directly.

import type { IncomingHttpHeaders } from 'node:http'

export interface StandInRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface StandInResponse {
  status: number
  headers?: Record<string, string>
  body?: Buffer | string | undefined
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
