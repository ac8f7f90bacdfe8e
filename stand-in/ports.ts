import { createServer } from 'node:net'

/** Asks the kernel for a free loopback port (for child processes that need a port up front). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port)
        else reject(new Error('could not determine a free port'))
      })
    })
  })
}
