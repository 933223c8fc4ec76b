// Lints files on worker threads, spawning workers only as work queues up (a single file needs no
// second thread, a folder uses every core; all share one dictionary, see text/segmenter.ts). Each worker is handed up to WORKER_DEPTH files at a
// time, so it starts the next file as soon as it posts a result instead of waiting for the main
// thread (busy reading, hashing and formatting) to send one. Without a built worker (running from
// sources) or with `--jobs 0` (the CLI's default below three cores, see pool-size.ts), files are
// linted in this thread.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintConfig } from '../engine/config/types';
import type { Profile } from '../engine/profile/types';
import { lintBytes, type FileLintOutcome } from '../engine/run';
import { loadSegmenterInBackground } from '../engine/text/segmenter';
import { profileForConfig } from './profiles';
import { CancelledError } from '../workspace/cancel';

// Messages between the pool and its workers (lint.worker.ts).
export interface LintTask {
  display: string;
  bytes: Uint8Array;
  config: LintConfig;
  fix: boolean;
  /**
   * Send back only what formatters other than the folder report read: no summary, no evidence
   * (a third of what is copied between threads). Not for results the cache stores.
   */
  lean?: boolean;
  /** The profile to lint with in this thread (the editor's); a worker loads `config.profile` itself. */
  profile?: Profile;
}

export type ToWorker = { id: number; task: Omit<LintTask, 'profile'> };
export type FromWorker = { id: number; outcome: FileLintOutcome } | { id: number; error: string };

/** Files a worker holds at once: the one it lints and the one it starts next. */
const WORKER_DEPTH = 2;

export { CancelledError };

interface Pending {
  id: number;
  task: LintTask;
  resolve(outcome: FileLintOutcome): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  /** Files sent to this worker, in the order it lints them. */
  assigned: Pending[];
}

export class LintPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly workerFile: string | undefined,
  ) {}

  /** The pool for a run: `jobs` workers when the built worker exists, otherwise in-thread. */
  static create(jobs: number): LintPool {
    const file = path.join(__dirname, 'lint.worker.js');
    return new LintPool(jobs, jobs > 0 && existsSync(file) ? file : undefined);
  }

  get threaded(): boolean {
    return this.workerFile !== undefined;
  }

  /** Files that can be in the pool at once without any worker waiting for the next. */
  get capacity(): number {
    return this.threaded ? this.size * WORKER_DEPTH : 1;
  }

  run(task: LintTask): Promise<FileLintOutcome> {
    if (this.closed) return Promise.reject(new CancelledError());
    if (!this.workerFile) {
      // jieba's dictionary builds off this thread while the first file is read and parsed (at once when built already).
      loadSegmenterInBackground().catch(() => {}); // a failure is thrown again where segmenting needs it
      // After the events that are waiting (an editor's requests, a Ctrl-C): a folder linted in this thread must not hold them up.
      return new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(lintBytes(task.bytes, task.display, task.config, task.profile ?? profileForConfig(task.config), { fix: task.fix, noSummary: task.lean }));
          } catch (err) {
            reject(err);
          }
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; queued and running tasks are rejected with CancelledError. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new CancelledError());
    const slots = this.slots.splice(0);
    for (const s of slots) for (const p of s.assigned.splice(0)) p.reject(new CancelledError());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slotForNext();
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.assigned.push(next);
      const { profile: _inThreadOnly, ...task } = next.task;
      slot.worker.postMessage({ id: next.id, task } satisfies ToWorker);
    }
  }

  /** An idle worker, else a new one while under `size`, else the least busy one with room. */
  private slotForNext(): Slot | undefined {
    const idle = this.slots.find((s) => s.assigned.length === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    let best: Slot | undefined;
    for (const s of this.slots) if (s.assigned.length < WORKER_DEPTH && (!best || s.assigned.length < best.assigned.length)) best = s;
    return best;
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile!);
    const slot: Slot = { worker, assigned: [] };
    worker.on('message', (msg: FromWorker) => {
      const at = slot.assigned.findIndex((p) => p.id === msg.id);
      if (at < 0) return;
      const [pending] = slot.assigned.splice(at, 1);
      if ('error' in msg) pending.reject(new Error(msg.error));
      else pending.resolve(msg.outcome);
      this.pump();
    });
    // A worker that dies (native crash, out of memory) fails the file it was linting; the files
    // it held next go back to the queue for a fresh worker.
    const retire = (err: Error) => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      const [current, ...waiting] = slot.assigned.splice(0);
      current?.reject(err);
      this.queue.unshift(...waiting);
      if (!this.closed) this.pump();
    };
    worker.on('error', (err) => retire(err));
    worker.on('exit', (code) => retire(new Error(`检查进程意外退出（退出码 ${code}）`)));
    this.slots.push(slot);
    return slot;
  }
}
