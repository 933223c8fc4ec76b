// A learn worker thread (bundled as server/out/learn-share.js). Each worker counts its share of the
// corpus (loading the dictionary once). Later shares go, packed, straight to the first worker (the
// collector): it has the smallest share, and while the others are still counting it loads the
// reference dictionary and computes the keyness inputs of its own likely table phrases; then it adds
// the shares in order, finalizes once and hands the profile to the CLI thread (which never loads a
// dictionary nor holds the raw counts). Equal to learning in one thread, see profile/learn.ts.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { countCorpusFiles, CountsSum } from '../engine/profile/learn';
import { finalizeProfile } from '../engine/profile/merge';
import { emptyShard, packShard, precomputeKeyness } from '../engine/phrases/contributor';
import type { FromLearnWorker, LearnShareJob, ShareCounts } from './learn-protocol';

const port = parentPort;
if (!port) throw new Error('learn-share.js runs as a worker thread of the opinion-lint CLI');
const job = workerData as LearnShareJob;

const counts = countCorpusFiles(job.files, { name: job.name, onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies FromLearnWorker) }, job.missing);

if (job.collector) {
  const shard = packShard(counts.profile.register.shard ?? emptyShard());
  delete counts.profile.register.shard;
  const transfer = [shard.quoted, shard.postingEnds, shard.postings, shard.exampleEnds, shard.examples].map((a) => a.buffer as ArrayBuffer);
  job.collector.postMessage({ counts, shard } satisfies ShareCounts, transfer);
  job.collector.close();
} else {
  precomputeKeyness(counts.profile.register.shard ?? emptyShard());
  const sum = new CountsSum(job.name);
  sum.addFirst(counts);
  addPeers(sum, job.peers, () => {
    const result = { profile: finalizeProfile(sum.profile, { shard: job.shard }), stats: sum.stats };
    port.postMessage({ type: 'result', result } satisfies FromLearnWorker);
  });
}

/** Adds the peers' counts in share order (each port delivers one message), then calls `done`. */
function addPeers(sum: CountsSum, peers: MessagePort[], done: () => void): void {
  const [next, ...rest] = peers;
  if (!next) return done();
  next.once('message', ({ counts, shard }: ShareCounts) => {
    next.close();
    sum.addPacked(counts, shard);
    addPeers(sum, rest, done);
  });
}
