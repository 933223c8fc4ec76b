// A lint worker thread: loads the profiles once (the dictionary is the process's, shared), then lints the files it is sent.

import { parentPort } from 'node:worker_threads';
import { lintBytes, type FileLintOutcome } from '../engine/run';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of the opinion-lint CLI');

port.on('message', ({ id, task }: ToWorker) => {
  let reply: FromWorker;
  try {
    const outcome = lintBytes(task.bytes, task.display, task.config, { fix: task.fix, noSummary: task.lean });
    reply = { id, outcome: task.lean ? leanOutcome(outcome) : outcome };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});

/** The outcome without evidence (its summary was left out when linting). */
function leanOutcome(outcome: FileLintOutcome): FileLintOutcome {
  const { findings, ...result } = outcome.result;
  return { ...outcome, result: { ...result, findings: findings.map(({ evidence: _evidence, ...finding }) => finding) } };
}
