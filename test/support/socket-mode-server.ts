import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Slack's side of a Socket Mode connection: apps.connections.open (answered by the stand-in) hands
 * the bot this server's URL; the server says hello, pushes envelopes and collects the bot's acks.
 */
export class SocketModeServer {
  private socket: WebSocket | undefined;
  readonly acks: Array<{ envelope_id: string; payload?: Record<string, unknown> }> = [];
  private readonly connectWaiters: Array<() => void> = [];

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data))));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { approximate_connection_time: 18060 },
        }),
      );
      for (const wake of this.connectWaiters.splice(0)) wake();
    });
  }

  static async start(): Promise<SocketModeServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new SocketModeServer(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  get connected(): boolean {
    return this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  /** Sends one envelope and resolves with the bot's ack for it. */
  async deliver(envelope: { envelope_id: string; type: string; payload: unknown; [key: string]: unknown }) {
    if (!this.connected) await new Promise<void>((resolve) => this.connectWaiters.push(resolve));
    this.socket?.send(JSON.stringify(envelope));
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      const ack = this.acks.find((candidate) => candidate.envelope_id === envelope.envelope_id);
      if (ack) return ack;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ack for envelope ${envelope.envelope_id} within Slack's 3 seconds`);
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
