// XML responses for the Query protocol services, shaped as the AWS SDK v3
// deserialisers expect: `<XResponse xmlns=…><XResult>…</XResult>
// <ResponseMetadata><RequestId>…` with lists as `<member>` elements.

export type XmlValue =
  string | number | boolean | Date | undefined | null | NamedList | XmlValue[] | { [key: string]: XmlValue }

/** A list serialised with another element name than `member` (e.g. RDS `<DBInstance>`). */
export class NamedList {
  constructor(
    readonly memberName: string,
    readonly items: XmlValue[]
  ) {}
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function toXml(value: XmlValue): string {
  if (value === undefined || value === null) return ''
  if (value instanceof NamedList) {
    return value.items.map(item => `<${value.memberName}>${toXml(item)}</${value.memberName}>`).join('')
  }
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(item => `<member>${toXml(item)}</member>`).join('')
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined && child !== null)
      .map(([key, child]) => `<${key}>${toXml(child)}</${key}>`)
      .join('')
  }
  return escapeXml(String(value))
}

export function queryResponse(action: string, xmlns: string, result: XmlValue, requestId: string): string {
  const body = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${xmlns}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  )
}

export function queryErrorResponse(
  code: string,
  message: string,
  requestId: string,
  type = 'Sender'
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  )
}
