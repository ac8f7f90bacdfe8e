// What the main step leaves for the post step (GITHUB_STATE), typed: one
// entry per value, with the key in one place.

import * as core from '@actions/core'

interface StateEntry {
  /** The value the main step saved; empty when it saved none. */
  read(): string
  save(value: string): void
}

function stateEntry(key: string): StateEntry {
  return {
    read: () => core.getState(key),
    save: value => core.saveState(key, value)
  }
}

/** The registry host `docker login` was run for: the post step logs out of it. */
export const registryLogin = stateEntry('registry-host')

/** The docker-container builder the main step created for the run (src/build/strategy.ts): the post step removes it. */
export const runBuilder = stateEntry('run-builder')

/** JSON array of the references the main step tagged in the local daemon (src/build/build-and-push.ts): the post step removes them. */
export const localTags = stateEntry('local-tags')

/** Set by the main step: the runner's second call of dist/index.js is the post step. */
export const postStep = stateEntry('isPost')
