// `learn` on every core: the corpus files (sorted by reference) are cut into contiguous shares, one
// per worker thread. The first worker collects: it gets a smaller share, receives the other shares'
// raw counts directly from their workers (part by part), adds them once and finalizes once (equal
// to learning in one thread, see profile/learn.ts and cli/learn-share-worker.ts). This thread builds
// the dictionary the workers share while they start, reports progress and receives the finished profile.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { collectCorpusFiles, learnCorpusFilesPipelined, type CorpusFile, type LearnOptions, type LearnProgress, type LearnResult } from '../engine/profile/learn';
import { ensureSegmenterLoaded, loadSegmenterInBackground } from '../engine/text/segmenter';
import type { FromLearnWorker, LearnShareJob } from './learn-protocol';
import { lowerThreadPoolPriority } from './background-priority';
import { startPhraseThread } from './phrase-thread';
import { startReadThread } from './read-thread';

const WORKER_FILE = 'learn-share.js';

/** A worker pays for its start-up and its own JIT warm-up (the dictionary is shared): worth it from about this much text. */
const BYTES_PER_WORKER = 1024 * 1024;
/**
 * The collector's share is this much short of an equal part (the next one as much over): the
 * others count about twice this (~0.6 s on one core) while it loads the reference dictionary,
 * computes keyness inputs and adds the parts they send, so that it is ready when the last arrives.
 */
const COLLECTOR_HEAD_START = 192 * 1024;

/**
 * Learns `paths` on worker threads: `jobs` of them when given, else one per two cores (each counts
 * on its own thread while threads of libuv's pool segment its next files) but no more than the
 * corpus size makes worth it; in this thread when that is one (or no built worker exists).
 */
export async function learnOnWorkers(paths: readonly string[], options: LearnOptions, jobs: number | undefined): Promise<LearnResult> {
  // Before any worker starts: the pool's threads are then the only new ones.
  lowerThreadPoolPriority();
  // jieba's dictionary builds on the pool while this thread walks the corpus (its errors surface
  // where the dictionary is first used).
  loadSegmenterInBackground().catch(() => {});
  const { files, missing } = collectCorpusFiles(paths);
  const workerFile = path.join(__dirname, WORKER_FILE);
  const bytesTotal = files.reduce((s, f) => s + f.size, 0);
  const shares = splitShares(files, jobs ?? Math.min(Math.floor(availableParallelism() / 2), Math.floor(bytesTotal / BYTES_PER_WORKER)), COLLECTOR_HEAD_START);
  if (shares.length < 2 || !existsSync(workerFile)) {
    // `--jobs 0`: everything in this thread.
    const reader = jobs === 0 ? undefined : startReadThread();
    const phrases = jobs === 0 ? undefined : startPhraseThread();
    try {
      return await learnCorpusFilesPipelined(files, { ...options, readBatch: reader?.readBatch, countPhrases: phrases }, missing);
    } finally {
      await Promise.all([reader?.close(), phrases?.close()]);
    }
  }

  const progress = shares.map((share) => ({ filesDone: 0, bytesDone: 0, articles: 0, filesTotal: share.length }));
  const report = (i: number, p: LearnProgress) => {
    progress[i] = { filesDone: p.filesDone, bytesDone: p.bytesDone, articles: p.articles, filesTotal: p.filesTotal };
    const sum = (k: 'filesDone' | 'bytesDone' | 'articles') => progress.reduce((s, x) => s + x[k], 0);
    options.onProgress?.({ filesDone: sum('filesDone'), filesTotal: files.length, bytesDone: sum('bytesDone'), bytesTotal, articles: sum('articles'), file: p.file });
  };

  const channels = shares.slice(1).map(() => new MessageChannel());
  const workers = shares.map((share, i) => {
    const base = { name: options.name, shard: options.shard === true, files: share };
    const job: LearnShareJob =
      i === 0 ? { ...base, missing, peers: channels.map((c) => c.port1) } : { ...base, missing: [], peers: [], collector: channels[i - 1].port2 };
    return new Worker(workerFile, { workerData: job, transferList: i === 0 ? job.peers : [job.collector!] });
  });
  // The workers share one dictionary (nodejieba's loadShared), building since the start: wait for it here while they start up.
  ensureSegmenterLoaded();
  try {
    return await new Promise<LearnResult>((resolve, reject) => {
      workers.forEach((worker, i) => {
        worker.on('message', (msg: FromLearnWorker) => {
          if (msg.type === 'progress') report(i, msg.progress);
          else resolve(msg.result);
        });
        worker.once('error', reject);
        // A share's worker ends once it has handed its counts on; the collector must answer first.
        worker.once('exit', (code) => {
          if (code !== 0 || i === 0) reject(new Error(`学习线程意外退出（退出码 ${code}）`));
        });
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Contiguous runs of files, at most `jobs` of them, none empty: the first about `headStart` bytes
 * short of an equal part, the others equal parts of the rest.
 */
function splitShares(files: readonly CorpusFile[], jobs: number, headStart: number): CorpusFile[][] {
  const count = Math.min(jobs, files.length);
  if (count < 2) return [files.slice()];
  const total = files.reduce((s, f) => s + f.size, 0);
  const first = Math.max(0, total / count - headStart);
  /** Bytes the first `k` shares should hold. */
  const target = (k: number) => first + ((total - first) * (k - 1)) / (count - 1);
  const shares: CorpusFile[][] = [[]];
  let bytes = 0;
  files.forEach((f, i) => {
    const left = files.length - i;
    const sharesToOpen = count - shares.length;
    const current = shares[shares.length - 1];
    // Close the current share when it has its part of the bytes, or when every later share needs a file.
    if (current.length && sharesToOpen > 0 && (bytes + f.size / 2 > target(shares.length) || left <= sharesToOpen)) shares.push([]);
    shares[shares.length - 1].push(f);
    bytes += f.size;
  });
  return shares;
}
