// Messages between `opinion-lint learn` and its worker threads (cli/learn-share-worker.ts).

import type { MessagePort } from 'node:worker_threads';
import type { PackedShard } from '../engine/profile/types';
import type { CorpusFile, LearnProgress, LearnResult, LearnStats } from '../engine/profile/learn';

export interface LearnShareJob {
  name: string;
  /** The profile keeps its full counts (`learn --shard`). */
  shard: boolean;
  files: CorpusFile[];
  missing: LearnStats['skipped'];
  /**
   * The first worker (the collector) receives every later share's counts on these ports, in share
   * order, adds them to its own, finalizes and hands the profile to the CLI thread.
   */
  peers: MessagePort[];
  /** Any later worker sends its counts to the collector on this port. */
  collector?: MessagePort;
}

/**
 * Raw counts of a part of a share, from its worker to the collector, sent as each part is counted;
 * the phrase shard travels packed (typed arrays, transferred).
 */
export interface ShareCounts {
  counts: LearnResult;
  shard: PackedShard;
  /** The share's last part. */
  last: boolean;
}

export type FromLearnWorker = { type: 'progress'; progress: LearnProgress } | { type: 'result'; result: LearnResult };
