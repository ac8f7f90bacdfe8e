// A stable loopback address per environment, standing in for the
// environment's load balancer: it forwards TCP to whichever app currently
// serves. Switching the target is how a new version takes over without the
// environment URL changing, and how a failed deploy leaves the old one serving.

import net from 'node:net'

export class FrontDoor {
  private target: { host: string; port: number } | undefined
  private readonly sockets = new Set<net.Socket>()

  private constructor(
    private readonly server: net.Server,
    readonly port: number
  ) {}

  static async open(): Promise<FrontDoor> {
    const server = net.createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const door = new FrontDoor(server, (server.address() as net.AddressInfo).port)
    server.on('connection', client => door.forward(client))
    return door
  }

  get endpoint(): string {
    return `127.0.0.1:${this.port}`
  }

  /** Where new connections go from now on; undefined refuses them. */
  setTarget(url: string | undefined): void {
    if (!url) {
      this.target = undefined
      return
    }
    const parsed = new URL(url)
    this.target = { host: parsed.hostname, port: Number(parsed.port) }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private forward(client: net.Socket): void {
    if (!this.target) {
      client.destroy()
      return
    }
    const upstream = net.connect(this.target.port, this.target.host)
    for (const socket of [client, upstream]) {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  }
}
