// Lints files on worker threads, one file per worker at a time, spawning workers only as work
// queues up (a single file costs one dictionary load, a folder uses every core). Without a built
// worker (running from sources) or with `--jobs 0`, files are linted in this thread.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintBytes, type FileLintOutcome } from '../engine/run';
import type { FromWorker, LintTask } from './protocol';

export class CancelledError extends Error {
  constructor() {
    super('已取消');
  }
}

interface Pending {
  id: number;
  task: LintTask;
  resolve(outcome: FileLintOutcome): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
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
    const file = path.join(__dirname, 'worker.js');
    return new LintPool(jobs, jobs > 0 && existsSync(file) ? file : undefined);
  }

  get threaded(): boolean {
    return this.workerFile !== undefined;
  }

  run(task: LintTask): Promise<FileLintOutcome> {
    if (this.closed) return Promise.reject(new CancelledError());
    if (!this.workerFile) {
      try {
        return Promise.resolve(lintBytes(task.bytes, task.display, task.config, { fix: task.fix }));
      } catch (err) {
        return Promise.reject(err);
      }
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
    for (const s of slots) s.busy?.reject(new CancelledError());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.busy = next;
      slot.worker.postMessage({ id: next.id, task: next.task });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile!);
    const slot: Slot = { worker };
    worker.on('message', (msg: FromWorker) => {
      const pending = slot.busy;
      if (!pending || pending.id !== msg.id) return;
      slot.busy = undefined;
      if ('error' in msg) pending.reject(new Error(msg.error));
      else pending.resolve(msg.outcome);
      this.pump();
    });
    // A worker that dies (native crash, out of memory) fails its file; a fresh one takes the rest.
    const retire = (err: Error) => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      slot.busy?.reject(err);
      slot.busy = undefined;
      if (!this.closed) this.pump();
    };
    worker.on('error', (err) => retire(err));
    worker.on('exit', (code) => retire(new Error(`检查进程意外退出（退出码 ${code}）`)));
    this.slots.push(slot);
    return slot;
  }
}
