// Loads the Beanstalk service (stand-in/services/beanstalk/index.ts, owned by
// another module) when it is present. The specifier is a variable so the rest
// of the stand-in compiles and runs while that module does not exist yet.

import type { QueryService, StandInContext } from '../context.js'

export type BeanstalkService = QueryService & { faults: Record<string, unknown> }

interface BeanstalkModule {
  createBeanstalkService(ctx: StandInContext, options: Record<string, unknown>): BeanstalkService
}

const BEANSTALK_MODULE = './beanstalk/index.js'

export async function loadBeanstalkService(
  ctx: StandInContext,
  options: Record<string, unknown>
): Promise<BeanstalkService | undefined> {
  let module: BeanstalkModule
  try {
    module = (await import(BEANSTALK_MODULE)) as BeanstalkModule
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(String(error))) {
      ctx.log('beanstalk: service module not present, Elastic Beanstalk calls will answer InvalidAction')
      return undefined
    }
    throw error
  }
  return module.createBeanstalkService(ctx, options)
}
