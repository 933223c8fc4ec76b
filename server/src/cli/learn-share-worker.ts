// A learn worker thread (bundled as server/out/learn-share.js): counts its share of the corpus
// (loading the dictionary once) and hands back the raw counts; the CLI adds the shares and
// finalizes once. The worker asked for keyness also computes the general-Chinese probabilities the
// finalize needs, so that the CLI thread never loads the dictionaries itself.

import { parentPort, workerData } from 'node:worker_threads';
import { countCorpusFiles } from '../engine/profile/learn';
import { emptyShard, packShard, phraseGeneralProbability } from '../engine/phrases/contributor';
import { referenceDictionary } from '../engine/phrases/dictionary';
import type { FromLearnWorker, LearnShareJob, ToLearnWorker } from './learn-protocol';

const port = parentPort;
if (!port) throw new Error('learn-share.js runs as a worker thread of the opinion-lint CLI');
const job = workerData as LearnShareJob;

const counts = countCorpusFiles(job.files, { name: job.name, onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies FromLearnWorker) }, job.missing);
const shard = packShard(counts.profile.register.shard ?? emptyShard());
delete counts.profile.register.shard;
const transfer = [shard.quoted, shard.postingEnds, shard.postings, shard.exampleEnds, shard.examples].map((a) => a.buffer as ArrayBuffer);
port.postMessage({ type: 'counts', counts, shard } satisfies FromLearnWorker, transfer);

if (job.keyness) {
  // Loaded while the other shares are still being counted.
  referenceDictionary();
  port.on('message', (msg: ToLearnWorker) => {
    const probabilities = Float64Array.from(msg.phrases, (p) => phraseGeneralProbability(p));
    port.postMessage({ type: 'keyness', probabilities } satisfies FromLearnWorker, [probabilities.buffer]);
  });
}
