import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Bolt answers Slack (ack) before listeners finish their work, so closing the HTTP server is not enough
 * for a graceful stop: this counts listener work still running so shutdown can wait for it before the
 * database pool closes underneath it.
 */
export class InFlightListeners {
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly shutdown = new AbortController();

  /** Aborted once the bot stops: listener work waiting to try something again gives up instead. */
  readonly stopping: AbortSignal = this.shutdown.signal;

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    this.running += 1;
    try {
      await next();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  };

  get count(): number {
    return this.running;
  }

  /** For a stop: retries waiting are cut short, so the drain is not spent waiting on them. */
  stop(timeoutMs: number): Promise<boolean> {
    this.shutdown.abort();
    return this.drain(timeoutMs);
  }

  /** Resolves true when no listener runs any more, false if the deadline came first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
