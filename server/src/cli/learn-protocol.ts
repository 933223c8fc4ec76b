// Messages between `opinion-lint learn` and its worker threads (cli/learn-share-worker.ts).

import type { PackedShard } from '../engine/phrases/contributor';
import type { CorpusFile, LearnProgress, LearnResult, LearnStats } from '../engine/profile/learn';

export interface LearnShareJob {
  name: string;
  files: CorpusFile[];
  missing: LearnStats['skipped'];
  /** This worker stays to compute keyness inputs after counting. */
  keyness: boolean;
}

export type ToLearnWorker = { type: 'keyness'; phrases: string[] };

export type FromLearnWorker =
  | { type: 'progress'; progress: LearnProgress }
  /** Raw counts; the phrase shard travels packed (typed arrays, transferred). */
  | { type: 'counts'; counts: LearnResult; shard: PackedShard }
  | { type: 'keyness'; probabilities: Float64Array };
