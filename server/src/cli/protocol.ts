// Messages between the CLI and its lint workers.

import type { LintConfig } from '../engine/config/types';
import type { FileLintOutcome } from '../engine/run';

export interface LintTask {
  display: string;
  bytes: Uint8Array;
  config: LintConfig;
  fix: boolean;
}

export type ToWorker = { id: number; task: LintTask };
export type FromWorker = { id: number; outcome: FileLintOutcome } | { id: number; error: string };
