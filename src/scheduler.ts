import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.js';

export interface ScheduledJob {
  name: string;
  /** Five-field cron expression, evaluated in UTC: jobs compute local times themselves. */
  cron: string;
  /** Also run once as soon as the scheduler starts (after a restart, due work should not wait for the minute). */
  runAtStart?: boolean;
  run(): Promise<void>;
}

/**
 * Ticks jobs with node-cron on every replica. Jobs must be safe to run on several replicas at once
 * (unique rows, ON CONFLICT DO NOTHING); the scheduler only avoids overlapping runs of one job here.
 */
export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.tasks = this.jobs.map((job) =>
      cron.schedule(job.cron, () => this.runOnce(job), {
        name: job.name,
        timezone: 'Etc/UTC',
        noOverlap: true,
      }),
    );
    for (const job of this.jobs) {
      if (job.runAtStart) void this.runOnce(job);
    }
    this.logger.info({ jobs: this.jobs.map((job) => job.name) }, 'scheduler started');
  }

  /** Runs a job now, outside its schedule (used by tests and by the tick itself). */
  runOnce(job: ScheduledJob): Promise<void> {
    const run = job
      .run()
      .catch((error: unknown) => this.logger.error({ err: error, job: job.name }, 'scheduled job failed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  /** Stops ticking and waits (bounded) for runs already under way. */
  async stop(timeoutMs: number): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks = [];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.running),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
