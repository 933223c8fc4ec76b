// Where the shared corpora live (beside the project root; CI has them, a fresh clone may not).
// Tests that need them use `describe.runIf(hasCorpus)` so vitest reports them as skipped, by name.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const CORPUS_DIR = process.env.OPINION_LINT_CORPUS ?? path.resolve(PROJECT_ROOT, '../shared/corpus');
export const SEED_DIR = path.join(CORPUS_DIR, 'seed');
export const PEOPLE_DAILY_DIR = path.join(CORPUS_DIR, 'people-daily');
export const hasCorpus = existsSync(SEED_DIR) && existsSync(PEOPLE_DAILY_DIR);
