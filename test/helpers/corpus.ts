// Where the shared corpora live (beside the project root; CI has them, a fresh clone may not).
// Tests that need them use `describe.runIf(hasCorpus)` so vitest reports them as skipped, by name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusText } from '../../server/src/engine/profile/learn';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const CORPUS_DIR = process.env.OPINION_LINT_CORPUS ?? path.resolve(PROJECT_ROOT, '../shared/corpus');
export const SEED_DIR = path.join(CORPUS_DIR, 'seed');
export const PEOPLE_DAILY_DIR = path.join(CORPUS_DIR, 'people-daily');
export const hasCorpus = existsSync(SEED_DIR) && existsSync(PEOPLE_DAILY_DIR);

/**
 * The seed page's file name and text; empty when the corpus is absent, so that a `describe.runIf(hasCorpus)`
 * body (which vitest still runs to collect the skipped tests' names) does not throw on a fresh clone.
 */
export function readSeedPage(): { file: string; text: string } {
  if (!hasCorpus) return { file: '', text: '' };
  const file = readdirSync(SEED_DIR).find((f) => f.endsWith('.txt'))!;
  return { file, text: readFileSync(path.join(SEED_DIR, file), 'utf8') };
}

/** people-daily's articles (files sorted by name) whose index `keep` accepts, as learning reads them. */
export function peopleDailyTexts(keep: (index: number) => boolean): (CorpusText & { text: string })[] {
  return readdirSync(PEOPLE_DAILY_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .filter((_, i) => keep(i))
    .map((f) => {
      const text = readFileSync(path.join(PEOPLE_DAILY_DIR, f), 'utf8');
      return { ref: `people-daily/${f}`, source: 'people-daily', bytes: Buffer.byteLength(text), meta: {}, text };
    });
}
