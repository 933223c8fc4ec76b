// A learning worker of the pool (workspace/learn.ts; bundled as server/out/learn.worker.js): reads
// and counts its share of the corpus. A later share's counts go to the first worker, the collector,
// which adds them to its own in share order, finalizes once and answers the profile.

import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { CountsSum } from '../engine/profile/learn';
import { streamBuffers } from '../engine/phrases/stream';
import { learnFiles, type FromLearnWorker, type LearnJob, type ShareCounts } from './learn';

if (!parentPort) throw new Error('learn.worker.js runs as a worker thread of Opinion Lint');
const port = parentPort;
const job = workerData as LearnJob;

/** Progress goes out a few times a second: a message per file costs more than it shows. */
const PROGRESS_INTERVAL_MS = 100;

async function main(): Promise<void> {
  let last = 0;
  const learner = learnFiles(job.files, job.missing, {
    name: job.name,
    onProgress(p) {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && p.filesDone < p.filesTotal) return;
      last = now;
      port.postMessage({ type: 'progress', files: p.filesDone, bytes: p.bytesDone, articles: p.articles, file: p.file } satisfies FromLearnWorker);
    },
  });
  const counts = learner.counts();
  if (job.collector) {
    job.collector.postMessage({ counts } satisfies ShareCounts, streamBuffers(counts.profile.register.shard));
    job.collector.close();
    return;
  }
  const sum = new CountsSum(job.name);
  sum.add(counts);
  for (const peer of job.peers) {
    const [{ counts: theirs }] = (await once(peer, 'message')) as [ShareCounts];
    sum.add(theirs);
    peer.close();
  }
  port.postMessage({ type: 'result', result: sum.finish({ shard: job.shard }) } satisfies FromLearnWorker);
}

// A rejection is unhandled, which ends the worker with an 'error' event: the learn fails with its message.
void main();
