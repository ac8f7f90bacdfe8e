// A local fake of the GitHub REST endpoints the action's pull-request comment
// uses — list (paginated, with a Link header), create and update issue
// comments — served over HTTP on loopback. The action reaches it through
// GITHUB_API_URL, as it reaches GitHub Enterprise Server. Test tooling, not in
// dist/.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
  created_at: string
  updated_at: string
}

export interface FakeRequest {
  method: string
  path: string
}

export interface GitHubFake {
  /** http://127.0.0.1:PORT — the GITHUB_API_URL to give the action. */
  url: string
  /** The one token the fake accepts (Authorization: token … or Bearer …). */
  token: string
  /** Comments of an issue or pull request, oldest first. */
  comments(repository: string, issueNumber: number): FakeComment[]
  /** Seeds a comment as if someone else had written it. */
  addComment(repository: string, issueNumber: number, body: string, login?: string): FakeComment
  requests: FakeRequest[]
  stop(): Promise<void>
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' }

/** What the fork guard asks (src/adapters/github.ts octokitCodeOrigin): pull requests and commit provenance. */
export interface FakeCodeOrigin {
  /** Pull request number → its head repository (owner/name) and head commit. */
  pulls?: Record<number, { headRepository: string; headSha: string }>
  /** Commits in the history of every commit the action compares against (the default branch's). */
  history?: string[]
  /** Branch name → head commit, for GET …/commits/{sha}/branches-where-head. */
  branches?: Record<string, string>
}

export async function startGitHubFake(
  options: { token?: string; pageSize?: number; origin?: FakeCodeOrigin } = {}
): Promise<GitHubFake> {
  const token = options.token ?? 'ghs_fake_token_for_tests'
  const maxPageSize = options.pageSize ?? 100
  const issues = new Map<string, FakeComment[]>()
  const requests: FakeRequest[] = []
  let nextId = 1000

  const commentsOf = (repository: string, issueNumber: number): FakeComment[] => {
    const key = `${repository}#${issueNumber}`
    let list = issues.get(key)
    if (!list) issues.set(key, (list = []))
    return list
  }
  const newComment = (body: string, user = BOT): FakeComment => {
    const now = new Date().toISOString()
    return { id: nextId++, body, user, created_at: now, updated_at: now }
  }

  const server = createServer((request, response) => {
    // Not awaited: an http handler returns void; a failure becomes this request's 500.
    void handle(request, response).catch(error => send(response, 500, { message: String(error) }))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    requests.push({ method: request.method ?? 'GET', path: url.pathname })
    const authorization = request.headers.authorization ?? ''
    if (authorization !== `token ${token}` && authorization !== `Bearer ${token}`) {
      return send(response, 401, { message: 'Bad credentials' })
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const single = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
    const pull = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname)
    const compare = /^\/repos\/[^/]+\/[^/]+\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(url.pathname)
    const branchesWhereHead = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/branches-where-head$/.exec(
      url.pathname
    )
    const origin = options.origin ?? {}

    if (pull && request.method === 'GET') {
      const found = origin.pulls?.[Number(pull[1])]
      if (!found) return send(response, 404, { message: 'Not Found' })
      const [owner] = found.headRepository.split('/')
      return send(response, 200, {
        number: Number(pull[1]),
        head: { sha: found.headSha, repo: { full_name: found.headRepository, owner: { login: owner } } }
      })
    }
    if (compare && request.method === 'GET') {
      // base...head: "ahead" when base is in the history of head (the only answer the fake knows how to give).
      const [, base] = compare
      if (!origin.history?.includes(base as string))
        return send(response, 404, { message: 'No common ancestor' })
      return send(response, 200, { status: 'ahead', ahead_by: 1, behind_by: 0 })
    }
    if (branchesWhereHead && request.method === 'GET') {
      const sha = branchesWhereHead[1]
      const names = Object.entries(origin.branches ?? {}).filter(([, head]) => head === sha)
      return send(
        response,
        200,
        names.map(([name]) => ({ name, commit: { sha } }))
      )
    }

    if (list && request.method === 'GET') {
      const all = commentsOf(`${list[1]}/${list[2]}`, Number(list[3]))
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, maxPageSize)
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
      const headers: Record<string, string> = {}
      if (page * perPage < all.length) {
        const next = new URL(url)
        next.searchParams.set('page', String(page + 1))
        headers.link = `<http://${request.headers.host}${next.pathname}${next.search}>; rel="next"`
      }
      return send(response, 200, all.slice((page - 1) * perPage, page * perPage), headers)
    }
    if (list && request.method === 'POST') {
      const body = await readBody(request)
      if (typeof body.body !== 'string' || body.body === '')
        return send(response, 422, { message: 'body is missing' })
      const comment = newComment(body.body)
      commentsOf(`${list[1]}/${list[2]}`, Number(list[3])).push(comment)
      return send(response, 201, comment)
    }
    if (single && request.method === 'PATCH') {
      const body = await readBody(request)
      const comment = [...issues.entries()]
        .filter(([key]) => key.startsWith(`${single[1]}/${single[2]}#`))
        .flatMap(([, comments]) => comments)
        .find(candidate => candidate.id === Number(single[3]))
      if (!comment) return send(response, 404, { message: 'Not Found' })
      if (comment.user.login !== BOT.login)
        return send(response, 403, { message: 'Resource not accessible by integration' })
      if (typeof body.body !== 'string') return send(response, 422, { message: 'body is missing' })
      comment.body = body.body
      comment.updated_at = new Date().toISOString()
      return send(response, 200, comment)
    }
    send(response, 404, { message: 'Not Found' })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    comments: (repository, issueNumber) => [...commentsOf(repository, issueNumber)],
    addComment: (repository, issueNumber, body, login = 'someone') => {
      const comment = newComment(body, { login, type: 'User' })
      commentsOf(repository, issueNumber).push(comment)
      return comment
    },
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  response.end(JSON.stringify(body))
}
