// Backing services stage: the managed database and cache every target needs
// (RDS / ElastiCache looked up by identifier, endpoint URLs as given), each
// role once — a web and a worker environment share one database. The RDS and
// ElastiCache SDK packages load here, for a plan that replaces a service.

import type { AwsClients } from '../adapters/aws-clients.js'
import type { ResolvedBacking } from '../core/dockerrun.js'
import type { BackingReplacement, BackingRole } from '../core/plan-types.js'
import { actionsLogger } from '../logger.js'
import type { Prepared } from '../prepare.js'

export type BackingServices = Partial<Record<BackingRole, ResolvedBacking>>

export async function resolveBackingServices(
  prepared: Prepared,
  clients: AwsClients
): Promise<BackingServices> {
  const byRole = new Map<BackingRole, BackingReplacement>()
  for (const replacement of prepared.targets.flatMap(target => target.plan.backing)) {
    if (!byRole.has(replacement.role)) byRole.set(replacement.role, replacement)
  }
  if (byRole.size === 0) return {}
  const [{ resolveBacking }] = await Promise.all([
    import('../adapters/backing-lookup.js'),
    clients.load('rds', 'elasticache')
  ])
  return resolveBacking([...byRole.values()], clients, prepared.config, actionsLogger)
}
