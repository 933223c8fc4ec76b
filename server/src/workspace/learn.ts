// Learning a profile from a corpus on disk, one way for the CLI and the editor: the corpus is
// collected and read here (the engine learns from texts, see engine/profile/learn.ts), either in
// this thread or on a pool of worker threads (learn.worker.ts). The pool cuts the files, in
// reference order, into contiguous shares of about equal bytes, one per worker; every later worker
// hands its raw counts to the first (the collector), which adds them in share order and finalizes
// once: the profile is byte for byte the one learning in this thread gives.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { segmentTogether } from '../engine/parse/draft';
import type { CorpusArticle } from '../engine/profile/contributor';
import { articlesOf, CorpusLearner, type CorpusText, type LearnResult } from '../engine/profile/learn';
import { loadSegmenterInBackground } from '../engine/text/segmenter';
import { CancelledError } from './cancel';
import { collectCorpusFiles, readCorpusFile, type CorpusFile } from './corpus';
import { defaultWorkers } from './pool-size';

export interface LearnProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  articles: number;
  /** The reference of a file just counted. */
  file: string;
}

export interface LearnCorpusOptions {
  /** The profile's name. */
  name: string;
  /** Keep the full counts (a shard for `merge`). */
  shard?: boolean;
  /**
   * Worker threads to learn on; 0 learns in this thread (so does a missing built worker, as when
   * running from sources). Default: defaultWorkers() (pool-size.ts), and none for a
   * corpus too small to repay them.
   */
  jobs?: number;
  /** Never in this thread (the editor's server must keep answering): at least one worker. */
  offThread?: boolean;
  onProgress?(progress: LearnProgress): void;
  /** Stops the workers; the promise rejects with CancelledError. */
  signal?: AbortSignal;
}

/** The built worker, beside the bundle that runs this code (server/out). */
const WORKER_FILE = path.join(__dirname, 'learn.worker.js');
/** A worker costs its start and its own compiler warm-up: worth it from about this much text. */
const BYTES_PER_WORKER = 1024 * 1024;

/** Learns the corpus under `paths` (folders and files). */
export async function learnCorpus(paths: readonly string[], options: LearnCorpusOptions): Promise<LearnResult> {
  // jieba's dictionary builds on a thread of libuv's pool while the corpus is walked (workers share it).
  loadSegmenterInBackground().catch(() => {});
  const { files, missing } = collectCorpusFiles(paths);
  const bytes = files.reduce((s, f) => s + f.bytes, 0);
  let jobs = options.jobs ?? Math.min(defaultWorkers(), Math.floor(bytes / BYTES_PER_WORKER));
  if (options.offThread) jobs = Math.max(1, jobs);
  if (jobs < 1 || !existsSync(WORKER_FILE)) return learnFiles(files, missing, options).finish({ shard: options.shard });
  return learnOnWorkers(files, missing, { ...options, jobs });
}

/** Learns the corpus under `paths` in this thread. */
export function learnCorpusHere(paths: readonly string[], options: Omit<LearnCorpusOptions, 'jobs' | 'signal'>): LearnResult {
  const { files, missing } = collectCorpusFiles(paths);
  return learnFiles(files, missing, options).finish({ shard: options.shard });
}

/**
 * Files are read and segmented in batches of about this much text, one jieba call each (fewer, longer
 * calls cost less than one per article). This thread segments: on libuv's pool the next batch gained
 * too little on two cores, whose second one is busy collecting garbage.
 */
const BATCH_BYTES = 64 * 1024;
/**
 * Text read and split into articles before the first batch is segmented: jieba builds its dictionary
 * on another thread meanwhile (loadSegmenterInBackground, a fifth of a second), and the first
 * segmentation waits for it. About what this thread reads and splits in that time.
 */
const READ_AHEAD_BYTES = 2 * 1024 * 1024;

/** A batch of files, read and split into articles (not segmented yet). */
type ReadBatch = { text: CorpusText; articles: CorpusArticle[] }[];

/** Counts `files` (in this order) into a new learner; `missing` are recorded as skipped first. */
export function learnFiles(
  files: readonly CorpusFile[],
  missing: readonly { file: string; reason: string }[],
  options: { name: string; onProgress?(progress: LearnProgress): void },
): CorpusLearner {
  const learner = new CorpusLearner(options.name);
  for (const m of missing) learner.skip(m.file, m.reason);
  const bytesTotal = files.reduce((s, f) => s + f.bytes, 0);
  let filesDone = 0;
  const count = (read: ReadBatch) => {
    segmentTogether(read.flatMap((r) => r.articles.map((a) => a.doc)));
    for (const { text, articles } of read) {
      learner.add(text, articles);
      filesDone++;
      if (!options.onProgress) continue;
      const { bytes, articles: articleCount } = learner.progress();
      options.onProgress({ filesDone, filesTotal: files.length, bytesDone: bytes, bytesTotal, articles: articleCount, file: text.ref });
    }
  };
  const ahead: ReadBatch[] = [];
  let aheadBytes = 0;
  for (const batch of batchesOf(files, BATCH_BYTES)) {
    const read = batch.map((file) => {
      const text = readCorpusFile(file);
      return { text, articles: articlesOf(text) };
    });
    if (aheadBytes < READ_AHEAD_BYTES) {
      ahead.push(read);
      aheadBytes += batch.reduce((s, f) => s + f.bytes, 0);
      continue;
    }
    for (const r of ahead.splice(0)) count(r);
    count(read);
  }
  for (const r of ahead) count(r);
  return learner;
}

/** Runs of consecutive files of about `bytes` each (a larger file alone). */
function batchesOf(files: readonly CorpusFile[], bytes: number): CorpusFile[][] {
  const batches: CorpusFile[][] = [];
  let size = bytes;
  for (const file of files) {
    if (size >= bytes) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1].push(file);
    size += file.bytes;
  }
  return batches;
}

/** What a pool worker is given (workerData). */
export interface LearnJob {
  name: string;
  shard: boolean;
  files: CorpusFile[];
  /** For the collector: the paths given that do not exist (its stats list them first). */
  missing: { file: string; reason: string }[];
  /** The collector receives every later share's counts on these ports, in share order. */
  peers: MessagePort[];
  /** A later worker sends its counts to the collector on this port. */
  collector?: MessagePort;
}

/** A later share's raw counts (its token streams' buffers moved, not copied). */
export interface ShareCounts {
  counts: LearnResult;
}

export type FromLearnWorker =
  | { type: 'progress'; files: number; bytes: number; articles: number; file: string }
  | { type: 'result'; result: LearnResult };

async function learnOnWorkers(files: CorpusFile[], missing: LearnJob['missing'], options: LearnCorpusOptions & { jobs: number }): Promise<LearnResult> {
  const shares = splitShares(files, options.jobs);
  const channels = shares.slice(1).map(() => new MessageChannel());
  const workers = shares.map((share, i) => {
    const base = { name: options.name, shard: options.shard === true, files: share };
    const job: LearnJob = i === 0 ? { ...base, missing: [...missing], peers: channels.map((c) => c.port1) } : { ...base, missing: [], peers: [], collector: channels[i - 1].port2 };
    return new Worker(WORKER_FILE, { workerData: job, transferList: i === 0 ? job.peers : [job.collector!] });
  });
  const bytesTotal = files.reduce((s, f) => s + f.bytes, 0);
  const done = shares.map(() => ({ files: 0, bytes: 0, articles: 0 }));
  const sum = (k: 'files' | 'bytes' | 'articles') => done.reduce((s, d) => s + d[k], 0);
  try {
    return await new Promise<LearnResult>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new CancelledError());
      options.signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
      workers.forEach((worker, i) => {
        worker.on('message', (msg: FromLearnWorker) => {
          if (msg.type === 'result') return resolve(msg.result);
          done[i] = msg;
          options.onProgress?.({ filesDone: sum('files'), filesTotal: files.length, bytesDone: sum('bytes'), bytesTotal, articles: sum('articles'), file: msg.file });
        });
        worker.once('error', reject);
        // A later worker ends once it has handed its counts on; the collector must answer first.
        worker.once('exit', (code) => {
          if (code !== 0 || i === 0) reject(new Error(`学习线程意外退出（退出码 ${code}）`));
        });
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Contiguous runs of files of about equal bytes, at most `count`, none empty. */
export function splitShares<T extends { bytes: number }>(files: readonly T[], count: number): T[][] {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const parts = Math.min(count, files.length);
  const shares: T[][] = [[]];
  let bytes = 0;
  files.forEach((f, i) => {
    const current = shares[shares.length - 1];
    const toOpen = parts - shares.length;
    // Close the current share when it has its part of the bytes, or when every later share needs a file.
    if (current.length && toOpen > 0 && (bytes + f.bytes / 2 > (total * shares.length) / parts || files.length - i <= toOpen)) shares.push([]);
    shares[shares.length - 1].push(f);
    bytes += f.bytes;
  });
  return shares;
}
