// What the action tells the person reading the log and the job summary.

import * as core from '@actions/core'
import type { DeployPlan } from './core/plan-types.js'

export function logPlan(plan: DeployPlan): void {
  core.startGroup(`Plan: ${plan.containers.length} containers, ${plan.images.length} images to build`)
  for (const image of plan.images) {
    core.info(`image ${image.repository}: ${image.context}/${image.dockerfile} → ${image.services.join(', ')}`)
  }
  for (const container of plan.containers) {
    const image = container.image.kind === 'build' ? `build ${container.image.buildId}` : container.image.ref
    const ports = container.portMappings.map(port => `${port.hostPort}→${port.containerPort}`).join(' ')
    core.info(`container ${container.name}: ${image}${ports ? `, ports ${ports}` : ''}${container.links.length ? `, links ${container.links.join(' ')}` : ''}`)
  }
  for (const note of plan.notes) core.info(`note: ${note}`)
  core.endGroup()
}
