// Planning jobs: each runs in a worker thread (worker.ts) and is kept, with its progress and result,
// for the admin page to poll. A few at a time, the oldest finished ones forgotten first.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Config, PlanningJob, PlanningRequest } from '@vikno/shared';
import type { Logger } from 'pino';
import { compiledWorker } from '../store/compiled-worker.js';
import type { PlannerMessage } from './worker.js';

const KEPT = 20;
/** Two cores run a hall: more plans at once would only slow each. */
const RUNNING_AT_MOST = 1;
/**
 * The planner's thread: every simulated step allocates the engine's events and leaves them at once,
 * and a young generation larger than V8's default (16 MB semi-spaces) collects them at a tenth less
 * CPU for the week (`npm run bench -- --only=planner` plans in such a thread too).
 */
export const PLANNER_THREAD = { resourceLimits: { maxYoungGenerationSizeMb: 96 } } as const;

export class PlanningJobs {
  private readonly jobs = new Map<string, PlanningJob>();
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  /** Null when a plan is already being made. */
  start(config: Config, request: Required<Omit<PlanningRequest, 'staffing'>> & Pick<PlanningRequest, 'staffing'>): PlanningJob | null {
    // Counted by job, not by thread: a thread that has sent its plan may take a moment to exit.
    if ([...this.jobs.values()].filter((j) => j.status === 'running').length >= RUNNING_AT_MOST) return null;
    const job: PlanningJob = { job: randomUUID(), status: 'running', done: 0, total: request.days, plan: null, error: null };
    this.jobs.set(job.job, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT))) this.jobs.delete(old);
    const worker = new Worker(compiledWorker('worker', 'planner'), { ...PLANNER_THREAD, workerData: { file: this.file, config, request } });
    this.workers.add(worker);
    const t0 = performance.now();
    worker.on('message', (m: PlannerMessage) => {
      if (m.kind === 'progress') Object.assign(job, { done: m.done, total: m.total });
      else if (m.kind === 'done') {
        Object.assign(job, { status: 'done', plan: m.plan, done: job.total });
        this.log.info(
          { job: job.job, from: request.from, days: request.days, ms: Math.round(performance.now() - t0) },
          'planner: plan made',
        );
      } else Object.assign(job, { status: 'failed', error: m.error });
    });
    worker.on('error', (error) => {
      Object.assign(job, { status: 'failed', error: error.message });
      this.log.error({ err: error, job: job.job }, 'planner: worker failed');
    });
    worker.on('exit', () => {
      this.workers.delete(worker);
      if (job.status === 'running') Object.assign(job, { status: 'failed', error: 'the planner stopped' });
    });
    return job;
  }

  get(id: string): PlanningJob | undefined {
    return this.jobs.get(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
