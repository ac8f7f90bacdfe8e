// The stand-in environment's EC2 instances: their types and so their CPU
// architecture. Beanstalk lists every option in DescribeConfigurationSettings,
// defaults included (what `eb config` shows), so an environment created
// without instance types still reports them: aws:ec2:instances InstanceTypes
// (default: two types, e.g. t3.micro, t3.small) and the older
// aws:autoscaling:launchconfiguration InstanceType (the first of them)
// (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html).
// The architecture decides which images the "instance" can run: an image for
// another one exits at once with "exec format error" on a real instance,
// while this machine would run it (natively or under QEMU), so the task
// refuses it the way the instance would fail it (ecs-task.ts).
// Written apart from the action's own reading (src/core/architecture.ts) so
// the two check each other.

import type { OptionSetting } from './model.js'

const INSTANCES = 'aws:ec2:instances'
const LAUNCH_CONFIGURATION = 'aws:autoscaling:launchconfiguration'
const DEFAULT_INSTANCE_TYPES = ['t3.micro', 't3.small']

const valueOf = (settings: readonly OptionSetting[], namespace: string, option: string): string | undefined =>
  settings.find(setting => setting.Namespace === namespace && setting.OptionName === option)?.Value

const typesIn = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map(type => type.trim())
    .filter(Boolean)

/** The settings of a new environment with both instance-type options filled in as Beanstalk reports them. */
export function withInstanceTypes(settings: OptionSetting[]): OptionSetting[] {
  const listed = typesIn(valueOf(settings, INSTANCES, 'InstanceTypes'))
  const single = valueOf(settings, LAUNCH_CONFIGURATION, 'InstanceType')
  const types = listed.length > 0 ? listed : single ? [single] : DEFAULT_INSTANCE_TYPES
  const added: OptionSetting[] = []
  if (listed.length === 0)
    added.push({ Namespace: INSTANCES, OptionName: 'InstanceTypes', Value: types.join(', ') })
  if (!single)
    added.push({ Namespace: LAUNCH_CONFIGURATION, OptionName: 'InstanceType', Value: types[0] as string })
  return [...settings, ...added]
}

/**
 * Docker's name for the architecture of the environment's first instance type
 * (the On-Demand one): arm64 for the Graviton families — a1, and a `g` after
 * the generation digit (t4g, m6gd, c7gn, im4gn, is4gen, x2gd, g5g) — else amd64.
 */
export function instanceArchitecture(settings: readonly OptionSetting[]): 'amd64' | 'arm64' {
  const first =
    typesIn(valueOf(settings, INSTANCES, 'InstanceTypes'))[0] ??
    valueOf(settings, LAUNCH_CONFIGURATION, 'InstanceType') ??
    (DEFAULT_INSTANCE_TYPES[0] as string)
  const family = first.toLowerCase().split('.')[0] ?? ''
  if (family === 'a1') return 'arm64'
  const attributes = /^[a-z]+\d+([a-z]*)/.exec(family)?.[1] ?? ''
  return attributes.includes('g') ? 'arm64' : 'amd64'
}
