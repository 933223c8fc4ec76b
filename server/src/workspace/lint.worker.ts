// A lint worker thread: loads the profiles once (the dictionary is the process's, shared), then lints the files it is sent.

import { parentPort } from 'node:worker_threads';
import type { LintConfig } from '../engine/config/types';
import type { Profile } from '../engine/profile/types';
import { lintBytes, type FileLintOutcome } from '../engine/run';
import { profileForConfig } from './profiles';
import type { FromWorker, ToWorker } from './lint-pool';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of the opinion-lint CLI');

port.on('message', ({ id, task }: ToWorker) => {
  let reply: FromWorker;
  try {
    const outcome = lintBytes(task.bytes, task.display, task.config, profileFor(task.config), { fix: task.fix, noSummary: task.lean });
    reply = { id, outcome: task.lean ? leanOutcome(outcome) : outcome };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});

const profiles = new Map<string, Profile>();

/**
 * The profile of a task's config, found once per profile and byline override: a run's profile is
 * fixed when it starts (the CLI fingerprinted it), so its file is not looked up and stat'ed per file.
 */
function profileFor(config: LintConfig): Profile {
  const key = JSON.stringify([config.profile, config.byline ?? null]);
  let profile = profiles.get(key);
  if (!profile) profiles.set(key, (profile = profileForConfig(config)));
  return profile;
}

/** The outcome without evidence (its summary was left out when linting). */
function leanOutcome(outcome: FileLintOutcome): FileLintOutcome {
  const { findings, ...result } = outcome.result;
  return { ...outcome, result: { ...result, findings: findings.map(({ evidence: _evidence, ...finding }) => finding) } };
}
