// The reading thread of `opinion-lint learn` (bundled as server/out/read-worker.js): reads and
// decodes the batches of corpus files it is sent, in order, and sends back their texts (or why a
// file was skipped). A text crosses threads as one copy, cheaper than reading and decoding it.

import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readTextFile } from '../engine/text/decode';
import type { ReadBatchReply, ReadBatchRequest } from './read-thread';

if (!parentPort) throw new Error('read-worker.js runs as a worker thread of the opinion-lint CLI');
const port = parentPort;

// Like the pool's segmenting threads (cli/background-priority.ts), this one works ahead of the
// counting thread and must not take its core. On Linux this lowers the calling thread only.
try {
  setPriority(19);
} catch {
  // Not allowed here: it reads at normal priority.
}

port.on('message', ({ id, paths, maxBytes }: ReadBatchRequest) => {
  port.postMessage({ id, results: paths.map((p) => readTextFile(p, maxBytes)) } satisfies ReadBatchReply);
});
port.postMessage({ id: -1, results: [] } satisfies ReadBatchReply);
