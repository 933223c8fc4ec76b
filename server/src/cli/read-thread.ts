// Reads corpus files on a thread of their own for `opinion-lint learn` (cli/read-worker.ts), so the
// learning thread only parses and counts. Batches are answered in the order they were asked for.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CorpusBatchReader, CorpusFile } from '../engine/profile/learn';
import { readTextFile, type DecodeResult } from '../engine/text/decode';

export interface ReadBatchRequest {
  id: number;
  paths: string[];
  maxBytes: number;
}

/** A batch's texts; id -1 (no results) says the thread has started. */
export interface ReadBatchReply {
  id: number;
  results: DecodeResult[];
}

const WORKER_FILE = 'read-worker.js';

export interface ReadThread {
  readBatch: CorpusBatchReader;
  /** Resolves once the thread has started (batches asked for before are read in the calling thread). */
  started: Promise<void>;
  close(): Promise<void>;
}

/** A reading thread, or undefined without a built worker (running from sources): then learning reads in its own thread. */
export function startReadThread(): ReadThread | undefined {
  const file = path.join(__dirname, WORKER_FILE);
  if (!existsSync(file)) return undefined;
  const worker = new Worker(file);
  const pending = new Map<number, { resolve(results: DecodeResult[]): void; reject(err: Error): void }>();
  let nextId = 0;
  let started = false;
  let onStart!: () => void;
  const startedPromise = new Promise<void>((resolve) => (onStart = resolve));
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', ({ id, results }: ReadBatchReply) => {
    if (id < 0) {
      started = true;
      onStart();
    }
    pending.get(id)?.resolve(results);
    pending.delete(id);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`读取语料的线程意外退出（退出码 ${code}）`)));
  return {
    started: startedPromise,
    readBatch(files: readonly CorpusFile[], maxBytes: number) {
      // The first batches are read here while the thread starts: learning would otherwise wait for it
      // (and a thread that never starts leaves all of them here).
      if (!started) return Promise.resolve(files.map((f) => readTextFile(f.absolute, maxBytes)));
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<DecodeResult[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, paths: files.map((f) => f.absolute), maxBytes } satisfies ReadBatchRequest);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
