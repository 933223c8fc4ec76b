// A lint worker thread: loads the dictionary and profiles once, then lints the files it is sent.

import { parentPort } from 'node:worker_threads';
import { lintBytes } from '../engine/run';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of the opinion-lint CLI');

port.on('message', ({ id, task }: ToWorker) => {
  let reply: FromWorker;
  try {
    reply = { id, outcome: lintBytes(task.bytes, task.display, task.config, { fix: task.fix }) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
