// AWS-style endpoint host names for seeded RDS / ElastiCache resources. The
// random-looking middle part is derived from account and region so it stays
// stable for one account, as it does in AWS.

import { createHash } from 'node:crypto'

function accountToken(accountId: string, region: string, length: number): string {
  const digest = createHash('sha256').update(`${accountId}/${region}`).digest()
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return [...digest.subarray(0, length)].map(byte => alphabet[byte % alphabet.length]).join('')
}

/** us-east-1 → use1, eu-west-2 → euw2: ElastiCache's short region code. */
export function shortRegion(region: string): string {
  const [area = '', direction = '', number = ''] = region.split('-')
  return `${area}${direction.charAt(0)}${number}`
}

export function rdsInstanceHost(id: string, accountId: string, region: string): string {
  return `${id}.c${accountToken(accountId, region, 11)}.${region}.rds.amazonaws.com`
}

function cacheToken(accountId: string, region: string): string {
  return accountToken(accountId, `${region}/cache`, 6)
}

export function cacheNodeHost(clusterId: string, nodeId: string, accountId: string, region: string): string {
  return `${clusterId}.${cacheToken(accountId, region)}.${nodeId}.${shortRegion(region)}.cache.amazonaws.com`
}

export function replicationGroupHosts(
  groupId: string,
  accountId: string,
  region: string
): { primary: string; reader: string; configuration: string } {
  const token = cacheToken(accountId, region)
  const suffix = `${shortRegion(region)}.cache.amazonaws.com`
  return {
    primary: `master.${groupId}.${token}.${suffix}`,
    reader: `replica.${groupId}.${token}.${suffix}`,
    configuration: `clustercfg.${groupId}.${token}.${suffix}`
  }
}
