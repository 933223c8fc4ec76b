// Learning runs in a worker thread (bundled as server/out/learn-worker.js): it reads a whole corpus
// and would otherwise block the server; here the server keeps answering, progress flows, and a
// cancelled learn is stopped by terminating the worker.

import { parentPort, workerData } from 'node:worker_threads';
import { collectCorpusFiles, learnCorpusFilesPipelined, type LearnProgress, type LearnStats } from '../engine/profile/learn';
import { serializeProfile } from '../engine/profile/serialize';

export interface LearnJob {
  folders: string[];
  name: string;
}

export type LearnMessage = { type: 'progress'; progress: LearnProgress } | { type: 'done'; profileJson: string; stats: LearnStats };

if (parentPort) {
  const port = parentPort;
  const job = workerData as LearnJob;
  const { files, missing } = collectCorpusFiles(job.folders);
  // Pipelined, with the dictionary the server already built (shared by the process). A rejection is
  // unhandled, which ends the worker with an 'error' event: the command reports it.
  void learnCorpusFilesPipelined(files, { name: job.name, onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies LearnMessage) }, missing).then(
    ({ profile, stats }) => port.postMessage({ type: 'done', profileJson: serializeProfile(profile), stats } satisfies LearnMessage),
  );
}
