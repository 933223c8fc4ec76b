// A learn worker thread (bundled as server/out/learn-share.js). Each worker counts its share of the
// corpus, with the dictionary the process shares (see text/segmenter.ts). Later shares go, packed
// and part by part, straight to the first worker (the collector): it has the smallest share, and
// while the others are still counting it loads the reference dictionary, computes the keyness inputs
// of the likely table phrases and adds the parts that have arrived; then it finalizes once and hands
// the profile to the CLI thread (which never holds the raw counts). Equal to learning in one thread,
// see profile/learn.ts.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { countCorpusFilesPipelined, CountsSum, type CorpusFile, type LearnProgress } from '../engine/profile/learn';
import { finalizeProfile } from '../engine/profile/merge';
import { emptyShard, packShard, precomputeKeyness } from '../engine/phrases/contributor';
import type { FromLearnWorker, LearnShareJob, ShareCounts } from './learn-protocol';

if (!parentPort) throw new Error('learn-share.js runs as a worker thread of the opinion-lint CLI');
const port: MessagePort = parentPort;
const job = workerData as LearnShareJob;
/** A share after the first is counted and sent in this many parts. */
const PARTS_PER_SHARE = 4;

/** Progress goes to the CLI thread a few times a second (a message per file costs more than it shows). */
const PROGRESS_INTERVAL_MS = 100;
let lastReport = 0;
const report = (progress: LearnProgress) => {
  const now = Date.now();
  if (now - lastReport < PROGRESS_INTERVAL_MS && progress.filesDone < progress.filesTotal) return;
  lastReport = now;
  port.postMessage({ type: 'progress', progress } satisfies FromLearnWorker);
};

async function main(): Promise<void> {
  if (job.collector) {
    const collector = job.collector;
    // In parts, each sent as soon as it is counted: the collector adds the earlier ones while the
    // last is counted, so that little is left to add when this share is done.
    const parts = partsOf(job.files, PARTS_PER_SHARE);
    const before = { filesDone: 0, bytesDone: 0, articles: 0 };
    for (const [i, files] of parts.entries()) {
      const counts = await countCorpusFilesPipelined(files, {
        name: job.name,
        onProgress: (p) => report({ ...p, filesDone: before.filesDone + p.filesDone, filesTotal: job.files.length, bytesDone: before.bytesDone + p.bytesDone, articles: before.articles + p.articles }),
      });
      before.filesDone += files.length;
      before.bytesDone += counts.stats.bytes;
      before.articles += counts.stats.articles;
      const shard = packShard(counts.profile.register.shard ?? emptyShard());
      delete counts.profile.register.shard;
      const transfer = [shard.quoted, shard.postingEnds, shard.postings, shard.exampleEnds, shard.examples].map((a) => a.buffer as ArrayBuffer);
      collector.postMessage({ counts, shard, last: i === parts.length - 1 } satisfies ShareCounts, transfer);
    }
    collector.close();
  } else {
    const counts = await countCorpusFilesPipelined(job.files, { name: job.name, onProgress: report }, job.missing);
    precomputeKeyness(counts.profile.register.shard ?? emptyShard());
    const sum = new CountsSum(job.name);
    sum.addFirst(counts);
    addPeers(sum, job.peers, () => {
      const result = { profile: finalizeProfile(sum.profile, { shard: job.shard }), stats: sum.stats };
      port.postMessage({ type: 'result', result } satisfies FromLearnWorker);
    });
  }
}

/** Adds the peers' counts in share order (each port delivers its share's parts in order), then calls `done`. */
function addPeers(sum: CountsSum, peers: MessagePort[], done: () => void): void {
  const [next, ...rest] = peers;
  if (!next) return done();
  const onPart = ({ counts, shard, last }: ShareCounts) => {
    sum.addPacked(counts, shard);
    if (!last) return precomputeKeyness(shard);
    next.off('message', onPart);
    next.close();
    addPeers(sum, rest, done);
  };
  next.on('message', onPart);
}

/** Contiguous runs of about equal bytes, at most `count`, none empty. */
function partsOf(files: CorpusFile[], count: number): CorpusFile[][] {
  const total = files.reduce((s, f) => s + f.size, 0);
  const parts: CorpusFile[][] = [[]];
  let bytes = 0;
  for (const f of files) {
    const current = parts[parts.length - 1];
    if (current.length && parts.length < count && bytes + f.size / 2 > (total * parts.length) / count) parts.push([]);
    parts[parts.length - 1].push(f);
    bytes += f.size;
  }
  return parts;
}

// A rejection is unhandled, which ends the worker with an 'error' event: the learn fails with its message.
void main();
