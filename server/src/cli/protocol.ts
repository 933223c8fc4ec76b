// Messages between the CLI and its lint workers.

import type { LintConfig } from '../engine/config/types';
import type { FileLintOutcome } from '../engine/run';

export interface LintTask {
  display: string;
  bytes: Uint8Array;
  config: LintConfig;
  fix: boolean;
  /**
   * Send back only what formatters other than the folder report read: no summary, no evidence
   * (a third of what is copied between threads). Not for results the cache stores.
   */
  lean?: boolean;
}

export type ToWorker = { id: number; task: LintTask };
export type FromWorker = { id: number; outcome: FileLintOutcome } | { id: number; error: string };
