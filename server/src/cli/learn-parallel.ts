// `learn` on every core: the corpus files (sorted by reference) are cut into contiguous shares of
// about equal size, one per worker thread; each worker counts its share and hands back raw counts,
// which are added once and finalized once (equal to learning in one thread, see profile/learn.ts).

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { collectCorpusFiles, CountsSum, learnCorpusFiles, type CorpusFile, type LearnOptions, type LearnProgress, type LearnResult } from '../engine/profile/learn';
import { finalizeProfile } from '../engine/profile/merge';
import { appendShard, emptyShard, phrasesNeedingKeyness, provideGeneralProbabilities, type PackedShard } from '../engine/phrases/contributor';
import type { FromLearnWorker, LearnShareJob, ToLearnWorker } from './learn-protocol';

const WORKER_FILE = 'learn-share.js';

/** A worker pays for its own dictionary load (~1 s CPU): worth it from about this much text per worker. */
const BYTES_PER_WORKER = 1024 * 1024;

/**
 * Learns `paths` on worker threads: `jobs` of them when given, else one per core but no more than
 * the corpus size makes worth it; in this thread when that is one (or no built worker exists).
 */
export async function learnOnWorkers(paths: readonly string[], options: LearnOptions, jobs: number | undefined): Promise<LearnResult> {
  const { files, missing } = collectCorpusFiles(paths);
  const workerFile = path.join(__dirname, WORKER_FILE);
  const bytes = files.reduce((s, f) => s + f.size, 0);
  const shares = splitShares(files, jobs ?? Math.min(availableParallelism(), Math.floor(bytes / BYTES_PER_WORKER)));
  if (shares.length < 2 || !existsSync(workerFile)) return learnCorpusFiles(files, options, missing);

  const progress = shares.map((share) => ({ filesDone: 0, bytesDone: 0, articles: 0, filesTotal: share.length }));
  const bytesTotal = files.reduce((s, f) => s + f.size, 0);
  const report = (i: number, p: LearnProgress) => {
    progress[i] = { filesDone: p.filesDone, bytesDone: p.bytesDone, articles: p.articles, filesTotal: p.filesTotal };
    const sum = (k: 'filesDone' | 'bytesDone' | 'articles') => progress.reduce((s, x) => s + x[k], 0);
    options.onProgress?.({ filesDone: sum('filesDone'), filesTotal: files.length, bytesDone: sum('bytesDone'), bytesTotal, articles: sum('articles'), file: p.file });
  };

  const workers = shares.map(
    (share, i) => new Worker(workerFile, { workerData: { name: options.name, files: share, missing: i === 0 ? missing : [], keyness: i === 0 } satisfies LearnShareJob }),
  );
  try {
    const parts = workers.map((w, i) => countsOf(w, (p) => report(i, p)));
    // A later share failing while an earlier one is awaited is reported by its own await.
    for (const part of parts) part.catch(() => {});
    // Added in share order as each arrives: the first share is added while later ones are still counted.
    const sum = new CountsSum(options.name);
    for (const part of parts) {
      const { counts, shard } = await part;
      counts.profile.register.shard = emptyShard();
      sum.add(counts);
      appendShard(sum.profile.register.shard!, shard);
    }
    const phrases = phrasesNeedingKeyness(sum.profile.register.shard!);
    provideGeneralProbabilities(phrases, await keynessInputs(workers[0], phrases));
    return { profile: finalizeProfile(sum.profile, { shard: options.shard }), stats: sum.stats };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Contiguous runs of files with about equal bytes, at most `jobs` of them, none empty. */
function splitShares(files: readonly CorpusFile[], jobs: number): CorpusFile[][] {
  const count = Math.min(jobs, files.length);
  if (count < 2) return [files.slice()];
  const total = files.reduce((s, f) => s + f.size, 0);
  const shares: CorpusFile[][] = [[]];
  let bytes = 0;
  files.forEach((f, i) => {
    const left = files.length - i;
    const sharesToOpen = count - shares.length;
    const current = shares[shares.length - 1];
    // Close the current share when it has its part of the bytes, or when every later share needs a file.
    if (current.length && sharesToOpen > 0 && (bytes >= (total * shares.length) / count || left <= sharesToOpen)) shares.push([]);
    shares[shares.length - 1].push(f);
    bytes += f.size;
  });
  return shares;
}

function countsOf(worker: Worker, onProgress: (p: LearnProgress) => void): Promise<{ counts: LearnResult; shard: PackedShard }> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: FromLearnWorker) => {
      if (msg.type === 'progress') onProgress(msg.progress);
      else if (msg.type === 'counts') {
        worker.off('message', onMessage);
        resolve(msg);
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`学习线程意外退出（退出码 ${code}）`)));
  });
}

function keynessInputs(worker: Worker, phrases: string[]): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: FromLearnWorker) => {
      if (msg.type === 'keyness') resolve(msg.probabilities);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`学习线程意外退出（退出码 ${code}）`)));
    worker.postMessage({ type: 'keyness', phrases } satisfies ToLearnWorker);
  });
}
