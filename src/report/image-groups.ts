// Each image's build and push output in a group of its own, with one line
// outside it, as docker/build-push-action gives one step per image. Images
// build concurrently and GitHub groups cannot interleave, so with several
// images each one's lines are kept until its build ends and printed then as
// one group; a single image streams live inside its group. Pushes (after the
// smoke test) are collected the same way and printed as each ends.

import * as core from '@actions/core'

import { formatBytes } from '../core/bytes.js'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'

/** What an image's push reported: enough for the line outside its group. */
export interface PushedImageFacts {
  id: string
  layersPushed: number
  bytesPushed: number
  pushSeconds: number
}

type Step = 'build' | 'push'

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export class ImageGroups {
  private readonly buffers = new Map<string, string[]>()
  private readonly started = new Map<string, number>()
  private readonly steps = new Map<string, Step>()
  /** The image streaming live in an open group (one image only). */
  private live: string | undefined

  /**
   * `images`: id → the services it serves (for group titles). One image
   * streams live; several are collected per image.
   */
  constructor(
    private readonly images: ReadonlyMap<string, string[]>,
    private readonly log: Logger = actionsLogger
  ) {}

  private title(id: string, what: string): string {
    const services = this.images.get(id) ?? []
    const served = services.length > 1 || services[0] !== id ? ` (${services.join(', ')})` : ''
    return `${what} ${id}${served}`
  }

  /** Where the image's lines go while it builds or pushes; each keeps its `[id]` prefix (found by searches). */
  lines(id: string): (line: string) => void {
    return text => {
      const line = `[${id}] ${text}`
      if (!this.started.has(id)) this.started.set(id, Date.now())
      const step = this.steps.get(id) ?? 'build'
      if (this.images.size === 1 && step === 'build') {
        if (this.live === undefined) {
          this.live = id
          core.startGroup(this.title(id, 'Build'))
        }
        this.log.info(line)
        return
      }
      const buffer = this.buffers.get(id) ?? []
      buffer.push(line)
      this.buffers.set(id, buffer)
    }
  }

  private flush(id: string, title: string, result: string): void {
    if (this.live === id) {
      core.endGroup()
      this.live = undefined
    } else {
      const lines = this.buffers.get(id) ?? []
      this.buffers.delete(id)
      if (lines.length > 0) {
        core.startGroup(title)
        for (const line of lines) this.log.info(line)
        core.endGroup()
      }
    }
    this.log.info(result)
  }

  built(id: string, outcome: 'built' | 'built and pushed' | 'reused'): void {
    const elapsed = Date.now() - (this.started.get(id) ?? Date.now())
    this.started.delete(id)
    this.steps.set(id, 'push')
    if (outcome === 'reused') {
      this.flush(id, this.title(id, 'Image'), `✓ ${id}: already in ECR for this commit, not built again`)
      return
    }
    const what = outcome === 'built' ? 'Build' : 'Build and push'
    this.flush(id, this.title(id, what), `✓ ${what} ${id} (${seconds(elapsed)})`)
  }

  pushed(report: PushedImageFacts): void {
    this.started.delete(report.id)
    this.flush(
      report.id,
      this.title(report.id, 'Push'),
      `✓ Push ${report.id}: ${report.layersPushed} layer(s) uploaded (${formatBytes(report.bytesPushed)}) (${report.pushSeconds.toFixed(1)} s)`
    )
  }

  /** After a failure: every image's collected lines, so the failed build's output is shown. */
  flushAll(): void {
    if (this.live !== undefined) {
      core.endGroup()
      this.live = undefined
    }
    for (const id of [...this.buffers.keys()]) {
      const step = this.steps.get(id) ?? 'build'
      this.flush(
        id,
        `${this.title(id, step === 'build' ? 'Build' : 'Push')} (did not finish)`,
        `✗ ${step} ${id} did not finish`
      )
    }
  }
}
