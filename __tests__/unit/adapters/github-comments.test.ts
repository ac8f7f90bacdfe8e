import { describe, expect, test } from '@jest/globals'

import {
  ACTIONS_BOT,
  commentMarker,
  parseRepository,
  upsertComment,
  type IssueComment,
  type IssueCommentsApi
} from '../../../src/adapters/github.js'

/** Issue comments in memory, recording the calls made. */
class MemoryComments implements IssueCommentsApi {
  readonly calls: string[] = []
  private nextId = 1
  constructor(readonly comments: IssueComment[] = []) {}
  async viewer(): Promise<string> {
    this.calls.push('viewer')
    return ACTIONS_BOT
  }
  async list(issueNumber: number): Promise<IssueComment[]> {
    this.calls.push(`list ${issueNumber}`)
    return this.comments.map(comment => ({ ...comment }))
  }
  async create(issueNumber: number, body: string): Promise<IssueComment> {
    this.calls.push(`create ${issueNumber}`)
    const comment = { id: 100 + this.nextId++, body, author: ACTIONS_BOT }
    this.comments.push(comment)
    return comment
  }
  async update(commentId: number, body: string): Promise<void> {
    this.calls.push(`update ${commentId}`)
    const comment = this.comments.find(candidate => candidate.id === commentId)
    if (!comment) throw new Error(`no comment ${commentId}`)
    comment.body = body
  }
}

const marker = commentMarker('puppies')

describe('upsertComment', () => {
  test('creates the comment with the marker as its first line when none exists', async () => {
    const api = new MemoryComments([{ id: 1, body: 'LGTM' }])
    const result = await upsertComment(api, 7, marker, 'deployed')
    expect(result).toEqual({ commentId: 101, created: true })
    expect(api.comments[1]?.body).toBe(`${marker}\ndeployed`)
  })

  test('edits the existing comment in place instead of adding one', async () => {
    const api = new MemoryComments([{ id: 5, body: `${marker}\nold`, author: ACTIONS_BOT }])
    const result = await upsertComment(api, 7, marker, `${marker}\nnew`)
    expect(result).toEqual({ commentId: 5, created: false })
    expect(api.comments).toEqual([{ id: 5, body: `${marker}\nnew`, author: ACTIONS_BOT }])
    expect(api.calls).toEqual(['list 7', 'viewer', 'update 5'])
  })

  test('never edits a comment carrying the marker that someone else wrote', async () => {
    const api = new MemoryComments([
      { id: 1, body: `${marker}\n![pwned](https://evil.example/x.png)`, author: 'mallory' }
    ])
    const result = await upsertComment(api, 7, marker, 'deployed')
    expect(result).toEqual({ commentId: 101, created: true })
    expect(api.comments[0]).toEqual({
      id: 1,
      body: `${marker}\n![pwned](https://evil.example/x.png)`,
      author: 'mallory'
    })
    expect(api.calls).toEqual(['list 7', 'viewer', 'create 7'])
  })

  test('ignores a comment that only quotes the marker, and comments of another application', async () => {
    const api = new MemoryComments([
      { id: 1, body: `> ${marker}\n> why is this red?` },
      { id: 2, body: `${commentMarker('kittens')}\nkittens preview` }
    ])
    const result = await upsertComment(api, 3, marker, 'deployed')
    expect(result.created).toBe(true)
    expect(api.comments.map(comment => comment.id)).toEqual([1, 2, 101])
  })

  test('keeps the oldest of several marked comments up to date', async () => {
    const api = new MemoryComments([
      { id: 1, body: `${marker}\nfirst`, author: ACTIONS_BOT },
      { id: 2, body: `${marker}\nraced`, author: ACTIONS_BOT }
    ])
    await upsertComment(api, 3, marker, 'again')
    expect(api.comments[0]?.body).toBe(`${marker}\nagain`)
    expect(api.comments[1]?.body).toBe(`${marker}\nraced`)
  })
})

describe('parseRepository', () => {
  test.each([
    ['octo/puppies', { owner: 'octo', repo: 'puppies' }],
    ['my-org/app.rails_2', { owner: 'my-org', repo: 'app.rails_2' }],
    ['no-slash', undefined],
    ['a/b/c', undefined],
    [undefined, undefined]
  ])('%s', (fullName, expected) => {
    expect(parseRepository(fullName)).toEqual(expected)
  })
})
