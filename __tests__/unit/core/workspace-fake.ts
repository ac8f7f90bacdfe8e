// A compose file in an in-memory workspace: files by path, folders implied
// by them, loaded as the action loads a checkout.

import { loadCompose } from '../../../src/core/compose/load.js'
import type { ComposeProject } from '../../../src/core/compose/model.js'

export interface FakeWorkspace {
  /** Workspace-relative path → content; folders exist when a file lies in them. */
  files?: Record<string, string>
  env?: Record<string, string>
  path?: string
}

export function composeIn(text: string, workspace: FakeWorkspace = {}): ComposeProject {
  const files = workspace.files ?? {}
  return loadCompose({
    path: workspace.path ?? 'docker-compose.yml',
    text,
    env: workspace.env ?? {},
    readFile: path => files[path],
    listFolder: (folder, limit) => {
      const prefix = folder === '.' ? '' : `${folder}/`
      const inside = Object.keys(files).filter(file => file.startsWith(prefix))
      return inside.length === 0 ? undefined : inside.slice(0, limit)
    }
  })
}
