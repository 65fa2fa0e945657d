import { performance } from 'node:perf_hooks';
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

/** How each run of each job went, for monitoring. */
export interface JobMetrics {
  /** Every job the scheduler will run, once at start: each can then show zero runs and zero failures. */
  scheduled(jobs: readonly string[]): void;
  /** One run finished, its wall time in seconds and whether it threw. */
  ran(job: string, seconds: number, outcome: 'succeeded' | 'failed'): void;
}

/** For a scheduler nobody monitors (a bot without METRICS_TOKEN). */
export const UNMONITORED_JOBS: JobMetrics = { scheduled() {}, ran() {} };

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
    private readonly metrics: JobMetrics = UNMONITORED_JOBS,
  ) {}

  start(): void {
    this.metrics.scheduled(this.jobs.map((job) => job.name));
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
    const started = performance.now();
    const finished = (outcome: 'succeeded' | 'failed') =>
      this.metrics.ran(job.name, (performance.now() - started) / 1000, outcome);
    const run = job
      .run()
      .then(
        () => finished('succeeded'),
        (error: unknown) => {
          finished('failed');
          this.logger.error({ err: error, job: job.name }, 'scheduled job failed');
        },
      )
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
